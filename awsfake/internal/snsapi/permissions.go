package snsapi

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// policyStatement is one statement of a topic's policy, with its members
// in the order SNS writes them.
type policyStatement struct {
	Sid       string `json:"Sid"`
	Effect    string `json:"Effect"`
	Principal any    `json:"Principal"`
	Action    any    `json:"Action"`
	Resource  string `json:"Resource"`
	Condition any    `json:"Condition,omitempty"`
}

// defaultPolicyActions returns the actions of a new topic's policy, all
// that its owner may do; AddPermission may grant these and Receive.
func defaultPolicyActions() []string {
	return []string{
		"GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission",
		"DeleteTopic", "Subscribe", "ListSubscriptionsByTopic", "Publish",
	}
}

// defaultPolicy is the Policy of a topic no one has set one on: the owner
// may do everything.
func (s *Service) defaultPolicy(topicARN string) string {
	actions := defaultPolicyActions()
	for i, a := range actions {
		actions[i] = "SNS:" + a
	}
	doc := struct {
		Version   string            `json:"Version"`
		ID        string            `json:"Id"`
		Statement []policyStatement `json:"Statement"`
	}{
		Version: "2008-10-17",
		ID:      "__default_policy_ID",
		Statement: []policyStatement{{
			Sid:       "__default_statement_ID",
			Effect:    "Allow",
			Principal: map[string]string{"AWS": "*"},
			Action:    actions,
			Resource:  topicARN,
			Condition: map[string]map[string]string{"StringEquals": {"AWS:SourceOwner": s.cfg.Account}},
		}},
	}
	return marshalJSON(doc)
}

// policyLocked returns t's Policy. The caller holds s.mu.
func (s *Service) policyLocked(t *topicState) string {
	if p, ok := t.attrs["Policy"]; ok {
		return p
	}
	return s.defaultPolicy(t.arn)
}

// policyDoc is a policy document split into its statements and its other
// members, so that a statement can be added or removed without disturbing
// the rest.
type policyDoc struct {
	members    map[string]json.RawMessage
	statements []json.RawMessage
}

// parsePolicy splits a policy, which SetTopicAttributes has checked is a
// JSON object; a Statement that is one object counts as a list of one.
func parsePolicy(text string) policyDoc {
	var d policyDoc
	_ = json.Unmarshal([]byte(text), &d.members)
	if d.members == nil {
		d.members = make(map[string]json.RawMessage)
	}
	raw := bytes.TrimSpace(d.members["Statement"])
	if len(raw) > 0 && raw[0] == '{' {
		d.statements = []json.RawMessage{raw}
	} else {
		_ = json.Unmarshal(raw, &d.statements)
	}
	delete(d.members, "Statement")
	return d
}

// sid returns a statement's Sid, or "".
func sid(stmt json.RawMessage) string {
	var s struct {
		Sid any `json:"Sid"`
	}
	_ = json.Unmarshal(stmt, &s)
	v, _ := s.Sid.(string)
	return v
}

// String writes the document: Version and Id first, then Statement, then
// any other members in name order.
func (d policyDoc) String() string {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	member := func(k string, v []byte) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(marshalJSON(k))
		b.WriteByte(':')
		b.Write(v)
	}
	for _, k := range [...]string{"Version", "Id"} {
		if v, ok := d.members[k]; ok {
			member(k, v)
		}
	}
	stmts := d.statements
	if stmts == nil {
		stmts = []json.RawMessage{}
	}
	member("Statement", []byte(marshalJSON(stmts)))
	var rest []string
	for k := range d.members {
		if k != "Version" && k != "Id" {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		member(k, d.members[k])
	}
	b.WriteByte('}')
	return b.String()
}

// addPermission is AddPermission: a statement labelled Label letting the
// accounts do the actions on the topic joins its Policy.
func (s *Service) addPermission(f wire.Form) error {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	label := p.require("Label", "label")
	p.requireList("AWSAccountId", "aWSAccountId")
	p.requireList("ActionName", "actionName")
	if err := p.err(); err != nil {
		return err
	}
	accounts := f.Strings("AWSAccountId.member")
	actions := f.Strings("ActionName.member")
	switch {
	case len(accounts) == 0:
		return invalid("AWSAccountId")
	case len(actions) == 0:
		return invalid("ActionName")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", arn)
	if err != nil {
		return err
	}
	doc := parsePolicy(s.policyLocked(t))
	for _, stmt := range doc.statements {
		if sid(stmt) == label {
			return invalid("Statement already exists")
		}
	}
	granted := make([]string, len(actions))
	for i, a := range actions {
		if a != "Receive" && !slices.Contains(defaultPolicyActions(), a) {
			return invalid("Policy statement action out of service scope!")
		}
		granted[i] = "SNS:" + a
	}
	principals := make([]string, len(accounts))
	for i, a := range accounts {
		principals[i] = "arn:aws:iam::" + a + ":root"
	}
	stmt := policyStatement{
		Sid:       label,
		Effect:    "Allow",
		Principal: map[string]any{"AWS": oneOrMany(principals)},
		Action:    oneOrMany(granted),
		Resource:  t.arn,
	}
	doc.statements = append(doc.statements, json.RawMessage(marshalJSON(stmt)))
	t.attrs["Policy"] = doc.String()
	return nil
}

// removePermission is RemovePermission: the statements labelled Label
// leave the topic's Policy; a label it does not have is ignored.
func (s *Service) removePermission(f wire.Form) error {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	label := p.require("Label", "label")
	if err := p.err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", arn)
	if err != nil {
		return err
	}
	doc := parsePolicy(s.policyLocked(t))
	n := len(doc.statements)
	doc.statements = slices.DeleteFunc(doc.statements, func(stmt json.RawMessage) bool { return sid(stmt) == label })
	if len(doc.statements) != n {
		t.attrs["Policy"] = doc.String()
	}
	return nil
}

// getDataProtectionPolicy is GetDataProtectionPolicy.
func (s *Service) getDataProtectionPolicy(f wire.Form) (any, error) {
	p := params{f: f}
	arn := p.require("ResourceArn", "resourceArn")
	if err := p.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("ResourceArn", arn)
	if err != nil {
		return nil, err
	}
	return dataProtectionPolicyResult{DataProtectionPolicy: t.dataProtection}, nil
}

// putDataProtectionPolicy is PutDataProtectionPolicy: the policy is
// stored, not enforced.
func (s *Service) putDataProtectionPolicy(f wire.Form) error {
	p := params{f: f}
	arn := p.require("ResourceArn", "resourceArn")
	policy := p.require("DataProtectionPolicy", "dataProtectionPolicy")
	if err := p.err(); err != nil {
		return err
	}
	v, err := checkJSONAttribute("DataProtectionPolicy", policy, "")
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("ResourceArn", arn)
	if err != nil {
		return err
	}
	t.dataProtection = v
	return nil
}

// oneOrMany is a list as a policy writes it: one item alone, more as a
// list.
func oneOrMany(items []string) any {
	if len(items) == 1 {
		return items[0]
	}
	return items
}

// marshalJSON writes v as AWS writes JSON, with '<', '>' and '&' as they
// are.
func marshalJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the values written here always encode
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}
