package clock

import (
	"testing"
	"testing/synctest"
	"time"
)

// The one real timer must follow the earliest pending timer and be stopped
// once nothing is pending, so an idle clock holds nothing. Nothing outside
// the package can see a stopped time.Timer, hence an internal test.
func TestJumpRealTimer(t *testing.T) {
	tests := []struct {
		name string
		run  func(j *Jump) (wantNext time.Duration) // 0: nothing should be pending
	}{
		{"never used", func(j *Jump) time.Duration { return 0 }},
		{"fired by real time", func(j *Jump) time.Duration {
			j.AfterFunc(time.Second, func() {})
			time.Sleep(time.Second)
			return 0
		}},
		{"fired by a jump", func(j *Jump) time.Duration {
			j.AfterFunc(time.Second, func() {})
			j.Advance(time.Second)
			return 0
		}},
		{"all stopped", func(j *Jump) time.Duration {
			a := j.AfterFunc(time.Second, func() {})
			b := j.AfterFunc(2*time.Second, func() {})
			a.Stop()
			b.Stop()
			return 0
		}},
		{"stopped while due", func(j *Jump) time.Duration {
			var b Timer
			j.AfterFunc(time.Second, func() { b.Stop() })
			b = j.AfterFunc(time.Second, func() {})
			j.Advance(time.Minute)
			return 0
		}},
		{"earliest stopped", func(j *Jump) time.Duration {
			a := j.AfterFunc(time.Second, func() {})
			j.AfterFunc(3*time.Second, func() {})
			a.Stop()
			return 3 * time.Second
		}},
		{"earlier one made", func(j *Jump) time.Duration {
			j.AfterFunc(3*time.Second, func() {})
			j.AfterFunc(2*time.Second, func() {})
			return 2 * time.Second
		}},
		{"rest after a jump", func(j *Jump) time.Duration {
			j.AfterFunc(time.Second, func() {})
			j.AfterFunc(time.Hour, func() {})
			j.Advance(time.Minute)
			return time.Hour - time.Minute
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				j := NewJump()
				wantNext := tt.run(j)
				synctest.Wait()
				j.mu.Lock()
				defer j.mu.Unlock()
				if wantNext > 0 {
					if want := j.Now().Add(wantNext); !j.armed.Equal(want) {
						t.Errorf("armed for %v from now, want %v", j.armed.Sub(j.Now()), wantNext)
					}
					return
				}
				if !j.armed.IsZero() {
					t.Errorf("nothing pending, but armed for %v", j.armed)
				}
				if j.real != nil && j.real.Stop() {
					t.Error("nothing pending, but the real timer was still set")
				}
			})
		})
	}
}
