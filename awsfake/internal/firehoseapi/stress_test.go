package firehoseapi_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

// TestPutsDuringUpdates puts records from several goroutines while the
// destination is updated again and again: no put fails, and every record
// is delivered exactly once, before or after each update.
func TestPutsDuringUpdates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		f.createS3("ds", map[string]any{"BufferingHints": map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 60}})
		const producers, perProducer, updates = 4, 50, 10
		var wg sync.WaitGroup
		for p := range producers {
			wg.Go(func() {
				for i := range perProducer {
					r := f.call("PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": []byte(fmt.Sprintf("p%d-%d\n", p, i))}})
					if r.status != 200 {
						t.Errorf("PutRecord during updates: %d %s", r.status, r.body)
						return
					}
				}
			})
		}
		wg.Go(func() {
			for v := 1; v <= updates; v++ {
				r := f.call("UpdateDestination", map[string]any{"DeliveryStreamName": "ds", "CurrentDeliveryStreamVersionId": fmt.Sprint(v),
					"DestinationId": "destinationId-000000000001", "ExtendedS3DestinationUpdate": map[string]any{"Prefix": fmt.Sprintf("v%d/", v+1)}})
				if r.status != 200 {
					t.Errorf("UpdateDestination %d: %d %s", v, r.status, r.body)
					return
				}
			}
		})
		wg.Wait()
		f.flush("ds")
		seen := map[string]int{}
		for _, body := range f.objects("bucket/") {
			for _, line := range strings.Fields(body) {
				seen[line]++
			}
		}
		for p := range producers {
			for i := range perProducer {
				if n := seen[fmt.Sprintf("p%d-%d", p, i)]; n != 1 {
					t.Errorf("record p%d-%d delivered %d times", p, i, n)
				}
			}
		}
		if len(seen) != producers*perProducer {
			t.Errorf("%d distinct records delivered, want %d", len(seen), producers*perProducer)
		}
	})
}
