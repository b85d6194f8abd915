package kinesisapi

import (
	"context"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers and
// DeregisterStreamConsumer. The engine keeps the consumers; the service
// finds their stream, from StreamARN or from the consumer's ARN, and keeps
// their tags.

// streamByARN returns the stream a consumer operation's StreamARN names.
func (s *Service) streamByARN(arn string) (*entry, error) {
	var vs awserr.Violations
	checkARN(&vs, "streamARN", arn, streamARNPattern, streamARNRegexp)
	if err := validation(vs); err != nil {
		return nil, err
	}
	name, ok := s.streamNameOfARN(arn)
	if !ok {
		return nil, s.streamNotFoundARN(arn)
	}
	return s.streamNamed(name)
}

type registerStreamConsumerInput struct {
	StreamARN    *string           `json:"StreamARN"`
	ConsumerName *string           `json:"ConsumerName"`
	Tags         map[string]string `json:"Tags"`
}

type registerStreamConsumerOutput struct {
	Consumer consumerJSON `json:"Consumer"`
}

func (s *Service) registerStreamConsumer(_ context.Context, in *registerStreamConsumerInput) (*registerStreamConsumerOutput, error) {
	var vs awserr.Violations
	if in.StreamARN == nil {
		notNull(&vs, "streamARN")
	}
	if in.ConsumerName == nil {
		notNull(&vs, "consumerName")
	}
	checkTagMap(&vs, "tags", in.Tags, maxTags)
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamByARN(*in.StreamARN)
	if err != nil {
		return nil, err
	}
	c, err := e.s.RegisterStreamConsumer(*in.ConsumerName)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	if e.consumerTags == nil {
		e.consumerTags = make(map[string]map[string]string)
	}
	tags := make(map[string]string, len(in.Tags))
	for k, v := range in.Tags {
		tags[k] = v
	}
	e.consumerTags[c.ConsumerARN] = tags
	e.mu.Unlock()
	return &registerStreamConsumerOutput{Consumer: consumerOf(c)}, nil
}

// consumerRef is how DescribeStreamConsumer and DeregisterStreamConsumer
// name a consumer: by its ARN, or by its name and its stream's ARN.
type consumerRef struct {
	StreamARN    string `json:"StreamARN"`
	ConsumerName string `json:"ConsumerName"`
	ConsumerARN  string `json:"ConsumerARN"`
}

// consumerStream returns the consumer's stream and the engine's input
// naming the consumer in it.
func (s *Service) consumerStream(ref consumerRef) (*entry, stream.ConsumerInput, error) {
	in := stream.ConsumerInput{ConsumerName: ref.ConsumerName, ConsumerARN: ref.ConsumerARN}
	var e *entry
	var err error
	switch {
	case ref.StreamARN != "":
		e, err = s.streamByARN(ref.StreamARN)
	case ref.ConsumerARN != "":
		e, err = s.streamByConsumerARN("consumerARN", ref.ConsumerARN)
	default:
		err = stream.ErrInvalidArgument.WithMessage("ConsumerARN or both ConsumerName and StreamARN are required for this request.")
	}
	return e, in, err
}

type consumerDescription struct {
	consumerJSON
	StreamARN string `json:"StreamARN"`
}

type describeStreamConsumerOutput struct {
	ConsumerDescription consumerDescription `json:"ConsumerDescription"`
}

func (s *Service) describeStreamConsumer(_ context.Context, in *consumerRef) (*describeStreamConsumerOutput, error) {
	e, ref, err := s.consumerStream(*in)
	if err != nil {
		return nil, err
	}
	c, err := e.s.DescribeStreamConsumer(ref)
	if err != nil {
		return nil, err
	}
	return &describeStreamConsumerOutput{consumerDescription{consumerOf(c), c.StreamARN}}, nil
}

func (s *Service) deregisterStreamConsumer(_ context.Context, in *consumerRef) (empty, error) {
	e, ref, err := s.consumerStream(*in)
	if err != nil {
		return empty{}, err
	}
	c, err := e.s.DescribeStreamConsumer(ref) // for its ARN, when named by its name
	if err != nil {
		return empty{}, err
	}
	if err := e.s.DeregisterStreamConsumer(ref); err != nil {
		return empty{}, err
	}
	e.mu.Lock()
	delete(e.consumerTags, c.ConsumerARN)
	e.mu.Unlock()
	return empty{}, nil
}

type listStreamConsumersInput struct {
	StreamARN               *string    `json:"StreamARN"`
	MaxResults              *int       `json:"MaxResults"`
	NextToken               string     `json:"NextToken"`
	StreamCreationTimestamp *timestamp `json:"StreamCreationTimestamp"`
}

type listStreamConsumersOutput struct {
	Consumers []consumerJSON `json:"Consumers"`
	NextToken string         `json:"NextToken,omitempty"`
}

func (s *Service) listStreamConsumers(_ context.Context, in *listStreamConsumersInput) (*listStreamConsumersOutput, error) {
	var vs awserr.Violations
	if in.StreamARN == nil {
		notNull(&vs, "streamARN")
	}
	q := stream.ListStreamConsumersInput{NextToken: in.NextToken, StreamCreationTimestamp: timeOf(in.StreamCreationTimestamp)}
	if in.MaxResults != nil {
		q.MaxResults = *in.MaxResults // zero is the engine's default, so check it here
		checkRange(&vs, "maxResults", q.MaxResults, 1, stream.MaxListStreamConsumersMaxResults)
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamByARN(*in.StreamARN)
	if err != nil {
		return nil, err
	}
	page, err := e.s.ListStreamConsumers(q)
	if err != nil {
		return nil, err
	}
	out := &listStreamConsumersOutput{Consumers: make([]consumerJSON, len(page.Consumers)), NextToken: page.NextToken}
	for i, c := range page.Consumers {
		out.Consumers[i] = consumerOf(c)
	}
	return out, nil
}
