package jsonvalue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrTrailingData is wrapped by the error [Decode] returns when something
// other than whitespace follows the JSON value.
var ErrTrailingData = errors.New("unexpected data after the JSON value")

// Decode decodes one JSON value with UseNumber, so numbers keep their text
// as json.Number. It refuses anything but whitespace after the value, with
// an error wrapping [ErrTrailingData] that gives the offset reached; any
// other error is encoding/json's own.
func Decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w at offset %d", ErrTrailingData, dec.InputOffset())
	}
	return v, nil
}
