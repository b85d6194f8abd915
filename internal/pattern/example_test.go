package pattern_test

import (
	"fmt"

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
