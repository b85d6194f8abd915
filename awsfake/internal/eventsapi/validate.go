package eventsapi

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
)

// shape is a string shape of the API model: its length bounds and, when
// it has one, its pattern as the model writes it (which AWS quotes in the
// message).
type shape struct {
	min, max int
	pattern  string
	re       *regexp.Regexp
}

func newShape(min, max int, pattern string) shape {
	s := shape{min: min, max: max, pattern: pattern}
	if pattern != "" {
		s.re = regexp.MustCompile("^(?:" + pattern + ")$")
	}
	return s
}

// The string shapes of the model that requests carry.
var (
	shapeEventBusName      = newShape(1, 256, `[/\.\-_A-Za-z0-9]+`)
	shapeEventBusNameOrARN = newShape(1, 1600, `(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+`)
	shapeRuleName          = newShape(1, 64, `[\.\-_A-Za-z0-9]+`)
	shapeTargetID          = newShape(1, 64, `[\.\-_A-Za-z0-9]+`)
	shapeARN               = newShape(1, 1600, "")
	shapeArchiveName       = newShape(1, 48, `[\.\-_A-Za-z0-9]+`)
	shapeReplayName        = newShape(1, 64, `[\.\-_A-Za-z0-9]+`)
	shapeEventBusARN       = newShape(1, 1600, `^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:.+\/.+$`)
	shapeArchiveARN        = newShape(1, 1600, `^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:.+\/.+$`)
	shapeDescription       = newShape(0, 512, "")
	shapeNextToken         = newShape(1, 2048, "")
	shapeTagKey            = newShape(1, 128, "")
	shapeTagValue          = newShape(0, 256, "")
	shapeStatementID       = newShape(1, 64, `[a-zA-Z0-9-_]+`)
	shapePrincipal         = newShape(1, 12, `(\d{12}|\*)`)
	shapeAction            = newShape(1, 64, `events:[a-zA-Z]+`)
	shapeEventSourceName   = newShape(1, 256, `aws\.partner(/[\.\-_A-Za-z0-9]+){2,}`)
	shapeMessageGroupID    = newShape(0, 256, "")
	shapePartitionKeyPath  = newShape(0, 256, "")
	shapeTargetInput       = newShape(0, 8192, "")
	shapeTargetInputPath   = newShape(0, 256, "")
	shapeEventPattern      = newShape(0, 4096, "")
)

// checks collects the model constraints a request breaks, in the order
// of the model's members, for one ValidationException.
type checks struct{ vs awserr.Violations }

// str checks an optional string member: absent (nil) is fine.
func (c *checks) str(v *string, at string, sh shape) {
	if v == nil {
		return
	}
	n := utf8.RuneCountInString(*v)
	switch {
	case n < sh.min:
		c.vs.AddString(*v, at, awserr.LengthAtLeast(sh.min))
	case n > sh.max:
		c.vs.AddString(*v, at, awserr.LengthAtMost(sh.max))
	case sh.re != nil && !sh.re.MatchString(*v):
		c.vs.AddString(*v, at, awserr.Pattern(sh.pattern))
	}
}

// required checks a required string member.
func (c *checks) required(v *string, at string, sh shape) {
	if v == nil {
		c.vs.Add("null", at, awserr.NotNull)
		return
	}
	c.str(v, at, sh)
}

// present checks that a required member of another type was given.
func (c *checks) present(given bool, at string) {
	if !given {
		c.vs.Add("null", at, awserr.NotNull)
	}
}

// limit checks a Limit member (LimitMax100): 1 to 100.
func (c *checks) limit(v *int) {
	switch {
	case v == nil:
	case *v < 1:
		c.vs.AddInt(*v, "limit", awserr.ValueAtLeast(1))
	case *v > 100:
		c.vs.AddInt(*v, "limit", awserr.ValueAtMost(100))
	}
}

// count checks a list member's length. An empty list is quoted as "[]";
// a long one is left out of the message, as its text would be.
func (c *checks) count(n int, at string, min, max int) {
	switch {
	case n < min:
		c.vs.Add("'[]'", at, awserr.LengthAtLeast(min))
	case n > max:
		c.vs.Add("", at, awserr.LengthAtMost(max))
	}
}

// enum checks an optional enum member.
func (c *checks) enum(v *string, at string, values ...string) {
	if v == nil {
		return
	}
	for _, ok := range values {
		if *v == ok {
			return
		}
	}
	c.vs.AddString(*v, at, awserr.Enum(values...))
}

// err returns the ValidationException of the violations, or nil.
func (c *checks) err() error { return c.vs.Err(eventbus.ErrValidation) }

// member is the location of the i-th (from 0) element of a list member,
// as AWS writes it: "targets.1.member".
func member(list string, i int) string { return list + "." + strconv.Itoa(i+1) + ".member" }

// str returns the string a member holds, "" when it is absent.
func str(v *string) string {
	if v == nil {
		return ""
	}
	return *v
}

// invalidParameter is AWS's ValidationException for a parameter whose
// value EventBridge refuses: "Parameter X is not valid. Reason: why".
func invalidParameter(name, reason string) error {
	return eventbus.ErrValidation.Errorf("Parameter %s is not valid. Reason: %s", name, reason)
}

// ptr returns a pointer to a copy of v, for the optional members of
// replies.
func ptr[T any](v T) *T { return &v }
