package queue

import (
	"strings"
	"testing"
)

// The word-at-a-time body check answers as the byte-by-byte one for every
// byte value at every position of a word and its tail, and for pairs of
// neighbouring bytes, where a borrow from one byte could flag the next.
func TestIsPlainASCIIAgreesWithBytes(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := isPlainASCII(s), plainBytes(s); got != want {
			t.Fatalf("isPlainASCII(%q) = %v, byte by byte %v", s, got, want)
		}
	}
	for n := range 20 {
		base := []byte(strings.Repeat("a", n))
		check(string(base))
		for i := range n {
			for b := range 256 {
				s := append([]byte(nil), base...)
				s[i] = byte(b)
				check(string(s))
			}
		}
	}
	edges := []byte{0x00, '\t', '\n', '\r', 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xc3, 0xff}
	for i := range 15 {
		for _, a := range edges {
			for _, b := range edges {
				s := []byte(strings.Repeat(" ", 16))
				s[i], s[i+1] = a, b
				check(string(s))
			}
		}
	}
}
