package firehoseapi_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func TestUpdateDestination(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		f.createS3("ds", map[string]any{"Prefix": "v1/", "CompressionFormat": "UNCOMPRESSED",
			"BufferingHints": map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 60}})
		f.put("ds", "old\n")
		time.Sleep(time.Second)
		f.ok("UpdateDestination", map[string]any{"DeliveryStreamName": "ds", "CurrentDeliveryStreamVersionId": "1",
			"DestinationId":               "destinationId-000000000001",
			"ExtendedS3DestinationUpdate": map[string]any{"Prefix": "v2/", "FileExtension": ".txt"}})
		// What the old destination held was delivered under version 1.
		old := f.objects("bucket/v1/")
		if got := contents(old); !slices.Equal(got, []string{"old\n"}) {
			t.Errorf("before the update: %q (keys %v)", got, f.store.Keys())
		}
		d := f.describe("ds")
		if d["VersionId"] != "2" || d["LastUpdateTimestamp"] != float64(time.Now().UnixMilli())/1000 {
			t.Errorf("after update: version %v, updated %v", d["VersionId"], d["LastUpdateTimestamp"])
		}
		ext := d["Destinations"].([]any)[0].(map[string]any)["ExtendedS3DestinationDescription"].(map[string]any)
		// The update merged: what it left out kept its value.
		sameJSON(t, "merged destination", ext, `{
			"RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::bucket",
			"Prefix": "v2/", "FileExtension": ".txt",
			"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}, "CompressionFormat": "UNCOMPRESSED",
			"EncryptionConfiguration": {"NoEncryptionConfig": "NoEncryption"},
			"CloudWatchLoggingOptions": {"Enabled": false}, "S3BackupMode": "Disabled"}`)
		f.put("ds", "new\n")
		time.Sleep(time.Minute)
		synctest.Wait()
		objs := f.objects("bucket/v2/")
		if got := contents(objs); !slices.Equal(got, []string{"new\n"}) {
			t.Fatalf("after the update: %q (keys %v)", got, f.store.Keys())
		}
		for k := range objs {
			if !regexp.MustCompile(`^bucket/v2/2000/01/01/00/ds-2-2000-01-01-00-00-01-[0-9a-f-]{36}\.txt$`).MatchString(k) {
				t.Errorf("key %s does not carry version 2", k)
			}
		}

		// A stale version, an unknown destination, refused changes.
		update := func(extra map[string]any) map[string]any {
			in := map[string]any{"DeliveryStreamName": "ds", "CurrentDeliveryStreamVersionId": "2", "DestinationId": "destinationId-000000000001"}
			for k, v := range extra {
				in[k] = v
			}
			return in
		}
		tests := []struct {
			name string
			in   map[string]any
			want apiError
		}{
			{"stale version", update(map[string]any{"CurrentDeliveryStreamVersionId": "1", "S3DestinationUpdate": map[string]any{"Prefix": "x/"}}),
				apiError{400, "ConcurrentModificationException", "Cannot update firehose: ds since the current version id: 2 and specified version id: 1 do not match"}},
			{"unknown destination", update(map[string]any{"DestinationId": "destinationId-000000000002", "S3DestinationUpdate": map[string]any{"Prefix": "x/"}}),
				invalidArg("Destination Id destinationId-000000000002 not found for Firehose ds.")},
			{"unknown delivery stream", update(map[string]any{"DeliveryStreamName": "nope", "S3DestinationUpdate": map[string]any{}}), notFound("nope")},
			{"no update", update(nil), invalidArg("Exactly one destination update must be specified; 0 were given.")},
			{"two updates", update(map[string]any{"S3DestinationUpdate": map[string]any{}, "ExtendedS3DestinationUpdate": map[string]any{}}),
				invalidArg("Exactly one destination update must be specified; 2 were given.")},
			{"Splunk", update(map[string]any{"SplunkDestinationUpdate": map[string]any{}}), invalidArg("Switchyard does not implement SplunkDestinationUpdate yet.")},
			{"missing ids", map[string]any{"DeliveryStreamName": "ds", "S3DestinationUpdate": map[string]any{}},
				validation("2 validation errors detected: Value null at 'currentDeliveryStreamVersionId' failed to satisfy constraint: Member must not be null; " +
					"Value null at 'destinationId' failed to satisfy constraint: Member must not be null")},
			{"version not a number", update(map[string]any{"CurrentDeliveryStreamVersionId": "v2", "S3DestinationUpdate": map[string]any{}}),
				validation("1 validation error detected: Value 'v2' at 'currentDeliveryStreamVersionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+")},
			{"bad buffering", update(map[string]any{"ExtendedS3DestinationUpdate": map[string]any{"BufferingHints": map[string]any{"SizeInMBs": 0}}}),
				validation("1 validation error detected: Value '0' at 'extendedS3DestinationUpdate.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value greater than or equal to 1")},
			{"partitioning on", update(map[string]any{"ExtendedS3DestinationUpdate": map[string]any{"DynamicPartitioningConfiguration": map[string]any{"Enabled": true}}}),
				invalidArg("Dynamic partitioning can be enabled only when a Firehose stream is created, and cannot be disabled.")},
			{"engine refuses the result", update(map[string]any{"ExtendedS3DestinationUpdate": map[string]any{"CompressionFormat": "Snappy"}}),
				apiError{400, "InvalidArgumentException", ""}},
			{"HTTP without what a create needs", update(map[string]any{"HttpEndpointDestinationUpdate": map[string]any{"RetryOptions": map[string]any{"DurationInSeconds": 1}}}),
				validation("2 validation errors detected: Value null at 'httpEndpointDestinationUpdate.endpointConfiguration' failed to satisfy constraint: Member must not be null; " +
					"Value null at 'httpEndpointDestinationUpdate.s3Update' failed to satisfy constraint: Member must not be null")},
		}
		before := f.describe("ds")
		for _, tt := range tests {
			f.label = tt.name + ": "
			f.fail("UpdateDestination", tt.in, tt.want)
			sameJSON(t, f.label+"description after a failed update", f.describe("ds"), mustJSON(t, before))
		}
		f.label = ""

		// Backup on, and then it cannot go off.
		f.ok("UpdateDestination", update(map[string]any{"ExtendedS3DestinationUpdate": map[string]any{
			"S3BackupMode": "Enabled", "S3BackupUpdate": map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::backup"}}}))
		f.fail("UpdateDestination", update(map[string]any{"CurrentDeliveryStreamVersionId": "3", "ExtendedS3DestinationUpdate": map[string]any{"S3BackupMode": "Disabled"}}),
			invalidArg("S3 backup cannot be disabled once it is enabled."))
		// The plain S3 update merges into the same destination.
		f.ok("UpdateDestination", update(map[string]any{"CurrentDeliveryStreamVersionId": "3", "S3DestinationUpdate": map[string]any{"CompressionFormat": "GZIP"}}))
		ext = f.describe("ds")["Destinations"].([]any)[0].(map[string]any)["ExtendedS3DestinationDescription"].(map[string]any)
		if ext["CompressionFormat"] != "GZIP" || ext["Prefix"] != "v2/" || ext["S3BackupMode"] != "Enabled" {
			t.Errorf("after a plain S3 update: %v", ext)
		}

		// To an HTTP endpoint and back: a new type takes the update whole.
		f.ok("UpdateDestination", update(map[string]any{"CurrentDeliveryStreamVersionId": "4", "HttpEndpointDestinationUpdate": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "https://example.test/"},
			"S3Update":              map[string]any{"RoleARN": roleARN, "BucketARN": "arn:aws:s3:::failed"}}}))
		dests := f.describe("ds")["Destinations"].([]any)[0].(map[string]any)
		if dests["HttpEndpointDestinationDescription"] == nil || dests["ExtendedS3DestinationDescription"] != nil {
			t.Errorf("after the switch to HTTP: %v", dests)
		}
		f.ok("UpdateDestination", update(map[string]any{"CurrentDeliveryStreamVersionId": "5", "HttpEndpointDestinationUpdate": map[string]any{
			"EndpointConfiguration": map[string]any{"Url": "https://example.test/v2"}}}))
		f.fail("UpdateDestination", update(map[string]any{"CurrentDeliveryStreamVersionId": "6", "ExtendedS3DestinationUpdate": map[string]any{"Prefix": "p/"}}),
			validation("2 validation errors detected: Value null at 'extendedS3DestinationUpdate.roleARN' failed to satisfy constraint: Member must not be null; "+
				"Value null at 'extendedS3DestinationUpdate.bucketARN' failed to satisfy constraint: Member must not be null"))
		f.ok("UpdateDestination", update(map[string]any{"CurrentDeliveryStreamVersionId": "6", "ExtendedS3DestinationUpdate": s3Config(nil)}))
		if d := f.describe("ds"); d["VersionId"] != "7" {
			t.Errorf("version %v after six updates", d["VersionId"])
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
