package jsonpath_test

import (
	"testing"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

const benchDoc = `{"a":{"b":[{"c":1},2,3],"x":"y"},"order":{"items":[{"sku":"s1","price":9.5},{"sku":"s2","price":20},{"sku":"s3","price":3}]}}`

// BenchmarkGet compares a definite Get with a naive baseline: the same walk
// written by hand with type assertions, the floor for any evaluator.
func BenchmarkGet(b *testing.B) {
	doc := decode(b, benchDoc)
	b.Run("definite/$.a.b[0]", func(b *testing.B) {
		p := jsonpath.MustParseForTest("$.a.b[0]")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Get(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline/hand-written", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a, _ := doc.(map[string]any)["a"].(map[string]any)
			arr, _ := a["b"].([]any)
			if len(arr) == 0 {
				b.Fatal("no element")
			}
			_ = arr[0]
		}
	})
	b.Run("miss/$.a.z", func(b *testing.B) {
		p := jsonpath.MustParseForTest("$.a.z")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Get(doc); err == nil {
				b.Fatal("found")
			}
		}
	})
	b.Run("filter/$.order.items[?(@.price<10)].sku", func(b *testing.B) {
		p := jsonpath.MustParseForTest("$.order.items[?(@.price < 10)].sku")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Get(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("scan/$..sku", func(b *testing.B) {
		p := jsonpath.MustParseForTest("$..sku")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Get(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsonpath.Parse("$.order.items[?(@.price < 10 && @.sku != 's2')].sku"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDefiniteGetDoesNotAllocate holds the benchmark's promise in the test
// run.
func TestDefiniteGetDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	doc := decode(t, benchDoc)
	p := jsonpath.MustParseForTest("$.a.b[0]")
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := p.Get(doc); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("a definite Get allocates %v times", allocs)
	}
}
