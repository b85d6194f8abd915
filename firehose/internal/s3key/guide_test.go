package s3key_test

import (
	"math/rand/v2"
	"regexp"
	"testing"
	"time"

	"github.com/switchyard/switchyard/firehose/internal/s3key"
)

// at1030 is the instant of the guide's example table: 10:30 AM UTC on
// Aug 27, 2018.
var at1030 = time.Date(2018, 8, 27, 10, 30, 0, 0, time.UTC)

// TestGuideExamples evaluates every example of the developer guide's
// "Custom prefixes for Amazon S3 objects" page (the revisions of
// awsdocs/amazon-kinesis-data-firehose-developer-guide, doc_source/s3-prefixes.md,
// and the current page) and of the dynamic partitioning page. Where the
// guide's printed result contradicts its own rules, want holds what the
// rules give and guide what the page prints.
func TestGuideExamples(t *testing.T) {
	hex11 := `[0-9a-f]{11}`
	tests := []struct {
		name                string
		prefix, errorPrefix string
		dynamic             bool
		at                  time.Time
		query               map[string]string
		wantObject          string // a regular expression when random
		wantError           string
		guide               string // the guide's result, where it differs
	}{
		{
			name:        "prefix unspecified",
			errorPrefix: "myFirehoseFailures/!{firehose:error-output-type}/",
			at:          at1030,
			wantObject:  "2018/08/27/10/",
			wantError:   "myFirehoseFailures/processing-failed/",
			guide:       "Prefix 2018/08/27/10 (current page; 2018/08/10/ in the 2019 revision); the default is yyyy/MM/dd/HH/ with its slash",
		},
		{
			name:        "year, anyMonth and random-string",
			prefix:      "myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}",
			errorPrefix: "myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}",
			at:          at1030,
			wantObject:  `myFirehose/DeliveredYear=2018/anyMonth/rand=` + hex11,
			wantError:   "myFirehoseFailures/processing-failed/2018/anyMonth/27",
			guide:       "ErrorOutputPrefix .../anyMonth/10: dd on Aug 27 is 27 (10 is the hour)",
		},
		{
			name:        "hive-style time, separate expressions",
			prefix:      "myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
			errorPrefix: "myErrorPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/!{firehose:error-output-type}",
			at:          time.Date(2018, 7, 6, 23, 0, 0, 0, time.UTC), // the row's own instant
			wantObject:  "myPrefix/year=2018/month=07/day=06/hour=23/",
			wantError:   "myErrorPrefix/year=2018/month=07/day=06/hour=23/processing-failed",
		},
		{
			name:        "hive-style time, quoted literals (2019 revision)",
			prefix:      "myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
			errorPrefix: "myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/!{firehose:error-output-type}",
			at:          time.Date(2018, 7, 6, 23, 0, 0, 0, time.UTC),
			wantObject:  "myPrefix/year=2018/month=07/day=06/hour=23/",
			wantError:   "myErrorPrefix/year=2018/month=07/day=06/hour=23/processing-failed",
		},
		{
			name:       "literal prefix, error prefix unspecified",
			prefix:     "myFirehosePrefix",
			at:         at1030,
			wantObject: "myFirehosePrefix2018/08/27/10/",
			wantError:  "myFirehosePrefixprocessing-failed/2018/08/239/10/",
			guide:      "myFirehosePrefix/2018/08/27/ and myFirehosePrefix/processing-failed/2018/08/27/; the rules append yyyy/MM/dd/HH/ verbatim and give the error prefix the day of the year",
		},
		{
			name:        "error-output-type (namespace table)",
			prefix:      "myPrefix/",
			errorPrefix: "myPrefix/result=!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}",
			at:          time.Date(2018, 8, 3, 0, 0, 0, 0, time.UTC),
			wantObject:  "myPrefix/2018/08/03/00/",
			wantError:   "myPrefix/result=processing-failed/2018/08/03",
		},
		{
			name:        "random-string (namespace table)",
			prefix:      "myPrefix/!{firehose:random-string}/",
			errorPrefix: "myPrefix/!{firehose:error-output-type}/",
			at:          at1030,
			wantObject:  `myPrefix/` + hex11 + `/2018/08/27/10/`,
			wantError:   "myPrefix/processing-failed/",
			guide:       "myPrefix/046b6c7f-0b/: the table shows the expression alone; a Prefix without a timestamp gets one appended",
		},
		{
			name:        "timestamp namespace",
			prefix:      "!{timestamp:yyyy}",
			errorPrefix: "!{firehose:error-output-type}",
			at:          at1030,
			wantObject:  "2018",
			wantError:   "processing-failed",
		},
		{
			name:        "dynamic partitioning with inline parsing",
			prefix:      "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/year=!{partitionKeyFromQuery:year}/month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}/hour=!{partitionKeyFromQuery:hour}/",
			errorPrefix: "errors/!{firehose:error-output-type}/",
			dynamic:     true,
			at:          time.Date(2019, 8, 9, 23, 55, 9, 0, time.UTC),
			query:       map[string]string{"customer_id": "1234567890", "device": "mobile", "year": "2019", "month": "08", "day": "09", "hour": "20"},
			wantObject:  "customer_id=1234567890/device=mobile/year=2019/month=08/day=09/hour=20/",
			wantError:   "errors/processing-failed/",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s3key.Parse(tt.prefix, tt.errorPrefix, tt.dynamic)
			if err != nil {
				t.Fatal(err)
			}
			v := s3key.Values{At: tt.at, Query: tt.query, Rand: rand.New(rand.NewPCG(1, 2))}
			got, err := p.Object(v)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`^` + tt.wantObject + `$`).MatchString(got) {
				t.Errorf("Object = %q, want %q (guide: %s)", got, tt.wantObject, tt.guide)
			}
			got, err = p.Error(v, "processing-failed")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.wantError {
				t.Errorf("Error = %q, want %q (guide: %s)", got, tt.wantError, tt.guide)
			}
		})
	}
}

// TestGuideObjectKey puts together the full key of the dynamic
// partitioning guide's example.
func TestGuideObjectKey(t *testing.T) {
	p, err := s3key.Parse("customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/year=!{partitionKeyFromQuery:year}/month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}/hour=!{partitionKeyFromQuery:hour}/",
		"errors/!{firehose:error-output-type}/", true)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2019, 8, 9, 23, 55, 9, 0, time.UTC)
	prefix, err := p.Object(s3key.Values{At: at, Query: map[string]string{
		"customer_id": "1234567890", "device": "mobile", "year": "2019", "month": "08", "day": "09", "hour": "20",
	}})
	if err != nil {
		t.Fatal(err)
	}
	key := prefix + s3key.ObjectName("my-delivery-stream", 1, at, nil, "a9fa96af-e4e4-409f-bac3-1f804714faaa", "")
	// The guide's key leaves out the version (…-stream-2019-08-09-…),
	// which its own object-name format puts after the name.
	want := "customer_id=1234567890/device=mobile/year=2019/month=08/day=09/hour=20/my-delivery-stream-1-2019-08-09-23-55-09-a9fa96af-e4e4-409f-bac3-1f804714faaa"
	if key != want {
		t.Errorf("key = %q, want %q", key, want)
	}
}
