package stepfn

import "sync"

// mapCursor is where a Map's iterations chain their history, as AWS
// records it: an iteration's MapIterationStarted follows the last state
// event of the iterations that have ended (MapStateStarted for the first
// ones), not their MapIterationSucceeded or MapIterationFailed; once all
// have succeeded, the Map's next event follows the last of those end
// events. Iterations run concurrently, hence the lock.
type mapCursor struct {
	mu     sync.Mutex
	source int64 // the latest last state event of an ended iteration
	last   int64 // the latest iteration end event
}

// start returns the event a new iteration's first event follows.
func (c *mapCursor) start() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.source
}

// finish notes an iteration's last state event and its end event.
func (c *mapCursor) finish(source, end int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.source, c.last = max(c.source, source), max(c.last, end)
}

// end returns the event the Map's next event follows once every
// iteration has ended.
func (c *mapCursor) end() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// iterationEvent returns a MapIteration* event of the Map state named
// state, for item index, with the failure f if any.
func iterationEvent(typ, state string, index int, f *Failure) event {
	e := event{typ: typ}
	if f != nil {
		e = failure(typ, f)
	}
	e.state, e.index = state, index
	return e
}
