package sqsquery

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/switchyard/switchyard/awsfake"
)

// Every SQS operation through the Query protocol. AWS still answers Query
// requests (shared/reference/sqs-and-sns.md §0, §3); the replies are XML,
// errors an ErrorResponse whose Code is the legacy code.
//
// The v1.26.0 client drops the message of every error it has a type for
// (its generated deserializers read no member of the error shapes), so
// messages are checked only on errors it reports as generic API errors.

func TestQueryQueueManagement(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		// CreateQueue: standard, FIFO, attributes, tags; idempotent.
		url := createQueue(t, e.SQS, "orders", map[string]string{"VisibilityTimeout": "45"})
		if !strings.HasSuffix(url, "/"+account+"/orders") {
			t.Errorf("QueueUrl = %q", url)
		}
		if again := createQueue(t, e.SQS, "orders", map[string]string{"VisibilityTimeout": "45"}); again != url {
			t.Errorf("CreateQueue again = %q, want %q", again, url)
		}
		fifo := createQueue(t, e.SQS, "orders.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
		tagged, err := e.SQS.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("tagged"), Tags: map[string]string{"team": "core"}})
		if err != nil {
			t.Fatalf("CreateQueue with tags: %v", err)
		}

		// GetQueueUrl.
		got, err := e.SQS.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("orders")})
		if err != nil || aws.ToString(got.QueueUrl) != url {
			t.Errorf("GetQueueUrl = %v, %v; want %s", got, err, url)
		}

		// Get/SetQueueAttributes.
		attrs := queueAttrs(t, e.SQS, url, "All")
		for k, v := range map[string]string{"QueueArn": queueARN("orders"), "VisibilityTimeout": "45", "DelaySeconds": "0", "MaximumMessageSize": "1048576"} {
			if attrs[k] != v {
				t.Errorf("attribute %s = %q, want %q", k, attrs[k], v)
			}
		}
		if f := queueAttrs(t, e.SQS, fifo, "FifoQueue", "ContentBasedDeduplication"); f["FifoQueue"] != "true" || f["ContentBasedDeduplication"] != "true" {
			t.Errorf("FIFO attributes = %v", f)
		}
		if _, err := e.SQS.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"DelaySeconds": "3", "VisibilityTimeout": "60"}}); err != nil {
			t.Fatalf("SetQueueAttributes: %v", err)
		}
		if a := queueAttrs(t, e.SQS, url, "DelaySeconds", "VisibilityTimeout"); a["DelaySeconds"] != "3" || a["VisibilityTimeout"] != "60" || len(a) != 2 {
			t.Errorf("after SetQueueAttributes: %v", a)
		}

		// ListQueues with a prefix and with MaxResults pages.
		list, err := e.SQS.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String("orders")})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Sorted(slices.Values(list.QueueUrls)); !slices.Equal(got, []string{url, fifo}) {
			t.Errorf("ListQueues(prefix orders) = %v", got)
		}
		var paged []string
		p := sqs.NewListQueuesPaginator(e.SQS, &sqs.ListQueuesInput{MaxResults: aws.Int32(2)})
		for i := 0; p.HasMorePages() && i < 5; i++ {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("ListQueues page: %v", err)
			}
			paged = append(paged, out.QueueUrls...)
		}
		if len(paged) != 3 {
			t.Errorf("paged ListQueues = %v, want 3 URLs", paged)
		}

		// Tags.
		if _, err := e.SQS.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: tagged.QueueUrl, Tags: map[string]string{"env": "test"}}); err != nil {
			t.Fatalf("TagQueue: %v", err)
		}
		if _, err := e.SQS.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: tagged.QueueUrl, TagKeys: []string{"team"}}); err != nil {
			t.Fatalf("UntagQueue: %v", err)
		}
		tags, err := e.SQS.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: tagged.QueueUrl})
		if err != nil {
			t.Fatalf("ListQueueTags: %v", err)
		}
		if !maps.Equal(tags.Tags, map[string]string{"env": "test"}) {
			t.Errorf("tags = %v, want env=test", tags.Tags)
		}

		// Permissions.
		if _, err := e.SQS.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(url), Label: aws.String("p1"), AWSAccountIds: []string{"111122223333"}, Actions: []string{"SendMessage"}}); err != nil {
			t.Fatalf("AddPermission: %v", err)
		}
		var policy struct{ Statement []struct{ Sid string } }
		if err := json.Unmarshal([]byte(queueAttrs(t, e.SQS, url, "Policy")["Policy"]), &policy); err != nil || len(policy.Statement) != 1 || policy.Statement[0].Sid != "p1" {
			t.Errorf("Policy after AddPermission = %+v, %v; want one statement p1", policy, err)
		}
		if _, err := e.SQS.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: aws.String(url), Label: aws.String("p1")}); err != nil {
			t.Fatalf("RemovePermission: %v", err)
		}
		if p := queueAttrs(t, e.SQS, url, "Policy")["Policy"]; strings.Contains(p, "p1") {
			t.Errorf("Policy after RemovePermission = %q", p)
		}

		// PurgeQueue, then DeleteQueue.
		if _, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("x")}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.SQS.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatalf("PurgeQueue: %v", err)
		}
		_, err = e.SQS.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(url)})
		wantAs[*types.PurgeQueueInProgress](t, "second PurgeQueue", err)
		wantError(t, "second PurgeQueue", err, "AWS.SimpleQueueService.PurgeQueueInProgress", "")
		e.advance(t, 4*time.Second) // past the message's delay
		if ms := receive(t, e.SQS, url); len(ms) != 0 {
			t.Errorf("after PurgeQueue received %q", bodies(ms))
		}
		if _, err := e.SQS.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatalf("DeleteQueue: %v", err)
		}
		_, err = e.SQS.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("orders")})
		wantAs[*types.QueueDoesNotExist](t, "GetQueueUrl(deleted)", err)
		wantError(t, "GetQueueUrl(deleted)", err, "AWS.SimpleQueueService.NonExistentQueue", "")
	})
}

// messagesAttributesMD5 is the MD5OfMessageAttributes of TestQueryMessages'
// attributes, as sdktest's md5OfAttributes computes it (that module checks
// its oracle against AWS's published vectors; this one, pinned to an old
// SDK, cannot share its code).
const messagesAttributesMD5 = "a3af3732169377fb13d1a7bde518ef04"

func TestQueryMessages(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		url := aws.String(createQueue(t, e.SQS, "messages", nil))
		attrs := map[string]types.MessageAttributeValue{
			"color":      {DataType: aws.String("String"), StringValue: aws.String("blue & <green>")},
			"price":      {DataType: aws.String("Number"), StringValue: aws.String("12.50")},
			"thumbnail":  {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 2, 0xfe, 0xff}},
			"sku.region": {DataType: aws.String("String.region"), StringValue: aws.String("eu-west")},
			"sku.weight": {DataType: aws.String("Number.float"), StringValue: aws.String("1.25e3")},
			"icon":       {DataType: aws.String("Binary.gif"), BinaryValue: []byte("GIF89a")},
		}
		const body = "order #1 — ünïcødé 🚚 <xml & friends>\r\n\ttabs"
		sent, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String(body), MessageAttributes: attrs})
		if err != nil {
			t.Fatalf("SendMessage: %v", err) // the SDK checks MD5OfMessageBody
		}
		if got := aws.ToString(sent.MD5OfMessageAttributes); got != messagesAttributesMD5 {
			t.Errorf("MD5OfMessageAttributes = %q, want %q", got, messagesAttributesMD5)
		}
		ms := receive(t, e.SQS, *url) // the SDK checks MD5OfBody
		if len(ms) != 1 {
			t.Fatalf("received %d, want 1", len(ms))
		}
		m := ms[0]
		if aws.ToString(m.Body) != body || aws.ToString(m.MessageId) != aws.ToString(sent.MessageId) || !sameAttributes(m.MessageAttributes, attrs) {
			t.Errorf("received %q id %q attrs %+v; want what was sent", aws.ToString(m.Body), aws.ToString(m.MessageId), m.MessageAttributes)
		}
		if aws.ToString(m.MD5OfMessageAttributes) != messagesAttributesMD5 {
			t.Errorf("received MD5OfMessageAttributes = %q, want %q", aws.ToString(m.MD5OfMessageAttributes), messagesAttributesMD5)
		}
		if m.Attributes["ApproximateReceiveCount"] != "1" || m.Attributes["SentTimestamp"] == "" {
			t.Errorf("system attributes = %v", m.Attributes)
		}

		// ChangeMessageVisibility, then DeleteMessage.
		if _, err := e.SQS.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatalf("ChangeMessageVisibility: %v", err)
		}
		ms = receive(t, e.SQS, *url)
		if len(ms) != 1 || ms[0].Attributes["ApproximateReceiveCount"] != "2" {
			t.Fatalf("after ChangeMessageVisibility 0, received %+v", ms)
		}
		if _, err := e.SQS.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: ms[0].ReceiptHandle}); err != nil {
			t.Fatalf("DeleteMessage: %v", err)
		}
		_, err = e.SQS.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: aws.String("garbage")})
		wantAs[*types.ReceiptHandleIsInvalid](t, "DeleteMessage(garbage)", err)
		wantError(t, "DeleteMessage(garbage)", err, "ReceiptHandleIsInvalid", "")

		// Batches, with partial failures.
		batch, err := e.SQS.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: url, Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("a"), MessageBody: aws.String("first")},
			{Id: aws.String("b"), MessageBody: aws.String("second"), MessageAttributes: attrs},
			{Id: aws.String("c"), MessageBody: aws.String("third")},
		}})
		if err != nil {
			t.Fatalf("SendMessageBatch: %v", err)
		}
		if len(batch.Successful) != 3 || len(batch.Failed) != 0 {
			t.Fatalf("SendMessageBatch = %+v", batch)
		}
		ms = receive(t, e.SQS, *url)
		if got := bodies(ms); !slices.Equal(got, []string{"first", "second", "third"}) {
			t.Fatalf("received %q", got)
		}
		cv, err := e.SQS.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: url, Entries: []types.ChangeMessageVisibilityBatchRequestEntry{
			{Id: aws.String("ok"), ReceiptHandle: ms[0].ReceiptHandle, VisibilityTimeout: 0},
			{Id: aws.String("bad"), ReceiptHandle: aws.String("bogus"), VisibilityTimeout: 0},
		}})
		if err != nil {
			t.Fatalf("ChangeMessageVisibilityBatch: %v", err)
		}
		if len(cv.Successful) != 1 || len(cv.Failed) != 1 || aws.ToString(cv.Failed[0].Id) != "bad" || aws.ToString(cv.Failed[0].Code) != "ReceiptHandleIsInvalid" || !cv.Failed[0].SenderFault {
			t.Errorf("ChangeMessageVisibilityBatch = successful %+v failed %+v", cv.Successful, cv.Failed)
		}
		again := receive(t, e.SQS, *url)
		if len(again) != 1 {
			t.Fatalf("after ChangeMessageVisibilityBatch 0, received %d, want 1", len(again))
		}
		del, err := e.SQS.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: url, Entries: []types.DeleteMessageBatchRequestEntry{
			{Id: aws.String("x"), ReceiptHandle: again[0].ReceiptHandle},
			{Id: aws.String("y"), ReceiptHandle: ms[1].ReceiptHandle},
			{Id: aws.String("z"), ReceiptHandle: ms[2].ReceiptHandle},
			{Id: aws.String("bad"), ReceiptHandle: aws.String("bogus")},
		}})
		if err != nil {
			t.Fatalf("DeleteMessageBatch: %v", err)
		}
		if len(del.Successful) != 3 || len(del.Failed) != 1 || aws.ToString(del.Failed[0].Code) != "ReceiptHandleIsInvalid" || !del.Failed[0].SenderFault {
			t.Errorf("DeleteMessageBatch = successful %+v failed %+v", del.Successful, del.Failed)
		}
		e.advance(t, time.Minute)
		if ms := receive(t, e.SQS, *url); len(ms) != 0 {
			t.Errorf("after DeleteMessageBatch received %q", bodies(ms))
		}

		// FIFO without a group id.
		fifo := aws.String(createQueue(t, e.SQS, "messages.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}))
		_, err = e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: fifo, MessageBody: aws.String("x")})
		wantError(t, "SendMessage(FIFO, no group)", err, "MissingParameter", "The request must contain the parameter MessageGroupId.")
		out, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: fifo, MessageBody: aws.String("x"), MessageGroupId: aws.String("g")})
		if err != nil || aws.ToString(out.SequenceNumber) == "" {
			t.Errorf("SendMessage(FIFO) = %+v, %v; want a SequenceNumber", out, err)
		}
	})
}

func TestQueryErrors(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		url := aws.String(createQueue(t, e.SQS, "errs", map[string]string{"VisibilityTimeout": "30"}))
		missing := aws.String(placeholderEndpoint + "/" + account + "/missing")

		_, err := e.SQS.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("errs"), Attributes: map[string]string{"VisibilityTimeout": "31"}})
		wantAs[*types.QueueNameExists](t, "CreateQueue(other attributes)", err)
		wantError(t, "CreateQueue(other attributes)", err, "QueueAlreadyExists", "")
		// The 2023 model lists QueueDoesNotExist for few operations; the
		// code is what every user can match. The Query protocol's text is
		// the historic one.
		_, err = e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: missing, MessageBody: aws.String("x")})
		wantError(t, "SendMessage(missing queue)", err, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version.")
		_, err = e.SQS.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: missing})
		wantAs[*types.QueueDoesNotExist](t, "PurgeQueue(missing queue)", err)
		_, err = e.SQS.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: url, AttributeNames: []types.QueueAttributeName{"Bogus"}})
		wantAs[*types.InvalidAttributeName](t, "GetQueueAttributes(Bogus)", err)
		wantError(t, "GetQueueAttributes(Bogus)", err, "InvalidAttributeName", "")
		_, err = e.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: url, MaxNumberOfMessages: 11})
		wantError(t, "ReceiveMessage(MaxNumberOfMessages 11)", err, "InvalidParameterValue", "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")

		eleven := make([]types.SendMessageBatchRequestEntry, 11)
		for i := range eleven {
			eleven[i] = types.SendMessageBatchRequestEntry{Id: aws.String("e" + strconv.Itoa(i)), MessageBody: aws.String("x")}
		}
		_, err = e.SQS.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: url, Entries: eleven})
		wantAs[*types.TooManyEntriesInBatchRequest](t, "SendMessageBatch(11)", err)
		wantError(t, "SendMessageBatch(11)", err, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "")
		_, err = e.SQS.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: url, Entries: []types.SendMessageBatchRequestEntry{}})
		wantAs[*types.EmptyBatchRequest](t, "SendMessageBatch(empty)", err)
		wantError(t, "SendMessageBatch(empty)", err, "AWS.SimpleQueueService.EmptyBatchRequest", "")
		_, err = e.SQS.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: url, Entries: []types.DeleteMessageBatchRequestEntry{
			{Id: aws.String("same"), ReceiptHandle: aws.String("h")}, {Id: aws.String("same"), ReceiptHandle: aws.String("h")},
		}})
		wantAs[*types.BatchEntryIdsNotDistinct](t, "DeleteMessageBatch(same ids)", err)
		wantError(t, "DeleteMessageBatch(same ids)", err, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "")
		_, err = e.SQS.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: url, Entries: []types.ChangeMessageVisibilityBatchRequestEntry{
			{Id: aws.String("not ok!"), ReceiptHandle: aws.String("h")},
		}})
		wantAs[*types.InvalidBatchEntryId](t, "ChangeMessageVisibilityBatch(bad id)", err)
		wantError(t, "ChangeMessageVisibilityBatch(bad id)", err, "AWS.SimpleQueueService.InvalidBatchEntryId", "")
	})
}

func TestQueryRedriveAndMoveTasks(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		dlq := aws.String(createQueue(t, e.SQS, "dlq", nil))
		policy := `{"deadLetterTargetArn":"` + queueARN("dlq") + `","maxReceiveCount":1}`
		src := aws.String(createQueue(t, e.SQS, "src", map[string]string{"RedrivePolicy": policy}))

		sources, err := e.SQS.ListDeadLetterSourceQueues(ctx, &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: dlq})
		if err != nil {
			t.Fatalf("ListDeadLetterSourceQueues: %v", err)
		}
		if !slices.Equal(sources.QueueUrls, []string{*src}) {
			t.Errorf("ListDeadLetterSourceQueues = %v, want [%s]", sources.QueueUrls, *src)
		}

		if _, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: src, MessageBody: aws.String("poison")}); err != nil {
			t.Fatal(err)
		}
		ms := receive(t, e.SQS, *src)
		if len(ms) != 1 {
			t.Fatalf("first receive: %d messages", len(ms))
		}
		if _, err := e.SQS.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: src, ReceiptHandle: ms[0].ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatal(err)
		}
		if ms := receive(t, e.SQS, *src); len(ms) != 0 {
			t.Fatalf("second receive past maxReceiveCount 1 returned %q", bodies(ms))
		}
		dead := receive(t, e.SQS, *dlq)
		if len(dead) != 1 || aws.ToString(dead[0].Body) != "poison" || dead[0].Attributes["DeadLetterQueueSourceArn"] != queueARN("src") {
			t.Fatalf("DLQ holds %+v, want poison from %s", dead, queueARN("src"))
		}
		if _, err := e.SQS.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: dlq, ReceiptHandle: dead[0].ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatal(err)
		}

		started, err := e.SQS.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(queueARN("dlq"))})
		if err != nil {
			t.Fatalf("StartMessageMoveTask: %v", err)
		}
		var task types.ListMessageMoveTasksResultEntry
		for range 30 {
			e.advance(t, time.Second)
			out, err := e.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN("dlq"))})
			if err != nil {
				t.Fatalf("ListMessageMoveTasks: %v", err)
			}
			if len(out.Results) != 1 {
				t.Fatalf("ListMessageMoveTasks = %+v, want one task", out.Results)
			}
			if task = out.Results[0]; aws.ToString(task.Status) != "RUNNING" {
				break
			}
		}
		// TaskHandle is listed for running tasks only (API reference).
		if aws.ToString(task.Status) != "COMPLETED" || task.ApproximateNumberOfMessagesMoved != 1 || task.TaskHandle != nil {
			t.Errorf("task = %+v, want COMPLETED with 1 moved and no TaskHandle", task)
		}
		if aws.ToString(started.TaskHandle) == "" {
			t.Error("StartMessageMoveTask returned no TaskHandle")
		}
		if back := receive(t, e.SQS, *src); len(back) != 1 || aws.ToString(back[0].Body) != "poison" {
			t.Errorf("after the move, src holds %q", bodies(back))
		}

		// Cancel a slow task.
		for i := range 3 {
			if _, err := e.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: dlq, MessageBody: aws.String("m" + strconv.Itoa(i))}); err != nil {
				t.Fatal(err)
			}
		}
		slow, err := e.SQS.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(queueARN("dlq")), DestinationArn: aws.String(queueARN("src")), MaxNumberOfMessagesPerSecond: 1})
		if err != nil {
			t.Fatalf("StartMessageMoveTask (slow): %v", err)
		}
		if _, err := e.SQS.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: slow.TaskHandle}); err != nil {
			t.Fatalf("CancelMessageMoveTask: %v", err)
		}
		out, err := e.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN("dlq")), MaxResults: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Results) != 2 || aws.ToString(out.Results[0].DestinationArn) != queueARN("src") ||
			!slices.Contains([]string{"CANCELLING", "CANCELLED"}, aws.ToString(out.Results[0].Status)) {
			t.Errorf("ListMessageMoveTasks after cancel = %+v, want the slow task first, cancelled", out.Results)
		}
		_, err = e.SQS.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String("no-such-task")})
		wantError(t, "CancelMessageMoveTask(garbage)", err, "InvalidParameterValue", "Value for parameter TaskHandle is invalid.")
		_, err = e.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(queueARN("nope"))})
		wantAs[*types.ResourceNotFoundException](t, "ListMessageMoveTasks(unknown queue)", err)
	})
}

// TestQueryLongPoll: a 20-second long poll through the Query client takes
// 20 s of virtual time and no real time.
func TestQueryLongPoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		acct := awsfake.New(awsfake.Config{})
		t.Cleanup(func() { closeAccount(t, acct) })
		c := newClient(t, placeholderEndpoint, acct.HTTPClient())
		url := createQueue(t, c, "idle", nil)
		start := time.Now()
		out, err := c.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) != 0 || time.Since(start) != 20*time.Second {
			t.Errorf("long poll: %d messages after %v, want none after 20s", len(out.Messages), time.Since(start))
		}
		go func() {
			time.Sleep(3 * time.Second)
			_, _ = c.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("hi")})
		}()
		start = time.Now()
		out, err = c.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) != 1 || time.Since(start) != 3*time.Second {
			t.Errorf("woken long poll: %d messages after %v, want 1 after 3s", len(out.Messages), time.Since(start))
		}
		synctest.Wait()
	})
}
