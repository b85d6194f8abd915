package eventbus

import (
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/pattern"
)

// ArchiveConfig defines an archive of the bus's events, as CreateArchive
// takes it.
type ArchiveConfig struct {
	// Name is 1–48 letters, digits and . - _.
	Name string
	// EventPattern, when set, keeps only the events it matches.
	EventPattern string
	// RetentionDays is how long events are kept; 0 keeps them for ever.
	RetentionDays int
	// Description is up to 512 characters.
	Description string
}

// ArchiveState is an archive's state.
type ArchiveState string

// An archive is ENABLED from its creation until it is deleted.
const ArchiveEnabled ArchiveState = "ENABLED"

// ArchiveDescription is an archive as DescribeArchive reports it.
type ArchiveDescription struct {
	ArchiveConfig
	ARN            string
	EventSourceARN string
	State          ArchiveState
	EventCount     int
	SizeBytes      int
	CreationTime   time.Time
}

// archive keeps events in the order the bus took them, which is their
// order in time when events carry no time of their own.
type archive struct {
	bus     *Bus
	arn     string
	created time.Time

	mu     sync.Mutex
	cfg    ArchiveConfig
	policy *pattern.Policy
	events []archived
	size   int
}

type archived struct {
	event *Event
	raw   []byte
	at    time.Time // when the archive took it; retention counts from here
}

var archiveNamePattern = ruleNamePattern

// CreateArchive creates an archive of the events put on the bus (not of
// replayed ones). It fails with [ErrValidation], [ErrInvalidEventPattern]
// or [ErrResourceAlreadyExists].
func (b *Bus) CreateArchive(cfg ArchiveConfig) (string, error) {
	policy, err := checkArchive(&cfg)
	if err != nil {
		return "", err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return "", b.notFound()
	}
	if _, ok := b.archives[cfg.Name]; ok {
		return "", ErrResourceAlreadyExists.Errorf("Archive %s already exists.", cfg.Name)
	}
	a := &archive{bus: b, arn: b.resourceARN("archive/" + cfg.Name), created: b.now(), cfg: cfg, policy: policy}
	b.archives[cfg.Name] = a
	return a.arn, nil
}

func checkArchive(cfg *ArchiveConfig) (*pattern.Policy, error) {
	var vs awserr.Violations
	switch {
	case cfg.Name == "":
		vs.AddString(cfg.Name, "archiveName", awserr.LengthAtLeast(1))
	case len(cfg.Name) > 48:
		vs.AddString(cfg.Name, "archiveName", awserr.LengthAtMost(48))
	case !archiveNamePattern.MatchString(cfg.Name):
		vs.AddString(cfg.Name, "archiveName", awserr.Pattern(`[\.\-_A-Za-z0-9]+`))
	}
	if cfg.RetentionDays < 0 {
		vs.AddInt(cfg.RetentionDays, "retentionDays", awserr.ValueAtLeast(0))
	}
	if len(cfg.Description) > 512 {
		vs.AddString(cfg.Description, "description", awserr.LengthAtMost(512))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	if cfg.EventPattern == "" {
		return nil, nil
	}
	return parsePattern(cfg.EventPattern)
}

// offer keeps the event if the archive's pattern matches it.
func (a *archive) offer(ev *Event, raw []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.policy != nil && !a.policy.MatchBody(raw) {
		return
	}
	a.expire()
	a.events = append(a.events, archived{ev, raw, a.bus.now()})
	a.size += len(raw)
}

// expire drops events archived longer ago than the retention period.
// a.mu is held.
func (a *archive) expire() {
	if a.cfg.RetentionDays == 0 {
		return
	}
	cutoff := a.bus.now().AddDate(0, 0, -a.cfg.RetentionDays)
	n := 0
	for n < len(a.events) && a.events[n].at.Before(cutoff) {
		a.size -= len(a.events[n].raw)
		n++
	}
	a.events = slices.Delete(a.events, 0, n)
}

// window returns the archived events whose time is in [from, to), in
// time order.
func (a *archive) window(from, to time.Time) []archived {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.expire()
	var out []archived
	for _, e := range a.events {
		if !e.event.Time.Before(from) && e.event.Time.Before(to) {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].event.Time.Before(out[j].event.Time) })
	return out
}

func (a *archive) describe() ArchiveDescription {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.expire()
	return ArchiveDescription{
		ArchiveConfig:  a.cfg,
		ARN:            a.arn,
		EventSourceARN: a.bus.arn,
		State:          ArchiveEnabled,
		EventCount:     len(a.events),
		SizeBytes:      a.size,
		CreationTime:   a.created,
	}
}

// archive returns the archive of that name, or ErrResourceNotFound. The
// bus's lock is held.
func (b *Bus) archive(name string) (*archive, error) {
	if b.closed {
		return nil, b.notFound()
	}
	a, ok := b.archives[name]
	if !ok {
		return nil, ErrResourceNotFound.Errorf("Archive %s does not exist.", name)
	}
	return a, nil
}

// DescribeArchive returns the archive, or [ErrResourceNotFound].
func (b *Bus) DescribeArchive(name string) (ArchiveDescription, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	a, err := b.archive(name)
	if err != nil {
		return ArchiveDescription{}, err
	}
	return a.describe(), nil
}

// ListArchives returns the archives whose names start with prefix, in name
// order.
func (b *Bus) ListArchives(prefix string) []ArchiveDescription {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return describeByName(b.archives, prefix)
}

// UpdateArchive replaces the archive's pattern, retention and description;
// its events stay. It fails, changing nothing, with [ErrResourceNotFound],
// [ErrValidation] or [ErrInvalidEventPattern].
func (b *Bus) UpdateArchive(cfg ArchiveConfig) error {
	policy, err := checkArchive(&cfg)
	if err != nil {
		return err
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	a, err := b.archive(cfg.Name)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.cfg, a.policy = cfg, policy
	return nil
}

// DeleteArchive deletes the archive and its events, or fails with
// [ErrResourceNotFound].
func (b *Bus) DeleteArchive(name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, err := b.archive(name); err != nil {
		return err
	}
	delete(b.archives, name)
	return nil
}
