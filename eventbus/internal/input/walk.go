package input

import "bytes"

// The functions here read JSON text without decoding it, so that a value
// keeps its bytes: numbers their text, objects their member order, as
// EventBridge (Jackson) keeps them. The repository's jsonpath package is not
// used: it evaluates over decoded Go maps, which lose member order, and its
// Jayway dialect is far larger than EventBridge's. They expect valid JSON
// (Apply checks the event first) but stay within bounds and end on any
// input.

// lookup returns the value p selects in doc and whether there is one. A
// wildcard path always finds one: the array of its matches, compacted.
func (p *path) lookup(doc []byte) ([]byte, bool) {
	root := skipSpace(doc, 0)
	if !p.wildcard {
		return follow(doc, root, p.steps)
	}
	out := []byte{'['}
	collect(doc, root, p.steps, func(v []byte) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = appendCompact(out, v)
	})
	return append(out, ']'), true
}

// follow walks steps (with no wildcard) from the value at i.
func follow(doc []byte, i int, steps []step) ([]byte, bool) {
	for _, st := range steps {
		var ok bool
		if st.kind == memberStep {
			i, ok = memberValue(doc, i, st.name)
		} else {
			i, ok = elementValue(doc, i, st.index)
		}
		if !ok {
			return nil, false
		}
	}
	if i >= len(doc) {
		return nil, false
	}
	return doc[i:valueEnd(doc, i)], true
}

// collect calls emit with every value steps select from the value at i,
// in document order. As in Jayway, a step that finds nothing drops that
// branch.
func collect(doc []byte, i int, steps []step, emit func([]byte)) {
	if len(steps) == 0 {
		if i < len(doc) {
			emit(doc[i:valueEnd(doc, i)])
		}
		return
	}
	st, rest := steps[0], steps[1:]
	var ok bool
	switch st.kind {
	case memberStep:
		i, ok = memberValue(doc, i, st.name)
	case indexStep:
		i, ok = elementValue(doc, i, st.index)
	case wildcardStep:
		forEachChild(doc, i, func(child int) { collect(doc, child, rest, emit) })
		return
	}
	if ok {
		collect(doc, i, rest, emit)
	}
}

// memberValue returns where the value of the object at i's member named
// name starts. When the name appears twice the last one counts, as Jackson
// reads it.
func memberValue(doc []byte, i int, name string) (int, bool) {
	found, at := false, 0
	eachMember(doc, i, func(key []byte, value int) {
		if keyEquals(key, name) {
			found, at = true, value
		}
	})
	return at, found
}

// elementValue returns where element n of the array at i starts.
func elementValue(doc []byte, i, n int) (int, bool) {
	found, at, k := false, 0, 0
	eachElement(doc, i, func(value int) {
		if k == n {
			found, at = true, value
		}
		k++
	})
	return at, found
}

// forEachChild calls fn with the start of each member value of the object
// at i, or of each element of the array at i; a scalar has none.
func forEachChild(doc []byte, i int, fn func(int)) {
	eachMember(doc, i, func(_ []byte, value int) { fn(value) })
	eachElement(doc, i, fn)
}

// eachMember calls fn with each member's name (the JSON string, quotes
// included) and the start of its value, if the value at i is an object.
func eachMember(doc []byte, i int, fn func(key []byte, value int)) {
	if byteAt(doc, i) != '{' {
		return
	}
	i = skipSpace(doc, i+1)
	for byteAt(doc, i) == '"' {
		keyEnd := stringEnd(doc, i)
		key := doc[i:keyEnd]
		i = skipSpace(doc, keyEnd)
		if byteAt(doc, i) != ':' {
			return
		}
		i = skipSpace(doc, i+1)
		fn(key, i)
		i = skipSpace(doc, valueEnd(doc, i))
		if byteAt(doc, i) != ',' {
			return
		}
		i = skipSpace(doc, i+1)
	}
}

// eachElement calls fn with the start of each element, if the value at i
// is an array.
func eachElement(doc []byte, i int, fn func(value int)) {
	if byteAt(doc, i) != '[' {
		return
	}
	i = skipSpace(doc, i+1)
	if byteAt(doc, i) == ']' {
		return
	}
	for i < len(doc) {
		fn(i)
		i = skipSpace(doc, valueEnd(doc, i))
		if byteAt(doc, i) != ',' {
			return
		}
		i = skipSpace(doc, i+1)
	}
}

// keyEquals reports whether the JSON string key names name.
func keyEquals(key []byte, name string) bool {
	if len(key) < 2 {
		return false
	}
	inner := key[1 : len(key)-1]
	for _, c := range inner {
		if c == '\\' {
			return string(appendUnquoted(nil, key)) == name
		}
	}
	return string(inner) == name
}

// valueEnd returns the index just past the value starting at i.
func valueEnd(doc []byte, i int) int {
	switch byteAt(doc, i) {
	case '"':
		return stringEnd(doc, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(doc); j++ {
			switch doc[j] {
			case '"':
				j = stringEnd(doc, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(doc)
	}
	j := i // a number, true, false or null
	for j < len(doc) && !isDelimiter(doc[j]) {
		j++
	}
	return j
}

// stringEnd returns the index just past the string whose opening quote is
// at i: past the first quote not escaped by an odd run of backslashes.
func stringEnd(doc []byte, i int) int {
	for j := i + 1; j < len(doc); {
		k := bytes.IndexByte(doc[j:], '"')
		if k < 0 {
			break
		}
		q := j + k
		backslashes := 0
		for b := q - 1; b > i && doc[b] == '\\'; b-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return len(doc)
}

func skipSpace(doc []byte, i int) int {
	for i < len(doc) && isSpace(doc[i]) {
		i++
	}
	return i
}

// byteAt returns doc[i], or 0 past the end.
func byteAt(doc []byte, i int) byte {
	if i < 0 || i >= len(doc) {
		return 0
	}
	return doc[i]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDelimiter(c byte) bool { return c == ',' || c == '}' || c == ']' || isSpace(c) }
