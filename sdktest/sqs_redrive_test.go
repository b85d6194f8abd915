package sdktest

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Dead-letter queues and redrive (§1.10): a RedrivePolicy moves a message
// to the DLQ once a receive would exceed maxReceiveCount;
// ListDeadLetterSourceQueues finds the sources; message-move tasks send
// messages back.

func redrivePolicy(dlq string, maxReceiveCount int) string {
	return `{"deadLetterTargetArn":"` + queueARN(dlq) + `","maxReceiveCount":` + strconv.Itoa(maxReceiveCount) + `}`
}

func TestSQSRedriveAndMessageMoveTasks(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		dlq := aws.String(createQueue(t, e.SQS, "orders-dlq", nil))
		src := aws.String(createQueue(t, e.SQS, "orders", map[string]string{"RedrivePolicy": redrivePolicy("orders-dlq", 2)}))
		other := createQueue(t, e.SQS, "refunds", map[string]string{"RedrivePolicy": redrivePolicy("orders-dlq", 5)})
		createQueue(t, e.SQS, "unrelated", nil)

		// ListDeadLetterSourceQueues, whole and paged.
		sources, err := e.SQS.ListDeadLetterSourceQueues(ctx, &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: dlq})
		if err != nil {
			t.Fatalf("ListDeadLetterSourceQueues: %v", err)
		}
		got := slices.Sorted(slices.Values(sources.QueueUrls))
		if want := slices.Sorted(slices.Values([]string{*src, other})); !slices.Equal(got, want) {
			t.Errorf("ListDeadLetterSourceQueues = %v, want %v", got, want)
		}
		var paged []string
		p := sqs.NewListDeadLetterSourceQueuesPaginator(e.SQS, &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: dlq, MaxResults: aws.Int32(1)})
		for i := 0; p.HasMorePages() && i < 5; i++ {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("ListDeadLetterSourceQueues page: %v", err)
			}
			if len(out.QueueUrls) > 1 {
				t.Errorf("a page with MaxResults 1 has %d URLs", len(out.QueueUrls))
			}
			paged = append(paged, out.QueueUrls...)
		}
		if slices.Sort(paged); !slices.Equal(paged, got) {
			t.Errorf("paged ListDeadLetterSourceQueues = %v, want %v", paged, got)
		}

		// Receive twice (maxReceiveCount 2); the third receive moves the
		// message to the DLQ instead of returning it (§1.10).
		attrs := map[string]sqstypes.MessageAttributeValue{"kind": {DataType: aws.String("String"), StringValue: aws.String("poison")}}
		sent, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: src, MessageBody: aws.String("poison pill"), MessageAttributes: attrs})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 2; i++ {
			ms := receive(t, e.SQS, *src)
			if len(ms) != 1 || ms[0].Attributes["ApproximateReceiveCount"] != strconv.Itoa(i) {
				t.Fatalf("receive %d = %+v, want the message with ApproximateReceiveCount %d", i, ms, i)
			}
			if _, err := e.SQS.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: src, ReceiptHandle: ms[0].ReceiptHandle, VisibilityTimeout: 0}); err != nil {
				t.Fatal(err)
			}
		}
		if ms := receive(t, e.SQS, *src); len(ms) != 0 {
			t.Fatalf("third receive returned %+v; past maxReceiveCount it should go to the DLQ", ms)
		}
		dead := receive(t, e.SQS, *dlq)
		if len(dead) != 1 {
			t.Fatalf("the DLQ holds %d messages, want 1", len(dead))
		}
		d := dead[0]
		if aws.ToString(d.MessageId) != aws.ToString(sent.MessageId) || aws.ToString(d.Body) != "poison pill" || !sameAttributes(d.MessageAttributes, attrs) {
			t.Errorf("dead-lettered message = id %q body %q attrs %v, want the original", aws.ToString(d.MessageId), aws.ToString(d.Body), d.MessageAttributes)
		}
		if got := d.Attributes["DeadLetterQueueSourceArn"]; got != queueARN("orders") {
			t.Errorf("DeadLetterQueueSourceArn = %q, want %q", got, queueARN("orders"))
		}
		if _, err := e.SQS.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: dlq, ReceiptHandle: d.ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatal(err)
		}

		// Move it back to where it came from (no DestinationArn).
		started, err := e.SQS.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(queueARN("orders-dlq"))})
		if err != nil {
			t.Fatalf("StartMessageMoveTask: %v", err)
		}
		if aws.ToString(started.TaskHandle) == "" {
			t.Fatal("StartMessageMoveTask returned no TaskHandle")
		}
		task := waitMoveTask(t, e, "orders-dlq")
		if aws.ToString(task.Status) != "COMPLETED" || task.ApproximateNumberOfMessagesMoved != 1 || aws.ToString(task.SourceArn) != queueARN("orders-dlq") {
			t.Errorf("move task = status %q moved %d source %q, want COMPLETED, 1, %s", aws.ToString(task.Status), task.ApproximateNumberOfMessagesMoved, aws.ToString(task.SourceArn), queueARN("orders-dlq"))
		}
		back := receive(t, e.SQS, *src)
		if len(back) != 1 || aws.ToString(back[0].Body) != "poison pill" {
			t.Fatalf("after the move, the source queue holds %q, want [poison pill]", bodies(back))
		}
		if ms := receive(t, e.SQS, *dlq); len(ms) != 0 {
			t.Errorf("after the move, the DLQ still holds %q", bodies(ms))
		}

		// A slow task (1 message a second) cancelled part way: what moved
		// stays moved, the rest stays in the DLQ, nothing is lost.
		for i := range 5 {
			if _, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: dlq, MessageBody: aws.String("m" + strconv.Itoa(i))}); err != nil {
				t.Fatal(err)
			}
		}
		slow, err := e.SQS.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{
			SourceArn:                    aws.String(queueARN("orders-dlq")),
			DestinationArn:               aws.String(queueARN("unrelated")),
			MaxNumberOfMessagesPerSecond: aws.Int32(1),
		})
		if err != nil {
			t.Fatalf("StartMessageMoveTask (slow): %v", err)
		}
		e.advance(t, 1500*time.Millisecond)
		cancelled, err := e.SQS.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: slow.TaskHandle})
		if err != nil {
			t.Fatalf("CancelMessageMoveTask: %v", err)
		}
		moved := cancelled.ApproximateNumberOfMessagesMoved
		if moved < 1 || moved >= 5 {
			t.Errorf("cancelled after 1.5 s at 1 message/s, ApproximateNumberOfMessagesMoved = %d, want 1 or 2", moved)
		}
		e.advance(t, 10*time.Second)
		// MaxResults defaults to 1, the newest task (API reference).
		tasks, err := e.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN("orders-dlq")), MaxResults: aws.Int32(10)})
		if err != nil {
			t.Fatalf("ListMessageMoveTasks: %v", err)
		}
		if len(tasks.Results) != 2 {
			t.Fatalf("ListMessageMoveTasks = %d tasks, want 2", len(tasks.Results))
		}
		newest := tasks.Results[0] // newest first
		if aws.ToString(newest.Status) != "CANCELLED" || newest.ApproximateNumberOfMessagesMoved != moved ||
			aws.ToString(newest.DestinationArn) != queueARN("unrelated") || aws.ToInt32(newest.MaxNumberOfMessagesPerSecond) != 1 {
			t.Errorf("newest task = status %q moved %d dest %q rate %d, want CANCELLED, %d, %s, 1",
				aws.ToString(newest.Status), newest.ApproximateNumberOfMessagesMoved, aws.ToString(newest.DestinationArn), aws.ToInt32(newest.MaxNumberOfMessagesPerSecond), moved, queueARN("unrelated"))
		}
		if aws.ToString(tasks.Results[1].Status) != "COMPLETED" {
			t.Errorf("older task status = %q, want COMPLETED", aws.ToString(tasks.Results[1].Status))
		}
		if newestOnly, err := e.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN("orders-dlq"))}); err != nil || len(newestOnly.Results) != 1 {
			t.Errorf("ListMessageMoveTasks without MaxResults = %+v, %v; want only the newest task", newestOnly, err)
		}
		inDLQ := len(drain(t, e.SQS, *dlq))
		inDest := len(drain(t, e.SQS, queueURLOf(t, e, "unrelated")))
		if inDLQ+inDest != 5 || int64(inDest) != moved {
			t.Errorf("after the cancel, DLQ holds %d and the destination %d; want %d moved and 5 in all", inDLQ, inDest, moved)
		}

		// Errors.
		// A handle AWS could not have issued (theirs are opaque base64).
		_, err = e.SQS.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String("no-such-task")})
		wantError(t, "CancelMessageMoveTask(garbage)", err, "InvalidParameterValue", "Value for parameter TaskHandle is invalid.")
		_, err = e.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN("nope"))})
		wantAs[*sqstypes.ResourceNotFoundException](t, "ListMessageMoveTasks(unknown queue)", err)
		_, err = e.SQS.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(queueARN("unrelated"))})
		wantError(t, "StartMessageMoveTask(not a DLQ)", err, "InvalidParameterValue", "")
	})
}

// waitMoveTask lets virtual time pass until the newest move task of the
// DLQ called name is no longer running, and returns it.
func waitMoveTask(t *testing.T, e *env, name string) sqstypes.ListMessageMoveTasksResultEntry {
	t.Helper()
	for range 60 {
		out, err := e.SQS.ListMessageMoveTasks(t.Context(), &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN(name))})
		if err != nil {
			t.Fatalf("ListMessageMoveTasks: %v", err)
		}
		if len(out.Results) == 0 {
			t.Fatal("ListMessageMoveTasks lists no task")
		}
		if aws.ToString(out.Results[0].Status) != "RUNNING" {
			return out.Results[0]
		}
		e.advance(t, time.Second)
	}
	t.Fatal("the move task still runs after a minute")
	panic("unreachable")
}

func queueURLOf(t *testing.T, e *env, name string) string {
	t.Helper()
	out, err := e.SQS.GetQueueUrl(t.Context(), &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if err != nil {
		t.Fatalf("GetQueueUrl %s: %v", name, err)
	}
	return aws.ToString(out.QueueUrl)
}
