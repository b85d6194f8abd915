package stepfn

import (
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonpath"
	"github.com/switchyard/switchyard/stepfn/internal/intrinsic"
)

// template is a parsed payload template (Parameters, ResultSelector,
// ItemSelector, Assign): JSON whose keys ending in ".$" take a path or an
// intrinsic function call, evaluated against a scope. Parts with no such
// key are kept as constants, shared by every evaluation: values flowing
// through an execution are never modified in place.
type template struct {
	root tnode
}

type tnode interface {
	eval(sc *scope) (any, error)
}

type constNode struct{ v any }

type objectNode struct {
	keys []string // sorted, so that the first failure is always the same one
	vals []tnode
}

type arrayNode struct{ items []tnode }

// pathNode is the value of a "key.$" field holding a path.
type pathNode struct {
	field string // the key as written, with its ".$"
	path  *jsonpath.Path
}

// callNode is the value of a "key.$" field holding an intrinsic call.
type callNode struct {
	field string
	call  *intrinsic.Call
	paths map[string]*jsonpath.Path // the call's path arguments, parsed once
}

// parseTemplate parses the template v found at loc.
func parseTemplate(v any, loc string, d *diagnostics) *template {
	return &template{root: parseNode(v, loc, d)}
}

func parseNode(v any, loc string, d *diagnostics) tnode {
	switch v := v.(type) {
	case map[string]any:
		n := &objectNode{}
		dynamic := false
		keys := slices.Sorted(maps.Keys(v))
		for _, k := range keys {
			at := loc + "/" + escapePointer(k)
			var child tnode
			name, isDynamic := strings.CutSuffix(k, ".$")
			if isDynamic {
				child = parseDynamic(k, v[k], at, d)
				if _, dup := v[name]; dup {
					d.schema(at, "The field '"+name+"' is defined twice, once with '.$' and once without")
				}
			} else {
				child = parseNode(v[k], at, d)
			}
			if _, isConst := child.(constNode); !isConst {
				dynamic = true
			}
			n.keys = append(n.keys, name)
			n.vals = append(n.vals, child)
		}
		if !dynamic {
			return constNode{v: constObject(n)}
		}
		return n
	case []any:
		n := &arrayNode{}
		dynamic := false
		for i, item := range v {
			child := parseNode(item, loc+"/"+itoa(i), d)
			if _, isConst := child.(constNode); !isConst {
				dynamic = true
			}
			n.items = append(n.items, child)
		}
		if !dynamic {
			out := make([]any, len(n.items))
			for i, c := range n.items {
				out[i] = c.(constNode).v
			}
			return constNode{v: out}
		}
		return n
	}
	return constNode{v: v}
}

func constObject(n *objectNode) map[string]any {
	out := make(map[string]any, len(n.keys))
	for i, k := range n.keys {
		out[k] = n.vals[i].(constNode).v
	}
	return out
}

// parseDynamic parses the value of a "key.$" field: a path, a context
// path, a variable path or an intrinsic call.
func parseDynamic(field string, v any, loc string, d *diagnostics) tnode {
	s, ok := v.(string)
	invalid := "The value for the field '" + field + "' must be a valid JSONPath or a valid intrinsic function call"
	if !ok {
		d.schema(loc, invalid)
		return constNode{}
	}
	if intrinsic.IsCall(s) {
		call, err := intrinsic.Parse(s)
		if err != nil {
			d.schema(loc, invalid)
			return constNode{}
		}
		n := &callNode{field: field, call: call, paths: map[string]*jsonpath.Path{}}
		for _, text := range call.Paths() {
			p, err := jsonpath.Parse(text)
			if err != nil {
				d.schema(loc, invalid)
				return constNode{}
			}
			n.paths[text] = p
		}
		return n
	}
	p, err := jsonpath.Parse(s)
	if err != nil {
		d.schema(loc, invalid)
		return constNode{}
	}
	return &pathNode{field: field, path: p}
}

func (n constNode) eval(*scope) (any, error) { return n.v, nil }

func (n *objectNode) eval(sc *scope) (any, error) {
	out := make(map[string]any, len(n.keys))
	for i, k := range n.keys {
		v, err := n.vals[i].eval(sc)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

func (n *arrayNode) eval(sc *scope) (any, error) {
	out := make([]any, len(n.items))
	for i, item := range n.items {
		v, err := item.eval(sc)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (n *pathNode) eval(sc *scope) (any, error) {
	v, err := sc.resolve(n.path)
	if err != nil {
		return nil, sc.runtime("The JSONPath '" + n.path.String() + "' specified for the field '" + n.field +
			"' could not be found in the input '" + compactJSON(sc.rootOf(n.path)) + "'")
	}
	return v, nil
}

func (n *callNode) eval(sc *scope) (any, error) {
	resolve := func(text string) (any, error) {
		p := n.paths[text]
		if p == nil { // the parser reported a path Paths did not list
			return nil, sc.runtime("The JSONPath '" + text + "' could not be resolved")
		}
		v, err := sc.resolve(p)
		if err != nil {
			return nil, sc.runtime("The JSONPath '" + text + "' specified for the field '" + n.field +
				"' could not be found in the input '" + compactJSON(sc.rootOf(p)) + "'")
		}
		return v, nil
	}
	v, err := n.call.Eval(resolve, intrinsic.Env{Rand: sc.rand.fork()})
	if ie, ok := err.(*intrinsic.Error); ok {
		return nil, &Failure{Name: ie.Name, Cause: ie.Cause}
	}
	return v, err
}

// escapePointer escapes a key for a JSON-pointer location.
func escapePointer(k string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}
