package eventsapi

import (
	"context"

	"github.com/switchyard/switchyard/eventbus"
)

// PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule
// and ListRuleNamesByTarget.

// The rule states of the model. The third is AWS's opt-in to CloudTrail
// management events, which the engine does not have.
const stateWithCloudTrail = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

var (
	shapeScheduleExpression = newShape(0, 256, "")
	shapeRoleARN            = newShape(1, 1600, "")
)

// ruleOutput is a rule as ListRules reports it.
type ruleOutput struct {
	Name               string `json:"Name"`
	Arn                string `json:"Arn"`
	EventPattern       string `json:"EventPattern,omitempty"`
	ScheduleExpression string `json:"ScheduleExpression,omitempty"`
	State              string `json:"State"`
	Description        string `json:"Description,omitempty"`
	RoleArn            string `json:"RoleArn,omitempty"`
	EventBusName       string `json:"EventBusName"`
}

// describeRuleOutput is a rule as DescribeRule reports it.
type describeRuleOutput struct {
	ruleOutput
	CreatedBy string `json:"CreatedBy"`
}

func (e *busEntry) ruleOut(d eventbus.RuleDescription) ruleOutput {
	out := ruleOutput{
		Name:               d.Name,
		Arn:                d.ARN,
		EventPattern:       d.EventPattern,
		ScheduleExpression: d.ScheduleExpression,
		State:              string(d.State),
		Description:        d.Description,
		EventBusName:       d.EventBusName,
	}
	if r := e.rules[d.Name]; r != nil {
		out.RoleArn = r.roleARN
	}
	return out
}

// ruleRequest names a rule: the input of DescribeRule, EnableRule and
// DisableRule, and the members every rule operation has. (Inputs spell
// these members out rather than embed this type, so that decoding errors
// name the member as the request does.)
type ruleRequest struct {
	Name         *string `json:"Name"`
	EventBusName *string `json:"EventBusName"`
}

func (in *ruleRequest) check(c *checks) {
	c.required(in.Name, "name", shapeRuleName)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
}

type putRuleInput struct {
	Name               *string `json:"Name"`
	EventBusName       *string `json:"EventBusName"`
	ScheduleExpression *string `json:"ScheduleExpression"`
	EventPattern       *string `json:"EventPattern"`
	State              *string `json:"State"`
	Description        *string `json:"Description"`
	RoleArn            *string `json:"RoleArn"`
	Tags               []Tag   `json:"Tags"`
}

type putRuleOutput struct {
	RuleArn string `json:"RuleArn"`
}

// putRule creates or replaces a rule. Replacing it keeps its targets and
// tags (Tags apply to a new rule only; TagResource changes them after)
// and replaces everything else, as AWS does: a member left out is
// cleared.
func (s *Service) putRule(_ context.Context, in *putRuleInput) (putRuleOutput, error) {
	var c checks
	c.required(in.Name, "name", shapeRuleName)
	c.str(in.ScheduleExpression, "scheduleExpression", shapeScheduleExpression)
	c.str(in.EventPattern, "eventPattern", shapeEventPattern)
	c.enum(in.State, "state", string(eventbus.Enabled), string(eventbus.Disabled), stateWithCloudTrail)
	c.str(in.Description, "description", shapeDescription)
	c.str(in.RoleArn, "roleArn", shapeRoleARN)
	checkTags(&c, in.Tags)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
	if err := c.err(); err != nil {
		return putRuleOutput{}, err
	}
	if str(in.State) == stateWithCloudTrail {
		return putRuleOutput{}, invalidParameter("State", stateWithCloudTrail+" is not supported by Switchyard.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return putRuleOutput{}, err
	}
	_, missing := e.bus.DescribeRule(*in.Name)
	isNew := missing != nil
	arn, err := e.bus.PutRule(eventbus.RuleConfig{
		Name:               *in.Name,
		EventPattern:       str(in.EventPattern),
		ScheduleExpression: str(in.ScheduleExpression),
		State:              eventbus.RuleState(str(in.State)),
		Description:        str(in.Description),
	})
	if err != nil {
		return putRuleOutput{}, err
	}
	r := e.rule(*in.Name)
	if isNew {
		r.tags = nil
		r.tags.set(in.Tags)
	}
	r.roleARN = str(in.RoleArn)
	return putRuleOutput{RuleArn: arn}, nil
}

func (s *Service) describeRule(_ context.Context, in *ruleRequest) (describeRuleOutput, error) {
	var c checks
	in.check(&c)
	if err := c.err(); err != nil {
		return describeRuleOutput{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return describeRuleOutput{}, err
	}
	d, err := e.bus.DescribeRule(*in.Name)
	if err != nil {
		return describeRuleOutput{}, err
	}
	return describeRuleOutput{ruleOutput: e.ruleOut(d), CreatedBy: d.CreatedBy}, nil
}

type listRulesInput struct {
	NamePrefix   *string `json:"NamePrefix"`
	EventBusName *string `json:"EventBusName"`
	NextToken    *string `json:"NextToken"`
	Limit        *int    `json:"Limit"`
}

type listRulesOutput struct {
	Rules     []ruleOutput `json:"Rules"`
	NextToken string       `json:"NextToken,omitempty"`
}

func (s *Service) listRules(_ context.Context, in *listRulesInput) (listRulesOutput, error) {
	var c checks
	c.str(in.NamePrefix, "namePrefix", shapeRuleName)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
	c.str(in.NextToken, "nextToken", shapeNextToken)
	c.limit(in.Limit)
	if err := c.err(); err != nil {
		return listRulesOutput{}, err
	}
	s.mu.RLock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		s.mu.RUnlock()
		return listRulesOutput{}, err
	}
	var rules []ruleOutput
	for _, d := range e.bus.ListRules(str(in.NamePrefix)) {
		rules = append(rules, e.ruleOut(d))
	}
	s.mu.RUnlock()
	rules, next, err := page(rules, func(r ruleOutput) string { return r.Name }, str(in.NextToken), in.Limit)
	if err != nil {
		return listRulesOutput{}, err
	}
	return listRulesOutput{Rules: nonNil(rules), NextToken: next}, nil
}

type deleteRuleInput struct {
	Name         *string `json:"Name"`
	EventBusName *string `json:"EventBusName"`
	// Force deletes a rule an AWS service manages; there are none here,
	// and AWS ignores it for other rules.
	Force bool `json:"Force"`
}

// deleteRule deletes a rule that has no targets; a rule that does not
// exist is not an error, as in AWS.
func (s *Service) deleteRule(_ context.Context, in *deleteRuleInput) (struct{}, error) {
	var c checks
	(&ruleRequest{in.Name, in.EventBusName}).check(&c)
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return struct{}{}, err
	}
	if err := e.bus.DeleteRule(*in.Name, false); err != nil {
		return struct{}{}, err
	}
	delete(e.rules, *in.Name)
	return struct{}{}, nil
}

func (s *Service) enableRule(_ context.Context, in *ruleRequest) (struct{}, error) {
	return struct{}{}, s.setRuleState(in, (*eventbus.Bus).EnableRule)
}

func (s *Service) disableRule(_ context.Context, in *ruleRequest) (struct{}, error) {
	return struct{}{}, s.setRuleState(in, (*eventbus.Bus).DisableRule)
}

// setRuleState enables or disables the rule in names.
func (s *Service) setRuleState(in *ruleRequest, set func(*eventbus.Bus, string) error) error {
	var c checks
	in.check(&c)
	if err := c.err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return err
	}
	return set(e.bus, *in.Name)
}

type listRuleNamesByTargetInput struct {
	TargetArn    *string `json:"TargetArn"`
	EventBusName *string `json:"EventBusName"`
	NextToken    *string `json:"NextToken"`
	Limit        *int    `json:"Limit"`
}

type listRuleNamesByTargetOutput struct {
	RuleNames []string `json:"RuleNames"`
	NextToken string   `json:"NextToken,omitempty"`
}

func (s *Service) listRuleNamesByTarget(_ context.Context, in *listRuleNamesByTargetInput) (listRuleNamesByTargetOutput, error) {
	var c checks
	c.required(in.TargetArn, "targetArn", shapeARN)
	c.str(in.EventBusName, "eventBusName", shapeEventBusNameOrARN)
	c.str(in.NextToken, "nextToken", shapeNextToken)
	c.limit(in.Limit)
	if err := c.err(); err != nil {
		return listRuleNamesByTargetOutput{}, err
	}
	s.mu.RLock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		s.mu.RUnlock()
		return listRuleNamesByTargetOutput{}, err
	}
	names := e.bus.ListRuleNamesByTarget(*in.TargetArn)
	s.mu.RUnlock()
	names, next, err := page(names, func(n string) string { return n }, str(in.NextToken), in.Limit)
	if err != nil {
		return listRuleNamesByTargetOutput{}, err
	}
	return listRuleNamesByTargetOutput{RuleNames: nonNil(names), NextToken: next}, nil
}
