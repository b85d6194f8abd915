package lambdaapi

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/uuid"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stream"
)

// Event source mappings: CreateEventSourceMapping, GetEventSourceMapping,
// ListEventSourceMappings, UpdateEventSourceMapping and
// DeleteEventSourceMapping, under /2015-03-31/event-source-mappings.
//
// A mapping's changes take effect before the operation answers: an
// enabled mapping's consumer is running when Create or Update returns,
// and a deleted or disabled one's has stopped, its batches under way
// finished. The reply names the transition Lambda would report
// (Creating, Enabling, Disabling, Updating, Deleting); Get and List show
// the state reached.

// mapping is one event source mapping.
type mapping struct {
	uuid string
	seq  uint64 // its place in creation order
	q    *queue.Queue[string]
	st   *stream.Stream[[]byte]
	// op is held by the operation changing the mapping, so that a second
	// one fails with ResourceInUseException as Lambda's does while a
	// mapping is in transition.
	op chan struct{}

	// deleted is guarded by Service.mu: set when the mapping leaves the
	// service, after which nothing starts its consumer again.
	deleted bool

	mu           sync.Mutex // guards the fields below
	cfg          mappingConfig
	lastModified time.Time
	consumer     *runner       // nil when the mapping is not running
	kinesis      *kinesisState // streams only: kept while the mapping lives
}

// runner is a goroutine of the service that can be stopped and waited for.
type runner struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when the goroutine has returned
}

// stop ends the goroutine and waits for it.
func (r *runner) stop() {
	r.cancel()
	<-r.done
}

// acquire takes m's operation lock, or fails as Lambda does for a mapping
// in transition.
func (m *mapping) acquire() error {
	select {
	case m.op <- struct{}{}:
		return nil
	default:
		return ErrResourceInUse.WithMessage("The event source mapping is being changed by another request; try again when it is done.")
	}
}

func (m *mapping) release() { <-m.op }

// mappingOutput is the model's EventSourceMappingConfiguration.
type mappingOutput struct {
	UUID                           string             `json:"UUID"`
	StartingPosition               string             `json:"StartingPosition,omitempty"`
	StartingPositionTimestamp      *float64           `json:"StartingPositionTimestamp,omitempty"`
	BatchSize                      int                `json:"BatchSize"`
	MaximumBatchingWindowInSeconds int                `json:"MaximumBatchingWindowInSeconds"`
	ParallelizationFactor          *int               `json:"ParallelizationFactor,omitempty"`
	EventSourceArn                 string             `json:"EventSourceArn"`
	FilterCriteria                 *filterCriteria    `json:"FilterCriteria,omitempty"`
	FunctionArn                    string             `json:"FunctionArn"`
	LastModified                   float64            `json:"LastModified"`
	LastProcessingResult           string             `json:"LastProcessingResult,omitempty"`
	State                          string             `json:"State"`
	StateTransitionReason          string             `json:"StateTransitionReason"`
	DestinationConfig              *destinationConfig `json:"DestinationConfig,omitempty"`
	MaximumRecordAgeInSeconds      *int               `json:"MaximumRecordAgeInSeconds,omitempty"`
	BisectBatchOnFunctionError     *bool              `json:"BisectBatchOnFunctionError,omitempty"`
	MaximumRetryAttempts           *int               `json:"MaximumRetryAttempts,omitempty"`
	TumblingWindowInSeconds        *int               `json:"TumblingWindowInSeconds,omitempty"`
	FunctionResponseTypes          []string           `json:"FunctionResponseTypes"`
	ScalingConfig                  *scalingConfig     `json:"ScalingConfig,omitempty"`
	KMSKeyArn                      string             `json:"KMSKeyArn,omitempty"`
	EventSourceMappingArn          string             `json:"EventSourceMappingArn"`
}

// Mapping states.
const (
	stateCreating  = "Creating"
	stateEnabling  = "Enabling"
	stateEnabled   = "Enabled"
	stateDisabling = "Disabling"
	stateDisabled  = "Disabled"
	stateUpdating  = "Updating"
	stateDeleting  = "Deleting"
)

// output describes m in state (its settled state when state is "").
func (s *Service) output(m *mapping, state string) mappingOutput {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := &m.cfg
	if state == "" {
		state = stateDisabled
		if c.enabled {
			state = stateEnabled
		}
	}
	out := mappingOutput{
		UUID:                           m.uuid,
		BatchSize:                      c.batchSize,
		MaximumBatchingWindowInSeconds: c.window,
		EventSourceArn:                 c.sourceARN,
		FilterCriteria:                 c.filterCriteria,
		FunctionArn:                    c.function.qualifiedARN(),
		LastModified:                   epochSeconds(m.lastModified),
		State:                          state,
		StateTransitionReason:          "USER_INITIATED",
		FunctionResponseTypes:          slices.Clone(c.responseTypes),
		KMSKeyArn:                      c.kmsKeyARN,
		EventSourceMappingArn:          "arn:aws:lambda:" + s.region + ":" + s.account + ":event-source-mapping:" + m.uuid,
	}
	if c.kind == sourceSQS {
		if c.maxConcurrency > 0 {
			n := int32(c.maxConcurrency)
			out.ScalingConfig = &scalingConfig{MaximumConcurrency: &n}
		}
		return out
	}
	out.StateTransitionReason = "User action"
	out.StartingPosition = c.startingPosition
	if !c.startingTimestamp.IsZero() {
		ts := epochSeconds(c.startingTimestamp)
		out.StartingPositionTimestamp = &ts
	}
	out.ParallelizationFactor = &c.parallelization
	out.MaximumRecordAgeInSeconds = &c.maxRecordAge
	out.BisectBatchOnFunctionError = &c.bisect
	out.MaximumRetryAttempts = &c.maxRetries
	out.TumblingWindowInSeconds = &c.tumblingWindow
	d := c.destination
	out.DestinationConfig = &d
	out.LastProcessingResult = m.kinesis.lastResult()
	return out
}

// epochSeconds writes t as the JSON protocols write timestamps: seconds,
// to the millisecond.
func epochSeconds(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }

// newUUID returns a random version-4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	hi, lo := uuid.Stamp(binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), 4)
	return uuid.String(hi, lo)
}

// createMapping is CreateEventSourceMapping.
func (s *Service) createMapping(body []byte) (mappingOutput, error) {
	in, err := decodeMappingInput(body)
	if err != nil {
		return mappingOutput{}, err
	}
	if in.FunctionName == nil {
		return mappingOutput{}, ErrValidation.WithMessage("1 validation error detected: Value null at 'functionName' failed to satisfy constraint: " + "Member must not be null")
	}
	ref, err := s.parseFunctionName(*in.FunctionName, "functionName", maxMappingFunction)
	if err != nil {
		return mappingOutput{}, err
	}
	if err := in.checkModel(); err != nil {
		return mappingOutput{}, err
	}
	if in.EventSourceArn == nil || *in.EventSourceArn == "" {
		return mappingOutput{}, ErrInvalidParameterValue.WithMessage("Unrecognized event source.")
	}
	m := &mapping{uuid: newUUID(), op: make(chan struct{}, 1), lastModified: s.clock.Now()}
	kind, err := s.resolveSource(m, *in.EventSourceArn)
	if err != nil {
		return mappingOutput{}, err
	}
	cfg := defaults(kind)
	cfg.sourceARN = *in.EventSourceArn
	cfg.fifo = m.q != nil && m.q.FIFO()
	if err := in.apply(&cfg); err != nil {
		return mappingOutput{}, err
	}
	if !cfg.startingTimestamp.IsZero() && cfg.startingTimestamp.After(s.clock.Now()) {
		return mappingOutput{}, ErrInvalidParameterValue.WithMessage("StartingPositionTimestamp cannot be in the future.")
	}
	if _, err := s.lookup(ref); err != nil {
		return mappingOutput{}, ErrInvalidParameterValue.WithMessage("Function does not exist")
	}
	cfg.function = ref
	m.cfg = cfg
	if kind == sourceKinesis {
		if m.kinesis, err = s.newKinesisState(m.st, cfg, stream.StartingPosition{}); err != nil {
			return mappingOutput{}, err
		}
	}
	_ = m.acquire() // nobody else knows m yet
	defer m.release()
	if err := s.insert(m); err != nil {
		return mappingOutput{}, err
	}
	if cfg.enabled {
		s.startConsumer(m)
	}
	return s.output(m, stateCreating), nil
}

// resolveSource finds the queue or stream an event source ARN names and
// keeps it on m.
func (s *Service) resolveSource(m *mapping, arn string) (sourceKind, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return 0, ErrInvalidParameterValue.Errorf("Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : %s", arn)
	}
	switch parts[2] {
	case "sqs":
		q, ok := s.queue(arn)
		if !ok {
			return 0, ErrInvalidParameterValue.Errorf("Error occurred while ReceiveMessage. SQS Error Code: %s. SQS Error Message: %s", queue.ErrQueueDoesNotExist.Code, queue.ErrQueueDoesNotExist.Message)
		}
		m.q = q
		return sourceSQS, nil
	case "kinesis":
		// A stream consumer's ARN (…:stream/name/consumer/c:1) reads its
		// stream: consumers add dedicated throughput, not different records.
		streamARN, _, _ := strings.Cut(arn, "/consumer/")
		st, ok := s.stream(streamARN)
		if !ok {
			return 0, ErrInvalidParameterValue.Errorf("Stream not found: %s", arn)
		}
		m.st = st
		return sourceKinesis, nil
	case "dynamodb", "kafka", "mq", "docdb", "rds":
		return 0, ErrInvalidParameterValue.Errorf("Switchyard maps SQS queues and Kinesis streams only, not %s event sources: %s", parts[2], arn)
	}
	return 0, ErrInvalidParameterValue.Errorf("Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : %s", arn)
}

// insert adds m to the service unless a mapping of the same source and
// function exists.
func (s *Service) insert(m *mapping) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fnARN := m.cfg.function.qualifiedARN()
	for _, o := range s.mappings {
		o.mu.Lock()
		same := o.cfg.sourceARN == m.cfg.sourceARN && o.cfg.function.qualifiedARN() == fnARN
		o.mu.Unlock()
		if !same {
			continue
		}
		if m.cfg.kind == sourceSQS {
			return ErrResourceConflict.Errorf(`An event source mapping with SQS arn (" %s ") and function (" %s ") already exists. Please update or delete the existing mapping with UUID %s`, m.cfg.sourceARN, m.cfg.function.name, o.uuid)
		}
		return ErrResourceConflict.Errorf(`The event source arn (" %s ") and function (" %s ") provided mapping already exists. Please update or delete the existing mapping with UUID %s`, m.cfg.sourceARN, m.cfg.function.name, o.uuid)
	}
	s.seq++
	m.seq = s.seq
	s.mappings[m.uuid] = m
	return nil
}

// findMapping returns the mapping with id, or ResourceNotFoundException.
func (s *Service) findMapping(id string) (*mapping, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.mappings[id]
	if m == nil {
		return nil, mappingNotFound()
	}
	return m, nil
}

// startConsumer starts m's consumer, unless m has been deleted. The
// caller holds m's operation lock, and m has no consumer running.
func (s *Service) startConsumer(m *mapping) {
	m.mu.Lock()
	cfg := m.cfg
	ks := m.kinesis
	m.mu.Unlock()
	var body func(ctx context.Context)
	if cfg.kind == sourceSQS {
		body = func(ctx context.Context) { s.consumeQueue(ctx, m.q, cfg) }
	} else {
		body = func(ctx context.Context) { ks.run(ctx) }
	}
	r := s.start(func() bool { return !m.deleted }, body)
	m.mu.Lock()
	m.consumer = r
	m.mu.Unlock()
}

// stopConsumer stops m's consumer, if it runs, and waits for it. The
// caller holds m's operation lock.
func (m *mapping) stopConsumer() {
	m.mu.Lock()
	r := m.consumer
	m.consumer = nil
	m.mu.Unlock()
	if r != nil {
		r.stop()
	}
}

// getMapping is GetEventSourceMapping.
func (s *Service) getMapping(id string) (mappingOutput, error) {
	m, err := s.findMapping(id)
	if err != nil {
		return mappingOutput{}, err
	}
	return s.output(m, ""), nil
}

// updateMapping is UpdateEventSourceMapping.
func (s *Service) updateMapping(id string, body []byte) (mappingOutput, error) {
	m, err := s.findMapping(id)
	if err != nil {
		return mappingOutput{}, err
	}
	in, err := decodeMappingInput(body)
	if err != nil {
		return mappingOutput{}, err
	}
	if err := m.acquire(); err != nil {
		return mappingOutput{}, err
	}
	defer m.release()
	m.mu.Lock()
	cfg := m.cfg
	m.mu.Unlock()
	was := cfg.enabled
	if in.FunctionName != nil {
		ref, err := s.parseFunctionName(*in.FunctionName, "functionName", maxMappingFunction)
		if err != nil {
			return mappingOutput{}, err
		}
		if _, err := s.lookup(ref); err != nil {
			return mappingOutput{}, ErrInvalidParameterValue.WithMessage("Function does not exist")
		}
		cfg.function = ref
	}
	if err := in.checkModel(); err != nil {
		return mappingOutput{}, err
	}
	// These members belong to Create alone: Update's model has none of
	// them, so a request carrying them is refused rather than half done.
	if in.EventSourceArn != nil || in.StartingPosition != nil || in.StartingPositionTimestamp != nil {
		return mappingOutput{}, ErrInvalidParameterValue.WithMessage("EventSourceArn, StartingPosition and StartingPositionTimestamp cannot be updated.")
	}
	if err := in.apply(&cfg); err != nil {
		return mappingOutput{}, err
	}
	m.stopConsumer()
	var ks *kinesisState
	if cfg.kind == sourceKinesis {
		m.mu.Lock()
		ks = m.kinesis
		m.mu.Unlock()
		if ks, err = ks.reconfigure(s, cfg); err != nil {
			// The stream is gone: the mapping keeps its old settings and
			// goes on as it was.
			if was {
				s.startConsumer(m)
			}
			return mappingOutput{}, err
		}
	}
	m.mu.Lock()
	m.cfg = cfg
	m.lastModified = s.clock.Now()
	if ks != nil {
		m.kinesis = ks
	}
	m.mu.Unlock()
	if cfg.enabled {
		s.startConsumer(m)
	}
	state := stateUpdating
	switch {
	case cfg.enabled && !was:
		state = stateEnabling
	case !cfg.enabled && was:
		state = stateDisabling
	}
	return s.output(m, state), nil
}

// deleteMapping is DeleteEventSourceMapping.
func (s *Service) deleteMapping(id string) (mappingOutput, error) {
	m, err := s.findMapping(id)
	if err != nil {
		return mappingOutput{}, err
	}
	if err := m.acquire(); err != nil {
		return mappingOutput{}, err
	}
	defer m.release()
	s.mu.Lock()
	if m.deleted {
		s.mu.Unlock()
		return mappingOutput{}, mappingNotFound()
	}
	m.deleted = true
	delete(s.mappings, id)
	s.mu.Unlock()
	m.stopConsumer()
	return s.output(m, stateDeleting), nil
}

// listMappingsOutput is ListEventSourceMappings' output.
type listMappingsOutput struct {
	EventSourceMappings []mappingOutput `json:"EventSourceMappings"`
	NextMarker          string          `json:"NextMarker,omitempty"`
}

// defaultListMappings is ListEventSourceMappings' page size.
const defaultListMappings = 100

// listMappings is ListEventSourceMappings: the mappings in creation
// order, those of one source and of one function when asked. A marker is
// the creation number of the mapping its page starts at.
func (s *Service) listMappings(r *http.Request) (listMappingsOutput, error) {
	limit, err := maxItems(r, defaultListMappings)
	if err != nil {
		return listMappingsOutput{}, err
	}
	var from uint64
	if mk := queryParam(r, "Marker"); mk != nil {
		if from, err = strconv.ParseUint(*mk, 10, 64); err != nil {
			return listMappingsOutput{}, ErrInvalidParameterValue.Errorf("Invalid Marker: %s", *mk)
		}
	}
	var fn *functionRef
	if name := queryParam(r, "FunctionName"); name != nil {
		ref, err := s.parseFunctionName(*name, "functionName", maxMappingFunction)
		if err != nil {
			return listMappingsOutput{}, err
		}
		fn = &ref
	}
	source := queryParam(r, "EventSourceArn")
	s.mu.Lock()
	all := make([]*mapping, 0, len(s.mappings))
	for _, m := range s.mappings {
		if m.seq >= from {
			all = append(all, m)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(all, func(a, b *mapping) int { return cmp.Compare(a.seq, b.seq) })
	out := listMappingsOutput{EventSourceMappings: []mappingOutput{}}
	for _, m := range all {
		m.mu.Lock()
		keep := (source == nil || m.cfg.sourceARN == *source) && (fn == nil || matchesFunction(m.cfg.function, *fn))
		m.mu.Unlock()
		if !keep {
			continue
		}
		if len(out.EventSourceMappings) == limit {
			out.NextMarker = strconv.FormatUint(m.seq, 10)
			break
		}
		out.EventSourceMappings = append(out.EventSourceMappings, s.output(m, ""))
	}
	return out, nil
}

// matchesFunction reports whether a mapping's function is the one a
// FunctionName filter names: the same function, and the same qualifier
// when the filter has one.
func matchesFunction(have, want functionRef) bool {
	return have.arn == want.arn && (want.qualifier == "" || have.qualifier == want.qualifier)
}
