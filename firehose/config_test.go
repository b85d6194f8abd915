package firehose_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// Every configuration AWS refuses is refused, with AWS's error code.
func TestConfigValidation(t *testing.T) {
	store := &firehose.MemoryStore{}
	dest := &recorder{}
	s3 := func() *firehose.S3Destination { return &firehose.S3Destination{Store: store} }
	partitioned := &firehose.S3Destination{Store: store, Prefix: "c=!{partitionKeyFromQuery:c}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"}
	query := &firehose.DynamicPartitioning{Query: map[string]string{"c": ".customer"}}
	for _, tc := range []struct {
		name string
		cfg  firehose.Config
		err  error
		msg  string
	}{
		{"empty name", firehose.Config{Destination: dest}, firehose.ErrValidation, "Value '' at 'deliveryStreamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"long name", firehose.Config{Name: strings.Repeat("n", 65), Destination: dest}, firehose.ErrValidation, "Member must have length less than or equal to 64"},
		{"bad name", firehose.Config{Name: "a b", Destination: dest}, firehose.ErrValidation, "regular expression pattern"},
		{"no destination", firehose.Config{Name: "n"}, firehose.ErrInvalidArgument, "Exactly one destination"},
		{"two destinations", firehose.Config{Name: "n", S3: s3(), Destination: dest}, firehose.ErrInvalidArgument, "Exactly one destination"},
		{"size 0", firehose.Config{Name: "n", Buffering: hints(0, 60), S3: s3()}, firehose.ErrValidation, "Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"size 129", firehose.Config{Name: "n", Buffering: hints(129, 60), S3: s3()}, firehose.ErrValidation, "Member must have value less than or equal to 128"},
		{"http size 65", firehose.Config{Name: "n", Buffering: hints(65, 60), HTTPEndpoint: &firehose.HTTPEndpoint{URL: "https://example.com"}, Backup: s3()}, firehose.ErrValidation, "'httpEndpointDestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value less than or equal to 64"},
		{"interval 901", firehose.Config{Name: "n", Buffering: hints(5, 901), S3: s3()}, firehose.ErrValidation, "Member must have value less than or equal to 900"},
		{"interval -1", firehose.Config{Name: "n", Buffering: hints(5, -1), S3: s3()}, firehose.ErrValidation, "intervalInSeconds"},
		{"http without backup", firehose.Config{Name: "n", HTTPEndpoint: &firehose.HTTPEndpoint{URL: "https://example.com"}}, firehose.ErrValidation, "s3Configuration' failed to satisfy constraint: Member must not be null"},
		{"s3 without store", firehose.Config{Name: "n", S3: &firehose.S3Destination{}}, firehose.ErrValidation, "must not be null"},
		{"bad s3 backup mode", firehose.Config{Name: "n", S3: s3(), BackupMode: firehose.BackupAllData}, firehose.ErrValidation, "Member must satisfy enum value set: [Disabled, Enabled]"},
		{"bad http backup mode", firehose.Config{Name: "n", HTTPEndpoint: &firehose.HTTPEndpoint{URL: "https://example.com"}, Backup: s3(), BackupMode: firehose.BackupEnabled}, firehose.ErrValidation, "[FailedDataOnly, AllData]"},
		{"backup enabled without backup", firehose.Config{Name: "n", S3: s3(), BackupMode: firehose.BackupEnabled}, firehose.ErrInvalidArgument, "S3BackupConfiguration"},
		{"all data without backup", firehose.Config{Name: "n", Destination: dest, BackupMode: firehose.BackupAllData}, firehose.ErrInvalidArgument, "backup"},
		{"retry duration on s3", firehose.Config{Name: "n", S3: s3(), RetryDuration: firehose.Duration(time.Minute)}, firehose.ErrInvalidArgument, "RetryOptions"},
		{"retry duration too long", firehose.Config{Name: "n", Destination: dest, RetryDuration: firehose.Duration(7201 * time.Second)}, firehose.ErrInvalidArgument, "DurationInSeconds"},
		{"processing without processor", firehose.Config{Name: "n", Destination: dest, Processing: &firehose.Processing{}}, firehose.ErrInvalidArgument, "processor"},
		{"processor retries", firehose.Config{Name: "n", Destination: dest, Processing: &firehose.Processing{Processor: nopProcessor, NumberOfRetries: firehose.Retries(301)}}, firehose.ErrInvalidArgument, "NumberOfRetries"},
		{"processor buffer", firehose.Config{Name: "n", Destination: dest, Processing: &firehose.Processing{Processor: nopProcessor, BufferSizeInMBs: 3.5}}, firehose.ErrInvalidArgument, "BufferSizeInMBs"},
		{"processor interval", firehose.Config{Name: "n", Destination: dest, Processing: &firehose.Processing{Processor: nopProcessor, BufferIntervalInSeconds: 30}}, firehose.ErrInvalidArgument, "BufferIntervalInSeconds"},
		{"partitioning not on s3", firehose.Config{Name: "n", Destination: dest, DynamicPartitioning: query}, firehose.ErrInvalidArgument, "only supported for Amazon S3"},
		{"partitioning with zero buffering", firehose.Config{Name: "n", S3: partitioned, DynamicPartitioning: query, Buffering: hints(64, 0)}, firehose.ErrInvalidArgument, "Zero buffering"},
		{"partitioning with small buffer", firehose.Config{Name: "n", S3: partitioned, DynamicPartitioning: query, Buffering: hints(5, 60)}, firehose.ErrInvalidArgument, "at least 64"},
		{"bad query", firehose.Config{Name: "n", S3: partitioned, DynamicPartitioning: &firehose.DynamicPartitioning{Query: map[string]string{"c": "customer"}}}, firehose.ErrInvalidArgument, "MetadataExtractionQuery"},
		{"query and func", firehose.Config{Name: "n", S3: partitioned, DynamicPartitioning: &firehose.DynamicPartitioning{Query: query.Query, QueryFunc: func([]byte) (map[string]string, error) { return nil, nil }}}, firehose.ErrInvalidArgument, "not both"},
		{"snappy", firehose.Config{Name: "n", S3: &firehose.S3Destination{Store: store, CompressionFormat: firehose.Snappy}}, firehose.ErrInvalidArgument, "Snappy"},
		{"unknown compression", firehose.Config{Name: "n", S3: &firehose.S3Destination{Store: store, CompressionFormat: "LZ4"}}, firehose.ErrInvalidArgument, "LZ4"},
		{"bad time zone", firehose.Config{Name: "n", S3: &firehose.S3Destination{Store: store, CustomTimeZone: "Mars/Olympus"}}, firehose.ErrInvalidArgument, "CustomTimeZone"},
		{"bad prefix", firehose.Config{Name: "n", S3: &firehose.S3Destination{Store: store, Prefix: "!{nope}", ErrorOutputPrefix: "e/!{firehose:error-output-type}"}}, firehose.ErrInvalidArgument, ""},
		{"http bad url", firehose.Config{Name: "n", HTTPEndpoint: &firehose.HTTPEndpoint{URL: "ftp://example.com"}, Backup: s3()}, firehose.ErrInvalidArgument, "scheme"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := firehose.New(tc.cfg)
			if !errors.Is(err, tc.err) {
				t.Fatalf("New: %v, want %v", err, tc.err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("New: %v, want a message with %q", err, tc.msg)
			}
		})
	}
}

var nopProcessor = firehose.ProcessorFunc(func(context.Context, firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
	return firehose.ProcessorOutput{}, nil
})

// Put and PutBatch refuse what PutRecord and PutRecordBatch refuse, and
// take nothing when they do.
func TestPutValidation(t *testing.T) {
	dest := &recorder{}
	ds := newStream(t, firehose.Config{Name: "put", Destination: dest})
	big := make([]byte, firehose.MaxRecordBytes+1)
	if _, err := ds.Put(big); !errors.Is(err, firehose.ErrValidation) || !strings.Contains(err.Error(), "Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000") {
		t.Fatalf("Put(too big): %v", err)
	}
	many := make([][]byte, firehose.MaxBatchRecords+1)
	for i := range many {
		many[i] = []byte("x")
	}
	for _, tc := range []struct {
		name    string
		records [][]byte
		err     error
		msg     string
	}{
		{"none", nil, firehose.ErrValidation, "Value at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"501", many, firehose.ErrValidation, "Member must have length less than or equal to 500"},
		{"record too big", [][]byte{[]byte("ok"), big}, firehose.ErrValidation, "Value at 'records.2.member.data'"},
		{"over 4 MiB", [][]byte{make([]byte, 1000<<10), make([]byte, 1000<<10), make([]byte, 1000<<10), make([]byte, 1000<<10), make([]byte, 200<<10)}, firehose.ErrInvalidArgument, "4 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ds.PutBatch(tc.records)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("PutBatch: %v, want %v with %q", err, tc.err, tc.msg)
			}
		})
	}
	if s := ds.Stats(); s.IncomingRecords != 0 {
		t.Fatalf("refused puts took records: %+v", s)
	}
}

// A fault hook fails the records it chooses, as AWS fails them per record
// in a batch, and a whole PutRecord call.
func TestFaults(t *testing.T) {
	dest := &recorder{}
	ds := newStream(t, firehose.Config{Name: "faults", Buffering: hints(1, 0), Destination: dest},
		firehose.WithFaults(func(c firehose.Call) error {
			if string(c.Data) == "bad" {
				return firehose.ErrServiceUnavailable
			}
			return nil
		}))
	res, err := ds.PutBatch([][]byte{[]byte("good"), []byte("bad"), []byte("fine")})
	if err != nil {
		t.Fatal(err)
	}
	if res.FailedPutCount != 1 || res.RequestResponses[1].ErrorCode != "ServiceUnavailableException" || !res.RequestResponses[1].RecordID.IsZero() ||
		res.RequestResponses[0].RecordID.IsZero() || res.RequestResponses[0].RecordID == res.RequestResponses[2].RecordID {
		t.Fatalf("result %+v", res)
	}
	if _, err := ds.Put([]byte("bad")); !errors.Is(err, firehose.ErrServiceUnavailable) {
		t.Fatalf("Put: %v", err)
	}
	if s := ds.Stats(); s.IncomingRecords != 2 {
		t.Fatalf("stats %+v", s)
	}
}
