package sdktest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/firehose"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// newKinesis is newSQS for Kinesis.
func newKinesis(base string, hc kinesis.HTTPClient) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	})
}

// newFirehose is newSQS for Firehose.
func newFirehose(base string, hc firehose.HTTPClient) *firehose.Client {
	return firehose.New(firehose.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	})
}

// newEventBridge is newSQS for EventBridge.
func newEventBridge(base string, hc eventbridge.HTTPClient) *eventbridge.Client {
	return eventbridge.New(eventbridge.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	})
}

// newLambda is newSQS for Lambda.
func newLambda(base string, hc lambda.HTTPClient) *lambda.Client {
	return lambda.New(lambda.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	})
}

// newSFN is newSQS for Step Functions. StartSyncExecution and TestState
// prefix the endpoint's host with "sync-"; a test server on 127.0.0.1 has
// no such host, so the client is told not to, as a user pointing the SDK
// at a local endpoint would.
func newSFN(base string, hc sfn.HTTPClient) *sfn.Client {
	return sfn.New(sfn.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
		APIOptions:       []func(*middleware.Stack) error{withoutHostPrefix},
	})
}

// withoutHostPrefix turns off endpoint host prefixes for every request.
func withoutHostPrefix(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("switchyard.WithoutHostPrefix",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return next.HandleInitialize(smithyhttp.DisableEndpointHostPrefix(ctx, true), in)
		}), middleware.Before)
}
