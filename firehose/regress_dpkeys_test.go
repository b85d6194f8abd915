package firehose_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// A record whose processor result lacks the partition key the Prefix reads
// (!{partitionKeyFromLambda:k}) must go to the error output; AWS sends
// records whose keys cannot be taken to the error prefix (reference §2.5,
// "Parse or key-extraction failures go to the error prefix"). Here the
// delivery fails with a permanent S3.InvalidPrefix DeliveryError and the
// records are only counted lost: nothing is written anywhere.
func TestMissingLambdaKeyGoesToErrorOutput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			var out firehose.ProcessorOutput
			for _, r := range in.Records {
				pr := firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: r.Data}
				if string(r.Data) != "nokey" {
					pr.PartitionKeys = map[string]string{"k": string(r.Data)}
				}
				out.Records = append(out.Records, pr)
			}
			return out, nil
		})
		ds, err := firehose.New(firehose.Config{
			Name:                "dp-lambda",
			Buffering:           hints(64, 60),
			Processing:          &firehose.Processing{Processor: proc},
			DynamicPartitioning: &firehose.DynamicPartitioning{},
			S3: &firehose.S3Destination{Store: store,
				Prefix:            "k=!{partitionKeyFromLambda:k}/",
				ErrorOutputPrefix: "err/!{firehose:error-output-type}/"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ds.PutBatch([][]byte{[]byte("a"), []byte("nokey"), []byte("b")}); err != nil {
			t.Fatal(err)
		}
		if err := ds.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Logf("keys: %q stats: %+v", store.Keys(), ds.Stats())
		if got := errorRaw(t, store, "err/"); len(got) != 1 || got[0] != "nokey" {
			t.Errorf("error output holds %q, want [nokey]; stats %+v", got, ds.Stats())
		}
		if s := ds.Stats(); s.LostRecords != 0 {
			t.Errorf("LostRecords = %d, want 0 (the error output works)", s.LostRecords)
		}
	})
}

// The same with QueryFunc: a record whose QueryFunc keys lack the key the
// Prefix reads is accepted into a partition and then silently lost.
func TestMissingQueryKeyGoesToErrorOutput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		ds, err := firehose.New(firehose.Config{
			Name:      "dp-query",
			Buffering: hints(64, 60),
			DynamicPartitioning: &firehose.DynamicPartitioning{QueryFunc: func(d []byte) (map[string]string, error) {
				if string(d) == "nokey" {
					return map[string]string{}, nil
				}
				return map[string]string{"k": string(d)}, nil
			}},
			S3: &firehose.S3Destination{Store: store,
				Prefix:            "k=!{partitionKeyFromQuery:k}/",
				ErrorOutputPrefix: "err/!{firehose:error-output-type}/"},
		})
		if err != nil {
			t.Fatal(err)
		}
		ds.PutBatch([][]byte{[]byte("a"), []byte("nokey")})
		ds.Close(context.Background())
		if got := errorRaw(t, store, "err/"); len(got) != 1 || got[0] != "nokey" {
			t.Errorf("error output holds %q, want [nokey]; keys %q; stats %+v", got, store.Keys(), ds.Stats())
		}
	})
}

// With dynamic partitioning, S3 delivery to a partition is retried for
// DynamicPartitioning.RetryDuration; then the records must go to the error
// output (reference §2.4/§2.5; Stats says "a failed record is kept in the
// error output unless it is also counted lost"). The S3 destination's
// failedType is "", so writing the error output fails every time with
// "s3key: empty error-output-type", is retried for 24 hours, and the
// records are lost — even though the bucket recovered after a few seconds.
func TestPartitionRetryExhaustedRecordsReachErrorOutput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		inner := &firehose.MemoryStore{}
		var calls atomic.Int32
		store := storeFunc(func(ctx context.Context, key string, body []byte) error {
			if calls.Add(1) <= 3 {
				return errors.New("503 slow down")
			}
			return inner.PutObject(ctx, key, body)
		})
		ds, err := firehose.New(firehose.Config{
			Name:      "dp-retry",
			Buffering: hints(64, 60),
			DynamicPartitioning: &firehose.DynamicPartitioning{
				Query:         map[string]string{"k": ".k"},
				RetryDuration: firehose.Duration(2 * time.Second),
			},
			S3: &firehose.S3Destination{Store: store,
				Prefix:            "k=!{partitionKeyFromQuery:k}/",
				ErrorOutputPrefix: "err/!{firehose:error-output-type}/"},
		}, firehose.WithSeed(1))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		ds.Put([]byte(`{"k":"x"}`))
		ctx, cancel := context.WithTimeout(context.Background(), 48*time.Hour)
		defer cancel()
		err = ds.Close(ctx)
		took := time.Since(start)
		s := ds.Stats()
		t.Logf("Close err=%v took=%v keys=%q stats=%+v", err, took, inner.Keys(), s)
		if s.DeliveredRecords+int64(len(errorRaw(t, inner, "err/"))) != 1 {
			t.Errorf("the record is neither delivered nor in the error output; keys %q, stats %+v", inner.Keys(), s)
		}
		if took > time.Hour {
			t.Errorf("Close took %v of clock time", took)
		}
	})
}

type storeFunc func(ctx context.Context, key string, body []byte) error

func (f storeFunc) PutObject(ctx context.Context, key string, body []byte) error {
	return f(ctx, key, body)
}

// Without dynamic partitioning the same "" error-output type makes an S3
// outage cost 48 hours, not 24: after the 24 h of delivery retries AWS
// documents, the drainer retries an error-output write that can never
// succeed (empty error-output-type) for another 24 h, holding up every
// later buffer, Flush and Close.
func TestS3OutageHoldsDrainer48h(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := storeFunc(func(context.Context, string, []byte) error { return errors.New("bucket gone") })
		ds, err := firehose.New(firehose.Config{Name: "s3out", Buffering: hints(1, 60), S3: &firehose.S3Destination{Store: store}})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("x"))
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 96*time.Hour)
		defer cancel()
		ds.Close(ctx)
		if took := time.Since(start); took > 25*time.Hour {
			t.Errorf("Close took %v of clock time; S3 is retried for 24 h", took)
		}
	})
}
