package eventsapi_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/switchyard/switchyard/eventbus"
)

const archiveARNPrefix = "arn:aws:events:us-east-1:000000000000:archive/"

func TestArchiveLifecycle(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	created := float64(epoch.Unix())

	out := f.ok("CreateArchive", map[string]any{
		"ArchiveName": "a", "EventSourceArn": busARN("orders"), "Description": "all orders",
		"EventPattern": orderPattern, "RetentionDays": 1,
	})
	if fmt.Sprint(out) != fmt.Sprint(map[string]any{"ArchiveArn": archiveARNPrefix + "a", "CreationTime": created, "State": "ENABLED"}) {
		t.Fatalf("CreateArchive = %v", out)
	}
	f.putEvent(map[string]any{"Source": "com.example.orders", "DetailType": "x", "Detail": "{}", "EventBusName": "orders"})
	f.putEvent(map[string]any{"Source": "other", "DetailType": "x", "Detail": "{}", "EventBusName": "orders"})
	d := f.ok("DescribeArchive", map[string]any{"ArchiveName": "a"})
	if d["ArchiveArn"] != archiveARNPrefix+"a" || d["EventSourceArn"] != busARN("orders") || d["EventCount"] != 1.0 ||
		d["SizeBytes"].(float64) <= 0 || d["Description"] != "all orders" || d["EventPattern"] != orderPattern || d["RetentionDays"] != 1.0 || d["State"] != "ENABLED" {
		t.Fatalf("DescribeArchive = %v", d)
	}

	// UpdateArchive changes what it is given and keeps the rest.
	up := f.ok("UpdateArchive", map[string]any{"ArchiveName": "a", "Description": "new"})
	if up["ArchiveArn"] != archiveARNPrefix+"a" || up["State"] != "ENABLED" {
		t.Fatalf("UpdateArchive = %v", up)
	}
	d = f.ok("DescribeArchive", map[string]any{"ArchiveName": "a"})
	if d["Description"] != "new" || d["EventPattern"] != orderPattern || d["RetentionDays"] != 1.0 || d["EventCount"] != 1.0 {
		t.Fatalf("DescribeArchive after UpdateArchive = %v", d)
	}

	f.ok("DeleteArchive", map[string]any{"ArchiveName": "a"})
	f.fails("DescribeArchive", map[string]any{"ArchiveName": "a"}, "ResourceNotFoundException", "Archive a does not exist.")
	f.fails("DeleteArchive", map[string]any{"ArchiveName": "a"}, "ResourceNotFoundException", "Archive a does not exist.")
	f.fails("UpdateArchive", map[string]any{"ArchiveName": "a"}, "ResourceNotFoundException", "Archive a does not exist.")
}

func TestCreateArchiveRefusals(t *testing.T) {
	tests := []struct {
		name      string
		in        map[string]any
		code, msg string
	}{
		{name: "name taken on another bus", in: map[string]any{"ArchiveName": "taken", "EventSourceArn": defaultBusARN},
			code: "ResourceAlreadyExistsException", msg: "Archive taken already exists."},
		{name: "missing bus", in: map[string]any{"ArchiveName": "a", "EventSourceArn": busARN("nope")},
			code: "ResourceNotFoundException", msg: "Event bus nope does not exist."},
		{name: "source not a bus ARN", in: map[string]any{"ArchiveName": "a", "EventSourceArn": "orders"},
			code: "ValidationException", msg: `1 validation error detected: Value 'orders' at 'eventSourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:.+\/.+$`},
		{name: "no name", in: map[string]any{"EventSourceArn": defaultBusARN},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'archiveName' failed to satisfy constraint: Member must not be null"},
		{name: "negative retention", in: map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN, "RetentionDays": -1},
			code: "ValidationException", msg: "1 validation error detected: Value '-1' at 'retentionDays' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{name: "invalid pattern", in: map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN, "EventPattern": `{"source":"x"}`},
			code: "InvalidEventPatternException", msg: `Event pattern is not valid. Reason: "source" must be an object or an array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.ok("CreateEventBus", map[string]any{"Name": "orders"})
			f.ok("CreateArchive", map[string]any{"ArchiveName": "taken", "EventSourceArn": busARN("orders")})
			f.fails("CreateArchive", tt.in, tt.code, tt.msg)
			if got := names(f.ok("ListArchives", map[string]any{})["Archives"], "ArchiveName"); !slices.Equal(got, []string{"taken"}) {
				t.Fatalf("archives after a refused CreateArchive: %v", got)
			}
		})
	}
}

func TestListArchives(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	for _, a := range []struct{ name, bus string }{{"b1", "orders"}, {"a1", "default"}, {"b2", "default"}, {"b3", "orders"}} {
		f.ok("CreateArchive", map[string]any{"ArchiveName": a.name, "EventSourceArn": busARN(a.bus)})
	}
	page1 := f.ok("ListArchives", map[string]any{"NamePrefix": "b", "Limit": 2})
	page2 := f.ok("ListArchives", map[string]any{"NamePrefix": "b", "Limit": 2, "NextToken": page1["NextToken"]})
	if got := append(names(page1["Archives"], "ArchiveName"), names(page2["Archives"], "ArchiveName")...); !slices.Equal(got, []string{"b1", "b2", "b3"}) {
		t.Fatalf("pages = %v, %v", page1, page2)
	}
	entry := page1["Archives"].([]any)[0].(map[string]any)
	want := map[string]any{"ArchiveName": "b1", "EventSourceArn": busARN("orders"), "State": "ENABLED", "RetentionDays": 0.0, "SizeBytes": 0.0, "EventCount": 0.0, "CreationTime": float64(epoch.Unix())}
	if fmt.Sprint(entry) != fmt.Sprint(want) {
		t.Fatalf("ListArchives entry = %v\nwant %v", entry, want)
	}
	if got := names(f.ok("ListArchives", map[string]any{"EventSourceArn": busARN("orders")})["Archives"], "ArchiveName"); !slices.Equal(got, []string{"b1", "b3"}) {
		t.Fatalf("by source = %v", got)
	}
	if got := f.ok("ListArchives", map[string]any{"State": "DISABLED"})["Archives"]; fmt.Sprint(got) != "[]" {
		t.Fatalf("DISABLED = %v", got)
	}
	f.fails("ListArchives", map[string]any{"EventSourceArn": busARN("nope")}, "ResourceNotFoundException", "Event bus nope does not exist.")
	f.fails("ListArchives", map[string]any{"State": "ON"}, "ValidationException",
		"1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, CREATING, UPDATING, CREATE_FAILED, UPDATE_FAILED]")
}

// gate is a destination that holds each delivery until the test opens
// it, and says when one arrives.
type gate struct {
	arrived chan string
	open    chan struct{}
}

func newGate() *gate { return &gate{arrived: make(chan string, 100), open: make(chan struct{})} }

func (g *gate) Send(ctx context.Context, d eventbus.Delivery) error {
	g.arrived <- string(d.Input)
	select {
	case <-g.open:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestReplay(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	f.putRule("", "other", orderPattern)
	in, other := f.function(functionARN), f.function(functionARN+"2")
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})
	f.putTargets("", "other", map[string]any{"Id": "t", "Arn": functionARN + "2"})
	f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN})
	for i := range 3 {
		f.putEvent(orderEntry(fmt.Sprintf(`{"n":%d}`, i)))
		f.clk.Advance(time.Minute)
	}
	f.flush()

	start := float64(epoch.Unix())
	end := float64(epoch.Add(2 * time.Minute).Unix()) // the first two events
	out := f.ok("StartReplay", map[string]any{
		"ReplayName": "rp", "Description": "again", "EventSourceArn": archiveARNPrefix + "a",
		"EventStartTime": start, "EventEndTime": end,
		"Destination": map[string]any{"Arn": defaultBusARN, "FilterArns": []string{"arn:aws:events:us-east-1:000000000000:rule/r"}},
	})
	now := float64(epoch.Add(3 * time.Minute).Unix())
	if fmt.Sprint(out) != fmt.Sprint(map[string]any{"ReplayArn": "arn:aws:events:us-east-1:000000000000:replay/rp", "ReplayStartTime": now, "State": "STARTING"}) {
		t.Fatalf("StartReplay = %v", out)
	}
	f.flush()

	got := in.received()[3:]
	if len(got) != 2 {
		t.Fatalf("the rule received %d replayed events, want 2: %v", len(got), got)
	}
	for i, s := range got {
		ev := decode(t, s)
		if ev["replay-name"] != "rp" || ev["detail"].(map[string]any)["n"] != float64(i) {
			t.Errorf("replayed event %d = %v", i, ev)
		}
	}
	if n := len(other.received()); n != 3 {
		t.Errorf("a rule outside FilterArns received %d events, want only the 3 first ones", n)
	}
	d := f.ok("DescribeReplay", map[string]any{"ReplayName": "rp"})
	want := map[string]any{
		"ReplayName": "rp", "ReplayArn": "arn:aws:events:us-east-1:000000000000:replay/rp", "Description": "again",
		"State": "COMPLETED", "EventSourceArn": archiveARNPrefix + "a",
		"Destination":    map[string]any{"Arn": defaultBusARN, "FilterArns": []any{"arn:aws:events:us-east-1:000000000000:rule/r"}},
		"EventStartTime": start, "EventEndTime": end, "EventLastReplayedTime": float64(epoch.Add(time.Minute).Unix()),
		"ReplayStartTime": now, "ReplayEndTime": now,
	}
	if fmt.Sprint(d) != fmt.Sprint(want) {
		t.Fatalf("DescribeReplay = %v\nwant %v", d, want)
	}
	list := f.ok("ListReplays", map[string]any{"State": "COMPLETED"})["Replays"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["ReplayArn"] != nil || list[0].(map[string]any)["ReplayName"] != "rp" {
		t.Fatalf("ListReplays = %v", list)
	}
	f.fails("CancelReplay", map[string]any{"ReplayName": "rp"}, "IllegalStatusException", "Replay rp is not in a valid state for this operation.")
	f.fails("StartReplay", map[string]any{
		"ReplayName": "rp", "EventSourceArn": archiveARNPrefix + "a", "EventStartTime": start, "EventEndTime": end,
		"Destination": map[string]any{"Arn": defaultBusARN},
	}, "ResourceAlreadyExistsException", "Replay rp already exists.")
}

func TestStartReplayRefusals(t *testing.T) {
	start, end := float64(epoch.Add(-time.Hour).Unix()), float64(epoch.Unix())
	replay := func(changes map[string]any) map[string]any {
		in := map[string]any{
			"ReplayName": "rp", "EventSourceArn": archiveARNPrefix + "a", "EventStartTime": start, "EventEndTime": end,
			"Destination": map[string]any{"Arn": defaultBusARN},
		}
		for k, v := range changes {
			if v == nil {
				delete(in, k)
			} else {
				in[k] = v
			}
		}
		return in
	}
	tests := []struct {
		name      string
		in        map[string]any
		code, msg string
	}{
		{name: "missing archive", in: replay(map[string]any{"EventSourceArn": archiveARNPrefix + "nope"}),
			code: "ValidationException", msg: "Parameter EventSourceArn is not valid. Reason: Archive nope does not exist."},
		{name: "missing bus", in: replay(map[string]any{"Destination": map[string]any{"Arn": busARN("nope")}}),
			code: "ResourceNotFoundException", msg: "Event bus nope does not exist."},
		{name: "another bus", in: replay(map[string]any{"Destination": map[string]any{"Arn": busARN("orders")}}),
			code: "ValidationException", msg: "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted."},
		{name: "end before start", in: replay(map[string]any{"EventEndTime": start}),
			code: "ValidationException", msg: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime."},
		{name: "end in the future", in: replay(map[string]any{"EventEndTime": end + 60}),
			code: "ValidationException", msg: "Parameter EventEndTime is not valid. Reason: EventEndTime cannot be in the future."},
		{name: "no destination", in: replay(map[string]any{"Destination": nil}),
			code: "ValidationException", msg: "1 validation error detected: Value null at 'destination' failed to satisfy constraint: Member must not be null"},
		{name: "no times", in: replay(map[string]any{"EventStartTime": nil, "EventEndTime": nil}),
			code: "ValidationException", msg: "2 validation errors detected: Value null at 'eventStartTime' failed to satisfy constraint: Member must not be null; Value null at 'eventEndTime' failed to satisfy constraint: Member must not be null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.ok("CreateEventBus", map[string]any{"Name": "orders"})
			f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN})
			f.fails("StartReplay", tt.in, tt.code, tt.msg)
			if got := f.ok("ListReplays", map[string]any{})["Replays"]; fmt.Sprint(got) != "[]" {
				t.Fatalf("a refused StartReplay left replays %v", got)
			}
		})
	}
}

func TestCancelReplayAndActiveLimit(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	g := newGate()
	f.register(functionARN, g)
	f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN})
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})
	f.putEvent(orderEntry(`{"n":1}`))
	f.putEvent(orderEntry(`{"n":2}`))
	<-g.arrived // a delivery is held: every replay's first event waits behind it
	f.clk.Advance(time.Minute)

	start := func(name string) error {
		_, err := f.call("StartReplay", map[string]any{
			"ReplayName": name, "EventSourceArn": archiveARNPrefix + "a",
			"EventStartTime": float64(epoch.Unix()), "EventEndTime": float64(epoch.Add(time.Minute).Unix()),
			"Destination": map[string]any{"Arn": defaultBusARN},
		})
		return err
	}
	for i := range 10 {
		if err := start(fmt.Sprint("rp", i)); err != nil {
			t.Fatal(err)
		}
	}
	checkError(t, "StartReplay", start("one-more"), "LimitExceededException", "The requested resource exceeds the maximum number allowed.")

	out := f.ok("CancelReplay", map[string]any{"ReplayName": "rp0"})
	if fmt.Sprint(out) != "map[ReplayArn:arn:aws:events:us-east-1:000000000000:replay/rp0 State:CANCELLING]" {
		t.Fatalf("CancelReplay = %v", out)
	}
	f.fails("CancelReplay", map[string]any{"ReplayName": "nope"}, "ResourceNotFoundException", "Replay nope does not exist.")
	close(g.open)
	f.flush()
	if got := f.ok("DescribeReplay", map[string]any{"ReplayName": "rp0"})["State"]; got != "CANCELLED" {
		t.Fatalf("a cancelled replay ended %v", got)
	}
	if got := f.ok("DescribeReplay", map[string]any{"ReplayName": "rp1"})["State"]; got != "COMPLETED" {
		t.Fatalf("another replay ended %v", got)
	}
	f.fails("DescribeReplay", map[string]any{"ReplayName": "nope"}, "ResourceNotFoundException", "Replay nope does not exist.")
	if err := start("one-more"); err != nil {
		t.Fatalf("once the replays ended, a new one is refused: %v", err)
	}
}
