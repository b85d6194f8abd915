package jsonpath_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// A Task state's paths: InputPath selects the books, a filter picks the
// cheap ones, ResultPath places the result beside the input, and a missing
// path fails with the cause AWS reports.
func Example() {
	d := json.NewDecoder(strings.NewReader(`{"order":"o-1","books":[
		{"title":"Sayings of the Century","price":8.95},
		{"title":"Sword of Honour","price":12.99},
		{"title":"Moby Dick","price":8.99}]}`))
	d.UseNumber()
	var input any
	if err := d.Decode(&input); err != nil {
		panic(err)
	}

	cheap, _ := jsonpath.Parse("$.books[?(@.price < 10)].title")
	titles, _ := cheap.Get(input)
	fmt.Println(titles)

	first, _ := jsonpath.Parse("$.books[0].price")
	price, _ := first.Get(input)
	fmt.Println(price, first.Definite())

	resultPath, _ := jsonpath.ParseReference("$.result.cheap")
	output, _ := resultPath.Set(input, titles)
	b, _ := json.Marshal(output)
	fmt.Println(string(b))

	missing, _ := jsonpath.Parse("$.customer.id")
	_, err := missing.Get(input)
	fmt.Printf("Invalid path '%s' : %v (%v)\n", missing, err, errors.Is(err, jsonpath.ErrNoResult))
	// Output:
	// [Sayings of the Century Moby Dick]
	// 8.95 true
	// {"books":[{"price":8.95,"title":"Sayings of the Century"},{"price":12.99,"title":"Sword of Honour"},{"price":8.99,"title":"Moby Dick"}],"order":"o-1","result":{"cheap":["Sayings of the Century","Moby Dick"]}}
	// Invalid path '$.customer.id' : Missing property in path $['customer'] (true)
}

func ExamplePath_Normalized() {
	p, _ := jsonpath.Parse(`$.store.book[0]["title"]`)
	fmt.Println(p.Normalized())
	// Output: $['store']['book'][0]["title"]
}
