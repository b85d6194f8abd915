package eventbus_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

func TestPutEventsEnvelope(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start.Add(1500 * time.Millisecond))
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk), eventbus.WithAccount("eu-west-1", "111122223333"))
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "all", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "t", Destination: rec.dest()})
	res := put(t, b, eventbus.Entry{
		Source: "com.example.orders", DetailType: "Order Placed",
		Detail:    "{\n  \"id\": 7, \"total\": 1.50 }",
		Resources: []string{"arn:aws:s3:::bucket"},
	})
	flush(t, b)
	if res.FailedEntryCount != 0 || len(res.Entries) != 1 {
		t.Fatalf("result = %+v", res)
	}
	id := res.Entries[0].EventID
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Errorf("event id %q is not a version-4 uuid", id)
	}
	got := rec.inputs()
	want := `{"version":"0","id":"` + id + `","detail-type":"Order Placed","source":"com.example.orders","account":"111122223333","time":"2026-03-01T00:00:01Z","region":"eu-west-1","resources":["arn:aws:s3:::bucket"],"detail":{"id":7,"total":1.50}}`
	if len(got) != 1 || got[0] != want {
		t.Fatalf("target got %q,\nwant %q", got, want)
	}
	ev := rec.deliveries()[0].Event
	if ev.ID != id || ev.Source != "com.example.orders" || !ev.Time.Equal(start.Add(time.Second)) {
		t.Errorf("Event = %+v", ev)
	}
}

func TestPutEventsEntryTime(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"time":[{"prefix":"2020-"}]}`},
		eventbus.Target{ID: "t", Destination: rec.dest()})
	e := order(`{}`)
	e.Time = time.Date(2020, 5, 6, 7, 8, 9, 999, time.FixedZone("x", 3600))
	put(t, b, e)
	flush(t, b)
	if got := rec.inputs(); len(got) != 1 || !strings.Contains(got[0], `"time":"2020-05-06T06:08:09Z"`) {
		t.Fatalf("got %q, want the entry's time in UTC to the second", got)
	}
}

func TestPutEventsEntryFailures(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	tests := []struct {
		name    string
		entry   eventbus.Entry
		code    string
		message string
	}{
		{"no source", eventbus.Entry{DetailType: "x", Detail: "{}"}, "InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."},
		{"no detail type", eventbus.Entry{Source: "s", Detail: "{}"}, "InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument."},
		{"no detail", eventbus.Entry{Source: "s", DetailType: "x"}, "InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument."},
		{"detail not JSON", eventbus.Entry{Source: "s", DetailType: "x", Detail: "{"}, "MalformedDetail", "Detail is malformed."},
		{"detail an array", eventbus.Entry{Source: "s", DetailType: "x", Detail: "[1]"}, "MalformedDetail", "Detail is malformed."},
		{"detail a string", eventbus.Entry{Source: "s", DetailType: "x", Detail: `"x"`}, "MalformedDetail", "Detail is malformed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := put(t, b, order(`{"ok":true}`), tt.entry)
			if res.FailedEntryCount != 1 {
				t.Fatalf("FailedEntryCount = %d, want 1", res.FailedEntryCount)
			}
			if res.Entries[0].EventID == "" || res.Entries[0].ErrorCode != "" {
				t.Errorf("the valid entry's result = %+v", res.Entries[0])
			}
			if r := res.Entries[1]; r.EventID != "" || r.ErrorCode != tt.code || r.ErrorMessage != tt.message {
				t.Errorf("result = %+v, want %s %q", r, tt.code, tt.message)
			}
		})
	}
}

func TestPutEventsRequestLimits(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":[{"exists":true}]}`}, eventbus.Target{ID: "t", Destination: rec.dest()})

	_, err := b.PutEvents()
	wantCode(t, err, eventbus.ErrValidation, "Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1")

	eleven := make([]eventbus.Entry, 11)
	for i := range eleven {
		eleven[i] = order(`{}`)
	}
	_, err = b.PutEvents(eleven...)
	wantCode(t, err, eventbus.ErrValidation, "at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10")

	// 256 KiB counts source, detail type, detail and resources.
	big := order(`{"p":"` + strings.Repeat("x", 256*1024-len(`{"p":""}`)-len("com.example.ordersOrder Placed")) + `"}`)
	if _, err := b.PutEvents(big); err != nil {
		t.Fatalf("an entry of exactly 256 KiB: %v", err)
	}
	big.Resources = []string{"r"}
	_, err = b.PutEvents(big)
	wantCode(t, err, eventbus.ErrValidation, "Total size of the entries in the request is over the limit.")
	big.Resources, big.Time = nil, start
	_, err = b.PutEvents(big)
	wantCode(t, err, eventbus.ErrValidation, "Total size of the entries in the request is over the limit.")

	flush(t, b)
	if n := len(rec.inputs()); n != 1 {
		t.Errorf("target got %d events, want only the accepted one", n)
	}
}

func TestNewValidation(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		cfg eventbus.Config
		msg string
	}{
		{eventbus.Config{Name: "bad name"}, `Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\.\-_A-Za-z0-9]+`},
		{eventbus.Config{Name: strings.Repeat("a", 257)}, "Member must have length less than or equal to 256"},
		{eventbus.Config{Name: "ok", Description: strings.Repeat("d", 513)}, "at 'description' failed to satisfy constraint: Member must have length less than or equal to 512"},
	} {
		_, err := eventbus.New(tt.cfg)
		wantCode(t, err, eventbus.ErrValidation, tt.msg)
	}
	b, err := eventbus.New(eventbus.Config{}, eventbus.WithAccount("ap-south-1", "999988887777"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Name() != "default" || b.ARN() != "arn:aws:events:ap-south-1:999988887777:event-bus/default" {
		t.Errorf("default bus: %s %s", b.Name(), b.ARN())
	}
}

func TestClosedBus(t *testing.T) {
	t.Parallel()
	b, err := eventbus.New(eventbus.Config{Name: "orders"})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, err = b.PutEvents(order(`{}`))
	wantCode(t, err, eventbus.ErrResourceNotFound, "Event bus orders does not exist.")
	_, err = b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"a":[1]}`})
	wantCode(t, err, eventbus.ErrResourceNotFound, "Event bus orders does not exist.")
	if err := b.Close(t.Context()); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
