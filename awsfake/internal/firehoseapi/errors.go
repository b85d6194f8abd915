package firehoseapi

import (
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/internal/awserr"
)

// Errors of the API that the engine does not return itself.
var (
	errResourceInUse = awserr.New("ResourceInUseException", "", 400,
		"The resource is already in use and not available for this operation.")
	errConcurrentModification = awserr.New("ConcurrentModificationException", "", 400,
		"Another modification has already happened. Fetch VersionId again and use it to update the destination.")
	errLimitExceeded = awserr.New("LimitExceededException", "", 400,
		"You have already reached the limit for the requested resource.")
)

// notFound is the error for a delivery stream name that names none, worded
// as AWS words it (and as the engine words it for a closed one).
func (s *Service) notFound(name string) error {
	return firehose.ErrResourceNotFound.Errorf("Firehose %s under account %s not found.", name, s.account)
}

// inUse is CreateDeliveryStream's error for a name already taken.
func (s *Service) inUse(name string) error {
	return errResourceInUse.Errorf("Firehose %s under accountId %s already exists", name, s.account)
}

// invalid is an InvalidArgumentException with a formatted message.
func invalid(format string, args ...any) error {
	return firehose.ErrInvalidArgument.Errorf(format, args...)
}

// notImplemented refuses a part of the API this fake does not have.
func notImplemented(what string) error {
	return invalid("Switchyard does not implement %s yet.", what)
}
