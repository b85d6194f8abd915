package stepfn

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/uuid"
)

// contextInfo is what the context object ("$$") of a state shows. The
// object itself is built only when a path reads it.
type contextInfo struct {
	exec       *Execution
	state      string
	entered    time.Time
	retryCount int
	token      string // set only inside a task that has one
	item       *mapItem
}

// mapItem is the item a Map iteration's ItemSelector is evaluated for.
type mapItem struct {
	index int
	value any
}

// timestampFormat is how Step Functions writes times in the context
// object: ISO 8601 with milliseconds, in UTC.
const timestampFormat = "2006-01-02T15:04:05.000Z"

// object builds the context object, as the AWS documentation shapes it.
func (c *contextInfo) object() any {
	e := c.exec
	o := map[string]any{
		"Execution": map[string]any{
			"Id":           e.arn,
			"Input":        e.input,
			"Name":         e.name,
			"RoleArn":      e.sm.opts.roleARN,
			"StartTime":    e.start.UTC().Format(timestampFormat),
			"RedriveCount": json.Number("0"),
		},
		"State": map[string]any{
			"EnteredTime": c.entered.UTC().Format(timestampFormat),
			"Name":        c.state,
			"RetryCount":  json.Number(strconv.Itoa(c.retryCount)),
		},
		"StateMachine": map[string]any{
			"Id":   e.sm.arn,
			"Name": e.sm.name,
		},
	}
	var token any // null outside a task that has one, as AWS shows it
	if c.token != "" {
		token = c.token
	}
	o["Task"] = map[string]any{"Token": token}
	if c.item != nil {
		o["Map"] = map[string]any{"Item": map[string]any{
			"Index": json.Number(strconv.Itoa(c.item.index)),
			"Value": c.item.value,
		}}
	}
	return o
}

// lockedRand is a random source the goroutines of one execution share.
type lockedRand struct {
	mu sync.Mutex
	r  *rand.Rand
}

func (l *lockedRand) float64() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Float64()
}

// fork returns a new source seeded from this one, for a user (an
// intrinsic call) that needs a *rand.Rand of its own.
func (l *lockedRand) fork() *rand.Rand {
	l.mu.Lock()
	defer l.mu.Unlock()
	return rand.New(rand.NewPCG(l.r.Uint64(), l.r.Uint64()))
}

// newUUID returns a version-4 UUID drawn from r.
func newUUID(r *rand.Rand) string {
	return uuid.String(uuid.Stamp(r.Uint64(), r.Uint64(), 4))
}
