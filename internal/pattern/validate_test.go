package pattern

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Sources of the reason texts:
//
//	[rec]  recorded against AWS: LocalStack tests/aws/services/sns/
//	       test_sns_filter_policy.snapshot.json (2024-05), the text after
//	       "FilterPolicy: " and before Jackson's "\n at [Source: …]" suffix.
//	[moto] moto tests/test_sns/test_subscriptions_boto3.py
//	       test_subscribe_invalid_filter_policy (run against AWS, PR #6242).
//	[ls]   LocalStack's validator, services/sns/filter.py, not snapshot-checked.
//	[ruler] aws/event-ruler source (CIDR.java, JsonRuleCompiler), which SNS
//	       evidently runs; not recorded for SNS.
//	""     the text is not known; only the rejection is asserted.
type invalidCase struct {
	name   string
	scope  Scope
	policy string
	reason string
}

func values(n int, num bool) string {
	parts := make([]string, n)
	for i := range parts {
		if num {
			parts[i] = fmt.Sprint(i)
		} else {
			parts[i] = fmt.Sprintf("%q", fmt.Sprintf("value%d", i))
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

var invalidCases = []invalidCase{
	// Structure.
	{"not JSON", sA, `{"a":["x"]`, ""},
	{"not JSON at all", sA, `hello`, ""},
	{"trailing garbage", sA, `{"a":["x"]} {}`, ""},
	{"trailing closing brace", sA, `{"a":["x"]}}`, ""},
	{"trailing closing bracket", sA, `{"a":["x"]}]`, ""},
	{"top level array", sA, `[{"a":["x"]}]`, ""},
	{"top level string", sA, `"a"`, ""},
	{"empty text", sA, ``, ""},
	{"value not array [rec]", sA, `{"key_a":"value_one"}`, `"key_a" must be an object or an array`},
	{"value number", sB, `{"key_a":5}`, `"key_a" must be an object or an array`},
	{"value null", sB, `{"key_a":null}`, `"key_a" must be an object or an array`},
	{"operator object not in array [rec]", sA, `{"key":{"suffix":"value"}}`, `"suffix" must be an object or an array`},
	// AWS names the first bad key in document order ("suffix"); the engine
	// reads keys in sorted order, and names "prefix".
	{"operator object two keys not in array [rec; engine names keys in sorted order]", sA, `{"key":{"suffix":"value","prefix":"value"}}`, `"prefix" must be an object or an array`},
	{"unknown key object not in array [rec]", sA, `{"key":{"not-an-operator":"value"}}`, `"not-an-operator" must be an object or an array`},
	{"nested body value not array", sB, `{"a":{"b":"x"}}`, `"b" must be an object or an array`},
	{"nested in attribute scope [rec]", sA, `{"object":{"key":[{"prefix":"auto-"}]}}`, "Filter policy scope MessageAttributes does not support nested filter policy"},
	{"nested exists in attribute scope [moto]", sA, `{"store":{"key":[{"exists":null}]}}`, "Filter policy scope MessageAttributes does not support nested filter policy"},
	{"empty array [rec EB][moto msg in CDK #16549]", sA, `{"Amount":[]}`, "Empty arrays are not allowed"},
	{"empty array nested body", sB, `{"a":{"b":[]}}`, "Empty arrays are not allowed"},
	{"empty array in $or branch", sA, `{"$or":[{"a":[]},{"b":["x"]}]}`, "Empty arrays are not allowed"},
	{"nested array [rec]", sA, `{"key":[["value"]]}`, "Match value must be String, number, true, false, or null"},
	{"two operators [rec]", sA, `{"key":[{"suffix":"value","prefix":"value2"}]}`, "Only one key allowed in match expression"},
	{"unknown operator [rec]", sA, `{"key":[{"wrong-operator":true}]}`, "Unrecognized match type wrong-operator"},
	{"unknown operator error [moto]", sA, `{"store":[{"error":true}]}`, "Unrecognized match type error"},
	{"operator names are case-sensitive [rec EB]", sA, `{"a":[{"EXISTS":true}]}`, "Unrecognized match type EXISTS"},
	{"wildcard not in SNS [ls]", sB, `{"a":[{"wildcard":"x*"}]}`, "Unrecognized match type wildcard"},
	{"$or not an array", sA, `{"$or":{"a":["x"]}}`, ""},
	{"$or one branch", sA, `{"$or":[{"a":["x"]}]}`, ""},
	{"$or branch not object", sA, `{"$or":[{"a":["x"]},"b"]}`, ""},

	// Limits.
	{"six keys [rec]", sA, `{"key1":["value1"],"key2":["value2"],"key3":["value3"],"key4":["value4"],"key5":["value5"],"key6":["value6"]}`, "Filter policy can not have more than 5 keys"},
	{"six keys body [rec]", sB, `{"key_a":["value_one"],"key_b":["value_two"],"key_c":["value_three"],"key_d":["value_four"],"key_e":["value_five"],"key_f":["value_six"]}`, "Filter policy can not have more than 5 keys"},
	{"151 values [rec]", sA, `{"key":` + values(151, false) + `}`, "Filter policy is too complex"},
	{"151 values body", sB, `{"key":` + values(151, false) + `}`, "Filter policy is too complex"},
	{"100 x 51 [rec]", sA, `{"key1":` + values(100, false) + `,"key2":` + values(51, false) + `}`, "Filter policy is too complex"},
	{"13 x 12 just over", sA, `{"a":` + values(13, false) + `,"b":` + values(12, true) + `}`, "Filter policy is too complex"},
	{"$or flat 152 [rec]", sA, `{"source":["aws.cloudwatch","aws.events","aws.test","aws.test2"],"$or":[{"metricName":["CPUUtilization","ReadLatency","t1","t2","t3","t4"]},{"metricType":["MetricType","TestType","TestType2","TestType3"],"$or":[{"metricId":[1234,4321,5678,9012]},{"spaceId":[1,2,3,4]}]}]}`, "Filter policy is too complex"},
	{"$or nested 160 body [rec]", sB, `{"$or":[{"metricName":["CPUUtilization","ReadLatency","TestValue"]},{"namespace":["AWS/EC2","AWS/ES"]}],"detail":{"scope":["Service","Test"],"$or":[{"source":["aws.cloudwatch"]},{"type":["CloudWatch Alarm State Change","TestValue","TestValue2"]}]}}`, "Filter policy is too complex"},
	{"nested 216 body: depth multiplies [rec]", sB, `{"key_a":{"key_b":{"key_c":["value_one","value_two","value_three","value_four"]}},"key_d":{"key_e":["value_one","value_two","value_three"]},"key_f":["value_one","value_two","value_three"]}`, "Filter policy is too complex"},
	{"nested depth 3 x 51 [ls model]", sB, `{"a":{"b":{"c":` + values(51, false) + `}}}`, "Filter policy is too complex"},
	{"$or branches summed 76+75 [ls model]", sA, `{"$or":[{"a":` + values(76, false) + `},{"b":` + values(75, false) + `}]}`, "Filter policy is too complex"},
	{"too large", sA, `{"a":["` + strings.Repeat("x", 256*1024) + `"]}`, ""},

	// Numbers: SNS accepts -1e9…1e9; AWS answers a number outside with
	// InternalFailure and no message [moto: {"store":[1000000001]}].
	{"number above 1e9 [moto]", sA, `{"store":[1000000001]}`, ""},
	{"number below -1e9", sA, `{"store":[-1000000001]}`, ""},
	{"number 1e10", sB, `{"store":[1e10]}`, ""},

	// String operators.
	{"suffix number [rec]", sA, `{"key":[{"suffix":100}]}`, "suffix match pattern must be a string"},
	{"suffix null [rec]", sA, `{"key":[{"suffix":null}]}`, "suffix match pattern must be a string"},
	{"suffix empty list [rec]", sA, `{"key":[{"suffix":[]}]}`, "suffix match pattern must be a string"},
	{"suffix list [rec]", sA, `{"key":[{"suffix":["test","test2"]}]}`, "suffix match pattern must be a string"},
	{"prefix number [ls]", sA, `{"key":[{"prefix":1}]}`, "prefix match pattern must be a string"},
	{"prefix with equals-ignore-case [ls]", sB, `{"key":[{"prefix":{"equals-ignore-case":"x"}}]}`, "prefix match pattern must be a string"},
	{"suffix with equals-ignore-case [ls]", sB, `{"key":[{"suffix":{"equals-ignore-case":"x"}}]}`, "suffix match pattern must be a string"},
	{"equals-ignore-case list [rec EB]", sA, `{"key":[{"equals-ignore-case":["a"]}]}`, "equals-ignore-case match pattern must be a string"},
	{"equals-ignore-case number [ls]", sA, `{"key":[{"equals-ignore-case":5}]}`, "equals-ignore-case match pattern must be a string"},

	// anything-but.
	{"anything-but suffix [rec]", sA, `{"key":[{"anything-but":{"suffix":"test"}}]}`, "Unsupported anything-but pattern: suffix"},
	{"anything-but exists [rec]", sA, `{"key":[{"anything-but":{"exists":false}}]}`, "Unsupported anything-but pattern: exists"},
	{"anything-but wrong operator [rec]", sA, `{"key":[{"anything-but":{"wrong-operator":null}}]}`, "Unsupported anything-but pattern: wrong-operator"},
	{"anything-but equals-ignore-case [ls]", sA, `{"key":[{"anything-but":{"equals-ignore-case":"x"}}]}`, "Unsupported anything-but pattern: equals-ignore-case"},
	{"anything-but wildcard [ls]", sA, `{"key":[{"anything-but":{"wildcard":"x*"}}]}`, "Unsupported anything-but pattern: wildcard"},
	{"anything-but prefix not string [rec]", sA, `{"key":[{"anything-but":{"prefix":false}}]}`, "prefix match pattern must be a string"},

	// exists.
	{"exists null [rec]", sA, `{"key":[{"exists":null}]}`, "exists match pattern must be either true or false."},
	{"exists string [rec]", sA, `{"key":[{"exists":"no"}]}`, "exists match pattern must be either true or false."},
	{"exists number", sB, `{"key":[{"exists":1}]}`, "exists match pattern must be either true or false."},

	// numeric [rec] unless marked.
	{"numeric empty [rec]", sA, `{"key":[{"numeric":[]}]}`, "Invalid member in numeric match: ]"},
	{"numeric wrong operator [rec]", sA, `{"key":[{"numeric":["operator"]}]}`, "Unrecognized numeric range operator: operator"},
	{"numeric operator order [rec]", sA, `{"key":[{"numeric":[1,"<="]}]}`, "Invalid member in numeric match: 1"},
	{"numeric value string equals [rec]", sA, `{"key":[{"numeric":["=","000"]}]}`, "Value of equals must be numeric"},
	{"numeric missing value [rec]", sA, `{"key":[{"numeric":[">="]}]}`, "Value of >= must be numeric"},
	{"numeric < string [moto]", sA, `{"price":[{"numeric":["<","100"]}]}`, "Value of < must be numeric"},
	{"numeric range wrong order [rec]", sA, `{"key":[{"numeric":["<",100,">",10]}]}`, "Too many elements in numeric expression"},
	{"numeric = then range", sA, `{"key":[{"numeric":["=",1,"<",10]}]}`, "Too many elements in numeric expression"},
	{"numeric two lower bounds [rec]", sA, `{"key":[{"numeric":[">=",1,">",2]}]}`, "Bad numeric range operator: >"},
	{"numeric bottom above top [rec]", sA, `{"key":[{"numeric":[">",3,"<",1]}]}`, "Bottom must be less than top"},
	{"numeric bottom equals top", sA, `{"key":[{"numeric":[">=",3,"<=",3]}]}`, "Bottom must be less than top"},
	{"numeric missing range value [rec]", sA, `{"key":[{"numeric":[">",20,"<="]}]}`, "Value of <= must be numeric"},
	{"numeric missing range operator [rec]", sA, `{"key":[{"numeric":[">",20,30]}]}`, "Bad value in numeric range: 30"},
	{"numeric bad second operator [rec]", sA, `{"key":[{"numeric":[">",20,"test"]}]}`, "Bad numeric range operator: test"},
	{"numeric range value 1 string [rec]", sA, `{"key":[{"numeric":[">","20","<","30"]}]}`, "Value of > must be numeric"},
	{"numeric range value 2 string [rec]", sA, `{"key":[{"numeric":[">",20,"<","30"]}]}`, "Value of < must be numeric"},
	{"numeric too many terms [rec]", sA, `{"key":[{"numeric":[">",20,"<",30,"<",50]}]}`, "Too many terms in numeric range expression"},
	{"numeric not array [ruler, rec EB]", sB, `{"key":[{"numeric":5}]}`, "Value of numeric must be an array."},

	// cidr.
	{"cidr no slash [ls, ruler]", sA, `{"ip":[{"cidr":"10.0.0.0"}]}`, "Malformed CIDR, one '/' required"},
	{"cidr two slashes [ls, ruler]", sA, `{"ip":[{"cidr":"10.0.0.0/8/8"}]}`, "Malformed CIDR, one '/' required"},
	{"cidr trailing slash [ruler: Java split]", sA, `{"ip":[{"cidr":"10.0.0.0/"}]}`, "Malformed CIDR, one '/' required"},
	{"cidr mask not integer [ls, ruler]", sA, `{"ip":[{"cidr":"10.0.0.0/x"}]}`, "Malformed CIDR, mask bits must be an integer"},
	{"cidr mask negative [ruler]", sA, `{"ip":[{"cidr":"10.0.0.0/-1"}]}`, "Malformed CIDR, mask bits must not be negative"},
	{"cidr not an IP [ls, ruler]", sA, `{"ip":[{"cidr":"foo/24"}]}`, "Nonstandard IP address: foo"},
	{"cidr v4 mask 33 [ruler]", sA, `{"ip":[{"cidr":"10.0.0.0/33"}]}`, "IPv4 mask bits must be < 32"},
	{"cidr v4 /32 [ruler: maskBits > 31 is refused]", sA, `{"ip":[{"cidr":"10.0.0.1/32"}]}`, "IPv4 mask bits must be < 32"},
	{"cidr v6 mask 129 [ruler]", sA, `{"ip":[{"cidr":"2001:db8::/129"}]}`, "IPv6 mask bits must be < 128"},
	{"cidr not string [ls: AWS answers with prefix's text]", sA, `{"ip":[{"cidr":5}]}`, "prefix match pattern must be a string"},
}

// validCases must parse.
var validCases = []struct {
	name   string
	scope  Scope
	policy string
}{
	{"exact values", sA, `{"store":["example_corp"],"encrypted":[false],"customer_interests":["basketball","baseball"],"price":[100,100.12],"error":[null]}`},
	{"null or anything-but [rec]", sA, `{"attr1":[null,{"anything-but":"whatever"}]}`},
	{"numeric range [rec]", sA, `{"attr1":[{"numeric":[">",0,"<=",100]}]}`},
	{"exists [rec]", sA, `{"store":[{"exists":true}]}`},
	{"anything-but prefix [rec]", sA, `{"key":[{"anything-but":{"prefix":"test-"}}]}`},
	{"anything-but list [rec]", sA, `{"key":[{"anything-but":["test","test2"]}]}`},
	{"anything-but value [rec]", sA, `{"key":[{"anything-but":"test"}]}`},
	{"anything-but number list [doc]", sA, `{"price":[{"anything-but":[100,500]}]}`},
	{"anything-but number", sA, `{"price":[{"anything-but":100}]}`},
	{"nested body [rec]", sB, `{"object":{"key":[{"prefix":"auto-"},"hardcodedvalue"],"nested_key":[{"exists":false}]},"test":[{"exists":false}]}`},
	{"$or flat 150 exactly [rec]", sA, `{"source":["aws.cloudwatch","aws.events","aws.test"],"$or":[{"metricName":["CPUUtilization","ReadLatency","TestVal","TestVal2","TestVal3","TestVal4"]},{"metricType":["MetricType","TestType","TestType2","TestType3"],"$or":[{"metricId":[1234,4321,5678,9012]},{"spaceId":[1,2,3,4,5,6,7]}]}]}`},
	{"$or body [rec]", sB, orBodyPolicy},
	{"150 values", sA, `{"key":` + values(150, false) + `}`},
	{"15 x 10", sA, `{"a":` + values(15, false) + `,"b":` + values(10, true) + `}`},
	{"nested 72 [ls docstring]", sB, `{"key_a":{"key_b":{"key_c":["value_one","value_two","value_three","value_four"]}},"key_d":{"key_e":["value_one","value_two","value_three"]}}`},
	{"nested depth 3 x 50", sB, `{"a":{"b":{"c":` + values(50, false) + `}}}`},
	{"$or branches summed 75+75", sA, `{"$or":[{"a":` + values(75, false) + `},{"b":` + values(75, false) + `}]}`},
	{"five keys", sA, `{"a":["1"],"b":["2"],"c":["3"],"d":["4"],"e":["5"]}`},
	{"five keys each nested, body", sB, `{"a":{"x":["1"],"y":["1"]},"b":{"x":["1"]},"c":["3"],"d":["4"],"e":{"f":{"g":["5"]}}}`},
	{"numbers at the bounds", sA, `{"a":[999999999,-999999999,0.00001]}`},
	{"numeric every operator", sA, `{"a":[{"numeric":["=",1]},{"numeric":["<",1]},{"numeric":["<=",1]},{"numeric":[">",1]},{"numeric":[">=",1]}]}`},
	{"numeric ranges", sA, `{"a":[{"numeric":[">",1,"<",2]},{"numeric":[">=",1,"<=",2]},{"numeric":[">",-2,"<=",-1]}]}`},
	{"cidr v4 and v6", sA, `{"ip":[{"cidr":"10.0.0.0/24"},{"cidr":"2001:db8:1234:1a00::/64"},{"cidr":"0.0.0.0/0"}]}`},
	{"cidr host bits set", sA, `{"ip":[{"cidr":"10.0.0.5/24"}]}`},
	{"prefix, suffix, equals-ignore-case, empty prefix", sB, `{"a":[{"prefix":"x"},{"suffix":"y"},{"equals-ignore-case":"Z"},{"prefix":""}]}`},
	{"mixed operators in one array [rec EB]", sB, `{"a":[{"exists":true},{"prefix":"x"}]}`},
	{"dotted keys", sB, `{"object.nested.test":["string.value"]}`},
	{"dotted keys attributes", sA, `{"a.b":["x"]}`},
	{"whitespace around", sA, " \t\n{ \"a\" : [ \"x\" ] }\n "},
	{"unicode key and value", sB, `{"clé":["valeur","日本"]}`},
}

func TestParseFilterPolicyRejects(t *testing.T) {
	for _, c := range invalidCases {
		t.Run(c.name, func(t *testing.T) {
			_, refErr := refMatch(c.policy, c.scope, nil, nil)
			refWant := c.reason
			if strings.Contains(c.name, "document order") {
				refWant = "" // the reference walks keys sorted, not in document order
			}
			checkReason(t, "reference", refErr, refWant)
			p, err := ParseFilterPolicy(c.policy, c.scope)
			if err == nil {
				t.Fatalf("ParseFilterPolicy(%.200s, %v) = %v, want an error", c.policy, c.scope, p)
			}
			checkReason(t, "ParseFilterPolicy", err, c.reason)
		})
	}
}

func checkReason(t *testing.T, who string, err error, want string) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Errorf("%s: error %v (%T), want *Error", who, err, err)
		return
	}
	if want != "" && perr.Reason != want {
		t.Errorf("%s: Reason = %q, want %q", who, perr.Reason, want)
		return
	}
	if who == "reference" || want == "" {
		return
	}
	// SNS words the nesting refusal without the "FilterPolicy: " label
	// ("Invalid parameter: Filter policy scope MessageAttributes does not
	// support nested filter policy" [rec]); every other reason follows it.
	wantText := "FilterPolicy: " + want
	if strings.HasPrefix(want, "Filter policy scope ") {
		wantText = want
	}
	if perr.Error() != wantText {
		t.Errorf("%s: Error() = %q, want %q", who, perr.Error(), wantText)
	}
}

func TestParseFilterPolicyAccepts(t *testing.T) {
	for _, c := range validCases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := refMatch(c.policy, c.scope, nil, nil); err != nil {
				t.Errorf("reference rejects: %v", err)
			}
			p, err := ParseFilterPolicy(c.policy, c.scope)
			if err != nil {
				t.Fatalf("ParseFilterPolicy(%.200s, %v): %v", c.policy, c.scope, err)
			}
			if p.String() != c.policy {
				t.Errorf("String() differs from the policy given")
			}
		})
	}
}

// TestParseScope checks the FilterPolicyScope values and the recorded error
// text for an invalid one [rec test_set_subscription_filter_policy_scope].
func TestParseScope(t *testing.T) {
	for in, want := range map[string]Scope{"": ScopeAttributes, "MessageAttributes": ScopeAttributes, "MessageBody": ScopeBody} {
		got, err := ParseScope(in)
		if err != nil || got != want {
			t.Errorf("ParseScope(%q) = %v, %v; want %v", in, got, err, want)
		}
		if in != "" && got.String() != in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), in)
		}
	}
	_, err := ParseScope("RandomValue")
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("ParseScope(RandomValue) error %v, want *Error", err)
	}
	const want = "FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes"
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}
