package eventbus

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/switchyard/switchyard/eventbus/internal/input"
	"github.com/switchyard/switchyard/internal/awserr"
)

// Target is where a rule sends the events it matches, as PutTargets takes
// it. By default the target receives the whole event; Input, InputPath and
// InputTransformer (at most one of them) change what it receives.
type Target struct {
	// ID is 1–64 letters, digits and . - _, unique within the rule.
	ID string
	// Destination receives the events. Required.
	Destination Destination
	// Input, when set, is JSON text the target receives instead of the
	// event.
	Input string
	// InputPath, when set, is a JSONPath ("$.detail") selecting the part
	// of the event the target receives.
	InputPath string
	// InputTransformer, when set, builds the target's input from values
	// of the event.
	InputTransformer *InputTransformer
	// RetryPolicy bounds the retries of failed deliveries; nil means 185
	// attempts within 24 hours.
	RetryPolicy *RetryPolicy
	// DeadLetter, when set, receives the events the target could not take
	// (see [DeadLetterTo]); without it they are dropped.
	DeadLetter DeadLetter
}

// InputTransformer builds a target's input: InputPathsMap names values of
// the event by JSONPath, and InputTemplate places them with <name>
// placeholders, as EventBridge's input transformer does. The predefined
// <aws.events.rule-arn>, <aws.events.rule-name>,
// <aws.events.event.ingestion-time>, <aws.events.event> and
// <aws.events.event.json> need no path.
type InputTransformer struct {
	InputPathsMap map[string]string
	InputTemplate string
}

// target is a rule's target, compiled.
type target struct {
	cfg        Target
	shaper     *input.Shaper
	maxRetries int
	maxAge     time.Duration
	arn        string // the destination's, if it has one
}

// maxTargetsPerRule is EventBridge's limit of targets on one rule.
const maxTargetsPerRule = 5

// PutTargets adds targets to the rule, replacing those with the same ids.
// It fails, changing nothing, with [ErrResourceNotFound] (no such rule),
// [ErrValidation] (an id, retry policy or input setting EventBridge
// refuses, a missing destination) or [ErrLimitExceeded] (the rule would
// have more than 5 targets).
func (b *Bus) PutTargets(ruleName string, targets ...Target) error {
	compiled, err := compileTargets(targets)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	r, err := b.rule(ruleName)
	if err != nil {
		return err
	}
	byID := map[string]*target{}
	for _, t := range r.targets {
		byID[t.cfg.ID] = t
	}
	for _, t := range compiled {
		byID[t.cfg.ID] = t
	}
	if len(byID) > maxTargetsPerRule {
		return ErrLimitExceeded.Clone()
	}
	next := make([]*target, 0, len(byID))
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		next = append(next, byID[id])
	}
	r.targets = next
	return nil
}

var targetIDPattern = ruleNamePattern

// compileTargets checks targets as PutTargets does and compiles their
// input settings.
func compileTargets(targets []Target) ([]*target, error) {
	var vs awserr.Violations
	if len(targets) == 0 {
		vs.Add("'[]'", "targets", awserr.LengthAtLeast(1))
	}
	if len(targets) > 100 {
		vs.Add("", "targets", awserr.LengthAtMost(100))
	}
	for i, t := range targets {
		at := "targets." + strconv.Itoa(i+1) + ".member."
		switch {
		case t.ID == "":
			vs.AddString(t.ID, at+"id", awserr.LengthAtLeast(1))
		case len(t.ID) > 64:
			vs.AddString(t.ID, at+"id", awserr.LengthAtMost(64))
		case !targetIDPattern.MatchString(t.ID):
			vs.AddString(t.ID, at+"id", awserr.Pattern(`[\.\-_A-Za-z0-9]+`))
		}
		if p := t.RetryPolicy; p != nil {
			if n := p.MaximumRetryAttempts; n != nil && (*n < 0 || *n > defaultRetryAttempts) {
				constraint := awserr.ValueAtMost(defaultRetryAttempts)
				if *n < 0 {
					constraint = awserr.ValueAtLeast(0)
				}
				vs.AddInt(*n, at+"retryPolicy.maximumRetryAttempts", constraint)
			}
			if age := p.MaximumEventAge; age != 0 && (age < minEventAge || age > defaultEventAge) {
				constraint := awserr.ValueAtMost(int(defaultEventAge / time.Second))
				if age < minEventAge {
					constraint = awserr.ValueAtLeast(int(minEventAge / time.Second))
				}
				vs.AddInt(int(age/time.Second), at+"retryPolicy.maximumEventAgeInSeconds", constraint)
			}
		}
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	out := make([]*target, len(targets))
	for i, t := range targets {
		if t.Destination == nil {
			return nil, ErrValidation.Errorf("Parameter Destination is not valid. Reason: Target %s has no destination.", t.ID)
		}
		if t.RetryPolicy != nil && t.RetryPolicy.MaximumEventAge%time.Second != 0 {
			return nil, ErrValidation.Errorf("Parameter MaximumEventAgeInSeconds is not valid. Reason: Target %s's maximum event age is not a whole number of seconds.", t.ID)
		}
		shaper, err := input.Compile(inputSpec(&t, i))
		if err != nil {
			if errors.Is(err, input.ErrValidation) {
				return nil, ErrValidation.WithMessage(err.Error())
			}
			return nil, err
		}
		ct := &target{cfg: t, shaper: shaper, maxRetries: defaultRetryAttempts, maxAge: defaultEventAge}
		if p := t.RetryPolicy; p != nil {
			if p.MaximumRetryAttempts != nil {
				ct.maxRetries = *p.MaximumRetryAttempts
			}
			if p.MaximumEventAge != 0 {
				ct.maxAge = p.MaximumEventAge
			}
		}
		if a, ok := t.Destination.(arnDestination); ok {
			ct.arn = a.ARN()
		}
		out[i] = ct
	}
	return out, nil
}

func inputSpec(t *Target, i int) input.Spec {
	spec := input.Spec{TargetID: t.ID, Location: "targets." + strconv.Itoa(i+1) + ".member", Input: t.Input, InputPath: t.InputPath}
	if tr := t.InputTransformer; tr != nil {
		spec.Transformer = &input.Transformer{PathsMap: tr.InputPathsMap, Template: tr.InputTemplate}
	}
	return spec
}

// RemoveTargets removes targets from the rule. It fails with
// [ErrResourceNotFound] when the rule does not exist, and names each id
// the rule does not have in an [ErrResourceNotFound] after removing the
// others.
func (b *Bus) RemoveTargets(ruleName string, ids ...string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	r, err := b.rule(ruleName)
	if err != nil {
		return err
	}
	var missing error
	next := slices.Clone(r.targets)
	for _, id := range ids {
		i := slices.IndexFunc(next, func(t *target) bool { return t.cfg.ID == id })
		if i < 0 {
			missing = errors.Join(missing, ErrResourceNotFound.Errorf("Rule '%s' does not have a target with the Id '%s'.", ruleName, id))
			continue
		}
		next = slices.Delete(next, i, i+1)
	}
	r.targets = next
	return missing
}

// ListTargetsByRule returns the rule's targets in id order, or
// [ErrResourceNotFound].
func (b *Bus) ListTargetsByRule(ruleName string) ([]Target, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	r, err := b.rule(ruleName)
	if err != nil {
		return nil, err
	}
	out := make([]Target, len(r.targets))
	for i, t := range r.targets {
		out[i] = t.cfg
	}
	return out, nil
}

// ListRuleNamesByTarget returns, in order, the names of the rules with a
// target whose destination has the ARN arn.
func (b *Bus) ListRuleNamesByTarget(arn string) []string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	var out []string
	for _, name := range slices.Sorted(maps.Keys(b.rules)) {
		if slices.ContainsFunc(b.rules[name].targets, func(t *target) bool { return t.arn == arn }) {
			out = append(out, name)
		}
	}
	return out
}
