package pattern

import (
	"slices"
	"testing"
)

// eventCase is an event pattern, an event and whether it matches.
type eventCase struct {
	name    string
	pattern string
	event   string
	want    bool
}

// ev wraps members into an event with EventBridge's envelope, as the
// recorded TestEventPattern calls send them.
func ev(members string) string {
	env := `{"version":"0","id":"1","source":"test-source","detail-type":"test-detail-type","account":"123456789012",` +
		`"region":"us-east-2","time":"2022-07-13T13:48:01Z","resources":[]`
	if members == "" {
		return env + "}"
	}
	return env + "," + members + "}"
}

// detail wraps members into an event's detail.
func detail(members string) string { return ev(`"detail":{` + members + `}`) }

// Sources: [rec] LocalStack's event_pattern_templates, recorded against
// TestEventPattern (test_events_patterns.snapshot.json, 2024-12); [doc]
// the EventBridge user guide; [src] event-ruler's source (JsonRuleCompiler,
// ByteMachine, the README); [not array-consistent] a deliberate
// difference, see below.
var eventCases = []eventCase{
	// Exact values; AND across fields, OR within a field's array.
	{"exact string [rec string]", `{"source":["test-source"]}`, ev(""), true},
	{"exact string other [rec]", `{"source":["other"]}`, ev(""), false},
	{"exact OR within array [doc]", `{"source":["a","test-source"]}`, ev(""), true},
	{"exact AND across fields [rec]", `{"source":["test-source"],"detail-type":["other"]}`, ev(""), false},
	{"keys are case-sensitive [rec key_case_sensitive_NEG]", `{"Source":["test-source"]}`, ev(""), false},
	{"values are case-sensitive [doc]", `{"source":["Test-Source"]}`, ev(""), false},
	{"empty string matches empty string [rec string_empty]", `{"detail":{"s":[""]}}`, detail(`"s":""`), true},
	{"empty string not null", `{"detail":{"s":[""]}}`, detail(`"s":null`), false},
	{"empty string not missing", `{"detail":{"s":[""]}}`, detail(``), false},
	{"number [rec]", `{"detail":{"n":[42]}}`, detail(`"n":42`), true},
	{"number by value 300 vs 300.0 [rec number_comparison_float]", `{"detail":{"n":[300]}}`, detail(`"n":300.0`), true},
	{"number by value 3e2", `{"detail":{"n":[3.0e2]}}`, detail(`"n":300`), true},
	{"number vs string [rec numeric-string_NEG style]", `{"detail":{"n":[300]}}`, detail(`"n":"300"`), false},
	{"string vs number", `{"detail":{"n":["300"]}}`, detail(`"n":300`), false},
	{"number beyond SNS's range [src: full double range]", `{"detail":{"n":[12345678901234]}}`, detail(`"n":1.2345678901234e13`), true},
	{"boolean [rec boolean]", `{"detail":{"b":[true]}}`, detail(`"b":true`), true},
	{"boolean vs string [rec boolean_NEG]", `{"detail":{"b":[true]}}`, detail(`"b":"true"`), false},
	{"null [rec null_value]", `{"detail":{"v":[null]}}`, detail(`"v":null`), true},
	{"null vs missing [rec null_value_NEG]", `{"detail":{"v":[null]}}`, detail(`"w":1`), false},
	{"null vs string null", `{"detail":{"v":[null]}}`, detail(`"v":"null"`), false},
	{"null vs empty array [rec arrays_empty_null_NEG]", `{"resources":[null]}`, ev(""), false},

	// Arrays.
	{"event array intersects [rec arrays]", `{"detail":{"resources":["arn:x","arn:y"]}}`, detail(`"resources":["arn:z","arn:y"]`), true},
	{"event array disjoint [rec arrays_NEG]", `{"detail":{"r":["x"]}}`, detail(`"r":["y","z"]`), false},
	{"path through array of objects [rec list_within_dict]", `{"detail":{"a":{"id":[{"exists":true}]}}}`, detail(`"a":[{"k":1},{"id":"x"}]`), true},
	{"array of arrays", `{"detail":{"a":["x"]}}`, detail(`"a":[["y"],["z",["x"]]]`), true},
	// A deliberate difference from event-ruler, which takes both fields
	// from one array element; the engine matches each field on its own.
	{"array of objects, fields from different elements [not array-consistent]", `{"detail":{"r":{"a":["1"],"b":["2"]}}}`, detail(`"r":[{"a":"1"},{"b":"2"}]`), true},
	{"array of objects, one element has both [src]", `{"detail":{"r":{"a":["1"],"b":["2"]}}}`, detail(`"r":[{"a":"0","b":"0"},{"a":"1","b":"2"}]`), true},

	// Nesting and keys.
	{"detail as a JSON string is not parsed [rec nested_json_NEG]", `{"detail":{"state":["running"]}}`, ev(`"detail":"{\"state\":\"running\"}"`), false},
	{"nested pattern, dotted event key [rec dot_joining_event]", `{"detail":{"state":{"status":["running"]}}}`, detail(`"state.status":"running"`), true},
	{"nested pattern, dotted event key holding an object [rec dot_joining_event_NEG]", `{"detail":{"state":{"status":["running"]}}}`, detail(`"state.status":{"status":"running"}`), false},
	{"dotted pattern key, nested event [rec dot_joining_pattern]", `{"detail":{"state.status":["running"]}}`, detail(`"state":{"status":"running"}`), true},
	{"dotted pattern key over an object [rec dot_joining_pattern_NEG]", `{"detail":{"state.status":{"status":["running"]}}}`, detail(`"state":{"status":"running"}`), false},
	{"value is not compared to an object", `{"detail":{"a":["x"]}}`, detail(`"a":{"b":"x"}`), false},
	{"duplicate pattern keys: last wins [doc, rec complex_multi_key]", `{"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}`, detail(`"location":"eu-central-1"`), true},
	// Ruler flattens the event as a stream, seeing every occurrence of a
	// repeated key; so does the engine.
	{"repeated event key, last occurrence [src]", `{"detail":{"a":["x"]}}`, `{"detail":{"a":"y","a":"x"}}`, true},
	{"repeated event key, first occurrence [src]", `{"detail":{"a":["x"]}}`, `{"detail":{"a":"x","a":"y"}}`, true},
	{"several operators in one array [rec operator_multiple_list]", `{"my_key":[{"exists":true},{"prefix":"IGNORED"},{"suffix":"IGNORED"}]}`, ev(`"my_key":"my-value"`), true},
	{"event not JSON", `{"source":["x"]}`, `not json`, false},
	{"event JSON but not an object", `{"source":[{"exists":false}]}`, `[1]`, false},

	// prefix, suffix and their ignore-case forms: strings only.
	{"prefix [rec content_prefix]", `{"time":[{"prefix":"2022-07-13"}]}`, ev(""), true},
	{"prefix other [rec content_prefix_NEG]", `{"time":[{"prefix":"2017-10-02"}]}`, ev(""), false},
	{"prefix is case-sensitive", `{"detail":{"s":[{"prefix":"ab"}]}}`, detail(`"s":"ABC"`), false},
	{"prefix empty matches every string [rec content_prefix_empty]", `{"detail":{"s":[{"prefix":""}]}}`, detail(`"s":"anything"`), true},
	{"prefix empty not a number", `{"detail":{"s":[{"prefix":""}]}}`, detail(`"s":5`), false},
	{"prefix not a number", `{"detail":{"s":[{"prefix":"1"}]}}`, detail(`"s":100`), false},
	{"prefix ignore-case [rec content_prefix_ignorecase]", `{"detail":{"service":[{"prefix":{"equals-ignore-case":"EventB"}}]}}`, detail(`"service":"EvEnTbridge"`), true},
	{"prefix ignore-case other [rec content_prefix_ignorecase_NEG]", `{"detail":{"service":[{"prefix":{"equals-ignore-case":"EventB"}}]}}`, detail(`"service":"Events"`), false},
	{"prefix ignore-case Unicode", `{"detail":{"s":[{"prefix":{"equals-ignore-case":"éco"}}]}}`, detail(`"s":"ÉCOLE"`), true},
	{"prefix ignore-case Kelvin sign folds to k", `{"detail":{"s":[{"prefix":{"equals-ignore-case":"k"}}]}}`, detail(`"s":"\u212Aelvin"`), true},
	{"prefix ignore-case not a number", `{"detail":{"s":[{"prefix":{"equals-ignore-case":"1"}}]}}`, detail(`"s":10`), false},
	{"suffix [rec content_suffix]", `{"FileName":[{"suffix":".png"}]}`, ev(`"FileName":"image.png"`), true},
	{"suffix other [rec content_suffix_NEG]", `{"FileName":[{"suffix":".png"}]}`, ev(`"FileName":"image.jpg"`), false},
	{"suffix is case-sensitive", `{"FileName":[{"suffix":".png"}]}`, ev(`"FileName":"image.PNG"`), false},
	{"suffix multibyte", `{"detail":{"s":[{"suffix":"ß"}]}}`, detail(`"s":"Straß"`), true},
	{"suffix ignore-case [rec content_suffix_ignorecase]", `{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}}`, detail(`"FileName":"image.PNG"`), true},
	{"suffix ignore-case other [rec content_suffix_ignorecase_NEG]", `{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}}`, detail(`"FileName":"image.jpg"`), false},
	{"suffix ignore-case longer than value", `{"detail":{"s":[{"suffix":{"equals-ignore-case":"xab"}}]}}`, detail(`"s":"AB"`), false},

	// equals-ignore-case: simple Unicode case folding, strings only.
	{"equals-ignore-case [rec content_ignorecase]", `{"detail-type":[{"equals-ignore-case":"TEST-detail-TYPE"}]}`, ev(""), true},
	{"equals-ignore-case other [rec content_ignorecase_NEG]", `{"detail-type":[{"equals-ignore-case":"test-detail"}]}`, ev(""), false},
	{"equals-ignore-case empty matches empty [rec content_ignorecase_empty]", `{"detail":{"v":[{"equals-ignore-case":""}]}}`, detail(`"v":""`), true},
	{"equals-ignore-case empty vs text [rec content_ignorecase_empty_NEG]", `{"detail":{"v":[{"equals-ignore-case":""}]}}`, detail(`"v":"test-value"`), false},
	{"equals-ignore-case Unicode", `{"detail":{"v":[{"equals-ignore-case":"école"}]}}`, detail(`"v":"ÉCOLE"`), true},
	{"equals-ignore-case not a number", `{"detail":{"v":[{"equals-ignore-case":"1"}]}}`, detail(`"v":1`), false},

	// wildcard.
	{"wildcard [rec content_wildcard_simplified]", `{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}`, ev(`"EventBusArn":"arn:aws:events:us-east-1:123456789012:event-bus/myEventBus"`), true},
	{"wildcard repeating [rec content_wildcard_repeating]", `{"FileName":[{"wildcard":"/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}`, ev(`"FileName":"/Users/ls_user/dir/dir/dir/dir/dir/doc.txt"`), true},
	{"wildcard repeating other [rec content_wildcard_repeating_NEG]", `{"FileName":[{"wildcard":"/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}`, ev(`"FileName":"/Users/ls_user/dir/dir/dir/dir/otherdir/doc.txt"`), false},
	{"wildcard nonrepeating [rec content_wildcard_nonrepeating]", `{"FileName":[{"wildcard":"/Users/*/doc.txt"}]}`, ev(`"FileName":"/Users/ls_user/dir/dir/dir/dir/dir/doc.txt"`), true},
	{"wildcard nonrepeating other [rec content_wildcard_nonrepeating_NEG]", `{"FileName":[{"wildcard":"/Users/*/doc.txt"}]}`, ev(`"FileName":"/Users/ls_user/dir/dir/dir/dir/dir/doc.pdf"`), false},
	{"wildcard star matches empty [src]", `{"detail":{"f":[{"wildcard":"dir/*.png"}]}}`, detail(`"f":"dir/.png"`), true},
	{"wildcard anchored at the start", `{"detail":{"f":[{"wildcard":"dir/*"}]}}`, detail(`"f":"a/dir/x"`), false},
	{"wildcard anchored at the end", `{"detail":{"f":[{"wildcard":"*.png"}]}}`, detail(`"f":"a.png.bak"`), false},
	{"wildcard several stars in order", `{"detail":{"f":[{"wildcard":"*a*b*"}]}}`, detail(`"f":"xxbxxaxx"`), false},
	{"wildcard several stars", `{"detail":{"f":[{"wildcard":"*a*b*"}]}}`, detail(`"f":"xaxxbx"`), true},
	{"wildcard only a star matches every string", `{"detail":{"f":[{"wildcard":"*"}]}}`, detail(`"f":""`), true},
	{"wildcard escaped star is literal [src]", `{"detail":{"f":[{"wildcard":"a\\*b"}]}}`, detail(`"f":"a*b"`), true},
	{"wildcard escaped star is not a wildcard [src]", `{"detail":{"f":[{"wildcard":"a\\*b"}]}}`, detail(`"f":"axb"`), false},
	{"wildcard escaped backslash [src]", `{"detail":{"f":[{"wildcard":"a\\\\*"}]}}`, detail(`"f":"a\\bc"`), true},
	{"wildcard empty matches only empty [src]", `{"detail":{"f":[{"wildcard":""}]}}`, detail(`"f":""`), true},
	{"wildcard empty vs text", `{"detail":{"f":[{"wildcard":""}]}}`, detail(`"f":"x"`), false},
	{"wildcard without star is exact", `{"detail":{"f":[{"wildcard":"abc"}]}}`, detail(`"f":"abc"`), true},
	{"wildcard not a number [src]", `{"detail":{"f":[{"wildcard":"1*"}]}}`, detail(`"f":10`), false},
	{"wildcard greedy middle", `{"detail":{"f":[{"wildcard":"*ab*ab"}]}}`, detail(`"f":"abab"`), true},

	// anything-but: matches other values and other types, never a missing
	// field; on an array, some element must not be excluded.
	{"anything-but string [rec content_anything_but_string]", `{"detail":{"state":[{"anything-but":"initializing"}]}}`, detail(`"state":"running"`), true},
	{"anything-but string excluded [rec content_anything_but_string_NEG]", `{"detail":{"state":[{"anything-but":"initializing"}]}}`, detail(`"state":"initializing"`), false},
	{"anything-but string list [rec content_anything_but_string_list]", `{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}`, detail(`"state":"running"`), true},
	{"anything-but string list excluded [rec content_anything_but_string_list_NEG]", `{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}`, detail(`"state":"stopped"`), false},
	{"anything-but string vs null [rec content_anything_but_string_null]", `{"detail":{"state":[{"anything-but":"initializing"}]}}`, detail(`"state":null`), true},
	{"anything-but string list vs null [rec content_anything_but_string_list_null]", `{"detail":{"state":[{"anything-but":["a","b"]}]}}`, detail(`"state":null`), true},
	{"anything-but string missing [rec content_anything_but_string_missing_NEG]", `{"detail":{"state":[{"anything-but":"initializing"}]}}`, detail(``), false},
	{"anything-but string list missing [rec content_anything_but_string_list_missing_NEG]", `{"detail":{"state":[{"anything-but":["a"]}]}}`, detail(``), false},
	{"anything-but number [rec content_anything_but_number]", `{"detail":{"x-limit":[{"anything-but":123}]}}`, detail(`"x-limit":456`), true},
	{"anything-but number excluded [rec content_anything_but_number_NEG]", `{"detail":{"x-limit":[{"anything-but":123}]}}`, detail(`"x-limit":123.0`), false},
	{"anything-but zero [rec content_anything_but_number_zero]", `{"detail":{"x-limit":[{"anything-but":0}]}}`, detail(`"x-limit":789`), true},
	{"anything-but number list [rec content_anything_but_number_list]", `{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}`, detail(`"x-limit":301`), true},
	{"anything-but number list excluded [rec content_anything_but_number_list_NEG]", `{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}`, detail(`"x-limit":2e2`), false},
	{"anything-but number vs string [src]", `{"detail":{"x":[{"anything-but":[1,2]}]}}`, detail(`"x":"1"`), true},
	{"anything-but array, some element not excluded [doc]", `{"detail":{"c":[{"anything-but":["rugby"]}]}}`, detail(`"c":["rugby","golf"]`), true},
	{"anything-but array, all excluded", `{"detail":{"c":[{"anything-but":["rugby"]}]}}`, detail(`"c":["rugby"]`), false},
	{"anything-but prefix [rec content_anything_prefix]", `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, detail(`"state":"running"`), true},
	{"anything-but prefix excluded [rec content_anything_prefix_NEG]", `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, detail(`"state":"initializing"`), false},
	{"anything-but prefix list [rec content_anything_prefix_list]", `{"detail":{"state":[{"anything-but":{"prefix":["init","test"]}}]}}`, detail(`"state":"running"`), true},
	{"anything-but prefix list excluded [rec content_anything_prefix_list_NEG]", `{"detail":{"state":[{"anything-but":{"prefix":["init","test"]}}]}}`, detail(`"state":"testing"`), false},
	{"anything-but prefix vs number [rec content_anything_prefix_int_value]", `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, detail(`"state":12`), true},
	{"anything-but prefix list vs number [rec content_anything_prefix_list_int]", `{"detail":{"state":[{"anything-but":{"prefix":["init","test"]}}]}}`, detail(`"state":12`), true},
	{"anything-but prefix vs null [rec content_anything_prefix_null]", `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, detail(`"state":null`), true},
	{"anything-but prefix missing [rec content_anything_prefix_missing_NEG]", `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, detail(``), false},
	{"anything-but suffix [rec content_anything_suffix]", `{"detail":{"FileName":[{"anything-but":{"suffix":".txt"}}]}}`, detail(`"FileName":"file.png"`), true},
	{"anything-but suffix excluded [rec content_anything_suffix_NEG]", `{"detail":{"FileName":[{"anything-but":{"suffix":".txt"}}]}}`, detail(`"FileName":"file.txt"`), false},
	{"anything-but suffix list excluded [rec content_anything_suffix_list_NEG]", `{"detail":{"FileName":[{"anything-but":{"suffix":[".txt",".png"]}}]}}`, detail(`"FileName":"file.png"`), false},
	{"anything-but suffix list vs null [rec content_anything_suffix_list_null]", `{"detail":{"FileName":[{"anything-but":{"suffix":[".txt",".png"]}}]}}`, detail(`"FileName":null`), true},
	{"anything-but suffix missing [rec content_anything_suffix_missing_NEG]", `{"detail":{"FileName":[{"anything-but":{"suffix":".txt"}}]}}`, detail(``), false},
	{"anything-but ignore-case [rec content_anything_but_ignorecase]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":"Stopped"}}]}}`, detail(`"state":"running"`), true},
	{"anything-but ignore-case excluded [rec content_anything_but_ignorecase_NEG]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":"Stopped"}}]}}`, detail(`"state":"STOPPED"`), false},
	{"anything-but ignore-case list excluded [rec content_anything_but_ignorecase_list_NEG]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":["Stopped","OverLoaded"]}}]}}`, detail(`"state":"overloaded"`), false},
	{"anything-but ignore-case vs null [rec content_anything_but_ignorecase_null]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":"initializing"}}]}}`, detail(`"state":null`), true},
	{"anything-but ignore-case list vs null [rec content_anything_but_ignorecase_list_null]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":["initializing","stopped"]}}]}}`, detail(`"state":null`), true},
	{"anything-but ignore-case missing [rec content_anything_but_ignorecase_list_missing_NEG]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":["initializing","stopped"]}}]}}`, detail(``), false},
	{"anything-but ignore-case vs number [src]", `{"detail":{"state":[{"anything-but":{"equals-ignore-case":"1"}}]}}`, detail(`"state":1`), true},
	{"anything-but wildcard [rec content_anything_wildcard]", `{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/init/*"}}]}}`, detail(`"FilePath":"dir/post/file"`), true},
	{"anything-but wildcard excluded [rec content_anything_wildcard_NEG]", `{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/init/*"}}]}}`, detail(`"FilePath":"dir/init/file"`), false},
	{"anything-but wildcard list [rec content_anything_wildcard_list]", `{"detail":{"state":[{"anything-but":{"wildcard":["*/init/*","*/dir/*"]}}]}}`, detail(`"state":"dir/post/dir"`), true},
	{"anything-but wildcard list excluded [rec content_anything_wildcard_list_NEG]", `{"detail":{"state":[{"anything-but":{"wildcard":["*/init/*","*/dir/*"]}}]}}`, detail(`"state":"a/dir/b"`), false},
	{"anything-but wildcard empty: any non-empty string [rec content_anything_wildcard_empty]", `{"detail":{"FilePath":[{"anything-but":{"wildcard":""}}]}}`, detail(`"FilePath":"dir/init/file"`), true},
	{"anything-but wildcard empty vs empty", `{"detail":{"FilePath":[{"anything-but":{"wildcard":""}}]}}`, detail(`"FilePath":""`), false},
	{"anything-but wildcard vs number [rec content_anything_wildcard_int]", `{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/dir/*"}}]}}`, detail(`"FilePath":123`), true},
	{"anything-but wildcard vs null [rec content_anything_wildcard_null]", `{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/dir/*"}}]}}`, detail(`"FilePath":null`), true},
	{"anything-but wildcard missing [rec content_anything_wildcard_missing_NEG]", `{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/dir/*"}}]}}`, detail(``), false},

	// numeric: JSON numbers only, any double.
	{"numeric ranges [rec content_numeric_and]", `{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"numeric":["=",3.018e2]}]}}`, detail(`"c-count":3,"d-count":9,"x-limit":3.018e2`), true},
	{"numeric range top excluded [rec content_numeric_and_NEG]", `{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}]}}`, detail(`"c-count":3,"d-count":10`), false},
	{"numeric int vs float [rec numeric-int-float]", `{"number":[{"numeric":[">",100]}]}`, ev(`"number":101.0`), true},
	{"numeric vs string [rec numeric-string_NEG]", `{"number":[{"numeric":[">",100]}]}`, ev(`"number":"101"`), false},
	{"numeric vs null [rec numeric-null_NEG]", `{"number":[{"numeric":[">",100]}]}`, ev(`"number":null`), false},
	{"numeric >= boundary", `{"detail":{"n":[{"numeric":[">=",10]}]}}`, detail(`"n":10`), true},
	{"numeric > boundary", `{"detail":{"n":[{"numeric":[">",10]}]}}`, detail(`"n":10`), false},
	{"numeric <= boundary", `{"detail":{"n":[{"numeric":["<=",-1.5]}]}}`, detail(`"n":-1.5`), true},
	{"numeric range bottom excluded", `{"detail":{"n":[{"numeric":[">",0,"<",1]}]}}`, detail(`"n":0`), false},
	{"numeric beyond ±5e9 [src: full double range since 1.8]", `{"detail":{"n":[{"numeric":[">",1e10,"<",1e300]}]}}`, detail(`"n":5e20`), true},
	{"numeric tiny differences [src]", `{"detail":{"n":[{"numeric":["=",0.1]}]}}`, detail(`"n":0.10000000000000001`), true},
	{"numeric array element", `{"detail":{"n":[{"numeric":[">",10]}]}}`, detail(`"n":[1,"20",30]`), true},
	{"numeric or anything-but [rec or-numeric-anything-but]", `{"dynamodb":{"NewImage":{"numericFilter":{"N":[{"numeric":[">",100]},{"anything-but":"101"}]}}}}`, ev(`"dynamodb":{"NewImage":{"numericFilter":{"N":"42"}}}`), true},
	{"numeric or anything-but both fail [rec or-numeric-anything-but_NEG]", `{"dynamodb":{"NewImage":{"numericFilter":{"N":[{"numeric":[">",100]},{"anything-but":"101"}]}}}}`, ev(`"dynamodb":{"NewImage":{"numericFilter":{"N":"101"}}}`), false},

	// exists: leaf values only; null is present.
	{"exists true [rec content_exists]", `{"detail":{"state":[{"exists":true}]}}`, detail(`"state":"x"`), true},
	{"exists true missing [rec content_exists_NEG]", `{"detail":{"state":[{"exists":true}]}}`, detail(`"other":"x"`), false},
	{"exists false missing [rec content_exists_false]", `{"detail":{"state":[{"exists":false}]}}`, detail(`"other":"x"`), true},
	{"exists false present [rec content_exists_false_NEG]", `{"detail":{"state":[{"exists":false}]}}`, detail(`"state":"x"`), false},
	{"exists true nested leaf [rec exists_dynamodb]", `{"dynamodb":{"presentKey":{"S":[{"exists":true}]}}}`, ev(`"dynamodb":{"id":{"S":"a"},"presentKey":{"S":"b"}}`), true},
	{"exists true on an object [rec exists_dynamodb_NEG style, doc]", `{"dynamodb":{"presentKey":[{"exists":true}]}}`, ev(`"dynamodb":{"presentKey":{"S":"b"}}`), false},
	{"exists false on an object [doc README]", `{"detail":{"c-count":[{"exists":false}]}}`, detail(`"c-count":{"c1":100}`), true},
	{"exists true on an empty array [rec exists_list_empty_NEG]", `{"detail":{"l":[{"exists":true}]}}`, detail(`"l":[]`), false},
	{"exists false on an empty array", `{"detail":{"l":[{"exists":false}]}}`, detail(`"l":[]`), true},
	{"exists true on null [src]", `{"detail":{"v":[{"exists":true}]}}`, detail(`"v":null`), true},
	{"exists false, detail missing entirely", `{"detail":{"v":[{"exists":false}]}}`, ev(""), true},

	// cidr.
	{"cidr v4 [rec content_ip_address]", `{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}`, detail(`"sourceIPAddress":"10.0.0.255"`), true},
	{"cidr v4 outside [rec content_ip_address_NEG]", `{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}`, detail(`"sourceIPAddress":"10.0.1.1"`), false},
	{"cidr v6 expanded address [rec content_ip_address_v6]", `{"detail":{"sourceIPAddress":[{"cidr":"2001:db8:1234:1a00::/64"}]}}`, detail(`"sourceIPAddress":"2001:0db8:1234:1a00:0000:0000:0000:0001"`), true},
	{"cidr v6 outside [rec content_ip_address_v6_NEG]", `{"detail":{"sourceIPAddress":[{"cidr":"2001:db8:1234:1a00::/64"}]}}`, detail(`"sourceIPAddress":"2001:db8:1234:1b00::1"`), false},
	{"cidr vs number [rec content_ip_address_bad_type_NEG]", `{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}`, detail(`"sourceIPAddress":10`), false},
	{"cidr vs not an address", `{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}`, detail(`"ip":"ten"`), false},

	// $or at any depth.
	{"$or third branch [rec complex_or]", eventOr, detail(`"c-count":0,"d-count":0,"x-limit":3.018e2`), true},
	{"$or second branch [rec complex_or]", eventOr, detail(`"c-count":0,"d-count":0,"x-limit":9.018e2`), true},
	{"$or no branch [rec complex_or_NEG]", eventOr, detail(`"c-count":0,"d-count":10,"x-limit":9.018e2`), false},
	{"$or with exists false [rec or-exists]", `{"detail":{"$or":[{"a":["x"]},{"b":[{"exists":false}]}]}}`, detail(`"a":"y"`), true},
	{"exists false under a missing parent [rec or-exists-parent]", `{"dynamodb":{"NewImage":{"homemade":{"S":[{"anything-but":["roses"]},{"exists":false}]}}}}`, ev(`"dynamodb":{"NewImage":{"purchased":{"N":"789"}}}`), true},
	{"$or anything-but [rec or-anything-but]", `{"source":["test-source"],"$or":[{"detail-type":[{"anything-but":"test-detail-type"}]},{"region":["us-east-2"]}]}`, ev(""), true},
	{"$or at top and nested [src README]", `{"$or":[{"a":["1"]},{"b":["2"]}],"detail":{"$or":[{"c":["3"]},{"d":["4"]}]}}`, ev(`"b":"2","detail":{"d":"4"}`), true},
	{"$or at top and nested, inner fails", `{"$or":[{"a":["1"]},{"b":["2"]}],"detail":{"$or":[{"c":["3"]},{"d":["4"]}]}}`, ev(`"b":"2","detail":{"d":"5"}`), false},
	{"$or inside $or", `{"$or":[{"a":["1"]},{"b":["2"],"$or":[{"c":["3"]},{"d":["4"]}]}]}`, ev(`"b":"2","c":"3"`), true},
}

const eventOr = `{"detail":{"$or":[{"c-count":[{"numeric":[">",0,"<=",5]}]},{"d-count":[{"numeric":["<",10]}]},{"x-limit":[{"numeric":["=",3.018e2]}]}]}}`

func TestMatchEventPattern(t *testing.T) {
	t.Parallel()
	for _, c := range eventCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ref, err := refMatchEvent(c.pattern, []byte(c.event))
			if err != nil {
				t.Fatalf("reference rejects the pattern %s: %v", c.pattern, err)
			}
			if ref != c.want {
				t.Errorf("reference: match = %v, want %v", ref, c.want)
			}
			p, err := ParseEventPattern(c.pattern)
			if err != nil {
				t.Fatalf("ParseEventPattern(%s): %v", c.pattern, err)
			}
			if got := p.MatchBody([]byte(c.event)); got != c.want {
				t.Errorf("pattern %s\nevent %s\nMatchBody = %v, want %v", c.pattern, c.event, got, c.want)
			}
			if p.Scope() != ScopeBody || p.String() != c.pattern {
				t.Errorf("Scope, String = %v, %q; want MessageBody and the pattern", p.Scope(), p.String())
			}
		})
	}
}

// TestIndexAgreesWithEventPatterns files every pattern of the table in one
// Index and checks that each event finds exactly the patterns whose
// MatchBody is true, before and after deleting half of them.
func TestIndexAgreesWithEventPatterns(t *testing.T) {
	t.Parallel()
	var ix Index[int]
	patterns := make([]*Policy, len(eventCases))
	for i, c := range eventCases {
		p, err := ParseEventPattern(c.pattern)
		if err != nil {
			t.Fatalf("ParseEventPattern(%s): %v", c.pattern, err)
		}
		patterns[i] = p
		ix.Set(i, p)
	}
	check := func(stage string, alive func(int) bool) {
		t.Helper()
		for _, c := range eventCases {
			var want []int
			for j, p := range patterns {
				if alive(j) && p.MatchBody([]byte(c.event)) {
					want = append(want, j)
				}
			}
			got := ix.AppendMatches(nil, nil, []byte(c.event))
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s, event of %q: AppendMatches = %v, want %v", stage, c.name, got, want)
			}
		}
	}
	check("all filed", func(int) bool { return true })
	for i := 0; i < len(eventCases); i += 2 {
		ix.Delete(i)
	}
	check("after deleting the even ones", func(j int) bool { return j%2 == 1 })
}
