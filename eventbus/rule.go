package eventbus

import (
	"errors"
	"regexp"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/pattern"
)

// RuleState says whether a rule sends events to its targets.
type RuleState string

const (
	// Enabled rules match events (or fire on their schedule); the default.
	Enabled RuleState = "ENABLED"
	// Disabled rules keep their pattern and targets but match nothing.
	Disabled RuleState = "DISABLED"
)

// RuleConfig defines a rule, as PutRule takes it.
type RuleConfig struct {
	// Name is 1–64 letters, digits and . - _, unique on the bus.
	Name string
	// EventPattern selects the events the rule sends to its targets, in
	// EventBridge's pattern language (see [TestEventPattern]).
	EventPattern string
	// ScheduleExpression, "rate(5 minutes)" or "cron(0 12 * * ? *)",
	// makes the rule fire on a schedule, in UTC; only the default bus
	// runs schedules. A rule has a pattern, a schedule, or both (then it
	// does both).
	ScheduleExpression string
	// State is [Enabled] (the default when empty) or [Disabled].
	State RuleState
	// Description is up to 512 characters.
	Description string
}

// RuleDescription is a rule as DescribeRule and ListRules report it.
type RuleDescription struct {
	Name               string
	ARN                string
	EventPattern       string
	ScheduleExpression string
	State              RuleState
	Description        string
	EventBusName       string
	// CreatedBy is the account that created the rule.
	CreatedBy string
}

// rule is a rule of the bus. Its targets are replaced, never changed in
// place, so that deliveries read them without the bus's lock.
type rule struct {
	bus     *Bus
	name    string // never changes, unlike the rest of cfg
	arn     string
	cfg     RuleConfig
	policy  *pattern.Policy // nil for a schedule-only rule
	sched   *ruleSchedule   // nil for a pattern-only rule
	targets []*target
}

func (r *rule) enabled() bool { return r.cfg.State != Disabled }

// maxRulesPerBus is EventBridge's default quota of rules on one bus.
const maxRulesPerBus = 300

var ruleNamePattern = regexp.MustCompile(`^[\.\-_A-Za-z0-9]+$`)

// PutRule creates a rule or, when one of that name exists, replaces its
// pattern, schedule, state and description, keeping its targets. It
// returns the rule's ARN. It fails, changing nothing, with
// [ErrValidation] (a name, state or description out of bounds, neither a
// pattern nor a schedule, a bad schedule expression or a schedule on a bus
// other than the default), [ErrInvalidEventPattern] or, for a 301st rule,
// [ErrLimitExceeded].
func (b *Bus) PutRule(cfg RuleConfig) (string, error) {
	if cfg.State == "" {
		cfg.State = Enabled
	}
	policy, sched, err := b.checkRule(&cfg)
	if err != nil {
		return "", err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return "", b.notFound()
	}
	r, exists := b.rules[cfg.Name]
	if !exists {
		if len(b.rules) >= maxRulesPerBus {
			return "", ErrLimitExceeded.Clone()
		}
		r = &rule{bus: b, name: cfg.Name, arn: b.ruleARN(cfg.Name)}
		b.rules[cfg.Name] = r
	}
	b.index.Delete(r)
	r.stopSchedule()
	r.cfg, r.policy, r.sched = cfg, policy, sched
	b.arm(r)
	return r.arn, nil
}

// checkRule validates a rule's definition and compiles its pattern and
// schedule.
func (b *Bus) checkRule(cfg *RuleConfig) (*pattern.Policy, *ruleSchedule, error) {
	var vs awserr.Violations
	switch {
	case cfg.Name == "":
		vs.AddString(cfg.Name, "name", awserr.LengthAtLeast(1))
	case len(cfg.Name) > 64:
		vs.AddString(cfg.Name, "name", awserr.LengthAtMost(64))
	case !ruleNamePattern.MatchString(cfg.Name):
		vs.AddString(cfg.Name, "name", awserr.Pattern(`[\.\-_A-Za-z0-9]+`))
	}
	if cfg.State != Enabled && cfg.State != Disabled {
		vs.AddString(string(cfg.State), "state", awserr.Enum(string(Enabled), string(Disabled)))
	}
	if len(cfg.Description) > 512 {
		vs.AddString(cfg.Description, "description", awserr.LengthAtMost(512))
	}
	if len(cfg.ScheduleExpression) > 256 {
		vs.AddString(cfg.ScheduleExpression, "scheduleExpression", awserr.LengthAtMost(256))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, nil, err
	}
	if cfg.EventPattern == "" && cfg.ScheduleExpression == "" {
		return nil, nil, ErrValidation.WithMessage("Parameter(s) EventPattern or ScheduleExpression must be specified.")
	}
	var policy *pattern.Policy
	if cfg.EventPattern != "" {
		var err error
		if policy, err = parsePattern(cfg.EventPattern); err != nil {
			return nil, nil, err
		}
	}
	var sched *ruleSchedule
	if cfg.ScheduleExpression != "" {
		if b.name != DefaultBusName {
			return nil, nil, ErrValidation.WithMessage("ScheduleExpression is supported only on the default event bus.")
		}
		var err error
		if sched, err = parseSchedule(cfg.ScheduleExpression); err != nil {
			return nil, nil, err
		}
	}
	return policy, sched, nil
}

// parsePattern compiles an event pattern, or returns
// ErrInvalidEventPattern with EventBridge's reason.
func parsePattern(text string) (*pattern.Policy, error) {
	p, err := pattern.ParseEventPattern(text)
	if err != nil {
		var pe *pattern.Error
		if errors.As(err, &pe) {
			return nil, ErrInvalidEventPattern.WithMessage("Event pattern is not valid. Reason: " + pe.Reason)
		}
		return nil, ErrInvalidEventPattern.WithMessage("Event pattern is not valid. Reason: " + err.Error())
	}
	return p, nil
}

// ruleARN is arn:…:rule/name on the default bus and arn:…:rule/bus/name
// on others.
func (b *Bus) ruleARN(name string) string {
	if b.name == DefaultBusName {
		return b.resourceARN("rule/" + name)
	}
	return b.resourceARN("rule/" + b.name + "/" + name)
}

// arm files an enabled rule's pattern in the index and starts its
// schedule. The bus's lock is held.
func (b *Bus) arm(r *rule) {
	if !r.enabled() {
		return
	}
	if r.policy != nil {
		b.index.Set(r, r.policy)
	}
	if r.sched != nil {
		r.startSchedule(b.clock.Now())
	}
}

// rule returns the rule of that name, or ErrResourceNotFound. The bus's
// lock is held.
func (b *Bus) rule(name string) (*rule, error) {
	if b.closed {
		return nil, b.notFound()
	}
	r, ok := b.rules[name]
	if !ok {
		return nil, ErrResourceNotFound.Errorf("Rule %s does not exist on EventBus %s.", name, b.name)
	}
	return r, nil
}

// DescribeRule returns the rule, or [ErrResourceNotFound].
func (b *Bus) DescribeRule(name string) (RuleDescription, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	r, err := b.rule(name)
	if err != nil {
		return RuleDescription{}, err
	}
	return r.describe(), nil
}

func (r *rule) describe() RuleDescription {
	return RuleDescription{
		Name:               r.cfg.Name,
		ARN:                r.arn,
		EventPattern:       r.cfg.EventPattern,
		ScheduleExpression: r.cfg.ScheduleExpression,
		State:              r.cfg.State,
		Description:        r.cfg.Description,
		EventBusName:       r.bus.name,
		CreatedBy:          r.bus.opts.account,
	}
}

// ListRules returns the rules whose names start with prefix, in name
// order.
func (b *Bus) ListRules(prefix string) []RuleDescription {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return describeByName(b.rules, prefix)
}

// EnableRule enables the rule: it matches events again and, with a
// schedule, fires from now on. It fails with [ErrResourceNotFound].
func (b *Bus) EnableRule(name string) error { return b.setState(name, Enabled) }

// DisableRule disables the rule: it matches no event and its schedule
// stops; deliveries already under way go on. It fails with
// [ErrResourceNotFound].
func (b *Bus) DisableRule(name string) error { return b.setState(name, Disabled) }

func (b *Bus) setState(name string, state RuleState) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	r, err := b.rule(name)
	if err != nil {
		return err
	}
	if r.cfg.State == state {
		return nil
	}
	r.cfg.State = state
	b.index.Delete(r)
	r.stopSchedule()
	b.arm(r)
	return nil
}

// DeleteRule deletes the rule. A rule with targets is deleted only with
// force; without it the call fails with [ErrValidation]. A missing rule is
// not an error, as in EventBridge. Deliveries already under way go on.
func (b *Bus) DeleteRule(name string, force bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return b.notFound()
	}
	r, ok := b.rules[name]
	if !ok {
		return nil
	}
	if len(r.targets) > 0 && !force {
		return ErrValidation.WithMessage("Rule can't be deleted since it has targets.")
	}
	b.index.Delete(r)
	r.stopSchedule()
	delete(b.rules, name)
	return nil
}

// now returns the bus's time.
func (b *Bus) now() time.Time { return b.clock.Now() }
