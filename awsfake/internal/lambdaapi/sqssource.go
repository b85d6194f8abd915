package lambdaapi

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/queue"
)

// Queue mappings: the queue's consumer ([queue.Consume]) receives batches
// and the mapping hands each to its function as Lambda's SQS event. A
// batch the function handles is deleted; a function error leaves the
// whole batch to reappear after its visibility timeout (and, past the
// queue's maxReceiveCount, to go to its dead-letter queue); a partial
// batch response leaves only the messages it names.

// Consumer settings of a queue mapping: Lambda polls with five long polls
// at once (or the mapping's MaximumConcurrency), each of 20 seconds, and
// does not extend the visibility timeout of a batch in hand.
const (
	defaultQueuePollers = 5
	queuePollWait       = 20 * time.Second
	maxReceiveBatch     = 10
)

// consumeQueue runs a queue mapping's consumer until ctx ends or the
// queue is deleted.
func (s *Service) consumeQueue(ctx context.Context, q *queue.Queue[string], cfg mappingConfig) {
	workers := defaultQueuePollers
	if cfg.maxConcurrency > 0 {
		workers = cfg.maxConcurrency
	}
	h := &queueHandler{s: s, cfg: cfg}
	// Consume ends with an error only when the queue is deleted; the
	// mapping then stops delivering, as Lambda's does.
	_ = queue.Consume(ctx, q, queue.ConsumerConfig{
		Workers:              workers,
		BatchSize:            min(cfg.batchSize, maxReceiveBatch),
		WaitTime:             queuePollWait,
		AttributeNames:       []string{"All"},
		SystemAttributeNames: []string{"All"},
		NoExtension:          true,
	}, h)
}

// queueHandler hands batches of a queue to a mapping's function.
type queueHandler struct {
	s   *Service
	cfg mappingConfig
}

// HandleBatch invokes the function with the messages that pass the
// mapping's filters (the others are deleted) and reports what it says.
func (h *queueHandler) HandleBatch(ctx context.Context, batch []queue.Message[string]) error {
	records := make([]sqsRecord, 0, len(batch))
	for _, m := range batch {
		rec := h.record(m)
		if passes(h.cfg.filters, rec.filterDocument) {
			records = append(records, rec)
		}
	}
	if len(records) == 0 {
		return nil
	}
	fn, err := h.s.lookup(h.cfg.function)
	if err != nil {
		return err
	}
	payload, err := json.Marshal(sqsEvent{Records: records})
	if err != nil {
		return err
	}
	out, ferr := run(ctx, fn, payload)
	if ferr != nil {
		return ferr
	}
	if !h.cfg.reportsBatchItemFailures() {
		return nil
	}
	ids, err := failedItems(out)
	if err != nil || len(ids) == 0 {
		return err
	}
	inBatch := make(map[string]bool, len(records))
	for _, r := range records {
		inBatch[r.MessageID] = true
	}
	failed := &queue.BatchItemFailures{MessageIDs: make([]queue.MessageID, 0, len(ids))}
	for _, id := range ids {
		mid, err := queue.ParseMessageID(id)
		if err != nil || !inBatch[id] {
			return errInvalidBatchResponse // Lambda fails the whole batch for an id it did not send
		}
		failed.MessageIDs = append(failed.MessageIDs, mid)
	}
	return failed
}

// sqsEvent is Lambda's SQS event.
type sqsEvent struct {
	Records []sqsRecord `json:"Records"`
}

// sqsRecord is one message of an SQS event.
type sqsRecord struct {
	MessageID              string                         `json:"messageId"`
	ReceiptHandle          string                         `json:"receiptHandle"`
	Body                   string                         `json:"body"`
	Attributes             map[string]string              `json:"attributes"`
	MessageAttributes      map[string]sqsMessageAttribute `json:"messageAttributes"`
	MD5OfMessageAttributes string                         `json:"md5OfMessageAttributes,omitempty"`
	MD5OfBody              string                         `json:"md5OfBody"`
	EventSource            string                         `json:"eventSource"`
	EventSourceARN         string                         `json:"eventSourceARN"`
	AWSRegion              string                         `json:"awsRegion"`
}

// sqsMessageAttribute is a message attribute as the SQS event writes it:
// camelCase, with the reserved list members always present.
type sqsMessageAttribute struct {
	StringValue      *string  `json:"stringValue,omitempty"`
	BinaryValue      []byte   `json:"binaryValue,omitempty"`
	StringListValues []string `json:"stringListValues"`
	BinaryListValues [][]byte `json:"binaryListValues"`
	DataType         string   `json:"dataType"`
}

// record describes a received message as the SQS event does.
func (h *queueHandler) record(m queue.Message[string]) sqsRecord {
	rec := sqsRecord{
		MessageID:              m.ID.String(),
		ReceiptHandle:          m.ReceiptHandle.String(),
		Body:                   m.Body,
		Attributes:             systemAttributes(m.System),
		MessageAttributes:      make(map[string]sqsMessageAttribute, len(m.Attributes)),
		MD5OfMessageAttributes: attr.MD5(m.Attributes),
		MD5OfBody:              attr.BodyMD5(m.Body),
		EventSource:            "aws:sqs",
		EventSourceARN:         h.cfg.sourceARN,
		AWSRegion:              h.s.region,
	}
	for name, v := range m.Attributes {
		a := sqsMessageAttribute{DataType: v.DataType, StringListValues: []string{}, BinaryListValues: [][]byte{}}
		if v.BinaryValue != nil {
			a.BinaryValue = v.BinaryValue
		} else {
			sv := v.StringValue
			a.StringValue = &sv
		}
		rec.MessageAttributes[name] = a
	}
	return rec
}

// systemAttributes writes a message's system attributes as SQS does:
// strings, times in epoch milliseconds, and the ones a message lacks
// left out.
func systemAttributes(sys *queue.SystemAttributes) map[string]string {
	out := map[string]string{}
	if sys == nil {
		return out
	}
	set := func(name, value string) {
		if value != "" {
			out[name] = value
		}
	}
	millis := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return strconv.FormatInt(t.UnixMilli(), 10)
	}
	set("ApproximateReceiveCount", strconv.Itoa(sys.ApproximateReceiveCount))
	set("SentTimestamp", millis(sys.SentTimestamp))
	set("SenderId", sys.SenderID)
	set("ApproximateFirstReceiveTimestamp", millis(sys.ApproximateFirstReceiveTimestamp))
	if sys.SequenceNumber != 0 {
		set("SequenceNumber", sys.SequenceNumber.String())
	}
	set("MessageGroupId", sys.MessageGroupID)
	set("MessageDeduplicationId", sys.MessageDeduplicationID)
	set("AWSTraceHeader", sys.AWSTraceHeader)
	set("DeadLetterQueueSourceArn", sys.DeadLetterQueueSourceARN)
	return out
}

// filterDocument is the record as filters see it: the event's record,
// with the body as JSON when it is JSON.
func (r *sqsRecord) filterDocument() []byte {
	doc := struct {
		sqsRecord
		Body json.RawMessage `json:"body"`
	}{*r, jsonOrString([]byte(r.Body))}
	b, _ := json.Marshal(doc) // strings and maps of strings always encode
	return b
}
