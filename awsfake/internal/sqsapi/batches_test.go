package sqsapi_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
)

// entries returns n send batch entries with ids e0… and bodies m0….
func entries(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{"Id": fmt.Sprintf("e%d", i), "MessageBody": fmt.Sprintf("m%d", i)}
	}
	return out
}

func list(out map[string]any, key string) []map[string]any {
	raw, _ := out[key].([]any)
	l := make([]map[string]any, len(raw))
	for i, v := range raw {
		l[i] = v.(map[string]any)
	}
	return l
}

func TestSendMessageBatch(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	es := entries(10)
	es[3]["MessageAttributes"] = map[string]any{"attribName1": vecString}
	out := f.ok("SendMessageBatch", map[string]any{"QueueUrl": u, "Entries": es})
	ok := list(out, "Successful")
	if len(ok) != 10 || len(list(out, "Failed")) != 0 {
		t.Fatalf("reply %v", out)
	}
	for i, e := range ok {
		if e["Id"] != es[i]["Id"] || e["MD5OfMessageBody"] != attr.BodyMD5(es[i]["MessageBody"].(string)) || !uuidPattern.MatchString(e["MessageId"].(string)) {
			t.Errorf("entry %d: %v", i, e)
		}
	}
	if ok[3]["MD5OfMessageAttributes"] != "19e27d4e946b072f3f58da80d94fd778" {
		t.Errorf("MD5OfMessageAttributes %v", ok[3]["MD5OfMessageAttributes"])
	}
	if _, has := ok[0]["MD5OfMessageAttributes"]; has {
		t.Errorf("MD5OfMessageAttributes on an entry without attributes: %v", ok[0])
	}
	if c := f.counts("q"); c != [3]int{10, 0, 0} {
		t.Fatalf("counts %v", c)
	}
}

func TestSendMessageBatchPartialFailure(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	es := entries(5)
	es[1]["MessageBody"] = ""
	es[2]["MessageDeduplicationId"] = "d"
	es[3]["MessageSystemAttributes"] = map[string]any{"Colour": vecString}
	es[4]["DelaySeconds"] = 901
	out := f.ok("SendMessageBatch", map[string]any{"QueueUrl": u, "Entries": es})
	if ok := list(out, "Successful"); len(ok) != 1 || ok[0]["Id"] != "e0" {
		t.Fatalf("Successful %v", ok)
	}
	failed := list(out, "Failed")
	want := []string{
		"e1 true MissingParameter The request must contain the parameter MessageBody.",
		"e2 true InvalidParameterValue Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.",
		"e3 true InvalidParameterValue Message system attribute name 'Colour' is invalid.",
		"e4 true InvalidParameterValue Value 901 for parameter DelaySeconds is invalid. Reason: Must be >= 0 and <= 900, if provided.",
	}
	if len(failed) != len(want) {
		t.Fatalf("Failed %v", failed)
	}
	for i, e := range failed {
		if got := fmt.Sprint(e["Id"], " ", e["SenderFault"], " ", e["Code"], " ", e["Message"]); got != want[i] {
			t.Errorf("failure %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
	if c := f.counts("q"); c != [3]int{1, 0, 0} {
		t.Fatalf("counts %v", c)
	}
}

func TestBatchErrors(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.send(u, "x")
	h := f.receive(u, 1)[0]["ReceiptHandle"]
	big := strings.Repeat("x", 600*1024)
	batchErr := func(shape, msg string) apiError {
		return apiError{400, shape, "AWS.SimpleQueueService." + shape, msg}
	}
	idErr := batchErr("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
	tests := []struct {
		name    string
		op      string
		entries any
		want    apiError
	}{
		{"send: none", "SendMessageBatch", []any{}, batchErr("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.")},
		{"send: absent", "SendMessageBatch", nil, batchErr("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.")},
		{"send: 11", "SendMessageBatch", entries(11), batchErr("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent 11.")},
		{"send: ids repeated", "SendMessageBatch", []any{map[string]any{"Id": "a", "MessageBody": "x"}, map[string]any{"Id": "a", "MessageBody": "y"}},
			batchErr("BatchEntryIdsNotDistinct", "Id a repeated.")},
		{"send: bad id", "SendMessageBatch", []any{map[string]any{"Id": "a b", "MessageBody": "x"}}, idErr},
		{"send: long id", "SendMessageBatch", []any{map[string]any{"Id": strings.Repeat("a", 81), "MessageBody": "x"}}, idErr},
		{"send: empty id", "SendMessageBatch", []any{map[string]any{"MessageBody": "x"}}, idErr},
		{"send: over 1 MiB", "SendMessageBatch", []any{map[string]any{"Id": "a", "MessageBody": big}, map[string]any{"Id": "b", "MessageBody": big}},
			batchErr("BatchRequestTooLong", "Batch requests cannot be longer than 1048576 bytes. You have sent 1228800 bytes.")},
		{"delete: none", "DeleteMessageBatch", []any{}, batchErr("EmptyBatchRequest", "There should be at least one DeleteMessageBatchRequestEntry in the request.")},
		{"delete: 11", "DeleteMessageBatch", handleEntries(11, h), batchErr("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent 11.")},
		{"delete: ids repeated", "DeleteMessageBatch", []any{map[string]any{"Id": "a", "ReceiptHandle": h}, map[string]any{"Id": "a", "ReceiptHandle": "x"}},
			batchErr("BatchEntryIdsNotDistinct", "Id a repeated.")},
		{"visibility: none", "ChangeMessageVisibilityBatch", []any{}, batchErr("EmptyBatchRequest", "There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.")},
		{"visibility: bad id", "ChangeMessageVisibilityBatch", []any{map[string]any{"Id": "é", "ReceiptHandle": h}}, idErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := f.with(t)
			in := map[string]any{"QueueUrl": u}
			if tt.entries != nil {
				in["Entries"] = tt.entries
			}
			f.fail(tt.op, in, tt.want)
			if c := f.counts("q"); c != [3]int{0, 1, 0} {
				t.Fatalf("counts after a failed batch %v", c)
			}
		})
	}
}

func handleEntries(n int, h any) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"Id": fmt.Sprintf("e%d", i), "ReceiptHandle": h}
	}
	return out
}

func TestDeleteAndVisibilityBatches(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	other := f.createQueue("other", nil)
	f.send(other, "o")
	foreign := f.receive(other, 1)[0]["ReceiptHandle"]
	for i := range 3 {
		f.send(u, fmt.Sprint(i))
	}
	msgs := f.receive(u, 3)
	out := f.ok("ChangeMessageVisibilityBatch", map[string]any{"QueueUrl": u, "Entries": []any{
		map[string]any{"Id": "a", "ReceiptHandle": msgs[0]["ReceiptHandle"], "VisibilityTimeout": 0},
		map[string]any{"Id": "b", "ReceiptHandle": msgs[1]["ReceiptHandle"], "VisibilityTimeout": 43201},
		map[string]any{"Id": "c", "ReceiptHandle": "garbage", "VisibilityTimeout": 10},
		map[string]any{"Id": "d", "ReceiptHandle": msgs[2]["ReceiptHandle"], "VisibilityTimeout": 100},
	}})
	wantBatch(t, out, []string{"a", "d"}, []string{
		"b true InvalidParameterValue Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.",
		`c true ReceiptHandleIsInvalid The input receipt handle "garbage" is not a valid receipt handle.`,
	})
	if c := f.counts("q"); c != [3]int{1, 2, 0} {
		t.Fatalf("counts %v", c)
	}
	out = f.ok("DeleteMessageBatch", map[string]any{"QueueUrl": u, "Entries": []any{
		map[string]any{"Id": "a", "ReceiptHandle": msgs[1]["ReceiptHandle"]},
		map[string]any{"Id": "b", "ReceiptHandle": foreign},
		map[string]any{"Id": "c"},
		map[string]any{"Id": "d", "ReceiptHandle": msgs[2]["ReceiptHandle"]},
	}})
	wantBatch(t, out, []string{"a", "d"}, []string{
		fmt.Sprintf("b true ReceiptHandleIsInvalid The input receipt handle %q is not a valid receipt handle.", foreign),
		"c true MissingParameter The request must contain the parameter ReceiptHandle.",
	})
	if c := f.counts("q"); c != [3]int{1, 0, 0} {
		t.Fatalf("counts %v", c)
	}
}

func wantBatch(t testing.TB, out map[string]any, ok []string, failed []string) {
	t.Helper()
	var got []string
	for _, e := range list(out, "Successful") {
		got = append(got, e["Id"].(string))
	}
	if fmt.Sprint(got) != fmt.Sprint(ok) {
		t.Errorf("Successful %v, want %v", got, ok)
	}
	got = nil
	for _, e := range list(out, "Failed") {
		got = append(got, fmt.Sprint(e["Id"], " ", e["SenderFault"], " ", e["Code"], " ", e["Message"]))
	}
	if strings.Join(got, "\n") != strings.Join(failed, "\n") {
		t.Errorf("Failed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(failed, "\n"))
	}
}

func TestFIFOBatch(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	es := entries(4)
	for i, e := range es {
		if i != 2 {
			e["MessageGroupId"] = "g"
		}
	}
	out := f.ok("SendMessageBatch", map[string]any{"QueueUrl": u, "Entries": es})
	wantBatch(t, out, []string{"e0", "e1", "e3"}, []string{"e2 true MissingParameter The request must contain the parameter MessageGroupId."})
	var seqs []string
	for _, e := range list(out, "Successful") {
		seqs = append(seqs, e["SequenceNumber"].(string))
	}
	if !(seqs[0] < seqs[1] && seqs[1] < seqs[2]) {
		t.Errorf("sequence numbers %v not increasing", seqs)
	}
	var bodies []string
	for _, m := range f.receive(u, 10) {
		bodies = append(bodies, m["Body"].(string))
	}
	if fmt.Sprint(bodies) != "[m0 m1 m3]" {
		t.Errorf("received %v, want the batch's order", bodies)
	}
}

func TestQueryBatches(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	type failure struct {
		ID          string `xml:"Id"`
		SenderFault bool
		Code        string
		Message     string
	}
	var sent struct {
		SendMessageBatchResultEntry []struct {
			ID                     string `xml:"Id"`
			MessageID              string `xml:"MessageId"`
			MD5OfMessageBody       string
			MD5OfMessageAttributes string
		}
		BatchResultErrorEntry []failure
	}
	f.queryOK("SendMessageBatch", url.Values{
		"QueueUrl":                                                            {u},
		"SendMessageBatchRequestEntry.1.Id":                                   {"a"},
		"SendMessageBatchRequestEntry.1.MessageBody":                          {"one"},
		"SendMessageBatchRequestEntry.1.MessageAttribute.1.Name":              {"attribName1"},
		"SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType":    {"String"},
		"SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue": {"attribValue 1"},
		"SendMessageBatchRequestEntry.2.Id":                                   {"b"},
		"SendMessageBatchRequestEntry.2.MessageBody":                          {"two"},
		"SendMessageBatchRequestEntry.2.DelaySeconds":                         {"1000"},
		"SendMessageBatchRequestEntry.3.Id":                                   {"c"},
		"SendMessageBatchRequestEntry.3.MessageBody":                          {"three"},
	}, &sent)
	if len(sent.SendMessageBatchResultEntry) != 2 || sent.SendMessageBatchResultEntry[0].ID != "a" || sent.SendMessageBatchResultEntry[1].ID != "c" {
		t.Fatalf("successful %+v", sent.SendMessageBatchResultEntry)
	}
	if e := sent.SendMessageBatchResultEntry[0]; e.MD5OfMessageAttributes != "19e27d4e946b072f3f58da80d94fd778" || e.MD5OfMessageBody != attr.BodyMD5("one") || !uuidPattern.MatchString(e.MessageID) {
		t.Errorf("entry a %+v", e)
	}
	if fe := sent.BatchResultErrorEntry; len(fe) != 1 || fe[0] != (failure{"b", true, "InvalidParameterValue", "Value 1000 for parameter DelaySeconds is invalid. Reason: Must be >= 0 and <= 900, if provided."}) {
		t.Errorf("failed %+v", fe)
	}

	var got struct{ Message []xmlMessage }
	f.queryOK("ReceiveMessage", url.Values{"QueueUrl": {u}, "MaxNumberOfMessages": {"2"}}, &got)
	var changed struct {
		ChangeMessageVisibilityBatchResultEntry []struct {
			ID string `xml:"Id"`
		}
		BatchResultErrorEntry []failure
	}
	f.queryOK("ChangeMessageVisibilityBatch", url.Values{"QueueUrl": {u},
		"ChangeMessageVisibilityBatchRequestEntry.1.Id": {"x"}, "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle": {got.Message[0].ReceiptHandle},
		"ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout": {"60"},
		"ChangeMessageVisibilityBatchRequestEntry.2.Id":                {"y"}, "ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle": {"bad"},
	}, &changed)
	if len(changed.ChangeMessageVisibilityBatchResultEntry) != 1 || changed.ChangeMessageVisibilityBatchResultEntry[0].ID != "x" ||
		len(changed.BatchResultErrorEntry) != 1 || changed.BatchResultErrorEntry[0].Code != "ReceiptHandleIsInvalid" {
		t.Errorf("ChangeMessageVisibilityBatchResult %+v", changed)
	}
	var deleted struct {
		DeleteMessageBatchResultEntry []struct {
			ID string `xml:"Id"`
		}
		BatchResultErrorEntry []failure
	}
	f.queryOK("DeleteMessageBatch", url.Values{"QueueUrl": {u},
		"DeleteMessageBatchRequestEntry.1.Id": {"x"}, "DeleteMessageBatchRequestEntry.1.ReceiptHandle": {got.Message[0].ReceiptHandle},
		"DeleteMessageBatchRequestEntry.2.Id": {"y"}, "DeleteMessageBatchRequestEntry.2.ReceiptHandle": {got.Message[1].ReceiptHandle},
	}, &deleted)
	if len(deleted.DeleteMessageBatchResultEntry) != 2 || len(deleted.BatchResultErrorEntry) != 0 {
		t.Errorf("DeleteMessageBatchResult %+v", deleted)
	}
	if c := f.counts("q"); c != [3]int{} {
		t.Fatalf("counts %v", c)
	}
	wantQueryError(t, f.query("DeleteMessageBatch", "", url.Values{"QueueUrl": {u}}),
		apiError{400, "", "AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one DeleteMessageBatchRequestEntry in the request."})
}
