package snsapi

import (
	"context"
	"net/http"
	"sync"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// Function is a Lambda-style function registered in the account: it gets
// the event's JSON and returns its result's JSON. An error is a function
// error, which SNS retries.
type Function func(ctx context.Context, payload []byte) ([]byte, error)

// Config describes the account a [Service] serves and how it reaches the
// endpoints of subscriptions.
type Config struct {
	// Region and Account are those of every ARN, such as "us-east-1" and
	// "000000000000".
	Region, Account string
	// Clock is the time source of every topic; nil means [clock.System].
	Clock clock.Clock
	// Queue resolves the ARN of a queue of the same account, the endpoint
	// of an sqs subscription; nil resolves none.
	Queue func(arn string) (*queue.Queue[string], bool)
	// Function resolves the ARN of a function of the same account
	// (arn:aws:lambda:region:account:function:name), the endpoint of a
	// lambda subscription; nil resolves none.
	Function func(arn string) (Function, bool)
}

// Service is SNS for one account in one region. It is safe for concurrent
// use and holds no package-level state; it must not be copied.
type Service struct {
	cfg   Config
	clock clock.Clock
	proto wire.XMLProtocol

	// mu guards the registry below and every topic's and subscription's
	// attributes. It is never held while a topic closes, nor while a
	// function runs.
	mu     sync.Mutex
	seq    uint64                 // the last sequence given to a topic or subscription
	topics map[string]*topicState // by ARN
	subs   map[string]*subState   // by ARN
	tokens map[string]*subState   // pending subscriptions, by confirmation token

	// Deleted topics close in the background, as deleting a topic on AWS
	// returns at once: retiring holds them until they have, so that Close
	// can wait for them too.
	retiring map[*topic.Topic[string]]struct{}
	retired  sync.WaitGroup
}

// topicState is a topic as the API knows it: the engine and what SNS
// keeps beside it. Fields other than the first five are guarded by
// Service.mu.
type topicState struct {
	seq    uint64
	arn    string
	name   string
	fifo   bool
	engine *topic.Topic[string]

	attrs          map[string]string // settable attributes as set, by name
	cbd            bool              // ContentBasedDeduplication as set now
	dataProtection string            // DataProtectionPolicy, "" when none
	tags           map[string]string
	subs           []*subState // oldest first
}

// New returns a service with no topics. Region and Account default to
// "us-east-1" and "000000000000".
func New(cfg Config) *Service {
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.Account == "" {
		cfg.Account = "000000000000"
	}
	s := &Service{
		cfg:      cfg,
		clock:    clock.Or(cfg.Clock),
		proto:    wire.XMLProtocol{Namespace: "http://sns.amazonaws.com/doc/2010-03-31/"},
		retiring: make(map[*topic.Topic[string]]struct{}),
	}
	s.clearLocked()
	return s
}

// clearLocked empties the registry. The caller holds s.mu (or owns s).
func (s *Service) clearLocked() {
	s.seq = 0
	s.topics = make(map[string]*topicState)
	s.subs = make(map[string]*subState)
	s.tokens = make(map[string]*subState)
}

// nextSeqLocked returns a new sequence, which orders lists and pages.
func (s *Service) nextSeqLocked() uint64 {
	s.seq++
	return s.seq
}

// ServeQuery answers one Query request whose form has been read: its
// Action, with Version 2010-03-31. Errors are written as SNS's XML
// ErrorResponse; a request that fails changes nothing.
func (s *Service) ServeQuery(w http.ResponseWriter, r *http.Request, form wire.Form) {
	requestID := wire.RequestID()
	action := form.Get("Action")
	if action == "" {
		s.proto.WriteError(w, requestID, wire.ErrMissingAction)
		return
	}
	result, err := s.call(action, form)
	if err != nil {
		s.proto.WriteError(w, requestID, err)
		return
	}
	s.proto.WriteResult(w, requestID, action, result)
}

// Call runs action in process on its Query parameters and returns its
// result document (nil for an action that has none), for the account's
// other services (a state machine's task publishing a message).
func (s *Service) Call(action string, f wire.Form) (any, error) { return s.call(action, f) }

// call runs action and returns its result document, or nil for an action
// whose reply has none (an empty result is not none: the SDKs want
// <TagResourceResult/>, and no <DeleteTopicResult>).
func (s *Service) call(action string, f wire.Form) (any, error) {
	switch action {
	case "CreateTopic":
		return s.createTopic(f)
	case "DeleteTopic":
		return nil, s.deleteTopic(f)
	case "ListTopics":
		return s.listTopics(f)
	case "GetTopicAttributes":
		return s.getTopicAttributes(f)
	case "SetTopicAttributes":
		return nil, s.setTopicAttributes(f)
	case "AddPermission":
		return nil, s.addPermission(f)
	case "RemovePermission":
		return nil, s.removePermission(f)
	case "GetDataProtectionPolicy":
		return s.getDataProtectionPolicy(f)
	case "PutDataProtectionPolicy":
		return nil, s.putDataProtectionPolicy(f)
	case "Subscribe":
		return s.subscribe(f)
	case "ConfirmSubscription":
		return s.confirmSubscription(f)
	case "Unsubscribe":
		return nil, s.unsubscribe(f)
	case "ListSubscriptions":
		return s.listSubscriptions(f)
	case "ListSubscriptionsByTopic":
		return s.listSubscriptionsByTopic(f)
	case "GetSubscriptionAttributes":
		return s.getSubscriptionAttributes(f)
	case "SetSubscriptionAttributes":
		return nil, s.setSubscriptionAttributes(f)
	case "Publish":
		return s.publish(f)
	case "PublishBatch":
		return s.publishBatch(f)
	case "TagResource":
		return emptyResult{}, s.tagResource(f)
	case "UntagResource":
		return emptyResult{}, s.untagResource(f)
	case "ListTagsForResource":
		return s.listTagsForResource(f)
	case "CheckIfPhoneNumberIsOptedOut", "CreatePlatformApplication", "CreatePlatformEndpoint",
		"CreateSMSSandboxPhoneNumber", "DeleteEndpoint", "DeletePlatformApplication",
		"DeleteSMSSandboxPhoneNumber", "GetEndpointAttributes", "GetPlatformApplicationAttributes",
		"GetSMSAttributes", "GetSMSSandboxAccountStatus", "ListEndpointsByPlatformApplication",
		"ListOriginationNumbers", "ListPhoneNumbersOptedOut", "ListPlatformApplications",
		"ListSMSSandboxPhoneNumbers", "OptInPhoneNumber", "SetEndpointAttributes",
		"SetPlatformApplicationAttributes", "SetSMSAttributes", "VerifySMSSandboxPhoneNumber":
		return nil, notImplemented(action)
	}
	return nil, unknownAction(action)
}

// TopicByARN returns the engine of the topic with the given ARN, for
// wiring by ARN elsewhere in the account (an EventBridge target, a test).
func (s *Service) TopicByARN(arn string) (*topic.Topic[string], bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.topics[arn]
	if !ok {
		return nil, false
	}
	return t.engine, true
}

// ConfirmationToken returns the token ConfirmSubscription takes for the
// pending subscription with the given ARN: what SNS would have sent to its
// endpoint, which nothing here delivers to.
func (s *Service) ConfirmationToken(subscriptionARN string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subs[subscriptionARN]
	if !ok || !sub.pending {
		return "", false
	}
	return sub.token, true
}

// Reset deletes every topic and subscription, as at start. Topics close
// as DeleteTopic closes them: at once for publishing, while deliveries
// already under way finish in the background ([Service.Close] waits for
// them).
func (s *Service) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.topics {
		s.retireLocked(t.engine)
	}
	s.clearLocked()
}

// Close deletes every topic and subscription, as [Service.Reset] does, and
// waits for their deliveries under way, as [topic.Topic.Close] does; if
// ctx ends first it returns ctx.Err() and lets them finish on their own.
// The service still answers requests afterwards, from an empty registry.
func (s *Service) Close(ctx context.Context) error {
	s.mu.Lock()
	engines := make([]*topic.Topic[string], 0, len(s.topics)+len(s.retiring))
	for _, t := range s.topics {
		engines = append(engines, t.engine)
	}
	for t := range s.retiring {
		engines = append(engines, t)
	}
	s.clearLocked()
	s.mu.Unlock()
	var first error
	for _, t := range engines {
		if err := t.Close(ctx); err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return first
	}
	// Every topic has drained, so the background closes are returning.
	s.retired.Wait()
	return nil
}

// retireLocked closes a deleted topic in the background. The caller holds
// s.mu.
func (s *Service) retireLocked(t *topic.Topic[string]) {
	s.retiring[t] = struct{}{}
	s.retired.Add(1)
	go func() {
		defer s.retired.Done()
		_ = t.Close(context.Background())
		s.mu.Lock()
		delete(s.retiring, t)
		s.mu.Unlock()
	}()
}
