package stepfn

import (
	"strconv"
	"time"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// limits works out a task's timeout and heartbeat, from its fields or
// from the paths that name them.
func (t *taskSpec) limits(sc *scope) (timeout, heartbeat time.Duration, f *Failure) {
	timeout, heartbeat = t.timeout, t.heartbeat
	for _, l := range []struct {
		path *jsonpath.Path
		dst  *time.Duration
		name string
	}{{t.timeoutPath, &timeout, "TimeoutSecondsPath"}, {t.heartbeatPath, &heartbeat, "HeartbeatSecondsPath"}} {
		if l.path == nil {
			continue
		}
		secs, f := sc.numberAt(l.path, 1, maxTimeoutSeconds, true, "The value of the field '"+l.name+"' must be an integer from 1 to 99999999")
		if f != nil {
			return 0, 0, f
		}
		*l.dst = time.Duration(secs) * time.Second
	}
	if timeout == 0 {
		timeout = maxTimeoutSeconds * time.Second
	}
	// The parser refuses a HeartbeatSeconds not below TimeoutSeconds; when
	// either comes from the input the same rule can only be checked here,
	// and like every bad value read through a path it fails the state with
	// States.Runtime.
	if heartbeat >= timeout && (t.timeoutPath != nil || t.heartbeatPath != nil) {
		return 0, 0, sc.runtime("The value for the field 'HeartbeatSeconds' (" + secondsText(heartbeat) +
			") must be smaller than the value for the field 'TimeoutSeconds' (" + secondsText(timeout) + ")")
	}
	return timeout, heartbeat, nil
}

// secondsText writes a whole number of seconds as a decimal number.
func secondsText(d time.Duration) string {
	return strconv.FormatInt(int64(d/time.Second), 10)
}
