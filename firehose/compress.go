package firehose

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
)

// CompressionFormat is how a delivery stream compresses each object it
// puts in a bucket, spelled as AWS's CompressionFormat enum spells it
// (the case matters: "Snappy" is a value, "SNAPPY" is not). The empty
// value means [Uncompressed], AWS's default.
type CompressionFormat string

// The compression formats AWS offers. [Snappy] and [HadoopSnappy] are
// refused for now: the standard library has no Snappy encoder.
const (
	Uncompressed CompressionFormat = "UNCOMPRESSED"
	GZIP         CompressionFormat = "GZIP"
	ZIP          CompressionFormat = "ZIP"
	Snappy       CompressionFormat = "Snappy"
	HadoopSnappy CompressionFormat = "HADOOP_SNAPPY"
)

// The errors check wraps, so that the delivery stream can tell an unknown
// value from a real one it cannot produce yet, and wrap either in the
// error its API returns.
var (
	errUnknownCompression     = errors.New("unknown compression format")
	errUnsupportedCompression = errors.New("compression format not supported yet")
)

// check reports whether the delivery stream can write objects in f.
func (f CompressionFormat) check() error {
	switch f {
	case "", Uncompressed, GZIP, ZIP:
		return nil
	case Snappy, HadoopSnappy:
		return fmt.Errorf("%w: %s needs a Snappy encoder, which the Go standard library does not have", errUnsupportedCompression, f)
	}
	return fmt.Errorf("%w %q: want one of %s, %s, %s, %s, %s",
		errUnknownCompression, string(f), Uncompressed, GZIP, ZIP, Snappy, HadoopSnappy)
}

// extension returns the suffix AWS ends an object's key with for f. Both
// Snappy variants get ".snappy": the S3 object-name page tables
// HADOOP_SNAPPY as ".hsnappy", but the service writes ".snappy" (observed
// against AWS in floci-io/floci#2328); the service wins.
func (f CompressionFormat) extension() string {
	switch f {
	case GZIP:
		return ".gz"
	case ZIP:
		return ".zip"
	case Snappy, HadoopSnappy:
		return ".snappy"
	}
	return ""
}

// compress returns body compressed in format f. For [Uncompressed] it
// returns body itself. A ZIP object holds one deflated entry called
// entryName: AWS names it with a fresh UUID that has nothing to do with the
// object's key, so the caller chooses it. Formats check refuses are
// refused here with the same error.
func compress(f CompressionFormat, body []byte, entryName string) ([]byte, error) {
	switch f {
	case "", Uncompressed:
		return body, nil
	case GZIP:
		var buf bytes.Buffer
		buf.Grow(len(body)/2 + 64)
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write(body); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	case ZIP:
		if entryName == "" {
			return nil, errors.New("a ZIP object needs a name for its entry")
		}
		var buf bytes.Buffer
		buf.Grow(len(body)/2 + 128 + 2*len(entryName))
		zw := zip.NewWriter(&buf)
		// The entry's modification time stays zero (1980-01-01 in the
		// archive), so that the same records always make the same bytes.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: entryName, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	return nil, f.check()
}
