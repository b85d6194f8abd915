package sqsapi

import (
	"encoding/base64"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask:
// moving messages out of a dead-letter queue, back to their sources or to
// another queue, on the queue's clock.

// sourceQueue returns the queue a move task's SourceArn names, or
// AWS's errors for a malformed or unknown ARN.
func (c *call) sourceQueue(arn string) (*entry, error) {
	if arn == "" {
		return nil, missing("SourceArn")
	}
	if !validARN(arn) {
		return nil, queue.ErrInvalidParameterValue.WithMessage("You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>")
	}
	e := c.s.entryByARN(arn)
	if e == nil {
		return nil, queue.ErrResourceNotFound.WithMessage("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	return e, nil
}

// The engine's task handles name the source queue's ARN; on the wire they
// are opaque, in base64 as AWS's are.
func encodeTaskHandle(h string) string { return base64.StdEncoding.EncodeToString([]byte(h)) }

func decodeTaskHandle(s string) (handle, sourceARN string, ok bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", "", false
	}
	handle = string(b)
	i := strings.LastIndexByte(handle, '#')
	if i <= 0 {
		return "", "", false
	}
	return handle, handle[:i], true
}

type startMessageMoveTaskInput struct {
	SourceArn                    string `json:"SourceArn"`
	DestinationArn               string `json:"DestinationArn"`
	MaxNumberOfMessagesPerSecond *int32 `json:"MaxNumberOfMessagesPerSecond"`
}

func (in *startMessageMoveTaskInput) fromQuery(f wire.Form) error {
	var err error
	in.SourceArn, in.DestinationArn = f.Get("SourceArn"), f.Get("DestinationArn")
	in.MaxNumberOfMessagesPerSecond, err = queryInt32(f, "MaxNumberOfMessagesPerSecond")
	return err
}

type startMessageMoveTaskOutput struct {
	TaskHandle string `json:"TaskHandle"`
}

func (in *startMessageMoveTaskInput) run(c *call) (any, error) {
	src, err := c.sourceQueue(in.SourceArn)
	if err != nil {
		return nil, err
	}
	var opts queue.MoveOptions[string]
	if in.DestinationArn != "" {
		dst := c.s.entryByARN(in.DestinationArn)
		if dst == nil {
			return nil, queue.ErrResourceNotFound.WithMessage("The resource that you specified for the DestinationArn parameter doesn't exist.")
		}
		opts.Destination = dst.q
	}
	if r := in.MaxNumberOfMessagesPerSecond; r != nil {
		if *r < 1 || *r > queue.MaxMoveRate {
			return nil, queue.ErrInvalidParameterValue.Errorf("Value %d for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500, if provided.", *r)
		}
		opts.MaxMessagesPerSecond = int(*r)
	}
	h, err := src.q.StartMoveTask(opts)
	if err != nil {
		return nil, err
	}
	return &startMessageMoveTaskOutput{TaskHandle: encodeTaskHandle(h)}, nil
}

type listMessageMoveTasksInput struct {
	SourceArn  string `json:"SourceArn"`
	MaxResults *int32 `json:"MaxResults"`
}

func (in *listMessageMoveTasksInput) fromQuery(f wire.Form) error {
	var err error
	in.SourceArn = f.Get("SourceArn")
	in.MaxResults, err = queryInt32(f, "MaxResults")
	return err
}

type moveTaskEntry struct {
	TaskHandle                        string `json:"TaskHandle,omitempty" xml:",omitempty"`
	Status                            string `json:"Status"`
	SourceArn                         string `json:"SourceArn"`
	DestinationArn                    string `json:"DestinationArn,omitempty" xml:",omitempty"`
	MaxNumberOfMessagesPerSecond      int    `json:"MaxNumberOfMessagesPerSecond,omitempty" xml:",omitempty"`
	ApproximateNumberOfMessagesMoved  int64  `json:"ApproximateNumberOfMessagesMoved"`
	ApproximateNumberOfMessagesToMove int64  `json:"ApproximateNumberOfMessagesToMove"`
	FailureReason                     string `json:"FailureReason,omitempty" xml:",omitempty"`
	StartedTimestamp                  int64  `json:"StartedTimestamp"` // epoch milliseconds
}

type listMessageMoveTasksOutput struct {
	Results []moveTaskEntry `json:"Results" xml:"ListMessageMoveTasksResultEntry"`
}

// maxMoveTaskResults is the most tasks ListMessageMoveTasks returns.
const maxMoveTaskResults = 10

func (in *listMessageMoveTasksInput) run(c *call) (any, error) {
	src, err := c.sourceQueue(in.SourceArn)
	if err != nil {
		return nil, err
	}
	limit := 1
	if n := in.MaxResults; n != nil {
		if *n < 1 || *n > maxMoveTaskResults {
			return nil, queue.ErrInvalidParameterValue.Errorf("Value %d for parameter MaxResults is invalid. Reason: You must enter a number that's between 1 and 10.", *n)
		}
		limit = int(*n)
	}
	tasks := src.q.MoveTasks()
	out := &listMessageMoveTasksOutput{Results: []moveTaskEntry{}}
	for _, t := range tasks[:min(limit, len(tasks))] {
		entry := moveTaskEntry{
			Status:                            string(t.Status),
			SourceArn:                         t.SourceARN,
			DestinationArn:                    t.DestinationARN,
			MaxNumberOfMessagesPerSecond:      t.MaxMessagesPerSecond,
			ApproximateNumberOfMessagesMoved:  int64(t.Moved),
			ApproximateNumberOfMessagesToMove: int64(t.ToMove),
			FailureReason:                     t.FailureReason,
			StartedTimestamp:                  t.Started.UnixMilli(),
		}
		if t.Status == queue.MoveRunning {
			entry.TaskHandle = encodeTaskHandle(t.Handle)
		}
		out.Results = append(out.Results, entry)
	}
	return out, nil
}

type cancelMessageMoveTaskInput struct {
	TaskHandle string `json:"TaskHandle"`
}

func (in *cancelMessageMoveTaskInput) fromQuery(f wire.Form) error {
	in.TaskHandle = f.Get("TaskHandle")
	return nil
}

type cancelMessageMoveTaskOutput struct {
	ApproximateNumberOfMessagesMoved int64 `json:"ApproximateNumberOfMessagesMoved"`
}

func (in *cancelMessageMoveTaskInput) run(c *call) (any, error) {
	if in.TaskHandle == "" {
		return nil, missing("TaskHandle")
	}
	handle, arn, ok := decodeTaskHandle(in.TaskHandle)
	if !ok {
		return nil, queue.ErrInvalidParameterValue.WithMessage("Value for parameter TaskHandle is invalid.")
	}
	src := c.s.entryByARN(arn)
	if src == nil {
		return nil, queue.ErrResourceNotFound.WithMessage("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	moved, err := src.q.CancelMoveTask(handle)
	if err != nil {
		return nil, err
	}
	return &cancelMessageMoveTaskOutput{ApproximateNumberOfMessagesMoved: int64(moved)}, nil
}
