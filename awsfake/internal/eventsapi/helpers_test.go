package eventsapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/queue"
)

// Shared helpers: a service on a manual clock with destinations of the
// test's own, and calls that go through Call as a JSON request body.

const (
	account = "000000000000"
	region  = "us-east-1"
)

var epoch = time.Date(2025, time.March, 4, 5, 6, 7, 0, time.UTC)

// ARNs the tests use.
const (
	defaultBusARN = "arn:aws:events:us-east-1:000000000000:event-bus/default"
	functionARN   = "arn:aws:lambda:us-east-1:000000000000:function:f"
	queueARN      = "arn:aws:sqs:us-east-1:000000000000:q"
	dlqARN        = "arn:aws:sqs:us-east-1:000000000000:dlq"
)

func busARN(name string) string { return "arn:aws:events:us-east-1:000000000000:event-bus/" + name }

// fake is a service under test with its clock, and the destinations its
// targets resolve to.
type fake struct {
	t   testing.TB
	svc *eventsapi.Service
	clk *clock.Manual // nil when the service runs on the system clock

	mu           sync.Mutex
	destinations map[string]eventbus.Destination // by ARN
	deadLetters  map[string]*queue.Queue[string] // by ARN
	resolved     []resolution                    // every call of Config.Destination
}

// resolution is one call of Config.Destination.
type resolution struct {
	arn    string
	params eventsapi.TargetParameters
}

// newFake returns a service on a manual clock showing epoch.
func newFake(t testing.TB) *fake {
	clk := clock.NewManual(epoch)
	f := newFakeOn(t, clk)
	f.clk = clk
	return f
}

// newFakeOn returns a service on clk (nil: the system clock, which inside a
// synctest bubble is the bubble's).
func newFakeOn(t testing.TB, clk clock.Clock) *fake {
	f := &fake{t: t, destinations: map[string]eventbus.Destination{}, deadLetters: map[string]*queue.Queue[string]{}}
	f.svc = eventsapi.New(eventsapi.Config{
		Region: region, Account: account, Clock: clk,
		Destination: f.destination,
		DeadLetter:  f.deadLetter,
	})
	t.Cleanup(f.svc.Reset)
	return f
}

// destination resolves ARNs as the account's resolver would: the
// registered ones, ValidationException for a service that cannot be a
// target, ResourceNotFoundException for the rest.
func (f *fake) destination(arn string, p eventsapi.TargetParameters) (eventbus.Destination, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.resolved = append(f.resolved, resolution{arn, p})
	if strings.HasPrefix(arn, "arn:aws:s3:") {
		return nil, eventbus.ErrValidation.WithMessage("s3 is not a supported service for a target.")
	}
	if d, ok := f.destinations[arn]; ok {
		return d, nil
	}
	return nil, eventbus.ErrResourceNotFound.Errorf("%s does not exist.", arn)
}

func (f *fake) deadLetter(arn string) (eventbus.DeadLetter, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q, ok := f.deadLetters[arn]
	if !ok {
		return nil, false
	}
	return eventbus.DeadLetterTo(q), true
}

// register makes arn resolve to d.
func (f *fake) register(arn string, d eventbus.Destination) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.destinations[arn] = d
}

// inbox is a destination that keeps what it receives.
type inbox struct {
	mu     sync.Mutex
	inputs []string
	fail   error // returned by every Send when set
}

func (b *inbox) Send(_ context.Context, d eventbus.Delivery) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail != nil {
		return b.fail
	}
	b.inputs = append(b.inputs, string(d.Input))
	return nil
}

func (b *inbox) received() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.inputs...)
}

// function registers an inbox at arn.
func (f *fake) function(arn string) *inbox {
	b := &inbox{}
	f.register(arn, b)
	return b
}

// call runs op with in (marshalled to JSON, or sent as it is when it is
// a string) and decodes the reply.
func (f *fake) call(op string, in any) (map[string]any, error) {
	f.t.Helper()
	body, ok := in.(string)
	if !ok {
		b, err := json.Marshal(in)
		if err != nil {
			f.t.Fatalf("%s: marshal input: %v", op, err)
		}
		body = string(b)
	}
	out, err := f.svc.Call(context.Background(), op, []byte(body))
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		f.t.Fatalf("%s: reply %q is not a JSON object: %v", op, out, err)
	}
	return m, nil
}

// ok runs op and fails the test unless it succeeds.
func (f *fake) ok(op string, in any) map[string]any {
	f.t.Helper()
	out, err := f.call(op, in)
	if err != nil {
		f.t.Fatalf("%s %v: %v", op, in, err)
	}
	return out
}

// fails runs op and checks that it fails with code and, unless msg is
// empty, with that message.
func (f *fake) fails(op string, in any, code, msg string) {
	f.t.Helper()
	_, err := f.call(op, in)
	checkError(f.t, op, err, code, msg)
}

func checkError(t testing.TB, what string, err error, code, msg string) {
	t.Helper()
	var ae *awserr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("%s: err = %v, want %s", what, err, code)
	}
	if ae.Code != code || (msg != "" && ae.Message != msg) {
		t.Fatalf("%s: err = %s: %s\nwant      %s: %s", what, ae.Code, ae.Message, code, msg)
	}
}

// bus returns the engine's bus called name.
func (f *fake) bus(name string) *eventbus.Bus {
	f.t.Helper()
	b, ok := f.svc.BusByARN(busARN(name))
	if !ok {
		f.t.Fatalf("no bus %s", name)
	}
	return b
}

// flush waits until every bus has delivered what it has accepted.
func (f *fake) flush() {
	f.t.Helper()
	for _, b := range f.ok("ListEventBuses", map[string]any{})["EventBuses"].([]any) {
		name := b.(map[string]any)["Name"].(string)
		if err := f.bus(name).Flush(context.Background()); err != nil {
			f.t.Fatalf("Flush %s: %v", name, err)
		}
	}
}

// putRule puts a rule with a pattern on a bus ("" for the default).
func (f *fake) putRule(bus, name, pattern string) string {
	f.t.Helper()
	in := map[string]any{"Name": name, "EventPattern": pattern}
	if bus != "" {
		in["EventBusName"] = bus
	}
	return f.ok("PutRule", in)["RuleArn"].(string)
}

// putTargets puts targets on a rule of a bus ("" for the default).
func (f *fake) putTargets(bus, rule string, targets ...map[string]any) {
	f.t.Helper()
	in := map[string]any{"Rule": rule, "Targets": targets}
	if bus != "" {
		in["EventBusName"] = bus
	}
	out := f.ok("PutTargets", in)
	if out["FailedEntryCount"] != 0.0 {
		f.t.Fatalf("PutTargets: %v", out)
	}
}

// putEvent puts one event and returns its id.
func (f *fake) putEvent(entry map[string]any) string {
	f.t.Helper()
	out := f.ok("PutEvents", map[string]any{"Entries": []any{entry}})
	e := out["Entries"].([]any)[0].(map[string]any)
	id, _ := e["EventId"].(string)
	if id == "" {
		f.t.Fatalf("PutEvents %v: %v", entry, out)
	}
	return id
}

// orderEntry is an event entry the tests' patterns match.
func orderEntry(detail string) map[string]any {
	return map[string]any{"Source": "com.example.orders", "DetailType": "Order Placed", "Detail": detail}
}

const orderPattern = `{"source":["com.example.orders"]}`

// decode parses a JSON document a target received.
func decode(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("%q is not a JSON object: %v", s, err)
	}
	return m
}

// names returns the values of key in a list of objects.
func names(list any, key string) []string {
	var out []string
	for _, item := range list.([]any) {
		out = append(out, item.(map[string]any)[key].(string))
	}
	return out
}
