package stepfn_test

import (
	"errors"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestInnerScopeAssignsOuterName checks the rule of variable scopes: a
// Parallel branch or Map iteration may read the variables of the blocks
// around it but not assign a name they assign (the definition is refused
// where the inner Assign names it); sibling branches and iterations may
// each assign the same name.
func TestInnerScopeAssignsOuterName(t *testing.T) {
	branch := func(name, assign string) string {
		return `{"StartAt":"` + name + `","States":{"` + name + `":{"Type":"Pass","Assign":` + assign + `,"End":true}}}`
	}
	for _, tc := range []struct {
		name, def string
		refusedAt string // "" when the definition is valid
	}{
		{"branch assigns a top-level name",
			`{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
			  "P":{"Type":"Parallel","End":true,"Branches":[` + branch("B", `{"x":2}`) + `]}}}`,
			"/States/P/Branches/0/States/B/Assign/x"},
		{"iteration assigns a name a Choice rule assigns",
			`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Assign":{"x":1},"Next":"M"}],"Default":"M"},
			  "M":{"Type":"Map","End":true,"ItemProcessor":` + branch("I", `{"x.$":"$"}`) + `}}}`,
			"/States/M/ItemProcessor/States/I/Assign/x.$"},
		{"iteration assigns a name the Map's catcher assigns",
			`{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":` + branch("I", `{"err":0}`) + `,
			  "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err.$":"$.Error"},"Next":"F"}]},"F":{"Type":"Fail"}}}`,
			"/States/M/ItemProcessor/States/I/Assign/err"},
		{"map in a branch assigns the branch's name",
			`{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","States":{
			  "B":{"Type":"Pass","Assign":{"y":1},"Next":"M"},
			  "M":{"Type":"Map","End":true,"ItemProcessor":` + branch("I", `{"y":2}`) + `}}}]}}}`,
			"/States/P/Branches/0/States/M/ItemProcessor/States/I/Assign/y"},
		{"sibling branches assign the same name",
			`{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[` + branch("B1", `{"z":1}`) + `,` + branch("B2", `{"z":2}`) + `]}}}`,
			""},
		{"iteration reads an outer name and assigns its own",
			`{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"M"},
			  "M":{"Type":"Map","End":true,"ItemProcessor":` + branch("I", `{"inner.$":"$x"}`) + `}}}`,
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := stepfn.ParseDefinition(tc.def)
			if tc.refusedAt == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var de *stepfn.DefinitionError
			if !errors.As(err, &de) {
				t.Fatalf("error %v, want a DefinitionError", err)
			}
			if len(de.Diagnostics) != 1 || de.Diagnostics[0].Code != "SCHEMA_VALIDATION_FAILED" || de.Diagnostics[0].Location != tc.refusedAt {
				t.Errorf("diagnostics %+v, want one SCHEMA_VALIDATION_FAILED at %s", de.Diagnostics, tc.refusedAt)
			}
		})
	}
}
