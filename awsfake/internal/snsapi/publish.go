package snsapi

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/topic"
)

// publish is Publish, to a topic named by TopicArn or TargetArn. Publishing
// to a phone number is refused: Switchyard sends no SMS.
func (s *Service) publish(f wire.Form) (any, error) {
	p := params{f: f}
	p.require("Message", "message")
	if err := p.err(); err != nil {
		return nil, err
	}
	if phone := f.Get("PhoneNumber"); phone != "" {
		if !isPhoneNumber(phone) {
			return nil, invalid("PhoneNumber Reason: " + phone + " is not valid to publish to")
		}
		return nil, invalid("PhoneNumber Reason: Switchyard does not send SMS messages; publish to a topic, whose subscriptions it delivers to, instead")
	}
	param, arn, ok := "TopicArn", "", false
	if arn, ok = f.Lookup("TopicArn"); !ok {
		if arn, ok = f.Lookup("TargetArn"); !ok {
			return nil, invalid("TopicArn or TargetArn Reason: no value for required parameter")
		}
		param = "TargetArn"
		if strings.Contains(arn, ":endpoint/") {
			return nil, invalid("TargetArn Reason: No endpoint found for the target arn specified")
		}
	}
	in, err := decodePublishInput(f)
	if err != nil {
		return nil, err
	}
	t, cbd, err := s.publishTarget(param, arn)
	if err != nil {
		return nil, err
	}
	if err := settleDeduplication(t, cbd, &in); err != nil {
		return nil, err
	}
	res, err := t.engine.Publish(in)
	if err != nil {
		return nil, err
	}
	return publishResult{MessageId: res.MessageID, SequenceNumber: sequenceText(t, res.SequenceNumber)}, nil
}

// publishBatch is PublishBatch. As on AWS, an entry SNS refuses fails the
// whole batch; Failed lists entries the service could not publish, which
// never happens here.
func (s *Service) publishBatch(f wire.Form) (any, error) {
	p := params{f: f}
	arn := p.require("TopicArn", "topicArn")
	p.requireList("PublishBatchRequestEntries", "publishBatchRequestEntries")
	forms := f.Entries("PublishBatchRequestEntries.member")
	for i, e := range forms {
		at := "publishBatchRequestEntries." + strconv.Itoa(i+1) + ".member."
		p.requireIn(e, "Id", at+"id")
		p.requireIn(e, "Message", at+"message")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	switch {
	case len(forms) == 0:
		return nil, topic.ErrEmptyBatchRequest.Clone()
	case len(forms) > topic.MaxBatchEntries:
		return nil, topic.ErrTooManyEntriesInBatchRequest.Clone()
	}
	t, cbd, err := s.publishTarget("TopicArn", arn)
	if err != nil {
		return nil, err
	}
	entries := make([]topic.PublishBatchEntry[string], len(forms))
	for i, e := range forms {
		in, err := decodePublishInput(e)
		if err != nil {
			return nil, err
		}
		if err := settleDeduplication(t, cbd, &in); err != nil {
			return nil, err
		}
		entries[i] = topic.PublishBatchEntry[string]{ID: e.Get("Id"), PublishInput: in}
	}
	results, err := t.engine.PublishBatch(entries)
	if err != nil {
		return nil, err
	}
	res := publishBatchResult{Successful: batchSuccessList{Members: make([]batchSuccess, len(results))}}
	for i, r := range results {
		res.Successful.Members[i] = batchSuccess{Id: r.ID, MessageId: r.MessageID, SequenceNumber: sequenceText(t, r.SequenceNumber)}
	}
	return res, nil
}

// publishTarget returns the topic a publish names and its
// ContentBasedDeduplication setting now.
func (s *Service) publishTarget(param, arn string) (*topicState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked(param, arn)
	if err != nil {
		return nil, false, err
	}
	return t, t.cbd, nil
}

// decodePublishInput reads one message's parameters: the top level of a
// Publish, or one entry of a PublishBatch.
func decodePublishInput(f wire.Form) (topic.PublishInput[string], error) {
	in := topic.PublishInput[string]{
		Message:          f.Get("Message"),
		MessageStructure: f.Get("MessageStructure"),
		GroupID:          f.Get("MessageGroupId"),
		DeduplicationID:  f.Get("MessageDeduplicationId"),
	}
	subject, hasSubject := f.Lookup("Subject")
	if hasSubject && subject == "" {
		return in, invalid("Subject")
	}
	in.Subject = subject
	attrs, err := decodeAttributes(f, "MessageAttributes")
	if err != nil {
		return in, err
	}
	in.Attributes = attrs
	return in, nil
}

// settleDeduplication applies a ContentBasedDeduplication changed since the
// FIFO topic was made, which the engine does not know of: turned on, a
// message without a deduplication id gets the SHA-256 of its body, as SNS
// gives it; turned off, such a message is refused as SNS refuses it.
func settleDeduplication(t *topicState, cbd bool, in *topic.PublishInput[string]) error {
	if !t.fifo || in.DeduplicationID != "" || in.GroupID == "" || cbd == t.engine.Config().ContentBasedDeduplication {
		return nil
	}
	if !cbd {
		return invalid("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
	}
	sum := sha256.Sum256([]byte(in.Message))
	in.DeduplicationID = hex.EncodeToString(sum[:])
	return nil
}

// sequenceText writes a FIFO topic's sequence number; a standard topic's
// messages have none.
func sequenceText(t *topicState, n topic.SequenceNumber) string {
	if !t.fifo {
		return ""
	}
	return n.String()
}
