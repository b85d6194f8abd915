package schedule

import "math/bits"

// valueSet is a set of the values of one cron field. It holds them as bits
// counted from the field's lowest value, so that the 230 years 1970-2199
// fit in the same 256 bits as the 60 minutes.
type valueSet struct {
	low  int
	bits [4]uint64
}

// add puts v into the set.
func (s *valueSet) add(v int) {
	i := v - s.low
	s.bits[i/64] |= 1 << (i % 64)
}

// addRange adds every step-th value from from to to. A range whose end is
// below its start wraps past the field's last value to its first, as in
// Quartz: in Hours, 22-2 is 22, 23, 0, 1, 2. span is the number of values
// in the field.
func (s *valueSet) addRange(from, to, step, span int) {
	if to < from {
		to += span
	}
	for v := from; v <= to; v += step {
		s.add(s.low + (v-s.low)%span)
	}
}

// has reports whether v is in the set.
func (s *valueSet) has(v int) bool {
	i := v - s.low
	if i < 0 || i >= 64*len(s.bits) {
		return false
	}
	return s.bits[i/64]&(1<<(i%64)) != 0
}

// next returns the smallest value in the set that is not below v, or false
// if there is none.
func (s *valueSet) next(v int) (int, bool) {
	i := max(v-s.low, 0)
	for w := i / 64; w < len(s.bits); w++ {
		word := s.bits[w]
		if w == i/64 {
			word &= ^uint64(0) << (i % 64)
		}
		if word != 0 {
			return s.low + 64*w + bits.TrailingZeros64(word), true
		}
	}
	return 0, false
}
