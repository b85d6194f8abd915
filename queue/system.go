package queue

import (
	"time"
)

// systemSet is a set of system attribute names selected by a receive.
type systemSet uint16

const (
	sysSenderID systemSet = 1 << iota
	sysSentTimestamp
	sysReceiveCount
	sysFirstReceive
	sysSequenceNumber
	sysDedupID
	sysGroupID
	sysTraceHeader
	sysDeadLetterSource
	sysAll = 1<<iota - 1
)

var systemNames = map[string]systemSet{
	"All":                              sysAll,
	"SenderId":                         sysSenderID,
	"SentTimestamp":                    sysSentTimestamp,
	"ApproximateReceiveCount":          sysReceiveCount,
	"ApproximateFirstReceiveTimestamp": sysFirstReceive,
	"SequenceNumber":                   sysSequenceNumber,
	"MessageDeduplicationId":           sysDedupID,
	"MessageGroupId":                   sysGroupID,
	"AWSTraceHeader":                   sysTraceHeader,
	"DeadLetterQueueSourceArn":         sysDeadLetterSource,
}

func parseSystemNames(names []string) (systemSet, error) {
	var set systemSet
	for _, n := range names {
		s, ok := systemNames[n]
		if !ok {
			return 0, ErrInvalidAttributeName.Errorf("Unknown Attribute %s.", n)
		}
		set |= s
	}
	return set, nil
}

// systemLocked returns the selected system attributes of r.
func (q *Queue[T]) systemLocked(r *record[T], set systemSet) *SystemAttributes {
	m := &SystemAttributes{}
	x := r.extra
	if x == nil {
		x = &extra{}
	}
	if set&sysSenderID != 0 {
		m.SenderID = q.opts.account
	}
	if set&sysSentTimestamp != 0 {
		sent := r.enqueuedAt
		if x.sentAt != 0 {
			sent = x.sentAt
		}
		m.SentTimestamp = time.Unix(0, sent)
	}
	if set&sysReceiveCount != 0 {
		m.ApproximateReceiveCount = int(r.receiveCount)
	}
	if set&sysFirstReceive != 0 && r.receiveCount > 0 {
		m.ApproximateFirstReceiveTimestamp = time.Unix(0, r.firstReceiveAt)
	}
	if set&sysSequenceNumber != 0 && q.fifo {
		m.SequenceNumber = sequenceNumber(r.seq)
	}
	if set&sysDedupID != 0 {
		m.MessageDeduplicationID = r.dedupID
	}
	if set&sysGroupID != 0 {
		m.MessageGroupID = r.groupID()
	}
	if set&sysTraceHeader != 0 {
		m.AWSTraceHeader = x.traceHeader
	}
	if set&sysDeadLetterSource != 0 {
		m.DeadLetterQueueSourceARN = x.deadLetterSrc
	}
	return m
}
