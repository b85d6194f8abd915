package pattern

import (
	"strconv"
	"unsafe"
)

// kind is a JSON value's type, as matching tells them apart.
type kind uint8

const (
	kindString kind = iota + 1
	kindNumber
	kindTrue
	kindFalse
	kindNull
)

// value is one leaf value of a message: a string (unescaped), a number, or
// a literal.
type value struct {
	kind kind
	str  string
	num  float64
}

// numberValue reads a JSON number; ok is false for text that is not one.
// A number beyond the doubles reads as an infinity, as Java's parser
// (and so AWS's matcher) reads it.
func numberValue(s string) (value, bool) {
	n, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeError(err) {
		return value{}, false
	}
	return value{kind: kindNumber, num: n}, true
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// bytesString views b as a string without copying. Matching only reads the
// strings it makes this way, and none outlives the match that made it, so
// the body is never seen to change under them.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// stringBytes views s as bytes without copying, for the scanner, which
// only reads its input.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
