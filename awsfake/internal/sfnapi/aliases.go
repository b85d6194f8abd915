package sfnapi

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// CreateStateMachineAlias, DescribeStateMachineAlias,
// UpdateStateMachineAlias, DeleteStateMachineAlias and
// ListStateMachineAliases. An alias routes each new execution to one of
// one or two versions of its machine, by weight.

// alias is a named route to versions.
type alias struct {
	name, arn   string
	description string
	routing     []route
	created     time.Time
	updated     time.Time
}

// route is one entry of an alias's routing configuration.
type route struct {
	VersionARN string `json:"stateMachineVersionArn"`
	Weight     int    `json:"weight"`
}

// routes reports whether the alias sends executions to the version.
func (a *alias) routes(versionARN string) bool {
	for _, r := range a.routing {
		if r.VersionARN == versionARN {
			return true
		}
	}
	return false
}

// heaviest returns the version the alias sends most executions to (the
// first listed of equal weights).
func (a *alias) heaviest(m *machine) *version {
	best := a.routing[0]
	for _, r := range a.routing[1:] {
		if r.Weight > best.Weight {
			best = r
		}
	}
	return m.versionByARN(best.VersionARN)
}

// pick chooses the version of a new execution: route i with probability
// weight/100, drawn from the service's seeded source.
func (s *Service) pick(m *machine, a *alias) *version {
	n := s.choose(100)
	for _, r := range a.routing {
		if n < r.Weight {
			return m.versionByARN(r.VersionARN)
		}
		n -= r.Weight
	}
	return m.versionByARN(a.routing[len(a.routing)-1].VersionARN)
}

// versionByARN returns the machine's version with that ARN, or nil.
func (m *machine) versionByARN(arn string) *version {
	for _, v := range m.versions {
		if v.arn == arn {
			return v
		}
	}
	return nil
}

// aliasNamePattern is the model's pattern for alias names: at least one
// character that is not a digit, so that an alias never reads as a
// version number.
var aliasNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]*[a-zA-Z_.-][a-zA-Z0-9_.-]*$`)

// aliasNamePatternText is the pattern as AWS quotes it in messages.
const aliasNamePatternText = `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`

// checkRouting checks a routing configuration as AWS does and returns the
// machine its versions belong to. Called with s.mu held.
func (s *Service) checkRoutingLocked(routing []route) (*machine, error) {
	var c checks
	switch {
	case len(routing) == 0:
		c.vs.Add("'[]'", "routingConfiguration", awserr.LengthAtLeast(1))
	case len(routing) > 2:
		c.vs.Add("'"+routingText(routing)+"'", "routingConfiguration", awserr.LengthAtMost(2))
	}
	for i, r := range routing {
		c.intRange(r.Weight, "routingConfiguration."+strconv.Itoa(i+1)+".member.weight", 0, 100)
		c.reqLength(&r.VersionARN, "routingConfiguration."+strconv.Itoa(i+1)+".member.stateMachineVersionArn", 1, maxLongARN, false)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	arns := make([]string, len(routing))
	weights := make([]int, len(routing))
	sum := 0
	for i, r := range routing {
		arns[i], weights[i] = r.VersionARN, r.Weight
		sum += r.Weight
	}
	listed := "[" + strings.Join(arns, ", ") + "]"
	if len(routing) == 2 && arns[0] == arns[1] {
		return nil, validation("Routing configuration must contain distinct state machine version ARNs. Received: " + listed)
	}
	if sum != 100 {
		w, _ := json.Marshal(weights)
		return nil, validation("Sum of routing configuration weights must equal 100. Received: " + strings.ReplaceAll(string(w), ",", ", "))
	}
	var owner *machine
	for _, r := range routing {
		ref, err := s.parseStateMachineARN(r.VersionARN)
		if err != nil || ref.version == 0 {
			return nil, validation("Routing configuration must contain state machine version ARNs. Received: " + listed)
		}
		m := s.machineLocked(ref.name)
		if m == nil || m.version(ref.version) == nil {
			return nil, errResourceNotFound.Errorf("Resource not found: '%s'", r.VersionARN)
		}
		if owner != nil && owner != m {
			return nil, validation("Routing configuration must contain state machine version ARNs of the same state machine. Received: " + listed)
		}
		owner = m
	}
	if owner.deleting {
		return nil, stateMachineDeleting(owner.arn)
	}
	return owner, nil
}

// routingText writes a routing configuration as AWS's messages quote it.
func routingText(routing []route) string {
	parts := make([]string, len(routing))
	for i, r := range routing {
		parts[i] = "RoutingConfigurationListItem(stateMachineVersionArn=" + r.VersionARN + ", weight=" + strconv.Itoa(r.Weight) + ")"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkAliasName checks an alias name against the model.
func checkAliasName(c *checks, name *string) {
	if !c.required(name != nil, "name") {
		return
	}
	c.length(*name, "name", 1, maxName, false)
	if len(c.vs) == 0 && !aliasNamePattern.MatchString(*name) {
		c.vs.AddString(*name, "name", awserr.Pattern(aliasNamePatternText))
	}
}

type createStateMachineAliasInput struct {
	Name                 *string `json:"name"`
	Description          *string `json:"description"`
	RoutingConfiguration []route `json:"routingConfiguration"`
}

type createStateMachineAliasOutput struct {
	StateMachineAliasARN string    `json:"stateMachineAliasArn"`
	CreationDate         timestamp `json:"creationDate"`
}

func (s *Service) createStateMachineAlias(_ context.Context, in *createStateMachineAliasInput) (*createStateMachineAliasOutput, error) {
	var c checks
	checkAliasName(&c, in.Name)
	c.optLength(in.Description, "description", 0, maxDescription, true)
	c.required(in.RoutingConfiguration != nil, "routingConfiguration")
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.checkRoutingLocked(in.RoutingConfiguration)
	if err != nil {
		return nil, err
	}
	description := ""
	if in.Description != nil {
		description = *in.Description
	}
	if a := m.alias(*in.Name); a != nil {
		if a.description != description || !sameRouting(a.routing, in.RoutingConfiguration) {
			return nil, errConflict.WithMessage("Failed to create alias because an alias with the same name and a different routing configuration already exists.")
		}
		return &createStateMachineAliasOutput{StateMachineAliasARN: a.arn, CreationDate: timestamp(a.created)}, nil
	}
	now := s.clock.Now()
	a := &alias{
		name: *in.Name, arn: aliasARN(m.arn, *in.Name), description: description,
		routing: append([]route(nil), in.RoutingConfiguration...), created: now, updated: now,
	}
	m.aliases = append(m.aliases, a)
	return &createStateMachineAliasOutput{StateMachineAliasARN: a.arn, CreationDate: timestamp(now)}, nil
}

// sameRouting compares routing configurations, in any order.
func sameRouting(a, b []route) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}

// aliasLocked returns the alias an alias ARN names, or ResourceNotFound.
func (s *Service) aliasLocked(text string) (*machine, *alias, error) {
	ref, err := s.parseStateMachineARN(text)
	if err != nil {
		return nil, nil, err
	}
	if ref.alias == "" {
		return nil, nil, errInvalidARN(text)
	}
	if m := s.machineLocked(ref.name); m != nil {
		if a := m.alias(ref.alias); a != nil {
			return m, a, nil
		}
	}
	return nil, nil, errResourceNotFound.WithMessage("Request references a resource that does not exist.")
}

type aliasARNInput struct {
	StateMachineAliasARN *string `json:"stateMachineAliasArn"`
}

type describeStateMachineAliasOutput struct {
	StateMachineAliasARN string    `json:"stateMachineAliasArn"`
	Name                 string    `json:"name"`
	Description          string    `json:"description,omitempty"`
	RoutingConfiguration []route   `json:"routingConfiguration"`
	CreationDate         timestamp `json:"creationDate"`
	UpdateDate           timestamp `json:"updateDate"`
}

func (s *Service) describeStateMachineAlias(_ context.Context, in *aliasARNInput) (*describeStateMachineAliasOutput, error) {
	var c checks
	c.reqLength(in.StateMachineAliasARN, "stateMachineAliasArn", 1, maxARN, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, a, err := s.aliasLocked(*in.StateMachineAliasARN)
	if err != nil {
		return nil, err
	}
	return &describeStateMachineAliasOutput{
		StateMachineAliasARN: a.arn, Name: a.name, Description: a.description,
		RoutingConfiguration: append([]route(nil), a.routing...),
		CreationDate:         timestamp(a.created), UpdateDate: timestamp(a.updated),
	}, nil
}

type updateStateMachineAliasInput struct {
	StateMachineAliasARN *string `json:"stateMachineAliasArn"`
	Description          *string `json:"description"`
	RoutingConfiguration []route `json:"routingConfiguration"`
}

type updateStateMachineAliasOutput struct {
	UpdateDate timestamp `json:"updateDate"`
}

func (s *Service) updateStateMachineAlias(_ context.Context, in *updateStateMachineAliasInput) (*updateStateMachineAliasOutput, error) {
	var c checks
	c.reqLength(in.StateMachineAliasARN, "stateMachineAliasArn", 1, maxARN, false)
	c.optLength(in.Description, "description", 0, maxDescription, true)
	if err := c.err(); err != nil {
		return nil, err
	}
	if in.Description == nil && in.RoutingConfiguration == nil {
		return nil, validation("Either the description or the RoutingConfiguration must be specified")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, a, err := s.aliasLocked(*in.StateMachineAliasARN)
	if err != nil {
		return nil, err
	}
	if m.deleting {
		return nil, stateMachineDeleting(m.arn)
	}
	if in.RoutingConfiguration != nil {
		owner, err := s.checkRoutingLocked(in.RoutingConfiguration)
		if err != nil {
			return nil, err
		}
		if owner != m {
			return nil, validation("Routing configuration must contain state machine version ARNs of the alias's state machine. Received: " + routingText(in.RoutingConfiguration))
		}
		a.routing = append([]route(nil), in.RoutingConfiguration...)
	}
	if in.Description != nil {
		a.description = *in.Description
	}
	a.updated = s.clock.Now()
	return &updateStateMachineAliasOutput{UpdateDate: timestamp(a.updated)}, nil
}

func (s *Service) deleteStateMachineAlias(_ context.Context, in *aliasARNInput) (*empty, error) {
	var c checks
	c.reqLength(in.StateMachineAliasARN, "stateMachineAliasArn", 1, maxARN, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, a, err := s.aliasLocked(*in.StateMachineAliasARN)
	if errorCode(err) == errResourceNotFound.Code {
		return &empty{}, nil // deleting what is not there succeeds
	}
	if err != nil {
		return nil, err
	}
	for i, x := range m.aliases {
		if x == a {
			m.aliases = append(m.aliases[:i], m.aliases[i+1:]...)
			break
		}
	}
	return &empty{}, nil
}

type listStateMachineAliasesInput struct {
	StateMachineARN *string `json:"stateMachineArn"`
	pageRequest
}

type stateMachineAliasItem struct {
	StateMachineAliasARN string    `json:"stateMachineAliasArn"`
	CreationDate         timestamp `json:"creationDate"`
}

type listStateMachineAliasesOutput struct {
	StateMachineAliases []stateMachineAliasItem `json:"stateMachineAliases"`
	NextToken           string                  `json:"nextToken,omitempty"`
}

func (s *Service) listStateMachineAliases(_ context.Context, in *listStateMachineAliasesInput) (*listStateMachineAliasesOutput, error) {
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
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return nil, noStateMachine(ref.text)
	}
	if m.deleting {
		return nil, stateMachineDeleting(m.arn)
	}
	keys := make([]string, len(m.aliases))
	for i, a := range m.aliases {
		keys[i] = a.arn
	}
	from, to, next, err := in.page("aliases\x00"+m.arn, keys)
	if err != nil {
		return nil, err
	}
	out := &listStateMachineAliasesOutput{StateMachineAliases: []stateMachineAliasItem{}, NextToken: next}
	for _, a := range m.aliases[from:to] {
		out.StateMachineAliases = append(out.StateMachineAliases, stateMachineAliasItem{StateMachineAliasARN: a.arn, CreationDate: timestamp(a.created)})
	}
	return out, nil
}
