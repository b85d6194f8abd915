package stream_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// Named types whose kind is a byte slice or a string.
type (
	payload []byte
	text    string
)

// tooLarge is the message for a record over the default 1 MiB limit.
const tooLarge = "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"

// putSized puts data with partition key "k" into a new stream of T and
// returns the error.
func putSized[T any](t *testing.T, data T, opts ...stream.Option) error {
	t.Helper()
	s := mustNew[T](t, stream.Config{Name: "s", ShardCount: 1}, opts...)
	_, err := s.Put(stream.PutInput[T]{PartitionKey: "k", Data: data})
	return err
}

// TestNamedBytesAndStringsCountTheirLength checks that data whose type is
// a named byte slice or string counts its length, as []byte and string
// do, and not the length of its JSON encoding (base64 for bytes, quoted
// and escaped for strings, compacted for json.RawMessage).
func TestNamedBytesAndStringsCountTheirLength(t *testing.T) {
	const limit = 1 << 20 // with the 1-byte key, limit-1 bytes of data fit
	fits := strings.Repeat("<", limit-1)
	over := strings.Repeat("<", limit)
	rawFits := "[" + strings.Repeat(" ", limit-3) + "]" // compacts to "[]"
	rawOver := "[" + strings.Repeat(" ", limit-2) + "]"
	if err := putSized(t, payload(fits)); err != nil {
		t.Errorf("payload of %d bytes: %v", len(fits), err)
	}
	wantErr(t, putSized(t, payload(over)), stream.ErrValidation, tooLarge)
	if err := putSized(t, text(fits)); err != nil {
		t.Errorf("text of %d bytes: %v", len(fits), err)
	}
	wantErr(t, putSized(t, text(over)), stream.ErrValidation, tooLarge)
	if err := putSized(t, json.RawMessage(rawFits)); err != nil {
		t.Errorf("raw message of %d bytes: %v", len(rawFits), err)
	}
	wantErr(t, putSized(t, json.RawMessage(rawOver)), stream.ErrValidation, tooLarge)
	// Counted as bytes, a raw message need not be valid JSON.
	if err := putSized(t, json.RawMessage("not JSON")); err != nil {
		t.Errorf("raw message that is not JSON: %v", err)
	}
}

// TestJSONSizingDoesNotEscapeHTML checks that other data counts the
// length of its JSON encoding without HTML escaping: a < counts one byte,
// not the six of \u003c.
func TestJSONSizingDoesNotEscapeHTML(t *testing.T) {
	type note struct{ S string }
	const frame = len(`{"S":""}`)
	fits := note{strings.Repeat("<", 1<<20-1-frame)}
	if err := putSized(t, fits); err != nil {
		t.Errorf("a note whose JSON is 1 MiB less the key: %v", err)
	}
	over := note{fits.S + "&"}
	wantErr(t, putSized(t, over), stream.ErrValidation, tooLarge)
}

// TestSizerOutOfRange checks that a sizer's size is clamped: a huge one
// makes the record too large (it used to overflow and store the record
// with a corrupt size and arrival time), and a negative one counts as
// zero.
func TestSizerOutOfRange(t *testing.T) {
	for _, size := range []int{math.MaxInt, math.MaxInt - 1, 1 << 62} {
		opt := stream.WithSizer(func(string) int { return size })
		wantErr(t, putSized(t, "d", opt), stream.ErrValidation, tooLarge)
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1}, opt)
		_, err := s.PutBatch([]stream.PutEntry[string]{{PartitionKey: "k", Data: "d"}, {PartitionKey: "k", Data: "d"}})
		wantErr(t, err, stream.ErrValidation, "2 validation errors detected: "+
			"Value at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576; "+
			"Value at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
		if n := stored(t, s); n != 0 {
			t.Fatalf("size %d: %d records stored", size, n)
		}
	}
	// A negative size counts as zero: with a 1-byte request limit, only the
	// 1-byte partition key counts.
	s, _ := newStream(t, 1, stream.WithSizer(func(string) int { return math.MinInt }), stream.WithPutBatchLimits(500, 1))
	if _, err := s.PutBatch([]stream.PutEntry[string]{{PartitionKey: "k", Data: "data"}}); err != nil {
		t.Fatalf("a record sized negative: %v", err)
	}
	recs := readAll(t, s, shard0)
	if len(recs) != 1 || recs[0].Data != "data" || !recs[0].ApproximateArrivalTimestamp.Equal(epoch) {
		t.Fatalf("read %+v", recs)
	}
}

// TestSizingErrorAfterValidation checks that data JSON cannot size is
// reported after the model's violations, as AWS reports a
// ValidationException before the service's own checks.
func TestSizingErrorAfterValidation(t *testing.T) {
	s := mustNew[chan int](t, stream.Config{Name: "s", ShardCount: 1})
	_, err := s.Put(stream.PutInput[chan int]{Data: make(chan int)})
	wantErr(t, err, stream.ErrValidation,
		"1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1")
	_, err = s.Put(stream.PutInput[chan int]{PartitionKey: "k", Data: make(chan int), SequenceNumberForOrdering: "x"})
	wantErr(t, err, stream.ErrValidation, `1 validation error detected: Value 'x' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,128})`)
	_, err = s.PutBatch([]stream.PutEntry[chan int]{{PartitionKey: "k", Data: make(chan int)}, {Data: make(chan int)}})
	wantErr(t, err, stream.ErrValidation,
		"1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1")
	// Alone, the sizing error is reported.
	_, err = s.PutBatch([]stream.PutEntry[chan int]{{PartitionKey: "k", Data: make(chan int)}})
	wantErr(t, err, stream.ErrInvalidArgument, "The record data cannot be encoded as JSON to be sized: …")
}

// TestRequestSizeMessage checks the PutRecords size message for request
// limits that are not a whole number of MiB.
func TestRequestSizeMessage(t *testing.T) {
	for _, c := range []struct {
		limit int
		want  string
	}{
		{stream.LegacyPutBatchBytes, "Records size exceeds 5 MB limit"},
		{1536 << 10, "Records size exceeds 1536 KB limit"},
		{1000, "Records size exceeds 1000 bytes limit"},
	} {
		s, _ := newStream(t, 1, stream.WithPutBatchLimits(500, c.limit))
		entries := make([]stream.PutEntry[string], c.limit>>20+1) // each 1 MiB with its key
		for i := range entries {
			entries[i] = stream.PutEntry[string]{PartitionKey: "k", Data: strings.Repeat("x", 1<<20-1)}
		}
		_, err := s.PutBatch(entries)
		wantErr(t, err, stream.ErrInvalidArgument, c.want)
	}
}
