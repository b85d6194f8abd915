package snsapi

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
)

// Requests of every kind from many goroutines at once: nothing races,
// panics or fails, and every message published to the shared topic
// reaches its queue.
func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("shared")
	q, qarn := h.queue("shared-q")
	h.subscribe(arn, "sqs", qarn)
	// do is h.ok for other goroutines, which may not stop the test.
	do := func(action string, kv ...string) *node {
		r := h.call(action, kv...)
		if r.status != http.StatusOK {
			t.Errorf("%s %v: %d %s", action, kv, r.status, r.body)
		}
		return r.doc.child(action + "Result")
	}
	const workers, rounds = 8, 30
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := "t" + strconv.Itoa(w)
			for i := range rounds {
				mine := do("CreateTopic", "Name", own).child("TopicArn").text
				sub := do("Subscribe", "TopicArn", mine, "Protocol", "email", "Endpoint", "u"+strconv.Itoa(i)+"@example.com",
					"ReturnSubscriptionArn", "true").child("SubscriptionArn").text
				do("SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", "FilterPolicy", "AttributeValue", `{"a":["b"]}`)
				do("Publish", "TopicArn", arn, "Message", own+"-"+strconv.Itoa(i))
				do("TagResource", "ResourceArn", mine, "Tags.member.1.Key", "k", "Tags.member.1.Value", strconv.Itoa(i))
				do("ListSubscriptions")
				do("ListTopics")
				do("GetTopicAttributes", "TopicArn", arn)
				if i%3 == 0 {
					do("DeleteTopic", "TopicArn", mine)
				} else {
					do("Unsubscribe", "SubscriptionArn", sub)
				}
			}
		}()
	}
	wg.Wait()
	if n := len(receive(t, q)); n != workers*rounds {
		t.Errorf("queue got %d messages, want %d", n, workers*rounds)
	}
}
