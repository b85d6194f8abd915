package snsapi

import (
	"strconv"
	"strings"
)

// arn is an ARN split into its fields: arn:partition:service:region:account:resource.
type arn struct {
	partition, service, region, account, resource string
}

// parseARN splits s into an ARN's six fields, the resource keeping any
// colons of its own. It fails, with the number of fields found, when s has
// fewer than six or does not start with "arn".
func parseARN(s string) (arn, int, bool) {
	n := strings.Count(s, ":") + 1
	if n < 6 {
		return arn{}, n, false
	}
	p := strings.SplitN(s, ":", 6)
	if p[0] != "arn" {
		return arn{}, n, false
	}
	return arn{partition: p[1], service: p[2], region: p[3], account: p[4], resource: p[5]}, n, true
}

// topicARN returns the ARN of the topic called name in the service's
// account and region.
func (s *Service) topicARN(name string) string {
	return "arn:aws:sns:" + s.cfg.Region + ":" + s.cfg.Account + ":" + name
}

// topicLocked returns the topic an ARN names, checked as SNS checks the
// request parameter param (TopicArn, TargetArn, ResourceArn): fewer than
// six fields, another service or another region are InvalidParameter; a
// topic of another account, or none, is NotFound. The caller holds s.mu.
func (s *Service) topicLocked(param, topicARN string) (*topicState, error) {
	a, n, ok := parseARN(topicARN)
	switch {
	case !ok && n < 6:
		return nil, invalid(param + " Reason: An ARN must have at least 6 elements, not " + strconv.Itoa(n))
	case !ok || a.service != "sns" || a.region != s.cfg.Region:
		return nil, invalid(param)
	}
	t, found := s.topics[topicARN]
	if !found {
		return nil, topicNotFound()
	}
	return t, nil
}

// checkSubscriptionARN checks a SubscriptionArn parameter as SNS does:
// an ARN of six or more fields, of SNS in the service's region, whose
// resource is a topic name, ':' and a UUID.
func (s *Service) checkSubscriptionARN(subARN string) error {
	a, n, ok := parseARN(subARN)
	switch {
	case !ok && n < 6:
		return invalid("SubscriptionArn Reason: An ARN must have at least 6 elements, not " + strconv.Itoa(n))
	case !ok || a.service != "sns" || a.region != s.cfg.Region:
		return invalid("SubscriptionArn")
	}
	_, id, found := strings.Cut(a.resource, ":")
	if !found || !isUUID(id) {
		return invalid("SubscriptionId")
	}
	return nil
}

// isUUID reports whether s is a UUID in its 36-character text form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
