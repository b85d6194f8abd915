package eventsapi_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestPutEventsEntryResults(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	f.putRule("", "r", orderPattern)
	f.putRule("orders", "r", orderPattern)
	onDefault, onOrders := f.function(functionARN+"d"), f.function(functionARN+"o")
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN + "d"})
	f.putTargets("orders", "r", map[string]any{"Id": "t", "Arn": functionARN + "o"})

	entry := func(bus string, fields ...string) map[string]any {
		e := orderEntry(`{"bus":"` + bus + `"}`)
		if bus != "" {
			e["EventBusName"] = bus
		}
		for i := 0; i < len(fields); i += 2 {
			if fields[i+1] == "" {
				delete(e, fields[i])
			} else {
				e[fields[i]] = fields[i+1]
			}
		}
		return e
	}
	out := f.ok("PutEvents", map[string]any{"Entries": []any{
		entry(""),
		entry("orders", "Source", ""),
		entry(busARN("orders")),
		entry("orders", "DetailType", ""),
		entry("", "Detail", ""),
		entry("", "Detail", "[1]"),
		entry("nope"), // a bus the account does not have: accepted, dropped
		entry("arn:aws:events:us-east-1:111111111111:event-bus/orders"), // another account's
		entry("nope", "Detail", "{"),
	}})
	want := []string{
		"event",
		"InvalidArgument: Parameter Source is not valid. Reason: Source is a required argument.",
		"event",
		"InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required argument.",
		"InvalidArgument: Parameter Detail is not valid. Reason: Detail is a required argument.",
		"MalformedDetail: Detail is malformed.",
		"event",
		"event",
		"MalformedDetail: Detail is malformed.",
	}
	results := out["Entries"].([]any)
	if len(results) != len(want) || out["FailedEntryCount"] != 5.0 {
		t.Fatalf("PutEvents = %v", out)
	}
	ids := map[string]bool{}
	for i, r := range results {
		r := r.(map[string]any)
		got := "event"
		if r["ErrorCode"] != nil {
			got = fmt.Sprint(r["ErrorCode"], ": ", r["ErrorMessage"])
		} else if id, _ := r["EventId"].(string); len(id) != 36 || ids[id] {
			t.Errorf("entry %d: EventId %q is not a new UUID", i+1, id)
		} else {
			ids[id] = true
		}
		if got != want[i] {
			t.Errorf("entry %d = %s, want %s", i+1, got, want[i])
		}
	}
	f.flush()
	if got := onDefault.received(); len(got) != 1 || decode(t, got[0])["id"] != results[0].(map[string]any)["EventId"] {
		t.Errorf("the default bus delivered %v", got)
	}
	if got := onOrders.received(); len(got) != 1 || decode(t, got[0])["id"] != results[2].(map[string]any)["EventId"] {
		t.Errorf("the orders bus delivered %v", got)
	}
}

func TestPutEventsRequestLimits(t *testing.T) {
	f := newFake(t)
	var eleven []any
	for range 11 {
		eleven = append(eleven, map[string]any{"Source": "s", "DetailType": "t", "Detail": `{"a": 1}`})
	}
	one := "PutEventsRequestEntry(time=null, source=s, resources=null, detailType=t, detail={\"a\": 1}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)"
	f.fails("PutEvents", map[string]any{"Entries": eleven}, "ValidationException",
		"1 validation error detected: Value '["+strings.TrimSuffix(strings.Repeat(one+", ", 11), ", ")+"]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10")
	f.fails("PutEvents", map[string]any{"Entries": []any{}}, "ValidationException",
		"1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1")
	f.fails("PutEvents", map[string]any{}, "ValidationException",
		"1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null")

	// 256 KiB in all, across the buses the entries name.
	big := `{"x":"` + strings.Repeat("x", 130*1024) + `"}`
	f.fails("PutEvents", map[string]any{"Entries": []any{
		map[string]any{"Source": "s", "DetailType": "t", "Detail": big},
		map[string]any{"Source": "s", "DetailType": "t", "Detail": big, "EventBusName": "elsewhere"},
	}}, "ValidationException", "Total size of the entries in the request is over the limit.")

	f.fails("PutEvents", map[string]any{"Entries": []any{map[string]any{"Source": "s", "DetailType": "t", "Detail": "{}", "EventBusName": "a/b"}}},
		"ValidationException", `1 validation error detected: Value 'a/b' at 'entries.1.member.eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[\.\-_A-Za-z0-9]+`)
}

func TestPutEventsEnvelope(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	in := f.function(functionARN)
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})
	id := f.putEvent(map[string]any{
		"Source": "com.example.orders", "DetailType": "Order Placed", "Detail": `{ "id": 1 }`,
		"Time": 1700000000.75, "Resources": []string{"arn:aws:s3:::b"}, "TraceHeader": "Root=1-2-3",
	})
	f.putEvent(orderEntry(`{"id":2}`)) // no time: the bus's
	f.flush()
	got := in.received()
	if len(got) != 2 {
		t.Fatalf("received %v", got)
	}
	want := `{"version":"0","id":"` + id + `","detail-type":"Order Placed","source":"com.example.orders","account":"000000000000","time":"2023-11-14T22:13:20Z","region":"us-east-1","resources":["arn:aws:s3:::b"],"detail":{"id":1}}`
	if got[0] != want && got[1] != want {
		t.Fatalf("received %v\nwant %s", got, want)
	}
	if !strings.Contains(got[0]+got[1], `"time":"2025-03-04T05:06:07Z"`) {
		t.Fatalf("an event without a time has the bus's: %v", got)
	}
	f.fails("PutEvents", `{"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Time":"yesterday"}]}`, "SerializationException",
		"Failed to deserialize the value of member Entries.Time: unexpected JSON string.")
	f.fails("PutEvents", `{"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Time":1e12}]}`, "SerializationException",
		"Failed to deserialize the value of member Entries.Time: unexpected JSON number.")
}

// Entries for a bus the account does not have are checked as the bus
// would check them, then dropped.
func TestPutEventsToMissingBusChecksEntries(t *testing.T) {
	f := newFake(t)
	entry := func(source, detailType, detail string) map[string]any {
		return map[string]any{"Source": source, "DetailType": detailType, "Detail": detail, "EventBusName": "nope"}
	}
	out := f.ok("PutEvents", map[string]any{"Entries": []any{
		entry("", "t", "{}"), entry("s", "", "{}"), entry("s", "t", ""), entry("s", "t", "1"), entry("s", "t", "{}"),
	}})
	var got []string
	for _, r := range out["Entries"].([]any) {
		r := r.(map[string]any)
		if id, ok := r["EventId"].(string); ok && len(id) == 36 {
			got = append(got, "event")
			continue
		}
		got = append(got, fmt.Sprint(r["ErrorCode"], ": ", r["ErrorMessage"]))
	}
	want := []string{
		"InvalidArgument: Parameter Source is not valid. Reason: Source is a required argument.",
		"InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required argument.",
		"InvalidArgument: Parameter Detail is not valid. Reason: Detail is a required argument.",
		"MalformedDetail: Detail is malformed.",
		"event",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || out["FailedEntryCount"] != 4.0 {
		t.Fatalf("PutEvents = %q (%v failed)\nwant %q", got, out["FailedEntryCount"], want)
	}
}

// A rule on the default bus sends events to a second bus, whose rule
// sends them to a function: the event reaches it unchanged.
func TestBusToBusDelivery(t *testing.T) {
	f := newFake(t)
	in := f.function(functionARN)
	f.ok("CreateEventBus", map[string]any{"Name": "second"})
	f.putRule("", "forward", orderPattern)
	f.putTargets("", "forward", map[string]any{"Id": "bus", "Arn": busARN("second"), "RoleArn": "arn:aws:iam::000000000000:role/r"})
	f.putRule("second", "handle", `{"detail-type":["Order Placed"]}`)
	f.putTargets("second", "handle", map[string]any{"Id": "fn", "Arn": functionARN})

	id := f.putEvent(orderEntry(`{"id":1}`))
	f.flush()
	got := in.received()
	if len(got) != 1 {
		t.Fatalf("the function received %v", got)
	}
	if ev := decode(t, got[0]); ev["id"] != id || ev["source"] != "com.example.orders" {
		t.Fatalf("the function received %v, want event %s unchanged", ev, id)
	}
	if got := f.ok("ListRuleNamesByTarget", map[string]any{"TargetArn": busARN("second")})["RuleNames"]; fmt.Sprint(got) != "[forward]" {
		t.Fatalf("ListRuleNamesByTarget(bus) = %v", got)
	}

	// Once the second bus is gone, deliveries to it fail for good.
	f.ok("RemoveTargets", map[string]any{"Rule": "handle", "EventBusName": "second", "Ids": []string{"fn"}})
	f.ok("DeleteRule", map[string]any{"Name": "handle", "EventBusName": "second"})
	f.ok("DeleteEventBus", map[string]any{"Name": "second"})
	f.putEvent(orderEntry(`{"id":2}`))
	f.flush()
	if s := f.bus("default").Stats(); s.FailedInvocations != 1 || s.Retries != 0 || s.Dropped != 1 {
		t.Fatalf("stats after the target bus was deleted = %+v; want one failed, not retried, dropped delivery", s)
	}
}

func TestTestEventPattern(t *testing.T) {
	f := newFake(t)
	event := `{"id":"1","account":"000000000000","source":"com.example.orders","time":"2025-03-04T05:06:07Z","region":"us-east-1","detail-type":"Order Placed","resources":[],"detail":{"total":30}}`
	tests := []struct {
		name, pattern, event string
		result               bool
		code, msg            string
	}{
		{name: "match", pattern: `{"detail":{"total":[{"numeric":[">",20]}]}}`, event: event, result: true},
		{name: "no match", pattern: `{"detail":{"total":[{"numeric":["<",20]}]}}`, event: event, result: false},
		{name: "invalid pattern", pattern: `{"detail":{"total":[{"numeric":[">"]}]}}`, event: event, code: "InvalidEventPatternException"},
		{name: "event without a source", pattern: orderPattern, event: `{"id":"1"}`, code: "ValidationException", msg: "Parameter Event is not valid."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := f.call("TestEventPattern", map[string]any{"EventPattern": tt.pattern, "Event": tt.event})
			if tt.code != "" {
				checkError(t, "TestEventPattern", err, tt.code, tt.msg)
				return
			}
			if err != nil || out["Result"] != tt.result {
				t.Fatalf("TestEventPattern = %v, %v; want %v", out, err, tt.result)
			}
		})
	}
	f.fails("TestEventPattern", map[string]any{}, "ValidationException",
		"2 validation errors detected: Value null at 'eventPattern' failed to satisfy constraint: Member must not be null; Value null at 'event' failed to satisfy constraint: Member must not be null")
}
