package input

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// ec2Event is the example event of AWS's guide, "Amazon EventBridge input
// transformation" (eb-transform-target-input), as EventBridge writes it.
const ec2Event = `{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"detail":{"instance-id":"i-0123456789","state":"RUNNING"}}`

// ec2EventWithoutDetail is <aws.events.event> for ec2Event.
const ec2EventWithoutDetail = `{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detailType":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]}`

// guidePaths is the guide's Input Path.
var guidePaths = map[string]string{
	"timestamp": "$.time",
	"instance":  "$.detail.instance-id",
	"state":     "$.detail.state",
	"resource":  "$.resources[0]",
}

// guideVars are the rule the guide's outputs name.
var guideVars = Vars{
	RuleARN:       "arn:aws:events:us-east-2:123456789012:rule/example",
	RuleName:      "example",
	IngestionTime: time.Date(2015, 11, 11, 21, 29, 55, 0, time.UTC),
}

// TestGuideExamples runs every example of the guide's table. docOutput is
// the guide's output column as printed; want is ours. The guide shows JSON
// outputs pretty-printed while its "Common issues" says the JSON passed to
// the target is minified, so for JSON outputs want is docOutput minified.
func TestGuideExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		template  string
		docOutput string // "" when the guide elides it
		want      string
	}{
		{
			name:      "simple string",
			template:  `"instance <instance> is in <state>"`,
			docOutput: `"instance i-0123456789 is in RUNNING"`,
			want:      `"instance i-0123456789 is in RUNNING"`,
		},
		{
			// The guide: "this is the behavior in the EventBridge console.
			// The AWS CLI escapes the slash characters" — the template's
			// characters pass through as they are.
			name:      "string with escaped quotes",
			template:  `"instance \"<instance>\" is in <state>"`,
			docOutput: `"instance \"i-0123456789\" is in RUNNING"`,
			want:      `"instance \"i-0123456789\" is in RUNNING"`,
		},
		{
			name:      "simple JSON",
			template:  "{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}",
			docOutput: "{\n  \"instance\" : \"i-0123456789\",\n  \"state\": \"RUNNING\"\n}",
			want:      `{"instance":"i-0123456789","state":"RUNNING"}`,
		},
		{
			name:      "JSON with strings and variables",
			template:  "{\n \"instance\" : <instance>,\n \"state\": \"<state>\",\n \"instanceStatus\": \"instance \\\"<instance>\\\" is in <state>\"\n}",
			docOutput: "{\n \"instance\" : \"i-0123456789\",\n \"state\": \"RUNNING\",\n \"instanceStatus\": \"instance \\\"i-0123456789\\\" is in RUNNING\"\n}",
			want:      `{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \"i-0123456789\" is in RUNNING"}`,
		},
		{
			name:      "JSON with a mix of variables and static information",
			template:  "{\n  \"instance\" : <instance>,\n  \"state\": [ 9, <state>, true ],\n  \"Transformed\" : \"Yes\"\n}\n",
			docOutput: "{\n  \"instance\" : \"i-0123456789\",\n  \"state\": [\n    9,\n    \"RUNNING\",\n    true\n  ],\n  \"Transformed\" : \"Yes\"\n}",
			want:      `{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}`,
		},
		{
			// The guide elides originalEvent ("... // commented for brevity").
			name:     "including reserved variables in JSON",
			template: "{\n  \"instance\" : <instance>,\n  \"state\": <state>,\n  \"ruleArn\" : <aws.events.rule-arn>,\n  \"ruleName\" : <aws.events.rule-name>,\n  \"originalEvent\" : <aws.events.event>\n}",
			want:     `{"instance":"i-0123456789","state":"RUNNING","ruleArn":"arn:aws:events:us-east-2:123456789012:rule/example","ruleName":"example","originalEvent":` + ec2EventWithoutDetail + `}`,
		},
		{
			// The current guide's version of the row above.
			name:     "including reserved variables in JSON, full event",
			template: `{"instance" : <instance>,"state": <state>,"ruleArn" : <aws.events.rule-arn>,"ruleName" : <aws.events.rule-name>,"originalEvent" : <aws.events.event.json>}`,
			want:     `{"instance":"i-0123456789","state":"RUNNING","ruleArn":"arn:aws:events:us-east-2:123456789012:rule/example","ruleName":"example","originalEvent":` + ec2Event + `}`,
		},
		{
			name:      "including reserved variables in a string",
			template:  `"<aws.events.rule-name> triggered"`,
			docOutput: `"example triggered"`,
			want:      `"example triggered"`,
		},
		{
			// The guide's output here is not JSON (the timestamp lacks its
			// quotes and the message its escapes and closing quote); a JSON
			// template gives JSON.
			name:      "Amazon CloudWatch log group",
			template:  "{\n  \"timestamp\" : <timestamp>,\n  \"message\": \"instance \\\"<instance>\\\" is in <state>\"\n}",
			docOutput: "{\n  \"timestamp\" : 2015-11-11T21:29:54Z,\n  \"message\": \"instance \"i-0123456789\" is in RUNNING\n}",
			want:      `{"timestamp":"2015-11-11T21:29:54Z","message":"instance \"i-0123456789\" is in RUNNING"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := mustTransform(t, guidePaths, tt.template, ec2Event, guideVars)
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if tt.docOutput == "" || !json.Valid([]byte(tt.docOutput)) {
				return
			}
			var doc bytes.Buffer
			if err := json.Compact(&doc, []byte(tt.docOutput)); err != nil {
				t.Fatal(err)
			}
			if doc.String() != got {
				t.Errorf("differs from the guide's output: got %s, guide %s", got, doc.String())
			}
		})
	}
}

// TestReferenceExamples runs the examples of the API reference's
// InputTransformer page; there the template is shown as the JSON string of
// a request, so "\"" in it is one quote in the template.
func TestReferenceExamples(t *testing.T) {
	t.Parallel()
	event := `{"detail":{"instance":"i-0123456789","status":"RUNNING"}}`
	paths := map[string]string{"instance": "$.detail.instance", "status": "$.detail.status"}
	tests := []struct{ template, want string }{
		{`<instance> is in state <status>`, `i-0123456789 is in state RUNNING`},
		{`<instance> is in state "<status>"`, `i-0123456789 is in state "RUNNING"`},
		{`{"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}`,
			`{"myInstance":"i-0123456789","myStatus":"i-0123456789 is in state \"RUNNING\""}`},
	}
	for _, tt := range tests {
		if got := mustTransform(t, paths, tt.template, event, Vars{}); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.template, got, tt.want)
		}
	}
}

// localStackEvent is the event of LocalStack's AWS-validated tests
// (tests/aws/services/events/test_events_inputs.py).
const localStackEvent = `{"version":"0","id":"1b2c","detail-type":"core.update-account-command","source":"core.update-account-command","account":"111111111111","time":"2024-05-06T15:11:50Z","region":"us-east-1","resources":[],"detail":{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}}`

// TestLocalStackValidatedExamples reproduces the bodies AWS delivered to
// SQS in LocalStack's snapshot tests.
func TestLocalStackValidatedExamples(t *testing.T) {
	t.Parallel()
	paths := map[string]string{"detail-type": "$.detail-type", "timestamp": "$.time", "command": "$.detail.command"}
	missing := map[string]string{"detail-type": "$.detail-type", "timestamp": "$.time", "command": "$.detail.notinmessage"}
	tests := []struct {
		name     string
		paths    map[string]string
		template string
		want     string
	}{
		{"string template", paths,
			`"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"`,
			`"Event of core.update-account-command type, at time 2024-05-06T15:11:50Z, info extracted from detail update-account"`},
		{"string template, missing key", missing,
			`"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"`,
			`"Event of core.update-account-command type, at time 2024-05-06T15:11:50Z, info extracted from detail "`},
		{"special starting characters", paths,
			`"{[/Check with special starting characters for event of <detail-type> type"`,
			`"{[/Check with special starting characters for event of core.update-account-command type"`},
		{"JSON template", paths,
			`{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}`,
			`{"detailType":"core.update-account-command","time":"2024-05-06T15:11:50Z","command":"update-account"}`},
		{"JSON template, missing key", missing,
			`{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}`,
			`{"detailType":"core.update-account-command","time":"2024-05-06T15:11:50Z","command":""}`},
	}
	for _, tt := range tests {
		if got := mustTransform(t, tt.paths, tt.template, localStackEvent, Vars{}); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}

	for path, want := range map[string]string{
		"$.detail":               `{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}`,
		"$.detail.payload":       `{"acc_id":"0a787ecb-4015","sf_id":"baz"}`,
		"$.detail.payload.sf_id": `"baz"`,
	} {
		s := mustCompile(t, Spec{TargetID: "t1", InputPath: path})
		got, err := s.Apply([]byte(localStackEvent), Vars{})
		if err != nil || string(got) != want {
			t.Errorf("InputPath %s: got %s, %v; want %s", path, got, err, want)
		}
	}
}

func mustCompile(t testing.TB, spec Spec) *Shaper {
	t.Helper()
	s, err := Compile(spec)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return s
}

func mustTransform(t testing.TB, paths map[string]string, template, event string, vars Vars) string {
	t.Helper()
	s := mustCompile(t, Spec{TargetID: "t1", Transformer: &Transformer{PathsMap: paths, Template: template}})
	out, err := s.Apply([]byte(event), vars)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return string(out)
}
