package kinesisapi

import (
	"context"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// ListShards, SplitShard, MergeShards and UpdateShardCount.

type shardFilterInput struct {
	Type      *string    `json:"Type"`
	ShardID   string     `json:"ShardId"`
	Timestamp *timestamp `json:"Timestamp"`
}

type listShardsInput struct {
	streamRef
	NextToken               string            `json:"NextToken"`
	ExclusiveStartShardID   string            `json:"ExclusiveStartShardId"`
	MaxResults              *int              `json:"MaxResults"`
	ShardFilter             *shardFilterInput `json:"ShardFilter"`
	StreamCreationTimestamp *timestamp        `json:"StreamCreationTimestamp"`
}

type listShardsOutput struct {
	Shards    []shardJSON `json:"Shards"`
	NextToken string      `json:"NextToken,omitempty"`
}

func (s *Service) listShards(_ context.Context, in *listShardsInput) (*listShardsOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	q := stream.ListShardsInput{ExclusiveStartShardID: in.ExclusiveStartShardID}
	if in.MaxResults != nil {
		// Zero is the engine's "default"; here it was given, and is below
		// the model's minimum.
		q.MaxResults = *in.MaxResults
		checkRange(&vs, "maxResults", q.MaxResults, 1, stream.MaxListShardsMaxResults)
	}
	if f := in.ShardFilter; f != nil {
		q.ShardFilter = &stream.ShardFilter{ShardID: f.ShardID, Timestamp: timeOf(f.Timestamp)}
		if f.Type == nil {
			notNull(&vs, "shardFilter.type")
		} else {
			q.ShardFilter.Type = stream.ShardFilterType(*f.Type)
		}
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.listShardsStream(in, &q)
	if err != nil {
		return nil, err
	}
	page, err := e.s.ListShards(q)
	if err != nil {
		return nil, err
	}
	out := &listShardsOutput{Shards: shardsOf(page.Shards)}
	if page.NextToken != "" {
		out.NextToken = sealToken(e.s.Name(), page.NextToken)
	}
	return out, nil
}

// listShardsStream returns the stream a ListShards request lists: the one
// its NextToken was issued by, whose engine token it sets in q, or the
// one it names, which must have been created at StreamCreationTimestamp
// if that is given. A NextToken names its stream by itself, so AWS
// refuses one given with the stream's name or creation time.
func (s *Service) listShardsStream(in *listShardsInput, q *stream.ListShardsInput) (*entry, error) {
	if in.NextToken == "" {
		e, err := s.streamOf(in.streamRef)
		if err != nil {
			return nil, err
		}
		if in.StreamCreationTimestamp != nil {
			sum, err := e.s.Describe()
			if err != nil {
				return nil, err
			}
			if sum.StreamCreationTimestamp.UnixMilli() != timeOf(in.StreamCreationTimestamp).UnixMilli() {
				return nil, s.streamNotFound(sum.StreamName)
			}
		}
		return e, nil
	}
	switch {
	case in.StreamName != "" || in.StreamARN != "":
		return nil, errTokenWithStream.Clone()
	case in.StreamCreationTimestamp != nil:
		return nil, stream.ErrInvalidArgument.WithMessage("NextToken and StreamCreationTimestamp cannot be provided together.")
	}
	name, token, ok := openToken(in.NextToken)
	if !ok || name == "" || token == listStreamsToken {
		return nil, errInvalidNextToken.Clone()
	}
	q.NextToken = token
	return s.streamNamed(name)
}

type splitShardInput struct {
	streamRef
	ShardToSplit       *string `json:"ShardToSplit"`
	NewStartingHashKey *string `json:"NewStartingHashKey"`
}

func (s *Service) splitShard(_ context.Context, in *splitShardInput) (empty, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.ShardToSplit == nil {
		notNull(&vs, "shardToSplit")
	}
	if in.NewStartingHashKey == nil {
		notNull(&vs, "newStartingHashKey")
	}
	e, err := s.reshardable(vs, in.streamRef, "SplitShard")
	if err != nil {
		return empty{}, err
	}
	return empty{}, e.s.SplitShard(*in.ShardToSplit, *in.NewStartingHashKey)
}

type mergeShardsInput struct {
	streamRef
	ShardToMerge         *string `json:"ShardToMerge"`
	AdjacentShardToMerge *string `json:"AdjacentShardToMerge"`
}

func (s *Service) mergeShards(_ context.Context, in *mergeShardsInput) (empty, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.ShardToMerge == nil {
		notNull(&vs, "shardToMerge")
	}
	if in.AdjacentShardToMerge == nil {
		notNull(&vs, "adjacentShardToMerge")
	}
	e, err := s.reshardable(vs, in.streamRef, "MergeShards")
	if err != nil {
		return empty{}, err
	}
	return empty{}, e.s.MergeShards(*in.ShardToMerge, *in.AdjacentShardToMerge)
}

type updateShardCountInput struct {
	streamRef
	TargetShardCount *int    `json:"TargetShardCount"`
	ScalingType      *string `json:"ScalingType"`
}

type updateShardCountOutput struct {
	StreamName        string `json:"StreamName"`
	StreamARN         string `json:"StreamARN"`
	CurrentShardCount int    `json:"CurrentShardCount"`
	TargetShardCount  int    `json:"TargetShardCount"`
}

func (s *Service) updateShardCount(_ context.Context, in *updateShardCountInput) (*updateShardCountOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.TargetShardCount == nil {
		notNull(&vs, "targetShardCount")
	}
	if in.ScalingType == nil {
		notNull(&vs, "scalingType")
	}
	e, err := s.reshardable(vs, in.streamRef, "UpdateShardCount")
	if err != nil {
		return nil, err
	}
	out, err := e.s.UpdateShardCount(*in.TargetShardCount, stream.ScalingType(*in.ScalingType))
	if err != nil {
		return nil, err
	}
	return &updateShardCountOutput{
		StreamName:        out.StreamName,
		StreamARN:         e.s.ARN(),
		CurrentShardCount: out.CurrentShardCount,
		TargetShardCount:  out.TargetShardCount,
	}, nil
}

// reshardable returns the stream of a reshard request, failing first with
// the violations found, and for an ON_DEMAND stream, whose shards AWS
// manages.
func (s *Service) reshardable(vs awserr.Violations, ref streamRef, op string) (*entry, error) {
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamOf(ref)
	if err != nil {
		return nil, err
	}
	if e.onDemand {
		return nil, stream.ErrInvalidArgument.Errorf("%s is not supported for stream %s under account %s because it is in ON_DEMAND mode.", op, e.s.Name(), s.account)
	}
	return e, nil
}
