package topic

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/awserr"
)

// Attribute is a message attribute: a data type ("String", "String.Array",
// "Number", "Binary", optionally with a custom suffix such as
// "Number.float") and a value, a string for String and Number types and
// bytes for Binary ones. A String.Array value is a JSON array.
type Attribute = attr.Value

// validateAttributes checks message attributes as SNS Publish does; batch
// is the 1-based position of the batch entry, or 0 for Publish. Names are
// checked in sorted order, so the error does not depend on map order.
//
// SNS's own rules (names, data types, the presence of a value) come first,
// in SNS's words; the value rules SNS shares with SQS (number range and
// precision, characters of strings, reserved name prefixes) are
// [attr.ValidateOne]'s, reported with SNS's code.
func validateAttributes(attrs map[string]Attribute, batch int) error {
	if len(attrs) == 0 {
		return nil
	}
	var buf [16]string
	for _, name := range sortedNames(attrs, buf[:0]) {
		v := attrs[name]
		if err := validateAttribute(name, v, batch); err != nil {
			return err
		}
		if v.DataType == "String.Array" && !isJSONArray(v.StringValue) {
			return ErrParameterValueInvalid.Errorf("The message attribute '%s' with type 'String.Array' must contain a JSON array.", name)
		}
		if err := attr.ValidateOne(name, v); err != nil {
			var e *awserr.Error
			if errors.As(err, &e) {
				return ErrParameterValueInvalid.WithMessage(e.Message)
			}
			return err
		}
	}
	return nil
}

// validateAttribute applies SNS's rules for one attribute's name, data type
// and value field.
func validateAttribute(name string, v Attribute, batch int) error {
	if len(name) > attr.MaxNameLength {
		return ErrParameterValueInvalid.WithMessage("Length of message attribute name must be less than 256 bytes.")
	}
	if err := validateAttributeName(name); err != nil {
		return err
	}
	if v.DataType == "" {
		at := "messageAttributes." + name + ".member.dataType"
		if batch > 0 {
			at = fmt.Sprintf("publishBatchRequestEntries.%d.member.", batch) + at
		}
		return ErrValidation.Errorf("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", at)
	}
	base, suffix, dotted := strings.Cut(v.DataType, ".")
	if base != "String" && base != "Number" && base != "Binary" || dotted && suffix == "" {
		return ErrParameterValueInvalid.Errorf("The message attribute '%s' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.", name)
	}
	field, has, other := "String", v.StringValue != "", len(v.BinaryValue) > 0
	if base == "Binary" {
		field, has, other = "Binary", other, has
	}
	switch {
	case !has && other:
		return ErrParameterValueInvalid.Errorf("The message attribute '%s' with type '%s' must use field '%s'.", name, v.DataType, field)
	case !has:
		return ErrParameterValueInvalid.Errorf("The message attribute '%s' must contain non-empty message attribute value for message attribute type '%s'.", name, v.DataType)
	}
	return nil
}

// validateAttributeName applies SNS's rules for attribute names: only
// [A-Za-z0-9_.-], no '.' first or last, no two '.' in a row. An empty name
// is left to [attr.ValidateOne].
func validateAttributeName(name string) error {
	if name == "" {
		return nil
	}
	switch {
	case name[0] == '.':
		return ErrParameterValueInvalid.WithMessage("Invalid message attribute name starting with character '.' was found.")
	case name[len(name)-1] == '.':
		return ErrParameterValueInvalid.WithMessage("Invalid message attribute name ending with character '.' was found.")
	}
	for i, r := range name {
		if r >= utf8.RuneSelf || !isIDChar(byte(r)) && r != '.' {
			return ErrParameterValueInvalid.Errorf("Invalid non-alphanumeric character '#x%X' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.", r)
		}
		if r == '.' && name[i-1] == '.' {
			return ErrParameterValueInvalid.WithMessage("Message attribute name can not have successive '.' character.")
		}
	}
	return nil
}

// isJSONArray reports whether s is a JSON array.
func isJSONArray(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	return strings.HasPrefix(s, "[") && json.Valid([]byte(s))
}

// sortedNames appends the names of attrs to dst in sorted order; a caller
// that passes a small array's slice sorts without allocating.
func sortedNames(attrs map[string]Attribute, dst []string) []string {
	for name := range attrs {
		dst = append(dst, name)
	}
	slices.Sort(dst)
	return dst
}
