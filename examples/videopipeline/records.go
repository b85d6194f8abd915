package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// rendered is the record of one finished rendition, as the delivery
// stream writes it: one JSON line.
type rendered struct {
	Upload    int    `json:"upload"`
	Rendition string `json:"rendition"`
	LatencyUS int64  `json:"latency_us"`
}

// newRecords makes the delivery stream that writes rendition records to
// dir as gzip-compressed JSON lines, one folder per hour.
func newRecords(dir string) (*firehose.DeliveryStream, error) {
	store, err := firehose.NewDirStore(dir)
	if err != nil {
		return nil, err
	}
	return firehose.New(firehose.Config{
		Name:            "renditions",
		AppendDelimiter: true,
		Buffering:       &firehose.BufferingHints{SizeInMBs: 1, IntervalInSeconds: 60},
		S3: &firehose.S3Destination{
			Store:             store,
			Prefix:            "renditions/!{timestamp:yyyy/MM/dd/HH}/",
			ErrorOutputPrefix: "errors/!{firehose:error-output-type}/",
			CompressionFormat: firehose.GZIP,
		},
	})
}

// record puts the record of upload u's rendition on the line.
func (l *line) record(u upload, took time.Duration) error {
	data, err := json.Marshal(rendered{Upload: u.ID, Rendition: l.name, LatencyUS: took.Microseconds()})
	if err != nil {
		return err
	}
	_, err = l.records.Put(data)
	return err
}

// printDelivery says what the delivery stream wrote, and where.
func printDelivery(w io.Writer, records *firehose.DeliveryStream, dir string) {
	s := records.Stats()
	files := "files"
	if s.Deliveries == 1 {
		files = "file"
	}
	fmt.Fprintf(w, "%d rendition records delivered to %s in %d gzip %s (%d failed)\n", s.DeliveredRecords, dir, s.Deliveries, files, s.FailedRecords)
}
