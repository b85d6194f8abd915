package firehoseapi

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/internal/awserr"
)

// The API model's constraints, checked before anything else as AWS checks
// them: every member that breaks one is reported in one
// ValidationException, at its path in the request (the member names with
// a lower-case first letter, list members as "name.N.member").

// The model's patterns, anchored: AWS matches the whole value. Patterns
// with look-aheads, which RE2 lacks, are checked by hand (notBlank,
// tagKeyOK).
var (
	deliveryStreamNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`)
	roleARNPattern            = regexp.MustCompile(`^arn:.*:iam::\d{12}:role/[a-zA-Z_0-9+=,.@\-_/]+$`)
	bucketARNPattern          = regexp.MustCompile(`^arn:.*:s3:::[\w.\-]{1,255}$`)
	kinesisStreamARNPattern   = regexp.MustCompile(`^arn:.*:kinesis:[a-zA-Z0-9\-]+:\d{12}:stream/[a-zA-Z0-9_.-]+$`)
	kmsKeyARNPattern          = regexp.MustCompile(`^arn:.*:kms:[a-zA-Z0-9\-]+:\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\-_/]+$`)
	customTimeZonePattern     = regexp.MustCompile(`^$|^[a-zA-Z/_]+$`)
	logGroupNamePattern       = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]*$`)
	logStreamNamePattern      = regexp.MustCompile(`^[^:*]*$`)
	destinationIDPattern      = regexp.MustCompile(`^[a-zA-Z0-9-]+$`)
	versionIDPattern          = regexp.MustCompile(`^[0-9]+$`)
	// httpURLPattern is the model's https://.* with plain http allowed
	// as well, so that a test's local endpoint needs no certificate.
	httpURLPattern = regexp.MustCompile(`^https?://.*$`)
)

// The model's patterns as its messages print them.
const (
	deliveryStreamNameRE = "[a-zA-Z0-9_.-]+"
	roleARNRE            = `arn:.*:iam::\d{12}:role/[a-zA-Z_0-9+=,.@\-_/]+`
	bucketARNRE          = `arn:.*:s3:::[\w\.\-]{1,255}`
	kinesisStreamARNRE   = `arn:.*:kinesis:[a-zA-Z0-9\-]+:\d{12}:stream/[a-zA-Z0-9_.-]+`
	kmsKeyARNRE          = `arn:.*:kms:[a-zA-Z0-9\-]+:\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\-_/]+`
	customTimeZoneRE     = `^$|[a-zA-Z/_]+`
	logGroupNameRE       = `[\.\-_/#A-Za-z0-9]*`
	logStreamNameRE      = `[^:*]*`
	destinationIDRE      = "[a-zA-Z0-9-]+"
	versionIDRE          = "[0-9]+"
	httpURLRE            = "https://.*"
	notBlankRE           = `^(?!\s*$).+`
	tagKeyRE             = `^(?!aws:)[\p{L}\p{Z}\p{N}_.:\/=+\-@%]*$`
	tagValueRE           = `^[\p{L}\p{Z}\p{N}_.:\/=+\-@%]*$`
)

// The model's enums.
var (
	deliveryStreamTypes = []string{"DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource"}
	compressionFormats  = []string{"UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"}
	s3BackupModes       = []string{"Disabled", "Enabled"}
	httpBackupModes     = []string{"FailedDataOnly", "AllData"}
	contentEncodings    = []string{"NONE", "GZIP"}
	keyTypes            = []string{"AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"}
	noEncryptionConfigs = []string{"NoEncryption"}
	processorTypes      = []string{"RecordDeAggregation", "Decompression", "CloudWatchLogProcessing", "Lambda", "MetadataExtraction", "AppendDelimiterToRecord"}
	processorParameters = []string{"LambdaArn", "NumberOfRetries", "MetadataExtractionQuery", "JsonParsingEngine", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds", "SubRecordType", "Delimiter", "CompressionFormat", "DataMessageExtraction"}
)

// checks collects the model violations of one request.
type checks struct{ vs awserr.Violations }

// err returns the request's ValidationException, or nil.
func (c *checks) err() error { return c.vs.Err(firehose.ErrValidation) }

// present reports whether a required member is there, noting it when
// not.
func (c *checks) present(ok bool, at string) bool {
	if !ok {
		c.vs.Add("null", at, awserr.NotNull)
	}
	return ok
}

// str checks an optional string: its length in characters and, when re is
// not nil, its pattern. sensitive leaves the value out of the message, as
// AWS does for members the model marks sensitive.
func (c *checks) str(v *string, at string, minLen, maxLen int, re *regexp.Regexp, reText string, sensitive bool) {
	if v == nil {
		return
	}
	value := "'" + *v + "'"
	if sensitive {
		value = ""
	}
	n := utf8.RuneCountInString(*v)
	switch {
	case n < minLen:
		c.vs.Add(value, at, awserr.LengthAtLeast(minLen))
	case maxLen > 0 && n > maxLen:
		c.vs.Add(value, at, awserr.LengthAtMost(maxLen))
	case re != nil && !re.MatchString(*v):
		c.vs.Add(value, at, awserr.Pattern(reText))
	}
}

// required is str for a member that must be there.
func (c *checks) required(v *string, at string, minLen, maxLen int, re *regexp.Regexp, reText string, sensitive bool) {
	if c.present(v != nil, at) {
		c.str(v, at, minLen, maxLen, re, reText, sensitive)
	}
}

// notBlankStr checks a string of the model's ^(?!\s*$).+ pattern: not
// empty, not only white space, no line breaks.
func (c *checks) notBlankStr(v *string, at string, maxLen int, sensitive bool) {
	if v == nil {
		return
	}
	c.str(v, at, 1, maxLen, nil, "", sensitive)
	if *v != "" && utf8.RuneCountInString(*v) <= maxLen && !notBlank(*v) {
		value := "'" + *v + "'"
		if sensitive {
			value = ""
		}
		c.vs.Add(value, at, awserr.Pattern(notBlankRE))
	}
}

// notBlank reports whether s matches ^(?!\s*$).+ — Java's "." stops at
// line terminators.
func notBlank(s string) bool {
	if strings.ContainsAny(s, "\n\r\u0085\u2028\u2029") {
		return false
	}
	return strings.TrimFunc(s, unicode.IsSpace) != ""
}

// enum checks an optional member of an enum.
func (c *checks) enum(v *string, at string, values []string) {
	if v == nil {
		return
	}
	for _, ok := range values {
		if *v == ok {
			return
		}
	}
	c.vs.AddString(*v, at, awserr.Enum(values...))
}

// intRange checks an optional integer.
func (c *checks) intRange(v *int, at string, lo, hi int) {
	switch {
	case v == nil:
	case *v < lo:
		c.vs.AddInt(*v, at, awserr.ValueAtLeast(lo))
	case *v > hi:
		c.vs.AddInt(*v, at, awserr.ValueAtMost(hi))
	}
}

// listLength checks the number of members of a list that was sent.
func (c *checks) listLength(n int, at string, lo, hi int) {
	switch {
	case n < lo:
		c.vs.Add("", at, awserr.LengthAtLeast(lo))
	case n > hi:
		c.vs.Add("", at, awserr.LengthAtMost(hi))
	}
}

// member is the path of a list's i-th member (from 0), as AWS prints it.
func member(list string, i int) string {
	return list + "." + strconv.Itoa(i+1) + ".member"
}

// deliveryStreamName checks a required DeliveryStreamName.
func (c *checks) deliveryStreamName(v *string, at string) {
	c.required(v, at, 1, firehose.MaxNameLength, deliveryStreamNamePattern, deliveryStreamNameRE, false)
}

// tagKeyOK and tagValueOK match the model's tag patterns: letters,
// separators (spaces), numbers and _ . : / = + - @ %, and a key that does
// not start with "aws:".
func tagKeyOK(k string) bool { return !strings.HasPrefix(k, "aws:") && tagValueOK(k) }

func tagValueOK(v string) bool {
	for _, r := range v {
		if !unicode.IsLetter(r) && !unicode.In(r, unicode.Z) && !unicode.IsNumber(r) && !strings.ContainsRune("_.:/=+-@%", r) {
			return false
		}
	}
	return true
}

// tags checks a list of tags at path at.
func (c *checks) tags(tags []tag, at string, lo, hi int) {
	c.listLength(len(tags), at, lo, hi)
	for i, t := range tags {
		m := member(at, i)
		if c.present(t.Key != nil, m+".key") {
			c.tagKey(*t.Key, m+".key")
		}
		if t.Value != nil {
			c.tagValue(*t.Value, m+".value")
		}
	}
}

// tagKey checks a TagKey: 1 to 128 characters of the model's pattern.
func (c *checks) tagKey(k, at string) {
	c.str(&k, at, 1, 128, nil, "", false)
	if n := utf8.RuneCountInString(k); n >= 1 && n <= 128 && !tagKeyOK(k) {
		c.vs.AddString(k, at, awserr.Pattern(tagKeyRE))
	}
}

// tagValue checks a TagValue: at most 256 characters of the model's
// pattern.
func (c *checks) tagValue(v, at string) {
	c.str(&v, at, 0, 256, nil, "", false)
	if utf8.RuneCountInString(v) <= 256 && !tagValueOK(v) {
		c.vs.AddString(v, at, awserr.Pattern(tagValueRE))
	}
}
