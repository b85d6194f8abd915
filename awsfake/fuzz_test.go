package awsfake_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake"
)

// FuzzHandler sends arbitrary requests through the router: whatever the
// target, path and body, the account answers with an AWS error or a
// result, never a panic or a 5xx, and a request that fails creates nothing.
func FuzzHandler(f *testing.F) {
	for _, seed := range []struct{ target, path, body string }{
		{"AmazonSQS.CreateQueue", "/", `{"QueueName":"q"}`},
		{"AmazonSQS.SendMessage", "/", `{"QueueUrl":"http://x/000000000000/q","MessageBody":"hi"}`},
		{"AmazonSQS.", "/", `{`},
		{"Kinesis_20131202.ListStreams", "/", `{}`},
		{"Kinesis_20131202.CreateStream", "/", `{"StreamName":"s","ShardCount":1}`},
		{"Kinesis_20131202.PutRecords", "/", `{"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"k"}]}`},
		{"Firehose_20150804.CreateDeliveryStream", "/", `{"DeliveryStreamName":"d","ExtendedS3DestinationConfiguration":{"BucketARN":"arn:aws:s3:::b","RoleARN":"arn:aws:iam::000000000000:role/r"}}`},
		{"Firehose_20150804.PutRecord", "/", `{"DeliveryStreamName":"d","Record":{"Data":"aGk="}}`},
		{"AWSStepFunctions.CreateStateMachine", "/", `{"name":"m","roleArn":"arn:aws:iam::000000000000:role/r","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}`},
		{"AWSStepFunctions.StartExecution", "/", `{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:m","input":"{}"}`},
		{"AWSEvents.PutRule", "/", `{"Name":"r","EventPattern":"{\"source\":[\"x\"]}"}`},
		{"AWSEvents.PutEvents", "/", `{"Entries":[{"Source":"x","DetailType":"d","Detail":"{}"}]}`},
		{"", "/2015-03-31/functions/f/invocations", `{}`},
		{"", "/2015-03-31/event-source-mappings/", `{"FunctionName":"f","EventSourceArn":"arn:aws:sqs:us-east-1:000000000000:q"}`},
		{"", "/", "Action=CreateTopic&Version=2010-03-31&Name=t"},
		{"", "/", "Action=SendMessage&Version=2012-11-05&QueueUrl=http://x/000000000000/q&MessageBody=x"},
		{"", "/000000000000/q", "Action=ReceiveMessage&WaitTimeSeconds=0"},
		{"", "/", "Action=Publish&TopicArn=arn:aws:sns:us-east-1:000000000000:t&Message=m&MessageAttributes.entry.1.Name=a"},
		{"", "/", "%zz&Action"},
		{"", "/a/b/c", "Version=2012-11-05"},
	} {
		f.Add(seed.target, seed.path, seed.body)
	}
	f.Fuzz(func(t *testing.T, target, path, body string) {
		acct := awsfake.New(awsfake.Config{})
		defer acct.Close(context.Background())
		client := acct.HTTPClient()
		req, err := http.NewRequest("POST", "http://switchyard.test/", strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.URL.Path = "/" + strings.TrimLeft(path, "/")
		if target != "" {
			req.Header.Set("X-Amz-Target", target)
			req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		// A long poll or a subscription would wait for real: fuzzed
		// requests are short ones.
		if strings.Contains(body, "WaitTimeSeconds") || strings.Contains(target, "SubscribeToShard") || strings.Contains(target, "GetActivityTask") {
			t.Skip()
		}
		r := do(t, client, req)
		if r.status >= 500 {
			t.Fatalf("status %d for %q %q %q: %s", r.status, target, path, body, r.body)
		}
		if r.status >= 400 {
			if _, ok := acct.Queue("q"); ok {
				t.Errorf("a failed request created a queue: %d %s", r.status, r.body)
			}
		}
	})
}
