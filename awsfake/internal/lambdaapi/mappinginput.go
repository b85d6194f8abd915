package lambdaapi

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/pattern"
)

// The input of CreateEventSourceMapping and UpdateEventSourceMapping, and
// the settings of a mapping it makes, checked as Lambda checks them:
// model constraints first (ValidationException), then the rules of the
// source (InvalidParameterValueException).

// mappingInput is the body of CreateEventSourceMapping (every member) and
// of UpdateEventSourceMapping (the members it has). Members left out are
// nil.
type mappingInput struct {
	FunctionName                   *string            `json:"FunctionName"`
	EventSourceArn                 *string            `json:"EventSourceArn"`
	Enabled                        *bool              `json:"Enabled"`
	BatchSize                      *int32             `json:"BatchSize"`
	MaximumBatchingWindowInSeconds *int32             `json:"MaximumBatchingWindowInSeconds"`
	ParallelizationFactor          *int32             `json:"ParallelizationFactor"`
	StartingPosition               *string            `json:"StartingPosition"`
	StartingPositionTimestamp      *float64           `json:"StartingPositionTimestamp"`
	DestinationConfig              *destinationConfig `json:"DestinationConfig"`
	MaximumRecordAgeInSeconds      *int32             `json:"MaximumRecordAgeInSeconds"`
	BisectBatchOnFunctionError     *bool              `json:"BisectBatchOnFunctionError"`
	MaximumRetryAttempts           *int32             `json:"MaximumRetryAttempts"`
	TumblingWindowInSeconds        *int32             `json:"TumblingWindowInSeconds"`
	FunctionResponseTypes          *[]string          `json:"FunctionResponseTypes"`
	ScalingConfig                  *scalingConfig     `json:"ScalingConfig"`
	FilterCriteria                 *filterCriteria    `json:"FilterCriteria"`
	KMSKeyArn                      *string            `json:"KMSKeyArn"`
	// Tags are accepted and not kept: the service has no tagging API.
	Tags map[string]string `json:"Tags"`

	// Members of the sources the service does not map (Kafka, MQ,
	// DocumentDB): refused when present.
	Topics                              json.RawMessage `json:"Topics"`
	Queues                              json.RawMessage `json:"Queues"`
	SourceAccessConfigurations          json.RawMessage `json:"SourceAccessConfigurations"`
	SelfManagedEventSource              json.RawMessage `json:"SelfManagedEventSource"`
	AmazonManagedKafkaEventSourceConfig json.RawMessage `json:"AmazonManagedKafkaEventSourceConfig"`
	SelfManagedKafkaEventSourceConfig   json.RawMessage `json:"SelfManagedKafkaEventSourceConfig"`
	DocumentDBEventSourceConfig         json.RawMessage `json:"DocumentDBEventSourceConfig"`
}

// scalingConfig is the model's ScalingConfig (SQS only).
type scalingConfig struct {
	MaximumConcurrency *int32 `json:"MaximumConcurrency,omitempty"`
}

// destinationConfig is the model's DestinationConfig (streams only).
type destinationConfig struct {
	OnSuccess *destination `json:"OnSuccess,omitempty"`
	OnFailure *destination `json:"OnFailure,omitempty"`
}

type destination struct {
	Destination string `json:"Destination,omitempty"`
}

// sourceKind is the service an event source belongs to.
type sourceKind int

const (
	sourceSQS sourceKind = iota
	sourceKinesis
)

// mappingConfig is a mapping's settings.
type mappingConfig struct {
	kind           sourceKind
	fifo           bool // an SQS FIFO queue
	function       functionRef
	sourceARN      string
	enabled        bool
	batchSize      int
	window         int // MaximumBatchingWindowInSeconds
	maxConcurrency int // ScalingConfig.MaximumConcurrency; 0 for none
	responseTypes  []string
	filterCriteria *filterCriteria
	filters        []*pattern.Policy
	kmsKeyARN      string

	// Streams only.
	startingPosition  string
	startingTimestamp time.Time // zero for none
	parallelization   int
	maxRecordAge      int // seconds; -1 for no limit
	bisect            bool
	maxRetries        int // -1 for no limit
	tumblingWindow    int
	destination       destinationConfig
}

// reportsBatchItemFailures reports whether the function answers partial
// batch responses.
func (c *mappingConfig) reportsBatchItemFailures() bool {
	return slices.Contains(c.responseTypes, reportBatchItemFailures)
}

// Defaults and ranges of the mapping parameters, from Lambda's model and
// documentation.
const (
	defaultSQSBatchSize     = 10
	defaultStreamBatchSize  = 100
	maxMappingBatchSize     = 10000
	maxFIFOBatchSize        = 10
	maxBatchingWindow       = 300
	maxParallelization      = 10
	maxRecordAgeSeconds     = 604800
	minRecordAgeSeconds     = 60
	maxMappingRetryAttempts = 10000
	maxTumblingWindow       = 900
	minMaximumConcurrency   = 2
	maxMaximumConcurrency   = 1000
)

// Starting positions of a stream mapping.
const (
	positionTrimHorizon = "TRIM_HORIZON"
	positionLatest      = "LATEST"
	positionAtTimestamp = "AT_TIMESTAMP"
)

// decodeMappingInput decodes a request body, Lambda's
// InvalidRequestContentException when it is not a JSON object of the
// input's members.
func decodeMappingInput(body []byte) (*mappingInput, error) {
	in := new(mappingInput)
	if len(strings.TrimSpace(string(body))) == 0 {
		return in, nil
	}
	if err := json.Unmarshal(body, in); err != nil {
		return nil, ErrInvalidRequestContent.Errorf("Could not parse request body into json: %s", jsonProblem(err))
	}
	return in, nil
}

// jsonProblem words a decoding error without Go's type names.
func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return "the request body is not a JSON object."
		}
		return "unexpected JSON " + typeErr.Value + " for member " + typeErr.Field + "."
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return "the request body is not valid JSON (" + syntaxErr.Error() + ")."
	}
	return "the request body could not be read."
}

// checkModel checks the constraints of the model on every member given.
func (in *mappingInput) checkModel() error {
	var vs awserr.Violations
	intIn := func(v *int32, at string, lo, hi int) {
		switch {
		case v == nil:
		case int(*v) < lo:
			vs.AddInt(int(*v), at, awserr.ValueAtLeast(lo))
		case int(*v) > hi:
			vs.AddInt(int(*v), at, awserr.ValueAtMost(hi))
		}
	}
	intIn(in.BatchSize, "batchSize", 1, maxMappingBatchSize)
	intIn(in.MaximumBatchingWindowInSeconds, "maximumBatchingWindowInSeconds", 0, maxBatchingWindow)
	intIn(in.ParallelizationFactor, "parallelizationFactor", 1, maxParallelization)
	intIn(in.MaximumRecordAgeInSeconds, "maximumRecordAgeInSeconds", -1, maxRecordAgeSeconds)
	intIn(in.MaximumRetryAttempts, "maximumRetryAttempts", -1, maxMappingRetryAttempts)
	intIn(in.TumblingWindowInSeconds, "tumblingWindowInSeconds", 0, maxTumblingWindow)
	if in.ScalingConfig != nil {
		intIn(in.ScalingConfig.MaximumConcurrency, "scalingConfig.maximumConcurrency", minMaximumConcurrency, maxMaximumConcurrency)
	}
	if p := in.StartingPosition; p != nil {
		switch *p {
		case positionTrimHorizon, positionLatest, positionAtTimestamp:
		default:
			vs.AddString(*p, "startingPosition", awserr.Enum(positionLatest, positionAtTimestamp, positionTrimHorizon))
		}
	}
	if t := in.FunctionResponseTypes; t != nil {
		if len(*t) > 1 {
			vs.AddString("["+strings.Join(*t, ", ")+"]", "functionResponseTypes", awserr.LengthAtMost(1))
		}
		for _, v := range *t {
			if v != reportBatchItemFailures {
				vs.AddString("["+strings.Join(*t, ", ")+"]", "functionResponseTypes", "Member must satisfy constraint: ["+awserr.Enum(reportBatchItemFailures)+"]")
				break
			}
		}
	}
	return vs.Err(ErrValidation)
}

// unsupported is Lambda's error for a parameter the mapping's kind of
// source does not take.
func unsupported(param string) error {
	return ErrInvalidParameterValue.Errorf("Unsupported %s parameter for given event source mapping type.", param)
}

// refuseOtherSources refuses the members of sources the service does not
// map.
func (in *mappingInput) refuseOtherSources() error {
	for _, m := range []struct {
		name string
		raw  json.RawMessage
	}{
		{"Topics", in.Topics},
		{"Queues", in.Queues},
		{"SourceAccessConfigurations", in.SourceAccessConfigurations},
		{"SelfManagedEventSource", in.SelfManagedEventSource},
		{"AmazonManagedKafkaEventSourceConfig", in.AmazonManagedKafkaEventSourceConfig},
		{"SelfManagedKafkaEventSourceConfig", in.SelfManagedKafkaEventSourceConfig},
		{"DocumentDBEventSourceConfig", in.DocumentDBEventSourceConfig},
	} {
		if len(m.raw) > 0 && string(m.raw) != "null" {
			return unsupported(m.name)
		}
	}
	return nil
}

// defaults returns the settings of a new mapping of kind before its input
// is applied.
func defaults(kind sourceKind) mappingConfig {
	c := mappingConfig{kind: kind, enabled: true, responseTypes: []string{}}
	if kind == sourceSQS {
		c.batchSize = defaultSQSBatchSize
		return c
	}
	c.batchSize = defaultStreamBatchSize
	c.parallelization = 1
	c.maxRecordAge = -1
	c.maxRetries = -1
	c.destination = destinationConfig{OnFailure: &destination{}}
	return c
}

// apply sets the members in gives on c, checking that the source takes
// them, and then checks the settings together.
func (in *mappingInput) apply(c *mappingConfig) error {
	if err := in.refuseOtherSources(); err != nil {
		return err
	}
	if c.kind == sourceSQS {
		if in.StartingPosition != nil {
			return ErrInvalidParameterValue.WithMessage("StartingPosition is not valid for SQS event sources.")
		}
		for _, p := range []struct {
			name  string
			given bool
		}{
			{"StartingPositionTimestamp", in.StartingPositionTimestamp != nil},
			{"DestinationConfig", in.DestinationConfig != nil},
			{"ParallelizationFactor", in.ParallelizationFactor != nil},
			{"MaximumRecordAgeInSeconds", in.MaximumRecordAgeInSeconds != nil},
			{"BisectBatchOnFunctionError", in.BisectBatchOnFunctionError != nil},
			{"MaximumRetryAttempts", in.MaximumRetryAttempts != nil},
			{"TumblingWindowInSeconds", in.TumblingWindowInSeconds != nil},
		} {
			if p.given {
				return unsupported(p.name)
			}
		}
	} else if in.ScalingConfig != nil {
		return unsupported("ScalingConfig")
	}
	set := func(dst *int, v *int32) {
		if v != nil {
			*dst = int(*v)
		}
	}
	if in.Enabled != nil {
		c.enabled = *in.Enabled
	}
	set(&c.batchSize, in.BatchSize)
	set(&c.window, in.MaximumBatchingWindowInSeconds)
	set(&c.parallelization, in.ParallelizationFactor)
	set(&c.maxRecordAge, in.MaximumRecordAgeInSeconds)
	set(&c.maxRetries, in.MaximumRetryAttempts)
	set(&c.tumblingWindow, in.TumblingWindowInSeconds)
	if in.BisectBatchOnFunctionError != nil {
		c.bisect = *in.BisectBatchOnFunctionError
	}
	if in.FunctionResponseTypes != nil {
		c.responseTypes = append([]string{}, *in.FunctionResponseTypes...)
	}
	if in.ScalingConfig != nil { // {} takes the limit away
		c.maxConcurrency = 0
		set(&c.maxConcurrency, in.ScalingConfig.MaximumConcurrency)
	}
	if in.KMSKeyArn != nil {
		c.kmsKeyARN = *in.KMSKeyArn
	}
	if in.FilterCriteria != nil { // {} takes the filters away
		filters, err := compileFilters(in.FilterCriteria)
		if err != nil {
			return err
		}
		c.filters = filters
		c.filterCriteria = nil
		if len(filters) > 0 {
			fc := *in.FilterCriteria
			c.filterCriteria = &fc
		}
	}
	if in.DestinationConfig != nil {
		if in.DestinationConfig.OnSuccess != nil && in.DestinationConfig.OnSuccess.Destination != "" {
			return unsupported("DestinationConfig")
		}
		c.destination = destinationConfig{OnFailure: &destination{}}
		if d := in.DestinationConfig.OnFailure; d != nil {
			c.destination.OnFailure.Destination = d.Destination
		}
	}
	if in.StartingPosition != nil {
		c.startingPosition = *in.StartingPosition
	}
	if ts := in.StartingPositionTimestamp; ts != nil {
		if math.IsNaN(*ts) || math.IsInf(*ts, 0) || math.Abs(*ts) > 1e11 {
			return ErrInvalidParameterValue.WithMessage("StartingPositionTimestamp is not a valid time.")
		}
		c.startingTimestamp = time.UnixMilli(int64(math.Round(*ts * 1000)))
	}
	return c.check()
}

// check checks the settings of c together, as the source's rules say.
func (c *mappingConfig) check() error {
	if c.kind == sourceSQS {
		switch {
		case c.fifo && c.batchSize > maxFIFOBatchSize:
			return ErrInvalidParameterValue.WithMessage("Maximum batch size must be between 1 and 10 inclusive")
		case c.batchSize > 10 && c.window == 0:
			return ErrInvalidParameterValue.WithMessage("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
		}
		return nil
	}
	switch {
	case c.startingPosition == "":
		return ErrInvalidParameterValue.WithMessage("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.")
	case c.startingPosition == positionAtTimestamp && c.startingTimestamp.IsZero():
		return ErrInvalidParameterValue.WithMessage("Need to specify a timestamp")
	case c.startingPosition != positionAtTimestamp && !c.startingTimestamp.IsZero():
		return ErrInvalidParameterValue.WithMessage("StartingPositionTimestamp can only be specified when StartingPosition is AT_TIMESTAMP.")
	case c.maxRecordAge != -1 && c.maxRecordAge < minRecordAgeSeconds:
		return ErrInvalidParameterValue.Errorf("MaximumRecordAgeInSeconds must be -1 or between %d and %d.", minRecordAgeSeconds, maxRecordAgeSeconds)
	}
	return nil
}
