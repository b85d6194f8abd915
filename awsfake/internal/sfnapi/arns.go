package sfnapi

import (
	"strconv"
	"strings"
)

// The resource types of Step Functions ARNs (the sixth field).
const (
	kindStateMachine = "stateMachine"
	kindExecution    = "execution"
	kindExpress      = "express"
	kindActivity     = "activity"
	kindMapRun       = "mapRun"
)

// arn is a Step Functions ARN split into its fields:
// arn:<partition>:states:<region>:<account>:<kind>:<rest…>.
type arn struct {
	text            string
	region, account string
	kind            string
	rest            []string // the fields after kind
}

// parseARN splits s, refusing (InvalidArn) a string that is not a Step
// Functions ARN of one of the kinds allowed.
func parseARN(s string, kinds ...string) (arn, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 7 || parts[0] != "arn" || !strings.HasPrefix(parts[1], "aws") || parts[2] != "states" {
		return arn{}, errInvalidARNPrefix(s)
	}
	a := arn{text: s, region: parts[3], account: parts[4], kind: parts[5], rest: parts[6:]}
	for _, k := range kinds {
		if a.kind == k {
			for _, r := range a.rest {
				if r == "" {
					return arn{}, errInvalidARN(s)
				}
			}
			return a, nil
		}
	}
	return arn{}, errResourceTypeNotValid(a.kind)
}

// ours reports whether the ARN names a resource of this account and
// region; one that does not names nothing the service has.
func (s *Service) ours(a arn) bool { return a.region == s.region && a.account == s.account }

// stateMachineRef is what a state machine ARN names: a state machine, one
// of its versions (":<n>"), or one of its aliases (":<alias>").
type stateMachineRef struct {
	text    string
	name    string
	version int    // 0 when not a version
	alias   string // "" when not an alias
	label   string // a distributed Map state's label ("name/label"), refused
}

// qualified reports whether the ref names a version or an alias.
func (r stateMachineRef) qualified() bool { return r.version != 0 || r.alias != "" }

// parseStateMachineARN parses a state machine, version or alias ARN of
// this account. An ARN of another account or region, or of another kind
// of resource, fails as AWS fails it.
func (s *Service) parseStateMachineARN(text string) (stateMachineRef, error) {
	a, err := parseARN(text, kindStateMachine)
	if err != nil {
		return stateMachineRef{}, err
	}
	if len(a.rest) > 2 {
		return stateMachineRef{}, errInvalidARN(text)
	}
	ref := stateMachineRef{text: text, name: a.rest[0]}
	if name, label, ok := strings.Cut(ref.name, "/"); ok {
		ref.name, ref.label = name, label
	}
	if len(a.rest) == 2 {
		q := a.rest[1]
		if n, err := strconv.Atoi(q); err == nil && isDigits(q) {
			if n <= 0 {
				return stateMachineRef{}, errInvalidARN(text)
			}
			ref.version = n
		} else {
			ref.alias = q
		}
	}
	if !s.ours(a) {
		ref.name = "" // names nothing here
	}
	return ref, nil
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// executionRef is what an execution ARN names.
type executionRef struct {
	text    string
	express bool
	machine string // the state machine's name
	name    string // the execution's name
}

// parseExecutionARN parses an execution ARN (execution:<machine>:<name>,
// or express:<machine>:<name>:<id> for an Express execution).
func (s *Service) parseExecutionARN(text string) (executionRef, error) {
	a, err := parseARN(text, kindExecution, kindExpress)
	if err != nil {
		return executionRef{}, err
	}
	if len(a.rest) < 2 || len(a.rest) > 3 || (a.kind == kindExecution && len(a.rest) != 2) {
		return executionRef{}, errInvalidARN(text)
	}
	ref := executionRef{text: text, express: a.kind == kindExpress, machine: a.rest[0], name: a.rest[1]}
	if !s.ours(a) {
		ref.machine = ""
	}
	return ref, nil
}

// parseActivityARN parses an activity ARN and returns the activity's
// name, or "" for an activity of another account or region.
func (s *Service) parseActivityARN(text string) (string, error) {
	a, err := parseARN(text, kindActivity)
	if err != nil {
		return "", err
	}
	if len(a.rest) != 1 {
		return "", errInvalidARN(text)
	}
	if !s.ours(a) {
		return "", nil
	}
	return a.rest[0], nil
}

// stateMachineARN, versionARN, aliasARN and activityARN build ARNs.
func (s *Service) stateMachineARN(name string) string {
	return "arn:aws:states:" + s.region + ":" + s.account + ":stateMachine:" + name
}

func versionARN(machineARN string, n int) string { return machineARN + ":" + strconv.Itoa(n) }

func aliasARN(machineARN, alias string) string { return machineARN + ":" + alias }

func (s *Service) activityARN(name string) string {
	return "arn:aws:states:" + s.region + ":" + s.account + ":activity:" + name
}

// isActivityResource reports whether a Task's Resource is an activity ARN
// (of any account): those never reach [Config.Resolve].
func isActivityResource(resource string) bool {
	parts := strings.SplitN(resource, ":", 7)
	return len(parts) == 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == kindActivity
}
