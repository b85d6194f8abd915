package lambdaapi_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/queue"
)

// mappingFixture is a service with a function, a standard queue, a FIFO
// queue and a stream, in a bubble.
func mappingFixture(t *testing.T) *fixture {
	f := newFixture(t)
	f.register("fn", echo)
	f.register("other", echo)
	f.queue(queue.Config[string]{Name: "q"})
	f.queue(queue.Config[string]{Name: "q.fifo", FIFO: true})
	f.stream("s", 2)
	return f
}

// TestCreateMappingShapes checks what CreateEventSourceMapping answers for
// each kind of source, with defaults filled in.
func TestCreateMappingShapes(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]any
		want map[string]any // members of the reply; UUID, LastModified and the ARN are checked apart
		not  []string       // members the reply must not have
	}{
		{
			name: "queue with defaults",
			in:   map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")},
			want: map[string]any{
				"BatchSize": 10.0, "MaximumBatchingWindowInSeconds": 0.0, "EventSourceArn": sqsARN("q"),
				"FunctionArn": fnARN("fn"), "State": "Creating", "StateTransitionReason": "USER_INITIATED",
				"FunctionResponseTypes": []any{},
			},
			not: []string{"StartingPosition", "ParallelizationFactor", "MaximumRetryAttempts", "DestinationConfig", "ScalingConfig", "FilterCriteria", "LastProcessingResult"},
		},
		{
			name: "queue with everything",
			in: map[string]any{
				"FunctionName": fnARN("fn") + ":live", "EventSourceArn": sqsARN("q"), "Enabled": false,
				"BatchSize": 100, "MaximumBatchingWindowInSeconds": 5, "FunctionResponseTypes": []string{"ReportBatchItemFailures"},
				"ScalingConfig": map[string]any{"MaximumConcurrency": 3}, "FilterCriteria": map[string]any{"Filters": []any{map[string]any{"Pattern": `{"body":{"k":["v"]}}`}}},
				"Tags": map[string]string{"team": "a"}, "KMSKeyArn": "arn:aws:kms:us-east-1:000000000000:key/k",
			},
			want: map[string]any{
				"BatchSize": 100.0, "MaximumBatchingWindowInSeconds": 5.0, "FunctionArn": fnARN("fn") + ":live", "State": "Creating",
				"FunctionResponseTypes": []any{"ReportBatchItemFailures"}, "ScalingConfig": map[string]any{"MaximumConcurrency": 3.0},
				"FilterCriteria": map[string]any{"Filters": []any{map[string]any{"Pattern": `{"body":{"k":["v"]}}`}}},
				"KMSKeyArn":      "arn:aws:kms:us-east-1:000000000000:key/k",
			},
		},
		{
			name: "stream with defaults",
			in:   map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON"},
			want: map[string]any{
				"BatchSize": 100.0, "MaximumBatchingWindowInSeconds": 0.0, "StartingPosition": "TRIM_HORIZON",
				"ParallelizationFactor": 1.0, "MaximumRecordAgeInSeconds": -1.0, "BisectBatchOnFunctionError": false,
				"MaximumRetryAttempts": -1.0, "TumblingWindowInSeconds": 0.0, "DestinationConfig": map[string]any{"OnFailure": map[string]any{}},
				"LastProcessingResult": "No records processed", "State": "Creating", "StateTransitionReason": "User action",
				"FunctionResponseTypes": []any{},
			},
			not: []string{"ScalingConfig", "StartingPositionTimestamp"},
		},
		{
			name: "stream with everything",
			in: map[string]any{
				"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "AT_TIMESTAMP",
				"StartingPositionTimestamp": 946684800, "BatchSize": 500, "MaximumBatchingWindowInSeconds": 10,
				"ParallelizationFactor": 4, "MaximumRecordAgeInSeconds": 3600, "BisectBatchOnFunctionError": true,
				"MaximumRetryAttempts": 3, "TumblingWindowInSeconds": 60, "FunctionResponseTypes": []string{"ReportBatchItemFailures"},
				"DestinationConfig": map[string]any{"OnFailure": map[string]any{"Destination": sqsARN("q")}},
			},
			want: map[string]any{
				"StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 946684800.0, "BatchSize": 500.0,
				"MaximumBatchingWindowInSeconds": 10.0, "ParallelizationFactor": 4.0, "MaximumRecordAgeInSeconds": 3600.0,
				"BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 3.0, "TumblingWindowInSeconds": 60.0,
				"DestinationConfig": map[string]any{"OnFailure": map[string]any{"Destination": sqsARN("q")}},
			},
		},
		{
			name: "stream consumer",
			in:   map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s") + "/consumer/c:1", "StartingPosition": "LATEST"},
			want: map[string]any{"EventSourceArn": kinesisARN("s") + "/consumer/c:1", "StartingPosition": "LATEST"},
		},
		{
			name: "FIFO queue",
			in:   map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q.fifo"), "BatchSize": 10},
			want: map[string]any{"BatchSize": 10.0, "EventSourceArn": sqsARN("q.fifo")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := mappingFixture(t)
				out := f.ok(http.MethodPost, "/2015-03-31/event-source-mappings/", tt.in)
				for k, want := range tt.want {
					if !reflect.DeepEqual(out[k], want) {
						t.Errorf("%s = %#v, want %#v", k, out[k], want)
					}
				}
				for _, k := range tt.not {
					if v, ok := out[k]; ok {
						t.Errorf("%s = %v, want none", k, v)
					}
				}
				id, _ := out["UUID"].(string)
				if len(id) != 36 || out["EventSourceMappingArn"] != "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:"+id {
					t.Errorf("UUID %q, EventSourceMappingArn %v", id, out["EventSourceMappingArn"])
				}
				if lm, _ := out["LastModified"].(float64); lm != float64(time.Now().UnixMilli())/1000 {
					t.Errorf("LastModified = %v, want now", out["LastModified"])
				}
				got := f.ok(http.MethodGet, mappingPath(id), nil)
				state := "Enabled"
				if tt.in["Enabled"] == false {
					state = "Disabled"
				}
				if got["State"] != state {
					t.Errorf("Get: State = %v, want %s", got["State"], state)
				}
				delete(got, "State")
				delete(out, "State")
				if !reflect.DeepEqual(got, out) {
					t.Errorf("Get = %v\nCreate answered %v", got, out)
				}
			})
		})
	}
}

// TestCreateMappingRefusals checks each way CreateEventSourceMapping
// refuses a mapping, and that a refusal creates nothing.
func TestCreateMappingRefusals(t *testing.T) {
	q, s := sqsARN("q"), kinesisARN("s")
	tests := []struct {
		name   string
		in     any
		status int
		code   string
		msg    string
	}{
		{"no function", map[string]any{"EventSourceArn": q}, 400, "ValidationException", "Value null at 'functionName' failed to satisfy constraint: Member must not be null"},
		{"bad function name", map[string]any{"FunctionName": "a b", "EventSourceArn": q}, 400, "ValidationException", "at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern"},
		{"function name too long", map[string]any{"FunctionName": fnARN(strings.Repeat("a", 64)) + ":" + strings.Repeat("q", 60), "EventSourceArn": q}, 400, "ValidationException", "Member must have length less than or equal to 140"},
		{"missing function", map[string]any{"FunctionName": "nope", "EventSourceArn": q}, 400, "InvalidParameterValueException", "Function does not exist"},
		{"no source", map[string]any{"FunctionName": "fn"}, 400, "InvalidParameterValueException", "Unrecognized event source."},
		{"not an ARN", map[string]any{"FunctionName": "fn", "EventSourceArn": "queue"}, 400, "InvalidParameterValueException", "Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : queue"},
		{"S3 source", map[string]any{"FunctionName": "fn", "EventSourceArn": "arn:aws:s3:::bucket"}, 400, "InvalidParameterValueException", "Unsupported source arn : arn:aws:s3:::bucket"},
		{"DynamoDB source", map[string]any{"FunctionName": "fn", "EventSourceArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x", "StartingPosition": "LATEST"}, 400, "InvalidParameterValueException", "Switchyard maps SQS queues and Kinesis streams only"},
		{"missing queue", map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("nope")}, 400, "InvalidParameterValueException", "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist."},
		{"missing stream", map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("nope"), "StartingPosition": "LATEST"}, 400, "InvalidParameterValueException", "Stream not found: " + kinesisARN("nope")},
		{"batch size 0", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "BatchSize": 0}, 400, "ValidationException", "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"batch size 10001", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "LATEST", "BatchSize": 10001}, 400, "ValidationException", "Member must have value less than or equal to 10000"},
		{"two violations", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "BatchSize": 0, "MaximumBatchingWindowInSeconds": 301}, 400, "ValidationException", "2 validation errors detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '301' at 'maximumBatchingWindowInSeconds'"},
		{"queue batch over 10 without window", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "BatchSize": 11}, 400, "InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"},
		{"FIFO batch over 10", map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q.fifo"), "BatchSize": 11, "MaximumBatchingWindowInSeconds": 1}, 400, "InvalidParameterValueException", "Maximum batch size must be between 1 and 10 inclusive"},
		{"queue with starting position", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "StartingPosition": "LATEST"}, 400, "InvalidParameterValueException", "StartingPosition is not valid for SQS event sources."},
		{"queue with bisect", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "BisectBatchOnFunctionError": true}, 400, "InvalidParameterValueException", "Unsupported BisectBatchOnFunctionError parameter for given event source mapping type."},
		{"queue with destination", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "DestinationConfig": map[string]any{}}, 400, "InvalidParameterValueException", "Unsupported DestinationConfig parameter for given event source mapping type."},
		{"stream with scaling", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "LATEST", "ScalingConfig": map[string]any{"MaximumConcurrency": 2}}, 400, "InvalidParameterValueException", "Unsupported ScalingConfig parameter for given event source mapping type."},
		{"scaling out of range", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "ScalingConfig": map[string]any{"MaximumConcurrency": 1}}, 400, "ValidationException", "at 'scalingConfig.maximumConcurrency'"},
		{"stream without position", map[string]any{"FunctionName": "fn", "EventSourceArn": s}, 400, "InvalidParameterValueException", "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null."},
		{"bad position", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "EARLIEST"}, 400, "ValidationException", "1 validation error detected: Value 'EARLIEST' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"},
		{"timestamp missing", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "AT_TIMESTAMP"}, 400, "InvalidParameterValueException", "Need to specify a timestamp"},
		{"timestamp in the future", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 4102444800}, 400, "InvalidParameterValueException", "StartingPositionTimestamp cannot be in the future."},
		{"record age under a minute", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "LATEST", "MaximumRecordAgeInSeconds": 59}, 400, "InvalidParameterValueException", "MaximumRecordAgeInSeconds must be -1 or between 60 and 604800."},
		{"retries out of range", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "LATEST", "MaximumRetryAttempts": -2}, 400, "ValidationException", "Value '-2' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to -1"},
		{"parallelization out of range", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "LATEST", "ParallelizationFactor": 11}, 400, "ValidationException", "at 'parallelizationFactor'"},
		{"on-success destination", map[string]any{"FunctionName": "fn", "EventSourceArn": s, "StartingPosition": "LATEST", "DestinationConfig": map[string]any{"OnSuccess": map[string]any{"Destination": q}}}, 400, "InvalidParameterValueException", "Unsupported DestinationConfig parameter for given event source mapping type."},
		{"bad response type", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "FunctionResponseTypes": []string{"Everything"}}, 400, "ValidationException", "Value '[Everything]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]"},
		{"bad filter", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "FilterCriteria": map[string]any{"Filters": []any{map[string]any{"Pattern": "{"}}}}, 400, "InvalidParameterValueException", "Invalid filter pattern definition."},
		{"filter without pattern", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "FilterCriteria": map[string]any{"Filters": []any{map[string]any{}}}}, 400, "InvalidParameterValueException", "Invalid filter pattern definition."},
		{"six filters", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "FilterCriteria": map[string]any{"Filters": []any{
			map[string]any{"Pattern": "{}"}, map[string]any{"Pattern": "{}"}, map[string]any{"Pattern": "{}"},
			map[string]any{"Pattern": "{}"}, map[string]any{"Pattern": "{}"}, map[string]any{"Pattern": "{}"}}}}, 400, "InvalidParameterValueException", "exceeds the limit of 5 filters"},
		{"Kafka topics", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "Topics": []string{"t"}}, 400, "InvalidParameterValueException", "Unsupported Topics parameter for given event source mapping type."},
		{"batch size not a number", map[string]any{"FunctionName": "fn", "EventSourceArn": q, "BatchSize": "ten"}, 400, "InvalidRequestContentException", "Could not parse request body into json: unexpected JSON string for member BatchSize."},
		{"body an array", []any{1}, 400, "InvalidRequestContentException", "Could not parse request body into json: the request body is not a JSON object."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := mappingFixture(t)
				wantError(t, f.call(http.MethodPost, "/2015-03-31/event-source-mappings/", tt.in), tt.status, tt.code, tt.msg)
				if l := f.ok(http.MethodGet, "/2015-03-31/event-source-mappings/", nil)["EventSourceMappings"].([]any); len(l) != 0 {
					t.Errorf("a refused create left %v", l)
				}
			})
		})
	}
	t.Run("not JSON", func(t *testing.T) {
		f := newFixture(t)
		r := f.do(http.MethodPost, "/2015-03-31/event-source-mappings/", nil, []byte("{"))
		wantError(t, r, 400, "InvalidRequestContentException", "Could not parse request body into json: the request body is not valid JSON")
	})
}

// TestCreateMappingConflicts checks that one source and function make one
// mapping, as Lambda words it for queues and for streams.
func TestCreateMappingConflicts(t *testing.T) {
	tests := []struct {
		name   string
		source map[string]any
		msg    string
	}{
		{"queue", map[string]any{"EventSourceArn": sqsARN("q")}, `An event source mapping with SQS arn (" ` + sqsARN("q") + ` ") and function (" fn ") already exists. Please update or delete the existing mapping with UUID `},
		{"stream", map[string]any{"EventSourceArn": kinesisARN("s"), "StartingPosition": "LATEST"}, `The event source arn (" ` + kinesisARN("s") + ` ") and function (" fn ") provided mapping already exists. Please update or delete the existing mapping with UUID `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := mappingFixture(t)
				in := map[string]any{"FunctionName": "fn"}
				for k, v := range tt.source {
					in[k] = v
				}
				id := f.createMapping(in)
				in["FunctionName"] = fnARN("fn") // the same function, named otherwise
				wantError(t, f.call(http.MethodPost, "/2015-03-31/event-source-mappings", in), 409, "ResourceConflictException", tt.msg+id)
				in["FunctionName"] = "fn:live" // another qualifier is another mapping
				f.createMapping(in)
				in["FunctionName"] = "other"
				f.createMapping(in)
			})
		})
	}
}

// TestListMappings checks the filters and the paging of
// ListEventSourceMappings.
func TestListMappings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := mappingFixture(t)
		f.queue(queue.Config[string]{Name: "q2"})
		var ids []string
		for _, m := range []map[string]any{
			{"FunctionName": "fn", "EventSourceArn": sqsARN("q")},
			{"FunctionName": "other", "EventSourceArn": sqsARN("q")},
			{"FunctionName": "fn", "EventSourceArn": sqsARN("q2")},
			{"FunctionName": "fn:live", "EventSourceArn": kinesisARN("s"), "StartingPosition": "LATEST"},
		} {
			ids = append(ids, f.createMapping(m))
		}
		list := func(query string) ([]string, string) {
			out := f.ok(http.MethodGet, "/2015-03-31/event-source-mappings/"+query, nil)
			var got []string
			for _, m := range out["EventSourceMappings"].([]any) {
				got = append(got, m.(map[string]any)["UUID"].(string))
			}
			next, _ := out["NextMarker"].(string)
			return got, next
		}
		tests := []struct {
			query string
			want  []string
		}{
			{"", ids},
			{"?EventSourceArn=" + sqsARN("q"), ids[:2]},
			{"?FunctionName=fn", []string{ids[0], ids[2], ids[3]}},
			{"?FunctionName=" + fnARN("fn"), []string{ids[0], ids[2], ids[3]}},
			{"?FunctionName=fn:live", ids[3:]},
			{"?FunctionName=other&EventSourceArn=" + sqsARN("q"), ids[1:2]},
			{"?FunctionName=nope", nil},
		}
		for _, tt := range tests {
			if got, _ := list(tt.query); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("list %s = %v, want %v", tt.query, got, tt.want)
			}
		}
		var paged []string
		query := "?MaxItems=3"
		for pages := 0; ; pages++ {
			got, next := list(query)
			paged = append(paged, got...)
			if next == "" {
				if pages != 1 {
					t.Errorf("%d pages, want 2", pages+1)
				}
				break
			}
			query = "?MaxItems=3&Marker=" + next
		}
		if fmt.Sprint(paged) != fmt.Sprint(ids) {
			t.Errorf("paged = %v, want %v", paged, ids)
		}
		wantError(t, f.call(http.MethodGet, "/2015-03-31/event-source-mappings/?MaxItems=10001", nil), 400, "ValidationException", "at 'maxItems'")
		wantError(t, f.call(http.MethodGet, "/2015-03-31/event-source-mappings/?Marker=x", nil), 400, "InvalidParameterValueException", "Invalid Marker: x")
		wantError(t, f.call(http.MethodGet, "/2015-03-31/event-source-mappings/?FunctionName=a%20b", nil), 400, "ValidationException", "at 'functionName'")
	})
}

// TestUpdateAndDeleteMapping covers UpdateEventSourceMapping's states and
// refusals and DeleteEventSourceMapping.
func TestUpdateAndDeleteMapping(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := mappingFixture(t)
		id := f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")})
		path := mappingPath(id)
		time.Sleep(time.Minute)
		steps := []struct {
			name  string
			in    map[string]any
			state string         // the reply's
			after string         // Get's
			check map[string]any // members of Get's reply
			err   [3]string      // status, code, message part when refused
		}{
			{name: "disable", in: map[string]any{"Enabled": false}, state: "Disabling", after: "Disabled"},
			{name: "change while disabled", in: map[string]any{"BatchSize": 5}, state: "Updating", after: "Disabled", check: map[string]any{"BatchSize": 5.0}},
			{name: "enable", in: map[string]any{"Enabled": true}, state: "Enabling", after: "Enabled"},
			{name: "another function", in: map[string]any{"FunctionName": "other"}, state: "Updating", after: "Enabled", check: map[string]any{"FunctionArn": fnARN("other")}},
			{name: "filters, response types, scaling", in: map[string]any{
				"FilterCriteria": map[string]any{"Filters": []any{map[string]any{"Pattern": `{"body":["x"]}`}}}, "FunctionResponseTypes": []string{"ReportBatchItemFailures"},
				"ScalingConfig": map[string]any{"MaximumConcurrency": 2}, "MaximumBatchingWindowInSeconds": 3, "BatchSize": 50,
			}, state: "Updating", after: "Enabled", check: map[string]any{"BatchSize": 50.0, "MaximumBatchingWindowInSeconds": 3.0, "FunctionResponseTypes": []any{"ReportBatchItemFailures"}, "ScalingConfig": map[string]any{"MaximumConcurrency": 2.0}}},
			{name: "clear filters and scaling", in: map[string]any{"FilterCriteria": map[string]any{}, "ScalingConfig": map[string]any{}, "FunctionResponseTypes": []string{}}, state: "Updating", after: "Enabled", check: map[string]any{"FilterCriteria": nil, "ScalingConfig": nil, "FunctionResponseTypes": []any{}}},
			{name: "missing function", in: map[string]any{"FunctionName": "nope"}, err: [3]string{"400", "InvalidParameterValueException", "Function does not exist"}},
			{name: "window needed", in: map[string]any{"MaximumBatchingWindowInSeconds": 0}, err: [3]string{"400", "InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0"}},
			{name: "stream parameter", in: map[string]any{"MaximumRetryAttempts": 1}, err: [3]string{"400", "InvalidParameterValueException", "Unsupported MaximumRetryAttempts parameter"}},
			{name: "out of range", in: map[string]any{"BatchSize": 0}, err: [3]string{"400", "ValidationException", "at 'batchSize'"}},
			{name: "source", in: map[string]any{"EventSourceArn": sqsARN("q2")}, err: [3]string{"400", "InvalidParameterValueException", "cannot be updated"}},
		}
		for _, st := range steps {
			before := f.ok(http.MethodGet, path, nil)
			r := f.call(http.MethodPut, path, st.in)
			if st.err[0] != "" {
				wantError(t, r, 400, st.err[1], st.err[2])
				if after := f.ok(http.MethodGet, path, nil); !reflect.DeepEqual(after, before) {
					t.Errorf("%s: a refused update changed the mapping:\n%v\n%v", st.name, before, after)
				}
				continue
			}
			if r.status != http.StatusAccepted {
				t.Fatalf("%s: %d %s", st.name, r.status, r.body)
			}
			if got := r.object(t)["State"]; got != st.state {
				t.Errorf("%s: reply State = %v, want %s", st.name, got, st.state)
			}
			got := f.ok(http.MethodGet, path, nil)
			if got["State"] != st.after {
				t.Errorf("%s: State = %v, want %s", st.name, got["State"], st.after)
			}
			if got["LastModified"] == before["LastModified"] {
				t.Errorf("%s: LastModified did not move", st.name)
			}
			for k, v := range st.check {
				if !reflect.DeepEqual(got[k], v) {
					t.Errorf("%s: %s = %#v, want %#v", st.name, k, got[k], v)
				}
			}
			time.Sleep(time.Second)
		}
		r := f.call(http.MethodDelete, path, nil)
		if r.status != http.StatusAccepted || r.object(t)["State"] != "Deleting" || r.object(t)["UUID"] != id {
			t.Errorf("Delete = %d %s", r.status, r.body)
		}
		wantError(t, f.call(http.MethodGet, path, nil), 404, "ResourceNotFoundException", "The resource you requested does not exist.")
		wantError(t, f.call(http.MethodDelete, path, nil), 404, "ResourceNotFoundException", "The resource you requested does not exist.")
		wantError(t, f.call(http.MethodPut, path, map[string]any{"Enabled": true}), 404, "ResourceNotFoundException", "")
	})
}

// TestMappingInUse checks that an operation on a mapping that another
// operation is still changing fails with ResourceInUseException, as
// Lambda's does for a mapping in transition, and changes nothing.
func TestMappingInUse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		f.register("slow", func(context.Context, []byte) ([]byte, error) {
			time.Sleep(time.Minute) // the batch in hand holds up the disable below
			return nil, nil
		})
		q := f.queue(queue.Config[string]{Name: "q", VisibilityTimeout: queue.Seconds(300)})
		send(t, q, "m")
		id := f.createMapping(map[string]any{"FunctionName": "slow", "EventSourceArn": sqsARN("q")})
		synctest.Wait() // the function is running
		disabled := make(chan reply)
		go func() { disabled <- f.call(http.MethodPut, mappingPath(id), map[string]any{"Enabled": false}) }()
		synctest.Wait() // the disable waits for the batch
		for _, r := range []reply{
			f.call(http.MethodPut, mappingPath(id), map[string]any{"BatchSize": 3}),
			f.call(http.MethodDelete, mappingPath(id), nil),
		} {
			wantError(t, r, 400, "ResourceInUseException", "being changed by another request")
		}
		if r := <-disabled; r.status != http.StatusAccepted {
			t.Fatalf("disable = %d %s", r.status, r.body)
		}
		got := f.ok(http.MethodGet, mappingPath(id), nil)
		if got["State"] != "Disabled" || got["BatchSize"] != 10.0 {
			t.Errorf("after the refused operations: %v", got)
		}
	})
}

// TestMappingBodyTooLarge checks the body limit of the mapping
// operations.
func TestMappingBodyTooLarge(t *testing.T) {
	f := newFixture(t)
	body := []byte(`{"FunctionName":"` + strings.Repeat("a", 256<<10) + `"}`)
	wantError(t, f.do(http.MethodPost, "/2015-03-31/event-source-mappings/", nil, body), 413, "RequestEntityTooLargeException", "Request must be smaller than 262144 bytes")
}
