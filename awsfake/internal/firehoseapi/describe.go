package firehoseapi

import (
	"context"
	"strconv"

	"github.com/switchyard/switchyard/firehose"
)

// DescribeDeliveryStream and ListDeliveryStreams.

type describeDeliveryStreamInput struct {
	DeliveryStreamName          *string `json:"DeliveryStreamName"`
	Limit                       *int    `json:"Limit"`
	ExclusiveStartDestinationID *string `json:"ExclusiveStartDestinationId"`
}

type describeDeliveryStreamOutput struct {
	DeliveryStreamDescription deliveryStreamDescription `json:"DeliveryStreamDescription"`
}

type deliveryStreamDescription struct {
	DeliveryStreamName                    string                   `json:"DeliveryStreamName"`
	DeliveryStreamARN                     string                   `json:"DeliveryStreamARN"`
	DeliveryStreamStatus                  string                   `json:"DeliveryStreamStatus"`
	DeliveryStreamEncryptionConfiguration encryptionDescription    `json:"DeliveryStreamEncryptionConfiguration"`
	DeliveryStreamType                    string                   `json:"DeliveryStreamType"`
	VersionID                             string                   `json:"VersionId"`
	CreateTimestamp                       epochSeconds             `json:"CreateTimestamp"`
	LastUpdateTimestamp                   *epochSeconds            `json:"LastUpdateTimestamp,omitempty"`
	Source                                *sourceDescription       `json:"Source,omitempty"`
	Destinations                          []destinationDescription `json:"Destinations"`
	HasMoreDestinations                   bool                     `json:"HasMoreDestinations"`
}

type encryptionDescription struct {
	KeyARN  string `json:"KeyARN,omitempty"`
	KeyType string `json:"KeyType,omitempty"`
	Status  string `json:"Status"`
}

type sourceDescription struct {
	KinesisStreamSourceDescription kinesisStreamSourceDescription `json:"KinesisStreamSourceDescription"`
}

type kinesisStreamSourceDescription struct {
	KinesisStreamARN       string       `json:"KinesisStreamARN"`
	RoleARN                string       `json:"RoleARN"`
	DeliveryStartTimestamp epochSeconds `json:"DeliveryStartTimestamp"`
}

// destinationDescription is DestinationDescription. An S3 destination is
// described twice, as AWS describes it: in full as extended S3, and by its
// plain S3 members.
type destinationDescription struct {
	DestinationID                      string                              `json:"DestinationId"`
	S3DestinationDescription           *s3Fields                           `json:"S3DestinationDescription,omitempty"`
	ExtendedS3DestinationDescription   *extendedS3Description              `json:"ExtendedS3DestinationDescription,omitempty"`
	HTTPEndpointDestinationDescription *httpEndpointDestinationDescription `json:"HttpEndpointDestinationDescription,omitempty"`
}

func (s *Service) describeDeliveryStream(ctx context.Context, in *describeDeliveryStreamInput) (*describeDeliveryStreamOutput, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	c.limit(in.Limit, "limit", 10000)
	c.str(in.ExclusiveStartDestinationID, "exclusiveStartDestinationId", 1, 100, destinationIDPattern, destinationIDRE, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	e, err := s.lookup(*in.DeliveryStreamName)
	if err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.deleted {
		return nil, s.notFound(e.name)
	}
	d := deliveryStreamDescription{
		DeliveryStreamName:   e.name,
		DeliveryStreamARN:    e.arn,
		DeliveryStreamStatus: "ACTIVE",
		DeliveryStreamEncryptionConfiguration: encryptionDescription{
			KeyARN: e.encryption.keyARN, KeyType: e.encryption.keyType, Status: "DISABLED",
		},
		DeliveryStreamType: directPut,
		VersionID:          strconv.Itoa(e.version),
		CreateTimestamp:    epochSeconds(e.created),
		Destinations:       []destinationDescription{},
	}
	if e.encryption.enabled {
		d.DeliveryStreamEncryptionConfiguration.Status = "ENABLED"
	}
	if !e.updated.IsZero() {
		d.LastUpdateTimestamp = ptr(epochSeconds(e.updated))
	}
	if src := e.source; src != nil {
		d.DeliveryStreamType = kinesisStreamAsSource
		d.Source = &sourceDescription{KinesisStreamSourceDescription: kinesisStreamSourceDescription{
			KinesisStreamARN:       *src.config.KinesisStreamARN,
			RoleARN:                *src.config.RoleARN,
			DeliveryStartTimestamp: epochSeconds(src.started),
		}}
	}
	// The one destination comes after no id but its own.
	if in.ExclusiveStartDestinationID == nil || *in.ExclusiveStartDestinationID < destinationID {
		d.Destinations = append(d.Destinations, describeDestination(e.dest))
	}
	return &describeDeliveryStreamOutput{DeliveryStreamDescription: d}, nil
}

// describeDestination describes d with AWS's defaults for what its
// configuration left out. It copies what it changes: the stored
// configuration is never written through.
func describeDestination(d destination) destinationDescription {
	out := destinationDescription{DestinationID: destinationID}
	if h := d.http; h != nil {
		f := h.cfg
		if ep := f.EndpointConfiguration; ep != nil {
			f.EndpointConfiguration = &httpEndpointConfiguration{URL: ep.URL, Name: ep.Name} // never the access key
		}
		f.BufferingHints = describeHints(f.BufferingHints, firehose.DefaultBufferSizeInMBs)
		f.CloudWatchLoggingOptions = describeLogging(f.CloudWatchLoggingOptions)
		rc := httpEndpointRequestConfiguration{}
		if f.RequestConfiguration != nil {
			rc = *f.RequestConfiguration
		}
		if rc.ContentEncoding == nil {
			rc.ContentEncoding = ptr("NONE")
		}
		f.RequestConfiguration = &rc
		if f.RetryOptions == nil || f.RetryOptions.DurationInSeconds == nil {
			f.RetryOptions = &retryOptions{DurationInSeconds: ptr(int(firehose.DefaultRetryDuration.Seconds()))}
		}
		if f.S3BackupMode == nil {
			f.S3BackupMode = ptr(string(firehose.BackupFailedDataOnly))
		}
		out.HTTPEndpointDestinationDescription = &httpEndpointDestinationDescription{httpFields: f, S3DestinationDescription: describeS3(h.backup, firehose.DefaultBufferSizeInMBs)}
		return out
	}
	s3 := d.s3
	size := firehose.DefaultBufferSizeInMBs
	if d.dynamicPartitioning() {
		size = minPartitionedBufferSizeInMBs
	}
	ext := s3.cfg
	ext.s3Fields = *describeS3(ext.s3Fields, size)
	if ext.S3BackupMode == nil {
		ext.S3BackupMode = ptr(string(firehose.BackupDisabled))
	}
	desc := &extendedS3Description{extendedFields: ext}
	if s3.backup != nil {
		desc.S3BackupDescription = describeS3(*s3.backup, firehose.DefaultBufferSizeInMBs)
	}
	out.ExtendedS3DestinationDescription = desc
	out.S3DestinationDescription = ptr(ext.s3Fields)
	return out
}

// describeS3 returns f with AWS's defaults for what it left out.
func describeS3(f s3Fields, defaultSize int) *s3Fields {
	f.BufferingHints = describeHints(f.BufferingHints, defaultSize)
	if f.CompressionFormat == nil {
		f.CompressionFormat = ptr(string(firehose.Uncompressed))
	}
	if f.EncryptionConfiguration == nil {
		f.EncryptionConfiguration = &encryptionConfiguration{NoEncryptionConfig: ptr("NoEncryption")}
	}
	f.CloudWatchLoggingOptions = describeLogging(f.CloudWatchLoggingOptions)
	return &f
}

func describeHints(h *bufferingHints, defaultSize int) *bufferingHints {
	out := bufferingHints{SizeInMBs: ptr(defaultSize), IntervalInSeconds: ptr(firehose.DefaultBufferIntervalInSeconds)}
	if h != nil {
		out.SizeInMBs = ptr(deref(h.SizeInMBs, defaultSize))
		out.IntervalInSeconds = ptr(deref(h.IntervalInSeconds, firehose.DefaultBufferIntervalInSeconds))
	}
	return &out
}

func describeLogging(o *cloudWatchLoggingOptions) *cloudWatchLoggingOptions {
	if o == nil {
		return &cloudWatchLoggingOptions{Enabled: ptr(false)}
	}
	if o.Enabled == nil {
		c := *o
		c.Enabled = ptr(false)
		return &c
	}
	return o
}

type listDeliveryStreamsInput struct {
	Limit                            *int    `json:"Limit"`
	DeliveryStreamType               *string `json:"DeliveryStreamType"`
	ExclusiveStartDeliveryStreamName *string `json:"ExclusiveStartDeliveryStreamName"`
}

type listDeliveryStreamsOutput struct {
	DeliveryStreamNames    []string `json:"DeliveryStreamNames"`
	HasMoreDeliveryStreams bool     `json:"HasMoreDeliveryStreams"`
}

// defaultListLimit is how many names ListDeliveryStreams returns when
// the request sets no Limit.
const defaultListLimit = 10

func (s *Service) listDeliveryStreams(ctx context.Context, in *listDeliveryStreamsInput) (*listDeliveryStreamsOutput, error) {
	var c checks
	c.limit(in.Limit, "limit", 10000)
	c.enum(in.DeliveryStreamType, "deliveryStreamType", deliveryStreamTypes)
	if in.ExclusiveStartDeliveryStreamName != nil {
		c.deliveryStreamName(in.ExclusiveStartDeliveryStreamName, "exclusiveStartDeliveryStreamName")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	names := s.names(func(e *deliveryStream) bool {
		if start := in.ExclusiveStartDeliveryStreamName; start != nil && e.name <= *start {
			return false
		}
		switch deref(in.DeliveryStreamType, "") {
		case "":
			return true
		case kinesisStreamAsSource:
			return e.source != nil
		case directPut:
			return e.source == nil
		}
		return false
	})
	limit := deref(in.Limit, defaultListLimit)
	return &listDeliveryStreamsOutput{
		DeliveryStreamNames:    names[:min(limit, len(names))],
		HasMoreDeliveryStreams: len(names) > limit,
	}, nil
}
