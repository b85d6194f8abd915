package stepfn

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// MockConfig is a mock configuration in the format of Step Functions
// Local's MockConfigFile.json: test cases, per state machine, that name a
// mocked response for some of its Task states, and the mocked responses,
// each a numbered sequence of returns and throws. An execution started
// with a [StartInput.TestCase] runs its mocked states' responses instead
// of their handlers.
type MockConfig struct {
	StateMachines   map[string]MockStateMachine          `json:"StateMachines"`
	MockedResponses map[string]map[string]MockedResponse `json:"MockedResponses"`
}

// MockStateMachine holds one state machine's test cases: each maps state
// names to mocked response names.
type MockStateMachine struct {
	TestCases map[string]map[string]string `json:"TestCases"`
}

// MockedResponse is one entry of a mocked response, for the invocations
// its key names ("0", or a range such as "1-3", counted from 0 per state
// per execution, retries included): a Return (the task's result) or a
// Throw (its error).
type MockedResponse struct {
	Return json.RawMessage `json:"Return,omitempty"`
	Throw  *MockedError    `json:"Throw,omitempty"`
}

// MockedError is a mocked task failure.
type MockedError struct {
	Error string `json:"Error"`
	Cause string `json:"Cause"`
}

// ParseMockConfig parses a MockConfigFile.json and checks that every
// response a test case names exists, that each response's keys are
// invocation numbers or ranges, and that each entry has exactly one of
// Return and Throw.
func ParseMockConfig(data []byte) (*MockConfig, error) {
	var c MockConfig
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, ErrValidation.Errorf("Invalid mock configuration: %v", err)
	}
	for smName, sm := range c.StateMachines {
		for tc, states := range sm.TestCases {
			for state, resp := range states {
				if _, ok := c.MockedResponses[resp]; !ok {
					return nil, ErrValidation.Errorf("Invalid mock configuration: test case %s of %s mocks state %s with %s, which is not among MockedResponses", tc, smName, state, resp)
				}
			}
		}
	}
	for name, entries := range c.MockedResponses {
		for key, r := range entries {
			if _, _, ok := invocationRange(key); !ok {
				return nil, ErrValidation.Errorf("Invalid mock configuration: response %s has key %q, which is not an invocation number or range", name, key)
			}
			if (r.Return == nil) == (r.Throw == nil) {
				return nil, ErrValidation.Errorf("Invalid mock configuration: response %s[%s] must have exactly one of Return and Throw", name, key)
			}
			if r.Return != nil && !json.Valid(r.Return) {
				return nil, ErrValidation.Errorf("Invalid mock configuration: response %s[%s] returns invalid JSON", name, key)
			}
		}
	}
	return &c, nil
}

// WithMockConfig makes the mocked responses of cfg available to
// executions started with a test case.
func WithMockConfig(cfg *MockConfig) Option {
	return func(o *options) { o.mocks = cfg }
}

// invocationRange parses "3" or "1-2".
func invocationRange(key string) (lo, hi int, ok bool) {
	a, b, isRange := strings.Cut(key, "-")
	lo, err1 := strconv.Atoi(a)
	hi, err2 := lo, error(nil)
	if isRange {
		hi, err2 = strconv.Atoi(b)
	}
	return lo, hi, err1 == nil && err2 == nil && lo >= 0 && hi >= lo
}

// mocks are the mocked states of one execution's test case and the
// invocations each has had.
type mocks struct {
	cfg    *MockConfig
	states map[string]string // state → mocked response name
	mu     sync.Mutex
	calls  map[string]int
}

// mockResult is a mocked task's outcome.
type mockResult struct {
	output any
	fail   *Failure
}

// testCase returns the mocks of a test case of the state machine, or the
// error StartExecution gives for an unknown one.
func (sm *StateMachine) testCase(name string) (*mocks, error) {
	if name == "" {
		return nil, nil
	}
	var states map[string]string
	if cfg := sm.opts.mocks; cfg != nil {
		states = cfg.StateMachines[sm.name].TestCases[name]
	}
	if states == nil {
		return nil, ErrValidation.Errorf("The test case %s is not in the mock configuration of state machine %s", name, sm.name)
	}
	return &mocks{cfg: sm.opts.mocks, states: states, calls: map[string]int{}}, nil
}

// mocked returns the mocked outcome of a state's next invocation, if the
// execution's test case mocks the state. An invocation the response has
// no entry for fails the execution.
func (r *runner) mocked(s *state) (mockResult, bool, *Failure) {
	m := r.e.mocks
	if m == nil {
		return mockResult{}, false, nil
	}
	name, ok := m.states[s.name]
	if !ok {
		return mockResult{}, false, nil
	}
	m.mu.Lock()
	n := m.calls[s.name]
	m.calls[s.name] = n + 1
	m.mu.Unlock()
	for key, resp := range m.cfg.MockedResponses[name] {
		lo, hi, _ := invocationRange(key)
		if n < lo || n > hi {
			continue
		}
		if resp.Throw != nil {
			return mockResult{fail: &Failure{Name: resp.Throw.Error, Cause: resp.Throw.Cause}}, true, nil
		}
		v, err := jsonvalue.Decode(resp.Return)
		if err != nil {
			return mockResult{}, true, &Failure{Name: ErrorRuntime, Cause: err.Error()}
		}
		return mockResult{output: v}, true, nil
	}
	return mockResult{}, true, &Failure{Name: ErrorRuntime, Cause: "The mocked response " + name + " has no entry for invocation " + strconv.Itoa(n) + " of state " + s.name}
}
