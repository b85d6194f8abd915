package stepfn

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// tokens are the task tokens of a state machine's running tasks.
type tokens struct {
	mu       sync.Mutex
	pending  map[string]*pendingTask
	timedOut map[string]bool // tokens of tasks that ended by timing out
}

// pendingTask is a running task as its token reaches it.
type pendingTask struct {
	callback  bool            // a .waitForTaskToken task, which a completion ends
	done      chan completion // buffered: the first completion wins
	heartbeat chan struct{}   // buffered: a beat while one is unread is the same beat
}

// completion is how SendTaskSuccess or SendTaskFailure ended a task.
type completion struct {
	output any
	fail   *Failure
}

// tokenPrefix starts every token this package issues, so that a string
// that is not one is told apart (InvalidToken) from a token whose task has
// ended (TaskDoesNotExist).
const tokenPrefix = "AQ"

func (t *tokens) init() { t.pending, t.timedOut = map[string]*pendingTask{}, map[string]bool{} }

// issue makes a token for a new task.
func (t *tokens) issue(callback bool) (string, *pendingTask) {
	var b [48]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	tok := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	p := &pendingTask{callback: callback, done: make(chan completion, 1), heartbeat: make(chan struct{}, 1)}
	t.mu.Lock()
	t.pending[tok] = p
	t.mu.Unlock()
	return tok, p
}

// retire forgets a token whose task has ended, remembering whether it
// timed out: a late callback then gets TaskTimedOut, as on AWS.
func (t *tokens) retire(tok string, timedOut bool) {
	t.mu.Lock()
	delete(t.pending, tok)
	if timedOut {
		t.timedOut[tok] = true
	}
	t.mu.Unlock()
}

// find returns the task of a token, or the error AWS gives.
func (t *tokens) find(tok string) (*pendingTask, error) {
	if len(tok) < 1 || len(tok) > 1024 {
		return nil, ErrValidation.Errorf("1 validation error detected: Value at 'taskToken' failed to satisfy constraint: Member must have length between 1 and 1024")
	}
	if !strings.HasPrefix(tok, tokenPrefix) || len(tok) != len(tokenPrefix)+64 {
		return nil, ErrInvalidToken.Errorf("Invalid Token: '%s'", tok)
	}
	t.mu.Lock()
	p, timedOut := t.pending[tok], t.timedOut[tok]
	t.mu.Unlock()
	switch {
	case timedOut:
		return nil, ErrTaskTimedOut.WithMessage("Task Timed Out: 'Provided task does not exist anymore'")
	case p == nil:
		return nil, ErrTaskDoesNotExist.WithMessage("Task Does Not Exist: 'Provided task does not exist anymore'")
	}
	return p, nil
}

// SendTaskSuccess completes the task of a token with output, as
// SendTaskSuccess does. The output must be JSON of at most 256 KiB.
func (sm *StateMachine) SendTaskSuccess(token, output string) error {
	if len(output) > MaxPayloadBytes {
		return ErrInvalidOutput.Errorf("Invalid Output: the output is larger than %d bytes", MaxPayloadBytes)
	}
	v, err := jsonvalue.Decode([]byte(output))
	if err != nil {
		return ErrInvalidOutput.Errorf("Invalid Output: %v", err)
	}
	return sm.complete(token, completion{output: v})
}

// SendTaskFailure fails the task of a token with an error name and cause,
// as SendTaskFailure does; Retry and Catch see the error name.
func (sm *StateMachine) SendTaskFailure(token, errorName, cause string) error {
	if len(errorName) > 256 || len(cause) > 32768 {
		return ErrValidation.Errorf("1 validation error detected: error must be at most 256 characters and cause at most 32768")
	}
	return sm.complete(token, completion{fail: &Failure{Name: errorName, Cause: cause}})
}

// SendTaskHeartbeat tells the task of a token that its worker is alive,
// restarting its HeartbeatSeconds. It records no history event.
func (sm *StateMachine) SendTaskHeartbeat(token string) error {
	p, err := sm.tokens.find(token)
	if err != nil {
		return err
	}
	select {
	case p.heartbeat <- struct{}{}:
	default:
	}
	return nil
}

func (sm *StateMachine) complete(token string, c completion) error {
	p, err := sm.tokens.find(token)
	if err != nil {
		return err
	}
	if !p.callback {
		return ErrInvalidToken.Errorf("Invalid Token: '%s' is the token of a task that does not wait for a callback", token)
	}
	select {
	case p.done <- c:
		return nil
	default: // another completion came first; the task is ending
		return ErrTaskDoesNotExist.WithMessage("Task Timed Out: 'Provided task does not exist anymore'")
	}
}
