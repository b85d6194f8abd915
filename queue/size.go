package queue

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
	"unsafe"

	"github.com/switchyard/switchyard/internal/attr"
)

// bodyKind says how the engine sees a body of type T.
type bodyKind uint8

const (
	bodyOther  bodyKind = iota // sized by a sizer or by its JSON encoding
	bodyString                 // sized and checked as SQS's string body
	bodyBytes                  // sized by its length
)

// bodyCodec measures and checks bodies of type T without reflection on the
// hot path: the kind is found once, when the queue is made.
type bodyCodec[T any] struct {
	kind  bodyKind
	sizer func(T) int
}

func newBodyCodec[T any](sizer any) (bodyCodec[T], error) {
	var c bodyCodec[T]
	switch any(*new(T)).(type) {
	case string:
		c.kind = bodyString
	case []byte:
		c.kind = bodyBytes
	}
	if sizer != nil {
		f, ok := sizer.(func(T) int)
		if !ok {
			return c, fmt.Errorf("queue: sizer is a %T, not a func(%T) int", sizer, *new(T))
		}
		c.sizer = f
	}
	return c, nil
}

// measure returns the bytes body counts toward the message size limit
// and, when content is set, the bytes content-based deduplication hashes.
// Strings and byte slices are measured as they are; other bodies by their
// JSON encoding, made once, which fails for values JSON cannot hold.
func (c *bodyCodec[T]) measure(body *T, content bool) (size int, data []byte, err error) {
	switch {
	case c.kind == bodyString:
		s := *(*string)(unsafe.Pointer(body))
		size, data = len(s), unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	case c.kind == bodyBytes:
		data = *(*[]byte)(unsafe.Pointer(body))
		size = len(data)
	case c.sizer != nil && !content:
	default:
		if data, err = json.Marshal(*body); err != nil {
			return 0, nil, ErrInvalidMessageContents.Errorf("The message body cannot be encoded as JSON to be sized: %v", err)
		}
		size = len(data)
	}
	if c.sizer != nil {
		size = c.sizer(*body)
	}
	return size, data, nil
}

// check returns the error SQS gives for an empty body or one with
// characters it does not allow. Only string and []byte bodies can be empty or
// hold such characters.
func (c *bodyCodec[T]) check(body *T, size int) error {
	if c.kind == bodyOther {
		return nil
	}
	if size == 0 {
		return ErrMissingParameter.WithMessage("The request must contain the parameter MessageBody.")
	}
	if c.kind == bodyString {
		s := *(*string)(unsafe.Pointer(body))
		if !isPlainASCII(s) {
			return attr.CheckBody(s)
		}
	}
	return nil
}

// isPlainASCII is the fast path of body checking: printable ASCII plus tab,
// newline and carriage return are always allowed. It looks at eight bytes
// at a time: a word none of whose bytes is below 0x20 or above 0x7f is
// plain, and only a word with one of those (a tab or a newline, usually)
// is looked at byte by byte.
func isPlainASCII(s string) bool {
	const (
		spaces = 0x2020202020202020
		highs  = 0x8080808080808080
	)
	for len(s) >= 8 {
		_ = s[7]
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		// A byte below 0x20 borrows into its top bit when 0x20 is taken
		// from it; a byte above 0x7f has its top bit already. A borrow can
		// also flag a plain byte next to such a one, which the byte check
		// then clears.
		if (w|(w-spaces))&highs != 0 && !plainBytes(s[:8]) {
			return false
		}
		s = s[8:]
	}
	return plainBytes(s)
}

func plainBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= utf8.RuneSelf || b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	return true
}
