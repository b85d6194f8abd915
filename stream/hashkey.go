package stream

import (
	"cmp"
	"crypto/md5"
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// HashKey is a position in Kinesis's 128-bit hash key space, [0, 2^128−1].
// A record's hash key is the MD5 of its partition key read as a big-endian
// number, or its explicit hash key; it goes to the open shard whose range
// holds it. The zero value is hash key 0. HashKeys compare with ==.
type HashKey struct {
	hi, lo uint64
}

// MaxHashKey is 2^128−1, the last hash key. Do not modify it; the package
// uses its own copy.
var MaxHashKey = maxHashKey

var maxHashKey = HashKey{^uint64(0), ^uint64(0)}

// PartitionHashKey returns the hash key Kinesis gives a partition key: the
// MD5 of its UTF-8 bytes, read as an unsigned big-endian 128-bit number.
func PartitionHashKey(partitionKey string) HashKey {
	// md5.Sum only reads its argument, so the string's bytes are passed as
	// they are instead of being copied into a new slice.
	sum := md5.Sum(unsafe.Slice(unsafe.StringData(partitionKey), len(partitionKey)))
	return HashKey{binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:])}
}

// ParseHashKey reads a hash key written in decimal, as AWS writes them: "0"
// or digits without a leading zero, at most 2^128−1. It reports false for
// anything else.
func ParseHashKey(s string) (HashKey, bool) {
	if !isDecimal(s, maxHashKeyDigits) {
		return HashKey{}, false
	}
	var k HashKey
	for i := 0; i < len(s); i++ {
		var carry bool
		if k, carry = k.mulAdd(10, uint64(s[i]-'0')); carry {
			return HashKey{}, false
		}
	}
	return k, true
}

// maxHashKeyDigits is the length of 2^128−1 in decimal, and the longest
// explicit hash key AWS's pattern 0|([1-9]\d{0,38}) accepts.
const maxHashKeyDigits = 39

// isDecimal reports whether s is "0" or 1–max digits without a leading
// zero: the pattern AWS gives hash keys and sequence numbers.
func isDecimal(s string, max int) bool {
	if len(s) == 0 || len(s) > max || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String writes k in decimal.
func (k HashKey) String() string {
	// Two divisions by 10^19 leave three parts of at most 19 digits.
	q, low := k.divMod(1e19)
	high, mid := q.divMod(1e19)
	var buf [maxHashKeyDigits + 1]byte
	return string(appendParts(buf[:0], high.lo, mid, low))
}

// Compare returns -1, 0 or +1 as k is less than, equal to or greater than o.
func (k HashKey) Compare(o HashKey) int {
	if k.hi != o.hi {
		return cmp.Compare(k.hi, o.hi)
	}
	return cmp.Compare(k.lo, o.lo)
}

// add returns k+n and whether it overflowed 2^128−1.
func (k HashKey) add(n uint64) (HashKey, bool) {
	lo, c := bits.Add64(k.lo, n, 0)
	hi, c := bits.Add64(k.hi, 0, c)
	return HashKey{hi, lo}, c != 0
}

// sub returns k−n; it wraps below zero, which callers rule out.
func (k HashKey) sub(n uint64) HashKey {
	lo, b := bits.Sub64(k.lo, n, 0)
	hi, _ := bits.Sub64(k.hi, 0, b)
	return HashKey{hi, lo}
}

// mulAdd returns k·m+a and whether the result overflowed 128 bits.
func (k HashKey) mulAdd(m, a uint64) (HashKey, bool) {
	hiCarry, hi := bits.Mul64(k.hi, m)
	loHi, lo := bits.Mul64(k.lo, m)
	hi, c1 := bits.Add64(hi, loHi, 0)
	lo, c2 := bits.Add64(lo, a, 0)
	hi, c3 := bits.Add64(hi, 0, c2)
	return HashKey{hi, lo}, hiCarry != 0 || c1 != 0 || c3 != 0
}

// divMod returns k/d and k%d.
func (k HashKey) divMod(d uint64) (HashKey, uint64) {
	qhi, r := bits.Div64(0, k.hi, d)
	qlo, r := bits.Div64(r, k.lo, d)
	return HashKey{qhi, qlo}, r
}

// appendParts appends a number given as base-10^19 parts, most significant
// first, without leading zeros (a number of value zero is written "0").
func appendParts(dst []byte, parts ...uint64) []byte {
	started := false
	for _, p := range parts {
		if !started {
			if p == 0 {
				continue
			}
			started = true
			dst = appendUint(dst, p, 0)
			continue
		}
		dst = appendUint(dst, p, 19)
	}
	if !started {
		dst = append(dst, '0')
	}
	return dst
}

// appendUint appends v in decimal, zero-padded to width digits.
func appendUint(dst []byte, v uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v >= 10 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	i--
	buf[i] = byte('0' + v)
	for len(buf)-i < width {
		i--
		buf[i] = '0'
	}
	return append(dst, buf[i:]...)
}
