package pattern_test

import (
	"fmt"
	"slices"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/pattern"
)

// A subscription's filter policy on message attributes, and one on the
// body, matched against the same order event.
func ExampleParseFilterPolicy() {
	onAttributes, err := pattern.ParseFilterPolicy(`{"event":["order_placed"],"total":[{"numeric":[">=",100]}]}`, pattern.ScopeAttributes)
	if err != nil {
		panic(err)
	}
	onBody, err := pattern.ParseFilterPolicy(`{"customer":{"country":[{"anything-but":["US"]}]}}`, pattern.ScopeBody)
	if err != nil {
		panic(err)
	}
	attrs := map[string]attr.Value{
		"event": {DataType: "String", StringValue: "order_placed"},
		"total": {DataType: "Number", StringValue: "129.5"},
	}
	body := []byte(`{"order":"o-1","customer":{"id":"c-42","country":"DE"}}`)
	fmt.Println(onAttributes.Match(attrs, body), onBody.Match(attrs, body))

	_, err = pattern.ParseFilterPolicy(`{"a":[1],"b":[2],"c":[3],"d":[4],"e":[5],"f":[6]}`, pattern.ScopeAttributes)
	fmt.Println(err)
	// Output:
	// true true
	// FilterPolicy: Filter policy can not have more than 5 keys
}

// Rules on an event bus: each pattern is compiled once and filed in an
// Index, which answers which rules an event matches; a pattern
// EventBridge would refuse is refused with its reason.
func ExampleParseEventPattern() {
	var rules pattern.Index[string]
	for name, text := range map[string]string{
		"big-orders": `{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">",100]}]}}`,
		"eu-live":    `{"region":[{"prefix":"eu-"}],"detail":{"status":[{"anything-but":"CANCELLED"}]}}`,
		"images":     `{"detail":{"key":[{"wildcard":"uploads/*.png"}]}}`,
	} {
		p, err := pattern.ParseEventPattern(text)
		if err != nil {
			panic(err)
		}
		rules.Set(name, p)
	}
	event := []byte(`{"version":"0","id":"1","source":"com.example.orders","detail-type":"Order Placed",` +
		`"account":"111122223333","time":"2024-05-07T12:34:56Z","region":"eu-west-1","resources":[],` +
		`"detail":{"status":"PLACED","total":129.5}}`)
	matched := rules.AppendMatches(nil, nil, event)
	slices.Sort(matched)
	fmt.Println(matched)

	_, err := pattern.ParseEventPattern(`{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}`)
	fmt.Println("Event pattern is not valid. Reason: " + err.Error())
	// Output:
	// [big-orders eu-live]
	// Event pattern is not valid. Reason: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character
}
