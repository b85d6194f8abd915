package eventbus

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus/internal/schedule"
)

// ruleSchedule fires a rule on its schedule, with one timer on the bus's
// clock at a time.
type ruleSchedule struct {
	expr schedule.Schedule

	mu     sync.Mutex
	anchor time.Time // when the rule was created or enabled
	timer  clock.Timer
	// gen counts starts and stops: a timer armed in one generation does
	// nothing once the schedule has been stopped or started again, even
	// if it went off before Stop could stop it.
	gen uint64
}

func parseSchedule(expr string) (*ruleSchedule, error) {
	s, err := schedule.Parse(expr)
	if err != nil {
		return nil, ErrValidation.WithMessage(err.Error())
	}
	return &ruleSchedule{expr: s}, nil
}

// startSchedule arms the rule's first firing after now. The bus's lock is
// held.
func (r *rule) startSchedule(now time.Time) {
	s := r.sched
	s.mu.Lock()
	defer s.mu.Unlock()
	s.anchor = now
	s.gen++
	r.armNext(now)
}

// armNext starts the timer of the first firing after after. s.mu is held.
func (r *rule) armNext(after time.Time) {
	s := r.sched
	at := s.expr.NextFrom(s.anchor, after)
	if at.IsZero() {
		return // a cron expression whose years have passed
	}
	b := r.bus
	gen := s.gen
	s.timer = b.clock.AfterFunc(at.Sub(b.now()), func() { r.fire(s, gen, at) })
}

// stopSchedule stops the rule's timer, if it has one. The bus's lock is
// held.
func (r *rule) stopSchedule() {
	s := r.sched
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	if s.timer != nil {
		s.timer.Stop()
	}
}

// fire sends the scheduled event of the firing at to the rule's targets
// and arms the next firing, unless the schedule has moved on from the
// generation gen that armed it.
func (r *rule) fire(s *ruleSchedule, gen uint64, at time.Time) {
	b := r.bus
	b.mu.RLock()
	s.mu.Lock()
	if s.gen != gen || r.sched != s {
		s.mu.Unlock()
		b.mu.RUnlock()
		return
	}
	r.armNext(at)
	s.mu.Unlock()
	ev := &Event{
		Version:    "0",
		ID:         b.newID(),
		DetailType: "Scheduled Event",
		Source:     "aws.events",
		Account:    b.opts.account,
		Time:       at.UTC().Truncate(time.Second),
		Region:     b.opts.region,
		Resources:  []string{r.arn},
		Detail:     json.RawMessage("{}"),
	}
	raw := ev.AppendJSON(nil)
	jobs := r.jobs(nil, ev, raw, b.now())
	b.mu.RUnlock()
	b.stats.add(&b.stats.triggeredRules, 1)
	b.delivery.submit(jobs)
}
