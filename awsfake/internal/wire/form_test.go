package wire_test

import (
	"reflect"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

func TestFormLists(t *testing.T) {
	f, err := wire.ParseForm("Action=SendMessageBatch&AttributeName.1=All&AttributeName.2=Policy&AttributeName.4=Gap" +
		"&Entry.1.Id=a&Entry.1.MessageAttribute.1.Name=k&Entry.1.MessageAttribute.1.Value.StringValue=v" +
		"&Entry.2.Id=b&Entry.3.Id=c&Tags.entry.1.key=team&Tags.entry.1.value=x&Tags.entry.2.key=env&Tags.entry.2.value=y")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Get("Action"); got != "SendMessageBatch" {
		t.Errorf("Action = %q", got)
	}
	if got := f.Strings("AttributeName"); !reflect.DeepEqual(got, []string{"All", "Policy"}) {
		t.Errorf("Strings stops at the first gap: got %q", got)
	}
	entries := f.Entries("Entry")
	if len(entries) != 3 {
		t.Fatalf("Entries = %d, want 3", len(entries))
	}
	if entries[0].Get("Id") != "a" || entries[2].Get("Id") != "c" {
		t.Errorf("entry ids %q %q", entries[0].Get("Id"), entries[2].Get("Id"))
	}
	attrs := entries[0].Entries("MessageAttribute")
	if len(attrs) != 1 || attrs[0].Get("Name") != "k" || attrs[0].Get("Value.StringValue") != "v" {
		t.Errorf("nested entries: %+v", attrs)
	}
	if entries[1].Has("MessageAttribute") {
		t.Error("entry 2 has no attributes")
	}
	if !f.Has("Tags") || f.Has("Nothing") {
		t.Error("Has")
	}
	if got := f.Map("Tags.entry", "key", "value"); !reflect.DeepEqual(got, map[string]string{"team": "x", "env": "y"}) {
		t.Errorf("Map = %v", got)
	}
	if got := f.Map("Absent", "key", "value"); got != nil {
		t.Errorf("absent map = %v, want nil", got)
	}
}

func TestFormScalars(t *testing.T) {
	f, _ := wire.ParseForm("N=12&Bad=x&B=true")
	for _, tc := range []struct {
		key    string
		n      int64
		ok     bool
		hasErr bool
	}{{"N", 12, true, false}, {"Bad", 0, true, true}, {"Missing", 0, false, false}} {
		n, ok, err := f.Int(tc.key)
		if n != tc.n || ok != tc.ok || (err != nil) != tc.hasErr {
			t.Errorf("Int(%q) = %d, %v, %v", tc.key, n, ok, err)
		}
	}
	if b, ok, err := f.Bool("B"); !b || !ok || err != nil {
		t.Errorf("Bool = %v %v %v", b, ok, err)
	}
	if _, err := wire.ParseForm("a=%zz"); err == nil {
		t.Error("a bad escape must not parse")
	}
}

func FuzzParseForm(f *testing.F) {
	for _, s := range []string{"Action=X&A.1=a&A.2.B=c", "A.1.B.1.C=x&A.1.B.2.C=y", "%", "a=1&a=2", "x.=.&.=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		form, err := wire.ParseForm(body)
		if err != nil {
			return
		}
		for _, key := range []string{"A", "A.1", "x", ""} {
			_ = form.Strings(key)
			for _, e := range form.Entries(key) {
				_ = e.Entries("B")
				_ = e.Map("B", "C", "D")
			}
		}
	})
}

func TestFormMergeIntoZero(t *testing.T) {
	var f wire.Form
	f = f.Merge(map[string][]string{"A.1": {"x"}})
	if got := f.Strings("A"); len(got) != 1 || got[0] != "x" {
		t.Errorf("merged into a zero form: %q", got)
	}
}
