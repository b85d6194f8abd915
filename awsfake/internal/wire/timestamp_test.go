package wire

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimestampIsEpochSecondsToTheMillisecond(t *testing.T) {
	at := time.Date(2023, 11, 14, 22, 13, 20, 123_456_789, time.UTC)
	b, err := json.Marshal(Timestamp(at))
	if err != nil || string(b) != "1700000000.123" {
		t.Fatalf("Marshal = %s, %v; want 1700000000.123", b, err)
	}
	for _, tt := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"1700000000.123", at.Truncate(time.Millisecond), true},
		{"1700000000.1235", at.Truncate(time.Millisecond).Add(time.Millisecond), true},
		{"0", time.Unix(0, 0).UTC(), true},
		{`"1700000000"`, time.Time{}, false},
		{"1e300", time.Time{}, false},
		{"-1e300", time.Time{}, false},
	} {
		var got Timestamp
		err := json.Unmarshal([]byte(tt.in), &got)
		if (err == nil) != tt.ok || (tt.ok && !time.Time(got).Equal(tt.want)) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v (ok %v)", tt.in, time.Time(got), err, tt.want, tt.ok)
		}
	}
}
