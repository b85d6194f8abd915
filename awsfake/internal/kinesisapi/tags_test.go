package kinesisapi_test

import (
	"fmt"
	"strings"
	"testing"
)

// tagList writes a Tags list as "k=v k=v".
func tagList(tags any) string {
	var parts []string
	for _, t := range tags.([]any) {
		m := t.(map[string]any)
		parts = append(parts, fmt.Sprint(m["Key"], "=", m["Value"]))
	}
	return strings.Join(parts, " ")
}

func TestStreamTags(t *testing.T) {
	f := newFake(t)
	f.ok("CreateStream", map[string]any{"StreamName": "s", "ShardCount": 1, "Tags": map[string]string{"b": "2"}})
	f.ok("AddTagsToStream", map[string]any{"StreamName": "s", "Tags": map[string]string{"a": "1", "c": "3"}})
	f.ok("AddTagsToStream", map[string]any{"StreamARN": streamARN + "s", "Tags": map[string]string{"a": "one"}})
	out := f.ok("ListTagsForStream", map[string]any{"StreamName": "s"})
	if got := tagList(out["Tags"]); got != "a=one b=2 c=3" || out["HasMoreTags"] != false {
		t.Errorf("tags = %v", out)
	}
	page := f.ok("ListTagsForStream", map[string]any{"StreamName": "s", "Limit": 1, "ExclusiveStartTagKey": "a"})
	if got := tagList(page["Tags"]); got != "b=2" || page["HasMoreTags"] != true {
		t.Errorf("page after a = %v", page)
	}
	f.ok("RemoveTagsFromStream", map[string]any{"StreamName": "s", "TagKeys": []string{"a", "absent"}})
	if got := tagList(f.ok("ListTagsForResource", map[string]any{"ResourceARN": streamARN + "s"})["Tags"]); got != "b=2 c=3" {
		t.Errorf("after removing a: %s", got)
	}
	f.ok("TagResource", map[string]any{"ResourceARN": streamARN + "s", "Tags": map[string]string{"d": "4"}})
	f.ok("UntagResource", map[string]any{"ResourceARN": streamARN + "s", "TagKeys": []string{"b"}})
	if got := tagList(f.ok("ListTagsForStream", map[string]any{"StreamName": "s"})["Tags"]); got != "c=3 d=4" {
		t.Errorf("after TagResource and UntagResource: %s", got)
	}
}

func TestConsumerTags(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	arn := f.registerConsumer("s", "app")
	f.ok("TagResource", map[string]any{"ResourceARN": arn, "Tags": map[string]string{"x": "1", "y": "2"}})
	f.ok("UntagResource", map[string]any{"ResourceARN": arn, "TagKeys": []string{"x"}})
	if got := tagList(f.ok("ListTagsForResource", map[string]any{"ResourceARN": arn})["Tags"]); got != "y=2" {
		t.Errorf("consumer tags = %s", got)
	}
	if got := tagList(f.ok("ListTagsForResource", map[string]any{"ResourceARN": streamARN + "s"})["Tags"]); got != "" {
		t.Errorf("stream tags = %s, want none", got)
	}
}

func TestTagErrors(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	full := map[string]string{}
	for i := range 45 {
		full[fmt.Sprint("k", i)] = "v"
	}
	f.ok("TagResource", map[string]any{"ResourceARN": streamARN + "s", "Tags": full})
	six := map[string]string{}
	for i := range 6 {
		six[fmt.Sprint("new", i)] = "v"
	}
	fiftyOne := map[string]string{}
	for i := range 51 {
		fiftyOne[fmt.Sprint("e", i)] = "v"
	}
	runErrors(t, f, []errorCase{
		{"add: no tags", "AddTagsToStream", map[string]any{"StreamName": "s"}, 0, validationErr,
			"1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"},
		{"add: empty", "AddTagsToStream", map[string]any{"StreamName": "s", "Tags": map[string]string{}}, 0, validationErr, ""},
		{"add: 51", "AddTagsToStream", map[string]any{"StreamName": "s", "Tags": fiftyOne}, 0, validationErr,
			"1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{"add: bad character", "AddTagsToStream", map[string]any{"StreamName": "s", "Tags": map[string]string{"k": "50%"}}, 0, invalidArgErr,
			"Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . : / = + - @."},
		{"tag: bad character", "TagResource", map[string]any{"ResourceARN": streamARN + "s", "Tags": map[string]string{"a#b": "v"}}, 0, invalidArgErr, ""},
		{"add: empty key", "AddTagsToStream", map[string]any{"StreamName": "s", "Tags": map[string]string{"": "v"}}, 0, validationErr,
			"1 validation error detected: Value at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{"add: long value", "AddTagsToStream", map[string]any{"StreamName": "s", "Tags": map[string]string{"k": strings.Repeat("v", 257)}}, 0, validationErr, ""},
		{"add: over 50", "AddTagsToStream", map[string]any{"StreamName": "s", "Tags": six}, 0, invalidArgErr,
			"Failed to add tags to stream s under account 000000000000 because a given resource cannot have more than 50 tags associated with it."},
		{"add: no stream", "AddTagsToStream", map[string]any{"StreamName": "x", "Tags": map[string]string{"k": "v"}}, 0, notFoundErr, ""},
		{"remove: no keys", "RemoveTagsFromStream", map[string]any{"StreamName": "s"}, 0, validationErr,
			"1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"},
		{"remove: empty key", "RemoveTagsFromStream", map[string]any{"StreamName": "s", "TagKeys": []string{""}}, 0, validationErr,
			"1 validation error detected: Value '' at 'tagKeys.member.1' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"list: limit", "ListTagsForStream", map[string]any{"StreamName": "s", "Limit": 51}, 0, validationErr, ""},
		{"resource: none", "ListTagsForResource", map[string]any{}, 0, validationErr,
			"1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint: Member must not be null"},
		{"resource: bad", "ListTagsForResource", map[string]any{"ResourceARN": "arn:aws:sqs:us-east-1:000000000000:q"}, 0, validationErr, ""},
		{"resource: no stream", "TagResource", map[string]any{"ResourceARN": streamARN + "t", "Tags": map[string]string{"k": "v"}}, 0, notFoundErr, ""},
		{"resource: no consumer", "UntagResource", map[string]any{"ResourceARN": streamARN + "s/consumer/c:1", "TagKeys": []string{"k"}}, 0, notFoundErr, ""},
		{"untag: no keys", "UntagResource", map[string]any{"ResourceARN": streamARN + "s"}, 0, validationErr, ""},
	})
	// The failures changed nothing.
	if n := len(f.ok("ListTagsForStream", map[string]any{"StreamName": "s"})["Tags"].([]any)); n != 45 {
		t.Errorf("%d tags after failed calls, want 45", n)
	}
}
