package stepfn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/switchyard/switchyard/stepfn"
)

// passChain returns a definition of n Pass states in a row.
func passChain(n int) string {
	var b strings.Builder
	b.WriteString(`{"StartAt":"S0","States":{`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		if i == n-1 {
			fmt.Fprintf(&b, `"S%d":{"Type":"Pass","End":true}`, i)
		} else {
			fmt.Fprintf(&b, `"S%d":{"Type":"Pass","Next":"S%d"}`, i, i+1)
		}
	}
	b.WriteString("}}")
	return b.String()
}

// BenchmarkPassChain runs a chain of 1,000 Pass states, history on; the
// figure is per transition. The baseline does the least an engine must:
// call a function per state and append two events to a mutex-guarded
// slice.
func BenchmarkPassChain(b *testing.B) {
	const n = 1000
	b.Run("baseline=mutex-slice", func(b *testing.B) {
		type ev struct {
			typ   string
			state int
			v     any
		}
		var mu sync.Mutex
		step := func(v any) any { return v }
		b.ReportAllocs()
		for b.Loop() {
			var events []ev
			var v any = map[string]any{"a": json.Number("1")}
			for i := range n {
				mu.Lock()
				events = append(events, ev{"PassStateEntered", i, v})
				mu.Unlock()
				v = step(v)
				mu.Lock()
				events = append(events, ev{"PassStateExited", i, v})
				mu.Unlock()
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/transition")
	})
	b.Run("stepfn", func(b *testing.B) {
		sm, err := stepfn.New(stepfn.Config{Name: "chain", Definition: passChain(n)})
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			e, err := sm.Start(ctx, stepfn.StartInput{Input: `{"a":1}`})
			if err != nil {
				b.Fatal(err)
			}
			if d, _ := e.Wait(ctx); d.Status != stepfn.Succeeded {
				b.Fatal(d.Status)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/transition")
	})
}

// BenchmarkMap runs a Map over 10,000 items with a trivial task and
// MaxConcurrency 0; the figure is per Map. The machine is Express: a
// Standard execution's history holds 25,000 events, which an inline Map
// over 10,000 tasks outgrows on AWS as here. The baseline runs the same
// task function 10,000 times from 40 goroutines with errgroup.
func BenchmarkMap(b *testing.B) {
	const n = 10000
	items := make([]int, n)
	input, _ := json.Marshal(items)
	task := func(_ context.Context, in json.RawMessage) (json.RawMessage, error) { return in, nil }
	b.Run("baseline=errgroup", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := make([]json.RawMessage, n)
			var g errgroup.Group
			g.SetLimit(40)
			for i := range n {
				g.Go(func() error {
					r, err := task(context.Background(), json.RawMessage(`0`))
					out[i] = r
					return err
				})
			}
			if err := g.Wait(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stepfn", func(b *testing.B) {
		def := `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":0,"End":true,
			"ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","End":true}}}}}}`
		sm, err := stepfn.New(stepfn.Config{Name: "map", Definition: def, Type: stepfn.Express},
			stepfn.WithHandler(fn, stepfn.HandlerFunc(func(ctx context.Context, t stepfn.Task) (json.RawMessage, error) { return task(ctx, t.Input) })))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			e, err := sm.Start(ctx, stepfn.StartInput{Input: string(input)})
			if err != nil {
				b.Fatal(err)
			}
			if d, _ := e.Wait(ctx); d.Status != stepfn.Succeeded {
				b.Fatal(d.Status, d.Error, d.Cause)
			}
		}
	})
}
