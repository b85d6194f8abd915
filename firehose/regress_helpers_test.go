package firehose_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/firehose"
)

// rec is a Destination that keeps copies of what it is given.
type rec struct {
	mu      sync.Mutex
	batches []*firehose.Batch
	data    [][]byte
	fail    func(b *firehose.Batch) error
}

func (r *rec) Deliver(_ context.Context, b *firehose.Batch) error {
	if r.fail != nil {
		if err := r.fail(b); err != nil {
			return err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, x := range b.Records {
		r.data = append(r.data, append([]byte(nil), x.Data...))
	}
	r.batches = append(r.batches, b)
	return nil
}

func (r *rec) records() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.data))
	for i, d := range r.data {
		out[i] = string(d)
	}
	return out
}

func gunzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// errorRaw returns the decoded rawData of every error line stored under prefix.
func errorRaw(t *testing.T, s *firehose.MemoryStore, prefix string) []string {
	t.Helper()
	var out []string
	for _, k := range s.Keys() {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		body, _ := s.Get(k)
		for _, line := range strings.Split(strings.TrimSpace(string(body)), "\n") {
			if line == "" {
				continue
			}
			var l struct {
				RawData   string `json:"rawData"`
				ErrorCode string `json:"errorCode"`
			}
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			d, _ := base64.StdEncoding.DecodeString(l.RawData)
			out = append(out, string(d))
		}
	}
	return out
}
