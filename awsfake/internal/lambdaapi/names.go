package lambdaapi

import (
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Function names as Lambda's API takes them: a name, a full ARN or a
// partial ARN (account:function:name), each optionally qualified with a
// version or alias (":prod").

// functionNamePattern is the model's NamespacedFunctionName pattern, the
// one Invoke and the event source mapping operations check.
const functionNamePattern = `(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`

// functionNameRE matches a whole function name; its groups are the
// partition, the region, the account, the name and the qualifier.
var functionNameRE = regexp.MustCompile(`^(?:arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(?:(?:-gov)|(?:-iso(?:[a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(?:function:)?([a-zA-Z0-9-_\.]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$`)

// qualifierRE is the model's pattern of a Qualifier parameter.
var qualifierRE = regexp.MustCompile(`^[a-zA-Z0-9$_-]+$`)

// Length limits of the model: a function name alone, and the whole
// parameter of Invoke and of the mapping operations.
const (
	maxFunctionName       = 64
	maxInvokeFunctionName = 170
	maxMappingFunction    = 140
)

// functionRef is a function name resolved to an ARN.
type functionRef struct {
	name      string // the bare function name
	arn       string // unqualified
	qualifier string // "" when the caller named none
}

// qualifiedARN is the ARN the caller named: qualified when a qualifier was
// given.
func (f functionRef) qualifiedARN() string {
	if f.qualifier == "" {
		return f.arn
	}
	return f.arn + ":" + f.qualifier
}

// parseFunctionName resolves name, as a parameter at 'at' whose model
// allows maxLen characters, in this service's region and account unless
// it names others. Text that breaks the model is a ValidationException.
func (s *Service) parseFunctionName(name, at string, maxLen int) (functionRef, error) {
	var vs awserr.Violations
	switch {
	case len(name) < 1:
		vs.AddString(name, at, awserr.LengthAtLeast(1))
	case len(name) > maxLen:
		vs.AddString(name, at, awserr.LengthAtMost(maxLen))
	}
	m := functionNameRE.FindStringSubmatch(name)
	if m == nil && name != "" {
		vs.AddString(name, at, awserr.Pattern(functionNamePattern))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return functionRef{}, err
	}
	partition, region, account, fn, qualifier := m[1], strings.TrimSuffix(m[2], ":"), strings.TrimSuffix(m[3], ":"), m[4], m[5]
	if len(fn) > maxFunctionName {
		vs.AddString(name, at, awserr.LengthAtMost(maxFunctionName))
		return functionRef{}, vs.Err(ErrValidation)
	}
	if partition == "" {
		partition = "aws"
	}
	if region == "" {
		region = s.region
	}
	if account == "" {
		account = s.account
	}
	return functionRef{
		name:      fn,
		arn:       strings.Join([]string{"arn", partition, "lambda", region, account, "function", fn}, ":"),
		qualifier: qualifier,
	}, nil
}

// withQualifier merges a Qualifier parameter into f, which may carry its
// own from the name: the two must agree.
func withQualifier(f functionRef, qualifier *string) (functionRef, error) {
	if qualifier == nil {
		return f, nil
	}
	q := *qualifier
	var vs awserr.Violations
	switch {
	case len(q) < 1:
		vs.AddString(q, "qualifier", awserr.LengthAtLeast(1))
	case len(q) > 128:
		vs.AddString(q, "qualifier", awserr.LengthAtMost(128))
	case !qualifierRE.MatchString(q):
		vs.AddString(q, "qualifier", awserr.Pattern(`(|[a-zA-Z0-9$_-]+)`))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return f, err
	}
	if f.qualifier != "" && f.qualifier != q {
		return f, ErrInvalidParameterValue.WithMessage("The derived qualifier from the function name does not match the specified qualifier.")
	}
	f.qualifier = q
	return f, nil
}

// lookup returns the function f names: registered functions have no
// versions, so any qualifier names the registered code.
func (s *Service) lookup(f functionRef) (Function, error) {
	fn, ok := s.function(f.arn)
	if !ok || fn == nil {
		return nil, functionNotFound(f.qualifiedARN())
	}
	return fn, nil
}
