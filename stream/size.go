package stream

import (
	"encoding/json"
	"fmt"
	"reflect"
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

// newSizer works out how data of type T is measured. Any type whose
// underlying type is string (type Text string) counts its length, and so
// does any slice of bytes ([]byte, json.RawMessage, type Payload []byte):
// the kind decides, not the name.
func newSizer[T any](fn any) (sizer[T], error) {
	var s sizer[T]
	switch t := reflect.TypeFor[T](); {
	case t.Kind() == reflect.String:
		s.kind = dataString
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
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

// size returns the bytes data counts toward the record size limits: what
// the sizer says, the length of a string or byte slice, or else the length
// of the JSON encoding (without HTML escaping, so <, > and & count one
// byte each), which fails for values JSON cannot hold. It may be negative
// or huge when a sizer says so; the caller clamps it.
func (s *sizer[T]) size(data *T) (int, error) {
	switch {
	case s.fn != nil:
		return s.fn(*data), nil
	case s.kind == dataBytes:
		// A slice of a byte kind has the layout of a []byte.
		return len(*(*[]byte)(unsafe.Pointer(data))), nil
	case s.kind == dataString:
		return len(*(*string)(unsafe.Pointer(data))), nil
	}
	var w countingWriter
	enc := json.NewEncoder(&w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(*data); err != nil {
		return 0, ErrInvalidArgument.Errorf("The record data cannot be encoded as JSON to be sized: %v", err)
	}
	return w.n - 1, nil // Encode ends the value with a newline
}

// countingWriter counts the bytes written to it and keeps none.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}
