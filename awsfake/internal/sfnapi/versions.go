package sfnapi

import (
	"context"
	"strings"
)

// PublishStateMachineVersion, ListStateMachineVersions and
// DeleteStateMachineVersion. A version is an immutable copy of the
// revision that was current when it was published: it shares that
// revision's engine state machine, so its executions run the definition
// and role it was published with.

// publishLocked returns the version of the machine's current revision,
// publishing it if it has none: publishing the same revision again gives
// the same version, as on AWS (description ignored).
func (s *Service) publishLocked(m *machine, description *string) *version {
	rev := m.current
	if rev.version != nil {
		return rev.version
	}
	v := &version{number: m.nextVersion, arn: versionARN(m.arn, m.nextVersion), rev: rev, created: s.clock.Now()}
	if description != nil {
		v.description = *description
	}
	m.nextVersion++
	m.versions = append(m.versions, v)
	rev.version = v
	return v
}

type publishStateMachineVersionInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
	RevisionID      *string `json:"revisionId"`
	Description     *string `json:"description"`
}

type publishStateMachineVersionOutput struct {
	CreationDate           timestamp `json:"creationDate"`
	StateMachineVersionARN string    `json:"stateMachineVersionArn"`
}

func (s *Service) publishStateMachineVersion(_ context.Context, in *publishStateMachineVersionInput) (*publishStateMachineVersionOutput, error) {
	var c checks
	c.reqLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	c.optLength(in.Description, "description", 0, maxDescription, true)
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
		return nil, noStateMachine(ref.text)
	}
	if m.deleting {
		return nil, stateMachineDeleting(m.arn)
	}
	if in.RevisionID != nil && *in.RevisionID != m.current.id {
		return nil, errConflict.Errorf("Failed to publish the State Machine version for revision %s. The current State Machine revision is %s.", *in.RevisionID, m.current.id)
	}
	v := s.publishLocked(m, in.Description)
	return &publishStateMachineVersionOutput{CreationDate: timestamp(v.created), StateMachineVersionARN: v.arn}, nil
}

type listStateMachineVersionsInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
	pageRequest
}

type stateMachineVersionItem struct {
	StateMachineVersionARN string    `json:"stateMachineVersionArn"`
	CreationDate           timestamp `json:"creationDate"`
}

type listStateMachineVersionsOutput struct {
	StateMachineVersions []stateMachineVersionItem `json:"stateMachineVersions"`
	NextToken            string                    `json:"nextToken,omitempty"`
}

func (s *Service) listStateMachineVersions(_ context.Context, in *listStateMachineVersionsInput) (*listStateMachineVersionsOutput, error) {
	var c checks
	c.reqLength(in.StateMachineARN, "stateMachineArn", 1, maxARN, false)
	in.check(&c, maxPageToken)
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
	out := &listStateMachineVersionsOutput{StateMachineVersions: []stateMachineVersionItem{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return out, nil // a machine that is not there has no versions
	}
	// Newest first, as AWS lists them.
	keys := make([]string, 0, len(m.versions))
	for i := len(m.versions) - 1; i >= 0; i-- {
		keys = append(keys, m.versions[i].arn)
	}
	from, to, next, err := in.page("versions\x00"+m.arn, keys)
	if err != nil {
		return nil, err
	}
	for i := from; i < to; i++ {
		v := m.versions[len(m.versions)-1-i]
		out.StateMachineVersions = append(out.StateMachineVersions, stateMachineVersionItem{StateMachineVersionARN: v.arn, CreationDate: timestamp(v.created)})
	}
	out.NextToken = next
	return out, nil
}

type deleteStateMachineVersionInput struct {
	StateMachineVersionARN *string `json:"stateMachineVersionArn"`
}

func (s *Service) deleteStateMachineVersion(_ context.Context, in *deleteStateMachineVersionInput) (*empty, error) {
	var c checks
	c.reqLength(in.StateMachineVersionARN, "stateMachineVersionArn", 1, maxLongARN, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseStateMachineARN(*in.StateMachineVersionARN)
	if err != nil {
		return nil, err
	}
	if ref.version == 0 {
		return nil, validation("The ARN must be a state machine version ARN: '" + ref.text + "'")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return &empty{}, nil
	}
	v := m.version(ref.version)
	if v == nil {
		return &empty{}, nil // deleting what is not there succeeds
	}
	var users []string
	for _, a := range m.aliases {
		if a.routes(v.arn) {
			users = append(users, a.name)
		}
	}
	if len(users) > 0 {
		return nil, errConflict.Errorf("Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [%s]", strings.Join(users, ", "))
	}
	for i, x := range m.versions {
		if x == v {
			m.versions = append(m.versions[:i], m.versions[i+1:]...)
			break
		}
	}
	v.rev.version = nil
	return &empty{}, nil
}
