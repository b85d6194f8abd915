package sqsapi

import (
	"encoding/base64"
	"sort"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, PurgeQueue and
// ListDeadLetterSourceQueues.

type createQueueInput struct {
	QueueName  string            `json:"QueueName"`
	Attributes map[string]string `json:"Attributes"`
	Tags       map[string]string `json:"tags"` // lower case in the model
}

func (in *createQueueInput) fromQuery(f wire.Form) error {
	in.QueueName = f.Get("QueueName")
	in.Attributes = queryQueueAttributes(f, "Attribute")
	in.Tags = queryTags(f, "Tag")
	return nil
}

// queueURLOutput is the reply of CreateQueue and GetQueueUrl.
type queueURLOutput struct {
	QueueURL string `json:"QueueUrl" xml:"QueueUrl"`
}

func (in *createQueueInput) run(c *call) (any, error) {
	if in.QueueName == "" {
		return nil, missing("QueueName")
	}
	s := c.s
	s.mu.Lock()
	if e := s.queues[in.QueueName]; e != nil {
		s.mu.Unlock()
		if err := s.sameAttributes(e, in.Attributes); err != nil {
			return nil, err
		}
		return &queueURLOutput{QueueURL: c.queueURL(in.QueueName)}, nil
	}
	defer s.mu.Unlock()
	if s.deletedRecentlyLocked(in.QueueName) {
		return nil, errQueueDeletedRecently.Clone()
	}
	fifo := false
	if v, ok := in.Attributes["FifoQueue"]; ok {
		var err error
		if fifo, err = boolAttribute("FifoQueue", v); err != nil {
			return nil, err
		}
	}
	defaults := settings{fifo: fifo, cfg: queue.Config[string]{Name: in.QueueName, FIFO: fifo}, extras: extras{sse: true}}
	st, err := s.apply(defaults, in.Attributes, true, s.entryByARNLocked)
	if err != nil {
		return nil, err
	}
	if err := checkTags(in.QueueName, nil, in.Tags); err != nil {
		return nil, err
	}
	q, err := queue.New(st.cfg, queue.WithClock(s.clock), queue.WithAccount(s.region, s.account))
	if err != nil {
		return nil, err
	}
	e := &entry{q: q, tags: make(map[string]string, len(in.Tags)), extras: st.extras, policy: st.policy}
	for k, v := range in.Tags {
		e.tags[k] = v
	}
	s.queues[in.QueueName] = e
	return &queueURLOutput{QueueURL: c.queueURL(in.QueueName)}, nil
}

// sameAttributes checks a CreateQueue of an existing queue: each attribute
// the request gives must have the queue's current value, or the request
// fails with QueueAlreadyExists naming the first that differs.
func (s *Service) sameAttributes(e *entry, attrs map[string]string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	cur := e.settingsLocked()
	if v, ok := attrs["FifoQueue"]; ok {
		if fifo, err := boolAttribute("FifoQueue", v); err == nil && fifo != cur.fifo {
			return errQueueNameExists.WithMessage("A queue already exists with the same name and a different value for attribute FifoQueue")
		}
	}
	next, err := s.apply(cur, attrs, true, s.entryByARN)
	if err != nil {
		return err
	}
	have, want := s.attributes(e, cur), s.attributes(e, next)
	for _, name := range sortedKeys(attrs) {
		if have[name] != want[name] {
			return errQueueNameExists.Errorf("A queue already exists with the same name and a different value for attribute %s", name)
		}
	}
	return nil
}

type deleteQueueInput struct {
	QueueURL string `json:"QueueUrl"`
}

func (in *deleteQueueInput) fromQuery(f wire.Form) error {
	in.QueueURL = f.Get("QueueUrl")
	return nil
}

func (in *deleteQueueInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	s := c.s
	s.mu.Lock()
	name := e.q.Name()
	if s.queues[name] != e {
		s.mu.Unlock()
		return nil, noQueue() // deleted meanwhile
	}
	delete(s.queues, name)
	s.deleted[name] = s.clock.Now()
	s.mu.Unlock()
	e.q.Close()
	return nil, nil
}

type getQueueURLInput struct {
	QueueName              string `json:"QueueName"`
	QueueOwnerAWSAccountID string `json:"QueueOwnerAWSAccountId"`
}

func (in *getQueueURLInput) fromQuery(f wire.Form) error {
	in.QueueName, in.QueueOwnerAWSAccountID = f.Get("QueueName"), f.Get("QueueOwnerAWSAccountId")
	return nil
}

func (in *getQueueURLInput) run(c *call) (any, error) {
	if in.QueueName == "" {
		return nil, missing("QueueName")
	}
	if in.QueueOwnerAWSAccountID != "" && in.QueueOwnerAWSAccountID != c.s.account {
		return nil, noQueue()
	}
	if c.s.entry(in.QueueName) == nil {
		return nil, noQueue()
	}
	return &queueURLOutput{QueueURL: c.queueURL(in.QueueName)}, nil
}

// page is a pagination request: MaxResults (1–1000) and NextToken, which
// is only answered with when MaxResults is given.
type page struct {
	MaxResults *int32 `json:"MaxResults"`
	NextToken  string `json:"NextToken"`
}

func (p *page) fromQuery(f wire.Form) error {
	var err error
	p.NextToken = f.Get("NextToken")
	p.MaxResults, err = queryInt32(f, "MaxResults")
	return err
}

// maxListResults is the most queue URLs one list returns.
const maxListResults = 1000

// cut returns the page of names (sorted) the request asks for, and the
// token of the next page, "" when there is none. A token is the last name
// of the page before, so a queue created or deleted between pages neither
// shifts nor repeats the others.
func (p *page) cut(names []string) ([]string, string, error) {
	limit := maxListResults
	if p.MaxResults != nil {
		if n := *p.MaxResults; n < 1 || n > maxListResults {
			return nil, "", queue.ErrInvalidParameterValue.Errorf("Value %d for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.", n)
		}
		limit = int(*p.MaxResults)
	}
	if p.NextToken != "" {
		after, err := base64.RawURLEncoding.DecodeString(p.NextToken)
		if err != nil || len(after) == 0 {
			return nil, "", queue.ErrInvalidParameterValue.WithMessage("Invalid NextToken value.")
		}
		names = names[sort.SearchStrings(names, string(after)+"\x00"):]
	}
	if len(names) <= limit {
		return names, "", nil
	}
	names = names[:limit]
	if p.MaxResults == nil {
		return names, "", nil
	}
	return names, base64.RawURLEncoding.EncodeToString([]byte(names[len(names)-1])), nil
}

type listQueuesInput struct {
	QueueNamePrefix string `json:"QueueNamePrefix"`
	page
}

func (in *listQueuesInput) fromQuery(f wire.Form) error {
	in.QueueNamePrefix = f.Get("QueueNamePrefix")
	return in.page.fromQuery(f)
}

type listQueuesOutput struct {
	QueueUrls []string `json:"QueueUrls,omitempty" xml:"QueueUrl"`
	NextToken string   `json:"NextToken,omitempty" xml:",omitempty"`
}

func (in *listQueuesInput) run(c *call) (any, error) {
	names, next, err := in.cut(c.s.names(in.QueueNamePrefix))
	if err != nil {
		return nil, err
	}
	out := &listQueuesOutput{NextToken: next}
	for _, name := range names {
		out.QueueUrls = append(out.QueueUrls, c.queueURL(name))
	}
	return out, nil
}

type purgeQueueInput struct {
	QueueURL string `json:"QueueUrl"`
}

func (in *purgeQueueInput) fromQuery(f wire.Form) error {
	in.QueueURL = f.Get("QueueUrl")
	return nil
}

func (in *purgeQueueInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	return nil, e.q.Purge()
}

type listDeadLetterSourceQueuesInput struct {
	QueueURL string `json:"QueueUrl"`
	page
}

func (in *listDeadLetterSourceQueuesInput) fromQuery(f wire.Form) error {
	in.QueueURL = f.Get("QueueUrl")
	return in.page.fromQuery(f)
}

type listDeadLetterSourceQueuesOutput struct {
	QueueUrls []string `json:"queueUrls" xml:"QueueUrl"` // lower case in the model
	NextToken string   `json:"NextToken,omitempty" xml:",omitempty"`
}

func (in *listDeadLetterSourceQueuesInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, src := range e.q.DeadLetterSourceQueues() {
		if name, ok := c.s.nameOf(src); ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	names, next, err := in.cut(names)
	if err != nil {
		return nil, err
	}
	out := &listDeadLetterSourceQueuesOutput{QueueUrls: []string{}, NextToken: next}
	for _, name := range names {
		out.QueueUrls = append(out.QueueUrls, c.queueURL(name))
	}
	return out, nil
}
