package stepfn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stepfn"
)

// The reminder workflow: wait until the reminder is due, then send it by
// email or by SMS, as the user prefers. A manual clock makes the day-long
// wait take no time.
func Example_reminder() {
	const definition = `{
	  "StartAt": "WaitUntilDue",
	  "States": {
	    "WaitUntilDue": {"Type": "Wait", "TimestampPath": "$.due", "Next": "ChooseChannel"},
	    "ChooseChannel": {"Type": "Choice", "Choices": [
	        {"Variable": "$.channel", "StringEquals": "email", "Next": "SendEmail"},
	        {"Variable": "$.channel", "StringEquals": "sms", "Next": "SendSMS"}],
	      "Default": "Unknown"},
	    "SendEmail": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sesv2:sendEmail",
	      "Parameters": {"To.$": "$.to", "Subject.$": "States.Format('Reminder: {}', $.text)"}, "ResultPath": "$.sent", "End": true},
	    "SendSMS": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
	      "Parameters": {"PhoneNumber.$": "$.to", "Message.$": "$.text"}, "ResultPath": "$.sent", "End": true},
	    "Unknown": {"Type": "Fail", "Error": "UnknownChannel", "CausePath": "$.channel"}
	  }
	}`
	clk := clock.NewManual(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	send := func(channel string) stepfn.Handler {
		return stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
			fmt.Printf("%s at %s: %s\n", channel, clk.Now().Format(time.Kitchen), task.Input)
			return json.RawMessage(`{"ok":true}`), nil
		})
	}
	sm, err := stepfn.New(stepfn.Config{Name: "reminders", Definition: definition},
		stepfn.WithClock(clk),
		stepfn.WithHandler("arn:aws:states:::aws-sdk:sesv2:sendEmail", send("email")),
		stepfn.WithHandler("arn:aws:states:::sns:publish", send("sms")))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	e, err := sm.Start(ctx, stepfn.StartInput{Input: `{"due":"2025-03-02T08:30:00Z","channel":"sms","to":"+15550100","text":"dentist"}`})
	if err != nil {
		panic(err)
	}
	if err := clk.WaitForTimers(ctx, 2); err != nil { // the Wait state's timer and the execution's own limit
		panic(err)
	}
	clk.Advance(23*time.Hour + 30*time.Minute)
	d, _ := e.Wait(ctx)
	fmt.Println(d.Status)
	// Output:
	// sms at 8:30AM: {"Message":"dentist","PhoneNumber":"+15550100"}
	// SUCCEEDED
}

// An order saga: reserve stock, charge the card (retrying while the
// payment service is busy), and ship; if charging fails for good, release
// the reservation and report the order failed.
func Example_orderSaga() {
	const definition = `{
	  "StartAt": "Reserve",
	  "States": {
	    "Reserve": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:reserve", "ResultPath": "$.reservation", "Next": "Charge"},
	    "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge", "ResultPath": "$.payment",
	      "Retry": [{"ErrorEquals": ["PaymentBusy"], "IntervalSeconds": 1, "MaxAttempts": 2}],
	      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Release"}],
	      "Next": "Ship"},
	    "Ship": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship", "End": true},
	    "Release": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:release", "ResultPath": null, "Next": "OrderFailed"},
	    "OrderFailed": {"Type": "Fail", "Error": "OrderFailed", "CausePath": "$.error.Cause"}
	  }
	}`
	type order struct {
		ID    string `json:"id"`
		Cents int    `json:"cents"`
	}
	fn := func(name string) string { return "arn:aws:lambda:us-east-1:123456789012:function:" + name }
	charges := 0
	sm, err := stepfn.New(stepfn.Config{Name: "orders", Definition: definition},
		stepfn.WithClock(clock.NewManual(time.Now())),
		stepfn.WithHandler(fn("reserve"), stepfn.Typed(func(_ context.Context, o order) (string, error) {
			fmt.Println("reserve", o.ID)
			return "r-" + o.ID, nil
		})),
		stepfn.WithHandler(fn("charge"), stepfn.Typed(func(_ context.Context, o order) (string, error) {
			charges++
			fmt.Println("charge", o.ID, "attempt", charges)
			if o.Cents > 10000 {
				return "", &stepfn.Failure{Name: "CardDeclined", Cause: "over the limit"}
			}
			return "paid", nil
		})),
		stepfn.WithHandler(fn("ship"), stepfn.Typed(func(_ context.Context, o order) (string, error) {
			fmt.Println("ship", o.ID)
			return "shipped", nil
		})),
		stepfn.WithHandler(fn("release"), stepfn.Typed(func(_ context.Context, o order) (string, error) {
			fmt.Println("release", o.ID)
			return "", nil
		})),
	)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, input := range []string{`{"id":"o-1","cents":2500}`, `{"id":"o-2","cents":99900}`} {
		d, err := sm.StartSync(ctx, stepfn.StartInput{Input: input})
		if err != nil {
			panic(err)
		}
		if d.Status == stepfn.Succeeded {
			fmt.Println(d.Status, d.Output)
		} else {
			fmt.Println(d.Status, d.Error+":", d.Cause)
		}
	}
	// Output:
	// reserve o-1
	// charge o-1 attempt 1
	// ship o-1
	// SUCCEEDED "shipped"
	// reserve o-2
	// charge o-2 attempt 2
	// release o-2
	// FAILED OrderFailed: over the limit
}
