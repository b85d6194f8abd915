package awsfake

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/stepfn"
	"github.com/switchyard/switchyard/stream"
)

// runTask runs a one-state machine whose Task calls resource with
// parameters on input, resolved by the account as a state machine of its
// API would be, and returns the execution's description.
func runTask(t *testing.T, a *Account, resource, parameters, input string) stepfn.Description {
	t.Helper()
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + resource + `",` +
		`"Parameters":` + parameters + `,"End":true}}}`
	return runMachine(t, a, "task", def, input)
}

// runMachine runs def to its end.
func runMachine(t *testing.T, a *Account, name, def, input string) stepfn.Description {
	t.Helper()
	sm, err := stepfn.New(stepfn.Config{Name: name, Definition: def}, stepfn.WithAccount(a.region, a.id), stepfn.WithClock(a.clock), stepfn.WithResolver(a.taskHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sm.Close(context.Background()) })
	exec, err := sm.Start(context.Background(), stepfn.StartInput{Input: input})
	if err != nil {
		t.Fatal(err)
	}
	d, err := exec.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustCall(t *testing.T, api jsonCaller, op, input string) map[string]any {
	t.Helper()
	out, err := api.Call(context.Background(), op, []byte(input))
	if err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTaskSendsToSQS(t *testing.T) {
	a := New(Config{})
	url := mustCall(t, a.sqs, "CreateQueue", `{"QueueName":"jobs"}`)["QueueUrl"].(string)
	d := runTask(t, a, "arn:aws:states:::sqs:sendMessage",
		`{"QueueUrl":"`+url+`","MessageBody":{"order.$":"$.order"}}`, `{"order":42}`)
	if d.Status != stepfn.Succeeded || !strings.Contains(d.Output, `"MessageId"`) || !strings.Contains(d.Output, `"MD5OfMessageBody"`) {
		t.Fatalf("execution: %+v", d)
	}
	got := mustCall(t, a.sqs, "ReceiveMessage", `{"QueueUrl":"`+url+`"}`)
	msgs, _ := got["Messages"].([]any)
	if len(msgs) != 1 || msgs[0].(map[string]any)["Body"] != `{"order":42}` {
		t.Fatalf("received %v; want the parameters' MessageBody as its JSON text", got)
	}
}

func TestTaskFailuresAreNamedByService(t *testing.T) {
	tests := []struct {
		name, resource, parameters string
		wantError                  string
	}{
		{"missing queue", "arn:aws:states:::sqs:sendMessage",
			`{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/nope","MessageBody":"x"}`, "SQS.QueueDoesNotExistException"},
		{"missing topic", "arn:aws:states:::sns:publish",
			`{"TopicArn":"arn:aws:sns:us-east-1:000000000000:nope","Message":"x"}`, "SNS.NotFoundException"},
		{"SDK integration of a missing queue", "arn:aws:states:::aws-sdk:sqs:getQueueUrl",
			`{"QueueName":"nope"}`, "Sqs.QueueDoesNotExistException"},
		{"missing state machine", "arn:aws:states:::states:startExecution.sync",
			`{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:nope"}`, "StepFunctions.StateMachineDoesNotExistException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runTask(t, New(Config{}), tt.resource, tt.parameters, `{}`)
			if d.Status != stepfn.Failed || d.Error != tt.wantError {
				t.Fatalf("execution: %+v; want it FAILED with %s", d, tt.wantError)
			}
		})
	}
}

func TestTaskPublishesToSNS(t *testing.T) {
	a := New(Config{})
	queueURL := mustCall(t, a.sqs, "CreateQueue", `{"QueueName":"inbox"}`)["QueueUrl"].(string)
	if _, err := a.sns.Call("CreateTopic", wire.FormOf(url.Values{"Name": {"news"}})); err != nil {
		t.Fatal(err)
	}
	topicARN := a.arn("sns", "news")
	if _, err := a.sns.Call("Subscribe", wire.FormOf(url.Values{
		"TopicArn": {topicARN}, "Protocol": {"sqs"}, "Endpoint": {a.arn("sqs", "inbox")},
		"Attributes.entry.1.key": {"RawMessageDelivery"}, "Attributes.entry.1.value": {"true"},
	})); err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		d := runTask(t, a, "arn:aws:states:::sns:publish",
			`{"TopicArn":"`+topicARN+`","Message":{"hello.$":"$.who"},"MessageAttributes":{"kind":{"DataType":"String","StringValue":"greeting"}}}`, `{"who":"world"}`)
		if d.Status != stepfn.Succeeded || !strings.Contains(d.Output, `"MessageId"`) {
			t.Fatalf("execution: %+v", d)
		}
		got := mustCall(t, a.sqs, "ReceiveMessage", `{"QueueUrl":"`+queueURL+`","WaitTimeSeconds":1,"MessageAttributeNames":["All"]}`)
		msgs, _ := got["Messages"].([]any)
		if len(msgs) != 1 {
			t.Fatalf("received %v", got)
		}
		m := msgs[0].(map[string]any)
		if m["Body"] != `{"hello":"world"}` || !strings.Contains(mustJSON(t, m["MessageAttributes"]), `"greeting"`) {
			t.Fatalf("message %v; want the Message as JSON text with its attribute", m)
		}
	})
}

func TestTaskStartsExecutions(t *testing.T) {
	a := New(Config{})
	def, _ := json.Marshal(`{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.n, $.n)"},"End":true}}}`)
	mustCall(t, a.sfn, "CreateStateMachine", `{"name":"child","roleArn":"arn:aws:iam::000000000000:role/r","definition":`+string(def)+`}`)
	child, ok := a.StateMachine("child")
	if !ok {
		t.Fatal("CreateStateMachine made no state machine")
	}
	tests := []struct {
		resource string
		want     string
	}{
		{"arn:aws:states:::states:startExecution", `"ExecutionArn":"arn:aws:states:us-east-1:000000000000:execution:child:`},
		{"arn:aws:states:::states:startExecution.sync", `"Output":"{\"doubled\":4}"`},
		{"arn:aws:states:::states:startExecution.sync:2", `"Output":{"doubled":4}`},
	}
	for _, tt := range tests {
		t.Run(tt.resource, func(t *testing.T) {
			d := runTask(t, a, tt.resource, `{"StateMachineArn":"`+child.ARN()+`","Input":{"n.$":"$.n"}}`, `{"n":2}`)
			if d.Status != stepfn.Succeeded || !strings.Contains(d.Output, tt.want) {
				t.Fatalf("execution: %+v; want output with %s", d, tt.want)
			}
		})
	}
}

func TestUnknownResourcesHaveNoHandler(t *testing.T) {
	a := New(Config{})
	for _, r := range []string{
		"arn:aws:states:::dynamodb:putItem",
		"arn:aws:states:::aws-sdk:s3:putObject",
		"arn:aws:states:::aws-sdk:sqs",
		"arn:aws:states:::sqs:sendMessage.sync",
		"arn:aws:ecs:us-east-1:000000000000:task/x",
	} {
		if h := a.taskHandler(r); h != nil {
			t.Errorf("taskHandler(%q) = %v, want nil", r, h)
		}
	}
}

func TestSDKIntegrationBlobsAreText(t *testing.T) {
	tests := []struct{ service, operation, in, want string }{
		{"kinesis", "PutRecord", `{"StreamName":"s","Data":"hi","PartitionKey":"k"}`, `"Data":"aGk="`},
		{"kinesis", "PutRecord", `{"Data":{"a":1}}`, `"Data":"eyJhIjoxfQ=="`},
		{"kinesis", "PutRecords", `{"Records":[{"Data":"hi"},{"Data":"yo"}]}`, `[{"Data":"aGk="},{"Data":"eW8="}]`},
		{"firehose", "PutRecord", `{"Record":{"Data":"hi"}}`, `"Record":{"Data":"aGk="}`},
		{"firehose", "PutRecordBatch", `{"Records":[{"Data":"hi"}]}`, `[{"Data":"aGk="}]`},
		{"sqs", "SendMessage", `{"MessageBody":"hi"}`, `{"MessageBody":"hi"}`},
	}
	for _, tt := range tests {
		got, err := blobsAsBase64(tt.service, tt.operation, json.RawMessage(tt.in))
		if err != nil || !strings.Contains(string(got), tt.want) {
			t.Errorf("%s %s: %s, %v; want it to hold %s", tt.service, tt.operation, got, err, tt.want)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTaskInvokesFunctions(t *testing.T) {
	a := New(Config{})
	double := a.RegisterFunction("double", func(_ context.Context, payload []byte) ([]byte, error) {
		var in struct{ N int }
		if err := json.Unmarshal(payload, &in); err != nil {
			return nil, err
		}
		if in.N < 0 {
			return nil, &FunctionError{Type: "NegativeNumber", Message: "n is negative"}
		}
		return json.Marshal(map[string]int{"n": 2 * in.N})
	})
	tests := []struct {
		name, resource, parameters, input string
		status                            stepfn.Status
		want                              string // in the output, or the error name
	}{
		{"legacy ARN", double, `{"N.$":"$.n"}`, `{"n":4}`, stepfn.Succeeded, `{"n":8}`},
		{"lambda:invoke", "arn:aws:states:::lambda:invoke", `{"FunctionName":"double","Payload":{"N.$":"$.n"}}`, `{"n":4}`,
			stepfn.Succeeded, `{"ExecutedVersion":"$LATEST","Payload":{"n":8},"StatusCode":200}`},
		{"lambda:invoke by ARN", "arn:aws:states:::lambda:invoke", `{"FunctionName":"` + double + `:$LATEST","Payload":{"N":1}}`, `{}`,
			stepfn.Succeeded, `"Payload":{"n":2}`},
		{"lambda:invoke Event", "arn:aws:states:::lambda:invoke", `{"FunctionName":"double","InvocationType":"Event","Payload":{"N":1}}`, `{}`,
			stepfn.Succeeded, `{"Payload":"","StatusCode":202}`},
		{"function error", double, `{"N.$":"$.n"}`, `{"n":-1}`, stepfn.Failed, "NegativeNumber"},
		{"Go error named by its type", "arn:aws:states:::lambda:invoke", `{"FunctionName":"double","Payload":"not an object"}`, `{}`, stepfn.Failed, "UnmarshalTypeError"},
		{"missing function", "arn:aws:states:::lambda:invoke", `{"FunctionName":"nope"}`, `{}`, stepfn.Failed, "Lambda.ResourceNotFoundException"},
		{"missing legacy function", a.arn("lambda", "function:nope"), `{}`, `{}`, stepfn.Failed, "Lambda.ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := runTask(t, a, tt.resource, tt.parameters, tt.input)
				got := d.Output
				if d.Status != stepfn.Succeeded {
					got = d.Error
				}
				if d.Status != tt.status || !strings.Contains(got, tt.want) {
					t.Fatalf("execution: %+v; want %s with %s", d, tt.status, tt.want)
				}
				if tt.status == stepfn.Failed && tt.want == "NegativeNumber" && d.Cause != `{"errorType":"NegativeNumber","errorMessage":"n is negative"}` {
					t.Fatalf("cause %s; want Lambda's error payload", d.Cause)
				}
			})
		})
	}
}

func TestTaskCallsKinesisThroughTheSDKIntegration(t *testing.T) {
	a := New(Config{})
	mustCall(t, a.kinesis, "CreateStream", `{"StreamName":"clicks","ShardCount":1}`)
	d := runTask(t, a, "arn:aws:states:::aws-sdk:kinesis:putRecord",
		`{"StreamName":"clicks","PartitionKey":"k","Data.$":"States.JsonToString($)"}`, `{"page":"/"}`)
	if d.Status != stepfn.Succeeded || !strings.Contains(d.Output, `"SequenceNumber"`) {
		t.Fatalf("execution: %+v", d)
	}
	s, _ := a.Stream("clicks")
	for r, err := range s.Records("shardId-000000000000", stream.StartingPosition{Type: stream.TrimHorizon}) {
		if err != nil {
			t.Fatal(err)
		}
		if string(r.Data) != `{"page":"/"}` {
			t.Fatalf("record data %q; want the parameter's text", r.Data)
		}
		return
	}
	t.Fatal("no record in the stream")
}

func TestTaskWaitsForTheTokenItSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := New(Config{})
		url := mustCall(t, a.sqs, "CreateQueue", `{"QueueName":"approvals"}`)["QueueUrl"].(string)
		def := `{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",` +
			`"Parameters":{"QueueUrl":"` + url + `","MessageBody":{"token.$":"$$.Task.Token","order.$":"$.order"}},"End":true}}}`
		sm, err := stepfn.New(stepfn.Config{Name: "approve", Definition: def}, stepfn.WithAccount(a.region, a.id), stepfn.WithClock(a.clock), stepfn.WithResolver(a.taskHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer sm.Close(context.Background())
		exec, err := sm.Start(context.Background(), stepfn.StartInput{Input: `{"order":7}`})
		if err != nil {
			t.Fatal(err)
		}
		got := mustCall(t, a.sqs, "ReceiveMessage", `{"QueueUrl":"`+url+`","WaitTimeSeconds":5}`)
		msgs, _ := got["Messages"].([]any)
		if len(msgs) != 1 {
			t.Fatalf("received %v; want the task's message", got)
		}
		var body struct {
			Token string
			Order int
		}
		if err := json.Unmarshal([]byte(msgs[0].(map[string]any)["Body"].(string)), &body); err != nil || body.Token == "" || body.Order != 7 {
			t.Fatalf("message body %v (%v); want the token and the order", msgs[0], err)
		}
		synctest.Wait()
		if exec.Status() != stepfn.Running {
			t.Fatalf("status %s before the token came back; want RUNNING", exec.Status())
		}
		if err := sm.SendTaskSuccess(body.Token, `{"approved":true}`); err != nil {
			t.Fatal(err)
		}
		d, err := exec.Wait(context.Background())
		if err != nil || d.Status != stepfn.Succeeded || d.Output != `{"approved":true}` {
			t.Fatalf("execution %+v, %v; want the token's output", d, err)
		}
	})
}
