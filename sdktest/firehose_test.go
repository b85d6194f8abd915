package sdktest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/firehose"
	"github.com/aws/aws-sdk-go-v2/service/firehose/types"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	kinesistypes "github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/switchyard/switchyard/awsfake"
	fh "github.com/switchyard/switchyard/firehose"
)

// Firehose through the real aws-sdk-go-v2 client: every operation, its
// modelled errors, and delivered objects read back from the account's
// object store.

// fhEnv is one fake account and the clients a Firehose test uses.
type fhEnv struct {
	FH      *firehose.Client
	Kinesis *kinesis.Client
	Account *awsfake.Account
	// deliver makes the delivery stream called name deliver what it
	// buffers: in a bubble by letting its buffering interval pass in
	// virtual time, on the emulator by flushing it (its clock follows
	// real time, and nothing here waits for that).
	deliver func(t *testing.T, name string)
}

// fhTransports are the ways a Firehose test reaches the fake: in memory
// in a synctest bubble, and through a loopback socket to the emulator.
var fhTransports = []struct {
	name string
	run  func(t *testing.T, f func(t *testing.T, e *fhEnv))
}{
	{"inmemory", fhInMemory},
	{"loopback", fhLoopback},
}

func fhInMemory(t *testing.T, f func(t *testing.T, e *fhEnv)) {
	synctest.Test(t, func(t *testing.T) {
		acct := awsfake.New(awsfake.Config{})
		t.Cleanup(func() { closeAccount(t, acct) })
		// Reset stops the delivery streams that read Kinesis streams,
		// whose readers would otherwise outlive the bubble.
		t.Cleanup(acct.Reset)
		hc := acct.HTTPClient()
		f(t, &fhEnv{
			FH:      newFirehose(placeholderEndpoint, hc),
			Kinesis: newKinesis(placeholderEndpoint, hc),
			Account: acct,
			deliver: func(*testing.T, string) {
				time.Sleep(fh.MaxBufferIntervalInSeconds * time.Second)
				synctest.Wait()
			},
		})
	})
}

func fhLoopback(t *testing.T, f func(t *testing.T, e *fhEnv)) {
	s := loopback(t)
	t.Cleanup(s.Account.Reset)
	f(t, &fhEnv{
		FH:      newFirehose(s.URL, s.client),
		Kinesis: newKinesis(s.URL, s.client),
		Account: s.Account,
		deliver: func(t *testing.T, name string) {
			t.Helper()
			ds, ok := s.Account.DeliveryStream(name)
			if !ok {
				t.Fatalf("no delivery stream %s", name)
			}
			if err := ds.Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
		},
	})
}

const fhRole = "arn:aws:iam::" + account + ":role/firehose"

// s3Dest is an extended S3 destination writing to bucket.
func s3Dest(bucket string) *types.ExtendedS3DestinationConfiguration {
	return &types.ExtendedS3DestinationConfiguration{RoleARN: aws.String(fhRole), BucketARN: aws.String("arn:aws:s3:::" + bucket)}
}

// createS3Stream creates a DirectPut delivery stream writing to dest.
func createS3Stream(t *testing.T, c *firehose.Client, name string, dest *types.ExtendedS3DestinationConfiguration) string {
	t.Helper()
	out, err := c.CreateDeliveryStream(t.Context(), &firehose.CreateDeliveryStreamInput{
		DeliveryStreamName:                 aws.String(name),
		ExtendedS3DestinationConfiguration: dest,
	})
	if err != nil {
		t.Fatalf("CreateDeliveryStream %s: %v", name, err)
	}
	return aws.ToString(out.DeliveryStreamARN)
}

// objects returns the account's objects under prefix, by key.
func objects(t *testing.T, a *awsfake.Account, prefix string) map[string]string {
	t.Helper()
	store, ok := a.Objects().(*fh.MemoryStore)
	if !ok {
		t.Fatalf("the account's store is a %T", a.Objects())
	}
	out := map[string]string{}
	for _, k := range store.Keys() {
		if strings.HasPrefix(k, prefix) {
			b, _ := store.Get(k)
			out[k] = string(b)
		}
	}
	return out
}

// lines returns the lines of every object, sorted.
func lines(objs map[string]string) []string {
	var out []string
	for _, body := range objs {
		out = append(out, strings.Fields(body)...)
	}
	slices.Sort(out)
	return out
}

func TestFirehoseDeliveryStreams(t *testing.T) {
	for _, tr := range fhTransports {
		t.Run(tr.name, func(t *testing.T) {
			tr.run(t, func(t *testing.T, e *fhEnv) {
				ctx, c := t.Context(), e.FH
				arn := createS3Stream(t, c, "orders", s3Dest("orders-bucket"))
				if want := "arn:aws:firehose:" + region + ":" + account + ":deliverystream/orders"; arn != want {
					t.Errorf("ARN %s, want %s", arn, want)
				}
				_, err := c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
					DeliveryStreamName: aws.String("orders"), ExtendedS3DestinationConfiguration: s3Dest("other")})
				wantAs[*types.ResourceInUseException](t, "CreateDeliveryStream of an existing name", err)
				wantError(t, "CreateDeliveryStream of an existing name", err, "ResourceInUseException", "Firehose orders under accountId "+account+" already exists")
				_, err = c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{DeliveryStreamName: aws.String("none")})
				wantAs[*types.InvalidArgumentException](t, "CreateDeliveryStream without a destination", err)
				_, err = c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
					DeliveryStreamName: aws.String("bad name"), ExtendedS3DestinationConfiguration: s3Dest("b")})
				wantError(t, "CreateDeliveryStream with a bad name", err, "ValidationException",
					"1 validation error detected: Value 'bad name' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
				_, err = c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
					DeliveryStreamName: aws.String("redshift"), RedshiftDestinationConfiguration: &types.RedshiftDestinationConfiguration{
						RoleARN: aws.String(fhRole), ClusterJDBCURL: aws.String("jdbc:redshift://c.redshift.amazonaws.com:5439/db"),
						CopyCommand:     &types.CopyCommand{DataTableName: aws.String("t")},
						S3Configuration: &types.S3DestinationConfiguration{RoleARN: aws.String(fhRole), BucketARN: aws.String("arn:aws:s3:::b")}}})
				wantAs[*types.InvalidArgumentException](t, "a Redshift destination", err)
				wantError(t, "a Redshift destination", err, "InvalidArgumentException", "Switchyard does not implement RedshiftDestinationConfiguration yet.")

				d, err := c.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: aws.String("orders")})
				if err != nil {
					t.Fatal(err)
				}
				desc := d.DeliveryStreamDescription
				if desc.DeliveryStreamStatus != types.DeliveryStreamStatusActive || aws.ToString(desc.VersionId) != "1" ||
					desc.DeliveryStreamType != types.DeliveryStreamTypeDirectPut || desc.CreateTimestamp == nil ||
					aws.ToBool(desc.HasMoreDestinations) || len(desc.Destinations) != 1 {
					t.Fatalf("description %+v", desc)
				}
				dest := desc.Destinations[0]
				ext := dest.ExtendedS3DestinationDescription
				if aws.ToString(dest.DestinationId) != "destinationId-000000000001" || ext == nil || aws.ToString(ext.BucketARN) != "arn:aws:s3:::orders-bucket" ||
					aws.ToInt32(ext.BufferingHints.SizeInMBs) != 5 || aws.ToInt32(ext.BufferingHints.IntervalInSeconds) != 300 ||
					ext.CompressionFormat != types.CompressionFormatUncompressed || ext.S3BackupMode != types.S3BackupModeDisabled ||
					dest.S3DestinationDescription == nil {
					t.Errorf("destination %+v %+v", dest, ext)
				}
				if enc := desc.DeliveryStreamEncryptionConfiguration; enc == nil || enc.Status != types.DeliveryStreamEncryptionStatusDisabled {
					t.Errorf("encryption %+v", enc)
				}
				_, err = c.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: aws.String("nope")})
				wantAs[*types.ResourceNotFoundException](t, "DescribeDeliveryStream of an unknown name", err)
				wantError(t, "DescribeDeliveryStream of an unknown name", err, "ResourceNotFoundException", "Firehose nope under account "+account+" not found.")

				// ListDeliveryStreams, a page at a time.
				createS3Stream(t, c, "audit", s3Dest("audit"))
				createS3Stream(t, c, "clicks", s3Dest("clicks"))
				var names []string
				in := &firehose.ListDeliveryStreamsInput{Limit: aws.Int32(2)}
				for {
					out, err := c.ListDeliveryStreams(ctx, in)
					if err != nil {
						t.Fatal(err)
					}
					names = append(names, out.DeliveryStreamNames...)
					if !aws.ToBool(out.HasMoreDeliveryStreams) {
						break
					}
					in.ExclusiveStartDeliveryStreamName = aws.String(names[len(names)-1])
				}
				if !slices.Equal(names, []string{"audit", "clicks", "orders"}) {
					t.Errorf("listed %v", names)
				}
				_, err = c.ListDeliveryStreams(ctx, &firehose.ListDeliveryStreamsInput{Limit: aws.Int32(0)})
				wantError(t, "ListDeliveryStreams with limit 0", err, "ValidationException", "")

				// Tags.
				if _, err := c.TagDeliveryStream(ctx, &firehose.TagDeliveryStreamInput{DeliveryStreamName: aws.String("orders"),
					Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("billing")}, {Key: aws.String("env"), Value: aws.String("test")}}}); err != nil {
					t.Fatal(err)
				}
				if _, err := c.UntagDeliveryStream(ctx, &firehose.UntagDeliveryStreamInput{DeliveryStreamName: aws.String("orders"), TagKeys: []string{"env"}}); err != nil {
					t.Fatal(err)
				}
				tags, err := c.ListTagsForDeliveryStream(ctx, &firehose.ListTagsForDeliveryStreamInput{DeliveryStreamName: aws.String("orders")})
				if err != nil || len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "team" || aws.ToString(tags.Tags[0].Value) != "billing" || aws.ToBool(tags.HasMoreTags) {
					t.Errorf("ListTagsForDeliveryStream = %+v, %v", tags, err)
				}
				var many []types.Tag
				for i := range 50 {
					many = append(many, types.Tag{Key: aws.String(fmt.Sprint("k", i))})
				}
				_, err = c.TagDeliveryStream(ctx, &firehose.TagDeliveryStreamInput{DeliveryStreamName: aws.String("orders"), Tags: many})
				wantAs[*types.LimitExceededException](t, "a 51st tag", err)
				_, err = c.UntagDeliveryStream(ctx, &firehose.UntagDeliveryStreamInput{DeliveryStreamName: aws.String("nope"), TagKeys: []string{"a"}})
				wantAs[*types.ResourceNotFoundException](t, "UntagDeliveryStream of an unknown name", err)
				_, err = c.ListTagsForDeliveryStream(ctx, &firehose.ListTagsForDeliveryStreamInput{DeliveryStreamName: aws.String("nope")})
				wantAs[*types.ResourceNotFoundException](t, "ListTagsForDeliveryStream of an unknown name", err)

				// Encryption.
				if _, err := c.StartDeliveryStreamEncryption(ctx, &firehose.StartDeliveryStreamEncryptionInput{DeliveryStreamName: aws.String("orders"),
					DeliveryStreamEncryptionConfigurationInput: &types.DeliveryStreamEncryptionConfigurationInput{KeyType: types.KeyTypeAwsOwnedCmk}}); err != nil {
					t.Fatal(err)
				}
				put, err := c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String("orders"), Record: &types.Record{Data: []byte("x\n")}})
				if err != nil || !aws.ToBool(put.Encrypted) {
					t.Errorf("PutRecord with encryption on = %+v, %v", put, err)
				}
				d, _ = c.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: aws.String("orders")})
				if enc := d.DeliveryStreamDescription.DeliveryStreamEncryptionConfiguration; enc.Status != types.DeliveryStreamEncryptionStatusEnabled || enc.KeyType != types.KeyTypeAwsOwnedCmk {
					t.Errorf("encryption after Start %+v", enc)
				}
				_, err = c.StartDeliveryStreamEncryption(ctx, &firehose.StartDeliveryStreamEncryptionInput{DeliveryStreamName: aws.String("orders"),
					DeliveryStreamEncryptionConfigurationInput: &types.DeliveryStreamEncryptionConfigurationInput{KeyType: types.KeyTypeCustomerManagedCmk}})
				wantAs[*types.InvalidArgumentException](t, "a customer key without its ARN", err)
				if _, err := c.StopDeliveryStreamEncryption(ctx, &firehose.StopDeliveryStreamEncryptionInput{DeliveryStreamName: aws.String("orders")}); err != nil {
					t.Fatal(err)
				}
				_, err = c.StopDeliveryStreamEncryption(ctx, &firehose.StopDeliveryStreamEncryptionInput{DeliveryStreamName: aws.String("nope")})
				wantAs[*types.ResourceNotFoundException](t, "StopDeliveryStreamEncryption of an unknown name", err)

				// UpdateDestination: the version must be the current one.
				_, err = c.UpdateDestination(ctx, &firehose.UpdateDestinationInput{DeliveryStreamName: aws.String("orders"),
					CurrentDeliveryStreamVersionId: aws.String("7"), DestinationId: aws.String("destinationId-000000000001"),
					ExtendedS3DestinationUpdate: &types.ExtendedS3DestinationUpdate{Prefix: aws.String("v2/")}})
				wantAs[*types.ConcurrentModificationException](t, "UpdateDestination with a stale version", err)
				wantError(t, "UpdateDestination with a stale version", err, "ConcurrentModificationException",
					"Cannot update firehose: orders since the current version id: 1 and specified version id: 7 do not match")
				if _, err := c.UpdateDestination(ctx, &firehose.UpdateDestinationInput{DeliveryStreamName: aws.String("orders"),
					CurrentDeliveryStreamVersionId: aws.String("1"), DestinationId: aws.String("destinationId-000000000001"),
					ExtendedS3DestinationUpdate: &types.ExtendedS3DestinationUpdate{Prefix: aws.String("v2/")}}); err != nil {
					t.Fatal(err)
				}
				d, _ = c.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: aws.String("orders")})
				if desc := d.DeliveryStreamDescription; aws.ToString(desc.VersionId) != "2" || desc.LastUpdateTimestamp == nil ||
					aws.ToString(desc.Destinations[0].ExtendedS3DestinationDescription.Prefix) != "v2/" ||
					aws.ToString(desc.Destinations[0].ExtendedS3DestinationDescription.BucketARN) != "arn:aws:s3:::orders-bucket" {
					t.Errorf("after UpdateDestination %+v", desc)
				}
				_, err = c.UpdateDestination(ctx, &firehose.UpdateDestinationInput{DeliveryStreamName: aws.String("nope"),
					CurrentDeliveryStreamVersionId: aws.String("1"), DestinationId: aws.String("destinationId-000000000001"),
					ExtendedS3DestinationUpdate: &types.ExtendedS3DestinationUpdate{Prefix: aws.String("p/")}})
				wantAs[*types.ResourceNotFoundException](t, "UpdateDestination of an unknown name", err)

				// The record put under version 1 was delivered by the update;
				// DeleteDeliveryStream delivers what is left.
				if _, err := c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String("orders"), Record: &types.Record{Data: []byte("y\n")}}); err != nil {
					t.Fatal(err)
				}
				if _, err := c.DeleteDeliveryStream(ctx, &firehose.DeleteDeliveryStreamInput{DeliveryStreamName: aws.String("orders")}); err != nil {
					t.Fatal(err)
				}
				objs := objects(t, e.Account, "orders-bucket/")
				if got := lines(objs); !slices.Equal(got, []string{"x", "y"}) {
					t.Errorf("delivered %q", objs)
				}
				versions := map[bool]bool{}
				for k := range objs {
					versions[strings.Contains(k, "/orders-2-")] = true
					if strings.Contains(k, "/orders-2-") != strings.HasPrefix(k, "orders-bucket/v2/") {
						t.Errorf("key %s: the prefix and the version disagree", k)
					}
				}
				if len(versions) != 2 {
					t.Errorf("keys %v: want one object of each version", objs)
				}
				_, err = c.DeleteDeliveryStream(ctx, &firehose.DeleteDeliveryStreamInput{DeliveryStreamName: aws.String("orders")})
				wantAs[*types.ResourceNotFoundException](t, "DeleteDeliveryStream of a deleted name", err)
				_, err = c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String("orders"), Record: &types.Record{Data: []byte("z")}})
				wantAs[*types.ResourceNotFoundException](t, "PutRecord after the delete", err)
			})
		})
	}
}

func TestFirehosePutAndDeliver(t *testing.T) {
	for _, tr := range fhTransports {
		t.Run(tr.name, func(t *testing.T) {
			tr.run(t, func(t *testing.T, e *fhEnv) {
				ctx, c := t.Context(), e.FH
				dest := s3Dest("events")
				dest.Prefix = aws.String("raw/")
				dest.ErrorOutputPrefix = aws.String("errors/!{firehose:error-output-type}/")
				dest.CompressionFormat = types.CompressionFormatGzip
				createS3Stream(t, c, "events", dest)

				one, err := c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String("events"), Record: &types.Record{Data: []byte("first\n")}})
				if err != nil || len(aws.ToString(one.RecordId)) == 0 {
					t.Fatalf("PutRecord = %+v, %v", one, err)
				}
				var recs []types.Record
				for i := range 500 {
					recs = append(recs, types.Record{Data: fmt.Appendf(nil, "r%03d\n", i)})
				}
				batch, err := c.PutRecordBatch(ctx, &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("events"), Records: recs})
				if err != nil || aws.ToInt32(batch.FailedPutCount) != 0 || len(batch.RequestResponses) != 500 || aws.ToString(batch.RequestResponses[0].RecordId) == "" {
					t.Fatalf("PutRecordBatch = %+v, %v", batch, err)
				}

				// AWS's limits: 500 records, 1,000 KiB a record, 4 MiB a call.
				_, err = c.PutRecordBatch(ctx, &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("events"), Records: append(recs, types.Record{Data: []byte("x")})})
				wantError(t, "501 records", err, "ValidationException",
					"1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500")
				_, err = c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String("events"), Record: &types.Record{Data: make([]byte, fh.MaxRecordBytes+1)}})
				wantError(t, "a record over 1,000 KiB", err, "ValidationException", "")
				big := make([]types.Record, 5)
				for i := range big {
					big[i] = types.Record{Data: bytes.Repeat([]byte{'b'}, fh.MaxRecordBytes)}
				}
				_, err = c.PutRecordBatch(ctx, &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("events"), Records: big})
				wantAs[*types.InvalidArgumentException](t, "a batch over 4 MiB", err)
				wantError(t, "a batch over 4 MiB", err, "InvalidArgumentException", "Records size exceeds 4 MB limit")
				_, err = c.PutRecordBatch(ctx, &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("nope"), Records: recs[:1]})
				wantAs[*types.ResourceNotFoundException](t, "PutRecordBatch to an unknown name", err)

				if n := len(objects(t, e.Account, "events/")); n != 0 {
					t.Fatalf("%d objects before the buffer was due", n)
				}
				e.deliver(t, "events")
				objs := objects(t, e.Account, "events/raw/")
				var got []string
				for k, body := range objs {
					if !strings.HasSuffix(k, ".gz") || !strings.Contains(k, "/events-1-") {
						t.Errorf("key %s", k)
					}
					got = append(got, strings.Fields(gunzipString(t, body))...)
				}
				if len(got) != 501 || !slices.Contains(got, "first") || !slices.Contains(got, "r499") {
					t.Errorf("delivered %d records: %.60q…", len(got), got)
				}
			})
		})
	}
}

// gunzipString returns the decompressed body of a GZIP object.
func gunzipString(t *testing.T, body string) string {
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

func TestFirehoseLambdaProcessor(t *testing.T) {
	fhInMemory(t, func(t *testing.T, e *fhEnv) {
		fn := e.Account.RegisterFunction("shout", func(ctx context.Context, payload []byte) ([]byte, error) {
			var ev struct {
				Records []struct {
					RecordID string `json:"recordId"`
					Data     []byte `json:"data"`
				} `json:"records"`
			}
			if err := json.Unmarshal(payload, &ev); err != nil {
				return nil, err
			}
			type rec struct {
				RecordID string `json:"recordId"`
				Result   string `json:"result"`
				Data     []byte `json:"data"`
			}
			var out struct {
				Records []rec `json:"records"`
			}
			for _, r := range ev.Records {
				out.Records = append(out.Records, rec{r.RecordID, "Ok", []byte(strings.ToUpper(string(r.Data)))})
			}
			return json.Marshal(out)
		})
		dest := s3Dest("shouts")
		dest.ProcessingConfiguration = &types.ProcessingConfiguration{Enabled: aws.Bool(true), Processors: []types.Processor{
			{Type: types.ProcessorTypeLambda, Parameters: []types.ProcessorParameter{{ParameterName: types.ProcessorParameterNameLambdaArn, ParameterValue: aws.String(fn)}}},
			{Type: types.ProcessorTypeAppendDelimiterToRecord},
		}}
		createS3Stream(t, e.FH, "shout", dest)
		if _, err := e.FH.PutRecordBatch(t.Context(), &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("shout"),
			Records: []types.Record{{Data: []byte("hello")}, {Data: []byte("world")}}}); err != nil {
			t.Fatal(err)
		}
		e.deliver(t, "shout")
		if got := lines(objects(t, e.Account, "shouts/")); !slices.Equal(got, []string{"HELLO", "WORLD"}) {
			t.Errorf("delivered %q", got)
		}
	})
}

func TestFirehoseDynamicPartitioning(t *testing.T) {
	fhInMemory(t, func(t *testing.T, e *fhEnv) {
		dest := s3Dest("orders")
		dest.Prefix = aws.String("customer=!{partitionKeyFromQuery:customer}/")
		dest.ErrorOutputPrefix = aws.String("errors/!{firehose:error-output-type}/")
		dest.DynamicPartitioningConfiguration = &types.DynamicPartitioningConfiguration{Enabled: aws.Bool(true)}
		dest.ProcessingConfiguration = &types.ProcessingConfiguration{Enabled: aws.Bool(true), Processors: []types.Processor{
			{Type: types.ProcessorTypeMetadataExtraction, Parameters: []types.ProcessorParameter{
				{ParameterName: types.ProcessorParameterNameMetadataExtractionQuery, ParameterValue: aws.String("{customer: .customer}")},
				{ParameterName: types.ProcessorParameterNameJsonParsingEngine, ParameterValue: aws.String("JQ-1.6")}}},
			{Type: types.ProcessorTypeAppendDelimiterToRecord},
		}}
		createS3Stream(t, e.FH, "orders", dest)
		var recs []types.Record
		for _, c := range []string{"a", "b", "a"} {
			recs = append(recs, types.Record{Data: fmt.Appendf(nil, `{"customer":%q}`, c)})
		}
		if _, err := e.FH.PutRecordBatch(t.Context(), &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("orders"), Records: recs}); err != nil {
			t.Fatal(err)
		}
		e.deliver(t, "orders")
		if got := lines(objects(t, e.Account, "orders/customer=a/")); len(got) != 2 {
			t.Errorf("partition a: %q", got)
		}
		if got := lines(objects(t, e.Account, "orders/customer=b/")); len(got) != 1 {
			t.Errorf("partition b: %q", got)
		}
	})
}

func TestFirehoseHTTPEndpoint(t *testing.T) {
	// The endpoint is a real local server: the emulator's delivery
	// streams post to it over loopback.
	var mu sync.Mutex
	var got []string
	var headers []http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			RequestID string `json:"requestId"`
			Records   []struct {
				Data string `json:"data"`
			} `json:"records"`
		}
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &body)
		mu.Lock()
		for _, rec := range body.Records {
			d, _ := base64.StdEncoding.DecodeString(rec.Data)
			got = append(got, string(d))
		}
		headers = append(headers, r.Header.Clone())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"requestId": body.RequestID, "timestamp": time.Now().UnixMilli()})
	}))
	t.Cleanup(srv.Close)
	fhLoopback(t, func(t *testing.T, e *fhEnv) {
		ctx, c := t.Context(), e.FH
		_, err := c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
			DeliveryStreamName: aws.String("hook"),
			HttpEndpointDestinationConfiguration: &types.HttpEndpointDestinationConfiguration{
				EndpointConfiguration: &types.HttpEndpointConfiguration{Url: aws.String(srv.URL + "/ingest"), Name: aws.String("local"), AccessKey: aws.String("k3y")},
				RequestConfiguration: &types.HttpEndpointRequestConfiguration{ContentEncoding: types.ContentEncodingNone,
					CommonAttributes: []types.HttpEndpointCommonAttribute{{AttributeName: aws.String("env"), AttributeValue: aws.String("test")}}},
				BufferingHints:  &types.HttpEndpointBufferingHints{SizeInMBs: aws.Int32(1), IntervalInSeconds: aws.Int32(60)},
				RetryOptions:    &types.HttpEndpointRetryOptions{DurationInSeconds: aws.Int32(60)},
				S3BackupMode:    types.HttpEndpointS3BackupModeFailedDataOnly,
				S3Configuration: &types.S3DestinationConfiguration{RoleARN: aws.String(fhRole), BucketARN: aws.String("arn:aws:s3:::hook-failed")},
			}})
		if err != nil {
			t.Fatal(err)
		}
		d, err := c.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: aws.String("hook")})
		if err != nil {
			t.Fatal(err)
		}
		hd := d.DeliveryStreamDescription.Destinations[0].HttpEndpointDestinationDescription
		if hd == nil || aws.ToString(hd.EndpointConfiguration.Url) != srv.URL+"/ingest" || aws.ToString(hd.EndpointConfiguration.Name) != "local" ||
			aws.ToString(hd.S3DestinationDescription.BucketARN) != "arn:aws:s3:::hook-failed" || aws.ToInt32(hd.RetryOptions.DurationInSeconds) != 60 {
			t.Errorf("HTTP endpoint description %+v", hd)
		}
		if _, err := c.PutRecordBatch(ctx, &firehose.PutRecordBatchInput{DeliveryStreamName: aws.String("hook"),
			Records: []types.Record{{Data: []byte("one")}, {Data: []byte("two")}}}); err != nil {
			t.Fatal(err)
		}
		e.deliver(t, "hook")
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(got, []string{"one", "two"}) || len(headers) != 1 ||
			headers[0].Get("X-Amz-Firehose-Access-Key") != "k3y" || headers[0].Get("X-Amz-Firehose-Common-Attributes") != `{"commonAttributes":{"env":"test"}}` {
			t.Errorf("endpoint got %q with %v", got, headers)
		}
	})
}

func TestFirehoseStreamSource(t *testing.T) {
	fhInMemory(t, func(t *testing.T, e *fhEnv) {
		ctx := t.Context()
		if _, err := e.Kinesis.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("clicks"), ShardCount: aws.Int32(2)}); err != nil {
			var ae smithy.APIError
			if errors.As(err, &ae) && ae.ErrorCode() == "UnknownOperationException" {
				t.Skip("the account does not serve Kinesis's CreateStream yet")
			}
			t.Fatal(err)
		}
		var streamARN string
		for {
			s, err := e.Kinesis.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("clicks")})
			if err != nil {
				t.Fatal(err)
			}
			if s.StreamDescriptionSummary.StreamStatus == kinesistypes.StreamStatusActive {
				streamARN = aws.ToString(s.StreamDescriptionSummary.StreamARN)
				break
			}
			time.Sleep(time.Second) // virtual time, in the bubble
		}
		dest := s3Dest("clicks")
		_, err := e.FH.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
			DeliveryStreamName:                 aws.String("clicks-to-s3"),
			DeliveryStreamType:                 types.DeliveryStreamTypeKinesisStreamAsSource,
			KinesisStreamSourceConfiguration:   &types.KinesisStreamSourceConfiguration{KinesisStreamARN: aws.String(streamARN), RoleARN: aws.String(fhRole)},
			ExtendedS3DestinationConfiguration: dest,
		})
		if err != nil {
			t.Fatal(err)
		}
		d, err := e.FH.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: aws.String("clicks-to-s3")})
		if err != nil {
			t.Fatal(err)
		}
		if desc := d.DeliveryStreamDescription; desc.DeliveryStreamType != types.DeliveryStreamTypeKinesisStreamAsSource ||
			desc.Source == nil || aws.ToString(desc.Source.KinesisStreamSourceDescription.KinesisStreamARN) != streamARN {
			t.Errorf("description %+v", desc)
		}
		list, err := e.FH.ListDeliveryStreams(ctx, &firehose.ListDeliveryStreamsInput{DeliveryStreamType: types.DeliveryStreamTypeKinesisStreamAsSource})
		if err != nil || !slices.Equal(list.DeliveryStreamNames, []string{"clicks-to-s3"}) {
			t.Errorf("ListDeliveryStreams of stream sources = %+v, %v", list, err)
		}
		_, err = e.FH.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String("clicks-to-s3"), Record: &types.Record{Data: []byte("x")}})
		wantAs[*types.InvalidArgumentException](t, "PutRecord on a stream source", err)
		wantError(t, "PutRecord on a stream source", err, "InvalidArgumentException", "This operation is not permitted on KinesisStreamAsSource delivery stream type.")
		_, err = e.FH.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
			DeliveryStreamName:                 aws.String("from-nowhere"),
			DeliveryStreamType:                 types.DeliveryStreamTypeKinesisStreamAsSource,
			KinesisStreamSourceConfiguration:   &types.KinesisStreamSourceConfiguration{KinesisStreamARN: aws.String(strings.Replace(streamARN, "clicks", "nope", 1)), RoleARN: aws.String(fhRole)},
			ExtendedS3DestinationConfiguration: dest,
		})
		wantAs[*types.InvalidArgumentException](t, "a source stream that does not exist", err)

		for i := range 3 {
			if _, err := e.Kinesis.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("clicks"),
				PartitionKey: aws.String(fmt.Sprint("user", i)), Data: fmt.Appendf(nil, "click%d\n", i)}); err != nil {
				t.Fatal(err)
			}
		}
		e.deliver(t, "clicks-to-s3")
		if got := lines(objects(t, e.Account, "clicks/")); !slices.Equal(got, []string{"click0", "click1", "click2"}) {
			t.Errorf("delivered %q", got)
		}
	})
}
