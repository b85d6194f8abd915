package input

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestCompileRefuses(t *testing.T) {
	t.Parallel()
	tr := func(paths map[string]string, template string) *Transformer {
		return &Transformer{PathsMap: paths, Template: template}
	}
	detail := map[string]string{"d": "$.detail"}
	longTemplate := `"` + strings.Repeat("x", 8191) + `"`
	tests := []struct {
		name string
		spec Spec
		want string
	}{
		// Model constraints, in one message.
		{"Input too long", Spec{Input: longTemplate},
			"1 validation error detected: Value '" + longTemplate + "' at 'input' failed to satisfy constraint: Member must have length less than or equal to 8192"},
		{"InputPath too long", Spec{InputPath: "$." + strings.Repeat("a", 255)},
			"1 validation error detected: Value '$." + strings.Repeat("a", 255) + "' at 'inputPath' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"empty template", Spec{Transformer: tr(nil, "")},
			"1 validation error detected: Value '' at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"template too long", Spec{Transformer: tr(nil, longTemplate)},
			"1 validation error detected: Value '" + longTemplate + "' at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to 8192"},
		{"reserved key", Spec{Transformer: tr(map[string]string{"aws.events.rule-name": "$.x"}, `"x"`)},
			`1 validation error detected: Value '{aws.events.rule-name=$.x}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]`},
		{"empty key", Spec{Transformer: tr(map[string]string{"": "$.x"}, `"x"`)},
			`1 validation error detected: Value '{=$.x}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]`},
		{"key too long", Spec{Transformer: tr(map[string]string{strings.Repeat("k", 257): "$"}, `"x"`)},
			"1 validation error detected: Value '{" + strings.Repeat("k", 257) + "=$}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 256]"},
		{"path too long", Spec{Transformer: tr(map[string]string{"k": "$." + strings.Repeat("a", 255)}, `"x"`)},
			"1 validation error detected: Value '{k=$." + strings.Repeat("a", 255) + "}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]"},
		{"several violations, located", Spec{Location: "targets.2.member", InputPath: "$." + strings.Repeat("a", 255), Transformer: tr(map[string]string{"a.b": "$"}, "")},
			"3 validation errors detected: Value '$." + strings.Repeat("a", 255) + "' at 'targets.2.member.inputPath' failed to satisfy constraint: Member must have length less than or equal to 256; " +
				`Value '{a.b=$}' at 'targets.2.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]; ` +
				"Value '' at 'targets.2.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1"},

		// PutTargets' own checks.
		{"Input and InputPath", Spec{TargetID: "t1", Input: `{}`, InputPath: "$"},
			"Only one of Input, InputPath, or InputTransformer must be provided for target t1."},
		{"InputPath and InputTransformer", Spec{TargetID: "t1", InputPath: "$.detail", Transformer: tr(detail, `{"d": <d>}`)},
			"Only one of Input, InputPath, or InputTransformer must be provided for target t1."},
		{"all three", Spec{TargetID: "t1", Input: `{}`, InputPath: "$", Transformer: tr(nil, `"x"`)},
			"Only one of Input, InputPath, or InputTransformer must be provided for target t1."},
		{"Input not JSON", Spec{TargetID: "1", Input: "env:dev"},
			`JSON syntax error in input for target 1: [Source: (String)"env:dev"; line: 1, column: 1]`},
		{"Input with trailing text", Spec{TargetID: "1", Input: "{}\n {} "},
			"JSON syntax error in input for target 1: [Source: (String)\"{}\n {} \"; line: 2, column: 2]"},
		{"Input cut short", Spec{TargetID: "1", Input: `{"a":`},
			`JSON syntax error in input for target 1: [Source: (String)"{"a":"; line: 1, column: 5]`},
		{"InputPath without $", Spec{TargetID: "t1", InputPath: "detail.state"},
			"InputPath for target t1 is invalid."},
		{"InputPath in bracket notation", Spec{TargetID: "t1", InputPath: "$['detail']"},
			"InputPath for target t1 is invalid."},
		{"InputPathsMap value invalid", Spec{TargetID: "t1", Transformer: tr(map[string]string{"a": "$.a", "b": "$.detail['b']"}, `"<a>"`)},
			"InputPath for target t1 is invalid."},
		{"InputPathsMap value empty", Spec{TargetID: "t1", Transformer: tr(map[string]string{"a": ""}, `"x"`)},
			"InputPath for target t1 is invalid."},
		{"undeclared placeholder", Spec{TargetID: "t1", Transformer: tr(detail, `"Event of <d> type, with not defined key <notdefinedkey>"`)},
			"InputTemplate for target t1 contains invalid placeholder notdefinedkey."},
		{"unknown aws.events variable", Spec{TargetID: "t1", Transformer: tr(nil, `{"a": <aws.events.rule>}`)},
			"InputTemplate for target t1 contains invalid placeholder aws.events.rule."},
		{"event.json in a text template", Spec{TargetID: "t1", Transformer: tr(nil, `"<aws.events.event.json>"`)},
			"InputTemplate for target t1 contains placeholder aws.events.event.json valid only for JSON template."},
		{"event.json in an array template", Spec{TargetID: "t1", Transformer: tr(nil, `[<aws.events.event.json>]`)},
			"InputTemplate for target t1 contains placeholder aws.events.event.json valid only for JSON template."},
		{"event in a text template", Spec{TargetID: "t1", Transformer: tr(nil, `event: <aws.events.event>`)},
			"InputTemplate for target t1 contains placeholder aws.events.event valid only for JSON template."},
		{"event inside quotes", Spec{TargetID: "t1", Transformer: tr(nil, `{"e": "<aws.events.event>"}`)},
			"InputTemplate for target t1 contains placeholder aws.events.event valid only for JSON template."},
		{"JSON template not JSON", Spec{TargetID: "t1", Transformer: tr(detail, `{"d": <d>,}`)},
			"InputTemplate for target t1 is not a valid JSON text."},
		{"JSON template with text after it", Spec{TargetID: "t1", Transformer: tr(detail, `{"d": <d>} and more`)},
			"InputTemplate for target t1 is not a valid JSON text."},
		{"adjacent value placeholders", Spec{TargetID: "t1", Transformer: tr(detail, `{"d": <d><d>}`)},
			"InputTemplate for target t1 is not a valid JSON text."},
		{"placeholder that is not one, outside quotes", Spec{TargetID: "t1", Transformer: tr(detail, `{"d": <d d>}`)},
			"InputTemplate for target t1 is not a valid JSON text."},
		{"bad escape", Spec{TargetID: "t1", Transformer: tr(detail, `{"d": "\x"}`)},
			"InputTemplate for target t1 is not a valid JSON text."},
		{"bad number", Spec{TargetID: "t1", Transformer: tr(detail, `{"d": 01}`)},
			"InputTemplate for target t1 is not a valid JSON text."},
		{"placeholder as a key", Spec{TargetID: "t1", Transformer: tr(detail, `{<d>: 1}`)},
			"InputTemplate for target t1 contains placeholder d used as an object key."},
		{"placeholder inside a key", Spec{TargetID: "t1", Transformer: tr(detail, `{"k": {"x<d>": 1}}`)},
			"InputTemplate for target t1 contains placeholder d used as an object key."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Compile(tt.spec)
			if s != nil {
				t.Errorf("got a Shaper with the error")
			}
			if !errors.Is(err, ErrValidation) {
				t.Fatalf("got %v, want an ErrValidation", err)
			}
			if err.Error() != tt.want {
				t.Errorf("message:\ngot  %s\nwant %s", err, tt.want)
			}
			if !errors.Is(fmt.Errorf("wrapped: %w", err), ErrValidation) {
				t.Errorf("a wrapped error does not match ErrValidation")
			}
		})
	}
}

func TestCompileLimits(t *testing.T) {
	t.Parallel()
	paths := map[string]string{}
	var template, event strings.Builder
	template.WriteString(`{`)
	event.WriteString(`{"detail":{`)
	for i := range maxPathsMapEntries {
		k := "k" + strconv.Itoa(i)
		paths[k] = "$.detail." + k
		if i > 0 {
			template.WriteString(",")
			event.WriteString(",")
		}
		fmt.Fprintf(&template, `"%s":<%s>`, k, k)
		fmt.Fprintf(&event, `"%s":"v%d"`, k, i)
	}
	template.WriteString(`}`)
	event.WriteString(`}}`)
	s, err := Compile(Spec{Transformer: &Transformer{PathsMap: paths, Template: template.String()}})
	if err != nil {
		t.Fatalf("100 entries: %v", err)
	}
	// Every value is found, though there are more variables, and more
	// members of one object, than the stack arrays hold.
	got, err := s.Apply([]byte(event.String()), Vars{})
	if err != nil || !strings.Contains(string(got), `"k0":"v0"`) || !strings.Contains(string(got), `"k99":"v99"`) {
		t.Fatalf("100 entries: got %s, %v", got, err)
	}

	paths["k100"] = "$"
	_, err = Compile(Spec{Transformer: &Transformer{PathsMap: paths, Template: template.String()}})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 1 ||
		ve.Violations[0].At != "inputTransformer.inputPathsMap" ||
		ve.Violations[0].Constraint != "Member must have length less than or equal to 100" ||
		!strings.HasPrefix(ve.Message, "1 validation error detected: Value '{k0=$.detail.k0, k1=$.detail.k1, k10=") {
		t.Errorf("101 entries: got %#v", err)
	}

	// Lengths count UTF-16 units: 4096 characters above U+FFFF are 8192.
	wide := strings.Repeat("😀", 4096)
	if _, err := Compile(Spec{Input: `"` + wide[:len(wide)-4] + `"`}); err != nil {
		t.Errorf("8192 units: %v", err)
	}
	if _, err := Compile(Spec{Input: `"` + wide + `"`}); !errors.Is(err, ErrValidation) {
		t.Errorf("8194 units: got %v, want ErrValidation", err)
	}
}

func TestCompileAccepts(t *testing.T) {
	t.Parallel()
	specs := []Spec{
		{},
		{TargetID: "t1"},
		{Input: `"just a string"`},
		{Input: ` {"a": [1, 2.50]} `},
		{InputPath: "$"},
		{Transformer: &Transformer{Template: `"constant"`}},
		{Transformer: &Transformer{Template: `{"constant": true}`}},
		{Transformer: &Transformer{PathsMap: map[string]string{"AWSkey": "$.a", "unused": "$.b"}, Template: `<AWSkey>`}},
		{Transformer: &Transformer{PathsMap: map[string]string{"a": "$.a"}, Template: `{"x<y z>": "<a> <>", "n": -1.5e+3}`}},
	}
	for _, spec := range specs {
		if _, err := Compile(spec); err != nil {
			t.Errorf("%+v: %v", spec, err)
		}
	}
}

func TestSyntaxErrorLocationTruncates(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("a", 600)
	got := syntaxErrorLocation(text)
	want := `[Source: (String)"` + strings.Repeat("a", 500) + `"[truncated 100 chars]; line: 1, column: 1]`
	if got != want {
		t.Errorf("got %s", got)
	}
}
