// Package eventbus provides EventBridge in Go: event buses, rules that
// pick events by pattern or fire on a schedule, targets that receive them
// reshaped, retried and dead-lettered, and archives that keep them for
// replay — with EventBridge's semantics, limits and error messages.
//
// # Events
//
// [Bus.PutEvents] takes up to 10 entries (256 KiB in all), refuses each
// entry without a source, detail type or JSON-object detail in its result,
// and wraps the others in EventBridge's envelope (version, id,
// detail-type, source, account, time, region, resources, detail). Every
// enabled rule whose pattern matches an event sends it to each of its
// targets. Delivery is asynchronous, as in EventBridge: [Bus.Flush] waits
// for it.
//
// # Patterns
//
// Rules, archives and [TestEventPattern] take EventBridge's full pattern
// language, compiled once by the matcher SNS filter policies also use:
// exact values (numbers by value), prefix and suffix (also ignoring case),
// equals-ignore-case, wildcard, anything-but (values, prefix, suffix,
// equals-ignore-case, wildcard), numeric ranges, exists, cidr (IPv4 and
// IPv6) and $or, with null, "" and a missing field told apart, arrays
// matched on any element, and AWS's limits and messages. A bus matches an
// event against all its rules in one pass over the event's JSON, touching
// only the fields some pattern names.
//
// # Targets
//
// A rule has up to 5 targets. A [Destination] receives each event;
// adapters send to a queue ([ToQueue]), a topic ([ToTopic]), a stream
// ([ToStream], keyed by a path into the event), a delivery stream
// ([ToFirehose]), a state machine ([ToStateMachine]), another bus
// ([ToBus]) or a function ([Func]). A target receives the whole event, a
// constant (Input), a part of it (InputPath) or a template filled from it
// ([InputTransformer], with the <aws.events.*> variables).
//
// A failed delivery is retried with exponential backoff and jitter on the
// bus's clock until its target's [RetryPolicy] runs out (185 attempts or
// 24 hours by default); failures that retrying cannot mend (a destination
// that no longer exists, a request it refuses, input that is not JSON
// where JSON is needed) are not retried. Then the event goes to the
// target's dead-letter queue ([DeadLetterTo]) with EventBridge's
// attributes (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
// EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS), or is dropped. A failing
// target holds back no other target.
//
// # Schedules
//
// On the default bus a rule may have a ScheduleExpression, rate(…) or
// cron(…) with EventBridge's six fields, in UTC; it fires on the bus's
// clock, so that a test moving a [clock.Manual] a month on sees every
// firing, each a "Scheduled Event" from "aws.events".
//
// # Archives and replays
//
// An archive keeps the events put on its bus (those its optional pattern
// matches) for its retention period. A replay sends an archive's events
// from a time window back to the bus's rules, in time order, with the
// "replay-name" field set; it can be cancelled and reports its state.
//
// # Where this package differs from EventBridge
//
//   - Archives and replays belong to a bus, and their names are unique per
//     bus; in EventBridge they are named per account and region.
//   - Archives take events at once; EventBridge may archive them minutes
//     later. Replays send one event at a time, each once its targets have
//     had a first attempt, so that a cancellation stops between events;
//     EventBridge paces replays its own way.
//   - The backoff between retries doubles from 1 s up to 3 minutes with
//     jitter; EventBridge documents no figures.
//   - A destination's error is classified by its AWS error code where it
//     has one (missing resource: RESOURCE_NOT_FOUND, not retried;
//     throttling: THROTTLING, retried; other client errors:
//     SDK_CLIENT_ERROR, not retried); a plain Go error is a retried
//     ERROR_FROM_TARGET, and a [*TargetError] says for itself.
//   - A target of another bus ([ToBus]) forwards the event unchanged,
//     whatever input settings it has.
//   - A function target has no ARN; dead letters name its target id as
//     TARGET_ARN.
//   - Fields matched in an array of objects are matched each on its own,
//     not element by element ("array-consistent" matching in
//     event-ruler), as LocalStack and moto do.
//   - Not built: bus resource policies, KMS keys, API destinations,
//     partner event sources, global endpoints, tags, and the
//     ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS rule state.
package eventbus
