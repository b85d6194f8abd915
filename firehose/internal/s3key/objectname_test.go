package s3key_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/firehose/internal/s3key"
)

func TestObjectName(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	uuid := "a9fa96af-e4e4-409f-bac3-1f804714faaa"
	tests := []struct {
		name      string
		version   int
		at        time.Time
		loc       *time.Location
		extension string
		want      string
	}{
		{"UTC", 1, at1030, nil, "", "orders-1-2018-08-27-10-30-00-" + uuid},
		{"GZIP", 3, at1030, time.UTC, ".gz", "orders-3-2018-08-27-10-30-00-" + uuid + ".gz"},
		{"FileExtension", 12, at1030, nil, ".json.gz", "orders-12-2018-08-27-10-30-00-" + uuid + ".json.gz"},
		{"CustomTimeZone applies to the name", 1, time.Date(2018, 8, 27, 20, 30, 5, 999, time.UTC), tokyo, ".zip",
			"orders-1-2018-08-28-05-30-05-" + uuid + ".zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s3key.ObjectName("orders", tt.version, tt.at, tt.loc, uuid, tt.extension); got != tt.want {
				t.Errorf("ObjectName = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckFileExtension(t *testing.T) {
	const pattern = `Member must satisfy regular expression pattern: ^$|\.[0-9a-z!\-_.*'()]+$`
	ok := []string{"", ".gz", ".json.gz", ".parquet", ".0", "..", ".a-b_c!*'().", "." + strings.Repeat("a", 127)}
	for _, ext := range ok {
		if err := s3key.CheckFileExtension(ext); err != nil {
			t.Errorf("CheckFileExtension(%q) = %v", ext, err)
		}
	}
	bad := []struct{ ext, constraint string }{
		{".", pattern},
		{"gz", pattern},
		{"a.gz", pattern}, // the whole value must match
		{".GZ", pattern},
		{".g z", pattern},
		{".gz/", pattern},
		{".é", pattern},
		{"." + strings.Repeat("a", 128), "Member must have length less than or equal to 128"},
	}
	for _, tt := range bad {
		err := s3key.CheckFileExtension(tt.ext)
		var e *s3key.Error
		if !errors.As(err, &e) {
			t.Errorf("CheckFileExtension(%q) = %v, want an *s3key.Error", tt.ext, err)
			continue
		}
		want := "1 validation error detected: Value '" + tt.ext + "' at 'fileExtension' failed to satisfy constraint: " + tt.constraint
		if e.Field != "FileExtension" || e.Constraint != tt.constraint || e.Message != want {
			t.Errorf("CheckFileExtension(%q) = %+v, want message %q", tt.ext, *e, want)
		}
	}
}
