package firehoseapi_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestPutRecord(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, nil)
		newSourceStream(t, f)
		f.createS3("ds", map[string]any{"BufferingHints": map[string]any{"SizeInMBs": 1, "IntervalInSeconds": 60}})
		out := f.ok("PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": []byte("one\n")}})
		if id, _ := out["RecordId"].(string); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) || out["Encrypted"] != false {
			t.Errorf("PutRecord = %v", out)
		}
		batch := f.ok("PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": []any{
			map[string]any{"Data": []byte("two\n")}, map[string]any{"Data": []byte("")}, map[string]any{"Data": []byte("three\n")}}})
		if batch["FailedPutCount"] != 0.0 || batch["Encrypted"] != false || len(batch["RequestResponses"].([]any)) != 3 {
			t.Errorf("PutRecordBatch = %v", batch)
		}
		for _, r := range batch["RequestResponses"].([]any) {
			if id, _ := r.(map[string]any)["RecordId"].(string); len(id) != 32 || id == out["RecordId"] {
				t.Errorf("record id %v", r)
			}
		}
		if n := len(f.objects("")); n != 0 {
			t.Fatalf("%d objects before the buffer interval", n)
		}
		time.Sleep(60 * time.Second)
		synctest.Wait()
		objs := f.objects("bucket/")
		if got := contents(objs); !slices.Equal(got, []string{"one\ntwo\nthree\n"}) {
			t.Errorf("delivered %q", objs)
		}
		for k := range objs {
			if !regexp.MustCompile(`^bucket/2000/01/01/00/ds-1-2000-01-01-00-00-00-[0-9a-f-]{36}$`).MatchString(k) {
				t.Errorf("object key %s", k)
			}
		}
	})
}

func TestPutRecordRefused(t *testing.T) {
	f := newFake(t, nil)
	newSourceStream(t, f)
	f.createS3("ds", nil)
	f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "src", "DeliveryStreamType": "KinesisStreamAsSource",
		"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
		"ExtendedS3DestinationConfiguration": s3Config(nil)})
	records := func(n, size int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = map[string]any{"Data": bytes.Repeat([]byte("x"), size)}
		}
		return out
	}
	notOnSource := invalidArg("This operation is not permitted on KinesisStreamAsSource delivery stream type.")
	tests := []struct {
		name string
		op   string
		in   map[string]any
		want apiError
	}{
		{"no record", "PutRecord", map[string]any{"DeliveryStreamName": "ds"},
			validation("1 validation error detected: Value null at 'record' failed to satisfy constraint: Member must not be null")},
		{"no data", "PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{}},
			validation("1 validation error detected: Value null at 'record.data' failed to satisfy constraint: Member must not be null")},
		{"record over 1,000 KiB", "PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": bytes.Repeat([]byte("x"), 1024001)}},
			validation("1 validation error detected: Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000")},
		{"data not base64", "PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": "not base64!"}},
			apiError{400, "SerializationException", ""}},
		{"unknown delivery stream", "PutRecord", map[string]any{"DeliveryStreamName": "nope", "Record": map[string]any{"Data": []byte("x")}}, notFound("nope")},
		{"stream source", "PutRecord", map[string]any{"DeliveryStreamName": "src", "Record": map[string]any{"Data": []byte("x")}}, notOnSource},
		{"batch without records", "PutRecordBatch", map[string]any{"DeliveryStreamName": "ds"},
			validation("1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null")},
		{"empty batch", "PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": []any{}},
			validation("1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1")},
		{"501 records", "PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": records(501, 1)},
			validation("1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500")},
		{"batch record without data", "PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": []any{map[string]any{"Data": "eA=="}, map[string]any{}}},
			validation("1 validation error detected: Value null at 'records.2.member.data' failed to satisfy constraint: Member must not be null")},
		{"batch over 4 MiB", "PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": records(5, 1000<<10)},
			invalidArg("Records size exceeds 4 MB limit")},
		{"batch on unknown", "PutRecordBatch", map[string]any{"DeliveryStreamName": "nope", "Records": records(1, 1)}, notFound("nope")},
		{"batch on stream source", "PutRecordBatch", map[string]any{"DeliveryStreamName": "src", "Records": records(1, 1)}, notOnSource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := *f
			f.t = t
			f.fail(tt.op, tt.in, tt.want)
		})
	}
	f.flush("ds")
	if keys := f.store.Keys(); len(keys) != 0 {
		t.Errorf("refused records were delivered: %v", keys)
	}
	// The limits themselves pass.
	f.ok("PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": records(500, 1)})
	f.ok("PutRecordBatch", map[string]any{"DeliveryStreamName": "ds", "Records": records(4, 1000<<10)})
	f.ok("PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": bytes.Repeat([]byte("x"), 1000<<10)}})
}

func TestEncryption(t *testing.T) {
	f := newFake(t, nil)
	newSourceStream(t, f)
	f.createS3("ds", nil)
	f.ok("CreateDeliveryStream", map[string]any{"DeliveryStreamName": "src", "DeliveryStreamType": "KinesisStreamAsSource",
		"KinesisStreamSourceConfiguration":   map[string]any{"KinesisStreamARN": sourceARN, "RoleARN": roleARN},
		"ExtendedS3DestinationConfiguration": s3Config(nil)})
	encryption := func() any { return f.describe("ds")["DeliveryStreamEncryptionConfiguration"] }
	encrypted := func() any {
		return f.ok("PutRecord", map[string]any{"DeliveryStreamName": "ds", "Record": map[string]any{"Data": "eA=="}})["Encrypted"]
	}

	f.ok("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "ds"})
	sameJSON(t, "default key", encryption(), `{"KeyType": "AWS_OWNED_CMK", "Status": "ENABLED"}`)
	if encrypted() != true {
		t.Error("PutRecord says unencrypted with encryption on")
	}
	key := "arn:aws:kms:us-east-1:000000000000:key/k"
	f.ok("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "ds",
		"DeliveryStreamEncryptionConfigurationInput": map[string]any{"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": key}})
	sameJSON(t, "customer key", encryption(), `{"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": "`+key+`", "Status": "ENABLED"}`)
	f.fail("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "ds",
		"DeliveryStreamEncryptionConfigurationInput": map[string]any{"KeyType": "AWS_OWNED_CMK", "KeyARN": key}},
		invalidArg("KeyARN must not be specified when KeyType is AWS_OWNED_CMK."))
	f.fail("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "ds",
		"DeliveryStreamEncryptionConfigurationInput": map[string]any{"KeyType": "MINE"}},
		validation("1 validation error detected: Value 'MINE' at 'deliveryStreamEncryptionConfigurationInput.keyType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_OWNED_CMK, CUSTOMER_MANAGED_CMK]"))
	sameJSON(t, "after refused changes", encryption(), `{"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": "`+key+`", "Status": "ENABLED"}`)

	f.ok("StopDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "ds"})
	sameJSON(t, "stopped", encryption(), `{"Status": "DISABLED"}`)
	if encrypted() != false {
		t.Error("PutRecord says encrypted with encryption off")
	}
	f.fail("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "src"},
		invalidArg("Server-side encryption is supported only for a Firehose stream whose source is DirectPut."))
	f.fail("StartDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "nope"}, notFound("nope"))
	f.fail("StopDeliveryStreamEncryption", map[string]any{"DeliveryStreamName": "nope"}, notFound("nope"))
	f.fail("StopDeliveryStreamEncryption", map[string]any{},
		validation("1 validation error detected: Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null"))
}

// gunzip returns the decompressed body of a GZIP object.
func gunzip(t *testing.T, body string) string {
	t.Helper()
	r, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
