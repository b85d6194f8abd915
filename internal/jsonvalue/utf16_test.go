package jsonvalue

import (
	"slices"
	"testing"
	"unicode/utf16"
)

// javaCompare is Java's String.compareTo restated: convert both strings to
// UTF-16 (bytes that are not UTF-8 become U+FFFD, as []rune makes them) and
// compare the code units, then the lengths.
func javaCompare(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

func TestCompareUTF16(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"a", "b", -1}, {"b", "a", 1}, {"a", "a", 0}, {"a", "ab", -1}, {"", "a", -1}, {"", "", 0},
		{"Z", "a", -1}, {"é", "z", 1}, {"abc", "ab", 1},
		{"😀", "😁", -1}, {"\U0001F600", "\U00010000", 1},
		// U+E000–U+FFFF come after the surrogates D800–DFFF in UTF-16,
		// though before U+10000 and up in code point (and UTF-8) order.
		{"\uffff", "😀", 1},
		{"\U0001F600", "\uFF01", -1},
		{"\uE000", "\U00010000", 1},
		{"\U0010FFFF", "\uE000", -1},
		{"a\U0001F600", "a\uFF01", -1},
		{"\uD7FF", "\U00010000", -1}, // below the surrogates: code point order holds
		// Bytes that are not UTF-8 count as U+FFFD, one each.
		{"\xff", "\uFFFD", 0},
		{"\xff\xfe", "\uFFFD", 1},
		{"\xff", "\U0001F600", 1},
		{"a\xff", "a\uE000", 1},
	}
	for _, tt := range tests {
		if got := CompareUTF16(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareUTF16(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := CompareUTF16(tt.b, tt.a); got != -tt.want {
			t.Errorf("CompareUTF16(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
		if got := javaCompare(tt.a, tt.b); got != tt.want {
			t.Errorf("reference javaCompare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCompareUTF16Pairs checks every pair of a set of strings against the
// reference.
func TestCompareUTF16Pairs(t *testing.T) {
	t.Parallel()
	strs := []string{"", "a", "A", "ab", "abc", "b", "é", "\uE000", "\uFF01", "\uFFFD", "\uFFFF", "\U0001F600", "\U0001F601", "\U00010000", "\U0010FFFF", "a\U0001F600", "a\uFF01", "\x00", "日本", "\xff", "\xed\xa0\x80"}
	for _, a := range strs {
		for _, b := range strs {
			if got, want := CompareUTF16(a, b), javaCompare(a, b); got != want {
				t.Errorf("CompareUTF16(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestUTF16Len(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"a😀é", 4},
		{"日本", 2},
		{"\uFFFF", 1},
		{"\U00010000\U0010FFFF", 4},
		{"\xff", 1},         // not UTF-8: one U+FFFD
		{"\xed\xa0\x80", 3}, // an encoded surrogate is three bad bytes
		{"a\xffb\U0001F600", 5},
	}
	for _, tt := range tests {
		if got := UTF16Len(tt.s); got != tt.want {
			t.Errorf("UTF16Len(%q) = %d, want %d", tt.s, got, tt.want)
		}
		if got := len(utf16.Encode([]rune(tt.s))); got != tt.want {
			t.Errorf("reference length of %q = %d, want %d", tt.s, got, tt.want)
		}
	}
}
