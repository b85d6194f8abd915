package lambdaapi

import (
	"encoding/json"
	"strconv"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/pattern"
)

// Event filtering (FilterCriteria): a mapping hands its function only the
// records that match one of its filters, each an EventBridge-style
// pattern over the record as the event shows it, with the message body or
// the record data read as JSON when it is JSON. Records that match no
// filter are dropped: deleted from a queue, passed over in a stream.

// filterCriteria is the model's FilterCriteria.
type filterCriteria struct {
	Filters []filter `json:"Filters"`
}

type filter struct {
	Pattern *string `json:"Pattern,omitempty"`
}

// Limits of FilterCriteria: the model's pattern length, and Lambda's quota
// of filters per mapping.
const (
	maxFilterPattern = 4096
	maxFilters       = 5
)

// compileFilters checks and compiles fc's patterns; nil means every record
// passes.
func compileFilters(fc *filterCriteria) ([]*pattern.Policy, error) {
	if fc == nil || len(fc.Filters) == 0 {
		return nil, nil
	}
	var vs awserr.Violations
	for i, f := range fc.Filters {
		if f.Pattern != nil && len(*f.Pattern) > maxFilterPattern {
			vs.Add("", "filterCriteria.filters."+strconv.Itoa(i+1)+".member.pattern", awserr.LengthAtMost(maxFilterPattern))
		}
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	if len(fc.Filters) > maxFilters {
		return nil, ErrInvalidParameterValue.Errorf("The number of filters (%d) exceeds the limit of %d filters per event source mapping.", len(fc.Filters), maxFilters)
	}
	out := make([]*pattern.Policy, 0, len(fc.Filters))
	for _, f := range fc.Filters {
		if f.Pattern == nil {
			return nil, invalidFilter()
		}
		p, err := pattern.ParseEventPattern(*f.Pattern)
		if err != nil {
			return nil, invalidFilter()
		}
		out = append(out, p)
	}
	return out, nil
}

func invalidFilter() error {
	return ErrInvalidParameterValue.WithMessage("Invalid filter pattern definition.")
}

// passes reports whether a record, as the JSON document doc, matches one
// of filters (every record passes when there are none).
func passes(filters []*pattern.Policy, doc func() []byte) bool {
	if len(filters) == 0 {
		return true
	}
	b := doc()
	for _, p := range filters {
		if p.MatchBody(b) {
			return true
		}
	}
	return false
}

// jsonOrString returns data as a JSON value to filter on: itself when it
// is a JSON object or array, else a JSON string of it.
func jsonOrString(data []byte) json.RawMessage {
	if len(data) > 0 && (data[0] == '{' || data[0] == '[') && json.Valid(data) {
		return data
	}
	b, _ := json.Marshal(string(data)) // a string always encodes
	return b
}
