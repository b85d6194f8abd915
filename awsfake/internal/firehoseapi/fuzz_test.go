package firehoseapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
)

// FuzzJSONRequest sends arbitrary operations and bodies to a service
// holding delivery streams of each kind, and checks that it never panics,
// never answers with a fault of its own (a 5xx), always answers JSON with
// a request id (and an error's __type), and that a request answered with
// an error has changed nothing a client can observe. Each input runs in
// its own synctest bubble, so that deliveries pass in virtual time.
func FuzzJSONRequest(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b"}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"s3","S3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b"}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","HttpEndpointDestinationConfiguration":{"EndpointConfiguration":{"Url":"https://x"},"S3Configuration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b"}}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","DeliveryStreamType":"KinesisStreamAsSource","KinesisStreamSourceConfiguration":{"KinesisStreamARN":"` + sourceARN + `","RoleARN":"arn:aws:iam::000000000000:role/r"},"ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b"}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b","DynamicPartitioningConfiguration":{"Enabled":true},"Prefix":"!{partitionKeyFromQuery:a}/","ErrorOutputPrefix":"e/!{firehose:error-output-type}/","ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"MetadataExtraction","Parameters":[{"ParameterName":"MetadataExtractionQuery","ParameterValue":"{a:.a}"}]}]}}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b","ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"Lambda","Parameters":[{"ParameterName":"LambdaArn","ParameterValue":"arn:f"},{"ParameterName":"BufferSizeInMBs","ParameterValue":"NaN"}]}]}}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b","BufferingHints":{"SizeInMBs":1e99}}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","RedshiftDestinationConfiguration":null,"ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b","DataFormatConversionConfiguration":[]}}`},
		{"CreateDeliveryStream", `{"DeliveryStreamName":"n","Tags":[{"Key":"aws:x"}]}`},
		{"CreateDeliveryStream", `{`},
		{"DescribeDeliveryStream", `{"DeliveryStreamName":"ds","Limit":1,"ExclusiveStartDestinationId":"a"}`},
		{"ListDeliveryStreams", `{"Limit":2,"DeliveryStreamType":"DirectPut","ExclusiveStartDeliveryStreamName":"a"}`},
		{"DeleteDeliveryStream", `{"DeliveryStreamName":"ds"}`},
		{"DeleteDeliveryStream", `{"DeliveryStreamName":"http"}`},
		{"UpdateDestination", `{"DeliveryStreamName":"ds","CurrentDeliveryStreamVersionId":"1","DestinationId":"destinationId-000000000001","ExtendedS3DestinationUpdate":{"Prefix":"p/"}}`},
		{"UpdateDestination", `{"DeliveryStreamName":"ds","CurrentDeliveryStreamVersionId":"1","DestinationId":"destinationId-000000000001","HttpEndpointDestinationUpdate":{"EndpointConfiguration":{"Url":"https://x"},"S3Update":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b"}}}`},
		{"UpdateDestination", `{"DeliveryStreamName":"http","CurrentDeliveryStreamVersionId":"1","DestinationId":"destinationId-000000000001","S3DestinationUpdate":{"RoleARN":"arn:aws:iam::000000000000:role/r","BucketARN":"arn:aws:s3:::b"}}`},
		{"UpdateDestination", `{"DeliveryStreamName":"ds","CurrentDeliveryStreamVersionId":"99999999999999999999","DestinationId":"x"}`},
		{"TagDeliveryStream", `{"DeliveryStreamName":"ds","Tags":[{"Key":"k","Value":"v"}]}`},
		{"UntagDeliveryStream", `{"DeliveryStreamName":"ds","TagKeys":["team"]}`},
		{"ListTagsForDeliveryStream", `{"DeliveryStreamName":"ds","Limit":1,"ExclusiveStartTagKey":"a"}`},
		{"PutRecord", `{"DeliveryStreamName":"ds","Record":{"Data":"aGVsbG8="}}`},
		{"PutRecord", `{"DeliveryStreamName":"ds","Record":{"Data":"!!"}}`},
		{"PutRecord", `{"DeliveryStreamName":"src","Record":{"Data":""}}`},
		{"PutRecordBatch", `{"DeliveryStreamName":"ds","Records":[{"Data":"YQ=="},{"Data":"Yg=="}]}`},
		{"PutRecordBatch", `{"DeliveryStreamName":"http","Records":[{},null]}`},
		{"StartDeliveryStreamEncryption", `{"DeliveryStreamName":"ds","DeliveryStreamEncryptionConfigurationInput":{"KeyType":"AWS_OWNED_CMK"}}`},
		{"StopDeliveryStreamEncryption", `{"DeliveryStreamName":"ds"}`},
		{"Nope", `{}`},
		{"ListDeliveryStreams", ``},
		{"DescribeDeliveryStream", `[]`},
		{"ListDeliveryStreams", `{"Limit":"10"}`},
	}
	for _, s := range seeds {
		f.Add(s.op, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		synctest.Test(t, func(t *testing.T) {
			fk := seededFake(t)
			before := observable(fk)
			r := fk.raw(op, string(body))
			if r.status >= 500 {
				t.Fatalf("%s %q: the service failed: %d %s", op, body, r.status, r.body)
			}
			if r.header.Get("x-amzn-RequestId") == "" {
				t.Fatalf("no request id: %d %s", r.status, r.body)
			}
			var m map[string]any
			if err := json.Unmarshal(r.body, &m); err != nil {
				t.Fatalf("reply is not a JSON object: %v %q", err, r.body)
			}
			if r.status == http.StatusOK {
				return
			}
			if m["__type"] == nil {
				t.Fatalf("error reply without __type: %d %s", r.status, r.body)
			}
			if after := observable(fk); after != before {
				t.Fatalf("%s %q failed (%s) and changed the service:\n%s\nwas\n%s", op, body, r.body, after, before)
			}
		})
	})
}

// seededFake returns a service holding delivery streams of each kind,
// tagged, one of them with encryption on and records buffered.
func seededFake(t *testing.T) *fake {
	f := newFake(t, &endpoint{status: http.StatusOK})
	newSourceStream(t, f)
	f.createS3("ds", nil)
	f.ok("TagDeliveryStream", map[string]any{"DeliveryStreamName": "ds", "Tags": []any{map[string]any{"Key": "team", "Value": "core"}}})
	f.ok("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "ds"})
	f.put("ds", "buffered")
	f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "http", "HttpEndpointDestinationConfiguration": map[string]any{
		"EndpointConfiguration": map[string]any{"Url": "https://example.test/"},
		"S3Configuration":       map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::backup"}}})
	f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "src", "DeliveryStreamType": "KinesisStreamAsSource",
		"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
		"ExtendedS3DestinationConfiguration": s3Config(nil)})
	return f
}

// observable is what a client can read of the service: its delivery
// streams, each one's description and tags, and the objects delivered.
func observable(f *fake) string {
	var b strings.Builder
	for _, name := range f.names() {
		fmt.Fprintln(&b, f.describe(name.(string)))
		fmt.Fprintln(&b, f.ok("ListTagsForDeliveryStream", map[string]any{"DeliveryStreamName": name}))
	}
	fmt.Fprintln(&b, f.store.Keys())
	return b.String()
}
