package s3key

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
	"unicode/utf8"
)

// maxEvaluatedLength is the longest an evaluated prefix may be, in
// characters (s3-prefixes, "Semantic rules").
const maxEvaluatedLength = 512

// randomStringLength and randomAlphabet shape !{firehose:random-string}.
// The guide says 11 characters and shows two outputs, 5abf82daaa5 and
// 046b6c7f-0b: both lowercase hexadecimal, the second cut from a UUID's
// text with its hyphen. We draw 11 hexadecimal digits and no hyphen,
// which fits the first example and keeps every character random.
const (
	randomStringLength = 11
	randomAlphabet     = "0123456789abcdef"
)

// Values are what one evaluation of a prefix reads.
type Values struct {
	// At is the instant every !{timestamp:…} of the prefix prints: AWS
	// uses the approximate arrival time of the oldest record in the
	// object.
	At time.Time
	// Location is the delivery stream's CustomTimeZone; nil means UTC.
	Location *time.Location
	// Query holds the record's keys from inline parsing, read by
	// !{partitionKeyFromQuery:name}.
	Query map[string]string
	// Processor holds the record's keys from the processor (the Lambda
	// function), read by !{partitionKeyFromLambda:name}.
	Processor map[string]string
	// Rand draws !{firehose:random-string}; nil means the
	// math/rand/v2 top-level source. A *rand.Rand is not safe for
	// concurrent use.
	Rand *rand.Rand
}

// errEmptyErrorOutputType is a programming error of the caller.
var errEmptyErrorOutputType = errors.New("s3key: empty error-output-type")

// Object evaluates the prefix of a delivered object. It fails when the
// prefix reads a partition key the values lack, or evaluates to more
// than 512 characters; the caller then sends the record to the error
// output, as AWS does with a record whose prefix it cannot evaluate. A
// key's value is inserted as it is, even an empty one.
func (p *Prefixes) Object(v Values) (string, error) {
	return p.object.eval(fieldPrefix, v, "")
}

// Error evaluates the prefix of an error-output object, whose
// !{firehose:error-output-type} becomes errorOutputType, which AWS sets
// from the failure: processing-failed, format-conversion-failed,
// http-endpoint-failed, AmazonOpenSearchService-failed or splunk-failed.
// It fails when errorOutputType is empty or the prefix evaluates to more
// than 512 characters.
func (p *Prefixes) Error(v Values, errorOutputType string) (string, error) {
	if errorOutputType == "" {
		return "", errEmptyErrorOutputType
	}
	return p.errorTo.eval(fieldErrorPrefix, v, errorOutputType)
}

// eval evaluates the template. Every timestamp prints the same instant,
// as AWS promises; every random-string is drawn afresh.
func (t template) eval(field string, v Values, errorOutputType string) (string, error) {
	loc := v.Location
	if loc == nil {
		loc = time.UTC
	}
	at := v.At.In(loc)
	b := make([]byte, 0, 64)
	for _, s := range t {
		switch s.kind {
		case segLiteral:
			b = append(b, s.text...)
		case segTimestamp:
			b = s.ts.appendTo(b, at)
		case segRandom:
			b = appendRandom(b, v.Rand)
		case segErrorType:
			b = append(b, errorOutputType...)
		case segQueryKey, segLambdaKey:
			keys, source := v.Query, "query"
			if s.kind == segLambdaKey {
				keys, source = v.Processor, "processor"
			}
			value, ok := keys[s.text]
			if !ok {
				return "", fmt.Errorf("s3key: %s reads partition key %q, which the record's %s keys lack", field, s.text, source)
			}
			b = append(b, value...)
		}
	}
	if n := utf8.RuneCount(b); n > maxEvaluatedLength {
		return "", fmt.Errorf("s3key: %s evaluates to %d characters, more than %d", field, n, maxEvaluatedLength)
	}
	return string(b), nil
}

// appendRandom appends one random-string.
func appendRandom(b []byte, r *rand.Rand) []byte {
	// 11 hex digits are 44 bits: one draw is enough.
	var bits uint64
	if r != nil {
		bits = r.Uint64()
	} else {
		bits = rand.Uint64()
	}
	for range randomStringLength {
		b = append(b, randomAlphabet[bits&0xf])
		bits >>= 4
	}
	return b
}
