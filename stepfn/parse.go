package stepfn

import (
	"errors"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// parser holds what parsing a definition needs across States blocks.
type parser struct {
	d     *diagnostics
	names map[string]string // every state name in the machine → its location
	scope *assignScope      // the variables of the block being parsed
	root  *assignScope      // the machine's top-level block's
}

// maxStateName is the longest state name AWS accepts, in characters.
const maxStateName = 80

// queryLanguage checks an object's QueryLanguage: JSONPath is the default;
// JSONata is a later feature of this engine.
func (p *parser) queryLanguage(o *object) {
	lang, ok := o.str("QueryLanguage")
	switch {
	case !ok || lang == "JSONPath":
	case lang == "JSONata":
		p.d.add("UNSUPPORTED_FEATURE", o.at("QueryLanguage"), "The JSONata query language is not supported yet by this engine; use JSONPath")
	default:
		p.d.schema(o.at("QueryLanguage"), "The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]")
	}
}

// graph parses the StartAt and States of a block (the machine, a branch,
// an item processor) and checks its transitions.
func (p *parser) graph(o *object) *graph {
	defer p.enterScope()()
	g := &graph{states: map[string]*state{}}
	g.startAt, _ = o.requiredStr("StartAt")
	states, ok := o.objectField("States")
	if !o.has("States") {
		p.d.schema(o.loc, "These fields are required: [States]")
	}
	if !ok {
		return g
	}
	names := slices.Sorted(maps.Keys(states)) // maps lose the definition's order; report problems in a stable one
	for _, name := range names {
		loc := o.at("States") + "/" + escapePointer(name)
		if prev, dup := p.names[name]; dup {
			p.d.add("DUPLICATE_STATE_NAME", loc, "Duplicate State name: "+name+" (also at "+prev+")")
			continue
		}
		p.names[name] = loc
		if n := utf8.RuneCountInString(name); n == 0 || n > maxStateName {
			p.d.add("INVALID_STATE_NAME", loc, "State names must be 1 to 80 characters long")
		}
		body, isObject := states[name].(map[string]any)
		if !isObject {
			p.d.schema(loc, "The value for the field '"+name+"' must be an OBJECT")
			continue
		}
		if s := p.state(name, newObject(body, loc, p.d)); s != nil {
			g.states[name] = s
		}
	}
	if len(*p.d) == 0 {
		p.checkTransitions(g, o.loc)
	}
	return g
}

// checkTransitions reports transitions to states that are not in the
// block, and states of the block nothing moves to.
func (p *parser) checkTransitions(g *graph, loc string) {
	if _, ok := g.states[g.startAt]; !ok {
		p.d.add("MISSING_TRANSITION_TARGET", loc+"/StartAt", "Missing 'StartAt' target: "+g.startAt)
		return
	}
	reached := map[string]bool{g.startAt: true}
	queue := []string{g.startAt}
	for len(queue) > 0 {
		s := g.states[queue[0]]
		queue = queue[1:]
		for _, t := range s.targets() {
			if _, ok := g.states[t.name]; !ok {
				p.d.add("MISSING_TRANSITION_TARGET", p.names[s.name]+t.field, "Missing '"+t.what+"' target: "+t.name)
				continue
			}
			if !reached[t.name] {
				reached[t.name] = true
				queue = append(queue, t.name)
			}
		}
	}
	names := slices.Sorted(maps.Keys(g.states))
	for _, name := range names {
		if !reached[name] {
			p.d.add("MISSING_TRANSITION_TARGET", p.names[name], `State "`+name+`" is not reachable.`)
		}
	}
}

// checkTerminal reports a block from which no path leads to a terminal
// state, and does the same for the blocks inside it.
func (p *parser) checkTerminal(g *graph) {
	hasEnd := false
	for _, s := range g.states {
		hasEnd = hasEnd || s.terminal()
		for _, b := range s.branches {
			p.checkTerminal(b)
		}
		if s.mapSpec != nil {
			p.checkTerminal(s.mapSpec.processor)
		}
	}
	if !hasEnd {
		p.d.add("MISSING_END_STATE", "null", "Workflow has no terminal state")
	}
}

// transition is one way out of a state, for checking it exists.
type transition struct {
	name  string // the target state
	what  string // "Next" or "Default", for the message
	field string // the location of the field, relative to the state
}

func (s *state) targets() []transition {
	var out []transition
	if s.next != "" {
		out = append(out, transition{s.next, "Next", "/Next"})
	}
	for i, c := range s.choices {
		out = append(out, transition{c.rule.Next(), "Next", "/Choices/" + itoa(i) + "/Next"})
	}
	if s.dflt != "" {
		out = append(out, transition{s.dflt, "Default", "/Default"})
	}
	for i, c := range s.catch {
		out = append(out, transition{c.next, "Next", "/Catch/" + itoa(i) + "/Next"})
	}
	return out
}

// path parses an optional Path field (InputPath, OutputPath, ItemsPath):
// absent, null, or a path.
func (p *parser) path(o *object, name string) optionalPath {
	return p.optionalPath(o, name, "JSONPath", func(s string) (*jsonpath.Path, error) { return jsonpath.Parse(s) })
}

// resultPath parses a ResultPath: absent, null, or a Reference Path that
// names the state input (not the context object or a variable).
func (p *parser) resultPath(o *object) optionalPath {
	return p.optionalPath(o, "ResultPath", "ReferencePath", parseInputReference)
}

// optionalPath parses a field that may be absent, null or a path that
// parse accepts; kind names the path kind in the message.
func (p *parser) optionalPath(o *object, name, kind string, parse func(string) (*jsonpath.Path, error)) optionalPath {
	v, present := o.get(name)
	switch {
	case !present:
		return optionalPath{}
	case v == nil:
		return optionalPath{null: true}
	}
	s, ok := v.(string)
	if !ok {
		o.mistyped(name, "STRING")
		return optionalPath{}
	}
	path, err := parse(s)
	if err != nil {
		p.d.schema(o.at(name), "The value for the field '"+name+"' must be a valid "+kind)
		return optionalPath{}
	}
	return optionalPath{path: path}
}

// parseInputReference parses a Reference Path into the state input.
func parseInputReference(s string) (*jsonpath.Path, error) {
	path, err := jsonpath.ParseReference(s)
	if err == nil && path.Root() != jsonpath.Input {
		return nil, errors.New("a ResultPath names the state input")
	}
	return path, err
}

// referencePath parses a field that must hold a Reference Path (a
// *SecondsPath, TimestampPath, MaxConcurrencyPath, …); nil when absent.
func (p *parser) referencePath(o *object, name string) *jsonpath.Path {
	s, ok := o.str(name)
	if !ok {
		return nil
	}
	path, err := jsonpath.ParseReference(s)
	if err != nil {
		p.d.schema(o.at(name), "The value for the field '"+name+"' must be a valid ReferencePath")
		return nil
	}
	return path
}

// template parses an optional payload template field.
func (p *parser) template(o *object, name string) *template {
	v, present := o.get(name)
	if !present {
		return nil
	}
	if _, ok := v.(map[string]any); !ok {
		o.mistyped(name, "OBJECT")
		return nil
	}
	return parseTemplate(v, o.at(name), p.d)
}
