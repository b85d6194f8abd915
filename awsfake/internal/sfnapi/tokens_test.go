package sfnapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// queueResource is a callback integration the tests resolve: it hands the
// task's token to the test, as a queue would hand it to a consumer.
const queueResource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"

// handOff returns a resolver for queueResource that sends each task's
// token on tokens.
func handOff(tokens chan<- string) func(string) stepfn.Handler {
	return func(resource string) stepfn.Handler {
		if resource != queueResource {
			return nil
		}
		return stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
			tokens <- task.Token
			return json.RawMessage(`{"MessageId":"m"}`), nil
		})
	}
}

const callbackDef = `{"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"` + queueResource + `",` +
	`"Parameters":{"token.$":"$$.Task.Token"},"TimeoutSeconds":60,"End":true}}}`

func TestCallbackTokensOfAnyMachine(t *testing.T) {
	tokens := make(chan string, 10)
	bubble(t, handOff(tokens), func(t *testing.T, f *fake) {
		a := f.start(f.createMachine("a", callbackDef, nil), nil)
		b := f.start(f.createMachine("b", callbackDef, nil), nil)
		synctest.Wait()
		tok1, tok2 := <-tokens, <-tokens
		// Which token is whose does not matter to the caller: the
		// service finds each one's machine.
		f.ok("SendTaskSuccess", map[string]any{"taskToken": tok1, "output": `{"ok":1}`})
		f.ok("SendTaskFailure", map[string]any{"taskToken": tok2, "error": "Nope", "cause": "c"})
		synctest.Wait()
		statuses := map[any]int{}
		for _, e := range []string{a, b} {
			statuses[f.describe(e)["status"]]++
		}
		if statuses["SUCCEEDED"] != 1 || statuses["FAILED"] != 1 {
			t.Errorf("statuses %v, want one of each", statuses)
		}
		f.fail("SendTaskSuccess", map[string]any{"taskToken": tok1, "output": "{}"}, apiError{"TaskDoesNotExist", ""})
		f.fail("SendTaskHeartbeat", map[string]any{"taskToken": tok2}, apiError{"TaskDoesNotExist", ""})

		// A callback that comes after the task's timeout.
		c := f.start(f.createMachine("c", callbackDef, nil), nil)
		synctest.Wait()
		late := <-tokens
		f.fail("SendTaskSuccess", map[string]any{"taskToken": late, "output": "not json"}, apiError{"InvalidOutput", ""})
		time.Sleep(61 * time.Second)
		synctest.Wait()
		if d := f.describe(c); d["error"] != "States.Timeout" {
			t.Errorf("execution %v, want States.Timeout", d)
		}
		f.fail("SendTaskSuccess", map[string]any{"taskToken": late, "output": "{}"}, apiError{"TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"})

		// A machine's tokens go with it.
		d := f.start(f.createMachine("d", callbackDef, nil), nil)
		synctest.Wait()
		gone := <-tokens
		f.ok("StopExecution", map[string]any{"executionArn": d})
		f.ok("DeleteStateMachine", map[string]any{"stateMachineArn": smARN + "d"})
		f.fail("SendTaskSuccess", map[string]any{"taskToken": gone, "output": "{}"}, apiError{"TaskDoesNotExist", ""})
	})
}

func TestStartExecutionForTasks(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("child", passDef, map[string]any{"publish": true})
		e, err := f.svc.StartExecution(context.Background(), arn+":1", "kid", `{"x":1}`)
		if err != nil {
			t.Fatal(err)
		}
		d, err := e.Wait(context.Background())
		if err != nil || d.Status != stepfn.Succeeded || d.Output != `{"v":1}` {
			t.Errorf("child = %+v, %v", d, err)
		}
		if got := f.describe(e.ARN())["stateMachineVersionArn"]; got != arn+":1" {
			t.Errorf("the child's version %v", got)
		}
		if _, err := f.svc.StartExecution(context.Background(), arn, "kid", ""); errorCode(err) != "ExecutionAlreadyExists" {
			t.Errorf("starting the name again: %v", err)
		}
		if _, err := f.svc.StartExecution(context.Background(), smARN+"nope", "", ""); errorCode(err) != "StateMachineDoesNotExist" {
			t.Errorf("starting a missing machine: %v", err)
		}
		sm, ok := f.svc.StateMachineByARN(arn)
		if !ok || sm.Name() != "child" {
			t.Errorf("StateMachineByARN = %v, %v", sm, ok)
		}
		if _, ok := f.svc.StateMachineByARN(smARN + "nope"); ok {
			t.Error("StateMachineByARN found a missing machine")
		}
	})
}

// errorCode returns the AWS code of an error of the service.
func errorCode(err error) string {
	var ae *stepfn.Error
	if !errors.As(err, &ae) {
		return ""
	}
	return ae.Code
}

func TestUnresolvedResource(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		// Nothing answers for the resource: the engine fails the task at
		// run time with States.Runtime, which no Catch can handle.
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::nowhere:call","End":true,` +
			`"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]},"Caught":{"Type":"Succeed"}}}`
		e := f.start(f.createMachine("m", def, nil), nil)
		synctest.Wait()
		if d := f.describe(e); d["status"] != "FAILED" || d["error"] != "States.Runtime" {
			t.Errorf("execution %v", d)
		}
	})
}
