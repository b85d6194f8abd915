package topic

import (
	"encoding/json"
	"sync"
	"time"
	"unicode/utf8"
)

// PublishInput is one message to publish.
type PublishInput[T any] struct {
	// Message is the body. Its SNS message, the text subscribers see and
	// whose size counts, is the value itself when T is exactly string or
	// []byte, and its JSON encoding otherwise (a named string type too). It is not copied: a body that refers
	// to memory must not be changed after the publish.
	Message T
	// Subject is shorter than 100 characters, without control characters;
	// "" means none (the API's absent Subject: an explicit empty one, which
	// SNS refuses, cannot be written here).
	Subject string
	// Attributes are message attributes of type String, String.Array,
	// Number or Binary, with optional custom suffixes.
	Attributes map[string]Attribute
	// MessageStructure is "" or "json". With "json" the message is a JSON
	// object of strings, one per protocol ("sqs" for queues, "lambda" for
	// handlers), and a "default" for the protocols it does not name.
	MessageStructure string
	// GroupID is the message group: required on FIFO topics, where it
	// orders delivery; on a standard topic it is passed on to queues (fair
	// queues).
	GroupID string
	// DeduplicationID (FIFO only) makes a publish within 5 minutes of an
	// earlier one with the same id a duplicate.
	DeduplicationID string
}

// PublishResult is the answer to a publish.
type PublishResult struct {
	// MessageID identifies the message, the same for every subscriber. A
	// FIFO duplicate answers with the id of the message it duplicates.
	MessageID string
	// SequenceNumber (FIFO only) increases with every message accepted.
	SequenceNumber SequenceNumber
}

// PublishBatchEntry is one entry of [Topic.PublishBatch].
type PublishBatchEntry[T any] struct {
	// ID identifies the entry in the results: 1–80 of [A-Za-z0-9_-],
	// distinct within the batch.
	ID string
	PublishInput[T]
}

// PublishBatchResult is the result of the batch entry with the same ID.
type PublishBatchResult struct {
	ID string
	PublishResult
}

// notification is one published message on its way to every subscriber.
// It is immutable once published, and shared.
type notification[T any] struct {
	id        string
	body      T
	message   string            // the SNS message
	protocols map[string]string // MessageStructure "json": the message per protocol
	subject   string
	attrs     map[string]Attribute
	timestamp time.Time
	groupID   string
	dedupID   string // FIFO: explicit, or the SHA-256 of the message
	seq       SequenceNumber

	envOnce sync.Once
	env     envelope // for the "sqs" protocol, made when first needed
}

// messageFor returns the message the protocol receives.
func (n *notification[T]) messageFor(protocol string) string {
	if n.protocols == nil {
		return n.message
	}
	if m, ok := n.protocols[protocol]; ok {
		return m
	}
	return n.protocols["default"]
}

// filterBody is what body-scope filter policies match: the message, or
// with MessageStructure "json" its default entry.
func (n *notification[T]) filterBody() string { return n.messageFor("default") }

// validSubject reports whether s is a subject SNS accepts: shorter than 100
// characters, none of them a control character.
func validSubject(s string) bool {
	if utf8.RuneCountInString(s) > MaxSubjectLength {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return false
		}
	}
	return true
}

// parseStructure reads a MessageStructure "json" message: a JSON object
// whose string values are the messages per protocol (other values are
// ignored, as SNS ignores them), with a "default".
func parseStructure(message string) (map[string]string, error) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(message), &doc); err != nil || doc == nil {
		return nil, invalid("Message Structure - JSON message body failed to parse")
	}
	protocols := make(map[string]string, len(doc))
	for k, v := range doc {
		if s, ok := v.(string); ok {
			protocols[k] = s
		}
	}
	if _, ok := protocols["default"]; !ok {
		return nil, invalid("Message Structure - No default entry in JSON message body")
	}
	return protocols, nil
}

// checkToken checks a group or deduplication id: 1–128 alphanumeric or
// punctuation characters.
func checkToken(param, v string) error {
	ok := len(v) >= 1 && len(v) <= 128
	for i := 0; ok && i < len(v); i++ {
		ok = v[i] > ' ' && v[i] < 0x7f
	}
	if !ok {
		return invalid(param + " Reason: " + param + " can only include alphanumeric and punctuation characters. 1 to 128 in length.")
	}
	return nil
}
