package stepfn

import (
	"github.com/switchyard/switchyard/internal/jsonpath"
)

// applyPath applies an InputPath or OutputPath to v: absent keeps v, null
// gives {}, and a path that matches nothing fails the state with
// States.Runtime, as AWS does (not the spec's ParameterPathFailure).
func (sc *scope) applyPath(p optionalPath, v any) (any, *Failure) {
	switch {
	case p.null:
		return map[string]any{}, nil
	case p.path == nil:
		return v, nil
	}
	out, err := sc.with(v).resolve(p.path)
	if err != nil {
		return nil, sc.pathFailure(p.path, err)
	}
	return out, nil
}

// pathFailure is the States.Runtime failure of a path that matched
// nothing, with AWS's cause.
func (sc *scope) pathFailure(p *jsonpath.Path, err error) *Failure {
	if f, ok := err.(*Failure); ok {
		return f
	}
	return sc.runtime("Invalid path '" + p.String() + "' : " + err.Error())
}

// evalTemplate evaluates a template against v; a nil template gives v.
func (sc *scope) evalTemplate(t *template, v any) (any, *Failure) {
	if t == nil {
		return v, nil
	}
	out, err := t.root.eval(sc.with(v))
	if err != nil {
		return nil, asFailure(err)
	}
	return out, nil
}

// asFailure turns an evaluation error into the failure it stands for.
func asFailure(err error) *Failure {
	if f, ok := err.(*Failure); ok {
		return f
	}
	return &Failure{Name: ErrorRuntime, Cause: err.Error()}
}

// effectiveInput applies InputPath, then Parameters (or a Map's
// ItemSelector is applied per item instead; see mapState, and a Task
// evaluates its Parameters once its token exists; see task).
func (s *state) effectiveInput(sc *scope) (any, *Failure) {
	v, f := sc.applyPath(s.inputPath, sc.input)
	if f != nil {
		return nil, f
	}
	sc.note(afterInputPath, v)
	if s.kind == mapKind || s.kind == taskKind {
		return v, nil
	}
	return sc.parameters(s.parameters, v)
}

// parameters evaluates a state's Parameters against its input.
func (sc *scope) parameters(t *template, v any) (any, *Failure) {
	v, f := sc.evalTemplate(t, v)
	if f == nil && t != nil {
		sc.note(afterParameters, v)
	}
	return v, f
}

// The steps of a state's processing that TestState reports.
func afterInputPath(i *Inspection) *string      { return &i.AfterInputPath }
func afterParameters(i *Inspection) *string     { return &i.AfterParameters }
func rawResult(i *Inspection) *string           { return &i.Result }
func afterResultSelector(i *Inspection) *string { return &i.AfterResultSelector }
func afterResultPath(i *Inspection) *string     { return &i.AfterResultPath }

// finish turns a state's result into its output: ResultSelector, then
// ResultPath into the raw state input, Assign (from the values the state
// entered with, and "$" the selected result), then OutputPath.
func (s *state) finish(sc *scope, result any) step {
	sc.note(rawResult, result)
	result, f := sc.evalTemplate(s.resultSelector, result)
	if f != nil {
		return failed(f)
	}
	if s.resultSelector != nil {
		sc.note(afterResultSelector, result)
	}
	return s.place(sc, s.resultPath, result, result)
}

// place puts result into the raw input at resultPath, evaluates Assign
// against assignInput, and applies OutputPath.
func (s *state) place(sc *scope, resultPath optionalPath, result, assignInput any) step {
	merged, f := sc.merge(resultPath, result)
	if f != nil {
		return failed(f)
	}
	sc.note(afterResultPath, merged)
	assigned, f := sc.assign(s.assign, assignInput)
	if f != nil {
		return failed(f)
	}
	out, f := sc.applyPath(s.outputPath, merged)
	if f != nil {
		return failed(f)
	}
	return step{out: out, next: s.next, assigned: assigned}
}

// merge applies a ResultPath: absent replaces the input with the result,
// null keeps the input, and a path sets the result inside a copy of the
// input, creating the objects on the way.
func (sc *scope) merge(p optionalPath, result any) (any, *Failure) {
	switch {
	case p.null:
		return sc.input, nil
	case p.path == nil:
		return result, nil
	}
	out, err := p.path.Set(sc.input, result)
	if err != nil {
		return nil, &Failure{Name: ErrorResultPathMatchFailure, Cause: "Unable to apply ResultPath '" + p.path.String() +
			"' to input '" + compactJSON(sc.input) + "': " + err.Error()}
	}
	return out, nil
}

// assign evaluates an Assign template against v and returns the
// variables to set once the state has exited.
func (sc *scope) assign(t *template, v any) (map[string]any, *Failure) {
	if t == nil {
		return nil, nil
	}
	out, f := sc.evalTemplate(t, v)
	if f != nil {
		return nil, f
	}
	m, _ := out.(map[string]any)
	return m, nil
}
