module github.com/switchyard/switchyard/sdktest/sqsquery

go 1.25.0

replace github.com/switchyard/switchyard => ../../

require (
	github.com/aws/aws-sdk-go-v2 v1.22.1
	github.com/aws/aws-sdk-go-v2/service/sqs v1.26.0
	github.com/aws/smithy-go v1.16.0
	github.com/switchyard/switchyard v0.0.0-00010101000000-000000000000
)

require (
	github.com/aws/aws-sdk-go-v2/internal/configsources v1.2.1 // indirect
	github.com/aws/aws-sdk-go-v2/internal/endpoints/v2 v2.5.1 // indirect
	golang.org/x/sync v0.20.0 // indirect
)
