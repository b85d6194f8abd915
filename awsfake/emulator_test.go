package awsfake_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/awsfake"
)

func admin(t *testing.T, client *http.Client, method, path, body string) reply {
	t.Helper()
	req := httptest.NewRequest(method, "http://switchyard.test/_switchyard/"+path, strings.NewReader(body))
	req.RequestURI = ""
	return do(t, client, req)
}

func TestEmulatorHealthAndReset(t *testing.T) {
	emu := awsfake.NewEmulator(awsfake.Config{AccountID: "123456789012", Region: "eu-west-1"})
	client := awsfake.NewHTTPClient(emu.Handler())
	h := admin(t, client, "GET", "health", "").jsonOf(t)
	if h["status"] != "running" || h["account"] != "123456789012" || h["region"] != "eu-west-1" {
		t.Errorf("health: %v", h)
	}
	if services := fmt.Sprint(h["services"]); services != "[events firehose kinesis lambda sns sqs states]" {
		t.Errorf("services: %v", h["services"])
	}
	url := sqsJSON(t, client, "CreateQueue", `{"QueueName":"q"}`).jsonOf(t)["QueueUrl"].(string)
	if !strings.HasSuffix(url, "/123456789012/q") {
		t.Errorf("queue url %q", url)
	}
	if r := admin(t, client, "POST", "reset", ""); r.status != 200 {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	if r := sqsJSON(t, client, "GetQueueUrl", `{"QueueName":"q"}`); r.status != 400 {
		t.Errorf("the queue survived a reset: %d %s", r.status, r.body)
	}
	if r := admin(t, client, "GET", "reset", ""); r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET reset: %d", r.status)
	}
}

func TestEmulatorClockAdvance(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		emu := awsfake.NewEmulator(awsfake.Config{})
		client := awsfake.NewHTTPClient(emu.Handler())
		url := sqsJSON(t, client, "CreateQueue", `{"QueueName":"later"}`).jsonOf(t)["QueueUrl"].(string)
		sqsJSON(t, client, "SendMessage", `{"QueueUrl":"`+url+`","MessageBody":"in ten minutes","DelaySeconds":600}`)
		receive := func() int {
			r := sqsJSON(t, client, "ReceiveMessage", `{"QueueUrl":"`+url+`","WaitTimeSeconds":0,"VisibilityTimeout":30}`)
			msgs, _ := r.jsonOf(t)["Messages"].([]any)
			return len(msgs)
		}
		if n := receive(); n != 0 {
			t.Fatalf("a delayed message was received at once")
		}
		before := emu.Clock().Now()
		r := admin(t, client, "POST", "clock/advance", `{"seconds": 599.5}`)
		if r.status != 200 {
			t.Fatalf("advance: %d %s", r.status, r.body)
		}
		got, err := time.Parse(time.RFC3339Nano, r.jsonOf(t)["time"].(string))
		if err != nil || got.Sub(before) != 599500*time.Millisecond {
			t.Errorf("advance answered %v (%v), want %v later than %v", got, err, 599.5, before)
		}
		if n := receive(); n != 0 {
			t.Fatalf("received before the delay ended")
		}
		admin(t, client, "POST", "clock/advance", `{"seconds": 0.5}`)
		if n := receive(); n != 1 {
			t.Fatalf("not received once the delay ended: %d", n)
		}
		admin(t, client, "POST", "clock/advance", `{"seconds": 30}`)
		if n := receive(); n != 1 {
			t.Errorf("not received again once its visibility timeout expired: %d", n)
		}
	})
}

func TestEmulatorClockAdvanceRefusesBadBodies(t *testing.T) {
	client := awsfake.NewHTTPClient(awsfake.NewEmulator(awsfake.Config{}).Handler())
	for _, body := range []string{``, `{}`, `{"seconds": -1}`, `{"seconds": "5"}`, `[1]`, `{"seconds": 1e300}`, `{"seconds":1}{"x"`} {
		if r := admin(t, client, "POST", "clock/advance", body); r.status != 400 {
			t.Errorf("%q: got %d %s", body, r.status, r.body)
		}
	}
}

// Jumps add up until the clock's range ends; the jump that would pass it
// is refused, not shortened.
func TestEmulatorClockAdvanceRefusesOverflow(t *testing.T) {
	emu := awsfake.NewEmulator(awsfake.Config{})
	client := awsfake.NewHTTPClient(emu.Handler())
	const century = `{"seconds": 3153600000}`
	for i := range 2 {
		if r := admin(t, client, "POST", "clock/advance", century); r.status != 200 {
			t.Fatalf("jump %d: %d %s", i+1, r.status, r.body)
		}
	}
	before := emu.Clock().Offset()
	if r := admin(t, client, "POST", "clock/advance", century); r.status != 400 {
		t.Errorf("a third century: %d %s", r.status, r.body)
	}
	if emu.Clock().Offset() != before {
		t.Errorf("a refused jump moved the clock from %v to %v", before, emu.Clock().Offset())
	}
}
