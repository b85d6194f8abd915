package awsfake

import (
	"context"
	"net/http"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/awsfake/internal/snsapi"
	"github.com/switchyard/switchyard/awsfake/internal/sqsapi"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// DefaultAccountID and DefaultRegion are the account and region of a zero
// [Config]: the values local AWS tooling conventionally uses.
const (
	DefaultAccountID = "000000000000"
	DefaultRegion    = "us-east-1"
)

// Config describes an account. The zero value is account 000000000000 in
// us-east-1 on the machine's clock.
type Config struct {
	// AccountID is the 12-digit account id in every URL and ARN.
	AccountID string
	// Region is the region in every URL and ARN.
	Region string
	// Clock is the time source of every resource; nil means [clock.System],
	// which inside a [testing/synctest] bubble is the bubble's clock.
	Clock clock.Clock
}

// Account is one AWS account in one region: the named resources the API
// creates (queues, topics, subscriptions), the functions registered in it,
// and the wire face that serves them. Two accounts share nothing.
//
// An Account is safe for concurrent use.
type Account struct {
	id, region string
	clock      clock.Clock

	sqs *sqsapi.Service
	sns *snsapi.Service

	mu        sync.RWMutex
	functions map[string]Function // by ARN
}

// New returns an empty account.
func New(cfg Config) *Account {
	a := &Account{
		id:        cfg.AccountID,
		region:    cfg.Region,
		clock:     clock.Or(cfg.Clock),
		functions: make(map[string]Function),
	}
	if a.id == "" {
		a.id = DefaultAccountID
	}
	if a.region == "" {
		a.region = DefaultRegion
	}
	a.sqs = sqsapi.New(sqsapi.Config{Region: a.region, Account: a.id, Clock: a.clock})
	a.sns = snsapi.New(snsapi.Config{
		Region:   a.region,
		Account:  a.id,
		Clock:    a.clock,
		Queue:    a.sqs.QueueByARN,
		Function: a.snsFunction,
	})
	return a
}

// ID returns the account id.
func (a *Account) ID() string { return a.id }

// Region returns the region.
func (a *Account) Region() string { return a.region }

// Queue returns the queue the API created under name, for a test that
// mixes SDK calls with the engine's own API.
func (a *Account) Queue(name string) (*queue.Queue[string], bool) {
	return a.sqs.QueueByName(name)
}

// Topic returns the topic the API created under name.
func (a *Account) Topic(name string) (*topic.Topic[string], bool) {
	return a.sns.TopicByARN(a.arn("sns", name))
}

// Reset deletes every resource the API created, as if the account were
// new. Registered functions stay: they are the test's code, not API
// resources.
func (a *Account) Reset() {
	a.sns.Reset() // first, so that no delivery lands in a queue being removed
	a.sqs.Reset()
}

// Close deletes every topic and subscription and waits for their
// deliveries under way until ctx ends; queues and what they hold stay.
// The account still answers requests afterwards.
func (a *Account) Close(ctx context.Context) error { return a.sns.Close(ctx) }

// Services returns the services the account serves, by the names their
// signing scopes use.
func (a *Account) Services() []string { return []string{"sns", "sqs"} }

// arn returns the ARN of a resource of service named name.
func (a *Account) arn(service, name string) string {
	return strings.Join([]string{"arn:aws", service, a.region, a.id, name}, ":")
}

// HTTPClient returns a client that sends every request straight to the
// account's [Account.Handler], without a socket: give it to an AWS SDK as
// its HTTP client. See [NewHTTPClient].
func (a *Account) HTTPClient() *http.Client { return NewHTTPClient(a.Handler()) }
