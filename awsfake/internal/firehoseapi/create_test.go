package firehoseapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

const sourceARN = "arn:aws:kinesis:us-east-1:000000000000:stream/source"

// newSourceStream gives f a Kinesis stream at sourceARN.
func newSourceStream(t testing.TB, f *fake) *stream.Stream[[]byte] {
	t.Helper()
	st, err := stream.New[[]byte](stream.Config{Name: "source", ShardCount: 2}, stream.WithAccount(region, account))
	if err != nil {
		t.Fatal(err)
	}
	f.streams[sourceARN] = st
	return st
}

func TestCreateDeliveryStream(t *testing.T) {
	httpDest := map[string]any{
		"EndpointConfiguration": map[string]any{"Url": "https://example.test/ingest", "Name": "ep", "AccessKey": "secret"},
		"S3Configuration":       map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::backup"},
	}
	tests := []struct {
		name string
		in   map[string]any
	}{
		{"extended S3", map[string]any{"ExtendedS3DestinationConfiguration": s3Config(nil)}},
		{"plain S3", map[string]any{"S3DestinationConfiguration": s3Config(nil)}},
		{"direct put given", map[string]any{"DeliveryStreamType": "DirectPut", "DirectPutSourceConfiguration": map[string]any{"ThroughputHintInMBs": 5},
			"ExtendedS3DestinationConfiguration": s3Config(nil)}},
		{"extended S3, every member", map[string]any{"ExtendedS3DestinationConfiguration": s3Config(map[string]any{
			"Prefix": "data/!{timestamp:yyyy}/", "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
			"BufferingHints": map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 60}, "CompressionFormat": "GZIP",
			"EncryptionConfiguration":  map[string]any{"NoEncryptionConfig": "NoEncryption"},
			"CloudWatchLoggingOptions": map[string]any{"Enabled": true, "LogGroupName": "/aws/firehose", "LogStreamName": "s3"},
			"S3BackupMode":             "Enabled", "S3BackupConfiguration": s3Config(map[string]any{"BucketARN": "arn:aws:s3:::backup"}),
			"FileExtension": ".json.gz", "CustomTimeZone": "Europe/Paris",
			"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{
				map[string]any{"Type": "Lambda", "Parameters": []any{
					map[string]any{"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:000000000000:function:f"},
					map[string]any{"ParameterName": "NumberOfRetries", "ParameterValue": "1"},
					map[string]any{"ParameterName": "BufferSizeInMBs", "ParameterValue": "0.5"},
					map[string]any{"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "120"},
					map[string]any{"ParameterName": "RoleArn", "ParameterValue": roleARN}}},
				map[string]any{"Type": "AppendDelimiterToRecord"}}},
			"DataFormatConversionConfiguration": map[string]any{"Enabled": false},
		})}},
		{"dynamic partitioning", map[string]any{"ExtendedS3DestinationConfiguration": s3Config(map[string]any{
			"Prefix": "customer=!{partitionKeyFromQuery:customer}/", "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
			"DynamicPartitioningConfiguration": map[string]any{"Enabled": true, "RetryOptions": map[string]any{"DurationInSeconds": 60}},
			"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "MetadataExtraction", "Parameters": []any{
				map[string]any{"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{customer: .customer.id}"},
				map[string]any{"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}}}}},
		})}},
		{"disabled processing is kept, not run", map[string]any{"ExtendedS3DestinationConfiguration": s3Config(map[string]any{
			"ProcessingConfiguration": map[string]any{"Enabled": false, "Processors": []any{map[string]any{"Type": "RecordDeAggregation"}}}})}},
		{"HTTP endpoint", map[string]any{"HttpEndpointDestinationConfiguration": httpDest}},
		{"HTTP endpoint, every member", map[string]any{"HttpEndpointDestinationConfiguration": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "http://localhost:8080/"},
			"BufferingHints":        map[string]any{"SizeInMBs": 64, "IntervalInSeconds": 0},
			"RequestConfiguration": map[string]any{"ContentEncoding": "GZIP", "CommonAttributes": []any{
				map[string]any{"AttributeName": "env", "AttributeValue": "test"}}},
			"RetryOptions": map[string]any{"DurationInSeconds": 0}, "RoleARN": roleARN, "S3BackupMode": "AllData",
			"S3Configuration": map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::backup", "CompressionFormat": "GZIP"},
		}}},
		{"tags and encryption", map[string]any{"ExtendedS3DestinationConfiguration": s3Config(nil),
			"Tags": []any{map[string]any{"Key": "team", "Value": "data"}, map[string]any{"Key": "empty"}},
			"DeliveryStreamEncryptionConfigurationInput": map[string]any{"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": "arn:aws:kms:us-east-1:000000000000:key/k"}}},
		{"stream source", map[string]any{"DeliveryStreamType": "KinesisStreamAsSource",
			"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
			"ExtendedS3DestinationConfiguration": s3Config(nil)}},
	}
	f := newFake(t, nil)
	newSourceStream(t, f)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := fmt.Sprint("ds", i)
			tt.in["DeliveryStreamName"] = name
			arn := f.ok("CreateDeliveryStream", tt.in)["DeliveryStreamARN"]
			if want := "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name; arn != want {
				t.Errorf("ARN %v, want %s", arn, want)
			}
			if d := f.describe(name); d["DeliveryStreamStatus"] != "ACTIVE" || d["VersionId"] != "1" {
				t.Errorf("description %v", d)
			}
			f.fail("CreateDeliveryStream", tt.in, apiError{400, "ResourceInUseException", "Firehose " + name + " under accountId 000000000000 already exists"})
		})
	}
}

func TestCreateDeliveryStreamRefused(t *testing.T) {
	long := strings.Repeat("a", 65)
	bad := func(extra map[string]any) map[string]any {
		return map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(extra)}
	}
	lambda := func(params ...string) map[string]any {
		var ps []any
		for i := 0; i+1 < len(params); i += 2 {
			ps = append(ps, map[string]any{"ParameterName": params[i], "ParameterValue": params[i+1]})
		}
		return map[string]any{"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "Lambda", "Parameters": ps}}}}
	}
	tags := make([]any, 51)
	for i := range tags {
		tags[i] = map[string]any{"Key": fmt.Sprint("k", i)}
	}
	tests := []struct {
		name string
		in   map[string]any
		want apiError
	}{
		{"no name", map[string]any{"ExtendedS3DestinationConfiguration": s3Config(nil)},
			validation("1 validation error detected: Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null")},
		{"name with a space", map[string]any{"DeliveryStreamName": "my stream", "ExtendedS3DestinationConfiguration": s3Config(nil)},
			validation("1 validation error detected: Value 'my stream' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")},
		{"name too long", map[string]any{"DeliveryStreamName": long, "ExtendedS3DestinationConfiguration": s3Config(nil)},
			validation("1 validation error detected: Value '" + long + "' at 'deliveryStreamName' failed to satisfy constraint: Member must have length less than or equal to 64")},
		{"no role or bucket", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": map[string]any{}},
			validation("2 validation errors detected: Value null at 'extendedS3DestinationConfiguration.roleARN' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member must not be null")},
		{"bucket not an ARN", bad(map[string]any{"BucketARN": "bucket"}),
			validation(`1 validation error detected: Value 'bucket' at 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.*:s3:::[\w\.\-]{1,255}`)},
		{"role not a role", bad(map[string]any{"RoleARN": "arn:aws:iam::000000000000:user/u"}),
			validation(`1 validation error detected: Value 'arn:aws:iam::000000000000:user/u' at 'extendedS3DestinationConfiguration.roleARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.*:iam::\d{12}:role/[a-zA-Z_0-9+=,.@\-_/]+`)},
		{"buffering out of range", bad(map[string]any{"BufferingHints": map[string]any{"SizeInMBs": 129, "IntervalInSeconds": -1}}),
			validation("2 validation errors detected: Value '129' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value less than or equal to 128; " +
				"Value '-1' at 'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 0")},
		{"compression spelled wrong", bad(map[string]any{"CompressionFormat": "gzip"}),
			validation("1 validation error detected: Value 'gzip' at 'extendedS3DestinationConfiguration.compressionFormat' failed to satisfy constraint: Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]")},
		{"file extension", bad(map[string]any{"FileExtension": "json"}),
			validation(`1 validation error detected: Value 'json' at 'extendedS3DestinationConfiguration.fileExtension' failed to satisfy constraint: Member must satisfy regular expression pattern: ^$|\.[0-9a-z!\-_.*'()]+`)},
		{"time zone", bad(map[string]any{"CustomTimeZone": "UTC+1"}),
			validation(`1 validation error detected: Value 'UTC+1' at 'extendedS3DestinationConfiguration.customTimeZone' failed to satisfy constraint: Member must satisfy regular expression pattern: ^$|[a-zA-Z/_]+`)},
		{"prefix too long", bad(map[string]any{"Prefix": strings.Repeat("p", 1025)}),
			validation("1 validation error detected: Value '" + strings.Repeat("p", 1025) + "' at 'extendedS3DestinationConfiguration.prefix' failed to satisfy constraint: Member must have length less than or equal to 1024")},
		{"backup without a bucket", bad(map[string]any{"S3BackupMode": "Enabled", "S3BackupConfiguration": map[string]any{"RoleARN": roleARN}}),
			validation("1 validation error detected: Value null at 'extendedS3DestinationConfiguration.s3BackupConfiguration.bucketARN' failed to satisfy constraint: Member must not be null")},
		{"backup mode of HTTP", bad(map[string]any{"S3BackupMode": "AllData"}),
			validation("1 validation error detected: Value 'AllData' at 'extendedS3DestinationConfiguration.s3BackupMode' failed to satisfy constraint: Member must satisfy enum value set: [Disabled, Enabled]")},
		{"unknown processor", bad(map[string]any{"ProcessingConfiguration": map[string]any{"Processors": []any{map[string]any{"Type": "Magic"}}}}),
			validation("1 validation error detected: Value 'Magic' at 'extendedS3DestinationConfiguration.processingConfiguration.processors.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [RecordDeAggregation, Decompression, CloudWatchLogProcessing, Lambda, MetadataExtraction, AppendDelimiterToRecord]")},
		{"blank parameter", bad(lambda("LambdaArn", "  ")),
			validation(`1 validation error detected: Value '  ' at 'extendedS3DestinationConfiguration.processingConfiguration.processors.1.member.parameters.1.member.parameterValue' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!\s*$).+`)},
		{"stream type", map[string]any{"DeliveryStreamName": "ds", "DeliveryStreamType": "Pull", "ExtendedS3DestinationConfiguration": s3Config(nil)},
			validation("1 validation error detected: Value 'Pull' at 'deliveryStreamType' failed to satisfy constraint: Member must satisfy enum value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]")},
		{"source stream ARN", map[string]any{"DeliveryStreamName": "ds", "DeliveryStreamType": "KinesisStreamAsSource",
			"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": "arn:aws:sqs:us-east-1:000000000000:q", "RoleARN": roleARN},
			"ExtendedS3DestinationConfiguration": s3Config(nil)},
			validation(`1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:q' at 'kinesisStreamSourceConfiguration.kinesisStreamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.*:kinesis:[a-zA-Z0-9\-]+:\d{12}:stream/[a-zA-Z0-9_.-]+`)},
		{"HTTP without a backup bucket", map[string]any{"DeliveryStreamName": "ds", "HttpEndpointDestinationConfiguration": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "https://example.test/"}}},
			validation("1 validation error detected: Value null at 'httpEndpointDestinationConfiguration.s3Configuration' failed to satisfy constraint: Member must not be null")},
		{"HTTP URL scheme", map[string]any{"DeliveryStreamName": "ds", "HttpEndpointDestinationConfiguration": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "ftp://example.test/"}, "S3Configuration": s3Config(nil)}},
			validation("1 validation error detected: Value at 'httpEndpointDestinationConfiguration.endpointConfiguration.url' failed to satisfy constraint: Member must satisfy regular expression pattern: https://.*")},
		{"HTTP buffer over 64 MiB", map[string]any{"DeliveryStreamName": "ds", "HttpEndpointDestinationConfiguration": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "https://example.test/"}, "S3Configuration": s3Config(nil),
			"BufferingHints": map[string]any{"SizeInMBs": 65, "IntervalInSeconds": 60}}},
			validation("1 validation error detected: Value '65' at 'httpEndpointDestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value less than or equal to 64")},
		{"too many tags", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(nil), "Tags": tags},
			validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")},
		{"reserved tag key", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(nil), "Tags": []any{map[string]any{"Key": "aws:x"}}},
			validation(`1 validation error detected: Value 'aws:x' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[\p{L}\p{Z}\p{N}_.:\/=+\-@%]*$`)},
		{"no destination", map[string]any{"DeliveryStreamName": "ds"},
			invalidArg("Exactly one destination configuration must be specified for a Firehose stream; 0 were given.")},
		{"two destinations", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(nil), "S3DestinationConfiguration": s3Config(nil)},
			invalidArg("Exactly one destination configuration must be specified for a Firehose stream; 2 were given.")},
		{"Redshift", map[string]any{"DeliveryStreamName": "ds", "RedshiftDestinationConfiguration": map[string]any{"RoleARN": roleARN}},
			invalidArg("Switchyard does not implement RedshiftDestinationConfiguration yet.")},
		{"MSK", map[string]any{"DeliveryStreamName": "ds", "DeliveryStreamType": "MSKAsSource", "ExtendedS3DestinationConfiguration": s3Config(nil)},
			invalidArg("Switchyard does not implement MSKAsSource yet.")},
		{"stream type without source", map[string]any{"DeliveryStreamName": "ds", "DeliveryStreamType": "KinesisStreamAsSource", "ExtendedS3DestinationConfiguration": s3Config(nil)},
			invalidArg("KinesisStreamSourceConfiguration is required for the KinesisStreamAsSource stream type.")},
		{"source without stream type", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(nil),
			"KinesisStreamSourceConfiguration": map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN}},
			invalidArg("KinesisStreamSourceConfiguration is only applicable for the KinesisStreamAsSource stream type.")},
		{"source stream missing", map[string]any{"DeliveryStreamName": "ds", "DeliveryStreamType": "KinesisStreamAsSource", "ExtendedS3DestinationConfiguration": s3Config(nil),
			"KinesisStreamSourceConfiguration": map[string]any{"KinesisStreamARN": "arn:aws:kinesis:us-east-1:000000000000:stream/nope", "RoleARN": roleARN}},
			invalidArg("Stream nope under account 000000000000 not found.")},
		{"encryption of a stream source", map[string]any{"DeliveryStreamName": "ds", "DeliveryStreamType": "KinesisStreamAsSource", "ExtendedS3DestinationConfiguration": s3Config(nil),
			"KinesisStreamSourceConfiguration":           map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
			"DeliveryStreamEncryptionConfigurationInput": map[string]any{"KeyType": "AWS_OWNED_CMK"}},
			invalidArg("Server-side encryption is supported only for a Firehose stream whose source is DirectPut.")},
		{"customer key without ARN", map[string]any{"DeliveryStreamName": "ds", "ExtendedS3DestinationConfiguration": s3Config(nil),
			"DeliveryStreamEncryptionConfigurationInput": map[string]any{"KeyType": "CUSTOMER_MANAGED_CMK"}},
			invalidArg("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.")},
		{"Lambda without ARN", bad(lambda("NumberOfRetries", "2")), invalidArg("The LambdaArn parameter is required for processor type Lambda.")},
		{"Lambda retries not a number", bad(lambda("LambdaArn", "arn:f", "NumberOfRetries", "two")), invalidArg("NumberOfRetries must be an integer between 0 and 300.")},
		{"Lambda retries out of range", bad(lambda("LambdaArn", "arn:f", "NumberOfRetries", "301")), invalidArg("NumberOfRetries must be between 0 and 300.")},
		{"Lambda parameter of another processor", bad(lambda("LambdaArn", "arn:f", "Delimiter", "Cg==")), invalidArg("Parameter Delimiter is not supported for processor type Lambda.")},
		{"deaggregation", bad(map[string]any{"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "RecordDeAggregation"}}}}),
			invalidArg("Switchyard does not implement the RecordDeAggregation processor yet.")},
		{"format conversion", bad(map[string]any{"DataFormatConversionConfiguration": map[string]any{"Enabled": true}}),
			invalidArg("Switchyard does not implement DataFormatConversionConfiguration yet.")},
		{"query without partitioning", bad(map[string]any{"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "MetadataExtraction",
			"Parameters": []any{map[string]any{"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{a: .a}"}}}}}}),
			invalidArg("The MetadataExtraction processor is only supported when dynamic partitioning is enabled.")},
		{"query not an object", bad(map[string]any{"DynamicPartitioningConfiguration": map[string]any{"Enabled": true},
			"Prefix": "!{partitionKeyFromQuery:a}/", "ErrorOutputPrefix": "e/!{firehose:error-output-type}/",
			"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "MetadataExtraction",
				"Parameters": []any{map[string]any{"ParameterName": "MetadataExtractionQuery", "ParameterValue": ".a"}}}}}}),
			invalidArg(`MetadataExtractionQuery ".a" cannot be evaluated: it is not a jq object construction {key: .path, …}.`)},
		{"partitioning without error prefix", bad(map[string]any{"DynamicPartitioningConfiguration": map[string]any{"Enabled": true},
			"Prefix": "!{partitionKeyFromLambda:a}/", "ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "Lambda",
				"Parameters": []any{map[string]any{"ParameterName": "LambdaArn", "ParameterValue": "arn:f"}}}}}}),
			apiError{400, "InvalidArgumentException", ""}},
		{"Snappy", bad(map[string]any{"CompressionFormat": "Snappy"}), apiError{400, "InvalidArgumentException", ""}},
		{"not JSON", map[string]any{"DeliveryStreamName": 5}, apiError{400, "SerializationException", ""}},
	}
	f := newFake(t, nil)
	newSourceStream(t, f)
	f.createS3("existing", nil)
	before := f.names()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := *f
			f.t = t
			f.fail("CreateDeliveryStream", tt.in, tt.want)
			if after := f.names(); !slices.Equal(after, before) {
				t.Errorf("delivery streams after a failed create: %v, want %v", after, before)
			}
		})
	}
	if keys := f.store.Keys(); len(keys) != 0 {
		t.Errorf("objects after failed creates: %v", keys)
	}
	// Unknown operations answer as AWS's JSON services do.
	if r := f.raw("CreateBucket", "{}"); r.status != http.StatusBadRequest || errorOf(t, r).code != "UnknownOperationException" {
		t.Errorf("unknown operation: %d %s", r.status, r.body)
	}
}
