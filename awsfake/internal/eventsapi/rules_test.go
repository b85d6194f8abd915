package eventsapi_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPutRule(t *testing.T) {
	tests := []struct {
		name      string
		in        map[string]any
		arn       string
		code, msg string
	}{
		{name: "default bus", in: map[string]any{"Name": "r", "EventPattern": orderPattern},
			arn: "arn:aws:events:us-east-1:000000000000:rule/r"},
		{name: "custom bus by name", in: map[string]any{"Name": "r", "EventPattern": orderPattern, "EventBusName": "orders"},
			arn: "arn:aws:events:us-east-1:000000000000:rule/orders/r"},
		{name: "custom bus by ARN", in: map[string]any{"Name": "r", "EventPattern": orderPattern, "EventBusName": busARN("orders")},
			arn: "arn:aws:events:us-east-1:000000000000:rule/orders/r"},
		{name: "schedule", in: map[string]any{"Name": "r", "ScheduleExpression": "rate(5 minutes)", "State": "DISABLED"},
			arn: "arn:aws:events:us-east-1:000000000000:rule/r"},
		{name: "no name", in: map[string]any{"EventPattern": orderPattern},
			code: "ValidationException", msg: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{name: "bad name", in: map[string]any{"Name": "r r", "EventPattern": orderPattern},
			code: "ValidationException", msg: `1 validation error detected: Value 'r r' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`},
		{name: "bad state", in: map[string]any{"Name": "r", "EventPattern": orderPattern, "State": "ON"},
			code: "ValidationException", msg: "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"},
		{name: "CloudTrail state", in: map[string]any{"Name": "r", "EventPattern": orderPattern, "State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"},
			code: "ValidationException", msg: "Parameter State is not valid. Reason: ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is not supported by Switchyard."},
		{name: "neither pattern nor schedule", in: map[string]any{"Name": "r"},
			code: "ValidationException", msg: "Parameter(s) EventPattern or ScheduleExpression must be specified."},
		{name: "invalid pattern", in: map[string]any{"Name": "r", "EventPattern": `{"source":"x"}`},
			code: "InvalidEventPatternException", msg: `Event pattern is not valid. Reason: "source" must be an object or an array`},
		{name: "pattern not JSON", in: map[string]any{"Name": "r", "EventPattern": `{`},
			code: "InvalidEventPatternException"},
		{name: "schedule on a custom bus", in: map[string]any{"Name": "r", "ScheduleExpression": "rate(1 minute)", "EventBusName": "orders"},
			code: "ValidationException", msg: "ScheduleExpression is supported only on the default event bus."},
		{name: "bad schedule", in: map[string]any{"Name": "r", "ScheduleExpression": "every minute"},
			code: "ValidationException", msg: "Parameter ScheduleExpression is not valid."},
		{name: "missing bus", in: map[string]any{"Name": "r", "EventPattern": orderPattern, "EventBusName": "nope"},
			code: "ResourceNotFoundException", msg: "Event bus nope does not exist."},
		{name: "role too long", in: map[string]any{"Name": "r", "EventPattern": orderPattern, "RoleArn": strings.Repeat("x", 1601)},
			code: "ValidationException", msg: "1 validation error detected: Value '" + strings.Repeat("x", 1601) + "' at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 1600"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.ok("CreateEventBus", map[string]any{"Name": "orders"})
			out, err := f.call("PutRule", tt.in)
			if tt.code != "" {
				checkError(t, "PutRule", err, tt.code, tt.msg)
				for _, bus := range []string{"default", "orders"} {
					if rules := f.ok("ListRules", map[string]any{"EventBusName": bus})["Rules"]; fmt.Sprint(rules) != "[]" {
						t.Fatalf("a refused PutRule left rules on %s: %v", bus, rules)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out["RuleArn"] != tt.arn {
				t.Fatalf("RuleArn = %v, want %s", out["RuleArn"], tt.arn)
			}
		})
	}
}

func TestDescribeRule(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	f.ok("PutRule", map[string]any{"Name": "r", "EventPattern": orderPattern, "Description": "orders", "RoleArn": "arn:aws:iam::000000000000:role/events", "EventBusName": "orders"})
	want := map[string]any{
		"Name": "r", "Arn": "arn:aws:events:us-east-1:000000000000:rule/orders/r",
		"EventPattern": orderPattern, "State": "ENABLED", "Description": "orders",
		"RoleArn": "arn:aws:iam::000000000000:role/events", "EventBusName": "orders", "CreatedBy": account,
	}
	if got := f.ok("DescribeRule", map[string]any{"Name": "r", "EventBusName": "orders"}); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("DescribeRule = %v\nwant %v", got, want)
	}
	f.fails("DescribeRule", map[string]any{"Name": "r"}, "ResourceNotFoundException", "Rule r does not exist on EventBus default.")
	f.fails("DescribeRule", map[string]any{"Name": "r", "EventBusName": "nope"}, "ResourceNotFoundException", "Event bus nope does not exist.")
	f.fails("DescribeRule", map[string]any{}, "ValidationException",
		"1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")

	// PutRule again replaces everything but targets and tags: a member
	// left out is cleared.
	f.ok("PutRule", map[string]any{"Name": "r", "ScheduleExpression": "rate(1 hour)", "EventBusName": "default"})
	got := f.ok("DescribeRule", map[string]any{"Name": "r"})
	if got["ScheduleExpression"] != "rate(1 hour)" || got["EventPattern"] != nil || got["RoleArn"] != nil || got["Description"] != nil {
		t.Fatalf("DescribeRule after a new PutRule = %v", got)
	}
}

func TestListRulesPagesWithPrefix(t *testing.T) {
	f := newFake(t)
	for _, name := range []string{"b2", "a1", "b1", "c1", "b3"} {
		f.putRule("", name, orderPattern)
	}
	page1 := f.ok("ListRules", map[string]any{"NamePrefix": "b", "Limit": 2})
	page2 := f.ok("ListRules", map[string]any{"NamePrefix": "b", "Limit": 2, "NextToken": page1["NextToken"]})
	got := append(names(page1["Rules"], "Name"), names(page2["Rules"], "Name")...)
	if !slices.Equal(got, []string{"b1", "b2", "b3"}) || page2["NextToken"] != nil {
		t.Fatalf("pages = %v, %v", page1, page2)
	}
	rule := page1["Rules"].([]any)[0].(map[string]any)
	want := map[string]any{"Name": "b1", "Arn": "arn:aws:events:us-east-1:000000000000:rule/b1", "EventPattern": orderPattern, "State": "ENABLED", "EventBusName": "default"}
	if fmt.Sprint(rule) != fmt.Sprint(want) {
		t.Fatalf("ListRules entry = %v\nwant %v", rule, want)
	}
	f.fails("ListRules", map[string]any{"EventBusName": "nope"}, "ResourceNotFoundException", "Event bus nope does not exist.")
}

func TestDeleteRule(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	f.function(functionARN)
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})
	// Force is for rules AWS services manage; there are none, and AWS
	// ignores it for the others.
	for _, force := range []bool{false, true} {
		f.fails("DeleteRule", map[string]any{"Name": "r", "Force": force}, "ValidationException", "Rule can't be deleted since it has targets.")
	}
	f.ok("RemoveTargets", map[string]any{"Rule": "r", "Ids": []string{"t"}})
	f.ok("DeleteRule", map[string]any{"Name": "r"})
	f.ok("DeleteRule", map[string]any{"Name": "r"}) // a missing rule is not an error
	f.fails("DescribeRule", map[string]any{"Name": "r"}, "ResourceNotFoundException", "Rule r does not exist on EventBus default.")
	f.fails("DeleteRule", map[string]any{"Name": "r", "EventBusName": "nope"}, "ResourceNotFoundException", "Event bus nope does not exist.")

	// A new rule of the same name starts without the old one's tags.
	f.ok("PutRule", map[string]any{"Name": "t", "EventPattern": orderPattern, "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}})
	f.ok("DeleteRule", map[string]any{"Name": "t"})
	f.ok("PutRule", map[string]any{"Name": "t", "EventPattern": orderPattern})
	if tags := f.ok("ListTagsForResource", map[string]any{"ResourceARN": "arn:aws:events:us-east-1:000000000000:rule/t"})["Tags"]; fmt.Sprint(tags) != "[]" {
		t.Fatalf("the new rule has the old one's tags %v", tags)
	}
}

func TestEnableDisableRule(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	in := f.function(functionARN)
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})

	f.ok("DisableRule", map[string]any{"Name": "r"})
	if got := f.ok("DescribeRule", map[string]any{"Name": "r"})["State"]; got != "DISABLED" {
		t.Fatalf("State = %v", got)
	}
	f.putEvent(orderEntry(`{"n":1}`))
	f.flush()
	if got := in.received(); len(got) != 0 {
		t.Fatalf("a disabled rule delivered %v", got)
	}
	f.ok("EnableRule", map[string]any{"Name": "r"})
	f.putEvent(orderEntry(`{"n":2}`))
	f.flush()
	if got := in.received(); len(got) != 1 || decode(t, got[0])["detail"].(map[string]any)["n"] != 2.0 {
		t.Fatalf("an enabled rule delivered %v", got)
	}
	f.fails("EnableRule", map[string]any{"Name": "nope"}, "ResourceNotFoundException", "Rule nope does not exist on EventBus default.")
	f.fails("DisableRule", map[string]any{"Name": "r", "EventBusName": "nope"}, "ResourceNotFoundException", "Event bus nope does not exist.")
}

func TestListRuleNamesByTarget(t *testing.T) {
	f := newFake(t)
	for _, name := range []string{"c", "a", "b"} {
		f.putRule("", name, orderPattern)
	}
	f.putTargets("", "a", map[string]any{"Id": "t", "Arn": functionARN})
	f.putTargets("", "c", map[string]any{"Id": "t", "Arn": functionARN}, map[string]any{"Id": "u", "Arn": queueARN})
	f.putTargets("", "b", map[string]any{"Id": "u", "Arn": queueARN})

	out := f.ok("ListRuleNamesByTarget", map[string]any{"TargetArn": functionARN, "Limit": 1})
	rest := f.ok("ListRuleNamesByTarget", map[string]any{"TargetArn": functionARN, "NextToken": out["NextToken"]})
	if fmt.Sprint(out["RuleNames"], rest["RuleNames"]) != "[a] [c]" || rest["NextToken"] != nil {
		t.Fatalf("pages = %v, %v", out, rest)
	}
	if got := f.ok("ListRuleNamesByTarget", map[string]any{"TargetArn": "arn:aws:sqs:us-east-1:000000000000:other"})["RuleNames"]; fmt.Sprint(got) != "[]" {
		t.Fatalf("no rule = %v", got)
	}
	f.fails("ListRuleNamesByTarget", map[string]any{}, "ValidationException",
		"1 validation error detected: Value null at 'targetArn' failed to satisfy constraint: Member must not be null")
}
