package stream

import (
	"regexp"
	"strconv"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Enhanced fan-out consumers: RegisterStreamConsumer,
// DescribeStreamConsumer, ListStreamConsumers and DeregisterStreamConsumer.
// The consumers of a stream live in its consumerRegistry, guarded by the
// stream's lock. Their status is worked out from the clock when asked, as
// the stream's is: with no transition delay a consumer is ACTIVE as soon
// as it is registered and gone as soon as it is deregistered.

// Limits and defaults for enhanced fan-out consumers.
const (
	// MaxStreamConsumers is the most consumers a stream may have
	// registered at once (AWS's quota for provisioned streams).
	MaxStreamConsumers = 20
	// MaxCreatingConsumers is the most consumers that may be CREATING at
	// once (only possible with [WithTransitionDelay]).
	MaxCreatingConsumers = 5
	// MaxConsumerNameLength is the longest consumer name.
	MaxConsumerNameLength = 128
	// DefaultListStreamConsumersMaxResults is the page size of
	// ListStreamConsumers, and the most one page holds.
	DefaultListStreamConsumersMaxResults = 100
	// MaxListStreamConsumersMaxResults is the largest MaxResults the API
	// takes (a page still holds at most 100).
	MaxListStreamConsumersMaxResults = 10000
	// ListStreamConsumersTokenLifetime is how long a ListStreamConsumers
	// NextToken can be used.
	ListStreamConsumersTokenLifetime = 5 * time.Minute
)

// ConsumerStatus is a consumer's ConsumerStatus.
type ConsumerStatus string

// The consumer statuses. A consumer is CREATING for the stream's
// transition delay after it is registered and DELETING for as long after
// it is deregistered; with no delay (the default) it is ACTIVE at once and
// gone at once. Only an ACTIVE consumer can subscribe to a shard.
const (
	ConsumerCreating ConsumerStatus = "CREATING"
	ConsumerActive   ConsumerStatus = "ACTIVE"
	ConsumerDeleting ConsumerStatus = "DELETING"
)

// Consumer describes an enhanced fan-out consumer, as RegisterStreamConsumer,
// ListStreamConsumers and DescribeStreamConsumer (ConsumerDescription) do.
type Consumer struct {
	ConsumerName string
	// ConsumerARN is the stream's ARN, "/consumer/", the name, ":" and the
	// registration time in Unix seconds. A consumer registered again under
	// the same name gets a new ARN.
	ConsumerARN               string
	ConsumerStatus            ConsumerStatus
	ConsumerCreationTimestamp time.Time
	// StreamARN is the ARN of the stream the consumer is registered with.
	StreamARN string
}

// ConsumerInput names a consumer of the stream, for DescribeStreamConsumer
// and DeregisterStreamConsumer: by its ARN, by its name, or by both if they
// agree. (The stream, which AWS takes as StreamARN, is the receiver.)
type ConsumerInput struct {
	ConsumerName string
	ConsumerARN  string
}

// ListStreamConsumersInput is ListStreamConsumers' request.
type ListStreamConsumersInput struct {
	// MaxResults is the most consumers to return, 1–10,000; zero means
	// 100, and a page never holds more than 100.
	MaxResults int
	// NextToken continues an earlier listing. It expires after
	// [ListStreamConsumersTokenLifetime] and cannot be given with
	// StreamCreationTimestamp.
	NextToken string
	// StreamCreationTimestamp, when set, must be the stream's creation
	// time (to the millisecond), which tells a stream from an earlier one
	// of the same name; the zero Time means absent.
	StreamCreationTimestamp time.Time
}

// ListStreamConsumersOutput is ListStreamConsumers' answer.
type ListStreamConsumersOutput struct {
	// Consumers are in the order they were registered.
	Consumers []Consumer
	// NextToken is set when more consumers remain; pass it to get them.
	NextToken string
}

// consumerRegistry holds a stream's consumers. Guarded by the stream's
// lock.
type consumerRegistry struct {
	list    []*consumer      // in registration order, DELETING ones until gone
	serial  uint64           // the serial of the last consumer registered
	lastSec map[string]int64 // per name, the time in the ARN of its last consumer
}

// consumer is one registered consumer.
type consumer struct {
	name      string
	arn       string
	serial    uint64 // registration order, for listing pages
	created   int64  // ns
	deleted   int64  // ns, when deregistered
	isDeleted bool   // deregistered: DELETING, then gone
	subs      map[uint32]*subscription
}

// consumerListToken is the kind of ListStreamConsumers' NextTokens (the
// kinds in token.go are 1 and 2).
const consumerListToken tokenKind = 3

// consumerARNPattern is the model's pattern for consumer ARNs.
const consumerARNPattern = `^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+`

// consumerARNRegexp is compiled once; a Regexp is safe for concurrent use.
var consumerARNRegexp = regexp.MustCompile(consumerARNPattern)

const maxARNLength = 2048

// statusLocked returns the consumer's status at now, and whether it is
// gone (deregistered and done DELETING).
func (c *consumer) statusLocked(now, delay int64) (ConsumerStatus, bool) {
	switch {
	case c.isDeleted && now >= c.deleted+delay:
		return "", true
	case c.isDeleted:
		return ConsumerDeleting, false
	case now < c.created+delay:
		return ConsumerCreating, false
	}
	return ConsumerActive, false
}

// describeConsumerLocked returns the consumer's description at now.
func (s *Stream[T]) describeConsumerLocked(c *consumer, now int64) Consumer {
	st, _ := c.statusLocked(now, int64(s.opts.transitionDelay))
	return Consumer{
		ConsumerName:              c.name,
		ConsumerARN:               c.arn,
		ConsumerStatus:            st,
		ConsumerCreationTimestamp: time.Unix(0, c.created),
		StreamARN:                 s.arn,
	}
}

// sweepConsumersLocked forgets the consumers that are gone at now.
func (s *Stream[T]) sweepConsumersLocked(now int64) {
	r := &s.consumers
	kept := r.list[:0]
	for _, c := range r.list {
		if _, gone := c.statusLocked(now, int64(s.opts.transitionDelay)); !gone {
			kept = append(kept, c)
		}
	}
	clear(r.list[len(kept):])
	r.list = kept
}

// consumerCountLocked returns how many consumers the stream has at now,
// DELETING ones included.
func (s *Stream[T]) consumerCountLocked(now int64) int {
	s.sweepConsumersLocked(now)
	return len(s.consumers.list)
}

// checkConsumerName records the ways name breaks the model's rules.
func checkConsumerName(vs *violations, name string) {
	checkName(vs, "consumerName", name, MaxConsumerNameLength)
}

// checkConsumerARN records the ways arn breaks the model's rules.
func checkConsumerARN(vs *violations, arn string) {
	if !consumerARNRegexp.MatchString(arn) {
		vs.AddString(arn, "consumerARN", awserr.Pattern(consumerARNPattern))
	}
	switch {
	case len(arn) < 1:
		vs.AddString(arn, "consumerARN", awserr.LengthAtLeast(1))
	case len(arn) > maxARNLength:
		vs.AddString(arn, "consumerARN", awserr.LengthAtMost(maxARNLength))
	}
}

// RegisterStreamConsumer registers an enhanced fan-out consumer with the
// stream, as RegisterStreamConsumer does, and returns it. The consumer is
// ACTIVE at once, or CREATING for the transition delay with
// [WithTransitionDelay]; only an ACTIVE consumer can call
// [Stream.SubscribeToShard].
//
// Errors: [ErrValidation] for a name that is empty, longer than 128
// characters or not of [a-zA-Z0-9_.-]; [ErrResourceNotFound] for a deleted
// stream; [ErrResourceInUse] when the stream is still CREATING or a
// consumer of that name is registered (DELETING included);
// [ErrLimitExceeded] when 20 consumers are registered, or 5 are CREATING.
// On error nothing changes.
func (s *Stream[T]) RegisterStreamConsumer(consumerName string) (Consumer, error) {
	var vs violations
	checkConsumerName(&vs, consumerName)
	if err := vs.Err(ErrValidation); err != nil {
		return Consumer{}, err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch st := s.statusLocked(now); st {
	case StatusDeleting:
		return Consumer{}, s.streamNotFound()
	case StatusCreating:
		return Consumer{}, ErrResourceInUse.Errorf("Stream %s under account %s not ACTIVE, instead in state %s", s.name, s.opts.account, st)
	}
	s.sweepConsumersLocked(now)
	r := &s.consumers
	creating := 0
	for _, c := range r.list {
		if c.name == consumerName {
			return Consumer{}, ErrResourceInUse.Errorf("Consumer %s under stream %s under account %s already exists.", c.arn, s.name, s.opts.account)
		}
		if st, _ := c.statusLocked(now, int64(s.opts.transitionDelay)); st == ConsumerCreating {
			creating++
		}
	}
	if len(r.list) >= MaxStreamConsumers {
		return Consumer{}, ErrLimitExceeded.Errorf("Only %d consumers can be registered to a stream at once. Stream %s under account %s has %d.",
			MaxStreamConsumers, s.name, s.opts.account, len(r.list))
	}
	if creating >= MaxCreatingConsumers {
		return Consumer{}, ErrLimitExceeded.Errorf("Only %d consumers can be in CREATING status at once. Stream %s under account %s has %d.",
			MaxCreatingConsumers, s.name, s.opts.account, creating)
	}
	// The ARN carries the registration second. A name registered again
	// within the second it was last registered gets the next second, so
	// that an old ARN never names the new consumer.
	sec := now / 1e9
	if last, ok := r.lastSec[consumerName]; ok && sec <= last {
		sec = last + 1
	}
	if r.lastSec == nil {
		r.lastSec = map[string]int64{}
	}
	r.lastSec[consumerName] = sec
	r.serial++
	c := &consumer{
		name:    consumerName,
		arn:     s.arn + "/consumer/" + consumerName + ":" + strconv.FormatInt(sec, 10),
		serial:  r.serial,
		created: now,
	}
	r.list = append(r.list, c)
	return s.describeConsumerLocked(c, now), nil
}

// DescribeStreamConsumer describes a consumer of the stream, named by its
// ARN, its name, or both, as DescribeStreamConsumer does.
//
// Errors: [ErrValidation] for a malformed name or ARN;
// [ErrInvalidArgument] when neither is given, or the two name different
// consumers; [ErrResourceNotFound] for a deleted stream or a consumer that
// is not registered (or is gone).
func (s *Stream[T]) DescribeStreamConsumer(in ConsumerInput) (Consumer, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.findConsumerLocked(in, now)
	if err != nil {
		return Consumer{}, err
	}
	return s.describeConsumerLocked(c, now), nil
}

// DeregisterStreamConsumer deregisters a consumer of the stream, named by
// its ARN, its name, or both, as DeregisterStreamConsumer does. Its
// subscriptions end at once, with [ErrResourceNotFound]. The consumer is
// gone at once, or DELETING for the transition delay with
// [WithTransitionDelay] (and its name cannot be registered again until it
// is gone).
//
// Errors are DescribeStreamConsumer's; deregistering a consumer that is
// DELETING fails with [ErrResourceInUse]. On error nothing changes.
func (s *Stream[T]) DeregisterStreamConsumer(in ConsumerInput) error {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.findConsumerLocked(in, now)
	if err != nil {
		return err
	}
	if c.isDeleted {
		return ErrResourceInUse.Errorf("Consumer %s under stream %s under account %s is already in DELETING status.", c.arn, s.name, s.opts.account)
	}
	c.isDeleted, c.deleted = true, now
	for _, sub := range c.subs {
		sub.endLocked(s.consumerNotFound(c.arn))
	}
	s.sweepConsumersLocked(now)
	return nil
}

// ListStreamConsumers lists the stream's consumers in the order they were
// registered, DELETING and CREATING ones included, as ListStreamConsumers
// does.
//
// Errors: [ErrValidation] for MaxResults out of range;
// [ErrInvalidArgument] for a NextToken this stream did not issue or one
// given with StreamCreationTimestamp; [ErrExpiredNextToken] for a
// NextToken older than 5 minutes; [ErrResourceNotFound] for a deleted
// stream or a StreamCreationTimestamp that is not the stream's.
func (s *Stream[T]) ListStreamConsumers(in ListStreamConsumersInput) (ListStreamConsumersOutput, error) {
	var vs violations
	switch {
	case in.MaxResults < 0:
		vs.AddInt(in.MaxResults, "maxResults", awserr.ValueAtLeast(1))
	case in.MaxResults > MaxListStreamConsumersMaxResults:
		vs.AddInt(in.MaxResults, "maxResults", awserr.ValueAtMost(MaxListStreamConsumersMaxResults))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return ListStreamConsumersOutput{}, err
	}
	limit := DefaultListStreamConsumersMaxResults
	if in.MaxResults > 0 {
		limit = min(in.MaxResults, DefaultListStreamConsumersMaxResults)
	}
	now := s.now()
	var after uint64 // list the consumers registered after this serial
	if in.NextToken != "" {
		if !in.StreamCreationTimestamp.IsZero() {
			return ListStreamConsumersOutput{}, ErrInvalidArgument.WithMessage("NextToken cannot be combined with StreamCreationTimestamp.")
		}
		var w [2]uint64
		if !s.openToken(consumerListToken, in.NextToken, w[:]) {
			return ListStreamConsumersOutput{}, ErrInvalidArgument.WithMessage("Invalid NextToken.")
		}
		if now-int64(w[1]) > int64(ListStreamConsumersTokenLifetime) {
			return ListStreamConsumersOutput{}, ErrExpiredNextToken.Errorf("The NextToken has expired: it was issued more than %d seconds ago.",
				int(ListStreamConsumersTokenLifetime.Seconds()))
		}
		after = w[0]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return ListStreamConsumersOutput{}, err
	}
	if ts := in.StreamCreationTimestamp; !ts.IsZero() && ts.UnixMilli() != s.created/1e6 {
		return ListStreamConsumersOutput{}, s.streamNotFound()
	}
	s.sweepConsumersLocked(now)
	out := ListStreamConsumersOutput{Consumers: []Consumer{}}
	last := after
	for _, c := range s.consumers.list {
		if c.serial <= after {
			continue
		}
		if len(out.Consumers) == limit {
			out.NextToken = s.sealToken(consumerListToken, last, uint64(now))
			break
		}
		out.Consumers = append(out.Consumers, s.describeConsumerLocked(c, now))
		last = c.serial
	}
	return out, nil
}

// findConsumerLocked returns the consumer in names, not yet gone at now,
// with DescribeStreamConsumer's errors.
func (s *Stream[T]) findConsumerLocked(in ConsumerInput, now int64) (*consumer, error) {
	var vs violations
	if in.ConsumerName != "" {
		checkConsumerName(&vs, in.ConsumerName)
	}
	if in.ConsumerARN != "" {
		checkConsumerARN(&vs, in.ConsumerARN)
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	if in.ConsumerName == "" && in.ConsumerARN == "" {
		return nil, ErrInvalidArgument.WithMessage("ConsumerARN or both ConsumerName and StreamARN are required for this request.")
	}
	if err := s.readyLocked(now); err != nil {
		return nil, err
	}
	s.sweepConsumersLocked(now)
	var found *consumer
	for _, c := range s.consumers.list {
		if in.ConsumerARN != "" && c.arn == in.ConsumerARN || in.ConsumerARN == "" && c.name == in.ConsumerName {
			found = c
			break
		}
	}
	switch {
	case found == nil && in.ConsumerARN != "":
		return nil, s.consumerNotFound(in.ConsumerARN)
	case found == nil:
		return nil, s.consumerNotFound(in.ConsumerName)
	case in.ConsumerName != "" && found.name != in.ConsumerName:
		return nil, ErrInvalidArgument.Errorf("ConsumerName %s does not match the consumer named by ConsumerARN %s.", in.ConsumerName, in.ConsumerARN)
	}
	return found, nil
}

func (s *Stream[T]) consumerNotFound(nameOrARN string) error {
	return ErrResourceNotFound.Errorf("Consumer %s under stream %s under account %s not found.", nameOrARN, s.name, s.opts.account)
}
