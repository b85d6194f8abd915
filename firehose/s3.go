package firehose

import (
	"context"
	"errors"
	"time"

	"github.com/switchyard/switchyard/firehose/internal/s3key"
)

// S3Destination delivers to an [ObjectStore] as Firehose delivers to an
// S3 bucket (ExtendedS3DestinationConfiguration): each delivery is one
// object, compressed as CompressionFormat says, under the key
//
//	<evaluated Prefix><name>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>
//
// where the prefix defaults to the arrival hour of the object's oldest
// record, YYYY/MM/dd/HH/ in UTC (or CustomTimeZone). Records that could
// not be processed, partitioned or delivered go, as JSON lines, under the
// evaluated ErrorOutputPrefix.
type S3Destination struct {
	// Store is the bucket.
	Store ObjectStore
	// Prefix is the key prefix: text with !{timestamp:…},
	// !{firehose:random-string} and, with dynamic partitioning,
	// !{partitionKeyFromQuery:name} and !{partitionKeyFromLambda:name}
	// expressions. Without a timestamp expression, the arrival hour
	// (yyyy/MM/dd/HH/) follows it.
	Prefix string
	// ErrorOutputPrefix is the error output's key prefix; it must hold
	// !{firehose:error-output-type} when set, and must be set when Prefix
	// has expressions.
	ErrorOutputPrefix string
	// CompressionFormat is UNCOMPRESSED (the default), GZIP or ZIP.
	CompressionFormat CompressionFormat
	// FileExtension, if set, replaces the extension the compression
	// format gives object names (".gz", ".zip").
	FileExtension string
	// CustomTimeZone is the IANA time zone of the prefix's timestamps;
	// empty means UTC.
	CustomTimeZone string
}

// s3Output writes objects and error output for one S3Destination.
type s3Output struct {
	dest     S3Destination
	prefixes *s3key.Prefixes
	loc      *time.Location
	ext      string
	ds       *DeliveryStream
}

// output checks d, for a delivery stream with dynamic partitioning or
// not, and returns its writer.
func (d *S3Destination) output(dynamic bool) (*s3Output, error) {
	if err := d.CompressionFormat.check(); err != nil {
		return nil, ErrInvalidArgument.WithMessage(err.Error())
	}
	if d.FileExtension != "" {
		if err := s3key.CheckFileExtension(d.FileExtension); err != nil {
			return nil, keyError(err)
		}
	}
	p, err := s3key.Parse(d.Prefix, d.ErrorOutputPrefix, dynamic)
	if err != nil {
		return nil, keyError(err)
	}
	loc := time.UTC
	if d.CustomTimeZone != "" {
		if loc, err = time.LoadLocation(d.CustomTimeZone); err != nil {
			return nil, invalid("CustomTimeZone %q is not a valid time zone.", d.CustomTimeZone)
		}
	}
	ext := d.FileExtension
	if ext == "" {
		ext = d.CompressionFormat.extension()
	}
	return &s3Output{dest: *d, prefixes: p, loc: loc, ext: ext}, nil
}

// keyError returns the error for a refused prefix or file extension: a
// ValidationException for a broken model constraint, an
// InvalidArgumentException for a rule of the service.
func keyError(err error) error {
	if e := (*s3key.Error)(nil); errors.As(err, &e) && e.Constraint != "" {
		return ErrValidation.WithMessage(e.Message)
	}
	return ErrInvalidArgument.WithMessage(err.Error())
}

// Deliver writes a batch as one object.
func (o *s3Output) Deliver(ctx context.Context, b *Batch) error {
	at := b.OldestArrival()
	prefix, err := o.prefixes.Object(o.values(at, b.PartitionKeys))
	if err != nil {
		return &prefixError{&failure{code: errMetadataExtraction.code, message: err.Error()}}
	}
	return o.put(ctx, prefix, at, b.Data())
}

// writeErrors writes an error-output object of type typ.
func (o *s3Output) writeErrors(ctx context.Context, typ string, at time.Time, body []byte) error {
	prefix, err := o.prefixes.Error(o.values(at, PartitionKeys{}), typ)
	if err != nil {
		return err
	}
	return o.put(ctx, prefix, at, body)
}

// put compresses body and stores it under prefix and a new object name.
func (o *s3Output) put(ctx context.Context, prefix string, at time.Time, body []byte) error {
	id := o.ds.newUUID()
	name := s3key.ObjectName(o.ds.name, 1, at, o.loc, id, o.ext)
	// A ZIP object's one entry is named with a uuid of its own, unrelated
	// to the key, as objects delivered by AWS show.
	data, err := compress(o.dest.CompressionFormat, body, o.ds.newUUID())
	if err != nil {
		return err
	}
	return o.dest.Store.PutObject(ctx, prefix+name, data)
}

// values are what a prefix's expressions read.
func (o *s3Output) values(at time.Time, keys PartitionKeys) s3key.Values {
	return s3key.Values{At: at, Location: o.loc, Query: keys.Query, Processor: keys.Processor, Rand: o.ds.rng}
}

// backUp writes a buffer's records, as they came, to the backup.
func (ds *DeliveryStream) backUp(b *buffer) {
	out := ds.set.backup
	at := time.UnixMilli(b.recs[0].at)
	prefix, err := out.prefixes.Object(out.values(at, PartitionKeys{}))
	if err == nil {
		_, err = ds.retry(S3RetryDuration, func() error { return out.put(ds.ctx, prefix, at, b.data) })
	}
	if err == nil {
		ds.count(func(s *Stats) { s.BackedUpRecords += int64(len(b.recs)) })
	}
}
