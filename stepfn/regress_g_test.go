package stepfn_test

import (
	"context"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// An execution whose history reaches 25,000 events fails, as on AWS,
// instead of looping for ever.
func TestHistoryLimit(t *testing.T) {
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"E"}],"Default":"A"},"E":{"Type":"Succeed"}}}`
	sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: def})
	e, _ := sm.Start(context.Background(), stepfn.StartInput{})
	d, _ := e.Wait(context.Background())
	h, _ := e.History()
	if d.Status != stepfn.Failed || d.Error != "States.Runtime" || len(h) > 25002 {
		t.Errorf("a loop: %s %s after %d events", d.Status, d.Error, len(h))
	}
}
