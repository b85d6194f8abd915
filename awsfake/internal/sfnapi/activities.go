package sfnapi

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stepfn"
)

// CreateActivity, DescribeActivity, DeleteActivity, ListActivities and
// GetActivityTask, and the handler that hands an activity's tasks to its
// workers.

// activity is an activity and its tasks waiting for a worker.
type activity struct {
	name, arn  string
	created    time.Time
	encryption *encryptionConfiguration
	tags       tagSet // guarded by Service.mu

	mu      sync.Mutex
	queue   []*activityTask // waiting for a worker, oldest first
	arrived chan struct{}   // closed when a task is queued; nil when nobody waits
}

// activityTask is one task of an activity, from the Task state that
// scheduled it to the worker's answer.
type activityTask struct {
	token string
	input string
	done  chan completion // buffered: the first answer wins
	over  atomic.Bool     // the Task state has stopped waiting
}

// completion is a worker's answer: an output or a failure.
type completion struct {
	output json.RawMessage
	fail   *stepfn.Failure
}

// complete hands a worker's answer to the waiting task, reporting false
// when the task has ended or already has an answer.
func (t *activityTask) complete(c completion) bool {
	if t.over.Load() {
		return false
	}
	select {
	case t.done <- c:
		return true
	default:
		return false
	}
}

func (t *activityTask) ended() bool { return t.over.Load() }

// push queues a task and wakes the workers waiting for one.
func (a *activity) push(t *activityTask) {
	a.mu.Lock()
	a.queue = append(a.queue, t)
	if a.arrived != nil {
		close(a.arrived)
		a.arrived = nil
	}
	a.mu.Unlock()
}

// drop takes a task that stopped waiting off the queue.
func (a *activity) drop(t *activityTask) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, x := range a.queue {
		if x == t {
			a.queue = append(a.queue[:i], a.queue[i+1:]...)
			return
		}
	}
}

// maxPoll is how long GetActivityTask waits for a task.
const maxPoll = 60 * time.Second

// take returns the oldest waiting task, waiting up to maxPoll on the
// clock for one to be scheduled; nil when none came or ctx ended.
func (a *activity) take(ctx context.Context, clk clock.Clock) *activityTask {
	var timeout chan struct{}
	for {
		a.mu.Lock()
		for len(a.queue) > 0 {
			t := a.queue[0]
			a.queue = a.queue[1:]
			if !t.ended() {
				a.mu.Unlock()
				return t
			}
		}
		if a.arrived == nil {
			a.arrived = make(chan struct{})
		}
		arrived := a.arrived
		a.mu.Unlock()
		if timeout == nil {
			timeout = make(chan struct{})
			ch := timeout
			defer clk.AfterFunc(maxPoll, func() { close(ch) }).Stop()
		}
		select {
		case <-arrived:
		case <-timeout:
			return nil
		case <-ctx.Done():
			return nil
		}
	}
}

// activityHandler runs a Task state whose resource is an activity: the
// task waits in the activity's queue for a worker, then for the worker's
// SendTaskSuccess or SendTaskFailure, until the state's timeouts or the
// execution end it.
type activityHandler struct {
	s   *Service
	a   *activity
	rev *revision
}

func (h *activityHandler) Invoke(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
	// A task with HeartbeatSeconds has the engine's token, which the
	// engine's heartbeat watch reads; others get one of this package.
	token, engineIssued := task.Token, task.Token != ""
	if !engineIssued {
		token = newToken()
	}
	t := &activityTask{token: token, input: string(task.Input), done: make(chan completion, 1)}
	target := tokenTarget{task: t}
	if engineIssued {
		target.sm, target.rev = h.rev.sm, h.rev
	}
	h.s.tokens.add(token, target)
	start := h.s.clock.Now()
	h.a.push(t)
	select {
	case c := <-t.done:
		t.over.Store(true)
		if c.fail != nil {
			return nil, c.fail
		}
		return c.output, nil
	case <-ctx.Done():
		t.over.Store(true)
		h.a.drop(t)
		if engineIssued {
			// The engine knows whether its token timed out: let it answer.
			h.s.tokens.add(token, tokenTarget{sm: h.rev.sm, rev: h.rev})
		} else {
			timedOut := task.Timeout > 0 && h.s.clock.Now().Sub(start) >= task.Timeout
			h.s.tokens.remove(token, timedOut)
		}
		return nil, ctx.Err()
	}
}

type createActivityInput struct {
	Name                    *string                  `json:"name"`
	Tags                    []tag                    `json:"tags"`
	EncryptionConfiguration *encryptionConfiguration `json:"encryptionConfiguration"`
}

type createActivityOutput struct {
	ActivityARN  string    `json:"activityArn"`
	CreationDate timestamp `json:"creationDate"`
}

func (s *Service) createActivity(_ context.Context, in *createActivityInput) (*createActivityOutput, error) {
	var c checks
	c.reqLength(in.Name, "name", 1, maxName, false)
	checkTags(&c, in.Tags)
	if err := c.err(); err != nil {
		return nil, err
	}
	if err := checkName(*in.Name, "name"); err != nil {
		return nil, err
	}
	enc, err := in.EncryptionConfiguration.checked(&c)
	if err != nil {
		return nil, err
	}
	arn := s.activityARN(*in.Name)
	if len(in.Tags) > maxTags {
		return nil, tooManyTags(arn)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.activities[*in.Name]; a != nil {
		if !sameEncryption(a.encryption, enc) {
			return nil, awserr.New("ActivityAlreadyExists", "", 400, "").Errorf("Activity already exists: '%s'", arn)
		}
		return &createActivityOutput{ActivityARN: a.arn, CreationDate: timestamp(a.created)}, nil
	}
	a := &activity{name: *in.Name, arn: arn, created: s.clock.Now(), encryption: enc}
	a.tags.set(in.Tags)
	s.activities[a.name] = a
	return &createActivityOutput{ActivityARN: a.arn, CreationDate: timestamp(a.created)}, nil
}

type activityARNInput struct {
	ActivityARN *string `json:"activityArn"`
}

// activity returns the activity an activity ARN names.
func (s *Service) activity(in *activityARNInput) (*activity, error) {
	var c checks
	c.reqLength(in.ActivityARN, "activityArn", 1, maxARN, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	name, err := s.parseActivityARN(*in.ActivityARN)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	a := s.activities[name]
	s.mu.Unlock()
	if a == nil {
		return nil, noActivity(*in.ActivityARN)
	}
	return a, nil
}

type describeActivityOutput struct {
	ActivityARN             string                   `json:"activityArn"`
	Name                    string                   `json:"name"`
	CreationDate            timestamp                `json:"creationDate"`
	EncryptionConfiguration *encryptionConfiguration `json:"encryptionConfiguration,omitempty"`
}

func (s *Service) describeActivity(_ context.Context, in *activityARNInput) (*describeActivityOutput, error) {
	a, err := s.activity(in)
	if err != nil {
		return nil, err
	}
	return &describeActivityOutput{ActivityARN: a.arn, Name: a.name, CreationDate: timestamp(a.created), EncryptionConfiguration: a.encryption}, nil
}

func (s *Service) deleteActivity(_ context.Context, in *activityARNInput) (*empty, error) {
	_, err := s.activity(in)
	if errorCode(err) == errActivityDoesNotExist.Code {
		return &empty{}, nil // deleting what is not there succeeds
	}
	if err != nil {
		return nil, err
	}
	name, _ := s.parseActivityARN(*in.ActivityARN)
	s.mu.Lock()
	delete(s.activities, name)
	s.mu.Unlock()
	return &empty{}, nil
}

type listActivitiesInput struct {
	pageRequest
}

type activityListItem struct {
	ActivityARN  string    `json:"activityArn"`
	Name         string    `json:"name"`
	CreationDate timestamp `json:"creationDate"`
}

type listActivitiesOutput struct {
	Activities []activityListItem `json:"activities"`
	NextToken  string             `json:"nextToken,omitempty"`
}

func (s *Service) listActivities(_ context.Context, in *listActivitiesInput) (*listActivitiesOutput, error) {
	var c checks
	in.check(&c, maxPageToken)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.activities))
	for name := range s.activities {
		names = append(names, name)
	}
	sort.Strings(names)
	from, to, next, err := in.page("activities", names)
	if err != nil {
		return nil, err
	}
	out := &listActivitiesOutput{Activities: []activityListItem{}, NextToken: next}
	for _, name := range names[from:to] {
		a := s.activities[name]
		out.Activities = append(out.Activities, activityListItem{ActivityARN: a.arn, Name: a.name, CreationDate: timestamp(a.created)})
	}
	return out, nil
}

type getActivityTaskInput struct {
	ActivityARN *string `json:"activityArn"`
	WorkerName  *string `json:"workerName"`
}

type getActivityTaskOutput struct {
	TaskToken string `json:"taskToken,omitempty"`
	Input     string `json:"input,omitempty"`
}

// getActivityTask long-polls for a task of the activity: up to 60 seconds
// on the service's clock, or until the request ends; no task is an empty
// reply.
func (s *Service) getActivityTask(ctx context.Context, in *getActivityTaskInput) (*getActivityTaskOutput, error) {
	var c checks
	c.optLength(in.WorkerName, "workerName", 1, maxName, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	a, err := s.activity(&activityARNInput{ActivityARN: in.ActivityARN})
	if err != nil {
		return nil, err
	}
	t := a.take(ctx, s.clock)
	if t == nil {
		return &getActivityTaskOutput{}, nil
	}
	return &getActivityTaskOutput{TaskToken: t.token, Input: t.input}, nil
}
