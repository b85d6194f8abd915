package eventsapi

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
)

// timestamp is a time in the JSON protocols: seconds since the epoch, a
// JSON number that may have a fraction. The zero value is an absent time.
type timestamp struct{ time.Time }

// Years a timestamp may name; AWS's own parser refuses the rest.
var (
	minTimestamp = float64(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
	maxTimestamp = float64(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix())
)

// UnmarshalJSON reads epoch seconds. A value of another JSON type, or a
// time outside years 1 to 9999, is a type error, which the decoder
// reports with the member's name.
func (t *timestamp) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || v < minTimestamp || v > maxTimestamp {
		return &json.UnmarshalTypeError{Value: jsonKind(b), Type: reflect.TypeFor[timestamp]()}
	}
	sec, frac := math.Modf(v)
	t.Time = time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC()
	return nil
}

// MarshalJSON writes epoch seconds, to the millisecond, as AWS does.
func (t timestamp) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(t.UnixMilli())/1e3, 'f', -1, 64), nil
}

// timeOut is a time to reply with, nil (left out) when it is zero.
func timeOut(t time.Time) *timestamp {
	if t.IsZero() {
		return nil
	}
	return &timestamp{t}
}

// jsonKind names the JSON type of a value, as a type error reports it.
func jsonKind(b []byte) string {
	if len(b) == 0 {
		return "value"
	}
	switch b[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number"
}
