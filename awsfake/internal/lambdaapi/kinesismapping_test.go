package lambdaapi_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stream"
)

// Stream mappings, in virtual time: a stream's records reach the function
// as Lambda's Kinesis event, in order per shard, and failures are retried
// from the first record that failed.

// put puts records with the given data to s, all under one partition key,
// and returns their results.
func put(t testing.TB, s *stream.Stream[[]byte], key string, data ...string) []stream.PutResult {
	t.Helper()
	var out []stream.PutResult
	for _, d := range data {
		res, err := s.Put(stream.PutInput[[]byte]{PartitionKey: key, Data: []byte(d)})
		if err != nil {
			t.Fatalf("Put: %v", err)
		}
		out = append(out, res)
	}
	return out
}

// datas returns the decoded data of an event's records.
func datas(t testing.TB, e event) []string {
	t.Helper()
	var out []string
	for _, r := range e.Records {
		raw, err := base64.StdEncoding.DecodeString(r["kinesis"].(map[string]any)["data"].(string))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(raw))
	}
	return out
}

// TestStreamMappingEvent checks the Kinesis event a record makes, member
// by member, and LastProcessingResult.
func TestStreamMappingEvent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{}
		f.register("fn", rec.fn)
		s := f.stream("s", 1)
		arrived := time.Now()
		res := put(t, s, "key-1", `{"a":1}`)[0]
		id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON"})
		synctest.Wait()
		events := rec.events(t)
		if len(events) != 1 || len(events[0].Records) != 1 {
			t.Fatalf("events = %v, want one of one record", events)
		}
		r := events[0].Records[0]
		seq := res.SequenceNumber.String()
		want := map[string]any{
			"kinesis": map[string]any{
				"kinesisSchemaVersion":        "1.0",
				"partitionKey":                "key-1",
				"sequenceNumber":              seq,
				"data":                        base64.StdEncoding.EncodeToString([]byte(`{"a":1}`)),
				"approximateArrivalTimestamp": float64(arrived.UnixMilli()) / 1000,
			},
			"eventSource":       "aws:kinesis",
			"eventVersion":      "1.0",
			"eventID":           res.ShardID + ":" + seq,
			"eventName":         "aws:kinesis:record",
			"invokeIdentityArn": "arn:aws:iam::" + account + ":role/switchyard-function",
			"awsRegion":         region,
			"eventSourceARN":    kinesisARN("s"),
		}
		for k, v := range want {
			if got := fmt.Sprint(r[k]); got != fmt.Sprint(v) {
				t.Errorf("%s = %s\nwant %s", k, got, v)
			}
		}
		if len(r) != len(want) {
			t.Errorf("record has %d members, want %d: %v", len(r), len(want), r)
		}
		if !strings.HasPrefix(res.ShardID, "shardId-") {
			t.Errorf("shard id %q", res.ShardID)
		}
		if got := f.ok(http.MethodGet, mappingPath(id), nil)["LastProcessingResult"]; got != "OK" {
			t.Errorf("LastProcessingResult = %v, want OK", got)
		}
	})
}

// TestStreamMappingOutcomes checks what each answer of the function does
// to a batch of ten records of one shard.
func TestStreamMappingOutcomes(t *testing.T) {
	tests := []struct {
		name          string
		reportFailure bool
		first         func(res []stream.PutResult) ([]byte, error)
		again         []string // the records of the second call, a second later; nil for none
		result        string   // LastProcessingResult after the first call
	}{
		{"success", false, func([]stream.PutResult) ([]byte, error) { return nil, nil }, nil, "OK"},
		{"function error retries the batch", false, func([]stream.PutResult) ([]byte, error) { return nil, errors.New("boom") },
			[]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "PROBLEM: Function call failed"},
		{"partial failure retries from the first failure", true, func(res []stream.PutResult) ([]byte, error) {
			return []byte(`{"batchItemFailures":[{"itemIdentifier":"` + res[7].SequenceNumber.String() + `"},{"itemIdentifier":"` + res[4].SequenceNumber.String() + `"}]}`), nil
		}, []string{"4", "5", "6", "7", "8", "9"}, "OK"},
		{"partial failure ignored when not asked for", false, func(res []stream.PutResult) ([]byte, error) {
			return []byte(`{"batchItemFailures":[{"itemIdentifier":"` + res[4].SequenceNumber.String() + `"}]}`), nil
		}, nil, "OK"},
		{"unknown sequence number fails the batch", true, func([]stream.PutResult) ([]byte, error) {
			return []byte(`{"batchItemFailures":[{"itemIdentifier":"12345"}]}`), nil
		}, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "OK"},
		{"not a number fails the batch", true, func([]stream.PutResult) ([]byte, error) {
			return []byte(`{"batchItemFailures":[{"itemIdentifier":"x"}]}`), nil
		}, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "OK"},
		{"empty list", true, func([]stream.PutResult) ([]byte, error) { return []byte(`{"batchItemFailures":[]}`), nil }, nil, "OK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := newFixture(t)
				s := f.stream("s", 1)
				res := put(t, s, "k", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
				rec := &recorder{answer: func(n int, _ []byte) ([]byte, error) {
					if n > 0 {
						return nil, nil
					}
					return tt.first(res)
				}}
				f.register("fn", rec.fn)
				in := map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON"}
				if tt.reportFailure {
					in["FunctionResponseTypes"] = []string{"ReportBatchItemFailures"}
				}
				id := f.createMapping(in)
				synctest.Wait()
				if got := f.ok(http.MethodGet, mappingPath(id), nil)["LastProcessingResult"]; got != tt.result {
					t.Errorf("LastProcessingResult = %v, want %s", got, tt.result)
				}
				time.Sleep(time.Minute)
				synctest.Wait()
				events := rec.events(t)
				if len(events) != 1+min(len(tt.again), 1) {
					t.Fatalf("%d calls, want %d", len(events), 1+min(len(tt.again), 1))
				}
				if got := datas(t, events[0]); len(got) != 10 {
					t.Errorf("first call got %v", got)
				}
				if tt.again != nil {
					if got := datas(t, events[1]); fmt.Sprint(got) != fmt.Sprint(tt.again) {
						t.Errorf("second call got %v, want %v", got, tt.again)
					}
				}
			})
		})
	}
}

// TestStreamMappingGivesUp checks MaximumRetryAttempts, bisection and an
// SQS on-failure destination: a bad record is isolated and given up, its
// invocation record reaches the queue, and the rest is handled.
func TestStreamMappingGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		s := f.stream("s", 1)
		dest := f.queue(queue.Config[string]{Name: "failures"})
		put(t, s, "k", "a", "b", "bad", "c")
		var handled []string
		rec := &recorder{answer: func(_ int, p []byte) ([]byte, error) {
			var e event
			_ = json.Unmarshal(p, &e)
			d := datas(t, e)
			if slices.Contains(d, "bad") {
				return nil, errors.New("bad record")
			}
			handled = append(handled, d...)
			return nil, nil
		}}
		f.register("fn", rec.fn)
		f.createMapping(map[string]any{
			"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON",
			"BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 1,
			"DestinationConfig": map[string]any{"OnFailure": map[string]any{"Destination": sqsARN("failures")}},
		})
		time.Sleep(time.Minute)
		synctest.Wait()
		slices.Sort(handled)
		if fmt.Sprint(handled) != "[a b c]" {
			t.Errorf("handled %v, want [a b c]", handled)
		}
		msgs, err := dest.Receive(t.Context(), queue.ReceiveOptions{MaxMessages: 10})
		if err != nil || len(msgs) != 1 {
			t.Fatalf("destination holds %v (%v), want one invocation record", msgs, err)
		}
		var record struct {
			RequestContext struct {
				Condition   string `json:"condition"`
				FunctionArn string `json:"functionArn"`
			} `json:"requestContext"`
			KinesisBatchInfo struct {
				BatchSize int    `json:"batchSize"`
				StreamArn string `json:"streamArn"`
			} `json:"KinesisBatchInfo"`
		}
		if err := json.Unmarshal([]byte(msgs[0].Body), &record); err != nil {
			t.Fatalf("%s: %v", msgs[0].Body, err)
		}
		if record.RequestContext.Condition != "RetryAttemptsExhausted" || record.KinesisBatchInfo.BatchSize != 1 ||
			record.KinesisBatchInfo.StreamArn != kinesisARN("s") || record.RequestContext.FunctionArn != fnARN("fn") {
			t.Errorf("invocation record = %s", msgs[0].Body)
		}
	})
}

// TestStreamMappingFilter checks that records matching no filter are
// passed over, with the data filtered as JSON.
func TestStreamMappingFilter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{}
		f.register("fn", rec.fn)
		s := f.stream("s", 1)
		put(t, s, "k", `{"kind":"click"}`, `{"kind":"view"}`, `click`, `{"kind":"click","n":2}`)
		f.createMapping(map[string]any{
			"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON",
			"FilterCriteria": map[string]any{"Filters": []any{map[string]any{"Pattern": `{"data":{"kind":["click"]}}`}}},
		})
		synctest.Wait()
		var got []string
		for _, e := range rec.events(t) {
			got = append(got, datas(t, e)...)
		}
		if want := []string{`{"kind":"click"}`, `{"kind":"click","n":2}`}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the function got %v, want %v", got, want)
		}
	})
}

// TestStreamMappingKeepsItsPlace checks that disabling, enabling and
// updating a stream mapping neither skips a record nor, on one shard,
// hands one over twice — also when the update changes the batch settings
// and so the consumer group.
func TestStreamMappingKeepsItsPlace(t *testing.T) {
	for _, update := range []map[string]any{
		{"Enabled": true},
		{"Enabled": true, "FunctionName": "other"},
		{"Enabled": true, "BatchSize": 2},
		{"Enabled": true, "MaximumRetryAttempts": 5, "BisectBatchOnFunctionError": true},
	} {
		t.Run(fmt.Sprint(update), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := newFixture(t)
				rec := &recorder{}
				f.register("fn", rec.fn)
				f.register("other", rec.fn)
				s := f.stream("s", 1)
				put(t, s, "k", "0", "1", "2")
				id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "LATEST", "BatchSize": 10})
				synctest.Wait()
				put(t, s, "k", "3", "4")
				synctest.Wait()
				f.ok(http.MethodPut, mappingPath(id), map[string]any{"Enabled": false})
				time.Sleep(time.Second)
				put(t, s, "k", "5", "6", "7")
				time.Sleep(time.Minute)
				synctest.Wait()
				if n := len(rec.calls()); n != 1 {
					t.Fatalf("%d calls before the update, want 1", n)
				}
				f.ok(http.MethodPut, mappingPath(id), update)
				synctest.Wait()
				put(t, s, "k", "8")
				synctest.Wait()
				var got []string
				for _, e := range rec.events(t) {
					got = append(got, datas(t, e)...)
				}
				if want := []string{"3", "4", "5", "6", "7", "8"}; fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("the function got %v, want %v", got, want)
				}
			})
		})
	}
}

// TestStreamMappingUpdateOnShards checks that an update that makes a new
// consumer group skips no record of any shard while records keep coming.
func TestStreamMappingUpdateOnShards(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		var mu sync.Mutex
		seen := map[string]int{}
		rec := &recorder{answer: func(_ int, p []byte) ([]byte, error) {
			var e event
			_ = json.Unmarshal(p, &e)
			mu.Lock()
			defer mu.Unlock()
			for _, d := range datas(t, e) {
				seen[d]++
			}
			return nil, nil
		}}
		f.register("fn", rec.fn)
		s := f.stream("s", 4)
		id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON"})
		var all []string
		for i := range 200 {
			d := fmt.Sprint(i)
			all = append(all, d)
			put(t, s, "key-"+d, d)
			time.Sleep(10 * time.Millisecond)
			if i%50 == 25 {
				f.ok(http.MethodPut, mappingPath(id), map[string]any{"BatchSize": 10 + i})
			}
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		for _, d := range all {
			if seen[d] == 0 {
				t.Errorf("record %s was skipped", d)
			}
		}
	})
}

// TestStreamMappingStops checks that Delete stops the group's worker: a
// record put afterwards reaches no function, and no goroutine is left.
func TestStreamMappingStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{}
		f.register("fn", rec.fn)
		s := f.stream("s", 2)
		id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "LATEST"})
		synctest.Wait()
		f.ok(http.MethodDelete, mappingPath(id), nil)
		put(t, s, "k", "late")
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := len(rec.calls()); n != 0 {
			t.Errorf("%d calls after Delete", n)
		}
	})
}
