// Package snsapi provides the SNS API over the wire: the Query protocol's
// form-encoded requests (Action=…&Version=2010-03-31) and XML replies that
// the AWS SDKs speak to SNS, served from [topic.Topic] engines holding
// string messages.
//
// A [Service] is one account's SNS in one region: the topics CreateTopic
// makes, their attributes, tags and policies, and their subscriptions.
// Subscriptions are delivered to by the topic engine:
//
//   - sqs: a queue of the same account, resolved by ARN through
//     [Config.Queue] when the subscription is made, gets what SQS gets from
//     SNS (the envelope, or the raw message with its attributes), with
//     filter policies, raw delivery, FIFO groups and deduplication, and the
//     subscription's dead-letter queue. A queue ARN that resolves to no
//     queue is accepted, as SNS accepts it, and every delivery to it fails
//     as a client-side error: the message goes to the subscription's
//     dead-letter queue, or is dropped. A queue deleted later (closed) fails
//     deliveries the same way.
//   - lambda: a function of the same account, resolved through
//     [Config.Function] at each delivery, is called with the event Lambda
//     gets from SNS ({"Records":[{"EventSource":"aws:sns",…}]}), up to 10
//     deliveries at once, as Lambda runs asynchronous invocations; an error
//     it returns is retried on SNS's schedule.
//
// What differs from SNS on purpose, and why:
//
//   - http, https, email and email-json subscriptions are accepted and stay
//     "PendingConfirmation" until ConfirmSubscription; sms, application and
//     firehose ones are confirmed at once, as SNS confirms them. None of them
//     is ever delivered to: the topic engine has no HTTP, mail, SMS, push or
//     Firehose delivery yet. Since nothing sends the confirmation message,
//     [Service.ConfirmationToken] hands out the token a test would have
//     read from it. sqs and lambda endpoints of another account also stay
//     pending and are never delivered to.
//   - A queue or function is bound by ARN: a queue resolved (or found
//     missing) at Subscribe stays the subscription's endpoint, so a queue
//     deleted and created again under the same name is not delivered to
//     (SNS would deliver to the new one). A function is looked up at every
//     delivery; a missing one drops the message (SNS counts it as a
//     client-side error, which goes to the dead-letter queue).
//   - Subscriptions of a deleted topic go with it at once (SNS keeps them,
//     detached, for a while), so SubscriptionsDeleted is always 0.
//   - A FIFO topic's FifoThroughputScope cannot be changed after it is
//     made; ContentBasedDeduplication can, and the change applies to
//     requests through this API (the engine behind [Service.TopicByARN]
//     keeps the setting it was made with).
//   - Publishing to a phone number, and the mobile push and SMS actions, are
//     refused with a message saying so; signatures are placeholders, as
//     nothing in process can sign as AWS does. A topic's SignatureVersion
//     shows in Lambda events; the engine's queue envelopes always say 1.
//   - Policies (Policy, DeliveryPolicy, DataProtectionPolicy, ArchivePolicy,
//     the delivery-status attributes, a subscription's DeliveryPolicy and
//     ReplayPolicy) are stored and returned, never enforced; AddPermission
//     and RemovePermission edit the Policy document.
//   - Where AWS's wording of an error is not on record, the text follows
//     the style of the recorded ones.
package snsapi
