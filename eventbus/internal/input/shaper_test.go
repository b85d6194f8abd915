package input

import (
	"errors"
	"sync"
	"testing"
)

func TestPassThrough(t *testing.T) {
	t.Parallel()
	event := []byte("anything, even not JSON")
	var nilShaper *Shaper
	for name, s := range map[string]*Shaper{"nil": nilShaper, "zero Spec": mustCompile(t, Spec{TargetID: "t"})} {
		got, err := s.Apply(event, Vars{})
		if err != nil || &got[0] != &event[0] || len(got) != len(event) {
			t.Errorf("%s: got %q, %v; want the event itself", name, got, err)
		}
	}
}

func TestConstantInput(t *testing.T) {
	t.Parallel()
	const input = ` {"fixed": [1, 2.50]} `
	s := mustCompile(t, Spec{Input: input})
	first, err := s.Apply([]byte(ec2Event), Vars{})
	if err != nil || string(first) != input {
		t.Fatalf("got %q, %v; want the Input as it is", first, err)
	}
	first[0] = 'X'
	second, _ := s.Apply(nil, Vars{})
	if string(second) != input {
		t.Errorf("changing one result changed the next: %q", second)
	}
}

func TestApplyRefusesInvalidEvents(t *testing.T) {
	t.Parallel()
	specs := []Spec{
		{InputPath: "$.detail"},
		{Transformer: &Transformer{PathsMap: map[string]string{"d": "$.detail"}, Template: `{"d": <d>}`}},
		{Transformer: &Transformer{Template: `{"e": <aws.events.event.json>}`}},
		{Transformer: &Transformer{Template: `{"e": <aws.events.event>}`}},
	}
	for _, spec := range specs {
		s := mustCompile(t, spec)
		for _, event := range []string{"", `{"detail":`, `{"detail":1} {}`, `{"a":"\x"}`} {
			if got, err := s.Apply([]byte(event), Vars{}); !errors.Is(err, ErrInvalidEvent) || got != nil {
				t.Errorf("%+v on %q: got %q, %v; want ErrInvalidEvent", spec, event, got, err)
			}
		}
	}
}

// TestConcurrentApply shares one Shaper between goroutines; run with -race.
func TestConcurrentApply(t *testing.T) {
	t.Parallel()
	s := mustCompile(t, Spec{Transformer: &Transformer{
		PathsMap: map[string]string{"i": "$.detail.instance-id", "r": "$.resources[*]"},
		Template: `{"i": <i>, "r": <r>, "e": <aws.events.event>, "n": "<aws.events.rule-name>"}`,
	}})
	want, err := s.Apply([]byte(ec2Event), guideVars)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got, err := s.Apply([]byte(ec2Event), guideVars)
				if err != nil || string(got) != string(want) {
					t.Errorf("got %s, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
