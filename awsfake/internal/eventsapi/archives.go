package eventsapi

import (
	"context"
	"maps"
	"slices"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
)

// CreateArchive, DescribeArchive, ListArchives, UpdateArchive and
// DeleteArchive. The engine keeps archives per bus; their names are
// unique in the account, so the service keeps which bus has each.

// archiveStates are the states of the model, which ListArchives filters
// by; the engine's archives are only ever ENABLED.
var archiveStates = []string{"ENABLED", "DISABLED", "CREATING", "UPDATING", "CREATE_FAILED", "UPDATE_FAILED"}

// archiveLocked returns the bus that has the archive called name, or
// ResourceNotFoundException. s.mu is held.
func (s *Service) archiveLocked(name string) (*busEntry, error) {
	e := s.buses[s.archives[name]]
	if e == nil {
		return nil, errArchiveNotFound(name)
	}
	return e, nil
}

// busOfARNLocked returns the bus an EventSourceArn or Destination.Arn
// names, or ResourceNotFoundException. s.mu is held.
func (s *Service) busOfARNLocked(arn string) (*busEntry, error) {
	if name, ok := s.busNameOfARN(arn); ok && s.buses[name] != nil {
		return s.buses[name], nil
	}
	return nil, errBusNotFound(busNameOf(arn))
}

// checkRetention checks a RetentionDays member.
func checkRetention(c *checks, days *int) {
	if days != nil && *days < 0 {
		c.vs.AddInt(*days, "retentionDays", awserr.ValueAtLeast(0))
	}
}

// archiveOutput is an archive as DescribeArchive and ListArchives report
// it.
type archiveOutput struct {
	ArchiveArn     string     `json:"ArchiveArn,omitempty"`
	ArchiveName    string     `json:"ArchiveName"`
	EventSourceArn string     `json:"EventSourceArn"`
	Description    string     `json:"Description,omitempty"`
	EventPattern   string     `json:"EventPattern,omitempty"`
	State          string     `json:"State"`
	RetentionDays  int        `json:"RetentionDays"`
	SizeBytes      int        `json:"SizeBytes"`
	EventCount     int        `json:"EventCount"`
	CreationTime   *timestamp `json:"CreationTime,omitempty"`
}

// archiveOut is an archive as DescribeArchive reports it; ListArchives
// leaves out its ARN, description and pattern.
func archiveOut(d eventbus.ArchiveDescription) archiveOutput {
	return archiveOutput{
		ArchiveArn:     d.ARN,
		ArchiveName:    d.Name,
		EventSourceArn: d.EventSourceARN,
		Description:    d.Description,
		EventPattern:   d.EventPattern,
		State:          string(d.State),
		RetentionDays:  d.RetentionDays,
		SizeBytes:      d.SizeBytes,
		EventCount:     d.EventCount,
		CreationTime:   timeOut(d.CreationTime),
	}
}

// archiveStateOutput is the reply of CreateArchive and UpdateArchive.
type archiveStateOutput struct {
	ArchiveArn   string     `json:"ArchiveArn"`
	State        string     `json:"State"`
	CreationTime *timestamp `json:"CreationTime,omitempty"`
}

func stateOut(d eventbus.ArchiveDescription) archiveStateOutput {
	return archiveStateOutput{ArchiveArn: d.ARN, State: string(d.State), CreationTime: timeOut(d.CreationTime)}
}

type createArchiveInput struct {
	ArchiveName    *string `json:"ArchiveName"`
	EventSourceArn *string `json:"EventSourceArn"`
	Description    *string `json:"Description"`
	EventPattern   *string `json:"EventPattern"`
	RetentionDays  *int    `json:"RetentionDays"`
}

func (s *Service) createArchive(_ context.Context, in *createArchiveInput) (archiveStateOutput, error) {
	var c checks
	c.required(in.ArchiveName, "archiveName", shapeArchiveName)
	c.required(in.EventSourceArn, "eventSourceArn", shapeEventBusARN)
	c.str(in.Description, "description", shapeDescription)
	c.str(in.EventPattern, "eventPattern", shapeEventPattern)
	checkRetention(&c, in.RetentionDays)
	if err := c.err(); err != nil {
		return archiveStateOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.busOfARNLocked(*in.EventSourceArn)
	if err != nil {
		return archiveStateOutput{}, err
	}
	name := *in.ArchiveName
	if _, taken := s.archives[name]; taken {
		return archiveStateOutput{}, eventbus.ErrResourceAlreadyExists.Errorf("Archive %s already exists.", name)
	}
	cfg := eventbus.ArchiveConfig{Name: name, EventPattern: str(in.EventPattern), Description: str(in.Description)}
	if in.RetentionDays != nil {
		cfg.RetentionDays = *in.RetentionDays
	}
	if _, err := e.bus.CreateArchive(cfg); err != nil {
		return archiveStateOutput{}, err
	}
	s.archives[name] = e.bus.Name()
	d, err := e.bus.DescribeArchive(name)
	if err != nil {
		return archiveStateOutput{}, err
	}
	return stateOut(d), nil
}

// archiveRequest names an archive: the input of DescribeArchive and
// DeleteArchive.
type archiveRequest struct {
	ArchiveName *string `json:"ArchiveName"`
}

func (s *Service) describeArchive(_ context.Context, in *archiveRequest) (archiveOutput, error) {
	var c checks
	c.required(in.ArchiveName, "archiveName", shapeArchiveName)
	if err := c.err(); err != nil {
		return archiveOutput{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.archiveLocked(*in.ArchiveName)
	if err != nil {
		return archiveOutput{}, err
	}
	d, err := e.bus.DescribeArchive(*in.ArchiveName)
	if err != nil {
		return archiveOutput{}, err
	}
	return archiveOut(d), nil
}

type listArchivesInput struct {
	NamePrefix     *string `json:"NamePrefix"`
	EventSourceArn *string `json:"EventSourceArn"`
	State          *string `json:"State"`
	NextToken      *string `json:"NextToken"`
	Limit          *int    `json:"Limit"`
}

type listArchivesOutput struct {
	Archives  []archiveOutput `json:"Archives"`
	NextToken string          `json:"NextToken,omitempty"`
}

func (s *Service) listArchives(_ context.Context, in *listArchivesInput) (listArchivesOutput, error) {
	var c checks
	c.str(in.NamePrefix, "namePrefix", shapeArchiveName)
	c.str(in.EventSourceArn, "eventSourceArn", shapeEventBusARN)
	c.enum(in.State, "state", archiveStates...)
	c.str(in.NextToken, "nextToken", shapeNextToken)
	c.limit(in.Limit)
	if err := c.err(); err != nil {
		return listArchivesOutput{}, err
	}
	s.mu.RLock()
	buses := slices.Collect(maps.Values(s.buses))
	if in.EventSourceArn != nil {
		e, err := s.busOfARNLocked(*in.EventSourceArn)
		if err != nil {
			s.mu.RUnlock()
			return listArchivesOutput{}, err
		}
		buses = []*busEntry{e}
	}
	var archives []archiveOutput
	for _, e := range buses {
		for _, d := range e.bus.ListArchives(str(in.NamePrefix)) {
			if in.State != nil && string(d.State) != *in.State {
				continue
			}
			a := archiveOut(d)
			a.ArchiveArn, a.Description, a.EventPattern = "", "", ""
			archives = append(archives, a)
		}
	}
	s.mu.RUnlock()
	archives, next, err := page(archives, func(a archiveOutput) string { return a.ArchiveName }, str(in.NextToken), in.Limit)
	if err != nil {
		return listArchivesOutput{}, err
	}
	return listArchivesOutput{Archives: nonNil(archives), NextToken: next}, nil
}

type updateArchiveInput struct {
	ArchiveName   *string `json:"ArchiveName"`
	Description   *string `json:"Description"`
	EventPattern  *string `json:"EventPattern"`
	RetentionDays *int    `json:"RetentionDays"`
}

// updateArchive changes the members the request has; those it leaves out
// keep their values.
func (s *Service) updateArchive(_ context.Context, in *updateArchiveInput) (archiveStateOutput, error) {
	var c checks
	c.required(in.ArchiveName, "archiveName", shapeArchiveName)
	c.str(in.Description, "description", shapeDescription)
	c.str(in.EventPattern, "eventPattern", shapeEventPattern)
	checkRetention(&c, in.RetentionDays)
	if err := c.err(); err != nil {
		return archiveStateOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.archiveLocked(*in.ArchiveName)
	if err != nil {
		return archiveStateOutput{}, err
	}
	d, err := e.bus.DescribeArchive(*in.ArchiveName)
	if err != nil {
		return archiveStateOutput{}, err
	}
	cfg := d.ArchiveConfig
	if in.Description != nil {
		cfg.Description = *in.Description
	}
	if in.EventPattern != nil {
		cfg.EventPattern = *in.EventPattern
	}
	if in.RetentionDays != nil {
		cfg.RetentionDays = *in.RetentionDays
	}
	if err := e.bus.UpdateArchive(cfg); err != nil {
		return archiveStateOutput{}, err
	}
	return stateOut(d), nil
}

func (s *Service) deleteArchive(_ context.Context, in *archiveRequest) (struct{}, error) {
	var c checks
	c.required(in.ArchiveName, "archiveName", shapeArchiveName)
	if err := c.err(); err != nil {
		return struct{}{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.archiveLocked(*in.ArchiveName)
	if err != nil {
		return struct{}{}, err
	}
	if err := e.bus.DeleteArchive(*in.ArchiveName); err != nil {
		return struct{}{}, err
	}
	delete(s.archives, *in.ArchiveName)
	return struct{}{}, nil
}
