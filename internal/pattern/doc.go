// Package pattern is the content-filter engine shared by SNS filter
// policies (topic) and EventBridge event patterns (eventbus): one
// compiler, one compiled form and one matcher, with each dialect's rules
// applied when a policy is parsed.
//
// The two dialects share their structure (a JSON object mirroring the
// message, a value array per field, AND across fields, OR within an
// array, $or) and the meaning of every operator they both have:
//
//   - [ParseFilterPolicy] compiles an SNS filter policy for message
//     attributes or the message body. SNS's dialect has exact values,
//     prefix, suffix, equals-ignore-case, anything-but (values, numbers,
//     a prefix), numeric within ±1e9, exists, cidr and $or, at most five
//     keys and 150 combinations, and words its refusals as SNS does.
//   - [ParseEventPattern] compiles an EventBridge event pattern, matched
//     against the whole event. It adds wildcard (with event-ruler's
//     complexity limit), prefix and suffix ignoring case, anything-but
//     suffix, equals-ignore-case and wildcard (each one value or a list),
//     numbers over the whole double range, $or up to 1,000 combinations,
//     patterns up to 2,048 characters, and event-ruler's messages.
//
// A policy is compiled once into a [Policy]: a set of alternatives (the
// expansion of $or), each a conjunction of field conditions, each
// condition an OR of operators on one field. Matching reads a message's
// attributes as they are ([Policy.MatchAttributes]) or walks a JSON body
// once, looking only at the fields the policy names ([Policy.MatchBody]);
// neither builds a map of the message or allocates. Fields are matched
// each on their own: fields under one array of objects may match in
// different elements, where event-ruler requires one element.
//
// An [Index] holds many policies and answers which of them match a message.
// It files each policy under a condition that can only pass on a value the
// message has, found by hashing (exact values, prefixes, suffixes, their
// ignore-case forms, wildcards with a literal end, CIDR ranges) or a search
// tree (numeric ranges), so that adding policies that test different
// values does not slow matching down.
package pattern
