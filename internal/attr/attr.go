// Package attr provides SQS and SNS message attributes: the [Value] type,
// AWS's validation rules and error texts, the size AWS counts toward the
// message size limit, and the MD5 digests the AWS SDKs verify
// (MD5OfMessageBody and MD5OfMessageAttributes).
//
// Validation follows SQS's SendMessage rules and reports every problem as an
// [*awserr.Error] whose code is the SQS query-compatible code
// ("InvalidParameterValue", "InvalidMessageContents") and whose message is
// AWS's own wording where it is known.
package attr

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Value is one message attribute.
type Value struct {
	// DataType is "String", "Number" or "Binary", optionally followed by a
	// custom suffix: "Number.float", "Binary.gif".
	DataType string
	// StringValue holds the value of String and Number attributes.
	StringValue string
	// BinaryValue holds the value of Binary attributes.
	BinaryValue []byte
}

// Limits AWS places on message attributes.
const (
	// MaxAttributes is the most message attributes one message may carry.
	MaxAttributes = 10
	// MaxNameLength is the longest attribute name, in bytes.
	MaxNameLength = 256
	// MaxDataTypeLength is the longest attribute data type, in bytes.
	MaxDataTypeLength = 256
	// MaxNumberDigits is the most significant digits a Number may have.
	MaxNumberDigits = 38
)

// Errors returned by this package. Each is a client (Sender) error with HTTP
// status 400; match them with [errors.Is], which compares codes.
var (
	// ErrInvalidParameterValue reports an invalid message attribute (and, in
	// SQS generally, any invalid or out-of-range parameter).
	ErrInvalidParameterValue = awserr.New("InvalidParameterValue", "InvalidParameterValueException", 400,
		"An invalid or out-of-range value was specified for the input parameter.")
	// ErrInvalidAttributeName reports an unknown queue or message attribute
	// name in a request that names attributes.
	ErrInvalidAttributeName = awserr.New("InvalidAttributeName", "InvalidAttributeName", 400,
		"The specified attribute doesn't exist.")
	// ErrInvalidMessageContents reports a message body holding characters
	// outside the set SQS allows.
	ErrInvalidMessageContents = awserr.New("InvalidMessageContents", "InvalidMessageContents", 400,
		"The message contains characters outside the allowed set.")
)

// allowedChars is how AWS lists the characters a body or String value may hold.
const allowedChars = "#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]"

// Validate checks message attributes the way SQS SendMessage does: at most
// [MaxAttributes] attributes, valid names (see [ValidateName]), a data type
// of String, Number or Binary with an optional custom suffix, exactly one
// non-empty value of the matching kind, Number values that are numbers
// within AWS's range and precision, and String values made only of the
// characters a message body may hold.
//
// Names are checked in sorted order, so the error, which describes the first
// problem found, does not depend on map iteration order. A nil or empty map
// is valid.
func Validate(attrs map[string]Value) error {
	if len(attrs) == 0 {
		return nil
	}
	if len(attrs) > MaxAttributes {
		return ErrInvalidParameterValue.Errorf(
			"Number of message attributes [%d] exceeds the allowed maximum [%d].", len(attrs), MaxAttributes)
	}
	var buf [MaxAttributes]string
	names := buf[:0]
	for name := range attrs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := ValidateOne(name, attrs[name]); err != nil {
			return err
		}
	}
	return nil
}

// ValidateOne checks one attribute's name and value as [Validate] does,
// for callers with their own rules for the set as a whole.
func ValidateOne(name string, v Value) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	return validateValue(name, v)
}

// ValidateName checks one message attribute name: non-empty, at most
// [MaxNameLength] bytes, only letters, digits, '_', '-' and '.', no
// "AWS." or "Amazon." prefix in any casing, no leading or trailing '.', and
// no two '.' in a row.
func ValidateName(name string) error {
	if name == "" {
		return ErrInvalidParameterValue.WithMessage(
			"The request must contain non-empty message (user) attribute names.")
	}
	if len(name) > MaxNameLength {
		return ErrInvalidParameterValue.Errorf(
			"Message (user) attribute name must be shorter than %d bytes.", MaxNameLength)
	}
	for _, r := range name {
		if !nameChar(r) {
			return ErrInvalidParameterValue.WithMessage(
				"Message (user) attributes name can only contain upper and lower score characters, " +
					"digits, periods, hyphens and underscores. ")
		}
	}
	if hasPrefixFold(name, "aws.") || hasPrefixFold(name, "amazon.") ||
		name[0] == '.' || name[len(name)-1] == '.' {
		return ErrInvalidParameterValue.WithMessage(
			"You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. " +
				"These strings are reserved for internal use. Additionally, they cannot start or end with '.'.")
	}
	if strings.Contains(name, "..") {
		return ErrInvalidParameterValue.WithMessage(
			"Message (user) attribute name must not have successive '.' characters.")
	}
	return nil
}

// nameChar reports whether r may appear in an attribute name. AWS's
// documentation says "alphanumeric"; SQS accepts non-ASCII letters such as
// "ø" (seen in recorded AWS responses), so letters and digits of any script
// are taken. Invalid UTF-8 decodes to U+FFFD, which is neither.
func nameChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			r == '_' || r == '-' || r == '.'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// hasPrefixFold reports whether s begins with the lower-case ASCII prefix,
// ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// Base data types.
const (
	typeString = "String"
	typeNumber = "Number"
	typeBinary = "Binary"
)

// baseType returns the base type ("String", "Number" or "Binary") of a data
// type, or "" when the data type does not start with one of them followed by
// the end of the string or a '.' and a non-empty custom suffix.
func baseType(dataType string) string {
	for _, base := range [...]string{typeString, typeNumber, typeBinary} {
		if dataType == base {
			return base
		}
		if len(dataType) > len(base)+1 && dataType[len(base)] == '.' && dataType[:len(base)] == base {
			return base
		}
	}
	return ""
}

// validateValue checks the data type and value of the attribute called name.
func validateValue(name string, v Value) error {
	if v.DataType == "" {
		return ErrInvalidParameterValue.Errorf(
			"The message (user) attribute '%s' must contain a non-empty message attribute type.", name)
	}
	base := baseType(v.DataType)
	if base == "" || !ValidBody(v.DataType) {
		return ErrInvalidParameterValue.Errorf(
			"The type of message (user) attribute '%s' is invalid. "+
				"You must use only the following supported type prefixes: Binary, Number, String.", name)
	}
	if len(v.DataType) > MaxDataTypeLength {
		return ErrInvalidParameterValue.Errorf(
			"Message (user) attribute type must be shorter than %d bytes.", MaxDataTypeLength)
	}
	if base == typeBinary {
		switch {
		case len(v.BinaryValue) > 0 && v.StringValue != "":
			return ErrInvalidParameterValue.Errorf("Message (user) attribute '%s' must have a single value.", name)
		case len(v.BinaryValue) > 0:
			return nil
		case v.StringValue != "":
			return ErrInvalidParameterValue.Errorf(
				"Message (user) attribute '%s' with type 'Binary' must use field 'Binary'.", name)
		default:
			return ErrInvalidParameterValue.Errorf(
				"Message (user) attribute '%s' must contain a non-empty value of type 'Binary'.", name)
		}
	}
	switch {
	case v.StringValue != "" && len(v.BinaryValue) > 0:
		return ErrInvalidParameterValue.Errorf("Message (user) attribute '%s' must have a single value.", name)
	case v.StringValue == "" && len(v.BinaryValue) > 0:
		return ErrInvalidParameterValue.Errorf(
			"Message (user) attribute '%s' with type '%s' must use field 'String'.", name, base)
	case v.StringValue == "":
		return ErrInvalidParameterValue.Errorf(
			"Message (user) attribute '%s' must contain a non-empty value of type '%s'.", name, base)
	}
	if base == typeNumber {
		if !validNumber(v.StringValue) {
			return ErrInvalidParameterValue.Errorf(
				"Can't cast the value of message (user) attribute '%s' to a number.", name)
		}
		return nil
	}
	if r, ok := firstInvalid(v.StringValue); ok {
		return ErrInvalidParameterValue.Errorf(
			"Invalid binary character '%s' was found in the message attribute '%s' value, "+
				"the set of allowed characters is %s.", hexChar(r), name, allowedChars)
	}
	return nil
}

// Size returns the bytes AWS counts toward the message size for attrs: for
// each attribute the length of its name, its data type and its value, all in
// bytes (UTF-8 for strings).
func Size(attrs map[string]Value) int {
	n := 0
	for name, v := range attrs {
		n += len(name) + len(v.DataType) + len(v.StringValue) + len(v.BinaryValue)
	}
	return n
}

// Select returns the attributes a ReceiveMessage with
// MessageAttributeNames=names returns: every attribute for "All" or ".*",
// the attribute of each exact name, and for "prefix.*" every attribute whose
// name starts with "prefix.". It returns nil when nothing is selected.
//
// The result is always a new map with its own copy of binary values, never
// attrs itself, so a caller may change it without touching stored data.
func Select(attrs map[string]Value, names []string) map[string]Value {
	if len(attrs) == 0 || len(names) == 0 {
		return nil
	}
	var out map[string]Value
	add := func(name string, v Value) {
		if out == nil {
			out = make(map[string]Value, len(attrs))
		}
		if v.BinaryValue != nil {
			v.BinaryValue = slices.Clone(v.BinaryValue)
		}
		out[name] = v
	}
	for _, want := range names {
		if want == "All" || want == ".*" {
			for name, v := range attrs {
				add(name, v)
			}
			return out
		}
	}
	for _, want := range names {
		if prefix, ok := strings.CutSuffix(want, "*"); ok && strings.HasSuffix(prefix, ".") {
			for name, v := range attrs {
				if strings.HasPrefix(name, prefix) {
					add(name, v)
				}
			}
			continue
		}
		if v, ok := attrs[want]; ok {
			add(want, v)
		}
	}
	return out
}

// Clone copies attributes, binary values included, so that a caller may
// reuse its map and byte slices once a send or publish returns.
func Clone(attrs map[string]Value) map[string]Value {
	c := make(map[string]Value, len(attrs))
	for k, v := range attrs {
		if v.BinaryValue != nil {
			v.BinaryValue = slices.Clone(v.BinaryValue)
		}
		c[k] = v
	}
	return c
}
