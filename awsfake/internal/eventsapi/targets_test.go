package eventsapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/queue"
)

func TestPutTargetsRefusals(t *testing.T) {
	target := func(id, arn string) map[string]any { return map[string]any{"Id": id, "Arn": arn} }
	tests := []struct {
		name      string
		in        map[string]any
		code, msg string
	}{
		{name: "no rule member", in: map[string]any{"Targets": []any{target("t", functionARN)}},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'rule' failed to satisfy constraint: Member must not be null"},
		{name: "no targets member", in: map[string]any{"Rule": "r"},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null"},
		{name: "empty targets", in: map[string]any{"Rule": "r", "Targets": []any{}},
			code: "ValidationException", msg: "1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "bad id", in: map[string]any{"Rule": "r", "Targets": []any{target("!@#$@!#$", functionARN)}},
			code: "ValidationException", msg: `1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`},
		{name: "long id", in: map[string]any{"Rule": "r", "Targets": []any{target(strings.Repeat("i", 65), functionARN)}},
			code: "ValidationException", msg: "1 validation error detected: Value '" + strings.Repeat("i", 65) + "' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{name: "no arn", in: map[string]any{"Rule": "r", "Targets": []any{target("a", functionARN), map[string]any{"Id": "b"}}},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'targets.2.member.arn' failed to satisfy constraint: Member must not be null"},
		{name: "retry policy out of range", in: map[string]any{"Rule": "r", "Targets": []any{map[string]any{"Id": "a", "Arn": functionARN, "RetryPolicy": map[string]any{"MaximumRetryAttempts": 186, "MaximumEventAgeInSeconds": 59}}}},
			code: "ValidationException", msg: "2 validation errors detected: Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185; Value '59' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"},
		{name: "transformer without template", in: map[string]any{"Rule": "r", "Targets": []any{map[string]any{"Id": "a", "Arn": functionARN, "InputTransformer": map[string]any{"InputPathsMap": map[string]any{"d": "$.detail"}}}}},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null"},
		{name: "malformed arn", in: map[string]any{"Rule": "r", "Targets": []any{target("a", "not-an-arn")}},
			code: "ValidationException", msg: "Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format."},
		{name: "FIFO queue without SqsParameters", in: map[string]any{"Rule": "r", "Targets": []any{target("a", "arn:aws:sqs:us-east-1:000000000000:q.fifo")}},
			code: "ValidationException", msg: "Parameter(s) SqsParameters must be specified for target: a."},
		{name: "destination refuses the ARN", in: map[string]any{"Rule": "r", "Targets": []any{target("a", "arn:aws:s3:::bucket")}},
			code: "ValidationException", msg: "s3 is not a supported service for a target."},
		{name: "input not JSON", in: map[string]any{"Rule": "r", "Targets": []any{map[string]any{"Id": "a", "Arn": functionARN, "Input": "{"}}},
			code: "ValidationException", msg: `JSON syntax error in input for target a: [Source: (String)"{"; line: 1, column: 1]`},
		{name: "input and input path", in: map[string]any{"Rule": "r", "Targets": []any{map[string]any{"Id": "a", "Arn": functionARN, "Input": "{}", "InputPath": "$.detail"}}},
			code: "ValidationException", msg: "Only one of Input, InputPath, or InputTransformer must be provided for target a."},
		{name: "missing rule", in: map[string]any{"Rule": "nope", "Targets": []any{target("a", functionARN)}},
			code: "ResourceNotFoundException", msg: "Rule nope does not exist on EventBus default."},
		{name: "missing bus", in: map[string]any{"Rule": "r", "EventBusName": "nope", "Targets": []any{target("a", functionARN)}},
			code: "ResourceNotFoundException", msg: "Event bus nope does not exist."},
		{name: "six targets", in: map[string]any{"Rule": "r", "Targets": []any{
			target("1", functionARN), target("2", functionARN), target("3", functionARN),
			target("4", functionARN), target("5", functionARN), target("6", functionARN),
		}},
			code: "LimitExceededException", msg: "The requested resource exceeds the maximum number allowed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.putRule("", "r", orderPattern)
			f.putTargets("", "r", map[string]any{"Id": "kept", "Arn": queueARN})
			f.fails("PutTargets", tt.in, tt.code, tt.msg)
			got := f.ok("ListTargetsByRule", map[string]any{"Rule": "r"})["Targets"]
			if want := `[map[Arn:` + queueARN + ` Id:kept]]`; fmt.Sprint(got) != want {
				t.Fatalf("a refused PutTargets changed the targets: %v", got)
			}
		})
	}
}

func TestListTargetsByRuleReturnsTargetsAsPut(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	f.putRule("orders", "r", orderPattern)
	targets := []map[string]any{
		{
			"Id": "fifo", "Arn": "arn:aws:sqs:us-east-1:000000000000:q.fifo", "RoleArn": "arn:aws:iam::000000000000:role/r",
			"SqsParameters":    map[string]any{"MessageGroupId": "g"},
			"DeadLetterConfig": map[string]any{"Arn": dlqARN},
			"RetryPolicy":      map[string]any{"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600},
			"InputPath":        "$.detail",
		},
		{
			"Id": "stream", "Arn": "arn:aws:kinesis:us-east-1:000000000000:stream/s",
			"KinesisParameters": map[string]any{"PartitionKeyPath": "$.detail.id"},
			"InputTransformer":  map[string]any{"InputPathsMap": map[string]any{"id": "$.detail.id"}, "InputTemplate": `{"order":<id>}`},
		},
		{"Id": "bus", "Arn": defaultBusARN, "Input": `{"fixed":true}`},
		{"Id": "ecs", "Arn": "arn:aws:ecs:us-east-1:000000000000:cluster/c", "EcsParameters": map[string]any{"TaskDefinitionArn": "arn:aws:ecs:us-east-1:000000000000:task-definition/t", "TaskCount": 1}},
	}
	f.putTargets("orders", "r", targets...)
	got := f.ok("ListTargetsByRule", map[string]any{"Rule": "r", "EventBusName": busARN("orders")})["Targets"]
	slices.SortFunc(targets, func(a, b map[string]any) int { return strings.Compare(a["Id"].(string), b["Id"].(string)) })
	want, _ := json.Marshal(targets)
	var wantAny any
	_ = json.Unmarshal(want, &wantAny)
	if fmt.Sprint(got) != fmt.Sprint(wantAny) {
		t.Fatalf("ListTargetsByRule = %v\nwant %v", got, wantAny)
	}
	// The destination got the target's parameters.
	var params []eventsapi.TargetParameters
	f.mu.Lock()
	for _, r := range f.resolved {
		params = append(params, r.params)
	}
	f.mu.Unlock()
	if !slices.Contains(params, eventsapi.TargetParameters{SQSMessageGroupID: "g"}) ||
		!slices.Contains(params, eventsapi.TargetParameters{KinesisPartitionKeyPath: "$.detail.id"}) {
		t.Fatalf("Destination was called with %v", params)
	}
}

func TestListTargetsByRulePages(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	for i := range 5 {
		f.putTargets("", "r", map[string]any{"Id": fmt.Sprint("t", i), "Arn": queueARN})
	}
	out := f.ok("ListTargetsByRule", map[string]any{"Rule": "r", "Limit": 3})
	rest := f.ok("ListTargetsByRule", map[string]any{"Rule": "r", "Limit": 3, "NextToken": out["NextToken"]})
	got := append(names(out["Targets"], "Id"), names(rest["Targets"], "Id")...)
	if !slices.Equal(got, []string{"t0", "t1", "t2", "t3", "t4"}) || rest["NextToken"] != nil {
		t.Fatalf("pages = %v, %v", out, rest)
	}
	f.fails("ListTargetsByRule", map[string]any{"Rule": "nope"}, "ResourceNotFoundException", "Rule nope does not exist on EventBus default.")
}

func TestPutTargetsReplacesByID(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": queueARN, "Input": `{"a":1}`})
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})
	got := f.ok("ListTargetsByRule", map[string]any{"Rule": "r"})["Targets"]
	if want := `[map[Arn:` + functionARN + ` Id:t]]`; fmt.Sprint(got) != want {
		t.Fatalf("targets = %v, want %s", got, want)
	}
}

func TestRemoveTargets(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	f.putTargets("", "r", map[string]any{"Id": "a", "Arn": queueARN}, map[string]any{"Id": "b", "Arn": queueARN})
	out := f.ok("RemoveTargets", map[string]any{"Rule": "r", "Ids": []string{"a", "nope"}})
	if fmt.Sprint(out) != "map[FailedEntries:[] FailedEntryCount:0]" {
		t.Fatalf("RemoveTargets = %v", out)
	}
	if got := names(f.ok("ListTargetsByRule", map[string]any{"Rule": "r"})["Targets"], "Id"); !slices.Equal(got, []string{"b"}) {
		t.Fatalf("targets left = %v", got)
	}
	f.fails("RemoveTargets", map[string]any{"Rule": "nope", "Ids": []string{"b"}}, "ResourceNotFoundException", "Rule nope does not exist on EventBus default.")
	f.fails("RemoveTargets", map[string]any{"Rule": "r", "Ids": []string{}}, "ValidationException",
		"1 validation error detected: Value '[]' at 'ids' failed to satisfy constraint: Member must have length greater than or equal to 1")
	f.fails("RemoveTargets", map[string]any{"Rule": "r"}, "ValidationException",
		"1 validation error detected: Value null at 'ids' failed to satisfy constraint: Member must not be null")
}

// A target may name a resource that does not exist yet, as in AWS:
// deliveries fail until it does, and reach it once it is there.
func TestTargetResolvedOnEveryDelivery(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	dlq, err := queue.New(queue.Config[string]{Name: "dlq"})
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.deadLetters[dlqARN] = dlq
	f.mu.Unlock()
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN, "DeadLetterConfig": map[string]any{"Arn": dlqARN}})

	f.putEvent(orderEntry(`{"n":1}`))
	f.flush()
	msgs, err := dlq.Receive(context.Background(), queue.ReceiveOptions{MaxMessages: 10, AttributeNames: []string{"All"}})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("dead letters = %v, %v; want the one event", msgs, err)
	}
	attrs := msgs[0].Attributes
	for name, want := range map[string]string{
		"ERROR_CODE":     "RESOURCE_NOT_FOUND",
		"TARGET_ARN":     functionARN,
		"RULE_ARN":       "arn:aws:events:us-east-1:000000000000:rule/r",
		"RETRY_ATTEMPTS": "0",
	} {
		if got := attrs[name].StringValue; got != want {
			t.Errorf("dead letter %s = %q, want %q", name, got, want)
		}
	}

	in := f.function(functionARN)
	id := f.putEvent(orderEntry(`{"n":2}`))
	f.flush()
	if got := in.received(); len(got) != 1 || decode(t, got[0])["id"] != id {
		t.Fatalf("after the function was registered it received %v, want event %s", got, id)
	}
}

func TestDeadLetterQueueThatDoesNotExist(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN, "DeadLetterConfig": map[string]any{"Arn": dlqARN}})
	f.putEvent(orderEntry(`{}`))
	f.flush()
	if got := f.bus("default").Stats().InvocationsFailedToBeSentToDLQ; got != 1 {
		t.Fatalf("InvocationsFailedToBeSentToDLQ = %d, want 1", got)
	}
}

func TestTargetInputSettings(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	whole, path, constant, shaped := f.function(functionARN+"1"), f.function(functionARN+"2"), f.function(functionARN+"3"), f.function(functionARN+"4")
	f.putTargets("", "r",
		map[string]any{"Id": "whole", "Arn": functionARN + "1"},
		map[string]any{"Id": "path", "Arn": functionARN + "2", "InputPath": "$.detail"},
		map[string]any{"Id": "constant", "Arn": functionARN + "3", "Input": `{"fixed":true}`},
		map[string]any{"Id": "shaped", "Arn": functionARN + "4", "InputTransformer": map[string]any{
			"InputPathsMap": map[string]any{"id": "$.detail.id"}, "InputTemplate": `{"order":<id>,"rule":"<aws.events.rule-name>"}`}},
	)
	id := f.putEvent(orderEntry(`{"id":7}`))
	f.flush()
	if got := whole.received(); len(got) != 1 || decode(t, got[0])["id"] != id {
		t.Errorf("whole event: %v", got)
	}
	if got := path.received(); fmt.Sprint(got) != `[{"id":7}]` {
		t.Errorf("InputPath: %v", got)
	}
	if got := constant.received(); fmt.Sprint(got) != `[{"fixed":true}]` {
		t.Errorf("Input: %v", got)
	}
	if got := shaped.received(); fmt.Sprint(got) != `[{"order":7,"rule":"r"}]` {
		t.Errorf("InputTransformer: %v", got)
	}
}

// Targets put through the engine's own API, which the service did not
// see, are listed by their id and their destination's ARN.
func TestListTargetsPutThroughTheEngine(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	err := f.bus("default").PutTargets("r",
		eventbus.Target{ID: "bus", Destination: eventbus.ToBus(f.bus("default"))},
		eventbus.Target{ID: "func", Destination: eventbus.Func(func(context.Context, eventbus.Delivery) error { return nil })},
	)
	if err != nil {
		t.Fatal(err)
	}
	got := f.ok("ListTargetsByRule", map[string]any{"Rule": "r"})["Targets"]
	if want := "[map[Arn:" + defaultBusARN + " Id:bus] map[Arn: Id:func]]"; fmt.Sprint(got) != want {
		t.Fatalf("targets = %v\nwant %s", got, want)
	}
}
