package kinesisapi

import (
	"context"
	"net/http"
	"sort"
	"sync"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

// MaxRequestBody is the body limit of a Kinesis request. The largest valid
// one is a PutRecords of 10 MiB of data and partition keys; base64 makes
// the data 4/3 as long, so 16 MiB admits it with room for the JSON around
// it and still refuses a runaway body before anything is decoded.
const MaxRequestBody = 16 << 20

// Config is where the service lives and how its streams run.
type Config struct {
	// Region and Account name the streams' ARNs and error messages, such
	// as "us-east-1" and "000000000000".
	Region, Account string
	// Clock is the time source of every stream; nil means [clock.System].
	Clock clock.Clock
	// Limits gives every stream made afterwards AWS's per-shard
	// throughput limits (1 MiB and 1,000 records per second written,
	// 2 MiB and 5 GetRecords calls per second read), so that PutRecord,
	// PutRecords and GetRecords answer ProvisionedThroughputExceededException
	// as AWS would. Off by default: an in-process stream is as fast as
	// the machine.
	Limits bool
}

// jsonProtocol is Kinesis's dialect of the JSON protocols: errors carry
// the bare shape name in "__type".
var jsonProtocol = wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}

// Service is Kinesis Data Streams in one account and region: its streams,
// with the tags and stream modes the engine does not keep. It is safe for
// concurrent use; two services share nothing.
//
// Where it differs from AWS on purpose:
//   - Everything is immediate: a new stream is ACTIVE at once, a deleted
//     one is gone at once, resharding and consumer registration take
//     effect at once (see the stream package).
//   - An ON_DEMAND stream is a provisioned stream of 4 shards that
//     reports its mode as ON_DEMAND. Like AWS it refuses SplitShard,
//     MergeShards and UpdateShardCount; unlike AWS it never scales, and
//     a ShardCount given with ON_DEMAND is ignored.
//   - The shard quota is the engine's, per stream (20,000 open shards),
//     not per account; DescribeLimits reports it.
//   - Shard iterators and ListShards NextTokens are this service's own
//     opaque strings: the engine's token with the stream's name, so
//     that a call that carries only the token finds its stream.
//   - StreamId, DryRun, encryption, enhanced monitoring, warm throughput,
//     resource policies and the operations this package does not list
//     are not modelled; an unlisted operation answers
//     UnknownOperationException.
//   - SubscribeToShard answers over HTTP/1.1 as well as HTTP/2 (the Go
//     SDK reads it over either), and cannot be called in process
//     ([Service.Call]).
type Service struct {
	region, account string
	clock           clock.Clock
	limits          bool
	api             wire.JSONService

	mu      sync.Mutex
	streams map[string]*entry // by name
}

// entry is one stream and what the API keeps beside it.
type entry struct {
	s        *stream.Stream[[]byte]
	onDemand bool

	mu           sync.Mutex                   // guards the tags
	tags         map[string]string            // the stream's
	consumerTags map[string]map[string]string // by consumer ARN
}

// New returns a service with no streams.
func New(cfg Config) *Service {
	s := &Service{
		region:  cfg.Region,
		account: cfg.Account,
		clock:   clock.Or(cfg.Clock),
		limits:  cfg.Limits,
		streams: make(map[string]*entry),
	}
	s.api = wire.JSONService{Protocol: jsonProtocol, Operations: s.operations()}
	return s
}

// ServeJSON answers one request for operation (the part of its
// X-Amz-Target after "Kinesis_20131202."), whose body has been read.
// SubscribeToShard is answered with an event stream that lasts until the
// subscription ends or the request's context does.
func (s *Service) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	if operation == subscribeToShard {
		s.serveSubscribeToShard(w, r, body)
		return
	}
	s.api.ServeJSON(w, r, operation, body)
}

// WriteJSONError answers a request with err before it reaches
// [Service.ServeJSON] (such as a body over [MaxRequestBody]).
func (s *Service) WriteJSONError(w http.ResponseWriter, requestID string, err error) {
	jsonProtocol.WriteError(w, requestID, err)
}

// Call runs operation in process on input, a request body, and returns
// the reply body, for the other services of the account (a state
// machine's task, a rule's target). SubscribeToShard, whose reply is a
// stream of events, is refused with UnknownOperationException.
func (s *Service) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	if operation == subscribeToShard {
		return nil, errSubscribeInProcess.Clone()
	}
	return s.api.Call(ctx, operation, input)
}

// StreamByARN returns the stream with that ARN
// (arn:aws:kinesis:<region>:<account>:stream/<name>), for wiring inside
// the emulator (Lambda event-source mappings, Firehose sources).
func (s *Service) StreamByARN(arn string) (*stream.Stream[[]byte], bool) {
	name, ok := s.streamNameOfARN(arn)
	if !ok {
		return nil, false
	}
	e := s.entry(name)
	if e == nil {
		return nil, false
	}
	return e.s, true
}

// Reset deletes every stream, with its consumers (whose subscriptions end)
// and tags.
func (s *Service) Reset() {
	s.mu.Lock()
	streams := s.streams
	s.streams = make(map[string]*entry)
	s.mu.Unlock()
	for _, e := range streams {
		_ = e.s.DeleteWithConsumers() // fails only for a stream already deleted
	}
}

// entry returns the live stream called name, or nil. A stream deleted
// behind the API's back (through the engine) counts as gone.
func (s *Service) entry(name string) *entry {
	s.mu.Lock()
	e := s.streams[name]
	s.mu.Unlock()
	if e == nil || !e.live() {
		return nil
	}
	return e
}

// live reports whether the stream has not been deleted.
func (e *entry) live() bool {
	_, err := e.s.Describe()
	return err == nil
}

// remove forgets e if it is still the stream registered under its name.
func (s *Service) remove(e *entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.streams[e.s.Name()] == e {
		delete(s.streams, e.s.Name())
	}
}

// entries returns the live streams, sorted by name.
func (s *Service) entries() []*entry {
	s.mu.Lock()
	out := make([]*entry, 0, len(s.streams))
	for _, e := range s.streams {
		out = append(out, e)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].s.Name() < out[j].s.Name() })
	live := out[:0]
	for _, e := range out {
		if e.live() {
			live = append(live, e)
		}
	}
	return live
}

// streamOptions are the engine options of every stream the service makes.
func (s *Service) streamOptions() []stream.Option {
	opts := []stream.Option{stream.WithAccount(s.region, s.account), stream.WithClock(s.clock)}
	if s.limits {
		opts = append(opts, stream.WithThroughputLimits(stream.ThroughputLimits{}))
	}
	return opts
}
