package eventbus

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

// Entry is one event for [Bus.PutEvents], as PutEventsRequestEntry takes
// it. Invalid UTF-8 in its strings, which the JSON of the API cannot
// carry, becomes U+FFFD in the envelope.
type Entry struct {
	// Source names what sent the event, such as "com.example.orders".
	// Required.
	Source string
	// DetailType says what happened, such as "Order Placed". Required.
	DetailType string
	// Detail is a JSON object, the event's payload. Required.
	Detail string
	// Resources are ARNs the event concerns; they are matched by patterns
	// and passed on as they are.
	Resources []string
	// Time is the event's time; zero means when the bus receives it. The
	// envelope keeps it to the second, as EventBridge does.
	Time time.Time
	// TraceHeader is an X-Ray trace header; it counts toward no limit and
	// is kept for targets to read.
	TraceHeader string
}

// Event is an event as EventBridge delivers it: the envelope the bus
// builds around an entry.
type Event struct {
	Version    string
	ID         string
	DetailType string
	Source     string
	Account    string
	Time       time.Time
	Region     string
	Resources  []string
	// Detail is the entry's detail, compacted.
	Detail json.RawMessage
	// ReplayName is the replay that sent the event again, or "" for an
	// event put on the bus (or fired by a schedule).
	ReplayName string
}

// timeLayout is how EventBridge writes an event's time: UTC, to the
// second.
const timeLayout = "2006-01-02T15:04:05Z"

// AppendJSON appends the event's JSON, with the fields in the order
// EventBridge writes them.
func (e *Event) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"version":`...)
	dst = strconv.AppendQuote(dst, e.Version)
	dst = appendField(dst, "id", e.ID)
	dst = appendField(dst, "detail-type", e.DetailType)
	dst = appendField(dst, "source", e.Source)
	dst = appendField(dst, "account", e.Account)
	dst = appendField(dst, "time", e.Time.UTC().Format(timeLayout))
	dst = appendField(dst, "region", e.Region)
	dst = append(dst, `,"resources":[`...)
	for i, r := range e.Resources {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, r)
	}
	dst = append(dst, `],"detail":`...)
	if len(e.Detail) == 0 {
		dst = append(dst, "{}"...)
	} else {
		dst = append(dst, e.Detail...)
	}
	if e.ReplayName != "" {
		dst = appendField(dst, "replay-name", e.ReplayName)
	}
	return append(dst, '}')
}

// MarshalJSON returns the event's JSON, as targets receive it.
func (e *Event) MarshalJSON() ([]byte, error) { return e.AppendJSON(nil), nil }

func appendField(dst []byte, name, value string) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return appendString(dst, value)
}

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it.
func appendString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return append(dst, b...)
}

// entrySize is an entry's size as EventBridge counts it toward the
// 256 KiB limit of a PutEvents request: 14 bytes for a time, and the UTF-8
// bytes of the source, detail type, detail and each resource.
func entrySize(e *Entry) int {
	n := len(e.Source) + len(e.DetailType) + len(e.Detail)
	if !e.Time.IsZero() {
		n += 14
	}
	for _, r := range e.Resources {
		n += len(r)
	}
	return n
}

// maxRequestSize is the most a PutEvents request's entries may add up to.
const maxRequestSize = 256 * 1024

// entryFailure is a per-entry result of PutEvents that refuses the entry.
type entryFailure struct{ code, message string }

// checkEntry returns why EventBridge refuses the entry, if it does, and
// the entry's detail compacted.
func checkEntry(e *Entry) (json.RawMessage, *entryFailure) {
	switch {
	case e.Source == "":
		return nil, &entryFailure{"InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."}
	case e.DetailType == "":
		return nil, &entryFailure{"InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument."}
	case e.Detail == "":
		return nil, &entryFailure{"InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument."}
	}
	detail, ok := compactObject(e.Detail)
	if !ok {
		return nil, &entryFailure{"MalformedDetail", "Detail is malformed."}
	}
	return detail, nil
}

// compactObject returns text, a JSON object, without insignificant
// space; ok is false when it is not a JSON object.
func compactObject(text string) (json.RawMessage, bool) {
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // each invalid byte becomes U+FFFD, as in the other fields
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(text)); err != nil {
		return nil, false
	}
	b := buf.Bytes()
	if len(b) == 0 || b[0] != '{' {
		return nil, false
	}
	return b, true
}
