package sfnapi

import (
	"context"
	"sort"
	"time"

	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/stepfn"
)

// StartExecution, StartSyncExecution, DescribeExecution,
// DescribeStateMachineForExecution, StopExecution, ListExecutions and
// RedriveExecution.

type startExecutionInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
	Name            *string `json:"name"`
	Input           *string `json:"input"`
	TraceHeader     *string `json:"traceHeader"`
	IncludedData    *string `json:"includedData"` // StartSyncExecution only
}

// startRequest is a checked start: what to start, under which name, on
// which input.
type startRequest struct {
	ref         stateMachineRef
	name, input string
	traceHeader string
}

// checkStart checks a start request as AWS does, in AWS's order: the
// model, the ARN, the name, the input.
func (s *Service) checkStart(in *startExecutionInput) (startRequest, error) {
	var c checks
	c.reqLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	c.optLength(in.Input, "input", 0, stepfn.MaxPayloadBytes, true)
	c.optLength(in.TraceHeader, "traceHeader", 0, 256, false)
	if in.IncludedData != nil {
		c.enum(*in.IncludedData, "includedData", includedDataValues...)
	}
	if err := c.err(); err != nil {
		return startRequest{}, err
	}
	ref, err := s.parseStateMachineARN(*in.StateMachineARN)
	if err != nil {
		return startRequest{}, err
	}
	if ref.label != "" {
		return startRequest{}, qualifiedARNRefused(ref.text)
	}
	req := startRequest{ref: ref, input: "{}"}
	if in.Name != nil {
		if err := checkName(*in.Name, "name"); err != nil {
			return startRequest{}, err
		}
		req.name = *in.Name
	}
	if in.Input != nil {
		if *in.Input == "" {
			return startRequest{}, invalidInput("Invalid execution input.")
		}
		if _, err := jsonvalue.Decode([]byte(*in.Input)); err != nil {
			return startRequest{}, invalidInput(err.Error())
		}
		req.input = *in.Input
	}
	if in.TraceHeader != nil {
		req.traceHeader = *in.TraceHeader
	}
	return req, nil
}

// targetLocked returns the machine a start goes to, the revision that
// runs it (the current one, a version's, or the one an alias picks) and
// how it was reached.
func (s *Service) targetLocked(req startRequest) (*machine, *revision, origin, error) {
	org := origin{traceHeader: req.traceHeader}
	m := s.machineLocked(req.ref.name)
	if m == nil {
		return nil, nil, org, noStateMachine(req.ref.text)
	}
	if m.deleting {
		return nil, nil, org, stateMachineDeleting(m.arn)
	}
	switch {
	case req.ref.version != 0:
		v := m.version(req.ref.version)
		if v == nil {
			return nil, nil, org, noStateMachine(req.ref.text)
		}
		org.version = v.arn
		return m, v.rev, org, nil
	case req.ref.alias != "":
		a := m.alias(req.ref.alias)
		if a == nil {
			return nil, nil, org, noStateMachine(req.ref.text)
		}
		v := s.pick(m, a)
		org.version, org.alias = v.arn, a.arn
		return m, v.rev, org, nil
	}
	return m, m.current, org, nil
}

// start starts an execution as StartExecution does.
func (s *Service) start(ctx context.Context, in *startExecutionInput) (*stepfn.Execution, error) {
	req, err := s.checkStart(in)
	if err != nil {
		return nil, err
	}
	// The lock makes the check of the name across revisions and the start
	// one step; Start only hands the execution to its own goroutine.
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rev, org, err := s.targetLocked(req)
	if err != nil {
		return nil, err
	}
	if m.typ == stepfn.Standard && req.name != "" {
		if prev := m.executionNamedLocked(req.name); prev != nil {
			d := prev.Describe()
			if d.Status == stepfn.Running && d.Input == req.input {
				return prev, nil // the same request again: the same execution
			}
			return nil, stepfn.ErrExecutionAlreadyExists.Errorf("Execution Already Exists: '%s'", d.ExecutionARN)
		}
	}
	e, err := rev.sm.Start(ctx, stepfn.StartInput{Name: req.name, Input: req.input})
	if err != nil {
		return nil, err
	}
	if org != (origin{}) && m.typ == stepfn.Standard { // Express executions cannot be described
		if m.origins == nil {
			m.origins = make(map[string]origin)
		}
		m.origins[e.ARN()] = org
	}
	if m.typ == stepfn.Express {
		rev.track(e)
	}
	return e, nil
}

// executionNamedLocked returns the Standard execution of any revision
// with that name, or nil.
func (m *machine) executionNamedLocked(name string) *stepfn.Execution {
	for i := len(m.revisions) - 1; i >= 0; i-- {
		if e, err := m.revisions[i].sm.Execution(name); err == nil {
			return e
		}
	}
	return nil
}

type startExecutionOutput struct {
	ExecutionARN string    `json:"executionArn"`
	StartDate    timestamp `json:"startDate"`
}

func (s *Service) startExecution(ctx context.Context, in *startExecutionInput) (*startExecutionOutput, error) {
	in.IncludedData = nil // not a member of StartExecution
	e, err := s.start(ctx, in)
	if err != nil {
		return nil, err
	}
	return &startExecutionOutput{ExecutionARN: e.ARN(), StartDate: timestamp(e.Describe().StartDate)}, nil
}

// dataDetails says whether an execution's input or output is in a reply.
type dataDetails struct {
	Included bool `json:"included"`
}

type billingDetails struct {
	BilledDurationInMilliseconds int64 `json:"billedDurationInMilliseconds"`
	BilledMemoryUsedInMB         int64 `json:"billedMemoryUsedInMB"`
}

type startSyncExecutionOutput struct {
	ExecutionARN    string          `json:"executionArn"`
	StateMachineARN string          `json:"stateMachineArn"`
	Name            string          `json:"name"`
	Status          string          `json:"status"`
	StartDate       timestamp       `json:"startDate"`
	StopDate        timestamp       `json:"stopDate"`
	Input           *string         `json:"input,omitempty"`
	InputDetails    dataDetails     `json:"inputDetails"`
	Output          *string         `json:"output,omitempty"`
	OutputDetails   *dataDetails    `json:"outputDetails,omitempty"`
	Error           string          `json:"error,omitempty"`
	Cause           string          `json:"cause,omitempty"`
	TraceHeader     string          `json:"traceHeader,omitempty"`
	BillingDetails  *billingDetails `json:"billingDetails,omitempty"`
}

// Express executions are billed by 100 ms, with 64 MB of memory (what
// AWS reports for the smallest Express executions).
const (
	billingUnit  = 100 * time.Millisecond
	billedMemory = 64
)

func (s *Service) startSyncExecution(ctx context.Context, in *startExecutionInput) (*startSyncExecutionOutput, error) {
	req, err := s.checkStart(in)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	m, rev, _, err := s.targetLocked(req)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if m.typ != stepfn.Express {
		return nil, errStateMachineTypeNotSupp.Clone()
	}
	e, err := rev.sm.Start(ctx, stepfn.StartInput{Name: req.name, Input: req.input})
	if err != nil {
		return nil, err
	}
	rev.track(e)
	defer rev.untrack(e)
	d, err := e.Wait(ctx)
	if err != nil {
		// The caller has gone: the execution stops with the request, as
		// StartSyncExecution's does when its connection ends.
		e.Stop("", "")
		<-e.Done()
		return nil, err
	}
	metadataOnly := in.IncludedData != nil && *in.IncludedData == "METADATA_ONLY"
	out := &startSyncExecutionOutput{
		ExecutionARN: d.ExecutionARN, StateMachineARN: m.arn, Name: d.Name, Status: string(d.Status),
		StartDate: timestamp(d.StartDate), StopDate: timestamp(d.StopDate),
		Error: d.Error, Cause: d.Cause, TraceHeader: req.traceHeader,
		InputDetails:   dataDetails{Included: !metadataOnly},
		BillingDetails: &billingDetails{BilledDurationInMilliseconds: billedMillis(d.StopDate.Sub(d.StartDate)), BilledMemoryUsedInMB: billedMemory},
	}
	if !metadataOnly {
		out.Input = &d.Input
	}
	if d.Status == stepfn.Succeeded {
		out.OutputDetails = &dataDetails{Included: !metadataOnly}
		if !metadataOnly {
			out.Output = &d.Output
		}
	}
	return out, nil
}

// billedMillis rounds a duration up to the billing unit, at least one.
func billedMillis(d time.Duration) int64 {
	units := (d + billingUnit - 1) / billingUnit
	return int64(max(units, 1) * billingUnit / time.Millisecond)
}

type executionARNInput struct {
	ExecutionARN *string `json:"executionArn"`
	IncludedData *string `json:"includedData"`
}

// ref checks the members and returns the execution's reference.
func (in *executionARNInput) ref(s *Service) (executionRef, error) {
	var c checks
	c.reqLength(in.ExecutionARN, "executionArn", 1, maxARN, false)
	if in.IncludedData != nil {
		c.enum(*in.IncludedData, "includedData", includedDataValues...)
	}
	if err := c.err(); err != nil {
		return executionRef{}, err
	}
	return s.parseExecutionARN(*in.ExecutionARN)
}

// found is an execution with the machine and revision that ran it.
type found struct {
	m   *machine
	rev *revision
	e   *stepfn.Execution
	org origin
}

// execution finds a Standard execution by ARN: Express executions cannot
// be described, stopped or read, as on AWS.
func (s *Service) execution(ref executionRef) (found, error) {
	if ref.express {
		return found{}, errResourceTypeNotValid(kindExpress)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.machine)
	if m == nil {
		return found{}, noExecution(ref.text)
	}
	for i := len(m.revisions) - 1; i >= 0; i-- {
		rev := m.revisions[i]
		if e, err := rev.sm.Execution(ref.name); err == nil && e.ARN() == ref.text {
			return found{m: m, rev: rev, e: e, org: m.origins[ref.text]}, nil
		}
	}
	return found{}, noExecution(ref.text)
}

type describeExecutionOutput struct {
	ExecutionARN           string       `json:"executionArn"`
	StateMachineARN        string       `json:"stateMachineArn"`
	Name                   string       `json:"name"`
	Status                 string       `json:"status"`
	StartDate              timestamp    `json:"startDate"`
	StopDate               timestamp    `json:"stopDate,omitzero"`
	Input                  *string      `json:"input,omitempty"`
	InputDetails           dataDetails  `json:"inputDetails"`
	Output                 *string      `json:"output,omitempty"`
	OutputDetails          *dataDetails `json:"outputDetails,omitempty"`
	Error                  string       `json:"error,omitempty"`
	Cause                  string       `json:"cause,omitempty"`
	StateMachineVersionARN string       `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasARN   string       `json:"stateMachineAliasArn,omitempty"`
	TraceHeader            string       `json:"traceHeader,omitempty"`
	RedriveCount           int          `json:"redriveCount"`
	RedriveStatus          string       `json:"redriveStatus"`
	RedriveStatusReason    string       `json:"redriveStatusReason"`
}

func (s *Service) describeExecution(_ context.Context, in *executionARNInput) (*describeExecutionOutput, error) {
	ref, err := in.ref(s)
	if err != nil {
		return nil, err
	}
	f, err := s.execution(ref)
	if err != nil {
		return nil, err
	}
	d := f.e.Describe()
	metadataOnly := in.IncludedData != nil && *in.IncludedData == "METADATA_ONLY"
	out := &describeExecutionOutput{
		ExecutionARN: d.ExecutionARN, StateMachineARN: f.m.arn, Name: d.Name, Status: string(d.Status),
		StartDate: timestamp(d.StartDate), StopDate: timestamp(d.StopDate),
		InputDetails: dataDetails{Included: !metadataOnly},
		Error:        d.Error, Cause: d.Cause,
		StateMachineVersionARN: f.org.version, StateMachineAliasARN: f.org.alias, TraceHeader: f.org.traceHeader,
		RedriveStatus: "NOT_REDRIVABLE", RedriveStatusReason: "Execution is " + string(d.Status) + " and cannot be redriven",
	}
	if !metadataOnly {
		out.Input = &d.Input
	}
	if d.Status == stepfn.Succeeded {
		out.OutputDetails = &dataDetails{Included: !metadataOnly}
		if !metadataOnly {
			out.Output = &d.Output
		}
	}
	return out, nil
}

type describeStateMachineForExecutionOutput struct {
	StateMachineARN         string                   `json:"stateMachineArn"`
	Name                    string                   `json:"name"`
	Definition              string                   `json:"definition"`
	RoleARN                 string                   `json:"roleArn"`
	UpdateDate              timestamp                `json:"updateDate"`
	LoggingConfiguration    loggingConfiguration     `json:"loggingConfiguration"`
	TracingConfiguration    tracingConfiguration     `json:"tracingConfiguration"`
	EncryptionConfiguration *encryptionConfiguration `json:"encryptionConfiguration,omitempty"`
	RevisionID              string                   `json:"revisionId,omitempty"`
}

func (s *Service) describeStateMachineForExecution(_ context.Context, in *executionARNInput) (*describeStateMachineForExecutionOutput, error) {
	ref, err := in.ref(s)
	if err != nil {
		return nil, err
	}
	f, err := s.execution(ref)
	if err != nil {
		return nil, err
	}
	set := f.rev.settings
	return &describeStateMachineForExecutionOutput{
		StateMachineARN: f.m.arn, Name: f.m.name, Definition: set.definition, RoleARN: set.roleARN,
		UpdateDate: timestamp(f.rev.updated), LoggingConfiguration: set.logging, TracingConfiguration: set.tracing,
		EncryptionConfiguration: set.encryption, RevisionID: f.rev.id,
	}, nil
}

type stopExecutionInput struct {
	ExecutionARN *string `json:"executionArn"`
	Error        *string `json:"error"`
	Cause        *string `json:"cause"`
}

type stopExecutionOutput struct {
	StopDate timestamp `json:"stopDate"`
}

func (s *Service) stopExecution(ctx context.Context, in *stopExecutionInput) (*stopExecutionOutput, error) {
	var c checks
	c.reqLength(in.ExecutionARN, "executionArn", 1, maxARN, false)
	c.optLength(in.Error, "error", 0, maxErrorName, true)
	c.optLength(in.Cause, "cause", 0, maxCause, true)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseExecutionARN(*in.ExecutionARN)
	if err != nil {
		return nil, err
	}
	f, err := s.execution(ref)
	if err != nil {
		return nil, err
	}
	var errorName, cause string
	if in.Error != nil {
		errorName = *in.Error
	}
	if in.Cause != nil {
		cause = *in.Cause
	}
	f.e.Stop(errorName, cause)
	select {
	case <-f.e.Done():
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &stopExecutionOutput{StopDate: timestamp(f.e.Describe().StopDate)}, nil
}

type listExecutionsInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
	MapRunARN       *string `json:"mapRunArn"`
	StatusFilter    *string `json:"statusFilter"`
	RedriveFilter   *string `json:"redriveFilter"`
	pageRequest
}

type executionListItem struct {
	ExecutionARN           string    `json:"executionArn"`
	StateMachineARN        string    `json:"stateMachineArn"`
	Name                   string    `json:"name"`
	Status                 string    `json:"status"`
	StartDate              timestamp `json:"startDate"`
	StopDate               timestamp `json:"stopDate,omitzero"`
	StateMachineVersionARN string    `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasARN   string    `json:"stateMachineAliasArn,omitempty"`
	RedriveCount           int       `json:"redriveCount"`
}

type listExecutionsOutput struct {
	Executions []executionListItem `json:"executions"`
	NextToken  string              `json:"nextToken,omitempty"`
}

// The execution statuses and redrive filters of the model.
var (
	executionStatuses = []string{"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"}
	redriveFilters    = []string{"REDRIVEN", "NOT_REDRIVEN"}
)

func (s *Service) listExecutions(_ context.Context, in *listExecutionsInput) (*listExecutionsOutput, error) {
	var c checks
	c.optLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	c.optLength(in.MapRunARN, "mapRunArn", 1, maxLongARN, false)
	if in.StatusFilter != nil {
		c.enum(*in.StatusFilter, "statusFilter", executionStatuses...)
	}
	if in.RedriveFilter != nil {
		c.enum(*in.RedriveFilter, "redriveFilter", redriveFilters...)
	}
	in.check(&c, 3096)
	if err := c.err(); err != nil {
		return nil, err
	}
	switch {
	case in.MapRunARN != nil:
		if _, err := parseARN(*in.MapRunARN, kindMapRun); err != nil {
			return nil, err
		}
		return nil, resourceNotFound(*in.MapRunARN) // no map runs here
	case in.StateMachineARN == nil:
		return nil, validation("1 validation error detected: Must provide a StateMachine ARN or MapRun ARN")
	}
	ref, err := s.parseStateMachineARN(*in.StateMachineARN)
	if err != nil {
		return nil, err
	}
	if ref.label != "" {
		return nil, qualifiedARNRefused(ref.text)
	}
	var status stepfn.Status
	if in.StatusFilter != nil {
		status = stepfn.Status(*in.StatusFilter)
	}

	s.mu.Lock()
	m := s.machineLocked(ref.name)
	if m == nil {
		s.mu.Unlock()
		return nil, noStateMachine(ref.text)
	}
	if m.typ != stepfn.Standard {
		s.mu.Unlock()
		return nil, errStateMachineTypeNotSupp.Clone()
	}
	if (ref.version != 0 && m.version(ref.version) == nil) || (ref.alias != "" && m.alias(ref.alias) == nil) {
		s.mu.Unlock()
		return nil, noStateMachine(ref.text)
	}
	var items []executionListItem
	if in.RedriveFilter == nil || *in.RedriveFilter == "NOT_REDRIVEN" {
		for i := len(m.revisions) - 1; i >= 0; i-- {
			for _, d := range m.revisions[i].sm.List(status) {
				org := m.origins[d.ExecutionARN]
				switch {
				case ref.version != 0 && org.version != versionARN(m.arn, ref.version):
					continue
				case ref.alias != "" && org.alias != aliasARN(m.arn, ref.alias):
					continue
				}
				items = append(items, executionListItem{
					ExecutionARN: d.ExecutionARN, StateMachineARN: m.arn, Name: d.Name, Status: string(d.Status),
					StartDate: timestamp(d.StartDate), StopDate: timestamp(d.StopDate),
					StateMachineVersionARN: org.version, StateMachineAliasARN: org.alias,
				})
			}
		}
	}
	s.mu.Unlock()
	// Most recently started first; each revision's list already is, and
	// among equal start times the later revision's executions are newer.
	sort.SliceStable(items, func(i, j int) bool {
		return time.Time(items[i].StartDate).After(time.Time(items[j].StartDate))
	})
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.ExecutionARN
	}
	scope := "executions\x00" + ref.text + "\x00" + string(status)
	from, to, next, err := in.page(scope, keys)
	if err != nil {
		return nil, err
	}
	return &listExecutionsOutput{Executions: append([]executionListItem{}, items[from:to]...), NextToken: next}, nil
}

type redriveExecutionInput struct {
	ExecutionARN *string `json:"executionArn"`
	ClientToken  *string `json:"clientToken"`
}

// redriveExecution answers that no execution can be redriven: the engine
// does not restart a failed execution from the state that failed.
func (s *Service) redriveExecution(_ context.Context, in *redriveExecutionInput) (*empty, error) {
	var c checks
	c.reqLength(in.ExecutionARN, "executionArn", 1, maxARN, false)
	c.optLength(in.ClientToken, "clientToken", 1, 64, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseExecutionARN(*in.ExecutionARN)
	if err != nil {
		return nil, err
	}
	f, err := s.execution(ref)
	if err != nil {
		return nil, err
	}
	return nil, errExecutionNotRedrivable.Errorf("Execution is %s and cannot be redriven: redrive is not supported by this emulator", f.e.Status())
}
