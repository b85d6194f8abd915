package firehose

import (
	"math/rand/v2"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/seed"
	"github.com/switchyard/switchyard/internal/uuid"
)

// Option changes how a delivery stream behaves, not what it is.
type Option func(*options)

type options struct {
	clock   clock.Clock
	region  string
	account string
	faults  func(Call) error
	seeded  bool
	seed    uint64
}

func defaultOptions() options {
	return options{clock: clock.System{}, region: "us-east-1", account: "123456789012"}
}

// WithClock makes the delivery stream read time, and wait its buffering
// intervals and retry backoffs, on c: a [clock.Manual] lets a test move a
// 300-second interval on at once.
func WithClock(c clock.Clock) Option {
	return func(o *options) { o.clock = clock.Or(c) }
}

// WithAccount sets the region and account id in the delivery stream's ARN
// (arn:aws:firehose:region:account:deliverystream/name). The default is
// us-east-1 and 123456789012.
func WithAccount(region, accountID string) Option {
	return func(o *options) { o.region, o.account = region, accountID }
}

// WithSeed makes the delivery stream's randomness — the uuid in object
// names, !{firehose:random-string}, request ids and backoff jitter —
// repeat from run to run.
func WithSeed(seed uint64) Option {
	return func(o *options) { o.seeded, o.seed = true, seed }
}

// Call is one record of a Put or PutBatch call, as a fault hook
// ([WithFaults]) sees it.
type Call struct {
	// Operation is "PutRecord" or "PutRecordBatch".
	Operation string
	// Index is the record's position in a PutRecordBatch request; 0
	// otherwise.
	Index int
	// Data is the record's data; the hook must not keep or change it.
	Data []byte
}

// WithFaults makes the delivery stream ask fail before it takes each
// record, so that a test can make exactly the records it chooses fail
// and check its producer's retries. A nil answer takes the record; an
// error fails it as AWS fails it: in [DeliveryStream.PutBatch] only that
// record, whose result carries the error's code and message (AWS reports
// ServiceUnavailableException and InternalFailure per record), and in
// [DeliveryStream.Put] the call. An error that is not an [*Error] counts
// as [ErrServiceUnavailable] with the error's text as its message. fail
// runs while the delivery stream is locked: it must not call it.
func WithFaults(fail func(Call) error) Option {
	return func(o *options) { o.faults = fail }
}

// rand returns the delivery stream's source of randomness.
func (o *options) rand() *rand.Rand {
	if o.seeded {
		return seed.Rand(o.seed)
	}
	return seed.Random()
}

// newUUID returns a version-4 uuid from the delivery stream's randomness.
// Only the drainer calls it (and New), one goroutine at a time.
func (ds *DeliveryStream) newUUID() string {
	return uuid.String(uuid.Stamp(ds.rng.Uint64(), ds.rng.Uint64(), 4))
}
