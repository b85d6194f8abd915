package sdktest

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/firehose"
	fhtypes "github.com/aws/aws-sdk-go-v2/service/firehose/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/switchyard/switchyard/awsfake"
	fh "github.com/switchyard/switchyard/firehose"
)

// The cross-service scenario: an EventBridge rule starts a state machine
// for each placed order; its tasks send the order to an SQS queue, publish
// it to an SNS topic (whose subscription is a second queue) and put it in
// a Firehose delivery stream, whose S3-style destination writes it to the
// account's object store. Everything is set up and checked through the
// real SDK clients, in a synctest bubble: the minute of buffering passes
// in virtual time.

const fulfilmentDefinition = `{
  "Comment": "Fulfil a placed order.",
  "StartAt": "Queue",
  "States": {
    "Queue": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage",
      "Parameters": {"QueueUrl": "%QUEUE%", "MessageBody.$": "$.detail"},
      "ResultPath": "$.queued",
      "Next": "Announce"
    },
    "Announce": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish",
      "Parameters": {"TopicArn": "%TOPIC%", "Message.$": "$.detail", "Subject": "order placed"},
      "ResultPath": "$.announced",
      "Next": "Record"
    },
    "Record": {
      "Type": "Task",
      "Resource": "arn:aws:states:::aws-sdk:firehose:putRecord",
      "Parameters": {"DeliveryStreamName": "order-results", "Record": {"Data.$": "States.JsonToString($.detail)"}},
      "ResultSelector": {"recordId.$": "$.RecordId"},
      "ResultPath": "$.recorded",
      "End": true
    }
  }
}`

func TestCrossServiceOrderScenario(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		acct := awsfake.New(awsfake.Config{})
		t.Cleanup(func() { closeAccount(t, acct) })
		hc := acct.HTTPClient()
		sqsc, snsc := newSQS(placeholderEndpoint, hc), newSNS(placeholderEndpoint, hc)
		fhc, sfnc, ebc := newFirehose(placeholderEndpoint, hc), newSFN(placeholderEndpoint, hc), newEventBridge(placeholderEndpoint, hc)
		const role = "arn:aws:iam::000000000000:role/switchyard"

		// ok fails the test when a call fails.
		ok := func(what string, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		}

		fulfilment := createQueue(t, sqsc, "fulfilment", nil)
		audit := createQueue(t, sqsc, "audit", nil)
		topic, err := snsc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
		ok("CreateTopic", err)
		_, err = snsc.Subscribe(ctx, &sns.SubscribeInput{
			TopicArn:   topic.TopicArn,
			Protocol:   aws.String("sqs"),
			Endpoint:   aws.String("arn:aws:sqs:us-east-1:000000000000:audit"),
			Attributes: map[string]string{"RawMessageDelivery": "true"},
		})
		ok("Subscribe", err)
		_, err = fhc.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
			DeliveryStreamName: aws.String("order-results"),
			ExtendedS3DestinationConfiguration: &fhtypes.ExtendedS3DestinationConfiguration{
				BucketARN:      aws.String("arn:aws:s3:::results"),
				RoleARN:        aws.String(role),
				Prefix:         aws.String("orders/"),
				BufferingHints: &fhtypes.BufferingHints{IntervalInSeconds: aws.Int32(60), SizeInMBs: aws.Int32(1)},
			},
		})
		ok("CreateDeliveryStream", err)
		def := strings.NewReplacer("%QUEUE%", fulfilment, "%TOPIC%", *topic.TopicArn).Replace(fulfilmentDefinition)
		sm, err := sfnc.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
			Name: aws.String("fulfil"), Definition: aws.String(def), RoleArn: aws.String(role),
		})
		ok("CreateStateMachine", err)
		_, err = ebc.PutRule(ctx, &eventbridge.PutRuleInput{
			Name:         aws.String("order-placed"),
			EventPattern: aws.String(`{"source":["shop"],"detail-type":["OrderPlaced"]}`),
		})
		ok("PutRule", err)
		targets, err := ebc.PutTargets(ctx, &eventbridge.PutTargetsInput{
			Rule:    aws.String("order-placed"),
			Targets: []ebtypes.Target{{Id: aws.String("fulfil"), Arn: sm.StateMachineArn, RoleArn: aws.String(role)}},
		})
		ok("PutTargets", err)
		if targets.FailedEntryCount != 0 {
			t.Fatalf("PutTargets failed entries: %+v", targets.FailedEntries)
		}

		put, err := ebc.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
			{Source: aws.String("shop"), DetailType: aws.String("OrderPlaced"), Detail: aws.String(`{"orderId":"o-1","total":42}`)},
			{Source: aws.String("shop"), DetailType: aws.String("OrderCancelled"), Detail: aws.String(`{"orderId":"o-2"}`)},
		}})
		ok("PutEvents", err)
		if put.FailedEntryCount != 0 {
			t.Fatalf("PutEvents failed entries: %+v", put.Entries)
		}

		// The rule starts the execution; the delivery stream buffers its
		// record for 60 seconds of virtual time.
		time.Sleep(61 * time.Second)
		synctest.Wait()

		execs, err := sfnc.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: sm.StateMachineArn})
		ok("ListExecutions", err)
		if len(execs.Executions) != 1 || execs.Executions[0].Status != sfntypes.ExecutionStatusSucceeded {
			t.Fatalf("executions: %+v; want one SUCCEEDED (the cancelled order matches no rule)", execs.Executions)
		}
		desc, err := sfnc.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: execs.Executions[0].ExecutionArn})
		ok("DescribeExecution", err)
		var output struct {
			Detail   map[string]any            `json:"detail"`
			Recorded struct{ RecordID string } `json:"recorded"`
		}
		if err := json.Unmarshal([]byte(aws.ToString(desc.Output)), &output); err != nil || output.Detail["orderId"] != "o-1" || output.Recorded.RecordID == "" {
			t.Fatalf("execution output %s (%v); want the event with the record's id", aws.ToString(desc.Output), err)
		}

		for _, q := range []string{fulfilment, audit} {
			got := drain(t, sqsc, q)
			if len(got) != 1 || !strings.Contains(aws.ToString(got[0].Body), `"orderId":"o-1"`) {
				t.Errorf("queue %s received %q; want the order once", q, bodies(got))
			}
		}

		store := acct.Objects().(*fh.MemoryStore)
		keys := store.Keys()
		if len(keys) != 1 || !strings.HasPrefix(keys[0], "results/orders/") {
			t.Fatalf("object store keys %q; want one object in bucket results under orders/", keys)
		}
		body, _ := store.Get(keys[0])
		if !strings.Contains(string(body), `"orderId":"o-1"`) {
			t.Fatalf("delivered object %q; want the order", body)
		}
	})
}
