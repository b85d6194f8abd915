package eventsapi

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
)

// PutTargets, RemoveTargets and ListTargetsByRule.

// Target is a rule's target as the API carries it. The service keeps it
// as PutTargets gave it, so that ListTargetsByRule returns it whole,
// including the settings of services Switchyard does not have, which are
// kept and returned but never used.
type Target struct {
	ID                          *string            `json:"Id"`
	Arn                         *string            `json:"Arn"`
	RoleArn                     *string            `json:"RoleArn,omitempty"`
	Input                       *string            `json:"Input,omitempty"`
	InputPath                   *string            `json:"InputPath,omitempty"`
	InputTransformer            *InputTransformer  `json:"InputTransformer,omitempty"`
	KinesisParameters           *KinesisParameters `json:"KinesisParameters,omitempty"`
	SqsParameters               *SqsParameters     `json:"SqsParameters,omitempty"`
	DeadLetterConfig            *DeadLetterConfig  `json:"DeadLetterConfig,omitempty"`
	RetryPolicy                 *RetryPolicy       `json:"RetryPolicy,omitempty"`
	RunCommandParameters        json.RawMessage    `json:"RunCommandParameters,omitempty"`
	EcsParameters               json.RawMessage    `json:"EcsParameters,omitempty"`
	BatchParameters             json.RawMessage    `json:"BatchParameters,omitempty"`
	HTTPParameters              json.RawMessage    `json:"HttpParameters,omitempty"`
	RedshiftDataParameters      json.RawMessage    `json:"RedshiftDataParameters,omitempty"`
	SageMakerPipelineParameters json.RawMessage    `json:"SageMakerPipelineParameters,omitempty"`
	AppSyncParameters           json.RawMessage    `json:"AppSyncParameters,omitempty"`
}

// InputTransformer is a target's InputTransformer.
type InputTransformer struct {
	InputPathsMap map[string]string `json:"InputPathsMap,omitempty"`
	InputTemplate *string           `json:"InputTemplate"`
}

// KinesisParameters is a stream target's KinesisParameters.
type KinesisParameters struct {
	PartitionKeyPath *string `json:"PartitionKeyPath"`
}

// SqsParameters is a queue target's SqsParameters.
type SqsParameters struct {
	MessageGroupID *string `json:"MessageGroupId,omitempty"`
}

// DeadLetterConfig names a target's dead-letter queue.
type DeadLetterConfig struct {
	Arn *string `json:"Arn,omitempty"`
}

// RetryPolicy is a target's RetryPolicy.
type RetryPolicy struct {
	MaximumRetryAttempts     *int `json:"MaximumRetryAttempts,omitempty"`
	MaximumEventAgeInSeconds *int `json:"MaximumEventAgeInSeconds,omitempty"`
}

// Bounds of a retry policy, as the model has them.
const (
	maxRetryAttempts = 185
	minEventAge      = 60
	maxEventAge      = 86400
)

var (
	shapeInputTemplate = newShape(1, 8192, "")
	shapePathsMapKey   = newShape(1, 256, `[A-Za-z0-9\_\-]+`)
)

// check collects the model constraints the i-th target of a request
// breaks.
func (t *Target) check(c *checks, i int) {
	at := member("targets", i)
	c.required(t.ID, at+".id", shapeTargetID)
	c.required(t.Arn, at+".arn", shapeARN)
	c.str(t.RoleArn, at+".roleArn", shapeRoleARN)
	c.str(t.Input, at+".input", shapeTargetInput)
	c.str(t.InputPath, at+".inputPath", shapeTargetInputPath)
	if tr := t.InputTransformer; tr != nil {
		for k, v := range tr.InputPathsMap {
			c.str(&k, at+".inputTransformer.inputPathsMap.key", shapePathsMapKey)
			c.str(&v, at+".inputTransformer.inputPathsMap.value", shapeTargetInputPath)
		}
		c.required(tr.InputTemplate, at+".inputTransformer.inputTemplate", shapeInputTemplate)
	}
	if k := t.KinesisParameters; k != nil {
		c.required(k.PartitionKeyPath, at+".kinesisParameters.partitionKeyPath", shapePartitionKeyPath)
	}
	if q := t.SqsParameters; q != nil {
		c.str(q.MessageGroupID, at+".sqsParameters.messageGroupId", shapeMessageGroupID)
	}
	if d := t.DeadLetterConfig; d != nil {
		c.str(d.Arn, at+".deadLetterConfig.arn", shapeARN)
	}
	if p := t.RetryPolicy; p != nil {
		if n := p.MaximumRetryAttempts; n != nil && *n < 0 {
			c.vs.AddInt(*n, at+".retryPolicy.maximumRetryAttempts", awserr.ValueAtLeast(0))
		} else if n != nil && *n > maxRetryAttempts {
			c.vs.AddInt(*n, at+".retryPolicy.maximumRetryAttempts", awserr.ValueAtMost(maxRetryAttempts))
		}
		if n := p.MaximumEventAgeInSeconds; n != nil && *n < minEventAge {
			c.vs.AddInt(*n, at+".retryPolicy.maximumEventAgeInSeconds", awserr.ValueAtLeast(minEventAge))
		} else if n != nil && *n > maxEventAge {
			c.vs.AddInt(*n, at+".retryPolicy.maximumEventAgeInSeconds", awserr.ValueAtMost(maxEventAge))
		}
	}
}

// params are the settings of the target its destination needs.
func (t *Target) params() TargetParameters {
	var p TargetParameters
	if q := t.SqsParameters; q != nil {
		p.SQSMessageGroupID = str(q.MessageGroupID)
	}
	if k := t.KinesisParameters; k != nil {
		p.KinesisPartitionKeyPath = str(k.PartitionKeyPath)
	}
	return p
}

// resolveTarget checks what EventBridge checks of a target's ARN beyond
// the model, and returns the engine's target for it.
func (s *Service) resolveTarget(t *Target) (eventbus.Target, error) {
	arn := *t.Arn
	a, ok := parseARN(arn)
	if !ok {
		return eventbus.Target{}, invalidParameter(arn, "Provided Arn is not in correct format.")
	}
	if a.service == "sqs" && strings.HasSuffix(a.resource, ".fifo") && t.SqsParameters == nil {
		return eventbus.Target{}, eventbus.ErrValidation.Errorf("Parameter(s) SqsParameters must be specified for target: %s.", *t.ID)
	}
	et := eventbus.Target{
		ID:        *t.ID,
		Input:     str(t.Input),
		InputPath: str(t.InputPath),
	}
	if _, ok := s.busNameOfARN(arn); ok {
		et.Destination = busDestination{s: s, arn: arn}
	} else {
		p := t.params()
		if s.cfg.Destination != nil {
			// A resource that does not exist yet is fine; an ARN the
			// resolver refuses outright refuses the request.
			if _, err := s.cfg.Destination(arn, p); err != nil && errors.Is(err, eventbus.ErrValidation) {
				return eventbus.Target{}, err
			}
		}
		et.Destination = remoteDestination{s: s, arn: arn, params: p}
	}
	if tr := t.InputTransformer; tr != nil {
		et.InputTransformer = &eventbus.InputTransformer{InputPathsMap: tr.InputPathsMap, InputTemplate: *tr.InputTemplate}
	}
	if p := t.RetryPolicy; p != nil {
		et.RetryPolicy = &eventbus.RetryPolicy{MaximumRetryAttempts: p.MaximumRetryAttempts}
		if p.MaximumEventAgeInSeconds != nil {
			et.RetryPolicy.MaximumEventAge = time.Duration(*p.MaximumEventAgeInSeconds) * time.Second
		}
	}
	if d := t.DeadLetterConfig; d != nil && d.Arn != nil {
		et.DeadLetter = deadLetterQueue{s: s, arn: *d.Arn}
	}
	return et, nil
}

// targetOf returns the target the API shows for a target of the engine:
// the one PutTargets gave, or, for a target put through the engine's own
// API, its id and destination ARN.
func (r *ruleEntry) targetOf(t eventbus.Target) Target {
	if r != nil {
		if wt, ok := r.targets[t.ID]; ok {
			return wt
		}
	}
	out := Target{ID: ptr(t.ID), Arn: ptr("")}
	if a, ok := t.Destination.(interface{ ARN() string }); ok {
		out.Arn = ptr(a.ARN())
	}
	return out
}

type putTargetsInput struct {
	Rule         *string  `json:"Rule"`
	EventBusName *string  `json:"EventBusName"`
	Targets      []Target `json:"Targets"`
}

// resultEntry is a target a PutTargets or RemoveTargets call failed for.
type resultEntry struct {
	TargetID     string `json:"TargetId"`
	ErrorCode    string `json:"ErrorCode"`
	ErrorMessage string `json:"ErrorMessage"`
}

// targetsOutput is the reply of PutTargets and RemoveTargets. AWS reports
// a target in FailedEntries only when concurrent requests collide, which
// they cannot here, so the list is always empty.
type targetsOutput struct {
	FailedEntryCount int           `json:"FailedEntryCount"`
	FailedEntries    []resultEntry `json:"FailedEntries"`
}

func (s *Service) putTargets(_ context.Context, in *putTargetsInput) (targetsOutput, error) {
	var c checks
	c.required(in.Rule, "rule", shapeRuleName)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
	c.present(in.Targets != nil, "targets")
	if in.Targets != nil {
		c.count(len(in.Targets), "targets", 1, 100)
	}
	for i := range in.Targets {
		in.Targets[i].check(&c, i)
	}
	if err := c.err(); err != nil {
		return targetsOutput{}, err
	}
	// Resolved outside s.mu: Config.Destination is the account's code.
	targets := make([]eventbus.Target, len(in.Targets))
	for i := range in.Targets {
		var err error
		if targets[i], err = s.resolveTarget(&in.Targets[i]); err != nil {
			return targetsOutput{}, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return targetsOutput{}, err
	}
	if err := e.bus.PutTargets(*in.Rule, targets...); err != nil {
		return targetsOutput{}, err
	}
	r := e.rule(*in.Rule)
	for _, t := range in.Targets {
		r.targets[*t.ID] = t
	}
	return targetsOutput{FailedEntries: []resultEntry{}}, nil
}

type removeTargetsInput struct {
	Rule         *string  `json:"Rule"`
	EventBusName *string  `json:"EventBusName"`
	Ids          []string `json:"Ids"`
	// Force removes targets from a rule an AWS service manages; there are
	// none here.
	Force bool `json:"Force"`
}

// removeTargets removes the rule's targets of those ids; ids the rule
// does not have are ignored.
func (s *Service) removeTargets(_ context.Context, in *removeTargetsInput) (targetsOutput, error) {
	var c checks
	c.required(in.Rule, "rule", shapeRuleName)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
	c.present(in.Ids != nil, "ids")
	if in.Ids != nil {
		c.count(len(in.Ids), "ids", 1, 100)
	}
	for i, id := range in.Ids {
		c.str(&id, member("ids", i), shapeTargetID)
	}
	if err := c.err(); err != nil {
		return targetsOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return targetsOutput{}, err
	}
	current, err := e.bus.ListTargetsByRule(*in.Rule)
	if err != nil {
		return targetsOutput{}, err
	}
	var ids []string
	for _, t := range current {
		for _, id := range in.Ids {
			if t.ID == id {
				ids = append(ids, id)
				break
			}
		}
	}
	if len(ids) > 0 {
		if err := e.bus.RemoveTargets(*in.Rule, ids...); err != nil {
			return targetsOutput{}, err
		}
	}
	if r := e.rules[*in.Rule]; r != nil {
		for _, id := range ids {
			delete(r.targets, id)
		}
	}
	return targetsOutput{FailedEntries: []resultEntry{}}, nil
}

type listTargetsByRuleInput struct {
	Rule         *string `json:"Rule"`
	EventBusName *string `json:"EventBusName"`
	NextToken    *string `json:"NextToken"`
	Limit        *int    `json:"Limit"`
}

type listTargetsByRuleOutput struct {
	Targets   []Target `json:"Targets"`
	NextToken string   `json:"NextToken,omitempty"`
}

func (s *Service) listTargetsByRule(_ context.Context, in *listTargetsByRuleInput) (listTargetsByRuleOutput, error) {
	var c checks
	c.required(in.Rule, "rule", shapeRuleName)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
	c.str(in.NextToken, "nextToken", shapeNextToken)
	c.limit(in.Limit)
	if err := c.err(); err != nil {
		return listTargetsByRuleOutput{}, err
	}
	s.mu.RLock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		s.mu.RUnlock()
		return listTargetsByRuleOutput{}, err
	}
	current, err := e.bus.ListTargetsByRule(*in.Rule)
	if err != nil {
		s.mu.RUnlock()
		return listTargetsByRuleOutput{}, err
	}
	r := e.rules[*in.Rule]
	targets := make([]Target, len(current))
	for i, t := range current {
		targets[i] = r.targetOf(t)
	}
	s.mu.RUnlock()
	targets, next, err := page(targets, func(t Target) string { return *t.ID }, str(in.NextToken), in.Limit)
	if err != nil {
		return listTargetsByRuleOutput{}, err
	}
	return listTargetsByRuleOutput{Targets: nonNil(targets), NextToken: next}, nil
}
