package topic

import (
	"context"
	"sync"

	"github.com/switchyard/switchyard/internal/dedup"
	"github.com/switchyard/switchyard/internal/pattern"
)

// Topic is an SNS topic, standard or FIFO, whose messages have bodies of
// type T. It is safe for concurrent use and must not be copied.
//
// Publishing delivers to queue subscriptions before it returns and hands
// handler subscriptions their messages to run in goroutines of the topic's
// own; [Topic.Close] stops those and waits for them.
type Topic[T any] struct {
	cfg      Config
	opts     options
	arn      string
	endpoint string // https://sns.region.amazonaws.com, for envelopes
	fifo     bool
	ctx      context.Context // handlers' context, cancelled by Close
	stop     context.CancelFunc
	tasks    sync.WaitGroup // handler goroutines

	// order serialises a FIFO topic's publishes, so that every subscriber
	// sees its messages in the order they were numbered.
	order sync.Mutex
	seq   uint64                      // the last sequence number given, under order
	dedup dedup.Window[PublishResult] // under order

	// mu guards the subscriptions. Publishes hold it for reading while they
	// match and deliver, so a subscription removed or changed under the
	// write lock sees no message published before the change afterwards.
	mu         sync.RWMutex
	closed     bool
	drained    chan struct{}      // closed once Close's handler calls have returned
	subs       []*Subscription[T] // in the order they were made
	unfiltered []*Subscription[T] // those without a filter policy
	policies   pattern.Index[*Subscription[T]]
}

// New makes a topic from cfg, validated as SNS validates CreateTopic: an
// invalid name or attribute gives [ErrInvalidParameter] with AWS's message.
func New[T any](cfg Config, opts ...Option) (*Topic[T], error) {
	o := defaultOptions()
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.FIFO && cfg.ThroughputScope == "" {
		cfg.ThroughputScope = ThroughputPerTopic
	}
	t := &Topic[T]{cfg: cfg, opts: o, fifo: cfg.FIFO}
	t.arn = "arn:aws:sns:" + o.region + ":" + o.account + ":" + cfg.Name
	t.endpoint = "https://sns." + o.region + ".amazonaws.com"
	t.ctx, t.stop = context.WithCancel(context.Background())
	return t, nil
}

// Name returns the topic's name.
func (t *Topic[T]) Name() string { return t.cfg.Name }

// ARN returns the topic's ARN, arn:aws:sns:region:account:name.
func (t *Topic[T]) ARN() string { return t.arn }

// FIFO reports whether the topic is a FIFO topic.
func (t *Topic[T]) FIFO() bool { return t.fifo }

// Config returns the topic's attributes, with defaults filled in.
func (t *Topic[T]) Config() Config { return t.cfg }

// Close deletes the topic: publishing to it gives [ErrNotFound] from then
// on, and its subscriptions go. Messages already published still get
// their attempts (handler calls run; a FIFO group's waiting messages take
// their turns), but deliveries waiting for a retry, and retries from now
// on, are dropped. Close waits for the handler calls to return and then
// cancels the context passed to handlers. If ctx ends first, Close cancels
// that context at once and returns ctx.Err(); calls still running finish
// on their own. Closing twice is harmless.
func (t *Topic[T]) Close(ctx context.Context) error {
	t.mu.Lock()
	if !t.closed {
		t.closed = true
		for _, s := range t.subs {
			s.stats.dropped.Add(int64(s.d.drain()))
		}
		t.subs, t.unfiltered, t.policies = nil, nil, pattern.Index[*Subscription[T]]{}
		t.drained = make(chan struct{})
		go func() {
			t.tasks.Wait()
			t.stop()
			close(t.drained)
		}()
	}
	drained := t.drained
	t.mu.Unlock()
	select {
	case <-drained:
		return nil
	case <-ctx.Done():
		t.stop()
		return ctx.Err()
	}
}

// spawn runs f in a goroutine that Close waits for. Callers hold the lock
// of a dispatcher, and once Close has drained every dispatcher only
// running workers spawn more (a FIFO group's next turn), so each goroutine
// is counted while the count is above zero.
func (t *Topic[T]) spawn(f func()) {
	t.tasks.Add(1)
	go func() {
		defer t.tasks.Done()
		f()
	}()
}

func errTopicNotFound() error { return ErrNotFound.WithMessage("Topic does not exist") }
