package eventbus_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stepfn"
)

// A scheduled rule on the default bus starts a state machine every hour;
// a manual clock moves a morning on at once.
func Example_scheduledStateMachine() {
	ctx := context.Background()
	clk := clock.NewManual(time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC))
	report, err := stepfn.New(stepfn.Config{
		Name:       "hourly-report",
		Definition: `{"StartAt":"Stamp","States":{"Stamp":{"Type":"Pass","Parameters":{"firedAt.$":"$.time"},"End":true}}}`,
	}, stepfn.WithClock(clk))
	if err != nil {
		panic(err)
	}
	defer report.Close(ctx)
	bus, err := eventbus.New(eventbus.Config{}, eventbus.WithClock(clk))
	if err != nil {
		panic(err)
	}
	defer bus.Close(ctx)

	if _, err := bus.PutRule(eventbus.RuleConfig{Name: "every-hour", ScheduleExpression: "rate(1 hour)"}); err != nil {
		panic(err)
	}
	if err := bus.PutTargets("every-hour", eventbus.Target{ID: "report", Destination: eventbus.ToStateMachine(report)}); err != nil {
		panic(err)
	}

	clk.Advance(3 * time.Hour)
	if err := bus.Flush(ctx); err != nil {
		panic(err)
	}
	var outputs []string
	for _, e := range report.List("") {
		x, err := report.Execution(e.ExecutionARN)
		if err != nil {
			panic(err)
		}
		desc, _ := x.Wait(ctx)
		outputs = append(outputs, string(desc.Status)+" "+desc.Output)
	}
	slices.Sort(outputs)
	fmt.Println(strings.Join(outputs, "\n"))
	// Output:
	// SUCCEEDED {"firedAt":"2026-11-02T07:00:00Z"}
	// SUCCEEDED {"firedAt":"2026-11-02T08:00:00Z"}
	// SUCCEEDED {"firedAt":"2026-11-02T09:00:00Z"}
}

// S3-style "Object Created" events are routed by key prefix and size: large
// videos to one queue, thumbnails to another, and everything else
// nowhere.
func Example_s3ObjectRouting() {
	ctx := context.Background()
	bus, err := eventbus.New(eventbus.Config{})
	if err != nil {
		panic(err)
	}
	defer bus.Close(ctx)
	videos, _ := queue.New(queue.Config[string]{Name: "large-videos"})
	thumbs, _ := queue.New(queue.Config[string]{Name: "thumbnails"})

	rules := []struct {
		name, pattern string
		q             *queue.Queue[string]
	}{
		{"large-videos", `{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"object":{"key":[{"prefix":"uploads/video/"}],"size":[{"numeric":[">=",1000000]}]}}}`, videos},
		{"thumbnails", `{"source":["aws.s3"],"detail":{"object":{"key":[{"wildcard":"uploads/*/thumb-*.png"}]}}}`, thumbs},
	}
	for _, r := range rules {
		if _, err := bus.PutRule(eventbus.RuleConfig{Name: r.name, EventPattern: r.pattern}); err != nil {
			panic(err)
		}
		err := bus.PutTargets(r.name, eventbus.Target{
			ID:          "queue",
			Destination: eventbus.ToQueue(r.q, eventbus.QueueParams{}),
			InputTransformer: &eventbus.InputTransformer{
				InputPathsMap: map[string]string{"key": "$.detail.object.key", "size": "$.detail.object.size"},
				InputTemplate: `{"key": <key>, "bytes": <size>}`,
			},
		})
		if err != nil {
			panic(err)
		}
	}

	for _, obj := range []struct {
		key  string
		size int
	}{
		{"uploads/video/cat.mp4", 52_000_000},
		{"uploads/video/tiny.mp4", 1_200},
		{"uploads/video/thumb-cat.png", 9_000},
		{"docs/readme.txt", 40},
	} {
		detail := fmt.Sprintf(`{"bucket":{"name":"media"},"object":{"key":%q,"size":%d}}`, obj.key, obj.size)
		if _, err := bus.PutEvents(eventbus.Entry{Source: "aws.s3", DetailType: "Object Created", Detail: detail}); err != nil {
			panic(err)
		}
	}
	if err := bus.Flush(ctx); err != nil {
		panic(err)
	}
	for _, q := range []*queue.Queue[string]{videos, thumbs} {
		msgs, _ := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 10})
		for _, m := range msgs {
			fmt.Println(q.Name()+":", m.Body)
		}
	}
	// Output:
	// large-videos: {"key":"uploads/video/cat.mp4","bytes":52000000}
	// thumbnails: {"key":"uploads/video/thumb-cat.png","bytes":9000}
}

func ExampleTestEventPattern() {
	event := `{"id":"1","account":"111122223333","source":"com.example.orders","time":"2026-11-25T10:00:00Z",` +
		`"region":"us-east-1","detail-type":"Order Placed","detail":{"total":129.5,"country":"DE"}}`
	for _, pattern := range []string{
		`{"detail":{"total":[{"numeric":[">",100]}],"country":[{"anything-but":["US","CA"]}]}}`,
		`{"detail":{"country":[{"equals-ignore-case":"fr"}]}}`,
		`{"detail":{"total":"129.5"}}`,
	} {
		matched, err := eventbus.TestEventPattern(pattern, event)
		fmt.Println(matched, err)
	}
	// Output:
	// true <nil>
	// false <nil>
	// false InvalidEventPatternException: Event pattern is not valid. Reason: "total" must be an object or an array
}
