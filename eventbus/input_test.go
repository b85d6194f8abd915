package eventbus_test

import (
	"testing"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// TestTargetInput sends one event to targets shaping it each its own way.
func TestTargetInput(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	tests := []struct {
		name   string
		target eventbus.Target
		want   string // "" means no delivery
	}{
		{"constant", eventbus.Target{Input: `{"fixed":true}`}, `{"fixed":true}`},
		{"input path", eventbus.Target{InputPath: "$.detail.items[1]"}, `{"sku":"b","qty":2}`},
		{"input path to a string", eventbus.Target{InputPath: "$.detail.state"}, `"shipped"`},
		{"input path selecting nothing", eventbus.Target{InputPath: "$.detail.missing"}, ""},
		{"JSON template", eventbus.Target{InputTransformer: &eventbus.InputTransformer{
			InputPathsMap: map[string]string{"state": "$.detail.state", "total": "$.detail.total", "skus": "$.detail.items[*].sku"},
			InputTemplate: `{"state": <state>, "line": "order is <state>", "total": <total>, "skus": <skus>, "rule": "<aws.events.rule-name>"}`,
		}}, `{"state":"shipped","line":"order is shipped","total":12.50,"skus":["a","b"],"rule":"orders"}`},
		{"text template", eventbus.Target{InputTransformer: &eventbus.InputTransformer{
			InputPathsMap: map[string]string{"state": "$.detail.state"},
			InputTemplate: `"order is <state> at <aws.events.event.ingestion-time>"`,
		}}, `"order is shipped at 2026-03-01T00:00:00Z"`},
	}
	recs := make([]*recorder, len(tests))
	var targets []eventbus.Target
	for i, tt := range tests {
		recs[i] = &recorder{}
		tg := tt.target
		tg.ID = string(rune('a' + i))
		tg.Destination = recs[i].dest()
		targets = append(targets, tg)
	}
	putRule(t, b, eventbus.RuleConfig{Name: "orders", EventPattern: `{"source":["com.example.orders"]}`}, targets[:5]...)
	putRule(t, b, eventbus.RuleConfig{Name: "orders-2", EventPattern: `{"source":["com.example.orders"]}`}, targets[5:]...)
	put(t, b, order(`{"state":"shipped","total":12.50,"items":[{"sku":"a","qty":1},{"sku":"b","qty":2}]}`))
	flush(t, b)
	for i, tt := range tests {
		got := recs[i].inputs()
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("%s: delivered %q, want nothing", tt.name, got)
		case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
			t.Errorf("%s: got %q,\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestTargetInputValidation(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["x"]}`})
	var rec recorder
	for _, tt := range []struct {
		target eventbus.Target
		msg    string
	}{
		{eventbus.Target{ID: "t", Input: `{}`, InputPath: "$.detail"}, "Only one of Input, InputPath, or InputTransformer must be provided for target t."},
		{eventbus.Target{ID: "t", Input: `env:dev`}, "JSON syntax error in input for target t"},
		{eventbus.Target{ID: "t", InputPath: "detail"}, "InputPath for target t is invalid."},
		{eventbus.Target{ID: "t", InputTransformer: &eventbus.InputTransformer{InputTemplate: `<nope>`}}, "InputTemplate for target t contains invalid placeholder nope."},
	} {
		tt.target.Destination = rec.dest()
		wantCode(t, b.PutTargets("r", tt.target), eventbus.ErrValidation, tt.msg)
	}
}
