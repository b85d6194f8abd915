package stepfn

import "strings"

// family is the kind of resource a Task calls, which names its history
// events: a Lambda function ARN gives LambdaFunction* events, an activity
// ARN Activity* events, and everything else (service integrations, "arn:aws:states:::…") Task*
// events.
type family uint8

const (
	taskFamily family = iota
	lambdaFamily
	activityFamily
)

// taskEvent is one of the events a task records.
type taskEvent uint8

const (
	scheduledEvent taskEvent = iota
	startedEvent
	submittedEvent
	succeededEvent
	failedEvent
	timedOutEvent
)

// taskEventTypes are the history event types of each family's task
// events, written out so that recording one builds no string.
var taskEventTypes = [...][6]string{
	taskFamily:     {"TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskFailed", "TaskTimedOut"},
	lambdaFamily:   {"LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSubmitted", "LambdaFunctionSucceeded", "LambdaFunctionFailed", "LambdaFunctionTimedOut"},
	activityFamily: {"ActivityScheduled", "ActivityStarted", "ActivitySubmitted", "ActivitySucceeded", "ActivityFailed", "ActivityTimedOut"},
}

// resourceOf classifies a Task's Resource and splits a service
// integration's ARN into the ResourceType and Resource its Task* events
// carry: "arn:aws:states:::sqs:sendMessage.waitForTaskToken" gives "sqs"
// and "sendMessage.waitForTaskToken".
func resourceOf(arn string) (f family, resourceType, resource string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return taskFamily, "", arn
	}
	service, rest := parts[2], parts[5]
	switch {
	case service == "lambda":
		return lambdaFamily, "lambda", arn
	case service == "states" && strings.HasPrefix(rest, "activity:"):
		return activityFamily, "activity", arn
	case service == "states" && parts[3] == "" && parts[4] == "":
		if typ, res, ok := strings.Cut(rest, ":"); ok {
			return taskFamily, typ, res
		}
	}
	return taskFamily, service, rest
}

// integrationPatterns are the suffixes that pick how a service
// integration completes.
var integrationPatterns = [...]string{".waitForTaskToken", ".sync:2", ".sync"}

// baseResource strips an integration pattern from a resource.
func baseResource(r string) string {
	for _, p := range integrationPatterns {
		if b, ok := strings.CutSuffix(r, p); ok {
			return b
		}
	}
	return r
}

func isSync(r string) bool { return strings.HasSuffix(r, ".sync") || strings.HasSuffix(r, ".sync:2") }

// patternOf returns the integration pattern of a resource, as AWS names
// it in messages.
func patternOf(r string) string {
	for _, p := range integrationPatterns {
		if strings.HasSuffix(r, p) {
			return p
		}
	}
	return ""
}

// handler finds the handler of a resource: registered for it, or for it
// without its integration pattern, or from the resolver.
func (sm *StateMachine) handler(resource string) Handler {
	if h := sm.opts.handlers[resource]; h != nil {
		return h
	}
	if h := sm.opts.handlers[baseResource(resource)]; h != nil {
		return h
	}
	if sm.opts.resolve != nil {
		return sm.opts.resolve(resource)
	}
	return nil
}
