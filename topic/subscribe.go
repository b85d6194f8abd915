package topic

import (
	"slices"

	"github.com/switchyard/switchyard/queue"
)

// SubscribeQueue subscribes q, as Subscribe with the sqs protocol does for
// a queue of the same account: the subscription is confirmed at once.
// Subscribing a queue again with the same attributes returns the existing
// subscription; with different ones it gives [ErrInvalidParameter]. A FIFO
// queue cannot subscribe to a standard topic; a standard queue can
// subscribe to a FIFO topic.
func (t *Topic[T]) SubscribeQueue(q *queue.Queue[string], cfg SubscriptionConfig) (*Subscription[T], error) {
	if q == nil {
		return nil, invalid("SQS endpoint ARN")
	}
	if !t.fifo && q.FIFO() {
		return nil, invalid("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics")
	}
	st, err := t.checkSubscription(q, cfg, "Attributes Reason: ")
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, s := range t.subs {
		if s.queue == q {
			if !sameAttributes(s.state.Load().cfg, cfg) {
				return nil, invalid("Attributes Reason: Subscription already exists with different attributes")
			}
			return s, nil
		}
	}
	return t.addLocked(&Subscription[T]{queue: q}, st, 1)
}

// SubscribeHandler subscribes h, as a Lambda function subscribes: each
// message is passed to h in a goroutine of the topic's, never in the
// publisher's, and a call that returns an error is retried on SNS's
// schedule. Every call makes a new subscription.
func (t *Topic[T]) SubscribeHandler(h Handler[T], cfg SubscriptionConfig) (*Subscription[T], error) {
	if f, ok := h.(HandlerFunc[T]); h == nil || ok && f == nil {
		return nil, invalid("Endpoint")
	}
	st, err := t.checkSubscription(nil, cfg, "Attributes Reason: ")
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.addLocked(&Subscription[T]{handler: h}, st, max(cfg.Concurrency, 1))
}

// addLocked completes and adds a new subscription s.
func (t *Topic[T]) addLocked(s *Subscription[T], st *subscriptionState, concurrency int) (*Subscription[T], error) {
	if t.closed {
		return nil, errTopicNotFound()
	}
	s.topic = t
	s.arn = t.arn + ":" + newUUID(4)
	s.state.Store(st)
	s.d.init(s, concurrency)
	t.subs = append(t.subs, s)
	t.refilterLocked(s)
	return s, nil
}

// Subscriptions returns the topic's subscriptions, oldest first
// (ListSubscriptionsByTopic).
func (t *Topic[T]) Subscriptions() []*Subscription[T] {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.subs)
}

// Subscription returns the subscription with the given ARN, or
// [ErrNotFound].
func (t *Topic[T]) Subscription(arn string) (*Subscription[T], error) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for _, s := range t.subs {
		if s.arn == arn {
			return s, nil
		}
	}
	return nil, errSubscriptionNotFound()
}

// Unsubscribe removes the subscription with the given ARN; see
// [Subscription.Unsubscribe].
func (t *Topic[T]) Unsubscribe(arn string) error {
	s, err := t.Subscription(arn)
	if err != nil {
		return err
	}
	return t.unsubscribe(s)
}

func (t *Topic[T]) unsubscribe(s *Subscription[T]) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := slices.Index(t.subs, s)
	if i < 0 {
		return errSubscriptionNotFound()
	}
	t.subs = slices.Delete(t.subs, i, i+1)
	t.unfileLocked(s)
	s.stats.dropped.Add(int64(s.d.close()))
	return nil
}

// subscribed reports whether s is one of the topic's subscriptions. The
// caller holds t.mu.
func (t *Topic[T]) subscribed(s *Subscription[T]) bool { return slices.Contains(t.subs, s) }
