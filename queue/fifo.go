package queue

// group is a FIFO message group: its visible and in-flight messages in
// sequence order. While any of them is in flight the group is blocked; when
// it is not blocked and holds messages it waits in the queue's ready ring,
// which serves groups in turn.
type group[T any] struct {
	id       string
	messages list
	inFlight int

	readyprev, readynext *group[T]
	ready                bool
	idle                 bool // holds nothing; counted in groups.idle
}

func (g *group[T]) receivable() bool { return g.inFlight == 0 && g.messages.len > 0 }

// ring is the FIFO queue's list of groups that can be received from, in the
// order they became ready.
type ring[T any] struct {
	head, tail *group[T]
}

func (r *ring[T]) pushBack(g *group[T]) {
	g.readyprev, g.readynext, g.ready = r.tail, nil, true
	if r.tail != nil {
		r.tail.readynext = g
	} else {
		r.head = g
	}
	r.tail = g
}

func (r *ring[T]) remove(g *group[T]) {
	if g.readyprev != nil {
		g.readyprev.readynext = g.readynext
	} else {
		r.head = g.readynext
	}
	if g.readynext != nil {
		g.readynext.readyprev = g.readyprev
	} else {
		r.tail = g.readyprev
	}
	g.readyprev, g.readynext, g.ready = nil, nil, false
}

// groups is the FIFO queue's group index. A group that empties stays in
// the index, as a group that was used is likely to be used again; once idle
// groups outnumber the others (and a floor), they are swept out together,
// so that each is forgotten at an amortised constant cost.
type groups[T any] struct {
	byID  map[string]*group[T]
	ready ring[T]
	idle  int
}

// minIdleGroups is how many idle groups are kept whatever the others.
const minIdleGroups = 1024

func (gs *groups[T]) get(id string) *group[T] {
	g := gs.byID[id]
	if g == nil {
		if gs.byID == nil {
			gs.byID = make(map[string]*group[T])
		}
		g = &group[T]{id: id, messages: newList(byQueue)}
		gs.byID[id] = g
	} else if g.idle {
		g.idle = false
		gs.idle--
	}
	return g
}

// update puts g in or out of the ready ring and keeps count of idle groups.
func (gs *groups[T]) update(g *group[T]) {
	switch {
	case g.receivable() && !g.ready:
		gs.ready.pushBack(g)
	case !g.receivable() && g.ready:
		gs.ready.remove(g)
	}
	empty := g.messages.len == 0 && g.inFlight == 0
	if !empty && g.idle {
		g.idle = false
		gs.idle--
	}
	if empty && !g.idle {
		g.idle = true
		gs.idle++
		if gs.idle > minIdleGroups && gs.idle > len(gs.byID)-gs.idle {
			gs.sweep()
		}
	}
}

// sweep forgets the idle groups.
func (gs *groups[T]) sweep() {
	for id, g := range gs.byID {
		if g.idle {
			delete(gs.byID, id)
		}
	}
	gs.idle = 0
}
