package lambdaapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/queue"
)

// Queue mappings, in virtual time: a queue's messages reach the function
// as Lambda's SQS event, and what the function answers decides what is
// deleted and what comes back after the visibility timeout.

// visibility is the visibility timeout of the tests' queues.
const visibility = 10 * time.Second

// send sends bodies to q.
func send(t testing.TB, q *queue.Queue[string], bodies ...string) []string {
	t.Helper()
	var ids []string
	for _, b := range bodies {
		res, err := q.Send(queue.SendInput[string]{Body: b})
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
		ids = append(ids, res.MessageID.String())
	}
	return ids
}

// TestQueueMappingEvent checks the SQS event a message makes, member by
// member, and that a handled message is deleted.
func TestQueueMappingEvent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{}
		f.register("fn", rec.fn)
		q := f.queue(queue.Config[string]{Name: "orders"})
		attrs := map[string]queue.Attribute{
			"kind":  {DataType: "String", StringValue: "order"},
			"count": {DataType: "Number", StringValue: "3"},
			"blob":  {DataType: "Binary", BinaryValue: []byte{0, 1, 2}},
		}
		sent := time.Now()
		res, err := q.Send(queue.SendInput[string]{Body: `{"id":1}`, Attributes: attrs, AWSTraceHeader: "Root=1-abc"})
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second)
		f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("orders")})
		synctest.Wait()
		events := rec.events(t)
		if len(events) != 1 || len(events[0].Records) != 1 {
			t.Fatalf("events = %v, want one of one record", events)
		}
		r := events[0].Records[0]
		want := map[string]any{
			"messageId":              res.MessageID.String(),
			"body":                   `{"id":1}`,
			"md5OfBody":              attr.BodyMD5(`{"id":1}`),
			"md5OfMessageAttributes": attr.MD5(attrs),
			"eventSource":            "aws:sqs",
			"eventSourceARN":         sqsARN("orders"),
			"awsRegion":              region,
			"attributes": map[string]any{
				"ApproximateReceiveCount":          "1",
				"SentTimestamp":                    strconv.FormatInt(sent.UnixMilli(), 10),
				"ApproximateFirstReceiveTimestamp": strconv.FormatInt(sent.Add(time.Second).UnixMilli(), 10),
				"SenderId":                         account,
				"AWSTraceHeader":                   "Root=1-abc",
			},
			"messageAttributes": map[string]any{
				"kind":  map[string]any{"stringValue": "order", "stringListValues": []any{}, "binaryListValues": []any{}, "dataType": "String"},
				"count": map[string]any{"stringValue": "3", "stringListValues": []any{}, "binaryListValues": []any{}, "dataType": "Number"},
				"blob":  map[string]any{"binaryValue": base64.StdEncoding.EncodeToString([]byte{0, 1, 2}), "stringListValues": []any{}, "binaryListValues": []any{}, "dataType": "Binary"},
			},
		}
		for k, v := range want {
			if got := fmt.Sprint(r[k]); got != fmt.Sprint(v) {
				t.Errorf("%s = %s\nwant %s", k, got, v)
			}
		}
		if h, _ := r["receiptHandle"].(string); h == "" {
			t.Error("no receiptHandle")
		}
		if len(r) != len(want)+1 {
			t.Errorf("record has %d members, want %d: %v", len(r), len(want)+1, r)
		}
		if c := q.Counts(); c != (queue.Counts{}) {
			t.Errorf("after the function: %+v, want an empty queue", c)
		}
	})
}

// TestQueueMappingOutcomes checks what each answer of the function does
// to a batch of three messages: which are deleted, which come back after
// the visibility timeout.
func TestQueueMappingOutcomes(t *testing.T) {
	type outcome struct {
		result []byte
		err    error
	}
	tests := []struct {
		name          string
		reportFailure bool
		// first answers the first call; ids are the batch's message ids.
		first func(ids []string) outcome
		// again are the bodies the second call gets (after the visibility
		// timeout), nil for no second call.
		again []string
	}{
		{"success", false, func([]string) outcome { return outcome{} }, nil},
		{"function error", false, func([]string) outcome { return outcome{err: errors.New("boom")} }, []string{"a", "b", "c"}},
		{"function error with partial responses on", true, func([]string) outcome { return outcome{err: errors.New("boom")} }, []string{"a", "b", "c"}},
		{"partial failure", true, func(ids []string) outcome {
			return outcome{result: []byte(`{"batchItemFailures":[{"itemIdentifier":"` + ids[1] + `"}]}`)}
		}, []string{"b"}},
		{"two failures", true, func(ids []string) outcome {
			return outcome{result: []byte(`{"batchItemFailures":[{"itemIdentifier":"` + ids[2] + `"},{"itemIdentifier":"` + ids[0] + `"}]}`)}
		}, []string{"a", "c"}},
		{"partial failure ignored when not asked for", false, func(ids []string) outcome {
			return outcome{result: []byte(`{"batchItemFailures":[{"itemIdentifier":"` + ids[1] + `"}]}`)}
		}, nil},
		{"empty list", true, func([]string) outcome { return outcome{result: []byte(`{"batchItemFailures":[]}`)} }, nil},
		{"null list", true, func([]string) outcome { return outcome{result: []byte(`{"batchItemFailures":null}`)} }, nil},
		{"null result", true, func([]string) outcome { return outcome{result: []byte(`null`)} }, nil},
		{"other object", true, func([]string) outcome { return outcome{result: []byte(`{"ok":true}`)} }, nil},
		{"unknown id fails the batch", true, func([]string) outcome {
			return outcome{result: []byte(`{"batchItemFailures":[{"itemIdentifier":"00000000-0000-4000-8000-000000000000"}]}`)}
		}, []string{"a", "b", "c"}},
		{"empty id fails the batch", true, func([]string) outcome {
			return outcome{result: []byte(`{"batchItemFailures":[{"itemIdentifier":""}]}`)}
		}, []string{"a", "b", "c"}},
		{"null id fails the batch", true, func([]string) outcome {
			return outcome{result: []byte(`{"batchItemFailures":[{"itemIdentifier":null}]}`)}
		}, []string{"a", "b", "c"}},
		{"not JSON fails the batch", true, func([]string) outcome { return outcome{result: []byte(`{batch`)} }, []string{"a", "b", "c"}},
		{"wrong shape fails the batch", true, func([]string) outcome { return outcome{result: []byte(`{"batchItemFailures":"all"}`)} }, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := newFixture(t)
				q := f.queue(queue.Config[string]{Name: "q", VisibilityTimeout: queue.Seconds(int(visibility / time.Second))})
				ids := send(t, q, "a", "b", "c")
				rec := &recorder{answer: func(n int, _ []byte) ([]byte, error) {
					if n > 0 {
						return nil, nil
					}
					o := tt.first(ids)
					return o.result, o.err
				}}
				f.register("fn", rec.fn)
				in := map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")}
				if tt.reportFailure {
					in["FunctionResponseTypes"] = []string{"ReportBatchItemFailures"}
				}
				f.createMapping(in)
				synctest.Wait()
				time.Sleep(visibility - time.Second)
				synctest.Wait()
				if n := len(rec.calls()); n != 1 {
					t.Fatalf("%d calls before the visibility timeout, want 1", n)
				}
				time.Sleep(2 * time.Second)
				synctest.Wait()
				events := rec.events(t)
				if len(events) != 1+min(len(tt.again), 1) {
					t.Fatalf("%d calls, want %d", len(events), 1+min(len(tt.again), 1))
				}
				if tt.again != nil {
					var got []string
					for _, r := range events[1].Records {
						got = append(got, r["body"].(string))
						if n := r["attributes"].(map[string]any)["ApproximateReceiveCount"]; n != "2" {
							t.Errorf("ApproximateReceiveCount = %v, want 2", n)
						}
					}
					slices.Sort(got)
					if fmt.Sprint(got) != fmt.Sprint(tt.again) {
						t.Errorf("second call got %v, want %v", got, tt.again)
					}
				}
				if c := q.Counts(); c != (queue.Counts{}) {
					t.Errorf("at the end: %+v, want an empty queue", c)
				}
			})
		})
	}
}

// TestQueueMappingFilter checks that messages matching no filter are
// deleted without a call, and that the body is filtered as JSON.
func TestQueueMappingFilter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{}
		f.register("fn", rec.fn)
		q := f.queue(queue.Config[string]{Name: "q"})
		send(t, q, `{"kind":"order","n":1}`, `{"kind":"refund"}`, `order`, `{"kind":"order","n":2}`)
		f.createMapping(map[string]any{
			"FunctionName": "fn", "EventSourceArn": sqsARN("q"),
			"FilterCriteria": map[string]any{"Filters": []any{
				map[string]any{"Pattern": `{"body":{"kind":["order"]}}`},
				map[string]any{"Pattern": `{"body":[{"prefix":"ord"}]}`},
			}},
		})
		synctest.Wait()
		var got []string
		for _, e := range rec.events(t) {
			for _, r := range e.Records {
				got = append(got, r["body"].(string))
			}
		}
		slices.Sort(got)
		if want := []string{`order`, `{"kind":"order","n":1}`, `{"kind":"order","n":2}`}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the function got %v, want %v", got, want)
		}
		if c := q.Counts(); c != (queue.Counts{}) {
			t.Errorf("%+v: the filtered-out message was not deleted", c)
		}
		send(t, q, `{"kind":"refund"}`)
		synctest.Wait()
		if n := len(rec.calls()); n != 1 {
			t.Errorf("%d calls, want none for a batch that is all filtered out", n-1)
		}
	})
}

// TestQueueMappingDeadLetter checks that a message the function keeps
// failing goes to the queue's dead-letter queue after maxReceiveCount
// receives.
func TestQueueMappingDeadLetter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{answer: func(int, []byte) ([]byte, error) { return nil, errors.New("poison") }}
		f.register("fn", rec.fn)
		dlq := f.queue(queue.Config[string]{Name: "dlq"})
		q := f.queue(queue.Config[string]{Name: "q", VisibilityTimeout: queue.Seconds(10),
			RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 3}})
		send(t, q, "poison")
		f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")})
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := len(rec.calls()); n != 3 {
			t.Errorf("%d calls, want 3", n)
		}
		if c := dlq.Counts(); c.Available != 1 {
			t.Errorf("dead-letter queue: %+v, want the message", c)
		}
	})
}

// TestQueueMappingStops checks that Disable, Delete, Reset and Close stop
// the consumer after the batch in hand, and that a disabled mapping
// starts again where the queue is.
func TestQueueMappingStops(t *testing.T) {
	for _, stop := range []string{"disable", "delete", "reset", "close"} {
		t.Run(stop, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := newFixture(t)
				var mu sync.Mutex
				var bodies []string
				finished := false
				f.register("fn", func(ctx context.Context, p []byte) ([]byte, error) {
					var e event
					_ = json.Unmarshal(p, &e)
					time.Sleep(5 * time.Second) // a slow function: the batch is in hand when the stop comes
					mu.Lock()
					defer mu.Unlock()
					for _, r := range e.Records {
						bodies = append(bodies, r["body"].(string))
					}
					finished = true
					return nil, nil
				})
				q := f.queue(queue.Config[string]{Name: "q"})
				send(t, q, "first")
				id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")})
				time.Sleep(time.Second) // the function is running
				switch stop {
				case "disable":
					f.ok(http.MethodPut, mappingPath(id), map[string]any{"Enabled": false})
				case "delete":
					f.ok(http.MethodDelete, mappingPath(id), nil)
				case "reset":
					f.svc.Reset()
				case "close":
					if err := f.svc.Close(t.Context()); err != nil {
						t.Fatal(err)
					}
				}
				mu.Lock()
				if !finished {
					t.Errorf("%s returned before the batch in hand was finished", stop)
				}
				mu.Unlock()
				send(t, q, "second")
				time.Sleep(time.Minute)
				synctest.Wait()
				if c := q.Counts(); c.Available != 1 {
					t.Errorf("after %s: %+v, want the second message left in the queue", stop, c)
				}
				if stop == "disable" {
					f.ok(http.MethodPut, mappingPath(id), map[string]any{"Enabled": true})
					time.Sleep(time.Minute)
					synctest.Wait()
				}
				mu.Lock()
				defer mu.Unlock()
				want := []string{"first"}
				if stop == "disable" {
					want = append(want, "second")
				}
				if fmt.Sprint(bodies) != fmt.Sprint(want) {
					t.Errorf("the function handled %v, want %v", bodies, want)
				}
				if stop != "disable" {
					wantError(t, f.call(http.MethodGet, mappingPath(id), nil), 404, "ResourceNotFoundException", "")
				}
			})
		})
	}
}

// TestQueueMappingDeletedQueue checks that a mapping whose queue is
// deleted stops without failing anything.
func TestQueueMappingDeletedQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		rec := &recorder{}
		f.register("fn", rec.fn)
		q := f.queue(queue.Config[string]{Name: "q"})
		id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")})
		synctest.Wait()
		q.Close()
		synctest.Wait()
		if got := f.ok(http.MethodGet, mappingPath(id), nil)["State"]; got != "Enabled" {
			t.Errorf("State = %v", got)
		}
		f.ok(http.MethodDelete, mappingPath(id), nil)
	})
}

// TestQueueMappingStress sends messages from several producers while a
// mapping with five concurrent pollers hands them to a slow function that
// fails some batches and some messages. Every message must be handled
// successfully exactly once: a failed one comes back, a handled one never
// does (the queue is exactly-once and the function ends well within the
// visibility timeout), and nothing is left.
func TestQueueMappingStress(t *testing.T) {
	const producers, perProducer = 4, 125
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		q := f.queue(queue.Config[string]{Name: "q", VisibilityTimeout: queue.Seconds(30)})
		var mu sync.Mutex
		rng := rand.New(rand.NewPCG(1, 2))
		handled := map[string]int{}
		attempts := map[string]int{}
		running, peak := 0, 0
		f.register("fn", func(_ context.Context, p []byte) ([]byte, error) {
			var e event
			if err := json.Unmarshal(p, &e); err != nil {
				return nil, err
			}
			mu.Lock()
			running++
			peak = max(peak, running)
			mu.Unlock()
			time.Sleep(100 * time.Millisecond)
			mu.Lock()
			defer mu.Unlock()
			running--
			for _, r := range e.Records {
				attempts[r["body"].(string)]++
			}
			if rng.IntN(5) == 0 {
				return nil, errors.New("the whole batch failed")
			}
			var failures []map[string]string
			for _, r := range e.Records {
				body := r["body"].(string)
				if rng.IntN(6) == 0 {
					failures = append(failures, map[string]string{"itemIdentifier": r["messageId"].(string)})
					continue
				}
				handled[body]++
			}
			return json.Marshal(map[string]any{"batchItemFailures": failures})
		})
		f.createMapping(map[string]any{
			"FunctionName": "fn", "EventSourceArn": sqsARN("q"), "FunctionResponseTypes": []string{"ReportBatchItemFailures"},
			"ScalingConfig": map[string]any{"MaximumConcurrency": 5},
		})
		var wg sync.WaitGroup
		for p := range producers {
			wg.Go(func() {
				pace := rand.New(rand.NewPCG(uint64(p), 3))
				for i := range perProducer {
					send(t, q, fmt.Sprintf("m-%d-%d", p, i))
					time.Sleep(time.Duration(pace.IntN(20)) * time.Millisecond)
				}
			})
		}
		wg.Wait()
		time.Sleep(10 * time.Minute)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		for p := range producers {
			for i := range perProducer {
				body := fmt.Sprintf("m-%d-%d", p, i)
				if handled[body] != 1 {
					t.Errorf("%s handled %d times (attempted %d), want once", body, handled[body], attempts[body])
				}
			}
		}
		if len(handled) != producers*perProducer {
			t.Errorf("%d messages handled, want %d", len(handled), producers*perProducer)
		}
		if peak < 2 || peak > 5 {
			t.Errorf("at most %d calls ran at once, want 2–5", peak)
		}
		if c := q.Counts(); c != (queue.Counts{}) {
			t.Errorf("left in the queue: %+v", c)
		}
	})
}
