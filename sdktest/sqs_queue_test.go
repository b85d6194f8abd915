package sdktest

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Queue management through the real client: CreateQueue, GetQueueUrl,
// ListQueues, Get/SetQueueAttributes, tags, permissions, DeleteQueue.
// AWS behaviour cited from shared/reference/sqs-and-sns.md §1 ("rec" marks
// responses recorded against AWS).

func TestSQSCreateQueue(t *testing.T) {
	tests := []struct {
		name  string
		queue string
		attrs map[string]string
		want  map[string]string // a subset of GetQueueAttributes(All)
	}{
		{
			name:  "standard with defaults",
			queue: "orders",
			want: map[string]string{
				"QueueArn":                              queueARN("orders"),
				"VisibilityTimeout":                     "30",
				"DelaySeconds":                          "0",
				"ReceiveMessageWaitTimeSeconds":         "0",
				"MessageRetentionPeriod":                "345600",
				"MaximumMessageSize":                    "1048576", // 1 MiB since 2025 (§1.2, rec)
				"SqsManagedSseEnabled":                  "true",    // on new queues (§1.2, rec)
				"ApproximateNumberOfMessages":           "0",
				"ApproximateNumberOfMessagesNotVisible": "0",
				"ApproximateNumberOfMessagesDelayed":    "0",
			},
		},
		{
			name:  "fifo",
			queue: "orders.fifo",
			attrs: map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"},
			want: map[string]string{
				"QueueArn":                  queueARN("orders.fifo"),
				"FifoQueue":                 "true",
				"ContentBasedDeduplication": "true",
				"DeduplicationScope":        "queue",
				"FifoThroughputLimit":       "perQueue",
			},
		},
		{
			name:  "high-throughput fifo",
			queue: "hot.fifo",
			attrs: map[string]string{"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"},
			want:  map[string]string{"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"},
		},
		{
			name:  "attributes",
			queue: "tuned",
			attrs: map[string]string{
				"VisibilityTimeout":             "45",
				"DelaySeconds":                  "5",
				"ReceiveMessageWaitTimeSeconds": "10",
				"MessageRetentionPeriod":        "3600",
				"MaximumMessageSize":            "2048",
			},
			want: map[string]string{
				"VisibilityTimeout":             "45",
				"DelaySeconds":                  "5",
				"ReceiveMessageWaitTimeSeconds": "10",
				"MessageRetentionPeriod":        "3600",
				"MaximumMessageSize":            "2048",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inMemory(t, func(t *testing.T, e *env) {
				url := createQueue(t, e.SQS, tt.queue, tt.attrs)
				if !strings.HasSuffix(url, "/"+account+"/"+tt.queue) {
					t.Errorf("QueueUrl = %q, want …/%s/%s", url, account, tt.queue)
				}
				got := queueAttrs(t, e.SQS, url, sqstypes.QueueAttributeNameAll)
				for k, v := range tt.want {
					if got[k] != v {
						t.Errorf("attribute %s = %q, want %q", k, got[k], v)
					}
				}
				// Timestamps are epoch seconds (§1.2); the bubble's clock
				// has not moved.
				for _, k := range []string{"CreatedTimestamp", "LastModifiedTimestamp"} {
					if got[k] != strconv.FormatInt(time.Now().Unix(), 10) {
						t.Errorf("attribute %s = %q, want %d", k, got[k], time.Now().Unix())
					}
				}
			})
		})
	}
}

func TestSQSCreateQueueIdempotency(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		attrs := map[string]string{"VisibilityTimeout": "45"}
		first := createQueue(t, e.SQS, "idem", attrs)
		if again := createQueue(t, e.SQS, "idem", attrs); again != first {
			t.Errorf("CreateQueue with the same attributes = %q, want the first URL %q", again, first)
		}
		// Same name, another value: QueueAlreadyExists (shape QueueNameExists), §1.1 rec.
		_, err := e.SQS.CreateQueue(t.Context(), &sqs.CreateQueueInput{
			QueueName:  aws.String("idem"),
			Attributes: map[string]string{"VisibilityTimeout": "60"},
		})
		requireAs[*sqstypes.QueueNameExists](t, err)
		requireCode(t, err, "QueueAlreadyExists")
		requireMessage(t, err, "A queue already exists with the same name and a different value for attribute VisibilityTimeout")
		if got := queueAttrs(t, e.SQS, first, "VisibilityTimeout")["VisibilityTimeout"]; got != "45" {
			t.Errorf("after the refused CreateQueue, VisibilityTimeout = %q, want 45 unchanged", got)
		}
	})
}

func TestSQSCreateQueueInvalid(t *testing.T) {
	tests := []struct {
		name  string
		queue string
		attrs map[string]string
		code  string
		msg   string // "" skips the message check
	}{
		{name: "name with spaces", queue: "bad name!", code: "InvalidParameterValue"},
		{name: "name too long", queue: strings.Repeat("q", 81), code: "InvalidParameterValue"},
		{name: ".fifo name on a standard queue", queue: "orders.fifo", code: "InvalidParameterValue"},
		{name: "FifoQueue without .fifo", queue: "orders", attrs: map[string]string{"FifoQueue": "true"}, code: "InvalidParameterValue"},
		{
			name: "ContentBasedDeduplication on standard", queue: "std",
			attrs: map[string]string{"ContentBasedDeduplication": "true"},
			code:  "InvalidAttributeName", msg: "Unknown Attribute ContentBasedDeduplication.", // §1.2 rec
		},
		{name: "VisibilityTimeout out of range", queue: "vt", attrs: map[string]string{"VisibilityTimeout": "43201"}, code: "InvalidAttributeValue"},
		{name: "DelaySeconds out of range", queue: "ds", attrs: map[string]string{"DelaySeconds": "901"}, code: "InvalidAttributeValue"},
		{name: "unknown attribute", queue: "ua", attrs: map[string]string{"Colour": "blue"}, code: "InvalidAttributeName", msg: "Unknown Attribute Colour."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inMemory(t, func(t *testing.T, e *env) {
				_, err := e.SQS.CreateQueue(t.Context(), &sqs.CreateQueueInput{QueueName: aws.String(tt.queue), Attributes: tt.attrs})
				requireCode(t, err, tt.code)
				if tt.msg != "" {
					requireMessage(t, err, tt.msg)
				}
				out, err := e.SQS.ListQueues(t.Context(), &sqs.ListQueuesInput{})
				if err != nil {
					t.Fatal(err)
				}
				if len(out.QueueUrls) != 0 {
					t.Errorf("after a refused CreateQueue, ListQueues = %v, want none", out.QueueUrls)
				}
			})
		})
	}
}

func TestSQSGetQueueUrl(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "lookup", nil)
		for _, owner := range []*string{nil, aws.String(account)} {
			out, err := e.SQS.GetQueueUrl(t.Context(), &sqs.GetQueueUrlInput{QueueName: aws.String("lookup"), QueueOwnerAWSAccountId: owner})
			if err != nil {
				t.Fatalf("GetQueueUrl (owner %v): %v", aws.ToString(owner), err)
			}
			if got := aws.ToString(out.QueueUrl); got != url {
				t.Errorf("GetQueueUrl (owner %v) = %q, want %q", aws.ToString(owner), got, url)
			}
		}
		_, err := e.SQS.GetQueueUrl(t.Context(), &sqs.GetQueueUrlInput{QueueName: aws.String("nope")})
		requireAs[*sqstypes.QueueDoesNotExist](t, err)
		requireCode(t, err, "AWS.SimpleQueueService.NonExistentQueue")
		requireMessage(t, err, "The specified queue does not exist.")
	})
}

// TestSQSQueueDoesNotExist checks that every operation on a queue URL that
// names no queue fails as AWS does: the modelled QueueDoesNotExist with the
// legacy code users compare against (B.3).
func TestSQSQueueDoesNotExist(t *testing.T) {
	missing := aws.String(placeholderEndpoint + "/" + account + "/missing")
	handle := aws.String("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a")
	tests := []struct {
		op   string
		call func(t *testing.T, c *sqs.Client) error
	}{
		{"GetQueueAttributes", func(t *testing.T, c *sqs.Client) error {
			_, err := c.GetQueueAttributes(t.Context(), &sqs.GetQueueAttributesInput{QueueUrl: missing, AttributeNames: []sqstypes.QueueAttributeName{"All"}})
			return err
		}},
		{"SetQueueAttributes", func(t *testing.T, c *sqs.Client) error {
			_, err := c.SetQueueAttributes(t.Context(), &sqs.SetQueueAttributesInput{QueueUrl: missing, Attributes: map[string]string{"DelaySeconds": "1"}})
			return err
		}},
		{"SendMessage", func(t *testing.T, c *sqs.Client) error {
			_, err := c.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: missing, MessageBody: aws.String("x")})
			return err
		}},
		{"SendMessageBatch", func(t *testing.T, c *sqs.Client) error {
			_, err := c.SendMessageBatch(t.Context(), &sqs.SendMessageBatchInput{QueueUrl: missing, Entries: []sqstypes.SendMessageBatchRequestEntry{{Id: aws.String("a"), MessageBody: aws.String("x")}}})
			return err
		}},
		{"ReceiveMessage", func(t *testing.T, c *sqs.Client) error {
			_, err := c.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: missing})
			return err
		}},
		{"DeleteMessage", func(t *testing.T, c *sqs.Client) error {
			_, err := c.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: missing, ReceiptHandle: handle})
			return err
		}},
		{"DeleteMessageBatch", func(t *testing.T, c *sqs.Client) error {
			_, err := c.DeleteMessageBatch(t.Context(), &sqs.DeleteMessageBatchInput{QueueUrl: missing, Entries: []sqstypes.DeleteMessageBatchRequestEntry{{Id: aws.String("a"), ReceiptHandle: handle}}})
			return err
		}},
		{"ChangeMessageVisibility", func(t *testing.T, c *sqs.Client) error {
			_, err := c.ChangeMessageVisibility(t.Context(), &sqs.ChangeMessageVisibilityInput{QueueUrl: missing, ReceiptHandle: handle, VisibilityTimeout: 5})
			return err
		}},
		{"ChangeMessageVisibilityBatch", func(t *testing.T, c *sqs.Client) error {
			_, err := c.ChangeMessageVisibilityBatch(t.Context(), &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: missing, Entries: []sqstypes.ChangeMessageVisibilityBatchRequestEntry{{Id: aws.String("a"), ReceiptHandle: handle, VisibilityTimeout: 5}}})
			return err
		}},
		{"PurgeQueue", func(t *testing.T, c *sqs.Client) error {
			_, err := c.PurgeQueue(t.Context(), &sqs.PurgeQueueInput{QueueUrl: missing})
			return err
		}},
		{"DeleteQueue", func(t *testing.T, c *sqs.Client) error {
			_, err := c.DeleteQueue(t.Context(), &sqs.DeleteQueueInput{QueueUrl: missing})
			return err
		}},
		{"TagQueue", func(t *testing.T, c *sqs.Client) error {
			_, err := c.TagQueue(t.Context(), &sqs.TagQueueInput{QueueUrl: missing, Tags: map[string]string{"k": "v"}})
			return err
		}},
		{"UntagQueue", func(t *testing.T, c *sqs.Client) error {
			_, err := c.UntagQueue(t.Context(), &sqs.UntagQueueInput{QueueUrl: missing, TagKeys: []string{"k"}})
			return err
		}},
		{"ListQueueTags", func(t *testing.T, c *sqs.Client) error {
			_, err := c.ListQueueTags(t.Context(), &sqs.ListQueueTagsInput{QueueUrl: missing})
			return err
		}},
		{"AddPermission", func(t *testing.T, c *sqs.Client) error {
			_, err := c.AddPermission(t.Context(), &sqs.AddPermissionInput{QueueUrl: missing, Label: aws.String("l"), AWSAccountIds: []string{"111122223333"}, Actions: []string{"SendMessage"}})
			return err
		}},
		{"RemovePermission", func(t *testing.T, c *sqs.Client) error {
			_, err := c.RemovePermission(t.Context(), &sqs.RemovePermissionInput{QueueUrl: missing, Label: aws.String("l")})
			return err
		}},
		{"ListDeadLetterSourceQueues", func(t *testing.T, c *sqs.Client) error {
			_, err := c.ListDeadLetterSourceQueues(t.Context(), &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: missing})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			inMemory(t, func(t *testing.T, e *env) {
				err := tt.call(t, e.SQS)
				requireAs[*sqstypes.QueueDoesNotExist](t, err)
				requireCode(t, err, "AWS.SimpleQueueService.NonExistentQueue")
			})
		})
	}
}

func TestSQSListQueues(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		urls := map[string]string{}
		for _, name := range []string{"alpha-1", "alpha-2", "alpha-3", "beta-1"} {
			urls[name] = createQueue(t, e.SQS, name, nil)
		}
		list := func(in *sqs.ListQueuesInput) []string {
			t.Helper()
			out, err := e.SQS.ListQueues(t.Context(), in)
			if err != nil {
				t.Fatalf("ListQueues: %v", err)
			}
			if in.MaxResults == nil && out.NextToken != nil {
				t.Errorf("ListQueues without MaxResults returned NextToken %q; AWS pages only when MaxResults is set (§1.1)", *out.NextToken)
			}
			got := slices.Clone(out.QueueUrls)
			slices.Sort(got)
			return got
		}
		all := slices.Sorted(maps.Values(urls))
		if got := list(&sqs.ListQueuesInput{}); !slices.Equal(got, all) {
			t.Errorf("ListQueues = %v, want %v", got, all)
		}
		if got, want := list(&sqs.ListQueuesInput{QueueNamePrefix: aws.String("alpha")}), []string{urls["alpha-1"], urls["alpha-2"], urls["alpha-3"]}; !slices.Equal(got, want) {
			t.Errorf("ListQueues(prefix alpha) = %v, want %v", got, want)
		}
		if got := list(&sqs.ListQueuesInput{QueueNamePrefix: aws.String("gamma")}); len(got) != 0 {
			t.Errorf("ListQueues(prefix gamma) = %v, want none", got)
		}

		// MaxResults pages with NextToken; the paginator follows it.
		var paged []string
		pages := 0
		p := sqs.NewListQueuesPaginator(e.SQS, &sqs.ListQueuesInput{MaxResults: aws.Int32(3)})
		for p.HasMorePages() {
			out, err := p.NextPage(t.Context())
			if err != nil {
				t.Fatalf("ListQueues page %d: %v", pages+1, err)
			}
			pages++
			if len(out.QueueUrls) > 3 {
				t.Errorf("page %d has %d URLs, want at most MaxResults 3", pages, len(out.QueueUrls))
			}
			paged = append(paged, out.QueueUrls...)
			if pages > 10 {
				t.Fatal("the paginator does not stop")
			}
		}
		slices.Sort(paged)
		if !slices.Equal(paged, all) || pages != 2 {
			t.Errorf("paged ListQueues = %v in %d pages, want %v in 2", paged, pages, all)
		}
	})
}

func TestSQSQueueAttributes(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "attrs", nil)
		fifo := createQueue(t, e.SQS, "attrs.fifo", map[string]string{"FifoQueue": "true"})
		createQueue(t, e.SQS, "attrs-dlq", nil)

		e.advance(t, 10*time.Second)
		redrive := `{"deadLetterTargetArn":"` + queueARN("attrs-dlq") + `","maxReceiveCount":5}`
		_, err := e.SQS.SetQueueAttributes(t.Context(), &sqs.SetQueueAttributesInput{
			QueueUrl: aws.String(url),
			Attributes: map[string]string{
				"VisibilityTimeout":             "60",
				"ReceiveMessageWaitTimeSeconds": "2",
				"RedrivePolicy":                 redrive,
			},
		})
		if err != nil {
			t.Fatalf("SetQueueAttributes: %v", err)
		}

		// Named attributes: exactly those.
		got := queueAttrs(t, e.SQS, url, "VisibilityTimeout", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "LastModifiedTimestamp")
		if len(got) != 4 || got["VisibilityTimeout"] != "60" || got["ReceiveMessageWaitTimeSeconds"] != "2" {
			t.Errorf("GetQueueAttributes(named) = %v, want those 4 with VisibilityTimeout 60, ReceiveMessageWaitTimeSeconds 2", got)
		}
		var rp struct {
			DeadLetterTargetArn string `json:"deadLetterTargetArn"`
			MaxReceiveCount     any    `json:"maxReceiveCount"`
		}
		if err := json.Unmarshal([]byte(got["RedrivePolicy"]), &rp); err != nil {
			t.Fatalf("RedrivePolicy %q is not JSON: %v", got["RedrivePolicy"], err)
		}
		if rp.DeadLetterTargetArn != queueARN("attrs-dlq") || rp.MaxReceiveCount != float64(5) {
			t.Errorf("RedrivePolicy = %s, want deadLetterTargetArn %s and maxReceiveCount 5 (a number)", got["RedrivePolicy"], queueARN("attrs-dlq"))
		}
		if want := strconv.FormatInt(time.Now().Unix(), 10); got["LastModifiedTimestamp"] != want {
			t.Errorf("LastModifiedTimestamp = %q, want %s (the SetQueueAttributes time)", got["LastModifiedTimestamp"], want)
		}

		// No names: no attributes (§1.2).
		if got := queueAttrs(t, e.SQS, url); len(got) != 0 {
			t.Errorf("GetQueueAttributes() = %v, want none", got)
		}

		errs := []struct {
			name string
			call func() error
			code string
			msg  string
		}{
			{"unknown attribute name in Get", func() error {
				_, err := e.SQS.GetQueueAttributes(t.Context(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []sqstypes.QueueAttributeName{"Bogus"}})
				return err
			}, "InvalidAttributeName", "Unknown Attribute Bogus."},
			{"out of range in Set", func() error {
				_, err := e.SQS.SetQueueAttributes(t.Context(), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"VisibilityTimeout": "43201"}})
				return err
			}, "InvalidAttributeValue", ""},
			{"FIFO-only attribute on standard", func() error {
				_, err := e.SQS.SetQueueAttributes(t.Context(), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"ContentBasedDeduplication": "true"}})
				return err
			}, "InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication."},
			{"changing the queue type", func() error {
				_, err := e.SQS.SetQueueAttributes(t.Context(), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(fifo), Attributes: map[string]string{"FifoQueue": "false"}})
				return err
			}, "InvalidAttributeValue", "Modifying queue type is not supported."},
		}
		for _, tt := range errs {
			err := tt.call()
			if tt.code == "InvalidAttributeName" {
				wantAs[*sqstypes.InvalidAttributeName](t, tt.name, err)
			}
			wantError(t, tt.name, err, tt.code, tt.msg)
		}
		if got := queueAttrs(t, e.SQS, url, "VisibilityTimeout")["VisibilityTimeout"]; got != "60" {
			t.Errorf("after refused SetQueueAttributes, VisibilityTimeout = %q, want 60", got)
		}
	})
}

func TestSQSTags(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		out, err := e.SQS.CreateQueue(t.Context(), &sqs.CreateQueueInput{QueueName: aws.String("tagged"), Tags: map[string]string{"team": "core", "cost": "42"}})
		if err != nil {
			t.Fatal(err)
		}
		url := out.QueueUrl
		tags := func() map[string]string {
			t.Helper()
			out, err := e.SQS.ListQueueTags(t.Context(), &sqs.ListQueueTagsInput{QueueUrl: url})
			if err != nil {
				t.Fatalf("ListQueueTags: %v", err)
			}
			return out.Tags
		}
		if got, want := tags(), map[string]string{"team": "core", "cost": "42"}; !maps.Equal(got, want) {
			t.Errorf("tags after CreateQueue = %v, want %v", got, want)
		}
		if _, err := e.SQS.TagQueue(t.Context(), &sqs.TagQueueInput{QueueUrl: url, Tags: map[string]string{"team": "platform", "env": "test"}}); err != nil {
			t.Fatalf("TagQueue: %v", err)
		}
		if got, want := tags(), map[string]string{"team": "platform", "cost": "42", "env": "test"}; !maps.Equal(got, want) {
			t.Errorf("tags after TagQueue = %v, want %v", got, want)
		}
		if _, err := e.SQS.UntagQueue(t.Context(), &sqs.UntagQueueInput{QueueUrl: url, TagKeys: []string{"team", "absent"}}); err != nil {
			t.Fatalf("UntagQueue: %v", err)
		}
		if got, want := tags(), map[string]string{"cost": "42", "env": "test"}; !maps.Equal(got, want) {
			t.Errorf("tags after UntagQueue = %v, want %v", got, want)
		}
	})
}

func TestSQSPermissions(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "shared", nil))
		_, err := e.SQS.AddPermission(t.Context(), &sqs.AddPermissionInput{
			QueueUrl:      url,
			Label:         aws.String("partner-send"),
			AWSAccountIds: []string{"111122223333"},
			Actions:       []string{"SendMessage", "GetQueueUrl"},
		})
		if err != nil {
			t.Fatalf("AddPermission: %v", err)
		}
		policy := queueAttrs(t, e.SQS, *url, "Policy")["Policy"]
		var doc struct {
			Version   string
			Statement []struct {
				Sid       string
				Effect    string
				Principal map[string]any
				Action    any
				Resource  string
			}
		}
		if err := json.Unmarshal([]byte(policy), &doc); err != nil {
			t.Fatalf("Policy %q is not JSON: %v", policy, err)
		}
		if doc.Version != "2012-10-17" || len(doc.Statement) != 1 {
			t.Fatalf("Policy = %s, want version 2012-10-17 with one statement", policy)
		}
		st := doc.Statement[0]
		actions := strings.ToLower(strings.Join(stringList(st.Action), " "))
		if st.Sid != "partner-send" || st.Effect != "Allow" || st.Resource != queueARN("shared") ||
			!strings.Contains(jsonString(st.Principal), "111122223333") ||
			actions != "sqs:sendmessage sqs:getqueueurl" {
			t.Errorf("Policy statement = %+v, want Sid partner-send allowing SQS:SendMessage and SQS:GetQueueUrl to 111122223333 on %s", st, queueARN("shared"))
		}

		// The same label again (moto's AWS-matched text).
		_, err = e.SQS.AddPermission(t.Context(), &sqs.AddPermissionInput{QueueUrl: url, Label: aws.String("partner-send"), AWSAccountIds: []string{"111122223333"}, Actions: []string{"ReceiveMessage"}})
		requireCode(t, err, "InvalidParameterValue")
		requireMessage(t, err, "Value partner-send for parameter Label is invalid. Reason: Already exists.")

		if _, err := e.SQS.RemovePermission(t.Context(), &sqs.RemovePermissionInput{QueueUrl: url, Label: aws.String("partner-send")}); err != nil {
			t.Fatalf("RemovePermission: %v", err)
		}
		if p := queueAttrs(t, e.SQS, *url, "Policy")["Policy"]; strings.Contains(p, "partner-send") {
			t.Errorf("Policy after RemovePermission = %s, want no statement partner-send", p)
		}
		_, err = e.SQS.RemovePermission(t.Context(), &sqs.RemovePermissionInput{QueueUrl: url, Label: aws.String("partner-send")})
		requireCode(t, err, "InvalidParameterValue")
	})
}

// jsonString is v as JSON, for loose checks of policy documents.
func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// stringList reads a policy member that AWS writes as a string or as a
// list of strings.
func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func TestSQSDeleteQueue(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := aws.String(createQueue(t, e.SQS, "doomed", nil))
		keep := createQueue(t, e.SQS, "kept", nil)
		if _, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String("x")}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.SQS.DeleteQueue(t.Context(), &sqs.DeleteQueueInput{QueueUrl: url}); err != nil {
			t.Fatalf("DeleteQueue: %v", err)
		}
		_, err := e.SQS.GetQueueUrl(t.Context(), &sqs.GetQueueUrlInput{QueueName: aws.String("doomed")})
		requireAs[*sqstypes.QueueDoesNotExist](t, err)
		out, err := e.SQS.ListQueues(t.Context(), &sqs.ListQueuesInput{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(out.QueueUrls, []string{keep}) {
			t.Errorf("ListQueues after DeleteQueue = %v, want [%s]", out.QueueUrls, keep)
		}
		_, err = e.SQS.DeleteQueue(t.Context(), &sqs.DeleteQueueInput{QueueUrl: url})
		requireAs[*sqstypes.QueueDoesNotExist](t, err)
	})
}

func TestSQSPurgeQueue(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "purge-me", nil)
		for _, b := range []string{"a", "b", "c"} {
			if _, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(b)}); err != nil {
				t.Fatal(err)
			}
		}
		inFlight, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url)})
		if err != nil || len(inFlight.Messages) != 1 {
			t.Fatalf("ReceiveMessage = %v, %v; want one message", inFlight, err)
		}
		if _, err := e.SQS.PurgeQueue(t.Context(), &sqs.PurgeQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatalf("PurgeQueue: %v", err)
		}
		// Purge deletes everything, in flight included (§1.8).
		got := queueAttrs(t, e.SQS, url, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
		if got["ApproximateNumberOfMessages"] != "0" || got["ApproximateNumberOfMessagesNotVisible"] != "0" {
			t.Errorf("after PurgeQueue, counts = %v, want 0 and 0", got)
		}
		e.advance(t, 31*time.Second) // past the in-flight message's visibility timeout
		if ms := receive(t, e.SQS, url); len(ms) != 0 {
			t.Errorf("after PurgeQueue, received %v, want nothing", bodies(ms))
		}

		// Once per 60 seconds (§1.8, rec); 31 s have passed.
		_, err = e.SQS.PurgeQueue(t.Context(), &sqs.PurgeQueueInput{QueueUrl: aws.String(url)})
		requireAs[*sqstypes.PurgeQueueInProgress](t, err)
		requireCode(t, err, "AWS.SimpleQueueService.PurgeQueueInProgress")
		requireMessage(t, err, "Only one PurgeQueue operation on purge-me is allowed every 60 seconds.")

		e.advance(t, 30*time.Second)
		if _, err := e.SQS.PurgeQueue(t.Context(), &sqs.PurgeQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Errorf("PurgeQueue 61 s after the first: %v", err)
		}
	})
}
