package firehose

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/stream"
)

// Source is where a delivery stream takes records from other than Put
// and PutBatch; [FromStream] makes one.
type Source interface {
	start(ds *DeliveryStream) (*sourceRun, error)
}

// sourceRun is a source being read.
type sourceRun struct {
	streamARN string
	cancel    context.CancelFunc
	done      chan struct{}
}

// stop stops reading and waits until the reader has ended.
func (r *sourceRun) stop() {
	r.cancel()
	<-r.done
}

// streamSource reads a stream, as a KinesisStreamAsSource delivery stream
// does.
type streamSource[T any] struct {
	s      *stream.Stream[T]
	encode func(T) ([]byte, error)
}

// FromStream makes s a delivery stream's source, as
// KinesisStreamSourceConfiguration does: the delivery stream reads every
// shard of s, children after their parents when s is resharded, from the
// moment [New] makes it on (AWS reads from LATEST as of the delivery
// stream's creation), and takes each record as if it had been put, with
// the stream record's arrival time. encode turns a record's data into
// bytes; nil takes []byte and string data as they are and encodes
// anything else as JSON. A record encode fails on goes to the error
// output as processing-failed.
//
// The delivery stream reads with a [stream.Group] of its own, whose
// checkpoints stay in memory.
func FromStream[T any](s *stream.Stream[T], encode func(T) ([]byte, error)) Source {
	if encode == nil {
		encode = defaultEncode[T]
	}
	return streamSource[T]{s: s, encode: encode}
}

// defaultEncode is FromStream's encoding when none is given.
func defaultEncode[T any](v T) ([]byte, error) {
	switch rv := reflect.ValueOf(&v).Elem(); {
	case rv.Kind() == reflect.String:
		return []byte(rv.String()), nil
	case rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8:
		return rv.Bytes(), nil
	}
	return json.Marshal(v)
}

func (src streamSource[T]) start(ds *DeliveryStream) (*sourceRun, error) {
	if src.s == nil {
		return nil, ErrInvalidSource.WithMessage("The source stream is nil.")
	}
	// The group reads every shard from its trim horizon, children after
	// parents, and the records that were there at New are skipped: a
	// group's own LATEST would be resolved only when it first reads a
	// shard, and a timestamp would also take the records put in New's
	// millisecond before it.
	tails, err := shardTails(src.s)
	if err != nil {
		return nil, ErrInvalidSource.WithMessage(err.Error())
	}
	g, err := stream.NewGroup(src.s, stream.GroupConfig[T]{
		Name:      groupName(ds.name),
		BatchSize: stream.MaxGroupBatchSize,
	}, stream.HandlerFunc[T](func(_ context.Context, shardID string, batch []stream.Record[T]) error {
		if tail, ok := tails[shardID]; ok {
			batch = slices.DeleteFunc(batch, func(r stream.Record[T]) bool { return r.SequenceNumber.Compare(tail) <= 0 })
		}
		takeFromStream(ds, shardID, batch, src.encode)
		return nil
	}))
	if err != nil {
		return nil, ErrInvalidSource.WithMessage(err.Error())
	}
	ctx, cancel := context.WithCancel(context.Background())
	run := &sourceRun{streamARN: src.s.ARN(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(run.done)
		_ = g.Run(ctx, ds.name) // ends when the delivery stream closes or the stream is deleted
	}()
	return run, nil
}

// shardTails returns the sequence number of the last record of each shard
// of s that has records: where reading from LATEST starts, now.
func shardTails[T any](s *stream.Stream[T]) (map[string]stream.SequenceNumber, error) {
	tails := map[string]stream.SequenceNumber{}
	in := stream.ListShardsInput{MaxResults: stream.MaxListShardsMaxResults}
	for {
		out, err := s.ListShards(in)
		if err != nil {
			return nil, err
		}
		for _, sh := range out.Shards {
			for r, err := range s.Records(sh.ShardID, stream.StartingPosition{Type: stream.TrimHorizon}) {
				if err != nil {
					return nil, err
				}
				tails[sh.ShardID] = r.SequenceNumber
			}
		}
		if out.NextToken == "" {
			return tails, nil
		}
		in = stream.ListShardsInput{NextToken: out.NextToken}
	}
}

// groupName turns a delivery stream name into a consumer group name,
// whose alphabet has no '.'.
func groupName(name string) string {
	return strings.ReplaceAll(name, ".", "_")
}

// takeFromStream takes a batch of stream records, as a put would, each
// with its stream record's arrival time and metadata.
func takeFromStream[T any](ds *DeliveryStream, shardID string, batch []stream.Record[T], encode func(T) ([]byte, error)) {
	data := make([][]byte, len(batch))
	errs := make([]error, len(batch))
	for i, r := range batch {
		data[i], errs[i] = encode(r.Data)
	}
	routes := ds.set.routes(data)
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for i, r := range batch {
		p := pending{at: r.ApproximateArrivalTimestamp.UnixMilli(), meta: &KinesisRecordMetadata{
			ShardID:                     shardID,
			PartitionKey:                r.PartitionKey,
			SequenceNumber:              r.SequenceNumber.String(),
			ApproximateArrivalTimestamp: r.ApproximateArrivalTimestamp,
		}}
		if errs[i] != nil {
			ds.failLocked(processingFailed, p, nil, &failure{code: "Kinesis.RecordEncodingFailed", message: errs[i].Error()}, 1)
			continue
		}
		var rt *route
		if routes != nil {
			rt = &routes[i]
		}
		ds.acceptLocked(p, data[i], rt)
	}
	ds.sealZeroBufferingLocked()
}
