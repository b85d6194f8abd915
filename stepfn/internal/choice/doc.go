// Package choice provides the choice rules of an Amazon States Language
// Choice state in its JSONPath flavour: [Parse] checks one rule as
// CreateStateMachine does and compiles it, and [Rule.Eval] decides whether
// it matches, with the semantics AWS's recorded executions show.
//
// A rule is either a boolean rule (And, Or, Not, evaluated left to right
// with short-circuiting) or a data-test rule: a Variable path and exactly
// one comparison operator. The operators are
//
//   - String{Equals,LessThan,GreaterThan,LessThanEquals,GreaterThanEquals}[Path]
//     and StringMatches;
//   - Numeric{Equals,LessThan,GreaterThan,LessThanEquals,GreaterThanEquals}[Path];
//   - BooleanEquals[Path];
//   - Timestamp{Equals,LessThan,GreaterThan,LessThanEquals,GreaterThanEquals}[Path];
//   - IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp, each
//     with a boolean literal ("IsNull": false means "is not null").
//
// Semantics, as recorded against AWS (LocalStack's choice_operators
// snapshots) or documented by AWS:
//
//   - A value of the wrong type makes the comparison false, never an error:
//     StringEquals on a number, NumericEquals on a string, TimestampEquals
//     on a string that is not a timestamp.
//   - A Variable that does not exist is a runtime error (States.Runtime,
//     "Invalid path '$.x': The choice state's condition path references an
//     invalid value.") for every operator except IsPresent, which is then
//     simply false. A *Path operand that does not exist is the same error.
//   - Numbers compare by value: 0 equals 0.0 and -0.
//   - Strings compare as Java's String.compareTo does, by UTF-16 code
//     unit, which orders characters above U+FFFF before U+E000–U+FFFF.
//   - Timestamps are RFC 3339 date-times with an uppercase T, seconds, an
//     optional fraction of 1 to 9 digits, and Z or a ±hh:mm offset; they
//     compare as instants. A literal that is not one is rejected by Parse.
//   - StringMatches: * matches any run of characters; \* and \\ (after JSON
//     decoding) match a literal * and \; a backslash before any other
//     character matches that character.
//
// Deliberate choices where AWS's behaviour is not recorded:
//
//   - Numbers are compared as IEEE 754 binary64 values, as AWS's
//     documentation warns: integers beyond ±(2^53−1) may compare equal to
//     their neighbours, and magnitudes beyond binary64 compare as ±Inf.
//   - A StringMatches pattern ending in an unpaired backslash (an open
//     escape) is accepted by Parse and fails with States.Runtime whenever
//     the rule is evaluated; whether AWS refuses it at CreateStateMachine
//     instead is not recorded.
//   - A *Path operand of the wrong type, or a Timestamp*Path operand that
//     is not a timestamp, makes the comparison false.
//   - The wording of most SCHEMA_VALIDATION_FAILED messages follows AWS's
//     style but is not verbatim; "These fields are required: [Next]",
//     "Field 'X' is not supported" and the JSONata-only message are.
//
// A parsed [Rule] is immutable and safe for concurrent use.
package choice
