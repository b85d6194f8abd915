package firehoseapi

import (
	"regexp"

	"github.com/switchyard/switchyard/firehose"
)

// Model checks of the configuration shapes. In a create the members the
// model requires must be there; in an update every member is optional.

// fileExtensionPattern is FileExtension's ^$|\.[0-9a-z!\-_.*'()]+,
// matched against the whole value.
var fileExtensionPattern = regexp.MustCompile(`^$|^\.[0-9a-z!\-_.*'()]+$`)

const fileExtensionRE = `^$|\.[0-9a-z!\-_.*'()]+`

// The model's largest buffer sizes.
const (
	maxS3BufferSizeInMBs   = 128
	maxHTTPBufferSizeInMBs = 64
)

func (c *checks) bufferingHints(h *bufferingHints, at string, maxSize int) {
	if h == nil {
		return
	}
	c.intRange(h.SizeInMBs, at+".sizeInMBs", 1, maxSize)
	c.intRange(h.IntervalInSeconds, at+".intervalInSeconds", 0, firehose.MaxBufferIntervalInSeconds)
}

func (c *checks) retryOptions(r *retryOptions, at string) {
	if r != nil {
		c.intRange(r.DurationInSeconds, at+".durationInSeconds", 0, int(firehose.MaxRetryDuration.Seconds()))
	}
}

func (c *checks) cloudWatch(o *cloudWatchLoggingOptions, at string) {
	if o == nil {
		return
	}
	c.str(o.LogGroupName, at+".logGroupName", 0, 512, logGroupNamePattern, logGroupNameRE, false)
	c.str(o.LogStreamName, at+".logStreamName", 0, 512, logStreamNamePattern, logStreamNameRE, false)
}

func (c *checks) s3Encryption(e *encryptionConfiguration, at string) {
	if e == nil {
		return
	}
	c.enum(e.NoEncryptionConfig, at+".noEncryptionConfig", noEncryptionConfigs)
	if k := e.KMSEncryptionConfig; k != nil {
		c.required(k.AWSKMSKeyARN, at+".kMSEncryptionConfig.aWSKMSKeyARN", 1, 512, kmsKeyARNPattern, kmsKeyARNRE, false)
	}
}

// s3Fields checks a plain S3 configuration (or update, when create is
// false) at path at.
func (c *checks) s3Fields(f *s3Fields, at string, create bool) {
	if f == nil {
		return
	}
	if create {
		c.present(f.RoleARN != nil, at+".roleARN")
		c.present(f.BucketARN != nil, at+".bucketARN")
	}
	c.str(f.RoleARN, at+".roleARN", 1, 512, roleARNPattern, roleARNRE, false)
	c.str(f.BucketARN, at+".bucketARN", 1, 2048, bucketARNPattern, bucketARNRE, false)
	c.str(f.Prefix, at+".prefix", 0, 1024, nil, "", false)
	c.str(f.ErrorOutputPrefix, at+".errorOutputPrefix", 0, 1024, nil, "", false)
	c.bufferingHints(f.BufferingHints, at+".bufferingHints", maxS3BufferSizeInMBs)
	c.enum(f.CompressionFormat, at+".compressionFormat", compressionFormats)
	c.s3Encryption(f.EncryptionConfiguration, at+".encryptionConfiguration")
	c.cloudWatch(f.CloudWatchLoggingOptions, at+".cloudWatchLoggingOptions")
}

// extendedFields checks the members of an extended S3 configuration or
// update beyond the plain ones.
func (c *checks) extendedFields(f *extendedFields, at string, create bool) {
	c.s3Fields(&f.s3Fields, at, create)
	c.processing(f.ProcessingConfiguration, at+".processingConfiguration")
	c.enum(f.S3BackupMode, at+".s3BackupMode", s3BackupModes)
	if dp := f.DynamicPartitioningConfiguration; dp != nil {
		c.retryOptions(dp.RetryOptions, at+".dynamicPartitioningConfiguration.retryOptions")
	}
	c.str(f.FileExtension, at+".fileExtension", 0, 128, fileExtensionPattern, fileExtensionRE, false)
	c.str(f.CustomTimeZone, at+".customTimeZone", 0, 50, customTimeZonePattern, customTimeZoneRE, false)
}

func (c *checks) processing(p *processingConfiguration, at string) {
	if p == nil {
		return
	}
	for i, proc := range p.Processors {
		m := member(at+".processors", i)
		if c.present(proc.Type != nil, m+".type") {
			c.enum(proc.Type, m+".type", processorTypes)
		}
		for j, param := range proc.Parameters {
			pm := member(m+".parameters", j)
			if c.present(param.ParameterName != nil, pm+".parameterName") {
				c.enum(param.ParameterName, pm+".parameterName", processorParameters)
			}
			if c.present(param.ParameterValue != nil, pm+".parameterValue") {
				c.notBlankStr(param.ParameterValue, pm+".parameterValue", 5120, false)
			}
		}
	}
}

// httpFields checks an HTTP endpoint configuration or update, without
// its S3 configuration.
func (c *checks) httpFields(f *httpFields, at string, create bool) {
	if create {
		c.present(f.EndpointConfiguration != nil, at+".endpointConfiguration")
	}
	if e := f.EndpointConfiguration; e != nil {
		ep := at + ".endpointConfiguration"
		c.required(e.URL, ep+".url", 1, 1000, httpURLPattern, httpURLRE, true)
		c.notBlankStr(e.Name, ep+".name", 256, false)
		c.str(e.AccessKey, ep+".accessKey", 0, 4096, nil, "", true)
	}
	c.bufferingHints(f.BufferingHints, at+".bufferingHints", maxHTTPBufferSizeInMBs)
	c.cloudWatch(f.CloudWatchLoggingOptions, at+".cloudWatchLoggingOptions")
	if r := f.RequestConfiguration; r != nil {
		rc := at + ".requestConfiguration"
		c.enum(r.ContentEncoding, rc+".contentEncoding", contentEncodings)
		c.listLength(len(r.CommonAttributes), rc+".commonAttributes", 0, 50)
		for i, a := range r.CommonAttributes {
			m := member(rc+".commonAttributes", i)
			if c.present(a.AttributeName != nil, m+".attributeName") {
				c.notBlankStr(a.AttributeName, m+".attributeName", 256, true)
			}
			if c.present(a.AttributeValue != nil, m+".attributeValue") {
				c.str(a.AttributeValue, m+".attributeValue", 0, 1024, nil, "", true)
			}
		}
	}
	c.processing(f.ProcessingConfiguration, at+".processingConfiguration")
	c.str(f.RoleARN, at+".roleARN", 1, 512, roleARNPattern, roleARNRE, false)
	c.retryOptions(f.RetryOptions, at+".retryOptions")
	c.enum(f.S3BackupMode, at+".s3BackupMode", httpBackupModes)
}

// encryptionInput checks a DeliveryStreamEncryptionConfigurationInput.
func (c *checks) encryptionInput(e *encryptionInput, at string) {
	if e == nil {
		return
	}
	if c.present(e.KeyType != nil, at+".keyType") {
		c.enum(e.KeyType, at+".keyType", keyTypes)
	}
	c.str(e.KeyARN, at+".keyARN", 1, 512, kmsKeyARNPattern, kmsKeyARNRE, false)
}

// limit checks an optional Limit member.
func (c *checks) limit(v *int, at string, hi int) { c.intRange(v, at, 1, hi) }
