package firehoseapi

import (
	"encoding/json"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

// destination is a delivery stream's one destination as the API
// configured it, every update merged in: exactly one of s3 and http is
// set. It is what DescribeDeliveryStream describes and what the engine's
// configuration is built from.
type destination struct {
	s3   *s3Destination
	http *httpDestination
}

// s3Destination is an S3 destination, made with
// ExtendedS3DestinationConfiguration or S3DestinationConfiguration (which
// has a subset of the members).
type s3Destination struct {
	cfg    extendedFields
	backup *s3Fields
}

// httpDestination is an HTTP endpoint destination and its S3
// configuration, where what it cannot deliver goes.
type httpDestination struct {
	cfg    httpFields
	backup s3Fields
}

// dynamicPartitioning reports whether the destination partitions records.
func (d destination) dynamicPartitioning() bool {
	return d.s3 != nil && d.s3.cfg.DynamicPartitioningConfiguration != nil &&
		deref(d.s3.cfg.DynamicPartitioningConfiguration.Enabled, false)
}

// build is what the engine's configuration is made from besides the
// destination.
type build struct {
	name    string
	version int
	source  firehose.Source
}

// engineConfig maps the destination to the engine's configuration.
func (s *Service) engineConfig(d destination, b build) (firehose.Config, error) {
	cfg := firehose.Config{Name: b.name, Source: b.source}
	var proc processing
	var err error
	switch {
	case d.s3 != nil:
		proc, err = s.processing(d.s3.cfg.ProcessingConfiguration)
		if err != nil {
			return cfg, err
		}
		err = s.s3Config(&cfg, d.s3, proc, b)
	case d.http != nil:
		proc, err = s.processing(d.http.cfg.ProcessingConfiguration)
		if err != nil {
			return cfg, err
		}
		if proc.query != nil {
			return cfg, invalid("The MetadataExtraction processor is only supported when dynamic partitioning is enabled.")
		}
		err = s.httpConfig(&cfg, d.http, b)
	}
	cfg.Processing, cfg.AppendDelimiter = proc.lambda, proc.appendDelimiter
	return cfg, err
}

func (s *Service) s3Config(cfg *firehose.Config, d *s3Destination, proc processing, b build) error {
	c := &d.cfg
	if given(c.DataFormatConversionConfiguration) {
		var conv struct{ Enabled *bool }
		if json.Unmarshal(c.DataFormatConversionConfiguration, &conv) != nil || deref(conv.Enabled, true) {
			return notImplemented("DataFormatConversionConfiguration")
		}
	}
	cfg.S3 = s.s3Destination(&c.s3Fields, c.FileExtension, c.CustomTimeZone, b)
	partitioned := false
	if dp := c.DynamicPartitioningConfiguration; dp != nil && deref(dp.Enabled, false) {
		partitioned = true
		cfg.DynamicPartitioning = &firehose.DynamicPartitioning{Query: proc.query}
		if dp.RetryOptions != nil && dp.RetryOptions.DurationInSeconds != nil {
			cfg.DynamicPartitioning.RetryDuration = firehose.Duration(time.Duration(*dp.RetryOptions.DurationInSeconds) * time.Second)
		}
	}
	if proc.query != nil && !partitioned {
		return invalid("The MetadataExtraction processor is only supported when dynamic partitioning is enabled.")
	}
	cfg.Buffering = hints(c.BufferingHints, partitioned)
	cfg.BackupMode = firehose.BackupMode(deref(c.S3BackupMode, ""))
	if d.backup != nil {
		cfg.Backup = s.s3Destination(d.backup, nil, nil, b)
	}
	return nil
}

func (s *Service) httpConfig(cfg *firehose.Config, d *httpDestination, b build) error {
	c := &d.cfg
	ep := c.EndpointConfiguration
	h := &firehose.HTTPEndpoint{
		URL:       deref(ep.URL, ""),
		Name:      deref(ep.Name, ""),
		AccessKey: deref(ep.AccessKey, ""),
		Client:    s.httpClient,
	}
	if r := c.RequestConfiguration; r != nil {
		h.ContentEncoding = firehose.ContentEncoding(deref(r.ContentEncoding, ""))
		if len(r.CommonAttributes) > 0 {
			h.CommonAttributes = make(map[string]string, len(r.CommonAttributes))
			for _, a := range r.CommonAttributes {
				if _, dup := h.CommonAttributes[*a.AttributeName]; dup {
					return invalid("CommonAttributes names must be unique; %s is given more than once.", *a.AttributeName)
				}
				h.CommonAttributes[*a.AttributeName] = *a.AttributeValue
			}
		}
	}
	cfg.HTTPEndpoint = h
	cfg.Buffering = hints(c.BufferingHints, false)
	if r := c.RetryOptions; r != nil && r.DurationInSeconds != nil {
		cfg.RetryDuration = firehose.Duration(time.Duration(*r.DurationInSeconds) * time.Second)
	}
	cfg.BackupMode = firehose.BackupMode(deref(c.S3BackupMode, ""))
	cfg.Backup = s.s3Destination(&d.backup, nil, nil, b)
	return nil
}

// s3Destination maps an S3 configuration to the engine's, writing to its
// bucket in the account's store.
func (s *Service) s3Destination(f *s3Fields, fileExtension, timeZone *string, b build) *firehose.S3Destination {
	format := firehose.CompressionFormat(deref(f.CompressionFormat, ""))
	d := &firehose.S3Destination{
		Prefix:            deref(f.Prefix, ""),
		ErrorOutputPrefix: deref(f.ErrorOutputPrefix, ""),
		CompressionFormat: format,
		FileExtension:     deref(fileExtension, ""),
		CustomTimeZone:    deref(timeZone, ""),
	}
	d.Store = bucketStore{
		store:   s.store,
		bucket:  bucketName(deref(f.BucketARN, "")),
		name:    b.name,
		version: b.version,
		ext:     extension(format, d.FileExtension),
	}
	return d
}

// hints maps buffering hints. A hint left out takes its default, as AWS
// fills in what it is not given; dynamic partitioning's default size is
// the 64 MiB it requires.
func hints(h *bufferingHints, partitioned bool) *firehose.BufferingHints {
	size := firehose.DefaultBufferSizeInMBs
	if partitioned {
		size = minPartitionedBufferSizeInMBs
	}
	out := &firehose.BufferingHints{SizeInMBs: size, IntervalInSeconds: firehose.DefaultBufferIntervalInSeconds}
	if h != nil {
		out.SizeInMBs = deref(h.SizeInMBs, out.SizeInMBs)
		out.IntervalInSeconds = deref(h.IntervalInSeconds, out.IntervalInSeconds)
	}
	return out
}

// minPartitionedBufferSizeInMBs is the smallest buffer dynamic
// partitioning allows, and its default.
const minPartitionedBufferSizeInMBs = 64
