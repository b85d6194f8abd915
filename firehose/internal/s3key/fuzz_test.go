package s3key

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse checks that Parse and the evaluation never panic, that Parse
// refuses only with an *Error, and that an evaluated prefix never holds
// "!{" nor exceeds 512 characters. The seed corpus is in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}",
		"myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}", false, int64(1535365800e9), uint8(0))
	zones := []*time.Location{time.UTC, time.FixedZone("IST", 5*3600+1800), time.FixedZone("LMT", -(44*60 + 30))}
	f.Fuzz(func(t *testing.T, prefix, errorPrefix string, dynamic bool, unixNano int64, zone uint8) {
		p, err := Parse(prefix, errorPrefix, dynamic)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Message == "" || e.Error() != e.Message {
				t.Fatalf("Parse(%q, %q) = %v, want an *Error with a message", prefix, errorPrefix, err)
			}
			if e.Field != fieldPrefix && e.Field != fieldErrorPrefix {
				t.Fatalf("Parse error names field %q", e.Field)
			}
			if (e.Constraint != "") != strings.HasPrefix(e.Message, "1 validation error detected: ") {
				t.Fatalf("Parse error %+v mixes the two kinds", *e)
			}
			return
		}
		// Give the record every key the prefix reads.
		v := Values{
			At:        time.Unix(0, unixNano),
			Location:  zones[int(zone)%len(zones)],
			Query:     map[string]string{},
			Processor: map[string]string{},
		}
		for _, s := range p.object {
			switch s.kind {
			case segQueryKey:
				v.Query[s.text] = "v"
			case segLambdaKey:
				v.Processor[s.text] = "v"
			}
		}
		check := func(what, got string, err error) {
			if err != nil {
				if !strings.Contains(err.Error(), "more than 512") {
					t.Fatalf("%s(%q, %q) failed: %v", what, prefix, errorPrefix, err)
				}
				return
			}
			if strings.Contains(got, "!{") {
				t.Fatalf("%s(%q, %q) = %q holds !{", what, prefix, errorPrefix, got)
			}
			if utf8.RuneCountInString(got) > maxEvaluatedLength {
				t.Fatalf("%s(%q, %q) = %d characters", what, prefix, errorPrefix, utf8.RuneCountInString(got))
			}
		}
		v.Rand = rand.New(rand.NewPCG(1, 2))
		obj, err := p.Object(v)
		check("Object", obj, err)
		v.Rand = rand.New(rand.NewPCG(1, 2))
		if again, err2 := p.Object(v); again != obj || (err == nil) != (err2 == nil) {
			t.Fatalf("Object is not deterministic: %q then %q", obj, again)
		}
		got, err := p.Error(v, "processing-failed")
		check("Error", got, err)
	})
}
