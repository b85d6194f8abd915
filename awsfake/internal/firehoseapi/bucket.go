package firehoseapi

import (
	"context"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/firehose"
)

// bucketStore is one bucket of the account's object store: every key a
// delivery stream writes lands under "<bucket>/", so that all buckets share
// the one store a test reads.
//
// It also puts the delivery stream's version into object names. The engine
// names every object <name>-1-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>,
// having no UpdateDestination of its own; after an update AWS writes the
// new version there, so the store rewrites that one field.
type bucketStore struct {
	store  firehose.ObjectStore
	bucket string
	// name, version and ext describe the object names to rewrite:
	// version 1 leaves them as they are.
	name    string
	version int
	ext     string
}

var _ firehose.ObjectStore = bucketStore{}

// PutObject stores body under the bucket's name and key.
func (b bucketStore) PutObject(ctx context.Context, key string, body []byte) error {
	return b.store.PutObject(ctx, b.bucket+"/"+b.versioned(key), body)
}

// Lengths of the fixed parts of an object name's suffix.
const (
	stampLen = len("2006-01-02-15-04-05")
	uuidLen  = len("01234567-89ab-4cde-8f01-23456789abcd")
)

// versioned returns key with the engine's version 1 replaced by b's
// version, when key ends with an object name of the delivery stream.
func (b bucketStore) versioned(key string) string {
	if b.version <= 1 || !strings.HasSuffix(key, b.ext) {
		return key
	}
	rest := key[:len(key)-len(b.ext)]
	head := b.name + "-1-"
	tail := stampLen + 1 + uuidLen // "<stamp>-<uuid>"
	if len(rest) < len(head)+tail || rest[len(rest)-uuidLen-1] != '-' {
		return key
	}
	start := len(rest) - tail - len(head)
	if rest[start:start+len(head)] != head {
		return key
	}
	return rest[:start] + b.name + "-" + strconv.Itoa(b.version) + "-" + rest[start+len(head):] + b.ext
}

// bucketName is the bucket a BucketARN (arn:aws:s3:::<bucket>) names.
func bucketName(arn string) string {
	return arn[strings.LastIndexByte(arn, ':')+1:]
}

// extension is the extension the engine ends object names with for a
// compression format and file extension, as firehose.S3Destination
// documents it.
func extension(format firehose.CompressionFormat, fileExtension string) string {
	if fileExtension != "" {
		return fileExtension
	}
	switch format {
	case firehose.GZIP:
		return ".gz"
	case firehose.ZIP:
		return ".zip"
	case firehose.Snappy, firehose.HadoopSnappy:
		return ".snappy"
	}
	return ""
}
