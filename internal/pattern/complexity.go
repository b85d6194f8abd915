package pattern

import (
	"fmt"
	"slices"
)

// EventBridge refuses wildcard patterns that would make its matcher slow
// ("Rule is too complex …"). The measure is event-ruler's
// MachineComplexityEvaluator: the largest number of wildcard pattern
// prefixes that one input value can match at the same time, counted over
// the distinct wildcard patterns of one field (a pattern and the same
// pattern followed by its star count as two prefixes; anything-but
// wildcards do not count). Ruler evaluates its compiled byte machine; we
// evaluate the same quantity on the patterns directly, by running the
// nondeterministic automaton of their prefixes over every class of input
// it can tell apart.
//
// AWS does not publish its threshold. The answers we know bound it: the
// recorded "/Users/*/dir/dir/dir/dir/dir/doc.txt" (complexity 7) is
// accepted and "*:*:*:*:*:event-bus/*" (11) refused; a user's report
// (a Terraform module's comment) has four patterns "*/datasync/*.bif",
// "….tif", "….tiff", "….svs" on one field (16) refused where two of them
// (8) and the four "*.bif", "*.tiff", "*.tif", "*.svs" (8) pass. We refuse
// above 10, the limit another emulator settled on from the same evidence.
const maxWildcardComplexity = 10

// maxComplexityStates caps the sets of prefixes the evaluation explores; a
// field whose patterns need more is treated as too complex.
const maxComplexityStates = 20000

const wildcardTooComplex = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"

// checkWildcardComplexity refuses a pattern whose wildcards on some field
// exceed maxWildcardComplexity.
func checkWildcardComplexity(alts [][]clause) error {
	byField := map[int][]*wildcard{}
	seen := map[string]bool{}
	for _, alt := range alts {
		for _, cl := range alt {
			for i := range cl.ops {
				o := &cl.ops[i]
				if o.kind != opWildcard {
					continue
				}
				if key := fmt.Sprintf("%d %q", cl.field, o.args.globs[0].parts); !seen[key] {
					seen[key] = true
					byField[cl.field] = append(byField[cl.field], &o.args.globs[0])
				}
			}
		}
	}
	for _, globs := range byField {
		if wildcardComplexity(globs, maxWildcardComplexity+1) > maxWildcardComplexity {
			return reject(wildcardTooComplex)
		}
	}
	return nil
}

// star stands for a wildcard among the bytes of a prefix automaton.
const star = -1

// prefixAutomaton holds the patterns as Ruler compiles them, each between
// JSON quotes, one token (a byte or a star) after another. State (g, k)
// says that pattern g's first k tokens match the input read so far.
type prefixAutomaton struct {
	tokens [][]int // by pattern
}

func newPrefixAutomaton(globs []*wildcard) *prefixAutomaton {
	a := &prefixAutomaton{}
	for _, w := range globs {
		toks := []int{'"'}
		for i, part := range w.parts {
			if i > 0 {
				toks = append(toks, star)
			}
			for j := 0; j < len(part); j++ {
				toks = append(toks, int(part[j]))
			}
		}
		a.tokens = append(a.tokens, append(toks, '"'))
	}
	return a
}

// state is one prefix: pattern g matched up to token k.
type state struct{ g, k int }

// closure adds to set the states a star at their end lets match nothing
// more, and returns the set sorted, as a key for the explored sets.
func (a *prefixAutomaton) closure(set []state) []state {
	for i := 0; i < len(set); i++ {
		s := set[i]
		if toks := a.tokens[s.g]; s.k < len(toks) && toks[s.k] == star {
			set = append(set, state{s.g, s.k + 1})
		}
	}
	slices.SortFunc(set, func(x, y state) int {
		if x.g != y.g {
			return x.g - y.g
		}
		return x.k - y.k
	})
	return slices.Compact(set)
}

// step returns the states reached from set on byte c; c < 0 stands for a
// byte no state expects, which only stars consume.
func (a *prefixAutomaton) step(set []state, c int) []state {
	var next []state
	for _, s := range set {
		toks := a.tokens[s.g]
		if s.k > 0 && toks[s.k-1] == star {
			next = append(next, s)
		}
		if c >= 0 && s.k < len(toks) && toks[s.k] == c {
			next = append(next, state{s.g, s.k + 1})
		}
	}
	return a.closure(next)
}

// wildcardComplexity returns the largest number of prefixes of the
// patterns that one input matches at once, or limit if that is at least
// limit or the search outgrows maxComplexityStates.
func wildcardComplexity(globs []*wildcard, limit int) int {
	a := newPrefixAutomaton(globs)
	start := make([]state, len(globs))
	for g := range globs {
		start[g] = state{g, 0}
	}
	key := func(set []state) string { return fmt.Sprint(set) }
	seen := map[string]bool{}
	queue := [][]state{a.closure(start)}
	most := 0
	for len(queue) > 0 {
		set := queue[0]
		queue = queue[1:]
		// The bytes some state expects, each leading somewhere else, and
		// one byte none expects.
		bytes := []int{star}
		for _, s := range set {
			if toks := a.tokens[s.g]; s.k < len(toks) && toks[s.k] != star {
				bytes = append(bytes, toks[s.k])
			}
		}
		for _, c := range bytes {
			next := a.step(set, c)
			if len(next) == 0 || seen[key(next)] {
				continue
			}
			if most = max(most, len(next)); most >= limit || len(seen) >= maxComplexityStates {
				return limit
			}
			seen[key(next)] = true
			queue = append(queue, next)
		}
	}
	return most
}
