package choice

// family is what a data-test operator tests.
type family uint8

const (
	famString family = iota
	famNumeric
	famBoolean
	famTimestamp
	famMatches
	famIsNull
	famIsPresent
	famIsNumeric
	famIsString
	famIsBoolean
	famIsTimestamp
)

// relation is how a comparison operator relates Variable to its operand.
type relation uint8

const (
	relEquals relation = iota
	relLessThan
	relGreaterThan
	relLessThanEquals
	relGreaterThanEquals
)

// unordered is the comparison result of values that have no order, such
// as NaN: it satisfies no relation.
const unordered = 2

// holds reports whether c, the sign of Variable compared with the operand
// (or unordered), satisfies the relation.
func (r relation) holds(c int) bool {
	if c == unordered {
		return false
	}
	switch r {
	case relEquals:
		return c == 0
	case relLessThan:
		return c < 0
	case relGreaterThan:
		return c > 0
	case relLessThanEquals:
		return c <= 0
	default:
		return c >= 0
	}
}

// operator is one data-test operator.
type operator struct {
	name string
	fam  family
	rel  relation
	path bool // the operand is a path to the value, not the value
}

// operators maps every data-test operator name to its description. It is
// built once and never written afterwards.
var operators = buildOperators()

func buildOperators() map[string]operator {
	m := make(map[string]operator, 48)
	rels := []struct {
		suffix string
		rel    relation
	}{
		{"Equals", relEquals},
		{"LessThan", relLessThan},
		{"GreaterThan", relGreaterThan},
		{"LessThanEquals", relLessThanEquals},
		{"GreaterThanEquals", relGreaterThanEquals},
	}
	add := func(name string, fam family, rel relation) {
		m[name] = operator{name: name, fam: fam, rel: rel}
		m[name+"Path"] = operator{name: name + "Path", fam: fam, rel: rel, path: true}
	}
	for _, r := range rels {
		add("String"+r.suffix, famString, r.rel)
		add("Numeric"+r.suffix, famNumeric, r.rel)
		add("Timestamp"+r.suffix, famTimestamp, r.rel)
	}
	add("BooleanEquals", famBoolean, relEquals)
	for name, fam := range map[string]family{
		"StringMatches": famMatches,
		"IsNull":        famIsNull,
		"IsPresent":     famIsPresent,
		"IsNumeric":     famIsNumeric,
		"IsString":      famIsString,
		"IsBoolean":     famIsBoolean,
		"IsTimestamp":   famIsTimestamp,
	} {
		m[name] = operator{name: name, fam: fam}
	}
	return m
}

// isTypeTest reports whether the operator takes a boolean literal and
// tests the Variable's type or presence.
func (f family) isTypeTest() bool { return f >= famIsNull }
