package stream

import (
	"encoding/base64"
	"encoding/binary"
)

// Opaque tokens: shard iterators and ListShards NextTokens. A token is the
// base64 of an 8-byte kind (AWS's iterators also open with a version
// word), the stream's id, the token's words, and a check word keyed by a
// secret of the stream. The check is not cryptography: it makes a token
// that was garbled, forged by hand or issued by another stream fail to
// open, and so be reported as invalid, instead of pointing somewhere.

// tokenKind is the first word of a token.
type tokenKind uint64

const (
	iteratorToken  tokenKind = 1
	nextShardToken tokenKind = 2
)

// sealToken writes a token of the given kind carrying words.
func (s *Stream[T]) sealToken(kind tokenKind, words ...uint64) string {
	buf := make([]byte, 0, 8*(len(words)+3))
	buf = binary.BigEndian.AppendUint64(buf, uint64(kind))
	buf = binary.BigEndian.AppendUint64(buf, s.id)
	for _, w := range words {
		buf = binary.BigEndian.AppendUint64(buf, w)
	}
	buf = binary.BigEndian.AppendUint64(buf, s.check(kind, words))
	return base64.StdEncoding.EncodeToString(buf)
}

// openToken reads a token of the given kind into words, and reports
// whether it is one this stream sealed.
func (s *Stream[T]) openToken(kind tokenKind, token string, words []uint64) bool {
	if base64.StdEncoding.DecodedLen(len(token)) > 8*(len(words)+4) {
		return false // longer than any token of this kind
	}
	buf, err := base64.StdEncoding.DecodeString(token)
	if err != nil || len(buf) != 8*(len(words)+3) {
		return false
	}
	if tokenKind(binary.BigEndian.Uint64(buf)) != kind || binary.BigEndian.Uint64(buf[8:]) != s.id {
		return false
	}
	for i := range words {
		words[i] = binary.BigEndian.Uint64(buf[16+8*i:])
	}
	return binary.BigEndian.Uint64(buf[16+8*len(words):]) == s.check(kind, words)
}

func (s *Stream[T]) check(kind tokenKind, words []uint64) uint64 {
	h := mix64(s.secret ^ uint64(kind))
	for _, w := range words {
		h = mix64(h ^ w)
	}
	return h
}

// mix64 is the finalizer of MurmurHash3: every input bit affects every
// output bit.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}
