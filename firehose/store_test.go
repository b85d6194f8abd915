package firehose_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/firehose"
)

func TestMemoryStoreZeroValue(t *testing.T) {
	t.Parallel()
	var s firehose.MemoryStore
	if s.Len() != 0 || len(s.Keys()) != 0 {
		t.Fatalf("zero store has Len %d, Keys %v", s.Len(), s.Keys())
	}
	if _, ok := s.Get("a"); ok {
		t.Fatal("zero store has an object")
	}
	ctx := context.Background()
	puts := []struct{ key, body string }{
		{"b/2", "two"},
		{"a/1", "one"},
		{"c", ""},
		{"b/2", "two again"}, // overwrite
	}
	for _, p := range puts {
		if err := s.PutObject(ctx, p.key, []byte(p.body)); err != nil {
			t.Fatalf("PutObject(%q): %v", p.key, err)
		}
	}
	if got, want := s.Keys(), []string{"a/1", "b/2", "c"}; !slices.Equal(got, want) {
		t.Errorf("Keys() = %v, want %v", got, want)
	}
	if s.Len() != 3 {
		t.Errorf("Len() = %d, want 3", s.Len())
	}
	for key, want := range map[string]string{"a/1": "one", "b/2": "two again", "c": ""} {
		got, ok := s.Get(key)
		if !ok || string(got) != want {
			t.Errorf("Get(%q) = %q, %v; want %q, true", key, got, ok, want)
		}
	}
}

func TestMemoryStoreRefuses(t *testing.T) {
	t.Parallel()
	var s firehose.MemoryStore
	if err := s.PutObject(context.Background(), "", []byte("x")); err == nil {
		t.Error("PutObject with an empty key succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.PutObject(ctx, "k", []byte("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("PutObject with a done context = %v, want context.Canceled", err)
	}
	if s.Len() != 0 {
		t.Errorf("a refused put stored something: %v", s.Keys())
	}
}

func TestMemoryStoreConcurrent(t *testing.T) {
	t.Parallel()
	var s firehose.MemoryStore
	const writers, each = 8, 100
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				key := fmt.Sprintf("w%d/%03d", w, i)
				if err := s.PutObject(context.Background(), key, []byte(key)); err != nil {
					t.Error(err)
				}
				s.Get(key)
				s.Len()
			}
		})
	}
	wg.Go(func() {
		for range each {
			s.Keys()
		}
	})
	wg.Wait()
	if s.Len() != writers*each {
		t.Fatalf("Len() = %d, want %d", s.Len(), writers*each)
	}
	for _, k := range s.Keys() {
		if got, _ := s.Get(k); string(got) != k {
			t.Errorf("Get(%q) = %q", k, got)
		}
	}
}

func TestNewDirStoreCreatesRoot(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "a", "b", "bucket")
	s, err := firehose.NewDirStore(root)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		t.Fatalf("root not created: %v", err)
	}
	if s.Root() != root {
		t.Errorf("Root() = %q, want %q", s.Root(), root)
	}
	// An existing root is fine.
	if _, err := firehose.NewDirStore(root); err != nil {
		t.Errorf("NewDirStore on an existing root: %v", err)
	}
	if _, err := firehose.NewDirStore(""); err == nil {
		t.Error("NewDirStore(\"\") succeeded")
	}
	// A root that is a file cannot hold objects.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := firehose.NewDirStore(file); err == nil {
		t.Error("NewDirStore on a file succeeded")
	}
}

func TestNewDirStoreRelativeRoot(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s, err := firehose.NewDirStore("bucket")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "bucket"); s.Root() != want {
		t.Errorf("Root() = %q, want %q", s.Root(), want)
	}
}

func TestDirStorePutObject(t *testing.T) {
	t.Parallel()
	s, err := firehose.NewDirStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	puts := []struct{ key, body string }{
		{"top", "at the root"},
		{"2024/01/02/03/s-1-2024-01-02-03-04-05-abc", "nested"},
		{"2024/01/02/03/other", ""},
		{"a b/ünïcødé/x.json.gz", "odd but legal names"},
		{".hidden/..dots../x", "dots inside a segment are fine"},
		{"top", "overwritten"},
	}
	for _, p := range puts {
		if err := s.PutObject(ctx, p.key, []byte(p.body)); err != nil {
			t.Fatalf("PutObject(%q): %v", p.key, err)
		}
	}
	want := map[string]string{
		"top": "overwritten",
		"2024/01/02/03/s-1-2024-01-02-03-04-05-abc": "nested",
		"2024/01/02/03/other":                       "",
		"a b/ünïcødé/x.json.gz":                     "odd but legal names",
		".hidden/..dots../x":                        "dots inside a segment are fine",
	}
	if got := readTree(t, s.Root()); !maps.Equal(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}
	fi, err := os.Stat(filepath.Join(s.Root(), "top"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o444 != 0o444 {
		t.Errorf("object mode = %v, want readable by all", perm)
	}
}

func TestDirStoreRefusesKeys(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	s, err := firehose.NewDirStore(filepath.Join(parent, "bucket"))
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{
		"",
		"/etc/passwd",
		"/abs",
		"..",
		"../escape",
		"a/../../escape",
		"a/..",
		".",
		"./a",
		"a/./b",
		"a//b",
		"a/",
		"/",
		"a\\b",
		"..\\escape",
		"a\x00b",
	}
	for _, key := range keys {
		t.Run(fmt.Sprintf("%q", key), func(t *testing.T) {
			t.Parallel()
			if err := s.PutObject(context.Background(), key, []byte("x")); err == nil {
				t.Errorf("PutObject(%q) succeeded", key)
			}
		})
	}
	t.Cleanup(func() {
		// Nothing was written, inside the root or beside it.
		if got := readTree(t, parent); len(got) != 0 {
			t.Errorf("refused keys left files: %v", got)
		}
	})
}

func TestDirStoreConflictsAreErrors(t *testing.T) {
	t.Parallel()
	s, err := firehose.NewDirStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.PutObject(ctx, "a", []byte("file")); err != nil {
		t.Fatal(err)
	}
	// "a" is a file, so it cannot also be a directory, and the reverse.
	if err := s.PutObject(ctx, "a/b", []byte("x")); err == nil {
		t.Error("PutObject(a/b) under the file a succeeded")
	}
	if err := s.PutObject(ctx, "d/e", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutObject(ctx, "d", []byte("x")); err == nil {
		t.Error("PutObject(d) over the directory d succeeded")
	}
	want := map[string]string{"a": "file", "d/e": "x"}
	if got := readTree(t, s.Root()); !maps.Equal(got, want) {
		t.Errorf("files = %v, want %v (failed puts must leave nothing)", got, want)
	}
}

func TestDirStoreDoneContext(t *testing.T) {
	t.Parallel()
	s, err := firehose.NewDirStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.PutObject(ctx, "k", []byte("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("PutObject = %v, want context.Canceled", err)
	}
	if got := readTree(t, s.Root()); len(got) != 0 {
		t.Errorf("files = %v, want none", got)
	}
}

// TestDirStoreConcurrent writes one shared key and many own keys from
// several goroutines while a reader watches the shared file: the reader
// must only ever see a whole body, and no temporary file may be left.
func TestDirStoreConcurrent(t *testing.T) {
	t.Parallel()
	s, err := firehose.NewDirStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 20
	bodies := make(map[string]bool)
	for w := range writers {
		// Bodies of different lengths, so a torn read cannot look whole.
		bodies[strings.Repeat(string(rune('a'+w)), 1000*(w+1))] = true
	}
	shared := filepath.Join(s.Root(), "shared", "obj")
	stop := make(chan struct{})
	var reader sync.WaitGroup
	reader.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			b, err := os.ReadFile(shared)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				t.Errorf("reading the shared object: %v", err)
				return
			}
			if !bodies[string(b)] {
				t.Errorf("reader saw a partial object of %d bytes", len(b))
				return
			}
		}
	})
	var wg sync.WaitGroup
	for w := range writers {
		body := []byte(strings.Repeat(string(rune('a'+w)), 1000*(w+1)))
		wg.Go(func() {
			for i := range each {
				ctx := context.Background()
				if err := s.PutObject(ctx, "shared/obj", body); err != nil {
					t.Error(err)
				}
				key := fmt.Sprintf("own/%d/%02d", w, i)
				if err := s.PutObject(ctx, key, []byte(key)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	reader.Wait()

	files := readTree(t, s.Root())
	if len(files) != writers*each+1 {
		t.Errorf("%d files, want %d", len(files), writers*each+1)
	}
	for name, body := range files {
		if name == "shared/obj" {
			if !bodies[body] {
				t.Errorf("shared object is not one whole body (%d bytes)", len(body))
			}
			continue
		}
		if body != name {
			t.Errorf("file %q holds %q", name, body)
		}
	}
}

// readTree returns every regular file under root, by slash path, with its
// content. Temporary files count too, so a leftover one shows up.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
