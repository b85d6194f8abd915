package topic

import "github.com/switchyard/switchyard/clock"

// Option sets how a topic runs, as opposed to what it is (its [Config]).
type Option func(*options)

type options struct {
	clock   clock.Clock
	region  string
	account string
}

func defaultOptions() options {
	return options{clock: clock.System{}, region: "us-east-1", account: "000000000000"}
}

// WithClock makes the topic read time, and wait between delivery retries,
// on c instead of the system clock.
func WithClock(c clock.Clock) Option {
	return func(o *options) { o.clock = clock.Or(c) }
}

// WithAccount sets the region and account id the topic's ARN is built from
// (default "us-east-1" and "000000000000").
func WithAccount(region, accountID string) Option {
	return func(o *options) { o.region, o.account = region, accountID }
}
