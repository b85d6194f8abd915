package awsfake

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/awsfake/internal/firehoseapi"
	"github.com/switchyard/switchyard/awsfake/internal/kinesisapi"
	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/awsfake/internal/sfnapi"
	"github.com/switchyard/switchyard/awsfake/internal/snsapi"
	"github.com/switchyard/switchyard/awsfake/internal/sqsapi"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stepfn"
	"github.com/switchyard/switchyard/stream"
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
	// Objects is the object store Firehose's S3-style destinations write
	// to, each under its bucket's name; nil means a new
	// [firehose.MemoryStore], which [Account.Objects] returns for a test
	// to read. A [firehose.DirStore] writes them to a directory.
	Objects firehose.ObjectStore
	// KinesisLimits gives Kinesis streams AWS's per-shard throughput
	// limits: PutRecord, PutRecords and GetRecords over a shard's rate then
	// answer ProvisionedThroughputExceededException. Off, streams take
	// whatever a test sends.
	KinesisLimits bool
}

// Account is one AWS account in one region: the named resources the API
// creates (queues, topics, subscriptions), the functions registered in it,
// and the wire face that serves them. Two accounts share nothing.
//
// An Account is safe for concurrent use.
type Account struct {
	id, region string
	clock      clock.Clock

	objects firehose.ObjectStore

	sqs      *sqsapi.Service
	sns      *snsapi.Service
	kinesis  *kinesisapi.Service
	firehose *firehoseapi.Service
	sfn      *sfnapi.Service
	events   *eventsapi.Service
	lambda   *lambdaapi.Service

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
	a.objects = cfg.Objects
	if a.objects == nil {
		a.objects = new(firehose.MemoryStore)
	}
	a.sqs = sqsapi.New(sqsapi.Config{Region: a.region, Account: a.id, Clock: a.clock})
	a.sns = snsapi.New(snsapi.Config{
		Region:   a.region,
		Account:  a.id,
		Clock:    a.clock,
		Queue:    a.sqs.QueueByARN,
		Function: a.snsFunction,
	})
	a.kinesis = kinesisapi.New(kinesisapi.Config{Region: a.region, Account: a.id, Clock: a.clock, Limits: cfg.KinesisLimits})
	a.lambda = lambdaapi.New(lambdaapi.Config{
		Region:       a.region,
		Account:      a.id,
		Clock:        a.clock,
		Function:     a.function,
		FunctionARNs: a.functionARNs,
		Queue:        a.sqs.QueueByARN,
		Stream:       a.kinesis.StreamByARN,
	})
	a.firehose = firehoseapi.New(firehoseapi.Config{
		Region:   a.region,
		Account:  a.id,
		Clock:    a.clock,
		Store:    a.objects,
		Stream:   a.kinesis.StreamByARN,
		Function: a.function,
	})
	a.sfn = sfnapi.New(sfnapi.Config{Region: a.region, Account: a.id, Clock: a.clock, Resolve: a.taskHandler})
	a.events = eventsapi.New(eventsapi.Config{
		Region:      a.region,
		Account:     a.id,
		Clock:       a.clock,
		Destination: a.targetDestination,
		DeadLetter:  a.deadLetter,
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

// Stream returns the Kinesis stream the API created under name.
func (a *Account) Stream(name string) (*stream.Stream[[]byte], bool) {
	return a.kinesis.StreamByARN(a.arn("kinesis", "stream/"+name))
}

// DeliveryStream returns the Firehose delivery stream the API created
// under name.
func (a *Account) DeliveryStream(name string) (*firehose.DeliveryStream, bool) {
	return a.firehose.DeliveryStreamByARN(a.arn("firehose", "deliverystream/"+name))
}

// StateMachine returns the state machine the API created under name.
func (a *Account) StateMachine(name string) (*stepfn.StateMachine, bool) {
	return a.sfn.StateMachineByARN(a.arn("states", "stateMachine:"+name))
}

// Bus returns the event bus named name ("default" is always there).
func (a *Account) Bus(name string) (*eventbus.Bus, bool) {
	return a.events.BusByARN(a.arn("events", "event-bus/"+name))
}

// Objects returns the object store Firehose's S3-style destinations write
// to (see [Config.Objects]).
func (a *Account) Objects() firehose.ObjectStore { return a.objects }

// Reset deletes every resource the API created, as if the account were
// new. Registered functions stay: they are the test's code, not API
// resources; so do the objects delivered to the object store.
func (a *Account) Reset() {
	// Producers first, so that nothing lands in a resource being removed.
	a.events.Reset()
	a.sfn.Reset()
	a.lambda.Reset()
	a.firehose.Reset()
	a.sns.Reset()
	a.kinesis.Reset()
	a.sqs.Reset()
}

// Close deletes every bus but the default one, every topic, subscription
// and delivery stream (delivering what each holds), stops every schedule,
// replay, event source mapping and running execution, and waits for the work under way until ctx ends; queues,
// streams and what they hold stay. The account still answers requests
// afterwards.
func (a *Account) Close(ctx context.Context) error {
	return errors.Join(a.events.Close(ctx), a.sfn.Close(ctx), a.lambda.Close(ctx), a.sns.Close(ctx), a.firehose.Close(ctx))
}

// Services returns the services the account serves, by the names their
// signing scopes use.
func (a *Account) Services() []string {
	return []string{"events", "firehose", "kinesis", "lambda", "sns", "sqs", "states"}
}

// arn returns the ARN of a resource of service named name.
func (a *Account) arn(service, name string) string {
	return strings.Join([]string{"arn:aws", service, a.region, a.id, name}, ":")
}

// HTTPClient returns a client that sends every request straight to the
// account's [Account.Handler], without a socket: give it to an AWS SDK as
// its HTTP client. See [NewHTTPClient].
func (a *Account) HTTPClient() *http.Client { return NewHTTPClient(a.Handler()) }
