package topic

import (
	"slices"
	"unsafe"
)

// refilterLocked files s's current filter policy: in the policy index, or
// in the list of subscriptions that take every message. The caller holds
// t.mu for writing.
func (t *Topic[T]) refilterLocked(s *Subscription[T]) {
	t.unfileLocked(s)
	if p := s.state.Load().policy; p != nil {
		t.policies.Set(s, p)
	} else {
		t.unfiltered = append(t.unfiltered, s)
	}
}

// unfileLocked removes s from the index and the unfiltered list. The
// caller holds t.mu for writing.
func (t *Topic[T]) unfileLocked(s *Subscription[T]) {
	t.policies.Delete(s)
	t.unfiltered = slices.DeleteFunc(t.unfiltered, func(u *Subscription[T]) bool { return u == s })
}

// matchLocked appends to dst the subscriptions n goes to: every one
// without a filter policy, then those whose policy it matches. The caller
// holds t.mu for reading.
func (t *Topic[T]) matchLocked(dst []*Subscription[T], n *notification[T]) []*Subscription[T] {
	dst = append(dst, t.unfiltered...)
	if t.policies.Len() > 0 {
		body := n.filterBody()
		// The matcher only reads the body, so it can see the string's bytes.
		dst = t.policies.AppendMatches(dst, n.attrs, unsafe.Slice(unsafe.StringData(body), len(body)))
	}
	return dst
}
