package eventbus

import (
	"strings"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// ReplayConfig defines a replay of an archive's events back onto the bus,
// as StartReplay takes it.
type ReplayConfig struct {
	// Name is 1–64 letters, digits and . - _, unique on the bus.
	Name string
	// Archive names the archive to replay from, by name or ARN.
	Archive string
	// EventStartTime and EventEndTime bound the events replayed: those
	// whose time is at or after the start and before the end.
	EventStartTime, EventEndTime time.Time
	// FilterRules, when set, are the ARNs of the only rules that receive
	// the replayed events (Destination.FilterArns); otherwise every rule
	// does.
	FilterRules []string
	// Description is up to 512 characters.
	Description string
}

// ReplayState is a replay's state.
type ReplayState string

// A replay starts STARTING, replays events RUNNING and ends COMPLETED or,
// after CancelReplay (CANCELLING), CANCELLED.
const (
	ReplayStarting   ReplayState = "STARTING"
	ReplayRunning    ReplayState = "RUNNING"
	ReplayCancelling ReplayState = "CANCELLING"
	ReplayCompleted  ReplayState = "COMPLETED"
	ReplayCancelled  ReplayState = "CANCELLED"
)

// ReplayDescription is a replay as DescribeReplay reports it.
type ReplayDescription struct {
	ReplayConfig
	ARN            string
	EventSourceARN string // the archive's
	DestinationARN string // the bus's
	State          ReplayState
	StateReason    string
	// ReplayStartTime and ReplayEndTime are when it started and ended
	// (zero while it runs); EventLastReplayedTime is the time of the last
	// event it replayed.
	ReplayStartTime, ReplayEndTime, EventLastReplayedTime time.Time
}

type replay struct {
	cfg    ReplayConfig
	events []archived
	only   map[string]bool

	mu       sync.Mutex
	desc     ReplayDescription
	canceled chan struct{} // closed by CancelReplay or Close
}

var replayNamePattern = ruleNamePattern

// StartReplay starts replaying the archive's events from the window onto
// the bus, in time order, each with the "replay-name" field set, to the
// rules that match them (or to FilterRules only); archives do not keep
// them again. Each event is sent to its targets before the next is
// replayed. It returns the replay's ARN, or fails with [ErrValidation]
// (a missing archive, an empty window or one ending in the future),
// [ErrResourceAlreadyExists] or [ErrResourceNotFound] (bus closed).
func (b *Bus) StartReplay(cfg ReplayConfig) (string, error) {
	if err := checkReplay(&cfg); err != nil {
		return "", err
	}
	now := b.now()
	if cfg.EventEndTime.After(now) {
		return "", ErrValidation.WithMessage("Parameter EventEndTime is not valid. Reason: EventEndTime cannot be in the future.")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return "", b.notFound()
	}
	if _, ok := b.replays[cfg.Name]; ok {
		return "", ErrResourceAlreadyExists.Errorf("Replay %s already exists.", cfg.Name)
	}
	name := cfg.Archive[strings.LastIndexByte(cfg.Archive, '/')+1:]
	a, ok := b.archives[name]
	if !ok {
		return "", ErrValidation.Errorf("Parameter EventSourceArn is not valid. Reason: Archive %s does not exist.", name)
	}
	rp := &replay{
		cfg:      cfg,
		events:   a.window(cfg.EventStartTime, cfg.EventEndTime),
		canceled: make(chan struct{}),
		desc: ReplayDescription{
			ReplayConfig:    cfg,
			ARN:             b.resourceARN("replay/" + cfg.Name),
			EventSourceARN:  a.arn,
			DestinationARN:  b.arn,
			State:           ReplayStarting,
			ReplayStartTime: now,
		},
	}
	if len(cfg.FilterRules) > 0 {
		rp.only = map[string]bool{}
		for _, arn := range cfg.FilterRules {
			rp.only[arn] = true
		}
	}
	if !b.delivery.hold() {
		return "", b.notFound()
	}
	b.replays[cfg.Name] = rp
	go b.runReplay(rp)
	return rp.desc.ARN, nil
}

func checkReplay(cfg *ReplayConfig) error {
	var vs awserr.Violations
	switch {
	case cfg.Name == "":
		vs.AddString(cfg.Name, "replayName", awserr.LengthAtLeast(1))
	case len(cfg.Name) > 64:
		vs.AddString(cfg.Name, "replayName", awserr.LengthAtMost(64))
	case !replayNamePattern.MatchString(cfg.Name):
		vs.AddString(cfg.Name, "replayName", awserr.Pattern(`[\.\-_A-Za-z0-9]+`))
	}
	if len(cfg.Description) > 512 {
		vs.AddString(cfg.Description, "description", awserr.LengthAtMost(512))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return err
	}
	switch {
	case cfg.EventStartTime.IsZero():
		vs.Add("null", "eventStartTime", awserr.NotNull)
	case cfg.EventEndTime.IsZero():
		vs.Add("null", "eventEndTime", awserr.NotNull)
	}
	if err := vs.Err(ErrValidation); err != nil {
		return err
	}
	if !cfg.EventStartTime.Before(cfg.EventEndTime) {
		return ErrValidation.WithMessage("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.")
	}
	return nil
}

// runReplay replays the events one at a time: each is routed and its
// targets' first attempts made before the next, so that a cancellation
// stops the replay between two events.
func (b *Bus) runReplay(rp *replay) {
	defer b.delivery.release()
	rp.moveTo(ReplayRunning, ReplayStarting, time.Time{})
	for _, e := range rp.events {
		select {
		case <-rp.canceled:
			rp.moveTo(ReplayCancelled, ReplayCancelling, b.now())
			return
		default:
		}
		ev := *e.event
		ev.ReplayName = rp.cfg.Name
		attempted := b.route(&ev, b.now(), rp.only)
		select {
		case <-attempted:
		case <-rp.canceled:
		}
		rp.mu.Lock()
		rp.desc.EventLastReplayedTime = e.event.Time
		rp.mu.Unlock()
	}
	if !rp.moveTo(ReplayCompleted, ReplayRunning, b.now()) {
		rp.moveTo(ReplayCancelled, ReplayCancelling, b.now()) // cancelled after the last event
	}
}

// moveTo puts the replay in state s, and sets its end time, if it is in
// state from; it reports whether it was. A cancellation can come at any
// moment, so the replay's goroutine moves only from the state it expects.
func (rp *replay) moveTo(s, from ReplayState, ended time.Time) bool {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	if rp.desc.State != from {
		return false
	}
	rp.desc.State, rp.desc.ReplayEndTime = s, ended
	return true
}

// cancel asks the replay to stop; false means it had already ended.
func (rp *replay) cancel() bool {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	switch rp.desc.State {
	case ReplayStarting, ReplayRunning:
		rp.desc.State = ReplayCancelling
		close(rp.canceled)
		return true
	}
	return false
}

// CancelReplay cancels a replay that is starting or running: no event
// after the one being replayed is sent. It fails with
// [ErrResourceNotFound] or, for a replay that has ended, [ErrIllegalStatus].
func (b *Bus) CancelReplay(name string) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	rp, ok := b.replays[name]
	if !ok || b.closed {
		return ErrResourceNotFound.Errorf("Replay %s does not exist.", name)
	}
	if !rp.cancel() {
		return ErrIllegalStatus.Errorf("Replay %s is not in a valid state for this operation.", name)
	}
	return nil
}

// DescribeReplay returns the replay, or [ErrResourceNotFound].
func (b *Bus) DescribeReplay(name string) (ReplayDescription, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	rp, ok := b.replays[name]
	if !ok || b.closed {
		return ReplayDescription{}, ErrResourceNotFound.Errorf("Replay %s does not exist.", name)
	}
	return rp.describe(), nil
}

func (rp *replay) describe() ReplayDescription {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.desc
}

// ListReplays returns the replays whose names start with prefix, in name
// order.
func (b *Bus) ListReplays(prefix string) []ReplayDescription {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return describeByName(b.replays, prefix)
}
