package topic_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// Order fan-out: one topic, a queue per order status chosen by a filter
// policy on the "status" attribute, and an archive queue that takes all.
func Example_orderFanOut() {
	type Order struct {
		ID    string  `json:"id"`
		Total float64 `json:"total"`
	}
	orders, err := topic.New[Order](topic.Config{Name: "orders"})
	if err != nil {
		panic(err)
	}
	defer orders.Close(context.Background())

	queues := map[string]*queue.Queue[string]{}
	for _, status := range []string{"placed", "cancelled", "declined", "archive"} {
		q, err := queue.New(queue.Config[string]{Name: status})
		if err != nil {
			panic(err)
		}
		queues[status] = q
		cfg := topic.SubscriptionConfig{RawMessageDelivery: true}
		if status != "archive" {
			cfg.FilterPolicy = `{"status":["` + status + `"]}`
		}
		if _, err := orders.SubscribeQueue(q, cfg); err != nil {
			panic(err)
		}
	}

	for _, o := range []struct {
		Order
		status string
	}{{Order{"o-1", 20}, "placed"}, {Order{"o-2", 35.5}, "placed"}, {Order{"o-1", 20}, "cancelled"}, {Order{"o-3", 99}, "declined"}} {
		if _, err := orders.Publish(topic.PublishInput[Order]{
			Message:    o.Order,
			Attributes: map[string]topic.Attribute{"status": {DataType: "String", StringValue: o.status}},
		}); err != nil {
			panic(err)
		}
	}

	for _, status := range []string{"placed", "cancelled", "declined", "archive"} {
		msgs, _ := queues[status].Receive(context.Background(), queue.ReceiveOptions{MaxMessages: 10})
		fmt.Printf("%-9s", status)
		for _, m := range msgs {
			var o Order
			_ = json.Unmarshal([]byte(m.Body), &o)
			fmt.Printf(" %s", o.ID)
		}
		fmt.Println()
	}
	// Output:
	// placed    o-1 o-2
	// cancelled o-1
	// declined  o-3
	// archive   o-1 o-2 o-1 o-3
}

// A FIFO topic delivers each message group in order to FIFO queues, which
// get the group and deduplication ids; a repeat within 5 minutes is
// accepted and not delivered.
func Example_fifo() {
	ctx := context.Background()
	payments, err := topic.New[string](topic.Config{Name: "payments.fifo", FIFO: true, ContentBasedDeduplication: true})
	if err != nil {
		panic(err)
	}
	defer payments.Close(ctx)
	ledger, _ := queue.New(queue.Config[string]{Name: "ledger.fifo", FIFO: true})
	audit, _ := queue.New(queue.Config[string]{Name: "audit.fifo", FIFO: true})
	for _, q := range []*queue.Queue[string]{ledger, audit} {
		if _, err := payments.SubscribeQueue(q, topic.SubscriptionConfig{RawMessageDelivery: true}); err != nil {
			panic(err)
		}
	}
	for _, p := range []struct{ account, event string }{
		{"acct-1", "authorised 10.00"}, {"acct-2", "authorised 5.00"}, {"acct-1", "captured 10.00"}, {"acct-1", "captured 10.00"},
	} {
		res, err := payments.Publish(topic.PublishInput[string]{Message: p.account + " " + p.event, GroupID: p.account})
		if err != nil {
			panic(err)
		}
		fmt.Println("published", res.SequenceNumber)
	}
	for _, q := range []*queue.Queue[string]{ledger, audit} {
		msgs, _ := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 10, SystemAttributeNames: []string{"MessageGroupId"}})
		for _, m := range msgs {
			fmt.Printf("%s: %s (group %s)\n", q.Name(), m.Body, m.System.MessageGroupID)
		}
	}
	// Output:
	// published 10000000000000000001
	// published 10000000000000000002
	// published 10000000000000000003
	// published 10000000000000000003
	// ledger.fifo: acct-1 authorised 10.00 (group acct-1)
	// ledger.fifo: acct-1 captured 10.00 (group acct-1)
	// ledger.fifo: acct-2 authorised 5.00 (group acct-2)
	// audit.fifo: acct-1 authorised 10.00 (group acct-1)
	// audit.fifo: acct-1 captured 10.00 (group acct-1)
	// audit.fifo: acct-2 authorised 5.00 (group acct-2)
}
