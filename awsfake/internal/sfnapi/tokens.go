package sfnapi

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/stepfn"
)

// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, and the index
// that lets them find a token of any execution of the account: the engine
// keeps a machine's tokens on the machine, and activity tokens are this
// package's own.

// tokenIndex maps each live task token to what issued it. It has its own
// lock: tasks record tokens from the executions' goroutines.
type tokenIndex struct {
	mu       sync.Mutex
	entries  map[string]tokenTarget
	timedOut map[string]bool // activity tokens whose task timed out
}

// tokenTarget is what a token reaches: an engine machine (a callback
// task, or a task with HeartbeatSeconds, whose token the engine issued),
// an activity task, or both (an activity task with HeartbeatSeconds).
type tokenTarget struct {
	sm   *stepfn.StateMachine
	rev  *revision     // the revision of sm, to forget its tokens with its machine
	task *activityTask // nil for a task of a service integration
}

func (t *tokenIndex) init() {
	t.entries = make(map[string]tokenTarget)
	t.timedOut = make(map[string]bool)
}

func (t *tokenIndex) reset() {
	t.mu.Lock()
	t.init()
	t.mu.Unlock()
}

func (t *tokenIndex) add(token string, target tokenTarget) {
	t.mu.Lock()
	t.entries[token] = target
	t.mu.Unlock()
}

func (t *tokenIndex) get(token string) (tokenTarget, bool, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	target, ok := t.entries[token]
	return target, ok, t.timedOut[token]
}

// remove forgets a token whose task has ended; timedOut remembers that it
// timed out, so that a late call answers TaskTimedOut, as AWS does.
func (t *tokenIndex) remove(token string, timedOut bool) {
	t.mu.Lock()
	delete(t.entries, token)
	if timedOut {
		t.timedOut[token] = true
	}
	t.mu.Unlock()
}

// forgetEnded drops a token the engine says names no task any more (one
// that timed out stays, for the engine to answer TaskTimedOut again).
func (t *tokenIndex) forgetEnded(token string, err error) {
	if errorCode(err) == stepfn.ErrTaskDoesNotExist.Code {
		t.remove(token, false)
	}
}

// forget drops the tokens of a deleted machine's tasks.
func (t *tokenIndex) forget(m *machine) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for tok, target := range t.entries {
		for _, r := range m.revisions {
			if target.rev == r {
				delete(t.entries, tok)
				break
			}
		}
	}
}

// tokenPrefix and tokenLength are the form of the tokens this package
// issues for activity tasks: the engine's form, so that a token of either
// kind reads the same to a worker.
const (
	tokenPrefix = "AQ"
	tokenBytes  = 48
)

// newToken returns a new random task token.
func newToken() string {
	var b [tokenBytes]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// unknownToken is the answer for a token the index does not hold: one
// this service could have issued names a task that has ended; anything
// else is not a token.
func (t *tokenIndex) unknownToken(token string, timedOut bool) error {
	switch {
	case timedOut:
		return stepfn.ErrTaskTimedOut.WithMessage("Task Timed Out: 'Provided task does not exist anymore'")
	case strings.HasPrefix(token, tokenPrefix) && len(token) == len(tokenPrefix)+base64.RawURLEncoding.EncodedLen(tokenBytes):
		return stepfn.ErrTaskDoesNotExist.WithMessage("Task Does Not Exist: 'Provided task does not exist anymore'")
	}
	return stepfn.ErrInvalidToken.Errorf("Invalid Token: '%s'", token)
}

// recordingHandler is a resolved handler that records the token of each
// task it is given in the index before the task can hand it out.
type recordingHandler struct {
	s     *Service
	rev   *revision
	inner stepfn.Handler
}

func (h recordingHandler) Invoke(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
	if task.Token == "" {
		return h.inner.Invoke(ctx, task)
	}
	h.s.tokens.add(task.Token, tokenTarget{sm: h.rev.sm, rev: h.rev})
	out, err := h.inner.Invoke(ctx, task)
	// A task that waits for a callback goes on after Invoke returns; one
	// that only sends heartbeats has ended, unless it was cut short (then
	// the engine knows whether it timed out, and answers late calls).
	if !strings.HasSuffix(task.Resource, ".waitForTaskToken") && ctx.Err() == nil {
		h.s.tokens.remove(task.Token, false)
	}
	return out, err
}

// handlerFor returns the handler of a Task state's resource for a
// revision's executions (rev nil: for TestState, whose tokens nothing
// can reach): an activity of this service, or what Config.Resolve
// returns. Nil makes the engine fail the task with States.Runtime.
func (s *Service) handlerFor(resource string, rev *revision) stepfn.Handler {
	if isActivityResource(resource) {
		if rev == nil {
			return nil
		}
		name, err := s.parseActivityARN(resource)
		if err != nil || name == "" {
			return nil
		}
		s.mu.Lock()
		a := s.activities[name]
		s.mu.Unlock()
		if a == nil {
			return nil
		}
		return &activityHandler{s: s, a: a, rev: rev}
	}
	if s.resolve == nil {
		return nil
	}
	h := s.resolve(resource)
	if h == nil || rev == nil {
		return h
	}
	return recordingHandler{s: s, rev: rev, inner: h}
}

type sendTaskSuccessInput struct {
	TaskToken *string `json:"taskToken"`
	Output    *string `json:"output"`
}

func (s *Service) sendTaskSuccess(_ context.Context, in *sendTaskSuccessInput) (*empty, error) {
	var c checks
	c.reqLength(in.TaskToken, "taskToken", 1, maxTaskToken, false)
	c.reqLength(in.Output, "output", 0, stepfn.MaxPayloadBytes, true)
	if err := c.err(); err != nil {
		return nil, err
	}
	token := *in.TaskToken
	target, ok, timedOut := s.tokens.get(token)
	switch {
	case !ok:
		return nil, s.tokens.unknownToken(token, timedOut)
	case target.task != nil:
		if _, err := jsonvalue.Decode([]byte(*in.Output)); err != nil {
			return nil, stepfn.ErrInvalidOutput.Errorf("Invalid Output: %v", err)
		}
		if !target.task.complete(completion{output: json.RawMessage(*in.Output)}) {
			return nil, s.tokens.unknownToken(token, false)
		}
		s.tokens.remove(token, false)
		return &empty{}, nil
	}
	if err := target.sm.SendTaskSuccess(token, *in.Output); err != nil {
		s.tokens.forgetEnded(token, err)
		return nil, err
	}
	s.tokens.remove(token, false)
	return &empty{}, nil
}

type sendTaskFailureInput struct {
	TaskToken *string `json:"taskToken"`
	Error     *string `json:"error"`
	Cause     *string `json:"cause"`
}

func (s *Service) sendTaskFailure(_ context.Context, in *sendTaskFailureInput) (*empty, error) {
	var c checks
	c.reqLength(in.TaskToken, "taskToken", 1, maxTaskToken, false)
	c.optLength(in.Error, "error", 0, maxErrorName, true)
	c.optLength(in.Cause, "cause", 0, maxCause, true)
	if err := c.err(); err != nil {
		return nil, err
	}
	token := *in.TaskToken
	var errorName, cause string
	if in.Error != nil {
		errorName = *in.Error
	}
	if in.Cause != nil {
		cause = *in.Cause
	}
	target, ok, timedOut := s.tokens.get(token)
	switch {
	case !ok:
		return nil, s.tokens.unknownToken(token, timedOut)
	case target.task != nil:
		if !target.task.complete(completion{fail: &stepfn.Failure{Name: errorName, Cause: cause}}) {
			return nil, s.tokens.unknownToken(token, false)
		}
		s.tokens.remove(token, false)
		return &empty{}, nil
	}
	if err := target.sm.SendTaskFailure(token, errorName, cause); err != nil {
		s.tokens.forgetEnded(token, err)
		return nil, err
	}
	s.tokens.remove(token, false)
	return &empty{}, nil
}

type sendTaskHeartbeatInput struct {
	TaskToken *string `json:"taskToken"`
}

func (s *Service) sendTaskHeartbeat(_ context.Context, in *sendTaskHeartbeatInput) (*empty, error) {
	var c checks
	c.reqLength(in.TaskToken, "taskToken", 1, maxTaskToken, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	token := *in.TaskToken
	target, ok, timedOut := s.tokens.get(token)
	switch {
	case !ok:
		return nil, s.tokens.unknownToken(token, timedOut)
	case target.sm != nil:
		// The engine watches the heartbeats of the tasks it issued tokens to.
		if err := target.sm.SendTaskHeartbeat(token); err != nil {
			return nil, err
		}
	case target.task.ended():
		return nil, s.tokens.unknownToken(token, false)
	}
	return &empty{}, nil
}
