package stream_test

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

func TestNewValidation(t *testing.T) {
	long := strings.Repeat("n", 129)
	tests := []struct {
		name string
		cfg  stream.Config
		opts []stream.Option
		want error
		msg  string
	}{
		{"empty name", stream.Config{ShardCount: 1}, nil, stream.ErrValidation,
			"2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"space in name", stream.Config{Name: "my stream", ShardCount: 1}, nil, stream.ErrValidation,
			"1 validation error detected: Value 'my stream' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"129 characters", stream.Config{Name: long, ShardCount: 1}, nil, stream.ErrValidation,
			"1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"no shards", stream.Config{Name: "s"}, nil, stream.ErrValidation,
			"1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"records under 1 MiB", stream.Config{Name: "s", ShardCount: 1, MaxRecordSizeInKiB: 1000}, nil, stream.ErrValidation,
			"1 validation error detected: Value '1000' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
		{"records over 10 MiB", stream.Config{Name: "s", ShardCount: 1, MaxRecordSizeInKiB: 10241}, nil, stream.ErrValidation,
			"1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
		{"retention 23 hours", stream.Config{Name: "s", ShardCount: 1, RetentionPeriodHours: 23}, nil, stream.ErrInvalidArgument,
			"Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short."},
		{"retention over a year", stream.Config{Name: "s", ShardCount: 1, RetentionPeriodHours: 8761}, nil, stream.ErrInvalidArgument,
			"Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long."},
		{"over the shard limit", stream.Config{Name: "s", ShardCount: 3}, []stream.Option{stream.WithShardLimit(2)}, stream.ErrLimitExceeded,
			"This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 0. Limit: 2. Number of additional shards that would have resulted from this request: 3. …"},
		{"valid, all limits at their ends", stream.Config{Name: "a-Z_0.9", ShardCount: 2, RetentionPeriodHours: 8760, MaxRecordSizeInKiB: 10240}, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := stream.New[string](tt.cfg, tt.opts...)
			if tt.want == nil {
				if err != nil || s == nil {
					t.Fatalf("New = %v", err)
				}
				return
			}
			if s != nil {
				t.Fatal("New returned a stream with its error")
			}
			wantErr(t, err, tt.want, tt.msg)
		})
	}
	for _, opt := range []stream.Option{stream.WithPutBatchLimits(0, 1), stream.WithShardLimit(0), stream.WithTransitionDelay(-1),
		stream.WithThroughputLimits(stream.ThroughputLimits{ReadCallsPerSecond: -1})} {
		if _, err := stream.New[string](stream.Config{Name: "s", ShardCount: 1}, opt); err == nil {
			t.Error("New accepted an invalid option")
		}
	}
}

func TestDescribe(t *testing.T) {
	clk := clock.NewManual(epoch)
	s := mustNew[string](t, stream.Config{Name: "trucks", ShardCount: 3, MaxRecordSizeInKiB: 2048}, stream.WithClock(clk), stream.WithAccount("eu-west-1", "123456789012"))
	got, err := s.Describe()
	if err != nil {
		t.Fatal(err)
	}
	want := stream.Summary{
		StreamName:              "trucks",
		StreamARN:               "arn:aws:kinesis:eu-west-1:123456789012:stream/trucks",
		StreamStatus:            stream.StatusActive,
		StreamMode:              "PROVISIONED",
		RetentionPeriodHours:    24,
		StreamCreationTimestamp: time.Unix(0, epoch.UnixNano()),
		OpenShardCount:          3,
		MaxRecordSizeInKiB:      2048,
		EncryptionType:          "NONE",
	}
	if !got.StreamCreationTimestamp.Equal(want.StreamCreationTimestamp) {
		t.Errorf("created %v, want %v", got.StreamCreationTimestamp, epoch)
	}
	got.StreamCreationTimestamp = want.StreamCreationTimestamp
	if got != want {
		t.Errorf("Describe =\n  %+v\nwant\n  %+v", got, want)
	}
	if s.Name() != "trucks" || s.ARN() != want.StreamARN {
		t.Errorf("Name %q, ARN %q", s.Name(), s.ARN())
	}
}
