package topic

import (
	"errors"
	"sync/atomic"

	"github.com/switchyard/switchyard/internal/pattern"
	"github.com/switchyard/switchyard/queue"
)

// FilterScope is a subscription's FilterPolicyScope: what its filter policy
// is matched against.
type FilterScope string

// The filter policy scopes.
const (
	// ScopeMessageAttributes matches the message attributes (the default).
	ScopeMessageAttributes FilterScope = "MessageAttributes"
	// ScopeMessageBody matches the message, which must be a JSON object.
	ScopeMessageBody FilterScope = "MessageBody"
)

// SubscriptionConfig holds a subscription's attributes. The zero value
// delivers every message, in the SNS envelope, and drops what cannot be
// delivered.
type SubscriptionConfig struct {
	// FilterPolicy is an SNS filter policy (JSON); "" delivers every
	// message.
	FilterPolicy string
	// FilterPolicyScope is what the policy matches; "" means
	// [ScopeMessageAttributes].
	FilterPolicyScope FilterScope
	// RawMessageDelivery (queue subscriptions only) delivers the message
	// itself, with its attributes as the queue message's attributes,
	// instead of the JSON envelope.
	RawMessageDelivery bool
	// DeadLetterQueue (the RedrivePolicy) receives what could not be
	// delivered: the message as the endpoint would have received it, with
	// its attributes. It must be a FIFO queue for a FIFO queue's
	// subscription to a FIFO topic, and may be one only on a FIFO topic.
	DeadLetterQueue *queue.Queue[string]
	// Concurrency (handler subscriptions only) is how many deliveries may
	// run at once; zero means 1. On a FIFO topic a message group's
	// deliveries never overlap, whatever the setting.
	Concurrency int
}

// Subscription is one endpoint subscribed to a [Topic]: a queue or a
// handler. It is safe for concurrent use and must not be copied. Its
// attributes can change at any time: a new filter policy applies to the
// messages published after the change, and the other attributes to every
// delivery attempted after it, retries of earlier messages included.
type Subscription[T any] struct {
	topic   *Topic[T]
	arn     string
	queue   *queue.Queue[string] // the endpoint, or nil
	handler Handler[T]           // the endpoint, when queue is nil
	state   atomic.Pointer[subscriptionState]
	d       dispatcher[T]
	stats   stats
}

// subscriptionState is a subscription's attributes and compiled filter
// policy, replaced whole when they change so that deliveries read them
// without locking.
type subscriptionState struct {
	cfg    SubscriptionConfig
	policy *pattern.Policy // nil: every message
}

// ARN returns the subscription's ARN: the topic's ARN, ':' and a UUID.
func (s *Subscription[T]) ARN() string { return s.arn }

// Queue returns the subscribed queue, or nil for a handler subscription.
func (s *Subscription[T]) Queue() *queue.Queue[string] { return s.queue }

// Config returns the subscription's current attributes.
func (s *Subscription[T]) Config() SubscriptionConfig { return s.state.Load().cfg }

// Stats returns the subscription's delivery counts so far.
func (s *Subscription[T]) Stats() Stats { return s.stats.snapshot() }

// SetFilterPolicy replaces the filter policy; "" removes it. An invalid
// policy gives [ErrInvalidParameter] with SNS's reason and changes nothing.
func (s *Subscription[T]) SetFilterPolicy(policy string) error {
	return s.update(func(c *SubscriptionConfig) { c.FilterPolicy = policy })
}

// SetFilterPolicyScope changes what the filter policy matches. The policy
// must be valid in the new scope (attribute policies are flat).
func (s *Subscription[T]) SetFilterPolicyScope(scope FilterScope) error {
	return s.update(func(c *SubscriptionConfig) { c.FilterPolicyScope = scope })
}

// SetRawMessageDelivery turns raw delivery on or off (queue subscriptions).
func (s *Subscription[T]) SetRawMessageDelivery(raw bool) error {
	return s.update(func(c *SubscriptionConfig) { c.RawMessageDelivery = raw })
}

// SetDeadLetterQueue sets the dead-letter queue; nil removes it.
func (s *Subscription[T]) SetDeadLetterQueue(q *queue.Queue[string]) error {
	return s.update(func(c *SubscriptionConfig) { c.DeadLetterQueue = q })
}

// SetConfig replaces every attribute at once. A handler subscription's
// concurrency is fixed when it subscribes: a different one is refused.
func (s *Subscription[T]) SetConfig(cfg SubscriptionConfig) error {
	return s.update(func(c *SubscriptionConfig) { *c = cfg })
}

// Unsubscribe removes the subscription. Deliveries waiting for a retry or
// behind their message group are dropped; a handler call already running
// finishes. Unsubscribing twice gives [ErrNotFound].
func (s *Subscription[T]) Unsubscribe() error { return s.topic.unsubscribe(s) }

// update applies change to a copy of the attributes, checks the result as
// SetSubscriptionAttributes does and, if it is valid, makes it current.
// The check, which compiles the filter policy, runs outside the topic's
// lock so that publishes go on meanwhile; if another change lands first,
// the change is made again on top of it.
func (s *Subscription[T]) update(change func(*SubscriptionConfig)) error {
	t := s.topic
	for {
		t.mu.RLock()
		subscribed := t.subscribed(s)
		t.mu.RUnlock()
		if !subscribed {
			return errSubscriptionNotFound()
		}
		old := s.state.Load()
		cfg := old.cfg
		change(&cfg)
		if cfg.Concurrency != old.cfg.Concurrency {
			return invalid("Concurrency: cannot be changed once subscribed.")
		}
		st, err := t.checkSubscription(s.queue, cfg, "")
		if err != nil {
			return err
		}
		t.mu.Lock()
		switch {
		case !t.subscribed(s):
			t.mu.Unlock()
			return errSubscriptionNotFound()
		case s.state.Load() != old:
			t.mu.Unlock()
			continue
		}
		s.state.Store(st)
		t.refilterLocked(s)
		t.mu.Unlock()
		return nil
	}
}

// checkSubscription checks the attributes of a subscription of q (nil for
// a handler) and compiles its filter policy. Errors read "Invalid
// parameter: " + prefix + the attribute's reason: Subscribe passes
// "Attributes Reason: ", SetSubscriptionAttributes "".
func (t *Topic[T]) checkSubscription(q *queue.Queue[string], cfg SubscriptionConfig, prefix string) (*subscriptionState, error) {
	reject := func(err error) error {
		var pe *pattern.Error
		if errors.As(err, &pe) {
			return invalid(prefix + pe.Error())
		}
		return err
	}
	scope, err := pattern.ParseScope(string(cfg.FilterPolicyScope))
	if err != nil {
		return nil, reject(err)
	}
	st := &subscriptionState{cfg: cfg}
	if cfg.FilterPolicy != "" {
		if st.policy, err = pattern.ParseFilterPolicy(cfg.FilterPolicy, scope); err != nil {
			return nil, reject(err)
		}
	}
	if q == nil && cfg.RawMessageDelivery {
		return nil, invalid(prefix + "RawMessageDelivery: Invalid value [true]. Raw message delivery is not supported for the lambda protocol.")
	}
	if q != nil && cfg.Concurrency != 0 {
		return nil, invalid(prefix + "Concurrency: applies to handler subscriptions only.")
	}
	if cfg.Concurrency < 0 {
		return nil, invalid(prefix + "Concurrency: must not be negative.")
	}
	if dlq := cfg.DeadLetterQueue; dlq != nil {
		switch {
		case t.fifo && q != nil && q.FIFO() && !dlq.FIFO():
			return nil, invalid(prefix + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.")
		case !t.fifo && dlq.FIFO():
			return nil, invalid(prefix + "RedrivePolicy: must use a standard queue as DLQ for a standard Subscription.")
		}
	}
	return st, nil
}

// sameAttributes reports whether a and b are the same subscription
// attributes, as Subscribe compares them to decide whether a repeated
// subscription is the existing one.
func sameAttributes(a, b SubscriptionConfig) bool {
	scope := func(s FilterScope) FilterScope {
		if s == "" {
			return ScopeMessageAttributes
		}
		return s
	}
	return a.FilterPolicy == b.FilterPolicy && scope(a.FilterPolicyScope) == scope(b.FilterPolicyScope) &&
		a.RawMessageDelivery == b.RawMessageDelivery && a.DeadLetterQueue == b.DeadLetterQueue
}

// Stats counts what happened to a subscription's deliveries.
type Stats struct {
	// Delivered is how many messages the endpoint accepted.
	Delivered int64
	// Failures is how many attempts failed, retried or not.
	Failures int64
	// DeadLettered is how many messages went to the dead-letter queue.
	DeadLettered int64
	// Dropped is how many messages were given up: undeliverable with no
	// dead-letter queue (or one that refused them), or discarded by
	// Unsubscribe or Close while waiting.
	Dropped int64
}

type stats struct{ delivered, failures, deadLettered, dropped atomic.Int64 }

func (s *stats) snapshot() Stats {
	return Stats{
		Delivered:    s.delivered.Load(),
		Failures:     s.failures.Load(),
		DeadLettered: s.deadLettered.Load(),
		Dropped:      s.dropped.Load(),
	}
}

func errSubscriptionNotFound() error { return ErrNotFound.WithMessage("Subscription does not exist") }
