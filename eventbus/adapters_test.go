package eventbus_test

import (
	"context"
	"testing"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stepfn"
	"github.com/switchyard/switchyard/stream"
	"github.com/switchyard/switchyard/topic"
)

// TestAdapters sends one event through a target of each kind and reads it
// back from the engine behind it.
func TestAdapters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := newBus(t, eventbus.Config{})

	q := newQueue(t, queue.Config[string]{Name: "orders"})
	fifo := newQueue(t, queue.Config[string]{Name: "orders.fifo", FIFO: true})
	tp, err := topic.New[string](topic.Config{Name: "orders"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tp.Close(ctx) })
	viaTopic := newQueue(t, queue.Config[string]{Name: "via-topic"})
	if _, err := tp.SubscribeQueue(viaTopic, topic.SubscriptionConfig{RawMessageDelivery: true}); err != nil {
		t.Fatal(err)
	}
	st, err := stream.New[[]byte](stream.Config{Name: "orders", ShardCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	toStream, err := eventbus.ToStream(st, "$.detail.customer")
	if err != nil {
		t.Fatal(err)
	}
	store := &firehose.MemoryStore{}
	ds, err := firehose.New(firehose.Config{Name: "orders", S3: &firehose.S3Destination{Store: store}})
	if err != nil {
		t.Fatal(err)
	}
	sm, err := stepfn.New(stepfn.Config{Name: "orders", Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sm.Close(ctx) })
	other := newBus(t, eventbus.Config{Name: "other"})
	var onOther recorder
	putRule(t, other, eventbus.RuleConfig{Name: "all", EventPattern: `{"source":["com.example.orders"]}`}, eventbus.Target{ID: "t", Destination: onOther.dest()})

	putRule(t, b, eventbus.RuleConfig{Name: "a", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "queue", Destination: eventbus.ToQueue(q, eventbus.QueueParams{})},
		eventbus.Target{ID: "fifo", Destination: eventbus.ToQueue(fifo, eventbus.QueueParams{MessageGroupID: "g"}), InputPath: "$.detail"},
		eventbus.Target{ID: "topic", Destination: eventbus.ToTopic(tp)},
		eventbus.Target{ID: "stream", Destination: toStream},
		eventbus.Target{ID: "firehose", Destination: eventbus.ToFirehose(ds)})
	putRule(t, b, eventbus.RuleConfig{Name: "b", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "sfn", Destination: eventbus.ToStateMachine(sm)},
		eventbus.Target{ID: "bus", Destination: eventbus.ToBus(other)})

	res := put(t, b, order(`{"customer":"c-42","total":12}`))
	id := res.Entries[0].EventID
	flush(t, b)
	flush(t, other)

	wantEvent := func(where, body string) {
		t.Helper()
		if ev := decode(t, body); ev["id"] != id || ev["detail"].(map[string]any)["customer"] != "c-42" {
			t.Errorf("%s got %s", where, body)
		}
	}
	if msgs := drain(t, q); len(msgs) != 1 {
		t.Errorf("queue holds %d messages", len(msgs))
	} else {
		wantEvent("queue", msgs[0].Body)
	}
	if msgs := drain(t, fifo); len(msgs) != 1 || msgs[0].Body != `{"customer":"c-42","total":12}` {
		t.Errorf("FIFO queue holds %+v, want the detail", msgs)
	}
	if msgs := drain(t, viaTopic); len(msgs) != 1 {
		t.Errorf("topic delivered %d messages", len(msgs))
	} else {
		wantEvent("topic", msgs[0].Body)
	}
	it, err := st.GetShardIterator(stream.GetShardIteratorInput{ShardID: "shardId-000000000000", ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs.Records) != 1 || recs.Records[0].PartitionKey != "c-42" {
		t.Errorf("stream records %+v, want one keyed by the customer", recs.Records)
	} else {
		wantEvent("stream", string(recs.Records[0].Data))
	}
	if err := ds.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if keys := store.Keys(); len(keys) != 1 {
		t.Errorf("firehose wrote %v", keys)
	} else {
		body, _ := store.Get(keys[0])
		wantEvent("firehose", string(body))
	}
	execs := sm.List("")
	if len(execs) != 1 {
		t.Fatalf("%d executions", len(execs))
	}
	wantEvent("state machine", execs[0].Input)
	if got := onOther.deliveries(); len(got) != 1 || got[0].Event.ID != id {
		t.Errorf("the other bus got %+v, want the same event", got)
	}
	if got := b.ListRuleNamesByTarget(sm.ARN()); len(got) != 1 || got[0] != "b" {
		t.Errorf("ListRuleNamesByTarget(state machine) = %v", got)
	}
}

// TestStreamPartitionKeyMissing fails a delivery whose partition-key path
// selects nothing, without retrying it.
func TestStreamPartitionKeyMissing(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	st, err := stream.New[string](stream.Config{Name: "s", ShardCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	dest, err := eventbus.ToStream(st, "$.detail.missing")
	if err != nil {
		t.Fatal(err)
	}
	dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "s", Destination: dest, DeadLetter: eventbus.DeadLetterTo(dlq)})
	put(t, b, order(`{}`))
	flush(t, b)
	msgs := drain(t, dlq)
	if len(msgs) != 1 || msgs[0].Attributes["ERROR_CODE"].StringValue != "INVALID_PARAMETER" || msgs[0].Attributes["TARGET_ARN"].StringValue != st.ARN() {
		t.Errorf("dead letters %+v", msgs)
	}
	if _, err := eventbus.ToStream(st, "$["); err == nil {
		t.Error("a bad path was accepted")
	}
}

func TestStateMachineRefusesNonJSONInput(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	sm, err := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`})
	if err != nil {
		t.Fatal(err)
	}
	dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "m", Destination: eventbus.ToStateMachine(sm), DeadLetter: eventbus.DeadLetterTo(dlq),
			InputTransformer: &eventbus.InputTransformer{InputPathsMap: map[string]string{"s": "$.source"}, InputTemplate: `order from <s>`}})
	put(t, b, order(`{}`))
	flush(t, b)
	if msgs := drain(t, dlq); len(msgs) != 1 || msgs[0].Attributes["ERROR_CODE"].StringValue != "INVALID_JSON" {
		t.Errorf("dead letters %+v", msgs)
	}
	if n := len(sm.List("")); n != 0 {
		t.Errorf("%d executions started", n)
	}
}
