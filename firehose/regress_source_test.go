package firehose_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/stream"
)

// A KinesisStreamAsSource delivery stream reads from LATEST as of its
// creation (reference §2.6): a record put to the stream before New must not
// be delivered. The package reads AT_TIMESTAMP ds.created, which at
// millisecond resolution includes every record that arrived earlier in the
// same millisecond — always so when the clock does not move between the put
// and New (synctest, a clock.Manual shared by both).
func TestStreamSourceSkipsRecordsBeforeNew(t *testing.T) {
	for _, gap := range []time.Duration{0, 400 * time.Microsecond} {
		t.Run(gap.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				time.Sleep(time.Until(time.Now().Truncate(time.Millisecond).Add(time.Millisecond))) // at a ms boundary
				s, err := stream.New[[]byte](stream.Config{Name: "src", ShardCount: 1})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.Put(stream.PutInput[[]byte]{PartitionKey: "k", Data: []byte("before")}); err != nil {
					t.Fatal(err)
				}
				time.Sleep(gap)
				dest := &rec{}
				ds, err := firehose.New(firehose.Config{Name: "fromsrc", Source: firehose.FromStream(s, nil), Buffering: hints(1, 60), Destination: dest})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.Put(stream.PutInput[[]byte]{PartitionKey: "k", Data: []byte("after")}); err != nil {
					t.Fatal(err)
				}
				time.Sleep(10 * time.Second)
				if err := ds.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				if got := dest.records(); !slices.Equal(got, []string{"after"}) {
					t.Errorf("delivered %q, want [after]", got)
				}
			})
		})
	}
}

// The starting timestamp comes from the delivery stream's clock, but is
// compared with the stream's arrival times, which come from the stream's
// clock. A delivery stream on a clock.Manual (to step its 300 s interval)
// reading a stream on the system clock therefore starts at the wrong place:
// here it delivers the whole history of the stream.
func TestStreamSourceWithOwnClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := stream.New[[]byte](stream.Config{Name: "src2", ShardCount: 1})
		s.Put(stream.PutInput[[]byte]{PartitionKey: "k", Data: []byte("old")})
		time.Sleep(time.Hour)
		dest := &rec{}
		mc := clock.NewManual(time.Now().Add(-2 * time.Hour))
		ds, err := firehose.New(firehose.Config{Name: "fromsrc2", Source: firehose.FromStream(s, nil), Buffering: hints(1, 60), Destination: dest}, firehose.WithClock(mc))
		if err != nil {
			t.Fatal(err)
		}
		s.Put(stream.PutInput[[]byte]{PartitionKey: "k", Data: []byte("new")})
		time.Sleep(10 * time.Second)
		ds.Close(context.Background())
		if got := dest.records(); !slices.Equal(got, []string{"new"}) {
			t.Errorf("delivered %q, want [new]", got)
		}
	})
}

// Put and PutBatch are refused with InvalidArgumentException on a
// KinesisStreamAsSource delivery stream (reference §2.6, §2.8).
func TestStreamSourceRefusesPut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := stream.New[[]byte](stream.Config{Name: "src3", ShardCount: 1})
		ds, err := firehose.New(firehose.Config{Name: "fromsrc3", Source: firehose.FromStream(s, nil), Destination: &rec{}})
		if err != nil {
			t.Fatal(err)
		}
		defer ds.Close(context.Background())
		if _, err := ds.Put([]byte("x")); !errors.Is(err, firehose.ErrInvalidArgument) {
			t.Errorf("Put: %v", err)
		}
		if _, err := ds.PutBatch([][]byte{[]byte("x")}); !errors.Is(err, firehose.ErrInvalidArgument) {
			t.Errorf("PutBatch: %v", err)
		}
		if _, err := ds.Put(make([]byte, firehose.MaxRecordBytes+1)); !errors.Is(err, firehose.ErrInvalidArgument) {
			t.Logf("(minor) oversize Put on a stream-source delivery stream: %v", err)
		}
	})
}

// Records put while the stream is resharded are all delivered, once each,
// and in order per partition key (parents before children).
func TestStreamSourceResharding(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := stream.New[[]byte](stream.Config{Name: "src4", ShardCount: 2})
		dest := &rec{}
		ds, err := firehose.New(firehose.Config{Name: "fromsrc4", Source: firehose.FromStream(s, nil), Buffering: hints(1, 60), Destination: dest})
		if err != nil {
			t.Fatal(err)
		}
		const keys, per = 20, 60
		seq := 0
		put := func(n int) {
			for range n {
				for k := range keys {
					if _, err := s.Put(stream.PutInput[[]byte]{PartitionKey: "k" + strconv.Itoa(k), Data: []byte(fmt.Sprintf("k%d:%d", k, seq))}); err != nil {
						t.Fatal(err)
					}
				}
				seq++
				time.Sleep(100 * time.Millisecond)
			}
		}
		put(per / 3)
		if _, err := s.UpdateShardCount(4, stream.UniformScaling); err != nil {
			t.Fatal(err)
		}
		put(per / 3)
		if _, err := s.UpdateShardCount(2, stream.UniformScaling); err != nil {
			t.Fatal(err)
		}
		put(per / 3)
		time.Sleep(30 * time.Second)
		if err := ds.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := dest.records()
		last := map[string]int{}
		seen := map[string]bool{}
		for _, r := range got {
			if seen[r] {
				t.Errorf("duplicate %s", r)
			}
			seen[r] = true
			k, n, _ := strings.Cut(r, ":")
			v, _ := strconv.Atoi(n)
			if p, ok := last[k]; ok && v <= p {
				t.Errorf("%s after %s:%d", r, k, p)
			}
			last[k] = v
		}
		if len(got) != keys*per {
			t.Errorf("delivered %d records, want %d", len(got), keys*per)
		}
	})
}
