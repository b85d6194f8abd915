package eventsapi

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/uuid"
)

// PutEvents and TestEventPattern.

// The limits of a PutEvents request.
const (
	maxEntries     = 10
	maxEntriesSize = 256 * 1024
)

// shapeNonPartnerBus is an entry's EventBusName: a bus name without "/",
// or a bus ARN.
var shapeNonPartnerBus = newShape(1, 1600, `(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[\.\-_A-Za-z0-9]+`)

// putEventsEntry is one PutEventsRequestEntry.
type putEventsEntry struct {
	Time         *timestamp `json:"Time"`
	Source       *string    `json:"Source"`
	Resources    []string   `json:"Resources"`
	DetailType   *string    `json:"DetailType"`
	Detail       *string    `json:"Detail"`
	EventBusName *string    `json:"EventBusName"`
	TraceHeader  *string    `json:"TraceHeader"`
}

func (e *putEventsEntry) engine() eventbus.Entry {
	out := eventbus.Entry{
		Source:      str(e.Source),
		DetailType:  str(e.DetailType),
		Detail:      str(e.Detail),
		Resources:   e.Resources,
		TraceHeader: str(e.TraceHeader),
	}
	if e.Time != nil {
		out.Time = e.Time.Time
	}
	return out
}

// size is the entry's size as EventBridge counts it toward a request's
// 256 KiB: 14 bytes for a time, and the UTF-8 bytes of the source,
// detail type, detail and each resource.
func (e *putEventsEntry) size() int {
	n := len(str(e.Source)) + len(str(e.DetailType)) + len(str(e.Detail))
	if e.Time != nil {
		n += 14
	}
	for _, r := range e.Resources {
		n += len(r)
	}
	return n
}

// String writes the entry as EventBridge quotes it in a validation
// message: the way its Java model prints it.
func (e *putEventsEntry) String() string {
	t := "null"
	if e.Time != nil {
		t = e.Time.UTC().Format(time.RFC3339Nano)
	}
	resources := "null"
	if e.Resources != nil {
		resources = "[" + strings.Join(e.Resources, ", ") + "]"
	}
	return fmt.Sprintf("PutEventsRequestEntry(time=%s, source=%s, resources=%s, detailType=%s, detail=%s, eventBusName=%s, traceHeader=%s, kmsKeyIdentifier=null, internalMetadata=null)",
		t, orNull(e.Source), resources, orNull(e.DetailType), orNull(e.Detail), orNull(e.EventBusName), orNull(e.TraceHeader))
}

func orNull(v *string) string {
	if v == nil {
		return "null"
	}
	return *v
}

type putEventsInput struct {
	Entries []putEventsEntry `json:"Entries"`
	// EndpointID names a global endpoint; there are none here, and the
	// events go to the buses the entries name.
	EndpointID *string `json:"EndpointId"`
}

// putEventsResult is one entry's result.
type putEventsResult struct {
	EventID      string `json:"EventId,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

type putEventsOutput struct {
	FailedEntryCount int               `json:"FailedEntryCount"`
	Entries          []putEventsResult `json:"Entries"`
}

// putEvents puts each entry on the bus it names. An entry naming a bus
// the account does not have is accepted with an event id and goes
// nowhere, as AWS does.
func (s *Service) putEvents(_ context.Context, in *putEventsInput) (putEventsOutput, error) {
	if err := checkEntries(in.Entries); err != nil {
		return putEventsOutput{}, err
	}
	out := putEventsOutput{Entries: make([]putEventsResult, len(in.Entries))}
	byBus := map[*busEntry][]int{} // the entries of each bus, in order
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := range in.Entries {
		nameOrARN := str(in.Entries[i].EventBusName)
		if e := s.buses[busNameOf(nameOrARN)]; e != nil && !s.foreignBus(nameOrARN) {
			byBus[e] = append(byBus[e], i)
			continue
		}
		out.Entries[i] = droppedEntry(&in.Entries[i])
	}
	for e, indices := range byBus {
		entries := make([]eventbus.Entry, len(indices))
		for j, i := range indices {
			entries[j] = in.Entries[i].engine()
		}
		res, err := e.bus.PutEvents(entries...)
		if err != nil {
			return putEventsOutput{}, err
		}
		for j, i := range indices {
			r := res.Entries[j]
			out.Entries[i] = putEventsResult{EventID: r.EventID, ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
		}
	}
	for _, r := range out.Entries {
		if r.ErrorCode != "" {
			out.FailedEntryCount++
		}
	}
	return out, nil
}

// checkEntries applies the limits of a PutEvents request to all its
// entries together, whatever buses they name.
func checkEntries(entries []putEventsEntry) error {
	var c checks
	switch {
	case entries == nil:
		c.present(false, "entries")
	case len(entries) == 0:
		c.count(0, "entries", 1, maxEntries)
	case len(entries) > maxEntries:
		var b strings.Builder
		for i := range entries {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(entries[i].String())
		}
		c.vs.Add("'["+b.String()+"]'", "entries", awserr.LengthAtMost(maxEntries))
	}
	for i := range entries {
		c.str(entries[i].EventBusName, member("entries", i)+".eventBusName", shapeNonPartnerBus)
	}
	if err := c.err(); err != nil {
		return err
	}
	size := 0
	for i := range entries {
		size += entries[i].size()
	}
	if size > maxEntriesSize {
		return eventbus.ErrValidation.WithMessage("Total size of the entries in the request is over the limit.")
	}
	return nil
}

// droppedEntry is the result of an entry for a bus the account does not
// have: the bus's checks of the entry, and an event id for one that
// passes them.
func droppedEntry(e *putEventsEntry) putEventsResult {
	switch {
	case str(e.Source) == "":
		return putEventsResult{ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument."}
	case str(e.DetailType) == "":
		return putEventsResult{ErrorCode: "InvalidArgument", ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument."}
	case str(e.Detail) == "":
		return putEventsResult{ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument."}
	}
	var detail map[string]json.RawMessage
	if json.Unmarshal([]byte(*e.Detail), &detail) != nil || detail == nil {
		return putEventsResult{ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed."}
	}
	return putEventsResult{EventID: uuid.String(uuid.Stamp(rand.Uint64(), rand.Uint64(), 4))}
}

type testEventPatternInput struct {
	EventPattern *string `json:"EventPattern"`
	Event        *string `json:"Event"`
}

type testEventPatternOutput struct {
	Result bool `json:"Result"`
}

func (s *Service) testEventPattern(_ context.Context, in *testEventPatternInput) (testEventPatternOutput, error) {
	var c checks
	c.required(in.EventPattern, "eventPattern", shapeEventPattern)
	c.present(in.Event != nil, "event")
	if err := c.err(); err != nil {
		return testEventPatternOutput{}, err
	}
	ok, err := eventbus.TestEventPattern(*in.EventPattern, *in.Event)
	return testEventPatternOutput{Result: ok}, err
}
