package sfnapi

import (
	"context"
	"sort"
	"strings"

	"github.com/switchyard/switchyard/internal/uuid"
	"github.com/switchyard/switchyard/stepfn"
)

// CreateStateMachine, UpdateStateMachine, DescribeStateMachine,
// ListStateMachines and DeleteStateMachine.

type createStateMachineInput struct {
	Name                    *string                  `json:"name"`
	Definition              *string                  `json:"definition"`
	RoleARN                 *string                  `json:"roleArn"`
	Type                    *string                  `json:"type"`
	LoggingConfiguration    *loggingConfiguration    `json:"loggingConfiguration"`
	TracingConfiguration    *tracingConfiguration    `json:"tracingConfiguration"`
	EncryptionConfiguration *encryptionConfiguration `json:"encryptionConfiguration"`
	Tags                    []tag                    `json:"tags"`
	Publish                 bool                     `json:"publish"`
	VersionDescription      *string                  `json:"versionDescription"`
}

type createStateMachineOutput struct {
	StateMachineARN        string    `json:"stateMachineArn"`
	CreationDate           timestamp `json:"creationDate"`
	StateMachineVersionARN string    `json:"stateMachineVersionArn,omitempty"`
}

// The state machine types of the model.
var machineTypes = []string{string(stepfn.Express), string(stepfn.Standard)}

func (s *Service) createStateMachine(_ context.Context, in *createStateMachineInput) (*createStateMachineOutput, error) {
	var c checks
	c.reqLength(in.Name, "name", 1, maxName, false)
	c.reqLength(in.Definition, "definition", 1, stepfn.MaxDefinitionBytes, true)
	c.reqLength(in.RoleARN, "roleArn", 1, maxARN, false)
	typ := stepfn.Standard
	if in.Type != nil {
		c.enum(*in.Type, "type", machineTypes...)
		typ = stepfn.Type(*in.Type)
	}
	c.optLength(in.VersionDescription, "versionDescription", 0, maxDescription, true)
	checkTags(&c, in.Tags)
	if err := c.err(); err != nil {
		return nil, err
	}
	if !in.Publish && in.VersionDescription != nil {
		return nil, validation("Version description can only be set when publish is true")
	}
	if err := checkName(*in.Name, "name"); err != nil {
		return nil, err
	}
	if err := checkRoleARN(*in.RoleARN); err != nil {
		return nil, err
	}
	set, err := settingsOf(*in.Definition, *in.RoleARN, in.LoggingConfiguration, in.TracingConfiguration, in.EncryptionConfiguration)
	if err != nil {
		return nil, err
	}
	if len(in.Tags) > maxTags {
		return nil, tooManyTags(s.stateMachineARN(*in.Name))
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.machineLocked(*in.Name); m != nil {
		if m.deleting {
			return nil, stateMachineDeleting(m.arn)
		}
		if m.typ != typ || !sameSettings(m.current.settings, set) {
			return nil, stateMachineExists(m.arn)
		}
		out := &createStateMachineOutput{StateMachineARN: m.arn, CreationDate: timestamp(m.created)}
		if in.Publish {
			out.StateMachineVersionARN = s.publishLocked(m, in.VersionDescription).arn
		}
		return out, nil
	}
	rev, err := s.newRevision(*in.Name, typ, set, "")
	if err != nil {
		return nil, err
	}
	m := &machine{
		name:        *in.Name,
		arn:         s.stateMachineARN(*in.Name),
		typ:         typ,
		created:     rev.updated,
		current:     rev,
		revisions:   []*revision{rev},
		nextVersion: 1,
	}
	m.tags.set(in.Tags)
	s.machines[m.name] = m
	out := &createStateMachineOutput{StateMachineARN: m.arn, CreationDate: timestamp(m.created)}
	if in.Publish {
		out.StateMachineVersionARN = s.publishLocked(m, in.VersionDescription).arn
	}
	return out, nil
}

// settingsOf checks and gathers the settings of a request.
func settingsOf(definition, role string, logging *loggingConfiguration, tracing *tracingConfiguration, enc *encryptionConfiguration) (machineSettings, error) {
	var c checks
	set := machineSettings{definition: definition, roleARN: role}
	var err error
	if set.logging, err = logging.normalized(&c); err != nil {
		return set, err
	}
	if tracing != nil {
		set.tracing = *tracing
	}
	if set.encryption, err = enc.checked(&c); err != nil {
		return set, err
	}
	return set, nil
}

// checkRoleARN refuses a role that is not an ARN.
func checkRoleARN(role string) error {
	if !strings.HasPrefix(role, "arn:") || strings.Count(role, ":") < 5 {
		return errInvalidARNPrefix(role)
	}
	return nil
}

type updateStateMachineInput struct {
	StateMachineARN         *string                  `json:"stateMachineArn"`
	Definition              *string                  `json:"definition"`
	RoleARN                 *string                  `json:"roleArn"`
	LoggingConfiguration    *loggingConfiguration    `json:"loggingConfiguration"`
	TracingConfiguration    *tracingConfiguration    `json:"tracingConfiguration"`
	EncryptionConfiguration *encryptionConfiguration `json:"encryptionConfiguration"`
	Publish                 bool                     `json:"publish"`
	VersionDescription      *string                  `json:"versionDescription"`
}

type updateStateMachineOutput struct {
	UpdateDate             timestamp `json:"updateDate"`
	RevisionID             string    `json:"revisionId,omitempty"`
	StateMachineVersionARN string    `json:"stateMachineVersionArn,omitempty"`
}

func (s *Service) updateStateMachine(_ context.Context, in *updateStateMachineInput) (*updateStateMachineOutput, error) {
	var c checks
	c.reqLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	c.optLength(in.Definition, "definition", 1, stepfn.MaxDefinitionBytes, true)
	c.optLength(in.RoleARN, "roleArn", 1, maxARN, false)
	c.optLength(in.VersionDescription, "versionDescription", 0, maxDescription, true)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseStateMachineARN(*in.StateMachineARN)
	if err != nil {
		return nil, err
	}
	if ref.qualified() || ref.label != "" {
		return nil, qualifiedARNRefused(ref.text)
	}
	if in.Definition == nil && in.RoleARN == nil && in.LoggingConfiguration == nil && in.TracingConfiguration == nil && in.EncryptionConfiguration == nil {
		return nil, errMissingRequiredParameter.WithMessage("Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
	}
	if !in.Publish && in.VersionDescription != nil {
		return nil, validation("Version description can only be set when publish is true")
	}
	if in.RoleARN != nil {
		if err := checkRoleARN(*in.RoleARN); err != nil {
			return nil, err
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return nil, noStateMachine(ref.text)
	}
	if m.deleting {
		return nil, stateMachineDeleting(m.arn)
	}
	cur := m.current.settings
	next := cur
	if in.Definition != nil {
		next.definition = *in.Definition
	}
	if in.RoleARN != nil {
		next.roleARN = *in.RoleARN
	}
	if in.LoggingConfiguration != nil || in.TracingConfiguration != nil || in.EncryptionConfiguration != nil {
		tracing := &cur.tracing
		if in.TracingConfiguration != nil {
			tracing = in.TracingConfiguration
		}
		logging := &cur.logging
		if in.LoggingConfiguration != nil {
			logging = in.LoggingConfiguration
		}
		enc := cur.encryption
		if in.EncryptionConfiguration != nil {
			enc = in.EncryptionConfiguration
		}
		set, err := settingsOf(next.definition, next.roleARN, logging, tracing, enc)
		if err != nil {
			return nil, err
		}
		next = set
	}
	out := &updateStateMachineOutput{UpdateDate: timestamp(s.clock.Now())}
	if !sameSettings(cur, next) || cur.roleARN != next.roleARN || !sameEncryption(cur.encryption, next.encryption) {
		rev, err := s.newRevision(m.name, m.typ, next, s.newRevisionID())
		if err != nil {
			return nil, err
		}
		m.current = rev
		m.revisions = append(m.revisions, rev)
		out.UpdateDate = timestamp(rev.updated)
	}
	out.RevisionID = m.current.id
	if in.Publish {
		out.StateMachineVersionARN = s.publishLocked(m, in.VersionDescription).arn
	}
	return out, nil
}

func sameEncryption(a, b *encryptionConfiguration) bool {
	if a == nil || b == nil {
		return a == b
	}
	period := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	return a.KMSKeyID == b.KMSKeyID && a.Type == b.Type && period(a.KMSDataKeyReusePeriodSeconds) == period(b.KMSDataKeyReusePeriodSeconds)
}

// newRevisionID returns a new revision id: a UUID.
func (s *Service) newRevisionID() string {
	s.randMu.Lock()
	defer s.randMu.Unlock()
	return uuid.String(uuid.Stamp(s.rand.Uint64(), s.rand.Uint64(), 4))
}

// qualifiedARNRefused is the answer of the operations that take only an
// unqualified state machine ARN to a version, alias or Map label ARN.
func qualifiedARNRefused(arn string) error {
	return validation("Qualified state machine ARNs are not supported by this operation: '" + arn + "'")
}

type describeStateMachineInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
	IncludedData    *string `json:"includedData"`
}

type describeStateMachineOutput struct {
	StateMachineARN         string                   `json:"stateMachineArn"`
	Name                    string                   `json:"name"`
	Status                  string                   `json:"status,omitempty"`
	Definition              string                   `json:"definition"`
	RoleARN                 string                   `json:"roleArn"`
	Type                    string                   `json:"type"`
	CreationDate            timestamp                `json:"creationDate"`
	LoggingConfiguration    loggingConfiguration     `json:"loggingConfiguration"`
	TracingConfiguration    tracingConfiguration     `json:"tracingConfiguration"`
	EncryptionConfiguration *encryptionConfiguration `json:"encryptionConfiguration,omitempty"`
	RevisionID              string                   `json:"revisionId,omitempty"`
	Description             string                   `json:"description,omitempty"`
}

// The values of includedData.
var includedDataValues = []string{"ALL_DATA", "METADATA_ONLY"}

func (s *Service) describeStateMachine(_ context.Context, in *describeStateMachineInput) (*describeStateMachineOutput, error) {
	var c checks
	c.reqLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	if in.IncludedData != nil {
		c.enum(*in.IncludedData, "includedData", includedDataValues...)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseStateMachineARN(*in.StateMachineARN)
	if err != nil {
		return nil, err
	}
	if ref.label != "" {
		return nil, qualifiedARNRefused(ref.text)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return nil, noStateMachine(ref.text)
	}
	status := "ACTIVE"
	if m.deleting {
		status = "DELETING"
	}
	describe := func(arn string, rev *revision) *describeStateMachineOutput {
		return &describeStateMachineOutput{
			StateMachineARN: arn, Name: m.name, Status: status, Type: string(m.typ), CreationDate: timestamp(m.created),
			Definition: rev.settings.definition, RoleARN: rev.settings.roleARN,
			LoggingConfiguration: rev.settings.logging, TracingConfiguration: rev.settings.tracing,
			EncryptionConfiguration: rev.settings.encryption, RevisionID: rev.id,
		}
	}
	var v *version
	switch {
	case ref.version != 0:
		v = m.version(ref.version)
	case ref.alias != "":
		if a := m.alias(ref.alias); a != nil {
			v = a.heaviest(m)
		}
	default:
		return describe(m.arn, m.current), nil
	}
	if v == nil {
		return nil, noStateMachine(ref.text)
	}
	out := describe(v.arn, v.rev)
	out.CreationDate, out.Description = timestamp(v.created), v.description
	return out, nil
}

type listStateMachinesInput struct {
	pageRequest
}

type stateMachineListItem struct {
	StateMachineARN string    `json:"stateMachineArn"`
	Name            string    `json:"name"`
	Type            string    `json:"type"`
	CreationDate    timestamp `json:"creationDate"`
}

type listStateMachinesOutput struct {
	StateMachines []stateMachineListItem `json:"stateMachines"`
	NextToken     string                 `json:"nextToken,omitempty"`
}

func (s *Service) listStateMachines(_ context.Context, in *listStateMachinesInput) (*listStateMachinesOutput, error) {
	var c checks
	in.check(&c, maxPageToken)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	names := make([]string, 0, len(s.machines))
	for name := range s.machines {
		if s.machineLocked(name) != nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	from, to, next, err := in.page("stateMachines", names)
	out := &listStateMachinesOutput{StateMachines: []stateMachineListItem{}, NextToken: next}
	if err == nil {
		for _, name := range names[from:to] {
			m := s.machines[name]
			out.StateMachines = append(out.StateMachines, stateMachineListItem{
				StateMachineARN: m.arn, Name: m.name, Type: string(m.typ), CreationDate: timestamp(m.created),
			})
		}
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return out, nil
}

type deleteStateMachineInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
}

func (s *Service) deleteStateMachine(_ context.Context, in *deleteStateMachineInput) (*empty, error) {
	var c checks
	c.reqLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseStateMachineARN(*in.StateMachineARN)
	if err != nil {
		return nil, err
	}
	if ref.qualified() || ref.label != "" {
		return nil, qualifiedARNRefused(ref.text)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return &empty{}, nil // deleting what is not there succeeds
	}
	if m.hasRunning() {
		// Its executions run on; it goes when they have ended.
		m.deleting = true
		return &empty{}, nil
	}
	s.removeLocked(m)
	return &empty{}, nil
}
