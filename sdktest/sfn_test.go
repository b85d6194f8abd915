package sdktest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Step Functions through the real client (AWS JSON 1.0): state machines
// with their versions, aliases and tags, executions and their histories,
// activities with a worker, validation and TestState, and the errors of
// each, matched as users match them. Service integrations are the
// account's (tested with it); these tests use Pass, Choice, Wait,
// Succeed, Fail, Parallel and Map states and activities.

const (
	sfnRole     = "arn:aws:iam::" + account + ":role/sfn"
	sfnMachines = "arn:aws:states:" + region + ":" + account + ":stateMachine:"
	sfnActivity = "arn:aws:states:" + region + ":" + account + ":activity:"
)

// sfnFlow is a definition with every kind of flow state: it checks the
// order's kind, waits 30 s, then counts the items and passes each one on
// in parallel.
const sfnFlow = `{"StartAt":"Prepare","States":{
 "Prepare":{"Type":"Pass","Parameters":{"items.$":"$.items","kind.$":"$.kind"},"Next":"Route"},
 "Route":{"Type":"Choice","Choices":[{"Variable":"$.kind","StringEquals":"bad","Next":"Reject"}],"Default":"Pause"},
 "Pause":{"Type":"Wait","Seconds":30,"Next":"Fan"},
 "Fan":{"Type":"Parallel","ResultPath":"$.fan","Next":"Done","Branches":[
   {"StartAt":"Count","States":{"Count":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.items)"},"End":true}}},
   {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
     "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","Parameters":{"v.$":"$"},"End":true}}}}}}]},
 "Done":{"Type":"Succeed"},
 "Reject":{"Type":"Fail","Error":"Rejected","Cause":"bad kind"}}}`

// sfnPass is the smallest machine: one Pass state with a fixed result.
func sfnPass(v int) string {
	return fmt.Sprintf(`{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":%d},"End":true}}}`, v)
}

// sfnInMemory runs f in a synctest bubble against a new account, with a
// Step Functions client on its in-memory transport.
func sfnInMemory(t *testing.T, f func(t *testing.T, c *sfn.Client, e *env)) {
	inMemory(t, func(t *testing.T, e *env) { f(t, newSFN(placeholderEndpoint, e.Account.HTTPClient()), e) })
}

func sfnCreate(t *testing.T, c *sfn.Client, in *sfn.CreateStateMachineInput) *sfn.CreateStateMachineOutput {
	t.Helper()
	if in.RoleArn == nil {
		in.RoleArn = aws.String(sfnRole)
	}
	out, err := c.CreateStateMachine(t.Context(), in)
	if err != nil {
		t.Fatalf("CreateStateMachine %s: %v", aws.ToString(in.Name), err)
	}
	return out
}

func sfnStart(t *testing.T, c *sfn.Client, arn, name, input string) string {
	t.Helper()
	in := &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Input: aws.String(input)}
	if name != "" {
		in.Name = aws.String(name)
	}
	out, err := c.StartExecution(t.Context(), in)
	if err != nil {
		t.Fatalf("StartExecution %s: %v", arn, err)
	}
	return aws.ToString(out.ExecutionArn)
}

func sfnDescribe(t *testing.T, c *sfn.Client, execution string) *sfn.DescribeExecutionOutput {
	t.Helper()
	out, err := c.DescribeExecution(t.Context(), &sfn.DescribeExecutionInput{ExecutionArn: aws.String(execution)})
	if err != nil {
		t.Fatalf("DescribeExecution %s: %v", execution, err)
	}
	return out
}

func TestSFNStateMachines(t *testing.T) {
	sfnInMemory(t, func(t *testing.T, c *sfn.Client, _ *env) {
		ctx := t.Context()
		created := sfnCreate(t, c, &sfn.CreateStateMachineInput{
			Name: aws.String("orders"), Definition: aws.String(sfnPass(1)), Publish: true, VersionDescription: aws.String("first"),
			Type:                 sfntypes.StateMachineTypeStandard,
			TracingConfiguration: &sfntypes.TracingConfiguration{Enabled: true},
			LoggingConfiguration: &sfntypes.LoggingConfiguration{Level: sfntypes.LogLevelError, Destinations: []sfntypes.LogDestination{
				{CloudWatchLogsLogGroup: &sfntypes.CloudWatchLogsLogGroup{LogGroupArn: aws.String("arn:aws:logs:us-east-1:000000000000:log-group:sfn:*")}}}},
			Tags: []sfntypes.Tag{{Key: aws.String("team"), Value: aws.String("orders")}},
		})
		arn := aws.ToString(created.StateMachineArn)
		if arn != sfnMachines+"orders" || aws.ToString(created.StateMachineVersionArn) != arn+":1" || created.CreationDate == nil {
			t.Fatalf("CreateStateMachine = %+v", created)
		}
		d, err := c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(arn)})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(d.Definition) != sfnPass(1) || d.Status != sfntypes.StateMachineStatusActive || d.Type != sfntypes.StateMachineTypeStandard ||
			!d.TracingConfiguration.Enabled || d.LoggingConfiguration.Level != sfntypes.LogLevelError || aws.ToString(d.RoleArn) != sfnRole {
			t.Errorf("DescribeStateMachine = %+v", d)
		}

		up, err := c.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn), Definition: aws.String(sfnPass(2)), Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(up.StateMachineVersionArn) != arn+":2" || aws.ToString(up.RevisionId) == "" {
			t.Errorf("UpdateStateMachine = %+v", up)
		}
		v1, err := c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(arn + ":1")})
		if err != nil || aws.ToString(v1.Definition) != sfnPass(1) || aws.ToString(v1.Description) != "first" {
			t.Errorf("DescribeStateMachine of version 1 = %+v, %v", v1, err)
		}
		pub, err := c.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String(arn), RevisionId: up.RevisionId})
		if err != nil || aws.ToString(pub.StateMachineVersionArn) != arn+":2" {
			t.Errorf("PublishStateMachineVersion of the published revision = %+v, %v", pub, err)
		}
		versions, err := c.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: aws.String(arn)})
		if err != nil || len(versions.StateMachineVersions) != 2 || aws.ToString(versions.StateMachineVersions[0].StateMachineVersionArn) != arn+":2" {
			t.Errorf("ListStateMachineVersions = %+v, %v", versions, err)
		}

		alias, err := c.CreateStateMachineAlias(ctx, &sfn.CreateStateMachineAliasInput{Name: aws.String("live"), Description: aws.String("prod"),
			RoutingConfiguration: []sfntypes.RoutingConfigurationListItem{
				{StateMachineVersionArn: aws.String(arn + ":1"), Weight: 90}, {StateMachineVersionArn: aws.String(arn + ":2"), Weight: 10}}})
		if err != nil {
			t.Fatal(err)
		}
		aliasARN := aws.ToString(alias.StateMachineAliasArn)
		if _, err := c.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(aliasARN),
			RoutingConfiguration: []sfntypes.RoutingConfigurationListItem{{StateMachineVersionArn: aws.String(arn + ":2"), Weight: 100}}}); err != nil {
			t.Fatal(err)
		}
		da, err := c.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String(aliasARN)})
		if err != nil || aws.ToString(da.Description) != "prod" || len(da.RoutingConfiguration) != 1 || da.RoutingConfiguration[0].Weight != 100 {
			t.Errorf("DescribeStateMachineAlias = %+v, %v", da, err)
		}
		aliases, err := c.ListStateMachineAliases(ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(arn)})
		if err != nil || len(aliases.StateMachineAliases) != 1 {
			t.Errorf("ListStateMachineAliases = %+v, %v", aliases, err)
		}
		_, err = c.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(arn + ":2")})
		requireAs[*sfntypes.ConflictException](t, err)
		if _, err := c.DeleteStateMachineAlias(ctx, &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: aws.String(aliasARN)}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String(aliasARN)})
		requireAs[*sfntypes.ResourceNotFound](t, err)
		if _, err := c.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(arn + ":2")}); err != nil {
			t.Fatal(err)
		}

		if _, err := c.TagResource(ctx, &sfn.TagResourceInput{ResourceArn: aws.String(arn), Tags: []sfntypes.Tag{{Key: aws.String("env"), Value: aws.String("test")}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UntagResource(ctx, &sfn.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"team"}}); err != nil {
			t.Fatal(err)
		}
		tags, err := c.ListTagsForResource(ctx, &sfn.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
		if err != nil || len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "env" {
			t.Errorf("ListTagsForResource = %+v, %v", tags, err)
		}
		_, err = c.TagResource(ctx, &sfn.TagResourceInput{ResourceArn: aws.String(arn + ":1"), Tags: []sfntypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
		requireAs[*sfntypes.ResourceNotFound](t, err)

		for i := range 4 {
			sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String(fmt.Sprint("extra", i)), Definition: aws.String(sfnPass(i))})
		}
		var names []string
		pages := sfn.NewListStateMachinesPaginator(c, &sfn.ListStateMachinesInput{MaxResults: 2})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range page.StateMachines {
				names = append(names, aws.ToString(m.Name))
			}
		}
		if fmt.Sprint(names) != "[extra0 extra1 extra2 extra3 orders]" {
			t.Errorf("ListStateMachines pages: %v", names)
		}

		if _, err := c.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(arn)}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(arn)})
		requireAs[*sfntypes.StateMachineDoesNotExist](t, err)
		wantError(t, "DescribeStateMachine after delete", err, "StateMachineDoesNotExist", "State Machine Does Not Exist: '"+arn+"'")
	})
}

func TestSFNStateMachineErrors(t *testing.T) {
	sfnInMemory(t, func(t *testing.T, c *sfn.Client, _ *env) {
		ctx := t.Context()
		arn := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("m"), Definition: aws.String(sfnPass(1))}).StateMachineArn)

		_, err := c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("m"), Definition: aws.String(sfnPass(2)), RoleArn: aws.String(sfnRole)})
		if wantAs[*sfntypes.StateMachineAlreadyExists](t, "create taken name", err) {
			wantError(t, "create taken name", err, "StateMachineAlreadyExists", "State Machine Already Exists: '"+arn+"'")
		}
		_, err = c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("bad"), Definition: aws.String(`{"States":{}}`), RoleArn: aws.String(sfnRole)})
		if wantAs[*sfntypes.InvalidDefinition](t, "create invalid", err) {
			wantError(t, "create invalid", err, "InvalidDefinition", "")
		}
		_, err = c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("a b"), Definition: aws.String(sfnPass(1)), RoleArn: aws.String(sfnRole)})
		wantAs[*sfntypes.InvalidName](t, "create bad name", err)
		_, err = c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String(strings.Repeat("n", 81)), Definition: aws.String(sfnPass(1)), RoleArn: aws.String(sfnRole)})
		wantAs[*sfntypes.ValidationException](t, "create long name", err)
		_, err = c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("x"), Definition: aws.String(sfnPass(1)), RoleArn: aws.String(sfnRole),
			Type: sfntypes.StateMachineTypeExpress, LoggingConfiguration: &sfntypes.LoggingConfiguration{Level: sfntypes.LogLevelAll}})
		wantAs[*sfntypes.InvalidLoggingConfiguration](t, "create logging without destination", err)
		_, err = c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String("not-an-arn")})
		if wantAs[*sfntypes.InvalidArn](t, "describe not an ARN", err) {
			wantError(t, "describe not an ARN", err, "InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'")
		}
		_, err = c.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn)})
		wantAs[*sfntypes.MissingRequiredParameter](t, "update nothing", err)
		_, err = c.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(sfnMachines + "nope"), Definition: aws.String(sfnPass(1))})
		wantAs[*sfntypes.StateMachineDoesNotExist](t, "update missing", err)
		_, err = c.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String(arn), RevisionId: aws.String("old")})
		wantAs[*sfntypes.ConflictException](t, "publish a stale revision", err)
		_, err = c.CreateStateMachineAlias(ctx, &sfn.CreateStateMachineAliasInput{Name: aws.String("a"),
			RoutingConfiguration: []sfntypes.RoutingConfigurationListItem{{StateMachineVersionArn: aws.String(arn), Weight: 100}}})
		wantAs[*sfntypes.ValidationException](t, "alias of an unversioned ARN", err)
		_, err = c.ListStateMachineAliases(ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(sfnMachines + "nope")})
		wantAs[*sfntypes.StateMachineDoesNotExist](t, "aliases of a missing machine", err)
		_, err = c.ListStateMachines(ctx, &sfn.ListStateMachinesInput{NextToken: aws.String("bogus")})
		wantAs[*sfntypes.InvalidToken](t, "list with a bad token", err)
		_, err = c.ListTagsForResource(ctx, &sfn.ListTagsForResourceInput{ResourceArn: aws.String(sfnMachines + "nope")})
		wantAs[*sfntypes.ResourceNotFound](t, "tags of a missing machine", err)
		if _, err := c.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(sfnMachines + "nope")}); err != nil {
			t.Errorf("DeleteStateMachine of a missing machine: %v, want success as on AWS", err)
		}
	})
}

func TestSFNExecutions(t *testing.T) {
	sfnInMemory(t, func(t *testing.T, c *sfn.Client, e *env) {
		ctx := t.Context()
		arn := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("flow"), Definition: aws.String(sfnFlow)}).StateMachineArn)
		good := sfnStart(t, c, arn, "good", `{"items":[1,2,3],"kind":"good"}`)
		bad := sfnStart(t, c, arn, "bad", `{"items":[],"kind":"bad"}`)
		if again := sfnStart(t, c, arn, "good", `{"items":[1,2,3],"kind":"good"}`); again != good {
			t.Errorf("the same start again = %s, want %s", again, good)
		}
		_, err := c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Name: aws.String("good"), Input: aws.String(`{}`)})
		if wantAs[*sfntypes.ExecutionAlreadyExists](t, "same name, other input", err) {
			wantError(t, "same name, other input", err, "ExecutionAlreadyExists", "Execution Already Exists: '"+good+"'")
		}
		_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Input: aws.String(`{"unclosed":`)})
		wantAs[*sfntypes.InvalidExecutionInput](t, "input not JSON", err)
		_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(good)})
		if wantAs[*sfntypes.InvalidArn](t, "start an execution ARN", err) {
			wantError(t, "start an execution ARN", err, "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: execution'")
		}
		_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sfnMachines + "nope")})
		wantAs[*sfntypes.StateMachineDoesNotExist](t, "start a missing machine", err)

		synctest.Wait()
		if d := sfnDescribe(t, c, good); d.Status != sfntypes.ExecutionStatusRunning {
			t.Errorf("before the Wait state's 30 s: %s", d.Status)
		}
		e.advance(t, 30*time.Second)
		synctest.Wait()
		d := sfnDescribe(t, c, good)
		if d.Status != sfntypes.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"fan":[{"n":3},[{"v":1},{"v":2},{"v":3}]],"items":[1,2,3],"kind":"good"}` ||
			d.StopDate.Sub(*d.StartDate) != 30*time.Second || aws.ToString(d.StateMachineArn) != arn {
			t.Errorf("DescribeExecution = status %s output %s from %v to %v", d.Status, aws.ToString(d.Output), d.StartDate, d.StopDate)
		}
		if d := sfnDescribe(t, c, bad); d.Status != sfntypes.ExecutionStatusFailed || aws.ToString(d.Error) != "Rejected" || aws.ToString(d.Cause) != "bad kind" {
			t.Errorf("the rejected execution = %+v", d)
		}
		forExec, err := c.DescribeStateMachineForExecution(ctx, &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: aws.String(good)})
		if err != nil || aws.ToString(forExec.Definition) != sfnFlow || aws.ToString(forExec.Name) != "flow" {
			t.Errorf("DescribeStateMachineForExecution = %+v, %v", forExec, err)
		}

		var events []sfntypes.HistoryEvent
		pages := sfn.NewGetExecutionHistoryPaginator(c, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(good), MaxResults: 5})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			events = append(events, page.Events...)
		}
		for i, ev := range events {
			if ev.Id != int64(i+1) || ev.Timestamp == nil {
				t.Fatalf("event %d: id %d timestamp %v", i, ev.Id, ev.Timestamp)
			}
		}
		first, last := events[0], events[len(events)-1]
		if first.Type != sfntypes.HistoryEventTypeExecutionStarted || aws.ToString(first.ExecutionStartedEventDetails.Input) != `{"items":[1,2,3],"kind":"good"}` ||
			aws.ToString(first.ExecutionStartedEventDetails.RoleArn) != sfnRole {
			t.Errorf("first event %+v", first)
		}
		if last.Type != sfntypes.HistoryEventTypeExecutionSucceeded || aws.ToString(last.ExecutionSucceededEventDetails.Output) != aws.ToString(d.Output) {
			t.Errorf("last event %+v", last)
		}
		seen := map[sfntypes.HistoryEventType]sfntypes.HistoryEvent{}
		for _, ev := range events {
			seen[ev.Type] = ev
		}
		for _, typ := range []sfntypes.HistoryEventType{"PassStateEntered", "ChoiceStateExited", "WaitStateEntered", "ParallelStateStarted",
			"MapStateStarted", "MapIterationSucceeded", "SucceedStateEntered"} {
			if _, ok := seen[typ]; !ok {
				t.Errorf("no %s event", typ)
			}
		}
		if ev := seen["MapStateStarted"]; ev.MapStateStartedEventDetails == nil || ev.MapStateStartedEventDetails.Length != 3 {
			t.Errorf("MapStateStarted %+v", ev.MapStateStartedEventDetails)
		}
		if ev := seen["WaitStateEntered"]; aws.ToString(ev.StateEnteredEventDetails.Name) != "Pause" {
			t.Errorf("WaitStateEntered %+v", ev.StateEnteredEventDetails)
		}
		reversed, err := c.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(good), ReverseOrder: true, MaxResults: 1})
		if err != nil || reversed.Events[0].Type != sfntypes.HistoryEventTypeExecutionSucceeded || reversed.NextToken == nil {
			t.Errorf("reversed history = %+v, %v", reversed, err)
		}

		waits := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("waits"),
			Definition: aws.String(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`)}).StateMachineArn)
		stopped := sfnStart(t, c, waits, "", "{}")
		stop, err := c.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(stopped), Error: aws.String("Halt"), Cause: aws.String("test")})
		if err != nil || stop.StopDate == nil {
			t.Fatalf("StopExecution = %+v, %v", stop, err)
		}
		if d := sfnDescribe(t, c, stopped); d.Status != sfntypes.ExecutionStatusAborted || aws.ToString(d.Error) != "Halt" {
			t.Errorf("stopped execution %+v", d)
		}
		for i := range 3 {
			sfnStart(t, c, arn, fmt.Sprint("more", i), `{"items":[],"kind":"bad"}`)
		}
		synctest.Wait()
		var listed []string
		list := sfn.NewListExecutionsPaginator(c, &sfn.ListExecutionsInput{StateMachineArn: aws.String(arn), StatusFilter: sfntypes.ExecutionStatusFailed, MaxResults: 2})
		for list.HasMorePages() {
			page, err := list.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range page.Executions {
				listed = append(listed, aws.ToString(x.Name))
			}
		}
		if len(listed) != 4 {
			t.Errorf("failed executions %v, want bad and more0-2", listed)
		}

		_, err = c.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(good + "x")})
		if wantAs[*sfntypes.ExecutionDoesNotExist](t, "describe a missing execution", err) {
			wantError(t, "describe a missing execution", err, "ExecutionDoesNotExist", "Execution Does Not Exist: '"+good+"x'")
		}
		_, err = c.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(good + "x")})
		wantAs[*sfntypes.ExecutionDoesNotExist](t, "stop a missing execution", err)
		_, err = c.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(arn)})
		wantAs[*sfntypes.InvalidArn](t, "history of a machine ARN", err)
		_, err = c.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: aws.String(sfnMachines + "nope")})
		wantAs[*sfntypes.StateMachineDoesNotExist](t, "list a missing machine", err)
		_, err = c.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: aws.String(bad)})
		wantAs[*sfntypes.ExecutionNotRedrivable](t, "redrive", err)
		runs, err := c.ListMapRuns(ctx, &sfn.ListMapRunsInput{ExecutionArn: aws.String(good)})
		if err != nil || len(runs.MapRuns) != 0 {
			t.Errorf("ListMapRuns = %+v, %v", runs, err)
		}
		_, err = c.DescribeMapRun(ctx, &sfn.DescribeMapRunInput{MapRunArn: aws.String("arn:aws:states:us-east-1:000000000000:mapRun:flow/m:1")})
		wantAs[*sfntypes.ResourceNotFound](t, "describe a map run", err)
		_, err = c.UpdateMapRun(ctx, &sfn.UpdateMapRunInput{MapRunArn: aws.String("arn:aws:states:us-east-1:000000000000:mapRun:flow/m:1"), MaxConcurrency: aws.Int32(2)})
		wantAs[*sfntypes.ResourceNotFound](t, "update a map run", err)

		// A machine deleted while an execution runs is DELETING until it ends.
		busy := sfnStart(t, c, waits, "busy", "{}")
		if _, err := c.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(waits)}); err != nil {
			t.Fatal(err)
		}
		_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(waits)})
		wantAs[*sfntypes.StateMachineDeleting](t, "start a deleting machine", err)
		if _, err := c.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(busy)}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(waits)})
		wantAs[*sfntypes.StateMachineDoesNotExist](t, "describe the deleted machine", err)
	})
}

func TestSFNExpress(t *testing.T) {
	sfnInMemory(t, func(t *testing.T, c *sfn.Client, _ *env) {
		ctx := t.Context()
		arn := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("quick"), Definition: aws.String(sfnFlow),
			Type: sfntypes.StateMachineTypeExpress}).StateMachineArn)
		out, err := c.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(arn), Name: aws.String("s"),
			Input: aws.String(`{"items":[5],"kind":"good"}`), TraceHeader: aws.String("Root=1-abc")})
		if err != nil {
			t.Fatal(err)
		}
		if out.Status != sfntypes.SyncExecutionStatusSucceeded || aws.ToString(out.Output) != `{"fan":[{"n":1},[{"v":5}]],"items":[5],"kind":"good"}` ||
			aws.ToString(out.Name) != "s" || aws.ToString(out.StateMachineArn) != arn || aws.ToString(out.TraceHeader) != "Root=1-abc" ||
			out.BillingDetails == nil || out.BillingDetails.BilledDurationInMilliseconds != 30000 {
			t.Errorf("StartSyncExecution = %+v", out)
		}
		failed, err := c.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(arn), Input: aws.String(`{"items":[],"kind":"bad"}`)})
		if err != nil || failed.Status != sfntypes.SyncExecutionStatusFailed || aws.ToString(failed.Error) != "Rejected" {
			t.Errorf("failed StartSyncExecution = %+v, %v", failed, err)
		}
		async := sfnStart(t, c, arn, "", `{"items":[],"kind":"bad"}`)
		_, err = c.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(async)})
		if wantAs[*sfntypes.InvalidArn](t, "describe an express execution", err) {
			wantError(t, "describe an express execution", err, "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'")
		}
		_, err = c.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: aws.String(arn)})
		wantAs[*sfntypes.StateMachineTypeNotSupported](t, "list express executions", err)

		standard := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("slow"), Definition: aws.String(sfnPass(1))}).StateMachineArn)
		_, err = c.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(standard)})
		if wantAs[*sfntypes.StateMachineTypeNotSupported](t, "sync start of a standard machine", err) {
			wantError(t, "sync start of a standard machine", err, "StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
		}
		_, err = c.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(arn), Input: aws.String("nope")})
		wantAs[*sfntypes.InvalidExecutionInput](t, "sync start with bad input", err)
		_, err = c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("express-activity"), RoleArn: aws.String(sfnRole), Type: sfntypes.StateMachineTypeExpress,
			Definition: aws.String(`{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"` + sfnActivity + `x","End":true}}}`)})
		wantAs[*sfntypes.InvalidDefinition](t, "express machine with an activity", err)
	})
}

// sfnWorker polls an activity through the SDK until ctx ends, answering
// each task with its input's n doubled, or failing it when n is negative.
func sfnWorker(ctx context.Context, c *sfn.Client, activity string, handled chan<- string) {
	for ctx.Err() == nil {
		task, err := c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String(activity), WorkerName: aws.String("worker-1")})
		if err != nil || task.TaskToken == nil {
			continue
		}
		var in struct{ N int }
		_ = json.Unmarshal([]byte(aws.ToString(task.Input)), &in)
		_, _ = c.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: task.TaskToken})
		if in.N < 0 {
			_, _ = c.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: task.TaskToken, Error: aws.String("Negative"), Cause: aws.String(fmt.Sprint(in.N))})
		} else {
			_, _ = c.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: aws.String(fmt.Sprintf(`{"n":%d}`, 2*in.N))})
		}
		handled <- aws.ToString(task.TaskToken)
	}
}

// sfnActivityMachine runs a Map of activity tasks, catching failures.
func sfnActivityMachine(activity string) string {
	return `{"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.jobs","ItemProcessor":{"StartAt":"Work","States":{
	  "Work":{"Type":"Task","Resource":"` + activity + `","HeartbeatSeconds":60,"End":true,
	    "Catch":[{"ErrorEquals":["Negative"],"ResultPath":"$.error","Next":"Skipped"}]},
	  "Skipped":{"Type":"Pass","Result":"skipped","End":true}}},"End":true}}}`
}

func TestSFNActivityWorker(t *testing.T) {
	sfnInMemory(t, func(t *testing.T, c *sfn.Client, _ *env) {
		ctx := t.Context()
		act, err := c.CreateActivity(ctx, &sfn.CreateActivityInput{Name: aws.String("double")})
		if err != nil {
			t.Fatal(err)
		}
		activity := aws.ToString(act.ActivityArn)
		if activity != sfnActivity+"double" {
			t.Fatalf("ActivityArn %s", activity)
		}
		desc, err := c.DescribeActivity(ctx, &sfn.DescribeActivityInput{ActivityArn: aws.String(activity)})
		if err != nil || aws.ToString(desc.Name) != "double" || desc.CreationDate == nil {
			t.Errorf("DescribeActivity = %+v, %v", desc, err)
		}
		list, err := c.ListActivities(ctx, &sfn.ListActivitiesInput{})
		if err != nil || len(list.Activities) != 1 {
			t.Errorf("ListActivities = %+v, %v", list, err)
		}

		workerCtx, stopWorker := context.WithCancel(ctx)
		handled := make(chan string, 10)
		done := make(chan struct{})
		go func() {
			defer close(done)
			sfnWorker(workerCtx, c, activity, handled)
		}()

		arn := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("jobs"), Definition: aws.String(sfnActivityMachine(activity))}).StateMachineArn)
		exec := sfnStart(t, c, arn, "", `{"jobs":[{"n":1},{"n":-2},{"n":3}]}`)
		var tokens []string
		for range 3 {
			tokens = append(tokens, <-handled)
		}
		synctest.Wait()
		d := sfnDescribe(t, c, exec)
		if d.Status != sfntypes.ExecutionStatusSucceeded || aws.ToString(d.Output) != `[{"n":2},"skipped",{"n":6}]` {
			t.Errorf("execution %s: %s", d.Status, aws.ToString(d.Output))
		}
		stopWorker()
		<-done

		_, err = c.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(tokens[0]), Output: aws.String("{}")})
		if wantAs[*sfntypes.TaskDoesNotExist](t, "answer an ended task", err) {
			wantError(t, "answer an ended task", err, "TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'")
		}
		_, err = c.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String("not-a-token")})
		wantAs[*sfntypes.InvalidToken](t, "fail a garbage token", err)
		_, err = c.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: aws.String("not-a-token")})
		wantAs[*sfntypes.InvalidToken](t, "beat a garbage token", err)

		// An answer after the task's TimeoutSeconds is too late.
		slow := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("slow"),
			Definition: aws.String(`{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"` + activity + `","TimeoutSeconds":5,"End":true}}}`)}).StateMachineArn)
		late := sfnStart(t, c, slow, "", "{}")
		task, err := c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String(activity)})
		if err != nil || task.TaskToken == nil {
			t.Fatalf("GetActivityTask = %+v, %v", task, err)
		}
		time.Sleep(6 * time.Second)
		synctest.Wait()
		_, err = c.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: aws.String("{}")})
		wantAs[*sfntypes.TaskTimedOut](t, "answer a timed-out task", err)
		if d := sfnDescribe(t, c, late); d.Status != sfntypes.ExecutionStatusFailed || aws.ToString(d.Error) != "States.Timeout" {
			t.Errorf("timed-out execution %s %s", d.Status, aws.ToString(d.Error))
		}

		// With no task, a poll waits 60 s and returns nothing.
		start := time.Now()
		empty, err := c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String(activity)})
		if err != nil || empty.TaskToken != nil || time.Since(start) != 60*time.Second {
			t.Errorf("empty poll = %+v, %v after %v", empty, err, time.Since(start))
		}

		if _, err := c.DeleteActivity(ctx, &sfn.DeleteActivityInput{ActivityArn: aws.String(activity)}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeActivity(ctx, &sfn.DescribeActivityInput{ActivityArn: aws.String(activity)})
		if wantAs[*sfntypes.ActivityDoesNotExist](t, "describe a deleted activity", err) {
			wantError(t, "describe a deleted activity", err, "ActivityDoesNotExist", "Activity Does Not Exist: '"+activity+"'")
		}
		_, err = c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String(activity)})
		wantAs[*sfntypes.ActivityDoesNotExist](t, "poll a deleted activity", err)
		_, err = c.CreateActivity(ctx, &sfn.CreateActivityInput{Name: aws.String("bad name")})
		wantAs[*sfntypes.InvalidName](t, "activity with a bad name", err)
		_, err = c.DescribeActivity(ctx, &sfn.DescribeActivityInput{ActivityArn: aws.String(arn)})
		wantAs[*sfntypes.InvalidArn](t, "describe a machine as an activity", err)
	})
}

func TestSFNValidateAndTestState(t *testing.T) {
	sfnInMemory(t, func(t *testing.T, c *sfn.Client, _ *env) {
		ctx := t.Context()
		ok, err := c.ValidateStateMachineDefinition(ctx, &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(sfnFlow)})
		if err != nil || ok.Result != sfntypes.ValidateStateMachineDefinitionResultCodeOk || len(ok.Diagnostics) != 0 {
			t.Errorf("valid definition: %+v, %v", ok, err)
		}
		bad, err := c.ValidateStateMachineDefinition(ctx, &sfn.ValidateStateMachineDefinitionInput{
			Definition: aws.String(`{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}`)})
		if err != nil || bad.Result != sfntypes.ValidateStateMachineDefinitionResultCodeFail || len(bad.Diagnostics) != 1 ||
			aws.ToString(bad.Diagnostics[0].Code) != "MISSING_TRANSITION_TARGET" || aws.ToString(bad.Diagnostics[0].Location) != "/States/A/Next" ||
			bad.Diagnostics[0].Severity != sfntypes.ValidateStateMachineDefinitionSeverityError {
			t.Errorf("invalid definition: %+v, %v", bad, err)
		}

		tested, err := c.TestState(ctx, &sfn.TestStateInput{Definition: aws.String(`{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":0,"Next":"Neg"}],"Default":"Pos"}`),
			Input: aws.String(`{"n":-1}`), RoleArn: aws.String(sfnRole), InspectionLevel: sfntypes.InspectionLevelDebug})
		if err != nil || tested.Status != sfntypes.TestExecutionStatusSucceeded || aws.ToString(tested.NextState) != "Neg" ||
			tested.InspectionData == nil || aws.ToString(tested.InspectionData.Input) != `{"n":-1}` {
			t.Errorf("TestState = %+v, %v", tested, err)
		}
		caught, err := c.TestState(ctx, &sfn.TestStateInput{StateName: aws.String("Reject"), Definition: aws.String(sfnFlow)})
		if err != nil || caught.Status != sfntypes.TestExecutionStatusFailed || aws.ToString(caught.Error) != "Rejected" {
			t.Errorf("TestState of one state of a machine = %+v, %v", caught, err)
		}
		_, err = c.TestState(ctx, &sfn.TestStateInput{Definition: aws.String(`{"Type":"Bogus"}`)})
		wantAs[*sfntypes.InvalidDefinition](t, "TestState of a bad state", err)
		_, err = c.TestState(ctx, &sfn.TestStateInput{Definition: aws.String(`{"Type":"Pass","End":true}`), Input: aws.String("{")})
		wantAs[*sfntypes.InvalidExecutionInput](t, "TestState on bad input", err)
	})
}

// TestSFNOverLoopback runs a subset through a real socket to the
// emulator: the HTTP path, StartSyncExecution (whose "sync-" host prefix
// the client is told not to add), and an activity worker.
func TestSFNOverLoopback(t *testing.T) {
	s := loopback(t)
	c := newSFN(s.URL, s.client)
	ctx := t.Context()
	express := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("quick"), Definition: aws.String(sfnPass(7)),
		Type: sfntypes.StateMachineTypeExpress}).StateMachineArn)
	out, err := c.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(express), Input: aws.String(`{}`)})
	if err != nil || out.Status != sfntypes.SyncExecutionStatusSucceeded || aws.ToString(out.Output) != `{"v":7}` {
		t.Fatalf("StartSyncExecution over loopback = %+v, %v", out, err)
	}

	act, err := c.CreateActivity(ctx, &sfn.CreateActivityInput{Name: aws.String("double")})
	if err != nil {
		t.Fatal(err)
	}
	activity := aws.ToString(act.ActivityArn)
	standard := aws.ToString(sfnCreate(t, c, &sfn.CreateStateMachineInput{Name: aws.String("jobs"), Definition: aws.String(sfnActivityMachine(activity))}).StateMachineArn)
	exec := sfnStart(t, c, standard, "over-the-wire", `{"jobs":[{"n":4}]}`)
	task, err := c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String(activity)})
	if err != nil || aws.ToString(task.Input) != `{"n":4}` {
		t.Fatalf("GetActivityTask = %+v, %v", task, err)
	}
	if _, err := c.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: aws.String(`{"n":8}`)}); err != nil {
		t.Fatal(err)
	}
	sm, ok := s.Account.StateMachine("jobs")
	if !ok {
		t.Fatal("the account has no state machine jobs")
	}
	run, err := sm.Execution(exec)
	if err != nil {
		t.Fatal(err)
	}
	waitCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := run.Wait(waitCtx); err != nil {
		t.Fatal(err)
	}
	d := sfnDescribe(t, c, exec)
	if d.Status != sfntypes.ExecutionStatusSucceeded || aws.ToString(d.Output) != `[{"n":8}]` {
		t.Errorf("execution over loopback %s %s", d.Status, aws.ToString(d.Output))
	}
	history, err := c.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(exec)})
	if err != nil || history.Events[0].Type != sfntypes.HistoryEventTypeExecutionStarted {
		t.Errorf("GetExecutionHistory = %v, %v", history, err)
	}
	var scheduled *sfntypes.ActivityScheduledEventDetails
	for _, ev := range history.Events {
		if ev.ActivityScheduledEventDetails != nil {
			scheduled = ev.ActivityScheduledEventDetails
		}
	}
	if scheduled == nil || aws.ToString(scheduled.Resource) != activity || aws.ToInt64(scheduled.HeartbeatInSeconds) != 60 {
		t.Errorf("ActivityScheduled details %+v", scheduled)
	}
	_, err = c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(sfnMachines + "nope")})
	if wantAs[*sfntypes.StateMachineDoesNotExist](t, "describe a missing machine over loopback", err) {
		wantError(t, "describe a missing machine over loopback", err, "StateMachineDoesNotExist", "State Machine Does Not Exist: '"+sfnMachines+"nope'")
	}
	// ListStateMachines models no ValidationException: the SDK reports it
	// by its code.
	_, err = c.ListStateMachines(ctx, &sfn.ListStateMachinesInput{MaxResults: 1001})
	wantError(t, "list with too large a page over loopback", err, "ValidationException", "")
}
