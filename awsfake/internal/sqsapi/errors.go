package sqsapi

import (
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/queue"
)

// Errors of the API that the engine does not return itself.
var (
	errQueueNameExists      = awserr.New("QueueAlreadyExists", "QueueNameExists", 400, "A queue already exists with the same name and a different value for an attribute.")
	errQueueDeletedRecently = awserr.New("AWS.SimpleQueueService.QueueDeletedRecently", "QueueDeletedRecently", 400, "You must wait 60 seconds after deleting a queue before you can create another with the same name.")
)

// missing is AWS's error for a required parameter left out.
func missing(param string) error {
	return queue.ErrMissingParameter.Errorf("The request must contain the parameter %s.", param)
}

// noQueue is the error for a queue URL, name or ARN that names no queue.
func noQueue() error { return queue.ErrQueueDoesNotExist.Clone() }

// unknownAttribute is the error for an attribute name SQS does not know
// (or does not know for the queue's type, or does not let be set).
func unknownAttribute(name string) error {
	return queue.ErrInvalidAttributeName.Errorf("Unknown Attribute %s.", name)
}

// invalidAttributeValue is the error for a queue attribute value out of
// range or of the wrong form.
func invalidAttributeValue(name string) error {
	return queue.ErrInvalidAttributeValue.Errorf("Invalid value for the parameter %s.", name)
}

// queue returns the queue a QueueUrl names: resolved by its path, the
// host ignored.
func (c *call) queue(url string) (*entry, error) {
	if url == "" {
		return nil, missing("QueueUrl")
	}
	name, ok := c.s.nameOfURL(url)
	if !ok {
		return nil, noQueue()
	}
	e := c.s.entry(name)
	if e == nil {
		return nil, noQueue()
	}
	return e, nil
}
