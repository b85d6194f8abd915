package wire

import (
	"net/url"
	"strconv"
)

// Form is a Query-protocol request: the form values, seen through a prefix
// so that one entry of a list of structures reads like a form of its own.
type Form struct {
	values url.Values
	// heads holds every dotted head of every key ("a." and "a.b." for
	// "a.b.c"), so that a list's entries are found without scanning.
	heads  map[string]struct{}
	prefix string
}

// ParseForm parses a form-encoded body (or a URL's query string).
func ParseForm(body string) (Form, error) {
	v, err := url.ParseQuery(body)
	if err != nil {
		return Form{}, ErrMalformedQueryString
	}
	return FormOf(v), nil
}

// FormOf wraps values already parsed.
func FormOf(v url.Values) Form {
	f := Form{values: v, heads: make(map[string]struct{})}
	for k := range v {
		f.addHeads(k)
	}
	return f
}

// addHeads records the dotted heads of key.
func (f Form) addHeads(key string) {
	for i := 0; i < len(key); i++ {
		if key[i] == '.' {
			f.heads[key[:i+1]] = struct{}{}
		}
	}
}

// Merge returns f with the values of other that f does not have, for
// requests that put parameters both in the URL and in the body. It may
// change f's own values.
func (f Form) Merge(other url.Values) Form {
	if f.values == nil {
		f = FormOf(url.Values{})
	}
	for k, vs := range other {
		if _, ok := f.values[k]; !ok {
			f.values[k] = vs
			f.addHeads(k)
		}
	}
	return f
}

// Lookup returns the value of key and whether it was present.
func (f Form) Lookup(key string) (string, bool) {
	vs, ok := f.values[f.prefix+key]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// Get returns the value of key, or "".
func (f Form) Get(key string) string {
	v, _ := f.Lookup(key)
	return v
}

// Has reports whether key, or any key below it (key.…), is present: how a
// list or structure parameter is told from an absent one.
func (f Form) Has(key string) bool {
	if _, ok := f.values[f.prefix+key]; ok {
		return true
	}
	_, ok := f.heads[f.prefix+key+"."]
	return ok
}

// Int returns key as an integer: ok is false when it is absent, err set
// when it is present but not an integer.
func (f Form) Int(key string) (n int64, ok bool, err error) {
	s, ok := f.Lookup(key)
	if !ok {
		return 0, false, nil
	}
	n, err = strconv.ParseInt(s, 10, 64)
	return n, true, err
}

// Bool returns key as a boolean ("true" or "false", as AWS accepts them).
func (f Form) Bool(key string) (b, ok bool, err error) {
	s, ok := f.Lookup(key)
	if !ok {
		return false, false, nil
	}
	b, err = strconv.ParseBool(s)
	return b, true, err
}

// Strings returns the list key.1, key.2, … in order, stopping at the first
// missing index: the flattened list form. For the wrapped form
// (key.member.N) pass "key.member".
func (f Form) Strings(key string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := f.Lookup(key + "." + strconv.Itoa(i))
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

// Entries returns the list of structures key.1.…, key.2.…, in order,
// stopping at the first index with no member: each entry a Form that reads
// its members by their own names.
func (f Form) Entries(key string) []Form {
	var out []Form
	for i := 1; ; i++ {
		head := key + "." + strconv.Itoa(i)
		if !f.Has(head) {
			return out
		}
		out = append(out, Form{values: f.values, heads: f.heads, prefix: f.prefix + head + "."})
	}
}

// Map returns the map encoded as key.N.<keyName> / key.N.<valueName>
// entries (for example Attribute.N.Name / Attribute.N.Value, or
// Attributes.entry.N.key / …value). Later entries win over earlier ones
// with the same name, as the services do.
func (f Form) Map(key, keyName, valueName string) map[string]string {
	entries := f.Entries(key)
	if len(entries) == 0 {
		return nil
	}
	m := make(map[string]string, len(entries))
	for _, e := range entries {
		m[e.Get(keyName)] = e.Get(valueName)
	}
	return m
}
