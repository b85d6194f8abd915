package stepfn

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/jsonpath"
	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// jsonataOnly are the fields only JSONata states have.
var jsonataOnly = [...]string{"Arguments", "Output", "Items", "Condition"}

// state parses one state of a block.
func (p *parser) state(name string, o *object) *state {
	typ, ok := o.requiredStr("Type")
	if !ok {
		return nil
	}
	s := &state{name: name, kind: parseKind(typ)}
	if s.kind == 0 {
		p.d.schema(o.at("Type"), "The value for the field 'Type' must be one of [Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map]")
		return nil
	}
	o.get("Comment")
	p.queryLanguage(o)
	for _, f := range jsonataOnly {
		if o.has(f) {
			o.get(f)
			p.d.schema(o.loc, "The QueryLanguage is set to 'JSONPath', but field '"+f+"' is only supported for the 'JSONata' QueryLanguage")
		}
	}
	if s.kind != failKind {
		s.inputPath = p.path(o, "InputPath")
		s.outputPath = p.path(o, "OutputPath")
	}
	switch s.kind {
	case taskKind, parallelKind, passKind, waitKind, mapKind:
		p.transition(o, s)
	}
	switch s.kind {
	case taskKind, parallelKind, mapKind, passKind, waitKind, choiceKind:
		s.assign = p.assign(o)
	}
	switch s.kind {
	case taskKind, parallelKind, mapKind:
		s.resultSelector = p.template(o, "ResultSelector")
		s.retry = p.retriers(o)
		s.catch = p.catchers(o)
	}
	switch s.kind {
	case taskKind, parallelKind, passKind, mapKind:
		s.resultPath = p.resultPath(o)
	}
	switch s.kind {
	case taskKind, parallelKind, passKind:
		s.parameters = p.template(o, "Parameters")
	}
	switch s.kind {
	case passKind:
		s.result, s.hasResult = o.get("Result")
	case taskKind:
		s.task = p.task(o)
	case choiceKind:
		p.choice(o, s)
	case waitKind:
		s.wait = p.wait(o)
	case failKind:
		s.fail = p.fail(o)
	case parallelKind:
		s.branches = p.branches(o)
	case mapKind:
		p.mapState(o, s)
	}
	o.finish()
	return s
}

// transition parses Next and End: exactly one of them.
func (p *parser) transition(o *object, s *state) {
	if o.exclusive("Next", "End") == "" {
		p.d.schema(o.loc, "Either 'Next' or 'End' must be set")
		return
	}
	s.next, _ = o.str("Next")
	if end, ok := o.boolean("End"); ok {
		if !end {
			p.d.schema(o.at("End"), "The value for the field 'End' must be true")
		}
		s.end = end
	}
}

// assign parses an Assign field: a template whose keys are variable names.
func (p *parser) assign(o *object) *template {
	m, ok := o.objectField("Assign")
	if !ok {
		return nil
	}
	return p.assignTemplate(m, o.at("Assign"))
}

// assignTemplate parses the object of an Assign field found at loc: its
// keys must be variable names.
func (p *parser) assignTemplate(m map[string]any, loc string) *template {
	for _, k := range slices.Sorted(maps.Keys(m)) { // diagnostics in a stable order
		at := loc + "/" + escapePointer(k)
		if !validVariableName(strings.TrimSuffix(k, ".$")) {
			p.d.schema(at, "The variable name '"+k+"' is not valid")
		}
		p.noteAssigned(k, at)
	}
	return parseTemplate(m, loc, p.d)
}

func (p *parser) task(o *object) *taskSpec {
	t := &taskSpec{}
	if r, ok := o.requiredStr("Resource"); ok {
		if !strings.HasPrefix(r, "arn:") {
			p.d.add("INVALID_RESOURCE", o.at("Resource"), "The resource provided "+r+" is not recognized. The value is not a valid resource ARN")
		}
		t.resource = r
		t.waitForTaskToken = strings.HasSuffix(r, ".waitForTaskToken")
		if fam, _, _ := resourceOf(r); fam != taskFamily && patternOf(r) != "" {
			p.d.add("INVALID_RESOURCE", o.at("Resource"), "The resource provided "+r+" is not recognized. The value is not a valid resource ARN")
		}
	}
	switch o.exclusive("TimeoutSeconds", "TimeoutSecondsPath") {
	case "TimeoutSeconds":
		secs, _ := o.integer("TimeoutSeconds", 1, maxTimeoutSeconds)
		t.timeout = time.Duration(secs) * time.Second
	case "TimeoutSecondsPath":
		t.timeoutPath = p.referencePath(o, "TimeoutSecondsPath")
	}
	switch o.exclusive("HeartbeatSeconds", "HeartbeatSecondsPath") {
	case "HeartbeatSeconds":
		secs, _ := o.integer("HeartbeatSeconds", 1, maxTimeoutSeconds-1)
		t.heartbeat = time.Duration(secs) * time.Second
	case "HeartbeatSecondsPath":
		t.heartbeatPath = p.referencePath(o, "HeartbeatSecondsPath")
	}
	if t.heartbeat > 0 && t.timeout > 0 && t.heartbeat >= t.timeout {
		p.d.schema(o.at("HeartbeatSeconds"), "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'")
	}
	if c, ok := o.get("Credentials"); ok {
		t.credentials = c // accepted and stored; tasks run with the process's own rights
	}
	return t
}

func (p *parser) choice(o *object, s *state) {
	rules, locs := o.objects("Choices", true)
	for i, m := range rules {
		loc := locs[i]
		rule, err := choice.Parse(m, loc, true, checkPath)
		if err != nil {
			p.choiceError(err, loc)
			continue
		}
		if s.choicePaths == nil {
			s.choicePaths = map[string]*jsonpath.Path{}
		}
		for _, text := range rule.Paths() {
			if path, err := jsonpath.Parse(text); err == nil {
				s.choicePaths[text] = path
			}
		}
		b := choiceBranch{rule: rule}
		if a := rule.Assign(); a != nil {
			b.assign = p.assignTemplate(a, loc+"/Assign")
		}
		s.choices = append(s.choices, b)
	}
	s.dflt, _ = o.str("Default")
}

// choiceError records the definition errors of a choice rule.
func (p *parser) choiceError(err error, loc string) {
	if de, ok := err.(*choice.DefinitionError); ok {
		p.d.add(de.Code, de.Location, de.Message)
		return
	}
	p.d.schema(loc, err.Error())
}

func (p *parser) wait(o *object) *waitSpec {
	w := &waitSpec{}
	switch o.exclusive("Seconds", "SecondsPath", "Timestamp", "TimestampPath") {
	case "Seconds":
		secs, _ := o.integer("Seconds", 0, maxTimeoutSeconds)
		w.seconds = time.Duration(secs) * time.Second
	case "SecondsPath":
		w.secondsPath = p.referencePath(o, "SecondsPath")
	case "Timestamp":
		if ts, ok := o.str("Timestamp"); ok {
			t, err := parseTimestamp(ts)
			if err != nil {
				p.d.schema(o.at("Timestamp"), "The value for the field 'Timestamp' must be a valid ISO-8601 extended offset date-time format string")
			}
			w.timestamp, w.hasTimestamp = t, true
		}
	case "TimestampPath":
		w.timestampPath = p.referencePath(o, "TimestampPath")
	default:
		p.d.schema(o.loc, "Exactly one of these fields must be set: [Seconds, SecondsPath, Timestamp, TimestampPath]")
	}
	return w
}

func (p *parser) fail(o *object) *failSpec {
	f := &failSpec{}
	switch o.exclusive("Error", "ErrorPath") {
	case "Error":
		f.errorName, f.hasError = o.str("Error")
	case "ErrorPath":
		f.errorPath = p.dynamicString(o, "ErrorPath")
	}
	switch o.exclusive("Cause", "CausePath") {
	case "Cause":
		f.cause, f.hasCause = o.str("Cause")
	case "CausePath":
		f.causePath = p.dynamicString(o, "CausePath")
	}
	return f
}

// dynamicString parses an ErrorPath or CausePath: a reference path or an
// intrinsic function, kept as a one-node template.
func (p *parser) dynamicString(o *object, name string) *template {
	v, _ := o.get(name)
	return &template{root: parseDynamic(name, v, o.at(name), p.d)}
}

func (p *parser) branches(o *object) []*graph {
	branches, locs := o.objects("Branches", true)
	out := make([]*graph, len(branches))
	for i, m := range branches {
		out[i] = p.block(m, locs[i])
	}
	return out
}

// block parses a branch or an item processor: StartAt, States, Comment.
func (p *parser) block(m map[string]any, loc string) *graph {
	bo := newObject(m, loc, p.d)
	bo.get("Comment")
	g := p.graph(bo)
	bo.finish()
	return g
}
