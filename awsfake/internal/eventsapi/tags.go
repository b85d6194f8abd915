package eventsapi

import (
	"context"
	"slices"

	"github.com/switchyard/switchyard/eventbus"
)

// TagResource, UntagResource and ListTagsForResource, for buses and rules.

// Tag is a tag as the API carries it.
type Tag struct {
	Key   *string `json:"Key"`
	Value *string `json:"Value"`
}

// tagList is a resource's tags in the order they were first set.
type tagList []Tag

// checkTags checks a Tags member against the model.
func checkTags(c *checks, tags []Tag) {
	for i, t := range tags {
		at := member("tags", i)
		c.required(t.Key, at+".key", shapeTagKey)
		c.required(t.Value, at+".value", shapeTagValue)
	}
}

// set adds tags, replacing the values of keys already there.
func (l *tagList) set(tags []Tag) {
	for _, t := range tags {
		t = Tag{Key: ptr(*t.Key), Value: ptr(*t.Value)}
		if i := l.index(*t.Key); i >= 0 {
			(*l)[i] = t
			continue
		}
		*l = append(*l, t)
	}
}

// remove deletes the tags of those keys; keys not there are ignored.
func (l *tagList) remove(keys []string) {
	*l = slices.DeleteFunc(*l, func(t Tag) bool { return slices.Contains(keys, *t.Key) })
}

func (l tagList) index(key string) int {
	return slices.IndexFunc(l, func(t Tag) bool { return *t.Key == key })
}

// out returns the tags to reply with, never nil: AWS answers "Tags": []
// for a resource without tags.
func (l tagList) out() []Tag {
	return append([]Tag{}, l...)
}

// taggedLocked returns the tags of the bus or rule an ARN names, or AWS's
// error for one the account does not have. s.mu is held.
func (s *Service) taggedLocked(resourceARN string) (*tagList, error) {
	a, ok := parseARN(resourceARN)
	if !ok {
		return nil, invalidParameter("ResourceARN", "Provided Arn is not in correct format.")
	}
	if busName, ok := s.busNameOfARN(resourceARN); ok {
		e := s.buses[busName]
		if e == nil {
			return nil, errBusNotFound(busName)
		}
		return &e.tags, nil
	}
	if busName, ruleName, ok := s.ruleOfARN(a); ok {
		e := s.buses[busName]
		if e == nil {
			return nil, errBusNotFound(busName)
		}
		if _, err := e.bus.DescribeRule(ruleName); err != nil {
			return nil, err
		}
		return &e.rule(ruleName).tags, nil
	}
	return nil, errResourceNotTaggable(resourceARN)
}

type tagResourceInput struct {
	ResourceARN *string `json:"ResourceARN"`
	Tags        []Tag   `json:"Tags"`
}

func (s *Service) tagResource(_ context.Context, in *tagResourceInput) (struct{}, error) {
	var c checks
	c.required(in.ResourceARN, "resourceARN", shapeARN)
	c.present(in.Tags != nil, "tags")
	checkTags(&c, in.Tags)
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.taggedLocked(*in.ResourceARN)
	if err != nil {
		return struct{}{}, err
	}
	tags.set(in.Tags)
	return struct{}{}, nil
}

type untagResourceInput struct {
	ResourceARN *string  `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

func (s *Service) untagResource(_ context.Context, in *untagResourceInput) (struct{}, error) {
	var c checks
	c.required(in.ResourceARN, "resourceARN", shapeARN)
	c.present(in.TagKeys != nil, "tagKeys")
	for i, k := range in.TagKeys {
		c.str(&k, member("tagKeys", i), shapeTagKey)
	}
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.taggedLocked(*in.ResourceARN)
	if err != nil {
		return struct{}{}, err
	}
	tags.remove(in.TagKeys)
	return struct{}{}, nil
}

type listTagsForResourceInput struct {
	ResourceARN *string `json:"ResourceARN"`
}

type listTagsForResourceOutput struct {
	Tags []Tag `json:"Tags"`
}

func (s *Service) listTagsForResource(_ context.Context, in *listTagsForResourceInput) (listTagsForResourceOutput, error) {
	var c checks
	c.required(in.ResourceARN, "resourceARN", shapeARN)
	if err := c.err(); err != nil {
		return listTagsForResourceOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.taggedLocked(*in.ResourceARN)
	if err != nil {
		return listTagsForResourceOutput{}, err
	}
	return listTagsForResourceOutput{Tags: tags.out()}, nil
}

// errResourceNotTaggable answers a tag request for an ARN that names
// neither a bus nor a rule of the account.
func errResourceNotTaggable(resourceARN string) error {
	return eventbus.ErrResourceNotFound.Errorf("Resource %s does not exist.", resourceARN)
}
