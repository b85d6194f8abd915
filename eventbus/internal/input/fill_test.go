package input

import (
	"encoding/json"
	"testing"
	"time"
)

// valuesEvent holds one value of each kind, with the spacing and escapes a
// hand-written event may have.
const valuesEvent = `{"detail": {
	"plain": "RUNNING",
	"quoted": "he said \"hi\"\\n",
	"newline": "a\nb",
	"unicode": "\u00e9t\u00E9 \ud83d\ude00 é",
	"empty": "",
	"price": 1.50,
	"big": 1e3,
	"neg": -0,
	"yes": true,
	"no": false,
	"nothing": null,
	"object": {"z": 1, "a": [1, 2], "s": "x\"y"},
	"array": [ "x", 2 ]
}}`

// TestValueSlots checks how each kind of value fills each kind of slot.
func TestValueSlots(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// outside is {"v": <v>}'s value; inside is "[<v>]"'s content in
		// {"v": "[<v>]"}; text is [<v>] in a text template.
		outside, inside, text string
	}{
		{"plain", `"RUNNING"`, `RUNNING`, `RUNNING`},
		{"quoted", `"he said \"hi\"\\n"`, `he said \"hi\"\\n`, `he said "hi"\n`},
		{"newline", `"a\nb"`, `a\nb`, "a\nb"},
		{"unicode", `"\u00e9t\u00E9 \ud83d\ude00 é"`, `\u00e9t\u00E9 \ud83d\ude00 é`, "été 😀 é"},
		{"empty", `""`, ``, ``},
		{"price", `1.50`, `1.50`, `1.50`},
		{"big", `1e3`, `1e3`, `1e3`},
		{"neg", `-0`, `-0`, `-0`},
		{"yes", `true`, `true`, `true`},
		{"no", `false`, `false`, `false`},
		{"nothing", `null`, `null`, `null`},
		{"object", `{"z":1,"a":[1,2],"s":"x\"y"}`, `{\"z\":1,\"a\":[1,2],\"s\":\"x\\\"y\"}`, `{"z":1,"a":[1,2],"s":"x\"y"}`},
		{"array", `["x",2]`, `[\"x\",2]`, `["x",2]`},
		{"missing", `""`, ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			paths := map[string]string{"v": "$.detail." + tt.name}
			got := mustTransform(t, paths, `{"v": <v>}`, valuesEvent, Vars{})
			if want := `{"v":` + tt.outside + `}`; got != want {
				t.Errorf("outside quotes: got %s, want %s", got, want)
			}
			got = mustTransform(t, paths, `{"v": "[<v>]"}`, valuesEvent, Vars{})
			if want := `{"v":"[` + tt.inside + `]"}`; got != want {
				t.Errorf("inside quotes: got %s, want %s", got, want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("inside quotes: %s is not JSON", got)
			}
			got = mustTransform(t, paths, `[<v>]`, valuesEvent, Vars{})
			if want := `[` + tt.text + `]`; got != want {
				t.Errorf("text: got %s, want %s", got, want)
			}
		})
	}
}

// TestInsideQuotesDecodesToValue checks the inside-quotes rule by meaning:
// the JSON string holds a string's characters, or another value's JSON.
func TestInsideQuotesDecodesToValue(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"plain", "quoted", "newline", "unicode", "object"} {
		paths := map[string]string{"v": "$.detail." + name}
		out := mustTransform(t, paths, `{"v": "<v>"}`, valuesEvent, Vars{})
		var got struct{ V string }
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%s: %s: %v", name, out, err)
		}
		var raw json.RawMessage
		var want struct{ Detail map[string]json.RawMessage }
		if err := json.Unmarshal([]byte(valuesEvent), &want); err != nil {
			t.Fatal(err)
		}
		raw = want.Detail[name]
		wantText := string(appendCompact(nil, raw))
		var s string
		if json.Unmarshal(raw, &s) == nil {
			wantText = s
		}
		if got.V != wantText {
			t.Errorf("%s: decoded %q, want %q", name, got.V, wantText)
		}
	}
}

func TestRepeatedAndAdjacentPlaceholders(t *testing.T) {
	t.Parallel()
	paths := map[string]string{"a": "$.detail.plain", "b": "$.detail.price"}
	tests := []struct{ template, want string }{
		{`<a><b><a>`, `RUNNING1.50RUNNING`},
		{`{"x": "<a><b>", "y": [<a>, <b>, <a>]}`, `{"x":"RUNNING1.50","y":["RUNNING",1.50,"RUNNING"]}`},
		{`{}`, `{}`},
		{` { "k" : [ ] , "e" : { } } `, `{"k":[],"e":{}}`},
		{`no placeholders at all`, `no placeholders at all`},
	}
	for _, tt := range tests {
		if got := mustTransform(t, paths, tt.template, valuesEvent, Vars{}); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.template, got, tt.want)
		}
	}
}

func TestTextTemplates(t *testing.T) {
	t.Parallel()
	paths := map[string]string{"s": "$.detail.plain", "q": "$.detail.quoted", "b": "$.detail.plain"}
	tests := []struct{ name, template, want string }{
		{"bare words", `state: <s>`, `state: RUNNING`},
		{"a JSON string template keeps its quotes", `"state: <s>"`, `"state: RUNNING"`},
		{"escapes in the template pass through", `"line one\nline two <s>"`, `"line one\nline two RUNNING"`},
		{"real newlines pass through", "line one\nline two <s>\n", "line one\nline two RUNNING\n"},
		{"values are not escaped", `"<q>"`, `"he said "hi"\n"`},
		{"an array template is text", `[9, <s>, true]`, `[9, RUNNING, true]`},
		{"only <name> with name characters is a placeholder", `<b>bold</b> <> <a b> <s>`, `RUNNINGbold</b> <> <a b> RUNNING`},
		{"white space is kept", "  <s>  ", "  RUNNING  "},
	}
	for _, tt := range tests {
		if got := mustTransform(t, paths, tt.template, valuesEvent, Vars{}); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPredefinedVariables(t *testing.T) {
	t.Parallel()
	vars := Vars{
		RuleARN:       `arn:aws:events:us-east-1:123456789012:rule/a"b`,
		RuleName:      "r1",
		IngestionTime: time.Date(2024, 5, 6, 17, 11, 50, 987654321, time.FixedZone("CEST", 2*3600)),
	}
	tests := []struct{ template, want string }{
		{`{"arn": <aws.events.rule-arn>, "name": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>}`,
			`{"arn":"arn:aws:events:us-east-1:123456789012:rule/a\"b","name":"r1","at":"2024-05-06T15:11:50Z"}`},
		{`{"s": "<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"}`,
			`{"s":"arn:aws:events:us-east-1:123456789012:rule/a\"b r1 2024-05-06T15:11:50Z"}`},
		{`<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>`,
			`arn:aws:events:us-east-1:123456789012:rule/a"b r1 2024-05-06T15:11:50Z`},
		{`{"e": <aws.events.event>}`, `{"e":` + ec2EventWithoutDetail + `}`},
		{`{"j": <aws.events.event.json>}`, `{"j":` + ec2Event + `}`},
	}
	for _, tt := range tests {
		if got := mustTransform(t, nil, tt.template, ec2Event, vars); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.template, got, tt.want)
		}
	}
}

// TestPredefinedVariablesNeedNoEvent checks that a template using only the
// rule's variables does not read the event.
func TestPredefinedVariablesNeedNoEvent(t *testing.T) {
	t.Parallel()
	s := mustCompile(t, Spec{Transformer: &Transformer{Template: `"<aws.events.rule-name>"`}})
	got, err := s.Apply([]byte("not JSON"), Vars{RuleName: "r"})
	if err != nil || string(got) != `"r"` {
		t.Errorf("got %s, %v", got, err)
	}
}

func TestEventWithoutDetail(t *testing.T) {
	t.Parallel()
	tests := []struct{ event, want string }{
		{ec2Event, ec2EventWithoutDetail},
		{`{ "detail" : {"a":1} , "detail-type" : "x" , "b" : [ 1 , 2 ] }`, `{"detailType":"x","b":[1,2]}`},
		{`{}`, `{}`},
		{`[1]`, `[1]`},
	}
	for _, tt := range tests {
		if got := string(eventWithoutDetail([]byte(tt.event))); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.event, got, tt.want)
		}
	}
}
