package kinesisapi

import (
	"encoding/binary"
	"hash/crc32"
)

// The binary event-stream framing (application/vnd.amazon.eventstream) in
// which SubscribeToShard's reply flows. A message is
//
//	total length      uint32, big-endian: the whole message, CRCs included
//	headers length    uint32
//	prelude CRC       uint32: CRC-32 (IEEE) of the 8 bytes above
//	headers           each: name length (1 byte), name, value type (1 byte),
//	                  and for a string (type 7) value length (uint16), value
//	payload
//	message CRC       uint32: CRC-32 (IEEE) of everything before it
//
// Only string headers are written: the SDKs read every header Kinesis
// sends as a string.

// header is one string header of a message.
type header struct{ name, value string }

// stringHeaderType is the value type byte of a string header.
const stringHeaderType = 7

// preludeLength and crcLength are the fixed parts of a message.
const (
	preludeLength = 12
	crcLength     = 4
)

// appendMessage appends the message of headers and payload to dst. Header
// names are at most 255 bytes and values at most 65,535: the callers pass
// constants and exception names, far shorter.
func appendMessage(dst []byte, headers []header, payload []byte) []byte {
	headersLength := 0
	for _, h := range headers {
		headersLength += 1 + len(h.name) + 1 + 2 + len(h.value)
	}
	total := preludeLength + headersLength + len(payload) + crcLength
	start := len(dst)
	dst = binary.BigEndian.AppendUint32(dst, uint32(total))
	dst = binary.BigEndian.AppendUint32(dst, uint32(headersLength))
	dst = binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:start+8]))
	for _, h := range headers {
		dst = append(dst, byte(len(h.name)))
		dst = append(dst, h.name...)
		dst = append(dst, stringHeaderType)
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(h.value)))
		dst = append(dst, h.value...)
	}
	dst = append(dst, payload...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
}

// The headers of the messages SubscribeToShard sends.
var (
	initialResponseHeaders = []header{
		{":message-type", "event"},
		{":event-type", "initial-response"},
		{":content-type", "application/json"},
	}
	subscribeEventHeaders = []header{
		{":message-type", "event"},
		{":event-type", "SubscribeToShardEvent"},
		{":content-type", "application/json"},
	}
)

// exceptionHeaders are the headers of an exception message: the error's
// shape name, which the SDK maps to its modelled error type.
func exceptionHeaders(shape string) []header {
	return []header{
		{":message-type", "exception"},
		{":exception-type", shape},
		{":content-type", "application/json"},
	}
}
