package firehose

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// The error output types, the values of !{firehose:error-output-type}.
// partitioning-failed is the folder AWS's own CDK integration test for
// dynamic partitioning finds failed records under.
const (
	processingFailed   = "processing-failed"
	partitioningFailed = "partitioning-failed"
	httpEndpointFailed = "http-endpoint-failed"
)

// failedRecords are records for the error output, of one type.
type failedRecords struct {
	typ  string
	recs []failedRecord
}

// failedRecord is one line of an error-output object.
type failedRecord struct {
	raw      []byte
	arrival  int64 // Unix milliseconds
	ended    int64 // when the last attempt ended, Unix milliseconds
	attempts int
	failure  *failure
}

// errorLine is a failed record as the error output writes it, one JSON
// object per line, with the fields of AWS's data-transformation failure
// record (lambdaArn spelled as the developer guide spells it).
type errorLine struct {
	RawData                string `json:"rawData"`
	ErrorCode              string `json:"errorCode"`
	ErrorMessage           string `json:"errorMessage"`
	AttemptsMade           int    `json:"attemptsMade"`
	ArrivalTimestamp       int64  `json:"arrivalTimestamp"`
	AttemptEndingTimestamp int64  `json:"attemptEndingTimestamp"`
	LambdaARN              string `json:"lambdaArn,omitempty"`
}

// failLocked queues a record for the error output. Records that fail
// one after another share one error-output object.
func (ds *DeliveryStream) failLocked(typ string, p pending, data []byte, f *failure, attempts int) {
	r := failedRecord{raw: append([]byte(nil), data...), arrival: p.at, ended: ds.clock.Now().UnixMilli(), attempts: attempts, failure: f}
	if n := len(ds.jobs); n > 0 && ds.jobs[n-1].failed != nil && ds.jobs[n-1].failed.typ == typ {
		ds.jobs[n-1].failed.recs = append(ds.jobs[n-1].failed.recs, r)
		return
	}
	ds.enqueueLocked(job{failed: &failedRecords{typ: typ, recs: []failedRecord{r}}})
}

// writeErrors writes failed records to the error output as one object,
// retried as S3 is, and counts them. Without an error output they are
// lost, and counted so.
func (ds *DeliveryStream) writeErrors(f *failedRecords) {
	n := int64(len(f.recs))
	out := ds.set.errorOutput
	if out == nil {
		ds.count(func(s *Stats) { s.FailedRecords += n; s.LostRecords += n })
		return
	}
	var body []byte
	oldest := f.recs[0].arrival
	for _, r := range f.recs {
		line, _ := json.Marshal(errorLine{
			RawData:                base64.StdEncoding.EncodeToString(r.raw),
			ErrorCode:              r.failure.code,
			ErrorMessage:           r.failure.message,
			AttemptsMade:           r.attempts,
			ArrivalTimestamp:       r.arrival,
			AttemptEndingTimestamp: r.ended,
			LambdaARN:              ds.set.lambdaARN(f.typ),
		})
		body = append(append(body, line...), '\n')
		oldest = min(oldest, r.arrival)
	}
	_, err := ds.retry(S3RetryDuration, func() error {
		return out.writeErrors(ds.ctx, f.typ, time.UnixMilli(oldest), body)
	})
	ds.count(func(s *Stats) {
		s.FailedRecords += n
		if err != nil {
			s.LostRecords += n
		}
	})
}

// count changes the delivery stream's counters.
func (ds *DeliveryStream) count(change func(*Stats)) {
	ds.mu.Lock()
	change(&ds.stats)
	ds.mu.Unlock()
}
