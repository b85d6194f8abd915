// Package sfnapi is the Step Functions API over the wire: AWS JSON 1.0
// (X-Amz-Target "AWSStepFunctions.<Operation>", camelCase member names)
// over the [stepfn] engine, for one account in one region.
//
// The package decodes each operation's input, checks it as AWS's model
// does, makes one call into the engine and encodes the reply; errors are
// the engine's [*awserr.Error] values and this package's own, written as
// AWS writes them ({"__type":"com.amazonaws.swf.service.v2.model#Code",
// "message":…}; the model's ValidationException under
// com.amazon.coral.validate#).
//
// What the package keeps beside the engine:
//   - state machines as AWS sees them: each an engine [stepfn.StateMachine]
//     per revision (UpdateStateMachine makes a new one, so running
//     executions keep the definition they started with), its published
//     versions (each pointing at the revision it copies), aliases that
//     route executions to versions by weight, and tags;
//   - activities, whose tasks wait in the service for GetActivityTask
//     pollers;
//   - an index from task token to the engine machine or activity task that
//     issued it, so that SendTaskSuccess, SendTaskFailure and
//     SendTaskHeartbeat find a token of any execution of the account.
//
// Task states whose resource is not an activity are resolved by
// [Config.Resolve]; [Service.StartExecution] lets such a resolver start
// executions of this service (states:startExecution).
//
// Where the package differs from AWS on purpose is listed on [Service].
package sfnapi
