package s3key

import (
	"strings"
)

// segKind is what one piece of a prefix evaluates to.
type segKind uint8

const (
	segLiteral   segKind = iota // text, as written
	segTimestamp                // !{timestamp:PATTERN}
	segRandom                   // !{firehose:random-string}
	segErrorType                // !{firehose:error-output-type}
	segQueryKey                 // !{partitionKeyFromQuery:name}
	segLambdaKey                // !{partitionKeyFromLambda:name}
)

// segment is one piece of a prefix: literal text or one expression.
type segment struct {
	kind segKind
	text string   // the literal text, or the partition key's name
	ts   tsFormat // the compiled pattern of a timestamp
}

// template is a parsed prefix: its pieces in order.
type template []segment

// has reports whether the template uses an expression of the kind.
func (t template) has(k segKind) bool {
	for _, s := range t {
		if s.kind == k {
			return true
		}
	}
	return false
}

// hasExpressions reports whether anything in the template is evaluated.
func (t template) hasExpressions() bool {
	for _, s := range t {
		if s.kind != segLiteral {
			return true
		}
	}
	return false
}

// hasPartitionKeys reports whether the template reads dynamic
// partitioning keys.
func (t template) hasPartitionKeys() bool {
	return t.has(segQueryKey) || t.has(segLambdaKey)
}

// parseTemplate splits a prefix into literal text and expressions. An
// expression runs from "!{" to the first "}" — so no pattern or key name
// can hold a "}" — and its namespace ends at the first ":", so a pattern
// may hold colons (!{timestamp:HH:mm}).
func parseTemplate(field, s string) (template, error) {
	var t template
	for s != "" {
		i := strings.Index(s, "!{")
		if i < 0 {
			t = append(t, segment{kind: segLiteral, text: s})
			break
		}
		if i > 0 {
			t = append(t, segment{kind: segLiteral, text: s[:i]})
		}
		end := strings.IndexByte(s[i+2:], '}')
		if end < 0 {
			return nil, ruleError(field, rulePreamble+field+" may use !{ only to open a !{namespace:value} expression, and this one is never closed")
		}
		body := s[i+2 : i+2+end]
		seg, err := parseExpression(field, body)
		if err != nil {
			return nil, err
		}
		t = append(t, seg)
		s = s[i+2+end+1:]
	}
	if err := t.checkJoins(field); err != nil {
		return nil, err
	}
	return t, nil
}

// parseExpression reads the inside of one !{...}.
func parseExpression(field, body string) (segment, error) {
	expr := "!{" + body + "}"
	if strings.Contains(body, "!{") {
		// The inner "!{" opens no expression of its own: the first "}"
		// closed the outer one.
		return segment{}, ruleError(field, rulePreamble+field+" may use !{ only to open a !{namespace:value} expression: "+expr)
	}
	ns, value, ok := strings.Cut(body, ":")
	if !ok || value == "" {
		return segment{}, ruleError(field, rulePreamble+field+" has an expression that is not of the form !{namespace:value}: "+expr)
	}
	switch ns {
	case "timestamp":
		ts, err := compileTimestamp(value)
		if err != nil {
			return segment{}, ruleError(field, rulePreamble+field+" has an invalid timestamp pattern in "+expr+": "+err.Error())
		}
		return segment{kind: segTimestamp, ts: ts}, nil
	case "firehose":
		switch value {
		case "random-string":
			return segment{kind: segRandom}, nil
		case "error-output-type":
			return segment{kind: segErrorType}, nil
		}
		return segment{}, ruleError(field, rulePreamble+field+" has an unknown firehose expression "+expr+"; the values are random-string and error-output-type")
	case "partitionKeyFromQuery":
		return segment{kind: segQueryKey, text: value}, nil
	case "partitionKeyFromLambda":
		return segment{kind: segLambdaKey, text: value}, nil
	}
	return segment{}, ruleError(field, rulePreamble+field+" has an expression with an unknown namespace: "+expr+"; the namespaces are timestamp, firehose, partitionKeyFromQuery and partitionKeyFromLambda")
}

// checkJoins refuses a timestamp whose text ends in "!" right before
// literal text that starts with "{": the evaluated prefix would hold a
// "!{" that opens no expression, which AWS allows nowhere. Timestamps
// never print "{" (compileTimestamp refuses it), so this is the only way
// a prefix's own text can evaluate to "!{".
func (t template) checkJoins(field string) error {
	for i := 0; i+1 < len(t); i++ {
		if t[i].kind == segTimestamp && t[i].ts.endsWithBang() &&
			t[i+1].kind == segLiteral && strings.HasPrefix(t[i+1].text, "{") {
			return ruleError(field, rulePreamble+field+" may use !{ only to open a !{namespace:value} expression, but a timestamp ending in ! is followed by {")
		}
	}
	return nil
}
