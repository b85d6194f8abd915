package sdktest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/switchyard/switchyard/awsfake"
)

// Lambda through the real client (restJson1: the operation in the path,
// parameters in headers and the query, errors named by
// X-Amzn-ErrorType): Invoke in its three invocation types, the views of
// registered functions, event source mappings, and an SQS queue feeding a
// function, in memory in a synctest bubble and over a loopback socket.

// lenv is a fake account and Lambda and Kinesis clients pointed at it.
type lenv struct {
	*env
	L *lambda.Client
	K *kinesis.Client
}

// eachLambda runs f in memory (in a synctest bubble) and over loopback.
func eachLambda(t *testing.T, f func(t *testing.T, e *lenv)) {
	t.Run("inmemory", func(t *testing.T) {
		inMemory(t, func(t *testing.T, e *env) {
			hc := e.Account.HTTPClient()
			f(t, &lenv{env: e, L: newLambda(placeholderEndpoint, hc), K: newKinesis(placeholderEndpoint, hc)})
		})
	})
	t.Run("loopback", func(t *testing.T) {
		s := loopback(t)
		f(t, &lenv{env: s.env, L: newLambda(s.URL, s.client), K: newKinesis(s.URL, s.client)})
	})
}

// functionARN is the ARN of the function called name in the test account.
func functionARN(name string) string {
	return "arn:aws:lambda:" + region + ":" + account + ":function:" + name
}

// await waits for a value from ch: in a bubble the fake's goroutines run
// first, over loopback they run in real time.
func await[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

func TestLambdaInvoke(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		async := make(chan string, 1)
		e.Account.RegisterFunction("echo", func(_ context.Context, p []byte) ([]byte, error) { return p, nil })
		e.Account.RegisterFunction("async", func(_ context.Context, p []byte) ([]byte, error) {
			async <- string(p)
			return nil, nil
		})
		e.Account.RegisterFunction("fails", func(context.Context, []byte) ([]byte, error) {
			return nil, &awsfake.FunctionError{Type: "OrderRejected", Message: "no stock"}
		})
		tests := []struct {
			name      string
			in        lambda.InvokeInput
			status    int32
			payload   string
			funcError string
		}{
			{"request-response", lambda.InvokeInput{FunctionName: aws.String("echo"), Payload: []byte(`{"a":1}`)}, 200, `{"a":1}`, ""},
			{"by ARN with a qualifier", lambda.InvokeInput{FunctionName: aws.String(functionARN("echo")), Qualifier: aws.String("$LATEST"), Payload: []byte(`[1,2]`)}, 200, `[1,2]`, ""},
			{"no payload", lambda.InvokeInput{FunctionName: aws.String("echo")}, 200, `{}`, ""},
			{"function error", lambda.InvokeInput{FunctionName: aws.String("fails"), Payload: []byte(`{}`)}, 200, `{"errorMessage":"no stock","errorType":"OrderRejected"}`, "Unhandled"},
			{"event", lambda.InvokeInput{FunctionName: aws.String("async"), InvocationType: lambdatypes.InvocationTypeEvent, Payload: []byte(`"later"`)}, 202, ``, ""},
			{"dry run", lambda.InvokeInput{FunctionName: aws.String("echo"), InvocationType: lambdatypes.InvocationTypeDryRun}, 204, ``, ""},
		}
		for _, tt := range tests {
			out, err := e.L.Invoke(t.Context(), &tt.in)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if out.StatusCode != tt.status || string(out.Payload) != tt.payload || aws.ToString(out.FunctionError) != tt.funcError {
				t.Errorf("%s: status %d, payload %s, FunctionError %q; want %d, %s, %q",
					tt.name, out.StatusCode, out.Payload, aws.ToString(out.FunctionError), tt.status, tt.payload, tt.funcError)
			}
			if tt.status == 200 && aws.ToString(out.ExecutedVersion) != "$LATEST" {
				t.Errorf("%s: ExecutedVersion = %q", tt.name, aws.ToString(out.ExecutedVersion))
			}
		}
		if got := await(t, async, "the Event invocation"); got != `"later"` {
			t.Errorf("the Event invocation got %s", got)
		}

		out, err := e.L.Invoke(t.Context(), &lambda.InvokeInput{FunctionName: aws.String("fails"), LogType: lambdatypes.LogTypeTail})
		if err != nil {
			t.Fatal(err)
		}
		log, err := base64.StdEncoding.DecodeString(aws.ToString(out.LogResult))
		if err != nil || !strings.Contains(string(log), "START RequestId:") || !strings.Contains(string(log), `"errorType":"OrderRejected"`) {
			t.Errorf("LogResult %q decodes to %q (%v)", aws.ToString(out.LogResult), log, err)
		}
	})
}

func TestLambdaInvokeErrors(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		e.Account.RegisterFunction("echo", func(_ context.Context, p []byte) ([]byte, error) { return p, nil })
		invoke := func(in lambda.InvokeInput) error {
			_, err := e.L.Invoke(t.Context(), &in)
			return err
		}
		err := invoke(lambda.InvokeInput{FunctionName: aws.String("nope")})
		wantAs[*lambdatypes.ResourceNotFoundException](t, "missing function", err)
		wantError(t, "missing function", err, "ResourceNotFoundException", "Function not found: "+functionARN("nope"))

		err = invoke(lambda.InvokeInput{FunctionName: aws.String("nope"), InvocationType: lambdatypes.InvocationTypeEvent})
		wantAs[*lambdatypes.ResourceNotFoundException](t, "missing function, Event", err)

		err = invoke(lambda.InvokeInput{FunctionName: aws.String("echo"), Payload: []byte("not json")})
		wantAs[*lambdatypes.InvalidRequestContentException](t, "payload not JSON", err)
		wantError(t, "payload not JSON", err, "InvalidRequestContentException", "")

		err = invoke(lambda.InvokeInput{FunctionName: aws.String("echo:1"), Qualifier: aws.String("2")})
		wantAs[*lambdatypes.InvalidParameterValueException](t, "qualifiers differ", err)
		wantError(t, "qualifiers differ", err, "InvalidParameterValueException", "The derived qualifier from the function name does not match the specified qualifier.")

		// Lambda names the oversized-payload error RequestEntityTooLargeException,
		// which its model does not: the SDK reports a generic API error.
		err = invoke(lambda.InvokeInput{FunctionName: aws.String("echo"), InvocationType: lambdatypes.InvocationTypeEvent, Payload: []byte(`"` + strings.Repeat("a", 1<<20) + `"`)})
		wantError(t, "Event payload over 1 MB", err, "RequestEntityTooLargeException", "1048578 byte payload is too large for the Event invocation type (limit 1048576 bytes)")

		err = invoke(lambda.InvokeInput{FunctionName: aws.String("my function")})
		wantError(t, "bad name", err, "ValidationException", "")
		var generic *smithy.GenericAPIError
		if !errors.As(err, &generic) {
			t.Errorf("bad name: %T, want a generic API error (ValidationException is not modelled)", err)
		}
	})
}

func TestLambdaFunctions(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		e.Account.RegisterFunction("orders", func(_ context.Context, p []byte) ([]byte, error) { return p, nil })
		got, err := e.L.GetFunction(t.Context(), &lambda.GetFunctionInput{FunctionName: aws.String("orders")})
		if err != nil {
			t.Fatal(err)
		}
		c := got.Configuration
		if aws.ToString(c.FunctionName) != "orders" || aws.ToString(c.FunctionArn) != functionARN("orders") ||
			c.Runtime != lambdatypes.RuntimeProvidedal2023 || c.State != lambdatypes.StateActive || aws.ToString(c.Version) != "$LATEST" {
			t.Errorf("GetFunction: %+v", c)
		}
		cfg, err := e.L.GetFunctionConfiguration(t.Context(), &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(functionARN("orders"))})
		if err != nil || aws.ToString(cfg.FunctionName) != "orders" || cfg.LastUpdateStatus != lambdatypes.LastUpdateStatusSuccessful {
			t.Errorf("GetFunctionConfiguration: %+v, %v", cfg, err)
		}
		_, err = e.L.GetFunction(t.Context(), &lambda.GetFunctionInput{FunctionName: aws.String("nope")})
		wantAs[*lambdatypes.ResourceNotFoundException](t, "GetFunction nope", err)

		list, err := e.L.ListFunctions(t.Context(), &lambda.ListFunctionsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Functions) != 1 || aws.ToString(list.Functions[0].FunctionName) != "orders" {
			t.Errorf("ListFunctions = %+v", list.Functions)
		}
	})
}

func TestLambdaUnsupportedOperation(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		_, err := e.L.CreateFunction(t.Context(), &lambda.CreateFunctionInput{
			FunctionName: aws.String("f"), Role: aws.String("arn:aws:iam::000000000000:role/r"),
			Code: &lambdatypes.FunctionCode{ZipFile: []byte("zip")},
		})
		wantError(t, "CreateFunction", err, "UnknownOperationException", "")
		if err == nil || !strings.Contains(err.Error(), "Account.RegisterFunction") {
			t.Errorf("CreateFunction: %v, want a message that points to Account.RegisterFunction", err)
		}
	})
}

func TestLambdaEventSourceMappings(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		e.Account.RegisterFunction("fn", func(context.Context, []byte) ([]byte, error) { return nil, nil })
		e.Account.RegisterFunction("other", func(context.Context, []byte) ([]byte, error) { return nil, nil })
		createQueue(t, e.SQS, "jobs", nil)
		createQueue(t, e.SQS, "more", nil)

		created, err := e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{
			FunctionName: aws.String("fn"), EventSourceArn: aws.String(queueARN("jobs")),
			BatchSize: aws.Int32(5), FunctionResponseTypes: []lambdatypes.FunctionResponseType{lambdatypes.FunctionResponseTypeReportBatchItemFailures},
			ScalingConfig: &lambdatypes.ScalingConfig{MaximumConcurrency: aws.Int32(2)},
		})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(created.UUID)
		if aws.ToString(created.State) != "Creating" || aws.ToInt32(created.BatchSize) != 5 || aws.ToString(created.FunctionArn) != functionARN("fn") ||
			aws.ToString(created.EventSourceArn) != queueARN("jobs") || len(created.FunctionResponseTypes) != 1 ||
			created.ScalingConfig == nil || aws.ToInt32(created.ScalingConfig.MaximumConcurrency) != 2 || created.LastModified == nil {
			t.Errorf("CreateEventSourceMapping = %+v", created)
		}
		got, err := e.L.GetEventSourceMapping(t.Context(), &lambda.GetEventSourceMappingInput{UUID: aws.String(id)})
		if err != nil || aws.ToString(got.State) != "Enabled" || aws.ToString(got.StateTransitionReason) != "USER_INITIATED" {
			t.Errorf("GetEventSourceMapping = %+v, %v", got, err)
		}

		_, err = e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{FunctionName: aws.String(functionARN("fn")), EventSourceArn: aws.String(queueARN("jobs"))})
		wantAs[*lambdatypes.ResourceConflictException](t, "duplicate", err)
		wantError(t, "duplicate", err, "ResourceConflictException", `An event source mapping with SQS arn (" `+queueARN("jobs")+` ") and function (" fn ") already exists. Please update or delete the existing mapping with UUID `+id)
		_, err = e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{FunctionName: aws.String("nope"), EventSourceArn: aws.String(queueARN("jobs"))})
		wantAs[*lambdatypes.InvalidParameterValueException](t, "missing function", err)
		wantError(t, "missing function", err, "InvalidParameterValueException", "Function does not exist")
		_, err = e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{FunctionName: aws.String("fn"), EventSourceArn: aws.String(queueARN("nope"))})
		wantAs[*lambdatypes.InvalidParameterValueException](t, "missing queue", err)
		_, err = e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{FunctionName: aws.String("fn"), EventSourceArn: aws.String(queueARN("more")), BatchSize: aws.Int32(0)})
		wantError(t, "batch size 0", err, "ValidationException", "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1")
		_, err = e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{FunctionName: aws.String("fn"), EventSourceArn: aws.String(queueARN("more")), StartingPosition: lambdatypes.EventSourcePositionLatest})
		wantError(t, "starting position on a queue", err, "InvalidParameterValueException", "StartingPosition is not valid for SQS event sources.")

		var ids []string
		ids = append(ids, id)
		for _, in := range []lambda.CreateEventSourceMappingInput{
			{FunctionName: aws.String("other"), EventSourceArn: aws.String(queueARN("jobs")), Enabled: aws.Bool(false)},
			{FunctionName: aws.String("fn"), EventSourceArn: aws.String(queueARN("more"))},
		} {
			out, err := e.L.CreateEventSourceMapping(t.Context(), &in)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, aws.ToString(out.UUID))
		}
		var listed []string
		pages := lambda.NewListEventSourceMappingsPaginator(e.L, &lambda.ListEventSourceMappingsInput{MaxItems: aws.Int32(2)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range page.EventSourceMappings {
				listed = append(listed, aws.ToString(m.UUID))
			}
		}
		if !slices.Equal(listed, ids) {
			t.Errorf("paged list = %v, want %v", listed, ids)
		}
		byFunction, err := e.L.ListEventSourceMappings(t.Context(), &lambda.ListEventSourceMappingsInput{FunctionName: aws.String("fn"), EventSourceArn: aws.String(queueARN("more"))})
		if err != nil || len(byFunction.EventSourceMappings) != 1 || aws.ToString(byFunction.EventSourceMappings[0].UUID) != ids[2] {
			t.Errorf("filtered list = %+v, %v", byFunction, err)
		}

		upd, err := e.L.UpdateEventSourceMapping(t.Context(), &lambda.UpdateEventSourceMappingInput{UUID: aws.String(id), Enabled: aws.Bool(false), BatchSize: aws.Int32(8)})
		if err != nil || aws.ToString(upd.State) != "Disabling" || aws.ToInt32(upd.BatchSize) != 8 {
			t.Errorf("UpdateEventSourceMapping = %+v, %v", upd, err)
		}
		_, err = e.L.UpdateEventSourceMapping(t.Context(), &lambda.UpdateEventSourceMappingInput{UUID: aws.String(id), BatchSize: aws.Int32(20)})
		wantAs[*lambdatypes.InvalidParameterValueException](t, "batch over 10 without window", err)
		wantError(t, "batch over 10 without window", err, "InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")

		del, err := e.L.DeleteEventSourceMapping(t.Context(), &lambda.DeleteEventSourceMappingInput{UUID: aws.String(id)})
		if err != nil || aws.ToString(del.State) != "Deleting" {
			t.Errorf("DeleteEventSourceMapping = %+v, %v", del, err)
		}
		for what, call := range map[string]func() error{
			"Get": func() error {
				_, err := e.L.GetEventSourceMapping(t.Context(), &lambda.GetEventSourceMappingInput{UUID: aws.String(id)})
				return err
			},
			"Update": func() error {
				_, err := e.L.UpdateEventSourceMapping(t.Context(), &lambda.UpdateEventSourceMappingInput{UUID: aws.String(id), Enabled: aws.Bool(true)})
				return err
			},
			"Delete": func() error {
				_, err := e.L.DeleteEventSourceMapping(t.Context(), &lambda.DeleteEventSourceMappingInput{UUID: aws.String(id)})
				return err
			},
		} {
			err := call()
			wantAs[*lambdatypes.ResourceNotFoundException](t, what+" after Delete", err)
			wantError(t, what+" after Delete", err, "ResourceNotFoundException", "The resource you requested does not exist.")
		}
	})
}

// sqsLambdaRecord is the part of an SQS event's record the test reads.
type sqsLambdaRecord struct {
	MessageID         string            `json:"messageId"`
	Body              string            `json:"body"`
	MD5OfBody         string            `json:"md5OfBody"`
	Attributes        map[string]string `json:"attributes"`
	MessageAttributes map[string]struct {
		StringValue *string `json:"stringValue"`
		DataType    string  `json:"dataType"`
	} `json:"messageAttributes"`
	EventSource    string `json:"eventSource"`
	EventSourceARN string `json:"eventSourceARN"`
}

// TestLambdaSQSMapping feeds a function from a queue through the real SQS
// client: the event carries each message and its attributes, a handled
// message is deleted, and one the function reports as failed comes back
// after the visibility timeout.
func TestLambdaSQSMapping(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		url := createQueue(t, e.SQS, "orders", map[string]string{"VisibilityTimeout": "20"})
		calls := make(chan []sqsLambdaRecord, 10)
		var mu sync.Mutex
		failOnce := map[string]bool{"retry-me": true}
		e.Account.RegisterFunction("handle", func(_ context.Context, p []byte) ([]byte, error) {
			var ev struct {
				Records []sqsLambdaRecord `json:"Records"`
			}
			if err := json.Unmarshal(p, &ev); err != nil {
				return nil, err
			}
			type failure struct {
				ItemIdentifier string `json:"itemIdentifier"`
			}
			failures := []failure{}
			mu.Lock()
			for _, r := range ev.Records {
				if failOnce[r.Body] {
					failOnce[r.Body] = false
					failures = append(failures, failure{r.MessageID})
				}
			}
			mu.Unlock()
			calls <- ev.Records
			return json.Marshal(map[string]any{"batchItemFailures": failures})
		})
		if _, err := e.SQS.SendMessageBatch(t.Context(), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []sqstypes.SendMessageBatchRequestEntry{
			{Id: aws.String("1"), MessageBody: aws.String("hello"), MessageAttributes: map[string]sqstypes.MessageAttributeValue{
				"kind": {DataType: aws.String("String"), StringValue: aws.String("greeting")},
			}},
			{Id: aws.String("2"), MessageBody: aws.String("retry-me")},
		}}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{
			FunctionName: aws.String("handle"), EventSourceArn: aws.String(queueARN("orders")),
			FunctionResponseTypes: []lambdatypes.FunctionResponseType{lambdatypes.FunctionResponseTypeReportBatchItemFailures},
		}); err != nil {
			t.Fatal(err)
		}
		first := await(t, calls, "the first batch")
		for len(first) < 2 { // two pollers may each have received one message
			first = append(first, await(t, calls, "the rest of the first batch")...)
		}
		slices.SortFunc(first, func(a, b sqsLambdaRecord) int { return strings.Compare(a.Body, b.Body) })
		hello := first[0]
		if hello.Body != "hello" || hello.EventSource != "aws:sqs" || hello.EventSourceARN != queueARN("orders") ||
			hello.Attributes["ApproximateReceiveCount"] != "1" || hello.MessageAttributes["kind"].DataType != "String" ||
			aws.ToString(hello.MessageAttributes["kind"].StringValue) != "greeting" || hello.MD5OfBody != "5d41402abc4b2a76b9719d911017c592" {
			t.Errorf("record = %+v", hello)
		}
		if first[1].Body != "retry-me" {
			t.Errorf("first batch = %+v", first)
		}
		e.advance(t, 21*time.Second)
		again := await(t, calls, "the failed message again")
		if len(again) != 1 || again[0].Body != "retry-me" || again[0].Attributes["ApproximateReceiveCount"] != "2" {
			t.Errorf("after the visibility timeout the function got %+v", again)
		}
		for range 100 { // the deletes follow the function's return
			attrs := queueAttrs(t, e.SQS, url, sqstypes.QueueAttributeNameApproximateNumberOfMessages, sqstypes.QueueAttributeNameApproximateNumberOfMessagesNotVisible)
			if attrs["ApproximateNumberOfMessages"] == "0" && attrs["ApproximateNumberOfMessagesNotVisible"] == "0" {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Error("the handled messages were not deleted")
	})
}

// TestLambdaKinesisMapping feeds a function from a stream through the real
// Kinesis client: records come in order, as Lambda's Kinesis event, and a
// partial batch response makes the mapping retry from the first record
// it names.
func TestLambdaKinesisMapping(t *testing.T) {
	eachLambda(t, func(t *testing.T, e *lenv) {
		k := e.K
		if _, err := k.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String("clicks"), ShardCount: aws.Int32(1)}); err != nil {
			t.Fatal(err)
		}
		var seqs []string
		for _, d := range []string{"a", "b", "c"} {
			out, err := k.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String("clicks"), PartitionKey: aws.String("p"), Data: []byte(d)})
			if err != nil {
				t.Fatal(err)
			}
			seqs = append(seqs, aws.ToString(out.SequenceNumber))
		}
		type record struct {
			Kinesis struct {
				Data           []byte `json:"data"`
				SequenceNumber string `json:"sequenceNumber"`
				PartitionKey   string `json:"partitionKey"`
			} `json:"kinesis"`
			EventSource    string `json:"eventSource"`
			EventSourceARN string `json:"eventSourceARN"`
		}
		calls := make(chan []record, 10)
		first := true
		e.Account.RegisterFunction("clicks", func(_ context.Context, p []byte) ([]byte, error) {
			var ev struct {
				Records []record `json:"Records"`
			}
			if err := json.Unmarshal(p, &ev); err != nil {
				return nil, err
			}
			calls <- ev.Records
			if first { // calls for one shard never overlap
				first = false
				return []byte(`{"batchItemFailures":[{"itemIdentifier":"` + seqs[1] + `"}]}`), nil
			}
			return nil, nil
		})
		streamARN := "arn:aws:kinesis:" + region + ":" + account + ":stream/clicks"
		if _, err := e.L.CreateEventSourceMapping(t.Context(), &lambda.CreateEventSourceMappingInput{
			FunctionName: aws.String("clicks"), EventSourceArn: aws.String(streamARN), StartingPosition: lambdatypes.EventSourcePositionTrimHorizon,
			FunctionResponseTypes: []lambdatypes.FunctionResponseType{lambdatypes.FunctionResponseTypeReportBatchItemFailures},
		}); err != nil {
			t.Fatal(err)
		}
		data := func(rs []record) (out []string) {
			for _, r := range rs {
				out = append(out, string(r.Kinesis.Data))
			}
			return out
		}
		batch := await(t, calls, "the first batch")
		if got := data(batch); !slices.Equal(got, []string{"a", "b", "c"}) || batch[0].EventSource != "aws:kinesis" ||
			batch[0].EventSourceARN != streamARN || batch[0].Kinesis.SequenceNumber != seqs[0] || batch[0].Kinesis.PartitionKey != "p" {
			t.Errorf("first batch = %+v", batch)
		}
		e.advance(t, 2*time.Second) // the mapping's retry delay
		if got := data(await(t, calls, "the retry")); !slices.Equal(got, []string{"b", "c"}) {
			t.Errorf("retry = %v, want [b c]", got)
		}
	})
}
