// Package pattern is the content-filter engine shared by SNS filter
// policies (topic) and, later, EventBridge event patterns (eventbus): one
// parser, one compiled form and one matcher, with the dialect's rules
// applied when a policy is parsed.
//
// A policy is compiled once ([ParseFilterPolicy]) into a [Policy]: a set of
// alternatives (the expansion of $or), each a conjunction of field
// conditions, each condition an OR of operators on one field. Matching
// reads a message's attributes as they are ([Policy.MatchAttributes]) or
// walks a JSON body once, looking only at the fields the policy names
// ([Policy.MatchBody]); neither builds a map of the message or allocates.
//
// An [Index] holds many policies and answers which of them match a message,
// with the exact-value conditions in hash maps so that adding policies that
// test different values does not slow matching down.
package pattern
