package firehose_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/firehose"
)

// An object's key is the evaluated prefix — by default the UTC arrival
// hour of its oldest record — then name-version-timestamp-uuid and the
// compression's extension; its body decompresses to the records.
func TestS3ObjectKeysAndCompression(t *testing.T) {
	arrival := time.Date(2026, 11, 25, 23, 59, 58, 0, time.FixedZone("CET", 3600))
	uuid := `[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`
	for _, tc := range []struct {
		name       string
		dest       firehose.S3Destination
		key        string
		decompress func(t *testing.T, b []byte) string
	}{
		{"default prefix", firehose.S3Destination{},
			`^2026/11/25/22/orders-1-2026-11-25-22-59-58-` + uuid + `$`, plain},
		{"custom prefix gets the hour appended", firehose.S3Destination{Prefix: "raw/"},
			`^raw/2026/11/25/22/orders-1-2026-11-25-22-59-58-` + uuid + `$`, plain},
		{"timestamp expressions", firehose.S3Destination{Prefix: "year=!{timestamp:yyyy}/day=!{timestamp:DDD}/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"},
			`^year=2026/day=329/orders-1-2026-11-25-22-59-58-` + uuid + `$`, plain},
		{"time zone", firehose.S3Destination{Prefix: "tz/", CustomTimeZone: "Asia/Tokyo"},
			`^tz/2026/11/26/07/orders-1-2026-11-26-07-59-58-` + uuid + `$`, plain},
		{"gzip", firehose.S3Destination{CompressionFormat: firehose.GZIP},
			`^2026/11/25/22/orders-1-2026-11-25-22-59-58-` + uuid + `\.gz$`, gunzip},
		{"zip", firehose.S3Destination{CompressionFormat: firehose.ZIP},
			`^2026/11/25/22/orders-1-2026-11-25-22-59-58-` + uuid + `\.zip$`, unzip},
		{"file extension", firehose.S3Destination{CompressionFormat: firehose.GZIP, FileExtension: ".json.gz"},
			`^2026/11/25/22/orders-1-2026-11-25-22-59-58-` + uuid + `\.json\.gz$`, gunzip},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := &firehose.MemoryStore{}
			dest := tc.dest
			dest.Store = store
			ds := newStream(t, firehose.Config{Name: "orders", S3: &dest, AppendDelimiter: true},
				firehose.WithClock(clock.NewManual(arrival)))
			ds.PutBatch([][]byte{[]byte(`{"id":1}`), []byte(`{"id":2}`)})
			if err := ds.Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			keys := store.Keys()
			if len(keys) != 1 || !regexp.MustCompile(tc.key).MatchString(keys[0]) {
				t.Fatalf("keys %q, want one matching %s", keys, tc.key)
			}
			body, _ := store.Get(keys[0])
			if got := tc.decompress(t, body); got != "{\"id\":1}\n{\"id\":2}\n" {
				t.Fatalf("object holds %q", got)
			}
		})
	}
}

func plain(_ *testing.T, b []byte) string { return string(b) }

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func unzip(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(z.File) != 1 {
		t.Fatalf("zip: %v, %d entries", err, len(z.File))
	}
	f, err := z.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(f)
	return string(out)
}

// Dynamic partitioning keeps a buffer per partition, delivers each as its
// own object under its evaluated prefix, and sends records whose keys
// cannot be taken to the error output as partitioning-failed.
func TestDynamicPartitioning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		ds := newStream(t, firehose.Config{
			Name:                "parts",
			AppendDelimiter:     true,
			DynamicPartitioning: &firehose.DynamicPartitioning{Query: map[string]string{"customer": ".customer.id", "kind": ".kind"}},
			S3: &firehose.S3Destination{Store: store,
				Prefix:            "customer=!{partitionKeyFromQuery:customer}/kind=!{partitionKeyFromQuery:kind}/",
				ErrorOutputPrefix: "errors/!{firehose:error-output-type}/"},
		})
		ds.PutBatch([][]byte{
			[]byte(`{"customer":{"id":7},"kind":"a","n":1}`),
			[]byte(`{"customer":{"id":8},"kind":"a","n":2}`),
			[]byte(`{"customer":{"id":7},"kind":"a","n":3}`),
			[]byte(`{"customer":{"id":7},"kind":"b","n":4}`),
			[]byte(`not json`),
			[]byte(`{"customer":{},"kind":"a"}`),
		})
		ds.Flush(context.Background())
		objects := map[string]string{}
		for _, k := range store.Keys() {
			b, _ := store.Get(k)
			objects[k[:strings.LastIndexByte(k, '/')+1]] += string(b)
		}
		want := map[string]string{
			"customer=7/kind=a/": "{\"customer\":{\"id\":7},\"kind\":\"a\",\"n\":1}\n{\"customer\":{\"id\":7},\"kind\":\"a\",\"n\":3}\n",
			"customer=8/kind=a/": "{\"customer\":{\"id\":8},\"kind\":\"a\",\"n\":2}\n",
			"customer=7/kind=b/": "{\"customer\":{\"id\":7},\"kind\":\"b\",\"n\":4}\n",
		}
		for prefix, body := range want {
			if objects[prefix] != body {
				t.Errorf("%s holds %q, want %q", prefix, objects[prefix], body)
			}
		}
		lines := errorLines(t, store, "errors/partitioning-failed/")
		if len(lines) != 2 || rawData(t, lines[0]) != "not json" || lines[0]["errorCode"] != "DynamicPartitioning.MetadataExtractionFailed" {
			t.Fatalf("error output %v", lines)
		}
	})
}

// Beyond 500 active partitions, records go to the error output.
func TestActivePartitionLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		ds := newStream(t, firehose.Config{
			Name:                "many",
			DynamicPartitioning: &firehose.DynamicPartitioning{QueryFunc: func(b []byte) (map[string]string, error) { return map[string]string{"k": string(b)}, nil }},
			S3:                  &firehose.S3Destination{Store: store, Prefix: "!{partitionKeyFromQuery:k}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"},
		})
		for i := range firehose.MaxActivePartitions + 2 {
			ds.Put([]byte(fmt.Sprint(i)))
		}
		ds.Put([]byte("0")) // an active partition still takes records
		ds.Flush(context.Background())
		lines := errorLines(t, store, "e/partitioning-failed/")
		if len(lines) != 2 || lines[0]["errorCode"] != "DynamicPartitioning.ActivePartitionsLimitExceeded" {
			t.Fatalf("error output %v", lines)
		}
		if s := ds.Stats(); s.DeliveredRecords != firehose.MaxActivePartitions+1 || s.FailedRecords != 2 {
			t.Fatalf("stats %+v", s)
		}
	})
}

// Keys a processor returns partition records too.
func TestPartitionKeysFromProcessor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			var out firehose.ProcessorOutput
			for _, r := range in.Records {
				out.Records = append(out.Records, firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: r.Data,
					PartitionKeys: map[string]string{"first": string(r.Data[:1])}})
			}
			return out, nil
		})
		ds := newStream(t, firehose.Config{
			Name:                "lambda-keys",
			Processing:          &firehose.Processing{Processor: proc},
			DynamicPartitioning: &firehose.DynamicPartitioning{},
			S3:                  &firehose.S3Destination{Store: store, Prefix: "!{partitionKeyFromLambda:first}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"},
		})
		ds.PutBatch([][]byte{[]byte("apple"), []byte("banana"), []byte("avocado")})
		ds.Flush(context.Background())
		got := map[string]string{}
		for _, k := range store.Keys() {
			b, _ := store.Get(k)
			got[k[:2]] = string(b)
		}
		if got["a/"] != "appleavocado" || got["b/"] != "banana" || len(got) != 2 {
			t.Fatalf("objects %v", got)
		}
	})
}

// With S3BackupMode Enabled every source record also goes to the backup,
// as it came, before the processor changed it.
func TestSourceRecordBackup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, backup := &firehose.MemoryStore{}, &firehose.MemoryStore{}
		proc := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
			var out firehose.ProcessorOutput
			for _, r := range in.Records {
				out.Records = append(out.Records, firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: bytes.ToUpper(r.Data)})
			}
			return out, nil
		})
		ds := newStream(t, firehose.Config{
			Name:       "backup",
			Processing: &firehose.Processing{Processor: proc},
			S3:         &firehose.S3Destination{Store: store},
			Backup:     &firehose.S3Destination{Store: backup, Prefix: "source/"},
			BackupMode: firehose.BackupEnabled,
		})
		ds.PutBatch([][]byte{[]byte("a"), []byte("b")})
		ds.Flush(context.Background())
		body := func(s *firehose.MemoryStore) string {
			var out string
			for _, k := range s.Keys() {
				b, _ := s.Get(k)
				out += string(b)
			}
			return out
		}
		if body(store) != "AB" || body(backup) != "ab" || !strings.HasPrefix(backup.Keys()[0], "source/") {
			t.Fatalf("delivered %q, backed up %q under %q", body(store), body(backup), backup.Keys())
		}
	})
}
