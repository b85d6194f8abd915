package snsapi

import (
	"bytes"
	"encoding/json"
	"maps"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// defaultDeliveryPolicy is the EffectiveDeliveryPolicy of a topic without
// a DeliveryPolicy, as SNS writes it.
const defaultDeliveryPolicy = `{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}`

// isFeedbackAttribute reports whether name is one of the delivery-status
// logging attributes (HTTPSuccessFeedbackRoleArn, SQSFailureFeedbackRoleArn,
// LambdaSuccessFeedbackSampleRate, …), which are stored and returned.
func isFeedbackAttribute(name string) bool {
	for _, p := range [...]string{"Application", "HTTP", "Lambda", "Firehose", "SQS"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			switch rest {
			case "SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate", "FailureFeedbackRoleArn":
				return true
			}
		}
	}
	return false
}

// checkTopicAttribute checks one attribute of a topic (FIFO or not) as
// CreateTopic (creating) or SetTopicAttributes does, and returns its value
// as stored. Errors read "Invalid parameter: " + prefix + the reason:
// CreateTopic's prefix is "Attributes Reason: ", SetTopicAttributes' "".
func checkTopicAttribute(name, value string, fifo, creating bool, prefix string) (string, error) {
	fifoOnly := func() error { return invalid(prefix + name + " is only valid for FIFO topics") }
	oneOf := func(a, b string) (string, error) {
		if value != a && value != b {
			return "", invalid(prefix + name + ": Invalid value [" + value + "]. Please use either " + a + " or " + b)
		}
		return value, nil
	}
	switch name {
	case "DisplayName", "KmsMasterKeyId":
		return value, nil
	case "Policy", "DeliveryPolicy":
		return checkJSONAttribute(name, value, prefix)
	case "ArchivePolicy":
		if !fifo {
			return "", fifoOnly()
		}
		return checkJSONAttribute(name, value, prefix)
	case "DataProtectionPolicy":
		if !creating {
			return "", invalid("AttributeName")
		}
		return checkJSONAttribute(name, value, prefix)
	case "SignatureVersion":
		return oneOf("1", "2")
	case "TracingConfig":
		return oneOf("PassThrough", "Active")
	case "FifoTopic":
		if !creating {
			return "", invalid("AttributeName")
		}
		b, _ := parseBool(value) // anything but "true" makes a standard topic
		return strconv.FormatBool(b), nil
	case "ContentBasedDeduplication":
		b, ok := parseBool(value)
		switch {
		case !ok:
			return "", invalid(prefix + name + ": Invalid value [" + value + "]. Must be true or false.")
		case b && !fifo:
			return "", fifoOnly()
		}
		return strconv.FormatBool(b), nil
	case "FifoThroughputScope":
		if !fifo {
			return "", fifoOnly()
		}
		return oneOf("Topic", "MessageGroup")
	}
	switch {
	case isFeedbackAttribute(name):
		return value, nil
	case creating:
		return "", invalid(prefix + "Unknown attribute " + name)
	}
	return "", invalid("AttributeName")
}

// checkJSONAttribute checks a policy-valued attribute: "" (none) or a
// JSON object.
func checkJSONAttribute(name, value, prefix string) (string, error) {
	if value == "" {
		return "", nil
	}
	if reason := jsonObjectReason(value); reason != "" {
		return "", invalid(prefix + name + ": " + reason)
	}
	return value, nil
}

// attributeLocked returns the current value of a settable attribute of t,
// as CreateTopic compares it with a repeated request's. The caller holds
// s.mu.
func (t *topicState) attributeLocked(name string) string {
	switch name {
	case "FifoTopic":
		return strconv.FormatBool(t.fifo)
	case "ContentBasedDeduplication":
		return strconv.FormatBool(t.cbd)
	case "FifoThroughputScope":
		return string(t.engine.Config().ThroughputScope)
	case "DataProtectionPolicy":
		return t.dataProtection
	}
	return t.attrs[name]
}

// getTopicAttributes is GetTopicAttributes.
func (s *Service) getTopicAttributes(f wire.Form) (any, error) {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	if err := p.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", arn)
	if err != nil {
		return nil, err
	}
	confirmed, pending := 0, 0
	for _, sub := range t.subs {
		if sub.pending {
			pending++
		} else {
			confirmed++
		}
	}
	m := maps.Clone(t.attrs)
	m["TopicArn"] = t.arn
	m["Owner"] = s.cfg.Account
	m["Policy"] = s.policyLocked(t)
	m["DisplayName"] = t.attrs["DisplayName"]
	m["EffectiveDeliveryPolicy"] = effectiveDeliveryPolicy(t.attrs["DeliveryPolicy"])
	m["SubscriptionsConfirmed"] = strconv.Itoa(confirmed)
	m["SubscriptionsPending"] = strconv.Itoa(pending)
	m["SubscriptionsDeleted"] = "0"
	if t.fifo {
		m["FifoTopic"] = "true"
		m["ContentBasedDeduplication"] = strconv.FormatBool(t.cbd)
	}
	return attributesResult{Attributes: newAttributeMap(m)}, nil
}

// setTopicAttributes is SetTopicAttributes.
func (s *Service) setTopicAttributes(f wire.Form) error {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	name := p.require("AttributeName", "attributeName")
	value := f.Get("AttributeValue")
	if err := p.err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", arn)
	if err != nil {
		return err
	}
	v, err := checkTopicAttribute(name, value, t.fifo, false, "")
	if err != nil {
		return err
	}
	switch name {
	case "ContentBasedDeduplication":
		t.cbd = v == "true"
		return nil
	case "FifoThroughputScope":
		if v != string(t.engine.Config().ThroughputScope) {
			return invalid("FifoThroughputScope Reason: Switchyard cannot change the throughput scope of an existing topic; create the topic with the scope it needs")
		}
		t.attrs[name] = v
		return nil
	}
	if v == "" && (name == "Policy" || name == "DeliveryPolicy" || name == "ArchivePolicy") {
		delete(t.attrs, name) // back to the default
		return nil
	}
	t.attrs[name] = v
	return nil
}

// effectiveDeliveryPolicy returns the EffectiveDeliveryPolicy of a topic
// whose DeliveryPolicy is set: SNS's defaults with the set policy laid
// over them, member by member.
func effectiveDeliveryPolicy(set string) string {
	if set == "" {
		return defaultDeliveryPolicy
	}
	var eff, user map[string]any
	if decodeJSON(defaultDeliveryPolicy, &eff) != nil || decodeJSON(set, &user) != nil {
		return defaultDeliveryPolicy
	}
	mergeJSON(eff, user)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(eff) != nil {
		return defaultDeliveryPolicy
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// decodeJSON decodes text into v, keeping numbers as they are written.
func decodeJSON(text string, v any) error {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	return dec.Decode(v)
}

// mergeJSON lays src over dst: objects member by member, anything else
// replaced.
func mergeJSON(dst, src map[string]any) {
	for k, v := range src {
		d, dok := dst[k].(map[string]any)
		s, sok := v.(map[string]any)
		if dok && sok {
			mergeJSON(d, s)
			continue
		}
		dst[k] = v
	}
}
