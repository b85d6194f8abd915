package snsapi

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	randv2 "math/rand/v2"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/uuid"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// subState is a subscription as the API knows it. Fields other than the
// first five are guarded by Service.mu.
type subState struct {
	seq      uint64
	arn      string
	topic    *topicState
	protocol string
	endpoint string

	pending       bool   // waiting for ConfirmSubscription
	authenticated bool   // ConfirmationWasAuthenticated
	token         string // the confirmation token, for pending ones
	// engine delivers to the endpoint; nil for a subscription nothing is
	// delivered to (pending, or a protocol the engine does not deliver).
	engine *topic.Subscription[string]
	attrs  map[string]string // settable attributes as set, by name
}

// pendingARN is what SNS shows in place of the ARN of a subscription
// waiting for confirmation: Subscribe answers "pending confirmation" and
// the lists "PendingConfirmation".
const (
	pendingSubscribeARN = "pending confirmation"
	pendingListARN      = "PendingConfirmation"
)

// lambdaConcurrency is how many deliveries one lambda subscription runs
// at once, as Lambda runs asynchronous invocations side by side.
const lambdaConcurrency = 10

// endpointKind says what becomes of a new subscription.
type endpointKind int

const (
	toQueue     endpointKind = iota // a queue of the account: confirmed, delivered
	toFunction                      // a function of the account: confirmed, delivered
	toConfirmed                     // confirmed at once, delivered nowhere
	toPending                       // waits for ConfirmSubscription, delivered nowhere
)

// checkEndpoint checks a Subscribe's protocol and endpoint for topic t as
// SNS does, and says what kind of subscription they make.
func (s *Service) checkEndpoint(t *topicState, protocol, endpoint string) (endpointKind, error) {
	switch protocol {
	case "http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose":
	default:
		return 0, invalid("Amazon SNS does not support this protocol string: " + protocol)
	}
	if t.fifo && protocol != "sqs" {
		return 0, invalid("Invalid protocol type: " + protocol)
	}
	a, _, isARN := parseARN(endpoint)
	ours := isARN && a.account == s.cfg.Account
	switch protocol {
	case "sqs":
		if !isARN || a.service != "sqs" {
			return 0, invalid("SQS endpoint ARN")
		}
		if !t.fifo && strings.HasSuffix(a.resource, ".fifo") {
			return 0, invalid("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics")
		}
		if ours {
			return toQueue, nil
		}
		return toPending, nil
	case "lambda":
		if !isARN || a.service != "lambda" {
			return 0, invalid("Lambda endpoint ARN")
		}
		if ours {
			return toFunction, nil
		}
		return toPending, nil
	case "http", "https":
		if !strings.HasPrefix(strings.ToLower(endpoint), protocol+"://") {
			return 0, invalid("Endpoint must match the specified protocol")
		}
		return toPending, nil
	case "email", "email-json":
		if !strings.Contains(endpoint, "@") {
			return 0, invalid("Email address")
		}
		return toPending, nil
	case "sms":
		if !isPhoneNumber(endpoint) {
			return 0, invalidText("Invalid SMS endpoint: " + endpoint)
		}
	case "application":
		if !isARN {
			return 0, invalid("ApplicationEndpoint ARN")
		}
	case "firehose":
		if !isARN || a.service != "firehose" {
			return 0, invalid("Firehose endpoint ARN")
		}
	}
	return toConfirmed, nil
}

// isPhoneNumber reports whether s is a phone number in E.164 form: an
// optional '+' and 2–15 digits, the first not 0.
func isPhoneNumber(s string) bool {
	s = strings.TrimPrefix(s, "+")
	if len(s) < 2 || len(s) > 15 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// subscribe is Subscribe. It is idempotent: the endpoint subscribed again
// with no attributes, or the same ones, returns the subscription it has.
func (s *Service) subscribe(f wire.Form) (any, error) {
	p := params{f: f}
	topicARN := p.require("TopicArn", "topicArn")
	protocol := p.require("Protocol", "protocol")
	if err := p.err(); err != nil {
		return nil, err
	}
	endpoint := f.Get("Endpoint")
	returnARN, _ := parseBool(f.Get("ReturnSubscriptionArn"))
	given := f.Map("Attributes.entry", "key", "value")

	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", topicARN)
	if err != nil {
		return nil, err
	}
	kind, err := s.checkEndpoint(t, protocol, endpoint)
	if err != nil {
		return nil, err
	}
	attrs := make(map[string]string, len(given))
	for k, v := range given {
		if attrs[k], err = s.checkSubscriptionAttribute(t, protocol, endpoint, k, v, "Attributes Reason: "); err != nil {
			return nil, err
		}
	}
	if err := checkFilter(attrs, "Attributes Reason: "); err != nil {
		return nil, err
	}
	for _, sub := range t.subs {
		if sub.protocol != protocol || sub.endpoint != endpoint {
			continue
		}
		for k, v := range attrs {
			if sub.attributeLocked(k) != v {
				return nil, invalid("Attributes Reason: Subscription already exists with different attributes")
			}
		}
		return subscribeResult{SubscriptionArn: sub.subscribeARN(returnARN)}, nil
	}

	sub := &subState{topic: t, protocol: protocol, endpoint: endpoint, attrs: attrs}
	switch kind {
	case toQueue, toFunction:
		cfg := s.engineConfigLocked(attrs)
		var es *topic.Subscription[string]
		if kind == toQueue {
			es, err = t.engine.SubscribeQueue(s.resolveQueue(endpoint), cfg)
		} else {
			cfg.Concurrency = lambdaConcurrency
			es, err = t.engine.SubscribeHandler(s.lambdaHandler(t, endpoint), cfg)
		}
		if err != nil {
			return nil, err
		}
		if known, dup := s.subs[es.ARN()]; dup {
			// Another ARN resolved to the same queue, already subscribed.
			return subscribeResult{SubscriptionArn: known.arn}, nil
		}
		sub.arn, sub.engine = es.ARN(), es
	case toPending:
		sub.arn = t.arn + ":" + newUUID()
		sub.pending = true
		sub.token = newToken()
		s.tokens[sub.token] = sub
	default:
		sub.arn = t.arn + ":" + newUUID()
	}
	sub.authenticated = !sub.pending
	sub.seq = s.nextSeqLocked()
	s.subs[sub.arn] = sub
	t.subs = append(t.subs, sub)
	return subscribeResult{SubscriptionArn: sub.subscribeARN(returnARN)}, nil
}

// subscribeARN is the SubscriptionArn Subscribe answers with.
func (sub *subState) subscribeARN(returnARN bool) string {
	if sub.pending && !returnARN {
		return pendingSubscribeARN
	}
	return sub.arn
}

// resolveQueue returns the queue an sqs endpoint of the account names, or,
// when there is none, a stand-in that is already closed, so that every
// delivery fails as a delivery to a deleted queue does on AWS: as a
// client-side error, which goes to the dead-letter queue or is dropped.
func (s *Service) resolveQueue(endpoint string) *queue.Queue[string] {
	if s.cfg.Queue != nil {
		if q, ok := s.cfg.Queue(endpoint); ok && q != nil {
			return q
		}
	}
	fifo := strings.HasSuffix(endpoint, ".fifo")
	name := "switchyard-missing-queue"
	if fifo {
		name += ".fifo"
	}
	q, err := queue.New(queue.Config[string]{Name: name, FIFO: fifo},
		queue.WithAccount(s.cfg.Region, s.cfg.Account), queue.WithClock(s.clock))
	if err != nil {
		return nil // not reached: the configuration is valid
	}
	q.Close()
	return q
}

// confirmSubscription is ConfirmSubscription, for a subscription waiting
// for confirmation; confirming one again answers the same.
func (s *Service) confirmSubscription(f wire.Form) (any, error) {
	p := params{f: f}
	topicARN := p.require("TopicArn", "topicArn")
	token := p.require("Token", "token")
	if err := p.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, _, ok := parseARN(topicARN); !ok || a.service != "sns" || a.region != s.cfg.Region {
		return nil, invalid("Topic")
	}
	sub, ok := s.tokens[token]
	if !ok || sub.topic.arn != topicARN {
		return nil, invalid("Token")
	}
	sub.pending, sub.authenticated = false, true
	return subscribeResult{SubscriptionArn: sub.arn}, nil
}

// unsubscribe is Unsubscribe; a subscription that does not exist is
// already unsubscribed, as on AWS.
func (s *Service) unsubscribe(f wire.Form) error {
	p := params{f: f}
	arn := p.require("SubscriptionArn", "subscriptionArn")
	if err := p.err(); err != nil {
		return err
	}
	if arn == "" {
		return invalid("SubscriptionArn Reason: no value for required parameter")
	}
	if err := s.checkSubscriptionARN(arn); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sub, ok := s.subs[arn]; ok {
		s.unsubscribeLocked(sub)
	}
	return nil
}

// unsubscribeLocked removes sub from the registry, its topic and the
// engine. The caller holds s.mu.
func (s *Service) unsubscribeLocked(sub *subState) {
	s.forgetLocked(sub)
	t := sub.topic
	t.subs = slices.DeleteFunc(t.subs, func(o *subState) bool { return o == sub })
	if sub.engine != nil {
		_ = sub.engine.Unsubscribe() // fails only if already gone
	}
}

// forgetLocked removes sub from the registry's maps. The caller holds
// s.mu.
func (s *Service) forgetLocked(sub *subState) {
	delete(s.subs, sub.arn)
	if sub.token != "" {
		delete(s.tokens, sub.token)
	}
}

// listSubscriptions is ListSubscriptions: 100 a page, oldest first.
func (s *Service) listSubscriptions(f wire.Form) (any, error) {
	after, err := parsePageToken(f.Get("NextToken"))
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	subs := make([]*subState, 0, len(s.subs))
	for _, sub := range s.subs {
		subs = append(subs, sub)
	}
	return s.subscriptionPage(subs, after), nil
}

// listSubscriptionsByTopic is ListSubscriptionsByTopic: 100 a page,
// oldest first.
func (s *Service) listSubscriptionsByTopic(f wire.Form) (any, error) {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	if err := p.err(); err != nil {
		return nil, err
	}
	after, err := parsePageToken(f.Get("NextToken"))
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", arn)
	if err != nil {
		return nil, err
	}
	return s.subscriptionPage(slices.Clone(t.subs), after), nil
}

// subscriptionPage returns the page of subs after the sequence after.
func (s *Service) subscriptionPage(subs []*subState, after uint64) listSubscriptionsResult {
	subs = slices.DeleteFunc(subs, func(sub *subState) bool { return sub.seq <= after })
	slices.SortFunc(subs, func(a, b *subState) int { return cmp.Compare(a.seq, b.seq) })
	var res listSubscriptionsResult
	if len(subs) > pageSize {
		subs = subs[:pageSize]
		res.NextToken = pageToken(subs[pageSize-1].seq)
	}
	res.Subscriptions.Members = make([]subscriptionMember, len(subs))
	for i, sub := range subs {
		arn := sub.arn
		if sub.pending {
			arn = pendingListARN
		}
		res.Subscriptions.Members[i] = subscriptionMember{
			SubscriptionArn: arn,
			Owner:           s.cfg.Account,
			Protocol:        sub.protocol,
			Endpoint:        sub.endpoint,
			TopicArn:        sub.topic.arn,
		}
	}
	return res
}

// newUUID returns a random version-4 UUID, as subscription ids are.
func newUUID() string {
	return uuid.String(uuid.Stamp(randv2.Uint64(), randv2.Uint64(), 4))
}

// newToken returns a confirmation token: 288 hex digits, as SNS's are.
func newToken() string {
	var b [144]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	return hex.EncodeToString(b[:])
}
