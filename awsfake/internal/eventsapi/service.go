// Package eventsapi serves EventBridge's JSON 1.1 API (AWSEvents) over the
// eventbus engine.
package eventsapi

import (
	"context"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// MaxRequestBody is the body limit of an EventBridge request.
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
	Region, Account string
	Clock           clock.Clock
	// Destination returns the destination of a target ARN that is not a
	// bus of this service: a queue, topic, stream, delivery stream, state
	// machine or function. Its error (a ValidationException) refuses
	// the target.
	Destination func(arn string, p TargetParameters) (eventbus.Destination, error)
}

// Service is EventBridge in one account. STUB: to be written.
type Service struct {
	api wire.JSONService
}

// New returns a service with the default bus.
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

// BusByARN returns the bus with that ARN.
func (s *Service) BusByARN(arn string) (*eventbus.Bus, bool) { return nil, false }

// Reset deletes every bus but the default one, and every rule, archive
// and replay.
func (s *Service) Reset() {}
