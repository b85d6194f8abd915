package topic

import (
	"sync"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// delivery is one message on its way to one subscription.
type delivery[T any] struct {
	n        *notification[T]
	failures int // attempts made so far, all failed
}

// dispatcher runs one subscription's deliveries: first attempts, SNS's
// retries on the topic's clock, and, on FIFO topics, one message of a
// group at a time in the group's order, so that a message being retried
// holds back the rest of its group and nothing else.
//
// Queue subscriptions make their first attempt in the publisher's
// goroutine (a queue send never blocks), and need workers only for
// retries. Handler subscriptions run every attempt in workers: goroutines
// that start when there is work, at most limit at once, and end when there
// is none, so an idle subscription holds no goroutine.
type dispatcher[T any] struct {
	s     *Subscription[T]
	limit int

	mu       sync.Mutex
	closed   bool                         // unsubscribed: everything waiting is dropped
	draining bool                         // the topic is closing: retries are dropped
	ready    []delivery[T]                // to attempt now, in order
	groups   map[string][]delivery[T]     // FIFO: busy groups → deliveries waiting behind the busy one
	timers   map[*delivery[T]]clock.Timer // deliveries waiting to be retried
	running  int                          // workers
}

func (d *dispatcher[T]) init(s *Subscription[T], limit int) {
	d.s, d.limit = s, limit
	d.groups = map[string][]delivery[T]{}
	d.timers = map[*delivery[T]]clock.Timer{}
}

// dispatch hands n to the subscription. The caller holds the topic's lock
// for reading, so the dispatcher is not closed.
func (d *dispatcher[T]) dispatch(n *notification[T]) {
	dl := delivery[T]{n: n}
	if d.s.queue != nil {
		if !d.s.topic.fifo || d.claim(dl) {
			d.run(dl)
		}
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.s.topic.fifo || d.claimLocked(dl) {
		d.readyLocked(dl)
	}
}

// claim marks dl's group busy and reports true, or, when the group is
// already busy, puts dl behind it and reports false.
func (d *dispatcher[T]) claim(dl delivery[T]) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.claimLocked(dl)
}

func (d *dispatcher[T]) claimLocked(dl delivery[T]) bool {
	g := dl.n.groupID
	if waiting, busy := d.groups[g]; busy {
		d.groups[g] = append(waiting, dl)
		return false
	}
	d.groups[g] = nil
	return true
}

// readyLocked queues dl to be attempted by a worker, starting one if the
// limit allows.
func (d *dispatcher[T]) readyLocked(dl delivery[T]) {
	d.ready = append(d.ready, dl)
	if d.running < d.limit {
		d.running++
		d.s.topic.spawn(d.work)
	}
}

// work attempts ready deliveries until there are none.
func (d *dispatcher[T]) work() {
	for {
		d.mu.Lock()
		if d.closed || len(d.ready) == 0 {
			d.running--
			d.mu.Unlock()
			return
		}
		dl := d.ready[0]
		d.ready[0] = delivery[T]{}
		d.ready = d.ready[1:]
		d.mu.Unlock()
		d.run(dl)
	}
}

// run attempts dl, retrying at once while the policy says so, until it is
// delivered, needs to wait for a retry, or is given up.
func (d *dispatcher[T]) run(dl delivery[T]) {
	st := &d.s.stats
	for {
		err := d.s.deliver(dl.n, dl.failures+1)
		if err == nil {
			st.delivered.Add(1)
			d.done(dl)
			return
		}
		st.failures.Add(1)
		dl.failures++
		delay, retry := retryDelay(dl.failures)
		if !retry || isClientError(err) {
			d.s.deadLetter(dl.n)
			d.done(dl)
			return
		}
		if delay > 0 || d.stopping() {
			d.retryAfter(dl, delay)
			return
		}
	}
}

// stopping reports whether the dispatcher takes no more retries.
func (d *dispatcher[T]) stopping() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.closed || d.draining
}

// retryAfter makes dl ready again once delay has passed on the clock; a
// dispatcher that is closing drops it instead.
func (d *dispatcher[T]) retryAfter(dl delivery[T], delay time.Duration) {
	p := &dl
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || d.draining {
		d.s.stats.dropped.Add(1)
		d.doneLocked(dl)
		return
	}
	// The clock never calls the function before AfterFunc returns, and the
	// function takes d.mu, so it finds its timer filed.
	d.timers[p] = d.s.topic.opts.clock.AfterFunc(delay, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if _, ok := d.timers[p]; !ok || d.closed {
			return
		}
		delete(d.timers, p)
		d.readyLocked(*p)
	})
}

// done ends dl's turn: on a FIFO topic, the next delivery of its group, if
// any, becomes ready.
func (d *dispatcher[T]) done(dl delivery[T]) {
	if !d.s.topic.fifo {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.doneLocked(dl)
}

func (d *dispatcher[T]) doneLocked(dl delivery[T]) {
	if !d.s.topic.fifo || d.closed {
		return
	}
	g := dl.n.groupID
	waiting := d.groups[g]
	if len(waiting) == 0 {
		delete(d.groups, g)
		return
	}
	next := waiting[0]
	waiting[0] = delivery[T]{} // the slice's array outlives the turn
	d.groups[g] = waiting[1:]
	d.readyLocked(next)
}

// drain readies the dispatcher for its topic's closing: deliveries waiting
// for a retry are dropped, and so are retries from now on, but every
// delivery ready or waiting behind its group still gets its attempts. It
// returns how many deliveries it dropped.
func (d *dispatcher[T]) drain() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || d.draining {
		return 0
	}
	d.draining = true
	dropped := len(d.timers)
	for p, tm := range d.timers {
		tm.Stop()
		delete(d.timers, p)
		d.doneLocked(*p)
	}
	return dropped
}

// close stops the dispatcher: timers are stopped, waiting deliveries
// dropped, and workers end after their current attempt. It returns how
// many deliveries it dropped.
func (d *dispatcher[T]) close() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return 0
	}
	d.closed = true
	dropped := len(d.ready) + len(d.timers)
	for _, waiting := range d.groups {
		dropped += len(waiting)
	}
	for _, tm := range d.timers {
		tm.Stop()
	}
	d.ready, d.groups, d.timers = nil, nil, nil
	return dropped
}
