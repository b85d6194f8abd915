package kinesisapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// SubscribeToShard: the request is JSON like any other and its errors,
// until the subscription is made, are JSON errors; then the reply is an
// event stream (eventstream.go) that lasts as long as the subscription:
// an initial-response message, which the SDKs wait for before they hand
// the stream to the caller, then one SubscribeToShardEvent message per
// event of the engine's subscription, each flushed as it is written, so
// that a record reaches the subscriber as soon as it is put. An error
// after the reply has begun travels as an exception message. The
// subscription, and the handler, end when the engine's subscription ends
// (5 minutes after the call, at the end of a closed shard, taken over,
// consumer or stream gone) or when the request's context does (the client
// closed the stream).

const eventStreamContentType = "application/vnd.amazon.eventstream"

type startingPositionInput struct {
	Type           *string    `json:"Type"`
	SequenceNumber string     `json:"SequenceNumber"`
	Timestamp      *timestamp `json:"Timestamp"`
}

type subscribeToShardInput struct {
	ConsumerARN      *string                `json:"ConsumerARN"`
	ShardID          *string                `json:"ShardId"`
	StartingPosition *startingPositionInput `json:"StartingPosition"`
}

// subscribe makes the subscription a request asks for.
func (s *Service) subscribe(in *subscribeToShardInput) (*stream.Subscription[[]byte], error) {
	var vs awserr.Violations
	if in.ConsumerARN == nil {
		notNull(&vs, "consumerARN")
	}
	if in.ShardID == nil {
		notNull(&vs, "shardId")
	}
	switch {
	case in.StartingPosition == nil:
		notNull(&vs, "startingPosition")
	case in.StartingPosition.Type == nil:
		notNull(&vs, "startingPosition.type")
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamByConsumerARN("consumerARN", *in.ConsumerARN)
	if err != nil {
		return nil, err
	}
	p := in.StartingPosition
	return e.s.SubscribeToShard(stream.SubscribeToShardInput{
		ConsumerARN: *in.ConsumerARN,
		ShardID:     *in.ShardID,
		StartingPosition: stream.StartingPosition{
			Type:           stream.IteratorType(*p.Type),
			SequenceNumber: p.SequenceNumber,
			Timestamp:      timeOf(p.Timestamp),
		},
	})
}

// subscribeEventJSON is the payload of a SubscribeToShardEvent message.
type subscribeEventJSON struct {
	Records []recordJSON `json:"Records"`
	// ContinuationSequenceNumber is absent (null) in the last event of a
	// closed shard, the one with ChildShards.
	ContinuationSequenceNumber string           `json:"ContinuationSequenceNumber,omitempty"`
	MillisBehindLatest         int64            `json:"MillisBehindLatest"`
	ChildShards                []childShardJSON `json:"ChildShards,omitempty"`
}

// serveSubscribeToShard answers one SubscribeToShard request.
func (s *Service) serveSubscribeToShard(w http.ResponseWriter, r *http.Request, body []byte) {
	requestID := wire.RequestID()
	in := new(subscribeToShardInput)
	if err := wire.DecodeJSON(body, in); err != nil {
		jsonProtocol.WriteError(w, requestID, err)
		return
	}
	sub, err := s.subscribe(in)
	if err != nil {
		jsonProtocol.WriteError(w, requestID, err)
		return
	}
	defer sub.Close()
	h := w.Header()
	h.Set("Content-Type", eventStreamContentType)
	h.Set("x-amzn-RequestId", requestID)
	w.WriteHeader(http.StatusOK)
	out := eventWriter{w: w, flush: http.NewResponseController(w)}
	if !out.send(initialResponseHeaders, []byte("{}")) {
		return
	}
	ctx := r.Context()
	for ev, err := range sub.Events(ctx) {
		if err != nil {
			if ctx.Err() == nil { // otherwise the client is gone: nobody to tell
				out.sendException(err)
			}
			return
		}
		payload, err := json.Marshal(subscribeEventJSON{
			Records:                    recordsOf(ev.Records),
			ContinuationSequenceNumber: ev.ContinuationSequenceNumber.String(),
			MillisBehindLatest:         ev.MillisBehindLatest,
			ChildShards:                childShardsOf(ev.ChildShards),
		})
		if err != nil { // cannot happen: the event holds strings, bytes and numbers
			out.sendException(err)
			return
		}
		if !out.send(subscribeEventHeaders, payload) {
			return
		}
	}
}

// eventWriter writes event-stream messages to a reply, flushing each.
type eventWriter struct {
	w     http.ResponseWriter
	flush *http.ResponseController
	buf   []byte // reused for each message
}

// send writes one message and flushes it, and reports whether the client
// is still reading.
func (ew *eventWriter) send(headers []header, payload []byte) bool {
	ew.buf = appendMessage(ew.buf[:0], headers, payload)
	if _, err := ew.w.Write(ew.buf); err != nil {
		return false
	}
	// A writer that cannot flush delivers the messages when the handler
	// returns; one whose client has gone fails the next Write.
	_ = ew.flush.Flush()
	return true
}

// modelledException reports whether SubscribeToShard's event stream
// models the error shape; any other travels as InternalFailureException.
func modelledException(shape string) bool {
	switch shape {
	case "ResourceNotFoundException", "ResourceInUseException", "InternalFailureException",
		"KMSDisabledException", "KMSInvalidStateException", "KMSAccessDeniedException",
		"KMSNotFoundException", "KMSOptInRequired", "KMSThrottlingException":
		return true
	}
	return false
}

// sendException writes err as the stream's last message.
func (ew *eventWriter) sendException(err error) {
	shape, msg := "InternalFailureException", stream.ErrInternalFailure.Message
	var ae *awserr.Error
	if errors.As(err, &ae) && modelledException(ae.ShapeName()) {
		shape, msg = ae.ShapeName(), ae.Message
	}
	payload, _ := json.Marshal(struct {
		Message string `json:"message"`
	}{msg})
	ew.send(exceptionHeaders(shape), payload)
}
