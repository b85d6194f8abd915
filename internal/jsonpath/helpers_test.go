package jsonpath_test

import (
	"encoding/json"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// storeDoc is Jayway's README document plus members that exercise escapes,
// kinds and edge cases.
const storeDoc = `{
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "expensive": 10,
  "store.book": "dotted",
  "foo@bar": "at",
  "it's": "quote",
  "arr": [1, 2, 3, 4, 5],
  "empty": [],
  "obj": {},
  "nul": null,
  "str": "hello",
  "flag": true,
  "nested": {"a": {"b": [{"c": 1}, {"c": 2, "d": null}]}},
  "matrix": [[1, 2], [3, 4]],
  "mixed": [1, "1", "a", true, null, {"k": 1}, [1]]
}`

// decode decodes s as the engine does, with UseNumber.
func decode(t testing.TB, s string) any {
	t.Helper()
	v, err := jsonvalue.Decode([]byte(s))
	if err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

// toJSON encodes v compactly with sorted keys, for comparisons.
func toJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %#v: %v", v, err)
	}
	return string(b)
}

// deepCopy copies a decoded JSON value.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, x := range v {
			a[i] = deepCopy(x)
		}
		return a
	}
	return v
}
