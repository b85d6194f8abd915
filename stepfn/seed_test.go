package stepfn_test

import (
	"slices"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestSeedRepeatsJitter checks WithSeed: the first execution of two state
// machines made with the same seed waits the same virtual durations
// between FULL-jitter retries, and with another seed it waits others.
// (Each execution of one machine draws its own stream, so the seed is
// compared across machines.)
func TestSeedRepeatsJitter(t *testing.T) {
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","End":true,
		"Retry":[{"ErrorEquals":["E"],"IntervalSeconds":10,"BackoffRate":2,"MaxAttempts":4,"JitterStrategy":"FULL"}]}}}`
	waits := func(t *testing.T, seed uint64) []float64 {
		h := &failing{names: []string{"E", "E", "E", "E"}}
		d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, h), stepfn.WithSeed(seed))
		if d.Status != stepfn.Succeeded {
			t.Fatalf("seed %d: %s %s", seed, d.Status, d.Error)
		}
		return h.gaps()
	}
	for _, tc := range []struct {
		name string
		a, b uint64
		same bool
	}{
		{"same seed", 7, 7, true},
		{"other seed", 7, 8, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				a, b := waits(t, tc.a), waits(t, tc.b)
				if len(a) != 4 || len(b) != 4 {
					t.Fatalf("waits %v and %v, want 4 retries each", a, b)
				}
				if slices.Equal(a, []float64{10, 20, 40, 80}) {
					t.Errorf("waits %v are the backoff without jitter", a)
				}
				if slices.Equal(a, b) != tc.same {
					t.Errorf("seed %d waits %v, seed %d waits %v; same: %v, want %v", tc.a, a, tc.b, b, slices.Equal(a, b), tc.same)
				}
			})
		})
	}
}
