package queue_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/switchyard/switchyard/queue"
)

// Message ids are version 4 UUIDs in SQS's text form, unique, and parse
// back; FIFO sequence numbers are 20-digit decimals.
func TestMessageIDsAndSequenceNumbers(t *testing.T) {
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	q, _ := newQueue(t, queue.Config[string]{Name: "ids.fifo", FIFO: true, ContentBasedDeduplication: true})
	seen := map[queue.MessageID]bool{}
	var last queue.SequenceNumber
	for i := range 2000 {
		res, err := q.Send(queue.SendInput[string]{Body: fmt.Sprint("message ", i), GroupID: "g"})
		if err != nil {
			t.Fatal(err)
		}
		s := res.MessageID.String()
		if !uuid.MatchString(s) {
			t.Fatalf("message id %q is not a version 4 UUID", s)
		}
		if back, err := queue.ParseMessageID(s); err != nil || back != res.MessageID {
			t.Fatalf("ParseMessageID(%q) = %v, %v", s, back, err)
		}
		if seen[res.MessageID] {
			t.Fatalf("message id %s repeated", s)
		}
		seen[res.MessageID] = true
		if n := res.SequenceNumber.String(); len(n) != 20 || res.SequenceNumber <= last {
			t.Fatalf("sequence number %s after %d: want 20 increasing digits", n, last)
		}
		last = res.SequenceNumber
	}
	if _, err := queue.ParseMessageID("not-a-uuid"); err == nil {
		t.Fatal("ParseMessageID accepted garbage")
	}
	if s := queue.SequenceNumber(0).String(); s != "" {
		t.Fatalf("no sequence number writes as %q", s)
	}
}
