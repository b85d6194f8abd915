package stepfn_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestDefinitionErrors checks that invalid definitions are refused with
// AWS's diagnostic codes and locations.
func TestDefinitionErrors(t *testing.T) {
	tests := []struct {
		name, def string
		want      stepfn.Diagnostic
	}{
		{"empty", ``, stepfn.Diagnostic{Code: "MISSING_DESCRIPTION", Location: "null"}},
		{"not json", `{"StartAt":`, stepfn.Diagnostic{Code: "INVALID_JSON_DESCRIPTION", Location: "null"}},
		{"missing next target", `{"StartAt":"pass1","States":{"pass1":{"Type":"Pass","Next":"pass3"},"pass2":{"Type":"Pass","End":true}}}`,
			stepfn.Diagnostic{Code: "MISSING_TRANSITION_TARGET", Message: "Missing 'Next' target: pass3", Location: "/States/pass1/Next"}},
		{"unreachable", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Pass","End":true}}}`,
			stepfn.Diagnostic{Code: "MISSING_TRANSITION_TARGET", Message: `State "B" is not reachable.`, Location: "/States/B"}},
		{"no terminal", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}`,
			stepfn.Diagnostic{Code: "MISSING_END_STATE", Message: "Workflow has no terminal state", Location: "null"}},
		{"field not supported", `{"StartAt":"M","States":{"M":{"Type":"Map","TimeoutSeconds":5,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Message: "Field 'TimeoutSeconds' is not supported", Location: "/States/M"}},
		{"catch on pass", `{"StartAt":"P","States":{"P":{"Type":"Pass","Catch":[],"End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Message: "Field 'Catch' is not supported", Location: "/States/P"}},
		{"jsonata field", `{"StartAt":"P","States":{"P":{"Type":"Pass","Output":"x","End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Message: "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", Location: "/States/P"}},
		{"jsonata machine", `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`,
			stepfn.Diagnostic{Code: "UNSUPPORTED_FEATURE", Location: "/QueryLanguage"}},
		{"bad type", `{"StartAt":"P","States":{"P":{"Type":"Nope","End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/P/Type"}},
		{"next and end", `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"P","End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/P"}},
		{"bad path", `{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"x.y","End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/P/InputPath"}},
		{"bad dynamic field", `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"nope"},"End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Message: "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call", Location: "/States/P/Parameters/a.$"}},
		{"all not last", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/T/Retry/0"}},
		{"backoff below 1", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5}],"End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/T/Retry/0/BackoffRate"}},
		{"heartbeat not below timeout", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/T/HeartbeatSeconds"}},
		{"bad timestamp", `{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2024-01-01t00:00:00Z","End":true}}}`,
			stepfn.Diagnostic{Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/W/Timestamp"}},
		{"branch target outside", `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Q"}}}],"Next":"Q"},"Q":{"Type":"Succeed"}}}`,
			stepfn.Diagnostic{Code: "MISSING_TRANSITION_TARGET", Message: "Missing 'Next' target: Q", Location: "/States/P/Branches/0/States/A/Next"}},
		{"duplicate across branches", `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}],"End":true}}}`,
			stepfn.Diagnostic{Code: "DUPLICATE_STATE_NAME", Location: "/States/P/Branches/0/States/P"}},
		{"distributed map", `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
			stepfn.Diagnostic{Code: "UNSUPPORTED_FEATURE", Location: "/States/M/ItemProcessor/ProcessorConfig/Mode"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := stepfn.ParseDefinition(tc.def)
			var de *stepfn.DefinitionError
			if !errors.As(err, &de) || !errors.Is(err, stepfn.ErrInvalidDefinition) {
				t.Fatalf("error %v, want a DefinitionError", err)
			}
			for _, d := range de.Diagnostics {
				if d.Code == tc.want.Code && d.Location == tc.want.Location && (tc.want.Message == "" || d.Message == tc.want.Message) {
					if !strings.HasPrefix(de.Err.Message, "Invalid State Machine Definition: '") {
						t.Errorf("message %q", de.Err.Message)
					}
					return
				}
			}
			t.Errorf("diagnostics %+v\nwant one like %+v", de.Diagnostics, tc.want)
		})
	}
}

// TestDefinitionValid checks definitions AWS accepts, including every
// state type and the older Map fields.
func TestDefinitionValid(t *testing.T) {
	for _, def := range []string{
		`{"Comment":"c","Version":"1.0","TimeoutSeconds":10,"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`,
		`{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"Parameters":{"x.$":"$$.Map.Item.Value"},"MaxConcurrency":2,"End":true}}}`,
		`{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('x {}', $.c)"}}}`,
		`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.a","IsNull":true},"Next":"S"}],"Default":"S"},"S":{"Type":"Succeed"}}}`,
		`{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"count":1,"name.$":"$.n"},"Next":"Q"},"Q":{"Type":"Pass","Parameters":{"c.$":"$count"},"End":true}}}`,
	} {
		if _, err := stepfn.ParseDefinition(def); err != nil {
			t.Errorf("%s: %v", def, err)
		}
	}
}

// TestDefinitionErrorsFromReview checks the refusals a review found
// missing: Choice-rule Assign names, ItemsPath that is null or not a
// reference path, a Lambda ARN with an integration pattern, and
// activities on an Express machine.
func TestDefinitionErrorsFromReview(t *testing.T) {
	for _, tc := range []struct{ def, loc string }{
		{`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Assign":{"1 bad":1},"Next":"S"}],"Default":"S"},"S":{"Type":"Succeed"}}}`, "/States/C/Choices/0/Assign/1 bad"},
		{`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":null,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`, "/States/M/ItemsPath"},
		{`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.a[*].b","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`, "/States/M/ItemsPath"},
		{`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f.waitForTaskToken","End":true}}}`, "/States/T/Resource"},
	} {
		_, err := stepfn.ParseDefinition(tc.def)
		var de *stepfn.DefinitionError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a DefinitionError", tc.def, err)
			continue
		}
		found := false
		for _, d := range de.Diagnostics {
			found = found || d.Location == tc.loc
		}
		if !found {
			t.Errorf("%s: diagnostics %+v, want one at %s", tc.def, de.Diagnostics, tc.loc)
		}
	}
	_, err := stepfn.New(stepfn.Config{Name: "x", Type: stepfn.Express,
		Definition: `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:us-east-1:1:activity:a","End":true}}}`})
	if !errors.Is(err, stepfn.ErrInvalidDefinition) {
		t.Errorf("Express with an activity: %v", err)
	}
}
