// Package lambdaapi serves the part of Lambda's REST API (restJson1, paths
// under /2015-03-31/) that Go functions registered in an account need:
// Invoke in its three invocation types, read-only views of the registered
// functions (GetFunction, GetFunctionConfiguration, ListFunctions), and
// event source mappings that feed SQS queues and Kinesis streams to them.
//
// Functions are Go code ([Function]); they have no versions, so every
// qualifier ($LATEST, a version number, an alias name) names the same code
// and every invocation reports version $LATEST.
//
// Each operation has one input type, checked as Lambda checks it (model
// constraints as a ValidationException, the rest as Lambda's own
// exceptions), and one output type. Errors are written as Lambda writes
// them: the code in the X-Amzn-ErrorType header and a JSON body
// {"Type":"User","message":…} (or "Message", for the errors whose model
// spells it so).
//
// Event source mappings are run by the engines' own consumers:
// [queue.Consume] for queues and a [stream.Group] for streams, so that
// batching, visibility timeouts, retries, bisection and partial batch
// failures behave as those packages document.
//
// Where the package differs from Lambda on purpose is listed on [Service].
package lambdaapi
