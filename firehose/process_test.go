package firehose_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// errorLines reads every error-output object of a store as JSON lines.
func errorLines(t *testing.T, store *firehose.MemoryStore, prefix string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, k := range store.Keys() {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		body, _ := store.Get(k)
		for _, line := range bytes.Split(bytes.TrimSpace(body), []byte("\n")) {
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatalf("error line %q: %v", line, err)
			}
			out = append(out, m)
		}
	}
	return out
}

func rawData(t *testing.T, line map[string]any) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(line["rawData"].(string))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Each result a processor can give a record, and each way its answer can
// be wrong, ends as AWS ends it: Ok records are delivered with their new
// data, Dropped ones vanish, and the rest go to the error output as
// processing-failed with AWS's error code — never delivered.
func TestProcessorOutcomes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			var out firehose.ProcessorOutput
			for _, r := range in.Records {
				res := firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: bytes.ToUpper(r.Data)}
				switch string(r.Data) {
				case "drop":
					res.Result = firehose.Dropped
				case "fail":
					res.Result = firehose.ProcessingFailed
				case "weird":
					res.Result = "Maybe"
				case "null":
					res.Data = nil
				case "twice":
					out.Records = append(out.Records, res)
				case "forget":
					continue
				}
				out.Records = append(out.Records, res)
			}
			return out, nil
		})
		ds := newStream(t, firehose.Config{
			Name:       "outcomes",
			Processing: &firehose.Processing{Processor: proc, LambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:upper"},
			S3:         &firehose.S3Destination{Store: store, Prefix: "ok/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"},
		})
		for _, r := range []string{"keep", "drop", "fail", "weird", "null", "twice", "forget", "also"} {
			if _, err := ds.Put([]byte(r)); err != nil {
				t.Fatal(err)
			}
		}
		if err := ds.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		var delivered []string
		for _, k := range store.Keys() {
			if strings.HasPrefix(k, "ok/") {
				b, _ := store.Get(k)
				delivered = append(delivered, string(b))
			}
		}
		if strings.Join(delivered, "|") != "KEEPALSO" {
			t.Fatalf("delivered %q, want [KEEPALSO]", delivered)
		}
		codes := map[string]string{}
		for _, line := range errorLines(t, store, "err/processing-failed/") {
			codes[rawData(t, line)] = line["errorCode"].(string)
			if line["lambdaArn"] != "arn:aws:lambda:us-east-1:123456789012:function:upper" || line["attemptsMade"] != 1.0 {
				t.Errorf("error line %v", line)
			}
		}
		want := map[string]string{
			"fail":   "Lambda.ProcessingFailedStatus",
			"weird":  "Lambda.InvalidReturnFormat",
			"null":   "Lambda.InvalidReturnFormat",
			"twice":  "Lambda.DuplicatedRecordId",
			"forget": "Lambda.MissingRecordId",
		}
		if len(codes) != len(want) {
			t.Fatalf("error output %v, want %v", codes, want)
		}
		for raw, code := range want {
			if codes[raw] != code {
				t.Errorf("%s: error code %q, want %q", raw, codes[raw], code)
			}
		}
		s := ds.Stats()
		if s.DroppedRecords != 1 || s.FailedRecords != 5 || s.DeliveredRecords != 2 || s.LostRecords != 0 {
			t.Fatalf("stats %+v", s)
		}
	})
}

// A processor that fails is invoked NumberOfRetries more times; then the
// whole batch goes to the error output as Lambda.FunctionError.
func TestProcessorInvocationRetries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		retries   *int
		failFirst int
		calls     int
		delivered string
	}{
		{"default three retries, fourth call works", nil, 3, 4, "AB"},
		{"default three retries, all fail", nil, 100, 4, ""},
		{"no retries", firehose.Retries(0), 1, 1, ""},
		{"one retry works", firehose.Retries(1), 1, 2, "AB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				calls := 0
				proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
					calls++
					if calls <= tc.failFirst {
						return firehose.ProcessorOutput{}, errors.New("boom")
					}
					var out firehose.ProcessorOutput
					for _, r := range in.Records {
						out.Records = append(out.Records, firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: bytes.ToUpper(r.Data)})
					}
					return out, nil
				})
				store := &firehose.MemoryStore{}
				dest := &recorder{}
				ds := newStream(t, firehose.Config{
					Name:        "retries",
					Processing:  &firehose.Processing{Processor: proc, NumberOfRetries: tc.retries},
					Destination: dest,
					Backup:      &firehose.S3Destination{Store: store, Prefix: "backup/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"},
				})
				ds.PutBatch([][]byte{[]byte("a"), []byte("b")})
				ds.Flush(context.Background())
				if calls != tc.calls {
					t.Fatalf("processor called %d times, want %d", calls, tc.calls)
				}
				if got := strings.Join(dest.delivered(), ""); got != tc.delivered {
					t.Fatalf("delivered %q, want %q", got, tc.delivered)
				}
				lines := errorLines(t, store, "err/processing-failed/")
				if tc.delivered == "" {
					if len(lines) != 2 || lines[0]["errorCode"] != "Lambda.FunctionError" || lines[0]["attemptsMade"] != float64(tc.calls) {
						t.Fatalf("error output %v", lines)
					}
				} else if len(lines) != 0 {
					t.Fatalf("error output %v", lines)
				}
			})
		})
	}
}

// The processor gets records in the shape of the Lambda event: ids that
// Put returned, arrival times, the delivery stream's ARN and region.
func TestProcessorInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got firehose.ProcessorInput
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			got = in
			got.Records = append([]firehose.ProcessorRecord(nil), in.Records...)
			return firehose.ProcessorOutput{}, nil
		})
		ds := newStream(t, firehose.Config{Name: "input", Processing: &firehose.Processing{Processor: proc}, Destination: &recorder{}},
			firehose.WithAccount("eu-west-1", "111122223333"))
		res, _ := ds.Put([]byte("hello"))
		ds.Flush(context.Background())
		if got.DeliveryStreamARN != "arn:aws:firehose:eu-west-1:111122223333:deliverystream/input" || got.Region != "eu-west-1" || got.InvocationID == "" {
			t.Fatalf("input %+v", got)
		}
		if len(got.Records) != 1 || got.Records[0].RecordID != res.RecordID.String() || string(got.Records[0].Data) != "hello" ||
			!got.Records[0].ApproximateArrivalTimestamp.Equal(ds.Describe().CreateTimestamp.Truncate(1e6)) {
			t.Fatalf("records %+v", got.Records)
		}
	})
}

// Records wait for the processor by its own hints (1 MB or 60 s by
// default), then for the destination by the delivery stream's: a record
// put alone is processed at 60 s and delivered one interval later.
func TestProcessorBuffering(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var batches []int
		processed := func() []int { mu.Lock(); defer mu.Unlock(); return slices.Clone(batches) }
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			mu.Lock()
			batches = append(batches, len(in.Records))
			mu.Unlock()
			var out firehose.ProcessorOutput
			for _, r := range in.Records {
				out.Records = append(out.Records, firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: r.Data})
			}
			return out, nil
		})
		dest := &recorder{}
		ds := newStream(t, firehose.Config{Name: "two-stages", Buffering: hints(5, 100),
			Processing: &firehose.Processing{Processor: proc, BufferSizeInMBs: 0.25}, Destination: dest})
		ds.Put([]byte("alone"))
		time.Sleep(60*time.Second - time.Nanosecond)
		synctest.Wait()
		if p := processed(); len(p) != 0 {
			t.Fatalf("processed %v before 60 s", p)
		}
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		if p := processed(); len(p) != 1 || len(dest.delivered()) != 0 {
			t.Fatalf("at 60 s: processed %v, delivered %q", p, dest.delivered())
		}
		time.Sleep(100 * time.Second)
		synctest.Wait()
		if got := dest.delivered(); len(got) != 1 || got[0] != "alone" {
			t.Fatalf("at 160 s delivered %q", got)
		}
		// 0.25 MB of records fill the processor's buffer at once.
		big := make([]byte, 1<<17)
		ds.PutBatch([][]byte{big, big})
		synctest.Wait()
		if p := processed(); len(p) != 2 || p[1] != 2 {
			t.Fatalf("processed %v, want the full buffer at once", p)
		}
	})
}
