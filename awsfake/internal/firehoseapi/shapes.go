package firehoseapi

import (
	"encoding/json"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// The configuration shapes of the API, as requests carry them and
// DescribeDeliveryStream returns them. Members are pointers where the API
// tells an absent member from a zero one: UpdateDestination keeps what an
// update leaves out, and a description shows AWS's defaults for what a
// create left out.

// bufferingHints is BufferingHints and HttpEndpointBufferingHints.
type bufferingHints struct {
	SizeInMBs         *int `json:"SizeInMBs,omitempty"`
	IntervalInSeconds *int `json:"IntervalInSeconds,omitempty"`
}

// retryOptions is RetryOptions and HttpEndpointRetryOptions.
type retryOptions struct {
	DurationInSeconds *int `json:"DurationInSeconds,omitempty"`
}

// cloudWatchLoggingOptions is stored and described, never acted on.
type cloudWatchLoggingOptions struct {
	Enabled       *bool   `json:"Enabled,omitempty"`
	LogGroupName  *string `json:"LogGroupName,omitempty"`
	LogStreamName *string `json:"LogStreamName,omitempty"`
}

// encryptionConfiguration is an S3 destination's EncryptionConfiguration:
// stored and described; objects are not encrypted.
type encryptionConfiguration struct {
	NoEncryptionConfig  *string              `json:"NoEncryptionConfig,omitempty"`
	KMSEncryptionConfig *kmsEncryptionConfig `json:"KMSEncryptionConfig,omitempty"`
}

type kmsEncryptionConfig struct {
	AWSKMSKeyARN *string `json:"AWSKMSKeyARN,omitempty"`
}

// processingConfiguration is a destination's ProcessingConfiguration.
type processingConfiguration struct {
	Enabled    *bool       `json:"Enabled,omitempty"`
	Processors []processor `json:"Processors,omitempty"`
}

type processor struct {
	Type       *string              `json:"Type,omitempty"`
	Parameters []processorParameter `json:"Parameters,omitempty"`
}

type processorParameter struct {
	ParameterName  *string `json:"ParameterName,omitempty"`
	ParameterValue *string `json:"ParameterValue,omitempty"`
}

// dynamicPartitioningConfiguration is an extended S3 destination's
// DynamicPartitioningConfiguration.
type dynamicPartitioningConfiguration struct {
	Enabled      *bool         `json:"Enabled,omitempty"`
	RetryOptions *retryOptions `json:"RetryOptions,omitempty"`
}

// s3Fields are the members S3DestinationConfiguration, S3DestinationUpdate
// and S3DestinationDescription share: a plain S3 destination, and the
// backup bucket of the others.
type s3Fields struct {
	RoleARN                  *string                   `json:"RoleARN,omitempty"`
	BucketARN                *string                   `json:"BucketARN,omitempty"`
	Prefix                   *string                   `json:"Prefix,omitempty"`
	ErrorOutputPrefix        *string                   `json:"ErrorOutputPrefix,omitempty"`
	BufferingHints           *bufferingHints           `json:"BufferingHints,omitempty"`
	CompressionFormat        *string                   `json:"CompressionFormat,omitempty"`
	EncryptionConfiguration  *encryptionConfiguration  `json:"EncryptionConfiguration,omitempty"`
	CloudWatchLoggingOptions *cloudWatchLoggingOptions `json:"CloudWatchLoggingOptions,omitempty"`
}

// extendedFields are the members an extended S3 destination's
// configuration, update and description share beyond s3Fields.
type extendedFields struct {
	s3Fields
	ProcessingConfiguration          *processingConfiguration          `json:"ProcessingConfiguration,omitempty"`
	S3BackupMode                     *string                           `json:"S3BackupMode,omitempty"`
	DynamicPartitioningConfiguration *dynamicPartitioningConfiguration `json:"DynamicPartitioningConfiguration,omitempty"`
	FileExtension                    *string                           `json:"FileExtension,omitempty"`
	CustomTimeZone                   *string                           `json:"CustomTimeZone,omitempty"`
	// DataFormatConversionConfiguration is refused when enabled: there
	// is no Parquet or ORC writer.
	DataFormatConversionConfiguration json.RawMessage `json:"DataFormatConversionConfiguration,omitempty"`
}

// extendedS3Configuration is ExtendedS3DestinationConfiguration.
type extendedS3Configuration struct {
	extendedFields
	S3BackupConfiguration *s3Fields `json:"S3BackupConfiguration,omitempty"`
}

// extendedS3Update is ExtendedS3DestinationUpdate.
type extendedS3Update struct {
	extendedFields
	S3BackupUpdate *s3Fields `json:"S3BackupUpdate,omitempty"`
}

// extendedS3Description is ExtendedS3DestinationDescription.
type extendedS3Description struct {
	extendedFields
	S3BackupDescription *s3Fields `json:"S3BackupDescription,omitempty"`
}

// httpEndpointConfiguration is HttpEndpointConfiguration; a description
// leaves AccessKey out, as AWS does.
type httpEndpointConfiguration struct {
	URL       *string `json:"Url,omitempty"`
	Name      *string `json:"Name,omitempty"`
	AccessKey *string `json:"AccessKey,omitempty"`
}

type httpEndpointRequestConfiguration struct {
	ContentEncoding  *string           `json:"ContentEncoding,omitempty"`
	CommonAttributes []commonAttribute `json:"CommonAttributes,omitempty"`
}

type commonAttribute struct {
	AttributeName  *string `json:"AttributeName,omitempty"`
	AttributeValue *string `json:"AttributeValue,omitempty"`
}

// httpFields are the members an HTTP endpoint destination's
// configuration, update and description share.
type httpFields struct {
	EndpointConfiguration    *httpEndpointConfiguration        `json:"EndpointConfiguration,omitempty"`
	BufferingHints           *bufferingHints                   `json:"BufferingHints,omitempty"`
	CloudWatchLoggingOptions *cloudWatchLoggingOptions         `json:"CloudWatchLoggingOptions,omitempty"`
	RequestConfiguration     *httpEndpointRequestConfiguration `json:"RequestConfiguration,omitempty"`
	ProcessingConfiguration  *processingConfiguration          `json:"ProcessingConfiguration,omitempty"`
	RoleARN                  *string                           `json:"RoleARN,omitempty"`
	RetryOptions             *retryOptions                     `json:"RetryOptions,omitempty"`
	S3BackupMode             *string                           `json:"S3BackupMode,omitempty"`
}

// httpEndpointDestinationConfiguration is HttpEndpointDestinationConfiguration.
type httpEndpointDestinationConfiguration struct {
	httpFields
	S3Configuration *s3Fields `json:"S3Configuration,omitempty"`
}

// httpEndpointDestinationUpdate is HttpEndpointDestinationUpdate.
type httpEndpointDestinationUpdate struct {
	httpFields
	S3Update *s3Fields `json:"S3Update,omitempty"`
}

// httpEndpointDestinationDescription is HttpEndpointDestinationDescription.
type httpEndpointDestinationDescription struct {
	httpFields
	S3DestinationDescription *s3Fields `json:"S3DestinationDescription,omitempty"`
}

// kinesisStreamSourceConfiguration is KinesisStreamSourceConfiguration.
type kinesisStreamSourceConfiguration struct {
	KinesisStreamARN *string `json:"KinesisStreamARN,omitempty"`
	RoleARN          *string `json:"RoleARN,omitempty"`
}

// encryptionInput is DeliveryStreamEncryptionConfigurationInput.
type encryptionInput struct {
	KeyARN  *string `json:"KeyARN,omitempty"`
	KeyType *string `json:"KeyType,omitempty"`
}

// tag is Tag.
type tag struct {
	Key   *string `json:"Key,omitempty"`
	Value *string `json:"Value,omitempty"`
}

// record is Record: its data, base64 on the wire.
type record struct {
	Data []byte `json:"Data"`
}

// epochSeconds is a timestamp as the JSON protocols write it.
type epochSeconds = wire.Timestamp

// given reports whether a JSON member the API takes as an opaque
// structure was sent, and not as null.
func given(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

// Pointer helpers for the optional members.

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
