package stepfn

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// Status is an execution's status.
type Status string

// The statuses an execution goes through.
const (
	Running   Status = "RUNNING"
	Succeeded Status = "SUCCEEDED"
	Failed    Status = "FAILED"
	TimedOut  Status = "TIMED_OUT"
	Aborted   Status = "ABORTED"
)

// MaxPayloadBytes is the most an execution's input or output, or a task's
// result, may hold: 256 KiB of UTF-8.
const MaxPayloadBytes = 256 << 10

// Execution is one run of a state machine. Its methods are safe for
// concurrent use.
type Execution struct {
	sm        *StateMachine
	name, arn string
	input     any
	inputText string
	start     time.Time
	hist      history
	mocks     *mocks // the test case's mocked states, if any
	cancel    context.CancelCauseFunc
	done      chan struct{}

	mu     sync.Mutex
	status Status
	stop   time.Time
	output any
	fail   *Failure
}

// StartInput is what [StateMachine.Start] takes.
type StartInput struct {
	// Name is the execution's name; empty means a new UUID. A Standard
	// execution started again with the same name and input while it runs
	// is the same execution.
	Name string
	// Input is the execution's JSON input; empty means "{}".
	Input string
	// TestCase names a test case of the state machine in its
	// [MockConfig] ([WithMockConfig]): its mocked states return their
	// mocked responses instead of calling handlers, as an execution
	// started with "stateMachineArn#TestCase" does in Step Functions Local.
	TestCase string
}

// Description is what DescribeExecution reports.
type Description struct {
	ExecutionARN    string
	StateMachineARN string
	Name            string
	Status          Status
	StartDate       time.Time
	StopDate        time.Time // zero while running
	Input           string
	Output          string // set when SUCCEEDED
	Error, Cause    string // set when FAILED, TIMED_OUT or ABORTED
}

// Start starts an execution, as StartExecution does, and returns at once;
// the execution runs in its own goroutines until it ends or is stopped.
// ctx only bounds the call, not the execution.
func (sm *StateMachine) Start(ctx context.Context, in StartInput) (*Execution, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.Name == "" {
		in.Name = newUUID(sm.opts.rand())
	} else if err := checkName(in.Name); err != nil {
		return nil, err
	}
	if in.Input == "" {
		in.Input = "{}"
	}
	if len(in.Input) > MaxPayloadBytes {
		return nil, ErrInvalidExecutionInput.Errorf("Invalid execution input: the input is larger than %d bytes", MaxPayloadBytes)
	}
	input, err := jsonvalue.Decode([]byte(in.Input))
	if err != nil {
		return nil, ErrInvalidExecutionInput.Errorf("Invalid execution input: %v", err)
	}
	mocked, err := sm.testCase(in.TestCase)
	if err != nil {
		return nil, err
	}
	sm.mu.Lock()
	defer sm.mu.Unlock()
	if sm.closed {
		return nil, ErrValidation.WithMessage("The state machine is closed")
	}
	if sm.typ == Standard {
		if prev := sm.executions[in.Name]; prev != nil {
			if prev.Status() == Running && prev.inputText == in.Input {
				return prev, nil
			}
			return nil, ErrExecutionAlreadyExists.Errorf("Execution Already Exists: '%s'", prev.arn)
		}
	}
	e := &Execution{
		sm:        sm,
		name:      in.Name,
		arn:       sm.executionARN(in.Name),
		input:     input,
		inputText: in.Input,
		start:     sm.now(),
		status:    Running,
		done:      make(chan struct{}),
		mocks:     mocked,
	}
	if sm.typ == Standard {
		sm.executions[in.Name] = e
		sm.order = append(sm.order, e)
	}
	runCtx, cancel := context.WithCancelCause(context.Background())
	e.cancel = cancel
	sm.live[e] = true
	sm.running.Add(1)
	go func() {
		defer sm.running.Done()
		e.run(runCtx)
		sm.mu.Lock()
		delete(sm.live, e)
		sm.mu.Unlock()
	}()
	return e, nil
}

func (sm *StateMachine) executionARN(name string) string {
	kind := "execution"
	if sm.typ == Express {
		kind = "express"
	}
	return "arn:aws:states:" + sm.opts.region + ":" + sm.opts.account + ":" + kind + ":" + sm.name + ":" + name
}

// Execution returns the Standard execution with the given name or ARN.
func (sm *StateMachine) Execution(nameOrARN string) (*Execution, error) {
	sm.mu.Lock()
	defer sm.mu.Unlock()
	if e := sm.executions[nameOrARN]; e != nil {
		return e, nil
	}
	for _, e := range sm.order {
		if e.arn == nameOrARN {
			return e, nil
		}
	}
	return nil, ErrExecutionDoesNotExist.Errorf("Execution Does Not Exist: '%s'", nameOrARN)
}

// List returns the Standard executions with the given status (all when
// status is empty), the most recently started first, as ListExecutions
// does.
func (sm *StateMachine) List(status Status) []Description {
	sm.mu.Lock()
	all := append([]*Execution(nil), sm.order...)
	sm.mu.Unlock()
	var out []Description
	for i := len(all) - 1; i >= 0; i-- {
		if d := all[i].Describe(); status == "" || d.Status == status {
			out = append(out, d)
		}
	}
	return out
}

// StartSync runs an execution to its end and returns its description, as
// StartSyncExecution does for Express machines (it works for both types
// here). If ctx ends first, the execution is stopped.
func (sm *StateMachine) StartSync(ctx context.Context, in StartInput) (Description, error) {
	e, err := sm.Start(ctx, in)
	if err != nil {
		return Description{}, err
	}
	d, err := e.Wait(ctx)
	if err != nil {
		e.Stop("", "")
		<-e.done
		return e.Describe(), err
	}
	return d, nil
}

// Close stops every running execution, as StopExecution would, and waits
// for their goroutines to end, or for ctx to end. Later Starts fail.
func (sm *StateMachine) Close(ctx context.Context) error {
	sm.mu.Lock()
	sm.closed = true
	all := make([]*Execution, 0, len(sm.live))
	for e := range sm.live {
		all = append(all, e)
	}
	sm.mu.Unlock()
	for _, e := range all {
		e.Stop("", "")
	}
	done := make(chan struct{})
	go func() {
		sm.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Name returns the execution's name, and ARN its ARN.
func (e *Execution) Name() string { return e.name }

// ARN returns the execution's ARN.
func (e *Execution) ARN() string { return e.arn }

// Status returns the execution's status now.
func (e *Execution) Status() Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.status
}

// Done returns a channel closed when the execution has ended.
func (e *Execution) Done() <-chan struct{} { return e.done }

// Wait waits for the execution to end and returns its description, or
// returns ctx's error if ctx ends first (the execution goes on).
func (e *Execution) Wait(ctx context.Context) (Description, error) {
	select {
	case <-e.done:
		return e.Describe(), nil
	case <-ctx.Done():
		return Description{}, ctx.Err()
	}
}

// Describe returns the execution's description now.
func (e *Execution) Describe() Description {
	e.mu.Lock()
	defer e.mu.Unlock()
	d := Description{
		ExecutionARN:    e.arn,
		StateMachineARN: e.sm.arn,
		Name:            e.name,
		Status:          e.status,
		StartDate:       e.start,
		StopDate:        e.stop,
		Input:           e.inputText,
	}
	if e.status == Succeeded {
		d.Output = compactJSON(e.output)
	}
	if e.fail != nil {
		d.Error, d.Cause = e.fail.Name, e.fail.Cause
	}
	return d
}

// Stop stops a running execution, as StopExecution does: it ends ABORTED
// with the given error and cause, and its running tasks' contexts end.
// Stopping an execution that has ended does nothing.
func (e *Execution) Stop(errorName, cause string) {
	e.cancel(&Failure{Name: errorName, Cause: cause})
}

// History returns the execution's events so far, as GetExecutionHistory
// does. Express executions keep none the API can read.
func (e *Execution) History() ([]HistoryEvent, error) {
	if e.sm.typ == Express {
		return nil, ErrValidation.WithMessage("Express executions have no history; GetExecutionHistory supports Standard executions only")
	}
	return e.hist.read(), nil
}

// Output returns the output of a succeeded execution as JSON.
func (e *Execution) Output() json.RawMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.status != Succeeded {
		return nil
	}
	return json.RawMessage(compactJSON(e.output))
}
