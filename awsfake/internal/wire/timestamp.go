package wire

import (
	"errors"
	"math"
	"strconv"
	"time"
)

// Timestamp is a time as the JSON protocols write it: seconds since the
// Unix epoch, with the milliseconds as a fraction (1700000000.123).
type Timestamp time.Time

// Bounds of a timestamp in a request: years 1 to 9999, the span AWS's
// date types cover; anything beyond is not a time.
const (
	minEpochSeconds = -62135596800
	maxEpochSeconds = 253402300799
)

// errNotATimestamp is what a timestamp member that is not a number of
// epoch seconds fails with; [DecodeJSON] reports it as a
// SerializationException.
var errNotATimestamp = errors.New("not a timestamp")

// MarshalJSON writes t as epoch seconds, to the millisecond.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

// UnmarshalJSON reads epoch seconds, rounded to the millisecond.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || f < minEpochSeconds || f > maxEpochSeconds {
		return errNotATimestamp
	}
	*t = Timestamp(time.UnixMilli(int64(math.Round(f * 1000))).UTC())
	return nil
}

// IsZero reports whether t is the zero time.
func (t Timestamp) IsZero() bool { return time.Time(t).IsZero() }
