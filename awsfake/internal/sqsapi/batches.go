package sqsapi

import (
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/queue"
)

// SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch.
// A malformed batch (no entries, more than 10, ids repeated or invalid, a
// send batch over 1 MiB) fails whole; otherwise the reply is 200 with the
// entries that succeeded and those that failed.

// batchResultErrorEntry is one failed entry of a batch.
type batchResultErrorEntry struct {
	ID          string `json:"Id" xml:"Id"`
	SenderFault bool   `json:"SenderFault"`
	Code        string `json:"Code"`
	Message     string `json:"Message,omitempty" xml:",omitempty"`
}

func failedEntry(id string, err error) batchResultErrorEntry {
	ae := wire.AsAWS(err)
	return batchResultErrorEntry{ID: id, SenderFault: ae.Fault == awserr.Sender, Code: ae.Code, Message: ae.Message}
}

type sendMessageBatchEntry struct {
	ID string `json:"Id"`
	messageInput
}

type sendMessageBatchInput struct {
	QueueURL string                  `json:"QueueUrl"`
	Entries  []sendMessageBatchEntry `json:"Entries"`
}

func (in *sendMessageBatchInput) fromQuery(f wire.Form) error {
	in.QueueURL = f.Get("QueueUrl")
	for _, ef := range f.Entries("SendMessageBatchRequestEntry") {
		e := sendMessageBatchEntry{ID: ef.Get("Id")}
		if err := e.messageInput.fromQuery(ef); err != nil {
			return err
		}
		in.Entries = append(in.Entries, e)
	}
	return nil
}

type sendMessageBatchResultEntry struct {
	ID string `json:"Id" xml:"Id"`
	sendResult
}

type sendMessageBatchOutput struct {
	Successful []sendMessageBatchResultEntry `json:"Successful" xml:"SendMessageBatchResultEntry"`
	Failed     []batchResultErrorEntry       `json:"Failed" xml:"BatchResultErrorEntry"`
}

func (in *sendMessageBatchInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	entries := make([]queue.SendBatchEntry[string], len(in.Entries))
	rejected := make([]error, len(in.Entries))
	for i := range in.Entries {
		entries[i].ID = in.Entries[i].ID
		entries[i].SendInput, rejected[i] = in.Entries[i].sendInput()
		if rejected[i] != nil {
			// The engine still sees the entry, so that it checks the
			// batch as a whole (ids, count), but as one it rejects
			// without storing: an empty body.
			entries[i].SendInput = queue.SendInput[string]{}
		}
	}
	results, err := e.q.SendBatch(entries)
	if err != nil {
		return nil, err
	}
	out := &sendMessageBatchOutput{Successful: []sendMessageBatchResultEntry{}, Failed: []batchResultErrorEntry{}}
	for i, r := range results {
		id := in.Entries[i].ID
		switch {
		case rejected[i] != nil:
			out.Failed = append(out.Failed, failedEntry(id, rejected[i]))
		case r.Err != nil:
			out.Failed = append(out.Failed, failedEntry(id, r.Err))
		default:
			out.Successful = append(out.Successful, sendMessageBatchResultEntry{ID: id, sendResult: in.Entries[i].result(r.SendResult)})
		}
	}
	return out, nil
}

// handleEntry is one entry of a delete or visibility batch.
type handleEntry struct {
	ID                string `json:"Id"`
	ReceiptHandle     string `json:"ReceiptHandle"`
	VisibilityTimeout *int32 `json:"VisibilityTimeout"` // visibility batches only
}

func queryHandleEntries(f wire.Form, key string) ([]handleEntry, error) {
	var out []handleEntry
	for _, ef := range f.Entries(key) {
		e := handleEntry{ID: ef.Get("Id"), ReceiptHandle: ef.Get("ReceiptHandle")}
		var err error
		if e.VisibilityTimeout, err = queryInt32(ef, "VisibilityTimeout"); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// idResult is a successful entry of a delete or visibility batch.
type idResult struct {
	ID string `json:"Id" xml:"Id"`
}

// handleBatchOutput is the reply to a delete or visibility batch; the
// element names of its XML entries depend on the operation, so each
// operation has its own output type around it.
type handleBatchOutput struct {
	successful []idResult
	failed     []batchResultErrorEntry
}

// runHandleBatch parses the entries' receipt handles and runs op, the
// engine's batch, over them. An entry whose handle does not parse goes to
// the engine with a handle it rejects, so that the batch is checked whole,
// and fails with the parse error.
func runHandleBatch(entries []handleEntry, op func([]queue.BatchEntry) ([]queue.BatchFailure, error)) (handleBatchOutput, error) {
	batch := make([]queue.BatchEntry, len(entries))
	unparsed := make(map[string]error)
	for i, e := range entries {
		batch[i].ID = e.ID
		if e.VisibilityTimeout != nil {
			batch[i].VisibilityTimeout = *seconds(e.VisibilityTimeout)
		}
		h, err := receiptHandle(e.ReceiptHandle)
		if err != nil {
			unparsed[e.ID] = err
			continue
		}
		batch[i].ReceiptHandle = h
	}
	failures, err := op(batch)
	if err != nil {
		return handleBatchOutput{}, err
	}
	out := handleBatchOutput{successful: []idResult{}, failed: []batchResultErrorEntry{}}
	failedIDs := make(map[string]bool, len(failures))
	for _, f := range failures {
		failedIDs[f.ID] = true
		if perr, ok := unparsed[f.ID]; ok {
			f.Err = perr
		}
		out.failed = append(out.failed, failedEntry(f.ID, f.Err))
	}
	for _, e := range entries {
		if !failedIDs[e.ID] {
			out.successful = append(out.successful, idResult{ID: e.ID})
		}
	}
	return out, nil
}

type deleteMessageBatchInput struct {
	QueueURL string        `json:"QueueUrl"`
	Entries  []handleEntry `json:"Entries"`
}

func (in *deleteMessageBatchInput) fromQuery(f wire.Form) error {
	var err error
	in.QueueURL = f.Get("QueueUrl")
	in.Entries, err = queryHandleEntries(f, "DeleteMessageBatchRequestEntry")
	return err
}

type deleteMessageBatchOutput struct {
	Successful []idResult              `json:"Successful" xml:"DeleteMessageBatchResultEntry"`
	Failed     []batchResultErrorEntry `json:"Failed" xml:"BatchResultErrorEntry"`
}

func (in *deleteMessageBatchInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	out, err := runHandleBatch(in.Entries, e.q.DeleteBatch)
	if err != nil {
		return nil, err
	}
	return &deleteMessageBatchOutput{Successful: out.successful, Failed: out.failed}, nil
}

type changeMessageVisibilityBatchInput struct {
	QueueURL string        `json:"QueueUrl"`
	Entries  []handleEntry `json:"Entries"`
}

func (in *changeMessageVisibilityBatchInput) fromQuery(f wire.Form) error {
	var err error
	in.QueueURL = f.Get("QueueUrl")
	in.Entries, err = queryHandleEntries(f, "ChangeMessageVisibilityBatchRequestEntry")
	return err
}

type changeMessageVisibilityBatchOutput struct {
	Successful []idResult              `json:"Successful" xml:"ChangeMessageVisibilityBatchResultEntry"`
	Failed     []batchResultErrorEntry `json:"Failed" xml:"BatchResultErrorEntry"`
}

func (in *changeMessageVisibilityBatchInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	out, err := runHandleBatch(in.Entries, e.q.ChangeVisibilityBatch)
	if err != nil {
		return nil, err
	}
	return &changeMessageVisibilityBatchOutput{Successful: out.successful, Failed: out.failed}, nil
}
