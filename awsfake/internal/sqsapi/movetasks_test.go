package sqsapi_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"
)

const (
	dlqARN = "arn:aws:sqs:us-east-1:000000000000:dlq"
	srcARN = "arn:aws:sqs:us-east-1:000000000000:src"
)

// deadLetters makes queues dlq and src (whose dead-letter queue is dlq)
// and moves n messages into dlq.
func deadLetters(f *fake, n int) {
	f.t.Helper()
	f.createQueue("dlq", nil)
	src := f.createQueue("src", map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":1}`})
	for i := range n {
		f.send(src, fmt.Sprint("m", i))
	}
	f.receive(src, 10)
	f.clk.Advance(30 * time.Second)
	f.receive(src, 10) // moves them
	if c := f.counts("dlq"); c != [3]int{n, 0, 0} {
		f.t.Fatalf("dead-letter queue counts %v", c)
	}
}

func TestMessageMoveTasks(t *testing.T) {
	f := newFake(t)
	deadLetters(f, 3)
	out := f.ok("StartMessageMoveTask", map[string]any{"SourceArn": dlqARN, "MaxNumberOfMessagesPerSecond": 1})
	handle, _ := out["TaskHandle"].(string)
	if handle == "" {
		t.Fatalf("reply %v", out)
	}
	tasks := list(f.ok("ListMessageMoveTasks", map[string]any{"SourceArn": dlqARN}), "Results")
	wantMap(t, tasks[0], map[string]any{
		"TaskHandle": handle, "Status": "RUNNING", "SourceArn": dlqARN, "MaxNumberOfMessagesPerSecond": 1.0,
		"ApproximateNumberOfMessagesMoved": 0.0, "ApproximateNumberOfMessagesToMove": 3.0, "StartedTimestamp": float64(epoch.Add(30 * time.Second).UnixMilli()),
	})
	f.fail("StartMessageMoveTask", map[string]any{"SourceArn": dlqARN},
		apiError{400, "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", "There is already a task running. Only one active task is allowed for a source queue arn at a given time."})
	f.clk.Advance(0)           // the first second's message
	f.clk.Advance(time.Second) // the second's
	if c := f.counts("src"); c != [3]int{2, 0, 0} {
		t.Fatalf("source counts %v after two seconds", c)
	}
	if got := f.ok("CancelMessageMoveTask", map[string]any{"TaskHandle": handle}); got["ApproximateNumberOfMessagesMoved"] != 2.0 {
		t.Fatalf("cancel reply %v", got)
	}
	tasks = list(f.ok("ListMessageMoveTasks", map[string]any{"SourceArn": dlqARN}), "Results")
	if tasks[0]["Status"] != "CANCELLED" || tasks[0]["TaskHandle"] != nil {
		t.Fatalf("cancelled task %v", tasks[0])
	}
	f.fail("CancelMessageMoveTask", map[string]any{"TaskHandle": handle},
		apiError{400, "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", "Only active tasks can be cancelled."})

	// To another queue, as fast as it goes.
	other := f.createQueue("other", nil)
	f.ok("StartMessageMoveTask", map[string]any{"SourceArn": dlqARN, "DestinationArn": "arn:aws:sqs:us-east-1:000000000000:other"})
	f.clk.Advance(0)
	if msgs := f.receive(other, 10); len(msgs) != 1 || msgs[0]["Body"] != "m2" {
		t.Fatalf("moved to other: %v", msgs)
	}
	tasks = list(f.ok("ListMessageMoveTasks", map[string]any{"SourceArn": dlqARN, "MaxResults": 10}), "Results")
	if len(tasks) != 2 || tasks[0]["Status"] != "COMPLETED" || tasks[0]["DestinationArn"] != "arn:aws:sqs:us-east-1:000000000000:other" || tasks[1]["Status"] != "CANCELLED" {
		t.Fatalf("tasks %v", tasks)
	}
}

func TestMessageMoveTaskErrors(t *testing.T) {
	f := newFake(t)
	deadLetters(f, 1)
	noSource := apiError{404, "ResourceNotFoundException", "ResourceNotFoundException", "The resource that you specified for the SourceArn parameter doesn't exist."}
	badARN := invalidParameter("You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>")
	tests := []struct {
		name string
		op   string
		in   map[string]any
		want apiError
	}{
		{"start: no source", "StartMessageMoveTask", map[string]any{},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter SourceArn."}},
		{"start: malformed source", "StartMessageMoveTask", map[string]any{"SourceArn": "dlq"}, badARN},
		{"start: unknown source", "StartMessageMoveTask", map[string]any{"SourceArn": "arn:aws:sqs:us-east-1:000000000000:nope"}, noSource},
		{"start: source in another account", "StartMessageMoveTask", map[string]any{"SourceArn": "arn:aws:sqs:us-east-1:111111111111:dlq"}, noSource},
		{"start: unknown destination", "StartMessageMoveTask", map[string]any{"SourceArn": dlqARN, "DestinationArn": "arn:aws:sqs:us-east-1:000000000000:nope"},
			apiError{404, "ResourceNotFoundException", "ResourceNotFoundException", "The resource that you specified for the DestinationArn parameter doesn't exist."}},
		{"start: rate 0", "StartMessageMoveTask", map[string]any{"SourceArn": dlqARN, "MaxNumberOfMessagesPerSecond": 0},
			invalidParameter("Value 0 for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500, if provided.")},
		{"start: rate 501", "StartMessageMoveTask", map[string]any{"SourceArn": dlqARN, "MaxNumberOfMessagesPerSecond": 501},
			invalidParameter("Value 501 for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500, if provided.")},
		{"start: not a dead-letter queue", "StartMessageMoveTask", map[string]any{"SourceArn": srcARN},
			invalidParameter("Source queue must be configured as a Dead Letter Queue.")},
		{"list: no source", "ListMessageMoveTasks", map[string]any{},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter SourceArn."}},
		{"list: unknown source", "ListMessageMoveTasks", map[string]any{"SourceArn": "arn:aws:sqs:us-east-1:000000000000:nope"}, noSource},
		{"list: max 0", "ListMessageMoveTasks", map[string]any{"SourceArn": dlqARN, "MaxResults": 0},
			invalidParameter("Value 0 for parameter MaxResults is invalid. Reason: You must enter a number that's between 1 and 10.")},
		{"list: max 11", "ListMessageMoveTasks", map[string]any{"SourceArn": dlqARN, "MaxResults": 11},
			invalidParameter("Value 11 for parameter MaxResults is invalid. Reason: You must enter a number that's between 1 and 10.")},
		{"cancel: no handle", "CancelMessageMoveTask", map[string]any{},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter TaskHandle."}},
		{"cancel: garbage", "CancelMessageMoveTask", map[string]any{"TaskHandle": "!!!"}, invalidParameter("Value for parameter TaskHandle is invalid.")},
		{"cancel: unknown task", "CancelMessageMoveTask", map[string]any{"TaskHandle": "YXJuOmF3czpzcXM6dXMtZWFzdC0xOjAwMDAwMDAwMDAwMDpkbHEjOQ=="},
			apiError{404, "ResourceNotFoundException", "ResourceNotFoundException", "Task does not exist."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.with(t).fail(tt.op, tt.in, tt.want)
		})
	}
	if tasks := list(f.ok("ListMessageMoveTasks", map[string]any{"SourceArn": dlqARN}), "Results"); len(tasks) != 0 {
		t.Fatalf("tasks after failed starts %v", tasks)
	}
	// A task of a queue since deleted.
	handle := f.ok("StartMessageMoveTask", map[string]any{"SourceArn": dlqARN})["TaskHandle"]
	f.ok("DeleteQueue", map[string]any{"QueueUrl": baseURL + "dlq"})
	f.fail("CancelMessageMoveTask", map[string]any{"TaskHandle": handle}, noSource)
}

func TestQueryMessageMoveTasks(t *testing.T) {
	f := newFake(t)
	deadLetters(f, 2)
	var started struct{ TaskHandle string }
	f.queryOK("StartMessageMoveTask", url.Values{"SourceArn": {dlqARN}, "MaxNumberOfMessagesPerSecond": {"1"}}, &started)
	var listed struct {
		ListMessageMoveTasksResultEntry []struct {
			TaskHandle, Status, SourceArn                                       string
			ApproximateNumberOfMessagesMoved, ApproximateNumberOfMessagesToMove int64
			MaxNumberOfMessagesPerSecond                                        int32
			StartedTimestamp                                                    int64
		}
	}
	f.queryOK("ListMessageMoveTasks", url.Values{"SourceArn": {dlqARN}, "MaxResults": {"10"}}, &listed)
	if e := listed.ListMessageMoveTasksResultEntry; len(e) != 1 || e[0].TaskHandle != started.TaskHandle || e[0].Status != "RUNNING" ||
		e[0].ApproximateNumberOfMessagesToMove != 2 || e[0].MaxNumberOfMessagesPerSecond != 1 || e[0].StartedTimestamp != epoch.Add(30*time.Second).UnixMilli() {
		t.Fatalf("ListMessageMoveTasksResultEntry %+v", e)
	}
	f.clk.Advance(0)
	var cancelled struct{ ApproximateNumberOfMessagesMoved int64 }
	f.queryOK("CancelMessageMoveTask", url.Values{"TaskHandle": {started.TaskHandle}}, &cancelled)
	if cancelled.ApproximateNumberOfMessagesMoved != 1 {
		t.Fatalf("moved %d", cancelled.ApproximateNumberOfMessagesMoved)
	}
	wantQueryError(t, f.query("StartMessageMoveTask", "", url.Values{"SourceArn": {"arn:aws:sqs:us-east-1:000000000000:nope"}}),
		apiError{404, "", "ResourceNotFoundException", "The resource that you specified for the SourceArn parameter doesn't exist."})
}
