package topic

import (
	"math"
	"time"
)

// SNS's delivery policy for AWS-managed endpoints (SQS queues, Lambda
// functions), which AWS does not let anyone change. After the first attempt
// fails, SNS retries in four phases.
const (
	immediateRetries   = 3       // with no delay
	preBackoffRetries  = 2       // 1 s apart
	backoffRetries     = 10      // exponentially further apart, from 1 s to 20 s
	postBackoffRetries = 100_000 // 20 s apart

	minRetryDelay = time.Second
	maxRetryDelay = 20 * time.Second

	// MaxRetries is how many times a delivery is retried before it goes to
	// the subscription's dead-letter queue, or is dropped: 100,015 retries
	// over about 23 days.
	MaxRetries = immediateRetries + preBackoffRetries + backoffRetries + postBackoffRetries
)

// retryDelay returns how long to wait before the next attempt of a delivery
// that has failed failures times, and false once the policy is spent.
//
// AWS does not publish the backoff phase's delays, only that they grow
// exponentially from 1 s to 20 s; here the i-th of the 10 waits is
// 1 s × 20^(i/9), to the millisecond.
func retryDelay(failures int) (time.Duration, bool) {
	switch n := failures; {
	case n < 1 || n > MaxRetries:
		return 0, false
	case n <= immediateRetries:
		return 0, true
	case n <= immediateRetries+preBackoffRetries:
		return minRetryDelay, true
	case n <= immediateRetries+preBackoffRetries+backoffRetries:
		i := float64(n - immediateRetries - preBackoffRetries - 1)
		ratio := float64(maxRetryDelay) / float64(minRetryDelay)
		d := time.Duration(float64(minRetryDelay) * math.Pow(ratio, i/(backoffRetries-1)))
		return d.Round(time.Millisecond), true
	default:
		return maxRetryDelay, true
	}
}
