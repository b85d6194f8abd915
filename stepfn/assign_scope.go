package stepfn

import "strings"

// assignScope is the variables one States block assigns (its states'
// Assign, their Choice rules' and Catchers'), and the scopes of the blocks
// nested in its Parallel and Map states. AWS gives each Parallel branch
// and Map iteration a scope of its own that reads the outer ones but may
// not assign a name they assign, which checkOuterAssignments checks when
// the definition is parsed.
type assignScope struct {
	outer    *assignScope
	assigned []assignedName
	inner    []*assignScope
}

// assignedName is one key of an Assign, without its ".$", and where it is.
type assignedName struct{ name, loc string }

// enterScope starts the scope of a block being parsed, nested in the
// current one, and returns the function that ends it.
func (p *parser) enterScope() (leave func()) {
	s := &assignScope{outer: p.scope}
	if p.scope == nil {
		p.root = s
	} else {
		p.scope.inner = append(p.scope.inner, s)
	}
	p.scope = s
	return func() { p.scope = s.outer }
}

// noteAssigned records that the block being parsed assigns the Assign key
// k found at loc. A lone state (TestState) has no block, and no scope.
func (p *parser) noteAssigned(k, loc string) {
	if p.scope != nil {
		p.scope.assigned = append(p.scope.assigned, assignedName{strings.TrimSuffix(k, ".$"), loc})
	}
}

// checkOuterAssignments reports every name that a Parallel branch or Map
// iteration assigns while a block around it assigns it too; outer holds
// the names the enclosing blocks assign.
func (s *assignScope) checkOuterAssignments(outer map[string]bool, d *diagnostics) {
	for _, a := range s.assigned {
		if outer[a.name] {
			d.schema(a.loc, "The variable '"+a.name+"' is assigned in an outer scope: a Parallel branch or Map iteration may read it but not assign it")
		}
	}
	if len(s.inner) == 0 {
		return
	}
	mine := make(map[string]bool, len(outer)+len(s.assigned))
	for n := range outer {
		mine[n] = true
	}
	for _, a := range s.assigned {
		mine[a.name] = true
	}
	for _, in := range s.inner {
		in.checkOuterAssignments(mine, d)
	}
}
