package snsapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// snapshot describes everything the service stores, for checking that a
// request that fails changes nothing.
func (s *Service) snapshot() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var lines []string
	for arn, t := range s.topics {
		lines = append(lines, fmt.Sprintf("topic %s seq=%d fifo=%v cbd=%v dp=%q attrs=%v tags=%v subs=%d",
			arn, t.seq, t.fifo, t.cbd, t.dataProtection, t.attrs, t.tags, len(t.subs)))
		for _, sub := range t.subs {
			lines = append(lines, "  "+sub.arn)
		}
	}
	for arn, sub := range s.subs {
		line := fmt.Sprintf("sub %s seq=%d %s %s pending=%v auth=%v token=%v attrs=%v",
			arn, sub.seq, sub.protocol, sub.endpoint, sub.pending, sub.authenticated, sub.token != "", sub.attrs)
		if sub.engine != nil {
			line += fmt.Sprintf(" engine=%+v", sub.engine.Config())
		}
		lines = append(lines, line)
	}
	lines = append(lines, fmt.Sprintf("tokens=%d seq=%d", len(s.tokens), s.seq))
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// fuzzSetup gives a service something to change: topics of both kinds
// with attributes and tags, and subscriptions of several protocols.
func fuzzSetup(h *harness) {
	arn := h.createTopic("t", "Attributes.entry.1.key", "DisplayName", "Attributes.entry.1.value", "T",
		"Tags.member.1.Key", "k", "Tags.member.1.Value", "v")
	fifo := h.createTopic("f.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true")
	_, qarn := h.queue("q")
	_, fqarn := h.queue("q.fifo")
	fn := h.function("fn", func(context.Context, []byte) ([]byte, error) { return nil, nil })
	h.subscribe(arn, "sqs", qarn, "Attributes.entry.1.key", "FilterPolicy", "Attributes.entry.1.value", `{"a":["b"]}`)
	h.subscribe(arn, "lambda", fn)
	h.subscribe(arn, "email", "a@example.com")
	h.subscribe(fifo, "sqs", fqarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true")
}

// FuzzQueryRequest sends arbitrary actions and forms: none may panic or
// answer with a server error, every reply must be an SNS XML document, and
// a request that fails must leave everything stored as it was. The seeds,
// in testdata/fuzz/FuzzQueryRequest, are a request of every action, good
// and bad, against the topics and subscriptions fuzzSetup makes.
func FuzzQueryRequest(f *testing.F) {
	f.Fuzz(func(t *testing.T, action, body string) {
		// The pairs that decode, even when others do not: the router would
		// refuse such a body, but the service must cope with any form.
		values, _ := url.ParseQuery(body)
		values.Set("Action", action)
		values.Set("Version", "2010-03-31")
		h := newHarness(t)
		fuzzSetup(h)
		before := h.svc.snapshot()

		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(values.Encode()))
		rec := httptest.NewRecorder()
		h.svc.ServeQuery(rec, req, wire.FormOf(values))
		res := rec.Result()
		doc, err := parseXML(rec.Body.String())
		switch {
		case err != nil:
			t.Fatalf("reply is not XML: %v\n%s", err, rec.Body)
		case res.StatusCode >= 500:
			t.Fatalf("server error %d\n%s", res.StatusCode, rec.Body)
		case res.StatusCode == http.StatusOK && doc.name != action+"Response":
			t.Fatalf("reply %s to %q", doc.name, action)
		case res.StatusCode != http.StatusOK && (doc.name != "ErrorResponse" || doc.child("Error").child("Code").text == ""):
			t.Fatalf("error reply %s", rec.Body)
		}
		if res.StatusCode != http.StatusOK {
			if after := h.svc.snapshot(); after != before {
				t.Fatalf("a failed %s changed the service:\nbefore\n%s\nafter\n%s\nreply %s", action, before, after, rec.Body)
			}
		}
	})
}
