package stepfn

import (
	"strings"
	"testing"
)

// TestSizeOver checks the size walk against the encoder, at and around
// the limit.
func TestSizeOver(t *testing.T) {
	for _, text := range []string{
		`null`, `true`, `false`, `1.50`, `"a\"b\\c\n\u0001é"`, `[]`, `{}`, `[1,"x",null,{"k":[true]}]`,
		`{"a":{"b":[1,2,{"c":"` + strings.Repeat("z", 300) + `"}]},"d":"\t"}`,
	} {
		v, err := decodeJSON([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		size := len(compactJSON(v))
		if sizeOver(v, size) || !sizeOver(v, size-1) {
			t.Errorf("%s: encoded in %d bytes, sizeOver(%d)=%v, sizeOver(%d)=%v", text, size, size, sizeOver(v, size), size-1, sizeOver(v, size-1))
		}
	}
}
