package input

// pathTree merges a template's paths without wildcards by their common
// steps, so that Apply reads each object and array on the way once, however
// many paths go through it.
type pathTree struct {
	step      step       // the step that leads here from the parent
	children  []pathTree // the next steps, each once
	variables []int      // the variables whose path ends here
}

// add records that variable v's path is steps (with no wildcard).
func (t *pathTree) add(steps []step, v int) {
	if len(steps) == 0 {
		t.variables = append(t.variables, v)
		return
	}
	for i := range t.children {
		if t.children[i].step == steps[0] {
			t.children[i].add(steps[1:], v)
			return
		}
	}
	t.children = append(t.children, pathTree{step: steps[0]})
	t.children[len(t.children)-1].add(steps[1:], v)
}

// maxStackChildren is how many next steps resolve tracks without
// allocating.
const maxStackChildren = 8

// resolve sets values[v] for every variable under t, reading the value
// that starts at doc[at]. A variable whose path finds nothing keeps its
// missing value.
func (t *pathTree) resolve(doc []byte, at int, values []value) {
	if at >= len(doc) {
		return
	}
	for _, v := range t.variables {
		values[v] = value{kind: jsonValue, json: doc[at:valueEnd(doc, at)]}
	}
	if len(t.children) == 0 {
		return
	}
	// Where each child's step leads, or -1; a name found twice counts
	// where it is last, as Jackson reads it.
	var stack [maxStackChildren]int
	found := stack[:0]
	if len(t.children) > maxStackChildren {
		found = make([]int, 0, len(t.children))
	}
	for range t.children {
		found = append(found, -1)
	}
	eachMember(doc, at, func(key []byte, value int) {
		for i := range t.children {
			if st := &t.children[i].step; st.kind == memberStep && keyEquals(key, st.name) {
				found[i] = value
			}
		}
	})
	n := 0
	eachElement(doc, at, func(value int) {
		for i := range t.children {
			if st := &t.children[i].step; st.kind == indexStep && st.index == n {
				found[i] = value
			}
		}
		n++
	})
	for i := range t.children {
		if found[i] >= 0 {
			t.children[i].resolve(doc, found[i], values)
		}
	}
}
