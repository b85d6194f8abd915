package firehose

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Buffering limits AWS applies beyond BufferingHints' model ranges.
const (
	maxS3BufferSizeInMBs   = 128
	maxHTTPBufferSizeInMBs = 64
	// maxHTTPRecords is the most records one HTTP endpoint request holds.
	maxHTTPRecords = 10000
	// minPartitionedBufferSizeInMBs is the smallest buffer dynamic
	// partitioning allows, and its default.
	minPartitionedBufferSizeInMBs = 64
	defaultProcessorBufferMB      = 1
	minProcessorBufferMB          = 0.2
	maxProcessorBufferMB          = 3
	defaultProcessorInterval      = 60
	minProcessorInterval          = 60
	maxProcessorInterval          = 900
)

// settings are a Config once checked, in the form the delivery stream
// uses.
type settings struct {
	deliveryLimits   limits
	processorLimits  limits
	processor        Processor
	processorRetries int
	processorARN     string
	delimiter        bool
	partitioner      *partitioner
	destination      Destination
	retryDuration    time.Duration
	// failedType is the error-output type of records the destination
	// could not take.
	failedType string
	// errorOutput receives failed records, and backup source records;
	// either may be nil.
	errorOutput, backup *s3Output
	// backupSource backs up records as the processor gets them;
	// backupDelivered as they are delivered, when there is no processor.
	backupSource, backupDelivered bool
	http                          *HTTPEndpoint
}

// check checks cfg as CreateDeliveryStream does and returns its settings.
func (cfg Config) check() (*settings, error) {
	var vs awserr.Violations
	switch {
	case len(cfg.Name) < 1:
		vs.AddString(cfg.Name, "deliveryStreamName", awserr.LengthAtLeast(1))
	case len(cfg.Name) > MaxNameLength:
		vs.AddString(cfg.Name, "deliveryStreamName", awserr.LengthAtMost(MaxNameLength))
	case !validName(cfg.Name):
		vs.AddString(cfg.Name, "deliveryStreamName", awserr.Pattern("[a-zA-Z0-9._-]+"))
	}
	dest, maxSize := cfg.destinationField()
	if cfg.Buffering != nil {
		if n := cfg.Buffering.SizeInMBs; n < 1 || n > maxSize {
			vs.AddInt(n, dest+".bufferingHints.sizeInMBs", sizeConstraint(n, maxSize))
		}
		if n := cfg.Buffering.IntervalInSeconds; n < 0 || n > MaxBufferIntervalInSeconds {
			vs.AddInt(n, dest+".bufferingHints.intervalInSeconds", sizeConstraint(n, MaxBufferIntervalInSeconds))
		}
	}
	if cfg.HTTPEndpoint != nil && cfg.Backup == nil {
		vs.Add("null", dest+".s3Configuration", awserr.NotNull)
	}
	if cfg.S3 != nil && isNil(cfg.S3.Store) {
		vs.Add("null", dest+".bucketARN", awserr.NotNull)
	}
	if cfg.Backup != nil && isNil(cfg.Backup.Store) {
		vs.Add("null", dest+".s3BackupConfiguration.bucketARN", awserr.NotNull)
	}
	mode := cfg.BackupMode
	modes := []string{string(BackupFailedDataOnly), string(BackupAllData)}
	if cfg.S3 != nil {
		modes = []string{string(BackupDisabled), string(BackupEnabled)}
	}
	if mode != "" && !slices.Contains(modes, string(mode)) {
		vs.AddString(string(mode), dest+".s3BackupMode", awserr.Enum(modes...))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	return cfg.settings()
}

// destinationField returns the name of cfg's destination configuration,
// as CreateDeliveryStream's parameters name it, and its largest buffer.
func (cfg Config) destinationField() (string, int) {
	switch {
	case cfg.HTTPEndpoint != nil:
		return "httpEndpointDestinationConfiguration", maxHTTPBufferSizeInMBs
	case cfg.S3 != nil:
		return "extendedS3DestinationConfiguration", maxS3BufferSizeInMBs
	}
	return "destination", maxS3BufferSizeInMBs
}

func sizeConstraint(n, max int) string {
	if n < 1 {
		return awserr.ValueAtLeast(min(1, max))
	}
	return awserr.ValueAtMost(max)
}

// validName reports whether name matches [a-zA-Z0-9._-]+.
func validName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// isNil reports whether v is nil or holds a nil func or pointer, such as
// a ProcessorFunc(nil), which would fail only when first called.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Func, reflect.Pointer, reflect.Map, reflect.Chan, reflect.Interface, reflect.Slice:
		return rv.IsNil()
	}
	return false
}

// invalid returns an InvalidArgumentException with a formatted message.
func invalid(format string, args ...any) error {
	return ErrInvalidArgument.WithMessage(fmt.Sprintf(format, args...))
}

// settings turns a Config whose model constraints hold into settings,
// refusing the combinations AWS refuses.
func (cfg Config) settings() (*settings, error) {
	s := &settings{delimiter: cfg.AppendDelimiter, failedType: httpEndpointFailed}
	destinations := 0
	for _, set := range []bool{cfg.S3 != nil, cfg.HTTPEndpoint != nil, cfg.Destination != nil} {
		if set {
			destinations++
		}
	}
	if destinations != 1 {
		return nil, invalid("Exactly one destination configuration is supported for a Firehose stream; %d were given.", destinations)
	}
	if err := cfg.bufferingSettings(s); err != nil {
		return nil, err
	}
	if err := cfg.processingSettings(s); err != nil {
		return nil, err
	}
	if err := cfg.partitioningSettings(s); err != nil {
		return nil, err
	}
	if err := cfg.destinationSettings(s); err != nil {
		return nil, err
	}
	return s, nil
}

func (cfg Config) bufferingSettings(s *settings) error {
	size, interval := DefaultBufferSizeInMBs, DefaultBufferIntervalInSeconds
	if cfg.DynamicPartitioning != nil {
		size = minPartitionedBufferSizeInMBs
	}
	if cfg.Buffering != nil {
		size, interval = cfg.Buffering.SizeInMBs, cfg.Buffering.IntervalInSeconds
	}
	if cfg.DynamicPartitioning != nil {
		if interval == 0 {
			return invalid("Zero buffering is not supported when dynamic partitioning is enabled.")
		}
		if size < minPartitionedBufferSizeInMBs {
			return invalid("BufferingHints.SizeInMBs must be at least %d when Dynamic Partitioning is enabled.", minPartitionedBufferSizeInMBs)
		}
	}
	s.deliveryLimits = limits{size: size << 20, interval: time.Duration(interval) * time.Second}
	return nil
}

func (cfg Config) processingSettings(s *settings) error {
	p := cfg.Processing
	if p == nil {
		return nil
	}
	if isNil(p.Processor) {
		return invalid("Processing configuration must name a processor.")
	}
	s.processor, s.processorARN = p.Processor, p.LambdaARN
	s.processorRetries = DefaultProcessorRetries
	if p.NumberOfRetries != nil {
		s.processorRetries = *p.NumberOfRetries
	}
	if s.processorRetries < 0 || s.processorRetries > MaxProcessorRetries {
		return invalid("NumberOfRetries must be between 0 and %d.", MaxProcessorRetries)
	}
	mb, interval := p.BufferSizeInMBs, p.BufferIntervalInSeconds
	if mb == 0 {
		mb = defaultProcessorBufferMB
	}
	if interval == 0 {
		interval = defaultProcessorInterval
	}
	if mb < minProcessorBufferMB || mb > maxProcessorBufferMB {
		return invalid("BufferSizeInMBs must be between %g and %g.", minProcessorBufferMB, float64(maxProcessorBufferMB))
	}
	if interval < minProcessorInterval || interval > maxProcessorInterval {
		return invalid("BufferIntervalInSeconds must be between %d and %d.", minProcessorInterval, maxProcessorInterval)
	}
	s.processorLimits = limits{size: int(mb * (1 << 20)), interval: time.Duration(interval) * time.Second}
	return nil
}

func (cfg Config) partitioningSettings(s *settings) error {
	dp := cfg.DynamicPartitioning
	if dp == nil {
		return nil
	}
	if cfg.S3 == nil {
		return invalid("Dynamic partitioning is only supported for Amazon S3 destinations.")
	}
	if dp.Query != nil && dp.QueryFunc != nil {
		return invalid("Dynamic partitioning takes its query keys from Query or from QueryFunc, not both.")
	}
	p := &partitioner{queryFunc: dp.QueryFunc}
	for _, name := range slices.Sorted(maps.Keys(dp.Query)) {
		path, err := parseJQPath(dp.Query[name])
		if err != nil {
			return invalid("MetadataExtractionQuery for key %q is invalid: %v.", name, err)
		}
		p.names = append(p.names, name)
		p.paths = append(p.paths, path)
	}
	s.partitioner = p
	return nil
}

// needKeys notes the partition keys an S3 destination's prefix reads, and
// refuses a prefix that reads keys no record can have.
func (s *settings) needKeys(dp *DynamicPartitioning, out *s3Output) error {
	if s.partitioner == nil {
		return nil
	}
	query, processor := out.prefixes.PartitionKeys()
	s.partitioner.needQuery, s.partitioner.needProcessor = query, processor
	if len(processor) > 0 && s.processor == nil {
		return invalid("The Prefix reads !{partitionKeyFromLambda:%s}, but there is no processor to give it.", processor[0])
	}
	for _, k := range query {
		if dp.QueryFunc == nil && dp.Query[k] == "" {
			return invalid("The Prefix reads !{partitionKeyFromQuery:%s}, but the query does not extract it.", k)
		}
	}
	return nil
}

// retryDurationOf checks a RetryDuration and returns it, or def when nil.
func retryDurationOf(d *time.Duration, def time.Duration) (time.Duration, error) {
	if d == nil {
		return def, nil
	}
	if *d < 0 || *d > MaxRetryDuration {
		return 0, invalid("RetryOptions.DurationInSeconds must be between 0 and %d.", int(MaxRetryDuration/time.Second))
	}
	return *d, nil
}

func (cfg Config) destinationSettings(s *settings) error {
	var err error
	if cfg.Backup != nil {
		if s.backup, err = cfg.Backup.output(false); err != nil {
			return err
		}
	}
	backupAll := cfg.BackupMode == BackupAllData
	switch {
	case cfg.S3 != nil:
		if cfg.RetryDuration != nil {
			return invalid("RetryOptions are not supported for an Amazon S3 destination; S3 delivery is retried for 24 hours.")
		}
		out, err := cfg.S3.output(cfg.DynamicPartitioning != nil)
		if err != nil {
			return err
		}
		s.destination, s.errorOutput = out, out
		s.retryDuration, s.failedType = S3RetryDuration, ""
		if err := s.needKeys(cfg.DynamicPartitioning, out); err != nil {
			return err
		}
		if dp := cfg.DynamicPartitioning; dp != nil {
			// With dynamic partitioning, what cannot be delivered within
			// the retry duration goes to the error prefix, which "contains
			// all the records that Firehose is not able to deliver"
			// (dynamic-partitioning-error-handling).
			if s.retryDuration, err = retryDurationOf(dp.RetryDuration, DefaultRetryDuration); err != nil {
				return err
			}
			s.failedType = partitioningFailed
		}
		backupAll = cfg.BackupMode == BackupEnabled
		if backupAll && cfg.Backup == nil {
			return invalid("S3BackupConfiguration must be set when S3BackupMode is Enabled.")
		}
	case cfg.HTTPEndpoint != nil:
		if err := cfg.HTTPEndpoint.check(); err != nil {
			return ErrInvalidArgument.WithMessage(err.Error())
		}
		s.http, s.destination, s.errorOutput = cfg.HTTPEndpoint, cfg.HTTPEndpoint, s.backup
		s.deliveryLimits.records = maxHTTPRecords
	default:
		if isNil(cfg.Destination) {
			return invalid("The Destination is a nil function or pointer.")
		}
		s.destination, s.errorOutput = cfg.Destination, s.backup
	}
	if cfg.S3 == nil {
		if s.retryDuration, err = retryDurationOf(cfg.RetryDuration, DefaultRetryDuration); err != nil {
			return err
		}
		if backupAll && cfg.Backup == nil {
			return invalid("A backup configuration must be set when the backup mode is AllData.")
		}
	}
	s.backupSource = backupAll && s.processor != nil
	s.backupDelivered = backupAll && s.processor == nil
	return nil
}

// bind ties the settings' writers to the delivery stream that uses them.
func (s *settings) bind(ds *DeliveryStream) {
	for _, o := range []*s3Output{s.errorOutput, s.backup} {
		if o != nil {
			o.ds = ds
		}
	}
	if out, ok := s.destination.(*s3Output); ok {
		out.ds = ds
	}
	if s.http != nil {
		s.destination = s.http.withClock(ds.clock)
	}
}

// lambdaARN is the lambdaARN of error-output records of type typ.
func (s *settings) lambdaARN(typ string) string {
	if typ == processingFailed {
		return s.processorARN
	}
	return ""
}
