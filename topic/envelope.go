package topic

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Placeholders for the signature fields of a standard topic's envelope.
// Nothing in process can sign as AWS does, and a signature no one can check
// is worth no CPU, so every envelope carries the same text.
const (
	placeholderSignature = "U1dJVENIWUFSRC1VTlNJR05FRA=="
	certPath             = "/SimpleNotificationService-00000000000000000000000000000000.pem"
)

// timestampLayout is how SNS writes times: UTC, milliseconds, a 'Z'.
const timestampLayout = "2006-01-02T15:04:05.000Z"

// envelope is the JSON document SNS delivers when raw delivery is off, cut
// where the subscription's ARN goes (at the end of UnsubscribeURL), so that
// one message's envelope is built once and each subscription adds only its
// ARN.
type envelope struct{ head, tail string }

// forSubscription returns the whole envelope for the subscription arn.
func (e *envelope) forSubscription(arn string) string { return e.head + arn + e.tail }

// buildEnvelope writes the envelope of n carrying message, with AWS's keys,
// order and spacing: Type, MessageId, SequenceNumber (FIFO), TopicArn,
// Subject (when there is one), Message, Timestamp, the signature fields
// (standard topics), UnsubscribeURL and MessageAttributes (when there are
// any), one per line, "Key" : "Value". It writes into one buffer, which
// becomes both halves without a copy.
func buildEnvelope[T any](t *Topic[T], n *notification[T], message string) envelope {
	b := make([]byte, 0, 640+len(message)+len(n.subject)+2*len(t.arn)+64*len(n.attrs))
	key := func(k string) {
		b = append(b, "  \""...)
		b = append(b, k...)
		b = append(b, "\" : "...)
	}
	field := func(k, v string) {
		key(k)
		b = appendJSONString(b, v)
		b = append(b, ",\n"...)
	}
	b = append(b, "{\n"...)
	field("Type", "Notification")
	field("MessageId", n.id)
	if t.fifo {
		key("SequenceNumber")
		b = append(b, '"')
		b = strconv.AppendUint(b, uint64(n.seq), 10)
		b = append(b, "\",\n"...)
	}
	field("TopicArn", t.arn)
	if n.subject != "" {
		field("Subject", n.subject)
	}
	field("Message", message)
	key("Timestamp")
	b = append(b, '"')
	b = appendTimestamp(b, n.timestamp)
	b = append(b, "\",\n"...)
	if !t.fifo {
		field("SignatureVersion", "1")
		field("Signature", placeholderSignature)
		key("SigningCertURL")
		b = append(b, '"')
		b = append(b, t.endpoint...)
		b = append(b, certPath+"\",\n"...)
	}
	key("UnsubscribeURL")
	b = append(b, '"')
	b = append(b, t.endpoint...)
	b = append(b, "/?Action=Unsubscribe&SubscriptionArn="...)
	cut := len(b)

	b = append(b, '"')
	if len(n.attrs) > 0 {
		b = append(b, ",\n  \"MessageAttributes\" : {"...)
		var buf [16]string
		for i, name := range sortedNames(n.attrs, buf[:0]) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    "...)
			b = appendJSONString(b, name)
			b = append(b, " : {\"Type\":"...)
			v := n.attrs[name]
			b = appendJSONString(b, v.DataType)
			b = append(b, ",\"Value\":"...)
			if strings.HasPrefix(v.DataType, "Binary") {
				b = append(b, '"')
				b = base64.StdEncoding.AppendEncode(b, v.BinaryValue)
				b = append(b, '"')
			} else {
				b = appendJSONString(b, v.StringValue)
			}
			b = append(b, '}')
		}
		b = append(b, "\n  }"...)
	}
	b = append(b, "\n}"...)
	// Nothing writes to b from here on, so the strings may share it.
	whole := unsafe.String(unsafe.SliceData(b), len(b))
	return envelope{head: whole[:cut], tail: whole[cut:]}
}

// appendJSONString appends s as a JSON string the way AWS's Jackson writes
// one: only '"', '\\' and control characters are escaped (not '<', '>',
// '&', U+2028 or U+2029, which encoding/json escapes), and bytes that are
// not UTF-8 are copied as they are. Runs of text with nothing to escape,
// found eight bytes at a time, are copied whole.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, '"')
	for {
		i := plainPrefix(s)
		b = append(b, s[:i]...)
		if i == len(s) {
			return append(b, '"')
		}
		switch c := s[i]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		s = s[i+1:]
	}
}

// plainPrefix returns the length of the longest prefix of s that JSON
// writes as it is: no control character, '"' or '\\'.
func plainPrefix(s string) int {
	const (
		ones   = 0x0101010101010101
		highs  = 0x8080808080808080
		quotes = '"' * ones
		slashs = '\\' * ones
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// x - n·ones &^ x has a top bit set exactly when some byte of x is
		// below n (for n up to 0x80): for n = 0x20 that is a control
		// character, and for n = 1 on w^quotes or w^slashs a byte that
		// was '"' or '\\'.
		q, l := w^quotes, w^slashs
		if ((w-0x20*ones)&^w|(q-ones)&^q|(l-ones)&^l)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// appendTimestamp appends t as SNS writes times. The digits are written by
// hand: time's general layout interpreter costs more than the rest of the
// envelope together.
func appendTimestamp(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, timestampLayout)
	}
	hour, minute, second := t.Clock()
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, 'T')
	b = appendDigits(b, hour, 2)
	b = append(b, ':')
	b = appendDigits(b, minute, 2)
	b = append(b, ':')
	b = appendDigits(b, second, 2)
	b = append(b, '.')
	b = appendDigits(b, t.Nanosecond()/int(time.Millisecond), 3)
	return append(b, 'Z')
}

// appendDigits appends the width lowest decimal digits of n, zero-padded.
func appendDigits(b []byte, n, width int) []byte {
	for i := width - 1; i >= 0; i-- {
		b = append(b, 0)
	}
	for i := len(b) - 1; i >= len(b)-width; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return b
}
