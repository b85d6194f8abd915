package topic

import (
	"encoding/base64"
	"maps"
	"slices"
	"time"
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
// any), one per line, "Key" : "Value".
func buildEnvelope[T any](t *Topic[T], n *notification[T], message string) envelope {
	b := make([]byte, 0, 512+len(message)+len(n.subject)+len(t.arn))
	field := func(key, value string) {
		b = append(b, "  \""...)
		b = append(b, key...)
		b = append(b, "\" : "...)
		b = appendJSONString(b, value)
		b = append(b, ",\n"...)
	}
	b = append(b, "{\n"...)
	field("Type", "Notification")
	field("MessageId", n.id)
	if t.fifo {
		field("SequenceNumber", n.seq.String())
	}
	field("TopicArn", t.arn)
	if n.subject != "" {
		field("Subject", n.subject)
	}
	field("Message", message)
	field("Timestamp", formatTimestamp(n.timestamp))
	host := "https://sns." + t.opts.region + ".amazonaws.com"
	if !t.fifo {
		field("SignatureVersion", "1")
		field("Signature", placeholderSignature)
		field("SigningCertURL", host+certPath)
	}
	b = append(b, "  \"UnsubscribeURL\" : \""...)
	b = append(b, host...)
	b = append(b, "/?Action=Unsubscribe&SubscriptionArn="...)
	head := string(b)

	b = append(b[:0], '"')
	if len(n.attrs) > 0 {
		b = append(b, ",\n  \"MessageAttributes\" : {"...)
		for i, name := range slices.Sorted(maps.Keys(n.attrs)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    "...)
			b = appendJSONString(b, name)
			b = append(b, " : {\"Type\":"...)
			v := n.attrs[name]
			b = appendJSONString(b, v.DataType)
			b = append(b, ",\"Value\":"...)
			if v.BinaryValue != nil {
				b = appendJSONString(b, base64.StdEncoding.EncodeToString(v.BinaryValue))
			} else {
				b = appendJSONString(b, v.StringValue)
			}
			b = append(b, '}')
		}
		b = append(b, "\n  }"...)
	}
	b = append(b, "\n}"...)
	return envelope{head: head, tail: string(b)}
}

// appendJSONString appends s as a JSON string the way AWS's Jackson writes
// one: only '"', '\\' and control characters are escaped (not '<', '>',
// '&', U+2028 or U+2029, which encoding/json escapes), and bytes that are
// not UTF-8 are copied as they are.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
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
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// formatTimestamp writes t as SNS does.
func formatTimestamp(t time.Time) string { return t.UTC().Format(timestampLayout) }
