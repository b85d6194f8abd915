package firehoseapi

import (
	"context"
	"encoding/json"
	"strings"
)

// CreateDeliveryStream.

type createDeliveryStreamInput struct {
	DeliveryStreamName                         *string                               `json:"DeliveryStreamName"`
	DeliveryStreamType                         *string                               `json:"DeliveryStreamType"`
	KinesisStreamSourceConfiguration           *kinesisStreamSourceConfiguration     `json:"KinesisStreamSourceConfiguration"`
	DeliveryStreamEncryptionConfigurationInput *encryptionInput                      `json:"DeliveryStreamEncryptionConfigurationInput"`
	S3DestinationConfiguration                 *s3Fields                             `json:"S3DestinationConfiguration"`
	ExtendedS3DestinationConfiguration         *extendedS3Configuration              `json:"ExtendedS3DestinationConfiguration"`
	HTTPEndpointDestinationConfiguration       *httpEndpointDestinationConfiguration `json:"HttpEndpointDestinationConfiguration"`
	Tags                                       []tag                                 `json:"Tags"`
	// DirectPutSourceConfiguration's throughput hint is accepted and
	// has no effect.
	DirectPutSourceConfiguration json.RawMessage `json:"DirectPutSourceConfiguration"`

	// The destinations and sources there is no engine for.
	RedshiftDestinationConfiguration                   json.RawMessage `json:"RedshiftDestinationConfiguration"`
	ElasticsearchDestinationConfiguration              json.RawMessage `json:"ElasticsearchDestinationConfiguration"`
	AmazonopensearchserviceDestinationConfiguration    json.RawMessage `json:"AmazonopensearchserviceDestinationConfiguration"`
	AmazonOpenSearchServerlessDestinationConfiguration json.RawMessage `json:"AmazonOpenSearchServerlessDestinationConfiguration"`
	SplunkDestinationConfiguration                     json.RawMessage `json:"SplunkDestinationConfiguration"`
	SnowflakeDestinationConfiguration                  json.RawMessage `json:"SnowflakeDestinationConfiguration"`
	IcebergDestinationConfiguration                    json.RawMessage `json:"IcebergDestinationConfiguration"`
	MSKSourceConfiguration                             json.RawMessage `json:"MSKSourceConfiguration"`
	DatabaseSourceConfiguration                        json.RawMessage `json:"DatabaseSourceConfiguration"`
}

type createDeliveryStreamOutput struct {
	DeliveryStreamARN string `json:"DeliveryStreamARN"`
}

// The delivery stream types.
const (
	directPut             = "DirectPut"
	kinesisStreamAsSource = "KinesisStreamAsSource"
)

func (in *createDeliveryStreamInput) check() error {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	c.enum(in.DeliveryStreamType, "deliveryStreamType", deliveryStreamTypes)
	if k := in.KinesisStreamSourceConfiguration; k != nil {
		c.required(k.KinesisStreamARN, "kinesisStreamSourceConfiguration.kinesisStreamARN", 1, 512, kinesisStreamARNPattern, kinesisStreamARNRE, false)
		c.required(k.RoleARN, "kinesisStreamSourceConfiguration.roleARN", 1, 512, roleARNPattern, roleARNRE, false)
	}
	c.encryptionInput(in.DeliveryStreamEncryptionConfigurationInput, "deliveryStreamEncryptionConfigurationInput")
	c.s3Fields(in.S3DestinationConfiguration, "s3DestinationConfiguration", true)
	if e := in.ExtendedS3DestinationConfiguration; e != nil {
		c.extendedFields(&e.extendedFields, "extendedS3DestinationConfiguration", true)
		c.s3Fields(e.S3BackupConfiguration, "extendedS3DestinationConfiguration.s3BackupConfiguration", true)
	}
	if h := in.HTTPEndpointDestinationConfiguration; h != nil {
		const at = "httpEndpointDestinationConfiguration"
		c.httpFields(&h.httpFields, at, true)
		if c.present(h.S3Configuration != nil, at+".s3Configuration") {
			c.s3Fields(h.S3Configuration, at+".s3Configuration", true)
		}
	}
	if in.Tags != nil {
		c.tags(in.Tags, "tags", 1, maxTags)
	}
	return c.err()
}

// destination returns the one destination the request configures.
func (in *createDeliveryStreamInput) destination() (destination, error) {
	var d destination
	n := 0
	if in.S3DestinationConfiguration != nil {
		n++
		d.s3 = &s3Destination{cfg: extendedFields{s3Fields: *in.S3DestinationConfiguration}}
	}
	if e := in.ExtendedS3DestinationConfiguration; e != nil {
		n++
		d.s3 = &s3Destination{cfg: e.extendedFields, backup: e.S3BackupConfiguration}
	}
	if h := in.HTTPEndpointDestinationConfiguration; h != nil {
		n++
		d.http = &httpDestination{cfg: h.httpFields, backup: *h.S3Configuration}
	}
	unsupported := []struct {
		name string
		raw  json.RawMessage
	}{
		{"RedshiftDestinationConfiguration", in.RedshiftDestinationConfiguration},
		{"ElasticsearchDestinationConfiguration", in.ElasticsearchDestinationConfiguration},
		{"AmazonopensearchserviceDestinationConfiguration", in.AmazonopensearchserviceDestinationConfiguration},
		{"AmazonOpenSearchServerlessDestinationConfiguration", in.AmazonOpenSearchServerlessDestinationConfiguration},
		{"SplunkDestinationConfiguration", in.SplunkDestinationConfiguration},
		{"SnowflakeDestinationConfiguration", in.SnowflakeDestinationConfiguration},
		{"IcebergDestinationConfiguration", in.IcebergDestinationConfiguration},
	}
	var other string
	for _, u := range unsupported {
		if given(u.raw) {
			n++
			other = u.name
		}
	}
	switch {
	case n != 1:
		return d, invalid("Exactly one destination configuration must be specified for a Firehose stream; %d were given.", n)
	case other != "":
		return d, notImplemented(other)
	}
	return d, nil
}

// streamType returns the delivery stream's type, after checking that the
// source members agree with it.
func (in *createDeliveryStreamInput) streamType() (string, error) {
	typ := deref(in.DeliveryStreamType, directPut)
	switch {
	case typ == "MSKAsSource" || given(in.MSKSourceConfiguration):
		return "", notImplemented("MSKAsSource")
	case typ == "DatabaseAsSource" || given(in.DatabaseSourceConfiguration):
		return "", notImplemented("DatabaseAsSource")
	case typ == kinesisStreamAsSource && in.KinesisStreamSourceConfiguration == nil:
		return "", invalid("KinesisStreamSourceConfiguration is required for the KinesisStreamAsSource stream type.")
	case typ != kinesisStreamAsSource && in.KinesisStreamSourceConfiguration != nil:
		return "", invalid("KinesisStreamSourceConfiguration is only applicable for the KinesisStreamAsSource stream type.")
	case typ == kinesisStreamAsSource && in.DeliveryStreamEncryptionConfigurationInput != nil:
		return "", errSSEOnStreamSource()
	case typ != directPut && given(in.DirectPutSourceConfiguration):
		return "", invalid("DirectPutSourceConfiguration is only applicable for the DirectPut stream type.")
	}
	return typ, nil
}

func (s *Service) createDeliveryStream(ctx context.Context, in *createDeliveryStreamInput) (*createDeliveryStreamOutput, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	name := *in.DeliveryStreamName
	typ, err := in.streamType()
	if err != nil {
		return nil, err
	}
	dest, err := in.destination()
	if err != nil {
		return nil, err
	}
	enc, err := encryptionOf(in.DeliveryStreamEncryptionConfigurationInput)
	if err != nil {
		return nil, err
	}
	var src *streamSource
	if typ == kinesisStreamAsSource {
		if src, err = s.sourceStream(*in.KinesisStreamSourceConfiguration); err != nil {
			return nil, err
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.streams[name] != nil {
		return nil, s.inUse(name)
	}
	ds, err := s.newEngine(name, 1, dest, src)
	if err != nil {
		return nil, err
	}
	e := &deliveryStream{
		name:       name,
		arn:        s.arn(name),
		created:    ds.Describe().CreateTimestamp,
		source:     src,
		ds:         ds,
		dest:       dest,
		version:    1,
		tags:       make(map[string]string, len(in.Tags)),
		encryption: enc,
	}
	if src != nil {
		src.started = e.created
	}
	for _, t := range in.Tags {
		e.tags[*t.Key] = deref(t.Value, "")
	}
	s.streams[name] = e
	return &createDeliveryStreamOutput{DeliveryStreamARN: e.arn}, nil
}

// sourceStream resolves a KinesisStreamSourceConfiguration's stream.
func (s *Service) sourceStream(cfg kinesisStreamSourceConfiguration) (*streamSource, error) {
	arn := *cfg.KinesisStreamARN
	if s.stream != nil {
		if st, ok := s.stream(arn); ok {
			return &streamSource{config: cfg, stream: st}, nil
		}
	}
	// Kinesis's own words for a stream that is not there.
	// The pattern checked makes the last two fields "<account>" and
	// "stream/<name>".
	parts := strings.Split(arn, ":")
	name := arn[strings.LastIndexByte(arn, '/')+1:]
	account := parts[len(parts)-2]
	return nil, invalid("Stream %s under account %s not found.", name, account)
}
