package stream_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

// The subscription tests run in synctest bubbles on a clock.Manual:
// synctest.Wait returns once the reading goroutine is blocked, the test
// moves the clock, and the bubble fails if a goroutine outlives it.

// subscriber ranges over a subscription's events in a goroutine.
type subscriber struct {
	events chan stream.SubscribeToShardEvent[string]
	err    chan error // the error the range ended with, or nil
	done   chan struct{}
}

func subscribe(ctx context.Context, sub *stream.Subscription[string]) *subscriber {
	r := &subscriber{events: make(chan stream.SubscribeToShardEvent[string], 100), err: make(chan error, 1), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for ev, err := range sub.Events(ctx) {
			if err != nil {
				r.err <- err
				return
			}
			r.events <- ev
		}
		r.err <- nil
	}()
	return r
}

// drain returns the events delivered so far.
func (r *subscriber) drain() []stream.SubscribeToShardEvent[string] {
	var out []stream.SubscribeToShardEvent[string]
	for {
		select {
		case ev := <-r.events:
			out = append(out, ev)
		default:
			return out
		}
	}
}

// ended reports whether the range has ended, and with what error.
func (r *subscriber) ended() (bool, error) {
	select {
	case <-r.done:
		return true, <-r.err
	default:
		return false, nil
	}
}

func mustSubscribe(t testing.TB, s *stream.Stream[string], arn, shardID string, from stream.StartingPosition) *stream.Subscription[string] {
	t.Helper()
	sub, err := s.SubscribeToShard(stream.SubscribeToShardInput{ConsumerARN: arn, ShardID: shardID, StartingPosition: from})
	if err != nil {
		t.Fatalf("SubscribeToShard(%s): %v", shardID, err)
	}
	return sub
}

// eventData returns the data of every record of evs, in order.
func eventData(evs []stream.SubscribeToShardEvent[string]) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, data(ev.Records)...)
	}
	return out
}

func TestSubscribeDeliversPutsInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		arn := mustRegister(t, s, "app").ConsumerARN
		first := mustPut(t, s, "k", "r0")
		mustPut(t, s, "k", "r1")
		clk.Advance(3 * time.Second)
		r := subscribe(t.Context(), mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon}))
		synctest.Wait()
		evs := r.drain()
		if len(evs) != 1 || !slices.Equal(data(evs[0].Records), []string{"r0", "r1"}) {
			t.Fatalf("first events %+v, want one with r0 r1", evs)
		}
		if evs[0].MillisBehindLatest != 0 || evs[0].ChildShards != nil {
			t.Fatalf("first event: behind %d, children %v; want 0, none", evs[0].MillisBehindLatest, evs[0].ChildShards)
		}
		if got, want := evs[0].ContinuationSequenceNumber, evs[0].Records[1].SequenceNumber; got != want {
			t.Fatalf("continuation %s, want the last record's %s", got, want)
		}
		if evs[0].Records[0].SequenceNumber != first.SequenceNumber {
			t.Fatalf("first record %s, want %s", evs[0].Records[0].SequenceNumber, first.SequenceNumber)
		}
		// Each put wakes the waiting range.
		var want []string
		for i := 2; i < 7; i++ {
			d := "r" + string(rune('0'+i))
			mustPut(t, s, "k", d)
			want = append(want, d)
			synctest.Wait()
		}
		evs = r.drain()
		if got := eventData(evs); !slices.Equal(got, want) {
			t.Fatalf("later records %q, want %q", got, want)
		}
		for i := 1; i < len(evs); i++ {
			if evs[i].Records[0].SequenceNumber.Compare(evs[i-1].ContinuationSequenceNumber) <= 0 {
				t.Fatalf("event %d starts at or before the previous continuation", i)
			}
		}
		if done, _ := r.ended(); done {
			t.Fatal("the subscription ended early")
		}
	})
}

func TestSubscribeBacklogAndBehind(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		arn := mustRegister(t, s, "app").ConsumerARN
		for range 1500 {
			mustPut(t, s, "k", "x")
		}
		clk.Advance(10 * time.Second)
		r := subscribe(t.Context(), mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon}))
		synctest.Wait()
		evs := r.drain()
		if len(evs) != 2 || len(evs[0].Records) != 1024 || len(evs[1].Records) != 476 {
			t.Fatalf("%d events, want 1024 and 476 records", len(evs))
		}
		if evs[0].MillisBehindLatest != 10000 || evs[1].MillisBehindLatest != 0 {
			t.Fatalf("behind %d then %d ms, want 10000 then 0", evs[0].MillisBehindLatest, evs[1].MillisBehindLatest)
		}
	})
}

func TestSubscribeFirstEventWithoutRecords(t *testing.T) {
	// The first event comes at once even with nothing to read; its
	// continuation resumes exactly where the subscription started.
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		arn := mustRegister(t, s, "app").ConsumerARN
		last := mustPut(t, s, "k", "old")
		sub := mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.Latest})
		r := subscribe(t.Context(), sub)
		synctest.Wait()
		evs := r.drain()
		if len(evs) != 1 || len(evs[0].Records) != 0 || evs[0].Records == nil {
			t.Fatalf("first events %+v, want one with an empty (not nil) record list", evs)
		}
		if evs[0].ContinuationSequenceNumber != last.SequenceNumber {
			t.Fatalf("continuation %s, want the last record before LATEST, %s", evs[0].ContinuationSequenceNumber, last.SequenceNumber)
		}
		sub.Close()
		synctest.Wait()
		if done, err := r.ended(); !done || err != nil {
			t.Fatalf("after Close: ended %v, %v; want ended with no error", done, err)
		}
		mustPut(t, s, "k", "new")
		clk.Advance(stream.SubscriptionTakeover)
		resumed := mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.AfterSequenceNumber, SequenceNumber: evs[0].ContinuationSequenceNumber.String()})
		r = subscribe(t.Context(), resumed)
		synctest.Wait()
		if got := eventData(r.drain()); !slices.Equal(got, []string{"new"}) {
			t.Fatalf("resumed from the continuation: %q, want [new]", got)
		}
		resumed.Close()

		// An empty shard's continuation is its starting sequence number.
		s2, _ := newStream(t, 1)
		arn2 := mustRegister(t, s2, "app").ConsumerARN
		sub2 := mustSubscribe(t, s2, arn2, shard0, stream.StartingPosition{Type: stream.TrimHorizon})
		r = subscribe(t.Context(), sub2)
		synctest.Wait()
		shards, _ := s2.ListShards(stream.ListShardsInput{})
		if evs := r.drain(); len(evs) != 1 || evs[0].ContinuationSequenceNumber != shards.Shards[0].SequenceNumberRange.StartingSequenceNumber {
			t.Fatalf("empty shard: events %+v, want one continuing from the starting sequence number", evs)
		}
		sub2.Close()
	})
}

func TestSubscriptionEndsAfterFiveMinutes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		arn := mustRegister(t, s, "app").ConsumerARN
		r := subscribe(t.Context(), mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon}))
		synctest.Wait()
		clk.Advance(stream.SubscriptionLifetime - time.Millisecond)
		mustPut(t, s, "k", "late")
		synctest.Wait()
		if got := eventData(r.drain()); !slices.Equal(got, []string{"late"}) {
			t.Fatalf("just before 5 minutes: %q, want [late]", got)
		}
		if done, _ := r.ended(); done {
			t.Fatal("ended before 5 minutes")
		}
		clk.Advance(time.Millisecond) // fires the subscription's timer
		synctest.Wait()
		if done, err := r.ended(); !done || err != nil {
			t.Fatalf("at 5 minutes: ended %v, %v; want ended with no error", done, err)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left behind", clk.Pending())
		}
		// Once it has ended, the consumer subscribes again at once.
		sub := mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon})
		sub.Close()
	})
}

func TestSubscriptionUnreadExpires(t *testing.T) {
	// A subscription nobody reads still ends 5 minutes after it was made:
	// the next call is not refused, and reading it later yields nothing.
	s, clk := newStream(t, 1)
	arn := mustRegister(t, s, "app").ConsumerARN
	stale := mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon})
	mustPut(t, s, "k", "x")
	clk.Advance(stream.SubscriptionLifetime)
	fresh := mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon})
	defer fresh.Close()
	for ev, err := range stale.Events(context.Background()) {
		t.Fatalf("expired subscription yielded %+v, %v", ev, err)
	}
}

func TestSecondSubscription(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 2)
		arn := mustRegister(t, s, "app").ConsumerARN
		other := mustRegister(t, s, "other").ConsumerARN
		from := stream.StartingPosition{Type: stream.TrimHorizon}
		r := subscribe(t.Context(), mustSubscribe(t, s, arn, shard0, from))
		synctest.Wait()

		clk.Advance(stream.SubscriptionTakeover - time.Millisecond)
		_, err := s.SubscribeToShard(stream.SubscribeToShardInput{ConsumerARN: arn, ShardID: shard0, StartingPosition: from})
		wantErr(t, err, stream.ErrResourceInUse, tooSoon(arn, shard0))

		// Another shard, or another consumer, is no conflict.
		mustSubscribe(t, s, arn, "shardId-000000000001", from).Close()
		mustSubscribe(t, s, other, shard0, from).Close()

		clk.Advance(time.Millisecond)
		second := mustSubscribe(t, s, arn, shard0, from) // takes over
		synctest.Wait()
		done, err := r.ended()
		if !done {
			t.Fatal("the first subscription goes on after a takeover")
		}
		wantErr(t, err, stream.ErrResourceInUse, "The subscription of consumer "+arn+" to shard "+shard0+" was taken over by a newer SubscribeToShard call.")

		// The new one is now the one within its first 5 seconds.
		_, err = s.SubscribeToShard(stream.SubscribeToShardInput{ConsumerARN: arn, ShardID: shard0, StartingPosition: from})
		wantErr(t, err, stream.ErrResourceInUse, "")
		r2 := subscribe(t.Context(), second)
		if _, err := s.Put(stream.PutInput[string]{PartitionKey: "k", ExplicitHashKey: "0", Data: "after takeover"}); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if got := eventData(r2.drain()); len(got) != 1 {
			t.Fatalf("second subscription read %q", got)
		}
		second.Close()
		synctest.Wait()
		// Closed, but the 5 seconds count from the successful call.
		_, err = s.SubscribeToShard(stream.SubscribeToShardInput{ConsumerARN: arn, ShardID: shard0, StartingPosition: from})
		wantErr(t, err, stream.ErrResourceInUse, tooSoon(arn, shard0))
		clk.Advance(stream.SubscriptionTakeover)
		mustSubscribe(t, s, arn, shard0, from).Close()
	})
}

// tooSoon is the message of a SubscribeToShard call within 5 seconds of
// the last successful one for the same consumer and shard.
func tooSoon(arn, shardID string) string {
	return "Consumer " + arn + " subscribed to shard " + shardID + " less than 5s ago; " +
		"a new SubscribeToShard call for them can succeed 5s after the last successful one."
}

func TestSubscriptionEndsWithClosedShard(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		arn := mustRegister(t, s, "app").ConsumerARN
		r := subscribe(t.Context(), mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon}))
		mustPut(t, s, "k", "a")
		synctest.Wait()
		mustPut(t, s, "k", "b")
		if err := s.SplitShard(shard0, "170141183460469231731687303715884105728"); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		evs := r.drain()
		if got := eventData(evs); !slices.Equal(got, []string{"a", "b"}) {
			t.Fatalf("read %q, want [a b]", got)
		}
		last := evs[len(evs)-1]
		if len(last.Records) == 0 || len(last.ChildShards) != 2 || last.ChildShards[0].ShardID != "shardId-000000000001" {
			t.Fatalf("last event %+v, want b and the two children", last)
		}
		// The end of the shard is told by a null continuation, as AWS
		// sends it (KCL and Flink look for it).
		if !last.ContinuationSequenceNumber.IsZero() {
			t.Fatalf("last event's continuation %s, want none", last.ContinuationSequenceNumber)
		}
		for _, ev := range evs[:len(evs)-1] {
			if ev.ChildShards != nil || ev.ContinuationSequenceNumber.IsZero() {
				t.Fatalf("before the end: %+v, want no child shards and a continuation", ev)
			}
		}
		if done, err := r.ended(); !done || err != nil {
			t.Fatalf("after the shard's end: ended %v, %v", done, err)
		}

		// Subscribing to the closed shard gives its rest and the children in one event.
		clk.Advance(stream.SubscriptionTakeover)
		r = subscribe(t.Context(), mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.Latest}))
		synctest.Wait()
		if evs := r.drain(); len(evs) != 1 || len(evs[0].Records) != 0 || len(evs[0].ChildShards) != 2 || !evs[0].ContinuationSequenceNumber.IsZero() {
			t.Fatalf("LATEST on a closed shard: %+v, want one event with the children and no continuation", evs)
		}
	})
}

func TestSubscriptionEndsWithError(t *testing.T) {
	tests := []struct {
		name    string
		end     func(t *testing.T, s *stream.Stream[string], arn string, cancel context.CancelFunc)
		wantErr error
	}{
		{"context canceled", func(_ *testing.T, _ *stream.Stream[string], _ string, cancel context.CancelFunc) { cancel() }, context.Canceled},
		{"consumer deregistered", func(t *testing.T, s *stream.Stream[string], arn string, _ context.CancelFunc) {
			if err := s.DeregisterStreamConsumer(stream.ConsumerInput{ConsumerARN: arn}); err != nil {
				t.Fatal(err)
			}
		}, stream.ErrResourceNotFound},
		{"stream deleted", func(t *testing.T, s *stream.Stream[string], _ string, _ context.CancelFunc) {
			if err := s.DeleteWithConsumers(); err != nil {
				t.Fatal(err)
			}
		}, stream.ErrResourceNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, _ := newStream(t, 1)
				arn := mustRegister(t, s, "app").ConsumerARN
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				r := subscribe(ctx, mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon}))
				synctest.Wait()
				tt.end(t, s, arn, cancel)
				synctest.Wait()
				done, err := r.ended()
				if !done || !errors.Is(err, tt.wantErr) {
					t.Fatalf("ended %v with %v, want %v", done, err, tt.wantErr)
				}
			})
		})
	}
}

func TestSubscribeToShardErrors(t *testing.T) {
	s, clk := newStream(t, 1, stream.WithTransitionDelay(time.Second))
	clk.Advance(time.Second)
	active := mustRegister(t, s, "active")
	clk.Advance(time.Second)
	creating := mustRegister(t, s, "creating")
	elsewhere := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1}, stream.WithClock(clock.NewManual(epoch.Add(time.Hour))))
	seqOther := mustPut(t, elsewhere, "k", "x").SequenceNumber.String()
	th := stream.StartingPosition{Type: stream.TrimHorizon}
	tests := []struct {
		name    string
		in      stream.SubscribeToShardInput
		wantErr error
		msg     string
	}{
		{"malformed ARN", stream.SubscribeToShardInput{ConsumerARN: "app", ShardID: shard0, StartingPosition: th}, stream.ErrValidation,
			"1 validation error detected: Value 'app' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern: …"},
		{"bad position type", stream.SubscribeToShardInput{ConsumerARN: active.ConsumerARN, ShardID: shard0, StartingPosition: stream.StartingPosition{Type: "OLDEST"}}, stream.ErrValidation,
			"1 validation error detected: Value 'OLDEST' at 'startingPosition.type' failed to satisfy constraint: Member must satisfy enum value set: " +
				"[AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]"},
		{"unknown consumer", stream.SubscribeToShardInput{ConsumerARN: consumerARN("nope", 0), ShardID: shard0, StartingPosition: th}, stream.ErrResourceNotFound,
			"Consumer " + consumerARN("nope", 0) + " under stream s under account 000000000000 not found."},
		{"consumer creating", stream.SubscribeToShardInput{ConsumerARN: creating.ConsumerARN, ShardID: shard0, StartingPosition: th}, stream.ErrResourceInUse,
			"Consumer " + creating.ConsumerARN + " under stream s under account 000000000000 is not ACTIVE, instead in state CREATING."},
		{"unknown shard", stream.SubscribeToShardInput{ConsumerARN: active.ConsumerARN, ShardID: "shardId-000000000007", StartingPosition: th}, stream.ErrResourceNotFound,
			"Shard shardId-000000000007 in stream s under account 000000000000 does not exist"},
		{"sequence number missing", stream.SubscribeToShardInput{ConsumerARN: active.ConsumerARN, ShardID: shard0, StartingPosition: stream.StartingPosition{Type: stream.AtSequenceNumber}},
			stream.ErrInvalidArgument, "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or …"},
		{"sequence number of another stream", stream.SubscribeToShardInput{ConsumerARN: active.ConsumerARN, ShardID: shard0,
			StartingPosition: stream.StartingPosition{Type: stream.AtSequenceNumber, SequenceNumber: seqOther}},
			stream.ErrInvalidArgument, "StartingSequenceNumber " + seqOther + " used in SubscribeToShard on shard shardId-000000000000 in stream s under account 000000000000 is invalid because it did not come from this stream."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.SubscribeToShard(tt.in)
			wantErr(t, err, tt.wantErr, tt.msg)
		})
	}
	// None of the failed calls holds the shard.
	mustSubscribe(t, s, active.ConsumerARN, shard0, th).Close()
}

func TestSubscriptionBreakEndsIt(t *testing.T) {
	s, clk := newStream(t, 1)
	arn := mustRegister(t, s, "app").ConsumerARN
	mustPut(t, s, "k", "a")
	sub := mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon})
	for ev, err := range sub.Events(context.Background()) {
		if err != nil || len(ev.Records) != 1 {
			t.Fatalf("first event %+v, %v", ev, err)
		}
		break
	}
	// The subscription ended with the range: ranging again yields
	// nothing. The consumer subscribes to the shard again 5 seconds after
	// the call, not sooner.
	for ev, err := range sub.Events(context.Background()) {
		t.Fatalf("second range yielded %+v, %v", ev, err)
	}
	_, err := s.SubscribeToShard(stream.SubscribeToShardInput{ConsumerARN: arn, ShardID: shard0, StartingPosition: stream.StartingPosition{Type: stream.TrimHorizon}})
	wantErr(t, err, stream.ErrResourceInUse, tooSoon(arn, shard0))
	clk.Advance(stream.SubscriptionTakeover)
	mustSubscribe(t, s, arn, shard0, stream.StartingPosition{Type: stream.TrimHorizon}).Close()
}
