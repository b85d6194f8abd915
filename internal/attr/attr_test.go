package attr_test

import (
	"errors"
	"maps"
	"strconv"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/awserr"
)

// AWS's texts, spelled out once so the tables below stay readable.
const (
	msgReserved = "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. " +
		"These strings are reserved for internal use. Additionally, they cannot start or end with '.'."
	msgNameChars = "Message (user) attributes name can only contain upper and lower score characters, " +
		"digits, periods, hyphens and underscores. "
	msgNameEmpty    = "The request must contain non-empty message (user) attribute names."
	msgNameLong     = "Message (user) attribute name must be shorter than 256 bytes."
	msgNameDots     = "Message (user) attribute name must not have successive '.' characters."
	msgTypeLong     = "Message (user) attribute type must be shorter than 256 bytes."
	allowedCharsMsg = "the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]."
)

func msgTypeInvalid(name string) string {
	return "The type of message (user) attribute '" + name + "' is invalid. " +
		"You must use only the following supported type prefixes: Binary, Number, String."
}

func msgEmptyValue(name, typ string) string {
	return "Message (user) attribute '" + name + "' must contain a non-empty value of type '" + typ + "'."
}

func msgNoType(name string) string {
	return "The message (user) attribute '" + name + "' must contain a non-empty message attribute type."
}

func msgNotNumber(name string) string {
	return "Can't cast the value of message (user) attribute '" + name + "' to a number."
}

func msgBadChar(char, name string) string {
	return "Invalid binary character '" + char + "' was found in the message attribute '" + name +
		"' value, " + allowedCharsMsg
}

// checkErr fails unless err is an *awserr.Error matching sentinel with the
// given message; an empty message means err must be nil.
func checkErr(t *testing.T, err error, sentinel *awserr.Error, msg string) {
	t.Helper()
	if msg == "" {
		if err != nil {
			t.Fatalf("got error %v, want nil", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("got nil, want %s: %q", sentinel.Code, msg)
	}
	var e *awserr.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want *awserr.Error", err, err)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("code %q, want %q", e.Code, sentinel.Code)
	}
	if e.Message != msg {
		t.Errorf("message\n got %q\nwant %q", e.Message, msg)
	}
	if e.Status != 400 || e.Fault != awserr.Sender {
		t.Errorf("status %d fault %v, want 400 Sender", e.Status, e.Fault)
	}
}

func TestSentinels(t *testing.T) {
	tests := []struct {
		err        *awserr.Error
		code, typ  string
		hasMessage bool
	}{
		{attr.ErrInvalidParameterValue, "InvalidParameterValue", "InvalidParameterValueException", true},
		{attr.ErrInvalidAttributeName, "InvalidAttributeName", "InvalidAttributeName", true},
		{attr.ErrInvalidMessageContents, "InvalidMessageContents", "InvalidMessageContents", true},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if tt.err.Code != tt.code || tt.err.ShapeName() != tt.typ {
				t.Errorf("code %q type %q, want %q %q", tt.err.Code, tt.err.ShapeName(), tt.code, tt.typ)
			}
			if tt.err.Status != 400 || tt.err.Fault != awserr.Sender || tt.err.Message == "" {
				t.Errorf("status %d fault %v message %q", tt.err.Status, tt.err.Fault, tt.err.Message)
			}
		})
	}
	if errors.Is(attr.ErrInvalidParameterValue, attr.ErrInvalidMessageContents) {
		t.Error("distinct sentinels match each other")
	}
}

func TestValidateName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // message; "" = valid
	}{
		{"simple", "attr", ""},
		{"all legal characters", "Az09_-.x", ""},
		{"interior period", "trace.id", ""},
		{"single character", "a", ""},
		{"AWS without period", "AWSfoo", ""},
		{"amazon without period", "amazonfoo", ""},
		{"aws hyphen", "aws-foo", ""},
		{"reserved word later", "x.AWS.y", ""},
		{"256 bytes", strings.Repeat("a", 256), ""},

		{"empty", "", msgNameEmpty},
		{"257 bytes", strings.Repeat("a", 257), msgNameLong},
		{"257 bytes with bad chars", strings.Repeat("!", 257), msgNameLong},
		{"space", "trace id", msgNameChars},
		{"at sign", "trace@id", msgNameChars},
		{"colon", "trace:id", msgNameChars},
		{"slash", "a/b", msgNameChars},
		{"non-ASCII letters", "attr.1øßä", ""},
		{"non-ASCII symbol", "trace•id", msgNameChars},
		{"invalid UTF-8", "trace\xffid", msgNameChars},
		{"control character", "a\x00b", msgNameChars},
		{"invalid UTF-8", "a\xffb", msgNameChars},
		{"AWS. prefix", "AWS.trace", msgReserved},
		{"aws. prefix", "aws.trace", msgReserved},
		{"AwS. prefix", "AwS.trace", msgReserved},
		{"Amazon. prefix", "Amazon.trace", msgReserved},
		{"AMAZON. prefix", "AMAZON.trace", msgReserved},
		{"amazon. prefix", "amazon.x", msgReserved},
		{"bare AWS.", "AWS.", msgReserved},
		{"leading period", ".trace", msgReserved},
		{"trailing period", "trace.", msgReserved},
		{"only a period", ".", msgReserved},
		{"successive periods", "trace..id", msgNameDots},
		{"three periods", "a...b", msgNameDots},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, attr.ValidateName(tt.in), attr.ErrInvalidParameterValue, tt.want)
		})
	}
}

func TestValidate(t *testing.T) {
	str := func(s string) attr.Value { return attr.Value{DataType: "String", StringValue: s} }
	num := func(s string) attr.Value { return attr.Value{DataType: "Number", StringValue: s} }
	one := func(v attr.Value) map[string]attr.Value { return map[string]attr.Value{"a": v} }
	n := func(count int) map[string]attr.Value {
		m := make(map[string]attr.Value, count)
		for i := range count {
			m["attr"+strconv.Itoa(i)] = str("v")
		}
		return m
	}
	tests := []struct {
		name  string
		attrs map[string]attr.Value
		want  string
	}{
		{"nil", nil, ""},
		{"empty", map[string]attr.Value{}, ""},
		{"ten attributes", n(10), ""},
		{"eleven attributes", n(11), "Number of message attributes [11] exceeds the allowed maximum [10]."},
		{"twenty-five attributes", n(25), "Number of message attributes [25] exceeds the allowed maximum [10]."},

		// Names are checked with ValidateName.
		{"bad name", map[string]attr.Value{"AWS.x": str("v")}, msgReserved},
		{"empty name", map[string]attr.Value{"": str("v")}, msgNameEmpty},

		// Data types.
		{"String", one(str("v")), ""},
		{"Number", one(num("1")), ""},
		{"Binary", one(attr.Value{DataType: "Binary", BinaryValue: []byte{0}}), ""},
		{"custom String", one(attr.Value{DataType: "String.json", StringValue: "{}"}), ""},
		{"custom Number", one(attr.Value{DataType: "Number.java.lang.Long", StringValue: "1"}), ""},
		{"custom Binary", one(attr.Value{DataType: "Binary.gif", BinaryValue: []byte("GIF")}), ""},
		{"custom suffix of any characters", one(attr.Value{DataType: "String.ü ?!", StringValue: "v"}), ""},
		{"empty type", one(attr.Value{StringValue: "v"}), msgNoType("a")},
		{"lower-case type", one(attr.Value{DataType: "string", StringValue: "v"}), msgTypeInvalid("a")},
		{"truncated type", one(attr.Value{DataType: "Str", StringValue: "v"}), msgTypeInvalid("a")},
		{"unknown type", one(attr.Value{DataType: "int", StringValue: "1"}), msgTypeInvalid("a")},
		{"prefix without period", one(attr.Value{DataType: "Stringfoo", StringValue: "v"}), msgTypeInvalid("a")},
		{"empty custom suffix", one(attr.Value{DataType: "String.", StringValue: "v"}), msgTypeInvalid("a")},
		{"list type", one(attr.Value{DataType: "StringList", StringValue: "v"}), msgTypeInvalid("a")},
		{"control character in type", one(attr.Value{DataType: "String.\x01", StringValue: "v"}), msgTypeInvalid("a")},
		{"256-byte type", one(attr.Value{DataType: "String." + strings.Repeat("x", 249), StringValue: "v"}), ""},
		{"257-byte type", one(attr.Value{DataType: "String." + strings.Repeat("x", 250), StringValue: "v"}), msgTypeLong},

		// Values must be present, non-empty and in the field of their type.
		{"empty String", one(str("")), msgEmptyValue("a", "String")},
		{"empty custom String", one(attr.Value{DataType: "String.x"}), msgEmptyValue("a", "String")},
		{"empty Number", one(num("")), msgEmptyValue("a", "Number")},
		{"empty Binary", one(attr.Value{DataType: "Binary"}), msgEmptyValue("a", "Binary")},
		{"empty non-nil Binary", one(attr.Value{DataType: "Binary.gif", BinaryValue: []byte{}}), msgEmptyValue("a", "Binary")},
		{"String in binary field", one(attr.Value{DataType: "String", BinaryValue: []byte("v")}),
			"Message (user) attribute 'a' with type 'String' must use field 'String'."},
		{"Number in binary field", one(attr.Value{DataType: "Number", BinaryValue: []byte("1")}),
			"Message (user) attribute 'a' with type 'Number' must use field 'String'."},
		{"Binary in string field", one(attr.Value{DataType: "Binary", StringValue: "v"}),
			"Message (user) attribute 'a' with type 'Binary' must use field 'Binary'."},
		{"String with two values", one(attr.Value{DataType: "String", StringValue: "v", BinaryValue: []byte("v")}),
			"Message (user) attribute 'a' must have a single value."},
		{"Binary with two values", one(attr.Value{DataType: "Binary", StringValue: "v", BinaryValue: []byte("v")}),
			"Message (user) attribute 'a' must have a single value."},

		// String values hold only the characters a body may.
		{"String whitespace", one(str("\t\n\r ")), ""},
		{"String non-ASCII", one(str("øßä 日本 😀 \uFFFD \uE000")), ""},
		{"String NUL", one(str("a\x00")), msgBadChar("#x0", "a")},
		{"String backspace", one(str("Invalid-\x08")), msgBadChar("#x8", "a")},
		{"String vertical tab", one(str("\x0b")), msgBadChar("#xB", "a")},
		{"String unit separator", one(str("\x1f")), msgBadChar("#x1F", "a")},
		{"String U+FFFE", one(str("\uFFFE")), msgBadChar("#xFFFE", "a")},
		{"String U+FFFF", one(str("ok\uFFFF")), msgBadChar("#xFFFF", "a")},
		{"String invalid UTF-8", one(str("\xff")), msgBadChar("#xFF", "a")},
		{"String encoded surrogate", one(str("\xed\xa0\x80")), msgBadChar("#xED", "a")},
		{"custom String bad char", one(attr.Value{DataType: "String.x", StringValue: "\x01"}), msgBadChar("#x1", "a")},
		{"Binary may hold any bytes", one(attr.Value{DataType: "Binary", BinaryValue: []byte{0, 0xff, 0xfe}}), ""},

		// The first problem in name order is reported.
		{"first name in order", map[string]attr.Value{"b": str(""), "a": num("x"), "c": {}}, msgNotNumber("a")},
		{"name problem before value problem", map[string]attr.Value{"a.": str("v"), "b": {}}, msgReserved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, attr.Validate(tt.attrs), attr.ErrInvalidParameterValue, tt.want)
		})
	}
}

func TestValidateDeterministic(t *testing.T) {
	m := map[string]attr.Value{}
	for i := range 10 {
		m["n"+strconv.Itoa(i)] = attr.Value{DataType: "Number", StringValue: "bad" + strconv.Itoa(i)}
	}
	for range 50 {
		checkErr(t, attr.Validate(m), attr.ErrInvalidParameterValue, msgNotNumber("n0"))
	}
}

func TestValidateNumber(t *testing.T) {
	valid := []string{
		"0", "-0", "+0", "0.0", "00", "1", "-1", "+1", "1.5", "-1.5", ".5", "5.", "0.000",
		"1e10", "1E10", "1e+10", "1e-10", "-2.5E-3", "000123", "1.2300000000000000000000000000000000000000000",
		"4563442423554324324264524243.32543234", // 36 digits, from the published MD5 vector
		strings.Repeat("9", 38),                 // 38 significant digits
		"0." + strings.Repeat("0", 50) + strings.Repeat("7", 38),
		"1" + strings.Repeat("0", 60), // trailing zeros are not precision
		"1e126", "-1e126", "10e125", "0.1e127", "1" + strings.Repeat("0", 126),
		"9.9999999999999999999999999999999999999e125",
		"1e-128", "-1e-128", "0.1e-127", "9e-128",
		"0e999999999", "0e-999999999", // zero whatever its exponent
		"1e0000000000000000000000000000001",
	}
	for _, s := range valid {
		t.Run("valid "+s, func(t *testing.T) {
			checkErr(t, attr.Validate(map[string]attr.Value{"n": {DataType: "Number", StringValue: s}}),
				attr.ErrInvalidParameterValue, "")
		})
	}
	invalid := []string{
		// Not numbers.
		"abc", "1.2.3", "1e", "1e+", "e5", ".", "-", "+", "--1", "+-1", " 1", "1 ", "0x10", "Inf", "-Infinity",
		"NaN", "1,000", "1_000", "1e1.5", "1ee5", "١", "1\x00",
		// Too precise.
		strings.Repeat("9", 39),
		"1." + strings.Repeat("0", 37) + "1",
		"0.0" + strings.Repeat("1", 39),
		// Out of range.
		"1e127", "-1e127", "1.1e126", "2e126", "1.0000000000000000000000000000000000001e126",
		"1" + strings.Repeat("0", 127), "1e-129", "9e-129", "-9.9e-129", "1e999999999", "1e-999999999",
	}
	for _, s := range invalid {
		t.Run("invalid "+s, func(t *testing.T) {
			checkErr(t, attr.Validate(map[string]attr.Value{"n": {DataType: "Number.x", StringValue: s}}),
				attr.ErrInvalidParameterValue, msgNotNumber("n"))
		})
	}
}

func TestValidBody(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"hello", true},
		{"\t\n\r", true},
		{" ~\x7f", true},
		{"\u0080\u00e9\u07ff\u0800", true},
		{"\uD7FF\uE000\uFFFD", true},
		{"\U00010000\U0010FFFF😀", true},
		{"\x00", false},
		{"\x08", false},
		{"\x0b", false},
		{"\x0c", false},
		{"\x1f", false},
		{"a\uFFFE", false},
		{"\uFFFF", false},
		{"\xff", false},
		{"\xc3", false},             // truncated sequence
		{"\xc0\x80", false},         // overlong NUL
		{"\xed\xa0\x80", false},     // UTF-8-encoded surrogate
		{"\xf4\x90\x80\x80", false}, // above U+10FFFF
	}
	for _, tt := range tests {
		if got := attr.ValidBody(tt.in); got != tt.want {
			t.Errorf("ValidBody(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheckBody(t *testing.T) {
	body := func(c string) string {
		return "Invalid binary character '" + c + "' was found in the message body, " + allowedCharsMsg
	}
	tests := []struct {
		in   string
		want string
	}{
		{"hello\n", ""},
		{"\x07", body("#x7")},
		{"ok\x01\x02", body("#x1")},
		{"\x0b", body("#xB")},
		{"x\uFFFE", body("#xFFFE")},
		{"\xfe", body("#xFE")},
	}
	for _, tt := range tests {
		checkErr(t, attr.CheckBody(tt.in), attr.ErrInvalidMessageContents, tt.want)
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]attr.Value
		want  int
	}{
		{"nil", nil, 0},
		{"String", map[string]attr.Value{"name": {DataType: "String", StringValue: "value"}}, 4 + 6 + 5},
		{"UTF-8 bytes", map[string]attr.Value{"n": {DataType: "String.é", StringValue: "日本"}}, 1 + 9 + 6},
		{"Binary", map[string]attr.Value{"bin": {DataType: "Binary", BinaryValue: make([]byte, 100)}}, 3 + 6 + 100},
		{"several", map[string]attr.Value{
			"a": {DataType: "Number", StringValue: "12"},
			"b": {DataType: "Binary.gif", BinaryValue: []byte{1, 2, 3}},
		}, (1 + 6 + 2) + (1 + 10 + 3)},
	}
	for _, tt := range tests {
		if got := attr.Size(tt.attrs); got != tt.want {
			t.Errorf("%s: Size = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestSelect(t *testing.T) {
	stored := map[string]attr.Value{
		"a":       {DataType: "String", StringValue: "1"},
		"bar":     {DataType: "String", StringValue: "2"},
		"bar.x":   {DataType: "String", StringValue: "3"},
		"bar.y.z": {DataType: "Binary", BinaryValue: []byte{4}},
		"barn":    {DataType: "Number", StringValue: "5"},
	}
	pick := func(names ...string) map[string]attr.Value {
		m := map[string]attr.Value{}
		for _, n := range names {
			m[n] = stored[n]
		}
		return m
	}
	tests := []struct {
		name  string
		attrs map[string]attr.Value
		names []string
		want  map[string]attr.Value // nil = expect nil
	}{
		{"All", stored, []string{"All"}, stored},
		{".*", stored, []string{".*"}, stored},
		{"All among others", stored, []string{"a", "All"}, stored},
		{"exact", stored, []string{"a", "barn"}, pick("a", "barn")},
		{"exact is case-sensitive", stored, []string{"A", "BAR"}, nil},
		{"prefix", stored, []string{"bar.*"}, pick("bar.x", "bar.y.z")},
		{"prefix does not match the bare name", stored, []string{"bar.*"}, pick("bar.x", "bar.y.z")},
		{"nested prefix", stored, []string{"bar.y.*"}, pick("bar.y.z")},
		{"prefix and exact", stored, []string{"bar.*", "bar", "a"}, pick("a", "bar", "bar.x", "bar.y.z")},
		{"duplicates", stored, []string{"a", "a"}, pick("a")},
		{"lone star is a name", stored, []string{"*", "bar*"}, nil},
		{"all lower-case is a name", stored, []string{"all"}, nil},
		{"no match", stored, []string{"zzz", "zzz.*"}, nil},
		{"no names", stored, nil, nil},
		{"empty names", stored, []string{}, nil},
		{"no attributes", nil, []string{"All"}, nil},
		{"empty attributes", map[string]attr.Value{}, []string{"All"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := attr.Select(tt.attrs, tt.names)
			if tt.want == nil {
				if got != nil {
					t.Fatalf("got %v, want nil", got)
				}
				return
			}
			if !maps.EqualFunc(got, tt.want, equalValue) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSelectDoesNotAlias(t *testing.T) {
	stored := map[string]attr.Value{
		"s": {DataType: "String", StringValue: "v"},
		"b": {DataType: "Binary", BinaryValue: []byte{1, 2, 3}},
	}
	got := attr.Select(stored, []string{"All"})
	got["b"].BinaryValue[0] = 9
	got["new"] = attr.Value{}
	delete(got, "s")
	if len(stored) != 2 || stored["s"].StringValue != "v" || stored["b"].BinaryValue[0] != 1 {
		t.Fatalf("changing the selection changed the stored attributes: %v", stored)
	}
	got = attr.Select(stored, []string{"b"})
	got["b"].BinaryValue[1] = 9
	if stored["b"].BinaryValue[1] != 2 {
		t.Fatal("exact selection shares binary storage")
	}
}

func equalValue(a, b attr.Value) bool {
	return a.DataType == b.DataType && a.StringValue == b.StringValue && string(a.BinaryValue) == string(b.BinaryValue)
}

// Clone copies the map and binary values: changing the original afterwards
// leaves the copy as it was.
func TestClone(t *testing.T) {
	orig := map[string]attr.Value{
		"s": {DataType: "String", StringValue: "x"},
		"b": {DataType: "Binary", BinaryValue: []byte{1, 2}},
	}
	c := attr.Clone(orig)
	orig["b"].BinaryValue[0] = 9
	orig["s"] = attr.Value{DataType: "String", StringValue: "changed"}
	if c["b"].BinaryValue[0] != 1 || c["s"].StringValue != "x" || len(c) != 2 {
		t.Fatalf("clone changed with its original: %+v", c)
	}
}
