package lambdaapi

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stream"
)

// Stream mappings: a consumer group of the stream ([stream.Group]) reads
// every shard from the mapping's starting position, makes batches as
// Lambda does (batch size, batching window) and hands each to the mapping's
// function as Lambda's Kinesis event. A function error retries the batch
// (bisecting it when asked) until it succeeds, runs out of retries or its
// records are too old; a partial batch response retries from the first
// record it names.

// streamRetryDelay is how long a stream mapping waits before retrying a
// failed batch. Lambda does not document its delay; a second keeps a
// function that always fails from spinning.
const streamRetryDelay = time.Second

// streamWorker names the one worker that runs in a mapping's group.
const streamWorker = "lambda"

// Values of LastProcessingResult.
const (
	resultNone    = "No records processed"
	resultOK      = "OK"
	resultProblem = "PROBLEM: Function call failed"
)

// kinesisState is what a stream mapping keeps while it lives: its group,
// whose lease table holds the shards' checkpoints across Disable and
// Enable, and its handler.
type kinesisState struct {
	st      *stream.Stream[[]byte]
	group   *stream.Group[[]byte]
	made    groupSettings // the settings the group was made with
	handler *streamHandler
}

// groupSettings are the settings of a mapping that its group is made
// with; changing one makes a new group.
type groupSettings struct {
	name          string
	batchSize     int
	window        int
	bisect        bool
	maxRetries    int
	maxRecordAge  int
	onFailureDest string
}

func groupSettingsOf(c mappingConfig) groupSettings {
	dest := ""
	if c.destination.OnFailure != nil {
		dest = c.destination.OnFailure.Destination
	}
	return groupSettings{
		name:          groupName(c.function.name),
		batchSize:     c.batchSize,
		window:        c.window,
		bisect:        c.bisect,
		maxRetries:    c.maxRetries,
		maxRecordAge:  c.maxRecordAge,
		onFailureDest: dest,
	}
}

// groupName makes a function name a valid group name (1–64 characters of
// [a-zA-Z0-9-_]): a registered function's name may have dots.
func groupName(fn string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, fn)
}

// newKinesisState makes the group of a stream mapping with settings cfg,
// starting where resume says, or at the mapping's starting position when
// resume is zero.
func (s *Service) newKinesisState(st *stream.Stream[[]byte], cfg mappingConfig, resume stream.StartingPosition) (*kinesisState, error) {
	h := &streamHandler{s: s}
	h.cfg.Store(&cfg)
	h.last.Store(resultNone)
	return s.makeGroup(st, cfg, resume, h)
}

// makeGroup makes a group for h.
func (s *Service) makeGroup(st *stream.Stream[[]byte], cfg mappingConfig, resume stream.StartingPosition, h *streamHandler) (*kinesisState, error) {
	set := groupSettingsOf(cfg)
	pos := resume
	if pos.Type == "" {
		pos = stream.StartingPosition{Type: stream.IteratorType(cfg.startingPosition), Timestamp: cfg.startingTimestamp}
	}
	gc := stream.GroupConfig[[]byte]{
		Name:                 set.name,
		InitialPosition:      pos,
		BatchSize:            cfg.batchSize,
		BatchingWindow:       time.Duration(cfg.window) * time.Second,
		BisectBatchOnError:   cfg.bisect,
		MaximumRetryAttempts: stream.Retries(cfg.maxRetries),
		MaximumRecordAge:     time.Duration(cfg.maxRecordAge) * time.Second,
		RetryDelay:           streamRetryDelay,
	}
	if set.onFailureDest != "" && strings.HasPrefix(set.onFailureDest, "arn:aws:sqs:") {
		dest := set.onFailureDest
		gc.OnFailure = stream.FailureDestinationFunc[[]byte](func(_ context.Context, f *stream.FailedBatch[[]byte]) error {
			s.sendFailure(dest, f)
			return nil
		})
	}
	g, err := stream.NewGroup(st, gc, h)
	switch {
	case errors.Is(err, stream.ErrResourceNotFound):
		return nil, ErrInvalidParameterValue.Errorf("Stream not found: %s", st.ARN())
	case err != nil: // the settings were checked as Lambda checks them; this is a fault of ours
		return nil, errService.WithMessage(err.Error())
	}
	return &kinesisState{st: st, group: g, made: set, handler: h}, nil
}

// sendFailure sends the invocation record of a batch given up to the SQS
// queue dest. A queue that is gone loses the record, as Lambda loses it
// when its destination fails.
func (s *Service) sendFailure(dest string, f *stream.FailedBatch[[]byte]) {
	q, ok := s.queue(dest)
	if !ok {
		return
	}
	b, err := json.Marshal(f)
	if err != nil {
		return
	}
	_, _ = q.Send(queue.SendInput[string]{Body: string(b)})
}

// run runs the group's worker until ctx ends or the stream is deleted.
func (k *kinesisState) run(ctx context.Context) {
	_ = k.group.Run(ctx, streamWorker) // it fails only when the stream is gone
}

// lastResult is the mapping's LastProcessingResult.
func (k *kinesisState) lastResult() string {
	if k == nil {
		return resultNone
	}
	return k.handler.last.Load().(string)
}

// reconfigure gives k's mapping the settings cfg. The group is kept when
// its settings do not change; otherwise a new group starts at the oldest
// record the old one had not processed, so that nothing is skipped (a
// record of another shard may then be handed over again, which stream
// mappings allow: they deliver at least once). The mapping's worker is
// not running.
func (k *kinesisState) reconfigure(s *Service, cfg mappingConfig) (*kinesisState, error) {
	next := k
	if groupSettingsOf(cfg) != k.made {
		var err error
		if next, err = s.makeGroup(k.st, cfg, k.resumePosition(s.clock.Now()), k.handler); err != nil {
			return nil, err
		}
	}
	k.handler.cfg.Store(&cfg)
	return next, nil
}

// resumePosition is where a new group must start so as to miss nothing
// the group has not processed: at the arrival time of the oldest such
// record, or now when every shard is caught up.
func (k *kinesisState) resumePosition(now time.Time) stream.StartingPosition {
	var oldest time.Time
	for _, l := range k.group.Leases() {
		var from stream.StartingPosition
		switch l.Checkpoint {
		case stream.CheckpointShardEnd, string(stream.Latest):
			continue // finished, or nothing put since the group started
		case string(stream.TrimHorizon):
			from = stream.StartingPosition{Type: stream.TrimHorizon}
		case string(stream.AtTimestamp):
			from = k.configuredStart()
		default:
			from = stream.StartingPosition{Type: stream.AfterSequenceNumber, SequenceNumber: l.Checkpoint}
		}
		for rec, err := range k.st.Records(l.ShardID, from) {
			if err == nil && (oldest.IsZero() || rec.ApproximateArrivalTimestamp.Before(oldest)) {
				oldest = rec.ApproximateArrivalTimestamp
			}
			break
		}
	}
	if oldest.IsZero() || oldest.After(now) {
		oldest = now
	}
	return stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: oldest}
}

// configuredStart is the starting position of a mapping at AT_TIMESTAMP.
func (k *kinesisState) configuredStart() stream.StartingPosition {
	c := k.handler.cfg.Load()
	return stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: c.startingTimestamp}
}

// streamHandler hands batches of a stream to a mapping's function. Its
// settings can change while its group lives (a new function, new response
// types or filters), so it reads them anew for every batch.
type streamHandler struct {
	s    *Service
	cfg  atomic.Pointer[mappingConfig]
	last atomic.Value // string: LastProcessingResult
}

// HandleBatch invokes the function with the records that pass the
// mapping's filters (the others count as processed) and reports what it
// says.
func (h *streamHandler) HandleBatch(ctx context.Context, shardID string, batch []stream.Record[[]byte]) error {
	cfg := h.cfg.Load()
	records := make([]kinesisRecord, 0, len(batch))
	for _, r := range batch {
		rec := h.record(cfg, shardID, r)
		if passes(cfg.filters, rec.filterDocument) {
			records = append(records, rec)
		}
	}
	if len(records) == 0 {
		return nil
	}
	fn, err := h.s.lookup(cfg.function)
	if err != nil {
		h.last.Store(resultProblem)
		return err
	}
	payload, err := json.Marshal(kinesisEvent{Records: records})
	if err != nil {
		return err
	}
	out, ferr := run(ctx, fn, payload)
	if ferr != nil {
		h.last.Store(resultProblem)
		return ferr
	}
	h.last.Store(resultOK)
	if !cfg.reportsBatchItemFailures() {
		return nil
	}
	ids, err := failedItems(out)
	if err != nil || len(ids) == 0 {
		return err
	}
	failed := &stream.BatchItemFailures{SequenceNumbers: make([]stream.SequenceNumber, 0, len(ids))}
	for _, id := range ids {
		n, err := stream.ParseSequenceNumber(id)
		if err != nil {
			return errInvalidBatchResponse
		}
		failed.SequenceNumbers = append(failed.SequenceNumbers, n)
	}
	return failed // the group fails the whole batch for a number not in it
}

// kinesisEvent is Lambda's Kinesis event.
type kinesisEvent struct {
	Records []kinesisRecord `json:"Records"`
}

// kinesisRecord is one record of a Kinesis event.
type kinesisRecord struct {
	Kinesis           kinesisData `json:"kinesis"`
	EventSource       string      `json:"eventSource"`
	EventVersion      string      `json:"eventVersion"`
	EventID           string      `json:"eventID"`
	EventName         string      `json:"eventName"`
	InvokeIdentityArn string      `json:"invokeIdentityArn"`
	AWSRegion         string      `json:"awsRegion"`
	EventSourceARN    string      `json:"eventSourceARN"`
}

type kinesisData struct {
	KinesisSchemaVersion        string  `json:"kinesisSchemaVersion"`
	PartitionKey                string  `json:"partitionKey"`
	SequenceNumber              string  `json:"sequenceNumber"`
	Data                        []byte  `json:"data"`
	ApproximateArrivalTimestamp float64 `json:"approximateArrivalTimestamp"`
}

// record describes a stream record as the Kinesis event does.
func (h *streamHandler) record(cfg *mappingConfig, shardID string, r stream.Record[[]byte]) kinesisRecord {
	seq := r.SequenceNumber.String()
	return kinesisRecord{
		Kinesis: kinesisData{
			KinesisSchemaVersion:        "1.0",
			PartitionKey:                r.PartitionKey,
			SequenceNumber:              seq,
			Data:                        r.Data,
			ApproximateArrivalTimestamp: epochSeconds(r.ApproximateArrivalTimestamp),
		},
		EventSource:       "aws:kinesis",
		EventVersion:      "1.0",
		EventID:           shardID + ":" + seq,
		EventName:         "aws:kinesis:record",
		InvokeIdentityArn: h.s.roleARN(),
		AWSRegion:         h.s.region,
		EventSourceARN:    cfg.sourceARN,
	}
}

// filterDocument is the record as filters see it: Kinesis mappings
// filter on the data key alone, the data decoded and read as JSON when it
// is JSON.
func (r *kinesisRecord) filterDocument() []byte {
	b, _ := json.Marshal(map[string]json.RawMessage{"data": jsonOrString(r.Kinesis.Data)}) // raw JSON always encodes
	return b
}
