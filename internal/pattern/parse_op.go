package pattern

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
)

// SNS's numeric range: numbers from -1e9 to 1e9.
const maxNumeric = 1e9

// parseOp compiles one element of a field's value array.
func parseOp(item any) (op, error) {
	switch v := item.(type) {
	case string:
		return op{kind: opExact, val: value{kind: kindString, str: v}}, nil
	case json.Number:
		n, err := policyNumber(v)
		if err != nil {
			return op{}, err
		}
		return op{kind: opExact, val: value{kind: kindNumber, num: n}}, nil
	case bool:
		k := kindFalse
		if v {
			k = kindTrue
		}
		return op{kind: opExact, val: value{kind: k}}, nil
	case nil:
		return op{kind: opExact, val: value{kind: kindNull}}, nil
	case map[string]any:
		return parseMatchExpression(v)
	}
	return op{}, reject("Match value must be String, number, true, false, or null")
}

// parseMatchExpression compiles an operator object such as {"prefix": "x"}.
func parseMatchExpression(m map[string]any) (op, error) {
	if len(m) != 1 {
		if len(m) == 0 {
			return op{}, reject("Empty objects are not allowed")
		}
		return op{}, reject("Only one key allowed in match expression")
	}
	for name, arg := range m {
		switch name {
		case "prefix", "suffix", "equals-ignore-case":
			s, ok := arg.(string)
			if !ok {
				return op{}, reject(name + " match pattern must be a string")
			}
			kind := map[string]opKind{"prefix": opPrefix, "suffix": opSuffix, "equals-ignore-case": opEqualsIgnoreCase}[name]
			return op{kind: kind, str: s}, nil
		case "anything-but":
			return parseAnythingBut(arg)
		case "numeric":
			return parseNumeric(arg)
		case "exists":
			b, ok := arg.(bool)
			if !ok {
				return op{}, reject("exists match pattern must be either true or false.")
			}
			if b {
				return op{kind: opExists}, nil
			}
			return op{kind: opNotExists}, nil
		case "cidr":
			return parseCIDR(arg)
		default:
			return op{}, reject("Unrecognized match type " + name)
		}
	}
	panic("unreachable")
}

// parseAnythingBut compiles anything-but with a value, a list of strings
// or of numbers, or {"prefix": …}: the forms SNS accepts.
func parseAnythingBut(arg any) (op, error) {
	switch v := arg.(type) {
	case string, json.Number:
		val, err := parseOp(v)
		return op{kind: opAnythingBut, set: []value{val.val}}, err
	case []any:
		if len(v) == 0 {
			return op{}, reject("Empty arrays are not allowed")
		}
		o := op{kind: opAnythingBut}
		for _, item := range v {
			switch item.(type) {
			case string, json.Number:
			default:
				return op{}, reject("Inside anything but list, start|null|boolean is not supported.")
			}
			val, err := parseOp(item)
			if err != nil {
				return op{}, err
			}
			if len(o.set) > 0 && o.set[0].kind != val.val.kind {
				return op{}, reject("Inside anything but list, all values must be of the same type.")
			}
			o.set = append(o.set, val.val)
		}
		return o, nil
	case map[string]any:
		if len(v) != 1 {
			return op{}, reject("Only one key allowed in match expression")
		}
		for name, inner := range v {
			if name != "prefix" {
				return op{}, reject("Unsupported anything-but pattern: " + name)
			}
			s, ok := inner.(string)
			if !ok {
				return op{}, reject("prefix match pattern must be a string")
			}
			if s == "" {
				return op{}, reject("Null prefix not allowed")
			}
			return op{kind: opAnythingButPrefix, str: s}, nil
		}
	}
	return op{}, reject("Value of anything-but must be an array or single string/number value.")
}

// parseNumeric compiles ["op", n] or a range ["op", n, "op", m] with a
// lower bound (> or >=) then an upper one (< or <=), with event-ruler's
// complaints, which SNS passes on.
func parseNumeric(arg any) (op, error) {
	list, ok := arg.([]any)
	if !ok {
		return op{}, reject("Value of numeric must be an array.")
	}
	if len(list) == 0 {
		return op{}, reject("Invalid member in numeric match: ]")
	}
	name, ok := list[0].(string)
	if !ok {
		return op{}, reject("Invalid member in numeric match: " + compactJSON(list[0]))
	}
	if !isNumericOperator(name) {
		return op{}, reject("Unrecognized numeric range operator: " + name)
	}
	n, err := numericOperand(name, list, 1)
	if err != nil {
		return op{}, err
	}
	var r numericRange
	switch name {
	case "=":
		r = numericRange{lo: n, hi: n, hasLo: true, hasHi: true, loInclusive: true, hiInc: true}
	case "<", "<=":
		r = numericRange{hi: n, hasHi: true, hiInc: name == "<="}
	default:
		r = numericRange{lo: n, hasLo: true, loInclusive: name == ">="}
	}
	if len(list) == 2 {
		return op{kind: opNumeric, num: r}, nil
	}
	if !r.hasLo || r.hasHi {
		return op{}, reject("Too many elements in numeric expression")
	}
	upper, ok := list[2].(string)
	if !ok {
		return op{}, reject("Bad value in numeric range: " + compactJSON(list[2]))
	}
	if upper != "<" && upper != "<=" {
		return op{}, reject("Bad numeric range operator: " + upper)
	}
	if n, err = numericOperand(upper, list, 3); err != nil {
		return op{}, err
	}
	if len(list) > 4 {
		return op{}, reject("Too many terms in numeric range expression")
	}
	r.hi, r.hasHi, r.hiInc = n, true, upper == "<="
	if r.lo >= r.hi {
		return op{}, reject("Bottom must be less than top")
	}
	return op{kind: opNumeric, num: r}, nil
}

// numericOperand reads the number after operator name at list[i].
func numericOperand(name string, list []any, i int) (float64, error) {
	word := name
	if name == "=" {
		word = "equals"
	}
	if i >= len(list) {
		return 0, reject("Value of " + word + " must be numeric")
	}
	num, ok := list[i].(json.Number)
	if !ok {
		return 0, reject("Value of " + word + " must be numeric")
	}
	return policyNumber(num)
}

func isNumericOperator(s string) bool {
	switch s {
	case "=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

// policyNumber reads a number in a policy, within SNS's range.
func policyNumber(n json.Number) (float64, error) {
	f, ok := jsonNumber(n)
	if !ok || f < -maxNumeric || f > maxNumeric {
		return 0, reject("Numeric value " + n.String() + " is out of range [-1.0E9, 1.0E9]")
	}
	return f, nil
}

// parseCIDR compiles a cidr operator, with event-ruler's complaints.
func parseCIDR(arg any) (op, error) {
	s, ok := arg.(string)
	if !ok {
		return op{}, reject("prefix match pattern must be a string")
	}
	addr, bits, found := strings.Cut(s, "/")
	if !found || bits == "" || strings.Contains(bits, "/") {
		return op{}, reject("Malformed CIDR, one '/' required")
	}
	a, err := netip.ParseAddr(addr)
	if err != nil || a.Zone() != "" {
		return op{}, reject("Nonstandard IP address: " + addr)
	}
	n, err := strconv.Atoi(bits)
	switch {
	case err != nil:
		return op{}, reject("Malformed CIDR, mask bits must be an integer")
	case n < 0:
		return op{}, reject("Malformed CIDR, mask bits must not be negative")
	case a.Is4() && n > 31:
		return op{}, reject("IPv4 mask bits must be < 32")
	case a.Is6() && n > 127:
		return op{}, reject("IPv6 mask bits must be < 128")
	}
	p, _ := a.Prefix(n)
	return op{kind: opCIDR, cidr: p}, nil
}
