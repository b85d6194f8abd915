package sqsapi

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// Queue attributes: parsing them (CreateQueue, SetQueueAttributes), writing
// them (GetQueueAttributes), GetQueueAttributes and SetQueueAttributes.

// extras are the queue attributes the engine does not keep: the
// encryption settings, stored and returned, never acted on.
type extras struct {
	kmsKey   string // KmsMasterKeyId; "" when none
	kmsReuse int    // KmsDataKeyReusePeriodSeconds; 0 when never set
	sse      bool   // SqsManagedSseEnabled
}

// settings are every attribute a queue can be given.
type settings struct {
	fifo   bool
	cfg    queue.Config[string]
	extras extras
	policy *policyDoc
}

// Attribute limits the engine does not check itself.
const (
	defaultKMSReuse = 300
	minKMSReuse     = 60
	maxKMSReuse     = 86_400
)

// readOnlyAttributes are the attributes GetQueueAttributes returns that no
// request may set.
var readOnlyAttributes = []string{
	"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessagesNotVisible",
	"CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
}

// fifoOnlyAttributes are the attributes only FIFO queues have.
var fifoOnlyAttributes = []string{"FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}

// apply returns cur with attrs set, as CreateQueue (creating) or
// SetQueueAttributes sets them, or the error AWS gives for the first
// attribute, in name order, that cannot be set. It changes nothing: the
// caller stores the result. lookup finds a dead-letter queue by ARN.
func (s *Service) apply(cur settings, attrs map[string]string, creating bool, lookup func(arn string) *entry) (settings, error) {
	next := cur
	next.cfg.RedrivePolicy, next.cfg.RedriveAllowPolicy = cloneRedrive(cur.cfg)
	_, kmsSet := attrs["KmsMasterKeyId"]
	_, sseSet := attrs["SqsManagedSseEnabled"]
	for _, name := range sortedKeys(attrs) {
		v := attrs[name]
		var err error
		switch name {
		case "VisibilityTimeout":
			var d time.Duration
			d, err = durationAttribute(name, v, 0, queue.MaxVisibilityTimeout)
			next.cfg.VisibilityTimeout = &d
		case "DelaySeconds":
			next.cfg.Delay, err = durationAttribute(name, v, 0, queue.MaxDelay)
		case "ReceiveMessageWaitTimeSeconds":
			next.cfg.ReceiveWaitTime, err = durationAttribute(name, v, 0, queue.MaxReceiveWaitTime)
		case "MessageRetentionPeriod":
			next.cfg.RetentionPeriod, err = durationAttribute(name, v, queue.MinRetentionPeriod, queue.MaxRetentionPeriod)
		case "MaximumMessageSize":
			next.cfg.MaxMessageSize, err = intAttribute(name, v, queue.MinMessageSize, queue.MaxMessageSize)
		case "RedrivePolicy":
			next.cfg.RedrivePolicy, err = parseRedrivePolicy(v, lookup)
		case "RedriveAllowPolicy":
			next.cfg.RedriveAllowPolicy, err = parseRedriveAllowPolicy(v)
		case "Policy":
			next.policy, err = parsePolicy(v)
		case "KmsMasterKeyId":
			next.extras.kmsKey = v
			if v != "" && !sseSet {
				next.extras.sse = false
			}
		case "KmsDataKeyReusePeriodSeconds":
			next.extras.kmsReuse, err = intAttribute(name, v, minKMSReuse, maxKMSReuse)
		case "SqsManagedSseEnabled":
			next.extras.sse, err = boolAttribute(name, v)
			if next.extras.sse && !kmsSet {
				next.extras.kmsKey = "" // one kind of encryption at a time
			}
		case "FifoQueue":
			var fifo bool
			fifo, err = boolAttribute(name, v)
			switch {
			case err != nil:
			case !fifo && !cur.fifo:
				err = unknownAttribute(name)
			case fifo != cur.fifo && !creating:
				err = queue.ErrInvalidAttributeValue.WithMessage("Modifying queue type is not supported.")
			}
		case "ContentBasedDeduplication":
			if !cur.fifo {
				err = unknownAttribute(name)
				break
			}
			next.cfg.ContentBasedDeduplication, err = boolAttribute(name, v)
		case "DeduplicationScope", "FifoThroughputLimit":
			if !cur.fifo {
				err = queue.ErrInvalidAttributeName.Errorf("You can specify the %s only when FifoQueue is set to true.", name)
				break
			}
			if name == "DeduplicationScope" {
				next.cfg.DeduplicationScope = queue.DeduplicationScope(v)
			} else {
				next.cfg.FifoThroughputLimit = queue.ThroughputLimit(v)
			}
		default:
			err = unknownAttribute(name)
		}
		if err != nil {
			return cur, err
		}
	}
	return next, nil
}

func cloneRedrive(cfg queue.Config[string]) (*queue.RedrivePolicy[string], *queue.RedriveAllowPolicy) {
	p, a := cfg.RedrivePolicy, cfg.RedriveAllowPolicy
	if p != nil {
		c := *p
		p = &c
	}
	if a != nil {
		c := *a
		c.SourceQueueARNs = slices.Clone(a.SourceQueueARNs)
		a = &c
	}
	return p, a
}

// intAttribute parses an integer attribute within [lo, hi].
func intAttribute(name, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || n > hi {
		return 0, invalidAttributeValue(name)
	}
	return n, nil
}

// durationAttribute parses a number of seconds within [lo, hi].
func durationAttribute(name, v string, lo, hi time.Duration) (time.Duration, error) {
	n, err := intAttribute(name, v, int(lo/time.Second), int(hi/time.Second))
	return time.Duration(n) * time.Second, err
}

// boolAttribute parses "true" or "false", in any case, as SQS does.
func boolAttribute(name, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, invalidAttributeValue(name)
}

// redrivePolicyJSON is a RedrivePolicy as sent: maxReceiveCount may be a
// number or a string.
type redrivePolicyJSON struct {
	DeadLetterTargetArn *string         `json:"deadLetterTargetArn"`
	MaxReceiveCount     json.RawMessage `json:"maxReceiveCount"`
}

func parseRedrivePolicy(v string, lookup func(arn string) *entry) (*queue.RedrivePolicy[string], error) {
	if v == "" {
		return nil, nil
	}
	invalid := func(reason string) error {
		return queue.ErrInvalidParameterValue.Errorf("Value %s for parameter RedrivePolicy is invalid. Reason: %s", v, reason)
	}
	var p redrivePolicyJSON
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return nil, invalid("Redrive policy is not a valid JSON map.")
	}
	if p.DeadLetterTargetArn == nil {
		return nil, invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
	}
	if p.MaxReceiveCount == nil {
		return nil, invalid("Redrive policy does not contain mandatory attribute: maxReceiveCount.")
	}
	raw := strings.Trim(string(p.MaxReceiveCount), `"`)
	count, err := strconv.Atoi(raw)
	if err != nil || count < 1 || count > queue.MaxReceiveCountLimit {
		return nil, invalid("Invalid value for maxReceiveCount: " + raw + ", valid values are from 1 to 1000 both inclusive.")
	}
	dlq := lookup(*p.DeadLetterTargetArn)
	if dlq == nil {
		return nil, invalid("Dead letter target does not exist.")
	}
	return &queue.RedrivePolicy[string]{DeadLetterQueue: dlq.q, MaxReceiveCount: count}, nil
}

type redriveAllowPolicyJSON struct {
	RedrivePermission string   `json:"redrivePermission"`
	SourceQueueArns   []string `json:"sourceQueueArns,omitempty"`
}

func parseRedriveAllowPolicy(v string) (*queue.RedriveAllowPolicy, error) {
	if v == "" {
		return nil, nil
	}
	var p redriveAllowPolicyJSON
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return nil, invalidAttributeValue("RedriveAllowPolicy")
	}
	return &queue.RedriveAllowPolicy{Permission: queue.RedrivePermission(p.RedrivePermission), SourceQueueARNs: p.SourceQueueArns}, nil
}

// attributes returns every attribute of the queue e holds with settings
// st, as GetQueueAttributes with "All" returns them.
func (s *Service) attributes(e *entry, st settings) map[string]string {
	cfg := st.cfg
	secs := func(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }
	counts := e.q.Counts()
	m := map[string]string{
		"ApproximateNumberOfMessages":           strconv.Itoa(counts.Available),
		"ApproximateNumberOfMessagesNotVisible": strconv.Itoa(counts.InFlight),
		"ApproximateNumberOfMessagesDelayed":    strconv.Itoa(counts.Delayed),
		"CreatedTimestamp":                      strconv.FormatInt(e.q.Created().Unix(), 10),
		"LastModifiedTimestamp":                 strconv.FormatInt(e.q.LastModified().Unix(), 10),
		"QueueArn":                              e.q.ARN(),
		"VisibilityTimeout":                     secs(*cfg.VisibilityTimeout),
		"DelaySeconds":                          secs(cfg.Delay),
		"ReceiveMessageWaitTimeSeconds":         secs(cfg.ReceiveWaitTime),
		"MessageRetentionPeriod":                secs(cfg.RetentionPeriod),
		"MaximumMessageSize":                    strconv.Itoa(cfg.MaxMessageSize),
		"SqsManagedSseEnabled":                  strconv.FormatBool(st.extras.sse),
	}
	if p := cfg.RedrivePolicy; p != nil {
		b, _ := json.Marshal(struct {
			DeadLetterTargetArn string `json:"deadLetterTargetArn"`
			MaxReceiveCount     int    `json:"maxReceiveCount"`
		}{p.DeadLetterQueue.ARN(), p.MaxReceiveCount})
		m["RedrivePolicy"] = string(b)
	}
	if p := cfg.RedriveAllowPolicy; p != nil {
		b, _ := json.Marshal(redriveAllowPolicyJSON{RedrivePermission: string(p.Permission), SourceQueueArns: p.SourceQueueARNs})
		m["RedriveAllowPolicy"] = string(b)
	}
	if st.policy != nil {
		m["Policy"] = st.policy.String()
	}
	if st.extras.kmsKey != "" {
		m["KmsMasterKeyId"] = st.extras.kmsKey
	}
	if st.extras.kmsKey != "" || st.extras.kmsReuse != 0 {
		reuse := st.extras.kmsReuse
		if reuse == 0 {
			reuse = defaultKMSReuse
		}
		m["KmsDataKeyReusePeriodSeconds"] = strconv.Itoa(reuse)
	}
	if st.fifo {
		m["FifoQueue"] = "true"
		m["ContentBasedDeduplication"] = strconv.FormatBool(cfg.ContentBasedDeduplication)
		m["DeduplicationScope"] = string(cfg.DeduplicationScope)
		m["FifoThroughputLimit"] = string(cfg.FifoThroughputLimit)
	}
	return m
}

// settingsLocked returns the queue's current settings; the caller holds
// e.mu.
func (e *entry) settingsLocked() settings {
	return settings{fifo: e.q.FIFO(), cfg: e.q.Config(), extras: e.extras, policy: e.policy}
}

// storeLocked makes st the queue's settings; the caller holds e.mu. On
// error nothing has changed.
func (e *entry) storeLocked(st settings) error {
	if err := e.q.SetConfig(st.cfg); err != nil {
		return err
	}
	e.extras, e.policy = st.extras, st.policy
	return nil
}

// knownAttribute reports whether name is an attribute GetQueueAttributes
// may ask a queue of the given type for.
func knownAttribute(name string, fifo bool) bool {
	switch name {
	case "All", "VisibilityTimeout", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MessageRetentionPeriod",
		"MaximumMessageSize", "RedrivePolicy", "RedriveAllowPolicy", "Policy", "KmsMasterKeyId",
		"KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled":
		return true
	}
	return slices.Contains(readOnlyAttributes, name) || fifo && slices.Contains(fifoOnlyAttributes, name)
}

type getQueueAttributesInput struct {
	QueueURL       string   `json:"QueueUrl"`
	AttributeNames []string `json:"AttributeNames"`
}

func (in *getQueueAttributesInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.AttributeNames = f.Get("QueueUrl"), f.Strings("AttributeName")
	return nil
}

type getQueueAttributesOutput struct {
	Attributes attributeMap `json:"Attributes,omitempty" xml:"Attribute,omitempty"`
}

func (in *getQueueAttributesInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	fifo := e.q.FIFO()
	all := false
	for _, name := range in.AttributeNames {
		if !knownAttribute(name, fifo) {
			return nil, unknownAttribute(name)
		}
		all = all || name == "All"
	}
	out := &getQueueAttributesOutput{}
	if len(in.AttributeNames) == 0 {
		return out, nil
	}
	e.mu.Lock()
	st := e.settingsLocked()
	e.mu.Unlock()
	attrs := c.s.attributes(e, st)
	if all {
		out.Attributes = attrs
		return out, nil
	}
	out.Attributes = make(attributeMap)
	for _, name := range in.AttributeNames {
		if v, ok := attrs[name]; ok {
			out.Attributes[name] = v
		}
	}
	if len(out.Attributes) == 0 {
		out.Attributes = nil
	}
	return out, nil
}

type setQueueAttributesInput struct {
	QueueURL   string            `json:"QueueUrl"`
	Attributes map[string]string `json:"Attributes"`
}

func (in *setQueueAttributesInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.Attributes = f.Get("QueueUrl"), queryQueueAttributes(f, "Attribute")
	return nil
}

func (in *setQueueAttributesInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	if len(in.Attributes) == 0 {
		return nil, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	next, err := c.s.apply(e.settingsLocked(), in.Attributes, false, c.s.entryByARN)
	if err != nil {
		return nil, err
	}
	return nil, e.storeLocked(next)
}
