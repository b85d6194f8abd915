package input_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/eventbus/internal/input"
)

func ExampleCompile() {
	shaper, err := input.Compile(input.Spec{
		TargetID: "notify",
		Transformer: &input.Transformer{
			PathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state"},
			Template: `{"instance": <instance>, "message": "<instance> is <state> (rule <aws.events.rule-name>)"}`,
		},
	})
	if err != nil {
		panic(err)
	}
	event := []byte(`{"id":"7bf7","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","time":"2015-11-11T21:29:54Z","detail":{"instance-id":"i-0123456789","state":"RUNNING"}}`)
	out, err := shaper.Apply(event, input.Vars{RuleName: "ec2-watch", IngestionTime: time.Now()})
	fmt.Println(string(out), err)
	// Output: {"instance":"i-0123456789","message":"i-0123456789 is RUNNING (rule ec2-watch)"} <nil>
}

func ExampleCompile_refused() {
	_, err := input.Compile(input.Spec{
		TargetID: "notify",
		Transformer: &input.Transformer{
			PathsMap: map[string]string{"state": "$.detail.state"},
			Template: `"<instance> is <state>"`,
		},
	})
	fmt.Println(errors.Is(err, input.ErrValidation))
	fmt.Println(err)
	// Output:
	// true
	// InputTemplate for target notify contains invalid placeholder instance.
}
