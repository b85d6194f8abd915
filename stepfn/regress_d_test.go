package stepfn_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

func TestToleranceExceededName(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		def := `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"End":true,
			"ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Odd"}}}}}}`
		d, _ := runMachine(t, def, `[1,2,3]`)
		t.Logf("%s %s %q", d.Status, d.Error, d.Cause)
		if d.Error != "States.ExceedToleratedFailureThreshold" {
			t.Errorf("error %s, want States.ExceedToleratedFailureThreshold", d.Error)
		}
	})
}

func TestSendAfterTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const res = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
		tok := make(chan string, 1)
		h := stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
			tok <- task.Token
			return json.RawMessage(`{}`), nil
		})
		sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + res + `","TimeoutSeconds":5,"End":true}}}`}, stepfn.WithHandler(res, h))
		e, _ := sm.Start(context.Background(), stepfn.StartInput{})
		k := <-tok
		<-e.Done()
		err := sm.SendTaskSuccess(k, `{}`)
		t.Logf("%s; SendTaskSuccess after timeout: %v", e.Status(), err)
		if !errors.Is(err, stepfn.ErrTaskTimedOut) {
			t.Errorf("got %v, want TaskTimedOut (ErrTaskTimedOut is declared but never returned)", err)
		}
	})
}
