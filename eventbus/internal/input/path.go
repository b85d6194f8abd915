package input

import "strconv"

// path is a compiled EventBridge JSONPath: "$" followed by member, index
// and wildcard steps.
type path struct {
	steps []step
	// wildcard says the path selects every match, given as one array,
	// rather than one value.
	wildcard bool
}

type stepKind uint8

const (
	memberStep   stepKind = iota // .name
	indexStep                    // [n]
	wildcardStep                 // .* or [*]
)

type step struct {
	kind  stepKind
	name  string // memberStep
	index int    // indexStep
}

// parsePath compiles s in EventBridge's JSONPath dialect, reporting false
// for anything outside it.
func parsePath(s string) (*path, bool) {
	if s == "" || s[0] != '$' {
		return nil, false
	}
	p := &path{}
	for i := 1; i < len(s); {
		var st step
		var ok bool
		switch s[i] {
		case '.':
			st, i, ok = parseDotStep(s, i+1)
		case '[':
			st, i, ok = parseBracketStep(s, i+1)
		}
		if !ok {
			return nil, false
		}
		p.wildcard = p.wildcard || st.kind == wildcardStep
		p.steps = append(p.steps, st)
	}
	return p, true
}

// parseDotStep reads what follows a '.' at i: '*' or a name.
func parseDotStep(s string, i int) (step, int, bool) {
	if i < len(s) && s[i] == '*' {
		return step{kind: wildcardStep}, i + 1, true
	}
	j := i
	for j < len(s) && isNameByte(s[j]) {
		j++
	}
	if j == i {
		return step{}, 0, false
	}
	return step{kind: memberStep, name: s[i:j]}, j, true
}

// parseBracketStep reads what follows a '[' at i: "*]" or digits and ']'.
func parseBracketStep(s string, i int) (step, int, bool) {
	if i+1 < len(s) && s[i] == '*' && s[i+1] == ']' {
		return step{kind: wildcardStep}, i + 2, true
	}
	j := i
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == i || j >= len(s) || s[j] != ']' {
		return step{}, 0, false
	}
	n, err := strconv.Atoi(s[i:j])
	if err != nil { // too many digits for an int
		return step{}, 0, false
	}
	return step{kind: indexStep, index: n}, j + 1, true
}

// isNameByte reports whether c may appear in a member name written with
// dot notation: the characters AWS's guide lists.
func isNameByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '/'
}
