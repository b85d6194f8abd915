package choice_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// The Choices of a Choice state that routes orders, evaluated against two
// inputs; the rule that matches first decides the next state. The
// resolver here reads only "$.field" paths; the engine passes its own.
func ExampleParse() {
	definition := `[
		{"Variable": "$.status", "StringEquals": "CANCELLED", "Next": "Refund"},
		{"And": [
			{"Variable": "$.total", "NumericGreaterThanEquals": 100},
			{"Variable": "$.placed", "TimestampLessThan": "2026-01-01T00:00:00Z"}
		], "Next": "Review", "Assign": {"flagged": true}},
		{"Variable": "$.coupon", "IsPresent": true, "Next": "ApplyCoupon"}
	]`
	var choices []map[string]any
	d := json.NewDecoder(strings.NewReader(definition))
	d.UseNumber()
	if err := d.Decode(&choices); err != nil {
		panic(err)
	}
	var rules []*choice.Rule
	for i, raw := range choices {
		r, err := choice.Parse(raw, fmt.Sprintf("/States/Route/Choices/%d", i), true, nil)
		if err != nil {
			panic(err)
		}
		rules = append(rules, r)
	}

	for _, input := range []string{
		`{"status": "PLACED", "total": 250.5, "placed": "2025-12-24T18:30:00+01:00"}`,
		`{"status": "PLACED", "total": 20, "coupon": "XMAS"}`,
		`{"status": "PLACED", "total": 120}`,
	} {
		var doc map[string]any
		d := json.NewDecoder(bytes.NewReader([]byte(input)))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			panic(err)
		}
		resolve := func(path string) (any, bool, error) {
			v, ok := doc[strings.TrimPrefix(path, "$.")]
			return v, ok, nil
		}
		for _, r := range rules {
			matched, err := r.Eval(resolve)
			if err != nil {
				fmt.Println(err)
				break
			}
			if matched {
				fmt.Println(r.Next(), r.Assign())
				break
			}
		}
	}

	_, err := choice.Parse(map[string]any{"Variable": "$.total", "NumericEquals": "100"}, "/States/Route/Choices/3", true, nil)
	fmt.Println(err)
	// Output:
	// Review map[flagged:true]
	// ApplyCoupon map[]
	// States.Runtime: Invalid path '$.placed': The choice state's condition path references an invalid value.
	// SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/Route/Choices/3
}
