package sfnapi

import (
	"strconv"
	"time"
)

// timestamp is a time as the JSON protocols write it: epoch seconds, with
// the milliseconds as a fraction. The zero time is left out of replies
// (tag members `json:",omitzero"`).
type timestamp time.Time

// MarshalJSON writes epoch seconds.
func (t timestamp) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

// IsZero reports whether the time is unset.
func (t timestamp) IsZero() bool { return time.Time(t).IsZero() }
