package queue_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/queue"
)

// FuzzParseReceiptHandle: any text either parses into a handle that writes
// back as the same text, or fails with ReceiptHandleIsInvalid; a handle
// that parses but that the queue never issued is rejected by Delete.
func FuzzParseReceiptHandle(f *testing.F) {
	q, err := queue.New(queue.Config[string]{Name: "fuzz"})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := q.Send(queue.SendInput[string]{Body: "x"}); err != nil {
		f.Fatal(err)
	}
	msgs, err := q.Receive(f.Context(), queue.ReceiveOptions{})
	if err != nil || len(msgs) != 1 {
		f.Fatal(err)
	}
	issued := msgs[0].ReceiptHandle
	f.Add(issued.String())
	f.Add("")
	f.Add("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Add("not a handle")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := queue.ParseReceiptHandle(s)
		if err != nil {
			if !errors.Is(err, queue.ErrReceiptHandleIsInvalid) {
				t.Fatalf("ParseReceiptHandle(%q) = %v, want ReceiptHandleIsInvalid", s, err)
			}
			return
		}
		if h.String() != s {
			t.Fatalf("ParseReceiptHandle(%q).String() = %q", s, h.String())
		}
		if h == issued {
			return
		}
		if err := q.Delete(h); err != nil && !errors.Is(err, queue.ErrReceiptHandleIsInvalid) {
			t.Fatalf("Delete(%q) = %v", s, err)
		}
		if c := q.Counts(); c.InFlight != 1 {
			t.Fatalf("a foreign handle changed the queue: %+v", c)
		}
	})
}

// FuzzParseMessageID: text parses only if it is a UUID in SQS's form, and
// then writes back unchanged (lower-case).
func FuzzParseMessageID(f *testing.F) {
	f.Add("0f2b8a5c-1d3e-4f60-8a7b-9c0d1e2f3a4b")
	f.Add("0F2B8A5C-1D3E-4F60-8A7B-9C0D1E2F3A4B")
	f.Add("")
	f.Add("0f2b8a5c-1d3e-4f60-8a7b-9c0d1e2f3a4")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := queue.ParseMessageID(s)
		if err != nil {
			return
		}
		if id.String() != strings.ToLower(s) {
			t.Fatalf("ParseMessageID(%q).String() = %q", s, id.String())
		}
	})
}

// FuzzQueueName: New accepts a name only if it follows SQS's rules, and
// otherwise fails with InvalidParameterValue.
func FuzzQueueName(f *testing.F) {
	for _, s := range []string{"jobs", "jobs.fifo", "", ".fifo", "a b", strings.Repeat("q", 81), "q-_1"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, name string, fifo bool) {
		_, err := queue.New(queue.Config[string]{Name: name, FIFO: fifo})
		base, suffixed := strings.CutSuffix(name, ".fifo")
		want := len(name) <= 80 && base != "" && suffixed == fifo &&
			strings.Trim(base, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == ""
		if (err == nil) != want {
			t.Fatalf("New(%q, fifo=%v) = %v, rules say valid=%v", name, fifo, err, want)
		}
		if err != nil && !errors.Is(err, queue.ErrInvalidParameterValue) {
			t.Fatalf("New(%q) = %v, want InvalidParameterValue", name, err)
		}
	})
}
