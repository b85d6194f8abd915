package s3key

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone rules on every machine
)

// TestTimestampMatchesJava compares every pattern letter and count we
// support, and a set of refused patterns, with what Java's
// DateTimeFormatter printed (testdata/javatime.golden, made by
// testdata/javatime/Fmt.java).
func TestTimestampMatchesJava(t *testing.T) {
	f, err := os.Open("testdata/javatime.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zones := map[string]*time.Location{}
	sc := bufio.NewScanner(f)
	lines := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines++
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("bad golden line %q", line)
		}
		in, pattern, want := strings.Fields(fields[0]), fields[1], fields[2]
		sec, _ := strconv.ParseInt(in[0], 10, 64)
		nsec, _ := strconv.ParseInt(in[1], 10, 64)
		loc, ok := zones[in[2]]
		if !ok {
			if loc, err = time.LoadLocation(in[2]); err != nil {
				t.Fatal(err)
			}
			zones[in[2]] = loc
		}
		ts, err := compileTimestamp(pattern)
		if strings.HasPrefix(want, "!") {
			if err == nil {
				t.Errorf("pattern %q: Java refuses it, we compiled it", pattern)
			}
			continue
		}
		if err != nil {
			t.Errorf("pattern %q: %v; Java prints %q", pattern, err, want)
			continue
		}
		at := time.Unix(sec, nsec).In(loc)
		if got := string(ts.appendTo(nil, at)); got != want {
			t.Errorf("pattern %q at %s: got %q, Java prints %q", pattern, at.Format(time.RFC3339Nano), got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 1000 {
		t.Fatalf("only %d golden lines", lines)
	}
}

// TestTimestampRefusals covers the patterns Java accepts that we refuse on
// purpose, and the error texts.
func TestTimestampRefusals(t *testing.T) {
	tests := []struct {
		pattern, want string
	}{
		{"YYYY", "Unknown pattern letter: Y (or not supported here)"},
		{"ww", "Unknown pattern letter: w (or not supported here)"},
		{"z", "Unknown pattern letter: z (or not supported here)"},
		{"VV", "Unknown pattern letter: V (or not supported here)"},
		{"n", "Unknown pattern letter: n (or not supported here)"},
		{"b", "Unknown pattern letter: b (or not supported here)"},
		{"ddd", "Too many pattern letters: d"},
		{"OO", "Pattern letter count must be 1 or 4: O"},
		{"yyyy]", "Pattern invalid as it contains ] without previous ["},
		{"'abc", "Pattern ends with an incomplete string literal: 'abc"},
		{"#", "Pattern includes reserved character: '#'"},
		{"yyyy{", "Pattern includes reserved character: '{'"},
		// Java would print a quoted {; we refuse it (see quoted).
		{"'{'", "Pattern includes reserved character: '{'"},
	}
	for _, tt := range tests {
		_, err := compileTimestamp(tt.pattern)
		if err == nil || err.Error() != tt.want {
			t.Errorf("compileTimestamp(%q) = %v, want %q", tt.pattern, err, tt.want)
		}
	}
}
