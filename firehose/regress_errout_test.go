package firehose_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// processing-failed records carry the Lambda ARN under "lambdaArn"
// (reference §2.3; the developer guide's data-transformation-failure-handling
// page). The package writes "lambdaARN".
func TestProcessingFailedLineUsesLambdaArn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			var out firehose.ProcessorOutput
			for _, r := range in.Records {
				out.Records = append(out.Records, firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.ProcessingFailed})
			}
			return out, nil
		})
		ds, err := firehose.New(firehose.Config{Name: "pf", S3: &firehose.S3Destination{Store: store},
			Processing: &firehose.Processing{Processor: proc, LambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:f"}})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("x"))
		ds.Close(context.Background())
		for _, k := range store.Keys() {
			if !strings.Contains(k, "processing-failed") {
				continue
			}
			body, _ := store.Get(k)
			var line map[string]any
			json.Unmarshal([]byte(strings.SplitN(string(body), "\n", 2)[0]), &line)
			if line["lambdaArn"] != "arn:aws:lambda:us-east-1:123456789012:function:f" {
				t.Errorf("error line %s has no lambdaArn", strings.TrimSpace(string(body)))
			}
			return
		}
		t.Fatalf("no processing-failed object: %q", store.Keys())
	})
}

// Stats: "Every record taken ends up delivered, dropped or failed (or is
// still buffered); a failed record is kept in the error output unless it is
// also counted lost." When Close gives up, records still in a delivery
// buffer are counted lost but not failed, so after Close IncomingRecords !=
// Delivered + Dropped + Failed and LostRecords > FailedRecords.
func TestStatsAfterCloseGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &rec{fail: func(*firehose.Batch) error { return errors.New("down") }}
		ds, err := firehose.New(firehose.Config{Name: "gu", Buffering: hints(1, 60), Destination: dest,
			Processing: &firehose.Processing{Processor: okProc()}})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("w1-0"))
		time.Sleep(2 * time.Minute) // w1-0 processed at 1:00, its delivery buffer is due at 2:00.05
		ds.Put([]byte("w1-1"))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ds.Close(ctx)
		s := ds.Stats()
		if s.IncomingRecords != s.DeliveredRecords+s.DroppedRecords+s.FailedRecords || s.LostRecords > s.FailedRecords {
			t.Errorf("stats do not add up after Close: %+v", s)
		}
	})
}

// When Close gives up while a processing job is still queued, the job's
// records are "judged" on an invocation that never happened: zero attempts,
// and they go to the error output as Lambda.MissingRecordId ("One or more
// record Ids were not returned"), which blames the function.
func TestCloseGiveUpMislabelsUnprocessedRecords(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mem := &firehose.MemoryStore{}
		backup := storeFunc(func(_ context.Context, k string, b []byte) error { return mem.PutObject(context.Background(), k, b) })
		var calls int
		dest := &rec{fail: func(*firehose.Batch) error { calls++; return errors.New("down") }}
		ds, err := firehose.New(firehose.Config{Name: "ml", Buffering: hints(1, 60), Destination: dest,
			Processing: &firehose.Processing{Processor: okProc()},
			Backup:     &firehose.S3Destination{Store: backup, Prefix: "b/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"}})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("w1-0"))
		time.Sleep(2*time.Minute + 5*time.Second) // w1-0 is being retried
		ds.Put([]byte("w1-1"))                    // waits for the processor
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ds.Close(ctx)
		for _, k := range mem.Keys() {
			if !strings.Contains(k, "processing-failed") {
				continue
			}
			body, _ := mem.Get(k)
			if strings.Contains(string(body), "Lambda.MissingRecordId") || strings.Contains(string(body), `"attemptsMade":0`) {
				t.Errorf("record never given to the processor is reported as %s", strings.TrimSpace(string(body)))
			}
		}
	})
}
