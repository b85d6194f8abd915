package sfnapi

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// machine is one state machine as the API sees it. Its fields are
// guarded by Service.mu.
type machine struct {
	name, arn string
	typ       stepfn.Type
	created   time.Time
	tags      tagSet
	deleting  bool

	current   *revision
	revisions []*revision // every revision that ran or may run executions, oldest first

	versions    []*version // by number, ascending
	nextVersion int        // numbers are never reused
	aliases     []*alias   // in creation order

	// origins are the versions and aliases that executions started
	// through, and their trace headers, by execution ARN; executions
	// started on the machine itself without a trace header have none.
	origins map[string]origin
}

// origin is how an execution was started.
type origin struct {
	version, alias, traceHeader string
}

// revision is one definition and role of a machine: an engine state
// machine, which runs the executions started while the revision was
// current or through a version published from it.
type revision struct {
	sm       *stepfn.StateMachine
	id       string // "" for the revision the machine was created with
	settings machineSettings
	updated  time.Time // when the revision became current
	version  *version  // the version published from it, if any

	liveMu sync.Mutex
	live   map[*stepfn.Execution]struct{} // Express executions that may be running
}

// machineSettings are the parts of a revision a request sets.
type machineSettings struct {
	definition string
	roleARN    string
	logging    loggingConfiguration
	tracing    tracingConfiguration
	encryption *encryptionConfiguration
}

// version is a published, immutable copy of a revision.
type version struct {
	number      int
	arn         string
	rev         *revision
	description string
	created     time.Time
}

// machineLocked returns the machine called name, or nil. A DELETING
// machine whose executions have all ended is removed here, as AWS removes
// it once they end.
func (s *Service) machineLocked(name string) *machine {
	m := s.machines[name]
	if m != nil && m.deleting && !m.hasRunning() {
		s.removeLocked(m)
		return nil
	}
	return m
}

// removeLocked forgets a machine and the tokens of its tasks.
func (s *Service) removeLocked(m *machine) {
	delete(s.machines, m.name)
	s.tokens.forget(m)
}

// newRevision makes the engine state machine of a revision, validating
// its definition for the machine's type as CreateStateMachine does.
func (s *Service) newRevision(name string, typ stepfn.Type, set machineSettings, id string) (*revision, error) {
	rev := &revision{id: id, settings: set, updated: s.clock.Now()}
	sm, err := stepfn.New(stepfn.Config{Name: name, Definition: set.definition, Type: typ},
		stepfn.WithAccount(s.region, s.account),
		stepfn.WithClock(s.clock),
		stepfn.WithRoleARN(set.roleARN),
		stepfn.WithResolver(func(resource string) stepfn.Handler { return s.handlerFor(resource, rev) }),
	)
	if err != nil {
		return nil, definitionError(err)
	}
	rev.sm = sm
	return rev, nil
}

// definitionError returns the engine's error for a definition as the API
// answers it: InvalidDefinition with its message.
func definitionError(err error) error {
	var de *stepfn.DefinitionError
	if errors.As(err, &de) {
		return de.Err
	}
	return err
}

// version returns the version numbered n, or nil.
func (m *machine) version(n int) *version {
	for _, v := range m.versions {
		if v.number == n {
			return v
		}
	}
	return nil
}

// alias returns the alias called name, or nil.
func (m *machine) alias(name string) *alias {
	for _, a := range m.aliases {
		if a.name == name {
			return a
		}
	}
	return nil
}

// hasRunning reports whether any execution of the machine runs.
func (m *machine) hasRunning() bool {
	for _, r := range m.revisions {
		if len(r.running()) > 0 {
			return true
		}
	}
	return false
}

// close stops every running execution of every revision and waits for
// them under ctx.
func (m *machine) close(ctx context.Context) error {
	var errs []error
	for _, r := range m.revisions {
		errs = append(errs, r.sm.Close(ctx))
	}
	return errors.Join(errs...)
}

// running returns the revision's executions that have not ended.
func (r *revision) running() []*stepfn.Execution {
	var out []*stepfn.Execution
	if r.sm.Type() == stepfn.Express {
		r.liveMu.Lock()
		defer r.liveMu.Unlock()
		for e := range r.live {
			select {
			case <-e.Done():
				delete(r.live, e)
			default:
				out = append(out, e)
			}
		}
		return out
	}
	for _, d := range r.sm.List(stepfn.Running) {
		if e, err := r.sm.Execution(d.Name); err == nil {
			out = append(out, e)
		}
	}
	return out
}

// track remembers an Express execution until it ends, so that Close and
// DeleteStateMachine can find it (the engine lists Standard executions
// only). Ended ones are dropped as the set grows.
func (r *revision) track(e *stepfn.Execution) {
	r.liveMu.Lock()
	defer r.liveMu.Unlock()
	if r.live == nil {
		r.live = make(map[*stepfn.Execution]struct{})
	}
	if len(r.live) >= 64 && len(r.live)&(len(r.live)-1) == 0 { // at each power of two
		for x := range r.live {
			select {
			case <-x.Done():
				delete(r.live, x)
			default:
			}
		}
	}
	r.live[e] = struct{}{}
}

// untrack forgets an Express execution that has ended.
func (r *revision) untrack(e *stepfn.Execution) {
	r.liveMu.Lock()
	delete(r.live, e)
	r.liveMu.Unlock()
}
