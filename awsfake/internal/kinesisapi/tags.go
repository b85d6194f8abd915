package kinesisapi

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// AddTagsToStream, RemoveTagsFromStream and ListTagsForStream, which name
// a stream, and TagResource, UntagResource and ListTagsForResource, which
// name a stream or a consumer by ARN. The engine keeps no tags: each
// stream's entry does.

// Tag limits.
const (
	// maxTags is the most tags a stream or consumer may have, and the
	// most one call adds or removes.
	maxTags          = 50
	maxTagKeyLength  = 128
	maxTagValueLen   = 256
	defaultListTags  = 50
	maxListTagsLimit = 50
)

// The model's constraints on a tag map's keys and values, as AWS words
// them for a map member.
var (
	tagKeyConstraint   = "Map keys must satisfy constraint: [" + awserr.LengthAtMost(maxTagKeyLength) + ", " + awserr.LengthAtLeast(1) + "]"
	tagValueConstraint = "Map value must satisfy constraint: [" + awserr.LengthAtMost(maxTagValueLen) + ", " + awserr.LengthAtLeast(0) + "]"
)

// checkTagMap records the ways tags breaks the model: more than
// maxEntries entries, or a key or value of the wrong length (counted in
// characters).
func checkTagMap(vs *awserr.Violations, at string, tags map[string]string, maxEntries int) {
	if len(tags) > maxEntries {
		vs.Add("", at, awserr.LengthAtMost(maxEntries))
	}
	badKey, badValue := false, false
	for k, v := range tags {
		n := utf8.RuneCountInString(k)
		badKey = badKey || n < 1 || n > maxTagKeyLength
		badValue = badValue || utf8.RuneCountInString(v) > maxTagValueLen
	}
	if badKey {
		vs.Add("", at, tagKeyConstraint)
	}
	if badValue {
		vs.Add("", at, tagValueConstraint)
	}
}

// checkTagKeys records the ways a list of tag keys breaks the model.
func checkTagKeys(vs *awserr.Violations, at string, keys []string, maxEntries int) {
	switch {
	case keys == nil:
		notNull(vs, at)
	case len(keys) < 1:
		vs.Add("", at, awserr.LengthAtLeast(1))
	case len(keys) > maxEntries:
		vs.Add("", at, awserr.LengthAtMost(maxEntries))
	}
	for i, k := range keys {
		if n := utf8.RuneCountInString(k); n < 1 || n > maxTagKeyLength {
			c := awserr.LengthAtLeast(1)
			if n > 0 {
				c = awserr.LengthAtMost(maxTagKeyLength)
			}
			vs.AddString(k, at+".member."+strconv.Itoa(i+1), c)
		}
	}
}

// errTagCharacters refuses a tag with a character tags may not hold.
var errTagCharacters = stream.ErrInvalidArgument.WithMessage("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . : / = + - @.")

// validTagText reports whether s holds only what a tag key or value may:
// Unicode letters, digits, white space and _ . : / = + - @.
func validTagText(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// tagSet is the tags of one resource: the stream's, or a consumer's,
// in an entry guarded by the entry's lock.
type tagSet struct {
	e    *entry
	what string // "stream X" or "consumer Y", for messages
	// consumerARN names the consumer whose tags these are; empty for the
	// stream's.
	consumerARN string
}

// mapLocked returns the resource's tags, making the map if there is none.
func (t tagSet) mapLocked() map[string]string {
	if t.consumerARN == "" {
		if t.e.tags == nil {
			t.e.tags = make(map[string]string)
		}
		return t.e.tags
	}
	if t.e.consumerTags == nil {
		t.e.consumerTags = make(map[string]map[string]string)
	}
	m := t.e.consumerTags[t.consumerARN]
	if m == nil {
		m = make(map[string]string)
		t.e.consumerTags[t.consumerARN] = m
	}
	return m
}

// add sets tags, refusing (and changing nothing) if one holds a character
// tags may not or the resource would have more than 50.
func (t tagSet) add(tags map[string]string, account string) error {
	for k, v := range tags {
		if !validTagText(k) || !validTagText(v) {
			return errTagCharacters.Clone()
		}
	}
	t.e.mu.Lock()
	defer t.e.mu.Unlock()
	m := t.mapLocked()
	n := len(m)
	for k := range tags {
		if _, ok := m[k]; !ok {
			n++
		}
	}
	if n > maxTags {
		return stream.ErrInvalidArgument.Errorf("Failed to add tags to %s under account %s because a given resource cannot have more than %d tags associated with it.", t.what, account, maxTags)
	}
	for k, v := range tags {
		m[k] = v
	}
	return nil
}

// remove deletes the tags with the given keys; keys it does not have are
// ignored, as on AWS.
func (t tagSet) remove(keys []string) {
	t.e.mu.Lock()
	defer t.e.mu.Unlock()
	m := t.mapLocked()
	for _, k := range keys {
		delete(m, k)
	}
}

// list returns the tags sorted by key.
func (t tagSet) list() []tagJSON {
	t.e.mu.Lock()
	defer t.e.mu.Unlock()
	m := t.mapLocked()
	out := make([]tagJSON, 0, len(m))
	for k, v := range m {
		out = append(out, tagJSON{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func streamTags(e *entry) tagSet { return tagSet{e: e, what: "stream " + e.s.Name()} }

type addTagsToStreamInput struct {
	streamRef
	Tags map[string]string `json:"Tags"`
}

func (s *Service) addTagsToStream(_ context.Context, in *addTagsToStreamInput) (empty, error) {
	var vs awserr.Violations
	in.check(&vs)
	switch {
	case in.Tags == nil:
		notNull(&vs, "tags")
	case len(in.Tags) == 0:
		vs.Add("", "tags", awserr.LengthAtLeast(1))
	}
	checkTagMap(&vs, "tags", in.Tags, maxTags)
	if err := validation(vs); err != nil {
		return empty{}, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return empty{}, err
	}
	return empty{}, streamTags(e).add(in.Tags, s.account)
}

type removeTagsFromStreamInput struct {
	streamRef
	TagKeys []string `json:"TagKeys"`
}

func (s *Service) removeTagsFromStream(_ context.Context, in *removeTagsFromStreamInput) (empty, error) {
	var vs awserr.Violations
	in.check(&vs)
	checkTagKeys(&vs, "tagKeys", in.TagKeys, maxTags)
	if err := validation(vs); err != nil {
		return empty{}, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return empty{}, err
	}
	streamTags(e).remove(in.TagKeys)
	return empty{}, nil
}

type listTagsForStreamInput struct {
	streamRef
	ExclusiveStartTagKey string `json:"ExclusiveStartTagKey"`
	Limit                *int   `json:"Limit"`
}

type listTagsForStreamOutput struct {
	Tags        []tagJSON `json:"Tags"`
	HasMoreTags bool      `json:"HasMoreTags"`
}

func (s *Service) listTagsForStream(_ context.Context, in *listTagsForStreamInput) (*listTagsForStreamOutput, error) {
	var vs awserr.Violations
	in.check(&vs)
	limit := defaultListTags
	if in.Limit != nil {
		limit = *in.Limit
		checkRange(&vs, "limit", limit, 1, maxListTagsLimit)
	}
	if n := utf8.RuneCountInString(in.ExclusiveStartTagKey); n > maxTagKeyLength {
		vs.AddString(in.ExclusiveStartTagKey, "exclusiveStartTagKey", awserr.LengthAtMost(maxTagKeyLength))
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	e, err := s.streamOf(in.streamRef)
	if err != nil {
		return nil, err
	}
	all := streamTags(e).list()
	if in.ExclusiveStartTagKey != "" {
		start := sort.Search(len(all), func(i int) bool { return all[i].Key > in.ExclusiveStartTagKey })
		all = all[start:]
	}
	out := &listTagsForStreamOutput{Tags: all}
	if len(all) > limit {
		out.Tags, out.HasMoreTags = all[:limit], true
	}
	return out, nil
}

// resourceTags returns the tags of the stream or consumer an ARN names.
func (s *Service) resourceTags(arn *string) (tagSet, error) {
	var vs awserr.Violations
	if arn == nil {
		notNull(&vs, "resourceARN")
		return tagSet{}, validation(vs)
	}
	if consumerARNRegexp.MatchString(*arn) {
		e, err := s.streamByConsumerARN("resourceARN", *arn)
		if err != nil {
			return tagSet{}, err
		}
		c, err := e.s.DescribeStreamConsumer(stream.ConsumerInput{ConsumerARN: *arn})
		if err != nil {
			return tagSet{}, err
		}
		return tagSet{e: e, what: "consumer " + c.ConsumerName, consumerARN: c.ConsumerARN}, nil
	}
	checkARN(&vs, "resourceARN", *arn, streamARNPattern, streamARNRegexp)
	if err := validation(vs); err != nil {
		return tagSet{}, err
	}
	name, ok := s.streamNameOfARN(*arn)
	if !ok {
		return tagSet{}, s.streamNotFoundARN(*arn)
	}
	e, err := s.streamNamed(name)
	if err != nil {
		return tagSet{}, err
	}
	return streamTags(e), nil
}

type tagResourceInput struct {
	ResourceARN *string           `json:"ResourceARN"`
	Tags        map[string]string `json:"Tags"`
}

func (s *Service) tagResource(_ context.Context, in *tagResourceInput) (empty, error) {
	var vs awserr.Violations
	switch {
	case in.Tags == nil:
		notNull(&vs, "tags")
	case len(in.Tags) == 0:
		vs.Add("", "tags", awserr.LengthAtLeast(1))
	}
	checkTagMap(&vs, "tags", in.Tags, maxTags)
	if err := validation(vs); err != nil {
		return empty{}, err
	}
	t, err := s.resourceTags(in.ResourceARN)
	if err != nil {
		return empty{}, err
	}
	return empty{}, t.add(in.Tags, s.account)
}

type untagResourceInput struct {
	ResourceARN *string  `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

func (s *Service) untagResource(_ context.Context, in *untagResourceInput) (empty, error) {
	var vs awserr.Violations
	checkTagKeys(&vs, "tagKeys", in.TagKeys, maxTags)
	if err := validation(vs); err != nil {
		return empty{}, err
	}
	t, err := s.resourceTags(in.ResourceARN)
	if err != nil {
		return empty{}, err
	}
	t.remove(in.TagKeys)
	return empty{}, nil
}

type listTagsForResourceInput struct {
	ResourceARN *string `json:"ResourceARN"`
}

type listTagsForResourceOutput struct {
	Tags []tagJSON `json:"Tags"`
}

func (s *Service) listTagsForResource(_ context.Context, in *listTagsForResourceInput) (*listTagsForResourceOutput, error) {
	t, err := s.resourceTags(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	return &listTagsForResourceOutput{Tags: t.list()}, nil
}
