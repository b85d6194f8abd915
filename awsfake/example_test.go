package awsfake_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/switchyard/switchyard/awsfake"
)

// An SDK client takes the account's in-memory client as its HTTP client:
//
//	acct := awsfake.New(awsfake.Config{})
//	client := sqs.New(sqs.Options{
//		Region:       "us-east-1",
//		BaseEndpoint: aws.String("http://switchyard.test"),
//		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
//		HTTPClient:   acct.HTTPClient(),
//	})
//
// Here the SDK's request is written by hand, to show what travels.
func Example() {
	acct := awsfake.New(awsfake.Config{})
	client := acct.HTTPClient()

	req, _ := http.NewRequest("POST", "http://switchyard.test/", strings.NewReader(`{"QueueName":"jobs"}`))
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "AmazonSQS.CreateQueue")
	resp, err := client.Do(req)
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))

	// The same queue, reached by the older Query protocol.
	req, _ = http.NewRequest("POST", "http://switchyard.test/", strings.NewReader("Action=GetQueueUrl&Version=2012-11-05&QueueName=nope"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, _ = client.Do(req)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output:
	// 200 {"QueueUrl":"http://switchyard.test/000000000000/jobs"}
	// 400 text/xml
}

// An SNS subscription to a registered function's ARN calls the function
// with the SNS event, as Lambda would.
func ExampleAccount_RegisterFunction() {
	acct := awsfake.New(awsfake.Config{})
	arn := acct.RegisterFunction("thumbnailer", func(_ context.Context, event []byte) ([]byte, error) {
		return nil, nil
	})
	fmt.Println(arn)
	// Output: arn:aws:lambda:us-east-1:000000000000:function:thumbnailer
}
