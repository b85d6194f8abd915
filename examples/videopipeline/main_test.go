package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// The topic gives each rendition the uploads tall enough for it (all 300
// for 480p, 270 for 720p, 240 for 1080p), and the corrupt 1080p jobs go
// through the dead-letter queue and back.
func TestRun(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), &out, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// rendition, rendered, retries (a worker stopped by the scaler hands
		// its batch back, so retries vary), dead-lettered then redriven
		`(?m)^\s+480p\s+300\s+\d+\s+0\s`,
		`(?m)^\s+720p\s+270\s+\d+\s+0\s`,
		`(?m)^\s+1080p\s+240\s+\d\d+\s+12\s`, // 12 corrupt jobs, received 3 times each
		`810 renditions of 300 uploads`,
		`810 rendition records delivered to .* in [1-9]\d* gzip files? \(0 failed\)`,
	} {
		if !regexp.MustCompile(want).MatchString(out.String()) {
			t.Errorf("output lacks %s:\n%s", want, out.String())
		}
	}
}
