package intrinsic

import (
	"strings"
	"testing"
)

func TestBase64(t *testing.T) {
	t.Parallel()
	s := func(js string) map[string]string { return map[string]string{"$.s": js} }
	long := strings.Repeat("a", 10000)
	runEvalCases(t, []evalCase{
		// The cases AWS recorded (LocalStack test_encode_decode.snapshot.json).
		{name: "encode empty", call: "States.Base64Encode($.s)", doc: s(`""`), want: `""`},
		{name: "encode", call: "States.Base64Encode($.s)", doc: s(`"Data to encode"`), want: `"RGF0YSB0byBlbmNvZGU="`},
		{name: "decode empty", call: "States.Base64Decode($.s)", doc: s(`""`), want: `""`},
		{name: "decode", call: "States.Base64Decode($.s)", doc: s(`"RGF0YSB0byBlbmNvZGU="`), want: `"Data to encode"`},
		// Further cases.
		{name: "encode UTF-8", call: "States.Base64Encode('é→')", want: `"w6nihpI="`},
		{name: "decode UTF-8", call: "States.Base64Decode('w6nihpI=')", want: `"é→"`},
		{name: "decode without padding", call: "States.Base64Decode('YWI')", want: `"ab"`},
		{name: "decode non-UTF-8", call: "States.Base64Decode('/w==')", want: `"\ufffd"`},
		{name: "round trip", call: "States.Base64Decode(States.Base64Encode($.s))", doc: s(`"x\u0000y"`), want: `"x\u0000y"`},
		{name: "encode 10000", call: "States.Base64Encode($.s)", doc: s(`"` + long + `"`),
			want: `"` + strings.Repeat("YWFh", 3333) + `YQ=="`},
		{name: "encode 10001", call: "States.Base64Encode($.s)", doc: s(`"` + long + `a"`), err: "at most 10000 characters, but has 10001"},
		{name: "astral counts twice", call: "States.Base64Encode($.s)", doc: s(`"` + strings.Repeat("😀", 5001) + `"`),
			err: "but has 10002"},
		{name: "decode 10001", call: "States.Base64Decode($.s)", doc: s(`"` + long + `a"`), err: "at most 10000 characters"},
		{name: "decode invalid", call: "States.Base64Decode('!!!!')", err: "is not valid base64"},
		{name: "decode bad padding", call: "States.Base64Decode('YQ=')", err: "is not valid base64"},
		{name: "encode number", call: "States.Base64Encode($.s)", doc: s(`1`), err: "must be a string"},
	})
}

func TestHash(t *testing.T) {
	t.Parallel()
	const call = "States.Hash($.d, $.a)"
	da := func(d, a string) map[string]string { return map[string]string{"$.d": d, "$.a": a} }
	runEvalCases(t, []evalCase{
		{name: "docs example SHA-1", call: call, doc: da(`"input data"`, `"SHA-1"`), want: `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{name: "MD5", call: "States.Hash('hello', 'MD5')", want: `"5d41402abc4b2a76b9719d911017c592"`},
		{name: "SHA-256", call: "States.Hash('hello', 'SHA-256')", want: `"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"`},
		{name: "SHA-384", call: "States.Hash('', 'SHA-384')",
			want: `"38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"`},
		{name: "SHA-512", call: "States.Hash('', 'SHA-512')",
			want: `"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"`},
		{name: "too long", call: call, doc: da(`"`+strings.Repeat("x", 10001)+`"`, `"MD5"`), err: "at most 10000 characters"},
		{name: "unknown algorithm", call: call, doc: da(`"x"`, `"SHA-3"`), err: "argument 2 must be one of MD5"},
		{name: "data not a string", call: call, doc: da(`{"a":1}`, `"MD5"`), err: "argument 1 must be a string"},
	})
}
