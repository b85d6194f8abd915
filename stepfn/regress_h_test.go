package stepfn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// TestStressRace runs 50 executions at once through callbacks with
// heartbeats, retries, timeouts, a Parallel with a catcher and a Map,
// stopping every fifth: under -race nothing races, every execution ends,
// and the workers answering callbacks late are told so.
func TestStressRace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const cb = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
		var sm *stepfn.StateMachine
		var workers sync.WaitGroup // the goroutines answering callbacks
		cbh := stepfn.HandlerFunc(func(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
			workers.Add(1)
			go func() {
				defer workers.Done()
				time.Sleep(time.Duration(rand.IntN(5)) * time.Second)
				sm.SendTaskHeartbeat(task.Token)
				switch rand.IntN(3) {
				case 0:
					sm.SendTaskSuccess(task.Token, `{"ok":1}`)
				case 1:
					sm.SendTaskFailure(task.Token, "Nope", "x")
				}
				sm.SendTaskSuccess(task.Token, `{}`)
			}()
			return json.RawMessage(`{}`), nil
		})
		fh := stepfn.HandlerFunc(func(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
			select {
			case <-time.After(time.Duration(rand.IntN(4)) * time.Second):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if rand.IntN(4) == 0 {
				return nil, &stepfn.Failure{Name: "Flaky"}
			}
			return task.Input, nil
		})
		def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"M","Assign":{"v.$":"$[0]"},
		  "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"M"}],
		  "Branches":[
		   {"StartAt":"C","States":{"C":{"Type":"Task","Resource":"` + cb + `","HeartbeatSeconds":3,"TimeoutSeconds":10,
		      "Parameters":{"t.$":"$$.Task.Token"},"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}}},
		   {"StartAt":"F","States":{"F":{"Type":"Task","Resource":"` + fn + `","TimeoutSeconds":3,"Retry":[{"ErrorEquals":["Flaky"]}],"End":true}}}]},
		 "M":{"Type":"Map","ItemsPath":"$$.Execution.Input.items","MaxConcurrency":3,"End":true,
		   "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$v"},
		   "ItemProcessor":{"StartAt":"MT","States":{"MT":{"Type":"Task","Resource":"` + fn + `","End":true}}}}}}`
		var err error
		sm, err = stepfn.New(stepfn.Config{Name: "s", Definition: def}, stepfn.WithHandler(cb, cbh), stepfn.WithHandler(fn, fh))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e, err := sm.Start(context.Background(), stepfn.StartInput{Name: fmt.Sprint("e", i), Input: `{"items":[1,2,3,4,5,6]}`})
				if err != nil {
					t.Error(err)
					return
				}
				if i%5 == 0 {
					time.Sleep(time.Duration(rand.IntN(6)) * time.Second)
					e.Stop("S", "s")
				}
				<-e.Done()
				e.History()
				e.Describe()
			}()
		}
		wg.Wait()
		sm.Close(context.Background())
		workers.Wait()
		counts := map[stepfn.Status]int{}
		for _, d := range sm.List("") {
			counts[d.Status]++
		}
		if counts[stepfn.Running] != 0 || counts[stepfn.Succeeded]+counts[stepfn.Failed]+counts[stepfn.Aborted]+counts[stepfn.TimedOut] != 50 {
			t.Errorf("executions ended as %v, want all 50 ended", counts)
		}
	})
}
