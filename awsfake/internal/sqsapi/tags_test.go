package sqsapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestTags(t *testing.T) {
	f := newFake(t)
	u := f.ok("CreateQueue", map[string]any{"QueueName": "q", "tags": map[string]string{"a": "1", "b": "2"}})["QueueUrl"].(string)
	tags := func() string { return fmt.Sprint(f.ok("ListQueueTags", map[string]any{"QueueUrl": u})["Tags"]) }
	if got := tags(); got != "map[a:1 b:2]" {
		t.Fatalf("tags on create %s", got)
	}
	f.ok("TagQueue", map[string]any{"QueueUrl": u, "Tags": map[string]string{"b": "3", "c": ""}})
	if got := tags(); got != "map[a:1 b:3 c:]" {
		t.Fatalf("tags after TagQueue %s", got)
	}
	f.ok("UntagQueue", map[string]any{"QueueUrl": u, "TagKeys": []string{"a", "zzz"}})
	if got := tags(); got != "map[b:3 c:]" {
		t.Fatalf("tags after UntagQueue %s", got)
	}
	f.fail("TagQueue", map[string]any{"QueueUrl": u},
		apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter Tags."})
	f.fail("TagQueue", map[string]any{"QueueUrl": u, "Tags": manyTags(49)}, invalidParameter("Too many tags added for queue q."))
	f.fail("TagQueue", map[string]any{"QueueUrl": u, "Tags": map[string]string{strings.Repeat("k", 129): "v"}},
		invalidParameter("Tag keys must be between 1 and 128 characters in length."))
	f.fail("TagQueue", map[string]any{"QueueUrl": u, "Tags": map[string]string{"k": strings.Repeat("v", 257)}},
		invalidParameter("Tag values must be between 0 and 256 characters in length."))
	f.fail("UntagQueue", map[string]any{"QueueUrl": u}, invalidParameter("Tag keys must be between 1 and 128 characters in length."))
	if got := tags(); got != "map[b:3 c:]" {
		t.Fatalf("tags after failed changes %s", got)
	}
	f.ok("TagQueue", map[string]any{"QueueUrl": u, "Tags": manyTags(48)}) // 50 in all
	f.ok("UntagQueue", map[string]any{"QueueUrl": u, "TagKeys": append(keys(manyTags(48)), "b", "c")})
	if out := f.ok("ListQueueTags", map[string]any{"QueueUrl": u}); len(out) != 0 {
		t.Fatalf("ListQueueTags with no tags = %v, want {}", out)
	}
	f.fail("ListQueueTags", map[string]any{"QueueUrl": baseURL + "nope"}, errNoQueue)

	// Query protocol.
	f.queryOK("TagQueue", url.Values{"QueueUrl": {u}, "Tag.1.Key": {"x"}, "Tag.1.Value": {"1"}, "Tag.2.Key": {"y"}, "Tag.2.Value": {"2"}}, nil)
	f.queryOK("UntagQueue", url.Values{"QueueUrl": {u}, "TagKey.1": {"x"}}, nil)
	var got struct{ Tag []struct{ Key, Value string } }
	f.queryOK("ListQueueTags", url.Values{"QueueUrl": {u}}, &got)
	if fmt.Sprint(got.Tag) != "[{y 2}]" {
		t.Fatalf("Query tags %v", got.Tag)
	}
	// Deleting the queue drops its tags.
	f.ok("DeleteQueue", map[string]any{"QueueUrl": u})
	f.clk.Advance(time.Minute)
	f.createQueue("q", nil)
	if out := f.ok("ListQueueTags", map[string]any{"QueueUrl": u}); len(out) != 0 {
		t.Fatalf("a new queue of the old name has tags %v", out)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPermissions(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	policy := func() map[string]any {
		t.Helper()
		s, ok := f.attrs(u, "Policy")["Policy"].(string)
		if !ok {
			return nil
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatalf("Policy %q is not JSON: %v", s, err)
		}
		return doc
	}
	f.ok("AddPermission", map[string]any{"QueueUrl": u, "Label": "one", "AWSAccountIds": []string{"111111111111"}, "Actions": []string{"SendMessage"}})
	f.ok("AddPermission", map[string]any{"QueueUrl": u, "Label": "two", "AWSAccountIds": []string{"111111111111", "222222222222"}, "Actions": []string{"ReceiveMessage", "*"}})
	doc := policy()
	want := `map[Id:arn:aws:sqs:us-east-1:000000000000:q/SQSDefaultPolicy Statement:[` +
		`map[Action:SQS:SendMessage Effect:Allow Principal:map[AWS:arn:aws:iam::111111111111:root] Resource:arn:aws:sqs:us-east-1:000000000000:q Sid:one] ` +
		`map[Action:[SQS:ReceiveMessage SQS:*] Effect:Allow Principal:map[AWS:[arn:aws:iam::111111111111:root arn:aws:iam::222222222222:root]] Resource:arn:aws:sqs:us-east-1:000000000000:q Sid:two]` +
		`] Version:2012-10-17]`
	if got := fmt.Sprint(doc); got != want {
		t.Fatalf("Policy\n got %s\nwant %s", got, want)
	}
	tests := []struct {
		name string
		op   string
		in   map[string]any
		want apiError
	}{
		{"duplicate label", "AddPermission", map[string]any{"Label": "one", "AWSAccountIds": []string{"1"}, "Actions": []string{"SendMessage"}},
			invalidParameter("Value one for parameter Label is invalid. Reason: Already exists.")},
		{"no label", "AddPermission", map[string]any{"AWSAccountIds": []string{"1"}, "Actions": []string{"SendMessage"}},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter Label."}},
		{"bad label", "AddPermission", map[string]any{"Label": "a b", "AWSAccountIds": []string{"1"}, "Actions": []string{"SendMessage"}}, invalidParameter("")},
		{"no accounts", "AddPermission", map[string]any{"Label": "x", "Actions": []string{"SendMessage"}},
			invalidParameter("Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.")},
		{"no actions", "AddPermission", map[string]any{"Label": "x", "AWSAccountIds": []string{"1"}},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter Actions."}},
		{"too many actions", "AddPermission", map[string]any{"Label": "x", "AWSAccountIds": []string{"1"}, "Actions": strings.Split("SendMessage,ReceiveMessage,DeleteMessage,ChangeMessageVisibility,GetQueueAttributes,GetQueueUrl,PurgeQueue,ListDeadLetterSourceQueues", ",")},
			apiError{403, "OverLimit", "OverLimit", "8 Actions were found, maximum allowed is 7."}},
		{"owner-only action", "AddPermission", map[string]any{"Label": "x", "AWSAccountIds": []string{"1"}, "Actions": []string{"DeleteQueue"}},
			invalidParameter("Value SQS:DeleteQueue for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.")},
		{"unknown label", "RemovePermission", map[string]any{"Label": "three"},
			invalidParameter("Value three for parameter Label is invalid. Reason: can't find label on existing policy.")},
		{"remove without label", "RemovePermission", map[string]any{},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter Label."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := f.with(t)
			tt.in["QueueUrl"] = u
			f.fail(tt.op, tt.in, tt.want)
		})
	}
	if got := fmt.Sprint(policy()); got != want {
		t.Fatalf("Policy changed by failed calls:\n%s", got)
	}
	f.ok("RemovePermission", map[string]any{"QueueUrl": u, "Label": "one"})
	if n := len(policy()["Statement"].([]any)); n != 1 {
		t.Fatalf("%d statements after removing one", n)
	}
	f.queryOK("RemovePermission", url.Values{"QueueUrl": {u}, "Label": {"two"}}, nil)
	if p := policy(); p != nil {
		t.Fatalf("Policy left with no statements: %v", p)
	}
	// Query protocol, onto a policy set as an attribute: its statements
	// and members are kept.
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": u, "Attributes": map[string]string{"Policy": `{"Version":"2012-10-17","Id":"mine","Statement":{"Sid":"own","Effect":"Deny"}}`}})
	f.queryOK("AddPermission", url.Values{"QueueUrl": {u}, "Label": {"q1"}, "AWSAccountId.1": {"333333333333"}, "ActionName.1": {"GetQueueUrl"}}, nil)
	got := fmt.Sprint(policy())
	if !strings.Contains(got, "Id:mine") || !strings.Contains(got, "Sid:own") || !strings.Contains(got, "Sid:q1") || !strings.Contains(got, "SQS:GetQueueUrl") {
		t.Fatalf("Policy %s", got)
	}
	wantQueryError(t, f.query("AddPermission", "", url.Values{"QueueUrl": {u}, "Label": {"q1"}, "AWSAccountId.1": {"1"}, "ActionName.1": {"SendMessage"}}),
		invalidParameter("Value q1 for parameter Label is invalid. Reason: Already exists."))
}
