package s3key_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/firehose/internal/s3key"
)

const pre = "Ths supplied prefix(es) do not satisfy the following constraint: "

func TestParseRules(t *testing.T) {
	long := strings.Repeat("a", 1025)
	tests := []struct {
		name                string
		prefix, errorPrefix string
		dynamic             bool
		field, constraint   string
		message             string // "" means Parse succeeds
	}{
		// The API model.
		{name: "prefix of 1024", prefix: long[:1024]},
		{name: "error prefix of 1024", errorPrefix: long[:1024]},
		{name: "prefix of 1025", prefix: long, field: "Prefix",
			constraint: "Member must have length less than or equal to 1024",
			message:    "1 validation error detected: Value '" + long + "' at 'prefix' failed to satisfy constraint: Member must have length less than or equal to 1024"},
		{name: "error prefix of 1025", errorPrefix: long, field: "ErrorOutputPrefix",
			constraint: "Member must have length less than or equal to 1024",
			message:    "1 validation error detected: Value '" + long + "' at 'errorOutputPrefix' failed to satisfy constraint: Member must have length less than or equal to 1024"},
		{name: "1024 characters, more bytes", prefix: strings.Repeat("é", 1024)},

		// Syntax.
		{name: "unclosed", prefix: "a/!{timestamp:yyyy", field: "Prefix",
			message: pre + "Prefix may use !{ only to open a !{namespace:value} expression, and this one is never closed"},
		{name: "unclosed in error prefix", prefix: "a/", errorPrefix: "!{firehose:error-output-type", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix may use !{ only to open a !{namespace:value} expression, and this one is never closed"},
		{name: "nested", prefix: "!{timestamp:!{yyyy}", errorPrefix: "e/!{firehose:error-output-type}", field: "Prefix",
			message: pre + "Prefix may use !{ only to open a !{namespace:value} expression: !{timestamp:!{yyyy}"},
		{name: "no colon", prefix: "!{timestamp}", field: "Prefix",
			message: pre + "Prefix has an expression that is not of the form !{namespace:value}: !{timestamp}"},
		{name: "empty", prefix: "!{}", field: "Prefix",
			message: pre + "Prefix has an expression that is not of the form !{namespace:value}: !{}"},
		{name: "no value", prefix: "!{timestamp:}", field: "Prefix",
			message: pre + "Prefix has an expression that is not of the form !{namespace:value}: !{timestamp:}"},
		{name: "unknown namespace", prefix: "!{Timestamp:yyyy}", field: "Prefix",
			message: pre + "Prefix has an expression with an unknown namespace: !{Timestamp:yyyy}; the namespaces are timestamp, firehose, partitionKeyFromQuery and partitionKeyFromLambda"},
		{name: "unknown firehose value", prefix: "!{firehose:uuid}", field: "Prefix",
			message: pre + "Prefix has an unknown firehose expression !{firehose:uuid}; the values are random-string and error-output-type"},
		{name: "bad pattern", prefix: "!{timestamp:yyyy-bb}", field: "Prefix",
			message: pre + "Prefix has an invalid timestamp pattern in !{timestamp:yyyy-bb}: Unknown pattern letter: b (or not supported here)"},
		{name: "bad pattern in error prefix", errorPrefix: "!{firehose:error-output-type}/!{timestamp:ddd}", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix has an invalid timestamp pattern in !{timestamp:ddd}: Too many pattern letters: d"},
		{name: "timestamp ending in ! before {", prefix: "!{timestamp:yyyy!}{x}", errorPrefix: "!{firehose:error-output-type}", field: "Prefix",
			message: pre + "Prefix may use !{ only to open a !{namespace:value} expression, but a timestamp ending in ! is followed by {"},
		{name: "braces and colons as text", prefix: "a{b}:c}/!{timestamp:HH:mm}", errorPrefix: "{!{firehose:error-output-type}}"},
		{name: "lone ! and {", prefix: "a!/{b!", errorPrefix: "x!"},

		// Where each expression may go.
		{name: "error-output-type in prefix", prefix: "!{firehose:error-output-type}/", errorPrefix: "e/!{firehose:error-output-type}", field: "Prefix",
			message: pre + "Prefix cannot contain !{firehose:error-output-type}; only ErrorOutputPrefix can"},
		{name: "partition key in error prefix", prefix: "!{partitionKeyFromQuery:a}/", errorPrefix: "!{firehose:error-output-type}/!{partitionKeyFromQuery:a}", dynamic: true, field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions"},
		{name: "lambda key in error prefix, partitioning off", prefix: "a/", errorPrefix: "!{firehose:error-output-type}/!{partitionKeyFromLambda:a}", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions"},
		{name: "query key, partitioning off", prefix: "c=!{partitionKeyFromQuery:c}/", errorPrefix: "!{firehose:error-output-type}", field: "Prefix",
			message: "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled."},
		{name: "lambda key, partitioning off", prefix: "c=!{partitionKeyFromLambda:c}/", errorPrefix: "!{firehose:error-output-type}", field: "Prefix",
			message: "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled."},
		{name: "partitioning without keys", prefix: "a/!{timestamp:yyyy}/", errorPrefix: "!{firehose:error-output-type}", dynamic: true, field: "Prefix",
			message: pre + "Prefix must contain a partitionKeyFromQuery or partitionKeyFromLambda expression when Dynamic Partitioning is enabled"},
		{name: "partitioning, empty prefix", dynamic: true, field: "Prefix",
			message: pre + "Prefix must contain a partitionKeyFromQuery or partitionKeyFromLambda expression when Dynamic Partitioning is enabled"},
		{name: "partitioning without error prefix", prefix: "c=!{partitionKeyFromQuery:c}/", dynamic: true, field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions"},
		{name: "partitioning, both kinds of key", prefix: "c=!{partitionKeyFromQuery:c}/d=!{partitionKeyFromLambda:d}/", errorPrefix: "e/!{firehose:error-output-type}/", dynamic: true},

		// When ErrorOutputPrefix is needed, and what it must hold.
		{name: "guide: expressions without error prefix", prefix: "!{timestamp:yyyy/MM/dd}", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions"},
		{name: "random-string without error prefix", prefix: "!{firehose:random-string}/", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions"},
		{name: "error prefix expressions without type", prefix: "a/", errorPrefix: "errors/!{timestamp:yyyy}/", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions"},
		{name: "error prefix random-string without type", errorPrefix: "errors/!{firehose:random-string}/", field: "ErrorOutputPrefix",
			message: pre + "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions"},
		{name: "literal error prefix", prefix: "a/", errorPrefix: "prefix1"},
		{name: "literal error prefix, expressions in prefix", prefix: "!{timestamp:yyyy}/", errorPrefix: "errors/"},
		{name: "nothing set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s3key.Parse(tt.prefix, tt.errorPrefix, tt.dynamic)
			if tt.message == "" {
				if err != nil || p == nil {
					t.Fatalf("Parse = %v, %v; want success", p, err)
				}
				return
			}
			var e *s3key.Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse error = %v, want an *s3key.Error", err)
			}
			if e.Field != tt.field || e.Constraint != tt.constraint || e.Message != tt.message || err.Error() != tt.message {
				t.Errorf("Parse error = %+v\nwant field %q, constraint %q, message\n%q", *e, tt.field, tt.constraint, tt.message)
			}
			if p != nil {
				t.Errorf("Parse returned %v with its error", p)
			}
		})
	}
}
