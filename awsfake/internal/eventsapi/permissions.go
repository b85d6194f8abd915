package eventsapi

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/switchyard/switchyard/eventbus"
)

// PutPermission and RemovePermission: a bus's resource policy, stored and
// returned by DescribeEventBus, never enforced.

// policyDocument is a bus's resource policy as JSON values, so that a
// policy given whole keeps every member it was given, and statements
// PutPermission adds sit beside them.
type policyDocument map[string]any

// text is the policy as DescribeEventBus returns it, "" for none.
func (p policyDocument) text() string {
	if p == nil {
		return ""
	}
	b, err := json.Marshal(p)
	if err != nil {
		return "" // a document decoded from JSON always encodes
	}
	return string(b)
}

// statements returns the policy's statements: its Statement list, or its
// one Statement object.
func (p policyDocument) statements() []any {
	switch st := p["Statement"].(type) {
	case []any:
		return st
	case map[string]any:
		return []any{st}
	}
	return nil
}

// hasSid reports whether a statement is an object with that Sid.
func hasSid(st any, sid string) bool {
	m, ok := st.(map[string]any)
	return ok && m["Sid"] == sid
}

// with returns a copy of the policy with st added, replacing a statement
// of the same Sid.
func (p policyDocument) with(sid string, st map[string]any) policyDocument {
	next := policyDocument{"Version": "2012-10-17"}
	for k, v := range p {
		next[k] = v
	}
	sts := slices.DeleteFunc(slices.Clone(p.statements()), func(old any) bool { return hasSid(old, sid) })
	next["Statement"] = append(sts, st)
	return next
}

// without returns a copy of the policy without the statement of that
// Sid, nil when no statement is left, and whether there was one.
func (p policyDocument) without(sid string) (policyDocument, bool) {
	sts := p.statements()
	if !slices.ContainsFunc(sts, func(st any) bool { return hasSid(st, sid) }) {
		return p, false
	}
	sts = slices.DeleteFunc(slices.Clone(sts), func(st any) bool { return hasSid(st, sid) })
	if len(sts) == 0 {
		return nil, true
	}
	next := policyDocument{}
	for k, v := range p {
		next[k] = v
	}
	next["Statement"] = sts
	return next, true
}

// Condition limits a PutPermission statement to an organization.
type Condition struct {
	Type  *string `json:"Type"`
	Key   *string `json:"Key"`
	Value *string `json:"Value"`
}

type putPermissionInput struct {
	EventBusName *string    `json:"EventBusName"`
	Action       *string    `json:"Action"`
	Principal    *string    `json:"Principal"`
	StatementID  *string    `json:"StatementId"`
	Condition    *Condition `json:"Condition"`
	Policy       *string    `json:"Policy"`
}

// shapeConditionPart is a Condition's Type, Key or Value.
var shapeConditionPart = newShape(0, 255, "")

func (s *Service) putPermission(_ context.Context, in *putPermissionInput) (struct{}, error) {
	var c checks
	c.str(in.EventBusName, "eventBusName", shapeEventBusName)
	c.str(in.Action, "action", shapeAction)
	c.str(in.Principal, "principal", shapePrincipal)
	c.str(in.StatementID, "statementId", shapeStatementID)
	if cond := in.Condition; cond != nil {
		c.required(cond.Type, "condition.type", shapeConditionPart)
		c.required(cond.Key, "condition.key", shapeConditionPart)
		c.required(cond.Value, "condition.value", shapeConditionPart)
	}
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	var whole policyDocument
	switch {
	case in.Policy != nil:
		if json.Unmarshal([]byte(*in.Policy), &whole) != nil || whole == nil {
			return struct{}{}, eventbus.ErrValidation.WithMessage("This policy contains invalid Json")
		}
	case in.Action == nil || in.Principal == nil || in.StatementID == nil:
		return struct{}{}, eventbus.ErrValidation.WithMessage("Parameter(s) Action, Principal and StatementId or Policy must be specified.")
	case *in.Action != "events:PutEvents":
		return struct{}{}, eventbus.ErrValidation.WithMessage("Provided value in parameter 'action' is not supported.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return struct{}{}, err
	}
	if whole != nil {
		e.policy = whole
	} else {
		e.policy = e.policy.with(*in.StatementID, statement(e.bus.ARN(), in))
	}
	e.modified = s.cfg.Clock.Now()
	return struct{}{}, nil
}

// statement is the statement PutPermission adds for in: the principal
// (an account, or "*") may put events on the bus.
func statement(busARN string, in *putPermissionInput) map[string]any {
	st := map[string]any{"Sid": *in.StatementID, "Effect": "Allow", "Principal": "*", "Action": *in.Action, "Resource": busARN}
	if *in.Principal != "*" {
		st["Principal"] = map[string]any{"AWS": "arn:aws:iam::" + *in.Principal + ":root"}
	}
	if cond := in.Condition; cond != nil {
		st["Condition"] = map[string]any{*cond.Type: map[string]any{*cond.Key: *cond.Value}}
	}
	return st
}

type removePermissionInput struct {
	StatementID          *string `json:"StatementId"`
	RemoveAllPermissions bool    `json:"RemoveAllPermissions"`
	EventBusName         *string `json:"EventBusName"`
}

func (s *Service) removePermission(_ context.Context, in *removePermissionInput) (struct{}, error) {
	var c checks
	c.str(in.StatementID, "statementId", shapeStatementID)
	c.str(in.EventBusName, "eventBusName", shapeEventBusName)
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.EventBusName))
	if err != nil {
		return struct{}{}, err
	}
	switch {
	case in.RemoveAllPermissions:
		e.policy = nil
	case in.StatementID == nil:
		return struct{}{}, eventbus.ErrValidation.WithMessage("Parameter(s) StatementId or RemoveAllPermissions must be specified.")
	default:
		next, found := e.policy.without(*in.StatementID)
		if !found {
			return struct{}{}, eventbus.ErrResourceNotFound.WithMessage("Statement with the provided id does not exist.")
		}
		e.policy = next
	}
	e.modified = s.cfg.Clock.Now()
	return struct{}{}, nil
}
