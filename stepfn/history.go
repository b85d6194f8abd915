package stepfn

import (
	"sync"
	"time"
)

// HistoryEvent is one event of an execution's history, as
// GetExecutionHistory returns it: an id, the id of the event it follows in
// its thread of work (0 for the first), when it happened, its type (AWS's
// HistoryEventType, such as "PassStateEntered"), and the details its type
// has. Inputs and outputs are JSON text. The previous ids chain as AWS
// chains them: each Parallel branch and Map iteration starts after the
// state's ParallelStateStarted (or the iterations that ended before it),
// and events such as MapIterationSucceeded and ParallelStateSucceeded are
// followed by nothing: the next event names the one before them.
type HistoryEvent struct {
	ID              int64
	PreviousEventID int64
	Timestamp       time.Time
	Type            string

	// StateName is the state of a *StateEntered or *StateExited event
	// (stateEnteredEventDetails.name / stateExitedEventDetails.name).
	StateName string
	// Input is the input of ExecutionStarted and *StateEntered events.
	Input string
	// Output is the output of ExecutionSucceeded, *StateExited and
	// *Succeeded task events.
	Output string
	// AssignedVariables are the variables a *StateExited event's state
	// assigned, each as JSON text.
	AssignedVariables map[string]string
	// Error and Cause are those of *Failed, *TimedOut and ExecutionAborted
	// events.
	Error, Cause string
	// Resource and ResourceType name a task's resource in Task* events
	// ("invoke" and "lambda" for arn:aws:states:::lambda:invoke), and
	// Region its region; Parameters is TaskScheduled's input, and
	// TimeoutInSeconds and HeartbeatInSeconds its limits (0 when absent).
	Resource, ResourceType, Region string
	Parameters                     string
	TimeoutInSeconds               int64
	HeartbeatInSeconds             int64
	// Index and Length are a Map iteration's index (MapIteration* events,
	// whose StateName is the Map state's) and a Map state's item count
	// (MapStateStarted).
	Index, Length int
}

// event is a history event as the engine records it: small, because an
// execution records two for every state it runs, and with its values kept
// as they are, encoded only when the history is read.
type event struct {
	at      int64 // Unix nanoseconds
	prev    int64
	typ     string
	state   string
	value   any // the input or output, as valueIs says
	valueIs valueKind
	index   int     // a MapIteration* event's Index, MapStateStarted's Length
	detail  *detail // the fields few events have (shared by events that have the same)
}

// valueKind says what an event's value is.
type valueKind uint8

const (
	noValue valueKind = iota
	inputValue
	outputValue
)

// detail holds the fields of the events that have more than a type, a
// state and a value.
type detail struct {
	HistoryEvent                 // Error, Cause, Resource…, Index, Length
	parameters    any            // TaskScheduled's input
	hasParameters bool           //
	assigned      map[string]any // a *StateExited's assigned variables
}

// withDetail returns an event of type typ with the given detail fields.
func withDetail(typ string, d HistoryEvent) event {
	return event{typ: typ, detail: &detail{HistoryEvent: d}}
}

// failure returns an event of type typ carrying f's error and cause.
func failure(typ string, f *Failure) event {
	return withDetail(typ, HistoryEvent{Error: f.Name, Cause: f.Cause})
}

// eventChunk is how many events a history stores per block: blocks are
// never copied as the history grows.
const eventChunk = 256

// history is an execution's event log, shared by the goroutines of its
// branches and iterations.
type history struct {
	mu     sync.Mutex
	chunks [][]event
	n      int64
}

// add records an event after prev (0 for none) and returns its id.
func (h *history) add(prev int64, at time.Time, e event) int64 {
	e.prev, e.at = prev, at.UnixNano()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n%eventChunk == 0 {
		h.chunks = append(h.chunks, make([]event, 0, eventChunk))
	}
	last := &h.chunks[len(h.chunks)-1]
	*last = append(*last, e)
	h.n++
	return h.n
}

// read returns the events recorded so far, encoded.
func (h *history) read() []HistoryEvent {
	h.mu.Lock()
	chunks := make([][]event, len(h.chunks))
	for i, c := range h.chunks {
		chunks[i] = c[:len(c):len(c)]
	}
	n := h.n
	h.mu.Unlock()
	out := make([]HistoryEvent, 0, n)
	for _, c := range chunks {
		for i := range c {
			out = append(out, c[i].public(int64(len(out))+1))
		}
	}
	return out
}

// public returns the event as GetExecutionHistory shows it.
func (e *event) public(id int64) HistoryEvent {
	var h HistoryEvent
	if e.detail != nil {
		h = e.detail.HistoryEvent
		if e.detail.hasParameters {
			h.Parameters = compactJSON(e.detail.parameters)
		}
		if e.detail.assigned != nil {
			h.AssignedVariables = make(map[string]string, len(e.detail.assigned))
			for k, v := range e.detail.assigned {
				h.AssignedVariables[k] = compactJSON(v)
			}
		}
	}
	h.ID, h.PreviousEventID, h.Timestamp, h.Type = id, e.prev, time.Unix(0, e.at).UTC(), e.typ
	if e.state != "" {
		h.StateName = e.state
	}
	if e.typ == "MapStateStarted" {
		h.Length = e.index
	} else {
		h.Index = e.index
	}
	switch e.valueIs {
	case inputValue:
		h.Input = compactJSON(e.value)
	case outputValue:
		h.Output = compactJSON(e.value)
	}
	return h
}
