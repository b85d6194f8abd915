package eventbus

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// PutEventsResult is PutEvents's answer: one result per entry, in order.
type PutEventsResult struct {
	Entries          []EntryResult
	FailedEntryCount int
}

// EntryResult is one entry's result: the new event's id, or why the entry
// was refused (ErrorCode "InvalidArgument" or "MalformedDetail").
type EntryResult struct {
	EventID      string
	ErrorCode    string
	ErrorMessage string
}

// maxEntries is the most entries one PutEvents call takes.
const maxEntries = 10

// PutEvents puts events on the bus, as PutEvents does: each valid entry
// becomes an event that every enabled rule matching it sends to its
// targets, and that the bus's archives keep. Delivery happens after
// PutEvents returns (see [Bus.Flush]). An entry without a source, detail
// type or detail, or whose detail is not a JSON object, is refused in its
// result, the others go on. The call fails, putting nothing, with
// [ErrValidation] for no entries, more than 10, or entries adding up to
// more than 256 KiB, and with [ErrResourceNotFound] once the bus is
// closed.
func (b *Bus) PutEvents(entries ...Entry) (PutEventsResult, error) {
	if err := checkEntries(entries); err != nil {
		return PutEventsResult{}, err
	}
	if b.isClosed() {
		return PutEventsResult{}, b.notFound()
	}
	res := PutEventsResult{Entries: make([]EntryResult, len(entries))}
	now := b.now()
	for i := range entries {
		e := &entries[i]
		detail, fail := checkEntry(e)
		if fail != nil {
			res.Entries[i] = EntryResult{ErrorCode: fail.code, ErrorMessage: fail.message}
			res.FailedEntryCount++
			continue
		}
		at := e.Time
		if at.IsZero() {
			at = now
		}
		ev := &Event{
			Version:    "0",
			ID:         b.newID(),
			DetailType: e.DetailType,
			Source:     e.Source,
			Account:    b.opts.account,
			Time:       at.UTC().Truncate(time.Second),
			Region:     b.opts.region,
			Resources:  slices.Clone(e.Resources),
			Detail:     detail,
		}
		b.stats.add(&b.stats.events, 1)
		b.route(ev, now, nil)
		res.Entries[i] = EntryResult{EventID: ev.ID}
	}
	return res, nil
}

// checkEntries applies PutEvents's request-wide limits.
func checkEntries(entries []Entry) error {
	var vs awserr.Violations
	switch {
	case len(entries) == 0:
		vs.Add("'[]'", "entries", awserr.LengthAtLeast(1))
	case len(entries) > maxEntries:
		vs.Add("'"+describeEntries(entries)+"'", "entries", awserr.LengthAtMost(maxEntries))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return err
	}
	size := 0
	for i := range entries {
		size += entrySize(&entries[i])
	}
	if size > maxRequestSize {
		return ErrValidation.WithMessage("Total size of the entries in the request is over the limit.")
	}
	return nil
}

// describeEntries writes entries as EventBridge quotes them in a
// validation message, the way its Java model prints them.
func describeEntries(entries []Entry) string {
	var sb strings.Builder
	sb.WriteByte('[')
	for i, e := range entries {
		if i > 0 {
			sb.WriteString(", ")
		}
		t := "null"
		if !e.Time.IsZero() {
			t = e.Time.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(&sb, "PutEventsRequestEntry(time=%s, source=%s, resources=%v, detailType=%s, detail=%s, eventBusName=null, traceHeader=%s)",
			t, orNull(e.Source), e.Resources, orNull(e.DetailType), orNull(e.Detail), orNull(e.TraceHeader))
	}
	sb.WriteByte(']')
	return sb.String()
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

func (b *Bus) isClosed() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.closed
}

// route sends an event to the targets of every enabled rule it matches,
// or only of the rules in only when that is not nil (a replay's filter),
// and, unless it is replayed, to the archives that keep it. received is
// when the bus took the event, from which its age counts. The channel
// returned is closed once every target has had its first attempt.
func (b *Bus) route(ev *Event, received time.Time, only map[string]bool) <-chan struct{} {
	raw := ev.AppendJSON(nil)
	var jobs []*job
	b.mu.RLock()
	matched := b.index.AppendMatches(nil, nil, raw)
	triggered := 0
	for _, r := range matched {
		if only != nil && !only[r.arn] {
			continue
		}
		triggered++
		jobs = r.jobs(jobs, ev, raw, received)
	}
	if ev.ReplayName == "" {
		for _, a := range b.archives {
			a.offer(ev, raw)
		}
	}
	b.mu.RUnlock()
	if triggered > 0 {
		b.stats.add(&b.stats.matchedEvents, 1)
		b.stats.add(&b.stats.triggeredRules, triggered)
	}
	return b.delivery.submit(jobs)
}

// jobs appends a job per target of the rule for the event.
func (r *rule) jobs(dst []*job, ev *Event, raw []byte, received time.Time) []*job {
	for _, t := range r.targets {
		dst = append(dst, &job{rule: r, target: t, event: ev, raw: raw, received: received})
	}
	return dst
}
