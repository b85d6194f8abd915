package firehoseapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stream"
)

func TestDeliveryToBuckets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		f.createS3("logs", map[string]any{
			"Prefix": "app/", "CompressionFormat": "GZIP",
			"BufferingHints": map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 0},
			"S3BackupMode":   "Enabled", "S3BackupConfiguration": s3Config(map[string]any{"BucketARN": "arn:aws:s3:::raw", "Prefix": "copy/"}),
		})
		f.put("logs", "a\n", "b\n")
		synctest.Wait()
		objs := f.objects("bucket/")
		if len(objs) != 1 {
			t.Fatalf("objects %v", f.store.Keys())
		}
		for k, v := range objs {
			if !strings.HasPrefix(k, "bucket/app/2000/01/01/00/logs-1-2000-01-01-00-00-00-") || !strings.HasSuffix(k, ".gz") {
				t.Errorf("key %s", k)
			}
			if got := gunzip(t, v); got != "a\nb\n" {
				t.Errorf("object holds %q", got)
			}
		}
		if backups := f.objects("raw/copy/2000/01/01/00/logs-1-"); len(backups) != 1 || contents(backups)[0] != "a\nb\n" {
			t.Errorf("backup bucket %v", f.store.Keys())
		}
	})
}

func TestLambdaProcessor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		fn := "arn:aws:lambda:us-east-1:000000000000:function:upper"
		var events []map[string]any
		f.functions[fn] = func(ctx context.Context, payload []byte) ([]byte, error) {
			var ev struct {
				InvocationID      string `json:"invocationId"`
				DeliveryStreamARN string `json:"deliveryStreamArn"`
				Region            string `json:"region"`
				Records           []struct {
					RecordID string `json:"recordId"`
					At       int64  `json:"approximateArrivalTimestamp"`
					Data     []byte `json:"data"`
				} `json:"records"`
			}
			if err := json.Unmarshal(payload, &ev); err != nil {
				return nil, err
			}
			var raw map[string]any
			_ = json.Unmarshal(payload, &raw)
			events = append(events, raw)
			type result struct {
				RecordID string `json:"recordId"`
				Result   string `json:"result"`
				Data     []byte `json:"data,omitempty"`
			}
			var out struct {
				Records []result `json:"records"`
			}
			for _, r := range ev.Records {
				switch string(r.Data) {
				case "drop":
					out.Records = append(out.Records, result{r.RecordID, "Dropped", nil})
				case "bad":
					out.Records = append(out.Records, result{r.RecordID, "ProcessingFailed", nil})
				default:
					out.Records = append(out.Records, result{r.RecordID, "Ok", []byte(strings.ToUpper(string(r.Data)))})
				}
			}
			return json.Marshal(out)
		}
		f.createS3("t", map[string]any{
			"ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
			"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{
				map[string]any{"Type": "Lambda", "Parameters": []any{map[string]any{"ParameterName": "LambdaArn", "ParameterValue": fn}}},
				map[string]any{"Type": "AppendDelimiterToRecord"}}},
		})
		f.put("t", "a", "drop", "bad", "b")
		f.flush("t")
		if got := contents(f.objects("bucket/2000/")); !slices.Equal(got, []string{"A\nB\n"}) {
			t.Errorf("delivered %q (keys %v)", got, f.store.Keys())
		}
		failed := f.objects("bucket/errors/processing-failed/")
		if len(failed) != 1 {
			t.Fatalf("error output %v", f.store.Keys())
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(strings.TrimSpace(contents(failed)[0])), &rec); err != nil {
			t.Fatalf("error record %q: %v", contents(failed)[0], err)
		}
		if rec["errorCode"] != "Lambda.ProcessingFailedStatus" || rec["rawData"] != base64.StdEncoding.EncodeToString([]byte("bad")) || rec["lambdaArn"] != fn {
			t.Errorf("error record %v", rec)
		}
		if len(events) != 1 || events[0]["deliveryStreamArn"] != "arn:aws:firehose:us-east-1:000000000000:deliverystream/t" || events[0]["region"] != region {
			t.Errorf("events %v", events)
		}

		// A function that is not registered fails its invocations, and
		// the records go to the error output.
		f.createS3("missing", map[string]any{
			"ErrorOutputPrefix": "missing/!{firehose:error-output-type}/",
			"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "Lambda", "Parameters": []any{
				map[string]any{"ParameterName": "LambdaArn", "ParameterValue": fn + "-not-there"},
				map[string]any{"ParameterName": "NumberOfRetries", "ParameterValue": "0"}}}}},
		})
		f.put("missing", "x")
		f.flush("missing")
		if n := len(f.objects("bucket/missing/processing-failed/")); n != 1 {
			t.Errorf("records of a missing function: %v", f.store.Keys())
		}
	})
}

func TestDynamicPartitioning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		f.createS3("p", map[string]any{
			"Prefix": "customer=!{partitionKeyFromQuery:customer}/", "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
			"DynamicPartitioningConfiguration": map[string]any{"Enabled": true},
			"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "MetadataExtraction", "Parameters": []any{
				map[string]any{"ParameterName": "MetadataExtractionQuery", "ParameterValue": `{"customer": .customer.id}`},
				map[string]any{"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}}}}},
		})
		f.put("p", `{"customer":{"id":"a"},"n":1}`, `{"customer":{"id":"b"},"n":2}`, `{"customer":{"id":"a"},"n":3}`, `not json`)
		time.Sleep(300 * time.Second)
		synctest.Wait()
		if got := contents(f.objects("bucket/customer=a/")); !slices.Equal(got, []string{`{"customer":{"id":"a"},"n":1}{"customer":{"id":"a"},"n":3}`}) {
			t.Errorf("partition a: %q (keys %v)", got, f.store.Keys())
		}
		if got := contents(f.objects("bucket/customer=b/")); !slices.Equal(got, []string{`{"customer":{"id":"b"},"n":2}`}) {
			t.Errorf("partition b: %q", got)
		}
		if n := len(f.objects("bucket/errors/")); n != 1 {
			t.Errorf("error output: %v", f.store.Keys())
		}
	})
}

// endpoint is an HTTP endpoint destination that records what it is sent
// and answers with status.
type endpoint struct {
	mu       sync.Mutex
	status   int
	requests []*http.Request
	bodies   []map[string]any
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(b, &body)
	e.mu.Lock()
	e.requests = append(e.requests, r)
	e.bodies = append(e.bodies, body)
	status := e.status
	e.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"requestId": body["requestId"], "timestamp": time.Now().UnixMilli()})
}

func TestHTTPEndpoint(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ep := &endpoint{status: http.StatusOK}
		f := newFake(t, ep)
		f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "h", "HttpEndpointDestinationConfiguration": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "https://example.test/ingest", "AccessKey": "k3y"},
			"RequestConfiguration":  map[string]any{"CommonAttributes": []any{map[string]any{"AttributeName": "env", "AttributeValue": "test"}}},
			"BufferingHints":        map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 60},
			"RetryOptions":          map[string]any{"DurationInSeconds": 10},
			"S3Configuration":       map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::failed", "ErrorOutputPrefix": "http/"},
		}})
		f.put("h", "r1", "r2")
		time.Sleep(60 * time.Second)
		synctest.Wait()
		if len(ep.requests) != 1 {
			t.Fatalf("%d requests", len(ep.requests))
		}
		r := ep.requests[0]
		if r.URL.String() != "https://example.test/ingest" || r.Header.Get("X-Amz-Firehose-Access-Key") != "k3y" ||
			r.Header.Get("X-Amz-Firehose-Common-Attributes") != `{"commonAttributes":{"env":"test"}}` {
			t.Errorf("request %s %v", r.URL, r.Header)
		}
		recs := ep.bodies[0]["records"].([]any)
		if len(recs) != 2 || recs[0].(map[string]any)["data"] != base64.StdEncoding.EncodeToString([]byte("r1")) {
			t.Errorf("records %v", recs)
		}

		// An endpoint that keeps failing: after the retry duration the
		// records go to the S3 configuration's bucket.
		ep.mu.Lock()
		ep.status = http.StatusInternalServerError
		ep.mu.Unlock()
		f.put("h", "r3")
		time.Sleep(60*time.Second + 2*time.Minute)
		synctest.Wait()
		failed := f.objects("failed/http/")
		if len(failed) != 1 || !strings.Contains(contents(failed)[0], `"errorCode":"HttpEndpoint.`) {
			t.Errorf("failed records: %v", failed)
		}
	})
}

func TestStreamSource(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		st := newSourceStream(t, f)
		if _, err := st.Put(stream.PutInput[[]byte]{PartitionKey: "k", Data: []byte("before\n")}); err != nil {
			t.Fatal(err)
		}
		f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "src", "DeliveryStreamType": "KinesisStreamAsSource",
			"KinesisStreamSourceConfiguration": map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
			"ExtendedS3DestinationConfiguration": s3Config(map[string]any{"Prefix": "src/",
				"BufferingHints": map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 60}})})
		for _, d := range []string{"a\n", "b\n", "c\n"} {
			if _, err := st.Put(stream.PutInput[[]byte]{PartitionKey: d, Data: []byte(d)}); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(2 * time.Minute)
		synctest.Wait()
		var lines []string
		for _, body := range f.objects("bucket/src/") {
			lines = append(lines, strings.Fields(body)...)
		}
		slices.Sort(lines)
		if !slices.Equal(lines, []string{"a", "b", "c"}) {
			t.Errorf("delivered %q (keys %v); want the records put after the create", lines, f.store.Keys())
		}
	})
}

func TestDeleteDeliveryStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		f.createS3("ds", nil)
		f.put("ds", "kept\n")
		f.ok("DeleteDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "AllowForceDelete": true})
		if got := contents(f.objects("bucket/")); !slices.Equal(got, []string{"kept\n"}) {
			t.Errorf("delivered on delete: %q", got)
		}
		f.fail("DescribeDeliveryStream", map[string]any{"DeliveryStreamName": "ds"}, notFound("ds"))
		f.fail("PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": "eA=="}}, notFound("ds"))
		f.fail("DeleteDeliveryStream", map[string]any{"DeliveryStreamName": "ds"}, notFound("ds"))
		f.fail("DeleteDeliveryStream", map[string]any{"DeliveryStreamName": ""},
			validation("1 validation error detected: Value '' at 'deliveryStreamName' failed to satisfy constraint: Member must have length greater than or equal to 1"))
		if _, ok := f.svc.DeliveryStreamByARN("arn:aws:firehose:us-east-1:000000000000:deliverystream/ds"); ok {
			t.Error("DeliveryStreamByARN finds a deleted delivery stream")
		}
		// The name is free again, and the new delivery stream is new.
		f.createS3("ds", nil)
		if d := f.describe("ds"); d["VersionId"] != "1" {
			t.Errorf("recreated %v", d)
		}
		if _, ok := f.svc.DeliveryStreamByARN("arn:aws:firehose:us-east-1:000000000000:deliverystream/ds"); !ok {
			t.Error("DeliveryStreamByARN misses the delivery stream")
		}
		for _, arn := range []string{"arn:aws:firehose:eu-west-1:000000000000:deliverystream/ds", "arn:aws:firehose:us-east-1:000000000000:deliverystream/other", "ds"} {
			if _, ok := f.svc.DeliveryStreamByARN(arn); ok {
				t.Errorf("DeliveryStreamByARN(%s) found one", arn)
			}
		}
	})
}

func TestReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		st := newSourceStream(t, f)
		f.createS3("ds", nil)
		f.put("ds", "dropped")
		f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "src", "DeliveryStreamType": "KinesisStreamAsSource",
			"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
			"ExtendedS3DestinationConfiguration": s3Config(nil)})
		f.svc.Reset()
		if names := f.names(); len(names) != 0 {
			t.Errorf("after Reset: %v", names)
		}
		if _, err := st.Put(stream.PutInput[[]byte]{PartitionKey: "k", Data: []byte("x")}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Hour)
		synctest.Wait()
		if keys := f.store.Keys(); len(keys) != 0 {
			t.Errorf("objects after Reset: %v", keys)
		}
		f.createS3("ds", nil) // the names are free
		if err := f.svc.Close(context.Background()); err != nil && !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
	})
}
