package input

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestPathSyntax(t *testing.T) {
	t.Parallel()
	accepted := []string{
		"$", "$.detail", "$.detail.instance-id", "$.detail-type", "$.a_b.c/d",
		"$.detail.items[0]", "$.items[12][3]", "$[0]", "$.*", "$.a[*]", "$.a[*].b", "$.a.*.b",
		"$.0", "$.a[007]",
	}
	refused := []string{
		"", "detail", "$detail", "$.", "$..a", "$.a.", "$['detail']", `$["detail"]`,
		"$.detail['state']", "$.a[-1]", "$.a[0:2]", "$.a[0,1]", "$.a[?(@.b)]", "$.a[]",
		"$.a[*", "$.a[1", " $.a", "$.a ", "$.a b", "$.a:b", "$.a@b", "$.été", "$.a.length()",
		"$.a[99999999999999999999]",
	}
	for _, s := range accepted {
		if _, ok := parsePath(s); !ok {
			t.Errorf("parsePath(%q) refused, want accepted", s)
		}
	}
	for _, s := range refused {
		if _, ok := parsePath(s); ok {
			t.Errorf("parsePath(%q) accepted, want refused", s)
		}
	}
}

const lookupDoc = ` { "a" : { "b" : [ 10 , { "c" : "x" } , [ 1 , 2 ] ] , "n" : 1.50 } ,
		"dup" : 1 , "dup" : 2 , "esc\"aped" : "e" , "\u0061lias" : "u" , "s/l" : "/" ,
		"list" : [ { "id" : 1 } , { "name" : "no id" } , { "id" : 3 } ] , "empty" : [ ] , "str" : "abc" } `

var lookupTests = []struct {
	path string
	want string // "" means nothing selected
}{
	// A value is copied as it is: both of "dup" stay.
	{"$", `{"a":{"b":[10,{"c":"x"},[1,2]],"n":1.50},"dup":1,"dup":2,"esc\"aped":"e","\u0061lias":"u","s/l":"/","list":[{"id":1},{"name":"no id"},{"id":3}],"empty":[],"str":"abc"}`},
	{"$.a.n", `1.50`},
	{"$.a.b[0]", `10`},
	{"$.a.b[1].c", `"x"`},
	{"$.a.b[2][1]", `2`},
	{"$.a.b[3]", ``},
	{"$.a.b.c", ``},
	{"$.a.missing", ``},
	{"$.str.x", ``},
	{"$.str[0]", ``},
	{"$.dup", `2`},
	{"$.alias", `"u"`},
	{"$.s/l", `"/"`},
	{"$.list[*].id", `[1,3]`},
	{"$.list[*]", `[{"id":1},{"name":"no id"},{"id":3}]`},
	{"$.a.*", `[[10,{"c":"x"},[1,2]],1.50]`},
	// As in Jayway, [*] takes an object's members too.
	{"$.a.b[*][*]", `["x",1,2]`},
	{"$.empty[*]", `[]`},
	{"$.missing[*]", `[]`},
	{"$.str.*", `[]`},
}

func TestPathLookup(t *testing.T) {
	t.Parallel()
	for _, tt := range lookupTests {
		p, ok := parsePath(tt.path)
		if !ok {
			t.Fatalf("parsePath(%q) refused", tt.path)
		}
		raw, found := p.lookup([]byte(lookupDoc))
		got := ""
		if found {
			got = string(appendCompact(nil, raw))
		}
		if got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.path, got, tt.want)
		}
	}
}

// TestPathTree checks that a template resolving every path at once (the
// paths without wildcards through one walk) finds what each path finds
// alone.
func TestPathTree(t *testing.T) {
	t.Parallel()
	paths := map[string]string{}
	var template strings.Builder
	template.WriteString("{")
	for i, tt := range lookupTests {
		name := "p" + strconv.Itoa(i)
		paths[name] = tt.path
		if i > 0 {
			template.WriteString(",")
		}
		fmt.Fprintf(&template, `"%s":<%s>`, name, name)
	}
	template.WriteString("}")
	out := mustTransform(t, paths, template.String(), lookupDoc, Vars{})
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	for i, tt := range lookupTests {
		want := tt.want
		if want == "" {
			want = `""` // a missing value outside quotes
		}
		if g := string(got["p"+strconv.Itoa(i)]); g != want {
			t.Errorf("%s: got %s, want %s", tt.path, g, want)
		}
	}
}

func TestInputPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path    string
		want    string
		wantErr error
	}{
		{"$", ec2Event, nil},
		{"$.detail", `{"instance-id":"i-0123456789","state":"RUNNING"}`, nil},
		{"$.detail.state", `"RUNNING"`, nil},
		{"$.resources[0]", `"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"`, nil},
		{"$.resources[*]", `["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]`, nil},
		{"$.detail.nothing", "", ErrNothingSelected},
		{"$.detail.nothing[*]", "[]", nil},
	}
	for _, tt := range tests {
		s := mustCompile(t, Spec{TargetID: "t", InputPath: tt.path})
		got, err := s.Apply([]byte(ec2Event), Vars{})
		if !errors.Is(err, tt.wantErr) || string(got) != tt.want {
			t.Errorf("%s: got %s, %v; want %s, %v", tt.path, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestPrettyEventIsCompacted checks that values from an event written with
// white space come out minified, strings untouched.
func TestPrettyEventIsCompacted(t *testing.T) {
	t.Parallel()
	s := mustCompile(t, Spec{InputPath: "$.detail"})
	got, err := s.Apply([]byte("{ \"detail\" : {\n  \"a\" : [ 1 , 2 ],\n  \"b\" : \" keep  this \"\n} }"), Vars{})
	if err != nil || string(got) != `{"a":[1,2],"b":" keep  this "}` {
		t.Errorf("got %s, %v", got, err)
	}
}
