package pattern

// This file extends the naive reference (reference_test.go) to EventBridge
// event patterns: refMatchEvent decodes the pattern and the event with
// encoding/json and interprets them, sharing the SNS reference's $or
// expansion, flattening and operator evaluation.
//
// Validation follows event-ruler's JsonRuleCompiler (aws/event-ruler
// v2.0, whose messages EventBridge returns word for word, several recorded
// in LocalStack's test_events_patterns.snapshot.json), walking object keys
// in sorted order as the engine does. What the engine also does and this
// reference does on its own terms:
//
//   - wildcards are matched by dynamic programming over bytes, not by
//     placing literal runs;
//   - the ignore-case prefix and suffix compare rune slices with
//     strings.EqualFold, not folded strings;
//   - the wildcard complexity is counted over explicit sets of
//     "pattern:position" strings.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// refMatchEvent reports whether event matches the pattern, or returns an
// *Error when EventBridge would refuse the pattern.
func refMatchEvent(pattern string, event []byte) (bool, error) {
	p, err := refParseEventPattern(pattern)
	if err != nil {
		return false, err
	}
	if !utf8.Valid(event) {
		return false, nil // not Unicode text: no event at all (see runeLen)
	}
	leaves, ok := refEventLeaves(event)
	if !ok {
		return false, nil
	}
	for _, alt := range refExpand(p, "", [][]refCond{nil}) {
		if refMatchAlt(alt, leaves, false) {
			return true, nil
		}
	}
	return false, nil
}

// refEventLeaves decodes an event, which must be a JSON object, and
// collects its leaves under their joined paths with the array elements
// they lie in. It reads the tokens in order rather than decoding into
// maps, so that a key written twice contributes both values, as Ruler's
// streaming flattener sees them.
func refEventLeaves(event []byte) (map[string][]refLeaf, bool) {
	if v, ok := refDecode(event); !ok {
		return nil, false
	} else if _, ok := v.(map[string]any); !ok {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(event))
	dec.UseNumber()
	out := map[string][]refLeaf{}
	next := 0
	// prefix is the path of the value being read followed by a dot, or ""
	// for the event itself (so that an empty key still adds a segment).
	var walk func(prefix string, arrays map[int]int)
	walk = func(prefix string, arrays map[int]int) {
		tok, _ := dec.Token() // well-formed: refDecode read it
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				key, _ := dec.Token()
				walk(prefix+key.(string)+".", arrays)
			}
			dec.Token()
		case json.Delim('['):
			id := next
			next++
			for i := 0; dec.More(); i++ {
				m := map[int]int{id: i}
				for a, j := range arrays {
					m[a] = j
				}
				walk(prefix, m)
			}
			dec.Token()
		default:
			path := strings.TrimSuffix(prefix, ".")
			out[path] = append(out[path], refLeaf{value: tok, arrays: arrays})
		}
	}
	walk("", nil)
	return out, true
}

// refParseEventPattern decodes and validates an event pattern.
func refParseEventPattern(pattern string) (map[string]any, error) {
	if len(utf16.Encode([]rune(pattern))) > 2048 {
		return nil, refError("Event pattern must not be longer than 2048 characters")
	}
	if strings.Trim(pattern, " \t\n\r") == "" {
		return nil, refError("Filter is not an object") // Ruler finds no first token
	}
	v, ok := refDecode([]byte(pattern))
	if !ok {
		return nil, refError("") // Jackson's message; see jackson.go
	}
	p, ok := v.(map[string]any)
	if !ok {
		return nil, refError("Filter is not an object")
	}
	if err := refValidateEventObject(p, false); err != nil {
		return nil, err
	}
	if refAlternatives(p) > 1000 {
		return nil, refError("Event pattern has more than 1000 combinations of $or branches")
	}
	if err := refCheckComplexity(p); err != nil {
		return nil, err
	}
	return p, nil
}

// refValidateEventObject checks one object of the pattern.
func refValidateEventObject(obj map[string]any, inOr bool) error {
	if len(obj) == 0 {
		return refError("Empty objects are not allowed")
	}
	for _, k := range refKeys(obj) {
		if k == "$or" {
			branches, ok := obj[k].([]any)
			if !ok {
				return refError("It must be an Array followed with $or.")
			}
			for _, b := range branches {
				bo, ok := b.(map[string]any)
				if !ok {
					return refError("Only JSON object is allowed in array of $or relationship.")
				}
				if err := refValidateEventObject(bo, true); err != nil {
					return err
				}
			}
			if len(branches) < 2 {
				return refError("There must have at least 2 Objects in $or relationship.")
			}
			continue
		}
		if inOr && slices.Contains(refReservedInOr, k) {
			return refError(k + " is Ruler reserved fieldName which cannot be used inside $or.")
		}
		switch v := obj[k].(type) {
		case map[string]any:
			if err := refValidateEventObject(v, inOr); err != nil {
				return err
			}
		case []any:
			if len(v) == 0 {
				return refError("Empty arrays are not allowed")
			}
			for _, rule := range v {
				if err := refValidateEventRule(rule); err != nil {
					return err
				}
			}
		default:
			return refError(`"` + k + `" must be an object or an array`) // unescaped, as Ruler's String.format writes it
		}
	}
	return nil
}

var refReservedInOr = []string{"exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard",
	"numeric", "cidr", "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after",
	"date-on-or-after", "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range"}

// refValidateEventRule checks one element of a value array.
func refValidateEventRule(rule any) error {
	switch r := rule.(type) {
	case nil, string, bool, json.Number:
		return nil
	case map[string]any:
		if len(r) == 0 {
			return refError("Match expression name not found")
		}
		if len(r) > 1 {
			return refError("Only one key allowed in match expression")
		}
		op := refKeys(r)[0]
		val := r[op]
		switch op {
		case "prefix", "suffix":
			if m, ok := val.(map[string]any); ok {
				return refValidateAffixIgnoreCase(op, m)
			}
			if _, ok := val.(string); !ok {
				return refError(op + " match pattern must be a string")
			}
			return nil
		case "equals-ignore-case":
			if _, ok := val.(string); !ok {
				return refError("equals-ignore-case match pattern must be a string")
			}
			return nil
		case "wildcard":
			s, ok := val.(string)
			if !ok {
				return refError("wildcard match pattern must be a string")
			}
			return refWildcardSyntax(s)
		case "anything-but":
			return refValidateEventAnythingBut(val)
		case "exists":
			if _, ok := val.(bool); !ok {
				return refError("exists match pattern must be either true or false.")
			}
			return nil
		case "numeric":
			return refValidateNumeric(val)
		case "cidr":
			return refValidateCIDR(val)
		}
		return refError("Unrecognized match type " + op)
	}
	return refError("Match value must be String, number, true, false, or null")
}

func refValidateAffixIgnoreCase(op string, m map[string]any) error {
	if len(m) == 0 {
		return refError(strings.ToUpper(op[:1]) + op[1:] + " expression name not found")
	}
	k := refKeys(m)[0]
	if k != "equals-ignore-case" {
		return refError("Unsupported " + op + " pattern: " + k)
	}
	if _, ok := m[k].(string); !ok {
		return refError("equals-ignore-case match pattern must be a string")
	}
	if len(m) > 1 {
		return refError("Only one key allowed in match expression")
	}
	return nil
}

func refValidateEventAnythingBut(val any) error {
	switch v := val.(type) {
	case string, json.Number:
		return nil
	case []any:
		strs, nums := 0, 0
		for _, e := range v {
			switch e.(type) {
			case string:
				strs++
			case json.Number:
				nums++
			default:
				return refError("Inside anything but list, start|null|boolean is not supported.")
			}
		}
		if (strs == 0) == (nums == 0) {
			return refError("Inside anything but list, either all values are number or string, mixed type is not supported")
		}
		return nil
	case map[string]any:
		if len(v) == 0 {
			return refError("Anything-But expression name not found")
		}
		op := refKeys(v)[0]
		notText := map[string]string{
			"prefix":             "prefix/suffix match pattern must be a string",
			"suffix":             "prefix/suffix match pattern must be a string",
			"equals-ignore-case": "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
			"wildcard":           "wildcard match pattern must be a string",
		}[op]
		if notText == "" {
			return refError("Unsupported anything-but pattern: " + op)
		}
		var texts []any
		switch x := v[op].(type) {
		case string, json.Number:
			texts = []any{x}
		case []any:
			if len(x) == 0 {
				return refError("Empty arrays are not allowed")
			}
			texts = x
		default:
			return refError("Value of anything-but must be an array or single string/number value.")
		}
		for _, t := range texts {
			s, ok := t.(string)
			if !ok {
				return refError(notText)
			}
			if s == "" && (op == "prefix" || op == "suffix") {
				return refError("Null prefix/suffix not allowed")
			}
		}
		if op == "wildcard" {
			for _, t := range texts {
				if err := refWildcardSyntax(t.(string)); err != nil {
					return err
				}
			}
		}
		if len(v) > 1 {
			return refError("Too many elements in numeric expression")
		}
		return nil
	}
	return refError("Value of anything-but must be an array or single string/number value.")
}

// refAlternatives counts the alternatives the $or's of obj expand to,
// capped a little above the limit.
func refAlternatives(obj map[string]any) int {
	n := 1
	for _, k := range refKeys(obj) {
		switch v := obj[k].(type) {
		case map[string]any:
			n *= refAlternatives(v)
		case []any:
			if k == "$or" {
				sum := 0
				for _, b := range v {
					sum += refAlternatives(b.(map[string]any))
				}
				n *= sum
			}
		}
		n = min(n, 1001)
	}
	return n
}

// ---------------------------------------------------------------------------
// Wildcards

// refWildcardSyntax checks a wildcard pattern as Ruler's WildcardParser
// does, on the text between JSON quotes (hence the positions plus one).
func refWildcardSyntax(s string) error {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*':
			if strings.HasPrefix(s[i:], "**") {
				return refError("Consecutive wildcard characters at pos " + strconv.Itoa(i+1))
			}
		case '\\':
			if i+1 == len(s) || (s[i+1] != '*' && s[i+1] != '\\') {
				return refError("Invalid escape character at pos " + strconv.Itoa(i+1))
			}
			i++
		}
	}
	return nil
}

// refWildcardTokens turns a wildcard pattern into bytes, with -1 for a
// star.
func refWildcardTokens(s string) []int {
	var toks []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*':
			toks = append(toks, -1)
		case '\\':
			i++
			toks = append(toks, int(s[i]))
		default:
			toks = append(toks, int(s[i]))
		}
	}
	return toks
}

// refWildcardMatch matches by dynamic programming: can[i][j] says whether
// toks[i:] matches s[j:].
func refWildcardMatch(toks []int, s []byte) bool {
	can := make([][]bool, len(toks)+1)
	for i := range can {
		can[i] = make([]bool, len(s)+1)
	}
	can[len(toks)][len(s)] = true
	for i := len(toks) - 1; i >= 0; i-- {
		for j := len(s); j >= 0; j-- {
			if toks[i] == -1 {
				can[i][j] = can[i+1][j] || j < len(s) && can[i][j+1]
			} else {
				can[i][j] = j < len(s) && int(s[j]) == toks[i] && can[i+1][j+1]
			}
		}
	}
	return can[0][0]
}

// refCheckComplexity applies the wildcard complexity limit (see
// complexity.go for where the measure and the threshold come from): per
// joined path, the distinct wildcard patterns, quoted, and the largest
// number of their prefixes one input matches at once.
func refCheckComplexity(p map[string]any) error {
	byPath := map[string][]string{}
	for _, alt := range refExpand(p, "", [][]refCond{nil}) {
		for _, c := range alt {
			for _, rule := range c.patterns {
				if m, ok := rule.(map[string]any); ok {
					if w, ok := m["wildcard"].(string); ok && !slices.Contains(byPath[c.path], w) {
						byPath[c.path] = append(byPath[c.path], w)
					}
				}
			}
		}
	}
	for _, ws := range byPath {
		if refComplexity(ws) > 10 {
			return refError("Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character")
		}
	}
	return nil
}

// refComplexity explores the sets of prefixes (pattern, position)
// inputs can reach, byte by byte over every byte the patterns name and one
// they do not, stopping above 10.
func refComplexity(patterns []string) int {
	toks := make([][]int, len(patterns))
	alphabet := []int{-1} // a byte no pattern names
	for i, w := range patterns {
		toks[i] = append(append([]int{'"'}, refWildcardTokens(w)...), '"')
		for _, t := range toks[i] {
			if t >= 0 && !slices.Contains(alphabet, t) {
				alphabet = append(alphabet, t)
			}
		}
	}
	type prefix struct{ g, k int }
	closeSet := func(set []prefix) []prefix {
		for i := 0; i < len(set); i++ {
			p := set[i]
			if p.k < len(toks[p.g]) && toks[p.g][p.k] == -1 && !slices.Contains(set, prefix{p.g, p.k + 1}) {
				set = append(set, prefix{p.g, p.k + 1})
			}
		}
		slices.SortFunc(set, func(a, b prefix) int { return (a.g-b.g)*100000 + a.k - b.k })
		return set
	}
	var start []prefix
	for g := range toks {
		start = append(start, prefix{g, 0})
	}
	queue := [][]prefix{closeSet(start)}
	seen := map[string]bool{}
	most := 0
	for len(queue) > 0 && most <= 10 && len(seen) <= 20000 {
		cur := queue[0]
		queue = queue[1:]
		for _, c := range alphabet {
			var next []prefix
			for _, p := range cur {
				if p.k > 0 && toks[p.g][p.k-1] == -1 && !slices.Contains(next, p) {
					next = append(next, p)
				}
				if p.k < len(toks[p.g]) && c >= 0 && toks[p.g][p.k] == c && !slices.Contains(next, prefix{p.g, p.k + 1}) {
					next = append(next, prefix{p.g, p.k + 1})
				}
			}
			if len(next) == 0 {
				continue
			}
			next = closeSet(next)
			if key := fmt.Sprint(next); !seen[key] {
				seen[key] = true
				most = max(most, len(next))
				queue = append(queue, next)
			}
		}
	}
	if len(seen) > 20000 {
		return 11
	}
	return most
}
