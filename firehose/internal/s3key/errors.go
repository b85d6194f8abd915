package s3key

import "github.com/switchyard/switchyard/internal/awserr"

// Error is a Prefix, ErrorOutputPrefix or FileExtension that AWS
// refuses. Its message is the text AWS answers with, so a caller can put
// it into its own error unchanged.
//
// There are two kinds, told apart by Constraint:
//   - a broken constraint of the API's model (a length or a pattern),
//     which AWS reports as a ValidationException: Constraint holds what
//     follows "failed to satisfy constraint: " so that the caller can report it under the
//     member's full path (such as
//     "extendedS3DestinationConfiguration.prefix"); Message holds the
//     whole text for the bare member name;
//   - a rule of the service, which AWS reports as an
//     InvalidArgumentException: Constraint is empty.
//
// The package has no sentinel errors: the caller wraps an Error into its
// own InvalidArgumentException or ValidationException.
type Error struct {
	// Field is the setting at fault: "Prefix", "ErrorOutputPrefix" or
	// "FileExtension".
	Field string
	// Constraint is the model constraint broken, as AWS words it after
	// "failed to satisfy constraint: "; empty for a rule of the service.
	Constraint string
	// Message is AWS's message.
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// The settings an Error names.
const (
	fieldPrefix        = "Prefix"
	fieldErrorPrefix   = "ErrorOutputPrefix"
	fieldFileExtension = "FileExtension"
)

// rulePreamble starts the InvalidArgumentException message for a prefix
// rule. The spelling "Ths" is AWS's: users quote it verbatim, for example
// in hashicorp/terraform-provider-aws#13416 and serverless/serverless#6015.
const rulePreamble = "Ths supplied prefix(es) do not satisfy the following constraint: "

// The two rule messages users have quoted from AWS (the issues above and
// hashicorp/terraform-provider-aws#29092). The other rule messages follow
// the first one's form with our own words, because no copy of AWS's text
// could be found.
const (
	msgErrorPrefixRequired = rulePreamble + "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions"
	msgPartitioningOff     = "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled."
)

// ruleError is a broken rule of the service.
func ruleError(field, message string) *Error {
	return &Error{Field: field, Message: message}
}

// modelError is a broken constraint of the API's model, worded as AWS
// words a one-violation ValidationException.
func modelError(field, value, constraint string) *Error {
	member := string(field[0]+'a'-'A') + field[1:]
	var vs awserr.Violations
	vs.AddString(value, member, constraint)
	msg := vs.Err(&awserr.Error{}).(*awserr.Error).Message
	return &Error{Field: field, Constraint: constraint, Message: msg}
}
