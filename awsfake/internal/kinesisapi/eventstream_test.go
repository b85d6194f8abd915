package kinesisapi

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"testing"
)

// decodeMessage reads one event-stream message from the start of b,
// checking its lengths and both CRCs, and returns its headers, payload and
// the bytes after it. It is the test's own reader of the framing, written
// from the format rather than from appendMessage.
func decodeMessage(b []byte) (headers map[string]string, payload, rest []byte, err error) {
	if len(b) < preludeLength+crcLength {
		return nil, nil, nil, errors.New("short message")
	}
	total := binary.BigEndian.Uint32(b[0:4])
	hlen := binary.BigEndian.Uint32(b[4:8])
	if crc32.ChecksumIEEE(b[:8]) != binary.BigEndian.Uint32(b[8:12]) {
		return nil, nil, nil, errors.New("prelude CRC mismatch")
	}
	if int(total) > len(b) || total < preludeLength+crcLength || hlen > total-preludeLength-crcLength {
		return nil, nil, nil, errors.New("bad lengths")
	}
	msg := b[:total]
	if crc32.ChecksumIEEE(msg[:total-4]) != binary.BigEndian.Uint32(msg[total-4:]) {
		return nil, nil, nil, errors.New("message CRC mismatch")
	}
	hs := msg[preludeLength : preludeLength+hlen]
	headers = map[string]string{}
	for len(hs) > 0 {
		n := int(hs[0])
		name := string(hs[1 : 1+n])
		if hs[1+n] != stringHeaderType {
			return nil, nil, nil, errors.New("not a string header")
		}
		vlen := int(binary.BigEndian.Uint16(hs[2+n : 4+n]))
		headers[name] = string(hs[4+n : 4+n+vlen])
		hs = hs[4+n+vlen:]
	}
	return headers, msg[preludeLength+hlen : total-4], b[total:], nil
}

func TestAppendMessageVectors(t *testing.T) {
	// The "empty message" vector of AWS's event-stream test suite: no
	// headers, no payload.
	if got := hex.EncodeToString(appendMessage(nil, nil, nil)); got != "000000100000000005c248eb7d98c8ff" {
		t.Errorf("empty message = %s", got)
	}
	tests := []struct {
		name    string
		headers []header
		payload []byte
	}{
		{"initial response", initialResponseHeaders, []byte("{}")},
		{"event", subscribeEventHeaders, []byte(`{"Records":[],"MillisBehindLatest":0}`)},
		{"exception", exceptionHeaders("ResourceInUseException"), []byte(`{"message":"taken over"}`)},
		{"no payload", []header{{"a", ""}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := []byte("previous bytes")
			b := appendMessage(append([]byte(nil), prefix...), tt.headers, tt.payload)
			if !bytes.HasPrefix(b, prefix) {
				t.Fatal("appendMessage changed what was before it")
			}
			h, p, rest, err := decodeMessage(b[len(prefix):])
			if err != nil {
				t.Fatal(err)
			}
			if len(rest) != 0 || !bytes.Equal(p, tt.payload) || len(h) != len(tt.headers) {
				t.Errorf("decoded %v %q, %d bytes left", h, p, len(rest))
			}
			for _, want := range tt.headers {
				if h[want.name] != want.value {
					t.Errorf("header %s = %q, want %q", want.name, h[want.name], want.value)
				}
			}
		})
	}
}
