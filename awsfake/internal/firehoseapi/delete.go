package firehoseapi

import "context"

// DeleteDeliveryStream.

type deleteDeliveryStreamInput struct {
	DeliveryStreamName *string `json:"DeliveryStreamName"`
	// AllowForceDelete is accepted: there is no KMS grant to retire.
	AllowForceDelete *bool `json:"AllowForceDelete"`
}

// deleteDeliveryStream deletes a delivery stream at once: its name is
// free again and every call naming it answers ResourceNotFoundException.
// Before it answers, it delivers what the delivery stream holds, retries
// of a failing destination included, on the account's clock — AWS
// delivers what it has while the delivery stream is DELETING — until the
// request's context ends, when what is left is dropped.
func (s *Service) deleteDeliveryStream(ctx context.Context, in *deleteDeliveryStreamInput) (*empty, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	if err := c.err(); err != nil {
		return nil, err
	}
	name := *in.DeliveryStreamName
	s.mu.Lock()
	e := s.streams[name]
	if e == nil {
		s.mu.Unlock()
		return nil, s.notFound(name)
	}
	delete(s.streams, name)
	s.mu.Unlock()
	// A context that ended is the client's doing; the delivery stream is
	// deleted all the same, so the request still succeeds.
	_ = e.close(ctx)
	return &empty{}, nil
}
