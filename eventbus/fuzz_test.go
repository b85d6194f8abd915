package eventbus_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/switchyard/switchyard/eventbus"
)

// FuzzPutEvents puts an arbitrary entry on a bus whose rule matches its
// source exactly: PutEvents never panics, refuses the entry only for a
// reason it names, and otherwise delivers an envelope that is JSON and
// carries the entry's source, detail type and detail unchanged (but for
// invalid UTF-8, which JSON cannot carry and becomes U+FFFD).
func FuzzPutEvents(f *testing.F) {
	f.Add("com.example.orders", "Order Placed", `{"id":1}`)
	f.Add("s", "d", `{"a":[1,2.50,"x",null,true,{"b":{}}]}`)
	f.Add("ünïcode \u2028", "tab\there", `{"k":"\ud83d\ude00"}`)
	f.Add("", "d", `{}`)
	f.Add("s", "d", `[1]`)
	f.Add("s", "d", `{"a":1} x`)
	f.Add(`quote"back\slash`, "d", " {\n\"a\" : 1e3 }\n")
	f.Fuzz(func(t *testing.T, source, detailType, detail string) {
		b := newBus(t, eventbus.Config{})
		var rec recorder
		src, _ := json.Marshal(source)
		if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":[` + string(src) + `]}`}); err != nil {
			t.Skip() // a source too long for a pattern
		}
		if err := b.PutTargets("r", eventbus.Target{ID: "t", Destination: rec.dest()}); err != nil {
			t.Fatal(err)
		}
		res, err := b.PutEvents(eventbus.Entry{Source: source, DetailType: detailType, Detail: detail})
		if err != nil {
			return // the request as a whole was refused (size)
		}
		if r := res.Entries[0]; r.ErrorCode != "" {
			if r.ErrorCode != "InvalidArgument" && r.ErrorCode != "MalformedDetail" {
				t.Fatalf("refused with %+v", r)
			}
			return
		}
		flush(t, b)
		got := rec.inputs()
		if len(got) != 1 {
			t.Fatalf("%d deliveries for an event matching its rule", len(got))
		}
		var env struct {
			Source     string          `json:"source"`
			DetailType string          `json:"detail-type"`
			Detail     json.RawMessage `json:"detail"`
		}
		if err := json.Unmarshal([]byte(got[0]), &env); err != nil {
			t.Fatalf("envelope %q is not JSON: %v", got[0], err)
		}
		var want, have any
		json.Unmarshal([]byte(detail), &want)
		json.Unmarshal(env.Detail, &have)
		if env.Source != string([]rune(source)) || env.DetailType != string([]rune(detailType)) || !reflect.DeepEqual(want, have) {
			t.Fatalf("envelope %s does not carry the entry", got[0])
		}
	})
}
