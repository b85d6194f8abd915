package eventsapi

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// MaxRequestBody is the body limit of an EventBridge request. The largest
// valid request is a PutEvents call of 256 KiB of entries, which JSON
// escaping can make up to six times as long (\u00XX for a control
// character); 4 MiB admits every valid request and refuses a runaway body
// before anything is decoded.
const MaxRequestBody = 4 << 20

// TargetParameters are a target's service-specific settings the
// destination needs.
type TargetParameters struct {
	// SQSMessageGroupID is SqsParameters.MessageGroupId.
	SQSMessageGroupID string
	// KinesisPartitionKeyPath is KinesisParameters.PartitionKeyPath.
	KinesisPartitionKeyPath string
}

// Config is where the service lives and how its targets reach other
// services.
type Config struct {
	// Region and Account name the buses' ARNs, such as "us-east-1" and
	// "000000000000".
	Region, Account string
	// Clock is the time source of every bus; nil means [clock.System].
	Clock clock.Clock
	// Destination returns the destination of a target ARN that is not a
	// bus of this service: a queue, topic, stream, delivery stream, state
	// machine or function. It is called when PutTargets puts the target
	// and again for every delivery, outside the service's locks, so it
	// must be cheap and safe for concurrent use.
	//
	// At PutTargets an error with the code ValidationException (one that
	// matches [eventbus.ErrValidation] under errors.Is: a malformed ARN, a
	// service that cannot be a target) refuses the request with that
	// error; any other error, such as a resource that does not exist, is
	// ignored there, as AWS accepts targets whose resources do not exist.
	// At delivery an error fails the delivery: the bus classifies it by
	// its code (a missing resource is RESOURCE_NOT_FOUND and is not
	// retried). nil means no ARN but buses can be a target.
	Destination func(arn string, p TargetParameters) (eventbus.Destination, error)
	// DeadLetter returns the dead-letter queue a target's
	// DeadLetterConfig.Arn (an SQS queue ARN) names, or false when there is
	// none. It is called for each dead letter, so a queue created after the
	// target still receives them; with no queue the dead letter is lost
	// and counted as InvocationsFailedToBeSentToDLQ, as in AWS. nil means
	// no queue.
	DeadLetter func(arn string) (eventbus.DeadLetter, bool)
}

// Service is EventBridge in one account and region: its buses (the
// "default" bus always among them), their rules and targets, archives,
// replays, tags and permissions. It is safe for concurrent use; two
// services share nothing.
//
// Where it differs from AWS on purpose:
//   - Everything is immediate: a new rule matches the next event, and a
//     deleted bus is gone at once.
//   - PutTargets and RemoveTargets never report FailedEntries: AWS fills
//     them only when concurrent requests collide, which cannot happen
//     here. Problems with the request refuse it as a whole, as in AWS.
//   - RemoveTargets ignores ids the rule does not have.
//   - DeleteRule refuses a rule with targets even with Force, as AWS does
//     for rules no AWS service manages (there are no managed rules here).
//   - UpdateArchive on a missing archive fails with
//     ResourceNotFoundException; AWS answers InternalException.
//   - Event bus policies are stored and returned, never enforced; KMS
//     keys, log and dead-letter settings of buses are not kept.
//   - Events sent from one bus to another may loop for ever if two
//     buses' rules send to each other; there is no hop limit.
//   - NextToken values are this service's own opaque strings.
//   - The engine's differences apply too (see package eventbus).
type Service struct {
	cfg Config
	api wire.JSONService

	// mu guards the maps below and the bus entries in them, and
	// serialises every change to rules and targets, so that the engine
	// and what the service keeps beside it agree. It is never held while
	// a bus waits for its deliveries (Close), since deliveries to a bus
	// target read the service.
	mu       sync.RWMutex
	buses    map[string]*busEntry // by name
	archives map[string]string    // archive name → bus name; names are per account
	replays  map[string]string    // replay name → bus name
}

// busEntry is one bus and what the API keeps beside the engine.
type busEntry struct {
	bus               *eventbus.Bus
	description       string
	created, modified time.Time
	policy            policyDocument // nil without permissions
	tags              tagList
	rules             map[string]*ruleEntry // by name; a rule the engine has but this lacks has no extras
}

// ruleEntry is what the API keeps beside a rule of the engine.
type ruleEntry struct {
	roleARN string
	tags    tagList
	targets map[string]Target // by id, as PutTargets gave them
}

// New returns a service with the default bus.
func New(cfg Config) *Service {
	cfg.Clock = clock.Or(cfg.Clock)
	s := &Service{cfg: cfg}
	s.api = wire.JSONService{Protocol: jsonProtocol, Operations: s.operations()}
	s.resetLocked()
	return s
}

// jsonProtocol is EventBridge's dialect of the JSON protocol.
var jsonProtocol = wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}

// operations is the API: every operation by its name in X-Amz-Target.
func (s *Service) operations() map[string]wire.Operation {
	return map[string]wire.Operation{
		"CreateEventBus":        wire.Op(s.createEventBus),
		"DescribeEventBus":      wire.Op(s.describeEventBus),
		"ListEventBuses":        wire.Op(s.listEventBuses),
		"UpdateEventBus":        wire.Op(s.updateEventBus),
		"DeleteEventBus":        wire.Op(s.deleteEventBus),
		"PutPermission":         wire.Op(s.putPermission),
		"RemovePermission":      wire.Op(s.removePermission),
		"PutRule":               wire.Op(s.putRule),
		"DescribeRule":          wire.Op(s.describeRule),
		"ListRules":             wire.Op(s.listRules),
		"DeleteRule":            wire.Op(s.deleteRule),
		"EnableRule":            wire.Op(s.enableRule),
		"DisableRule":           wire.Op(s.disableRule),
		"PutTargets":            wire.Op(s.putTargets),
		"RemoveTargets":         wire.Op(s.removeTargets),
		"ListTargetsByRule":     wire.Op(s.listTargetsByRule),
		"ListRuleNamesByTarget": wire.Op(s.listRuleNamesByTarget),
		"PutEvents":             wire.Op(s.putEvents),
		"TestEventPattern":      wire.Op(s.testEventPattern),
		"CreateArchive":         wire.Op(s.createArchive),
		"DescribeArchive":       wire.Op(s.describeArchive),
		"ListArchives":          wire.Op(s.listArchives),
		"UpdateArchive":         wire.Op(s.updateArchive),
		"DeleteArchive":         wire.Op(s.deleteArchive),
		"StartReplay":           wire.Op(s.startReplay),
		"DescribeReplay":        wire.Op(s.describeReplay),
		"ListReplays":           wire.Op(s.listReplays),
		"CancelReplay":          wire.Op(s.cancelReplay),
		"TagResource":           wire.Op(s.tagResource),
		"UntagResource":         wire.Op(s.untagResource),
		"ListTagsForResource":   wire.Op(s.listTagsForResource),
	}
}

// ServeJSON answers one request for operation (the part of its
// X-Amz-Target after "AWSEvents."), whose body has been read.
func (s *Service) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	s.api.ServeJSON(w, r, operation, body)
}

// WriteJSONError answers a request with err before it reaches ServeJSON.
func (s *Service) WriteJSONError(w http.ResponseWriter, requestID string, err error) {
	s.api.Protocol.WriteError(w, requestID, err)
}

// Call runs operation in process on input, a request body, and returns
// the reply body; its errors are those ServeJSON would answer with.
func (s *Service) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	return s.api.Call(ctx, operation, input)
}

// BusByARN returns the bus with that ARN
// (arn:aws:events:<region>:<account>:event-bus/<name>) when it is one of
// this service's.
func (s *Service) BusByARN(arn string) (*eventbus.Bus, bool) {
	name, ok := s.busNameOfARN(arn)
	if !ok {
		return nil, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e := s.buses[name]
	if e == nil {
		return nil, false
	}
	return e.bus, true
}

// Reset deletes every bus but the default one, and every rule, archive
// and replay, as if the account were new. Deliveries under way have their
// contexts cancelled, and Reset waits for them to return.
func (s *Service) Reset() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.Close(ctx)
}

// Close deletes every bus but a new, empty default one — stopping their
// schedules and replays — and waits for the deliveries under way until
// ctx ends, then cancels theirs and still waits for them to return, so
// that no goroutine of the service is left. The service still answers
// requests afterwards. It returns ctx's error if ctx ended first.
func (s *Service) Close(ctx context.Context) error {
	s.mu.Lock()
	old := s.buses
	s.resetLocked()
	s.mu.Unlock()
	var err error
	for _, e := range old {
		if cerr := e.bus.Close(ctx); cerr != nil && err == nil {
			err = cerr
		}
	}
	return err
}

// resetLocked replaces the service's state with a new default bus. s.mu
// is held (or the service is not yet shared).
func (s *Service) resetLocked() {
	s.buses = map[string]*busEntry{}
	s.archives = map[string]string{}
	s.replays = map[string]string{}
	e, err := s.newBus(eventbus.DefaultBusName, "")
	if err != nil {
		panic("eventsapi: the default bus: " + err.Error()) // a constant name cannot be refused
	}
	s.buses[eventbus.DefaultBusName] = e
}

// newBus returns a bus of the account, or the engine's error for a name
// or description it refuses.
func (s *Service) newBus(name, description string) (*busEntry, error) {
	b, err := eventbus.New(eventbus.Config{Name: name, Description: description},
		eventbus.WithAccount(s.cfg.Region, s.cfg.Account), eventbus.WithClock(s.cfg.Clock))
	if err != nil {
		return nil, err
	}
	now := s.cfg.Clock.Now()
	return &busEntry{bus: b, description: description, created: now, modified: now, rules: map[string]*ruleEntry{}}, nil
}

// rule returns the extras of the bus's rule called name, creating them.
func (e *busEntry) rule(name string) *ruleEntry {
	r := e.rules[name]
	if r == nil {
		r = &ruleEntry{targets: map[string]Target{}}
		e.rules[name] = r
	}
	return r
}
