package awsfake_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/awsfake"
)

// The in-memory client runs inside a synctest bubble: a long poll waits in
// virtual time, so a 20-second wait on an empty queue returns at once.
func TestHTTPClientLongPollInVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := awsfake.New(awsfake.Config{}).HTTPClient()
		r := sqsJSON(t, client, "CreateQueue", `{"QueueName":"idle"}`)
		url := r.jsonOf(t)["QueueUrl"].(string)
		start := time.Now()
		r = sqsJSON(t, client, "ReceiveMessage", `{"QueueUrl":"`+url+`","WaitTimeSeconds":20}`)
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		if msgs := r.jsonOf(t)["Messages"]; msgs != nil {
			t.Errorf("messages from an empty queue: %v", msgs)
		}
		if waited := time.Since(start); waited != 20*time.Second {
			t.Errorf("waited %v of virtual time, want 20s", waited)
		}
	})
}

// A send from another goroutine wakes a waiting receive.
func TestHTTPClientLongPollWokenBySend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := awsfake.New(awsfake.Config{}).HTTPClient()
		url := sqsJSON(t, client, "CreateQueue", `{"QueueName":"work"}`).jsonOf(t)["QueueUrl"].(string)
		start := time.Now()
		got := make(chan reply, 1)
		go func() { got <- sqsJSON(t, client, "ReceiveMessage", `{"QueueUrl":"`+url+`","WaitTimeSeconds":20}`) }()
		synctest.Wait() // the receive is waiting
		sqsJSON(t, client, "SendMessage", `{"QueueUrl":"`+url+`","MessageBody":"wake"}`)
		r := <-got
		if waited := time.Since(start); waited != 0 {
			t.Errorf("the receive waited %v after the send", waited)
		}
		msgs, _ := r.jsonOf(t)["Messages"].([]any)
		if len(msgs) != 1 || msgs[0].(map[string]any)["Body"] != "wake" {
			t.Errorf("receive: %s", r.body)
		}
	})
}
