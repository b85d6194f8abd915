// Package eventsapi is Amazon EventBridge over the wire: the AWS JSON 1.1
// API (X-Amz-Target "AWSEvents.<Operation>") of buses, rules, targets,
// events, archives, replays, tags and bus permissions, backed by
// [eventbus.Bus] values.
//
// Each operation has one Go input type, decoded from the request's JSON,
// checked against the API model's constraints (written as AWS writes a
// ValidationException), and one call into the engine, whose
// [*awserr.Error] values are the API's errors as they are. The package
// keeps what the engine does not: each bus's description, times, policy
// and tags, each rule's role and tags, and each target as the request
// gave it (its Arn, RoleArn, SqsParameters, KinesisParameters,
// DeadLetterConfig, …), so that ListTargetsByRule answers as AWS does.
//
// A target's Arn is resolved on every delivery, not when the target is
// put: a bus of the account by this package, anything else by
// [Config.Destination]. So, as in AWS, a target may name a resource that
// does not exist yet; deliveries fail (RESOURCE_NOT_FOUND, not retried)
// until it does, and reach it once it is created.
//
// Where the package differs from AWS on purpose is listed on [Service].
package eventsapi
