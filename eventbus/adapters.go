package eventbus

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/internal/jsonpath"
	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stepfn"
	"github.com/switchyard/switchyard/stream"
	"github.com/switchyard/switchyard/topic"
)

// Compile-time checks that every adapter is a Destination.
var (
	_ Destination = queueTarget[string]{}
	_ Destination = topicTarget[string]{}
	_ Destination = (*streamTarget[string])(nil)
	_ Destination = firehoseTarget{}
	_ Destination = stateMachineTarget{}
	_ Destination = busTarget{}
	_ Destination = Func(nil)
)

// QueueParams are a queue target's settings (SqsParameters).
type QueueParams struct {
	// MessageGroupID is the group of every message on a FIFO queue;
	// required there, refused on a standard queue.
	MessageGroupID string
}

// ToQueue returns a destination that sends each input to q as a message
// body. On a FIFO queue the message group is params.MessageGroupID and
// the deduplication id is the event's id, so that a retried delivery is
// not stored twice.
func ToQueue[T ~string | ~[]byte](q *queue.Queue[T], params QueueParams) Destination {
	return queueTarget[T]{q, params}
}

type queueTarget[T ~string | ~[]byte] struct {
	q      *queue.Queue[T]
	params QueueParams
}

func (t queueTarget[T]) ARN() string { return t.q.ARN() }

func (t queueTarget[T]) Send(_ context.Context, d Delivery) error {
	in := queue.SendInput[T]{Body: T(d.Input)}
	if t.q.FIFO() {
		in.GroupID, in.DeduplicationID = t.params.MessageGroupID, d.Event.ID
	}
	_, err := t.q.Send(in)
	return err
}

// ToTopic returns a destination that publishes each input to tp as the
// message.
func ToTopic[T ~string | ~[]byte](tp *topic.Topic[T]) Destination { return topicTarget[T]{tp} }

type topicTarget[T ~string | ~[]byte] struct{ t *topic.Topic[T] }

func (t topicTarget[T]) ARN() string { return t.t.ARN() }

func (t topicTarget[T]) Send(_ context.Context, d Delivery) error {
	in := topic.PublishInput[T]{Message: T(d.Input)}
	if t.t.FIFO() {
		in.GroupID, in.DeduplicationID = d.Event.ID, d.Event.ID
	}
	_, err := t.t.Publish(in)
	return err
}

// ToStream returns a destination that puts each input into s as a
// record. The partition key is the value at partitionKeyPath in the event
// (KinesisParameters.PartitionKeyPath, such as "$.detail.truckId"), or the
// event's id when the path is empty; a path that selects nothing fails
// the delivery, as EventBridge fails it.
func ToStream[T ~string | ~[]byte](s *stream.Stream[T], partitionKeyPath string) (Destination, error) {
	t := &streamTarget[T]{s: s}
	if partitionKeyPath != "" {
		p, err := jsonpath.Parse(partitionKeyPath)
		if err != nil {
			return nil, ErrValidation.Errorf("Parameter PartitionKeyPath is not valid. Reason: %v", err)
		}
		t.path = p
	}
	return t, nil
}

type streamTarget[T ~string | ~[]byte] struct {
	s    *stream.Stream[T]
	path *jsonpath.Path
}

func (t *streamTarget[T]) ARN() string { return t.s.ARN() }

func (t *streamTarget[T]) Send(_ context.Context, d Delivery) error {
	key := d.Event.ID
	if t.path != nil {
		var err error
		if key, err = partitionKey(t.path, d.Event); err != nil {
			return &TargetError{Code: "INVALID_PARAMETER", Err: err}
		}
	}
	_, err := t.s.Put(stream.PutInput[T]{PartitionKey: key, Data: T(d.Input)})
	return err
}

// partitionKey reads the event's value at path as a partition key:
// strings as they are, other values as their JSON.
func partitionKey(path *jsonpath.Path, ev *Event) (string, error) {
	doc, err := jsonvalue.Decode(ev.AppendJSON(nil))
	if err != nil {
		return "", err
	}
	v, err := path.Get(doc)
	if err != nil {
		return "", err
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return jsonvalue.Compact(v)
}

// ToFirehose returns a destination that puts each input into ds as a
// record.
func ToFirehose(ds *firehose.DeliveryStream) Destination { return firehoseTarget{ds} }

type firehoseTarget struct{ ds *firehose.DeliveryStream }

func (t firehoseTarget) ARN() string { return t.ds.ARN() }

func (t firehoseTarget) Send(_ context.Context, d Delivery) error {
	_, err := t.ds.Put(d.Input)
	return err
}

// ToStateMachine returns a destination that starts an execution of sm for
// each input, with the input as the execution's input. The input must be
// JSON; other input fails the delivery with INVALID_JSON.
func ToStateMachine(sm *stepfn.StateMachine) Destination { return stateMachineTarget{sm} }

type stateMachineTarget struct{ sm *stepfn.StateMachine }

func (t stateMachineTarget) ARN() string { return t.sm.ARN() }

func (t stateMachineTarget) Send(ctx context.Context, d Delivery) error {
	if !json.Valid(d.Input) {
		return &TargetError{Code: "INVALID_JSON", Err: fmt.Errorf("the input is not JSON")}
	}
	_, err := t.sm.Start(ctx, stepfn.StartInput{Input: string(d.Input)})
	return err
}

// ToBus returns a destination that puts each event on another bus, where
// that bus's rules match it. The event goes as it is — same id, source and
// detail — whatever input settings the target has.
func ToBus(b *Bus) Destination { return busTarget{b} }

type busTarget struct{ b *Bus }

func (t busTarget) ARN() string { return t.b.ARN() }

func (t busTarget) Send(_ context.Context, d Delivery) error {
	if t.b.isClosed() {
		return &TargetError{Code: "RESOURCE_NOT_FOUND", Err: t.b.notFound()}
	}
	ev := *d.Event
	t.b.stats.add(&t.b.stats.events, 1)
	t.b.route(&ev, t.b.now(), nil)
	return nil
}

// Func is a destination that calls a Go function with each delivery. A
// returned error is retried under the target's retry policy, unless it is
// a [*TargetError] that says otherwise.
type Func func(ctx context.Context, d Delivery) error

// Send calls f.
func (f Func) Send(ctx context.Context, d Delivery) error { return f(ctx, d) }
