package firehose_test

import (
	"context"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/firehose"
)

// recorder is a Destination that keeps what it is given, and can be told
// to fail.
type recorder struct {
	mu      sync.Mutex
	batches [][]byte // each delivered batch's data
	records [][]firehose.Record
	calls   int
	fail    func(attempt int) error
}

func (r *recorder) Deliver(_ context.Context, b *firehose.Batch) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.fail != nil {
		if err := r.fail(b.Attempt); err != nil {
			return err
		}
	}
	r.batches = append(r.batches, append([]byte(nil), b.Data()...))
	recs := make([]firehose.Record, len(b.Records))
	for i, rec := range b.Records {
		rec.Data = append([]byte(nil), rec.Data...)
		recs[i] = rec
	}
	r.records = append(r.records, recs)
	return nil
}

// callCount returns how often Deliver was called.
func (r *recorder) callCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

// delivered returns the data of each batch delivered so far.
func (r *recorder) delivered() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.batches))
	for i, b := range r.batches {
		out[i] = string(b)
	}
	return out
}

// newStream makes a delivery stream and closes it when the test ends.
func newStream(t *testing.T, cfg firehose.Config, opts ...firehose.Option) *firehose.DeliveryStream {
	t.Helper()
	ds, err := firehose.New(cfg, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { ds.Close(context.Background()) })
	return ds
}

func hints(sizeMB, seconds int) *firehose.BufferingHints {
	return &firehose.BufferingHints{SizeInMBs: sizeMB, IntervalInSeconds: seconds}
}
