package eventsapi

import (
	"strings"

	"github.com/switchyard/switchyard/eventbus"
)

// arn is an ARN split into its fields:
// arn:partition:service:region:account:resource.
type arn struct {
	partition, service, region, account, resource string
}

// parseARN splits s into an ARN's six fields, the resource keeping any
// colons of its own; ok is false when s is not of that form.
func parseARN(s string) (a arn, ok bool) {
	p := strings.SplitN(s, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[1] == "" || p[2] == "" || p[5] == "" {
		return arn{}, false
	}
	return arn{partition: p[1], service: p[2], region: p[3], account: p[4], resource: p[5]}, true
}

// ours reports whether a is an EventBridge ARN of the service's account
// and region.
func (s *Service) ours(a arn) bool {
	return a.service == "events" && a.region == s.cfg.Region && a.account == s.cfg.Account
}

// resourceARN is the ARN of an EventBridge resource of the account.
func (s *Service) resourceARN(resource string) string {
	return "arn:aws:events:" + s.cfg.Region + ":" + s.cfg.Account + ":" + resource
}

// busNameOfARN returns the name of the bus an ARN of the account names.
func (s *Service) busNameOfARN(text string) (string, bool) {
	a, ok := parseARN(text)
	if !ok || !s.ours(a) {
		return "", false
	}
	name, ok := strings.CutPrefix(a.resource, "event-bus/")
	return name, ok && name != ""
}

// busNameOf returns the bus an EventBusName parameter names: "default"
// when it is empty, the name itself, or the name in a bus ARN. A bus ARN
// of another account or region names a bus the service does not have;
// its resource is returned, so that the error names it.
func busNameOf(nameOrARN string) string {
	if nameOrARN == "" {
		return eventbus.DefaultBusName
	}
	if a, ok := parseARN(nameOrARN); ok {
		if name, ok := strings.CutPrefix(a.resource, "event-bus/"); ok {
			return name
		}
	}
	return nameOrARN
}

// foreignBus reports whether nameOrARN is an ARN of a bus in another
// account or region, which no request of this account reaches.
func (s *Service) foreignBus(nameOrARN string) bool {
	a, ok := parseARN(nameOrARN)
	return ok && !s.ours(a)
}

// ruleOfARN splits a rule ARN of the account into its bus and rule
// names: rule/<name> is on the default bus, rule/<bus>/<name> on another.
func (s *Service) ruleOfARN(a arn) (bus, rule string, ok bool) {
	rest, ok := strings.CutPrefix(a.resource, "rule/")
	if !ok || !s.ours(a) {
		return "", "", false
	}
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return eventbus.DefaultBusName, rest, rest != ""
	}
	return rest[:i], rest[i+1:], rest[:i] != "" && rest[i+1:] != ""
}
