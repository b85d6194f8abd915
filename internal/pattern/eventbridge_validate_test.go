package pattern

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Sources of the reasons, the text after AWS's "Event pattern is not
// valid. Reason: " and before Jackson's "\n at [Source: …]":
//
//	[rec]     recorded against AWS: LocalStack's
//	          test_events_patterns.snapshot.json (2024-11/12).
//	[src]     event-ruler's JsonRuleCompiler, WildcardParser and CIDR, which
//	          EventBridge runs (its recorded texts are Ruler's).
//	[jackson] Jackson's parser messages, which Ruler passes on.
//	[own]     AWS's text is not known; ours.
type eventInvalidCase struct {
	name    string
	pattern string
	reason  string
}

// orBranches returns a $or of n single-key branches.
func orBranches(key string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{%q:["%d"]}`, key, i)
	}
	return `"$or":[` + strings.Join(parts, ",") + `]`
}

var eventInvalidCases = []eventInvalidCase{
	// JSON and structure.
	{"json: not JSON [rec]", `this is valid json but not a dict`, "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
	{"json: single quotes [rec]", `{'bad': 'quotation'}`, "Unexpected character (''' (code 39)): was expecting double-quote to start field name"},
	{"json: bare word value [rec]", `{"not": closed mark"`, "Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
	{"json: unfinished literal [jackson]", `{"a":[tru]}`, "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
	{"json: unclosed object [jackson]", `{"a":["x"]`, "Unexpected end-of-input: expected close marker for Object"},
	{"json: unclosed array [jackson]", `{"a":["x"`, "Unexpected end-of-input: expected close marker for Array"},
	{"json: missing colon [jackson]", `{"a" ["x"]}`, "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value"},
	{"json: missing comma in object [jackson]", `{"a":["x"] "b":["y"]}`, "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"},
	{"json: missing comma in array [jackson]", `{"a":["x" "y"]}`, "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries"},
	{"json: trailing comma [jackson]", `{"a":["x",]}`, "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
	{"json: leading zero [jackson]", `{"a":[01]}`, "Invalid numeric value: Leading zeroes not allowed"},
	{"json: bad escape [jackson]", `{"a":["x\q"]}`, "Unrecognized character escape 'q' (code 113)"},
	{"json: control character [jackson]", "{\"a\":[\"x\ty\"]}", "Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in string value"},
	{"json: unterminated string [jackson]", `{"a":["x]}`, "Unexpected end-of-input: was expecting closing quote for a string value"},
	{"json: mismatched close [jackson]", `{"a":["x"}}`, "Unexpected close marker '}': expected ']' (for Array)"},
	{"json: form feed between tokens [jackson]", "{\f\"a\":[1]}", "Illegal character ((CTRL-CHAR, code 12)): only regular white space (\\r, \\n, \\t) is allowed between tokens"},
	{"json: text after the object [own]", `{"a":["x"]} {}`, "Unexpected content after the event pattern"},
	{"not an object: array [rec]", `["not", "a", "dict", "but valid json"]`, "Filter is not an object"},
	{"not an object: string [src]", `"x"`, "Filter is not an object"},
	{"not an object: literal [src]", `null`, "Filter is not an object"},
	{"not an object: empty text [src]", ``, "Filter is not an object"},
	{"value a number [rec int_nolist_EXC]", `{"int": 42}`, `"int" must be an object or an array`},
	{"value a string [rec string_nolist_EXC]", `{"string": "my-value"}`, `"string" must be an object or an array`},
	{"value null [src]", `{"detail":{"a":null}}`, `"a" must be an object or an array`},
	{"empty array [rec arrays_empty_EXC]", `{"resources": []}`, "Empty arrays are not allowed"},
	{"empty pattern [src]", `{}`, "Empty objects are not allowed"},
	{"empty nested object [src]", `{"detail":{}}`, "Empty objects are not allowed"},
	{"nested array [src]", `{"a":[["x"]]}`, "Match value must be String, number, true, false, or null"},
	{"empty match expression [src]", `{"a":[{}]}`, "Match expression name not found"},
	{"two operators [src]", `{"a":[{"prefix":"x","suffix":"y"}]}`, "Only one key allowed in match expression"},
	{"operator names are case-sensitive [rec operator_case_sensitive_EXC]", `{"my_key": [{"EXISTS": true}]}`, "Unrecognized match type EXISTS"},
	{"NUMERIC [rec content_numeric_operatorcasing_EXC]", `{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}`, "Unrecognized match type NUMERIC"},
	{"unknown operator [src]", `{"a":[{"contains":"x"}]}`, "Unrecognized match type contains"},
	{"too long: 2049 [own; limit doc]", `{"a":["` + strings.Repeat("x", 2039) + `"]}`, "Event pattern must not be longer than 2048 characters"},
	{"too long in UTF-16 units [own; Java counts chars]", `{"a":["` + strings.Repeat("😀", 1021) + `"]}`, "Event pattern must not be longer than 2048 characters"},

	// $or, by Ruler's JsonRuleCompiler.
	{"$or not an array [src]", `{"$or":{"a":["x"]}}`, "It must be an Array followed with $or."},
	{"$or element not an object [src]", `{"$or":[{"a":["x"]},"b"]}`, "Only JSON object is allowed in array of $or relationship."},
	{"$or one branch [src]", `{"$or":[{"a":["x"]}]}`, "There must have at least 2 Objects in $or relationship."},
	{"$or no branch [src]", `{"$or":[]}`, "There must have at least 2 Objects in $or relationship."},
	{"$or fault inside the only branch comes first [src]", `{"$or":[{"a":[]}]}`, "Empty arrays are not allowed"},
	{"$or empty branch [src]", `{"$or":[{"a":["x"]},{}]}`, "Empty objects are not allowed"},
	{"$or branch with an operator name [src]", `{"$or":[{"a":["x"]},{"prefix":["y"]}]}`, "prefix is Ruler reserved fieldName which cannot be used inside $or."},
	{"$or branch nested operator name [src]", `{"$or":[{"a":["x"]},{"b":{"numeric":["y"]}}]}`, "numeric is Ruler reserved fieldName which cannot be used inside $or."},
	{"$or branch future operator name [src]", `{"$or":[{"a":["x"]},{"regex":["y"]}]}`, "regex is Ruler reserved fieldName which cannot be used inside $or."},
	{"$or 1001 combinations [own; limit doc]", `{` + orBranches("a", 11) + `,"x":{` + orBranches("b", 91) + `}}`, "Event pattern has more than 1000 combinations of $or branches"},
	{"$or 1001 branches [own; limit doc]", `{` + orBranches("a", 1001) + `}`, "Event pattern must not be longer than 2048 characters"},

	// prefix, suffix, equals-ignore-case.
	{"prefix list [rec content_prefix_list_EXC]", `{"time": [{"prefix": ["2022-07-13"]}]}`, "prefix match pattern must be a string"},
	{"prefix number [rec content_prefix_int_EXC]", `{"time": [{"prefix": 123}]}`, "prefix match pattern must be a string"},
	{"suffix number [rec content_suffix_int_EXC]", `{"FileName": [{"suffix": 123}]}`, "suffix match pattern must be a string"},
	{"suffix list [rec content_suffix_list_EXC]", `{"FileName": [{"suffix": [".png"]}]}`, "suffix match pattern must be a string"},
	{"prefix ignore-case empty object [src]", `{"a":[{"prefix":{}}]}`, "Prefix expression name not found"},
	{"prefix with another operator [src]", `{"a":[{"prefix":{"wildcard":"x"}}]}`, "Unsupported prefix pattern: wildcard"},
	{"suffix with another operator [src]", `{"a":[{"suffix":{"exists":true}}]}`, "Unsupported suffix pattern: exists"},
	{"prefix ignore-case number [src]", `{"a":[{"prefix":{"equals-ignore-case":5}}]}`, "equals-ignore-case match pattern must be a string"},
	{"suffix ignore-case two keys [src]", `{"a":[{"suffix":{"equals-ignore-case":"x","zzz":"y"}}]}`, "Only one key allowed in match expression"},
	{"equals-ignore-case list [rec content_ignorecase_EXC]", `{"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]}`, "equals-ignore-case match pattern must be a string"},
	{"equals-ignore-case object [rec content_ignorecase_list_EXC]", `{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}`, "equals-ignore-case match pattern must be a string"},

	// wildcard.
	{"wildcard too complex [rec content_wildcard_complex_EXC]", `{"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}`, wildcardTooComplex},
	{"wildcard too complex over several patterns [own threshold; user report]", `{"k":[{"wildcard":"*/datasync/*.bif"},{"wildcard":"*/datasync/*.tif"},{"wildcard":"*/datasync/*.tiff"},{"wildcard":"*/datasync/*.svs"}]}`, wildcardTooComplex},
	{"wildcard too complex across $or branches [own threshold]", `{"$or":[{"k":[{"wildcard":"*/datasync/*.bif"},{"wildcard":"*/datasync/*.tif"}]},{"k":[{"wildcard":"*/datasync/*.tiff"},{"wildcard":"*/datasync/*.svs"}]}]}`, wildcardTooComplex},
	{"wildcard consecutive stars [rec content_wildcard_repeating_star_EXC]", `{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}`, "Consecutive wildcard characters at pos 26"},
	{"wildcard consecutive stars at start [src]", `{"a":[{"wildcard":"**"}]}`, "Consecutive wildcard characters at pos 1"},
	{"wildcard bad escape [src]", `{"a":[{"wildcard":"a\\b"}]}`, "Invalid escape character at pos 2"},
	{"wildcard trailing backslash [src]", `{"a":[{"wildcard":"ab\\"}]}`, "Invalid escape character at pos 3"},
	{"wildcard number [rec content_wildcard_int_EXC]", `{"EventBusArn": [{"wildcard": 123}]}`, "wildcard match pattern must be a string"},
	{"wildcard list [rec content_wildcard_list_EXC]", `{"EventBusArn": [{"wildcard": ["arn:aws:events:us-east-1:**:event-bus/*"]}]}`, "wildcard match pattern must be a string"},

	// anything-but.
	{"anything-but null [src]", `{"a":[{"anything-but":null}]}`, "Value of anything-but must be an array or single string/number value."},
	{"anything-but boolean [src]", `{"a":[{"anything-but":true}]}`, "Value of anything-but must be an array or single string/number value."},
	{"anything-but list with null [src; rec content_anything_but_string_list_null_type_EXC]", `{"a":[{"anything-but":["x",null]}]}`, "Inside anything but list, start|null|boolean is not supported."},
	{"anything-but list with object [src]", `{"a":[{"anything-but":[{"prefix":"x"}]}]}`, "Inside anything but list, start|null|boolean is not supported."},
	{"anything-but mixed list [src]", `{"a":[{"anything-but":["x",1]}]}`, "Inside anything but list, either all values are number or string, mixed type is not supported"},
	{"anything-but empty list [src]", `{"a":[{"anything-but":[]}]}`, "Inside anything but list, either all values are number or string, mixed type is not supported"},
	{"anything-but empty object [src]", `{"a":[{"anything-but":{}}]}`, "Anything-But expression name not found"},
	{"anything-but exists [src]", `{"a":[{"anything-but":{"exists":false}}]}`, "Unsupported anything-but pattern: exists"},
	{"anything-but numeric [src]", `{"a":[{"anything-but":{"numeric":[">",1]}}]}`, "Unsupported anything-but pattern: numeric"},
	{"anything-but prefix empty [src; rec content_anything_prefix_empty_EXC]", `{"a":[{"anything-but":{"prefix":""}}]}`, "Null prefix/suffix not allowed"},
	{"anything-but suffix empty [src; rec content_anything_suffix_empty_EXC]", `{"a":[{"anything-but":{"suffix":""}}]}`, "Null prefix/suffix not allowed"},
	{"anything-but prefix list with empty [src]", `{"a":[{"anything-but":{"prefix":["x",""]}}]}`, "Null prefix/suffix not allowed"},
	{"anything-but prefix number [rec content_anything_prefix_int_EXC]", `{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}`, "prefix/suffix match pattern must be a string"},
	{"anything-but prefix list number [rec content_anything_prefix_list_type_EXC]", `{"detail": {"state": [{"anything-but": {"prefix": [123, "test"]}}]}}`, "prefix/suffix match pattern must be a string"},
	{"anything-but suffix number [rec content_anything_suffix_int_EXC]", `{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}`, "prefix/suffix match pattern must be a string"},
	{"anything-but suffix list number [rec content_anything_suffix_list_type_EXC]", `{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}`, "prefix/suffix match pattern must be a string"},
	{"anything-but suffix list null [src; rec content_anything_suffix_list_null_type_EXC]", `{"a":[{"anything-but":{"suffix":[null]}}]}`, "prefix/suffix match pattern must be a string"},
	{"anything-but prefix null [src]", `{"a":[{"anything-but":{"prefix":null}}]}`, "Value of anything-but must be an array or single string/number value."},
	{"anything-but prefix ignore-case [rec content_anything_prefix_ignorecase_EXC]", `{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}`, "Value of anything-but must be an array or single string/number value."},
	{"anything-but suffix ignore-case [rec content_anything_suffix_ignorecase_EXC]", `{"detail": {"FileName": [{"anything-but": {"suffix": {"equals-ignore-case": ".png"}}}]}}`, "Value of anything-but must be an array or single string/number value."},
	{"anything-but ignore-case number [rec content_anything_but_ignorecase_EXC]", `{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}`, "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."},
	{"anything-but ignore-case number list [rec content_anything_but_ignorecase_list_EXC]", `{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}`, "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."},
	{"anything-but wildcard number [rec content_anything_wildcard_type_EXC]", `{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}`, "wildcard match pattern must be a string"},
	{"anything-but wildcard list number [rec content_anything_wildcard_list_type_EXC]", `{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}`, "wildcard match pattern must be a string"},
	{"anything-but wildcard consecutive stars [src]", `{"a":[{"anything-but":{"wildcard":["x","a**"]}}]}`, "Consecutive wildcard characters at pos 2"},
	{"anything-but operator with two keys [src]", `{"a":[{"anything-but":{"prefix":"a","suffix":"b"}}]}`, "Too many elements in numeric expression"},
	{"anything-but operator empty list [own]", `{"a":[{"anything-but":{"prefix":[]}}]}`, "Empty arrays are not allowed"},

	// numeric.
	{"numeric two lower bounds [rec content_numeric_EXC]", `{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}`, "Bad numeric range operator: >"},
	{"numeric missing value [rec content_numeric_syntax_EXC]", `{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}`, "Value of < must be numeric"},
	{"numeric not an array [src]", `{"a":[{"numeric":5}]}`, "Value of numeric must be an array."},
	{"numeric empty [src]", `{"a":[{"numeric":[]}]}`, "Invalid member in numeric match: ]"},
	{"numeric unknown operator [src]", `{"a":[{"numeric":["!=",1]}]}`, "Unrecognized numeric range operator: !="},
	{"numeric equals string [src]", `{"a":[{"numeric":["=","1"]}]}`, "Value of equals must be numeric"},
	{"numeric bottom above top [src]", `{"a":[{"numeric":[">",3,"<",1]}]}`, "Bottom must be less than top"},
	{"numeric too many terms [src]", `{"a":[{"numeric":[">",0,"<",5,"<",6]}]}`, "Too many terms in numeric range expression"},
	{"numeric upper first [src]", `{"a":[{"numeric":["<",5,">",0]}]}`, "Too many elements in numeric expression"},

	// exists, cidr.
	{"exists null [src]", `{"a":[{"exists":null}]}`, "exists match pattern must be either true or false."},
	{"exists string [src]", `{"a":[{"exists":"true"}]}`, "exists match pattern must be either true or false."},
	{"cidr without slash [rec content_ip_address_EXC]", `{"detail": {"sourceIPAddress": [{"cidr": "bad-filter"}]}}`, "Malformed CIDR, one '/' required"},
	{"cidr bad mask [rec content_ip_address_bad_mask_EXC]", `{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/xx"}]}}`, "Malformed CIDR, mask bits must be an integer"},
	{"cidr bad v4 [rec content_ip_address_bad_ip_EXC]", `{"detail": {"sourceIPAddress": [{"cidr": "xx.11.xx/24"}]}}`, "Nonstandard IP address: xx.11.xx"},
	{"cidr bad v6 [rec content_ip_address_v6_bad_ip_EXC]", `{"detail": {"sourceIPAddress": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}}`, "Nonstandard IP address: xxxx:db8:1234:1a00::"},
	{"cidr list [rec content_ip_address_type_EXC]", `{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}`, "prefix match pattern must be a string"},
	{"cidr v4 /32 [src]", `{"a":[{"cidr":"10.0.0.1/32"}]}`, "IPv4 mask bits must be < 32"},
}

var eventValidCases = []struct{ name, pattern string }{
	{"every operator", `{"a":["x",1,true,false,null,{"prefix":"p"},{"suffix":"s"},{"equals-ignore-case":"E"},{"prefix":{"equals-ignore-case":"P"}},` +
		`{"suffix":{"equals-ignore-case":"S"}},{"wildcard":"w*"},{"anything-but":"x"},{"anything-but":[1,2]},{"anything-but":{"prefix":["a","b"]}},` +
		`{"anything-but":{"suffix":"s"}},{"anything-but":{"equals-ignore-case":["A"]}},{"anything-but":{"wildcard":"*x*"}},{"numeric":[">",0,"<=",5]},` +
		`{"exists":true},{"cidr":"10.0.0.0/8"},{"cidr":"2001:db8::/32"}]}`},
	{"numbers beyond SNS's range [src]", `{"a":[1e10,-1e300,{"numeric":["<",1e308]},{"anything-but":[5e9,6e9]}]}`},
	{"a number beyond the doubles reads as infinity [src]", `{"a":[1e400,{"numeric":["<",1e400]}]}`},
	{"operator names as fields outside $or [src]", `{"prefix":["x"],"numeric":{"exists":[{"exists":true}]}}`},
	{"$or at depth [src]", `{"detail":{"$or":[{"a":["1"]},{"b":{"$or":[{"c":["2"]},{"d":["3"]}]}}]}}`},
	{"1000 combinations [doc]", `{` + orBranches("a", 10) + `,"x":{` + orBranches("b", 100) + `}}`},
	{"2048 characters [doc]", `{"a":["` + strings.Repeat("x", 2038) + `"]}`},
	{"wildcard complexity 7 [rec content_wildcard_repeating]", `{"FileName": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}`},
	{"wildcard complexity 8, four patterns [user report]", `{"k":[{"wildcard":"*.bif"},{"wildcard":"*.tiff"},{"wildcard":"*.tif"},{"wildcard":"*.svs"}]}`},
	{"wildcard complexity 8, two patterns [user report]", `{"k":[{"wildcard":"*/datasync/*.bif"},{"wildcard":"*/datasync/*.tif"}]}`},
	{"wildcard complexity counted per field [src]", `{"a":[{"wildcard":"*/datasync/*.bif"},{"wildcard":"*/datasync/*.tif"}],"b":[{"wildcard":"*/datasync/*.tiff"},{"wildcard":"*/datasync/*.svs"}]}`},
	{"anything-but wildcards do not count [src]", `{"a":[{"anything-but":{"wildcard":["*:*:*:*:*:event-bus/*"]}}]}`},
	{"wildcard escapes [src]", `{"a":[{"wildcard":"\\*\\\\*"}]}`},
	{"duplicate keys [doc]", `{"a":[{"bad":1}],"a":["x"]}`},
	{"whitespace around [src]", " \n{ \"a\" : [ \"x\" ] }\t"},
	{"ten thousand values [src: no SNS limit]", `{"a":[` + strings.TrimSuffix(strings.Repeat(`1,`, 900), ",") + `]}`},
}

func TestParseEventPatternRejects(t *testing.T) {
	t.Parallel()
	for _, c := range eventInvalidCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, refErr := refMatchEvent(c.pattern, nil)
			refWant := c.reason
			if strings.HasPrefix(c.name, "json: ") {
				refWant = "" // the reference does not word JSON faults
			}
			checkEventReason(t, "reference", refErr, refWant)
			p, err := ParseEventPattern(c.pattern)
			if err == nil {
				t.Fatalf("ParseEventPattern(%.200s) = %v, want an error", c.pattern, p)
			}
			checkEventReason(t, "ParseEventPattern", err, c.reason)
		})
	}
}

// checkEventReason checks that err is an *Error with the reason want (any
// reason when want is "") and no attribute: EventBridge's words stand
// alone after its prefix.
func checkEventReason(t *testing.T, who string, err error, want string) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("%s: error %v (%T), want *Error", who, err, err)
	}
	if want != "" && perr.Reason != want {
		t.Errorf("%s: Reason = %q, want %q", who, perr.Reason, want)
	}
	if who != "reference" && (perr.Attribute != "" || perr.Error() != perr.Reason) {
		t.Errorf("%s: Attribute %q, Error() %q; want no attribute", who, perr.Attribute, perr.Error())
	}
}

func TestParseEventPatternAccepts(t *testing.T) {
	t.Parallel()
	for _, c := range eventValidCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if _, err := refMatchEvent(c.pattern, nil); err != nil {
				t.Errorf("reference rejects: %v", err)
			}
			p, err := ParseEventPattern(c.pattern)
			if err != nil {
				t.Fatalf("ParseEventPattern(%.200s): %v", c.pattern, err)
			}
			if p.String() != c.pattern || p.Scope() != ScopeBody {
				t.Errorf("String, Scope = %.50q, %v; want the pattern and MessageBody", p.String(), p.Scope())
			}
		})
	}
}

// TestDialectsDiffer checks that each dialect keeps its own rules: what
// EventBridge accepts SNS refuses with SNS's words, and the other way
// round where SNS's wording differs.
func TestDialectsDiffer(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ policy, snsReason string }{
		{`{"a":[{"wildcard":"x*"}]}`, "Unrecognized match type wildcard"},
		{`{"a":[{"prefix":{"equals-ignore-case":"x"}}]}`, "prefix match pattern must be a string"},
		{`{"a":[{"anything-but":{"suffix":"x"}}]}`, "Unsupported anything-but pattern: suffix"},
		{`{"a":[{"anything-but":{"prefix":["x"]}}]}`, "prefix match pattern must be a string"},
		{`{"a":[1e10]}`, "Numeric value 1e10 is out of range [-1.0E9, 1.0E9]"},
		{`{"a":["1"],"b":["2"],"c":["3"],"d":["4"],"e":["5"],"f":["6"]}`, "Filter policy can not have more than 5 keys"},
		{`{"a":` + values(151, false) + `}`, "Filter policy is too complex"},
	} {
		if _, err := ParseEventPattern(c.policy); err != nil {
			t.Errorf("ParseEventPattern(%.60s): %v", c.policy, err)
		}
		_, err := ParseFilterPolicy(c.policy, ScopeBody)
		checkReason(t, "ParseFilterPolicy", err, c.snsReason)
	}
	for _, c := range []struct{ policy, snsReason, ebReason string }{
		{`{"a":[{}]}`, "Empty objects are not allowed", "Match expression name not found"},
		{`{"a":[{"anything-but":{"prefix":""}}]}`, "Null prefix not allowed", "Null prefix/suffix not allowed"},
		{`{"a":[{"anything-but":{"prefix":5}}]}`, "prefix match pattern must be a string", "prefix/suffix match pattern must be a string"},
		{`{"a":[{"anything-but":["x",1]}]}`, "Inside anything but list, all values must be of the same type.", "Inside anything but list, either all values are number or string, mixed type is not supported"},
		{`{"$or":[{"a":["x"]},"b"]}`, "There must have at least 2 Objects in $or relationship.", "Only JSON object is allowed in array of $or relationship."},
	} {
		_, err := ParseFilterPolicy(c.policy, ScopeBody)
		checkReason(t, "ParseFilterPolicy", err, c.snsReason)
		_, err = ParseEventPattern(c.policy)
		checkEventReason(t, "ParseEventPattern", err, c.ebReason)
	}
}
