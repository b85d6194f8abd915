package dedup

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// The deduplication window answers exactly as a plain map of expiry times
// would, however the sends are spread over time, as long as the clock does
// not go back.
func TestDedupWindowMatchesModel(t *testing.T) {
	steps := []time.Duration{0, time.Nanosecond, time.Second, time.Minute, Interval - time.Nanosecond, Interval, 2 * Interval}
	for seed := range uint64(20) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, seed))
			var w Window[int]
			model := map[string]int64{}
			now := int64(1_700_000_000) * int64(time.Second)
			for i := range 5000 {
				if rng.IntN(4) == 0 {
					now += int64(steps[rng.IntN(len(steps))])
				}
				k := fmt.Sprint("id-", rng.IntN(300))
				_, got := w.Lookup(k, now)
				exp, ok := model[k]
				if want := ok && exp > now; got != want {
					t.Fatalf("step %d: lookup(%s) = %v, want %v", i, k, got, want)
				}
				if !got {
					w.Add(k, i, now)
					model[k] = now + int64(Interval)
				}
			}
		})
	}
}

// An id is remembered to the last nanosecond of its window across the
// generation changes that other sends cause, and forgotten at its end.
func TestDedupWindowGenerations(t *testing.T) {
	const W = int64(Interval)
	tests := []struct {
		name   string
		others []int64 // times of sends of other ids, before the lookup
		at     int64   // when the id, sent at 0, is looked up
		want   bool
	}{
		{name: "same instant", at: 0, want: true},
		{name: "last nanosecond", at: W - 1, want: true},
		{name: "window over", at: W, want: false},
		{name: "after one generation change", others: []int64{W / 2, W + W/4}, at: W - 1, want: true},
		{name: "after a change just before expiry", others: []int64{1, W - 2}, at: W - 1, want: true},
		{name: "after two generation changes", others: []int64{W / 2, W, 2 * W}, at: 2 * W, want: false},
		{name: "after a jump of two windows", others: []int64{2 * W}, at: 2 * W, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w Window[int]
			w.Lookup("id", 0)
			w.Add("id", 0, 0)
			for i, at := range tt.others {
				k := fmt.Sprint("other-", i)
				if _, ok := w.Lookup(k, at); !ok {
					w.Add(k, i, at)
				}
			}
			if _, got := w.Lookup("id", tt.at); got != tt.want {
				t.Fatalf("lookup at %v = %v, want %v", time.Duration(tt.at), got, tt.want)
			}
		})
	}
}

// A steady stream of ids makes no garbage: a dropped generation's map is
// reused, and no more than two generations are kept.
func TestDedupWindowReusesMaps(t *testing.T) {
	var w Window[int]
	now := int64(0)
	n := 0
	send := func() {
		k := fmt.Sprint(n)
		n++
		if _, ok := w.Lookup(k, now); !ok {
			w.Add(k, 0, now)
		}
		now += int64(Interval) / 1000
	}
	for range 5000 { // warm up: five generations
		send()
	}
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprint(n + i)
	}
	allocs := testing.AllocsPerRun(1, func() {
		for _, k := range keys {
			if _, ok := w.Lookup(k, now); !ok {
				w.Add(k, 0, now)
			}
			now += int64(Interval) / 1000
		}
	})
	if allocs > 0 {
		t.Errorf("a window's worth of new ids allocated %v times; want 0", allocs)
	}
	if total := w.Len(); total > 2002 {
		t.Errorf("the window holds %d ids after a steady 1,000 per window; want at most two generations", total)
	}
}
