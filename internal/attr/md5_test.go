package attr_test

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
)

// The published vectors of npm aws-md5-of-message-attributes (README and
// test/index.test.js), as the reference (§1.11) records them.
var (
	vecString = attr.Value{DataType: "String", StringValue: "attribValue 1"}
	vecNumber = attr.Value{DataType: "Number.float", StringValue: "4563442423554324324264524243.32543234"}
	vecBinary = attr.Value{DataType: "Binary", BinaryValue: []byte("Hello binary world!")}
)

func TestMD5PublishedVectors(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]attr.Value
		want  string
	}{
		{"String", map[string]attr.Value{"attribName1": vecString}, "19e27d4e946b072f3f58da80d94fd778"},
		{"custom Number type", map[string]attr.Value{"customNumberTypeAttrib": vecNumber}, "9fe1b90bbd9965bdf77bac517c7d2495"},
		{"Binary", map[string]attr.Value{"binaryAttribute": vecBinary}, "31a92b15d92f8db860eda32aceb656c3"},
		{"all three", map[string]attr.Value{
			"attribName1":            vecString,
			"customNumberTypeAttrib": vecNumber,
			"binaryAttribute":        vecBinary,
		}, "c932db14a896c663f83c260297d594ff"},
		// Further vectors from Inqnuam/local-aws-sqs's SendMessage tests
		// (an emulator's expectations, so a cross-check rather than AWS data).
		{"Hello World", map[string]attr.Value{"Hello": {DataType: "String", StringValue: "World"}},
			"7db7fb1ba7f41366a8ea5eb18220b26d"},
		{"custom Number bigint", map[string]attr.Value{"UserId": {DataType: "Number.bigint", StringValue: "1234567890123456789012"}},
			"797ab158d73dcb5242dedc4412c8e855"},
		{"two Strings", map[string]attr.Value{
			"attrib1": {DataType: "String", StringValue: "2345"},
			"attrib2": {DataType: "String", StringValue: "true"},
		}, "c92eae09ef2c14cd949cc265ebc9cb50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := attr.Validate(tt.attrs); err != nil {
				t.Fatalf("vector input does not validate: %v", err)
			}
			if got := attr.MD5(tt.attrs); got != tt.want {
				t.Errorf("MD5 = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMD5Empty(t *testing.T) {
	if got := attr.MD5(nil); got != "" {
		t.Errorf("MD5(nil) = %q, want empty", got)
	}
	if got := attr.MD5(map[string]attr.Value{}); got != "" {
		t.Errorf("MD5(empty) = %q, want empty", got)
	}
}

// TestMD5Rules changes one input at a time and checks the digest follows
// the reference algorithm, so each part of it (ordering, lengths, full
// custom type, transport byte, value field) is pinned.
func TestMD5Rules(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]attr.Value
	}{
		{"custom String type", map[string]attr.Value{"a": {DataType: "String.json", StringValue: "{}"}}},
		{"custom Binary type", map[string]attr.Value{"a": {DataType: "Binary.gif", BinaryValue: []byte{0, 1, 0xff}}}},
		{"Number", map[string]attr.Value{"n": {DataType: "Number", StringValue: "-1.5e3"}}},
		{"non-ASCII", map[string]attr.Value{"a": {DataType: "String.é", StringValue: "日本語 😀"}}},
		{"value longer than the buffer", map[string]attr.Value{
			"a": {DataType: "String", StringValue: strings.Repeat("x", 1000)},
			"b": {DataType: "Binary", BinaryValue: bytes.Repeat([]byte{7}, 70000)},
			"c": {DataType: "String." + strings.Repeat("t", 249), StringValue: strings.Repeat("y", 255)},
		}},
		{"ten attributes", func() map[string]attr.Value {
			m := map[string]attr.Value{}
			for _, n := range []string{"j", "i", "h", "g", "f", "e", "d", "c", "b", "a"} {
				m[n] = attr.Value{DataType: "String", StringValue: n + n}
			}
			return m
		}()},
		{"eleven attributes", func() map[string]attr.Value {
			m := map[string]attr.Value{}
			for _, n := range []string{"k", "j", "i", "h", "g", "f", "e", "d", "c", "b", "a"} {
				m[n] = attr.Value{DataType: "Number", StringValue: "1"}
			}
			return m
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := attr.MD5(tt.attrs), referenceMD5(tt.attrs); got != want {
				t.Errorf("MD5 = %s, reference %s", got, want)
			}
		})
	}

	// The transport byte and value field depend on the type's prefix.
	asString := attr.MD5(map[string]attr.Value{"a": {DataType: "String.x", StringValue: "v"}})
	asBinary := attr.MD5(map[string]attr.Value{"a": {DataType: "Binary.x", BinaryValue: []byte("v")}})
	if asString == asBinary {
		t.Error("String and Binary types with equal bytes hash alike; transport byte ignored")
	}
	// The full custom type is hashed, not only its base.
	if attr.MD5(map[string]attr.Value{"a": {DataType: "Number", StringValue: "1"}}) ==
		attr.MD5(map[string]attr.Value{"a": {DataType: "Number.int", StringValue: "1"}}) {
		t.Error("custom type suffix not hashed")
	}
}

// referenceMD5 is a plain transcription of reference §1.11.
func referenceMD5(attrs map[string]attr.Value) string {
	if len(attrs) == 0 {
		return ""
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	field := func(b []byte) {
		_ = binary.Write(&buf, binary.BigEndian, uint32(len(b)))
		buf.Write(b)
	}
	for _, n := range names {
		v := attrs[n]
		field([]byte(n))
		field([]byte(v.DataType))
		if strings.HasPrefix(v.DataType, "Binary") {
			buf.WriteByte(2)
			field(v.BinaryValue)
		} else {
			buf.WriteByte(1)
			field([]byte(v.StringValue))
		}
	}
	sum := md5.Sum(buf.Bytes())
	return hex.EncodeToString(sum[:])
}

func TestMD5Allocations(t *testing.T) {
	small := map[string]attr.Value{}
	large := map[string]attr.Value{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		small[n] = attr.Value{DataType: "String.custom", StringValue: strings.Repeat(n, 50)}
		large[n] = attr.Value{DataType: "String", StringValue: strings.Repeat(n, 3000)}
	}
	small["j"] = attr.Value{DataType: "Binary", BinaryValue: make([]byte, 50)}
	large["j"] = attr.Value{DataType: "Binary", BinaryValue: make([]byte, 3000)}
	// Small messages are hashed on the stack: only the result string is
	// allocated. Large ones add one buffer, whatever the attribute count.
	if allocs := testing.AllocsPerRun(100, func() { _ = attr.MD5(small) }); allocs > 1 {
		t.Errorf("MD5 of 10 small attributes allocates %v times, want 1", allocs)
	}
	if allocs := testing.AllocsPerRun(100, func() { _ = attr.MD5(large) }); allocs > 2 {
		t.Errorf("MD5 of 10 large attributes allocates %v times, want at most 2", allocs)
	}
}

func TestBodyMD5(t *testing.T) {
	tests := []struct{ in, want string }{
		{"foobar", "3858f62230ac3c915f300c664312c63f"}, // reference §1.11 [rec]
		{"", "d41d8cd98f00b204e9800998ecf8427e"},
		{"Test Message", "d1d4180b7e411c4be86b00fb2ee103eb"},
		{"0", "cfcd208495d565ef66e7dff9f98764da"},
	}
	for _, tt := range tests {
		if got := attr.BodyMD5(tt.in); got != tt.want {
			t.Errorf("BodyMD5(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func BenchmarkMD5(b *testing.B) {
	m := map[string]attr.Value{
		"attribName1":            vecString,
		"customNumberTypeAttrib": vecNumber,
		"binaryAttribute":        vecBinary,
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = attr.MD5(m)
	}
}

func BenchmarkValidate(b *testing.B) {
	m := map[string]attr.Value{
		"attribName1":            vecString,
		"customNumberTypeAttrib": vecNumber,
		"binaryAttribute":        vecBinary,
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = attr.Validate(m)
	}
}
