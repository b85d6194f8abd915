package eventsapi_test

import (
	"testing"
)

func TestPermissions(t *testing.T) {
	f := newFake(t)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	policy := func() string {
		p, _ := f.ok("DescribeEventBus", map[string]any{"Name": "orders"})["Policy"].(string)
		return p
	}
	f.ok("PutPermission", map[string]any{"EventBusName": "orders", "Action": "events:PutEvents", "Principal": "111111111111", "StatementId": "one"})
	f.ok("PutPermission", map[string]any{"EventBusName": "orders", "Action": "events:PutEvents", "Principal": "*", "StatementId": "org",
		"Condition": map[string]any{"Type": "StringEquals", "Key": "aws:PrincipalOrgID", "Value": "o-1234"}})
	want := `{"Statement":[` +
		`{"Action":"events:PutEvents","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Resource":"` + busARN("orders") + `","Sid":"one"},` +
		`{"Action":"events:PutEvents","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1234"}},"Effect":"Allow","Principal":"*","Resource":"` + busARN("orders") + `","Sid":"org"}` +
		`],"Version":"2012-10-17"}`
	if got := policy(); got != want {
		t.Fatalf("policy = %s\nwant %s", got, want)
	}
	// The same Sid replaces its statement.
	f.ok("PutPermission", map[string]any{"EventBusName": "orders", "Action": "events:PutEvents", "Principal": "222222222222", "StatementId": "one"})
	f.ok("RemovePermission", map[string]any{"EventBusName": "orders", "StatementId": "org"})
	want = `{"Statement":[{"Action":"events:PutEvents","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Resource":"` + busARN("orders") + `","Sid":"one"}],"Version":"2012-10-17"}`
	if got := policy(); got != want {
		t.Fatalf("policy = %s\nwant %s", got, want)
	}
	f.fails("RemovePermission", map[string]any{"EventBusName": "orders", "StatementId": "org"}, "ResourceNotFoundException", "Statement with the provided id does not exist.")
	f.ok("RemovePermission", map[string]any{"EventBusName": "orders", "StatementId": "one"})
	if got := policy(); got != "" {
		t.Fatalf("policy after removing every statement = %q", got)
	}

	// A whole policy is kept as given, and its statements can be removed.
	whole := `{"Version":"2012-10-17","Statement":[{"Sid":"list","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"events:ListRules","Resource":"*"}]}`
	f.ok("PutPermission", map[string]any{"EventBusName": "orders", "Policy": whole})
	if got := policy(); got != `{"Statement":[{"Action":"events:ListRules","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Resource":"*","Sid":"list"}],"Version":"2012-10-17"}` {
		t.Fatalf("whole policy = %s", got)
	}
	f.ok("RemovePermission", map[string]any{"EventBusName": "orders", "RemoveAllPermissions": true})
	if got := policy(); got != "" {
		t.Fatalf("policy after RemoveAllPermissions = %q", got)
	}
}

func TestPermissionErrors(t *testing.T) {
	f := newFake(t)
	tests := []struct {
		name, op  string
		in        map[string]any
		code, msg string
	}{
		{"missing bus", "PutPermission", map[string]any{"EventBusName": "nope", "Action": "events:PutEvents", "Principal": "*", "StatementId": "s"},
			"ResourceNotFoundException", "Event bus nope does not exist."},
		{"bad principal", "PutPermission", map[string]any{"Action": "events:PutEvents", "Principal": "someone", "StatementId": "s"},
			"ValidationException", `1 validation error detected: Value 'someone' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\d{12}|\*)`},
		{"other action", "PutPermission", map[string]any{"Action": "events:PutRule", "Principal": "*", "StatementId": "s"},
			"ValidationException", "Provided value in parameter 'action' is not supported."},
		{"nothing to put", "PutPermission", map[string]any{},
			"ValidationException", "Parameter(s) Action, Principal and StatementId or Policy must be specified."},
		{"policy not JSON", "PutPermission", map[string]any{"Policy": "{"},
			"ValidationException", "This policy contains invalid Json"},
		{"nothing to remove", "RemovePermission", map[string]any{},
			"ValidationException", "Parameter(s) StatementId or RemoveAllPermissions must be specified."},
		{"no such statement", "RemovePermission", map[string]any{"StatementId": "s"},
			"ResourceNotFoundException", "Statement with the provided id does not exist."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.fails(tt.op, tt.in, tt.code, tt.msg)
			if p := f.ok("DescribeEventBus", map[string]any{})["Policy"]; p != nil {
				t.Fatalf("a refused request left the policy %v", p)
			}
		})
	}
}
