package firehoseapi

import (
	"context"
	"sort"
)

// TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream.

// maxTags is the most tags a delivery stream has, and a request carries.
const maxTags = 50

type tagDeliveryStreamInput struct {
	DeliveryStreamName *string `json:"DeliveryStreamName"`
	Tags               []tag   `json:"Tags"`
}

func (s *Service) tagDeliveryStream(ctx context.Context, in *tagDeliveryStreamInput) (*empty, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	if c.present(in.Tags != nil, "tags") {
		c.tags(in.Tags, "tags", 1, maxTags)
	}
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
	added := map[string]bool{}
	for _, t := range in.Tags {
		if _, ok := e.tags[*t.Key]; !ok {
			added[*t.Key] = true
		}
	}
	if total := len(e.tags) + len(added); total > maxTags {
		return nil, errLimitExceeded.Errorf("A Firehose stream can have at most %d tags; %s would have %d.", maxTags, e.name, total)
	}
	for _, t := range in.Tags {
		e.tags[*t.Key] = deref(t.Value, "")
	}
	return &empty{}, nil
}

type untagDeliveryStreamInput struct {
	DeliveryStreamName *string  `json:"DeliveryStreamName"`
	TagKeys            []string `json:"TagKeys"`
}

func (s *Service) untagDeliveryStream(ctx context.Context, in *untagDeliveryStreamInput) (*empty, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	if c.present(in.TagKeys != nil, "tagKeys") {
		c.listLength(len(in.TagKeys), "tagKeys", 1, maxTags)
		for i, k := range in.TagKeys {
			c.tagKey(k, member("tagKeys", i))
		}
	}
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
	for _, k := range in.TagKeys {
		delete(e.tags, k) // a key the delivery stream lacks is no error
	}
	return &empty{}, nil
}

type listTagsForDeliveryStreamInput struct {
	DeliveryStreamName   *string `json:"DeliveryStreamName"`
	ExclusiveStartTagKey *string `json:"ExclusiveStartTagKey"`
	Limit                *int    `json:"Limit"`
}

type listTagsForDeliveryStreamOutput struct {
	Tags        []tagOutput `json:"Tags"`
	HasMoreTags bool        `json:"HasMoreTags"`
}

type tagOutput struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

func (s *Service) listTagsForDeliveryStream(ctx context.Context, in *listTagsForDeliveryStreamInput) (*listTagsForDeliveryStreamOutput, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	if in.ExclusiveStartTagKey != nil {
		c.tagKey(*in.ExclusiveStartTagKey, "exclusiveStartTagKey")
	}
	c.limit(in.Limit, "limit", maxTags)
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
	keys := make([]string, 0, len(e.tags))
	for k := range e.tags {
		if in.ExclusiveStartTagKey == nil || k > *in.ExclusiveStartTagKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	limit := deref(in.Limit, maxTags)
	out := &listTagsForDeliveryStreamOutput{Tags: []tagOutput{}, HasMoreTags: len(keys) > limit}
	for _, k := range keys[:min(limit, len(keys))] {
		out.Tags = append(out.Tags, tagOutput{Key: k, Value: e.tags[k]})
	}
	return out, nil
}
