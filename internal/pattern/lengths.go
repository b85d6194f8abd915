package pattern

import "slices"

// lengthSet is the distinct lengths of a field's prefix anchors, in
// ascending order, each counted so that it can be removed with its last
// prefix.
type lengthSet struct {
	lengths []int
	counts  []int
}

// edit adds one prefix of length n, or with add false removes one.
func (s *lengthSet) edit(n int, add bool) {
	i, found := slices.BinarySearch(s.lengths, n)
	switch {
	case add && found:
		s.counts[i]++
	case add:
		s.lengths = slices.Insert(s.lengths, i, n)
		s.counts = slices.Insert(s.counts, i, 1)
	case found:
		if s.counts[i]--; s.counts[i] == 0 {
			s.lengths = slices.Delete(s.lengths, i, i+1)
			s.counts = slices.Delete(s.counts, i, i+1)
		}
	}
}

// upTo returns the lengths no longer than n.
func (s *lengthSet) upTo(n int) []int {
	i, found := slices.BinarySearch(s.lengths, n)
	if found {
		i++
	}
	return s.lengths[:i]
}
