package stepfn_test

import (
	"context"
	"encoding/json"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

// FuzzDefinition parses arbitrary definitions: parsing never panics,
// ParseDefinition and ValidateDefinition agree, and a definition that
// parses runs to an end on an input of {} (handlers echo, waits pass in
// virtual time).
func FuzzDefinition(f *testing.F) {
	for _, seed := range []string{
		`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`,
		`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","NumericEquals":1,"Next":"S"}],"Default":"F"},"S":{"Type":"Succeed"},"F":{"Type":"Fail","Error":"E"}}}`,
		`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}}}`,
		`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","ItemSelector":{"v.$":"$$.Map.Item.Value"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
		`{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}],"End":true}}}`,
		`{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"s.$":"States.Format('{}', $.a)"},"Assign":{"x.$":"$.a"},"End":true}}}`,
	} {
		f.Add(seed)
	}
	echo := stepfn.WithResolver(func(string) stepfn.Handler {
		return stepfn.HandlerFunc(func(_ context.Context, t stepfn.Task) (json.RawMessage, error) { return t.Input, nil })
	})
	f.Fuzz(func(t *testing.T, def string) {
		_, err := stepfn.ParseDefinition(def)
		diags := stepfn.ValidateDefinition(def)
		if (err == nil) != (len(diags) == 0) {
			t.Fatalf("ParseDefinition: %v; ValidateDefinition: %v", err, diags)
		}
		if err != nil {
			return
		}
		synctest.Test(t, func(t *testing.T) {
			sm, err := stepfn.New(stepfn.Config{Name: "fuzz", Definition: def}, echo)
			if err != nil {
				t.Fatalf("New of a valid definition: %v", err)
			}
			e, err := sm.Start(context.Background(), stepfn.StartInput{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, err := e.History(); err != nil {
				t.Fatal(err)
			}
		})
	})
}
