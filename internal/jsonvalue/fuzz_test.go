package jsonvalue

import (
	"testing"
	"unicode/utf16"
)

// FuzzCompareUTF16 checks CompareUTF16 against javaCompare, and UTF16Len
// against the length of the UTF-16 encoding.
func FuzzCompareUTF16(f *testing.F) {
	f.Add("\U0001F600", "\uFF01")
	f.Add("abc", "ab")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := CompareUTF16(a, b), javaCompare(a, b); got != want {
			t.Fatalf("CompareUTF16(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got, want := UTF16Len(a), len(utf16.Encode([]rune(a))); got != want {
			t.Fatalf("UTF16Len(%q) = %d, want %d", a, got, want)
		}
	})
}
