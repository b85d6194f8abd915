// Package firehoseapi serves Amazon Data Firehose's JSON 1.1 API
// (Firehose_20150804) over the firehose engine.
package firehoseapi

import (
	"context"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/stream"
)

// MaxRequestBody is the body limit of a Firehose request.
const MaxRequestBody = 8 << 20

// Config is where the service lives and what it reaches by ARN.
type Config struct {
	Region, Account string
	Clock           clock.Clock
	// Store is the account's object store: every S3-style destination
	// writes there, under its bucket's name.
	Store firehose.ObjectStore
	// Stream resolves a KinesisStreamAsSource stream ARN.
	Stream func(arn string) (*stream.Stream[[]byte], bool)
	// Function resolves a processor's Lambda ARN.
	Function func(arn string) (lambdaapi.Function, bool)
}

// Service is Firehose in one account. STUB: to be written.
type Service struct {
	api wire.JSONService
}

// New returns a service with no delivery streams.
func New(cfg Config) *Service {
	return &Service{api: wire.JSONService{Protocol: wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}}}
}

// ServeJSON answers one request for operation.
func (s *Service) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	s.api.ServeJSON(w, r, operation, body)
}

// WriteJSONError answers a request with err before it reaches ServeJSON.
func (s *Service) WriteJSONError(w http.ResponseWriter, requestID string, err error) {
	s.api.Protocol.WriteError(w, requestID, err)
}

// Call runs operation in process.
func (s *Service) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	return s.api.Call(ctx, operation, input)
}

// DeliveryStreamByARN returns the delivery stream with that ARN.
func (s *Service) DeliveryStreamByARN(arn string) (*firehose.DeliveryStream, bool) { return nil, false }

// Reset deletes every delivery stream.
func (s *Service) Reset() {}
