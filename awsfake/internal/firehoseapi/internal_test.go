package firehoseapi

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/switchyard/switchyard/firehose"
)

func TestBucketStoreVersioned(t *testing.T) {
	const stamp = "2024-01-02-03-04-05"
	const id = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
	tests := []struct {
		name    string
		version int
		ext     string
		key     string
		want    string
	}{
		{"version 1 as it is", 1, "", "2024/01/ds-1-" + stamp + "-" + id, "bucket/2024/01/ds-1-" + stamp + "-" + id},
		{"version 2", 2, "", "2024/01/ds-1-" + stamp + "-" + id, "bucket/2024/01/ds-2-" + stamp + "-" + id},
		{"with extension", 12, ".json.gz", "p/ds-1-" + stamp + "-" + id + ".json.gz", "bucket/p/ds-12-" + stamp + "-" + id + ".json.gz"},
		{"prefix without slash", 3, "", "prefixds-1-" + stamp + "-" + id, "bucket/prefixds-3-" + stamp + "-" + id},
		{"name in the prefix too", 3, "", "ds-1-x/ds-1-" + stamp + "-" + id, "bucket/ds-1-x/ds-3-" + stamp + "-" + id},
		{"another stream's object", 2, "", "other-1-" + stamp + "-" + id, "bucket/other-1-" + stamp + "-" + id},
		{"not an object name", 2, "", "short", "bucket/short"},
		{"extension missing", 2, ".gz", "ds-1-" + stamp + "-" + id, "bucket/ds-1-" + stamp + "-" + id},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := new(firehose.MemoryStore)
			b := bucketStore{store: store, bucket: "bucket", name: "ds", version: tt.version, ext: tt.ext}
			if err := b.PutObject(context.Background(), tt.key, []byte("x")); err != nil {
				t.Fatal(err)
			}
			if keys := store.Keys(); !slices.Equal(keys, []string{tt.want}) {
				t.Errorf("stored under %v, want %s", keys, tt.want)
			}
		})
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		query string
		want  map[string]string // nil: refused
	}{
		{"{customer: .customer.id}", map[string]string{"customer": ".customer.id"}},
		{` { "a b": .x , c:.tags[0], d } `, map[string]string{"a b": ".x", "c": ".tags[0]", "d": ".d"}},
		{`{t: .ts | strftime("%H:%M"), u: .["k,1"]}`, map[string]string{"t": `.ts | strftime("%H:%M")`, "u": `.["k,1"]`}},
		{".customer", nil},
		{"{}", nil},
		{"{a: .a,}", nil},
		{"{a: }", nil},
		{"{1a: .a}", nil},
		{`{"": .a}`, nil},
		{"{a: .b: .c}", nil},
	}
	for _, tt := range tests {
		got, err := parseQuery(tt.query)
		switch {
		case tt.want == nil && err == nil:
			t.Errorf("parseQuery(%q) = %v, want an error", tt.query, got)
		case tt.want != nil && (err != nil || !maps.Equal(got, tt.want)):
			t.Errorf("parseQuery(%q) = %v, %v; want %v", tt.query, got, err, tt.want)
		}
	}
}

func TestNotBlank(t *testing.T) {
	for s, want := range map[string]bool{"a": true, " a ": true, "": false, "   ": false, "\t": false, "a\nb": false} {
		if notBlank(s) != want {
			t.Errorf("notBlank(%q) = %v", s, !want)
		}
	}
}
