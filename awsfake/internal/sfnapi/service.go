// Package sfnapi serves Step Functions' JSON 1.0 API (AWSStepFunctions)
// over the stepfn engine.
package sfnapi

import (
	"context"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stepfn"
)

// MaxRequestBody is the body limit of a Step Functions request.
const MaxRequestBody = 8 << 20

// Config is where the service lives and how its tasks reach other
// services.
type Config struct {
	Region, Account string
	Clock           clock.Clock
	// Resolve returns the handler of a Task state's Resource that is not
	// an activity of this service (service integrations, Lambda ARNs), or
	// nil when nothing answers to it.
	Resolve func(resource string) stepfn.Handler
}

// Service is Step Functions in one account. STUB: to be written.
type Service struct {
	api wire.JSONService
}

// New returns a service with no state machines.
func New(cfg Config) *Service {
	return &Service{api: wire.JSONService{Protocol: wire.JSONProtocol{ContentType: "application/x-amz-json-1.0"}}}
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

// StateMachineByARN returns the state machine with that ARN.
func (s *Service) StateMachineByARN(arn string) (*stepfn.StateMachine, bool) { return nil, false }

// Reset deletes every state machine and activity.
func (s *Service) Reset() {}
