package firehoseapi

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/stream"
)

// MaxRequestBody is the body limit of a Firehose request. The largest
// valid request is a PutRecordBatch of 4 MiB of data, which base64 makes
// 4/3 as long, plus its JSON; 8 MiB admits it and refuses a runaway body
// before anything is decoded.
const MaxRequestBody = 8 << 20

// protocol is Firehose's wire dialect: JSON 1.1, with the error shape's
// bare names.
var protocol = wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}

// Config is where the service lives and what it reaches by ARN.
type Config struct {
	// Region and Account name the delivery streams' ARNs, such as
	// "us-east-1" and "000000000000".
	Region, Account string
	// Clock is the time source of every delivery stream; nil means
	// [clock.System].
	Clock clock.Clock
	// Store is the account's object store: every S3-style destination
	// writes there, under its bucket's name ("<bucket>/<key>"). nil means
	// a new [firehose.MemoryStore].
	Store firehose.ObjectStore
	// Stream resolves a KinesisStreamAsSource stream ARN.
	Stream func(arn string) (*stream.Stream[[]byte], bool)
	// Function resolves a processor's Lambda ARN, at each invocation.
	Function func(arn string) (lambdaapi.Function, bool)
	// HTTPClient sends an HTTP endpoint destination's requests; nil means
	// [http.DefaultClient]. A test can route them to a handler in memory.
	HTTPClient *http.Client
}

// Service is Firehose in one account: its delivery streams, their tags
// and encryption settings, each backed by a [firehose.DeliveryStream]. It
// is safe for concurrent use; two services share nothing.
//
// See the package documentation for where it differs from AWS.
type Service struct {
	region, account string
	clock           clock.Clock
	store           firehose.ObjectStore
	stream          func(arn string) (*stream.Stream[[]byte], bool)
	function        func(arn string) (lambdaapi.Function, bool)
	httpClient      *http.Client
	api             wire.JSONService

	mu      sync.Mutex
	streams map[string]*deliveryStream // by name
}

// New returns a service with no delivery streams.
func New(cfg Config) *Service {
	s := &Service{
		region:     cfg.Region,
		account:    cfg.Account,
		clock:      clock.Or(cfg.Clock),
		store:      cfg.Store,
		stream:     cfg.Stream,
		function:   cfg.Function,
		httpClient: cfg.HTTPClient,
		streams:    make(map[string]*deliveryStream),
	}
	if s.store == nil {
		s.store = new(firehose.MemoryStore)
	}
	s.api = wire.JSONService{Protocol: protocol, Operations: map[string]wire.Operation{
		"CreateDeliveryStream":          wire.Op(s.createDeliveryStream),
		"DeleteDeliveryStream":          wire.Op(s.deleteDeliveryStream),
		"DescribeDeliveryStream":        wire.Op(s.describeDeliveryStream),
		"ListDeliveryStreams":           wire.Op(s.listDeliveryStreams),
		"UpdateDestination":             wire.Op(s.updateDestination),
		"TagDeliveryStream":             wire.Op(s.tagDeliveryStream),
		"UntagDeliveryStream":           wire.Op(s.untagDeliveryStream),
		"ListTagsForDeliveryStream":     wire.Op(s.listTagsForDeliveryStream),
		"PutRecord":                     wire.Op(s.putRecord),
		"PutRecordBatch":                wire.Op(s.putRecordBatch),
		"StartDeliveryStreamEncryption": wire.Op(s.startDeliveryStreamEncryption),
		"StopDeliveryStreamEncryption":  wire.Op(s.stopDeliveryStreamEncryption),
	}}
	return s
}

// ServeJSON answers one request for operation (the part of its
// X-Amz-Target after "Firehose_20150804."), whose body has been read.
func (s *Service) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	s.api.ServeJSON(w, r, operation, body)
}

// WriteJSONError answers a request with err before it reaches ServeJSON
// (a body over the limit, say).
func (s *Service) WriteJSONError(w http.ResponseWriter, requestID string, err error) {
	s.api.Protocol.WriteError(w, requestID, err)
}

// Call runs operation in process on input, a request body, and returns
// the reply body, with the errors ServeJSON would answer.
func (s *Service) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	return s.api.Call(ctx, operation, input)
}

// DeliveryStreamByARN returns the engine's delivery stream behind the
// delivery stream with that ARN
// (arn:aws:firehose:<region>:<account>:deliverystream/<name>). After an
// UpdateDestination it is a new one, holding the new destination.
func (s *Service) DeliveryStreamByARN(arn string) (*firehose.DeliveryStream, bool) {
	name, ok := strings.CutPrefix(arn, s.arn(""))
	if !ok {
		return nil, false
	}
	s.mu.Lock()
	e := s.streams[name]
	s.mu.Unlock()
	if e == nil {
		return nil, false
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ds, true
}

// Reset deletes every delivery stream at once, dropping the records they
// buffer (objects already delivered stay in the store).
func (s *Service) Reset() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Close gives up on what is left at once
	for _, e := range s.takeAll() {
		_ = e.close(ctx)
	}
}

// Close deletes every delivery stream as DeleteDeliveryStream does,
// delivering what each holds, and stops their stream readers. It returns
// when they are delivered or ctx ends, after which what is left is
// dropped. The service still answers requests afterwards.
func (s *Service) Close(ctx context.Context) error {
	var errs []error
	for _, e := range s.takeAll() {
		errs = append(errs, e.close(ctx))
	}
	return errors.Join(errs...)
}

// takeAll removes every delivery stream from the service and returns
// them.
func (s *Service) takeAll() []*deliveryStream {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]*deliveryStream, 0, len(s.streams))
	for _, e := range s.streams {
		all = append(all, e)
	}
	s.streams = make(map[string]*deliveryStream)
	return all
}

// arn returns the ARN of the delivery stream called name.
func (s *Service) arn(name string) string {
	return "arn:aws:firehose:" + s.region + ":" + s.account + ":deliverystream/" + name
}

// lookup returns the delivery stream called name.
func (s *Service) lookup(name string) (*deliveryStream, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.streams[name]; e != nil {
		return e, nil
	}
	return nil, s.notFound(name)
}

// names returns the names of the delivery streams, sorted, that keep.
func (s *Service) names(keep func(*deliveryStream) bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []string{}
	for name, e := range s.streams {
		if keep(e) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// empty is the output of an operation that answers nothing but success.
type empty struct{}
