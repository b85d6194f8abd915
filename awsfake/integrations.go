package awsfake

import (
	"github.com/switchyard/switchyard/stepfn"
)

// taskHandler returns the handler of a Task state's resource: a service
// integration (arn:aws:states:::sqs:sendMessage, …) or a Lambda ARN.
func (a *Account) taskHandler(resource string) stepfn.Handler {
	return nil // to be written
}
