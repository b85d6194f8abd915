package eventsapi

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/eventbus"
)

// CreateEventBus, DescribeEventBus, ListEventBuses, UpdateEventBus and
// DeleteEventBus.

// maxCustomBuses is EventBridge's default quota of buses beside the
// default one.
const maxCustomBuses = 100

// busLocked returns the bus an EventBusName parameter names (a name or an
// ARN; empty means the default bus), or ResourceNotFoundException. s.mu
// is held.
func (s *Service) busLocked(nameOrARN string) (*busEntry, error) {
	name := busNameOf(nameOrARN)
	if s.foreignBus(nameOrARN) {
		return nil, errBusNotFound(name)
	}
	e := s.buses[name]
	if e == nil {
		return nil, errBusNotFound(name)
	}
	return e, nil
}

// eventBusOutput is a bus as DescribeEventBus and ListEventBuses report
// it.
type eventBusOutput struct {
	Name             string     `json:"Name"`
	Arn              string     `json:"Arn"`
	Description      string     `json:"Description,omitempty"`
	Policy           string     `json:"Policy,omitempty"`
	CreationTime     *timestamp `json:"CreationTime,omitempty"`
	LastModifiedTime *timestamp `json:"LastModifiedTime,omitempty"`
}

func (e *busEntry) describe() eventBusOutput {
	return eventBusOutput{
		Name:             e.bus.Name(),
		Arn:              e.bus.ARN(),
		Description:      e.description,
		Policy:           e.policy.text(),
		CreationTime:     timeOut(e.created),
		LastModifiedTime: timeOut(e.modified),
	}
}

type createEventBusInput struct {
	Name            *string `json:"Name"`
	EventSourceName *string `json:"EventSourceName"`
	Description     *string `json:"Description"`
	Tags            []Tag   `json:"Tags"`
}

type createEventBusOutput struct {
	EventBusArn string `json:"EventBusArn"`
	Description string `json:"Description,omitempty"`
}

func (s *Service) createEventBus(_ context.Context, in *createEventBusInput) (createEventBusOutput, error) {
	var c checks
	c.required(in.Name, "name", shapeEventBusName)
	c.str(in.EventSourceName, "eventSourceName", shapeEventSourceName)
	c.str(in.Description, "description", shapeDescription)
	checkTags(&c, in.Tags)
	if err := c.err(); err != nil {
		return createEventBusOutput{}, err
	}
	name := *in.Name
	if in.EventSourceName != nil {
		// Partner event buses need a partner event source, and there are
		// none here.
		return createEventBusOutput{}, eventbus.ErrResourceNotFound.Errorf("Event source %s does not exist.", *in.EventSourceName)
	}
	switch {
	case strings.Contains(name, "/"):
		return createEventBusOutput{}, eventbus.ErrValidation.WithMessage("Event bus name must not contain '/'.")
	case strings.HasPrefix(name, "aws."):
		return createEventBusOutput{}, eventbus.ErrValidation.WithMessage("Event bus name must not start with 'aws.'.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.buses[name] != nil {
		return createEventBusOutput{}, errBusExists(name)
	}
	if len(s.buses) > maxCustomBuses {
		return createEventBusOutput{}, errLimitExceeded()
	}
	e, err := s.newBus(name, str(in.Description))
	if err != nil {
		return createEventBusOutput{}, err
	}
	e.tags.set(in.Tags)
	s.buses[name] = e
	return createEventBusOutput{EventBusArn: e.bus.ARN(), Description: e.description}, nil
}

type describeEventBusInput struct {
	Name *string `json:"Name"`
}

func (s *Service) describeEventBus(_ context.Context, in *describeEventBusInput) (eventBusOutput, error) {
	var c checks
	c.str(in.Name, "name", shapeEventBusNameOrARN)
	if err := c.err(); err != nil {
		return eventBusOutput{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.busLocked(str(in.Name))
	if err != nil {
		return eventBusOutput{}, err
	}
	return e.describe(), nil
}

type listEventBusesInput struct {
	NamePrefix *string `json:"NamePrefix"`
	NextToken  *string `json:"NextToken"`
	Limit      *int    `json:"Limit"`
}

type listEventBusesOutput struct {
	EventBuses []eventBusOutput `json:"EventBuses"`
	NextToken  string           `json:"NextToken,omitempty"`
}

func (s *Service) listEventBuses(_ context.Context, in *listEventBusesInput) (listEventBusesOutput, error) {
	var c checks
	c.str(in.NamePrefix, "namePrefix", shapeEventBusName)
	c.str(in.NextToken, "nextToken", shapeNextToken)
	c.limit(in.Limit)
	if err := c.err(); err != nil {
		return listEventBusesOutput{}, err
	}
	s.mu.RLock()
	var buses []eventBusOutput
	for _, name := range slices.Sorted(maps.Keys(s.buses)) {
		if strings.HasPrefix(name, str(in.NamePrefix)) {
			buses = append(buses, s.buses[name].describe())
		}
	}
	s.mu.RUnlock()
	buses, next, err := page(buses, func(b eventBusOutput) string { return b.Name }, str(in.NextToken), in.Limit)
	if err != nil {
		return listEventBusesOutput{}, err
	}
	return listEventBusesOutput{EventBuses: nonNil(buses), NextToken: next}, nil
}

type updateEventBusInput struct {
	Name        *string `json:"Name"`
	Description *string `json:"Description"`
}

type updateEventBusOutput struct {
	Arn         string `json:"Arn"`
	Name        string `json:"Name"`
	Description string `json:"Description,omitempty"`
}

func (s *Service) updateEventBus(_ context.Context, in *updateEventBusInput) (updateEventBusOutput, error) {
	var c checks
	c.str(in.Name, "name", shapeEventBusName)
	c.str(in.Description, "description", shapeDescription)
	if err := c.err(); err != nil {
		return updateEventBusOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busLocked(str(in.Name))
	if err != nil {
		return updateEventBusOutput{}, err
	}
	if in.Description != nil {
		e.description = *in.Description
		e.modified = s.cfg.Clock.Now()
	}
	return updateEventBusOutput{Arn: e.bus.ARN(), Name: e.bus.Name(), Description: e.description}, nil
}

type deleteEventBusInput struct {
	Name *string `json:"Name"`
}

// deleteEventBus deletes a bus with its rules, archives and replays. A
// bus that does not exist is not an error, as in AWS. The bus stops once
// its deliveries under way have returned, or the request has ended.
func (s *Service) deleteEventBus(ctx context.Context, in *deleteEventBusInput) (struct{}, error) {
	var c checks
	c.required(in.Name, "name", shapeEventBusName)
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	name := *in.Name
	if name == eventbus.DefaultBusName {
		return struct{}{}, eventbus.ErrValidation.WithMessage("Cannot delete event bus default.")
	}
	s.mu.Lock()
	e := s.buses[name]
	if e == nil {
		s.mu.Unlock()
		return struct{}{}, nil
	}
	delete(s.buses, name)
	maps.DeleteFunc(s.archives, func(_, bus string) bool { return bus == name })
	maps.DeleteFunc(s.replays, func(_, bus string) bool { return bus == name })
	s.mu.Unlock()
	_ = e.bus.Close(ctx) // its deliveries may read the service: not under s.mu
	return struct{}{}, nil
}

// nonNil returns l, or an empty list for nil: AWS answers an empty list
// as [], not by leaving the member out.
func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}
