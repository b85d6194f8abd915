package firehose_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/firehose"
)

// A pipeline that delivers gzip-compressed, date-partitioned files of
// JSON lines to a directory, one file per 5-minute buffer.
func Example() {
	dir, _ := os.MkdirTemp("", "firehose-example")
	defer os.RemoveAll(dir)
	store, _ := firehose.NewDirStore(dir)
	clk := clock.NewManual(time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC))
	ds, err := firehose.New(firehose.Config{
		Name:            "renditions",
		AppendDelimiter: true,
		S3: &firehose.S3Destination{
			Store:             store,
			Prefix:            "renditions/!{timestamp:yyyy/MM/dd}/",
			ErrorOutputPrefix: "errors/!{firehose:error-output-type}/",
			CompressionFormat: firehose.GZIP,
		},
	}, firehose.WithClock(clk), firehose.WithSeed(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	ds.Put([]byte(`{"video":"cat.mp4","resolution":"720p"}`))
	ds.Put([]byte(`{"video":"cat.mp4","resolution":"1080p"}`))
	clk.Advance(300 * time.Second) // the buffering interval passes
	ds.Close(context.Background())

	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Println(filepath.ToSlash(filepath.Dir(rel)), strings.HasPrefix(d.Name(), "renditions-1-2026-11-25-09-30-00-"), filepath.Ext(rel))
		body, _ := os.ReadFile(path)
		zr, _ := gzip.NewReader(bytes.NewReader(body))
		lines, _ := io.ReadAll(zr)
		fmt.Print(string(lines))
		return nil
	})
	fmt.Printf("%+v\n", ds.Stats())
	// Output:
	// renditions/2026/11/25 true .gz
	// {"video":"cat.mp4","resolution":"720p"}
	// {"video":"cat.mp4","resolution":"1080p"}
	// {IncomingRecords:2 IncomingBytes:79 DeliveredRecords:2 DeliveredBytes:81 Deliveries:1 Retries:0 DroppedRecords:0 FailedRecords:0 LostRecords:0 BackedUpRecords:0}
}

// A processor transforms records as a Lambda function would: it drops
// some, fails others (which go to the error output) and rewrites the rest.
func ExampleProcessorFunc() {
	store := &firehose.MemoryStore{}
	upper := firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
		var out firehose.ProcessorOutput
		for _, r := range in.Records {
			res := firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: bytes.ToUpper(r.Data)}
			switch string(r.Data) {
			case "noise":
				res.Result = firehose.Dropped
			case "broken":
				res.Result = firehose.ProcessingFailed
			}
			out.Records = append(out.Records, res)
		}
		return out, nil
	})
	ds, _ := firehose.New(firehose.Config{
		Name:            "shout",
		AppendDelimiter: true,
		Processing:      &firehose.Processing{Processor: upper},
		S3:              &firehose.S3Destination{Store: store, Prefix: "out/", ErrorOutputPrefix: "errors/!{firehose:error-output-type}/"},
	})
	ds.PutBatch([][]byte{[]byte("hello"), []byte("noise"), []byte("broken"), []byte("world")})
	ds.Close(context.Background())
	for _, key := range store.Keys() {
		body, _ := store.Get(key)
		folder := key[:strings.IndexByte(key, '/')]
		if folder == "errors" {
			fmt.Println(key[:strings.Index(key, "failed/")+6], strings.Contains(string(body), `"errorCode":"Lambda.ProcessingFailedStatus"`))
			continue
		}
		fmt.Printf("%s %q\n", folder, body)
	}
	// Output:
	// errors/processing-failed true
	// out "HELLO\nWORLD\n"
}
