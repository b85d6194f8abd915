package sdktest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"
)

// EventBridge through the real eventbridge client: every operation with
// its errors, and deliveries seen end to end — to a queue, from bus to bus
// to a registered function, from an archive's replay, and from a
// scheduled rule on the bubble's clock.

// ebEnv is an account with an EventBridge client pointed at it.
type ebEnv struct {
	*env
	EB *eventbridge.Client
}

// ebTransports are the ways the EventBridge tests reach the fake: the
// in-memory client in a synctest bubble, and a loopback socket to the
// emulator.
var ebTransports = []struct {
	name string
	run  func(t *testing.T, f func(t *testing.T, e *ebEnv))
}{
	{"inmemory", ebInMemory},
	{"loopback", func(t *testing.T, f func(t *testing.T, e *ebEnv)) {
		s := loopback(t)
		f(t, &ebEnv{env: s.env, EB: newEventBridge(s.URL, s.client)})
	}},
}

// ebInMemory runs f in a synctest bubble against a new account reached
// without a socket.
func ebInMemory(t *testing.T, f func(t *testing.T, e *ebEnv)) {
	inMemory(t, func(t *testing.T, e *env) {
		// Rules, schedules and replays go with the account, inside the
		// bubble.
		t.Cleanup(e.Account.Reset)
		f(t, &ebEnv{env: e, EB: newEventBridge(placeholderEndpoint, e.Account.HTTPClient())})
	})
}

// ebBusARN is the ARN of the bus called name in the test account.
func ebBusARN(name string) string {
	return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name
}

// ebCheck fails the test when a call failed.
func ebCheck(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

const ebOrderPattern = `{"source":["com.example.orders"]}`

func ebOrder(detail string) ebtypes.PutEventsRequestEntry {
	return ebtypes.PutEventsRequestEntry{Source: aws.String("com.example.orders"), DetailType: aws.String("Order Placed"), Detail: aws.String(detail)}
}

func TestEventBridgeBuses(t *testing.T) {
	for _, tr := range ebTransports {
		t.Run(tr.name, func(t *testing.T) {
			tr.run(t, func(t *testing.T, e *ebEnv) {
				ctx := t.Context()
				for _, name := range []string{"orders", "billing", "audit"} {
					out, err := e.EB.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: aws.String(name), Description: aws.String(name + " events"),
						Tags: []ebtypes.Tag{{Key: aws.String("team"), Value: aws.String("core")}}})
					ebCheck(t, "CreateEventBus", err)
					if aws.ToString(out.EventBusArn) != ebBusARN(name) || aws.ToString(out.Description) != name+" events" {
						t.Fatalf("CreateEventBus = %+v", out)
					}
				}
				_, err := e.EB.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: aws.String("orders")})
				if wantAs[*ebtypes.ResourceAlreadyExistsException](t, "CreateEventBus again", err) {
					wantError(t, "CreateEventBus again", err, "ResourceAlreadyExistsException", "Event bus orders already exists.")
				}

				d, err := e.EB.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{Name: aws.String(ebBusARN("orders"))})
				ebCheck(t, "DescribeEventBus", err)
				if aws.ToString(d.Name) != "orders" || aws.ToString(d.Arn) != ebBusARN("orders") || aws.ToString(d.Description) != "orders events" || d.CreationTime == nil || d.LastModifiedTime == nil {
					t.Fatalf("DescribeEventBus = %+v", d)
				}
				def, err := e.EB.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{})
				ebCheck(t, "DescribeEventBus default", err)
				if aws.ToString(def.Name) != "default" {
					t.Fatalf("DescribeEventBus without a name = %+v", def)
				}
				_, err = e.EB.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{Name: aws.String("nope")})
				if wantAs[*ebtypes.ResourceNotFoundException](t, "DescribeEventBus missing", err) {
					wantError(t, "DescribeEventBus missing", err, "ResourceNotFoundException", "Event bus nope does not exist.")
				}

				var listed []string
				in := &eventbridge.ListEventBusesInput{Limit: aws.Int32(2)}
				for pages := 0; ; pages++ {
					out, err := e.EB.ListEventBuses(ctx, in)
					ebCheck(t, "ListEventBuses", err)
					for _, b := range out.EventBuses {
						listed = append(listed, aws.ToString(b.Name))
					}
					if out.NextToken == nil || pages > 5 {
						break
					}
					in.NextToken = out.NextToken
				}
				if !slices.Equal(listed, []string{"audit", "billing", "default", "orders"}) {
					t.Fatalf("ListEventBuses pages = %v", listed)
				}
				pre, err := e.EB.ListEventBuses(ctx, &eventbridge.ListEventBusesInput{NamePrefix: aws.String("b")})
				ebCheck(t, "ListEventBuses prefix", err)
				if len(pre.EventBuses) != 1 || aws.ToString(pre.EventBuses[0].Name) != "billing" {
					t.Fatalf("ListEventBuses NamePrefix b = %+v", pre.EventBuses)
				}
				_, err = e.EB.ListEventBuses(ctx, &eventbridge.ListEventBusesInput{Limit: aws.Int32(0)})
				wantError(t, "ListEventBuses Limit 0", err, "ValidationException",
					"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")

				up, err := e.EB.UpdateEventBus(ctx, &eventbridge.UpdateEventBusInput{Name: aws.String("orders"), Description: aws.String("every order")})
				ebCheck(t, "UpdateEventBus", err)
				if aws.ToString(up.Description) != "every order" || aws.ToString(up.Arn) != ebBusARN("orders") {
					t.Fatalf("UpdateEventBus = %+v", up)
				}

				_, err = e.EB.DeleteEventBus(ctx, &eventbridge.DeleteEventBusInput{Name: aws.String("default")})
				wantError(t, "DeleteEventBus default", err, "ValidationException", "Cannot delete event bus default.")
				_, err = e.EB.DeleteEventBus(ctx, &eventbridge.DeleteEventBusInput{Name: aws.String("audit")})
				ebCheck(t, "DeleteEventBus", err)
				_, err = e.EB.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{Name: aws.String("audit")})
				wantAs[*ebtypes.ResourceNotFoundException](t, "DescribeEventBus deleted", err)
				_, err = e.EB.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: aws.String("bad name")})
				wantError(t, "CreateEventBus bad name", err, "ValidationException",
					`1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\.\-_A-Za-z0-9]+`)
			})
		})
	}
}

func TestEventBridgePermissions(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		_, err := e.EB.PutPermission(ctx, &eventbridge.PutPermissionInput{Action: aws.String("events:PutEvents"), Principal: aws.String("111111111111"), StatementId: aws.String("partner")})
		ebCheck(t, "PutPermission", err)
		_, err = e.EB.PutPermission(ctx, &eventbridge.PutPermissionInput{Action: aws.String("events:PutEvents"), Principal: aws.String("*"), StatementId: aws.String("org"),
			Condition: &ebtypes.Condition{Type: aws.String("StringEquals"), Key: aws.String("aws:PrincipalOrgID"), Value: aws.String("o-1")}})
		ebCheck(t, "PutPermission with condition", err)
		d, err := e.EB.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{})
		ebCheck(t, "DescribeEventBus", err)
		var policy struct {
			Statement []struct {
				Sid       string
				Principal any
				Resource  string
				Condition map[string]map[string]string
			}
		}
		if err := json.Unmarshal([]byte(aws.ToString(d.Policy)), &policy); err != nil || len(policy.Statement) != 2 {
			t.Fatalf("Policy = %s (%v)", aws.ToString(d.Policy), err)
		}
		if st := policy.Statement[1]; st.Sid != "org" || st.Principal != "*" || st.Condition["StringEquals"]["aws:PrincipalOrgID"] != "o-1" || st.Resource != ebBusARN("default") {
			t.Fatalf("statement = %+v", st)
		}
		_, err = e.EB.RemovePermission(ctx, &eventbridge.RemovePermissionInput{StatementId: aws.String("partner")})
		ebCheck(t, "RemovePermission", err)
		_, err = e.EB.RemovePermission(ctx, &eventbridge.RemovePermissionInput{StatementId: aws.String("partner")})
		if wantAs[*ebtypes.ResourceNotFoundException](t, "RemovePermission again", err) {
			wantError(t, "RemovePermission again", err, "ResourceNotFoundException", "Statement with the provided id does not exist.")
		}
		_, err = e.EB.RemovePermission(ctx, &eventbridge.RemovePermissionInput{RemoveAllPermissions: true})
		ebCheck(t, "RemovePermission all", err)
		d, err = e.EB.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{})
		ebCheck(t, "DescribeEventBus", err)
		if d.Policy != nil {
			t.Fatalf("Policy after RemoveAllPermissions = %s", aws.ToString(d.Policy))
		}
		_, err = e.EB.PutPermission(ctx, &eventbridge.PutPermissionInput{EventBusName: aws.String("nope"), Action: aws.String("events:PutEvents"), Principal: aws.String("*"), StatementId: aws.String("s")})
		wantAs[*ebtypes.ResourceNotFoundException](t, "PutPermission missing bus", err)
	})
}

func TestEventBridgeRules(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		_, err := e.EB.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: aws.String("orders")})
		ebCheck(t, "CreateEventBus", err)
		out, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("placed"), EventPattern: aws.String(ebOrderPattern),
			Description: aws.String("orders placed"), RoleArn: aws.String("arn:aws:iam::000000000000:role/events"), EventBusName: aws.String("orders"),
			Tags: []ebtypes.Tag{{Key: aws.String("team"), Value: aws.String("core")}}})
		ebCheck(t, "PutRule", err)
		if want := "arn:aws:events:us-east-1:000000000000:rule/orders/placed"; aws.ToString(out.RuleArn) != want {
			t.Fatalf("RuleArn = %s, want %s", aws.ToString(out.RuleArn), want)
		}
		out, err = e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("nightly"), ScheduleExpression: aws.String("cron(0 2 * * ? *)"), State: ebtypes.RuleStateDisabled})
		ebCheck(t, "PutRule schedule", err)
		if want := "arn:aws:events:us-east-1:000000000000:rule/nightly"; aws.ToString(out.RuleArn) != want {
			t.Fatalf("RuleArn = %s, want %s", aws.ToString(out.RuleArn), want)
		}

		d, err := e.EB.DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String("placed"), EventBusName: aws.String(ebBusARN("orders"))})
		ebCheck(t, "DescribeRule", err)
		if aws.ToString(d.EventPattern) != ebOrderPattern || d.State != ebtypes.RuleStateEnabled || aws.ToString(d.EventBusName) != "orders" ||
			aws.ToString(d.RoleArn) != "arn:aws:iam::000000000000:role/events" || aws.ToString(d.CreatedBy) != account || aws.ToString(d.Description) != "orders placed" {
			t.Fatalf("DescribeRule = %+v", d)
		}
		_, err = e.EB.DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String("placed")})
		if wantAs[*ebtypes.ResourceNotFoundException](t, "DescribeRule on the default bus", err) {
			wantError(t, "DescribeRule on the default bus", err, "ResourceNotFoundException", "Rule placed does not exist on EventBus default.")
		}

		_, err = e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("bad"), EventPattern: aws.String(`{"source":"x"}`)})
		if wantAs[*ebtypes.InvalidEventPatternException](t, "PutRule bad pattern", err) {
			wantError(t, "PutRule bad pattern", err, "InvalidEventPatternException", `Event pattern is not valid. Reason: "source" must be an object or an array`)
		}
		_, err = e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("tick"), ScheduleExpression: aws.String("rate(1 minute)"), EventBusName: aws.String("orders")})
		wantError(t, "PutRule schedule on a custom bus", err, "ValidationException", "ScheduleExpression is supported only on the default event bus.")
		_, err = e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("r"), EventPattern: aws.String(ebOrderPattern), EventBusName: aws.String("nope")})
		wantAs[*ebtypes.ResourceNotFoundException](t, "PutRule missing bus", err)

		for i := range 4 {
			_, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String(fmt.Sprint("r", i)), EventPattern: aws.String(ebOrderPattern)})
			ebCheck(t, "PutRule", err)
		}
		var listed []string
		in := &eventbridge.ListRulesInput{NamePrefix: aws.String("r"), Limit: aws.Int32(3)}
		for pages := 0; ; pages++ {
			out, err := e.EB.ListRules(ctx, in)
			ebCheck(t, "ListRules", err)
			for _, r := range out.Rules {
				listed = append(listed, aws.ToString(r.Name))
			}
			if out.NextToken == nil || pages > 5 {
				break
			}
			in.NextToken = out.NextToken
		}
		if !slices.Equal(listed, []string{"r0", "r1", "r2", "r3"}) {
			t.Fatalf("ListRules pages = %v", listed)
		}

		_, err = e.EB.DisableRule(ctx, &eventbridge.DisableRuleInput{Name: aws.String("r0")})
		ebCheck(t, "DisableRule", err)
		d, err = e.EB.DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String("r0")})
		ebCheck(t, "DescribeRule", err)
		if d.State != ebtypes.RuleStateDisabled {
			t.Fatalf("State after DisableRule = %s", d.State)
		}
		_, err = e.EB.EnableRule(ctx, &eventbridge.EnableRuleInput{Name: aws.String("r0")})
		ebCheck(t, "EnableRule", err)
		_, err = e.EB.EnableRule(ctx, &eventbridge.EnableRuleInput{Name: aws.String("nope")})
		wantAs[*ebtypes.ResourceNotFoundException](t, "EnableRule missing", err)

		_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("r0"), Targets: []ebtypes.Target{{Id: aws.String("q"), Arn: aws.String(queueARN("q"))}}})
		ebCheck(t, "PutTargets", err)
		_, err = e.EB.DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: aws.String("r0"), Force: true})
		wantError(t, "DeleteRule with targets", err, "ValidationException", "Rule can't be deleted since it has targets.")
		_, err = e.EB.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: aws.String("r0"), Ids: []string{"q"}})
		ebCheck(t, "RemoveTargets", err)
		_, err = e.EB.DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: aws.String("r0")})
		ebCheck(t, "DeleteRule", err)
		_, err = e.EB.DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String("r0")})
		wantAs[*ebtypes.ResourceNotFoundException](t, "DescribeRule deleted", err)
	})
}

func TestEventBridgeTargets(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		_, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("r"), EventPattern: aws.String(ebOrderPattern)})
		ebCheck(t, "PutRule", err)
		targets := []ebtypes.Target{
			{
				Id: aws.String("fifo"), Arn: aws.String(queueARN("orders.fifo")), RoleArn: aws.String("arn:aws:iam::000000000000:role/r"),
				SqsParameters:    &ebtypes.SqsParameters{MessageGroupId: aws.String("g")},
				DeadLetterConfig: &ebtypes.DeadLetterConfig{Arn: aws.String(queueARN("dlq"))},
				RetryPolicy:      &ebtypes.RetryPolicy{MaximumRetryAttempts: aws.Int32(3), MaximumEventAgeInSeconds: aws.Int32(600)},
				InputPath:        aws.String("$.detail"),
			},
			{
				Id: aws.String("stream"), Arn: aws.String("arn:aws:kinesis:us-east-1:000000000000:stream/s"),
				KinesisParameters: &ebtypes.KinesisParameters{PartitionKeyPath: aws.String("$.detail.id")},
				InputTransformer:  &ebtypes.InputTransformer{InputPathsMap: map[string]string{"id": "$.detail.id"}, InputTemplate: aws.String(`{"order":<id>}`)},
			},
			{Id: aws.String("bus"), Arn: aws.String(ebBusARN("default")), Input: aws.String(`{"fixed":true}`)},
		}
		put, err := e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("r"), Targets: targets})
		ebCheck(t, "PutTargets", err)
		if put.FailedEntryCount != 0 || len(put.FailedEntries) != 0 {
			t.Fatalf("PutTargets = %+v", put)
		}
		list, err := e.EB.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("r")})
		ebCheck(t, "ListTargetsByRule", err)
		slices.SortFunc(targets, func(a, b ebtypes.Target) int { return strings.Compare(*a.Id, *b.Id) })
		if got, want := ebJSON(t, list.Targets), ebJSON(t, targets); got != want {
			t.Fatalf("ListTargetsByRule =\n%s\nwant\n%s", got, want)
		}
		page, err := e.EB.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("r"), Limit: aws.Int32(2)})
		ebCheck(t, "ListTargetsByRule page", err)
		rest, err := e.EB.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("r"), NextToken: page.NextToken})
		ebCheck(t, "ListTargetsByRule next page", err)
		if len(page.Targets) != 2 || len(rest.Targets) != 1 || rest.NextToken != nil {
			t.Fatalf("pages: %d then %d targets, next %v", len(page.Targets), len(rest.Targets), rest.NextToken)
		}

		names, err := e.EB.ListRuleNamesByTarget(ctx, &eventbridge.ListRuleNamesByTargetInput{TargetArn: aws.String(queueARN("orders.fifo"))})
		ebCheck(t, "ListRuleNamesByTarget", err)
		if !slices.Equal(names.RuleNames, []string{"r"}) {
			t.Fatalf("ListRuleNamesByTarget = %v", names.RuleNames)
		}

		refusals := []struct {
			name   string
			target ebtypes.Target
			code   string
			msg    string
		}{
			{"malformed ARN", ebtypes.Target{Id: aws.String("x"), Arn: aws.String("not-an-arn")},
				"ValidationException", "Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format."},
			{"FIFO queue without SqsParameters", ebtypes.Target{Id: aws.String("x"), Arn: aws.String(queueARN("other.fifo"))},
				"ValidationException", "Parameter(s) SqsParameters must be specified for target: x."},
			{"bad id", ebtypes.Target{Id: aws.String("!@#$@!#$"), Arn: aws.String(queueARN("q"))},
				"ValidationException", `1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`},
			{"retry policy", ebtypes.Target{Id: aws.String("x"), Arn: aws.String(queueARN("q")), RetryPolicy: &ebtypes.RetryPolicy{MaximumRetryAttempts: aws.Int32(186)}},
				"ValidationException", "1 validation error detected: Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185"},
		}
		for _, r := range refusals {
			_, err := e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("r"), Targets: []ebtypes.Target{r.target}})
			wantError(t, "PutTargets "+r.name, err, r.code, r.msg)
		}
		_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("r"), Targets: []ebtypes.Target{
			{Id: aws.String("4"), Arn: aws.String(queueARN("q"))}, {Id: aws.String("5"), Arn: aws.String(queueARN("q"))}, {Id: aws.String("6"), Arn: aws.String(queueARN("q"))},
		}})
		if wantAs[*ebtypes.LimitExceededException](t, "PutTargets sixth target", err) {
			wantError(t, "PutTargets sixth target", err, "LimitExceededException", "The requested resource exceeds the maximum number allowed.")
		}
		_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("nope"), Targets: []ebtypes.Target{{Id: aws.String("x"), Arn: aws.String(queueARN("q"))}}})
		wantAs[*ebtypes.ResourceNotFoundException](t, "PutTargets missing rule", err)

		removed, err := e.EB.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: aws.String("r"), Ids: []string{"bus", "never-there"}})
		ebCheck(t, "RemoveTargets", err)
		if removed.FailedEntryCount != 0 {
			t.Fatalf("RemoveTargets = %+v", removed)
		}
		list, err = e.EB.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("r")})
		ebCheck(t, "ListTargetsByRule", err)
		if len(list.Targets) != 2 {
			t.Fatalf("targets after RemoveTargets: %d", len(list.Targets))
		}
	})
}

// ebJSON is v as JSON, for comparing SDK values by what they hold.
func ebJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEventBridgeTags(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		_, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("r"), EventPattern: aws.String(ebOrderPattern)})
		ebCheck(t, "PutRule", err)
		for _, arn := range []string{ebBusARN("default"), "arn:aws:events:us-east-1:000000000000:rule/r"} {
			_, err := e.EB.TagResource(ctx, &eventbridge.TagResourceInput{ResourceARN: aws.String(arn), Tags: []ebtypes.Tag{
				{Key: aws.String("tag1"), Value: aws.String("value1")}, {Key: aws.String("tag2"), Value: aws.String("value2")},
			}})
			ebCheck(t, "TagResource", err)
			_, err = e.EB.UntagResource(ctx, &eventbridge.UntagResourceInput{ResourceARN: aws.String(arn), TagKeys: []string{"tag2"}})
			ebCheck(t, "UntagResource", err)
			out, err := e.EB.ListTagsForResource(ctx, &eventbridge.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
			ebCheck(t, "ListTagsForResource", err)
			if len(out.Tags) != 1 || aws.ToString(out.Tags[0].Key) != "tag1" || aws.ToString(out.Tags[0].Value) != "value1" {
				t.Fatalf("%s tags = %s", arn, ebJSON(t, out.Tags))
			}
		}
		_, err = e.EB.TagResource(ctx, &eventbridge.TagResourceInput{ResourceARN: aws.String("arn:aws:events:us-east-1:000000000000:rule/nope"),
			Tags: []ebtypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
		if wantAs[*ebtypes.ResourceNotFoundException](t, "TagResource missing rule", err) {
			wantError(t, "TagResource missing rule", err, "ResourceNotFoundException", "Rule nope does not exist on EventBus default.")
		}
		_, err = e.EB.ListTagsForResource(ctx, &eventbridge.ListTagsForResourceInput{ResourceARN: aws.String(ebBusARN("nope"))})
		if wantAs[*ebtypes.ResourceNotFoundException](t, "ListTagsForResource missing bus", err) {
			wantError(t, "ListTagsForResource missing bus", err, "ResourceNotFoundException", "Event bus nope does not exist.")
		}
	})
}

func TestEventBridgeTestEventPattern(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		event := `{"id":"1","account":"000000000000","source":"com.example.orders","time":"2025-03-04T05:06:07Z","region":"us-east-1","detail-type":"Order Placed","resources":[],"detail":{"total":30}}`
		for pattern, want := range map[string]bool{
			`{"detail":{"total":[{"numeric":[">",20]}]}}`: true,
			`{"detail":{"total":[{"numeric":["<",20]}]}}`: false,
		} {
			out, err := e.EB.TestEventPattern(ctx, &eventbridge.TestEventPatternInput{EventPattern: aws.String(pattern), Event: aws.String(event)})
			ebCheck(t, "TestEventPattern", err)
			if out.Result != want {
				t.Errorf("TestEventPattern %s = %v, want %v", pattern, out.Result, want)
			}
		}
		_, err := e.EB.TestEventPattern(ctx, &eventbridge.TestEventPatternInput{EventPattern: aws.String(`{"source":[]}`), Event: aws.String(event)})
		if wantAs[*ebtypes.InvalidEventPatternException](t, "TestEventPattern invalid pattern", err) {
			wantError(t, "TestEventPattern invalid pattern", err, "InvalidEventPatternException", "Event pattern is not valid. Reason: Empty arrays are not allowed")
		}
		_, err = e.EB.TestEventPattern(ctx, &eventbridge.TestEventPatternInput{EventPattern: aws.String(ebOrderPattern), Event: aws.String(`{"id":"1"}`)})
		wantError(t, "TestEventPattern incomplete event", err, "ValidationException", "Parameter Event is not valid.")
	})
}

// PutEvents delivers to a queue target; the queue's receive sees it.
func TestEventBridgePutEventsToQueue(t *testing.T) {
	for _, tr := range ebTransports {
		t.Run(tr.name, func(t *testing.T) {
			tr.run(t, func(t *testing.T, e *ebEnv) {
				ctx := t.Context()
				url := createQueue(t, e.SQS, "orders", nil)
				_, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("r"), EventPattern: aws.String(`{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">=",100]}]}}`)})
				ebCheck(t, "PutRule", err)
				_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("r"), Targets: []ebtypes.Target{{Id: aws.String("q"), Arn: aws.String(queueARN("orders"))}}})
				ebCheck(t, "PutTargets", err)

				at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
				big := ebOrder(`{"total":120}`)
				big.Time, big.Resources = aws.Time(at), []string{"arn:aws:s3:::receipts"}
				out, err := e.EB.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
					big,
					ebOrder(`{"total":5}`),
					{Source: aws.String("com.example.orders"), DetailType: aws.String("x"), Detail: aws.String("[1]")},
					{DetailType: aws.String("x"), Detail: aws.String("{}")},
				}})
				ebCheck(t, "PutEvents", err)
				if out.FailedEntryCount != 2 || aws.ToString(out.Entries[2].ErrorCode) != "MalformedDetail" || aws.ToString(out.Entries[3].ErrorCode) != "InvalidArgument" ||
					aws.ToString(out.Entries[3].ErrorMessage) != "Parameter Source is not valid. Reason: Source is a required argument." {
					t.Fatalf("PutEvents = %s", ebJSON(t, out.Entries))
				}

				msg, err := e.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 20, MaxNumberOfMessages: 10})
				ebCheck(t, "ReceiveMessage", err)
				if len(msg.Messages) != 1 {
					t.Fatalf("the queue received %d messages, want 1", len(msg.Messages))
				}
				want := `{"version":"0","id":"` + aws.ToString(out.Entries[0].EventId) + `","detail-type":"Order Placed","source":"com.example.orders","account":"000000000000","time":"2025-03-04T05:06:07Z","region":"us-east-1","resources":["arn:aws:s3:::receipts"],"detail":{"total":120}}`
				if got := aws.ToString(msg.Messages[0].Body); got != want {
					t.Fatalf("the queue received\n%s\nwant\n%s", got, want)
				}

				var eleven []ebtypes.PutEventsRequestEntry
				for range 11 {
					eleven = append(eleven, ebOrder(`{}`))
				}
				_, err = e.EB.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: eleven})
				wantError(t, "PutEvents 11 entries", err, "ValidationException", "")
				_, err = e.EB.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{ebOrder(`{"x":"` + strings.Repeat("x", 256*1024) + `"}`)}})
				wantError(t, "PutEvents over 256 KiB", err, "ValidationException", "Total size of the entries in the request is over the limit.")
			})
		})
	}
}

// A rule on the default bus sends events to a second bus, whose rule
// sends them to a registered function: the function receives the event
// unchanged.
func TestEventBridgeBusToBusToFunction(t *testing.T) {
	for _, tr := range ebTransports {
		t.Run(tr.name, func(t *testing.T) {
			tr.run(t, func(t *testing.T, e *ebEnv) {
				ctx := t.Context()
				received := make(chan []byte, 10)
				fn := e.Account.RegisterFunction("handle-order", func(_ context.Context, payload []byte) ([]byte, error) {
					received <- payload
					return nil, nil
				})
				_, err := e.EB.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: aws.String("second")})
				ebCheck(t, "CreateEventBus", err)
				_, err = e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("forward"), EventPattern: aws.String(ebOrderPattern)})
				ebCheck(t, "PutRule forward", err)
				_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("forward"), Targets: []ebtypes.Target{
					{Id: aws.String("second"), Arn: aws.String(ebBusARN("second")), RoleArn: aws.String("arn:aws:iam::000000000000:role/events")},
				}})
				ebCheck(t, "PutTargets forward", err)
				_, err = e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("handle"), EventBusName: aws.String("second"), EventPattern: aws.String(`{"detail-type":["Order Placed"]}`)})
				ebCheck(t, "PutRule handle", err)
				_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("handle"), EventBusName: aws.String("second"), Targets: []ebtypes.Target{
					{Id: aws.String("fn"), Arn: aws.String(fn)},
				}})
				ebCheck(t, "PutTargets handle", err)

				put, err := e.EB.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{ebOrder(`{"id":"o-1"}`)}})
				ebCheck(t, "PutEvents", err)
				var ev struct {
					ID     string         `json:"id"`
					Source string         `json:"source"`
					Detail map[string]any `json:"detail"`
				}
				select {
				case payload := <-received:
					if err := json.Unmarshal(payload, &ev); err != nil || ev.ID != aws.ToString(put.Entries[0].EventId) || ev.Detail["id"] != "o-1" {
						t.Fatalf("the function received %s (%v), want event %s", payload, err, aws.ToString(put.Entries[0].EventId))
					}
				case <-time.After(10 * time.Second): // virtual in a bubble; over loopback a bound on a broken delivery
					t.Fatal("the function received nothing")
				}
				names, err := e.EB.ListRuleNamesByTarget(ctx, &eventbridge.ListRuleNamesByTargetInput{TargetArn: aws.String(fn), EventBusName: aws.String("second")})
				ebCheck(t, "ListRuleNamesByTarget", err)
				if !slices.Equal(names.RuleNames, []string{"handle"}) {
					t.Fatalf("ListRuleNamesByTarget = %v", names.RuleNames)
				}
			})
		})
	}
}

// An archive keeps the bus's events; a replay sends those of a window
// back to the bus's rules, marked with the replay's name.
func TestEventBridgeArchiveAndReplay(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		url := createQueue(t, e.SQS, "orders", nil)
		_, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("r"), EventPattern: aws.String(ebOrderPattern)})
		ebCheck(t, "PutRule", err)
		_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("r"), Targets: []ebtypes.Target{{Id: aws.String("q"), Arn: aws.String(queueARN("orders"))}}})
		ebCheck(t, "PutTargets", err)

		arch, err := e.EB.CreateArchive(ctx, &eventbridge.CreateArchiveInput{ArchiveName: aws.String("orders"), EventSourceArn: aws.String(ebBusARN("default")),
			EventPattern: aws.String(ebOrderPattern), RetentionDays: aws.Int32(7), Description: aws.String("all orders")})
		ebCheck(t, "CreateArchive", err)
		if aws.ToString(arch.ArchiveArn) != "arn:aws:events:us-east-1:000000000000:archive/orders" || arch.State != ebtypes.ArchiveStateEnabled || arch.CreationTime == nil {
			t.Fatalf("CreateArchive = %+v", arch)
		}
		_, err = e.EB.CreateArchive(ctx, &eventbridge.CreateArchiveInput{ArchiveName: aws.String("orders"), EventSourceArn: aws.String(ebBusARN("default"))})
		if wantAs[*ebtypes.ResourceAlreadyExistsException](t, "CreateArchive again", err) {
			wantError(t, "CreateArchive again", err, "ResourceAlreadyExistsException", "Archive orders already exists.")
		}

		start := time.Now()
		for i := range 3 {
			_, err := e.EB.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{ebOrder(fmt.Sprintf(`{"n":%d}`, i))}})
			ebCheck(t, "PutEvents", err)
			time.Sleep(time.Minute)
		}
		drainDelete(t, e.SQS, url) // the events themselves

		d, err := e.EB.DescribeArchive(ctx, &eventbridge.DescribeArchiveInput{ArchiveName: aws.String("orders")})
		ebCheck(t, "DescribeArchive", err)
		if d.EventCount != 3 || d.SizeBytes == 0 || aws.ToInt32(d.RetentionDays) != 7 || aws.ToString(d.EventPattern) != ebOrderPattern {
			t.Fatalf("DescribeArchive = %s", ebJSON(t, d))
		}
		list, err := e.EB.ListArchives(ctx, &eventbridge.ListArchivesInput{EventSourceArn: aws.String(ebBusARN("default"))})
		ebCheck(t, "ListArchives", err)
		if len(list.Archives) != 1 || aws.ToString(list.Archives[0].ArchiveName) != "orders" || list.Archives[0].EventCount != 3 {
			t.Fatalf("ListArchives = %s", ebJSON(t, list.Archives))
		}
		_, err = e.EB.UpdateArchive(ctx, &eventbridge.UpdateArchiveInput{ArchiveName: aws.String("orders"), Description: aws.String("orders, updated")})
		ebCheck(t, "UpdateArchive", err)

		rp, err := e.EB.StartReplay(ctx, &eventbridge.StartReplayInput{
			ReplayName: aws.String("first-two"), EventSourceArn: arch.ArchiveArn,
			EventStartTime: aws.Time(start), EventEndTime: aws.Time(start.Add(2 * time.Minute)),
			Destination: &ebtypes.ReplayDestination{Arn: aws.String(ebBusARN("default"))},
		})
		ebCheck(t, "StartReplay", err)
		if aws.ToString(rp.ReplayArn) != "arn:aws:events:us-east-1:000000000000:replay/first-two" || rp.State != ebtypes.ReplayStateStarting {
			t.Fatalf("StartReplay = %+v", rp)
		}
		synctest.Wait()
		replayed := drainDelete(t, e.SQS, url)
		if len(replayed) != 2 {
			t.Fatalf("the replay sent %d events, want 2", len(replayed))
		}
		for i, m := range replayed {
			var ev struct {
				ReplayName string         `json:"replay-name"`
				Detail     map[string]any `json:"detail"`
			}
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &ev); err != nil || ev.ReplayName != "first-two" || ev.Detail["n"] != float64(i) {
				t.Errorf("replayed event %d = %s", i, aws.ToString(m.Body))
			}
		}
		desc, err := e.EB.DescribeReplay(ctx, &eventbridge.DescribeReplayInput{ReplayName: aws.String("first-two")})
		ebCheck(t, "DescribeReplay", err)
		if desc.State != ebtypes.ReplayStateCompleted || desc.ReplayEndTime == nil || aws.ToString(desc.Destination.Arn) != ebBusARN("default") || desc.EventLastReplayedTime == nil {
			t.Fatalf("DescribeReplay = %s", ebJSON(t, desc))
		}
		replays, err := e.EB.ListReplays(ctx, &eventbridge.ListReplaysInput{State: ebtypes.ReplayStateCompleted})
		ebCheck(t, "ListReplays", err)
		if len(replays.Replays) != 1 || aws.ToString(replays.Replays[0].ReplayName) != "first-two" {
			t.Fatalf("ListReplays = %s", ebJSON(t, replays.Replays))
		}
		_, err = e.EB.CancelReplay(ctx, &eventbridge.CancelReplayInput{ReplayName: aws.String("first-two")})
		if wantAs[*ebtypes.IllegalStatusException](t, "CancelReplay completed", err) {
			wantError(t, "CancelReplay completed", err, "IllegalStatusException", "Replay first-two is not in a valid state for this operation.")
		}
		_, err = e.EB.DescribeReplay(ctx, &eventbridge.DescribeReplayInput{ReplayName: aws.String("nope")})
		wantAs[*ebtypes.ResourceNotFoundException](t, "DescribeReplay missing", err)
		_, err = e.EB.CancelReplay(ctx, &eventbridge.CancelReplayInput{ReplayName: aws.String("nope")})
		if wantAs[*ebtypes.ResourceNotFoundException](t, "CancelReplay missing", err) {
			wantError(t, "CancelReplay missing", err, "ResourceNotFoundException", "Replay nope does not exist.")
		}
		_, err = e.EB.StartReplay(ctx, &eventbridge.StartReplayInput{
			ReplayName: aws.String("again"), EventSourceArn: aws.String("arn:aws:events:us-east-1:000000000000:archive/nope"),
			EventStartTime: aws.Time(start), EventEndTime: aws.Time(start.Add(time.Minute)),
			Destination: &ebtypes.ReplayDestination{Arn: aws.String(ebBusARN("default"))},
		})
		wantError(t, "StartReplay missing archive", err, "ValidationException", "Parameter EventSourceArn is not valid. Reason: Archive nope does not exist.")

		_, err = e.EB.DeleteArchive(ctx, &eventbridge.DeleteArchiveInput{ArchiveName: aws.String("orders")})
		ebCheck(t, "DeleteArchive", err)
		_, err = e.EB.DescribeArchive(ctx, &eventbridge.DescribeArchiveInput{ArchiveName: aws.String("orders")})
		if wantAs[*ebtypes.ResourceNotFoundException](t, "DescribeArchive deleted", err) {
			wantError(t, "DescribeArchive deleted", err, "ResourceNotFoundException", "Archive orders does not exist.")
		}
	})
}

// A rule with "rate(1 minute)" fires on the account's clock, which in a
// bubble is the bubble's: sleeping 3.5 virtual minutes fires it 3 times.
func TestEventBridgeScheduledRule(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		ctx := t.Context()
		url := createQueue(t, e.SQS, "ticks", nil)
		rule, err := e.EB.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("tick"), ScheduleExpression: aws.String("rate(1 minute)")})
		ebCheck(t, "PutRule", err)
		_, err = e.EB.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("tick"), Targets: []ebtypes.Target{{Id: aws.String("q"), Arn: aws.String(queueARN("ticks"))}}})
		ebCheck(t, "PutTargets", err)
		start := time.Now()
		time.Sleep(3*time.Minute + 30*time.Second)
		synctest.Wait()
		ticks := drainDelete(t, e.SQS, url)
		if len(ticks) != 3 {
			t.Fatalf("after 3.5 minutes the queue has %d scheduled events, want 3", len(ticks))
		}
		var times []string
		for _, m := range ticks {
			var ev struct {
				Source     string   `json:"source"`
				DetailType string   `json:"detail-type"`
				Time       string   `json:"time"`
				Resources  []string `json:"resources"`
			}
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &ev); err != nil || ev.Source != "aws.events" || ev.DetailType != "Scheduled Event" ||
				!slices.Equal(ev.Resources, []string{aws.ToString(rule.RuleArn)}) {
				t.Fatalf("scheduled event = %s", aws.ToString(m.Body))
			}
			times = append(times, ev.Time)
		}
		slices.Sort(times)
		for i, got := range times {
			if want := start.Add(time.Duration(i+1) * time.Minute).UTC().Format(time.RFC3339); got != want {
				t.Errorf("firing %d at %s, want %s", i+1, got, want)
			}
		}
		_, err = e.EB.DisableRule(ctx, &eventbridge.DisableRuleInput{Name: aws.String("tick")})
		ebCheck(t, "DisableRule", err)
		time.Sleep(5 * time.Minute)
		synctest.Wait()
		if got := drain(t, e.SQS, url); len(got) != 0 {
			t.Fatalf("a disabled rule fired %d times", len(got))
		}
	})
}

// An error the SDK does not model still carries EventBridge's code.
func TestEventBridgeUnmodelledErrors(t *testing.T) {
	ebInMemory(t, func(t *testing.T, e *ebEnv) {
		_, err := e.EB.DeleteEventBus(t.Context(), &eventbridge.DeleteEventBusInput{Name: aws.String("default")})
		var generic *smithy.GenericAPIError
		if !errors.As(err, &generic) || generic.ErrorCode() != "ValidationException" {
			t.Fatalf("DeleteEventBus default: %v (%T); want a GenericAPIError with ValidationException", err, err)
		}
	})
}
