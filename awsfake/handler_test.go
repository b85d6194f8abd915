package awsfake_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake"
)

func TestHandlerRoutesEachProtocol(t *testing.T) {
	client := awsfake.New(awsfake.Config{}).HTTPClient()
	if r := sqsJSON(t, client, "CreateQueue", `{"QueueName":"jobs"}`); r.status != 200 || !strings.Contains(r.body, `/000000000000/jobs"`) {
		t.Fatalf("SQS JSON CreateQueue: %d %s", r.status, r.body)
	}
	signedSQS := http.Header{"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x"}}
	signedSNS := http.Header{"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=x"}}
	for _, tc := range []struct {
		name   string
		path   string
		form   url.Values
		header http.Header
		status int
		want   string
	}{
		{"SQS by version", "/", url.Values{"Action": {"GetQueueUrl"}, "Version": {"2012-11-05"}, "QueueName": {"jobs"}}, nil, 200, "<GetQueueUrlResponse"},
		{"SQS by signing scope", "/", url.Values{"Action": {"ListQueues"}}, signedSQS, 200, "<ListQueuesResponse"},
		{"SQS by queue path", "/000000000000/jobs", url.Values{"Action": {"GetQueueAttributes"}, "AttributeName.1": {"QueueArn"}}, nil, 200, "arn:aws:sqs:us-east-1:000000000000:jobs"},
		{"SNS by version", "/", url.Values{"Action": {"CreateTopic"}, "Version": {"2010-03-31"}, "Name": {"news"}}, nil, 200, "<CreateTopicResponse"},
		{"SNS by signing scope", "/", url.Values{"Action": {"ListTopics"}}, signedSNS, 200, "arn:aws:sns:us-east-1:000000000000:news"},
		{"no action", "/", url.Values{"Version": {"2099-01-01"}}, nil, 400, "<Code>MissingAction</Code>"},
		{"no service", "/", url.Values{"Action": {"DescribeInstances"}}, nil, 400, "The action DescribeInstances is not valid for this web service."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := query(t, client, tc.path, tc.form, tc.header)
			if r.status != tc.status || !strings.Contains(r.body, tc.want) {
				t.Errorf("got %d %s\nwant %d containing %q", r.status, r.body, tc.status, tc.want)
			}
		})
	}
}

func TestHandlerUnknownJSONTarget(t *testing.T) {
	client := awsfake.New(awsfake.Config{}).HTTPClient()
	req, _ := http.NewRequest("POST", "http://switchyard.test/", strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	r := do(t, client, req)
	if r.status != 400 || r.jsonOf(t)["__type"] != "UnknownOperationException" {
		t.Errorf("got %d %s", r.status, r.body)
	}
}

func TestHandlerRefusesOversizedBodies(t *testing.T) {
	a := awsfake.New(awsfake.Config{})
	client := a.HTTPClient()
	huge := strings.Repeat("x", 6<<20)
	r := sqsJSON(t, client, "SendMessage", `{"QueueUrl":"x","MessageBody":"`+huge+`"}`)
	if r.status != 413 {
		t.Errorf("JSON: got %d %s", r.status, r.body)
	}
	r = query(t, client, "/", url.Values{"Action": {"Publish"}, "Version": {"2010-03-31"}, "Message": {huge[:2<<20]}}, nil)
	if r.status != 413 {
		t.Errorf("Query: got %d %.200s", r.status, r.body)
	}
}

func TestAccountsShareNothing(t *testing.T) {
	a, b := awsfake.New(awsfake.Config{}), awsfake.New(awsfake.Config{})
	if r := sqsJSON(t, a.HTTPClient(), "CreateQueue", `{"QueueName":"only-in-a"}`); r.status != 200 {
		t.Fatal(r.body)
	}
	r := sqsJSON(t, b.HTTPClient(), "GetQueueUrl", `{"QueueName":"only-in-a"}`)
	if r.status != 400 || r.header.Get("x-amzn-query-error") != "AWS.SimpleQueueService.NonExistentQueue;Sender" {
		t.Errorf("another account's queue: %d %v %s", r.status, r.header, r.body)
	}
	if _, ok := a.Queue("only-in-a"); !ok {
		t.Error("the engine behind the API is reachable by name")
	}
}
