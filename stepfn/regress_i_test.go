package stepfn_test

import (
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

// TestAWSAssignTemplates runs two AWS-recorded Assign templates
// (LocalStack's base_evaluation_order_pass_state and a Map reading an
// outer variable): OutputPath sees the value the state entered with, and
// iterations read the outer scope.
func TestAWSAssignTemplates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		order := `{"StartAt":"State0","States":{"State0":{"Type":"Pass","Result":{"theQuestion":"q"},"Assign":{"question.$":"$.theQuestion","answer":42},"Next":"State1"},
		"State1":{"Type":"Pass","InputPath":"$answer","ResultPath":"$.theAnswer","OutputPath":"$answer","Assign":{"answer":"<omitted>"},"End":true}}}`
		d, e := runMachine(t, order, `{}`)
		if d.Status != stepfn.Succeeded || d.Output != "42" {
			t.Errorf("evaluation order: %s %s %s, want output 42 (the old value)", d.Status, d.Output, d.Cause)
		}
		h, _ := e.History()
		if last := h[len(h)-2]; last.Type != "PassStateExited" || last.AssignedVariables["answer"] != `"<omitted>"` {
			t.Errorf("State1's exit: %+v", last)
		}
		scope := `{"StartAt":"State0","States":{"State0":{"Type":"Pass","Assign":{"x":42,"items":[1,2,3]},"Next":"State1"},
		"State1":{"Type":"Map","ItemsPath":"$items","MaxConcurrency":1,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Inner","States":{"Inner":{"Type":"Pass","Assign":{"innerX.$":"$x"},"End":true}}},"Next":"State2"},
		"State2":{"Type":"Pass","Assign":{"final.$":"$x"},"End":true}}}`
		d, _ = runMachine(t, scope, `{}`)
		if d.Status != stepfn.Succeeded || d.Output != "[1,2,3]" {
			t.Errorf("scope map: %s %s %s", d.Status, d.Output, d.Cause)
		}
	})
}
