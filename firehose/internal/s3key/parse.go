package s3key

import (
	"slices"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/awserr"
)

// maxPrefixLength is the API model's limit on Prefix and
// ErrorOutputPrefix, in characters.
const maxPrefixLength = 1024

// defaultTimePattern is what AWS appends to a Prefix with no timestamp
// expression, as !{timestamp:yyyy/MM/dd/HH/}, verbatim: "logs" becomes
// logs2018/08/27/10/, not logs/2018/08/27/10/. That is the rule the
// developer guide states (s3-prefixes, "Semantic rules"); the guide's own
// example table shows myFirehosePrefix evaluating to
// myFirehosePrefix/2018/08/27/ — a slash added and the hour lost — which
// fits no rule of the page, so we follow the rule. An empty Prefix thus
// evaluates to the documented default, yyyy/MM/dd/HH/.
const defaultTimePattern = "yyyy/MM/dd/HH/"

// defaultErrorTimePattern is the time part of the error prefix used when
// ErrorOutputPrefix is empty. The last revision of the guide's
// s3-prefixes page in awsdocs/amazon-kinesis-data-firehose-developer-guide
// (commit 98e34e0) says the error prefix is then
// <specified-prefix><error-output-type>YYYY/MM/DDD/HH/ and adds that DDD
// is the day of the year, a revision of the earlier YYYY/MM/DD/HH/; we
// take that latest text, with yyyy for the calendar year as the rest of
// the page means by YYYY. We put a "/" after the error-output-type, which
// the rule's text leaves out but the page's example
// (myFirehosePrefix/processing-failed/...) and the data-transformation
// page ("the processing-failed folder") both show.
const defaultErrorTimePattern = "yyyy/MM/DDD/HH/"

// Prefixes are a delivery stream's checked Prefix and ErrorOutputPrefix,
// with AWS's defaults filled in. A Prefixes is immutable and safe for
// concurrent use, as long as concurrent calls do not share a [Values]
// random source.
type Prefixes struct {
	object  template
	errorTo template
}

// Parse checks a Prefix and an ErrorOutputPrefix as CreateDeliveryStream
// and UpdateDestination do for an S3 destination, and returns them ready
// to evaluate. An empty string is an unset setting. dynamicPartitioning
// says whether the delivery stream partitions dynamically.
//
// The rules, in the order they are checked:
//   - each setting is at most 1,024 characters (the API model);
//   - "!{" appears only to open a !{namespace:value} expression, of a known
//     namespace and value, with a valid timestamp pattern;
//   - Prefix does not use !{firehose:error-output-type};
//   - ErrorOutputPrefix does not use partition keys;
//   - partition keys appear only with dynamic partitioning;
//   - with dynamic partitioning, Prefix uses a partition key;
//   - ErrorOutputPrefix is set when Prefix has expressions (and so always
//     with dynamic partitioning, as its guide requires);
//   - an ErrorOutputPrefix with expressions uses
//     !{firehose:error-output-type}; a literal one need not (real
//     Firehose accepts ErrorOutputPrefix "prefix1", as the acceptance
//     test TestAccFirehoseDeliveryStream_ExtendedS3_errorOutputPrefix of
//     hashicorp/terraform-provider-aws shows).
//
// The defaults: without dynamic partitioning, a Prefix with no timestamp
// expression gets !{timestamp:yyyy/MM/dd/HH/} appended. With it, nothing
// is appended, as the dynamic partitioning guide's example key
// (customer_id=…/hour=20/my-delivery-stream-…) shows. An empty
// ErrorOutputPrefix becomes Prefix followed by the error-output-type, "/",
// and the time as yyyy/MM/DDD/HH/. A set ErrorOutputPrefix gets no time
// appended (the guide's example myFirehoseFailures/!{firehose:error-output-type}/
// evaluates to myFirehoseFailures/processing-failed/).
//
// A refused setting returns an [*Error].
func Parse(prefix, errorOutputPrefix string, dynamicPartitioning bool) (*Prefixes, error) {
	for _, s := range [...]struct{ field, value string }{
		{fieldPrefix, prefix}, {fieldErrorPrefix, errorOutputPrefix},
	} {
		if utf8.RuneCountInString(s.value) > maxPrefixLength {
			return nil, modelError(s.field, s.value, awserr.LengthAtMost(maxPrefixLength))
		}
	}
	object, err := parseTemplate(fieldPrefix, prefix)
	if err != nil {
		return nil, err
	}
	errorTo, err := parseTemplate(fieldErrorPrefix, errorOutputPrefix)
	if err != nil {
		return nil, err
	}
	if err := checkRules(object, errorTo, errorOutputPrefix != "", dynamicPartitioning); err != nil {
		return nil, err
	}
	if !dynamicPartitioning && !object.has(segTimestamp) {
		ts, _ := compileTimestamp(defaultTimePattern)
		object = append(object, segment{kind: segTimestamp, ts: ts})
	}
	if errorOutputPrefix == "" {
		ts, _ := compileTimestamp(defaultErrorTimePattern)
		// Prefix has no expressions here (checkRules saw to it), so its
		// text is all of it.
		errorTo = template{
			{kind: segLiteral, text: prefix},
			{kind: segErrorType},
			{kind: segLiteral, text: "/"},
			{kind: segTimestamp, ts: ts},
		}
	}
	return &Prefixes{object: object, errorTo: errorTo}, nil
}

// checkRules checks how the two prefixes use their expressions.
func checkRules(object, errorTo template, errorSet, dynamicPartitioning bool) error {
	switch {
	case object.has(segErrorType):
		return ruleError(fieldPrefix, rulePreamble+"Prefix cannot contain !{firehose:error-output-type}; only ErrorOutputPrefix can")
	case errorTo.hasPartitionKeys():
		return ruleError(fieldErrorPrefix, rulePreamble+"ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions")
	case object.hasPartitionKeys() && !dynamicPartitioning:
		return ruleError(fieldPrefix, msgPartitioningOff)
	case dynamicPartitioning && !object.hasPartitionKeys():
		return ruleError(fieldPrefix, rulePreamble+"Prefix must contain a partitionKeyFromQuery or partitionKeyFromLambda expression when Dynamic Partitioning is enabled")
	case !errorSet && object.hasExpressions():
		return ruleError(fieldErrorPrefix, msgErrorPrefixRequired)
	case errorTo.hasExpressions() && !errorTo.has(segErrorType):
		return ruleError(fieldErrorPrefix, rulePreamble+"ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions")
	}
	return nil
}

// PartitionKeys returns the names of the partition keys Prefix reads:
// those of !{partitionKeyFromQuery:…} and of !{partitionKeyFromLambda:…},
// each in the order they first appear. A record that lacks one of them
// cannot be given a key.
func (p *Prefixes) PartitionKeys() (query, processor []string) {
	for _, s := range p.object {
		switch {
		case s.kind == segQueryKey && !slices.Contains(query, s.text):
			query = append(query, s.text)
		case s.kind == segLambdaKey && !slices.Contains(processor, s.text):
			processor = append(processor, s.text)
		}
	}
	return query, processor
}
