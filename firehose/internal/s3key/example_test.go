package s3key_test

import (
	"fmt"
	"time"

	"github.com/switchyard/switchyard/firehose/internal/s3key"
)

func Example() {
	p, err := s3key.Parse(
		"orders/year=!{timestamp:yyyy}/month=!{timestamp:MM}/",
		"errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
		false)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The oldest record in the object arrived at 10:30 UTC.
	at := time.Date(2018, 8, 27, 10, 30, 0, 0, time.UTC)
	prefix, _ := p.Object(s3key.Values{At: at})
	fmt.Println(prefix + s3key.ObjectName("orders-stream", 1, at, nil, "3b4e1a2c-5d6f-4a8b-9c0d-1e2f3a4b5c6d", ".gz"))
	errorPrefix, _ := p.Error(s3key.Values{At: at}, "processing-failed")
	fmt.Println(errorPrefix)

	// An ErrorOutputPrefix is required once Prefix has expressions.
	_, err = s3key.Parse("orders/!{timestamp:yyyy}/", "", false)
	fmt.Println(err)
	// Output:
	// orders/year=2018/month=08/orders-stream-1-2018-08-27-10-30-00-3b4e1a2c-5d6f-4a8b-9c0d-1e2f3a4b5c6d.gz
	// errors/processing-failed/2018/08/27/
	// Ths supplied prefix(es) do not satisfy the following constraint: ErrorOutputPrefix cannot be null or empty when Prefix contains expressions
}

func ExamplePrefixes_Object_dynamicPartitioning() {
	p, err := s3key.Parse("customer_id=!{partitionKeyFromQuery:customer_id}/", "errors/!{firehose:error-output-type}/", true)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := s3key.Values{
		At:    time.Date(2019, 8, 9, 23, 55, 9, 0, time.UTC),
		Query: map[string]string{"customer_id": "1234567890"},
	}
	fmt.Println(p.Object(v))
	// A record without the key goes to the error output.
	v.Query = nil
	_, err = p.Object(v)
	fmt.Println(err)
	fmt.Println(p.Error(v, "processing-failed"))
	// Output:
	// customer_id=1234567890/ <nil>
	// s3key: Prefix reads partition key "customer_id", which the record's query keys lack
	// errors/processing-failed/ <nil>
}
