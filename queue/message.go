package queue

import (
	"encoding/base64"
	"encoding/binary"
	"time"

	"github.com/switchyard/switchyard/internal/attr"
)

// Attribute is a message attribute: a data type ("String", "Number",
// "Binary", optionally with a custom suffix such as "Number.float") and a
// value, a string for String and Number types and bytes for Binary ones.
type Attribute = attr.Value

// SendInput is one message to send.
type SendInput[T any] struct {
	// Body is stored as given, not copied: a body that refers to memory
	// (a []byte, a pointer) must not be changed after the send.
	Body T
	// Attributes are at most 10 message attributes.
	Attributes map[string]Attribute
	// Delay overrides the queue's delay for this message, 0–15 min.
	// Standard queues only: a FIFO queue accepts only an explicit zero.
	Delay *time.Duration
	// GroupID is the message group: required on FIFO queues, where it
	// orders messages; on a standard queue it names a fair-queue tenant.
	GroupID string
	// DeduplicationID (FIFO only) makes a send within 5 minutes of an
	// earlier one with the same id a duplicate.
	DeduplicationID string
	// AWSTraceHeader is the X-Ray trace header system attribute.
	AWSTraceHeader string
}

// SendResult is the answer to a send.
type SendResult struct {
	// MessageID identifies the message. A FIFO duplicate answers with the
	// id of the message it duplicates.
	MessageID MessageID
	// SequenceNumber (FIFO only) increases with every message stored.
	SequenceNumber SequenceNumber
}

// SendBatchEntry is one entry of [Queue.SendBatch].
type SendBatchEntry[T any] struct {
	// ID identifies the entry in the results: 1–80 of [A-Za-z0-9_-],
	// distinct within the batch.
	ID string
	SendInput[T]
}

// SendBatchResult is the result of the batch entry at the same index:
// Err is nil on success.
type SendBatchResult struct {
	SendResult
	Err error
}

// ReceiveOptions are a receive's parameters. The zero value receives one
// message with the queue's wait time and visibility timeout.
type ReceiveOptions struct {
	// MaxMessages is 1–10; zero means 1.
	MaxMessages int
	// WaitTime is 0–20 s; nil means the queue's ReceiveWaitTime. A receive
	// that waits returns as soon as one message is available.
	WaitTime *time.Duration
	// VisibilityTimeout, 0–12 h, overrides the queue's for these messages.
	VisibilityTimeout *time.Duration
	// AttributeNames selects message attributes: "All" or ".*" for all,
	// exact names, or "prefix.*".
	AttributeNames []string
	// SystemAttributeNames selects system attributes: "All" or names such
	// as "SentTimestamp" and "ApproximateReceiveCount". Unselected ones are
	// left zero in [Message].
	SystemAttributeNames []string
	// ReceiveRequestAttemptID (FIFO only): a retry with the same id within
	// 5 minutes returns the same messages and handles, if none has been
	// deleted or changed meanwhile.
	ReceiveRequestAttemptID string
}

// Message is a received message.
type Message[T any] struct {
	ID            MessageID
	ReceiptHandle ReceiptHandle
	Body          T
	// Attributes are the selected message attributes, a copy the caller
	// owns; nil when none is selected.
	Attributes map[string]Attribute
	// System holds the selected system attributes; nil when
	// [ReceiveOptions.SystemAttributeNames] selected none.
	System *SystemAttributes
}

// SystemAttributes are a received message's system attributes. Only the
// selected ones are set; the others are zero.
type SystemAttributes struct {
	SenderID                         string
	SentTimestamp                    time.Time
	ApproximateReceiveCount          int
	ApproximateFirstReceiveTimestamp time.Time
	SequenceNumber                   SequenceNumber
	MessageDeduplicationID           string
	MessageGroupID                   string
	AWSTraceHeader                   string
	DeadLetterQueueSourceARN         string
}

// ReceiptHandle identifies one receive of one message. Every receive issues
// a new handle. It is a small comparable value; [ReceiptHandle.String] and
// [ParseReceiptHandle] turn it into SQS's opaque string and back.
type ReceiptHandle struct {
	queue   uint64 // the issuing queue's random id
	seq     uint64 // the message's number
	slot    uint32 // where the message is stored
	receive uint32 // which receive of the message issued it
}

const handleBytes = 24

// String returns the handle in the opaque text form the AWS API carries.
func (h ReceiptHandle) String() string {
	var b [handleBytes]byte
	binary.BigEndian.PutUint64(b[0:], h.queue)
	binary.BigEndian.PutUint64(b[8:], h.seq)
	binary.BigEndian.PutUint32(b[16:], h.slot)
	binary.BigEndian.PutUint32(b[20:], h.receive)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// ParseReceiptHandle reads a handle written by [ReceiptHandle.String]. Text
// that is not a handle gives [ErrReceiptHandleIsInvalid].
func ParseReceiptHandle(s string) (ReceiptHandle, error) {
	var b [handleBytes]byte
	if base64.RawURLEncoding.EncodedLen(handleBytes) != len(s) {
		return ReceiptHandle{}, invalidHandle(s)
	}
	if n, err := base64.RawURLEncoding.Decode(b[:], []byte(s)); err != nil || n != handleBytes {
		return ReceiptHandle{}, invalidHandle(s)
	}
	return ReceiptHandle{
		queue:   binary.BigEndian.Uint64(b[0:]),
		seq:     binary.BigEndian.Uint64(b[8:]),
		slot:    binary.BigEndian.Uint32(b[16:]),
		receive: binary.BigEndian.Uint32(b[20:]),
	}, nil
}

func invalidHandle(s string) error {
	return ErrReceiptHandleIsInvalid.Errorf("The input receipt handle %q is not a valid receipt handle.", s)
}

// BatchEntry names one message of a delete or visibility batch.
type BatchEntry struct {
	// ID identifies the entry in the results, as in [SendBatchEntry].
	ID            string
	ReceiptHandle ReceiptHandle
	// VisibilityTimeout is used by [Queue.ChangeVisibilityBatch] only.
	VisibilityTimeout time.Duration
}

// BatchFailure is a delete or visibility batch entry that failed.
type BatchFailure struct {
	ID  string
	Err error
}

// Counts are a queue's exact message counts (AWS's Approximate… attributes).
type Counts struct {
	Available int // ApproximateNumberOfMessages
	InFlight  int // ApproximateNumberOfMessagesNotVisible
	Delayed   int // ApproximateNumberOfMessagesDelayed
}
