package stepfn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// TestChoice checks that the first matching rule wins, Default, and
// States.NoChoiceMatched.
func TestChoice(t *testing.T) {
	def := `{"StartAt":"C","States":{
		"C":{"Type":"Choice","Choices":[
			{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"},
			{"And":[{"Variable":"$.n","NumericGreaterThan":0},{"Variable":"$.kind","StringEquals":"x"}],"Next":"SmallX"},
			{"Variable":"$.missing","IsPresent":true,"Next":"Big"}],
			"Default":"Other"},
		"Big":{"Type":"Pass","Result":"big","End":true},
		"SmallX":{"Type":"Pass","Result":"small x","End":true},
		"Other":{"Type":"Pass","Result":"other","End":true}}}`
	for input, want := range map[string]string{
		`{"n":11}`:            `"big"`,
		`{"n":3,"kind":"x"}`:  `"small x"`,
		`{"n":3,"kind":"y"}`:  `"other"`,
		`{"n":-1,"kind":"x"}`: `"other"`,
	} {
		bubble(t, func(t *testing.T) {
			d, _ := runMachine(t, def, input)
			sameJSON(t, input, d.Output, want)
		})
	}
	bubble(t, func(t *testing.T) {
		d, _ := runMachine(t, `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"E"}]},"E":{"Type":"Succeed"}}}`, `{"n":2}`)
		if d.Status != stepfn.Failed || d.Error != "States.NoChoiceMatched" {
			t.Errorf("no rule matched: %s %s", d.Status, d.Error)
		}
	})
}

// TestWait checks the four forms of Wait in virtual time, including a
// wait of almost a year (a Standard execution may run for one year).
func TestWait(t *testing.T) {
	for _, tc := range []struct {
		fields, input string
		want          time.Duration
	}{
		{`"Seconds":31449600`, `{}`, 364 * 24 * time.Hour},
		{`"SecondsPath":"$.s"`, `{"s":90}`, 90 * time.Second},
		{`"Timestamp":"2000-01-01T00:10:00Z"`, `{}`, 10 * time.Minute},
		{`"TimestampPath":"$.at"`, `{"at":"2000-01-01T01:00:00.5+01:00"}`, 500 * time.Millisecond},
		{`"Timestamp":"1999-01-01T00:00:00Z"`, `{}`, 0},
	} {
		bubble(t, func(t *testing.T) {
			// The bubble's clock starts at 2000-01-01T00:00:00Z.
			start := time.Now()
			d, _ := runMachine(t, `{"StartAt":"W","States":{"W":{"Type":"Wait",`+tc.fields+`,"End":true}}}`, tc.input)
			if d.Status != stepfn.Succeeded {
				t.Fatalf("%s: %s %s %s", tc.fields, d.Status, d.Error, d.Cause)
			}
			if took := time.Since(start); took != tc.want {
				t.Errorf("%s waited %v, want %v", tc.fields, took, tc.want)
			}
		})
	}
}

// TestParallel checks branch order, branch variable scopes and that the
// first failing branch's error fails the state unchanged.
func TestParallel(t *testing.T) {
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"A"},"A":{"Type":"Pass","Result":"slow","End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.x","End":true}}}]}}}`
		d, _ := runMachine(t, def, `{"x":1}`)
		sameJSON(t, "output", d.Output, `["slow",1]`)
	})
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}},
			{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"FailureType","Cause":"why"}}}]}}}`
		start := time.Now()
		d, e := runMachine(t, def, `{}`)
		if d.Status != stepfn.Failed || d.Error != "FailureType" || d.Cause != "why" {
			t.Fatalf("%s %s %s, want the branch's own error", d.Status, d.Error, d.Cause)
		}
		if time.Since(start) != 0 {
			t.Errorf("the failing branch did not stop the waiting one")
		}
		if types := eventTypes(t, e); !slices.Contains(types, "ParallelStateFailed") {
			t.Errorf("history %v", types)
		}
	})
}

// TestMap checks item order, ItemSelector with $$.Map.Item, MaxConcurrency
// and tolerated failures.
func TestMap(t *testing.T) {
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","End":true,
			"ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
			"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`
		d, _ := runMachine(t, def, `{"k":"K","items":["a","b","c"]}`)
		sameJSON(t, "output", d.Output, `[{"i":0,"v":"a","k":"K"},{"i":1,"v":"b","k":"K"},{"i":2,"v":"c","k":"K"}]`)
	})
	// MaxConcurrency holds iterations to its value, and an inline Map to
	// 40 at once whatever it says (0 is unlimited), as AWS does.
	for _, tc := range []struct{ limit, items, want int }{{3, 7, 3}, {100, 100, 40}, {0, 100, 40}} {
		bubble(t, func(t *testing.T) {
			var running, most atomic.Int32
			h := stepfn.HandlerFunc(func(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(time.Second)
				running.Add(-1)
				return task.Input, nil
			})
			def := fmt.Sprintf(`{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":%d,"End":true,
				"ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}}}}`, tc.limit, fn)
			items := make([]int, tc.items)
			for i := range items {
				items[i] = i
			}
			in, _ := json.Marshal(items)
			d, _ := runMachine(t, def, string(in), stepfn.WithHandler(fn, h))
			sameJSON(t, "output", d.Output, string(in))
			if most.Load() != int32(tc.want) {
				t.Errorf("MaxConcurrency %d: at most %d iterations ran at once, want %d", tc.limit, most.Load(), tc.want)
			}
		})
	}
	for _, tc := range []struct {
		tolerance string
		ok        bool
	}{
		{``, false},
		{`"ToleratedFailureCount":2,`, true},
		{`"ToleratedFailureCount":1,`, false},
		{`"ToleratedFailurePercentage":50,`, true},
		{`"ToleratedFailurePercentage":30,`, false},
	} {
		bubble(t, func(t *testing.T) {
			def := `{"StartAt":"M","States":{"M":{"Type":"Map",` + tc.tolerance + `"End":true,
				"ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":2,"Next":"F"}],"Default":"P"},
				"F":{"Type":"Fail","Error":"Odd"},"P":{"Type":"Pass","End":true}}}}}}`
			d, _ := runMachine(t, def, `[1,2,3,4]`)
			if ok := d.Status == stepfn.Succeeded; ok != tc.ok {
				t.Errorf("%q: %s %s, want success %v", tc.tolerance, d.Status, d.Error, tc.ok)
			}
		})
	}
}
