package pattern

// idPool hands out dense ids, reusing freed ones, so that per-match marks
// can live in a slice.
type idPool struct {
	next int
	free []int
}

func (p *idPool) get() int {
	if n := len(p.free); n > 0 {
		id := p.free[n-1]
		p.free = p.free[:n-1]
		return id
	}
	p.next++
	return p.next - 1
}

func (p *idPool) put(id int) { p.free = append(p.free, id) }

// size is one more than the largest id handed out.
func (p *idPool) size() int { return p.next }

// markSet records which ids a match has seen. Marks are generation
// numbers, so clearing the set between matches costs nothing.
type markSet struct {
	gen   uint32
	marks []uint32
}

// mark records id and reports whether it was new.
func (m *markSet) mark(id int) bool {
	if m.marks[id] == m.gen {
		return false
	}
	m.marks[id] = m.gen
	return true
}
