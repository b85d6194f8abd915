package firehose_test

import (
	"context"
	"testing"

	"github.com/switchyard/switchyard/firehose"
)

// FuzzJQPath feeds dynamic partitioning queries and records to a delivery
// stream: a query either is refused by New or partitions every record —
// into an object under its key, or into the error output — and nothing
// panics or goes missing.
func FuzzJQPath(f *testing.F) {
	f.Add(".customer.id", []byte(`{"customer":{"id":7}}`))
	f.Add(`.["a b"][0]`, []byte(`{"a b":["x"]}`))
	f.Add(`."quoted\"name"`, []byte(`{"quoted\"name":true}`))
	f.Add(".tags[1]", []byte(`{"tags":[1,2.50]}`))
	f.Add(".a.[0]", []byte(`{"a":[null]}`))
	f.Add(".x", []byte(`not json`))
	f.Fuzz(func(t *testing.T, query string, record []byte) {
		store := &firehose.MemoryStore{}
		ds, err := firehose.New(firehose.Config{
			Name:                "fuzz",
			DynamicPartitioning: &firehose.DynamicPartitioning{Query: map[string]string{"k": query}},
			S3:                  &firehose.S3Destination{Store: store, Prefix: "k=!{partitionKeyFromQuery:k}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"},
		})
		if err != nil {
			return
		}
		if _, err := ds.Put(record); err != nil {
			t.Fatalf("Put: %v", err)
		}
		if err := ds.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		s := ds.Stats()
		if s.DeliveredRecords+s.FailedRecords != 1 || s.LostRecords != 0 || store.Len() != 1 {
			t.Fatalf("query %q on %q: stats %+v, %d objects", query, record, s, store.Len())
		}
	})
}
