package sqsapi_test

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCreateQueueDefaults(t *testing.T) {
	f := newFake(t)
	created := strconv.FormatInt(epoch.Unix(), 10)
	std := f.createQueue("std", nil)
	want := map[string]any{
		"ApproximateNumberOfMessages":           "0",
		"ApproximateNumberOfMessagesNotVisible": "0",
		"ApproximateNumberOfMessagesDelayed":    "0",
		"CreatedTimestamp":                      created,
		"LastModifiedTimestamp":                 created,
		"QueueArn":                              "arn:aws:sqs:us-east-1:000000000000:std",
		"VisibilityTimeout":                     "30",
		"DelaySeconds":                          "0",
		"ReceiveMessageWaitTimeSeconds":         "0",
		"MessageRetentionPeriod":                "345600",
		"MaximumMessageSize":                    "1048576",
		"SqsManagedSseEnabled":                  "true",
	}
	wantMap(t, f.attrs(std, "All"), want)

	fifo := f.createQueue("f.fifo", map[string]string{"FifoQueue": "true"})
	want["QueueArn"] = "arn:aws:sqs:us-east-1:000000000000:f.fifo"
	want["FifoQueue"] = "true"
	want["ContentBasedDeduplication"] = "false"
	want["DeduplicationScope"] = "queue"
	want["FifoThroughputLimit"] = "perQueue"
	wantMap(t, f.attrs(fifo, "All"), want)
}

func TestCreateQueueIdempotence(t *testing.T) {
	f := newFake(t)
	attrs := map[string]string{"VisibilityTimeout": "60", "DelaySeconds": "5"}
	u := f.createQueue("q", attrs)
	f.createQueue("q", attrs)                                        // identical
	f.createQueue("q", map[string]string{"VisibilityTimeout": "60"}) // a subset
	f.createQueue("q", nil)                                          // none
	f.fail("CreateQueue", map[string]any{"QueueName": "q", "Attributes": map[string]string{"VisibilityTimeout": "61"}},
		apiError{400, "QueueNameExists", "QueueAlreadyExists", "A queue already exists with the same name and a different value for attribute VisibilityTimeout"})
	f.fail("CreateQueue", map[string]any{"QueueName": "q", "Attributes": map[string]string{"DelaySeconds": "5", "MessageRetentionPeriod": "60"}},
		apiError{400, "QueueNameExists", "QueueAlreadyExists", "A queue already exists with the same name and a different value for attribute MessageRetentionPeriod"})
	wantMap(t, f.attrs(u, "VisibilityTimeout", "MessageRetentionPeriod"), map[string]any{"VisibilityTimeout": "60", "MessageRetentionPeriod": "345600"})
}

func TestCreateQueueErrors(t *testing.T) {
	f := newFake(t)
	f.createQueue("dlq", nil)
	redrive := func(p string) map[string]string { return map[string]string{"RedrivePolicy": p} }
	tests := []struct {
		name  string
		queue string
		attrs map[string]string
		tags  map[string]string
		want  apiError
	}{
		{"no name", "", nil, nil, apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter QueueName."}},
		{"bad name", "a b", nil, nil, invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")},
		{"long name", strings.Repeat("a", 81), nil, nil, invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")},
		{".fifo name on a standard queue", "q.fifo", nil, nil, invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")},
		{"FIFO queue without .fifo", "q", map[string]string{"FifoQueue": "true"}, nil,
			invalidParameter("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")},
		{"FifoQueue false", "q", map[string]string{"FifoQueue": "false"}, nil, unknownAttr("FifoQueue")},
		{"FifoQueue not a boolean", "q.fifo", map[string]string{"FifoQueue": "yes"}, nil, invalidAttr("FifoQueue")},
		{"visibility out of range", "q", map[string]string{"VisibilityTimeout": "43201"}, nil, invalidAttr("VisibilityTimeout")},
		{"negative delay", "q", map[string]string{"DelaySeconds": "-1"}, nil, invalidAttr("DelaySeconds")},
		{"wait time out of range", "q", map[string]string{"ReceiveMessageWaitTimeSeconds": "21"}, nil, invalidAttr("ReceiveMessageWaitTimeSeconds")},
		{"zero retention", "q", map[string]string{"MessageRetentionPeriod": "0"}, nil, invalidAttr("MessageRetentionPeriod")},
		{"size not a number", "q", map[string]string{"MaximumMessageSize": "big"}, nil, invalidAttr("MaximumMessageSize")},
		{"size too small", "q", map[string]string{"MaximumMessageSize": "1023"}, nil, invalidAttr("MaximumMessageSize")},
		{"content dedup on standard", "q", map[string]string{"ContentBasedDeduplication": "false"}, nil, unknownAttr("ContentBasedDeduplication")},
		{"dedup scope on standard", "q", map[string]string{"DeduplicationScope": "queue"}, nil,
			apiError{400, "InvalidAttributeName", "InvalidAttributeName", "You can specify the DeduplicationScope only when FifoQueue is set to true."}},
		{"throughput without group scope", "q.fifo", map[string]string{"FifoQueue": "true", "FifoThroughputLimit": "perMessageGroupId"}, nil,
			apiError{400, "InvalidAttributeValue", "InvalidAttributeValue", "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup."}},
		{"read-only attribute", "q", map[string]string{"QueueArn": "arn"}, nil, unknownAttr("QueueArn")},
		{"unknown attribute", "q", map[string]string{"Colour": "red"}, nil, unknownAttr("Colour")},
		{"All", "q", map[string]string{"All": "1"}, nil, unknownAttr("All")},
		{"redrive not JSON", "q", redrive("{"), nil, invalidParameter("Value { for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.")},
		{"redrive without target", "q", redrive(`{"maxReceiveCount":3}`), nil,
			invalidParameter(`Value {"maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.`)},
		{"redrive without count", "q", redrive(`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"}`), nil,
			invalidParameter(`Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: maxReceiveCount.`)},
		{"redrive count 0", "q", redrive(`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"0"}`), nil,
			invalidParameter(`Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"0"} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.`)},
		{"redrive to a missing queue", "q", redrive(`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:nope","maxReceiveCount":3}`), nil,
			invalidParameter(`Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:nope","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`)},
		{"FIFO redrive to a standard queue", "q.fifo", map[string]string{"FifoQueue": "true", "RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3}`}, nil,
			invalidParameter(`Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead-letter target must be of same type as the source.`)},
		{"redrive allow policy not JSON", "q", map[string]string{"RedriveAllowPolicy": "x"}, nil, invalidAttr("RedriveAllowPolicy")},
		{"redrive allow policy bad permission", "q", map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"some"}`}, nil, invalidAttr("RedriveAllowPolicy")},
		{"policy not JSON", "q", map[string]string{"Policy": "[]"}, nil, invalidAttr("Policy")},
		{"KMS reuse period", "q", map[string]string{"KmsDataKeyReusePeriodSeconds": "59"}, nil, invalidAttr("KmsDataKeyReusePeriodSeconds")},
		{"too many tags", "q", nil, manyTags(51), invalidParameter("Too many tags added for queue q.")},
		{"empty tag key", "q", nil, map[string]string{"": "v"}, invalidParameter("Tag keys must be between 1 and 128 characters in length.")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := f.with(t)
			in := map[string]any{"QueueName": tt.queue}
			if tt.attrs != nil {
				in["Attributes"] = tt.attrs
			}
			if tt.tags != nil {
				in["tags"] = tt.tags
			}
			f.fail("CreateQueue", in, tt.want)
			if _, ok := f.svc.QueueByName(tt.queue); ok {
				t.Fatalf("queue %q created despite the error", tt.queue)
			}
		})
	}
}

func TestQueueDeletedRecently(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.ok("DeleteQueue", map[string]any{"QueueUrl": u})
	recently := apiError{400, "QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently",
		"You must wait 60 seconds after deleting a queue before you can create another with the same name."}
	f.fail("CreateQueue", map[string]any{"QueueName": "q"}, recently)
	f.createQueue("other", nil) // only the name is blocked
	f.clk.Advance(59 * time.Second)
	f.fail("CreateQueue", map[string]any{"QueueName": "q"}, recently)
	f.clk.Advance(time.Second)
	f.createQueue("q", nil)

	// Query protocol: the same error as an ErrorResponse.
	f.ok("DeleteQueue", map[string]any{"QueueUrl": u})
	r := f.query("CreateQueue", "", map[string][]string{"QueueName": {"q"}})
	wantQueryError(t, r, recently)

	// Reset forgets deleted names.
	f.svc.Reset()
	f.createQueue("q", nil)
}

func TestQueueURLResolution(t *testing.T) {
	f := newFake(t)
	f.createQueue("q", nil)
	for _, u := range []string{
		"http://sqs.test/000000000000/q",
		"https://sqs.eu-west-1.amazonaws.com/000000000000/q",
		"http://localhost:4566/000000000000/q",
		"http://other/queue/us-east-1/000000000000/q",
		"/000000000000/q",
	} {
		f.ok("GetQueueAttributes", map[string]any{"QueueUrl": u})
	}
	for _, u := range []string{
		"http://sqs.test/111111111111/q", // another account
		"http://sqs.test/000000000000/r", // another name
		"q",
		"http://sqs.test/",
		"::",
	} {
		f.fail("GetQueueAttributes", map[string]any{"QueueUrl": u}, errNoQueue)
	}
	f.fail("SendMessage", map[string]any{"MessageBody": "x"},
		apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter QueueUrl."})

	// Queue URLs are built from the request's host and scheme.
	create := func(r *http.Request) string {
		r.Header.Set("X-Amz-Target", "AmazonSQS.GetQueueUrl")
		rep := f.serve(r)
		return rep.json(t)["QueueUrl"].(string)
	}
	r := httptest.NewRequest(http.MethodPost, "http://localhost:9324/", strings.NewReader(`{"QueueName":"q"}`))
	if got := create(r); got != "http://localhost:9324/000000000000/q" {
		t.Errorf("URL %q", got)
	}
	r = httptest.NewRequest(http.MethodPost, "https://secure.test/", strings.NewReader(`{"QueueName":"q"}`))
	r.TLS = &tls.ConnectionState{}
	if got := create(r); got != "https://secure.test/000000000000/q" {
		t.Errorf("URL %q", got)
	}
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"QueueName":"q"}`))
	r.Host = ""
	if got := create(r); got != "https://sqs.us-east-1.amazonaws.com/000000000000/q" {
		t.Errorf("URL %q", got)
	}
}

func TestGetQueueURL(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	if got := f.ok("GetQueueUrl", map[string]any{"QueueName": "q"})["QueueUrl"]; got != u {
		t.Fatalf("QueueUrl %v", got)
	}
	f.ok("GetQueueUrl", map[string]any{"QueueName": "q", "QueueOwnerAWSAccountId": account})
	f.fail("GetQueueUrl", map[string]any{"QueueName": "q", "QueueOwnerAWSAccountId": "111111111111"}, errNoQueue)
	f.fail("GetQueueUrl", map[string]any{"QueueName": "r"}, errNoQueue)
	f.fail("GetQueueUrl", map[string]any{}, apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter QueueName."})
}

func TestListQueues(t *testing.T) {
	f := newFake(t)
	if out := f.ok("ListQueues", map[string]any{}); len(out) != 0 {
		t.Fatalf("ListQueues of none = %v, want {}", out)
	}
	for _, name := range []string{"b", "a2", "a1", "c"} {
		f.createQueue(name, nil)
	}
	urls := func(out map[string]any) string {
		var names []string
		for _, u := range out["QueueUrls"].([]any) {
			names = append(names, strings.TrimPrefix(u.(string), baseURL))
		}
		return strings.Join(names, ",")
	}
	out := f.ok("ListQueues", map[string]any{})
	if got := urls(out); got != "a1,a2,b,c" || out["NextToken"] != nil {
		t.Fatalf("ListQueues = %s, token %v", got, out["NextToken"])
	}
	if got := urls(f.ok("ListQueues", map[string]any{"QueueNamePrefix": "a"})); got != "a1,a2" {
		t.Fatalf("prefix a = %s", got)
	}
	out = f.ok("ListQueues", map[string]any{"MaxResults": 3})
	token, _ := out["NextToken"].(string)
	if got := urls(out); got != "a1,a2,b" || token == "" {
		t.Fatalf("page 1 = %s, token %q", got, token)
	}
	f.createQueue("a3", nil) // created between pages: after a token's name, so on no page
	out = f.ok("ListQueues", map[string]any{"MaxResults": 3, "NextToken": token})
	if got := urls(out); got != "c" || out["NextToken"] != nil {
		t.Fatalf("page 2 = %s, token %v", got, out["NextToken"])
	}
	for _, n := range []int{0, 1001} {
		f.fail("ListQueues", map[string]any{"MaxResults": n},
			invalidParameter(fmt.Sprintf("Value %d for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.", n)))
	}
	f.fail("ListQueues", map[string]any{"NextToken": "!!"}, invalidParameter("Invalid NextToken value."))
}

func TestDeleteQueue(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.send(u, "x")
	q, _ := f.svc.QueueByName("q")
	f.ok("DeleteQueue", map[string]any{"QueueUrl": u})
	if _, ok := f.svc.QueueByName("q"); ok {
		t.Fatal("queue still registered")
	}
	if _, err := q.Send(sendInput("y")); err == nil {
		t.Fatal("the deleted queue still takes messages")
	}
	f.fail("DeleteQueue", map[string]any{"QueueUrl": u}, errNoQueue)
	f.fail("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "x"}, errNoQueue)
	if out := f.ok("ListQueues", map[string]any{}); len(out) != 0 {
		t.Fatalf("ListQueues after delete = %v", out)
	}
}

func TestPurgeQueue(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.send(u, "a")
	f.send(u, "b")
	f.receive(u, 1)
	f.ok("PurgeQueue", map[string]any{"QueueUrl": u})
	if c := f.counts("q"); c != [3]int{} {
		t.Fatalf("counts after purge %v", c)
	}
	f.fail("PurgeQueue", map[string]any{"QueueUrl": u},
		apiError{403, "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", "Only one PurgeQueue operation on q is allowed every 60 seconds."})
	f.clk.Advance(60 * time.Second)
	f.ok("PurgeQueue", map[string]any{"QueueUrl": u})
}

func TestListDeadLetterSourceQueues(t *testing.T) {
	f := newFake(t)
	dlq := f.createQueue("dlq", nil)
	policy := `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2}`
	for _, name := range []string{"s2", "s1", "s3"} {
		f.createQueue(name, map[string]string{"RedrivePolicy": policy})
	}
	f.createQueue("other", nil)
	list := func(in map[string]any) (string, string) {
		out := f.ok("ListDeadLetterSourceQueues", in)
		var names []string
		for _, u := range out["queueUrls"].([]any) {
			names = append(names, strings.TrimPrefix(u.(string), baseURL))
		}
		token, _ := out["NextToken"].(string)
		return strings.Join(names, ","), token
	}
	if got, token := list(map[string]any{"QueueUrl": dlq}); got != "s1,s2,s3" || token != "" {
		t.Fatalf("sources %s, token %q", got, token)
	}
	got, token := list(map[string]any{"QueueUrl": dlq, "MaxResults": 2})
	if got != "s1,s2" || token == "" {
		t.Fatalf("page 1 %s, token %q", got, token)
	}
	if got, next := list(map[string]any{"QueueUrl": dlq, "MaxResults": 2, "NextToken": token}); got != "s3" || next != "" {
		t.Fatalf("page 2 %s, token %q", got, next)
	}
	f.ok("DeleteQueue", map[string]any{"QueueUrl": baseURL + "s2"})
	if got, _ := list(map[string]any{"QueueUrl": dlq}); got != "s1,s3" {
		t.Fatalf("sources after deleting s2: %s", got)
	}
	if got, _ := list(map[string]any{"QueueUrl": baseURL + "other"}); got != "" {
		t.Fatalf("sources of a queue that is no dead-letter queue: %s", got)
	}
	// Unsetting the redrive policy takes the source off the list.
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": baseURL + "s1", "Attributes": map[string]string{"RedrivePolicy": ""}})
	if got, _ := list(map[string]any{"QueueUrl": dlq}); got != "s3" {
		t.Fatalf("sources after unsetting s1's policy: %s", got)
	}
}

func TestQueueLookups(t *testing.T) {
	f := newFake(t)
	f.createQueue("q", nil)
	q, ok := f.svc.QueueByName("q")
	if !ok || q.Name() != "q" {
		t.Fatal("QueueByName")
	}
	if got, ok := f.svc.QueueByARN("arn:aws:sqs:us-east-1:000000000000:q"); !ok || got != q {
		t.Fatal("QueueByARN")
	}
	for _, arn := range []string{"arn:aws:sqs:eu-west-1:000000000000:q", "arn:aws:sqs:us-east-1:111111111111:q", "arn:aws:sns:us-east-1:000000000000:q", "q", ""} {
		if _, ok := f.svc.QueueByARN(arn); ok {
			t.Errorf("QueueByARN(%q) found a queue", arn)
		}
	}
	f.svc.Reset()
	if _, ok := f.svc.QueueByName("q"); ok {
		t.Fatal("queue left after Reset")
	}
	if _, err := q.Send(sendInput("x")); err == nil {
		t.Fatal("Reset left the queue open")
	}
}

func manyTags(n int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m[fmt.Sprintf("k%d", i)] = "v"
	}
	return m
}

func unknownAttr(name string) apiError {
	return apiError{400, "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute " + name + "."}
}

func invalidAttr(name string) apiError {
	return apiError{400, "InvalidAttributeValue", "InvalidAttributeValue", "Invalid value for the parameter " + name + "."}
}

// wantMap fails unless got has exactly want's entries.
func wantMap(t testing.TB, got, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected %s = %v", k, got[k])
		}
	}
}

func TestQueryQueueOperations(t *testing.T) {
	f := newFake(t)
	for _, name := range []string{"b", "a", "dlq"} {
		f.queryOK("CreateQueue", url.Values{"QueueName": {name}}, nil)
	}
	f.queryOK("CreateQueue", url.Values{"QueueName": {"src"}, "Attribute.1.Name": {"RedrivePolicy"},
		"Attribute.1.Value": {`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"4"}`}}, nil)
	var listed struct {
		QueueURL  []string `xml:"QueueUrl"`
		NextToken string
	}
	f.queryOK("ListQueues", url.Values{"MaxResults": {"2"}}, &listed)
	if fmt.Sprint(listed.QueueURL) != "["+baseURL+"a "+baseURL+"b]" || listed.NextToken == "" {
		t.Fatalf("ListQueues page 1 %+v", listed)
	}
	token := listed.NextToken
	listed.QueueURL, listed.NextToken = nil, "" // xml.Unmarshal appends
	f.queryOK("ListQueues", url.Values{"MaxResults": {"2"}, "NextToken": {token}}, &listed)
	if fmt.Sprint(listed.QueueURL) != "["+baseURL+"dlq "+baseURL+"src]" || listed.NextToken != "" {
		t.Fatalf("ListQueues page 2 %+v", listed)
	}
	listed.QueueURL = nil
	f.queryOK("ListQueues", url.Values{"QueueNamePrefix": {"s"}}, &listed)
	if fmt.Sprint(listed.QueueURL) != "["+baseURL+"src]" {
		t.Fatalf("ListQueues prefix %+v", listed)
	}
	var got struct{ QueueUrl string }
	f.queryOK("GetQueueUrl", url.Values{"QueueName": {"a"}}, &got)
	if got.QueueUrl != baseURL+"a" {
		t.Fatalf("GetQueueUrl %q", got.QueueUrl)
	}
	var sources struct {
		QueueURL []string `xml:"QueueUrl"`
	}
	f.queryOK("ListDeadLetterSourceQueues", url.Values{"QueueUrl": {baseURL + "dlq"}}, &sources)
	if fmt.Sprint(sources.QueueURL) != "["+baseURL+"src]" {
		t.Fatalf("ListDeadLetterSourceQueues %+v", sources)
	}
	f.send(baseURL+"a", "x")
	f.queryOK("PurgeQueue", url.Values{"QueueUrl": {baseURL + "a"}}, nil)
	if c := f.counts("a"); c != [3]int{} {
		t.Fatalf("counts after purge %v", c)
	}
	wantQueryError(t, f.query("PurgeQueue", "", url.Values{"QueueUrl": {baseURL + "a"}}),
		apiError{403, "", "AWS.SimpleQueueService.PurgeQueueInProgress", "Only one PurgeQueue operation on a is allowed every 60 seconds."})
	f.queryOK("DeleteQueue", url.Values{"QueueUrl": {baseURL + "a"}}, nil)
	wantQueryError(t, f.query("GetQueueUrl", "", url.Values{"QueueName": {"a"}}),
		apiError{400, "", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version."})
	// DeleteQueue posted to the queue's own URL, as the oldest clients do.
	if r := f.query("DeleteQueue", "/"+account+"/b", nil); r.status != 200 {
		t.Fatalf("DeleteQueue by path: %d %s", r.status, r.body)
	}
	if _, ok := f.svc.QueueByName("b"); ok {
		t.Fatal("queue b not deleted")
	}
}
