package sqsapi

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// AddPermission, RemovePermission and the Policy attribute they edit.

// policyDoc is a queue's access policy: the JSON document of its Policy
// attribute, whose statements AddPermission and RemovePermission add and
// remove by their Sid (the permission's label). It is stored and returned,
// never enforced. A policyDoc is never changed once made: edits make a new
// one.
type policyDoc struct {
	// members are the document's members other than Statement, in the
	// order they came, Version and Id first in a document we made.
	members    []policyMember
	statements []json.RawMessage
}

type policyMember struct {
	name  string
	value json.RawMessage
}

// parsePolicy reads a Policy attribute: "" removes the policy; anything
// else must be a JSON object.
func parsePolicy(v string) (*policyDoc, error) {
	if v == "" {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(v)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, invalidAttributeValue("Policy")
	}
	doc := &policyDoc{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, invalidAttributeValue("Policy")
		}
		name, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, invalidAttributeValue("Policy")
		}
		if name != "Statement" {
			doc.members = append(doc.members, policyMember{name, value})
			continue
		}
		if err := json.Unmarshal(value, &doc.statements); err != nil {
			// A single statement may stand alone.
			doc.statements = []json.RawMessage{value}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, invalidAttributeValue("Policy")
	}
	if dec.More() || dec.InputOffset() != int64(len(bytes.TrimRight([]byte(v), " \t\r\n"))) {
		return nil, invalidAttributeValue("Policy")
	}
	return doc, nil
}

// String returns the document as the Policy attribute.
func (p *policyDoc) String() string {
	var b bytes.Buffer
	b.WriteByte('{')
	for _, m := range p.members {
		name, _ := json.Marshal(m.name)
		b.Write(name)
		b.WriteByte(':')
		_ = json.Compact(&b, m.value)
		b.WriteByte(',')
	}
	b.WriteString(`"Statement":[`)
	for i, s := range p.statements {
		if i > 0 {
			b.WriteByte(',')
		}
		_ = json.Compact(&b, s)
	}
	b.WriteString("]}")
	return b.String()
}

// sid returns the Sid of a statement.
func sid(statement json.RawMessage) string {
	var s struct{ Sid string }
	_ = json.Unmarshal(statement, &s)
	return s.Sid
}

// hasLabel reports whether the policy has a statement with Sid label.
func (p *policyDoc) hasLabel(label string) bool {
	if p == nil {
		return false
	}
	return slices.ContainsFunc(p.statements, func(s json.RawMessage) bool { return sid(s) == label })
}

// permissionActions are the actions AddPermission may grant.
var permissionActions = []string{
	"*", "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
	"GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue",
}

// maxPermissionActions is the most actions one AddPermission may grant.
const maxPermissionActions = 7

type addPermissionInput struct {
	QueueURL      string   `json:"QueueUrl"`
	Label         string   `json:"Label"`
	AWSAccountIDs []string `json:"AWSAccountIds"`
	Actions       []string `json:"Actions"`
}

func (in *addPermissionInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.Label = f.Get("QueueUrl"), f.Get("Label")
	in.AWSAccountIDs, in.Actions = f.Strings("AWSAccountId"), f.Strings("ActionName")
	return nil
}

func (in *addPermissionInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	if err := checkLabel(in.Label); err != nil {
		return nil, err
	}
	switch {
	case len(in.AWSAccountIDs) == 0:
		return nil, queue.ErrInvalidParameterValue.WithMessage("Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.")
	case len(in.Actions) == 0:
		return nil, missing("Actions")
	case len(in.Actions) > maxPermissionActions:
		return nil, queue.ErrOverLimit.Errorf("%d Actions were found, maximum allowed is %d.", len(in.Actions), maxPermissionActions)
	}
	actions := make([]string, len(in.Actions))
	for i, a := range in.Actions {
		if !slices.Contains(permissionActions, a) {
			return nil, queue.ErrInvalidParameterValue.Errorf("Value SQS:%s for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.", a)
		}
		actions[i] = "SQS:" + a
	}
	principals := make([]string, len(in.AWSAccountIDs))
	for i, id := range in.AWSAccountIDs {
		principals[i] = "arn:aws:iam::" + id + ":root"
	}
	statement, _ := json.Marshal(struct {
		Sid       string
		Effect    string
		Principal struct{ AWS any }
		Action    any
		Resource  string
	}{Sid: in.Label, Effect: "Allow", Principal: struct{ AWS any }{oneOrMany(principals)}, Action: oneOrMany(actions), Resource: e.q.ARN()})

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.policy.hasLabel(in.Label) {
		return nil, queue.ErrInvalidParameterValue.Errorf("Value %s for parameter Label is invalid. Reason: Already exists.", in.Label)
	}
	next := &policyDoc{}
	if e.policy != nil {
		next.members = e.policy.members
		next.statements = slices.Clone(e.policy.statements)
	} else {
		version, _ := json.Marshal("2012-10-17")
		id, _ := json.Marshal(e.q.ARN() + "/SQSDefaultPolicy")
		next.members = []policyMember{{"Version", version}, {"Id", id}}
	}
	next.statements = append(next.statements, statement)
	e.policy = next
	return nil, nil
}

// oneOrMany is a policy's way of writing a list: a lone value as itself.
func oneOrMany(values []string) any {
	if len(values) == 1 {
		return values[0]
	}
	return values
}

// checkLabel checks a permission label: 1–80 of [A-Za-z0-9_-].
func checkLabel(label string) error {
	if label == "" {
		return missing("Label")
	}
	ok := len(label) <= 80
	for i := 0; ok && i < len(label); i++ {
		c := label[i]
		ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
	}
	if !ok {
		return queue.ErrInvalidParameterValue.Errorf("Value %s for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.", label)
	}
	return nil
}

type removePermissionInput struct {
	QueueURL string `json:"QueueUrl"`
	Label    string `json:"Label"`
}

func (in *removePermissionInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.Label = f.Get("QueueUrl"), f.Get("Label")
	return nil
}

func (in *removePermissionInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	if in.Label == "" {
		return nil, missing("Label")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.policy.hasLabel(in.Label) {
		return nil, queue.ErrInvalidParameterValue.Errorf("Value %s for parameter Label is invalid. Reason: can't find label on existing policy.", in.Label)
	}
	next := &policyDoc{members: e.policy.members}
	for _, s := range e.policy.statements {
		if sid(s) != in.Label {
			next.statements = append(next.statements, s)
		}
	}
	if len(next.statements) == 0 {
		next = nil
	}
	e.policy = next
	return nil, nil
}
