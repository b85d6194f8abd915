package sfnapi

import (
	"context"
	"strconv"
)

// TagResource, UntagResource and ListTagsForResource, for state machines
// and activities.

// tag is one tag as the API writes it.
type tag struct {
	Key   *string `json:"key"`
	Value *string `json:"value"`
}

// listedTag is a tag in a reply.
type listedTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// maxTags is the most tags a resource may have.
const maxTags = 50

// tagSet is a resource's tags, in the order their keys were first set.
type tagSet struct {
	keys   []string
	values map[string]string
}

// set adds or replaces tags.
func (t *tagSet) set(tags []tag) {
	for _, tg := range tags {
		if t.values == nil {
			t.values = make(map[string]string)
		}
		k, v := *tg.Key, ""
		if tg.Value != nil {
			v = *tg.Value
		}
		if _, ok := t.values[k]; !ok {
			t.keys = append(t.keys, k)
		}
		t.values[k] = v
	}
}

// countAfter reports how many tags there would be after setting tags.
func (t *tagSet) countAfter(tags []tag) int {
	n := len(t.keys)
	seen := map[string]bool{}
	for _, tg := range tags {
		if _, ok := t.values[*tg.Key]; !ok && !seen[*tg.Key] {
			n++
			seen[*tg.Key] = true
		}
	}
	return n
}

// remove deletes tags by key.
func (t *tagSet) remove(keys []string) {
	for _, k := range keys {
		if _, ok := t.values[k]; !ok {
			continue
		}
		delete(t.values, k)
		for i, x := range t.keys {
			if x == k {
				t.keys = append(t.keys[:i], t.keys[i+1:]...)
				break
			}
		}
	}
}

// list returns the tags for a reply.
func (t *tagSet) list() []listedTag {
	out := make([]listedTag, 0, len(t.keys))
	for _, k := range t.keys {
		out = append(out, listedTag{Key: k, Value: t.values[k]})
	}
	return out
}

// checkTags checks tags against the model.
func checkTags(c *checks, tags []tag) {
	for i, tg := range tags {
		at := "tags." + strconv.Itoa(i+1) + ".member."
		c.reqLength(tg.Key, at+"key", 1, 128, false)
		c.optLength(tg.Value, at+"value", 0, 256, false)
	}
}

func tooManyTags(arn string) error {
	return errTooManyTags.Errorf("Too many tags: the resource '%s' may have at most %d tags", arn, maxTags)
}

// tagsLocked returns the tags of the state machine or activity an ARN
// names. Versions and aliases have none of their own (ResourceNotFound).
func (s *Service) tagsLocked(resourceARN string) (*tagSet, error) {
	a, err := parseARN(resourceARN, kindStateMachine, kindActivity)
	if err != nil {
		return nil, err
	}
	if !s.ours(a) || len(a.rest) != 1 {
		return nil, resourceNotFound(resourceARN)
	}
	switch a.kind {
	case kindActivity:
		if act := s.activities[a.rest[0]]; act != nil {
			return &act.tags, nil
		}
	default:
		if m := s.machineLocked(a.rest[0]); m != nil {
			return &m.tags, nil
		}
	}
	return nil, resourceNotFound(resourceARN)
}

type tagResourceInput struct {
	ResourceARN *string `json:"resourceArn"`
	Tags        []tag   `json:"tags"`
}

func (s *Service) tagResource(_ context.Context, in *tagResourceInput) (*empty, error) {
	var c checks
	c.reqLength(in.ResourceARN, "resourceArn", 1, maxARN, false)
	c.required(in.Tags != nil, "tags")
	checkTags(&c, in.Tags)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.tagsLocked(*in.ResourceARN)
	if err != nil {
		return nil, err
	}
	if tags.countAfter(in.Tags) > maxTags {
		return nil, tooManyTags(*in.ResourceARN)
	}
	tags.set(in.Tags)
	return &empty{}, nil
}

type untagResourceInput struct {
	ResourceARN *string  `json:"resourceArn"`
	TagKeys     []string `json:"tagKeys"`
}

func (s *Service) untagResource(_ context.Context, in *untagResourceInput) (*empty, error) {
	var c checks
	c.reqLength(in.ResourceARN, "resourceArn", 1, maxARN, false)
	c.required(in.TagKeys != nil, "tagKeys")
	for i, k := range in.TagKeys {
		c.length(k, "tagKeys."+strconv.Itoa(i+1)+".member", 1, 128, false)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.tagsLocked(*in.ResourceARN)
	if err != nil {
		return nil, err
	}
	tags.remove(in.TagKeys)
	return &empty{}, nil
}

type listTagsForResourceInput struct {
	ResourceARN *string `json:"resourceArn"`
}

type listTagsForResourceOutput struct {
	Tags []listedTag `json:"tags"`
}

func (s *Service) listTagsForResource(_ context.Context, in *listTagsForResourceInput) (*listTagsForResourceOutput, error) {
	var c checks
	c.reqLength(in.ResourceARN, "resourceArn", 1, maxARN, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.tagsLocked(*in.ResourceARN)
	if err != nil {
		return nil, err
	}
	return &listTagsForResourceOutput{Tags: tags.list()}, nil
}
