package kinesisapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/kinesisapi"
)

// eventRecorder is a ResponseWriter that keeps what a SubscribeToShard
// handler writes, safe to read while the handler runs, and counts its
// flushes.
type eventRecorder struct {
	header http.Header
	mu     sync.Mutex
	status int
	body   bytes.Buffer
	writes int // bytes written at the last flush
}

func newEventRecorder() *eventRecorder { return &eventRecorder{header: make(http.Header)} }

func (r *eventRecorder) Header() http.Header { return r.header }

func (r *eventRecorder) WriteHeader(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status == 0 {
		r.status = status
	}
}

func (r *eventRecorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.body.Write(b)
}

// statusCode returns the status written, 0 before any.
func (r *eventRecorder) statusCode() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

func (r *eventRecorder) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = r.body.Len()
}

// message is one decoded event-stream message.
type message struct {
	headers map[string]string
	payload map[string]any
}

// messages decodes what has been flushed so far; everything written must
// have been flushed.
func (r *eventRecorder) messages(t *testing.T) []message {
	t.Helper()
	r.mu.Lock()
	b := append([]byte(nil), r.body.Bytes()...)
	unflushed := r.body.Len() - r.writes
	r.mu.Unlock()
	if unflushed != 0 {
		t.Errorf("%d bytes written but not flushed", unflushed)
	}
	var out []message
	for len(b) > 0 {
		h, p, rest, err := kinesisapi.DecodeMessage(b)
		if err != nil {
			t.Fatalf("message %d: %v", len(out), err)
		}
		var m map[string]any
		if err := json.Unmarshal(p, &m); err != nil {
			t.Fatalf("message %d: payload %q: %v", len(out), p, err)
		}
		out = append(out, message{h, m})
		b = rest
	}
	return out
}

// subscription runs a SubscribeToShard request in its own goroutine.
type subscription struct {
	rec    *eventRecorder
	cancel context.CancelFunc
	done   chan struct{}
}

// subscribe starts a SubscribeToShard request of consumer to shard from
// TRIM_HORIZON.
func (f *fake) subscribe(consumer, shard string) *subscription {
	b, _ := json.Marshal(map[string]any{"ConsumerARN": consumer, "ShardId": shard, "StartingPosition": map[string]any{"Type": "TRIM_HORIZON"}})
	ctx, cancel := context.WithCancel(context.Background())
	s := &subscription{rec: newEventRecorder(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		f.handler().ServeHTTP(s.rec, request("SubscribeToShard", string(b)).WithContext(ctx))
	}()
	return s
}

// ended reports whether the handler has returned.
func (s *subscription) ended() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// records returns the sequence numbers of an event's records.
func records(m message) []string {
	var out []string
	for _, r := range m.payload["Records"].([]any) {
		out = append(out, r.(map[string]any)["SequenceNumber"].(string))
	}
	return out
}

func TestSubscribeToShard(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeWith(t, kinesisapi.Config{})
		f.createStream("s", 1)
		consumer := f.registerConsumer("s", "app")
		_, seq1 := f.put("s", "k", "one")
		_, seq2 := f.put("s", "k", "two")
		sub := f.subscribe(consumer, "shardId-000000000000")
		defer sub.cancel()
		synctest.Wait()
		if status := sub.rec.statusCode(); status != http.StatusOK || sub.rec.header.Get("Content-Type") != "application/vnd.amazon.eventstream" {
			t.Fatalf("reply %d %v", status, sub.rec.header)
		}
		msgs := sub.rec.messages(t)
		if len(msgs) != 2 {
			t.Fatalf("%d messages, want the initial response and an event", len(msgs))
		}
		if h := msgs[0].headers; h[":message-type"] != "event" || h[":event-type"] != "initial-response" || len(msgs[0].payload) != 0 {
			t.Errorf("first message = %v %v", h, msgs[0].payload)
		}
		ev := msgs[1]
		if h := ev.headers; h[":event-type"] != "SubscribeToShardEvent" || h[":content-type"] != "application/json" {
			t.Errorf("event headers = %v", h)
		}
		if got := records(ev); len(got) != 2 || got[0] != seq1 || got[1] != seq2 || ev.payload["ContinuationSequenceNumber"] != seq2 || ev.payload["MillisBehindLatest"] != float64(0) {
			t.Errorf("first event = %v", ev.payload)
		}
		// A record put later reaches the subscriber at once.
		_, seq3 := f.put("s", "k", "three")
		synctest.Wait()
		msgs = sub.rec.messages(t)
		if len(msgs) != 3 || records(msgs[2])[0] != seq3 {
			t.Fatalf("after a put: %d messages, last %v", len(msgs), msgs[len(msgs)-1].payload)
		}
		// A split closes the shard: the last event names the children and
		// carries no ContinuationSequenceNumber, and the reply ends.
		f.ok("SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "1000"})
		synctest.Wait()
		msgs = sub.rec.messages(t)
		last := msgs[len(msgs)-1].payload
		if children := last["ChildShards"].([]any); len(children) != 2 || last["ContinuationSequenceNumber"] != nil {
			t.Errorf("last event = %v", last)
		}
		if !sub.ended() {
			t.Error("the handler still runs after the end of the shard")
		}
	})
}

// The client going away ends the handler without an exception; the
// subscription ends after 5 minutes by itself.
func TestSubscribeToShardEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeWith(t, kinesisapi.Config{})
		f.createStream("s", 2)
		consumer := f.registerConsumer("s", "app")
		sub := f.subscribe(consumer, "shardId-000000000000")
		synctest.Wait()
		sub.cancel()
		synctest.Wait()
		if !sub.ended() {
			t.Fatal("the handler still runs after its context ended")
		}
		if n := len(sub.rec.messages(t)); n != 2 {
			t.Errorf("%d messages, want the initial response and the first event", n)
		}
		start := time.Now()
		sub = f.subscribe(consumer, "shardId-000000000001")
		defer sub.cancel()
		synctest.Wait()
		time.Sleep(5*time.Minute - time.Nanosecond)
		synctest.Wait()
		if sub.ended() {
			t.Fatal("the subscription ended before 5 minutes")
		}
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		if !sub.ended() || time.Since(start) != 5*time.Minute {
			t.Errorf("ended %v after %v, want at 5 minutes", sub.ended(), time.Since(start))
		}
		for _, m := range sub.rec.messages(t) {
			if m.headers[":message-type"] != "event" {
				t.Errorf("message %v after the subscription expired", m.headers)
			}
		}
	})
}

// Errors after the reply began travel as exception messages.
func TestSubscribeToShardExceptions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeWith(t, kinesisapi.Config{})
		f.createStream("s", 1)
		consumer := f.registerConsumer("s", "app")
		first := f.subscribe(consumer, "shardId-000000000000")
		synctest.Wait()
		// Within 5 seconds a second subscription is refused, as a JSON error.
		b, _ := json.Marshal(map[string]any{"ConsumerARN": consumer, "ShardId": "shardId-000000000000", "StartingPosition": map[string]any{"Type": "LATEST"}})
		checkError(t, f.raw("SubscribeToShard", string(b)), http.StatusBadRequest, inUseErr, "")
		// After them it takes over, and the first ends with an exception.
		time.Sleep(5 * time.Second)
		second := f.subscribe(consumer, "shardId-000000000000")
		synctest.Wait()
		if !first.ended() {
			t.Fatal("the first subscription still runs after a takeover")
		}
		msgs := first.rec.messages(t)
		last := msgs[len(msgs)-1]
		if last.headers[":message-type"] != "exception" || last.headers[":exception-type"] != "ResourceInUseException" || last.payload["message"] == "" {
			t.Errorf("last message = %v %v", last.headers, last.payload)
		}
		// Deregistering the consumer ends the second with
		// ResourceNotFoundException.
		f.ok("DeregisterStreamConsumer", map[string]any{"ConsumerARN": consumer})
		synctest.Wait()
		msgs = second.rec.messages(t)
		if last := msgs[len(msgs)-1]; !second.ended() || last.headers[":exception-type"] != "ResourceNotFoundException" {
			t.Errorf("after deregistering: ended %v, last %v", second.ended(), last.headers)
		}
	})
}

func TestSubscribeToShardErrors(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	consumer := f.registerConsumer("s", "app")
	trim := map[string]any{"Type": "TRIM_HORIZON"}
	runErrors(t, f, []errorCase{
		{"nothing", "SubscribeToShard", map[string]any{}, 0, validationErr,
			"3 validation errors detected: Value null at 'consumerARN' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'shardId' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'startingPosition' failed to satisfy constraint: Member must not be null"},
		{"no type", "SubscribeToShard", map[string]any{"ConsumerARN": consumer, "ShardId": "shardId-000000000000", "StartingPosition": map[string]any{}}, 0, validationErr,
			"1 validation error detected: Value null at 'startingPosition.type' failed to satisfy constraint: Member must not be null"},
		{"bad ARN", "SubscribeToShard", map[string]any{"ConsumerARN": streamARN + "s", "ShardId": "shardId-000000000000", "StartingPosition": trim}, 0, validationErr, ""},
		{"unknown consumer", "SubscribeToShard", map[string]any{"ConsumerARN": streamARN + "s/consumer/x:1", "ShardId": "shardId-000000000000", "StartingPosition": trim}, 0, notFoundErr, ""},
		{"unknown stream", "SubscribeToShard", map[string]any{"ConsumerARN": streamARN + "t/consumer/x:1", "ShardId": "shardId-000000000000", "StartingPosition": trim}, 0, notFoundErr, "Stream t under account 000000000000 not found."},
		{"unknown shard", "SubscribeToShard", map[string]any{"ConsumerARN": consumer, "ShardId": "shardId-000000000007", "StartingPosition": trim}, 0, notFoundErr, ""},
		{"bad position", "SubscribeToShard", map[string]any{"ConsumerARN": consumer, "ShardId": "shardId-000000000000", "StartingPosition": map[string]any{"Type": "AT_SEQUENCE_NUMBER"}}, 0, invalidArgErr, ""},
		{"bad type", "SubscribeToShard", map[string]any{"ConsumerARN": consumer, "ShardId": "shardId-000000000000", "StartingPosition": map[string]any{"Type": "NOW"}}, 0, validationErr, ""},
	})
	checkError(t, f.raw("SubscribeToShard", `{"ConsumerARN":`), http.StatusBadRequest, serializeErr, "")
}
