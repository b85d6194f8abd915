package jsonpath

import "regexp"

// Root says what a path starts from.
type Root uint8

const (
	Input    Root = iota // "$": the state input (or the value given)
	Context              // "$$": the Step Functions context object
	Variable             // "$name": a workflow variable (name in Path.Variable)
	current              // "@": the item a filter tests (only inside filters)
)

// String returns "Input", "Context" or "Variable".
func (r Root) String() string {
	switch r {
	case Input:
		return "Input"
	case Context:
		return "Context"
	case Variable:
		return "Variable"
	}
	return "Current"
}

// Path is a compiled JSONPath expression, made by [Parse] or
// [ParseReference]; the zero Path is not a valid path. A Path is immutable
// and safe for concurrent use.
type Path struct {
	text     string
	root     Root
	variable string
	steps    []step
	definite bool
	// inverted marks a path that starts with a deep scan and ends with a
	// function, such as "$..price.sum()": Jayway applies the function to all
	// the scan's matches at once rather than to each.
	inverted bool
}

// stepKind is what one step of a path does.
type stepKind uint8

const (
	stepName     stepKind = iota // .a, ['a']
	stepNames                    // ['a','b']: merged into one object as the last step, iterated before
	stepIndex                    // [0], [-1]
	stepIndexes                  // [0,2]
	stepSlice                    // [1:3], [:2], [-3:]
	stepWildcard                 // .*, [*]
	stepScan                     // .. (always followed by the step it scans for)
	stepFilter                   // [?(...)]
	stepFunc                     // .length() and the other functions, always last
)

// step is one step of a path.
type step struct {
	kind    stepKind
	pos     int    // byte offset of the step in the expression, for errors
	upDef   bool   // every step before this one is definite (Jayway's isUpstreamDefinite)
	name    string // stepName
	names   []string
	quote   byte // the quote Jayway prints a name with: ' or "
	index   int  // stepIndex
	indexes []int
	from    int // stepSlice
	to      int
	hasFrom bool
	hasTo   bool
	filter  *expr    // stepFilter
	fn      funcKind // stepFunc
	fnArg   int      // the argument of index(n)
}

// tokenDefinite is Jayway's PathToken.isTokenDefinite: whether the step can
// select at most one value. Several names are definite only as the last step,
// where Jayway merges them into one object.
func (s *step) tokenDefinite(leaf bool) bool {
	switch s.kind {
	case stepName, stepIndex, stepFunc:
		return true
	case stepNames:
		return leaf
	}
	return false
}

// exprKind is the kind of a filter expression node.
type exprKind uint8

const (
	exprOr exprKind = iota
	exprAnd
	exprNot
	exprRel
)

// expr is a node of a filter expression.
type expr struct {
	kind  exprKind
	subs  []*expr // exprOr, exprAnd; exprNot has one
	left  operand // exprRel
	op    relOp
	right operand
}

// relOp is a relational operator of a filter.
type relOp uint8

const (
	opExists relOp = iota // a path alone: does it select anything
	opEq
	opNe
	opTSEq // ===
	opTSNe // !==
	opLt
	opLe
	opGt
	opGe
	opRegex
	opIn
	opNin
	opSubsetOf
	opAnyOf
	opNoneOf
	opSize
	opEmpty
	opContains
	opAll
	opExistsOp // the word operator "exists"
)

var relOpText = [...]string{
	opExists: "", opEq: "==", opNe: "!=", opTSEq: "===", opTSNe: "!==",
	opLt: "<", opLe: "<=", opGt: ">", opGe: ">=", opRegex: "=~",
	opIn: "in", opNin: "nin", opSubsetOf: "subsetof", opAnyOf: "anyof", opNoneOf: "noneof",
	opSize: "size", opEmpty: "empty", opContains: "contains", opAll: "all", opExistsOp: "exists",
}

// operandKind is the kind of one side of a filter comparison.
type operandKind uint8

const (
	operPath operandKind = iota
	operString
	operNumber
	operBool
	operNull
	operJSON
	operRegex
)

// operand is one side of a filter comparison.
type operand struct {
	kind operandKind
	path *Path // operPath, rooted at @ or $
	// notExists marks a path written after "!": alone it tests absence;
	// before an operator Jayway ignores the "!".
	notExists bool
	str       string // operString
	num       decimal
	text      string // source text of a number, JSON or regex literal
	b         bool
	json      any // operJSON, parsed
	re        *regexp.Regexp
}

// Root returns what the path starts from.
func (p *Path) Root() Root { return p.root }

// Variable returns the variable's name for a path whose Root is Variable,
// without the "$"; otherwise "".
func (p *Path) Variable() string { return p.variable }

// Definite reports whether the path selects at most one value, as Jayway
// decides it: no wildcard, deep scan, filter, slice, list of indexes, or list
// of names except as the last step (where Jayway merges the names into one
// object). A path that starts with a deep scan and ends with a function is
// definite: the function sees all the matches at once.
func (p *Path) Definite() bool { return p.definite }

// String returns the expression the path was parsed from.
func (p *Path) String() string { return p.text }

// isReference reports whether every step selects one child by name or
// index: what a Reference Path may use, and what Set can write through.
func (p *Path) isReference() bool {
	for i := range p.steps {
		if k := p.steps[i].kind; k != stepName && k != stepIndex {
			return false
		}
	}
	return true
}
