package topic

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The hand-written timestamp matches time's layout for every field width,
// and years the digits cannot hold fall back to it.
func TestAppendTimestamp(t *testing.T) {
	times := []time.Time{
		time.Date(2025, 3, 4, 5, 6, 7, 890_000_000, time.UTC),
		time.Date(2025, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(999, 10, 10, 10, 10, 10, 1_000_000, time.FixedZone("x", 5*3600+1800)),
		time.Date(9999, 1, 2, 3, 4, 5, 6, time.UTC),
		time.Date(10000, 1, 2, 3, 4, 5, 6, time.UTC),
		time.Date(-5, 1, 2, 3, 4, 5, 6, time.UTC),
		time.Unix(1700000000, 123456789).In(time.FixedZone("y", -8*3600)),
	}
	for _, tm := range times {
		want := tm.UTC().Format(timestampLayout)
		if got := string(appendTimestamp([]byte("x"), tm)); got != "x"+want {
			t.Errorf("appendTimestamp(%v) = %q, want %q", tm, got, "x"+want)
		}
	}
}

// appendJSONString escapes exactly what Jackson escapes, wherever in an
// eight-byte word the byte falls, and copies everything else, invalid
// UTF-8 included, as it is.
func TestAppendJSONString(t *testing.T) {
	escaped := func(c byte) string {
		switch c {
		case '"':
			return `\"`
		case '\\':
			return `\\`
		case '\n':
			return `\n`
		case '\r':
			return `\r`
		case '\t':
			return `\t`
		case '\b':
			return `\b`
		case '\f':
			return `\f`
		}
		if c < 0x20 {
			return fmt.Sprintf(`\u%04X`, c)
		}
		return string([]byte{c})
	}
	for n := 1; n <= 20; n++ {
		for i := range n {
			for c := range 256 {
				s := []byte(strings.Repeat("a", n))
				s[i] = byte(c)
				want := `"` + strings.Repeat("a", i) + escaped(byte(c)) + strings.Repeat("a", n-i-1) + `"`
				if got := string(appendJSONString(nil, string(s))); got != want {
					t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
	if got := string(appendJSONString([]byte("x"), "é<>&\u2028\"\x01\xff")); got != `x"é<>&`+"\u2028"+`\"\u0001`+"\xff\"" {
		t.Fatalf("got %s", got)
	}
}
