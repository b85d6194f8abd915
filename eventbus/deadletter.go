package eventbus

import (
	"strconv"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/queue"
)

// DeadLetter receives the events a target could not take: the event's
// JSON as the body, and EventBridge's attributes saying why (RULE_ARN,
// TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION when
// retries ran out, RETRY_ATTEMPTS). [DeadLetterTo] makes one of a queue.
type DeadLetter interface {
	SendDeadLetter(body []byte, attributes map[string]queue.Attribute) error
}

// DeadLetterTo returns a dead-letter queue of q, which must be a standard
// queue, as EventBridge requires.
func DeadLetterTo[T ~string | ~[]byte](q *queue.Queue[T]) DeadLetter {
	return deadLetterQueue[T]{q}
}

type deadLetterQueue[T ~string | ~[]byte] struct{ q *queue.Queue[T] }

func (d deadLetterQueue[T]) SendDeadLetter(body []byte, attributes map[string]queue.Attribute) error {
	_, err := d.q.Send(queue.SendInput[T]{Body: T(body), Attributes: attributes})
	return err
}

// deadLetter sends a job that failed for good to its target's dead-letter
// queue, or drops it.
func (d *deliverer) deadLetter(j *job, code string, err error, exhausted string) {
	stats := &d.bus.stats
	dlq := j.target.cfg.DeadLetter
	if dlq == nil {
		stats.add(&stats.dropped, 1)
		return
	}
	attrs := map[string]queue.Attribute{
		"RULE_ARN":       stringAttr(j.rule.arn),
		"TARGET_ARN":     stringAttr(targetARN(j)),
		"ERROR_CODE":     stringAttr(code),
		"ERROR_MESSAGE":  stringAttr(err.Error()),
		"RETRY_ATTEMPTS": stringAttr(strconv.Itoa(j.attempt - 1)),
	}
	if exhausted != "" {
		attrs["EXHAUSTED_RETRY_CONDITION"] = stringAttr(exhausted)
	}
	if dlq.SendDeadLetter(j.raw, attrs) != nil {
		stats.add(&stats.failedToBeSentToDLQ, 1)
		return
	}
	stats.add(&stats.sentToDLQ, 1)
}

// targetARN is the target's destination ARN or, for a destination without
// one (a function), the target's id.
func targetARN(j *job) string {
	if j.target.arn != "" {
		return j.target.arn
	}
	return j.target.cfg.ID
}

func stringAttr(s string) queue.Attribute {
	if s == "" {
		s = "-" // SQS refuses empty attribute values
	}
	return attr.Value{DataType: "String", StringValue: s}
}
