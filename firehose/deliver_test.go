package firehose_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// A failing destination is retried with exponential backoff on the clock
// — 1 s, 2 s, 4 s … each within 15% — until it takes the batch.
func TestDestinationRetriesWithBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var at []time.Duration
		start := time.Now()
		dest := &recorder{fail: func(attempt int) error {
			mu.Lock()
			at = append(at, time.Since(start))
			mu.Unlock()
			if attempt <= 3 {
				return errors.New("unavailable")
			}
			return nil
		}}
		ds := newStream(t, firehose.Config{Name: "backoff", Buffering: hints(1, 0), Destination: dest}, firehose.WithSeed(1))
		ds.Put([]byte("x"))
		time.Sleep(time.Minute)
		synctest.Wait()
		if got := dest.delivered(); len(got) != 1 || got[0] != "x" {
			t.Fatalf("delivered %q", got)
		}
		if len(at) != 4 {
			t.Fatalf("attempts at %v, want 4", at)
		}
		wait := time.Second
		for i := 1; i < len(at); i++ {
			gap := at[i] - at[i-1]
			if gap < time.Duration(float64(wait)*0.85) || gap > time.Duration(float64(wait)*1.15) {
				t.Errorf("wait before attempt %d was %v, want %v ± 15%%", i+1, gap, wait)
			}
			wait *= 2
		}
		if s := ds.Stats(); s.Retries != 3 || s.Deliveries != 1 || s.FailedRecords != 0 {
			t.Fatalf("stats %+v", s)
		}
	})
}

// Once the retry duration is spent the records go to the backup's error
// output as http-endpoint-failed, with the destination's error code and
// message, the attempts made and the record's raw data.
func TestRetryDurationSpentSendsRecordsToErrorOutput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		dest := &recorder{fail: func(int) error {
			return &firehose.DeliveryError{Code: "HttpEndpoint.DestinationException", Message: "down for maintenance"}
		}}
		ds := newStream(t, firehose.Config{
			Name:          "spent",
			Buffering:     hints(1, 0),
			Destination:   dest,
			RetryDuration: firehose.Duration(10 * time.Second),
			Backup:        &firehose.S3Destination{Store: store, Prefix: "b/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"},
		}, firehose.WithSeed(1))
		ds.PutBatch([][]byte{[]byte("one"), []byte("two")})
		time.Sleep(time.Hour)
		synctest.Wait()
		// Attempts at about 0, 1, 3 and 7 s; the next would come after 15 s.
		if n := dest.callCount(); n != 4 {
			t.Fatalf("%d attempts, want 4", n)
		}
		lines := errorLines(t, store, "e/http-endpoint-failed/")
		if len(lines) != 2 || rawData(t, lines[0]) != "one" || rawData(t, lines[1]) != "two" {
			t.Fatalf("error output %v", lines)
		}
		if lines[0]["errorCode"] != "HttpEndpoint.DestinationException" || lines[0]["errorMessage"] != "down for maintenance" || lines[0]["attemptsMade"] != 4.0 {
			t.Fatalf("error line %v", lines[0])
		}
		if s := ds.Stats(); s.FailedRecords != 2 || s.LostRecords != 0 || s.Retries != 3 {
			t.Fatalf("stats %+v", s)
		}
	})
}

// A retry duration of zero makes one attempt; a permanent failure (HTTP
// 413) is not retried, and, as on AWS, not kept.
func TestNoRetry(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		retry  time.Duration
		calls  int
		failed int64
		lost   int64
	}{
		{"zero retry duration", errors.New("down"), 0, 1, 1, 1},
		{"permanent", &firehose.DeliveryError{Code: "HttpEndpoint.DestinationException", Message: "too large", Permanent: true}, time.Hour, 1, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				dest := &recorder{fail: func(int) error { return tc.err }}
				ds := newStream(t, firehose.Config{Name: "once", Buffering: hints(1, 0), Destination: dest, RetryDuration: firehose.Duration(tc.retry)})
				ds.Put([]byte("x"))
				time.Sleep(time.Hour)
				synctest.Wait()
				if s := ds.Stats(); dest.callCount() != tc.calls || s.FailedRecords != tc.failed || s.LostRecords != tc.lost {
					t.Fatalf("%d calls, stats %+v", dest.callCount(), s)
				}
			})
		})
	}
}

// Close that runs out of time gives up the retries and says so.
func TestCloseGivesUpWhenContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &recorder{fail: func(int) error { return errors.New("down") }}
		ds, err := firehose.New(firehose.Config{Name: "giveup", Destination: dest})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("x"))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := ds.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Close: %v", err)
		}
		if s := ds.Stats(); s.LostRecords != 1 {
			t.Fatalf("stats %+v", s)
		}
	})
}
