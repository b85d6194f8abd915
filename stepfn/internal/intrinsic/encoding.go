package intrinsic

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
)

// States.Base64Encode(string) encodes the string's UTF-8 bytes.
func evalBase64Encode(_ *Call, args []any, _ Env) (any, error) {
	return base64.StdEncoding.EncodeToString([]byte(args[0].(string))), nil
}

// States.Base64Decode(string) decodes base64, with or without padding, and
// reads the bytes as UTF-8.
func evalBase64Decode(c *Call, args []any, _ Env) (any, error) {
	s := args[0].(string)
	enc := base64.StdEncoding
	if len(s)%4 != 0 && !strings.HasSuffix(s, "=") {
		enc = base64.RawStdEncoding
	}
	b, err := enc.DecodeString(s)
	if err != nil {
		return nil, failf(c.fn.name, "the string %s is not valid base64", describe(s))
	}
	return string([]rune(string(b))), nil // each byte that is not UTF-8 becomes U+FFFD
}

// hashes are the algorithms States.Hash knows, by the names it takes.
var hashes = map[string]func() hash.Hash{
	"MD5":     md5.New,
	"SHA-1":   sha1.New,
	"SHA-256": sha256.New,
	"SHA-384": sha512.New384,
	"SHA-512": sha512.New,
}

func isHashAlgorithm(v any) string {
	if s, ok := v.(string); !ok || hashes[s] == nil {
		return "must be one of MD5, SHA-1, SHA-256, SHA-384 or SHA-512, but got " + describe(v)
	}
	return ""
}

// States.Hash(string, algorithm) returns the digest of the string's UTF-8
// bytes in lowercase hex.
func evalHash(_ *Call, args []any, _ Env) (any, error) {
	h := hashes[args[1].(string)]()
	h.Write([]byte(args[0].(string)))
	return hex.EncodeToString(h.Sum(nil)), nil
}
