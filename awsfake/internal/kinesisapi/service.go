// Package kinesisapi serves Kinesis Data Streams' JSON 1.1 API
// (Kinesis_20131202) over the stream engine.
package kinesisapi

import (
	"context"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

// MaxRequestBody is the body limit of a Kinesis request.
const MaxRequestBody = 16 << 20

// Config is where the service lives.
type Config struct {
	Region, Account string
	Clock           clock.Clock
}

// Service is Kinesis in one account. STUB: to be written.
type Service struct {
	api wire.JSONService
}

// New returns a service with no streams.
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

// StreamByARN returns the stream with that ARN.
func (s *Service) StreamByARN(arn string) (*stream.Stream[[]byte], bool) { return nil, false }

// Reset deletes every stream.
func (s *Service) Reset() {}
