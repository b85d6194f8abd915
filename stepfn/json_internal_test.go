package stepfn

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// TestSizeOver checks the size walk against the encoder, at and around
// the limit.
func TestSizeOver(t *testing.T) {
	var values []any
	for _, text := range []string{
		`null`, `true`, `false`, `1.50`, `"a\"b\\c\n\u0001é\b\f\u2028\u2029\ufffd"`, `[]`, `{}`, `[1,"x",null,{"k":[true]}]`,
		`{"a":{"b":[1,2,{"c":"` + strings.Repeat("z", 300) + `"}]},"d":"\t"}`,
	} {
		v, err := jsonvalue.Decode([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, v)
	}
	// A handler's Go value may hold bytes that are not UTF-8.
	values = append(values, map[string]any{"k": "a\xffb"})
	for _, v := range values {
		size := len(compactJSON(v))
		if sizeOver(v, size) || !sizeOver(v, size-1) {
			t.Errorf("%s: encoded in %d bytes, sizeOver(%d)=%v, sizeOver(%d)=%v", compactJSON(v), size, size, sizeOver(v, size), size-1, sizeOver(v, size-1))
		}
	}
}
