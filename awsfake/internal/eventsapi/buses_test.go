package eventsapi_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCreateEventBus(t *testing.T) {
	tests := []struct {
		name      string
		in        map[string]any
		code, msg string
		arn       string
	}{
		{name: "custom", in: map[string]any{"Name": "orders"}, arn: busARN("orders")},
		{name: "with description and tags", in: map[string]any{"Name": "orders", "Description": "all orders", "Tags": []any{map[string]any{"Key": "team", "Value": "core"}}}, arn: busARN("orders")},
		{name: "default exists", in: map[string]any{"Name": "default"},
			code: "ResourceAlreadyExistsException", msg: "Event bus default already exists."},
		{name: "no name", in: map[string]any{},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{name: "empty name", in: map[string]any{"Name": ""},
			code: "ValidationException", msg: "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "bad characters", in: map[string]any{"Name": "a b"},
			code: "ValidationException", msg: `1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\.\-_A-Za-z0-9]+`},
		{name: "too long", in: map[string]any{"Name": strings.Repeat("a", 257)},
			code: "ValidationException", msg: "1 validation error detected: Value '" + strings.Repeat("a", 257) + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{name: "two violations", in: map[string]any{"Name": "a b", "Description": strings.Repeat("d", 513)},
			code: "ValidationException", msg: `2 validation errors detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\.\-_A-Za-z0-9]+; Value '` + strings.Repeat("d", 513) + `' at 'description' failed to satisfy constraint: Member must have length less than or equal to 512`},
		{name: "slash", in: map[string]any{"Name": "a/b"},
			code: "ValidationException", msg: "Event bus name must not contain '/'."},
		{name: "aws prefix", in: map[string]any{"Name": "aws.mine"},
			code: "ValidationException", msg: "Event bus name must not start with 'aws.'."},
		{name: "partner source", in: map[string]any{"Name": "aws.partner/x/y", "EventSourceName": "aws.partner/x/y"},
			code: "ResourceNotFoundException", msg: "Event source aws.partner/x/y does not exist."},
		{name: "tag without value", in: map[string]any{"Name": "orders", "Tags": []any{map[string]any{"Key": "k"}}},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			out, err := f.call("CreateEventBus", tt.in)
			if tt.code != "" {
				checkError(t, "CreateEventBus", err, tt.code, tt.msg)
				if got := names(f.ok("ListEventBuses", map[string]any{})["EventBuses"], "Name"); !slices.Equal(got, []string{"default"}) {
					t.Fatalf("a refused CreateEventBus left buses %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out["EventBusArn"] != tt.arn || out["Description"] != tt.in["Description"] {
				t.Fatalf("CreateEventBus = %v", out)
			}
			f.fails("CreateEventBus", tt.in, "ResourceAlreadyExistsException", "Event bus orders already exists.")
		})
	}
}

func TestDescribeEventBus(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders", "Description": "all orders"})
	created := float64(epoch.Unix())
	tests := []struct {
		name      string
		in        map[string]any
		want      map[string]any
		code, msg string
	}{
		{name: "default by omission", in: map[string]any{},
			want: map[string]any{"Name": "default", "Arn": defaultBusARN, "CreationTime": created, "LastModifiedTime": created}},
		{name: "by name", in: map[string]any{"Name": "orders"},
			want: map[string]any{"Name": "orders", "Arn": busARN("orders"), "Description": "all orders", "CreationTime": created, "LastModifiedTime": created}},
		{name: "by ARN", in: map[string]any{"Name": busARN("orders")},
			want: map[string]any{"Name": "orders", "Arn": busARN("orders"), "Description": "all orders", "CreationTime": created, "LastModifiedTime": created}},
		{name: "missing", in: map[string]any{"Name": "nope"},
			code: "ResourceNotFoundException", msg: "Event bus nope does not exist."},
		{name: "another account's", in: map[string]any{"Name": "arn:aws:events:us-east-1:111111111111:event-bus/orders"},
			code: "ResourceNotFoundException", msg: "Event bus orders does not exist."},
		{name: "malformed ARN", in: map[string]any{"Name": "arn:aws:sqs:us-east-1:000000000000:q"},
			code: "ValidationException", msg: `1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:q' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := f.call("DescribeEventBus", tt.in)
			if tt.code != "" {
				checkError(t, "DescribeEventBus", err, tt.code, tt.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(out) != fmt.Sprint(tt.want) {
				t.Fatalf("DescribeEventBus = %v\nwant %v", out, tt.want)
			}
		})
	}
}

func TestListEventBusesPagesInNameOrder(t *testing.T) {
	f := newFake(t)
	for _, name := range []string{"e", "b", "d", "a", "c", "orders"} {
		f.ok("CreateEventBus", map[string]any{"Name": name})
	}
	var got []string
	token := ""
	pages := 0
	for {
		in := map[string]any{"Limit": 3}
		if token != "" {
			in["NextToken"] = token
		}
		out := f.ok("ListEventBuses", in)
		got = append(got, names(out["EventBuses"], "Name")...)
		pages++
		next, _ := out["NextToken"].(string)
		if next == "" {
			break
		}
		token = next
	}
	if want := []string{"a", "b", "c", "d", "default", "e", "orders"}; !slices.Equal(got, want) || pages != 3 {
		t.Fatalf("pages of 3 = %v in %d pages, want %v in 3", got, pages, want)
	}
	if got := names(f.ok("ListEventBuses", map[string]any{"NamePrefix": "o"})["EventBuses"], "Name"); !slices.Equal(got, []string{"orders"}) {
		t.Fatalf("NamePrefix o = %v", got)
	}
	if got := f.ok("ListEventBuses", map[string]any{"NamePrefix": "zzz"})["EventBuses"]; fmt.Sprint(got) != "[]" {
		t.Fatalf("no match = %v, want []", got)
	}
	f.fails("ListEventBuses", map[string]any{"Limit": 0}, "ValidationException",
		"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	f.fails("ListEventBuses", map[string]any{"Limit": 101}, "ValidationException",
		"1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
	f.fails("ListEventBuses", map[string]any{"NextToken": "not-ours"}, "ValidationException", "The NextToken provided is invalid.")
}

func TestListEventBusesTokenSurvivesDeletion(t *testing.T) {
	f := newFake(t)
	for _, name := range []string{"a", "b", "c", "d"} {
		f.ok("CreateEventBus", map[string]any{"Name": name})
	}
	out := f.ok("ListEventBuses", map[string]any{"Limit": 2})
	f.ok("DeleteEventBus", map[string]any{"Name": "b"}) // the last one returned
	f.ok("DeleteEventBus", map[string]any{"Name": "c"}) // the next one
	rest := f.ok("ListEventBuses", map[string]any{"NextToken": out["NextToken"]})
	if got := names(rest["EventBuses"], "Name"); !slices.Equal(got, []string{"d", "default"}) {
		t.Fatalf("after deletions the next page is %v, want [d default]", got)
	}
}

func TestUpdateEventBus(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders", "Description": "old"})
	f.clk.Advance(time.Minute)
	out := f.ok("UpdateEventBus", map[string]any{"Name": "orders", "Description": "new"})
	if out["Arn"] != busARN("orders") || out["Name"] != "orders" || out["Description"] != "new" {
		t.Fatalf("UpdateEventBus = %v", out)
	}
	d := f.ok("DescribeEventBus", map[string]any{"Name": "orders"})
	if d["Description"] != "new" || d["LastModifiedTime"] != float64(epoch.Add(time.Minute).Unix()) || d["CreationTime"] != float64(epoch.Unix()) {
		t.Fatalf("DescribeEventBus after update = %v", d)
	}
	if out := f.ok("UpdateEventBus", map[string]any{"Description": "the default"}); out["Name"] != "default" {
		t.Fatalf("UpdateEventBus without a name = %v, want the default bus", out)
	}
	f.fails("UpdateEventBus", map[string]any{"Name": "nope", "Description": "x"}, "ResourceNotFoundException", "Event bus nope does not exist.")
}

func TestDeleteEventBus(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	f.putRule("orders", "r", orderPattern)
	f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": busARN("orders")})

	f.fails("DeleteEventBus", map[string]any{"Name": "default"}, "ValidationException", "Cannot delete event bus default.")
	f.fails("DeleteEventBus", map[string]any{}, "ValidationException",
		"1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
	f.ok("DeleteEventBus", map[string]any{"Name": "nope"}) // not an error, as in AWS
	f.ok("DeleteEventBus", map[string]any{"Name": "orders"})

	f.fails("DescribeEventBus", map[string]any{"Name": "orders"}, "ResourceNotFoundException", "Event bus orders does not exist.")
	f.fails("DescribeArchive", map[string]any{"ArchiveName": "a"}, "ResourceNotFoundException", "Archive a does not exist.")
	// The name is free again, with nothing of the old bus.
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	if rules := f.ok("ListRules", map[string]any{"EventBusName": "orders"})["Rules"]; fmt.Sprint(rules) != "[]" {
		t.Fatalf("the new bus has the old rules %v", rules)
	}
	f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": busARN("orders")})
}

func TestCustomBusQuota(t *testing.T) {
	f := newFake(t)
	for i := range 100 {
		f.ok("CreateEventBus", map[string]any{"Name": fmt.Sprint("bus", i)})
	}
	f.fails("CreateEventBus", map[string]any{"Name": "one-more"}, "LimitExceededException", "The requested resource exceeds the maximum number allowed.")
}
