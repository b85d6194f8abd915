package uuid

import "testing"

func TestStringAndStamp(t *testing.T) {
	tests := []struct {
		hi, lo  uint64
		version byte
		want    string
	}{
		{0, 0, 4, "00000000-0000-4000-8000-000000000000"},
		{^uint64(0), ^uint64(0), 4, "ffffffff-ffff-4fff-bfff-ffffffffffff"},
		{0x0123456789abcdef, 0xfedcba9876543210, 5, "01234567-89ab-5def-bedc-ba9876543210"},
	}
	for _, tt := range tests {
		if got := String(Stamp(tt.hi, tt.lo, tt.version)); got != tt.want {
			t.Errorf("String(Stamp(%#x, %#x, %d)) = %s, want %s", tt.hi, tt.lo, tt.version, got, tt.want)
		}
	}
}
