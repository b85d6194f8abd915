package eventsapi

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/eventbus"
)

// StartReplay, DescribeReplay, ListReplays and CancelReplay. As with
// archives, replay names are unique in the account and the service keeps
// which bus runs each.

// maxActiveReplays is EventBridge's quota of replays running at once in
// an account.
const maxActiveReplays = 10

// replayStates are the states of the model, which ListReplays filters by.
var replayStates = []string{"STARTING", "RUNNING", "CANCELLING", "COMPLETED", "CANCELLED", "FAILED"}

// replayLocked returns the bus that runs the replay called name, or
// ResourceNotFoundException. s.mu is held.
func (s *Service) replayLocked(name string) (*busEntry, error) {
	e := s.buses[s.replays[name]]
	if e == nil {
		return nil, errReplayNotFound(name)
	}
	return e, nil
}

// activeReplaysLocked counts the replays not yet ended. s.mu is held.
func (s *Service) activeReplaysLocked() int {
	n := 0
	for _, e := range s.buses {
		for _, d := range e.bus.ListReplays("") {
			switch d.State {
			case eventbus.ReplayStarting, eventbus.ReplayRunning, eventbus.ReplayCancelling:
				n++
			}
		}
	}
	return n
}

// ReplayDestination is where a replay sends events: the archive's bus,
// and optionally only some of its rules.
type ReplayDestination struct {
	Arn        *string  `json:"Arn"`
	FilterArns []string `json:"FilterArns,omitempty"`
}

// replayOutput is a replay as DescribeReplay and ListReplays report it.
type replayOutput struct {
	ReplayName            string             `json:"ReplayName"`
	ReplayArn             string             `json:"ReplayArn,omitempty"`
	Description           string             `json:"Description,omitempty"`
	State                 string             `json:"State"`
	StateReason           string             `json:"StateReason,omitempty"`
	EventSourceArn        string             `json:"EventSourceArn"`
	Destination           *ReplayDestination `json:"Destination,omitempty"`
	EventStartTime        *timestamp         `json:"EventStartTime,omitempty"`
	EventEndTime          *timestamp         `json:"EventEndTime,omitempty"`
	EventLastReplayedTime *timestamp         `json:"EventLastReplayedTime,omitempty"`
	ReplayStartTime       *timestamp         `json:"ReplayStartTime,omitempty"`
	ReplayEndTime         *timestamp         `json:"ReplayEndTime,omitempty"`
}

// replayOut is a replay as DescribeReplay reports it; ListReplays leaves
// out its ARN, description and destination.
func replayOut(d eventbus.ReplayDescription) replayOutput {
	return replayOutput{
		ReplayName:            d.Name,
		ReplayArn:             d.ARN,
		Description:           d.Description,
		State:                 string(d.State),
		StateReason:           d.StateReason,
		EventSourceArn:        d.EventSourceARN,
		Destination:           &ReplayDestination{Arn: ptr(d.DestinationARN), FilterArns: d.FilterRules},
		EventStartTime:        timeOut(d.EventStartTime),
		EventEndTime:          timeOut(d.EventEndTime),
		EventLastReplayedTime: timeOut(d.EventLastReplayedTime),
		ReplayStartTime:       timeOut(d.ReplayStartTime),
		ReplayEndTime:         timeOut(d.ReplayEndTime),
	}
}

type startReplayInput struct {
	ReplayName     *string            `json:"ReplayName"`
	Description    *string            `json:"Description"`
	EventSourceArn *string            `json:"EventSourceArn"`
	EventStartTime *timestamp         `json:"EventStartTime"`
	EventEndTime   *timestamp         `json:"EventEndTime"`
	Destination    *ReplayDestination `json:"Destination"`
}

type startReplayOutput struct {
	ReplayArn       string     `json:"ReplayArn"`
	State           string     `json:"State"`
	ReplayStartTime *timestamp `json:"ReplayStartTime,omitempty"`
}

func (s *Service) startReplay(_ context.Context, in *startReplayInput) (startReplayOutput, error) {
	var c checks
	c.required(in.ReplayName, "replayName", shapeReplayName)
	c.str(in.Description, "description", shapeDescription)
	c.required(in.EventSourceArn, "eventSourceArn", shapeArchiveARN)
	c.present(in.EventStartTime != nil, "eventStartTime")
	c.present(in.EventEndTime != nil, "eventEndTime")
	c.present(in.Destination != nil, "destination")
	if d := in.Destination; d != nil {
		c.required(d.Arn, "destination.arn", shapeEventBusARN)
		for i, arn := range d.FilterArns {
			c.str(&arn, member("destination.filterArns", i), shapeARN)
		}
	}
	if err := c.err(); err != nil {
		return startReplayOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	name := *in.ReplayName
	if _, taken := s.replays[name]; taken {
		return startReplayOutput{}, eventbus.ErrResourceAlreadyExists.Errorf("Replay %s already exists.", name)
	}
	archive, source := s.archiveOfARNLocked(*in.EventSourceArn)
	if source == nil {
		return startReplayOutput{}, invalidParameter("EventSourceArn", "Archive "+archive+" does not exist.")
	}
	dest, err := s.busOfARNLocked(*in.Destination.Arn)
	if err != nil {
		return startReplayOutput{}, err
	}
	if dest != source {
		return startReplayOutput{}, invalidParameter("Destination.Arn", "Cross event bus replay is not permitted.")
	}
	if s.activeReplaysLocked() >= maxActiveReplays {
		return startReplayOutput{}, errLimitExceeded()
	}
	if _, err := dest.bus.StartReplay(eventbus.ReplayConfig{
		Name:           name,
		Archive:        archive,
		EventStartTime: in.EventStartTime.Time,
		EventEndTime:   in.EventEndTime.Time,
		FilterRules:    in.Destination.FilterArns,
		Description:    str(in.Description),
	}); err != nil {
		return startReplayOutput{}, err
	}
	s.replays[name] = dest.bus.Name()
	d, err := dest.bus.DescribeReplay(name)
	if err != nil {
		return startReplayOutput{}, err
	}
	// The replay may already be running: the reply says what it was when
	// it started, as AWS's does.
	return startReplayOutput{ReplayArn: d.ARN, State: string(eventbus.ReplayStarting), ReplayStartTime: timeOut(d.ReplayStartTime)}, nil
}

// archiveOfARNLocked returns the name of the archive an ARN names and the
// bus that has it, nil when the account has no such archive. s.mu is
// held.
func (s *Service) archiveOfARNLocked(arn string) (string, *busEntry) {
	name := arn[strings.LastIndexByte(arn, '/')+1:]
	a, ok := parseARN(arn)
	if !ok || !s.ours(a) || a.resource != "archive/"+name {
		return name, nil
	}
	e, err := s.archiveLocked(name)
	if err != nil {
		return name, nil
	}
	return name, e
}

// replayRequest names a replay: the input of DescribeReplay and
// CancelReplay.
type replayRequest struct {
	ReplayName *string `json:"ReplayName"`
}

func (s *Service) describeReplay(_ context.Context, in *replayRequest) (replayOutput, error) {
	var c checks
	c.required(in.ReplayName, "replayName", shapeReplayName)
	if err := c.err(); err != nil {
		return replayOutput{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.replayLocked(*in.ReplayName)
	if err != nil {
		return replayOutput{}, err
	}
	d, err := e.bus.DescribeReplay(*in.ReplayName)
	if err != nil {
		return replayOutput{}, err
	}
	return replayOut(d), nil
}

type listReplaysInput struct {
	NamePrefix     *string `json:"NamePrefix"`
	State          *string `json:"State"`
	EventSourceArn *string `json:"EventSourceArn"`
	NextToken      *string `json:"NextToken"`
	Limit          *int    `json:"Limit"`
}

type listReplaysOutput struct {
	Replays   []replayOutput `json:"Replays"`
	NextToken string         `json:"NextToken,omitempty"`
}

func (s *Service) listReplays(_ context.Context, in *listReplaysInput) (listReplaysOutput, error) {
	var c checks
	c.str(in.NamePrefix, "namePrefix", shapeReplayName)
	c.enum(in.State, "state", replayStates...)
	c.str(in.EventSourceArn, "eventSourceArn", shapeArchiveARN)
	c.str(in.NextToken, "nextToken", shapeNextToken)
	c.limit(in.Limit)
	if err := c.err(); err != nil {
		return listReplaysOutput{}, err
	}
	s.mu.RLock()
	var replays []replayOutput
	for _, e := range slices.Collect(maps.Values(s.buses)) {
		for _, d := range e.bus.ListReplays(str(in.NamePrefix)) {
			if in.State != nil && string(d.State) != *in.State || in.EventSourceArn != nil && d.EventSourceARN != *in.EventSourceArn {
				continue
			}
			r := replayOut(d)
			r.ReplayArn, r.Description, r.Destination = "", "", nil
			replays = append(replays, r)
		}
	}
	s.mu.RUnlock()
	replays, next, err := page(replays, func(r replayOutput) string { return r.ReplayName }, str(in.NextToken), in.Limit)
	if err != nil {
		return listReplaysOutput{}, err
	}
	return listReplaysOutput{Replays: nonNil(replays), NextToken: next}, nil
}

type cancelReplayOutput struct {
	ReplayArn string `json:"ReplayArn"`
	State     string `json:"State"`
}

func (s *Service) cancelReplay(_ context.Context, in *replayRequest) (cancelReplayOutput, error) {
	var c checks
	c.required(in.ReplayName, "replayName", shapeReplayName)
	if err := c.err(); err != nil {
		return cancelReplayOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.replayLocked(*in.ReplayName)
	if err != nil {
		return cancelReplayOutput{}, err
	}
	if err := e.bus.CancelReplay(*in.ReplayName); err != nil {
		return cancelReplayOutput{}, err
	}
	return cancelReplayOutput{ReplayArn: s.resourceARN("replay/" + *in.ReplayName), State: string(eventbus.ReplayCancelling)}, nil
}
