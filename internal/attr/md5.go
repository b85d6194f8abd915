package attr

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strings"
)

// Transport types AWS writes into the MD5 of message attributes.
const (
	transportString byte = 1 // String, Number and their custom types
	transportBinary byte = 2 // Binary and its custom types
)

// MD5 returns MD5OfMessageAttributes for attrs as lower-case hex, or "" for
// a nil or empty map (AWS then omits the field).
//
// The digest covers the attributes in name order; for each it hashes the
// name, the full data type and the value, each preceded by its length as a
// 4-byte big-endian integer, with a transport byte (1 for String and Number
// types, 2 for Binary types) between the data type and the value. String and
// Number values are hashed as UTF-8, Binary values as raw bytes.
func MD5(attrs map[string]Value) string {
	if len(attrs) == 0 {
		return ""
	}
	var nameBuf [MaxAttributes]string
	names := nameBuf[:0]
	for name := range attrs {
		names = append(names, name)
	}
	slices.Sort(names)

	// Hash one contiguous message: on the stack when it is small, otherwise
	// in a single allocation of exactly its size.
	size := 0
	for _, name := range names {
		v := attrs[name]
		size += 4 + len(name) + 4 + len(v.DataType) + 1 + 4 + len(v.StringValue) + len(v.BinaryValue)
	}
	var stack [1024]byte
	b := stack[:0]
	if size > len(stack) {
		b = make([]byte, 0, size)
	}
	for _, name := range names {
		v := attrs[name]
		b = appendField(b, name)
		b = appendField(b, v.DataType)
		if strings.HasPrefix(v.DataType, typeBinary) {
			b = append(b, transportBinary)
			b = binary.BigEndian.AppendUint32(b, uint32(len(v.BinaryValue)))
			b = append(b, v.BinaryValue...)
		} else {
			b = append(b, transportString)
			b = appendField(b, v.StringValue)
		}
	}
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// appendField appends s preceded by its length as a 4-byte big-endian integer.
func appendField(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// BodyMD5 returns MD5OfMessageBody: the MD5 of the UTF-8 body as lower-case
// hex.
func BodyMD5(body string) string {
	sum := md5.Sum([]byte(body))
	return hex.EncodeToString(sum[:])
}
