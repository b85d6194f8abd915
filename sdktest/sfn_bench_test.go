package sdktest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/switchyard/switchyard/awsfake"
	"github.com/switchyard/switchyard/stepfn"
)

// sfnBenchDefinition is a 10-state Express machine of the kind a request
// path runs synchronously: Pass states reshaping the input with
// Parameters, ResultPath and intrinsics, and a Choice (nine states run).
const sfnBenchDefinition = `{"StartAt":"Init","States":{
 "Init":{"Type":"Pass","Parameters":{"id.$":"$.id","qty.$":"$.qty","price.$":"$.price"},"Next":"Check"},
 "Check":{"Type":"Choice","Choices":[{"Variable":"$.qty","NumericGreaterThan":10,"Next":"Bulk"}],"Default":"Single"},
 "Bulk":{"Type":"Pass","Result":{"discount":0.1},"ResultPath":"$.pricing","Next":"Tag"},
 "Single":{"Type":"Pass","Result":{"discount":0},"ResultPath":"$.pricing","Next":"Tag"},
 "Tag":{"Type":"Pass","Parameters":{"source":"bench","id.$":"$.id"},"ResultPath":"$.meta","Next":"Stamp"},
 "Stamp":{"Type":"Pass","Parameters":{"execution.$":"$$.Execution.Name"},"ResultPath":"$.stamp","Next":"Count"},
 "Count":{"Type":"Pass","Parameters":{"next.$":"States.MathAdd($.qty, 1)"},"ResultPath":"$.calc","Next":"Copy"},
 "Copy":{"Type":"Pass","InputPath":"$.meta","ResultPath":"$.copy","Next":"Shape"},
 "Shape":{"Type":"Pass","Parameters":{"id.$":"$.id","pricing.$":"$.pricing","calc.$":"$.calc","copy.$":"$.copy"},"Next":"Done"},
 "Done":{"Type":"Succeed"}}}`

const sfnBenchInput = `{"id":"order-42","qty":12,"price":9.5}`

// BenchmarkSDKStartSyncExecution measures one StartSyncExecution of a
// 10-state Express machine through the real SDK client on the account's
// in-memory transport, and reports the median (and 99th percentile)
// latency in microseconds. engine is the baseline of the same run: the
// same machine's StartSync called directly on the engine, so that what
// sdk costs beyond it is the SDK and the wire layer.
//
//	cd sdktest && go test -run '^$' -bench SDKStartSyncExecution -benchtime 2s -count 3 .
func BenchmarkSDKStartSyncExecution(b *testing.B) {
	acct := awsfake.New(awsfake.Config{})
	defer closeBench(b, acct)
	c := newSFN(placeholderEndpoint, acct.HTTPClient())
	ctx := context.Background()
	created, err := c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("bench"), Definition: aws.String(sfnBenchDefinition), RoleArn: aws.String(sfnRole), Type: sfntypes.StateMachineTypeExpress,
	})
	if err != nil {
		b.Fatal(err)
	}
	const want = `{"calc":{"next":13},"copy":{"id":"order-42","source":"bench"},"id":"order-42","pricing":{"discount":0.1}}`

	b.Run("sdk", func(b *testing.B) {
		in := &sfn.StartSyncExecutionInput{StateMachineArn: created.StateMachineArn, Input: aws.String(sfnBenchInput)}
		sfnLatencies(b, func() string {
			out, err := c.StartSyncExecution(ctx, in)
			if err != nil {
				b.Fatal(err)
			}
			return aws.ToString(out.Output)
		}, want)
	})
	b.Run("engine", func(b *testing.B) {
		sm, ok := acct.StateMachine("bench")
		if !ok {
			b.Fatal("no state machine bench in the account")
		}
		in := stepfn.StartInput{Input: sfnBenchInput}
		sfnLatencies(b, func() string {
			d, err := sm.StartSync(ctx, in)
			if err != nil {
				b.Fatal(err)
			}
			return d.Output
		}, want)
	})
}

// sfnLatencies runs call b.N times, checking its output once, and reports
// the median and 99th percentile of its durations in microseconds.
func sfnLatencies(b *testing.B, call func() string, want string) {
	if got := call(); got != want {
		b.Fatalf("output %s, want %s", got, want)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		call()
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	micros := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
	b.ReportMetric(micros(lat[len(lat)/2]), "p50-µs")
	b.ReportMetric(micros(lat[len(lat)*99/100]), "p99-µs")
}
