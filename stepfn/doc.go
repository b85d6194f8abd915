// Package stepfn provides an Amazon States Language engine: state
// machines written as the JSON that the AWS console, CDK and SAM produce,
// run inside a Go process with Step Functions' data-flow semantics, so
// that one definition runs in a unit test, in an in-process pipeline and
// on AWS.
//
// # Definitions
//
// [ParseDefinition] parses and validates a definition as CreateStateMachine
// does, and [ValidateDefinition] lists its problems as
// ValidateStateMachineDefinition does: AWS's diagnostic codes
// (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, MISSING_END_STATE,
// …) with the location of each problem. All eight state types are
// supported, with the JSONPath query language: InputPath, Parameters,
// ResultSelector, ResultPath and OutputPath in AWS's order, payload
// templates with ".$" keys, the context object ("$$"), variables and
// Assign, the 18 intrinsic functions, and every Choice comparator. A
// Parallel branch or Map iteration may read the variables of the blocks
// around it but not assign a name they assign: such a definition is
// refused.
//
// # Running
//
// [New] makes a [StateMachine]; [StateMachine.Start] starts an
// [Execution], which runs in its own goroutines until it ends or is
// stopped; [StateMachine.StartSync] waits for it. Task states call
// [Handler]s registered by resource ARN ([WithHandler]); [Typed] adapts a
// function of Go values. Tasks with a ".waitForTaskToken" resource wait
// for [StateMachine.SendTaskSuccess] or [StateMachine.SendTaskFailure];
// those and tasks with a HeartbeatSeconds send heartbeats with their token
// ([StateMachine.SendTaskHeartbeat]).
//
// Every wait — Wait states, retry intervals, timeouts, heartbeats — is on
// the machine's clock ([WithClock]), so a test with a clock.Manual or in a
// testing/synctest bubble runs a one-year Wait at once.
//
// # Where AWS differs from the specification
//
// The engine follows AWS where AWS and the States Language specification
// disagree: a Task's TimeoutSeconds defaults to 99999999, not 60; a path
// that matches nothing fails with States.Runtime, which no Retry or Catch
// handles (nor States.DataLimitExceeded); a missed heartbeat is recorded
// as States.Timeout (and still matches States.HeartbeatTimeout); a failed
// Parallel branch or Map iteration fails the state with its own error, not
// States.BranchFailed; States.Format prints objects Java-style; and
// States.JsonMerge refuses deep merging.
//
// # Testing
//
// [ParseMockConfig] reads a Step Functions Local MockConfigFile.json, and
// an execution started with a [StartInput.TestCase] runs its mocked
// responses instead of the handlers. [TestState] runs one state on an
// input and reports its output and the data at each step, as the
// TestState API does.
//
// # Where the package differs from AWS on purpose
//
//   - JSONata ("QueryLanguage": "JSONata") and distributed Map
//     (ItemReader, ItemBatcher, ResultWriter) are refused with an
//     UNSUPPORTED_FEATURE diagnostic: they are later work.
//   - Objects keep no key order: outputs and history encode keys sorted.
//   - Task handlers run in process: Credentials is accepted and ignored,
//     and a plain Go error fails a task as States.TaskFailed.
//   - Inline Map honours ToleratedFailureCount and
//     ToleratedFailurePercentage, which AWS reserves for distributed Map.
//   - Express executions keep no history and are not listed, as on AWS,
//     but their handle still reports how they ended.
package stepfn
