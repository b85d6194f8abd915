package sdktest

import (
	"bytes"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Messages through the real client: send, receive, delete, visibility,
// delays, FIFO groups and deduplication, and the batch forms. The SDK
// checks MD5OfMessageBody and MD5OfBody itself (checksum validation stays
// on); the tests check MD5OfMessageAttributes, which the Go SDK does not.

// everyAttributeType is one message attribute of every data type SQS
// takes, custom types included (§1.3).
func everyAttributeType() map[string]sqstypes.MessageAttributeValue {
	return map[string]sqstypes.MessageAttributeValue{
		"color":      {DataType: aws.String("String"), StringValue: aws.String("blue")},
		"note":       {DataType: aws.String("String"), StringValue: aws.String("héllo, wörld ✓")},
		"price":      {DataType: aws.String("Number"), StringValue: aws.String("12.50")},
		"thumbnail":  {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 2, 0xfe, 0xff}},
		"sku.region": {DataType: aws.String("String.region"), StringValue: aws.String("eu-west")},
		"sku.weight": {DataType: aws.String("Number.float"), StringValue: aws.String("1.25e3")},
		"icon":       {DataType: aws.String("Binary.gif"), BinaryValue: []byte("GIF89a\x01\x00")},
	}
}

// sameAttributes reports whether got carries exactly want's attributes.
func sameAttributes(got, want map[string]sqstypes.MessageAttributeValue) bool {
	if len(got) != len(want) {
		return false
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok || aws.ToString(g.DataType) != aws.ToString(w.DataType) ||
			aws.ToString(g.StringValue) != aws.ToString(w.StringValue) || !bytes.Equal(g.BinaryValue, w.BinaryValue) {
			return false
		}
	}
	return true
}

// subset returns the attributes of all whose names are listed.
func subset(all map[string]sqstypes.MessageAttributeValue, names ...string) map[string]sqstypes.MessageAttributeValue {
	out := map[string]sqstypes.MessageAttributeValue{}
	for _, n := range names {
		out[n] = all[n]
	}
	return out
}

func TestSQSSendReceiveDelete(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "messages", nil))
		attrs := everyAttributeType()
		const body = "order #1 — ünïcødé 🚚 <xml & friends>"
		const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
		sent, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{
			QueueUrl:          url,
			MessageBody:       aws.String(body),
			MessageAttributes: attrs,
			MessageSystemAttributes: map[string]sqstypes.MessageSystemAttributeValue{
				"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String(trace)},
			},
		})
		if err != nil {
			t.Fatalf("SendMessage: %v", err) // includes the SDK's body MD5 check
		}
		if aws.ToString(sent.MessageId) == "" {
			t.Error("SendMessage returned no MessageId")
		}
		if got, want := aws.ToString(sent.MD5OfMessageAttributes), md5OfAttributes(attrs); got != want {
			t.Errorf("SendMessage MD5OfMessageAttributes = %q, want %q", got, want)
		}
		sysMD5 := md5OfAttributes(map[string]sqstypes.MessageAttributeValue{"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String(trace)}})
		if got := aws.ToString(sent.MD5OfMessageSystemAttributes); got != sysMD5 {
			t.Errorf("SendMessage MD5OfMessageSystemAttributes = %q, want %q", got, sysMD5)
		}
		sentAt := time.Now()

		e.advance(t, 2*time.Second)
		ms := receive(t, e.SQS, *url) // the SDK checks MD5OfBody
		if len(ms) != 1 {
			t.Fatalf("received %d messages, want 1", len(ms))
		}
		m := ms[0]
		if aws.ToString(m.Body) != body || aws.ToString(m.MessageId) != aws.ToString(sent.MessageId) {
			t.Errorf("received body %q id %q, want %q id %q", aws.ToString(m.Body), aws.ToString(m.MessageId), body, aws.ToString(sent.MessageId))
		}
		if !sameAttributes(m.MessageAttributes, attrs) {
			t.Errorf("received attributes %+v, want %+v", m.MessageAttributes, attrs)
		}
		if got, want := aws.ToString(m.MD5OfMessageAttributes), md5OfAttributes(attrs); got != want {
			t.Errorf("received MD5OfMessageAttributes = %q, want %q", got, want)
		}
		sys := m.Attributes
		ms0 := func(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }
		for k, want := range map[string]string{
			"SentTimestamp":                    ms0(sentAt),
			"ApproximateFirstReceiveTimestamp": ms0(time.Now()),
			"ApproximateReceiveCount":          "1",
			"AWSTraceHeader":                   trace,
		} {
			if sys[k] != want {
				t.Errorf("system attribute %s = %q, want %q", k, sys[k], want)
			}
		}
		if sys["SenderId"] == "" {
			t.Error("system attribute SenderId missing")
		}

		// Make it visible again and ask for some attributes only: the MD5
		// covers what is returned (§1.5).
		if _, err := e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatalf("ChangeMessageVisibility 0: %v", err)
		}
		some, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: url, MessageAttributeNames: []string{"color", "sku.*"}})
		if err != nil || len(some.Messages) != 1 {
			t.Fatalf("ReceiveMessage(color, sku.*) = %+v, %v; want one message", some, err)
		}
		want := subset(attrs, "color", "sku.region", "sku.weight")
		if got := some.Messages[0].MessageAttributes; !sameAttributes(got, want) {
			t.Errorf("ReceiveMessage(color, sku.*) attributes = %+v, want %+v", got, want)
		}
		if got := aws.ToString(some.Messages[0].MD5OfMessageAttributes); got != md5OfAttributes(want) {
			t.Errorf("ReceiveMessage(color, sku.*) MD5OfMessageAttributes = %q, want %q (of the returned ones)", got, md5OfAttributes(want))
		}
		if len(some.Messages[0].Attributes) != 0 {
			t.Errorf("system attributes %v returned unasked", some.Messages[0].Attributes)
		}
		if _, err := e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: some.Messages[0].ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatal(err)
		}
		none, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: url, MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{"ApproximateReceiveCount"}})
		if err != nil || len(none.Messages) != 1 {
			t.Fatalf("ReceiveMessage = %+v, %v; want one message", none, err)
		}
		nm := none.Messages[0]
		if len(nm.MessageAttributes) != 0 || nm.MD5OfMessageAttributes != nil {
			t.Errorf("unasked message attributes %v / MD5 %q, want none and no MD5", nm.MessageAttributes, aws.ToString(nm.MD5OfMessageAttributes))
		}
		if got := nm.Attributes; len(got) != 1 || got["ApproximateReceiveCount"] != "3" {
			t.Errorf("system attributes = %v, want only ApproximateReceiveCount 3", got)
		}

		// Delete: gone for good, even after the visibility timeout.
		if _, err := e.SQS.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: nm.ReceiptHandle}); err != nil {
			t.Fatalf("DeleteMessage: %v", err)
		}
		// Deleting twice succeeds (§1.6, rec).
		if _, err := e.SQS.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: nm.ReceiptHandle}); err != nil {
			t.Errorf("second DeleteMessage with the same handle: %v, want success", err)
		}
		e.advance(t, time.Minute)
		if ms := receive(t, e.SQS, *url); len(ms) != 0 {
			t.Errorf("after DeleteMessage received %v", bodies(ms))
		}
	})
}

func TestSQSReceiptHandles(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "handles", nil))
		if _, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String("x")}); err != nil {
			t.Fatal(err)
		}
		first := receive(t, e.SQS, *url)[0].ReceiptHandle
		if _, err := e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: first, VisibilityTimeout: 0}); err != nil {
			t.Fatal(err)
		}
		second := receive(t, e.SQS, *url)[0].ReceiptHandle
		if aws.ToString(first) == aws.ToString(second) {
			t.Errorf("two receives issued the same receipt handle %q; each receive issues a new one (§1.6)", aws.ToString(first))
		}
		// Standard queue: the old handle still deletes (§1.6, rec).
		if _, err := e.SQS.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: first}); err != nil {
			t.Fatalf("DeleteMessage with the older handle: %v, want success", err)
		}
		e.advance(t, time.Minute)
		if ms := receive(t, e.SQS, *url); len(ms) != 0 {
			t.Errorf("after deleting with the older handle, received %v", bodies(ms))
		}

		_, err := e.SQS.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: aws.String("garbage")})
		wantAs[*sqstypes.ReceiptHandleIsInvalid](t, "DeleteMessage(garbage)", err)
		wantError(t, "DeleteMessage(garbage)", err, "ReceiptHandleIsInvalid", `The input receipt handle "garbage" is not a valid receipt handle.`) // §1.6 rec
		_, err = e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: aws.String("garbage"), VisibilityTimeout: 10})
		wantAs[*sqstypes.ReceiptHandleIsInvalid](t, "ChangeMessageVisibility(garbage)", err)
		wantError(t, "ChangeMessageVisibility(garbage)", err, "ReceiptHandleIsInvalid", "")
	})
}

func TestSQSVisibilityTimeout(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "visibility", nil)) // VisibilityTimeout 30
		if _, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String("job")}); err != nil {
			t.Fatal(err)
		}
		got := func() []sqstypes.Message { t.Helper(); return receive(t, e.SQS, *url) }

		m := got()
		if len(m) != 1 {
			t.Fatalf("received %d, want 1", len(m))
		}
		if again := got(); len(again) != 0 {
			t.Fatalf("an in-flight message was received again")
		}
		e.advance(t, 29*time.Second)
		if again := got(); len(again) != 0 {
			t.Fatalf("received after 29 s of a 30 s visibility timeout")
		}
		e.advance(t, 2*time.Second)
		m = got()
		if len(m) != 1 || m[0].Attributes["ApproximateReceiveCount"] != "2" {
			t.Fatalf("after the visibility timeout, received %+v, want the message with ApproximateReceiveCount 2", m)
		}

		// ChangeMessageVisibility counts from the call (§1.6).
		e.advance(t, 10*time.Second)
		if _, err := e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: m[0].ReceiptHandle, VisibilityTimeout: 100}); err != nil {
			t.Fatalf("ChangeMessageVisibility 100: %v", err)
		}
		e.advance(t, 99*time.Second)
		if again := got(); len(again) != 0 {
			t.Fatalf("received 99 s into a 100 s extension")
		}
		e.advance(t, 2*time.Second)
		m = got()
		if len(m) != 1 {
			t.Fatalf("after the extension, received %d, want 1", len(m))
		}

		// Visibility 0: visible at once.
		if _, err := e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: m[0].ReceiptHandle, VisibilityTimeout: 0}); err != nil {
			t.Fatal(err)
		}
		if again := got(); len(again) != 1 {
			t.Fatalf("after ChangeMessageVisibility 0, received %d, want 1", len(again))
		}

		// ReceiveMessage's VisibilityTimeout overrides the queue's for
		// the messages it returns.
		e.advance(t, 31*time.Second)
		short, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: url, VisibilityTimeout: 5})
		if err != nil || len(short.Messages) != 1 {
			t.Fatalf("ReceiveMessage(VisibilityTimeout 5) = %+v, %v", short, err)
		}
		e.advance(t, 6*time.Second)
		if again := got(); len(again) != 1 {
			t.Fatalf("6 s after a receive with VisibilityTimeout 5, received %d, want 1", len(again))
		}

		// Over 12 hours: InvalidParameterValue (§1.6).
		_, err = e.SQS.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: url, ReceiptHandle: short.Messages[0].ReceiptHandle, VisibilityTimeout: 43201})
		requireCode(t, err, "InvalidParameterValue")
	})
}

func TestSQSDelay(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "delayed", map[string]string{"DelaySeconds": "20"}))
		for _, in := range []*sqs.SendMessageInput{
			{QueueUrl: url, MessageBody: aws.String("queue delay")},                // 20 s
			{QueueUrl: url, MessageBody: aws.String("own delay"), DelaySeconds: 5}, // overrides: 5 s
			{QueueUrl: url, MessageBody: aws.String("longest"), DelaySeconds: 900}, // the maximum
		} {
			if _, err := e.SQS.SendMessage(t.Context(), in); err != nil {
				t.Fatalf("SendMessage %q: %v", aws.ToString(in.MessageBody), err)
			}
		}
		if got := queueAttrs(t, e.SQS, *url, "ApproximateNumberOfMessagesDelayed")["ApproximateNumberOfMessagesDelayed"]; got != "3" {
			t.Errorf("ApproximateNumberOfMessagesDelayed = %q, want 3", got)
		}
		steps := []struct {
			after time.Duration
			want  []string
		}{
			{4 * time.Second, nil},
			{2 * time.Second, []string{"own delay"}},
			{14 * time.Second, []string{"queue delay"}},
			{879 * time.Second, nil},
			{2 * time.Second, []string{"longest"}},
		}
		for _, s := range steps {
			e.advance(t, s.after)
			if got := bodies(drainDelete(t, e.SQS, *url)); !slices.Equal(got, s.want) {
				t.Errorf("after %v more, received %q, want %q", s.after, got, s.want)
			}
		}
		_, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String("x"), DelaySeconds: 901})
		requireCode(t, err, "InvalidParameterValue")
	})
}

func TestSQSFIFO(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "jobs.fifo", map[string]string{"FifoQueue": "true"}))

		invalid := []struct {
			name string
			in   sqs.SendMessageInput
			code string
			msg  string
		}{
			{
				"no MessageGroupId", sqs.SendMessageInput{MessageDeduplicationId: aws.String("d")},
				"MissingParameter", "The request must contain the parameter MessageGroupId.", // §1.4 rec
			},
			{
				"no deduplication id", sqs.SendMessageInput{MessageGroupId: aws.String("g")},
				"InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly", // §1.4 rec
			},
			{
				"per-message delay", sqs.SendMessageInput{MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d"), DelaySeconds: 2},
				"InvalidParameterValue", "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", // §1.4 rec, sic
			},
		}
		for _, tt := range invalid {
			in := tt.in
			in.QueueUrl, in.MessageBody = url, aws.String("x")
			_, err := e.SQS.SendMessage(t.Context(), &in)
			wantError(t, "SendMessage with "+tt.name, err, tt.code, tt.msg)
		}

		var seqs []*big.Int
		send := func(group, dedup, body string) *sqs.SendMessageOutput {
			t.Helper()
			out, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String(body), MessageGroupId: aws.String(group), MessageDeduplicationId: aws.String(dedup)})
			if err != nil {
				t.Fatalf("SendMessage %s: %v", body, err)
			}
			return out
		}
		for _, m := range [][3]string{{"a", "a1", "a-first"}, {"a", "a2", "a-second"}, {"b", "b1", "b-first"}} {
			out := send(m[0], m[1], m[2])
			n, ok := new(big.Int).SetString(aws.ToString(out.SequenceNumber), 10)
			if !ok {
				t.Fatalf("SequenceNumber %q is not a decimal number", aws.ToString(out.SequenceNumber))
			}
			seqs = append(seqs, n)
		}
		if seqs[0].Cmp(seqs[1]) >= 0 {
			t.Errorf("SequenceNumbers %v do not increase within group a", seqs)
		}
		// A duplicate is accepted and not delivered (§1.4), even in
		// another group (deduplication scope "queue").
		send("b", "a1", "duplicate")

		recv := func(max int32) []sqstypes.Message {
			t.Helper()
			out, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{
				QueueUrl: url, MaxNumberOfMessages: max,
				MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{"All"},
			})
			if err != nil {
				t.Fatal(err)
			}
			return out.Messages
		}
		first := recv(1)
		if got := bodies(first); !slices.Equal(got, []string{"a-first"}) {
			t.Fatalf("first receive = %q, want [a-first]", got)
		}
		a := first[0].Attributes
		if a["MessageGroupId"] != "a" || a["MessageDeduplicationId"] != "a1" || a["SequenceNumber"] != seqs[0].String() {
			t.Errorf("system attributes = %v, want MessageGroupId a, MessageDeduplicationId a1, SequenceNumber %s", a, seqs[0])
		}
		// Group a is blocked while a-first is in flight (§1.7).
		if got := bodies(recv(10)); !slices.Equal(got, []string{"b-first"}) {
			t.Fatalf("while a-first is in flight, received %q, want [b-first]", got)
		}
		if _, err := e.SQS.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: first[0].ReceiptHandle}); err != nil {
			t.Fatal(err)
		}
		if got := bodies(recv(10)); !slices.Equal(got, []string{"a-second"}) {
			t.Fatalf("after deleting a-first, received %q, want [a-second]", got)
		}
		e.advance(t, 31*time.Second)
		got := bodies(recv(10))
		if slices.Contains(got, "duplicate") || len(got) != 2 {
			t.Errorf("after visibility expiry, received %q, want a-second and b-first and never the duplicate", got)
		}
	})
}

func TestSQSBatch(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "batch", nil))
		attrs := everyAttributeType()
		sent, err := e.SQS.SendMessageBatch(t.Context(), &sqs.SendMessageBatchInput{QueueUrl: url, Entries: []sqstypes.SendMessageBatchRequestEntry{
			{Id: aws.String("one"), MessageBody: aws.String("first")},
			{Id: aws.String("two"), MessageBody: aws.String("second — ü"), MessageAttributes: attrs},
			{Id: aws.String("three"), MessageBody: aws.String("third"), DelaySeconds: 1},
		}})
		if err != nil {
			t.Fatalf("SendMessageBatch: %v", err) // includes the SDK's per-entry MD5 checks
		}
		if len(sent.Successful) != 3 || len(sent.Failed) != 0 {
			t.Fatalf("SendMessageBatch = %d successful, %+v failed; want 3 and none", len(sent.Successful), sent.Failed)
		}
		for _, s := range sent.Successful {
			want := ""
			if aws.ToString(s.Id) == "two" {
				want = md5OfAttributes(attrs)
			}
			if aws.ToString(s.MD5OfMessageAttributes) != want {
				t.Errorf("entry %s MD5OfMessageAttributes = %q, want %q", aws.ToString(s.Id), aws.ToString(s.MD5OfMessageAttributes), want)
			}
		}

		e.advance(t, time.Second)
		ms := drain(t, e.SQS, *url)
		if got := bodies(ms); !slices.Equal(got, []string{"first", "second — ü", "third"}) {
			t.Fatalf("received %q", got)
		}

		// Partial failures: 200 with Successful and Failed (§1.9).
		changed, err := e.SQS.ChangeMessageVisibilityBatch(t.Context(), &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: url, Entries: []sqstypes.ChangeMessageVisibilityBatchRequestEntry{
			{Id: aws.String("ok"), ReceiptHandle: ms[0].ReceiptHandle, VisibilityTimeout: 0},
			{Id: aws.String("bad"), ReceiptHandle: aws.String("bogus"), VisibilityTimeout: 0},
		}})
		if err != nil {
			t.Fatalf("ChangeMessageVisibilityBatch: %v", err)
		}
		if len(changed.Successful) != 1 || aws.ToString(changed.Successful[0].Id) != "ok" {
			t.Errorf("ChangeMessageVisibilityBatch successful = %+v, want [ok]", changed.Successful)
		}
		requireFailed(t, changed.Failed, "bad", "ReceiptHandleIsInvalid")

		again := drain(t, e.SQS, *url) // the one made visible
		if len(again) != 1 {
			t.Fatalf("after ChangeMessageVisibilityBatch 0, received %d, want 1", len(again))
		}
		deleted, err := e.SQS.DeleteMessageBatch(t.Context(), &sqs.DeleteMessageBatchInput{QueueUrl: url, Entries: []sqstypes.DeleteMessageBatchRequestEntry{
			{Id: aws.String("a"), ReceiptHandle: again[0].ReceiptHandle},
			{Id: aws.String("b"), ReceiptHandle: ms[1].ReceiptHandle},
			{Id: aws.String("c"), ReceiptHandle: ms[2].ReceiptHandle},
			{Id: aws.String("bad"), ReceiptHandle: aws.String("bogus")},
		}})
		if err != nil {
			t.Fatalf("DeleteMessageBatch: %v", err)
		}
		var ids []string
		for _, s := range deleted.Successful {
			ids = append(ids, aws.ToString(s.Id))
		}
		slices.Sort(ids)
		if !slices.Equal(ids, []string{"a", "b", "c"}) {
			t.Errorf("DeleteMessageBatch successful = %v, want [a b c]", ids)
		}
		f := requireFailed(t, deleted.Failed, "bad", "ReceiptHandleIsInvalid")
		if got, want := aws.ToString(f.Message), `The input receipt handle "bogus" is not a valid receipt handle.`; got != want {
			t.Errorf("failed entry message = %q, want %q", got, want)
		}
		e.advance(t, time.Minute)
		if ms := receive(t, e.SQS, *url); len(ms) != 0 {
			t.Errorf("after DeleteMessageBatch, received %q", bodies(ms))
		}

		// On a FIFO queue without content-based deduplication, an entry
		// without a deduplication id fails alone (LocalStack's AWS-recorded
		// test_send_batch_missing_deduplication_id_for_fifo_queue).
		fifo := aws.String(createQueue(t, e.SQS, "batch.fifo", map[string]string{"FifoQueue": "true"}))
		out, err := e.SQS.SendMessageBatch(t.Context(), &sqs.SendMessageBatchInput{QueueUrl: fifo, Entries: []sqstypes.SendMessageBatchRequestEntry{
			{Id: aws.String("good"), MessageBody: aws.String("g"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d1")},
			{Id: aws.String("nodedup"), MessageBody: aws.String("n"), MessageGroupId: aws.String("g")},
		}})
		if err != nil {
			t.Fatalf("SendMessageBatch (fifo): %v", err)
		}
		if len(out.Successful) != 1 || aws.ToString(out.Successful[0].Id) != "good" || aws.ToString(out.Successful[0].SequenceNumber) == "" {
			t.Errorf("SendMessageBatch (fifo) successful = %+v, want [good] with a SequenceNumber", out.Successful)
		}
		requireFailed(t, out.Failed, "nodedup", "InvalidParameterValue")
	})
}

// requireFailed fails the test unless failed is exactly one entry with the
// given id and code, blamed on the sender, and returns it.
func requireFailed(t *testing.T, failed []sqstypes.BatchResultErrorEntry, id, code string) sqstypes.BatchResultErrorEntry {
	t.Helper()
	if len(failed) != 1 {
		t.Fatalf("Failed = %+v, want one entry %s", failed, id)
	}
	f := failed[0]
	if aws.ToString(f.Id) != id || aws.ToString(f.Code) != code || !f.SenderFault {
		t.Errorf("Failed entry = {Id %q Code %q SenderFault %v Message %q}, want {Id %q Code %q SenderFault true}",
			aws.ToString(f.Id), aws.ToString(f.Code), f.SenderFault, aws.ToString(f.Message), id, code)
	}
	return f
}

// TestSQSBatchErrors checks the errors that fail a whole batch, for each
// of the three batch operations (§1.9).
func TestSQSBatchErrors(t *testing.T) {
	type entry struct{ id string }
	ids := func(n int) []entry {
		var es []entry
		for i := range n {
			es = append(es, entry{"e" + strconv.Itoa(i)})
		}
		return es
	}
	cases := []struct {
		name    string
		entries []entry
		code    string
		as      func(t *testing.T, err error)
		msg     string
	}{
		{"empty", []entry{}, "AWS.SimpleQueueService.EmptyBatchRequest", func(t *testing.T, err error) { requireAs[*sqstypes.EmptyBatchRequest](t, err) }, ""},
		{"eleven entries", ids(11), "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", func(t *testing.T, err error) { requireAs[*sqstypes.TooManyEntriesInBatchRequest](t, err) },
			"Maximum number of entries per request are 10. You have sent 11."},
		{"ids not distinct", []entry{{"same"}, {"same"}}, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", func(t *testing.T, err error) { requireAs[*sqstypes.BatchEntryIdsNotDistinct](t, err) }, ""},
		{"invalid id", []entry{{"not ok!"}}, "AWS.SimpleQueueService.InvalidBatchEntryId", func(t *testing.T, err error) { requireAs[*sqstypes.InvalidBatchEntryId](t, err) },
			"A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."},
	}
	ops := []struct {
		name string
		call func(t *testing.T, c *sqs.Client, url *string, es []entry) error
	}{
		{"SendMessageBatch", func(t *testing.T, c *sqs.Client, url *string, es []entry) error {
			in := &sqs.SendMessageBatchInput{QueueUrl: url, Entries: []sqstypes.SendMessageBatchRequestEntry{}}
			for _, e := range es {
				in.Entries = append(in.Entries, sqstypes.SendMessageBatchRequestEntry{Id: aws.String(e.id), MessageBody: aws.String("x")})
			}
			_, err := c.SendMessageBatch(t.Context(), in)
			return err
		}},
		{"DeleteMessageBatch", func(t *testing.T, c *sqs.Client, url *string, es []entry) error {
			in := &sqs.DeleteMessageBatchInput{QueueUrl: url, Entries: []sqstypes.DeleteMessageBatchRequestEntry{}}
			for _, e := range es {
				in.Entries = append(in.Entries, sqstypes.DeleteMessageBatchRequestEntry{Id: aws.String(e.id), ReceiptHandle: aws.String("h")})
			}
			_, err := c.DeleteMessageBatch(t.Context(), in)
			return err
		}},
		{"ChangeMessageVisibilityBatch", func(t *testing.T, c *sqs.Client, url *string, es []entry) error {
			in := &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: url, Entries: []sqstypes.ChangeMessageVisibilityBatchRequestEntry{}}
			for _, e := range es {
				in.Entries = append(in.Entries, sqstypes.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String(e.id), ReceiptHandle: aws.String("h")})
			}
			_, err := c.ChangeMessageVisibilityBatch(t.Context(), in)
			return err
		}},
	}
	for _, op := range ops {
		for _, tc := range cases {
			t.Run(op.name+"/"+strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
				inMemory(t, func(t *testing.T, e *env) {
					url := aws.String(createQueue(t, e.SQS, "batch-errors", nil))
					err := op.call(t, e.SQS, url, tc.entries)
					tc.as(t, err)
					requireCode(t, err, tc.code)
					if tc.msg != "" {
						requireMessage(t, err, tc.msg)
					}
					if got := queueAttrs(t, e.SQS, *url, "ApproximateNumberOfMessages")["ApproximateNumberOfMessages"]; got != "0" {
						t.Errorf("a refused batch left %s messages", got)
					}
				})
			})
		}
	}
}
