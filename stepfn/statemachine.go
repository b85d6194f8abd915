package stepfn

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Type is a state machine's type: STANDARD or EXPRESS.
type Type string

const (
	// Standard executions run exactly once, for up to a year, are
	// idempotent by name while they run, and keep a history.
	Standard Type = "STANDARD"
	// Express executions run for up to 5 minutes, keep no history the API
	// can read, and support neither .waitForTaskToken nor .sync tasks.
	Express Type = "EXPRESS"
)

// Config is what a state machine is.
type Config struct {
	// Name is 1–80 characters, without whitespace, brackets, wildcards or
	// the characters " # % \ ^ | ~ ` $ & , ; : /.
	Name string
	// Definition is the machine's Amazon States Language text.
	Definition string
	// Type is Standard (the default) or Express.
	Type Type
}

// StateMachine runs executions of one definition. It is safe for
// concurrent use.
type StateMachine struct {
	name string
	arn  string
	typ  Type
	def  *Definition
	opts options

	mu         sync.Mutex
	executions map[string]*Execution // Standard executions, by name
	order      []*Execution          // Standard executions in start order, for List
	live       map[*Execution]bool   // every running execution, for Close
	tokens     tokens
	closed     bool
	running    sync.WaitGroup
}

// New makes a state machine, validating its name and definition as
// CreateStateMachine does.
func New(cfg Config, opts ...Option) (*StateMachine, error) {
	o := applyOptions(opts)
	if err := checkName(cfg.Name); err != nil {
		return nil, err
	}
	switch cfg.Type {
	case "":
		cfg.Type = Standard
	case Standard, Express:
	default:
		return nil, ErrValidation.Errorf("1 validation error detected: Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [EXPRESS, STANDARD]", cfg.Type)
	}
	def, d := parseDefinition(cfg.Definition)
	if cfg.Type == Express && def != nil {
		checkExpress(def.g, "", &d)
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return newMachine(cfg.Name, cfg.Type, def, o), nil
}

// newMachine makes a state machine of a valid definition.
func newMachine(name string, typ Type, def *Definition, o options) *StateMachine {
	sm := &StateMachine{
		name:       name,
		arn:        fmt.Sprintf("arn:aws:states:%s:%s:stateMachine:%s", o.region, o.account, name),
		typ:        typ,
		def:        def,
		opts:       o,
		executions: map[string]*Execution{},
		live:       map[*Execution]bool{},
	}
	sm.tokens.init()
	return sm
}

// checkExpress reports the task patterns Express machines do not support.
func checkExpress(g *graph, loc string, d *diagnostics) {
	for name, s := range g.states {
		at := loc + "/States/" + escapePointer(name)
		if s.task != nil && (s.task.waitForTaskToken || isSync(s.task.resource)) {
			d.schema(at+"/Resource", "Express state machine does not support '"+patternOf(s.task.resource)+"' service integration")
		}
		if fam, _, _ := resourceOf(s.taskResource()); fam == activityFamily {
			d.schema(at+"/Resource", "Express state machine does not support activities")
		}
		for i, b := range s.branches {
			checkExpress(b, at+"/Branches/"+itoa(i), d)
		}
		if s.mapSpec != nil {
			checkExpress(s.mapSpec.processor, at+"/ItemProcessor", d)
		}
	}
}

// Name returns the state machine's name.
func (sm *StateMachine) Name() string { return sm.name }

// ARN returns the state machine's ARN.
func (sm *StateMachine) ARN() string { return sm.arn }

// Type returns Standard or Express.
func (sm *StateMachine) Type() Type { return sm.typ }

// Definition returns the parsed definition.
func (sm *StateMachine) Definition() *Definition { return sm.def }

// now reads the state machine's clock.
func (sm *StateMachine) now() time.Time { return sm.opts.clock.Now() }

// invalidNameChars are the characters AWS refuses in names.
const invalidNameChars = " \t\n\r<>{}[]?*\"#%\\^|~`$&,;:/"

// checkName applies AWS's rules for state machine and execution names.
func checkName(name string) error {
	n := 0
	for _, r := range name {
		n++
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune(invalidNameChars, r) {
			return ErrInvalidName.Errorf("Invalid Name: '%s'", name)
		}
	}
	if n == 0 || n > 80 {
		return ErrInvalidName.Errorf("Invalid Name: '%s'", name)
	}
	return nil
}
