package eventbus_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/switchyard/switchyard/eventbus"
)

// benchDetail makes an event of about 500 bytes with its envelope.
const benchDetail = `{"order":{"id":"o-20261125-000123","total":129.5,"currency":"EUR","items":[{"sku":"sku-1","qty":2},{"sku":"sku-7","qty":1}]},` +
	`"customer":{"id":"c-42","tier":"gold","country":"DE"},"client":{"ip":"10.1.2.3","locale":"de-DE"},"state":"placed"}`

// benchRules returns n rules of mixed operators, of which only the first
// matches the benchmark's event.
func benchRules(n int) []string {
	out := []string{`{"source":["com.example.orders"],"detail":{"state":["placed"]}}`}
	for i := 1; i < n; i++ {
		var p string
		switch i % 5 {
		case 0:
			p = fmt.Sprintf(`{"source":["com.example.s%d"]}`, i)
		case 1:
			p = fmt.Sprintf(`{"detail-type":["Order Placed"],"detail":{"customer":{"id":["c-%d"]}}}`, i)
		case 2:
			p = fmt.Sprintf(`{"source":[{"prefix":"com.example.p%d"}],"detail":{"order":{"total":[{"numeric":[">",%d]}]}}}`, i, i)
		case 3:
			p = fmt.Sprintf(`{"detail":{"client":{"ip":[{"cidr":"10.%d.0.0/16"}]},"customer":{"country":[{"anything-but":["DE"]}]}}}`, i%256)
		case 4:
			p = fmt.Sprintf(`{"detail":{"order":{"id":[{"wildcard":"o-*-%06d"}]}}}`, i)
		}
		out = append(out, p)
	}
	return out
}

// BenchmarkPutEvents puts one ~500-byte event per op on a bus of 300
// rules (EventBridge's quota per bus), one of which matches and sends it
// to a function, beside a buffered channel carrying the same bytes to a
// consumer goroutine.
func BenchmarkPutEvents(b *testing.B) {
	entry := eventbus.Entry{Source: "com.example.orders", DetailType: "Order Placed", Detail: benchDetail}
	b.Run("baseline=channel", func(b *testing.B) {
		ch := make(chan []byte, 1024)
		done := make(chan int)
		go func() {
			n := 0
			for range ch {
				n++
			}
			done <- n
		}()
		b.ReportAllocs()
		for range b.N {
			ch <- []byte(entry.Detail)
		}
		close(ch)
		if n := <-done; n != b.N {
			b.Fatalf("consumer got %d of %d", n, b.N)
		}
	})
	b.Run("bus", func(b *testing.B) {
		bus, err := eventbus.New(eventbus.Config{})
		if err != nil {
			b.Fatal(err)
		}
		var got atomic.Int64
		for i, p := range benchRules(300) {
			name := fmt.Sprintf("r%d", i)
			if _, err := bus.PutRule(eventbus.RuleConfig{Name: name, EventPattern: p}); err != nil {
				b.Fatalf("rule %d %s: %v", i, p, err)
			}
			if err := bus.PutTargets(name, eventbus.Target{ID: "t", Destination: eventbus.Func(func(context.Context, eventbus.Delivery) error {
				got.Add(1)
				return nil
			})}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		for range b.N {
			if _, err := bus.PutEvents(entry); err != nil {
				b.Fatal(err)
			}
		}
		if err := bus.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if got.Load() != int64(b.N) {
			b.Fatalf("%d deliveries of %d events", got.Load(), b.N)
		}
		bus.Close(context.Background())
	})
}
