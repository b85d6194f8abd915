package eventbus

import "time"

// Backoff between attempts of a failed delivery. EventBridge documents
// "exponential back off and jitter" and no figures; these are ours: the
// wait doubles from 1 second up to 3 minutes, and each wait is drawn
// between half of that and all of it. 185 retries at the cap span about
// 7 hours, so the default 24-hour age ends them no sooner than the
// attempt count does.
const (
	firstBackoff = time.Second
	maxBackoff   = 3 * time.Minute
)

// backoff returns how long to wait after the given attempt failed.
func (b *Bus) backoff(attempt int) time.Duration {
	d := maxBackoff
	if attempt < 20 {
		d = min(firstBackoff<<(attempt-1), maxBackoff)
	}
	b.randMu.Lock()
	defer b.randMu.Unlock()
	return d/2 + time.Duration(b.rand.Int64N(int64(d/2)+1))
}
