package pattern

// Scope is what a filter policy is matched against: the message's
// attributes or its body.
type Scope int

const (
	// ScopeAttributes matches the message attributes (FilterPolicyScope
	// "MessageAttributes", SNS's default). Policies are flat.
	ScopeAttributes Scope = iota
	// ScopeBody matches the message body, a JSON object (FilterPolicyScope
	// "MessageBody"). Policies may nest.
	ScopeBody
)

// ParseScope reads a FilterPolicyScope attribute; "" is the default,
// MessageAttributes.
func ParseScope(s string) (Scope, error) {
	switch s {
	case "", "MessageAttributes":
		return ScopeAttributes, nil
	case "MessageBody":
		return ScopeBody, nil
	}
	return 0, &Error{Attribute: "FilterPolicyScope", Reason: "Invalid value [" + s + "]. Please use either MessageBody or MessageAttributes"}
}

// String returns the FilterPolicyScope value.
func (s Scope) String() string {
	if s == ScopeBody {
		return "MessageBody"
	}
	return "MessageAttributes"
}

// Error is a policy or scope the dialect rejects: Attribute names the
// subscription attribute (FilterPolicy, FilterPolicyScope) and Reason is
// AWS's text. Callers put SNS's prefix in front ("Invalid parameter: …").
type Error struct{ Attribute, Reason string }

// Error returns "<Attribute>: <Reason>", as SNS words it after its prefix,
// or the reason alone where SNS names no attribute.
func (e *Error) Error() string {
	if e.Attribute == "" {
		return e.Reason
	}
	return e.Attribute + ": " + e.Reason
}

func reject(reason string) error { return &Error{Attribute: "FilterPolicy", Reason: reason} }
