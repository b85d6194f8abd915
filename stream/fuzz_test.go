package stream_test

import (
	"errors"
	"math/big"
	"regexp"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// fuzzStream returns a stream with a few records in shard 0, a valid
// iterator and a valid sequence number for it.
func fuzzStream(f *testing.F) (*stream.Stream[string], string, string) {
	s, _ := newStream(f, 2)
	var seq string
	for i := 0; seq == ""; i++ {
		if r := mustPut(f, s, string(rune('a'+i%26))+"-key", "v"); r.ShardID == shard0 {
			seq = r.SequenceNumber.String()
		}
	}
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		f.Fatal(err)
	}
	return s, it, seq
}

// FuzzGetRecords: any text as a shard iterator, with any limit, either
// reads (no more than the limit, with a next iterator that reads too) or
// fails with ValidationException, InvalidArgumentException or
// ExpiredIteratorException. Nothing panics.
func FuzzGetRecords(f *testing.F) {
	s, it, _ := fuzzStream(f)
	f.Add(it, 0)
	f.Add(it, 1)
	f.Add(it[:len(it)-1]+"A", 10)
	f.Fuzz(func(t *testing.T, iterator string, limit int) {
		out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: iterator, Limit: limit})
		if err != nil {
			if !errors.Is(err, stream.ErrValidation) && !errors.Is(err, stream.ErrInvalidArgument) && !errors.Is(err, stream.ErrExpiredIterator) {
				t.Fatalf("GetRecords(%q, %d) = %v", iterator, limit, err)
			}
			return
		}
		if limit > 0 && len(out.Records) > limit {
			t.Fatalf("GetRecords(%q, %d) returned %d records", iterator, limit, len(out.Records))
		}
		if _, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator}); err != nil {
			t.Fatalf("the next iterator of %q fails: %v", iterator, err)
		}
	})
}

// FuzzStartingSequenceNumber: any text as a starting sequence number
// either positions an iterator, and then parses back to itself, or fails
// with ValidationException (not the model's pattern) or
// InvalidArgumentException. Nothing panics.
func FuzzStartingSequenceNumber(f *testing.F) {
	s, _, seq := fuzzStream(f)
	f.Add(seq, true)
	f.Add(seq, false)
	pattern := regexp.MustCompile(`^(0|[1-9]\d{0,128})$`)
	f.Fuzz(func(t *testing.T, text string, after bool) {
		typ := stream.AtSequenceNumber
		if after {
			typ = stream.AfterSequenceNumber
		}
		it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: typ, StartingSequenceNumber: text})
		n, perr := stream.ParseSequenceNumber(text)
		if text == "" { // absent, which these types do not allow
			if !errors.Is(err, stream.ErrInvalidArgument) || !errors.Is(perr, stream.ErrValidation) {
				t.Fatalf("no number: GetShardIterator %v, ParseSequenceNumber %v", err, perr)
			}
			return
		}
		if !pattern.MatchString(text) {
			if !errors.Is(err, stream.ErrValidation) || !errors.Is(perr, stream.ErrValidation) {
				t.Fatalf("%q does not match the pattern: GetShardIterator %v, ParseSequenceNumber %v", text, err, perr)
			}
			return
		}
		if perr != nil {
			if !errors.Is(perr, stream.ErrInvalidArgument) || !errors.Is(err, stream.ErrInvalidArgument) {
				t.Fatalf("%q: ParseSequenceNumber %v, GetShardIterator %v", text, perr, err)
			}
			return
		}
		if n.String() != text {
			t.Fatalf("ParseSequenceNumber(%q).String() = %q", text, n)
		}
		if v, _ := new(big.Int).SetString(text, 10); v.BitLen() > 188 {
			t.Fatalf("%q parsed though it has %d bits", text, v.BitLen())
		}
		if err != nil {
			if !errors.Is(err, stream.ErrInvalidArgument) {
				t.Fatalf("GetShardIterator(%q) = %v", text, err)
			}
			return
		}
		if _, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it}); err != nil {
			t.Fatalf("an iterator at %q fails: %v", text, err)
		}
	})
}

// FuzzParseHashKey: ParseHashKey accepts exactly the decimal numbers of
// AWS's pattern up to 2^128−1, as math/big reads them.
func FuzzParseHashKey(f *testing.F) {
	for _, s := range []string{"0", "1", "340282366920938463463374607431768211455", "340282366920938463463374607431768211456", "01", "-1", ""} {
		f.Add(s)
	}
	max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
	pattern := regexp.MustCompile(`^(0|[1-9]\d{0,38})$`)
	f.Fuzz(func(t *testing.T, s string) {
		k, ok := stream.ParseHashKey(s)
		v, isNum := new(big.Int).SetString(s, 10)
		want := pattern.MatchString(s) && isNum && v.Cmp(max) <= 0
		if ok != want {
			t.Fatalf("ParseHashKey(%q) ok = %v, want %v", s, ok, want)
		}
		if ok && k.String() != s {
			t.Fatalf("ParseHashKey(%q).String() = %s", s, k)
		}
	})
}
