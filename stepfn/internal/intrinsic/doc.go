// Package intrinsic provides the Amazon States Language intrinsic functions:
// the eighteen States.* calls that may appear as the value of a ".$" field
// in a JSONPath state (Parameters, ResultSelector, ItemSelector, Assign, the
// Fail state's ErrorPath and CausePath).
//
// [Parse] checks a call once, when the state machine is defined: the
// function name, the argument syntax, the number of arguments, the type of
// every literal argument, and the limit of ten nested calls. [Call.Paths]
// lists the path arguments so the caller can validate them with its own
// JSONPath engine, and [Call.Eval] runs the call against a resolver for
// those paths. Bad arguments found while running give an [*Error] named
// States.IntrinsicFailure.
//
// JSON values are those encoding/json produces with UseNumber: nil, bool,
// string, [encoding/json.Number], []any and map[string]any. Arguments are
// never modified; results may share nested values with them, so treat a
// result as read-only.
//
// # Behaviour taken from AWS
//
// Where AWS departs from the specification, this package follows AWS as
// recorded in execution histories:
//   - States.Format prints objects and arrays Java-style, {a=1, b=[x, y]},
//     with strings unquoted and null as null, instead of refusing them.
//   - States.MathAdd rounds non-integers the way Java's Math.round does,
//     half up towards positive infinity: 2.5 gives 3, -2.5 gives -2, and
//     -0.5 gives 0.
//   - States.StringSplit splits on any one character of its delimiter
//     string and drops empty pieces (",,a" split on "," is ["a"]).
//   - States.StringToJson of an empty or blank string is null.
//   - States.JsonMerge refuses deep merging (a true third argument).
//
// # Deliberate differences
//
//   - Objects have no key order in Go, so States.Format and
//     States.JsonToString print keys in sorted order where AWS keeps the
//     order of the document.
//   - Numbers are printed as written in the JSON they came from (1.0 stays
//     1.0, 1e2 stays 1e2), where AWS may reprint them through Java's number
//     types; States.StringToJson only folds the integer -0 to 0, as AWS does.
//   - States.JsonToString escapes U+2028 and U+2029, as encoding/json does.
//   - States.MathRandom with a seed returns the same number for the same
//     seed, start and end, but not the number AWS returns for them.
//   - Errors in a call's text (an unknown function, a stray backslash, a
//     literal of the wrong type, a deep=true JsonMerge) are reported by
//     [Parse], when the state machine is defined, where AWS may report some
//     of them only when the state runs.
//
// # Choices where AWS's behaviour is not recorded
//
//   - Runtime failures are named States.IntrinsicFailure, the name the
//     specification gives; the causes are this package's own wording.
//   - States.MathRandom returns an integer from start to end, both included,
//     and rounds non-integer bounds like States.MathAdd.
//   - States.ArrayRange and States.ArrayPartition round non-integer
//     arguments like States.MathAdd; a negative step counts down, and a
//     step pointing away from the end gives an empty array.
//     States.ArrayGetItem wants an integral index.
//   - States.ArrayContains and States.ArrayUnique compare numbers by value,
//     so 1, 1.0 and 1e0 are equal.
//   - The 10,000-character limits of States.Base64Encode, Base64Decode and
//     Hash count UTF-16 code units, as Java's String.length does. Decoded
//     bytes that are not UTF-8 become U+FFFD.
//   - Base64Decode accepts input with or without its trailing padding.
//   - The nesting limit counts levels: ten calls nested inside one another
//     are accepted, eleven are refused.
//   - In a States.Format template, \{, \}, \' and \\ stand for the
//     character; a backslash before anything else in a template taken from a
//     path is kept as it is. A { not followed by } is an error, with the
//     message AWS gives for it, and so is a lone }.
//     The number of {} must equal the number of remaining arguments.
//   - States.StringToJson of null is null. States.Hash, Base64Encode and
//     Base64Decode take only strings.
//   - Integer arguments must round into the int64 range, and States.MathAdd
//     fails when the sum leaves it. States.ArrayGetItem fails on an index
//     past the end.
package intrinsic
