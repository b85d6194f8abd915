package awsfake

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/stepfn"
)

// sqsSendMessage is arn:aws:states:::sqs:sendMessage: SendMessage with the
// task's parameters. A MessageBody that is not a string is sent as its
// JSON text.
func (a *Account) sqsSendMessage(ctx context.Context, _ stepfn.Task, params json.RawMessage) (json.RawMessage, error) {
	input, err := withText(params, "MessageBody")
	if err != nil {
		return nil, err
	}
	out, err := a.sqs.Call(ctx, "SendMessage", input)
	if err != nil {
		return nil, serviceFailure("SQS", err)
	}
	return out, nil
}

// snsPublishParams are sns:publish's parameters.
type snsPublishParams struct {
	TopicArn, TargetArn, PhoneNumber string
	Message                          json.RawMessage
	Subject, MessageStructure        string
	MessageGroupId                   string
	MessageDeduplicationId           string
	MessageAttributes                map[string]snsAttributeValue
}

type snsAttributeValue struct {
	DataType, StringValue string
	BinaryValue           []byte
}

// snsPublish is arn:aws:states:::sns:publish: Publish with the task's
// parameters. A Message that is not a string is published as its JSON
// text.
func (a *Account) snsPublish(_ context.Context, _ stepfn.Task, params json.RawMessage) (json.RawMessage, error) {
	var p snsPublishParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, serviceFailure("SNS", wire.ErrSerialization.WithMessage("The task's parameters are not a Publish request: "+err.Error()))
	}
	form := url.Values{"Action": {"Publish"}}
	set := func(key, value string) {
		if value != "" {
			form.Set(key, value)
		}
	}
	set("TopicArn", p.TopicArn)
	set("TargetArn", p.TargetArn)
	set("PhoneNumber", p.PhoneNumber)
	set("Message", text(p.Message))
	set("Subject", p.Subject)
	set("MessageStructure", p.MessageStructure)
	set("MessageGroupId", p.MessageGroupId)
	set("MessageDeduplicationId", p.MessageDeduplicationId)
	n := 0
	for name, v := range p.MessageAttributes {
		n++
		key := "MessageAttributes.entry." + strconv.Itoa(n)
		form.Set(key+".Name", name)
		form.Set(key+".Value.DataType", v.DataType)
		set(key+".Value.StringValue", v.StringValue)
		if v.BinaryValue != nil {
			form.Set(key+".Value.BinaryValue", base64.StdEncoding.EncodeToString(v.BinaryValue))
		}
	}
	out, err := a.sns.Call("Publish", wire.FormOf(form))
	if err != nil {
		return nil, serviceFailure("SNS", err)
	}
	return json.Marshal(out)
}

// eventsPutEvents is arn:aws:states:::events:putEvents: PutEvents with the
// task's parameters. An entry's Detail that is not a string is sent as its
// JSON text. An entry EventBridge refuses fails the task with
// EventBridge.FailedEntry.
func (a *Account) eventsPutEvents(ctx context.Context, _ stepfn.Task, params json.RawMessage) (json.RawMessage, error) {
	var p struct {
		Entries []map[string]json.RawMessage
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, serviceFailure("EventBridge", wire.ErrSerialization.WithMessage("The task's parameters are not a PutEvents request: "+err.Error()))
	}
	for _, e := range p.Entries {
		if d, ok := e["Detail"]; ok {
			e["Detail"], _ = json.Marshal(text(d))
		}
	}
	input, _ := json.Marshal(p)
	out, err := a.events.Call(ctx, "PutEvents", input)
	if err != nil {
		return nil, serviceFailure("EventBridge", err)
	}
	var res struct{ FailedEntryCount int }
	if json.Unmarshal(out, &res) == nil && res.FailedEntryCount > 0 {
		return nil, &stepfn.Failure{Name: "EventBridge.FailedEntry", Cause: string(out)}
	}
	return out, nil
}

// lambdaInvoke is arn:aws:states:::lambda:invoke: the function's result is
// the task's Payload, beside Lambda's StatusCode and ExecutedVersion. An
// InvocationType of "Event" hands the payload over and returns at once.
func (a *Account) lambdaInvoke(ctx context.Context, _ stepfn.Task, params json.RawMessage) (json.RawMessage, error) {
	var p struct {
		FunctionName   string
		Payload        json.RawMessage
		InvocationType string
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, serviceFailure("Lambda", wire.ErrSerialization.WithMessage("The task's parameters are not an Invoke request: "+err.Error()))
	}
	if p.Payload == nil {
		p.Payload = json.RawMessage("{}")
	}
	type result struct {
		ExecutedVersion string          `json:",omitempty"`
		Payload         json.RawMessage `json:",omitempty"`
		StatusCode      int
	}
	if p.InvocationType == "Event" {
		if err := a.lambda.InvokeAsync(ctx, p.FunctionName, p.Payload); err != nil {
			return nil, lambdaFailure(err)
		}
		return json.Marshal(result{Payload: json.RawMessage(`""`), StatusCode: 202})
	}
	out, err := a.lambda.Invoke(ctx, p.FunctionName, p.Payload)
	if err != nil {
		return nil, lambdaFailure(err)
	}
	if !json.Valid(out) {
		out, _ = json.Marshal(string(out))
	}
	return json.Marshal(result{ExecutedVersion: "$LATEST", Payload: out, StatusCode: 200})
}

// How states:startExecution waits for the execution it starts.
type startMode int

const (
	noWait            startMode = iota // return once started
	waitForOutputText                  // .sync: wait, the output as JSON text
	waitForOutputJSON                  // .sync:2: wait, the output as JSON
)

// startExecution is arn:aws:states:::states:startExecution: it starts an
// execution of a state machine of the account and, for .sync and .sync:2,
// waits for it to end. A child that does not succeed fails the task with
// States.TaskFailed, its description as the cause; a task that ends first
// (timed out, stopped) stops the child, as Step Functions does.
func (a *Account) startExecution(mode startMode) integration {
	return func(ctx context.Context, _ stepfn.Task, params json.RawMessage) (json.RawMessage, error) {
		var p struct {
			StateMachineArn string
			Input           json.RawMessage
			Name            string
		}
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, serviceFailure("StepFunctions", wire.ErrSerialization.WithMessage("The task's parameters are not a StartExecution request: "+err.Error()))
		}
		exec, err := a.sfn.StartExecution(ctx, p.StateMachineArn, p.Name, text(p.Input))
		if err != nil {
			return nil, serviceFailure("StepFunctions", err)
		}
		if mode == noWait {
			d := exec.Describe()
			return json.Marshal(struct {
				ExecutionArn string
				StartDate    wire.Timestamp
			}{d.ExecutionARN, wire.Timestamp(d.StartDate)})
		}
		d, err := exec.Wait(ctx)
		if err != nil {
			exec.Stop("States.Aborted", "The parent task ended before the execution did.")
			return nil, err
		}
		out := describedExecution(d, mode)
		b, _ := json.Marshal(out)
		if d.Status != stepfn.Succeeded {
			return nil, &stepfn.Failure{Name: "States.TaskFailed", Cause: string(b)}
		}
		return b, nil
	}
}

// executionOutput is DescribeExecution's reply, as a .sync task's result.
type executionOutput struct {
	ExecutionArn    string
	StateMachineArn string
	Name            string
	Status          stepfn.Status
	StartDate       wire.Timestamp
	StopDate        wire.Timestamp `json:",omitzero"`
	Input           json.RawMessage
	Output          json.RawMessage `json:",omitempty"`
	Error           string          `json:",omitempty"`
	Cause           string          `json:",omitempty"`
}

func describedExecution(d stepfn.Description, mode startMode) executionOutput {
	out := executionOutput{
		ExecutionArn:    d.ExecutionARN,
		StateMachineArn: d.StateMachineARN,
		Name:            d.Name,
		Status:          d.Status,
		StartDate:       wire.Timestamp(d.StartDate),
		StopDate:        wire.Timestamp(d.StopDate),
		Error:           d.Error,
		Cause:           d.Cause,
	}
	out.Input, _ = json.Marshal(d.Input)
	if d.Status == stepfn.Succeeded {
		if mode == waitForOutputJSON && json.Valid([]byte(d.Output)) {
			out.Output = json.RawMessage(d.Output)
		} else {
			out.Output, _ = json.Marshal(d.Output)
		}
	}
	return out
}

// text returns a parameter that is JSON text as the text: a string's
// contents, any other JSON value's encoding.
func text(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

// withText returns params with the member named as text (see [text]).
func withText(params json.RawMessage, member string) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(params, &m); err != nil {
		return nil, wire.ErrSerialization.WithMessage("The task's parameters are not a JSON object.")
	}
	if v, ok := m[member]; ok {
		m[member], _ = json.Marshal(text(v))
	}
	return json.Marshal(m)
}

// blobsAsBase64 rewrites the blob members of the SDK integrations that
// carry records (Kinesis PutRecord and PutRecords, Firehose PutRecord and
// PutRecordBatch): Step Functions takes a record's Data as text, which
// the service's JSON API wants base64-encoded. Other operations pass
// through.
func blobsAsBase64(service, operation string, params json.RawMessage) ([]byte, error) {
	encode := func(v json.RawMessage) json.RawMessage {
		b, _ := json.Marshal([]byte(text(v)))
		return b
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(params, &m); err != nil {
		return nil, wire.ErrSerialization.WithMessage("The task's parameters are not a JSON object.")
	}
	records := func(member string, inner func(map[string]json.RawMessage)) {
		var rs []map[string]json.RawMessage
		if json.Unmarshal(m[member], &rs) != nil {
			return
		}
		for _, r := range rs {
			inner(r)
		}
		m[member], _ = json.Marshal(rs)
	}
	data := func(r map[string]json.RawMessage) {
		if d, ok := r["Data"]; ok {
			r["Data"] = encode(d)
		}
	}
	switch service + ":" + operation {
	case "kinesis:PutRecord":
		data(m)
	case "kinesis:PutRecords", "firehose:PutRecordBatch":
		records("Records", data)
	case "firehose:PutRecord":
		var r map[string]json.RawMessage
		if json.Unmarshal(m["Record"], &r) == nil {
			data(r)
			m["Record"], _ = json.Marshal(r)
		}
	default:
		return params, nil
	}
	return json.Marshal(m)
}
