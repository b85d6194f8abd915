package pattern

import (
	"slices"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
)

// Attribute constructors for the tables.
func aStr(v string) attr.Value     { return attr.Value{DataType: "String", StringValue: v} }
func aNum(v string) attr.Value     { return attr.Value{DataType: "Number", StringValue: v} }
func aArr(v string) attr.Value     { return attr.Value{DataType: "String.Array", StringValue: v} }
func aBin(v string) attr.Value     { return attr.Value{DataType: "Binary", BinaryValue: []byte(v)} }
func aType(t, v string) attr.Value { return attr.Value{DataType: t, StringValue: v} }

type attrs = map[string]attr.Value

type matchCase struct {
	name   string
	scope  Scope
	policy string
	attrs  attrs
	body   string
	want   bool
}

const (
	sA = ScopeAttributes
	sB = ScopeBody
)

// Sources: [rec] recorded against AWS in LocalStack's
// test_sns_filter_policy.snapshot.json; [doc] the SNS developer guide;
// [moto] moto tests run against AWS (PR #6242); [ruler] event-ruler's
// semantics, which SNS evidently runs (see reference_test.go).
var matchCases = []matchCase{
	// Exact strings; OR within a key's array; AND across keys.
	{"exact string", sA, `{"store":["example_corp"]}`, attrs{"store": aStr("example_corp")}, "", true},
	{"exact string other value", sA, `{"store":["example_corp"]}`, attrs{"store": aStr("other")}, "", false},
	{"exact string is case-sensitive", sA, `{"store":["example_corp"]}`, attrs{"store": aStr("Example_Corp")}, "", false},
	{"exact string missing attribute", sA, `{"store":["example_corp"]}`, attrs{"other": aStr("example_corp")}, "", false},
	{"exact string no attributes [moto]", sA, `{"store":["example_corp"]}`, nil, "", false},
	{"empty string matches empty string only", sB, `{"s":[""]}`, nil, `{"s":""}`, true},
	{"empty string not null", sB, `{"s":[""]}`, nil, `{"s":null}`, false},
	{"OR within array first", sA, `{"c":["rugby","tennis"]}`, attrs{"c": aStr("rugby")}, "", true},
	{"OR within array second", sA, `{"c":["rugby","tennis"]}`, attrs{"c": aStr("tennis")}, "", true},
	{"OR within array none [doc]", sA, `{"c":["rugby","tennis"]}`, attrs{"c": aStr("baseball")}, "", false},
	{"AND across keys both", sA, `{"a":["x"],"b":["y"]}`, attrs{"a": aStr("x"), "b": aStr("y")}, "", true},
	{"AND across keys one wrong", sA, `{"a":["x"],"b":["y"]}`, attrs{"a": aStr("x"), "b": aStr("z")}, "", false},
	{"AND across keys one missing", sA, `{"a":["x"],"b":["y"]}`, attrs{"a": aStr("x")}, "", false},
	{"attribute name with dot is a plain name", sA, `{"a.b":["x"]}`, attrs{"a.b": aStr("x")}, "", true},
	{"attribute custom String type", sA, `{"a":["x"]}`, attrs{"a": aType("String.custom", "x")}, "", true},
	{"attribute scope ignores body", sA, `{"a":["x"]}`, nil, `{"a":"x"}`, false},
	{"body scope ignores attributes", sB, `{"a":["x"]}`, attrs{"a": aStr("x")}, `{}`, false},

	// Numbers compare by value; strings never match numbers.
	{"number attr exact [moto]", sA, `{"price":[100]}`, attrs{"price": aNum("100")}, "", true},
	{"number attr 300 vs 300.0", sA, `{"p":[300]}`, attrs{"p": aNum("300.0")}, "", true},
	{"number attr 300 vs 3e2", sA, `{"p":[300]}`, attrs{"p": aNum("3e2")}, "", true},
	{"number attr 301.5 vs 3.015e2 [doc]", sA, `{"p":[301.5]}`, attrs{"p": aNum("3.015e2")}, "", true},
	{"number attr other value [moto]", sA, `{"price":[100]}`, attrs{"price": aNum("101")}, "", false},
	{"number pattern vs String attr [moto]", sA, `{"price":[100]}`, attrs{"price": aStr("100")}, "", false},
	{"string pattern vs Number attr", sA, `{"price":["100"]}`, attrs{"price": aNum("100")}, "", false},
	{"number attr custom type", sA, `{"p":[5]}`, attrs{"p": aType("Number.int", "5")}, "", true},
	{"body number 300 vs 300.0 [rec EB]", sB, `{"p":[300]}`, nil, `{"p":300.0}`, true},
	{"body number 300 vs 3e2", sB, `{"p":[300]}`, nil, `{"p":3e2}`, true},
	{"body number 3.0e2 pattern", sB, `{"p":[3.0e2]}`, nil, `{"p":300}`, true},
	{"body negative zero", sB, `{"p":[0]}`, nil, `{"p":-0}`, true},
	{"body number other", sB, `{"p":[300]}`, nil, `{"p":301}`, false},
	{"body number pattern vs string [moto]", sB, `{"p":[300]}`, nil, `{"p":"300"}`, false},
	{"body string pattern vs number", sB, `{"p":["300"]}`, nil, `{"p":300}`, false},

	// Booleans and null in a body match only their JSON literal.
	{"body true", sB, `{"f":[true]}`, nil, `{"f":true}`, true},
	{"body true vs false", sB, `{"f":[true]}`, nil, `{"f":false}`, false},
	{"body true vs string", sB, `{"f":[true]}`, nil, `{"f":"true"}`, false},
	{"body false", sB, `{"f":[false]}`, nil, `{"f":false}`, true},
	{"body null", sB, `{"f":[null]}`, nil, `{"f":null}`, true},
	{"body null vs missing", sB, `{"f":[null]}`, nil, `{"g":1}`, false},
	{"body null vs string null", sB, `{"f":[null]}`, nil, `{"f":"null"}`, false},
	{"body null vs empty string", sB, `{"f":[null]}`, nil, `{"f":""}`, false},
	{"body null vs empty array", sB, `{"f":[null]}`, nil, `{"f":[]}`, false},
	{"null or anything-but, no attributes [rec]", sA, `{"attr1":[null,{"anything-but":"whatever"}]}`, nil, "", false},
	{"null in attribute scope vs String", sA, `{"a":[null]}`, attrs{"a": aStr("null")}, "", false},

	// prefix / suffix: strings only.
	{"prefix", sA, `{"r":[{"prefix":"us-"}]}`, attrs{"r": aStr("us-east-1")}, "", true},
	{"prefix no", sA, `{"r":[{"prefix":"us-"}]}`, attrs{"r": aStr("eu-west-1")}, "", false},
	{"prefix equal to value", sA, `{"r":[{"prefix":"us-"}]}`, attrs{"r": aStr("us-")}, "", true},
	{"prefix case-sensitive", sA, `{"r":[{"prefix":"us-"}]}`, attrs{"r": aStr("US-east")}, "", false},
	{"prefix on Number attr", sA, `{"r":[{"prefix":"1"}]}`, attrs{"r": aNum("100")}, "", false},
	{"prefix empty matches every string [rec EB]", sA, `{"r":[{"prefix":""}]}`, attrs{"r": aStr("anything")}, "", true},
	{"prefix empty in body", sB, `{"r":[{"prefix":""}]}`, nil, `{"r":""}`, true},
	{"prefix empty not a number", sB, `{"r":[{"prefix":""}]}`, nil, `{"r":5}`, false},
	{"prefix empty not null", sB, `{"r":[{"prefix":""}]}`, nil, `{"r":null}`, false},
	{"prefix empty not missing", sB, `{"r":[{"prefix":""}]}`, nil, `{"q":"x"}`, false},
	{"prefix on body number", sB, `{"r":[{"prefix":"1"}]}`, nil, `{"r":100}`, false},
	{"prefix multibyte", sB, `{"r":[{"prefix":"é"}]}`, nil, `{"r":"école"}`, true},
	{"suffix", sA, `{"f":[{"suffix":".png"}]}`, attrs{"f": aStr("image.png")}, "", true},
	{"suffix no", sA, `{"f":[{"suffix":".png"}]}`, attrs{"f": aStr("image.jpg")}, "", false},
	{"suffix on body number", sB, `{"f":[{"suffix":"0"}]}`, nil, `{"f":100}`, false},
	{"suffix multibyte", sB, `{"f":[{"suffix":"ß"}]}`, nil, `{"f":"Straß"}`, true},

	// equals-ignore-case: Unicode simple case folding, strings only.
	{"equals-ignore-case ASCII", sA, `{"n":[{"equals-ignore-case":"alice"}]}`, attrs{"n": aStr("ALICE")}, "", true},
	{"equals-ignore-case mixed", sA, `{"n":[{"equals-ignore-case":"AlIcE"}]}`, attrs{"n": aStr("aLiCe")}, "", true},
	{"equals-ignore-case other", sA, `{"n":[{"equals-ignore-case":"alice"}]}`, attrs{"n": aStr("alicia")}, "", false},
	{"equals-ignore-case Unicode", sB, `{"n":[{"equals-ignore-case":"école"}]}`, nil, `{"n":"ÉCOLE"}`, true},
	{"equals-ignore-case empty", sB, `{"n":[{"equals-ignore-case":""}]}`, nil, `{"n":""}`, true},
	{"equals-ignore-case not a prefix", sB, `{"n":[{"equals-ignore-case":"ab"}]}`, nil, `{"n":"ABC"}`, false},
	{"equals-ignore-case not a number", sB, `{"n":[{"equals-ignore-case":"1"}]}`, nil, `{"n":1}`, false},

	// anything-but.
	{"anything-but value other", sA, `{"s":[{"anything-but":"x"}]}`, attrs{"s": aStr("y")}, "", true},
	{"anything-but value same", sA, `{"s":[{"anything-but":"x"}]}`, attrs{"s": aStr("x")}, "", false},
	{"anything-but missing field", sA, `{"s":[{"anything-but":"x"}]}`, attrs{"t": aStr("y")}, "", false},
	{"anything-but no attributes [rec]", sA, `{"s":[{"anything-but":"x"}]}`, nil, "", false},
	{"anything-but list other", sA, `{"s":[{"anything-but":["rugby","tennis"]}]}`, attrs{"s": aStr("baseball")}, "", true},
	{"anything-but list listed", sA, `{"s":[{"anything-but":["rugby","tennis"]}]}`, attrs{"s": aStr("tennis")}, "", false},
	{"anything-but numbers other [doc]", sA, `{"p":[{"anything-but":[100,500]}]}`, attrs{"p": aNum("101")}, "", true},
	{"anything-but numbers 100.1 [doc]", sA, `{"p":[{"anything-but":[100,500]}]}`, attrs{"p": aNum("100.1")}, "", true},
	{"anything-but numbers listed", sA, `{"p":[{"anything-but":[100,500]}]}`, attrs{"p": aNum("100")}, "", false},
	{"anything-but numbers by value", sA, `{"p":[{"anything-but":[100,500]}]}`, attrs{"p": aNum("1e2")}, "", false},
	{"anything-but single number", sB, `{"p":[{"anything-but":100}]}`, nil, `{"p":100.0}`, false},
	{"anything-but prefix other", sA, `{"s":[{"anything-but":{"prefix":"init"}}]}`, attrs{"s": aStr("final")}, "", true},
	{"anything-but prefix listed", sA, `{"s":[{"anything-but":{"prefix":"init"}}]}`, attrs{"s": aStr("initial")}, "", false},
	{"anything-but prefix missing", sA, `{"s":[{"anything-but":{"prefix":"init"}}]}`, attrs{"t": aStr("x")}, "", false},
	{"anything-but string list vs body number [ruler]", sB, `{"s":[{"anything-but":["a","b"]}]}`, nil, `{"s":5}`, true},
	{"anything-but string vs body null [rec EB]", sB, `{"s":[{"anything-but":"a"}]}`, nil, `{"s":null}`, true},
	{"anything-but prefix vs body number [rec EB]", sB, `{"s":[{"anything-but":{"prefix":"a"}}]}`, nil, `{"s":12}`, true},
	{"anything-but number list vs body string [ruler]", sB, `{"s":[{"anything-but":[1,2]}]}`, nil, `{"s":"1"}`, true},
	{"anything-but number vs Number attr string-typed", sA, `{"s":[{"anything-but":["5"]}]}`, attrs{"s": aNum("5")}, "", true},
	{"anything-but String.Array some element not listed [doc example]", sA, `{"c":[{"anything-but":["rugby","tennis"]}]}`, attrs{"c": aArr(`["rugby","baseball"]`)}, "", true},
	{"anything-but String.Array all listed", sA, `{"c":[{"anything-but":["rugby","tennis"]}]}`, attrs{"c": aArr(`["rugby","tennis"]`)}, "", false},
	{"anything-but body array some not listed [doc]", sB, `{"c":[{"anything-but":["rugby"]}]}`, nil, `{"c":["rugby","golf"]}`, true},
	{"anything-but body array all listed", sB, `{"c":[{"anything-but":["rugby"]}]}`, nil, `{"c":["rugby","rugby"]}`, false},
	{"anything-but or exists false, field missing", sA, `{"s":[{"anything-but":"x"},{"exists":false}]}`, attrs{"t": aStr("x")}, "", true},

	// numeric.
	{"numeric = [doc]", sA, `{"p":[{"numeric":["=",301.5]}]}`, attrs{"p": aNum("301.5")}, "", true},
	{"numeric = exponent [doc]", sA, `{"p":[{"numeric":["=",301.5]}]}`, attrs{"p": aNum("3.015e2")}, "", true},
	{"numeric = body exponent [doc]", sB, `{"p":[{"numeric":["=",301.5]}]}`, nil, `{"p":3.015e2}`, true},
	{"numeric = other", sA, `{"p":[{"numeric":["=",301.5]}]}`, attrs{"p": aNum("301.6")}, "", false},
	{"numeric <", sA, `{"p":[{"numeric":["<",0]}]}`, attrs{"p": aNum("-0.5")}, "", true},
	{"numeric < boundary", sA, `{"p":[{"numeric":["<",0]}]}`, attrs{"p": aNum("0")}, "", false},
	{"numeric <=", sA, `{"p":[{"numeric":["<=",0]}]}`, attrs{"p": aNum("0")}, "", true},
	{"numeric <= above", sA, `{"p":[{"numeric":["<=",0]}]}`, attrs{"p": aNum("0.00001")}, "", false},
	{"numeric >", sA, `{"p":[{"numeric":[">",10]}]}`, attrs{"p": aNum("10.5")}, "", true},
	{"numeric > boundary", sA, `{"p":[{"numeric":[">",10]}]}`, attrs{"p": aNum("10")}, "", false},
	{"numeric >=", sA, `{"p":[{"numeric":[">=",10]}]}`, attrs{"p": aNum("10")}, "", true},
	{"numeric >= below", sA, `{"p":[{"numeric":[">=",10]}]}`, attrs{"p": aNum("9.99")}, "", false},
	{"numeric range inside [rec]", sA, `{"attr1":[{"numeric":[">",0,"<=",100]}]}`, attrs{"attr1": aNum("99")}, "", true},
	{"numeric range above [rec]", sA, `{"attr1":[{"numeric":[">",0,"<=",100]}]}`, attrs{"attr1": aNum("111")}, "", false},
	{"numeric range top inclusive", sA, `{"attr1":[{"numeric":[">",0,"<=",100]}]}`, attrs{"attr1": aNum("100")}, "", true},
	{"numeric range bottom exclusive", sA, `{"attr1":[{"numeric":[">",0,"<=",100]}]}`, attrs{"attr1": aNum("0")}, "", false},
	{"numeric range >= <", sB, `{"p":[{"numeric":[">=",1,"<",2]}]}`, nil, `{"p":1}`, true},
	{"numeric range >= < top", sB, `{"p":[{"numeric":[">=",1,"<",2]}]}`, nil, `{"p":2}`, false},
	{"numeric negative range", sB, `{"p":[{"numeric":[">",-10,"<",-5]}]}`, nil, `{"p":-7.5}`, true},
	{"numeric vs String attr [ruler]", sA, `{"p":[{"numeric":[">",0]}]}`, attrs{"p": aStr("99")}, "", false},
	{"numeric vs body string [rec EB]", sB, `{"p":[{"numeric":[">",0]}]}`, nil, `{"p":"99"}`, false},
	{"numeric vs body null [rec EB]", sB, `{"p":[{"numeric":[">",0]}]}`, nil, `{"p":null}`, false},
	{"numeric missing", sA, `{"p":[{"numeric":[">",0]}]}`, attrs{"q": aNum("1")}, "", false},
	{"numeric String.Array element", sA, `{"p":[{"numeric":[">",10]}]}`, attrs{"p": aArr(`[1, 20]`)}, "", true},
	{"numeric body array element", sB, `{"p":[{"numeric":[">",10]}]}`, nil, `{"p":[1,"20",30]}`, true},
	{"numeric body array none", sB, `{"p":[{"numeric":[">",10]}]}`, nil, `{"p":[1,"20"]}`, false},

	// exists.
	{"exists true present [rec]", sA, `{"store":[{"exists":true}]}`, attrs{"store": aNum("99"), "def": aNum("99")}, "", true},
	{"exists true missing [rec]", sA, `{"store":[{"exists":true}]}`, attrs{"attr1": aNum("111")}, "", false},
	{"exists true no attributes", sA, `{"store":[{"exists":true}]}`, nil, "", false},
	{"exists false missing [rec]", sA, `{"store":[{"exists":false}]}`, attrs{"def": aNum("99")}, "", true},
	{"exists false present [rec]", sA, `{"store":[{"exists":false}]}`, attrs{"store": aNum("99"), "def": aNum("99")}, "", false},
	{"exists false no attributes at all [doc]", sA, `{"store":[{"exists":false}]}`, nil, "", false},
	{"exists false empty attribute map [doc]", sA, `{"store":[{"exists":false}]}`, attrs{}, "", false},
	{"exists true String.Array", sA, `{"s":[{"exists":true}]}`, attrs{"s": aArr(`["a"]`)}, "", true},
	{"exists true body string", sB, `{"s":[{"exists":true}]}`, nil, `{"s":"x"}`, true},
	{"exists true body null counts as present [ruler]", sB, `{"s":[{"exists":true}]}`, nil, `{"s":null}`, true},
	{"exists true body false", sB, `{"s":[{"exists":true}]}`, nil, `{"s":false}`, true},
	{"exists true body empty array [rec EB]", sB, `{"s":[{"exists":true}]}`, nil, `{"s":[]}`, false},
	{"exists true body object is not a leaf [doc]", sB, `{"s":[{"exists":true}]}`, nil, `{"s":{"t":1}}`, false},
	{"exists true body array of values", sB, `{"s":[{"exists":true}]}`, nil, `{"s":[1]}`, true},
	{"exists false body missing", sB, `{"s":[{"exists":false}]}`, nil, `{"t":1}`, true},
	{"exists false body empty object", sB, `{"s":[{"exists":false}]}`, nil, `{}`, true},
	{"exists false body object value is not a leaf [doc]", sB, `{"s":[{"exists":false}]}`, nil, `{"s":{"t":1}}`, true},
	{"exists false body null present", sB, `{"s":[{"exists":false}]}`, nil, `{"s":null}`, false},
	{"exists false body empty array", sB, `{"s":[{"exists":false}]}`, nil, `{"s":[]}`, true},
	{"exists false nested missing", sB, `{"a":{"b":[{"exists":false}]}}`, nil, `{"a":{"c":1}}`, true},
	{"exists false nested present", sB, `{"a":{"b":[{"exists":false}]}}`, nil, `{"a":{"b":1}}`, false},
	{"exists true nested", sB, `{"a":{"b":[{"exists":true}]}}`, nil, `{"a":{"b":"x"}}`, true},
	{"exists false with other key", sA, `{"a":["x"],"b":[{"exists":false}]}`, attrs{"a": aStr("x")}, "", true},

	// cidr.
	{"cidr v4 inside", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aStr("10.0.0.77")}, "", true},
	{"cidr v4 network address", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aStr("10.0.0.0")}, "", true},
	{"cidr v4 broadcast", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aStr("10.0.0.255")}, "", true},
	{"cidr v4 outside", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aStr("10.0.1.1")}, "", false},
	{"cidr v4 /8", sB, `{"ip":[{"cidr":"10.0.0.0/8"}]}`, nil, `{"ip":"10.200.3.4"}`, true},
	{"cidr v4 /0", sB, `{"ip":[{"cidr":"0.0.0.0/0"}]}`, nil, `{"ip":"203.0.113.9"}`, true},
	{"cidr v4 not an IP", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aStr("ten")}, "", false},
	{"cidr v4 vs v6 address", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aStr("2001:db8::1")}, "", false},
	{"cidr vs Number attr [rec EB]", sA, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, attrs{"ip": aNum("10")}, "", false},
	{"cidr vs body number", sB, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, nil, `{"ip":10}`, false},
	{"cidr v6 compressed address", sA, `{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}`, attrs{"ip": aStr("2001:db8:1234:1a00::1")}, "", true},
	{"cidr v6 expanded address [rec EB]", sA, `{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}`, attrs{"ip": aStr("2001:0db8:1234:1a00:0000:0000:0000:0001")}, "", true},
	{"cidr v6 upper-case hex", sB, `{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}`, nil, `{"ip":"2001:DB8:1234:1A00::FF"}`, true},
	{"cidr v6 outside", sA, `{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}`, attrs{"ip": aStr("2001:db8:1234:1b00::1")}, "", false},
	{"cidr v6 vs v4 address", sA, `{"ip":[{"cidr":"2001:db8::/32"}]}`, attrs{"ip": aStr("10.0.0.1")}, "", false},
	{"cidr String.Array element", sA, `{"ip":[{"cidr":"192.168.1.0/30"}]}`, attrs{"ip": aArr(`["10.0.0.1","192.168.1.2"]`)}, "", true},
	{"cidr /30 edge outside", sB, `{"ip":[{"cidr":"192.168.1.0/30"}]}`, nil, `{"ip":"192.168.1.4"}`, false},

	// String.Array and Binary.
	{"String.Array contains [rec]", sA, `{"store":["value1"]}`, attrs{"store": aArr(`["value1","value2"]`)}, "", true},
	{"String.Array does not contain [rec]", sA, `{"store":["value1"]}`, attrs{"store": aArr(`["value2","value3"]`)}, "", false},
	{"String.Array OR [doc]", sA, `{"c":["rugby","tennis"]}`, attrs{"c": aArr(`["rugby", "tennis"]`)}, "", true},
	{"String.Array baseball [doc]", sA, `{"c":["rugby","tennis"]}`, attrs{"c": aArr(`["baseball"]`)}, "", false},
	{"String.Array number element", sA, `{"c":[5]}`, attrs{"c": aArr(`["x",5]`)}, "", true},
	{"String.Array number by value", sA, `{"c":[5]}`, attrs{"c": aArr(`[5.0]`)}, "", true},
	{"String.Array number vs string element", sA, `{"c":[5]}`, attrs{"c": aArr(`["5"]`)}, "", false},
	{"String.Array bool element", sA, `{"c":[true]}`, attrs{"c": aArr(`[false,true]`)}, "", true},
	{"String.Array null element", sA, `{"c":[null]}`, attrs{"c": aArr(`[null]`)}, "", true},
	{"String.Array prefix element", sA, `{"c":[{"prefix":"ba"}]}`, attrs{"c": aArr(`["rugby","baseball"]`)}, "", true},
	{"String.Array whole text is not a value", sA, `{"c":["[\"a\"]"]}`, attrs{"c": aArr(`["a"]`)}, "", false},
	{"String attr holding JSON is a string", sA, `{"c":["a"]}`, attrs{"c": aStr(`["a"]`)}, "", false},
	{"Binary ignored for exact", sA, `{"b":["x"]}`, attrs{"b": aBin("x")}, "", false},
	{"Binary ignored for exists true", sA, `{"b":[{"exists":true}]}`, attrs{"b": aBin("x")}, "", false},
	{"Binary ignored: exists false matches", sA, `{"b":[{"exists":false}]}`, attrs{"b": aBin("x"), "s": aStr("y")}, "", true},
	{"Binary ignored: anything-but", sA, `{"b":[{"anything-but":"y"}]}`, attrs{"b": aBin("x")}, "", false},

	// $or.
	{"$or attribute first branch", sA, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]}`,
		attrs{"source": aStr("aws.cloudwatch"), "metricName": aStr("CPUUtilization")}, "", true},
	{"$or attribute second branch", sA, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]}`,
		attrs{"source": aStr("aws.cloudwatch"), "namespace": aStr("AWS/EC2")}, "", true},
	{"$or attribute no branch", sA, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]}`,
		attrs{"source": aStr("aws.cloudwatch"), "namespace": aStr("AWS/ES")}, "", false},
	{"$or attribute common key fails", sA, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]}`,
		attrs{"source": aStr("aws.events"), "metricName": aStr("CPUUtilization")}, "", false},
	{"$or nested $or", sA, `{"$or":[{"a":["1"]},{"b":["2"],"$or":[{"c":["3"]},{"d":["4"]}]}]}`, attrs{"b": aStr("2"), "d": aStr("4")}, "", true},
	{"$or nested $or inner fails", sA, `{"$or":[{"a":["1"]},{"b":["2"],"$or":[{"c":["3"]},{"d":["4"]}]}]}`, attrs{"b": aStr("2"), "d": aStr("5")}, "", false},
	{"$or with exists false branch", sA, `{"$or":[{"a":["1"]},{"b":[{"exists":false}]}]}`, attrs{"c": aStr("1")}, "", true},

	// Body scope: nesting, $or at depth, dotted keys, arrays.
	{"body nested prefix [rec]", sB, bodyPolicyRec, nil, `{"object":{"key":"auto-test"}}`, true},
	{"body nested exact [rec]", sB, bodyPolicyRec, nil, `{"object":{"key":"hardcodedvalue"}}`, true},
	{"body nested wrong prefix [rec]", sB, bodyPolicyRec, nil, `{"object":{"key":"test-auto"}}`, false},
	{"body nested top exists false fails [rec]", sB, bodyPolicyRec, nil, `{"object":{"key":"auto-test"},"test":"just-exists"}`, false},
	{"body nested inner exists false fails [rec]", sB, bodyPolicyRec, nil, `{"object":{"key":"auto-test","nested_key":"just-exists"}}`, false},
	{"body nested key missing [rec]", sB, bodyPolicyRec, nil, `{"object":{"test":"auto-test"}}`, false},
	{"body nested object missing [rec]", sB, bodyPolicyRec, nil, `{"test":"auto-test"}`, false},
	{"body not JSON [rec]", sB, bodyPolicyRec, nil, `Regular string message`, false},
	{"body JSON string not object [rec]", sB, bodyPolicyRec, nil, `"Regular string message"`, false},
	{"body JSON array not object", sB, `{"a":[1]}`, nil, `[{"a":1}]`, false},
	{"body JSON number", sB, `{"a":[{"exists":false}]}`, nil, `5`, false},
	{"body empty", sB, `{"a":[{"exists":false}]}`, nil, ``, false},
	{"body truncated JSON", sB, `{"a":[1]}`, nil, `{"a":1`, false},
	{"body trailing garbage", sB, `{"a":[1]}`, nil, `{"a":1} x`, false},
	{"body with surrounding whitespace", sB, `{"a":[1]}`, nil, " \n{\"a\":1}\t ", true},
	{"body nested value is not compared to object", sB, `{"a":["x"]}`, nil, `{"a":{"b":"x"}}`, false},
	{"body array of strings [rec]", sB, `{"headers":{"route-to":["queue1"]}}`, nil, `{"headers":{"route-to":["queue1","queue2"]}}`, true},
	{"body array of strings other [rec]", sB, `{"headers":{"route-to":["queue1"]}}`, nil, `{"headers":{"route-to":["queue2"]}}`, false},
	{"body array of strings third [rec]", sB, `{"headers":{"route-to":["queue1"]}}`, nil, `{"headers":{"route-to":["queue3"]}}`, false},
	{"dotted policy key, nested body [rec]", sB, `{"object.nested":["string.value"]}`, nil, `{"object":{"nested":"string.value"}}`, true},
	{"dotted policy key, dotted body [rec]", sB, `{"object.nested":["string.value"]}`, nil, `{"object.nested":"string.value"}`, true},
	{"dotted policy key, other value [rec]", sB, `{"object.nested":["string.value"]}`, nil, `{"object":{"nested":"test-auto"}}`, false},
	{"deep dotted key, nested body [rec]", sB, `{"object.nested.test":["string.value"]}`, nil, `{"object":{"nested":{"test":"string.value"}}}`, true},
	{"deep dotted key, dotted body [rec]", sB, `{"object.nested.test":["string.value"]}`, nil, `{"object.nested.test":"string.value"}`, true},
	{"deep dotted key, half dotted body [rec]", sB, `{"object.nested.test":["string.value"]}`, nil, `{"object.nested":{"test":"string.value"}}`, true},
	{"deep dotted key, other half dotted [rec]", sB, `{"object.nested.test":["string.value"]}`, nil, `{"object":{"nested.test":"string.value"}}`, true},
	{"deep dotted key, other value [rec]", sB, `{"object.nested.test":["string.value"]}`, nil, `{"object":{"nested":{"test":"string.notvalue"}}}`, false},
	{"nested policy, dotted body key [rec EB]", sB, `{"a":{"b":["x"]}}`, nil, `{"a.b":"x"}`, true},
	{"dotted key is not a prefix", sB, `{"a.b":["x"]}`, nil, `{"a":{"bc":"x"}}`, false},
	{"body exists false dotted key present", sB, `{"a.b":[{"exists":false}]}`, nil, `{"a.b":1}`, false},
	{"S3 records multiple [rec]", sB, s3Policy, nil, `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"object":[[{"key":"auto-insurance-2314.xml","size":17}]]}},{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"object":{"key":"home-insurance-2314.xml","size":17}}}]}`, true},
	{"S3 records created auto [rec]", sB, s3Policy, nil, `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"auto-insurance-2314.xml","size":17}}}]}`, true},
	{"S3 records removed auto [rec]", sB, s3Policy, nil, `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"auto-insurance-2314.xml","size":17}}}]}`, false},
	{"S3 records created home [rec]", sB, s3Policy, nil, `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"home-insurance-2314.xml","size":17}}}]}`, false},
	{"array of objects, one element has both [ruler]", sB, `{"r":{"a":["1"],"b":["2"]}}`, nil, `{"r":[{"a":"0","b":"0"},{"a":"1","b":"2"}]}`, true},
	// A deliberate difference from event-ruler, which takes both fields from
	// one array element; nothing recorded for SNS settles it.
	{"array of objects, fields from different elements [not array-consistent]", sB, `{"r":{"a":["1"],"b":["2"]}}`, nil, `{"r":[{"a":"1"},{"b":"2"}]}`, true},
	{"array of objects, outer key outside the array", sB, `{"k":["v"],"r":{"a":["1"]}}`, nil, `{"k":"v","r":[{"a":"0"},{"a":"1"}]}`, true},
	{"array of objects, two arrays independent", sB, `{"r":{"a":["1"]},"s":{"b":["2"]}}`, nil, `{"r":[{"a":"1"}],"s":[{"b":"0"},{"b":"2"}]}`, true},
	{"array of objects, path through list [doc]", sB, `{"a":{"id":[{"exists":true}]}}`, nil, `{"a":[{"k":1},{"id":"x"}]}`, true},
	{"array of arrays of values", sB, `{"a":["x"]}`, nil, `{"a":[["y"],["z",["x"]]]}`, true},
	{"body $or at top and inside object", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","detail":{"scope":"Service","source":"aws.cloudwatch"}}`, true},
	{"body $or ReadLatency", sB, orBodyPolicy, nil, `{"metricName":"ReadLatency","detail":{"scope":"Service","source":"aws.cloudwatch"}}`, true},
	{"body $or namespace EC2", sB, orBodyPolicy, nil, `{"namespace":"AWS/EC2","detail":{"scope":"Service","source":"aws.cloudwatch"}}`, true},
	{"body $or namespace ES", sB, orBodyPolicy, nil, `{"namespace":"AWS/ES","detail":{"scope":"Service","source":"aws.cloudwatch"}}`, true},
	{"body $or inner type branch", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","detail":{"scope":"Service","type":"CloudWatch Alarm State Change"}}`, true},
	{"body $or wrong scope", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","detail":{"scope":"aws.cloudwatch","type":"CloudWatch Alarm State Change"}}`, false},
	{"body $or wrong type", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","detail":{"scope":"Service","type":"CPUUtilization"}}`, false},
	{"body $or scope missing", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","detail":{"type":"CloudWatch Alarm State Change"}}`, false},
	{"body $or inner branch missing", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","detail":{"scope":"Service"}}`, false},
	{"body $or detail missing", sB, orBodyPolicy, nil, `{"metricName":"CPUUtilization","scope":"Service"}`, false},
	{"body $or outer branch value wrong", sB, orBodyPolicy, nil, `{"metricName":"AWS/EC2","detail":{"scope":"Service","type":"CloudWatch Alarm State Change"}}`, false},
	{"body duplicate key last wins", sB, `{"a":["x"]}`, nil, `{"a":"y","a":"x"}`, true},
}

const bodyPolicyRec = `{"object":{"key":[{"prefix":"auto-"},"hardcodedvalue"],"nested_key":[{"exists":false}]},"test":[{"exists":false}]}`

const s3Policy = `{"Records":{"s3":{"object":{"key":[{"prefix":"auto-"}]}},"eventName":[{"prefix":"ObjectCreated:"}]}}`

const orBodyPolicy = `{"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}],` +
	`"detail":{"scope":["Service"],"$or":[{"source":["aws.cloudwatch"]},{"type":["CloudWatch Alarm State Change"]}]}}`

func TestMatch(t *testing.T) {
	for _, c := range matchCases {
		t.Run(c.name, func(t *testing.T) {
			ref, err := refMatch(c.policy, c.scope, c.attrs, []byte(c.body))
			if err != nil {
				t.Fatalf("reference rejects the policy %s: %v", c.policy, err)
			}
			if ref != c.want {
				t.Errorf("reference: Match = %v, want %v", ref, c.want)
			}
			p, err := ParseFilterPolicy(c.policy, c.scope)
			if err != nil {
				t.Fatalf("ParseFilterPolicy(%s, %v): %v", c.policy, c.scope, err)
			}
			if got := p.Match(c.attrs, []byte(c.body)); got != c.want {
				t.Errorf("policy %s (%v)\nattrs %v body %s\nMatch = %v, want %v", c.policy, c.scope, c.attrs, c.body, got, c.want)
			}
			var byScope bool
			if c.scope == ScopeBody {
				byScope = p.MatchBody([]byte(c.body))
			} else {
				byScope = p.MatchAttributes(c.attrs)
			}
			if byScope != c.want {
				t.Errorf("MatchAttributes/MatchBody = %v, want %v", byScope, c.want)
			}
		})
	}
}

// TestPolicyAccessors checks Scope and String.
func TestPolicyAccessors(t *testing.T) {
	for _, c := range []struct {
		policy string
		scope  Scope
	}{
		{`{"a":["x"]}`, ScopeAttributes},
		{" {\"a\" : { \"b\" : [ 1 ] } }\n", ScopeBody},
	} {
		p, err := ParseFilterPolicy(c.policy, c.scope)
		if err != nil {
			t.Fatalf("ParseFilterPolicy(%q): %v", c.policy, err)
		}
		if p.Scope() != c.scope {
			t.Errorf("Scope() = %v, want %v", p.Scope(), c.scope)
		}
		if p.String() != c.policy {
			t.Errorf("String() = %q, want the policy as given %q", p.String(), c.policy)
		}
	}
}

// TestIndexAgreesWithMatch puts every policy of the match table into one
// Index and checks that, for every message of the table, AppendMatches
// returns exactly the policies whose Match is true.
func TestIndexAgreesWithMatch(t *testing.T) {
	var ix Index[int]
	policies := make([]*Policy, len(matchCases))
	for i, c := range matchCases {
		p, err := ParseFilterPolicy(c.policy, c.scope)
		if err != nil {
			t.Fatalf("ParseFilterPolicy(%s): %v", c.policy, err)
		}
		policies[i] = p
		ix.Set(i, p)
	}
	if ix.Len() != len(matchCases) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(matchCases))
	}
	for _, c := range matchCases {
		var want []int
		for j, p := range policies {
			if p.Match(c.attrs, []byte(c.body)) {
				want = append(want, j)
			}
		}
		got := ix.AppendMatches(nil, c.attrs, []byte(c.body))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("message of %q: AppendMatches = %v, want %v", c.name, got, want)
		}
	}
	// Deleting half the policies removes exactly those.
	for i := 0; i < len(matchCases); i += 2 {
		ix.Delete(i)
	}
	for _, c := range matchCases {
		var want []int
		for j, p := range policies {
			if j%2 == 1 && p.Match(c.attrs, []byte(c.body)) {
				want = append(want, j)
			}
		}
		got := ix.AppendMatches([]int{-1}, c.attrs, []byte(c.body))
		if len(got) == 0 || got[0] != -1 {
			t.Fatalf("AppendMatches did not append to dst: %v", got)
		}
		got = got[1:]
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("after Delete, message of %q: AppendMatches = %v, want %v", c.name, got, want)
		}
	}
}
