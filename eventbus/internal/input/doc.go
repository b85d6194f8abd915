// Package input provides EventBridge's per-target input shaping: what a
// rule's target receives instead of the matched event when PutTargets set
// Input, InputPath or InputTransformer on it.
//
// [Compile] checks a target's settings as PutTargets does, with AWS's
// messages, and builds a [Shaper]; [Shaper.Apply] then shapes each event.
// A Shaper is immutable and safe for concurrent use.
//
// # What the target receives
//
//   - Nothing set: the whole event, unchanged.
//   - Input: that text, as it is. It must be JSON (any value).
//   - InputPath: the part of the event the path selects, as compact JSON
//     (a string keeps its quotes: "$.detail.id" gives "abc", quoted).
//   - InputTransformer: the InputTemplate with every <name> placeholder
//     replaced by the value InputPathsMap's path for name selects, or by a
//     predefined variable.
//
// Only one of the three may be set.
//
// # Paths
//
// EventBridge accepts a subset of JSONPath, in InputPath and in every
// InputPathsMap value alike: "$", then any number of ".name", ".*",
// "[n]" and "[*]" steps, where a name is made of ASCII letters, digits,
// '_', '-' and '/'. A path without the leading "$", with quoted bracket
// notation ($['a']), a filter, a slice or a deep scan is refused. A path
// with a wildcard selects every match, in document order, and gives them
// as one JSON array (possibly empty); any other path gives one value or
// nothing. When an object holds a name twice, a path finds the last one, as
// in Jackson; a value is otherwise copied as it is, duplicates included.
//
// # Templates
//
// A template whose first character other than white space is '{' is a JSON
// template; any other template is a text template. A placeholder is '<',
// one or more of A-Z a-z 0-9 _ . -, and '>'; anything else between angle
// brackets is text.
//
// In a JSON template (which must be a JSON object once each placeholder
// outside quotes is read as a value, and may not use a placeholder in a
// member name):
//   - a placeholder outside quotes becomes the value's JSON: a string is
//     quoted ({"s": <s>} gives {"s":"RUNNING"}), numbers keep their text
//     (1.50 stays 1.50), objects and arrays are copied with their members
//     in order;
//   - a placeholder inside quotes becomes string content: a string's
//     characters, escaped as JSON requires, and other values' JSON text,
//     escaped in the same way;
//   - the result is minified: white space between tokens is dropped.
//
// In a text template, every value is inserted as text: a string without
// quotes or escaping, other values as their compact JSON. The template's
// own characters are copied as they are, quotes and backslashes included,
// so the template "instance <i> is in <s>" (with its quotes) gives
// "instance i-0123 is in RUNNING" (with its quotes).
//
// A path that selects nothing counts as the empty string: nothing inside
// quotes or in text, "" outside quotes in a JSON template.
//
// # Predefined variables
//
// These need no InputPathsMap entry (and cannot have one: keys may not
// contain '.'):
//   - aws.events.rule-arn, aws.events.rule-name: the rule's ARN and name;
//   - aws.events.event.ingestion-time: when EventBridge received the
//     event, in UTC to the second ("2015-11-11T21:29:54Z");
//   - aws.events.event: the event without its detail member, with
//     "detail-type" renamed "detailType";
//   - aws.events.event.json: the whole event.
//
// The last two may only appear outside quotes in a JSON template; PutTargets
// refuses them elsewhere. The strings EventBridge supplies are escaped, where
// they need to be, as Jackson escapes ("\u001F" in upper case).
//
// # Validation
//
// [Compile] reports every broken model constraint first, in one message
// ("1 validation error detected: ..."): Input at most 8192 characters,
// InputPath at most 256, at most 100 InputPathsMap entries, keys of 1 to
// 256 characters matching [A-Za-z0-9\_\-]+ (so the reserved aws.events.*
// names are refused), paths of at most 256 characters, an InputTemplate of
// 1 to 8192 characters. Lengths count UTF-16 units, as Java does. Then, in
// this order: more than one setting, Input that is not JSON, an invalid
// path (InputPath, or InputPathsMap's values by key), an undeclared
// placeholder, a JSON template that is not a JSON object or has a
// placeholder in a member name, aws.events.event or aws.events.event.json
// out of place. Each returns a [*ValidationError] that matches
// [ErrValidation].
//
// # Differences from AWS
//
// These are deliberate, or AWS does not document the behaviour:
//   - Inside quotes, values are escaped so that a JSON template always
//     gives JSON. AWS's 2023 guide said values were not escaped; its
//     current guide says aws.events.event "can only be used as a value for
//     a JSON field, as its contents are not escaped", which implies other
//     values are.
//   - A JSON template that is not valid JSON is refused at Compile, where
//     AWS's message is not documented; the messages "InputTemplate for
//     target <id> is not a valid JSON text." and "InputTemplate for target
//     <id> contains placeholder <name> used as an object key." are ours.
//     A template starting with '[' or '"' is a text template, as AWS treats
//     it for aws.events.event.json.
//   - A missing value outside quotes in a JSON template gives "", following
//     LocalStack's AWS-validated tests; a null gives null, and null inside
//     quotes or in text gives the text null.
//   - An InputPath that selects nothing makes Apply fail with
//     [ErrNothingSelected]; AWS does not say, and LocalStack delivers
//     nothing.
//   - The JSON syntax error for Input gives the line and column where Go's
//     parser stopped; Jackson, which AWS uses, may report a column a few
//     characters later.
//   - In model messages a map prints as {k=v, ...} with its keys sorted,
//     where Java prints them in hash order.
//   - Path names are limited to the characters AWS documents; characters
//     such as ':' or '@', which AWS may accept, are refused.
//   - aws.events.event renames "detail-type" to "detailType", as
//     LocalStack's AWS-validated snapshot shows; AWS's guide only says it
//     is the event without its detail. The ingestion time's precision (the
//     second) is not documented either.
//   - Input and InputPath that are empty count as not set.
package input
