package snsapi

import (
	"encoding/json"
	"errors"
	"maps"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/pattern"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// supportsRaw reports whether a protocol takes raw message delivery.
func supportsRaw(protocol string) bool {
	switch protocol {
	case "sqs", "http", "https", "firehose":
		return true
	}
	return false
}

// checkSubscriptionAttribute checks one attribute of a subscription of
// protocol and endpoint to topic t, as Subscribe or
// SetSubscriptionAttributes does, and returns its value as stored. Errors
// read "Invalid parameter: " + prefix + the reason: Subscribe's prefix is
// "Attributes Reason: ", SetSubscriptionAttributes' "". A filter policy is
// checked with its scope by [checkFilter].
func (s *Service) checkSubscriptionAttribute(t *topicState, protocol, endpoint, name, value, prefix string) (string, error) {
	switch name {
	case "FilterPolicy", "SubscriptionRoleArn":
		return value, nil
	case "FilterPolicyScope":
		_, err := pattern.ParseScope(value)
		if value == "" {
			// The engine reads "" as the default; SNS wants it said.
			err = &pattern.Error{Attribute: name, Reason: "Invalid value []. Please use either MessageBody or MessageAttributes"}
		}
		if err != nil {
			return "", invalid(prefix + err.Error())
		}
		return value, nil
	case "RawMessageDelivery":
		if !supportsRaw(protocol) {
			return "", invalid("Delivery protocol [" + protocol + "] does not support raw message delivery.")
		}
		b, ok := parseBool(value)
		if !ok {
			return "", invalid(prefix + "RawMessageDelivery: Invalid value [" + value + "]. Must be true or false.")
		}
		if b {
			return "true", nil
		}
		return "false", nil
	case "RedrivePolicy":
		return checkRedrivePolicy(t, protocol, endpoint, value, prefix)
	case "DeliveryPolicy", "ReplayPolicy":
		return checkJSONAttribute(name, value, prefix)
	}
	return "", invalid(prefix + "AttributeName")
}

// checkRedrivePolicy checks a RedrivePolicy: "" (none) or
// {"deadLetterTargetArn": an ARN}, a FIFO queue for a FIFO queue's
// subscription to a FIFO topic and a standard queue on a standard topic.
func checkRedrivePolicy(t *topicState, protocol, endpoint, value, prefix string) (string, error) {
	if value == "" {
		return "", nil
	}
	if reason := jsonObjectReason(value); reason != "" {
		return "", invalid(prefix + "RedrivePolicy: " + reason)
	}
	dlq := deadLetterTarget(value)
	a, _, ok := parseARN(dlq)
	if !ok {
		return "", invalid(prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn")
	}
	fifoDLQ := a.service == "sqs" && strings.HasSuffix(a.resource, ".fifo")
	switch {
	case t.fifo && protocol == "sqs" && strings.HasSuffix(endpoint, ".fifo") && !fifoDLQ:
		return "", invalid(prefix + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.")
	case !t.fifo && fifoDLQ:
		return "", invalid(prefix + "RedrivePolicy: must use a standard queue as DLQ for a standard Subscription.")
	}
	return value, nil
}

// deadLetterTarget returns the deadLetterTargetArn of a RedrivePolicy, or
// "".
func deadLetterTarget(policy string) string {
	var rp struct {
		DeadLetterTargetArn any `json:"deadLetterTargetArn"`
	}
	_ = json.Unmarshal([]byte(policy), &rp)
	s, _ := rp.DeadLetterTargetArn.(string)
	return s
}

// checkFilter checks the filter policy of attrs in its scope, as the
// engine will (the engine checks again; subscriptions without an engine
// rely on this one).
func checkFilter(attrs map[string]string, prefix string) error {
	policy := attrs["FilterPolicy"]
	if policy == "" {
		return nil
	}
	scope, err := pattern.ParseScope(attrs["FilterPolicyScope"])
	if err == nil {
		_, err = pattern.ParseFilterPolicy(policy, scope)
	}
	var pe *pattern.Error
	if errors.As(err, &pe) {
		return invalid(prefix + pe.Error())
	}
	return err
}

// engineConfigLocked returns the engine's configuration for a
// subscription with attrs. The caller holds s.mu.
func (s *Service) engineConfigLocked(attrs map[string]string) topic.SubscriptionConfig {
	return topic.SubscriptionConfig{
		FilterPolicy:       attrs["FilterPolicy"],
		FilterPolicyScope:  topic.FilterScope(attrs["FilterPolicyScope"]),
		RawMessageDelivery: attrs["RawMessageDelivery"] == "true",
		DeadLetterQueue:    s.deadLetterQueue(attrs["RedrivePolicy"]),
	}
}

// deadLetterQueue resolves a RedrivePolicy's queue, or returns nil when it
// names none of the account's: SNS accepts a dead-letter queue that does
// not exist, and what would go there is dropped.
func (s *Service) deadLetterQueue(policy string) *queue.Queue[string] {
	if policy == "" || s.cfg.Queue == nil {
		return nil
	}
	target := deadLetterTarget(policy)
	if a, _, ok := parseARN(target); !ok || a.service != "sqs" || a.account != s.cfg.Account {
		return nil
	}
	if q, ok := s.cfg.Queue(target); ok {
		return q
	}
	return nil
}

// attributeLocked returns the current value of a settable attribute, as
// Subscribe compares it with a repeated request's. The caller holds s.mu.
func (sub *subState) attributeLocked(name string) string {
	v, ok := sub.attrs[name]
	switch {
	case ok:
		return v
	case name == "RawMessageDelivery":
		return "false"
	case name == "FilterPolicyScope":
		return "MessageAttributes"
	}
	return ""
}

// getSubscriptionAttributes is GetSubscriptionAttributes.
func (s *Service) getSubscriptionAttributes(f wire.Form) (any, error) {
	p := params{f: f}
	arn := p.require("SubscriptionArn", "subscriptionArn")
	if err := p.err(); err != nil {
		return nil, err
	}
	if err := s.checkSubscriptionARN(arn); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subs[arn]
	if !ok {
		return nil, subscriptionNotFound()
	}
	m := maps.Clone(sub.attrs)
	if m["FilterPolicy"] == "" {
		delete(m, "FilterPolicy")
		delete(m, "FilterPolicyScope")
	} else if m["FilterPolicyScope"] == "" {
		m["FilterPolicyScope"] = "MessageAttributes"
	}
	for _, k := range [...]string{"RedrivePolicy", "DeliveryPolicy", "ReplayPolicy", "SubscriptionRoleArn"} {
		if m[k] == "" {
			delete(m, k)
		}
	}
	m["SubscriptionArn"] = sub.arn
	m["TopicArn"] = sub.topic.arn
	m["Owner"] = s.cfg.Account
	m["Protocol"] = sub.protocol
	m["Endpoint"] = sub.endpoint
	m["PendingConfirmation"] = boolText(sub.pending)
	m["ConfirmationWasAuthenticated"] = boolText(sub.authenticated)
	m["RawMessageDelivery"] = sub.attributeLocked("RawMessageDelivery")
	m["SubscriptionPrincipal"] = "arn:aws:iam::" + s.cfg.Account + ":root"
	return attributesResult{Attributes: newAttributeMap(m)}, nil
}

// setSubscriptionAttributes is SetSubscriptionAttributes. The engine
// applies the change first; if it refuses, nothing changes.
func (s *Service) setSubscriptionAttributes(f wire.Form) error {
	p := params{f: f}
	arn := p.require("SubscriptionArn", "subscriptionArn")
	name := p.require("AttributeName", "attributeName")
	value := f.Get("AttributeValue")
	if err := p.err(); err != nil {
		return err
	}
	if err := s.checkSubscriptionARN(arn); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subs[arn]
	if !ok {
		return subscriptionNotFound()
	}
	v, err := s.checkSubscriptionAttribute(sub.topic, sub.protocol, sub.endpoint, name, value, "")
	if err != nil {
		return err
	}
	attrs := maps.Clone(sub.attrs)
	attrs[name] = v
	if err := checkFilter(attrs, ""); err != nil {
		return err
	}
	if e := sub.engine; e != nil {
		switch name {
		case "FilterPolicy":
			err = e.SetFilterPolicy(v)
		case "FilterPolicyScope":
			err = e.SetFilterPolicyScope(topic.FilterScope(v))
		case "RawMessageDelivery":
			err = e.SetRawMessageDelivery(v == "true")
		case "RedrivePolicy":
			err = e.SetDeadLetterQueue(s.deadLetterQueue(v))
		}
		if err != nil {
			return err
		}
	}
	sub.attrs = attrs
	return nil
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
