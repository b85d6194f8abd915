package stepfn

import (
	"encoding/json"
	"errors"

	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// pass runs a Pass state: its Result (a literal, not a template) or its
// effective input is the result.
func (r *runner) pass(s *state, sc *scope) step {
	v, f := s.effectiveInput(sc)
	if f != nil {
		return failed(f)
	}
	if s.hasResult {
		v = s.result
	}
	return s.place(sc, s.resultPath, v, v)
}

// choose runs a Choice state: the first rule that matches picks the next
// state and its own Assign; with none, Default and the state's Assign, or
// States.NoChoiceMatched.
func (r *runner) choose(s *state, sc *scope) step {
	input, f := sc.applyPath(s.inputPath, sc.input)
	if f != nil {
		return failed(f)
	}
	in := sc.with(input)
	// A path that matches nothing, or names an unset variable, is absent:
	// the rule decides what that means (IsPresent: false; others fail).
	resolve := func(path string) (any, bool, error) {
		p := s.choicePaths[path]
		if p == nil {
			return nil, false, sc.runtime("The path '" + path + "' was not parsed with the definition")
		}
		v, err := in.resolve(p)
		return v, err == nil, nil
	}
	for _, c := range s.choices {
		ok, err := c.rule.Eval(resolve)
		if err != nil {
			return failed(choiceFailure(sc, err))
		}
		if !ok {
			continue
		}
		return s.leave(sc, input, c.rule.Next(), c.assign)
	}
	if s.dflt == "" {
		return failed(&Failure{Name: ErrorNoChoiceMatched, Cause: "No Matches!"})
	}
	return s.leave(sc, input, s.dflt, s.assign)
}

// leave ends a Choice state: Assign from its effective input, then
// OutputPath.
func (s *state) leave(sc *scope, input any, next string, assign *template) step {
	assigned, f := sc.assign(assign, input)
	if f != nil {
		return failed(f)
	}
	out, f := sc.applyPath(s.outputPath, input)
	if f != nil {
		return failed(f)
	}
	return step{out: out, next: next, assigned: assigned}
}

// succeed runs a Succeed state: InputPath, then OutputPath.
func (r *runner) succeed(s *state, sc *scope) step {
	v, f := sc.applyPath(s.inputPath, sc.input)
	if f != nil {
		return failed(f)
	}
	out, f := sc.applyPath(s.outputPath, v)
	if f != nil {
		return failed(f)
	}
	return step{out: out}
}

// failState runs a Fail state: it records FailStateEntered (which has no
// Exited event) and fails with its error and cause.
func (r *runner) failState(s *state, sc *scope) step {
	fs := s.fail
	f := &Failure{Name: fs.errorName, Cause: fs.cause}
	for _, field := range []struct {
		t   *template
		dst *string
	}{{fs.errorPath, &f.Name}, {fs.causePath, &f.Cause}} {
		if field.t == nil {
			continue
		}
		v, fail := sc.evalTemplate(field.t, sc.input)
		if fail != nil {
			return failed(fail)
		}
		str, ok := v.(string)
		if !ok {
			b, _ := json.Marshal(v)
			str = string(b)
		}
		*field.dst = str
	}
	return failed(f)
}

// choiceFailure turns a choice rule's evaluation error into the failure
// of the state.
func choiceFailure(sc *scope, err error) *Failure {
	var re *choice.RuntimeError
	if errors.As(err, &re) {
		if re.Name == ErrorRuntime {
			return sc.runtime(re.Cause)
		}
		return &Failure{Name: re.Name, Cause: re.Cause}
	}
	return asFailure(err)
}
