package sqsapi

import (
	"maps"
	"unicode/utf8"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// TagQueue, UntagQueue and ListQueueTags.

// Tag limits of SQS.
const (
	maxTags           = 50
	maxTagKeyLength   = 128
	maxTagValueLength = 256
)

// checkTags checks that adding tags add to a queue's tags cur keeps
// within SQS's limits.
func checkTags(queueName string, cur, add map[string]string) error {
	total := len(cur)
	for k, v := range add {
		if n := utf8.RuneCountInString(k); n < 1 || n > maxTagKeyLength {
			return queue.ErrInvalidParameterValue.WithMessage("Tag keys must be between 1 and 128 characters in length.")
		}
		if utf8.RuneCountInString(v) > maxTagValueLength {
			return queue.ErrInvalidParameterValue.WithMessage("Tag values must be between 0 and 256 characters in length.")
		}
		if _, ok := cur[k]; !ok {
			total++
		}
	}
	if total > maxTags {
		return queue.ErrInvalidParameterValue.Errorf("Too many tags added for queue %s.", queueName)
	}
	return nil
}

type tagQueueInput struct {
	QueueURL string            `json:"QueueUrl"`
	Tags     map[string]string `json:"Tags"`
}

func (in *tagQueueInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.Tags = f.Get("QueueUrl"), queryTags(f, "Tag")
	return nil
}

func (in *tagQueueInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, missing("Tags")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := checkTags(e.q.Name(), e.tags, in.Tags); err != nil {
		return nil, err
	}
	maps.Copy(e.tags, in.Tags)
	return nil, nil
}

type untagQueueInput struct {
	QueueURL string   `json:"QueueUrl"`
	TagKeys  []string `json:"TagKeys"`
}

func (in *untagQueueInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.TagKeys = f.Get("QueueUrl"), f.Strings("TagKey")
	return nil
}

func (in *untagQueueInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 {
		return nil, queue.ErrInvalidParameterValue.WithMessage("Tag keys must be between 1 and 128 characters in length.")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, k := range in.TagKeys {
		delete(e.tags, k)
	}
	return nil, nil
}

type listQueueTagsInput struct {
	QueueURL string `json:"QueueUrl"`
}

func (in *listQueueTagsInput) fromQuery(f wire.Form) error {
	in.QueueURL = f.Get("QueueUrl")
	return nil
}

type listQueueTagsOutput struct {
	Tags tagMap `json:"Tags,omitempty" xml:"Tag,omitempty"`
}

func (in *listQueueTagsInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.tags) == 0 {
		return &listQueueTagsOutput{}, nil
	}
	return &listQueueTagsOutput{Tags: maps.Clone(e.tags)}, nil
}
