package firehose_test

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// Flush "delivers every record the delivery stream holds now ... and
// returns once they are delivered". It actually waits until the drainer
// has no work at all, so under a steady stream of sealed buffers it never
// returns, although the records it was asked about were delivered long ago.
func TestFlushReturnsUnderSteadyLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &rec{fail: func(*firehose.Batch) error { time.Sleep(time.Second); return nil }}
		ds, err := firehose.New(firehose.Config{Name: "steady", Buffering: hints(1, 0), Destination: dest})
		if err != nil {
			t.Fatal(err)
		}
		var stop atomic.Bool
		done := make(chan struct{})
		go func() { // one record every 900 ms, each sealed at once (zero buffering)
			defer close(done)
			for !stop.Load() {
				ds.Put([]byte("load"))
				time.Sleep(900 * time.Millisecond)
			}
		}()
		time.Sleep(10 * time.Second)
		ds.Put([]byte("mine"))
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		err = ds.Flush(ctx)
		cancel()
		stop.Store(true)
		<-done
		t.Logf("Flush returned %v after %v; 'mine' delivered: %v", err, time.Since(start), slices.Contains(dest.records(), "mine"))
		if err != nil {
			t.Errorf("Flush: %v after %v (the record put before it was delivered within seconds)", err, time.Since(start))
		}
		ds.Close(context.Background())
	})
}

func TestCloseWhileRetrying(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &rec{fail: func(*firehose.Batch) error { return errors.New("down") }}
		ds, err := firehose.New(firehose.Config{Name: "cr", Buffering: hints(1, 60), Destination: dest,
			Processing: &firehose.Processing{Processor: okProc()}})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("w1-0"))
		time.Sleep(2 * time.Minute)
		ds.Put([]byte("w1-1"))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		err = ds.Close(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 11*time.Second {
			t.Errorf("Close: %v after %v", err, time.Since(start))
		}
		if _, err := ds.Put([]byte("x")); !errors.Is(err, firehose.ErrResourceNotFound) {
			t.Errorf("Put after Close: %v", err)
		}
	})
}
