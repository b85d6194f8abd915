package input

import (
	"maps"
	"slices"
)

// template is a compiled InputTemplate: literal text between slots that
// each take one variable's value.
type template struct {
	isJSON    bool
	parts     []part
	variables []variable
	// tree holds the variables' paths that have no wildcard, resolved in
	// one walk of the event.
	tree pathTree
	// readsEvent says some variable comes from the event, which Apply
	// must then check is JSON.
	readsEvent bool
	// sizeHint is a guess at the output's size, to allocate it once.
	sizeHint int
}

// part is literal text followed by an optional slot.
type part struct {
	literal  []byte
	slot     slotKind
	variable int // index into template.variables; set for a slot
	name     string
}

// slotKind says how a slot writes its value.
type slotKind uint8

const (
	noSlot     slotKind = iota // the template's tail: text only
	valueSlot                  // a JSON template, outside quotes: the value's JSON
	stringSlot                 // a JSON template, inside quotes: escaped text
	textSlot                   // a text template: the value as text
)

// variable is one placeholder name the template uses.
type variable struct {
	name   string
	source source
	path   *path // fromPath
}

// compileTemplate checks tr's paths and template as PutTargets does and
// compiles them.
func compileTemplate(tr *Transformer, targetID string) (*template, error) {
	paths := make(map[string]*path, len(tr.PathsMap))
	for _, name := range slices.Sorted(maps.Keys(tr.PathsMap)) {
		p, ok := parsePath(tr.PathsMap[name])
		if !ok {
			return nil, refuse(invalidPathMessage(targetID))
		}
		paths[name] = p
	}
	if name, ok := firstUndeclared(tr.Template, paths); ok {
		return nil, refuse("InputTemplate for target " + targetID + " contains invalid placeholder " + name + ".")
	}
	t := &template{isJSON: isJSONTemplate(tr.Template)}
	if !t.isJSON {
		t.parts = parseTextTemplate(tr.Template)
	} else {
		parts, fault := parseJSONTemplate(tr.Template)
		switch fault.kind {
		case notJSON:
			return nil, refuse("InputTemplate for target " + targetID + " is not a valid JSON text.")
		case placeholderAsKey:
			return nil, refuse("InputTemplate for target " + targetID + " contains placeholder " + fault.name + " used as an object key.")
		}
		t.parts = parts
	}
	if name, ok := t.bind(paths); !ok {
		return nil, refuse("InputTemplate for target " + targetID + " contains placeholder " + name + " valid only for JSON template.")
	}
	return t, nil
}

// bind gives each slot its variable, collecting the variables the template
// uses. It reports false, with the name, for a variable that may only
// stand outside quotes in a JSON template but stands elsewhere.
func (t *template) bind(paths map[string]*path) (string, bool) {
	index := map[string]int{}
	for i := range t.parts {
		p := &t.parts[i]
		t.sizeHint += len(p.literal)
		if p.slot == noSlot {
			continue
		}
		v := variable{name: p.name, source: fromPath, path: paths[p.name]}
		if src, ok := predefined(p.name); ok {
			v.source = src
		}
		if v.source.jsonOnly() && p.slot != valueSlot {
			return p.name, false
		}
		k, seen := index[p.name]
		if !seen {
			k = len(t.variables)
			index[p.name] = k
			t.variables = append(t.variables, v)
			t.readsEvent = t.readsEvent || v.source.readsEvent()
			if v.source == fromPath && !v.path.wildcard {
				t.tree.add(v.path.steps, k)
			}
		}
		p.variable = k
		t.sizeHint += 64 // a guess at a value's size
	}
	return "", true
}

// isJSONTemplate reports whether the template is a JSON template: its first
// character other than white space opens an object. AWS's reference puts
// the restrictions on "a JSON object (surrounded by curly braces)", and
// refuses aws.events.event.json in templates that start otherwise.
func isJSONTemplate(s string) bool {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i < len(s) && s[i] == '{'
}

// firstUndeclared returns the first placeholder in s that is neither in
// paths nor predefined.
func firstUndeclared(s string, paths map[string]*path) (undeclared string, found bool) {
	eachPlaceholder(s, func(_, _ int, name string) bool {
		_, declared := paths[name]
		if _, ok := predefined(name); !declared && !ok {
			undeclared, found = name, true
		}
		return !found
	})
	return undeclared, found
}

// eachPlaceholder calls fn with where each placeholder of s starts and
// ends and its name, in order, until fn returns false.
func eachPlaceholder(s string, fn func(start, end int, name string) bool) {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		name, end, ok := placeholderAt(s, i)
		if !ok {
			continue
		}
		if !fn(i, end, name) {
			return
		}
		i = end - 1
	}
}

// placeholderAt reads the placeholder whose '<' is at s[i]: one or more
// of A-Z a-z 0-9 _ . - and a '>'. It returns the name and the index past
// the '>'.
func placeholderAt(s string, i int) (name string, end int, ok bool) {
	j := i + 1
	for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '.' || s[j] == '-') {
		j++
	}
	if j == i+1 || j >= len(s) || s[j] != '>' {
		return "", 0, false
	}
	return s[i+1 : j], j + 1, true
}

// parseTextTemplate splits a text template at its placeholders; the text
// between them is kept as it is.
func parseTextTemplate(s string) []part {
	var parts []part
	last := 0
	eachPlaceholder(s, func(start, end int, name string) bool {
		parts = append(parts, part{literal: []byte(s[last:start]), slot: textSlot, name: name})
		last = end
		return true
	})
	return append(parts, part{literal: []byte(s[last:])})
}
