package snsapi

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/topic"
)

// params reads a request's parameters, collecting the required ones that
// are missing as the model's violations ("Value null at 'topicArn' …"),
// which SNS reports together as one ValidationError.
type params struct {
	f  wire.Form
	vs awserr.Violations
}

// require returns the parameter key, recording a violation at at (the
// model's member path) when it is absent.
func (p *params) require(key, at string) string { return p.requireIn(p.f, key, at) }

// requireIn is require for a parameter of f, one entry of a list.
func (p *params) requireIn(f wire.Form, key, at string) string {
	v, ok := f.Lookup(key)
	if !ok {
		p.vs.Add("null", at, awserr.NotNull)
	}
	return v
}

// requireList records a violation at at when the list parameter key is
// absent altogether (an empty list, sent as "key=", is present).
func (p *params) requireList(key, at string) {
	if !p.f.Has(key) {
		p.vs.Add("null", at, awserr.NotNull)
	}
}

// err returns the ValidationError for the violations found, or nil.
func (p *params) err() error { return p.vs.Err(topic.ErrValidation) }

// decodeAttributes reads a message attribute map, sent as
// key.entry.N.Name and key.entry.N.Value.{DataType,StringValue,BinaryValue}
// (BinaryValue in base64). An absent data type is left empty, for the
// engine to report as SNS does.
func decodeAttributes(f wire.Form, key string) (map[string]topic.Attribute, error) {
	entries := f.Entries(key + ".entry")
	if len(entries) == 0 {
		return nil, nil
	}
	attrs := make(map[string]topic.Attribute, len(entries))
	for _, e := range entries {
		name := e.Get("Name")
		v := topic.Attribute{DataType: e.Get("Value.DataType"), StringValue: e.Get("Value.StringValue")}
		if b64, ok := e.Lookup("Value.BinaryValue"); ok && b64 != "" {
			b, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				return nil, topic.ErrParameterValueInvalid.Errorf("The message attribute '%s' has a binary value that is not valid base64.", name)
			}
			v.BinaryValue = b
		}
		attrs[name] = v
	}
	return attrs, nil
}

// tag is one resource tag.
type tag struct{ key, value string }

// Limits on tags, as the SNS model states them.
const (
	maxTags           = 50
	maxTagKeyLength   = 128
	maxTagValueLength = 256
)

// decodeTags reads a tag list, sent as key.member.N.Key and .Value,
// recording in p the members missing or of the wrong length (at is the
// model's path of the list, such as "tags"), and refusing a key given
// twice.
func decodeTags(p *params, key, at string) ([]tag, error) {
	entries := p.f.Entries(key + ".member")
	tags := make([]tag, 0, len(entries))
	seen := make(map[string]bool, len(entries))
	duplicate := false
	for i, e := range entries {
		member := at + "." + strconv.Itoa(i+1) + ".member."
		k, hasKey := e.Lookup("Key")
		v, hasValue := e.Lookup("Value")
		switch n := jsonvalue.UTF16Len(k); {
		case !hasKey:
			p.vs.Add("null", member+"key", awserr.NotNull)
		case n < 1:
			p.vs.AddString(k, member+"key", awserr.LengthAtLeast(1))
		case n > maxTagKeyLength:
			p.vs.AddString(k, member+"key", awserr.LengthAtMost(maxTagKeyLength))
		}
		switch {
		case !hasValue:
			p.vs.Add("null", member+"value", awserr.NotNull)
		case jsonvalue.UTF16Len(v) > maxTagValueLength:
			p.vs.AddString(v, member+"value", awserr.LengthAtMost(maxTagValueLength))
		}
		duplicate = duplicate || seen[k]
		seen[k] = true
		tags = append(tags, tag{k, v})
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if duplicate {
		return nil, invalid("Duplicated keys are not allowed.")
	}
	return tags, nil
}

// jsonObjectReason returns why text is not a JSON object, or "" when it
// is one, worded as the filter-policy parser words a policy that is not
// ("failed to parse JSON. …"), so that every policy-valued attribute
// reports its faults the same way.
func jsonObjectReason(text string) string {
	v, err := jsonvalue.Decode([]byte(text))
	switch {
	case errors.Is(err, jsonvalue.ErrTrailingData):
		return "failed to parse JSON. Unexpected content after the policy"
	case err != nil:
		return "failed to parse JSON. " + err.Error()
	}
	if _, ok := v.(map[string]any); !ok {
		return "must be a JSON object"
	}
	return ""
}

// parseBool reads a boolean attribute value as SNS does: "true" or
// "false", in any case.
func parseBool(v string) (b, ok bool) {
	switch strings.ToLower(v) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}
