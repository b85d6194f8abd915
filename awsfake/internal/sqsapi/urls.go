package sqsapi

import (
	"net/http"
	"net/url"
	"strings"
)

// baseURL returns scheme://host of the queue URLs a request is answered
// with: the request's own Host, or AWS's endpoint for the region when the
// request has none.
func (s *Service) baseURL(r *http.Request) string {
	if r == nil || r.Host == "" {
		return "https://sqs." + s.region + ".amazonaws.com"
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// queueURL returns the URL of the queue called name.
func (c *call) queueURL(name string) string {
	return c.base + "/" + c.s.account + "/" + name
}

// arn returns the ARN of the queue called name.
func (s *Service) arn(name string) string {
	return "arn:aws:sqs:" + s.region + ":" + s.account + ":" + name
}

// nameOfURL returns the queue name a queue URL (or a bare path) names:
// its last path segment, when the segment before it is this service's
// account. The host is ignored, as the SDKs send every request to their own
// endpoint whatever host the URL names.
func (s *Service) nameOfURL(raw string) (string, bool) {
	path := raw
	if u, err := url.Parse(raw); err == nil && u.Path != "" {
		path = u.Path
	} else if err != nil && !strings.HasPrefix(raw, "/") {
		return "", false
	}
	path = strings.TrimSuffix(path, "/")
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return "", false
	}
	name, rest := path[i+1:], path[:i]
	account := rest[strings.LastIndexByte(rest, '/')+1:]
	if account != s.account || name == "" {
		return "", false
	}
	return name, true
}

// nameOfARN returns the queue name of an SQS ARN in this service's region
// and account.
func (s *Service) nameOfARN(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[3] != s.region || parts[4] != s.account || parts[5] == "" {
		return "", false
	}
	return parts[5], true
}

// validARN reports whether s has the shape of an ARN,
// arn:<partition>:<service>:<region>:<account>:<resource>.
func validARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[1] != "" && parts[2] != "" && parts[5] != ""
}
