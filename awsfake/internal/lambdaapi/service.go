// Package lambdaapi serves the part of Lambda's REST API that registered
// Go functions need: Invoke, and event source mappings from queues and
// streams.
package lambdaapi

import (
	"context"
	"net/http"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stream"
)

// Config is where the service lives and what it reaches by ARN.
type Config struct {
	Region, Account string
	Clock           clock.Clock
	// Function returns the function registered under an unqualified
	// function ARN.
	Function func(arn string) (Function, bool)
	// Queue and Stream resolve event source ARNs.
	Queue  func(arn string) (*queue.Queue[string], bool)
	Stream func(arn string) (*stream.Stream[[]byte], bool)
}

// Service is Lambda in one account. STUB: to be written.
type Service struct{}

// New returns a service with no event source mappings.
func New(cfg Config) *Service { return &Service{} }

// ServeHTTP answers one REST request (a path under /2015-03-31/).
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.Error(w, `{"Type":"User","message":"not yet"}`, http.StatusNotFound)
}

// Invoke calls the function named (by name, ARN or partial ARN) with
// payload, as Invoke with InvocationType RequestResponse does; a function
// error is returned as an *Error, and a missing function as Lambda's
// ResourceNotFoundException.
func (s *Service) Invoke(ctx context.Context, functionName string, payload []byte) ([]byte, error) {
	return nil, nil
}

// InvokeAsync hands payload to the function named, as Invoke with
// InvocationType Event does.
func (s *Service) InvokeAsync(ctx context.Context, functionName string, payload []byte) error {
	return nil
}

// Reset deletes every event source mapping.
func (s *Service) Reset() {}

// Close stops every event source mapping and waits for their batches
// under way until ctx ends.
func (s *Service) Close(ctx context.Context) error { return nil }
