package snsapi

import (
	"cmp"
	"maps"
	"slices"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/topic"
)

// createTopic is CreateTopic. It is idempotent: a topic that exists is
// returned as it is, unless the request gives it attributes or tags it
// does not have.
func (s *Service) createTopic(f wire.Form) (any, error) {
	p := params{f: f}
	name := p.require("Name", "name")
	if err := p.err(); err != nil {
		return nil, err
	}
	tags, err := decodeTags(&p, "Tags", "tags")
	if err != nil {
		return nil, err
	}
	given := f.Map("Attributes.entry", "key", "value")
	dataProtection, hasDataProtection := f.Lookup("DataProtectionPolicy")
	if hasDataProtection {
		given = maps.Clone(given)
		if given == nil {
			given = make(map[string]string, 1)
		}
		given["DataProtectionPolicy"] = dataProtection
	}
	fifo, _ := parseBool(given["FifoTopic"])
	attrs := make(map[string]string, len(given))
	for k, v := range given {
		if attrs[k], err = checkTopicAttribute(k, v, fifo, true, "Attributes Reason: "); err != nil {
			return nil, err
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	arn := s.topicARN(name)
	if t, ok := s.topics[arn]; ok {
		for k, v := range attrs {
			if t.attributeLocked(k) != v {
				return nil, invalid("Attributes Reason: Topic already exists with different attributes")
			}
		}
		for _, tg := range tags {
			if v, ok := t.tags[tg.key]; !ok || v != tg.value {
				return nil, invalid("Tags Reason: Topic already exists with different tags")
			}
		}
		return createTopicResult{TopicArn: arn}, nil
	}
	if len(tags) > maxTags {
		return nil, errTagLimitExceeded.Clone()
	}
	cfg := topic.Config{
		Name:                      name,
		FIFO:                      fifo,
		ContentBasedDeduplication: attrs["ContentBasedDeduplication"] == "true",
		ThroughputScope:           topic.ThroughputScope(attrs["FifoThroughputScope"]),
	}
	engine, err := topic.New[string](cfg, topic.WithClock(s.clock), topic.WithAccount(s.cfg.Region, s.cfg.Account))
	if err != nil {
		return nil, err
	}
	t := &topicState{
		seq:            s.nextSeqLocked(),
		arn:            arn,
		name:           name,
		fifo:           fifo,
		engine:         engine,
		attrs:          make(map[string]string),
		cbd:            cfg.ContentBasedDeduplication,
		dataProtection: attrs["DataProtectionPolicy"],
		tags:           make(map[string]string, len(tags)),
	}
	for k, v := range attrs {
		switch k {
		case "FifoTopic", "ContentBasedDeduplication", "DataProtectionPolicy":
		default:
			if v != "" {
				t.attrs[k] = v
			}
		}
	}
	for _, tg := range tags {
		t.tags[tg.key] = tg.value
	}
	s.topics[arn] = t
	return createTopicResult{TopicArn: arn}, nil
}

// deleteTopic is DeleteTopic: the topic and its subscriptions go at once,
// and the engine closes in the background (deliveries under way finish).
// Deleting a topic that does not exist succeeds, as on AWS.
func (s *Service) deleteTopic(f wire.Form) error {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	if err := p.err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", arn)
	if err != nil {
		if isNotFound(err) {
			return nil
		}
		return err
	}
	for _, sub := range t.subs {
		s.forgetLocked(sub)
	}
	delete(s.topics, arn)
	s.retireLocked(t.engine)
	return nil
}

// listTopics is ListTopics: 100 topics a page, oldest first.
func (s *Service) listTopics(f wire.Form) (any, error) {
	after, err := parsePageToken(f.Get("NextToken"))
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	topics := make([]*topicState, 0, len(s.topics))
	for _, t := range s.topics {
		if t.seq > after {
			topics = append(topics, t)
		}
	}
	slices.SortFunc(topics, func(a, b *topicState) int { return cmp.Compare(a.seq, b.seq) })
	var res listTopicsResult
	if len(topics) > pageSize {
		topics = topics[:pageSize]
		res.NextToken = pageToken(topics[pageSize-1].seq)
	}
	res.Topics.Members = make([]topicMember, len(topics))
	for i, t := range topics {
		res.Topics.Members[i] = topicMember{TopicArn: t.arn}
	}
	return res, nil
}
