package pattern

// maxDepth bounds how deep a body may nest; deeper bodies match nothing.
const maxDepth = 256

// scanner walks a JSON body once, collecting the leaf values of the fields
// in fs into vals[field] and skipping everything no field lies under. Any
// malformed input stops it with ok false.
type scanner struct {
	in   []byte
	pos  int
	fs   *fieldSet
	vals [][]value
	buf  []byte // unescaped strings
	bad  bool
}

// object walks the body, which must be a JSON object.
func (s *scanner) body() bool {
	s.space()
	if s.peek() != '{' {
		return false
	}
	s.object(&s.fs.root, 0)
	s.space()
	return !s.bad && s.pos == len(s.in)
}

func (s *scanner) fail() { s.bad, s.pos = true, len(s.in) }

func (s *scanner) peek() byte {
	if s.pos < len(s.in) {
		return s.in[s.pos]
	}
	return 0
}

func (s *scanner) space() {
	for s.pos < len(s.in) {
		switch s.in[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// object reads an object at trie node n; with n nil it only passes over
// it.
func (s *scanner) object(n *pathNode, depth int) {
	if depth > maxDepth {
		s.fail()
		return
	}
	s.pos++ // {
	s.space()
	if s.peek() == '}' {
		s.pos++
		return
	}
	for !s.bad {
		s.space()
		if s.peek() != '"' {
			s.fail()
			return
		}
		key := s.str()
		s.space()
		if s.peek() != ':' {
			s.fail()
			return
		}
		s.pos++
		s.space()
		if c := n.child(key); c != nil {
			s.member(c, depth)
		} else {
			s.skip(depth)
		}
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return
		default:
			s.fail()
			return
		}
	}
}

// member reads the value at node n: collected if a field ends there,
// walked if fields lie below.
func (s *scanner) member(n *pathNode, depth int) {
	if n.field >= 0 {
		s.collect(n, depth)
		return
	}
	s.descend(n, depth)
}

// collect reads a field's value: a leaf is stored, an array's elements are
// collected one by one, and an object is walked for fields below it.
func (s *scanner) collect(n *pathNode, depth int) {
	switch s.peek() {
	case '{':
		if !n.leaf() {
			s.object(n, depth+1)
		} else {
			s.skip(depth)
		}
	case '[':
		s.array(depth, func() { s.collect(n, depth+1) })
	default:
		if v, ok := s.leaf(); ok {
			s.vals[n.field] = append(s.vals[n.field], v)
		}
	}
}

// descend reads a value under which fields lie: objects are walked, arrays
// looked through, leaves skipped.
func (s *scanner) descend(n *pathNode, depth int) {
	switch s.peek() {
	case '{':
		s.object(n, depth+1)
	case '[':
		s.array(depth, func() { s.descend(n, depth+1) })
	default:
		s.skip(depth)
	}
}

// array reads an array, calling element at each element.
func (s *scanner) array(depth int, element func()) {
	if depth > maxDepth {
		s.fail()
		return
	}
	s.pos++ // [
	s.space()
	if s.peek() == ']' {
		s.pos++
		return
	}
	for !s.bad {
		s.space()
		element()
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return
		default:
			s.fail()
			return
		}
	}
}

// skip passes over one value.
func (s *scanner) skip(depth int) {
	switch s.peek() {
	case '{':
		s.object(nil, depth+1)
	case '[':
		s.array(depth, func() { s.skip(depth + 1) })
	case '"':
		s.skipString()
	case 't', 'f', 'n':
		s.leaf()
	default:
		if !s.number() {
			s.fail()
		}
	}
}

// leaf reads a string, number or literal.
func (s *scanner) leaf() (value, bool) {
	switch c := s.peek(); {
	case c == '"':
		return value{kind: kindString, str: s.str()}, !s.bad
	case c == 't':
		return value{kind: kindTrue}, s.literal("true")
	case c == 'f':
		return value{kind: kindFalse}, s.literal("false")
	case c == 'n':
		return value{kind: kindNull}, s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		start := s.pos
		if !s.number() {
			s.fail()
			return value{}, false
		}
		v, ok := numberValue(bytesString(s.in[start:s.pos]))
		if !ok {
			s.fail()
		}
		return v, ok
	}
	s.fail()
	return value{}, false
}

// number passes over a number, reporting whether it is one by JSON's
// grammar (which, unlike strconv, refuses "01", "+1" and "1.").
func (s *scanner) number() bool {
	i, in := s.pos, s.in
	digits := func() int {
		from := i
		for i < len(in) && in[i] >= '0' && in[i] <= '9' {
			i++
		}
		return i - from
	}
	if i < len(in) && in[i] == '-' {
		i++
	}
	if i < len(in) && in[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(in) && in[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	s.pos = i
	return true
}

func (s *scanner) literal(word string) bool {
	if len(s.in)-s.pos < len(word) || string(s.in[s.pos:s.pos+len(word)]) != word {
		s.fail()
		return false
	}
	s.pos += len(word)
	return true
}
