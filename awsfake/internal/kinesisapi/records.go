package kinesisapi

import (
	"context"
	"strconv"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// PutRecord, PutRecords, GetShardIterator and GetRecords.

type putRecordInput struct {
	streamRef
	PartitionKey              *string `json:"PartitionKey"`
	Data                      []byte  `json:"Data"` // nil when absent; "" decodes to an empty, non-nil slice
	ExplicitHashKey           string  `json:"ExplicitHashKey"`
	SequenceNumberForOrdering string  `json:"SequenceNumberForOrdering"`
}

type putRecordOutput struct {
	ShardID        string `json:"ShardId"`
	SequenceNumber string `json:"SequenceNumber"`
}

func (s *Service) putRecord(_ context.Context, in *putRecordInput) (*putRecordOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.PartitionKey == nil {
		notNull(&vs, "partitionKey")
	}
	if in.Data == nil {
		notNull(&vs, "data")
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return nil, err
	}
	res, err := e.s.Put(stream.PutInput[[]byte]{
		PartitionKey:              *in.PartitionKey,
		Data:                      in.Data,
		ExplicitHashKey:           in.ExplicitHashKey,
		SequenceNumberForOrdering: in.SequenceNumberForOrdering,
	})
	if err != nil {
		return nil, err
	}
	return &putRecordOutput{ShardID: res.ShardID, SequenceNumber: res.SequenceNumber.String()}, nil
}

type putRecordsEntry struct {
	PartitionKey    *string `json:"PartitionKey"`
	Data            []byte  `json:"Data"`
	ExplicitHashKey string  `json:"ExplicitHashKey"`
}

type putRecordsInput struct {
	streamRef
	Records []putRecordsEntry `json:"Records"`
}

// putRecordsResult is one entry of PutRecords' answer: where the record
// went, or why it was not stored.
type putRecordsResult struct {
	SequenceNumber string `json:"SequenceNumber,omitempty"`
	ShardID        string `json:"ShardId,omitempty"`
	ErrorCode      string `json:"ErrorCode,omitempty"`
	ErrorMessage   string `json:"ErrorMessage,omitempty"`
}

type putRecordsOutput struct {
	FailedRecordCount int                `json:"FailedRecordCount"`
	Records           []putRecordsResult `json:"Records"`
}

func (s *Service) putRecords(_ context.Context, in *putRecordsInput) (*putRecordsOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.Records == nil {
		notNull(&vs, "records")
	}
	for i, r := range in.Records {
		if r.PartitionKey == nil {
			notNull(&vs, "records."+strconv.Itoa(i+1)+".member.partitionKey")
		}
		if r.Data == nil {
			notNull(&vs, "records."+strconv.Itoa(i+1)+".member.data")
		}
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return nil, err
	}
	entries := make([]stream.PutEntry[[]byte], len(in.Records))
	for i, r := range in.Records {
		entries[i] = stream.PutEntry[[]byte]{PartitionKey: *r.PartitionKey, Data: r.Data, ExplicitHashKey: r.ExplicitHashKey}
	}
	res, err := e.s.PutBatch(entries)
	if err != nil {
		return nil, err
	}
	out := &putRecordsOutput{FailedRecordCount: res.FailedRecordCount, Records: make([]putRecordsResult, len(res.Records))}
	for i, r := range res.Records {
		if r.ErrorCode != "" {
			out.Records[i] = putRecordsResult{ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
			continue
		}
		out.Records[i] = putRecordsResult{SequenceNumber: r.SequenceNumber.String(), ShardID: r.ShardID}
	}
	return out, nil
}

type getShardIteratorInput struct {
	streamRef
	ShardID                *string    `json:"ShardId"`
	ShardIteratorType      *string    `json:"ShardIteratorType"`
	StartingSequenceNumber string     `json:"StartingSequenceNumber"`
	Timestamp              *timestamp `json:"Timestamp"`
}

type getShardIteratorOutput struct {
	ShardIterator string `json:"ShardIterator"`
}

func (s *Service) getShardIterator(_ context.Context, in *getShardIteratorInput) (*getShardIteratorOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.ShardID == nil {
		notNull(&vs, "shardId")
	}
	if in.ShardIteratorType == nil {
		notNull(&vs, "shardIteratorType")
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return nil, err
	}
	it, err := e.s.GetShardIterator(stream.GetShardIteratorInput{
		ShardID:                *in.ShardID,
		ShardIteratorType:      stream.IteratorType(*in.ShardIteratorType),
		StartingSequenceNumber: in.StartingSequenceNumber,
		Timestamp:              timeOf(in.Timestamp),
	})
	if err != nil {
		return nil, err
	}
	return &getShardIteratorOutput{ShardIterator: sealToken(e.s.Name(), it)}, nil
}

// maxIteratorLength is the longest shard iterator the model allows.
const maxIteratorLength = 512

type getRecordsInput struct {
	ShardIterator *string `json:"ShardIterator"`
	Limit         *int    `json:"Limit"`
	StreamARN     string  `json:"StreamARN"`
}

type getRecordsOutput struct {
	Records            []recordJSON     `json:"Records"`
	NextShardIterator  string           `json:"NextShardIterator,omitempty"` // absent at the end of a closed shard
	MillisBehindLatest int64            `json:"MillisBehindLatest"`
	ChildShards        []childShardJSON `json:"ChildShards,omitempty"`
}

func (s *Service) getRecords(_ context.Context, in *getRecordsInput) (*getRecordsOutput, error) {
	var vs awserr.Violations
	switch {
	case in.ShardIterator == nil:
		notNull(&vs, "shardIterator")
	case *in.ShardIterator == "":
		vs.AddString("", "shardIterator", awserr.LengthAtLeast(1))
	case len(*in.ShardIterator) > maxIteratorLength:
		vs.AddString(*in.ShardIterator, "shardIterator", awserr.LengthAtMost(maxIteratorLength))
	}
	q := stream.GetRecordsInput{}
	if in.Limit != nil {
		q.Limit = *in.Limit // zero is the engine's default, so check it here
		checkRange(&vs, "limit", q.Limit, 1, stream.MaxGetRecordsLimit)
	}
	if in.StreamARN != "" {
		checkARN(&vs, "streamARN", in.StreamARN, streamARNPattern, streamARNRegexp)
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	name, token, ok := openToken(*in.ShardIterator)
	if !ok || token == listStreamsToken {
		return nil, errInvalidIterator.Clone()
	}
	if in.StreamARN != "" {
		if arnName, ok := s.streamNameOfARN(in.StreamARN); !ok || arnName != name {
			return nil, errInvalidIterator.Clone()
		}
	}
	e, err := s.streamNamed(name)
	if err != nil {
		return nil, err
	}
	q.ShardIterator = token
	res, err := e.s.GetRecords(q)
	if err != nil {
		return nil, err
	}
	out := &getRecordsOutput{
		Records:            recordsOf(res.Records),
		MillisBehindLatest: res.MillisBehindLatest,
		ChildShards:        childShardsOf(res.ChildShards),
	}
	if res.NextShardIterator != "" {
		out.NextShardIterator = sealToken(name, res.NextShardIterator)
	}
	return out, nil
}
