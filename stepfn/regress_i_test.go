package stepfn_test

import (
	"testing"
	"testing/synctest"
)

func TestAWSAssignTemplates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		order := `{"StartAt":"State0","States":{"State0":{"Type":"Pass","Result":{"theQuestion":"q"},"Assign":{"question.$":"$.theQuestion","answer":42},"Next":"State1"},
		"State1":{"Type":"Pass","InputPath":"$answer","ResultPath":"$.theAnswer","OutputPath":"$answer","Assign":{"answer":"<omitted>"},"End":true}}}`
		d, e := run(t, order, `{}`)
		t.Logf("evaluation order: %s %s %s %s", d.Status, d.Output, d.Error, d.Cause)
		h, _ := e.History()
		for _, ev := range h {
			t.Logf("  %s %s in=%s out=%s assigned=%v", ev.Type, ev.StateName, ev.Input, ev.Output, ev.AssignedVariables)
		}
		scope := `{"StartAt":"State0","States":{"State0":{"Type":"Pass","Assign":{"x":42,"items":[1,2,3]},"Next":"State1"},
		"State1":{"Type":"Map","ItemsPath":"$items","MaxConcurrency":1,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Inner","States":{"Inner":{"Type":"Pass","Assign":{"innerX.$":"$x"},"End":true}}},"Next":"State2"},
		"State2":{"Type":"Pass","Assign":{"final.$":"$x"},"End":true}}}`
		d, _ = run(t, scope, `{}`)
		t.Logf("scope map: %s %s %s %s", d.Status, d.Output, d.Error, d.Cause)
	})
}
