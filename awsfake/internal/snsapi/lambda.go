package snsapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/switchyard/switchyard/topic"
)

// The signature fields of what SNS delivers. Nothing in process can sign
// as AWS does, so they are placeholders, the same the topic engine puts
// in its envelopes.
const (
	placeholderSignature = "U1dJVENIWUFSRC1VTlNJR05FRA=="
	certPath             = "/SimpleNotificationService-00000000000000000000000000000000.pem"
	timestampLayout      = "2006-01-02T15:04:05.000Z"
)

// lambdaEvent is the event Lambda gets from SNS, with its fields in AWS's
// order and spelling: the record's Sns object says SigningCertUrl and
// UnsubscribeUrl, where the envelope queues get says …URL.
type lambdaEvent struct {
	Records []lambdaRecord `json:"Records"`
}

type lambdaRecord struct {
	EventSource          string       `json:"EventSource"`
	EventVersion         string       `json:"EventVersion"`
	EventSubscriptionArn string       `json:"EventSubscriptionArn"`
	Sns                  lambdaSNSMsg `json:"Sns"`
}

type lambdaSNSMsg struct {
	Type              string                     `json:"Type"`
	MessageID         string                     `json:"MessageId"`
	TopicArn          string                     `json:"TopicArn"`
	Subject           *string                    `json:"Subject"` // null when none was published
	Message           string                     `json:"Message"`
	Timestamp         string                     `json:"Timestamp"`
	SignatureVersion  string                     `json:"SignatureVersion"`
	Signature         string                     `json:"Signature"`
	SigningCertURL    string                     `json:"SigningCertUrl"`
	UnsubscribeURL    string                     `json:"UnsubscribeUrl"`
	MessageAttributes map[string]lambdaAttribute `json:"MessageAttributes"`
}

type lambdaAttribute struct {
	Type  string `json:"Type"`
	Value string `json:"Value"`
}

// lambdaHandler delivers to the function at endpoint: it looks the
// function up at each delivery and calls it with the SNS event. A function
// error is returned, for the engine to retry on SNS's schedule; a function
// that is not registered drops the message (SNS would count a deleted
// function as a client-side error).
func (s *Service) lambdaHandler(t *topicState, endpoint string) topic.HandlerFunc[string] {
	return func(ctx context.Context, n topic.Notification[string]) error {
		if s.cfg.Function == nil {
			return nil
		}
		fn, ok := s.cfg.Function(endpoint)
		if !ok || fn == nil {
			return nil
		}
		s.mu.Lock()
		version := t.attrs["SignatureVersion"]
		s.mu.Unlock()
		_, err := fn(ctx, s.lambdaPayload(n, version))
		return err
	}
}

// lambdaPayload writes the event for notification n of a topic whose
// SignatureVersion is version ("" for the default, 1).
func (s *Service) lambdaPayload(n topic.Notification[string], version string) []byte {
	if version == "" {
		version = "1"
	}
	endpoint := "https://sns." + s.cfg.Region + ".amazonaws.com"
	msg := lambdaSNSMsg{
		Type:              "Notification",
		MessageID:         n.MessageID,
		TopicArn:          n.TopicARN,
		Message:           n.Message,
		Timestamp:         n.Timestamp.UTC().Format(timestampLayout),
		SignatureVersion:  version,
		Signature:         placeholderSignature,
		SigningCertURL:    endpoint + certPath,
		UnsubscribeURL:    endpoint + "/?Action=Unsubscribe&SubscriptionArn=" + n.SubscriptionARN,
		MessageAttributes: make(map[string]lambdaAttribute, len(n.Attributes)),
	}
	if n.Subject != "" {
		msg.Subject = &n.Subject
	}
	for name, v := range n.Attributes {
		value := v.StringValue
		if strings.HasPrefix(v.DataType, "Binary") {
			value = base64.StdEncoding.EncodeToString(v.BinaryValue)
		}
		msg.MessageAttributes[name] = lambdaAttribute{Type: v.DataType, Value: value}
	}
	ev := lambdaEvent{Records: []lambdaRecord{{
		EventSource:          "aws:sns",
		EventVersion:         "1.0",
		EventSubscriptionArn: n.SubscriptionARN,
		Sns:                  msg,
	}}}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as AWS writes JSON: '<', '>' and '&' as they are
	_ = enc.Encode(ev)       // strings and maps of strings: cannot fail
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
