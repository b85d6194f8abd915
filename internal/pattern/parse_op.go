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
func (d dialect) parseOp(item any) (op, error) {
	switch v := item.(type) {
	case string:
		return op{kind: opExact, val: value{kind: kindString, str: v}}, nil
	case json.Number:
		n, err := d.number(v)
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
		return d.parseMatchExpression(v)
	}
	return op{}, reject("Match value must be String, number, true, false, or null")
}

// parseMatchExpression compiles an operator object such as {"prefix": "x"}.
func (d dialect) parseMatchExpression(m map[string]any) (op, error) {
	if len(m) != 1 {
		if len(m) == 0 {
			return op{}, d.emptyMatchExpression()
		}
		return op{}, reject("Only one key allowed in match expression")
	}
	for name, arg := range m {
		if d == dialectEventBridge {
			if o, ok, err := parseEventBridgeOperator(name, arg); ok {
				return o, err
			}
		}
		switch name {
		case "prefix", "suffix", "equals-ignore-case":
			s, ok := arg.(string)
			if !ok {
				return op{}, reject(name + " match pattern must be a string")
			}
			kind := map[string]opKind{"prefix": opPrefix, "suffix": opSuffix, "equals-ignore-case": opEqualsIgnoreCase}[name]
			return op{kind: kind, str: s}, nil
		case "anything-but": // EventBridge's is parseAnythingButEventBridge
			return parseAnythingButSNS(arg)
		case "numeric":
			return d.parseNumeric(arg)
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

// parseAnythingButSNS compiles anything-but with a value, a list of
// strings or of numbers, or {"prefix": …}: the forms SNS accepts.
func parseAnythingButSNS(arg any) (op, error) {
	d := dialectSNS
	switch v := arg.(type) {
	case string, json.Number:
		val, err := d.parseOp(v)
		return op{kind: opAnythingBut, args: &opArgs{set: []value{val.val}}}, err
	case []any:
		if len(v) == 0 {
			return op{}, reject("Empty arrays are not allowed")
		}
		o := op{kind: opAnythingBut, args: &opArgs{}}
		for _, item := range v {
			switch item.(type) {
			case string, json.Number:
			default:
				return op{}, reject("Inside anything but list, start|null|boolean is not supported.")
			}
			val, err := d.parseOp(item)
			if err != nil {
				return op{}, err
			}
			if len(o.args.set) > 0 && o.args.set[0].kind != val.val.kind {
				return op{}, reject("Inside anything but list, all values must be of the same type.")
			}
			o.args.set = append(o.args.set, val.val)
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
			return op{kind: opAnythingButPrefix, args: &opArgs{strs: []string{s}}}, nil
		}
	}
	return op{}, errAnythingButValue
}

var errAnythingButValue = reject("Value of anything-but must be an array or single string/number value.")

// parseNumeric compiles ["op", n] or a range ["op", n, "op", m] with a
// lower bound (> or >=) then an upper one (< or <=), with event-ruler's
// complaints, which SNS passes on.
func (d dialect) parseNumeric(arg any) (op, error) {
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
	n, err := d.numericOperand(name, list, 1)
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
		return op{kind: opNumeric, args: &opArgs{num: r}}, nil
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
	if n, err = d.numericOperand(upper, list, 3); err != nil {
		return op{}, err
	}
	if len(list) > 4 {
		return op{}, reject("Too many terms in numeric range expression")
	}
	r.hi, r.hasHi, r.hiInc = n, true, upper == "<="
	if r.lo >= r.hi {
		return op{}, reject("Bottom must be less than top")
	}
	return op{kind: opNumeric, args: &opArgs{num: r}}, nil
}

// numericOperand reads the number after operator name at list[i].
func (d dialect) numericOperand(name string, list []any, i int) (float64, error) {
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
	return d.number(num)
}

func isNumericOperator(s string) bool {
	switch s {
	case "=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

// parseCIDR compiles a cidr operator with event-ruler's complaints, in
// the order CIDR.cidr checks: the slash (Java's String.split, which drops
// trailing empty parts), the mask, then the address. An IPv4 address
// written as IPv6 (::ffff:a.b.c.d) is IPv4, as Java's InetAddress reads
// it.
func parseCIDR(arg any) (op, error) {
	s, ok := arg.(string)
	if !ok {
		return op{}, reject("prefix match pattern must be a string")
	}
	parts := strings.Split(s, "/")
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) != 2 {
		return op{}, reject("Malformed CIDR, one '/' required")
	}
	n, err := strconv.ParseInt(parts[1], 10, 32)
	switch {
	case err != nil:
		return op{}, reject("Malformed CIDR, mask bits must be an integer")
	case n < 0:
		return op{}, reject("Malformed CIDR, mask bits must not be negative")
	}
	a, err := netip.ParseAddr(parts[0])
	if err != nil || a.Zone() != "" {
		return op{}, reject("Nonstandard IP address: " + parts[0])
	}
	switch a = a.Unmap(); {
	case a.Is4() && n > 31:
		return op{}, reject("IPv4 mask bits must be < 32")
	case a.Is6() && n > 127:
		return op{}, reject("IPv6 mask bits must be < 128")
	}
	p, _ := a.Prefix(int(n))
	return op{kind: opCIDR, args: &opArgs{cidr: p}}, nil
}
