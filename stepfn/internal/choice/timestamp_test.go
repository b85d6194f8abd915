package choice

import (
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	valid := []string{
		"2016-03-14T01:59:00Z",
		"2012-10-09T19:00:55+01:00",
		"2012-10-09T19:00:55-00:00",
		"2012-10-09T19:00:55.5Z",
		"2012-10-09T19:00:55.00Z",        // AWS-recorded (test_wait.snapshot.json)
		"2012-10-09T19:00:55.000000Z",    // AWS-recorded
		"2012-10-09T19:00:55.0000000Z",   // AWS-recorded
		"2012-10-09T19:00:55.123456789Z", // nanoseconds
		"2000-02-29T00:00:00Z",           // leap year
		"0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999999+18:00",
		"2012-10-09T19:00:55-18:00",
	}
	for _, s := range valid {
		got, ok := parseTimestamp(s)
		if !ok {
			t.Errorf("parseTimestamp(%q) refused", s)
			continue
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err == nil && !got.Equal(want) {
			t.Errorf("parseTimestamp(%q) = %v, want %v", s, got, want)
		}
	}
	invalid := []string{
		"",
		"2012-10-09T19:00:55",        // AWS-recorded: no zone is refused
		"2012-10-09T19:00:55.000000", // AWS-recorded
		"2012-10-09t19:00:55Z",
		"2012-10-09T19:00:55z",
		"2012-10-09 19:00:55Z",
		"2012-10-09T19:00Z",
		"2012-10-09T19:00:55.Z",
		"2012-10-09T19:00:55.1234567890Z",
		"2012-10-09T19:00:60Z",
		"2012-10-09T24:00:00Z",
		"2012-10-09T19:60:00Z",
		"2012-13-09T19:00:00Z",
		"2012-00-09T19:00:00Z",
		"2012-10-00T19:00:00Z",
		"2012-04-31T19:00:00Z",
		"1900-02-29T00:00:00Z",
		"2012-10-09T19:00:55+0100",
		"2012-10-09T19:00:55+01",
		"2012-10-09T19:00:55+18:01",
		"2012-10-09T19:00:55+01:60",
		"2012-10-09T19:00:55Z ",
		" 2012-10-09T19:00:55Z",
		"2012-10-09T19:00:55ZZ",
		"+2012-10-09T19:00:55Z",
		"12012-10-09T19:00:55Z",
		"2012-1a-09T19:00:55Z",
		"2023-02-24",
		"2012-10-09T19:00:55.1a2Z",
	}
	for _, s := range invalid {
		if got, ok := parseTimestamp(s); ok {
			t.Errorf("parseTimestamp(%q) = %v, want refused", s, got)
		}
	}
}

// FuzzParseTimestamp checks parseTimestamp against time.Parse where the
// two grammars agree: whatever we accept, Go's RFC 3339 parser accepts as
// the same instant.
func FuzzParseTimestamp(f *testing.F) {
	f.Add("2012-10-09T19:00:55.123+01:00")
	f.Add("2012-10-09T19:00:55Z")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseTimestamp(s)
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("parseTimestamp(%q) accepted what time.Parse refuses: %v", s, err)
		}
		if !got.Equal(want) {
			t.Fatalf("parseTimestamp(%q) = %v, want %v", s, got, want)
		}
	})
}
