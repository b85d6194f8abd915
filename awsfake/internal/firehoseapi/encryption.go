package firehoseapi

import "context"

// StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: the
// setting is kept, described, and reported as Encrypted by the puts; the
// data is not encrypted, and the change is at once (AWS goes through
// ENABLING and DISABLING).

const (
	awsOwnedCMK        = "AWS_OWNED_CMK"
	customerManagedCMK = "CUSTOMER_MANAGED_CMK"
)

// encryptionOf checks a DeliveryStreamEncryptionConfigurationInput, whose
// model constraints hold, and returns the setting it asks for: none when
// in is nil.
func encryptionOf(in *encryptionInput) (encryption, error) {
	if in == nil {
		return encryption{}, nil
	}
	keyType, keyARN := *in.KeyType, deref(in.KeyARN, "")
	switch {
	case keyType == customerManagedCMK && keyARN == "":
		return encryption{}, invalid("KeyARN is required when KeyType is %s.", customerManagedCMK)
	case keyType == awsOwnedCMK && keyARN != "":
		return encryption{}, invalid("KeyARN must not be specified when KeyType is %s.", awsOwnedCMK)
	}
	return encryption{enabled: true, keyType: keyType, keyARN: keyARN}, nil
}

func errSSEOnStreamSource() error {
	return invalid("Server-side encryption is supported only for a Firehose stream whose source is DirectPut.")
}

type startDeliveryStreamEncryptionInput struct {
	DeliveryStreamName                         *string          `json:"DeliveryStreamName"`
	DeliveryStreamEncryptionConfigurationInput *encryptionInput `json:"DeliveryStreamEncryptionConfigurationInput"`
}

func (s *Service) startDeliveryStreamEncryption(ctx context.Context, in *startDeliveryStreamEncryptionInput) (*empty, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	c.encryptionInput(in.DeliveryStreamEncryptionConfigurationInput, "deliveryStreamEncryptionConfigurationInput")
	if err := c.err(); err != nil {
		return nil, err
	}
	e, err := s.lookup(*in.DeliveryStreamName)
	if err != nil {
		return nil, err
	}
	req := in.DeliveryStreamEncryptionConfigurationInput
	if req == nil {
		req = &encryptionInput{KeyType: ptr(awsOwnedCMK)} // AWS's default key
	}
	enc, err := encryptionOf(req)
	if err != nil {
		return nil, err
	}
	if e.source != nil {
		return nil, errSSEOnStreamSource()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.deleted {
		return nil, s.notFound(e.name)
	}
	e.encryption = enc
	return &empty{}, nil
}

type stopDeliveryStreamEncryptionInput struct {
	DeliveryStreamName *string `json:"DeliveryStreamName"`
}

func (s *Service) stopDeliveryStreamEncryption(ctx context.Context, in *stopDeliveryStreamEncryptionInput) (*empty, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	if err := c.err(); err != nil {
		return nil, err
	}
	e, err := s.lookup(*in.DeliveryStreamName)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.deleted {
		return nil, s.notFound(e.name)
	}
	e.encryption = encryption{}
	return &empty{}, nil
}
