package eventsapi_test

import (
	"fmt"
	"testing"
)

func TestTags(t *testing.T) {
	resources := []struct{ name, arn string }{
		{"default bus", defaultBusARN},
		{"custom bus", busARN("orders")},
		{"rule on the default bus", "arn:aws:events:us-east-1:000000000000:rule/r"},
		{"rule on a custom bus", "arn:aws:events:us-east-1:000000000000:rule/orders/r"},
	}
	for _, res := range resources {
		t.Run(res.name, func(t *testing.T) {
			f := newFake(t)
			f.ok("CreateEventBus", map[string]any{"Name": "orders"})
			f.putRule("", "r", orderPattern)
			f.putRule("orders", "r", orderPattern)
			tag := func(k, v string) map[string]any { return map[string]any{"Key": k, "Value": v} }
			f.ok("TagResource", map[string]any{"ResourceARN": res.arn, "Tags": []any{tag("tag1", "value1"), tag("tag2", "value2")}})
			f.ok("TagResource", map[string]any{"ResourceARN": res.arn, "Tags": []any{tag("tag1", "new")}})
			if got := f.ok("ListTagsForResource", map[string]any{"ResourceARN": res.arn})["Tags"]; fmt.Sprint(got) != "[map[Key:tag1 Value:new] map[Key:tag2 Value:value2]]" {
				t.Fatalf("tags = %v", got)
			}
			f.ok("UntagResource", map[string]any{"ResourceARN": res.arn, "TagKeys": []string{"tag2", "not-there"}})
			if got := f.ok("ListTagsForResource", map[string]any{"ResourceARN": res.arn})["Tags"]; fmt.Sprint(got) != "[map[Key:tag1 Value:new]]" {
				t.Fatalf("tags after untag = %v", got)
			}
		})
	}
}

func TestPutRuleTagsANewRuleOnly(t *testing.T) {
	f := newFake(t)
	ruleARN := "arn:aws:events:us-east-1:000000000000:rule/r"
	f.ok("PutRule", map[string]any{"Name": "r", "EventPattern": orderPattern, "Tags": []any{map[string]any{"Key": "a", "Value": "1"}}})
	f.ok("PutRule", map[string]any{"Name": "r", "EventPattern": orderPattern, "Tags": []any{map[string]any{"Key": "b", "Value": "2"}}})
	if got := f.ok("ListTagsForResource", map[string]any{"ResourceARN": ruleARN})["Tags"]; fmt.Sprint(got) != "[map[Key:a Value:1]]" {
		t.Fatalf("tags = %v", got)
	}
	f.ok("CreateEventBus", map[string]any{"Name": "orders", "Tags": []any{map[string]any{"Key": "team", "Value": "core"}}})
	if got := f.ok("ListTagsForResource", map[string]any{"ResourceARN": busARN("orders")})["Tags"]; fmt.Sprint(got) != "[map[Key:team Value:core]]" {
		t.Fatalf("bus tags = %v", got)
	}
}

func TestTagErrors(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	tags := []any{map[string]any{"Key": "k", "Value": "v"}}
	tests := []struct {
		name, arn string
		code, msg string
	}{
		{"missing rule", "arn:aws:events:us-east-1:000000000000:rule/nope", "ResourceNotFoundException", "Rule nope does not exist on EventBus default."},
		{"missing rule on a bus", "arn:aws:events:us-east-1:000000000000:rule/orders/nope", "ResourceNotFoundException", "Rule nope does not exist on EventBus orders."},
		{"missing bus", busARN("nope"), "ResourceNotFoundException", "Event bus nope does not exist."},
		{"rule of a missing bus", "arn:aws:events:us-east-1:000000000000:rule/nope/r", "ResourceNotFoundException", "Event bus nope does not exist."},
		{"not an ARN", "orders", "ValidationException", "Parameter ResourceARN is not valid. Reason: Provided Arn is not in correct format."},
		{"not taggable", "arn:aws:events:us-east-1:000000000000:archive/a", "ResourceNotFoundException", "Resource arn:aws:events:us-east-1:000000000000:archive/a does not exist."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.fails("TagResource", map[string]any{"ResourceARN": tt.arn, "Tags": tags}, tt.code, tt.msg)
			f.fails("UntagResource", map[string]any{"ResourceARN": tt.arn, "TagKeys": []string{"k"}}, tt.code, tt.msg)
			f.fails("ListTagsForResource", map[string]any{"ResourceARN": tt.arn}, tt.code, tt.msg)
		})
	}
	f.fails("TagResource", map[string]any{"ResourceARN": defaultBusARN}, "ValidationException",
		"1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null")
	f.fails("TagResource", map[string]any{"ResourceARN": defaultBusARN, "Tags": []any{map[string]any{"Key": "", "Value": "v"}}}, "ValidationException",
		"1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1")
	f.fails("UntagResource", map[string]any{"ResourceARN": defaultBusARN}, "ValidationException",
		"1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
	if got := f.ok("ListTagsForResource", map[string]any{"ResourceARN": defaultBusARN})["Tags"]; fmt.Sprint(got) != "[]" {
		t.Fatalf("refused tag requests left tags %v", got)
	}
}
