package choice_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// fuzzInputs are the state inputs every rule FuzzParseEval accepts is
// evaluated against.
var fuzzInputs = []string{
	`{"a":1,"s":"xyz","n":null,"t":true,"f":false,"ts":"2012-10-09T19:00:55Z",
	  "ts2":"2012-10-09T20:00:55+01:00","l":["a","b"],"big":9007199254740993,
	  "u":"\ud83d\ude00","o":{"a":[1,{"b":"c"}]},"x":1e400,"e":"","z":-0}`,
	`{}`,
	`"2012-10-09T19:00:55Z"`,
	`[1,"a",null]`,
	`null`,
}

// fuzzSeeds are also committed in testdata/fuzz/FuzzParseEval.
var fuzzSeeds = []string{
	`{"Variable":"$.a","NumericEquals":1,"Next":"N"}`,
	`{"And":[{"Variable":"$.s","StringMatches":"x*"},{"Not":{"Variable":"$.n","IsNull":true}}],"Next":"N"}`,
	`{"Or":[{"Variable":"$.missing","IsPresent":true},{"Variable":"$.t","BooleanEqualsPath":"$.f"}],"Next":"N","Assign":{"x.$":"$.a"}}`,
	`{"Variable":"$.ts","TimestampLessThan":"2012-10-09T19:00:55.5+01:00","Next":"N"}`,
	`{"Variable":"$.ts","TimestampGreaterThanEqualsPath":"$.ts2","Next":"N","Comment":"c"}`,
	`{"Variable":"$.s","StringMatches":"a\\","Next":"N"}`,
	`{"Variable":"$.l[1]","StringLessThanEqualsPath":"$.s","Next":"N"}`,
	`{"Variable":"$.big","NumericGreaterThan":9007199254740992,"Next":"N"}`,
	`{"Variable":"$","IsTimestamp":false}`,
	`{"And":[],"Next":"N"}`,
	`{"Variable":"$.a","StringEquals":1,"Next":"N"}`,
	`{"Output":{},"Next":"N"}`,
	`{"Not":{"Not":{"Not":{"Variable":"$.n","IsNumeric":true}}},"Next":"N"}`,
	`{"Variable":"$.missing","StringEquals":"x","Next":"N"}`,
	`{"Variable":"$.u","StringGreaterThan":"\uff01","Next":"N"}`,
	`{"Variable":"$.x","NumericLessThanPath":"$.z","Next":"N"}`,
	`{"Variable":"$.o.a[1].b","StringMatches":"\\*\\\\*","Next":"N"}`,
	`[]`,
}

// FuzzParseEval decodes arbitrary bytes as a rule. Parse must not panic,
// must refuse with a *DefinitionError under the rule's location and must
// leave its input as it was; an accepted rule must evaluate against fixed
// inputs without panicking, to the same result twice, failing only with a
// *RuntimeError.
func FuzzParseEval(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	var docs []any
	for _, s := range fuzzInputs {
		docs = append(docs, decode(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := jsonvalue.Decode(data)
		if err != nil {
			return
		}
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		before, err := json.Marshal(m)
		if err != nil {
			return
		}
		for _, top := range []bool{true, false} {
			r, err := choice.Parse(m, loc, top, checkPath)
			if after, _ := json.Marshal(m); string(after) != string(before) {
				t.Fatalf("Parse modified its input: %s became %s", before, after)
			}
			if err != nil {
				var de *choice.DefinitionError
				if !errors.As(err, &de) || de.Code != "SCHEMA_VALIDATION_FAILED" || !strings.HasPrefix(de.Location, loc) || de.Message == "" {
					t.Fatalf("Parse(%s, %v): error %#v", data, top, err)
				}
				if r != nil {
					t.Fatalf("Parse(%s, %v) returned a rule with its error", data, top)
				}
				continue
			}
			if top != (r.Next() != "" || m["Next"] == "") {
				t.Fatalf("Parse(%s, %v): Next() = %q", data, top, r.Next())
			}
			for _, p := range r.Paths() {
				if checkPath(p) != nil {
					t.Fatalf("Paths() has %q, which checkPath refuses", p)
				}
			}
			for _, doc := range docs {
				got, err := r.Eval(resolver(doc, nil))
				if err != nil {
					var re *choice.RuntimeError
					if !errors.As(err, &re) || re.Name != "States.Runtime" || got {
						t.Fatalf("Eval(%s): %v, %#v", data, got, err)
					}
				}
				again, err2 := r.Eval(resolver(doc, nil))
				if again != got || (err == nil) != (err2 == nil) {
					t.Fatalf("Eval(%s) not deterministic: %v %v, then %v %v", data, got, err, again, err2)
				}
			}
		}
	})
}
