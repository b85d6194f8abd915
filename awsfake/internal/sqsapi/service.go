package sqsapi

import (
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Config configures a [Service].
type Config struct {
	// Region and Account name the queues' ARNs and URLs, such as
	// "us-east-1" and "000000000000".
	Region, Account string
	// Clock is the time source of every queue; nil means [clock.System].
	Clock clock.Clock
}

// Service is the SQS API of one account in one region: its queues, their
// tags and permissions, and the names deleted within the last 60 seconds.
// It is safe for concurrent use; two services share nothing.
//
// Where it differs from AWS on purpose:
//   - Everything is immediate and exact: a new queue can be used at once,
//     attribute changes apply at once, a deleted queue is gone at once
//     (only its name stays blocked for 60 s), and the Approximate… counts
//     are exact.
//   - Receives are deterministic (see the queue package): a short poll
//     returns every available message up to MaxNumberOfMessages.
//   - Policies are stored and returned, never enforced; KMS attributes are
//     stored and returned, nothing is encrypted.
//   - Receipt handles, move-task handles and list NextTokens are this
//     service's own opaque strings, not AWS's formats.
//   - Deleting a queue that is another's dead-letter queue drops the dead
//     letters that queue would later move there.
type Service struct {
	region, account string
	clock           clock.Clock

	mu      sync.Mutex
	queues  map[string]*entry    // by name
	deleted map[string]time.Time // name → when DeleteQueue deleted it
}

// entry is one queue and what the API keeps beside the engine's
// attributes. Lock order: an entry's mu may be held while Service.mu is
// taken (to look up a dead-letter queue); Service.mu is never held while an
// entry's mu is taken.
type entry struct {
	q *queue.Queue[string]

	mu     sync.Mutex // guards the fields below, and serialises attribute changes
	tags   map[string]string
	extras extras
	policy *policyDoc // nil when the queue has no policy
}

// New returns a service with no queues.
func New(cfg Config) *Service {
	return &Service{
		region:  cfg.Region,
		account: cfg.Account,
		clock:   clock.Or(cfg.Clock),
		queues:  make(map[string]*entry),
		deleted: make(map[string]time.Time),
	}
}

// QueueByName returns the queue called name, for wiring inside the
// emulator (SNS subscriptions, EventBridge targets).
func (s *Service) QueueByName(name string) (*queue.Queue[string], bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.queues[name]
	if e == nil {
		return nil, false
	}
	return e.q, true
}

// QueueByARN returns the queue with the given ARN
// (arn:aws:sqs:<region>:<account>:<name>) when it is one of this service's.
func (s *Service) QueueByARN(arn string) (*queue.Queue[string], bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entryByARNLocked(arn)
	if e == nil {
		return nil, false
	}
	return e.q, true
}

// Reset deletes every queue (closing it, so that waiting receives end),
// with its tags and permissions, and forgets the recently deleted names.
func (s *Service) Reset() {
	s.mu.Lock()
	queues := s.queues
	s.queues = make(map[string]*entry)
	s.deleted = make(map[string]time.Time)
	s.mu.Unlock()
	for _, e := range queues {
		e.q.Close()
	}
}

// entry returns the queue called name, or nil.
func (s *Service) entry(name string) *entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queues[name]
}

// entryByARN returns the queue with the given ARN, or nil.
func (s *Service) entryByARN(arn string) *entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entryByARNLocked(arn)
}

func (s *Service) entryByARNLocked(arn string) *entry {
	name, ok := s.nameOfARN(arn)
	if !ok {
		return nil
	}
	return s.queues[name]
}

// names returns the names of the queues, sorted, that start with prefix.
func (s *Service) names(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for name := range s.queues {
		if strings.HasPrefix(name, prefix) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// nameOf returns the name under which q is registered, or false when q is
// not (or no longer) one of the service's queues.
func (s *Service) nameOf(q *queue.Queue[string]) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.queues[q.Name()]; e != nil && e.q == q {
		return q.Name(), true
	}
	return "", false
}

// deletedRecentlyLocked reports whether name was deleted less than 60
// seconds ago, forgetting the names deleted longer ago.
func (s *Service) deletedRecentlyLocked(name string) bool {
	now := s.clock.Now()
	for n, at := range s.deleted {
		if now.Sub(at) >= deletedNameBlock {
			delete(s.deleted, n)
		}
	}
	_, ok := s.deleted[name]
	return ok
}

// deletedNameBlock is how long a deleted queue's name cannot be reused.
const deletedNameBlock = 60 * time.Second
