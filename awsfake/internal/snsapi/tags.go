package snsapi

import (
	"slices"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// taggedLocked returns the topic a tag operation names: a resource that
// does not exist is ResourceNotFound, not NotFound. The caller holds s.mu.
func (s *Service) taggedLocked(arn string) (*topicState, error) {
	t, err := s.topicLocked("ResourceArn", arn)
	if isNotFound(err) {
		return nil, errResourceNotFound.Clone()
	}
	return t, err
}

// tagResource is TagResource: tags are added or replaced, at most 50 on a
// topic.
func (s *Service) tagResource(f wire.Form) error {
	p := params{f: f}
	arn := p.require("ResourceArn", "resourceArn")
	p.requireList("Tags", "tags")
	tags, err := decodeTags(&p, "Tags", "tags")
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.taggedLocked(arn)
	if err != nil {
		return err
	}
	n := len(t.tags)
	for _, tg := range tags {
		if _, ok := t.tags[tg.key]; !ok {
			n++
		}
	}
	if n > maxTags {
		return errTagLimitExceeded.Clone()
	}
	for _, tg := range tags {
		t.tags[tg.key] = tg.value
	}
	return nil
}

// untagResource is UntagResource: keys the topic does not have are
// ignored.
func (s *Service) untagResource(f wire.Form) error {
	p := params{f: f}
	arn := p.require("ResourceArn", "resourceArn")
	p.requireList("TagKeys", "tagKeys")
	if err := p.err(); err != nil {
		return err
	}
	keys := f.Strings("TagKeys.member")
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.taggedLocked(arn)
	if err != nil {
		return err
	}
	for _, k := range keys {
		delete(t.tags, k)
	}
	return nil
}

// listTagsForResource is ListTagsForResource, in key order.
func (s *Service) listTagsForResource(f wire.Form) (any, error) {
	p := params{f: f}
	arn := p.require("ResourceArn", "resourceArn")
	if err := p.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.taggedLocked(arn)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(t.tags))
	for k := range t.tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	res := listTagsResult{Tags: tagList{Members: make([]tagMember, len(keys))}}
	for i, k := range keys {
		res.Tags.Members[i] = tagMember{Key: k, Value: t.tags[k]}
	}
	return res, nil
}
