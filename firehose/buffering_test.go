package firehose_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// A buffer that reaches its size is delivered at once, holding exactly
// the bytes it was given; the next record starts a new buffer.
func TestSizeTriggeredFlushDeliversExactlyTheBufferedBytes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &recorder{}
		ds := newStream(t, firehose.Config{Name: "size", Buffering: hints(1, 900), Destination: dest})
		record := bytes.Repeat([]byte("x"), 1<<10) // 1 KiB: 1,024 of them fill 1 MiB
		var want []byte
		for i := range 1024 {
			record[0] = byte('a' + i%26)
			if _, err := ds.Put(record); err != nil {
				t.Fatal(err)
			}
			want = append(want, record...)
		}
		if _, err := ds.Put([]byte("next")); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		got := dest.delivered()
		if len(got) != 1 || got[0] != string(want) {
			t.Fatalf("delivered %d batches (first %d bytes), want one of exactly %d bytes", len(got), lenFirst(got), len(want))
		}
		if s := ds.Stats(); s.DeliveredBytes != 1<<20 || s.DeliveredRecords != 1024 || s.IncomingRecords != 1025 {
			t.Fatalf("stats %+v", s)
		}
	})
}

func lenFirst(s []string) int {
	if len(s) == 0 {
		return 0
	}
	return len(s[0])
}

// A buffer that does not fill is delivered when its interval has passed
// since its first record, in virtual time, and not a moment before.
func TestIntervalTriggeredFlushHappensAtTheInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &recorder{}
		ds := newStream(t, firehose.Config{Name: "interval", Buffering: hints(5, 60), Destination: dest})
		start := time.Now()
		ds.Put([]byte("a"))
		time.Sleep(30 * time.Second)
		ds.Put([]byte("b"))
		time.Sleep(30*time.Second - time.Nanosecond)
		synctest.Wait()
		if got := dest.delivered(); len(got) != 0 {
			t.Fatalf("delivered %q before the interval", got)
		}
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		if got := dest.delivered(); len(got) != 1 || got[0] != "ab" {
			t.Fatalf("at %v delivered %q, want [ab]", time.Since(start), got)
		}
		// The next record starts a new interval.
		ds.Put([]byte("c"))
		time.Sleep(60 * time.Second)
		synctest.Wait()
		if got := dest.delivered(); len(got) != 2 || got[1] != "c" {
			t.Fatalf("delivered %q, want [ab c]", got)
		}
	})
}

// IntervalInSeconds 0 delivers each put call's records at once, as one
// batch; the newline delimiter ends every record.
func TestZeroBufferingDeliversEachCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &recorder{}
		ds := newStream(t, firehose.Config{Name: "zero", Buffering: hints(5, 0), AppendDelimiter: true, Destination: dest})
		ds.PutBatch([][]byte{[]byte("a"), []byte("b")})
		ds.Put([]byte("c"))
		synctest.Wait()
		got := dest.delivered()
		if strings.Join(got, "|") != "a\nb\n|c\n" {
			t.Fatalf("delivered %q", got)
		}
	})
}

// Close delivers what every buffer holds, whatever the hints, and leaves
// no goroutine behind (synctest fails the test if one is left).
func TestCloseDeliversEverything(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dest := &recorder{}
		ds, err := firehose.New(firehose.Config{Name: "close", Destination: dest})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			ds.Put([]byte{byte('0' + i)})
		}
		if err := ds.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := dest.delivered(); len(got) != 1 || got[0] != "0123456789" {
			t.Fatalf("delivered %q", got)
		}
		if _, err := ds.Put([]byte("late")); !errors.Is(err, firehose.ErrResourceNotFound) {
			t.Fatalf("Put after Close: %v", err)
		}
	})
}
