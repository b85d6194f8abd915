package kinesisapi

import (
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// Errors this layer answers that the engine does not return itself. Their
// texts follow the engine's (AWS's) style; AWS's exact wording for them is
// not recorded.
var (
	errNoStream         = stream.ErrInvalidArgument.WithMessage("Either StreamName or StreamARN must be provided.")
	errNameAndARNDiffer = stream.ErrInvalidArgument.WithMessage("StreamName does not match the stream named by StreamARN.")
	errTokenWithStream  = stream.ErrInvalidArgument.WithMessage("NextToken and StreamName cannot be provided together.")
	errInvalidIterator  = stream.ErrInvalidArgument.WithMessage("Invalid ShardIterator.")
	errInvalidNextToken = stream.ErrInvalidArgument.WithMessage("Invalid NextToken.")
	// errSubscribeInProcess refuses SubscribeToShard through Call, whose
	// reply is one body, not a stream of events.
	errSubscribeInProcess = wire.ErrUnknownOperation.WithMessage("SubscribeToShard streams events over HTTP and cannot be called in process.")
)

// validation returns a ValidationException for the violations, or nil.
func validation(vs awserr.Violations) error { return vs.Err(stream.ErrValidation) }

// notNull records a required member left out, at the model's member path.
func notNull(vs *awserr.Violations, at string) { vs.Add("null", at, awserr.NotNull) }

// streamNotFound is the error for a stream name that names no stream.
func (s *Service) streamNotFound(name string) error {
	return stream.ErrResourceNotFound.Errorf("Stream %s under account %s not found.", name, s.account)
}

// streamNotFoundARN is the error for a well-formed stream ARN that names
// no stream of this account and region: it names the ARN's account.
func (s *Service) streamNotFoundARN(arn string) error {
	parts := strings.SplitN(arn, ":", 6)
	name := strings.TrimPrefix(parts[len(parts)-1], "stream/")
	account := s.account
	if len(parts) == 6 {
		account = parts[4]
	}
	return stream.ErrResourceNotFound.Errorf("Stream %s under account %s not found.", name, account)
}
