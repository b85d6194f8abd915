// Package sqsapi is the SQS API over the wire: the 23 operations of the
// current API in both of SQS's protocols — AWS JSON 1.0 with the
// query-compatible error header, which the SDKs speak today, and the
// Query protocol with XML replies, which older SDKs and CLIs speak —
// backed by [queue.Queue] values holding string bodies.
//
// Each operation has one Go input type, decoded from a JSON body by its
// member names or from a Query form by the model's xmlName and
// xmlFlattened names (Attribute.N.Name, SendMessageBatchRequestEntry.N.Id,
// MessageAttribute.N.Value.DataType, …), one implementation, and one output
// type that encodes to JSON or to the XML the Query clients read. Errors are
// the engine's [*awserr.Error] values, written as AWS writes them.
//
// Queue URLs are built from the request's Host and resolved by their path
// alone (/<account>/<name>), since the SDKs send every request to their
// endpoint whatever host the queue URL names.
//
// Where the package differs from AWS on purpose is listed on [Service].
package sqsapi
