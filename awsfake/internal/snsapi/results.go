package snsapi

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// The <ActionResult> documents, with the element names the SDKs'
// deserializers read. Lists are wrapped (<Topics><member>…), maps are
// <entry><key>…</key><value>…</value></entry>; an empty list is still
// written, as SNS writes it.

// emptyResult is the result of an action whose output has no members.
type emptyResult struct{}

type createTopicResult struct {
	TopicArn string
}

// attributeMap is an Attributes map.
type attributeMap struct {
	Entries []wire.Entry `xml:"entry"`
}

// newAttributeMap writes m in key order.
func newAttributeMap(m map[string]string) attributeMap {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := attributeMap{Entries: make([]wire.Entry, len(keys))}
	for i, k := range keys {
		out.Entries[i] = wire.Entry{Key: k, Value: m[k]}
	}
	return out
}

type attributesResult struct {
	Attributes attributeMap
}

type listTopicsResult struct {
	Topics    topicList
	NextToken string `xml:",omitempty"`
}

type topicList struct {
	Members []topicMember `xml:"member"`
}

type topicMember struct {
	TopicArn string
}

type subscribeResult struct {
	SubscriptionArn string
}

type listSubscriptionsResult struct {
	Subscriptions subscriptionList
	NextToken     string `xml:",omitempty"`
}

type subscriptionList struct {
	Members []subscriptionMember `xml:"member"`
}

type subscriptionMember struct {
	SubscriptionArn string
	Owner           string
	Protocol        string
	Endpoint        string
	TopicArn        string
}

type publishResult struct {
	MessageId      string
	SequenceNumber string `xml:",omitempty" json:",omitempty"`
}

type publishBatchResult struct {
	Successful batchSuccessList
	Failed     batchFailureList
}

type batchSuccessList struct {
	Members []batchSuccess `xml:"member"`
}

type batchSuccess struct {
	Id             string
	MessageId      string
	SequenceNumber string `xml:",omitempty"`
}

type batchFailureList struct {
	Members []batchFailure `xml:"member"`
}

type batchFailure struct {
	Id          string
	Code        string
	Message     string
	SenderFault bool
}

type listTagsResult struct {
	Tags tagList
}

type tagList struct {
	Members []tagMember `xml:"member"`
}

type tagMember struct {
	Key   string
	Value string
}

type dataProtectionPolicyResult struct {
	DataProtectionPolicy string `xml:",omitempty"`
}

// pageSize is how many items one page of a list holds.
const pageSize = 100

// pageToken is the NextToken that resumes a list after the item with
// sequence seq. Sequences only grow, so a token stays good while items
// come and go.
func pageToken(seq uint64) string {
	return base64.StdEncoding.EncodeToString([]byte("switchyard:" + strconv.FormatUint(seq, 10)))
}

// parsePageToken reads a NextToken: "" starts at the beginning.
func parsePageToken(tok string) (uint64, error) {
	if tok == "" {
		return 0, nil
	}
	b, err := base64.StdEncoding.DecodeString(tok)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), "switchyard:"); ok {
			if n, err := strconv.ParseUint(rest, 10, 64); err == nil {
				return n, nil
			}
		}
	}
	return 0, invalid("NextToken")
}
