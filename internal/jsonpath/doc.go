// Package jsonpath provides the JSONPath evaluator of the Step Functions
// engine: the dialect of Jayway JsonPath (Java), which AWS Step Functions
// runs for the Paths, Reference Paths and payload templates of JSONPath
// states, with the roots Step Functions adds ("$$" for the context object,
// "$name" for a variable).
//
// [Parse] compiles any path; [ParseReference] compiles a Reference Path.
// [Path.Get] evaluates a path against a document decoded by encoding/json
// with UseNumber; [Path.Set] places a value at a reference path without
// modifying the document (ResultPath). A [*Path] is immutable and safe for
// concurrent use.
//
// # Results
//
// A definite path (see [Path.Definite]) gives one value, or an error with
// Jayway's message, such as "No results for path: $['X']", which AWS quotes
// in the cause of States.Runtime. An indefinite path gives a []any of its
// matches in document order, never an error. As in Jayway, an index outside
// the array selects nothing, a negative index counts from the end, a list of
// names as the last step gives one object holding those names
// ($['a','b'] is {"a":..,"b":..}), and a filter on an object tests the object
// itself, on an array each element.
//
// # Filters
//
// A filter is [?(expression)]. "@" is the item tested, "$" the document.
// Expressions combine with &&, || (&& binds tighter), ! and parentheses. A
// path alone tests that it exists (a member holding null exists); after "!"
// it tests that it does not. The operators are Jayway's: == != === !== < <=
// > >= =~ in nin subsetof anyof noneof contains size empty all exists, with
// Jayway's semantics:
//   - numbers compare as decimals (10 == 10.0), strings by UTF-16 units as
//     Java compares them; < <= > >= between a number and a string are false;
//   - == between a number and a string converts the string to a number when
//     the number is on the left, and the number to its Java BigDecimal text
//     when the string is on the left;
//   - =~ takes a regular expression /.../ with the flags i, m, s (and u,
//     which changes nothing) and must match the whole text; numbers and
//     booleans are matched as their text;
//   - in, nin, subsetof, anyof and noneof take a JSON array literal
//     (strings may be in single quotes) or a path selecting an array;
//   - size compares a string's or array's length, empty takes true or
//     false;
//   - an operand of the wrong kind (such as a string after "in") makes the
//     item fail the filter, unless && or || decided before reaching it.
//
// # Functions
//
// A path may end with one of Jayway's functions: length() and size() (an
// array's or object's size, else null), min(), max(), avg(), stddev() and
// sum() (over an array's numbers, as a double printed the Java way: 6.0),
// keys() (an object's names), first(), last() and index(n). On a path that
// starts with "..", the function applies to all the matches together, as
// Jayway does: "$..price.sum()" is the sum of every price. AWS does not
// allow functions in Reference Paths. concat(), append() and distinct(),
// which take arguments, are refused when parsing, as are the filter
// operators type and matches, which need Java objects.
//
// # Differences from Jayway and AWS
//
// These are deliberate or unavoidable:
//   - Go maps keep no member order, so wildcards, deep scans and keys() visit
//     an object's members in sorted key order where Jayway keeps document
//     order. (A sum over such matches can therefore differ from Jayway's in
//     the last digit.)
//   - An indefinite path never fails. Jayway (with default options) fails
//     "$.items[*]" when items is missing; AWS returns [] there, and this
//     package returns [] in every such case, including a slice applied to a
//     non-array, where AWS may fail.
//   - Messages naming Java classes assume Jayway's default json-smart
//     provider (java.lang.String, net.minidev.json.JSONArray, ...); AWS's
//     provider is not documented. For "$$" and "$name" paths, messages print
//     the root as "$", the only root Jayway sees.
//   - [Path.Normalized] prints a filter in full where Jayway prints [?], and
//     index(n) with its argument, so that the result parses back.
//   - Regular expressions are Go's (RE2): no backreferences or lookaround;
//     a pattern Go cannot compile is a parse error. Java's flags d, x and U
//     are refused.
//   - Unknown functions are parse errors (Jayway fails when evaluating). A
//     function must be the last step.
//   - The parser is stricter than Jayway's in corners where Jayway silently
//     reads something else: a name directly after ']' or '*' without a dot,
//     stray characters in brackets, mixed quotes in a list of names, empty
//     entries in a list of indexes, whitespace in a dotted name. Filter
//     placeholders ([?] with predicates passed in Java) are refused.
//   - In a filter, a path ends at '&' or '|' as well as at whitespace and
//     operator characters, so "@.a&&@.b" reads as Jayway reads "@.a && @.b".
//   - Comparisons of a string with a number use the number as written in the
//     document (1e3 prints as 1E+3), where Jayway uses the Java number its
//     JSON provider produced (1000.0). JSON arrays and objects compare with
//     numbers by value, where Java's equals also compares number classes.
//   - In value lists (the right side of in, ...), strings are taken as they
//     are; Jayway re-reads strings that look like paths, JSON or quoted text.
//   - NaN and infinite results of the numeric functions are the strings
//     "NaN", "Infinity" and "-Infinity", as Jackson writes them.
//
// Jayway's quirks are kept where AWS users can meet them: a slice step is
// ignored ([0:4:2] is [0:4]); in a slice with both bounds, negative indexes
// resolve one by one ([-2:5] over three elements is elements 1, 2, 0, 1, 2);
// [1:-1] selects nothing; last() and index(-n) fail when they would select
// the first element; first() and index(n) past the end select nothing when
// an array step comes before them, and fail otherwise; a deep scan whose next step is an index or slice and is
// not the last step applies the rest of the path to every element of each
// array ("$..[0].x" reads x from every element); max() starts from
// -Double.MAX_VALUE; length() of a string is null; the "!" before a path
// followed by an operator is ignored; "all" never matches.
package jsonpath
