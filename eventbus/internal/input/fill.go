package input

import "encoding/json"

// value is a variable's value for one event.
type value struct {
	kind valueKind
	json []byte // jsonValue: a JSON value from the event
	text string // textValue: a predefined string
}

type valueKind uint8

const (
	missing   valueKind = iota // the path selected nothing
	jsonValue                  // JSON text
	textValue                  // a string that is not JSON text
)

// maxStackVariables is how many variables' values render keeps without
// allocating.
const maxStackVariables = 8

// render fills the template for one event.
func (t *template) render(event []byte, vars Vars) ([]byte, error) {
	if t.readsEvent && !json.Valid(event) {
		return nil, ErrInvalidEvent
	}
	var stack [maxStackVariables]value
	values := stack[:min(len(t.variables), maxStackVariables)]
	if len(t.variables) > maxStackVariables {
		values = make([]value, len(t.variables))
	}
	t.tree.resolve(event, skipSpace(event, 0), values)
	for i := range t.variables {
		if v := &t.variables[i]; v.source != fromPath || v.path.wildcard {
			values[i] = v.resolve(event, vars)
		}
	}
	out := make([]byte, 0, t.sizeHint)
	for i := range t.parts {
		p := &t.parts[i]
		out = append(out, p.literal...)
		switch p.slot {
		case valueSlot:
			out = values[p.variable].appendJSON(out)
		case stringSlot:
			out = values[p.variable].appendStringContent(out)
		case textSlot:
			out = values[p.variable].appendText(out)
		}
	}
	return out, nil
}

// resolve returns the value of a predefined variable, or of a variable
// whose path has a wildcard, for event (valid JSON when the variable reads
// it). The template's tree resolves the other paths.
func (v *variable) resolve(event []byte, vars Vars) value {
	switch v.source {
	case fromRuleARN:
		return value{kind: textValue, text: vars.RuleARN}
	case fromRuleName:
		return value{kind: textValue, text: vars.RuleName}
	case fromIngestionTime:
		return value{kind: textValue, text: vars.IngestionTime.UTC().Format(ingestionTimeLayout)}
	case fromEventNoDetail:
		return value{kind: jsonValue, json: eventWithoutDetail(event)}
	case fromEventJSON:
		return value{kind: jsonValue, json: event}
	}
	raw, ok := v.path.lookup(event)
	if !ok {
		return value{}
	}
	return value{kind: jsonValue, json: raw}
}

// appendJSON writes the value as JSON: a missing value as "".
func (v *value) appendJSON(dst []byte) []byte {
	switch v.kind {
	case jsonValue:
		return appendCompact(dst, v.json)
	case textValue:
		return appendJSONString(dst, v.text)
	}
	return append(dst, '"', '"')
}

// appendStringContent writes the value inside a JSON string: a string's
// escaped characters, or another value's JSON text escaped.
func (v *value) appendStringContent(dst []byte) []byte {
	switch v.kind {
	case jsonValue:
		if isJSONString(v.json) {
			// A string from valid JSON is escaped already.
			return append(dst, v.json[1:len(v.json)-1]...)
		}
		return appendCompactEscaped(dst, v.json)
	case textValue:
		return appendEscaped(dst, v.text)
	}
	return dst
}

// appendText writes the value as text: a string's characters unescaped,
// another value's compact JSON.
func (v *value) appendText(dst []byte) []byte {
	switch v.kind {
	case jsonValue:
		if isJSONString(v.json) {
			return appendUnquoted(dst, v.json)
		}
		return appendCompact(dst, v.json)
	case textValue:
		return append(dst, v.text...)
	}
	return dst
}

func isJSONString(v []byte) bool { return len(v) >= 2 && v[0] == '"' }
