package kinesisapi

import (
	"context"
	"sort"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// CreateStream, DeleteStream, DescribeStream, DescribeStreamSummary,
// ListStreams, the retention period and DescribeLimits.

// Stream mode limits.
const (
	// onDemandShards is the shard count an ON_DEMAND stream starts with
	// on AWS, and keeps here.
	onDemandShards = 4
	// maxOnDemandStreams is AWS's default quota of ON_DEMAND streams per
	// account.
	maxOnDemandStreams = 50
)

type createStreamInput struct {
	StreamName         *string `json:"StreamName"`
	ShardCount         *int    `json:"ShardCount"`
	MaxRecordSizeInKiB *int    `json:"MaxRecordSizeInKiB"`
	StreamModeDetails  *struct {
		StreamMode *string `json:"StreamMode"`
	} `json:"StreamModeDetails"`
	Tags map[string]string `json:"Tags"`
}

func (s *Service) createStream(_ context.Context, in *createStreamInput) (empty, error) {
	var vs awserr.Violations
	if in.StreamName == nil {
		notNull(&vs, "streamName")
	} else {
		checkName(&vs, "streamName", *in.StreamName)
	}
	if in.ShardCount != nil && *in.ShardCount < 1 {
		vs.AddInt(*in.ShardCount, "shardCount", awserr.ValueAtLeast(1))
	}
	if in.MaxRecordSizeInKiB != nil {
		checkRange(&vs, "maxRecordSizeInKiB", *in.MaxRecordSizeInKiB, stream.DefaultMaxRecordSizeInKiB, stream.MaxMaxRecordSizeInKiB)
	}
	onDemand := false
	if m := in.StreamModeDetails; m != nil {
		switch {
		case m.StreamMode == nil:
			notNull(&vs, "streamModeDetails.streamMode")
		case *m.StreamMode == modeOnDemand:
			onDemand = true
		case *m.StreamMode != modeProvisioned:
			vs.AddString(*m.StreamMode, "streamModeDetails.streamMode", awserr.Enum(modeProvisioned, modeOnDemand))
		}
	}
	checkTagMap(&vs, "tags", in.Tags, maxTags)
	if err := validation(vs); err != nil {
		return empty{}, err
	}
	cfg := stream.Config{Name: *in.StreamName, ShardCount: onDemandShards}
	if in.MaxRecordSizeInKiB != nil {
		cfg.MaxRecordSizeInKiB = *in.MaxRecordSizeInKiB
	}
	if !onDemand {
		if in.ShardCount == nil {
			return empty{}, stream.ErrInvalidArgument.WithMessage("ShardCount is required for a stream in PROVISIONED mode.")
		}
		cfg.ShardCount = *in.ShardCount
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.streams[cfg.Name]; old != nil && old.live() {
		return empty{}, stream.ErrResourceInUse.Errorf("Stream %s under account %s already exists.", cfg.Name, s.account)
	}
	if onDemand && s.onDemandCountLocked() >= maxOnDemandStreams {
		return empty{}, stream.ErrLimitExceeded.Errorf("This request would exceed the limit of %d on-demand streams for the account %s in %s.", maxOnDemandStreams, s.account, s.region)
	}
	st, err := stream.New[[]byte](cfg, s.streamOptions()...)
	if err != nil {
		return empty{}, err
	}
	e := &entry{s: st, onDemand: onDemand, tags: make(map[string]string, len(in.Tags))}
	for k, v := range in.Tags {
		e.tags[k] = v
	}
	s.streams[cfg.Name] = e
	return empty{}, nil
}

// onDemandCountLocked returns how many live streams are ON_DEMAND.
func (s *Service) onDemandCountLocked() int {
	n := 0
	for _, e := range s.streams {
		if e.onDemand && e.live() {
			n++
		}
	}
	return n
}

type deleteStreamInput struct {
	streamRef
	EnforceConsumerDeletion bool `json:"EnforceConsumerDeletion"`
}

func (s *Service) deleteStream(_ context.Context, in *deleteStreamInput) (empty, error) {
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return empty{}, err
	}
	if in.EnforceConsumerDeletion {
		err = e.s.DeleteWithConsumers()
	} else {
		err = e.s.Delete()
	}
	if err != nil {
		return empty{}, err
	}
	s.remove(e)
	return empty{}, nil
}

// DescribeStream's page of shards.
const (
	defaultDescribeStreamLimit = 100
	maxDescribeStreamLimit     = 10000
)

type describeStreamInput struct {
	streamRef
	Limit                 *int   `json:"Limit"`
	ExclusiveStartShardID string `json:"ExclusiveStartShardId"`
}

type streamDescription struct {
	StreamName              string            `json:"StreamName"`
	StreamARN               string            `json:"StreamARN"`
	StreamStatus            string            `json:"StreamStatus"`
	StreamModeDetails       streamModeDetails `json:"StreamModeDetails"`
	Shards                  []shardJSON       `json:"Shards"`
	HasMoreShards           bool              `json:"HasMoreShards"`
	RetentionPeriodHours    int               `json:"RetentionPeriodHours"`
	StreamCreationTimestamp timestamp         `json:"StreamCreationTimestamp"`
	EnhancedMonitoring      []enhancedMetrics `json:"EnhancedMonitoring"`
	EncryptionType          string            `json:"EncryptionType"`
}

type describeStreamOutput struct {
	StreamDescription streamDescription `json:"StreamDescription"`
}

func (s *Service) describeStream(_ context.Context, in *describeStreamInput) (*describeStreamOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	limit := defaultDescribeStreamLimit
	if in.Limit != nil {
		limit = *in.Limit
		checkRange(&vs, "limit", limit, 1, maxDescribeStreamLimit)
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return nil, err
	}
	sum, err := e.s.Describe()
	if err != nil {
		return nil, err
	}
	page, err := e.s.ListShards(stream.ListShardsInput{ExclusiveStartShardID: in.ExclusiveStartShardID, MaxResults: limit})
	if err != nil {
		return nil, err
	}
	return &describeStreamOutput{streamDescription{
		StreamName:              sum.StreamName,
		StreamARN:               sum.StreamARN,
		StreamStatus:            string(sum.StreamStatus),
		StreamModeDetails:       e.mode(),
		Shards:                  shardsOf(page.Shards),
		HasMoreShards:           page.NextToken != "",
		RetentionPeriodHours:    sum.RetentionPeriodHours,
		StreamCreationTimestamp: timestamp(sum.StreamCreationTimestamp),
		EnhancedMonitoring:      noEnhancedMonitoring,
		EncryptionType:          sum.EncryptionType,
	}}, nil
}

type describeStreamSummaryInput struct {
	streamRef
}

type streamDescriptionSummary struct {
	StreamName              string            `json:"StreamName"`
	StreamARN               string            `json:"StreamARN"`
	StreamStatus            string            `json:"StreamStatus"`
	StreamModeDetails       streamModeDetails `json:"StreamModeDetails"`
	RetentionPeriodHours    int               `json:"RetentionPeriodHours"`
	StreamCreationTimestamp timestamp         `json:"StreamCreationTimestamp"`
	EnhancedMonitoring      []enhancedMetrics `json:"EnhancedMonitoring"`
	EncryptionType          string            `json:"EncryptionType"`
	OpenShardCount          int               `json:"OpenShardCount"`
	ConsumerCount           int               `json:"ConsumerCount"`
	MaxRecordSizeInKiB      int               `json:"MaxRecordSizeInKiB"`
}

type describeStreamSummaryOutput struct {
	StreamDescriptionSummary streamDescriptionSummary `json:"StreamDescriptionSummary"`
}

func (s *Service) describeStreamSummary(_ context.Context, in *describeStreamSummaryInput) (*describeStreamSummaryOutput, error) {
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return nil, err
	}
	sum, err := e.s.Describe()
	if err != nil {
		return nil, err
	}
	return &describeStreamSummaryOutput{streamDescriptionSummary{
		StreamName:              sum.StreamName,
		StreamARN:               sum.StreamARN,
		StreamStatus:            string(sum.StreamStatus),
		StreamModeDetails:       e.mode(),
		RetentionPeriodHours:    sum.RetentionPeriodHours,
		StreamCreationTimestamp: timestamp(sum.StreamCreationTimestamp),
		EnhancedMonitoring:      noEnhancedMonitoring,
		EncryptionType:          sum.EncryptionType,
		OpenShardCount:          sum.OpenShardCount,
		ConsumerCount:           sum.ConsumerCount,
		MaxRecordSizeInKiB:      sum.MaxRecordSizeInKiB,
	}}, nil
}

// ListStreams' page of streams.
const (
	defaultListStreamsLimit = 100
	maxListStreamsLimit     = 10000
	// listStreamsToken marks a ListStreams NextToken (see sealToken),
	// which carries the last name listed.
	listStreamsToken = "ListStreams"
)

type listStreamsInput struct {
	Limit                    *int   `json:"Limit"`
	ExclusiveStartStreamName string `json:"ExclusiveStartStreamName"`
	NextToken                string `json:"NextToken"`
}

type streamSummary struct {
	StreamName              string            `json:"StreamName"`
	StreamARN               string            `json:"StreamARN"`
	StreamStatus            string            `json:"StreamStatus"`
	StreamModeDetails       streamModeDetails `json:"StreamModeDetails"`
	StreamCreationTimestamp timestamp         `json:"StreamCreationTimestamp"`
}

type listStreamsOutput struct {
	StreamNames     []string        `json:"StreamNames"`
	HasMoreStreams  bool            `json:"HasMoreStreams"`
	NextToken       string          `json:"NextToken,omitempty"`
	StreamSummaries []streamSummary `json:"StreamSummaries"`
}

func (s *Service) listStreams(_ context.Context, in *listStreamsInput) (*listStreamsOutput, error) {
	var vs awserr.Violations
	limit := defaultListStreamsLimit
	if in.Limit != nil {
		limit = *in.Limit
		checkRange(&vs, "limit", limit, 1, maxListStreamsLimit)
	}
	if in.ExclusiveStartStreamName != "" {
		checkName(&vs, "exclusiveStartStreamName", in.ExclusiveStartStreamName)
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	after := in.ExclusiveStartStreamName
	if in.NextToken != "" {
		if in.ExclusiveStartStreamName != "" {
			return nil, stream.ErrInvalidArgument.WithMessage("NextToken cannot be combined with ExclusiveStartStreamName.")
		}
		name, kind, ok := openToken(in.NextToken)
		if !ok || kind != listStreamsToken {
			return nil, errInvalidNextToken.Clone()
		}
		after = name
	}
	out := &listStreamsOutput{StreamNames: []string{}, StreamSummaries: []streamSummary{}}
	all := s.entries()
	start := sort.Search(len(all), func(i int) bool { return all[i].s.Name() > after })
	for _, e := range all[start:] {
		if len(out.StreamNames) == limit {
			out.HasMoreStreams = true
			out.NextToken = sealToken(out.StreamNames[len(out.StreamNames)-1], listStreamsToken)
			break
		}
		sum, err := e.s.Describe()
		if err != nil {
			continue // deleted meanwhile
		}
		out.StreamNames = append(out.StreamNames, sum.StreamName)
		out.StreamSummaries = append(out.StreamSummaries, streamSummary{
			StreamName:              sum.StreamName,
			StreamARN:               sum.StreamARN,
			StreamStatus:            string(sum.StreamStatus),
			StreamModeDetails:       e.mode(),
			StreamCreationTimestamp: timestamp(sum.StreamCreationTimestamp),
		})
	}
	return out, nil
}

type retentionInput struct {
	streamRef
	RetentionPeriodHours *int `json:"RetentionPeriodHours"`
}

// retention checks a retention change and returns its stream.
func (s *Service) retention(in *retentionInput) (*entry, error) {
	var vs awserr.Violations
	in.check(&vs)
	if in.RetentionPeriodHours == nil {
		notNull(&vs, "retentionPeriodHours")
	} else if *in.RetentionPeriodHours < 1 {
		vs.AddInt(*in.RetentionPeriodHours, "retentionPeriodHours", awserr.ValueAtLeast(1))
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	return s.streamOf(in.streamRef)
}

func (s *Service) increaseStreamRetentionPeriod(_ context.Context, in *retentionInput) (empty, error) {
	e, err := s.retention(in)
	if err != nil {
		return empty{}, err
	}
	return empty{}, e.s.IncreaseStreamRetentionPeriod(*in.RetentionPeriodHours)
}

func (s *Service) decreaseStreamRetentionPeriod(_ context.Context, in *retentionInput) (empty, error) {
	e, err := s.retention(in)
	if err != nil {
		return empty{}, err
	}
	return empty{}, e.s.DecreaseStreamRetentionPeriod(*in.RetentionPeriodHours)
}

type describeLimitsOutput struct {
	ShardLimit               int `json:"ShardLimit"`
	OpenShardCount           int `json:"OpenShardCount"`
	OnDemandStreamCount      int `json:"OnDemandStreamCount"`
	OnDemandStreamCountLimit int `json:"OnDemandStreamCountLimit"`
}

func (s *Service) describeLimits(context.Context, *empty) (*describeLimitsOutput, error) {
	out := &describeLimitsOutput{ShardLimit: stream.DefaultShardLimit, OnDemandStreamCountLimit: maxOnDemandStreams}
	for _, e := range s.entries() {
		sum, err := e.s.Describe()
		if err != nil {
			continue
		}
		out.OpenShardCount += sum.OpenShardCount
		if e.onDemand {
			out.OnDemandStreamCount++
		}
	}
	return out, nil
}

// checkRange records an integer member outside [lo, hi].
func checkRange(vs *awserr.Violations, at string, v, lo, hi int) {
	switch {
	case v < lo:
		vs.AddInt(v, at, awserr.ValueAtLeast(lo))
	case v > hi:
		vs.AddInt(v, at, awserr.ValueAtMost(hi))
	}
}
