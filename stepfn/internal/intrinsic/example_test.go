package intrinsic_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/stepfn/internal/intrinsic"
)

func Example() {
	// The value of a "greeting.$" field in a Pass state's Parameters.
	text := "States.Format('Hello, {}! You have {} orders: {}', $.name, States.ArrayLength($.orders), $.orders)"
	if !intrinsic.IsCall(text) {
		panic("not a call")
	}
	call, err := intrinsic.Parse(text)
	if err != nil {
		panic(err)
	}
	fmt.Println(call.Paths())

	// The state's input, decoded as the engine decodes JSON.
	dec := json.NewDecoder(strings.NewReader(`{"name": "Ana", "orders": [{"id": 7}, {"id": 9}]}`))
	dec.UseNumber()
	var input map[string]any
	if err := dec.Decode(&input); err != nil {
		panic(err)
	}
	// A stand-in for the engine's JSONPath resolver.
	resolve := func(path string) (any, error) {
		v, ok := input[strings.TrimPrefix(path, "$.")]
		if !ok {
			return nil, errors.New("no such path: " + path)
		}
		return v, nil
	}
	out, err := call.Eval(resolve, intrinsic.Env{})
	if err != nil {
		panic(err)
	}
	fmt.Println(out)

	// Bad argument values fail with States.IntrinsicFailure.
	bad, _ := intrinsic.Parse("States.ArrayGetItem($.orders, 5)")
	_, err = bad.Eval(resolve, intrinsic.Env{})
	var ie *intrinsic.Error
	if errors.As(err, &ie) {
		fmt.Println(ie.Name)
		fmt.Println(ie.Cause)
	}
	// Output:
	// [$.name $.orders $.orders]
	// Hello, Ana! You have 2 orders: [{id=7}, {id=9}]
	// States.IntrinsicFailure
	// Invalid arguments in States.ArrayGetItem: index 5 is out of bounds for an array of length 2
}
