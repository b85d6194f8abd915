package kinesisapi

import (
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/stream"
)

// The JSON shapes the operations share, and their conversions from the
// engine's types.

// timestamp is a time as the JSON protocols write it.
type timestamp = wire.Timestamp

// timeOf returns the time t holds, or the zero Time (the engine's
// "absent") for nil.
func timeOf(t *timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return time.Time(*t)
}

type hashKeyRange struct {
	StartingHashKey string `json:"StartingHashKey"`
	EndingHashKey   string `json:"EndingHashKey"`
}

func hashKeyRangeOf(r stream.HashKeyRange) hashKeyRange {
	return hashKeyRange{StartingHashKey: r.StartingHashKey.String(), EndingHashKey: r.EndingHashKey.String()}
}

type sequenceNumberRange struct {
	StartingSequenceNumber string `json:"StartingSequenceNumber"`
	EndingSequenceNumber   string `json:"EndingSequenceNumber,omitempty"` // absent while the shard is open
}

type shardJSON struct {
	ShardID               string              `json:"ShardId"`
	ParentShardID         string              `json:"ParentShardId,omitempty"`
	AdjacentParentShardID string              `json:"AdjacentParentShardId,omitempty"`
	HashKeyRange          hashKeyRange        `json:"HashKeyRange"`
	SequenceNumberRange   sequenceNumberRange `json:"SequenceNumberRange"`
}

func shardsOf(shards []stream.Shard) []shardJSON {
	out := make([]shardJSON, len(shards))
	for i, sh := range shards {
		out[i] = shardJSON{
			ShardID:               sh.ShardID,
			ParentShardID:         sh.ParentShardID,
			AdjacentParentShardID: sh.AdjacentParentShardID,
			HashKeyRange:          hashKeyRangeOf(sh.HashKeyRange),
			SequenceNumberRange: sequenceNumberRange{
				StartingSequenceNumber: sh.SequenceNumberRange.StartingSequenceNumber.String(),
				EndingSequenceNumber:   sh.SequenceNumberRange.EndingSequenceNumber.String(),
			},
		}
	}
	return out
}

type childShardJSON struct {
	ShardID      string       `json:"ShardId"`
	ParentShards []string     `json:"ParentShards"`
	HashKeyRange hashKeyRange `json:"HashKeyRange"`
}

func childShardsOf(children []stream.ChildShard) []childShardJSON {
	if len(children) == 0 {
		return nil // the member is left out, as AWS leaves it out of an open shard's reads
	}
	out := make([]childShardJSON, len(children))
	for i, c := range children {
		out[i] = childShardJSON{ShardID: c.ShardID, ParentShards: c.ParentShards, HashKeyRange: hashKeyRangeOf(c.HashKeyRange)}
	}
	return out
}

type recordJSON struct {
	SequenceNumber              string    `json:"SequenceNumber"`
	ApproximateArrivalTimestamp timestamp `json:"ApproximateArrivalTimestamp"`
	Data                        []byte    `json:"Data"`
	PartitionKey                string    `json:"PartitionKey"`
}

// recordsOf converts records; never nil, since AWS writes an empty list
// as [].
func recordsOf(records []stream.Record[[]byte]) []recordJSON {
	out := make([]recordJSON, len(records))
	for i, r := range records {
		out[i] = recordJSON{
			SequenceNumber:              r.SequenceNumber.String(),
			ApproximateArrivalTimestamp: timestamp(r.ApproximateArrivalTimestamp),
			Data:                        r.Data,
			PartitionKey:                r.PartitionKey,
		}
	}
	return out
}

type streamModeDetails struct {
	StreamMode string `json:"StreamMode"`
}

// The stream modes.
const (
	modeProvisioned = "PROVISIONED"
	modeOnDemand    = "ON_DEMAND"
)

func (e *entry) mode() streamModeDetails {
	if e.onDemand {
		return streamModeDetails{modeOnDemand}
	}
	return streamModeDetails{modeProvisioned}
}

// enhancedMetrics is the EnhancedMonitoring AWS reports for a stream
// without shard-level metrics: one entry with an empty list.
type enhancedMetrics struct {
	ShardLevelMetrics []string `json:"ShardLevelMetrics"`
}

var noEnhancedMonitoring = []enhancedMetrics{{ShardLevelMetrics: []string{}}}

type consumerJSON struct {
	ConsumerName              string    `json:"ConsumerName"`
	ConsumerARN               string    `json:"ConsumerARN"`
	ConsumerStatus            string    `json:"ConsumerStatus"`
	ConsumerCreationTimestamp timestamp `json:"ConsumerCreationTimestamp"`
}

func consumerOf(c stream.Consumer) consumerJSON {
	return consumerJSON{
		ConsumerName:              c.ConsumerName,
		ConsumerARN:               c.ConsumerARN,
		ConsumerStatus:            string(c.ConsumerStatus),
		ConsumerCreationTimestamp: timestamp(c.ConsumerCreationTimestamp),
	}
}

type tagJSON struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// empty is the output of an operation that returns nothing: {}.
type empty struct{}
