package pattern

// This file holds a deliberately naive reference for SNS filter policies:
// refMatch decodes the policy and the message with encoding/json into maps
// and interprets SNS's rules directly, with no compilation, no indexes and no
// attempt at speed. The tests and fuzz targets hold the real engine to it.
//
// Where SNS's behaviour was settled and by what evidence:
//
//   - Validation follows LocalStack's FilterPolicyValidator
//     (localstack-core/localstack/services/sns/filter.py), whose messages are
//     checked against AWS in tests/aws/services/sns/test_sns_filter_policy
//     .snapshot.json, and event-ruler (aws/event-ruler, which SNS evidently runs:
//     its messages are Ruler's word for word) where LocalStack is silent.
//   - Complexity is LocalStack's aggregate_rules: the product of the lengths of
//     the value arrays, each multiplied by the depth of its key (body scope),
//     with the branches of $or summed. The recorded rejection of a nested
//     policy whose plain product is 36 but whose weighted product is 216
//     (test_sub_filter_policy_nested_property_constraints) is the evidence for
//     the depth factor.
//   - Number attributes are numbers, never strings: {"p":[100]} matches a
//     Number attribute "100" or "1e2" (AWS docs, numeric-value-matching; moto
//     test_filtering_exact_number_int, run against AWS in moto PR #6242) and a
//     String attribute "100" does not match [100] (moto
//     test_filtering_exact_number_with_string_no_match). By the same typing a
//     Number attribute does not match the string "100" nor prefix/suffix/
//     equals-ignore-case/cidr, which apply to strings only (event-ruler types;
//     moto applies prefix to Type String only).
//   - String.Array elements are matched one by one as JSON values (docs
//     string-value-matching; recorded test_exists_filter_policy_attributes_array).
//   - Binary attributes are ignored, as if absent (docs: SNS compares policy
//     properties only with String, String.Array and Number attributes).
//   - exists:false does not match when the message has no attributes at all
//     (docs attribute-key-matching).
//   - anything-but on an array (body array or String.Array) matches when some
//     element is not excluded: event-ruler's rule, and the docs' own example
//     ("[\"rugby\", \"baseball\"]" matches anything-but ["rugby","tennis"]),
//     although the newest doc sentence says "none of the elements".
//   - Body paths join keys with "." so that a policy key "a.b" and nested
//     {"a":{"b":…}} both match body {"a":{"b":…}} and {"a.b":…} (recorded
//     test_filter_policy_on_message_body_dot_attribute).
//   - Arrays in the body are transparent; several fields reached through the
//     same array of objects must come from the same element (event-ruler's
//     "array-consistent" matching; SNS runs Ruler).
//   - null in a body matches only the pattern null, and counts as present for
//     exists (event-ruler); [] and {} hold no leaf, so exists:true fails on them
//     and exists:false matches.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/attr"
)

// refMaxPolicySize is SNS's limit on the size of a filter policy.
const refMaxPolicySize = 256 * 1024

// refError is what the reference returns for a policy SNS rejects. Reason is
// AWS's text, or "" when the text is not known (only the rejection is).
func refError(reason string) error { return &Error{Reason: reason} }

// refMatch reports whether the message (attributes or body, by scope)
// matches the policy, or returns an *Error when SNS would reject the policy.
func refMatch(policy string, scope Scope, attrs map[string]attr.Value, body []byte) (bool, error) {
	p, err := refParse(policy, scope)
	if err != nil {
		return false, err
	}
	alts := refExpand(p, "", [][]refCond{nil})
	var leaves map[string][]refLeaf
	noAttrs := false
	if scope == ScopeAttributes {
		leaves = refAttrLeaves(attrs)
		noAttrs = len(attrs) == 0
	} else {
		v, ok := refDecode(body)
		if !ok {
			return false, nil
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return false, nil
		}
		leaves = map[string][]refLeaf{}
		next := 0
		refFlatten(obj, "", nil, leaves, &next)
	}
	for _, alt := range alts {
		if refMatchAlt(alt, leaves, noAttrs) {
			return true, nil
		}
	}
	return false, nil
}

// refDecode decodes one JSON value with numbers kept as json.Number and
// nothing after it.
func refDecode(b []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}

// ---------------------------------------------------------------------------
// Validation

// refParse decodes and validates a policy, returning it as a map.
func refParse(policy string, scope Scope) (map[string]any, error) {
	if len(policy) > refMaxPolicySize {
		return nil, refError("") // text unknown; SNS documents the 256 KB limit only
	}
	v, ok := refDecode([]byte(policy))
	if !ok {
		return nil, refError("") // Jackson's parse message, not reproduced
	}
	p, ok := v.(map[string]any)
	if !ok {
		return nil, refError("")
	}
	if len(p) > 5 {
		return nil, refError("Filter policy can not have more than 5 keys")
	}
	var rules [][]any
	combos, err := refAggregate(p, scope, 1, 1, &rules)
	if err != nil {
		return nil, err
	}
	if combos > 150 {
		return nil, refError("Filter policy is too complex")
	}
	for _, r := range rules {
		for _, rule := range r {
			if err := refValidateRule(rule); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// refAggregate is LocalStack's aggregate_rules: it collects the value arrays
// and computes the combinations, rejecting empty arrays, values that are
// neither objects nor arrays, and nesting in attribute scope.
func refAggregate(obj map[string]any, scope Scope, depth int, combos float64, rules *[][]any) (float64, error) {
	for _, k := range refKeys(obj) {
		switch v := obj[k].(type) {
		case map[string]any:
			if k == "$or" {
				return 0, refError("") // $or must be an array of objects
			}
			c, err := refAggregate(v, scope, depth+1, combos, rules)
			if err != nil {
				return 0, err
			}
			combos = c
		case []any:
			if len(v) == 0 {
				return 0, refError("Empty arrays are not allowed")
			}
			if k == "$or" {
				if len(v) < 2 {
					return 0, refError("") // Ruler: at least 2 objects in $or
				}
				sum := 0.0
				for _, branch := range v {
					b, ok := branch.(map[string]any)
					if !ok || len(b) == 0 {
						return 0, refError("")
					}
					c, err := refAggregate(b, scope, depth, combos, rules)
					if err != nil {
						return 0, err
					}
					sum += c
				}
				combos = sum
			} else {
				*rules = append(*rules, v)
				combos *= float64(len(v)) * float64(depth)
			}
		default:
			return 0, refError(fmt.Sprintf("%q must be an object or an array", k))
		}
	}
	if scope == ScopeAttributes && depth > 1 {
		return 0, refError("Filter policy scope MessageAttributes does not support nested filter policy")
	}
	return combos, nil
}

// refValidateRule checks one element of a value array.
func refValidateRule(rule any) error {
	switch r := rule.(type) {
	case nil, string, bool:
		return nil
	case json.Number:
		f, err := strconv.ParseFloat(string(r), 64)
		if err != nil || f <= -1e9 || f >= 1e9 {
			// SNS's numbers run from -1e9 to 1e9 (docs); AWS answers a number
			// outside with InternalFailure and no message (moto
			// test_subscribe_invalid_filter_policy, {"store":[1000000001]}).
			return refError("")
		}
		return nil
	case []any:
		return refError("Match value must be String, number, true, false, or null")
	case map[string]any:
		if len(r) != 1 {
			if len(r) == 0 {
				return refError("") // Ruler: "Empty objects are not allowed"; not recorded for SNS
			}
			return refError("Only one key allowed in match expression")
		}
		var op string
		var val any
		for op, val = range r {
		}
		switch op {
		case "prefix", "suffix", "equals-ignore-case":
			if _, ok := val.(string); !ok {
				return refError(op + " match pattern must be a string")
			}
			return nil
		case "anything-but":
			return refValidateAnythingBut(val)
		case "exists":
			if _, ok := val.(bool); !ok {
				return refError("exists match pattern must be either true or false.")
			}
			return nil
		case "numeric":
			return refValidateNumeric(val)
		case "cidr":
			return refValidateCIDR(val)
		default:
			return refError("Unrecognized match type " + op)
		}
	}
	return refError("")
}

func refValidateAnythingBut(val any) error {
	switch v := val.(type) {
	case string:
		return nil
	case json.Number:
		return refValidateRule(v)
	case []any:
		if len(v) == 0 {
			return refError("")
		}
		strs, nums := 0, 0
		for _, e := range v {
			switch e.(type) {
			case string:
				strs++
			case json.Number:
				if err := refValidateRule(e); err != nil {
					return err
				}
				nums++
			default:
				return refError("") // Ruler: "Inside anything but list, start|null|boolean is not supported."
			}
		}
		if strs > 0 && nums > 0 {
			return refError("") // Ruler: a list is all strings or all numbers
		}
		return nil
	case map[string]any:
		for _, k := range refKeys(v) {
			if k != "prefix" {
				return refError("Unsupported anything-but pattern: " + k)
			}
		}
		if len(v) != 1 {
			return refError("")
		}
		s, ok := v["prefix"].(string)
		if !ok {
			return refError("prefix match pattern must be a string")
		}
		if s == "" {
			return refError("") // Ruler: "Null prefix/suffix not allowed"; not recorded for SNS
		}
		return nil
	}
	return refError("") // Ruler: "Value of anything-but must be an array or single string/number value."
}

// refValidateNumeric is LocalStack's _validate_numeric_condition, whose texts
// are all recorded against AWS (test_validate_policy_numeric_operator).
func refValidateNumeric(val any) error {
	list, ok := val.([]any)
	if !ok {
		return refError("Value of numeric must be an array.") // Ruler; recorded for EventBridge
	}
	if len(list) == 0 {
		return refError("Invalid member in numeric match: ]")
	}
	op, ok := list[0].(string)
	if !ok {
		return refError("Invalid member in numeric match: " + refText(list[0]))
	}
	if !slices.Contains([]string{"<", "<=", "=", ">", ">="}, op) {
		return refError("Unrecognized numeric range operator: " + op)
	}
	name := op
	if op == "=" {
		name = "equals"
	}
	if len(list) < 2 {
		return refError("Value of " + name + " must be numeric")
	}
	lo, ok := list[1].(json.Number)
	if !ok {
		return refError("Value of " + name + " must be numeric")
	}
	if len(list) == 2 {
		return nil
	}
	if op != ">" && op != ">=" {
		return refError("Too many elements in numeric expression")
	}
	op2, ok := list[2].(string)
	if !ok {
		return refError("Bad value in numeric range: " + refText(list[2]))
	}
	if op2 != "<" && op2 != "<=" {
		return refError("Bad numeric range operator: " + op2)
	}
	if len(list) < 4 {
		return refError("Value of " + op2 + " must be numeric")
	}
	hi, ok := list[3].(json.Number)
	if !ok {
		return refError("Value of " + op2 + " must be numeric")
	}
	if refFloat(hi) <= refFloat(lo) {
		return refError("Bottom must be less than top")
	}
	if len(list) > 4 {
		return refError("Too many terms in numeric range expression")
	}
	return nil
}

var (
	refIPv4Re = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`)
	refIPv6Re = regexp.MustCompile(`^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$`)
	refMaskRe = regexp.MustCompile(`^[+-]?[0-9]+$`)
)

// refValidateCIDR follows event-ruler's CIDR.cidr (messages are Ruler's;
// LocalStack reproduces the first three and notes that a non-string cidr gets
// the prefix message).
func refValidateCIDR(val any) error {
	s, ok := val.(string)
	if !ok {
		return refError("prefix match pattern must be a string")
	}
	parts := strings.Split(s, "/")
	// Java's String.split drops trailing empty strings.
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) != 2 {
		return refError("Malformed CIDR, one '/' required")
	}
	if !refMaskRe.MatchString(parts[1]) {
		return refError("Malformed CIDR, mask bits must be an integer")
	}
	bits, err := strconv.ParseInt(parts[1], 10, 32)
	if err != nil {
		return refError("Malformed CIDR, mask bits must be an integer")
	}
	if bits < 0 {
		return refError("Malformed CIDR, mask bits must not be negative")
	}
	ip, ok := refParseIP(parts[0])
	if !ok {
		return refError("Nonstandard IP address: " + parts[0])
	}
	if ip.Is4() && bits > 31 {
		return refError("IPv4 mask bits must be < 32")
	}
	if ip.Is6() && bits > 127 {
		return refError("IPv6 mask bits must be < 128")
	}
	return nil
}

// refParseIP parses an IPv4 or IPv6 literal as event-ruler accepts one; an
// IPv4-mapped IPv6 address is an IPv4 address, as Java's InetAddress has it.
func refParseIP(s string) (netip.Addr, bool) {
	if !refIPv4Re.MatchString(s) && !refIPv6Re.MatchString(s) {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(s)
	if err != nil || ip.Zone() != "" {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}

// ---------------------------------------------------------------------------
// Matching

// refCond is one field of one alternative: the joined path and its array of
// patterns (OR'ed).
type refCond struct {
	path     string
	patterns []any
}

// refExpand turns a policy object into its alternatives ($or expanded), each
// a list of conditions on joined paths.
func refExpand(obj map[string]any, prefix string, alts [][]refCond) [][]refCond {
	for _, k := range refKeys(obj) {
		switch v := obj[k].(type) {
		case []any:
			if k == "$or" {
				var out [][]refCond
				for _, b := range v {
					out = append(out, refExpand(b.(map[string]any), prefix, alts)...)
				}
				alts = out
				continue
			}
			c := refCond{path: prefix + k, patterns: v}
			next := make([][]refCond, len(alts))
			for i, a := range alts {
				next[i] = append(slices.Clip(a), c)
			}
			alts = next
		case map[string]any:
			alts = refExpand(v, prefix+k+".", alts)
		}
	}
	return alts
}

// refLeaf is one scalar value of the message: a string, a json.Number, a
// bool or nil, with the array elements it lies in (array id → index).
type refLeaf struct {
	value  any
	arrays map[int]int
}

// refFlatten collects the leaves of a body value under their joined paths.
func refFlatten(v any, path string, arrays map[int]int, out map[string][]refLeaf, next *int) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			refFlatten(e, p, arrays, out, next)
		}
	case []any:
		id := *next
		*next++
		for i, e := range x {
			m := make(map[int]int, len(arrays)+1)
			for a, j := range arrays {
				m[a] = j
			}
			m[id] = i
			refFlatten(e, path, m, out, next)
		}
	default:
		out[path] = append(out[path], refLeaf{value: x, arrays: arrays})
	}
}

// refAttrLeaves turns message attributes into leaves: String → a string,
// Number → a number, String.Array → its elements, Binary → nothing.
func refAttrLeaves(attrs map[string]attr.Value) map[string][]refLeaf {
	out := map[string][]refLeaf{}
	for name, a := range attrs {
		switch {
		case a.DataType == "String.Array":
			v, ok := refDecode([]byte(a.StringValue))
			list, isList := v.([]any)
			if !ok || !isList {
				continue // not an array: SNS would have refused the publish
			}
			for _, e := range list {
				switch e.(type) {
				case map[string]any, []any:
					continue
				}
				out[name] = append(out[name], refLeaf{value: e})
			}
		case a.DataType == "String" || strings.HasPrefix(a.DataType, "String."):
			out[name] = append(out[name], refLeaf{value: a.StringValue})
		case a.DataType == "Number" || strings.HasPrefix(a.DataType, "Number."):
			out[name] = append(out[name], refLeaf{value: json.Number(a.StringValue)})
		}
	}
	return out
}

// refMatchAlt reports whether every condition of an alternative is met by
// leaves whose array memberships agree.
func refMatchAlt(alt []refCond, leaves map[string][]refLeaf, noAttrs bool) bool {
	var try func(i int, arrays map[int]int) bool
	try = func(i int, arrays map[int]int) bool {
		if i == len(alt) {
			return true
		}
		c := alt[i]
		for _, p := range c.patterns {
			if m, ok := p.(map[string]any); ok {
				if want, ok := m["exists"].(bool); ok {
					if !want {
						if len(leaves[c.path]) == 0 && !noAttrs && try(i+1, arrays) {
							return true
						}
						continue
					}
				}
			}
			for _, l := range leaves[c.path] {
				if !refValueMatches(p, l.value) || !refConsistent(arrays, l.arrays) {
					continue
				}
				if try(i+1, refUnion(arrays, l.arrays)) {
					return true
				}
			}
		}
		return false
	}
	return try(0, nil)
}

// refArrayConsistent selects event-ruler's array-consistent matching; false
// (the engine's choice) makes each field match independently, as LocalStack
// and moto do.
var refArrayConsistent = false

func refConsistent(a, b map[int]int) bool {
	if !refArrayConsistent {
		return true
	}
	for id, i := range a {
		if j, ok := b[id]; ok && i != j {
			return false
		}
	}
	return true
}

func refUnion(a, b map[int]int) map[int]int {
	m := make(map[int]int, len(a)+len(b))
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// refValueMatches reports whether one pattern matches one present value.
func refValueMatches(p, v any) bool {
	switch pt := p.(type) {
	case map[string]any:
		for op, arg := range pt {
			return refOperator(op, arg, v)
		}
		return false
	default:
		return refEqual(p, v)
	}
}

// refEqual is exact equality of JSON scalars: same type, numbers by value.
func refEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case json.Number:
		y, ok := b.(json.Number)
		return ok && refFloat(x) == refFloat(y)
	}
	return false
}

func refOperator(op string, arg, v any) bool {
	s, isString := v.(string)
	switch op {
	case "exists":
		return arg.(bool) // a present value; exists:false is handled by the caller
	case "prefix", "suffix", "equals-ignore-case", "wildcard":
		if m, ok := arg.(map[string]any); ok { // EventBridge's {"prefix": {"equals-ignore-case": …}}
			return isString && refStringTest(op+"-ignore-case", m["equals-ignore-case"].(string), s)
		}
		return isString && refStringTest(op, arg.(string), s)
	case "anything-but":
		switch a := arg.(type) {
		case []any:
			for _, e := range a {
				if refEqual(e, v) {
					return false
				}
			}
			return true
		case map[string]any:
			if !isString {
				return true
			}
			for name, texts := range a {
				if t, ok := texts.(string); ok {
					texts = []any{t}
				}
				for _, t := range texts.([]any) {
					if refStringTest(name, t.(string), s) {
						return false
					}
				}
			}
			return true
		default:
			return !refEqual(a, v)
		}
	case "numeric":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		x := refFloat(n)
		list := arg.([]any)
		for i := 0; i+1 < len(list); i += 2 {
			y := refFloat(list[i+1].(json.Number))
			var ok bool
			switch list[i].(string) {
			case "=":
				ok = x == y
			case "<":
				ok = x < y
			case "<=":
				ok = x <= y
			case ">":
				ok = x > y
			case ">=":
				ok = x >= y
			}
			if !ok {
				return false
			}
		}
		return true
	case "cidr":
		if !isString {
			return false
		}
		ip, ok := refParseIP(s)
		if !ok {
			return false
		}
		cidr := arg.(string)
		slash := strings.IndexByte(cidr, '/')
		base, _ := refParseIP(cidr[:slash])
		bits, _ := strconv.Atoi(strings.TrimPrefix(cidr[slash+1:], "+"))
		pfx, err := base.Prefix(bits)
		return err == nil && pfx.Contains(ip)
	}
	return false
}

// refStringTest applies a string operator (prefix, suffix, their
// "-ignore-case" forms, equals-ignore-case or wildcard) with text to s.
func refStringTest(op, text, s string) bool {
	switch op {
	case "prefix":
		return strings.HasPrefix(s, text)
	case "suffix":
		return strings.HasSuffix(s, text)
	case "equals-ignore-case":
		return strings.EqualFold(s, text)
	case "prefix-ignore-case":
		rs, rt := []rune(s), []rune(text)
		return len(rt) <= len(rs) && refRunesFold(rs[:len(rt)], rt)
	case "suffix-ignore-case":
		rs, rt := []rune(s), []rune(text)
		return len(rt) <= len(rs) && refRunesFold(rs[len(rs)-len(rt):], rt)
	case "wildcard":
		return refWildcardMatch(refWildcardTokens(text), []byte(s))
	}
	panic("unknown string operator " + op)
}

// refRunesFold compares rune slices of equal length ignoring case.
func refRunesFold(a, b []rune) bool {
	for i := range a {
		if !strings.EqualFold(string(a[i]), string(b[i])) {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Helpers

func refKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// refFloat reads a number; one beyond the doubles is an infinity, as Java
// reads it.
func refFloat(n json.Number) float64 {
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return math.NaN()
	}
	return f
}

// refText renders a JSON value as Ruler's messages quote it.
func refText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}
