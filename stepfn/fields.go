package stepfn

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// object reads the fields of one JSON object of a definition, reporting
// each problem with its location, and remembers which fields it read so
// that the rest can be reported as not supported.
type object struct {
	m    map[string]any
	loc  string
	read map[string]bool
	d    *diagnostics
}

func newObject(m map[string]any, loc string, d *diagnostics) *object {
	return &object{m: m, loc: loc, read: make(map[string]bool, len(m)), d: d}
}

// at returns the location of a field of the object.
func (o *object) at(name string) string { return o.loc + "/" + name }

// get returns a field's value, marking it read.
func (o *object) get(name string) (any, bool) {
	v, ok := o.m[name]
	if ok {
		o.read[name] = true
	}
	return v, ok
}

// has reports whether the object has the field, without reading it.
func (o *object) has(name string) bool {
	_, ok := o.m[name]
	return ok
}

func (o *object) mistyped(name, kind string) {
	o.d.schema(o.at(name), "The value for the field '"+name+"' must be a "+kind)
}

// str returns a string field; ok is false when it is absent or not a
// string (which is reported).
func (o *object) str(name string) (string, bool) {
	v, present := o.get(name)
	if !present {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		o.mistyped(name, "STRING")
	}
	return s, ok
}

// requiredStr is str for a field that must be present.
func (o *object) requiredStr(name string) (string, bool) {
	if !o.has(name) {
		o.d.schema(o.loc, "These fields are required: ["+name+"]")
		return "", false
	}
	return o.str(name)
}

// boolean returns a boolean field.
func (o *object) boolean(name string) (bool, bool) {
	v, present := o.get(name)
	if !present {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		o.mistyped(name, "BOOLEAN")
	}
	return b, ok
}

// integer returns an integer field in [lo, hi].
func (o *object) integer(name string, lo, hi int64) (int64, bool) {
	v, present := o.get(name)
	if !present {
		return 0, false
	}
	n, ok := v.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil {
		o.mistyped(name, "INTEGER")
		return 0, false
	}
	if i < lo || i > hi {
		o.d.schema(o.at(name), numberRangeMessage(name, float64(lo), float64(hi)))
		return 0, false
	}
	return i, true
}

// number returns a numeric field in [lo, hi].
func (o *object) number(name string, lo, hi float64) (float64, bool) {
	v, present := o.get(name)
	if !present {
		return 0, false
	}
	n, ok := v.(json.Number)
	f, err := n.Float64()
	if !ok || err != nil || math.IsInf(f, 0) {
		o.mistyped(name, "NUMBER")
		return 0, false
	}
	if f < lo || f > hi {
		o.d.schema(o.at(name), numberRangeMessage(name, lo, hi))
		return 0, false
	}
	return f, true
}

func numberRangeMessage(name string, lo, hi float64) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return "The value for the field '" + name + "' must be between " + f(lo) + " and " + f(hi)
}

// objectField returns a field that must be a JSON object.
func (o *object) objectField(name string) (map[string]any, bool) {
	v, present := o.get(name)
	if !present {
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		o.mistyped(name, "OBJECT")
	}
	return m, ok
}

// array returns a field that must be a JSON array.
func (o *object) array(name string) ([]any, bool) {
	v, present := o.get(name)
	if !present {
		return nil, false
	}
	a, ok := v.([]any)
	if !ok {
		o.mistyped(name, "ARRAY")
	}
	return a, ok
}

// strings returns a field that must be a non-empty array of strings.
func (o *object) strings(name string) ([]string, bool) {
	a, ok := o.array(name)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(a))
	for _, v := range a {
		s, isStr := v.(string)
		if !isStr {
			o.d.schema(o.at(name), "The value for the field '"+name+"' must be an ARRAY of STRING")
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// exclusive reports, once, when more than one of names is present, and
// returns the one present (or "").
func (o *object) exclusive(names ...string) string {
	var present []string
	for _, n := range names {
		if o.has(n) {
			present = append(present, n)
		}
	}
	if len(present) > 1 {
		o.d.schema(o.loc, "Only one of these fields may be set: "+bracketed(present))
	}
	if len(present) == 0 {
		return ""
	}
	return present[0]
}

// finish reports every field of the object nobody read, in name order,
// as AWS reports fields a state type does not support.
func (o *object) finish() {
	var extra []string
	for k := range o.m {
		if !o.read[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		o.d.schema(o.loc, "Field '"+k+"' is not supported")
	}
}

func bracketed(names []string) string {
	s := "["
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s + "]"
}

// objects returns the elements of an array field that must hold objects,
// each with its location; required makes an absent or empty array a
// problem. Elements that are not objects are reported and skipped.
func (o *object) objects(name string, required bool) (elems []map[string]any, locs []string) {
	raw, ok := o.array(name)
	switch {
	case required && !o.has(name):
		o.d.schema(o.loc, "These fields are required: ["+name+"]")
	case required && ok && len(raw) == 0:
		o.d.schema(o.at(name), "The field '"+name+"' must contain at least 1 item")
	}
	for i, v := range raw {
		loc := o.at(name) + "/" + itoa(i)
		m, isObject := v.(map[string]any)
		if !isObject {
			o.d.schema(loc, "The value for the field '"+name+"' must be an ARRAY of OBJECT")
			continue
		}
		elems, locs = append(elems, m), append(locs, loc)
	}
	return elems, locs
}
