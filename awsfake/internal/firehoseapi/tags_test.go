package firehoseapi_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestTags(t *testing.T) {
	f := newFake(t, nil)
	f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(nil),
		"Tags": []any{map[string]any{"Key": "b", "Value": "2"}, map[string]any{"Key": "a", "Value": "1"}}})
	list := func(in map[string]any) map[string]any {
		in["DeliveryStreamName"] = "ds"
		return f.ok("ListTagsForDeliveryStream", in)
	}
	sameJSON(t, "tags on create", list(map[string]any{}),
		`{"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}], "HasMoreTags": false}`)
	f.ok("TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": []any{
		map[string]any{"Key": "b", "Value": "3"}, map[string]any{"Key": "c"}, map[string]any{"Key": "ünïcode key", "Value": "v@l:ue/=+-%"}}})
	sameJSON(t, "tags after TagDeliveryStream", list(map[string]any{}),
		`{"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "3"}, {"Key": "c", "Value": ""}, {"Key": "ünïcode key", "Value": "v@l:ue/=+-%"}], "HasMoreTags": false}`)
	sameJSON(t, "a page", list(map[string]any{"Limit": 2}), `{"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "3"}], "HasMoreTags": true}`)
	sameJSON(t, "the next page", list(map[string]any{"ExclusiveStartTagKey": "b", "Limit": 1}), `{"Tags": [{"Key": "c", "Value": ""}], "HasMoreTags": true}`)
	sameJSON(t, "past the end", list(map[string]any{"ExclusiveStartTagKey": "ünïcode key"}), `{"Tags": [], "HasMoreTags": false}`)
	f.ok("UntagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "TagKeys": []string{"a", "ünïcode key", "not-there"}})
	sameJSON(t, "tags after UntagDeliveryStream", list(map[string]any{}), `{"Tags": [{"Key": "b", "Value": "3"}, {"Key": "c", "Value": ""}], "HasMoreTags": false}`)

	many := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = map[string]any{"Key": fmt.Sprint("k", i), "Value": "v"}
		}
		return out
	}
	tests := []struct {
		name string
		op   string
		in   map[string]any
		want apiError
	}{
		{"over 50 in all", "TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": many(49)},
			apiError{400, "LimitExceededException", "A Firehose stream can have at most 50 tags; ds would have 51."}},
		{"no tags", "TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds"},
			validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null")},
		{"empty tags", "TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": []any{}},
			validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")},
		{"key too long and bad value", "TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": []any{
			map[string]any{"Key": strings.Repeat("k", 129), "Value": "v"}, map[string]any{"Key": "k", "Value": "a|b"}}},
			validation("2 validation errors detected: Value '" + strings.Repeat("k", 129) + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128; " +
				`Value 'a|b' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\p{L}\p{Z}\p{N}_.:\/=+\-@%]*$`)},
		{"tag without key", "TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": []any{map[string]any{"Value": "v"}}},
			validation("1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null")},
		{"tag unknown", "TagDeliveryStream", map[string]any{"DeliveryStreamName": "nope", "Tags": many(1)}, notFound("nope")},
		{"untag without keys", "UntagDeliveryStream", map[string]any{"DeliveryStreamName": "ds"},
			validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")},
		{"untag empty key", "UntagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "TagKeys": []string{"b", ""}},
			validation("1 validation error detected: Value '' at 'tagKeys.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1")},
		{"untag unknown", "UntagDeliveryStream", map[string]any{"DeliveryStreamName": "nope", "TagKeys": []string{"a"}}, notFound("nope")},
		{"list limit", "ListTagsForDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Limit": 51},
			validation("1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50")},
		{"list unknown", "ListTagsForDeliveryStream", map[string]any{"DeliveryStreamName": "nope"}, notFound("nope")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := *f
			f.t = t
			f.fail(tt.op, tt.in, tt.want)
			sameJSON(t, "tags after a failed call", list(map[string]any{}),
				`{"Tags": [{"Key": "b", "Value": "3"}, {"Key": "c", "Value": ""}], "HasMoreTags": false}`)
		})
	}
	f.ok("TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": many(48)}) // 50 in all
}
