package eventsapi_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// The fuzz target sends arbitrary bodies to every operation of a service
// holding buses, rules, targets, tags, a policy, an archive and a
// finished replay, and checks that the service never panics, never
// answers with a fault of its own (a 5xx), always answers a JSON object
// (an error document when it refuses), and that a refused request has
// changed nothing a client can observe. Each input runs in its own
// synctest bubble, so that deliveries and replays pass in virtual time.

// fuzzOps are the operations the fuzz target calls, by index.
var fuzzOps = []string{
	"CreateEventBus", "DescribeEventBus", "ListEventBuses", "UpdateEventBus", "DeleteEventBus",
	"PutPermission", "RemovePermission",
	"PutRule", "DescribeRule", "ListRules", "DeleteRule", "EnableRule", "DisableRule",
	"PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget",
	"PutEvents", "TestEventPattern",
	"CreateArchive", "DescribeArchive", "ListArchives", "UpdateArchive", "DeleteArchive",
	"StartReplay", "DescribeReplay", "ListReplays", "CancelReplay",
	"TagResource", "UntagResource", "ListTagsForResource",
}

func opIndex(op string) uint8 {
	for i, name := range fuzzOps {
		if name == op {
			return uint8(i)
		}
	}
	panic("no operation " + op)
}

// seededFake returns a service holding one of everything. It runs inside
// a synctest bubble.
func seededFake(t *testing.T) *fake {
	f := newFakeOn(t, nil)
	f.function(functionARN)
	f.ok("CreateEventBus", map[string]any{"Name": "orders", "Description": "d", "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}})
	f.putRule("", "r", orderPattern)
	f.putRule("orders", "r", orderPattern)
	f.ok("PutRule", map[string]any{"Name": "tick", "ScheduleExpression": "rate(1 hour)", "State": "DISABLED", "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}})
	f.putTargets("", "r", map[string]any{"Id": "bus", "Arn": busARN("orders")}, map[string]any{"Id": "fn", "Arn": functionARN, "InputPath": "$.detail"})
	f.putTargets("orders", "r", map[string]any{"Id": "q", "Arn": queueARN, "DeadLetterConfig": map[string]any{"Arn": dlqARN}})
	f.ok("PutPermission", map[string]any{"EventBusName": "orders", "Action": "events:PutEvents", "Principal": "111111111111", "StatementId": "s"})
	f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN, "RetentionDays": 1})
	start := time.Now()
	f.putEvent(orderEntry(`{"n":1}`))
	time.Sleep(time.Minute)
	f.ok("StartReplay", map[string]any{"ReplayName": "rp", "EventSourceArn": archiveARNPrefix + "a",
		"EventStartTime": start.Unix(), "EventEndTime": time.Now().Unix(), "Destination": map[string]any{"Arn": defaultBusARN}})
	synctest.Wait()
	return f
}

// observable is what a client can read of the service.
func observable(f *fake) string {
	var b strings.Builder
	show := func(op string, in any) {
		out, err := f.call(op, in)
		fmt.Fprintln(&b, op, in, out, err)
	}
	show("ListEventBuses", map[string]any{})
	for _, bus := range names(f.ok("ListEventBuses", map[string]any{})["EventBuses"], "Name") {
		show("ListTagsForResource", map[string]any{"ResourceARN": busARN(bus)})
		for _, rule := range names(f.ok("ListRules", map[string]any{"EventBusName": bus})["Rules"], "Name") {
			in := map[string]any{"Name": rule, "EventBusName": bus}
			show("DescribeRule", in)
			show("ListTargetsByRule", map[string]any{"Rule": rule, "EventBusName": bus})
			arn := "arn:aws:events:us-east-1:000000000000:rule/" + bus + "/" + rule
			if bus == "default" {
				arn = "arn:aws:events:us-east-1:000000000000:rule/" + rule
			}
			show("ListTagsForResource", map[string]any{"ResourceARN": arn})
		}
	}
	for _, a := range names(f.ok("ListArchives", map[string]any{})["Archives"], "ArchiveName") {
		show("DescribeArchive", map[string]any{"ArchiveName": a})
	}
	for _, r := range names(f.ok("ListReplays", map[string]any{})["Replays"], "ReplayName") {
		show("DescribeReplay", map[string]any{"ReplayName": r})
	}
	return b.String()
}

func FuzzJSONRequest(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"CreateEventBus", `{"Name":"new","Description":"x","Tags":[{"Key":"a","Value":"b"}]}`},
		{"CreateEventBus", `{"Name":"orders"}`},
		{"CreateEventBus", `{"Name":"a/b"}`},
		{"DescribeEventBus", `{"Name":"arn:aws:events:us-east-1:000000000000:event-bus/orders"}`},
		{"ListEventBuses", `{"NamePrefix":"o","Limit":1}`},
		{"ListEventBuses", `{"NextToken":"c3dpdGNoeWFyZDpkZWZhdWx0"}`},
		{"UpdateEventBus", `{"Name":"orders","Description":"new"}`},
		{"DeleteEventBus", `{"Name":"orders"}`},
		{"DeleteEventBus", `{"Name":"default"}`},
		{"PutPermission", `{"EventBusName":"orders","Action":"events:PutEvents","Principal":"*","StatementId":"all","Condition":{"Type":"StringEquals","Key":"aws:PrincipalOrgID","Value":"o-1"}}`},
		{"PutPermission", `{"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"x\"}}"}`},
		{"RemovePermission", `{"EventBusName":"orders","StatementId":"s"}`},
		{"RemovePermission", `{"EventBusName":"orders","RemoveAllPermissions":true}`},
		{"PutRule", `{"Name":"r2","EventPattern":"{\"detail\":{\"n\":[{\"numeric\":[\">\",0]}]}}","EventBusName":"orders","RoleArn":"arn:aws:iam::000000000000:role/r"}`},
		{"PutRule", `{"Name":"r","ScheduleExpression":"cron(0 12 * * ? *)"}`},
		{"PutRule", `{"Name":"r","EventPattern":"{\"source\":[{\"wildcard\":\"**\"}]}"}`},
		{"DescribeRule", `{"Name":"r","EventBusName":"orders"}`},
		{"ListRules", `{"EventBusName":"orders","Limit":1,"NamePrefix":"r"}`},
		{"DeleteRule", `{"Name":"tick"}`},
		{"DeleteRule", `{"Name":"r"}`},
		{"EnableRule", `{"Name":"tick"}`},
		{"DisableRule", `{"Name":"r","EventBusName":"orders"}`},
		{"PutTargets", `{"Rule":"tick","Targets":[{"Id":"t","Arn":"arn:aws:sqs:us-east-1:000000000000:q.fifo","SqsParameters":{"MessageGroupId":"g"},"RetryPolicy":{"MaximumRetryAttempts":0,"MaximumEventAgeInSeconds":60},"InputTransformer":{"InputPathsMap":{"a":"$.detail"},"InputTemplate":"{\"a\":<a>}"}}]}`},
		{"PutTargets", `{"Rule":"r","Targets":[{"Id":"k","Arn":"arn:aws:kinesis:us-east-1:000000000000:stream/s","KinesisParameters":{"PartitionKeyPath":"$.id"}}]}`},
		{"PutTargets", `{"Rule":"r","Targets":[{"Id":"1","Arn":"x"},{"Id":"2","Arn":"arn:aws:s3:::b"}]}`},
		{"RemoveTargets", `{"Rule":"r","Ids":["fn","nope"]}`},
		{"ListTargetsByRule", `{"Rule":"r","Limit":1}`},
		{"ListRuleNamesByTarget", `{"TargetArn":"arn:aws:events:us-east-1:000000000000:event-bus/orders"}`},
		{"PutEvents", `{"Entries":[{"Source":"com.example.orders","DetailType":"t","Detail":"{\"n\":2}","Time":1.5e9,"Resources":["r"]},{"Source":"s","DetailType":"t","Detail":"[]","EventBusName":"nope"}]}`},
		{"PutEvents", `{"Entries":[]}`},
		{"TestEventPattern", `{"EventPattern":"{\"source\":[\"s\"]}","Event":"{\"id\":\"1\",\"account\":\"1\",\"source\":\"s\",\"time\":\"t\",\"region\":\"r\",\"detail-type\":\"d\"}"}`},
		{"CreateArchive", `{"ArchiveName":"b","EventSourceArn":"arn:aws:events:us-east-1:000000000000:event-bus/orders","EventPattern":"{\"source\":[\"x\"]}"}`},
		{"CreateArchive", `{"ArchiveName":"a","EventSourceArn":"arn:aws:events:us-east-1:000000000000:event-bus/default"}`},
		{"DescribeArchive", `{"ArchiveName":"a"}`},
		{"ListArchives", `{"State":"ENABLED","EventSourceArn":"arn:aws:events:us-east-1:000000000000:event-bus/default"}`},
		{"UpdateArchive", `{"ArchiveName":"a","RetentionDays":0,"EventPattern":"{\"source\":[\"y\"]}"}`},
		{"DeleteArchive", `{"ArchiveName":"a"}`},
		{"StartReplay", `{"ReplayName":"rp2","EventSourceArn":"arn:aws:events:us-east-1:000000000000:archive/a","EventStartTime":946684800,"EventEndTime":946684830,"Destination":{"Arn":"arn:aws:events:us-east-1:000000000000:event-bus/default","FilterArns":["arn:aws:events:us-east-1:000000000000:rule/r"]}}`},
		{"DescribeReplay", `{"ReplayName":"rp"}`},
		{"ListReplays", `{"State":"COMPLETED"}`},
		{"CancelReplay", `{"ReplayName":"rp"}`},
		{"TagResource", `{"ResourceARN":"arn:aws:events:us-east-1:000000000000:rule/orders/r","Tags":[{"Key":"a","Value":""}]}`},
		{"UntagResource", `{"ResourceARN":"arn:aws:events:us-east-1:000000000000:event-bus/orders","TagKeys":["k"]}`},
		{"ListTagsForResource", `{"ResourceARN":"arn:aws:events:us-east-1:000000000000:rule/tick"}`},
		{"PutRule", `{"Name":1}`},
		{"PutEvents", `{"Entries":[{"Time":"x"}]}`},
		{"ListRules", `{"Limit":-1}`},
		{"DescribeEventBus", `[`},
		{"PutTargets", ``},
	}
	for _, s := range seeds {
		f.Add(opIndex(s.op), []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		synctest.Test(t, func(t *testing.T) {
			fk := seededFake(t)
			operation := fuzzOps[int(op)%len(fuzzOps)]
			before := observable(fk)
			w := serve(fk.svc, operation, string(body))
			if w.Code >= 500 {
				t.Fatalf("%s %q: the service failed: %d %s", operation, body, w.Code, w.Body)
			}
			var reply map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &reply); err != nil {
				t.Fatalf("%s %q: the reply %q is not a JSON object", operation, body, w.Body)
			}
			if w.Code == 200 {
				return
			}
			if reply["__type"] == nil {
				t.Fatalf("%s %q: error reply without __type: %s", operation, body, w.Body)
			}
			synctest.Wait()
			if after := observable(fk); after != before {
				t.Fatalf("%s %q was refused (%s) but changed the service:\nbefore:\n%s\nafter:\n%s", operation, body, w.Body, before, after)
			}
		})
	})
}
