package eventbus

import "sync/atomic"

// Stats counts what a bus has done, under the names of EventBridge's
// CloudWatch metrics.
type Stats struct {
	// Events is how many entries PutEvents accepted, with the events
	// other buses forwarded to this one.
	Events int64
	// MatchedEvents is how many events matched at least one rule,
	// replayed events included.
	MatchedEvents int64
	// TriggeredRules is how many times a rule matched an event or fired
	// on its schedule.
	TriggeredRules int64
	// Invocations is how many times a target was called, retries included.
	Invocations int64
	// FailedInvocations is how many calls of a target failed.
	FailedInvocations int64
	// Retries is how many failed attempts were scheduled again.
	Retries int64
	// InvocationsSentToDLQ is how many events went to a dead-letter queue.
	InvocationsSentToDLQ int64
	// InvocationsFailedToBeSentToDLQ is how many events a dead-letter
	// queue refused; they are lost.
	InvocationsFailedToBeSentToDLQ int64
	// Dropped is how many deliveries ended without success and without a
	// dead-letter queue, or were waiting for a retry when the bus closed.
	Dropped int64
}

type counters struct {
	events, matchedEvents, triggeredRules   atomic.Int64
	invocations, failedInvocations, retries atomic.Int64
	sentToDLQ, failedToBeSentToDLQ, dropped atomic.Int64
}

func (c *counters) add(n *atomic.Int64, v int) { n.Add(int64(v)) }

// Stats returns the bus's counters.
func (b *Bus) Stats() Stats {
	c := &b.stats
	return Stats{
		Events:                         c.events.Load(),
		MatchedEvents:                  c.matchedEvents.Load(),
		TriggeredRules:                 c.triggeredRules.Load(),
		Invocations:                    c.invocations.Load(),
		FailedInvocations:              c.failedInvocations.Load(),
		Retries:                        c.retries.Load(),
		InvocationsSentToDLQ:           c.sentToDLQ.Load(),
		InvocationsFailedToBeSentToDLQ: c.failedToBeSentToDLQ.Load(),
		Dropped:                        c.dropped.Load(),
	}
}
