package kinesisapi

import "github.com/switchyard/switchyard/awsfake/internal/wire"

// subscribeToShard is the one operation whose reply is an event stream; it
// is served outside the table (subscribe.go).
const subscribeToShard = "SubscribeToShard"

// operations returns the service's operations by name: each decodes its
// input type and runs one method.
func (s *Service) operations() map[string]wire.Operation {
	return map[string]wire.Operation{
		// Streams (streams.go).
		"CreateStream":                  wire.Op(s.createStream),
		"DeleteStream":                  wire.Op(s.deleteStream),
		"DescribeStream":                wire.Op(s.describeStream),
		"DescribeStreamSummary":         wire.Op(s.describeStreamSummary),
		"ListStreams":                   wire.Op(s.listStreams),
		"IncreaseStreamRetentionPeriod": wire.Op(s.increaseStreamRetentionPeriod),
		"DecreaseStreamRetentionPeriod": wire.Op(s.decreaseStreamRetentionPeriod),
		"DescribeLimits":                wire.Op(s.describeLimits),
		// Shards (shards.go).
		"ListShards":       wire.Op(s.listShards),
		"SplitShard":       wire.Op(s.splitShard),
		"MergeShards":      wire.Op(s.mergeShards),
		"UpdateShardCount": wire.Op(s.updateShardCount),
		// Records (records.go).
		"PutRecord":        wire.Op(s.putRecord),
		"PutRecords":       wire.Op(s.putRecords),
		"GetShardIterator": wire.Op(s.getShardIterator),
		"GetRecords":       wire.Op(s.getRecords),
		// Enhanced fan-out consumers (consumers.go); SubscribeToShard is
		// served by ServeJSON.
		"RegisterStreamConsumer":   wire.Op(s.registerStreamConsumer),
		"DeregisterStreamConsumer": wire.Op(s.deregisterStreamConsumer),
		"DescribeStreamConsumer":   wire.Op(s.describeStreamConsumer),
		"ListStreamConsumers":      wire.Op(s.listStreamConsumers),
		// Tags (tags.go).
		"AddTagsToStream":      wire.Op(s.addTagsToStream),
		"RemoveTagsFromStream": wire.Op(s.removeTagsFromStream),
		"ListTagsForStream":    wire.Op(s.listTagsForStream),
		"TagResource":          wire.Op(s.tagResource),
		"UntagResource":        wire.Op(s.untagResource),
		"ListTagsForResource":  wire.Op(s.listTagsForResource),
	}
}
