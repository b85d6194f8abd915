package input

// source says where a template variable's value comes from.
type source uint8

const (
	fromPath          source = iota // an InputPathsMap entry
	fromRuleARN                     // aws.events.rule-arn
	fromRuleName                    // aws.events.rule-name
	fromIngestionTime               // aws.events.event.ingestion-time
	fromEventNoDetail               // aws.events.event
	fromEventJSON                   // aws.events.event.json
)

// predefined maps the predefined variables' names to their sources.
func predefined(name string) (source, bool) {
	switch name {
	case "aws.events.rule-arn":
		return fromRuleARN, true
	case "aws.events.rule-name":
		return fromRuleName, true
	case "aws.events.event.ingestion-time":
		return fromIngestionTime, true
	case "aws.events.event":
		return fromEventNoDetail, true
	case "aws.events.event.json":
		return fromEventJSON, true
	}
	return 0, false
}

// jsonOnly reports whether the source's value may only stand outside
// quotes in a JSON template: AWS inserts it without escaping.
func (s source) jsonOnly() bool { return s == fromEventNoDetail || s == fromEventJSON }

// readsEvent reports whether the source's value comes from the event.
func (s source) readsEvent() bool { return s == fromPath || s.jsonOnly() }

// ingestionTimeLayout is how the ingestion time is written: ISO 8601, UTC,
// to the second, as EventBridge writes an event's time.
const ingestionTimeLayout = "2006-01-02T15:04:05Z"

// eventWithoutDetail returns the event object without its detail member
// and with "detail-type" named "detailType", as aws.events.event gives it
// (LocalStack reproduces AWS so). An event that is not an object is
// returned as it is.
func eventWithoutDetail(event []byte) []byte {
	i := skipSpace(event, 0)
	if byteAt(event, i) != '{' {
		return event
	}
	out := make([]byte, 0, len(event))
	out = append(out, '{')
	eachMember(event, i, func(key []byte, value int) {
		switch {
		case keyEquals(key, "detail"):
			return
		case keyEquals(key, "detail-type"):
			key = []byte(`"detailType"`)
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, key...)
		out = append(out, ':')
		out = appendCompact(out, event[value:valueEnd(event, value)])
	})
	return append(out, '}')
}
