package firehose_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

var uuidRE = `[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`

// Object keys: default prefix YYYY/MM/dd/HH/ in UTC of the oldest record's
// arrival, then name-version-yyyy-MM-dd-HH-mm-ss-uuid plus extension
// (reference §2.4); GZIP and ZIP objects decompress to the records.
func TestS3KeysAndCompression(t *testing.T) {
	for _, f := range []firehose.CompressionFormat{"", firehose.GZIP, firehose.ZIP} {
		t.Run(string(f), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := &firehose.MemoryStore{}
				ds, err := firehose.New(firehose.Config{Name: "keys", Buffering: hints(1, 60),
					S3: &firehose.S3Destination{Store: store, CompressionFormat: f}})
				if err != nil {
					t.Fatal(err)
				}
				first := time.Now().UTC()
				ds.Put([]byte("a\n"))
				time.Sleep(30 * time.Second)
				ds.Put([]byte("b\n"))
				time.Sleep(40 * time.Second) // interval 60 s from the first record
				synctest.Wait()
				keys := store.Keys()
				if len(keys) != 1 {
					t.Fatalf("keys %q", keys)
				}
				ext := map[firehose.CompressionFormat]string{"": "", firehose.GZIP: ".gz", firehose.ZIP: ".zip"}[f]
				want := first.Format("2006/01/02/15/") + "keys-1-" + first.Format("2006-01-02-15-04-05") + "-" + uuidRE + regexp.QuoteMeta(ext)
				if !regexp.MustCompile("^" + want + "$").MatchString(keys[0]) {
					t.Errorf("key %q, want %s", keys[0], want)
				}
				body, _ := store.Get(keys[0])
				switch f {
				case firehose.GZIP:
					body = gunzipBytes(t, body)
				case firehose.ZIP:
					zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
					if err != nil || len(zr.File) != 1 {
						t.Fatalf("zip: %v", err)
					}
					rc, _ := zr.File[0].Open()
					body, _ = io.ReadAll(rc)
				}
				if string(body) != "a\nb\n" {
					t.Errorf("body %q", body)
				}
				ds.Close(context.Background())
			})
		})
	}
}

// Custom prefix with timestamp and random string; error prefix with
// error-output-type.
func TestS3CustomPrefix(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		ds, err := firehose.New(firehose.Config{Name: "cp", Buffering: hints(1, 60),
			S3: &firehose.S3Destination{Store: store, Prefix: "logs/!{timestamp:yyyy}/!{firehose:random-string}/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"}})
		if err != nil {
			t.Fatal(err)
		}
		ds.Put([]byte("x"))
		ds.Close(context.Background())
		k := store.Keys()
		if len(k) != 1 || !regexp.MustCompile(`^logs/\d{4}/[0-9a-f]{11}/cp-1-`).MatchString(k[0]) {
			t.Errorf("keys %q", k)
		}
		// A plain prefix gets the hour appended verbatim.
		store2 := &firehose.MemoryStore{}
		ds2, _ := firehose.New(firehose.Config{Name: "cp2", S3: &firehose.S3Destination{Store: store2, Prefix: "logs/"}})
		ds2.Put([]byte("x"))
		ds2.Close(context.Background())
		if k := store2.Keys(); len(k) != 1 || !regexp.MustCompile(`^logs/\d{4}/\d\d/\d\d/\d\d/cp2-1-`).MatchString(k[0]) {
			t.Errorf("keys %q", k)
		}
	})
}

// Dynamic partitioning: 500 active partitions; a record opening the 501st
// goes to the error output as partitioning-failed; a record whose query
// key is missing too (reference §2.5).
func TestPartitionCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &firehose.MemoryStore{}
		ds, err := firehose.New(firehose.Config{Name: "cap", Buffering: hints(64, 60),
			DynamicPartitioning: &firehose.DynamicPartitioning{Query: map[string]string{"k": ".k"}},
			S3:                  &firehose.S3Destination{Store: store, Prefix: "k=!{partitionKeyFromQuery:k}/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"}})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 501; i += 167 {
			var b [][]byte
			for j := i; j < min(i+167, 501); j++ {
				b = append(b, []byte(fmt.Sprintf(`{"k":"p%d"}`, j)))
			}
			if _, err := ds.PutBatch(b); err != nil {
				t.Fatal(err)
			}
		}
		ds.Put([]byte(`{"k":"p0"}`)) // existing partition: still fine
		ds.Put([]byte(`{"nok":1}`))  // missing key
		ds.Put([]byte(`not json`))
		ds.Close(context.Background())
		got := errorRaw(t, store, "err/partitioning-failed/")
		slices.Sort(got)
		if !slices.Equal(got, []string{"not json", `{"k":"p500"}`, `{"nok":1}`}) {
			t.Errorf("partitioning-failed: %q", got)
		}
		n := 0
		for _, k := range store.Keys() {
			if strings.HasPrefix(k, "k=") {
				n++
			}
		}
		if n != 500 {
			t.Errorf("%d partition objects", n)
		}
	})
}
