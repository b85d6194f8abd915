package snsapi

import (
	"errors"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/topic"
)

// Errors of the API that the topic engine has no sentinel for.
var (
	// errResourceNotFound answers a tag operation on a resource that does
	// not exist.
	errResourceNotFound = awserr.New("ResourceNotFound", "ResourceNotFoundException", 404, "Resource does not exist")
	// errTagLimitExceeded answers a tag operation that would leave more than
	// 50 tags on a topic.
	errTagLimitExceeded = awserr.New("TagLimitExceeded", "TagLimitExceededException", 400, "Could not complete request: tag quota of per resource exceeded")
)

// invalid returns an InvalidParameter error reading "Invalid parameter: " +
// what, SNS's usual form.
func invalid(what string) error {
	return topic.ErrInvalidParameter.WithMessage("Invalid parameter: " + what)
}

// invalidText returns an InvalidParameter error with msg as it is, for the
// few messages SNS words without the prefix.
func invalidText(msg string) error { return topic.ErrInvalidParameter.WithMessage(msg) }

// topicNotFound is NotFound for a topic.
func topicNotFound() error { return topic.ErrNotFound.WithMessage("Topic does not exist") }

// subscriptionNotFound is NotFound for a subscription.
func subscriptionNotFound() error {
	return topic.ErrNotFound.WithMessage("Subscription does not exist")
}

// notImplemented answers an SNS action Switchyard does not emulate.
func notImplemented(action string) error {
	return wire.ErrInvalidAction.WithMessage("Switchyard does not implement the SNS action " + action +
		" yet: mobile push (platform applications and endpoints) and SMS are not emulated.")
}

// unknownAction answers an action SNS does not have.
func unknownAction(action string) error {
	return wire.ErrInvalidAction.WithMessage("The action " + action + " is not valid for this web service.")
}

// isNotFound reports whether err is SNS's NotFound.
func isNotFound(err error) bool { return errors.Is(err, topic.ErrNotFound) }
