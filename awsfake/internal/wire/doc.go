// Package wire holds what every service of the AWS face shares on the wire:
// reading a request body within a limit, the Query protocol's form with its
// numbered lists, JSON replies and the JSON protocols' error shape (with the
// query-compatible header SQS adds), XML replies and the Query protocols'
// ErrorResponse, and request ids.
//
// Services turn engine errors (*awserr.Error) into replies here without a
// lookup table: the error already carries its code, shape, status and fault.
package wire
