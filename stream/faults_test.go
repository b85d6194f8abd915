package stream_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// TestFaultsPutBatch checks that a fault hook fails exactly the records it
// chooses, with the error's code and message, and that the others are
// stored in order.
func TestFaultsPutBatch(t *testing.T) {
	var seen []stream.Call
	s, _ := newStream(t, 2, stream.WithFaults(func(c stream.Call) error {
		seen = append(seen, c)
		switch c.Index {
		case 1:
			return stream.ErrProvisionedThroughputExceeded.WithMessage("slow down")
		case 3:
			return errors.New("disk on fire")
		}
		return nil
	}))
	k0, k1 := keyFor(shard0), keyFor("shardId-000000000001")
	keys := []string{k0, k0, k1, k0, k0}
	entries := make([]stream.PutEntry[string], len(keys))
	for i, k := range keys {
		entries[i] = stream.PutEntry[string]{PartitionKey: k, Data: string(rune('a' + i))}
	}
	out, err := s.PutBatch(entries)
	if err != nil || out.FailedRecordCount != 2 {
		t.Fatalf("PutBatch: %d failed, %v", out.FailedRecordCount, err)
	}
	want := []struct{ shard, code, msg string }{
		{shard0, "", ""},
		{"", "ProvisionedThroughputExceededException", "slow down"},
		{"shardId-000000000001", "", ""},
		{"", "InternalFailure", "disk on fire"},
		{shard0, "", ""},
	}
	for i, w := range want {
		r := out.Records[i]
		if r.ShardID != w.shard || r.ErrorCode != w.code || r.ErrorMessage != w.msg || r.SequenceNumber.IsZero() != (w.code != "") {
			t.Errorf("entry %d: %+v, want %+v", i, r, w)
		}
	}
	for i, c := range seen {
		wantShard := shard0
		if keys[i] == k1 {
			wantShard = "shardId-000000000001"
		}
		if c != (stream.Call{Operation: "PutRecords", ShardID: wantShard, PartitionKey: keys[i], Index: i}) {
			t.Errorf("call %d: %+v", i, c)
		}
	}
	if got := data(readAll(t, s, shard0)); !slices.Equal(got, []string{"a", "e"}) {
		t.Errorf("shard 0 holds %q, want the records that were not failed", got)
	}
}

// TestFaultsFailCalls checks that a fault fails a whole Put or GetRecords
// call, that a failed Put stores nothing, and that the iterator of a failed
// GetRecords still reads once the fault is gone.
func TestFaultsFailCalls(t *testing.T) {
	failing := true
	s, _ := newStream(t, 1, stream.WithFaults(func(c stream.Call) error {
		if failing {
			return errors.New("injected: " + c.Operation + " " + c.ShardID + " " + c.PartitionKey)
		}
		return nil
	}))
	_, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: "lost"})
	wantErr(t, err, stream.ErrInternalFailure, "injected: PutRecord shardId-000000000000 k")
	var e *stream.Error
	if !errors.As(err, &e) || e.Status != 500 || e == stream.ErrInternalFailure {
		t.Fatalf("Put's error %#v: want a copy of ErrInternalFailure with status 500", err)
	}
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	wantErr(t, err, stream.ErrInternalFailure, "injected: GetRecords shardId-000000000000 ")
	failing = false
	mustPut(t, s, "k", "kept")
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil || !slices.Equal(data(out.Records), []string{"kept"}) {
		t.Fatalf("GetRecords after the fault: %q, %v; want only the record put since", data(out.Records), err)
	}
}

// TestFaultsBeforeThrottling checks that a record the hook passes still
// meets the throughput limits, and that a record it fails spends none of
// the shard's allowance.
func TestFaultsBeforeThrottling(t *testing.T) {
	fail := true
	s, _ := newStream(t, 1,
		stream.WithThroughputLimits(stream.ThroughputLimits{WriteRecordsPerSecond: 1}),
		stream.WithFaults(func(stream.Call) error {
			if fail {
				return stream.ErrInternalFailure
			}
			return nil
		}))
	if _, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: "x"}); !errors.Is(err, stream.ErrInternalFailure) {
		t.Fatalf("faulted put: %v", err)
	}
	fail = false
	mustPut(t, s, "k", "first") // the allowance is intact
	_, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: "second"})
	wantErr(t, err, stream.ErrProvisionedThroughputExceeded, rateExceeded)
}
