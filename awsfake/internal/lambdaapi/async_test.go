package lambdaapi_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
)

// attempts records when a function was called, failing the first
// failures calls.
type attempts struct {
	mu       sync.Mutex
	at       []time.Duration // since start
	start    time.Time
	failures int
}

func (a *attempts) fn(context.Context, []byte) ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.at = append(a.at, time.Since(a.start))
	if len(a.at) <= a.failures {
		return nil, errors.New("not yet")
	}
	return []byte(`"done"`), nil
}

func (a *attempts) times() []time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]time.Duration(nil), a.at...)
}

// TestInvokeAsyncRetries checks Event invocations in virtual time: a
// function error is retried after one minute and then two, and never a
// third time.
func TestInvokeAsyncRetries(t *testing.T) {
	tests := []struct {
		name     string
		failures int
		want     []time.Duration
	}{
		{"succeeds at once", 0, []time.Duration{0}},
		{"succeeds on the first retry", 1, []time.Duration{0, time.Minute}},
		{"succeeds on the second retry", 2, []time.Duration{0, time.Minute, 3 * time.Minute}},
		{"always fails", 100, []time.Duration{0, time.Minute, 3 * time.Minute}},
	}
	for _, tt := range tests {
		for _, via := range []string{"http", "in process"} {
			t.Run(tt.name+"/"+via, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					f := newFixture(t)
					a := &attempts{start: time.Now(), failures: tt.failures}
					f.register("fn", a.fn)
					if via == "http" {
						r := f.do(http.MethodPost, invokePath("fn", ""), map[string]string{"X-Amz-Invocation-Type": "Event"}, []byte(`{}`))
						if r.status != http.StatusAccepted || len(r.body) != 0 {
							t.Fatalf("reply = %d %s, want 202 and no body", r.status, r.body)
						}
					} else if err := f.svc.InvokeAsync(t.Context(), "fn", []byte(`{}`)); err != nil {
						t.Fatal(err)
					}
					time.Sleep(time.Hour)
					synctest.Wait()
					got := a.times()
					if len(got) != len(tt.want) {
						t.Fatalf("attempts at %v, want %v", got, tt.want)
					}
					for i := range got {
						if got[i] != tt.want[i] {
							t.Errorf("attempt %d at %v, want %v", i, got[i], tt.want[i])
						}
					}
				})
			})
		}
	}
}

// TestInvokeAsyncEnds checks that Close and Reset end asynchronous
// invocations waiting to be retried, and that Close waits for a function
// still running. The bubble fails the test if a goroutine is left.
func TestInvokeAsyncEnds(t *testing.T) {
	for _, stop := range []string{"Close", "Reset"} {
		t.Run(stop, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := newFixture(t)
				a := &attempts{start: time.Now(), failures: 100}
				f.register("fails", a.fn)
				running := make(chan struct{})
				var sawEnd bool
				f.register("waits", func(ctx context.Context, _ []byte) ([]byte, error) {
					close(running)
					<-ctx.Done() // ends when the service stops it
					sawEnd = true
					return nil, ctx.Err()
				})
				for _, fn := range []string{"fails", "waits"} {
					if err := f.svc.InvokeAsync(t.Context(), fn, nil); err != nil {
						t.Fatal(err)
					}
				}
				<-running
				time.Sleep(30 * time.Second)
				if stop == "Close" {
					if err := f.svc.Close(t.Context()); err != nil {
						t.Fatal(err)
					}
				} else {
					f.svc.Reset()
				}
				if !sawEnd {
					t.Error("the running function had not returned when " + stop + " did")
				}
				time.Sleep(time.Hour)
				synctest.Wait()
				if got := a.times(); len(got) != 1 {
					t.Errorf("attempts at %v after %s, want only the first", got, stop)
				}
			})
		})
	}
}

// TestCloseTimesOut checks that Close returns its context's error when a
// function does not return in time.
func TestCloseTimesOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		release := make(chan struct{})
		f.register("stuck", func(context.Context, []byte) ([]byte, error) {
			<-release // ignores its context
			return nil, nil
		})
		if err := f.svc.InvokeAsync(t.Context(), "stuck", nil); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		if err := f.svc.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close = %v, want the deadline", err)
		}
		close(release)
	})
}

// TestInvokeAsyncRefusals checks that InvokeAsync fails before running
// anything for what Invoke refuses, with the asynchronous payload limit.
func TestInvokeAsyncRefusals(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		a := &attempts{start: time.Now()}
		f.register("fn", a.fn)
		ended, cancel := context.WithCancel(t.Context())
		cancel()
		tests := []struct {
			name    string
			ctx     context.Context
			fn      string
			payload []byte
			want    error
		}{
			{"missing", t.Context(), "nope", nil, lambdaapi.ErrResourceNotFound},
			{"not JSON", t.Context(), "fn", []byte("x"), lambdaapi.ErrInvalidRequestContent},
			{"too large", t.Context(), "fn", make([]byte, lambdaapi.MaxAsyncPayload+1), lambdaapi.ErrRequestTooLarge},
			{"bad name", t.Context(), "", nil, lambdaapi.ErrValidation},
			{"ended context", ended, "fn", nil, context.Canceled},
		}
		for _, tt := range tests {
			if err := f.svc.InvokeAsync(tt.ctx, tt.fn, tt.payload); !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
		}
		synctest.Wait()
		if got := a.times(); len(got) != 0 {
			t.Errorf("the function ran %d times", len(got))
		}
	})
}
