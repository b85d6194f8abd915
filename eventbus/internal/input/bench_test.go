package input

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/jsonpath"
	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// benchEvent is a typical event of about 500 bytes.
const benchEvent = `{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Order Placed","source":"com.example.orders","account":"123456789012","time":"2026-11-25T21:29:54Z","region":"eu-west-1","resources":["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"],"detail":{"orderId":"o-48213","customer":{"id":"c-1177","tier":"gold","email":"pat@example.com"},"items":[{"sku":"A-100","qty":2,"price":19.90},{"sku":"B-250","qty":1,"price":5.50}],"total":45.30,"currency":"EUR","express":true}}`

var benchPaths = map[string]string{
	"order":    "$.detail.orderId",
	"customer": "$.detail.customer",
	"tier":     "$.detail.customer.tier",
	"total":    "$.detail.total",
	"sku":      "$.detail.items[0].sku",
}

const benchTemplate = `{"order": <order>, "customer": <customer>, "total": <total>, "summary": "<order> for a <tier> customer, first item <sku>", "rule": <aws.events.rule-name>}`

var benchVars = Vars{RuleARN: "arn:aws:events:eu-west-1:123456789012:rule/orders", RuleName: "orders", IngestionTime: time.Unix(1e9, 0)}

// BenchmarkApply fills a JSON template with a 5-entry paths map from a
// 500-byte event.
func BenchmarkApply(b *testing.B) {
	benchmarkSpec(b, Spec{Transformer: &Transformer{PathsMap: benchPaths, Template: benchTemplate}})
}

// BenchmarkApplyNaive is the baseline: decode the event, evaluate each
// path with the repository's Jayway JSONPath, and replace placeholders as
// text (quoting ignored, so its output is not even right).
func BenchmarkApplyNaive(b *testing.B) {
	compiled := map[string]*jsonpath.Path{}
	for name, p := range benchPaths {
		jp, err := jsonpath.Parse(p)
		if err != nil {
			b.Fatal(err)
		}
		compiled[name] = jp
	}
	event := []byte(benchEvent)
	b.SetBytes(int64(len(event)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := jsonvalue.Decode(event)
		if err != nil {
			b.Fatal(err)
		}
		pairs := make([]string, 0, 2*len(compiled)+2)
		for name, jp := range compiled {
			v, err := jp.Get(doc)
			text := ""
			if err == nil {
				text, _ = jsonvalue.Compact(v)
			}
			pairs = append(pairs, "<"+name+">", text)
		}
		pairs = append(pairs, "<aws.events.rule-name>", benchVars.RuleName)
		_ = strings.NewReplacer(pairs...).Replace(benchTemplate)
	}
}

// BenchmarkInputPath selects the event's detail.
func BenchmarkInputPath(b *testing.B) {
	benchmarkSpec(b, Spec{InputPath: "$.detail"})
}

// benchmarkSpec measures Apply on benchEvent.
func benchmarkSpec(b *testing.B, spec Spec) {
	s := mustCompile(b, spec)
	event := []byte(benchEvent)
	b.SetBytes(int64(len(event)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Apply(event, benchVars); err != nil {
			b.Fatal(err)
		}
	}
}
