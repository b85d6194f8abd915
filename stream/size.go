package stream

import (
	"encoding/json"
	"fmt"
	"unsafe"
)

// dataKind says how the engine measures data of type T.
type dataKind uint8

const (
	dataOther  dataKind = iota // by a sizer, or by its JSON encoding
	dataString                 // by its length
	dataBytes                  // by its length
)

// sizer measures record data of type T without reflection on the hot
// path: the kind is found once, when the stream is made.
type sizer[T any] struct {
	kind dataKind
	fn   func(T) int
}

func newSizer[T any](fn any) (sizer[T], error) {
	var s sizer[T]
	switch any(*new(T)).(type) {
	case string:
		s.kind = dataString
	case []byte:
		s.kind = dataBytes
	}
	if fn != nil {
		f, ok := fn.(func(T) int)
		if !ok {
			return s, fmt.Errorf("stream: sizer is a %T, not a func(%T) int", fn, *new(T))
		}
		s.fn = f
	}
	return s, nil
}

// size returns the bytes data counts toward the record size limits: the
// length of a string or []byte, what the sizer says, or else the length
// of the JSON encoding, which fails for values JSON cannot hold.
func (s *sizer[T]) size(data *T) (int, error) {
	switch {
	case s.fn != nil:
		return s.fn(*data), nil
	case s.kind == dataBytes:
		return len(*(*[]byte)(unsafe.Pointer(data))), nil
	case s.kind == dataString:
		return len(*(*string)(unsafe.Pointer(data))), nil
	}
	b, err := json.Marshal(*data)
	if err != nil {
		return 0, ErrInvalidArgument.Errorf("The record data cannot be encoded as JSON to be sized: %v", err)
	}
	return len(b), nil
}
