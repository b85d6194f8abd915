package eventbus

import "encoding/json"

// TestEventPattern reports whether event matches pattern, as the
// TestEventPattern API answers. The pattern must be valid
// ([ErrInvalidEventPattern] otherwise) and the event a JSON object with
// the fields id, account, source, time, region and detail-type
// ([ErrValidation] otherwise); resources, which AWS's documentation also
// calls mandatory, is not required, as AWS does not require it.
func TestEventPattern(pattern, event string) (bool, error) {
	p, err := parsePattern(pattern)
	if err != nil {
		return false, err
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal([]byte(event), &fields) != nil || fields == nil {
		return false, errInvalidEvent()
	}
	for _, name := range []string{"id", "account", "source", "time", "region", "detail-type"} {
		if _, ok := fields[name]; !ok {
			return false, errInvalidEvent()
		}
	}
	return p.MatchBody([]byte(event)), nil
}

func errInvalidEvent() error { return ErrValidation.WithMessage("Parameter Event is not valid.") }
