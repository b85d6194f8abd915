package firehoseapi_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"testing/synctest"
	"time"
)

// sameJSON reports whether got, a decoded reply, equals the JSON want.
func sameJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	if !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		t.Errorf("%s =\n%s\nwant\n%s", what, g, want)
	}
}

func TestDescribeDeliveryStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		created := time.Now()
		f := newFake(t, nil)
		newSourceStream(t, f)
		f.createS3("s3", nil)
		f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "http", "HttpEndpointDestinationConfiguration": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "https://example.test/", "Name": "ep", "AccessKey": "secret"},
			"RequestConfiguration":  map[string]any{"CommonAttributes": []any{map[string]any{"AttributeName": "a", "AttributeValue": "1"}}},
			"S3Configuration":       map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::backup", "ErrorOutputPrefix": "failed/"},
		}})
		f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "src", "DeliveryStreamType": "KinesisStreamAsSource",
			"KinesisStreamSourceConfiguration": map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
			"ExtendedS3DestinationConfiguration": s3Config(map[string]any{"DynamicPartitioningConfiguration": map[string]any{"Enabled": true},
				"Prefix": "!{partitionKeyFromQuery:k}/", "ErrorOutputPrefix": "e/!{firehose:error-output-type}/",
				"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "MetadataExtraction",
					"Parameters": []any{map[string]any{"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{k}"}}}}}})})
		epoch := float64(created.UnixMilli()) / 1000

		s3 := f.describe("s3")
		if s3["CreateTimestamp"] != epoch {
			t.Errorf("CreateTimestamp %v, want %v", s3["CreateTimestamp"], epoch)
		}
		delete(s3, "CreateTimestamp")
		sameJSON(t, "S3 description", s3, `{
			"DeliveryStreamName": "s3",
			"DeliveryStreamARN": "arn:aws:firehose:us-east-1:000000000000:deliverystream/s3",
			"DeliveryStreamStatus": "ACTIVE",
			"DeliveryStreamEncryptionConfiguration": {"Status": "DISABLED"},
			"DeliveryStreamType": "DirectPut",
			"VersionId": "1",
			"HasMoreDestinations": false,
			"Destinations": [{
				"DestinationId": "destinationId-000000000001",
				"ExtendedS3DestinationDescription": {
					"RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::bucket",
					"BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}, "CompressionFormat": "UNCOMPRESSED",
					"EncryptionConfiguration": {"NoEncryptionConfig": "NoEncryption"},
					"CloudWatchLoggingOptions": {"Enabled": false}, "S3BackupMode": "Disabled"},
				"S3DestinationDescription": {
					"RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::bucket",
					"BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}, "CompressionFormat": "UNCOMPRESSED",
					"EncryptionConfiguration": {"NoEncryptionConfig": "NoEncryption"},
					"CloudWatchLoggingOptions": {"Enabled": false}}
			}]}`)

		h := f.describe("http")
		sameJSON(t, "HTTP destination", h["Destinations"], `[{
			"DestinationId": "destinationId-000000000001",
			"HttpEndpointDestinationDescription": {
				"EndpointConfiguration": {"Url": "https://example.test/", "Name": "ep"},
				"BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300},
				"CloudWatchLoggingOptions": {"Enabled": false},
				"RequestConfiguration": {"ContentEncoding": "NONE", "CommonAttributes": [{"AttributeName": "a", "AttributeValue": "1"}]},
				"RetryOptions": {"DurationInSeconds": 300},
				"S3BackupMode": "FailedDataOnly",
				"S3DestinationDescription": {
					"RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::backup", "ErrorOutputPrefix": "failed/",
					"BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}, "CompressionFormat": "UNCOMPRESSED",
					"EncryptionConfiguration": {"NoEncryptionConfig": "NoEncryption"},
					"CloudWatchLoggingOptions": {"Enabled": false}}}}]`)

		src := f.describe("src")
		if src["DeliveryStreamType"] != "KinesisStreamAsSource" {
			t.Errorf("type %v", src["DeliveryStreamType"])
		}
		sameJSON(t, "source", src["Source"], fmt.Sprintf(`{"KinesisStreamSourceDescription": {
			"KinesisStreamARN": %q, "RoleARN": %q, "DeliveryStartTimestamp": %v}}`, sourceARN, roleARN, epoch))
		ext := src["Destinations"].([]any)[0].(map[string]any)["ExtendedS3DestinationDescription"].(map[string]any)
		sameJSON(t, "dynamic partitioning buffer default", ext["BufferingHints"], `{"SizeInMBs": 64, "IntervalInSeconds": 300}`)
		sameJSON(t, "dynamic partitioning", ext["DynamicPartitioningConfiguration"], `{"Enabled": true}`)

		// Paging through the one destination.
		out := f.ok("DescribeDeliveryStream", map[string]any{"DeliveryStreamName": "s3", "Limit": 1, "ExclusiveStartDestinationId": "destinationId-000000000001"})
		sameJSON(t, "destinations after the only one", out["DeliveryStreamDescription"].(map[string]any)["Destinations"], `[]`)

		f.fail("DescribeDeliveryStream", map[string]any{"DeliveryStreamName": "nope"}, notFound("nope"))
		f.fail("DescribeDeliveryStream", map[string]any{"DeliveryStreamName": "s3", "Limit": 0},
			validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"))
		f.fail("DescribeDeliveryStream", map[string]any{"DeliveryStreamName": "s3", "ExclusiveStartDestinationId": "id_1"},
			validation("1 validation error detected: Value 'id_1' at 'exclusiveStartDestinationId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-]+"))
	})
}

func TestListDeliveryStreams(t *testing.T) {
	f := newFake(t, nil)
	newSourceStream(t, f)
	sameJSON(t, "empty list", f.ok("ListDeliveryStreams", map[string]any{}), `{"DeliveryStreamNames": [], "HasMoreDeliveryStreams": false}`)
	for i := range 12 {
		f.createS3(fmt.Sprintf("ds%02d", i), nil)
	}
	f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "a-source", "DeliveryStreamType": "KinesisStreamAsSource",
		"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
		"ExtendedS3DestinationConfiguration": s3Config(nil)})
	tests := []struct {
		name string
		in   map[string]any
		want string
	}{
		{"default limit of 10", map[string]any{},
			`{"DeliveryStreamNames": ["a-source","ds00","ds01","ds02","ds03","ds04","ds05","ds06","ds07","ds08"], "HasMoreDeliveryStreams": true}`},
		{"next page", map[string]any{"ExclusiveStartDeliveryStreamName": "ds08"},
			`{"DeliveryStreamNames": ["ds09","ds10","ds11"], "HasMoreDeliveryStreams": false}`},
		{"start that is no name", map[string]any{"ExclusiveStartDeliveryStreamName": "ds10a", "Limit": 1},
			`{"DeliveryStreamNames": ["ds11"], "HasMoreDeliveryStreams": false}`},
		{"limit", map[string]any{"Limit": 2}, `{"DeliveryStreamNames": ["a-source","ds00"], "HasMoreDeliveryStreams": true}`},
		{"stream sources", map[string]any{"DeliveryStreamType": "KinesisStreamAsSource"}, `{"DeliveryStreamNames": ["a-source"], "HasMoreDeliveryStreams": false}`},
		{"direct puts", map[string]any{"DeliveryStreamType": "DirectPut", "ExclusiveStartDeliveryStreamName": "ds09"},
			`{"DeliveryStreamNames": ["ds10","ds11"], "HasMoreDeliveryStreams": false}`},
		{"no MSK sources", map[string]any{"DeliveryStreamType": "MSKAsSource"}, `{"DeliveryStreamNames": [], "HasMoreDeliveryStreams": false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, "ListDeliveryStreams", f.ok("ListDeliveryStreams", tt.in), tt.want)
		})
	}
	f.fail("ListDeliveryStreams", map[string]any{"Limit": 10001},
		validation("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"))
	f.fail("ListDeliveryStreams", map[string]any{"DeliveryStreamType": "Other", "ExclusiveStartDeliveryStreamName": "a b"},
		validation("2 validation errors detected: Value 'Other' at 'deliveryStreamType' failed to satisfy constraint: Member must satisfy enum value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]; "+
			"Value 'a b' at 'exclusiveStartDeliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"))
}
