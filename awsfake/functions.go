package awsfake

import (
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/awsfake/internal/snsapi"
)

// Function is Go code registered in an account as a Lambda function: it
// receives the event's JSON and returns its result's JSON. An error is a
// function error: Invoke reports it as Lambda does (X-Amz-Function-Error
// and an errorType/errorMessage payload), an asynchronous caller (an SNS
// subscription, a rule's target) retries, a state machine's task fails
// with the error's type as its error name. Return a [*FunctionError] to
// choose that type.
type Function = lambdaapi.Function

// FunctionError is a function error with the errorType Lambda reports for
// it. Any other error a function returns is reported with its Go type's
// name, as the Go runtime for Lambda reports it ("errorString" for
// errors.New).
type FunctionError = lambdaapi.Error

// RegisterFunction makes fn the function called name and returns its ARN,
// arn:aws:lambda:<region>:<account>:function:<name>, which SNS
// subscriptions (protocol "lambda") name as their endpoint. Registering a
// name again replaces the function.
func (a *Account) RegisterFunction(name string, fn Function) string {
	arn := a.arn("lambda", "function:"+name)
	a.mu.Lock()
	a.functions[arn] = fn
	a.mu.Unlock()
	return arn
}

// function returns the function registered under arn. A qualified ARN
// (…:function:name:$LATEST, or a version or alias) names the same function:
// registered functions have no versions.
func (a *Account) function(arn string) (Function, bool) {
	if parts := strings.Split(arn, ":"); len(parts) == 8 {
		arn = strings.Join(parts[:7], ":")
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	fn, ok := a.functions[arn]
	return fn, ok
}

// snsFunction resolves an SNS lambda endpoint.
func (a *Account) snsFunction(arn string) (snsapi.Function, bool) {
	fn, ok := a.function(arn)
	return snsapi.Function(fn), ok
}

// functionARNs returns the unqualified ARNs of the registered functions.
func (a *Account) functionARNs() []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return slices.Sorted(maps.Keys(a.functions))
}
