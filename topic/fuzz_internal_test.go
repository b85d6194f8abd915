package topic

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Whatever the text, the envelope's string writer makes JSON that reads
// back as the same text (for UTF-8 text; other bytes are copied as Jackson
// copies them), with no raw control character left in it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `quote " and \ slash`, "tab\tnew\nline\r\x00\x1f", "é€😀", "<>&\u2028", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := appendJSONString(nil, s)
		for _, c := range out {
			if c < 0x20 {
				t.Fatalf("raw control byte %#x in %q", c, out)
			}
		}
		if !utf8.ValidString(s) {
			return
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil || back != s {
			t.Fatalf("%q wrote %s, which reads back as %q (%v)", s, out, back, err)
		}
	})
}

// A MessageStructure "json" message either parses, with a default entry,
// or is refused with one of SNS's two reasons; it never panics.
func FuzzParseStructure(f *testing.F) {
	for _, s := range []string{`{"default":"d"}`, `{"default":"d","sqs":"q","lambda":1}`, `{"sqs":"q"}`, `[]`, `null`, `{`, `"default"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		protocols, err := parseStructure(s)
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, "Message Structure - ") {
				t.Fatalf("parseStructure(%q): unexpected error %v", s, err)
			}
			return
		}
		if _, ok := protocols["default"]; !ok {
			t.Fatalf("parseStructure(%q) accepted a message without a default", s)
		}
	})
}
