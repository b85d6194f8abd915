package firehose

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestCompressRoundTrip(t *testing.T) {
	t.Parallel()
	bodies := []struct {
		name string
		body []byte
	}{
		{"empty", []byte{}},
		{"nil", nil},
		{"one line", []byte("{\"a\":1}\n")},
		{"binary", []byte{0, 1, 2, 0xff, 0xfe, 0}},
		{"large", bytes.Repeat([]byte("record with some repetition\n"), 100_000)},
	}
	formats := []struct {
		format CompressionFormat
		decode func(t *testing.T, got []byte) []byte
	}{
		{"", identity},
		{Uncompressed, identity},
		{GZIP, gunzip},
		{ZIP, unzipOne("4f1c1f4e-3b0e-4c1a-9d1e-0c6a2b7d9e11")},
	}
	for _, f := range formats {
		for _, b := range bodies {
			t.Run(string(f.format)+"/"+b.name, func(t *testing.T) {
				t.Parallel()
				got, err := compress(f.format, b.body, "4f1c1f4e-3b0e-4c1a-9d1e-0c6a2b7d9e11")
				if err != nil {
					t.Fatalf("compress: %v", err)
				}
				if back := f.decode(t, got); !bytes.Equal(back, b.body) {
					t.Errorf("round trip changed the body: got %d bytes, want %d", len(back), len(b.body))
				}
			})
		}
	}
}

func TestCompressUncompressedKeepsBody(t *testing.T) {
	t.Parallel()
	body := []byte("abc")
	got, err := compress(Uncompressed, body, "")
	if err != nil {
		t.Fatal(err)
	}
	if &got[0] != &body[0] {
		t.Error("Uncompressed copied the body; it should return it as it is")
	}
}

func TestCompressGZIPIsCompressed(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("aaaaaaaaaa"), 10_000)
	got, err := compress(GZIP, body, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) >= len(body)/10 {
		t.Errorf("gzip of %d repeated bytes is %d bytes; it does not look compressed", len(body), len(got))
	}
	if got[0] != 0x1f || got[1] != 0x8b {
		t.Errorf("gzip magic = % x, want 1f 8b", got[:2])
	}
}

func TestCompressZIPEntry(t *testing.T) {
	t.Parallel()
	const name = "0b6e7c1c-8d2a-4c56-b2b1-5c9f0f3ad2c4"
	got, err := compress(ZIP, []byte("x\n"), name)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 1 {
		t.Fatalf("archive has %d entries, want 1", len(zr.File))
	}
	if f := zr.File[0]; f.Name != name || f.Method != zip.Deflate {
		t.Errorf("entry = %q method %d, want %q method %d (deflate)", f.Name, f.Method, name, zip.Deflate)
	}
	again, err := compress(ZIP, []byte("x\n"), name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Error("the same input made two different archives")
	}
}

func TestCompressZIPNeedsEntryName(t *testing.T) {
	t.Parallel()
	if _, err := compress(ZIP, []byte("x"), ""); err == nil {
		t.Error("compress(ZIP) with no entry name succeeded")
	}
}

func TestCompressionFormatCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		format CompressionFormat
		want   error // nil, errUnknownCompression or errUnsupportedCompression
	}{
		{"", nil},
		{Uncompressed, nil},
		{GZIP, nil},
		{ZIP, nil},
		{Snappy, errUnsupportedCompression},
		{HadoopSnappy, errUnsupportedCompression},
		{"SNAPPY", errUnknownCompression},
		{"gzip", errUnknownCompression},
		{"NONE", errUnknownCompression},
		{"BZIP2", errUnknownCompression},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			t.Parallel()
			err := tt.format.check()
			if tt.want == nil {
				if err != nil {
					t.Errorf("check() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("check() = %v, want an error wrapping %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), string(tt.format)) {
				t.Errorf("check() = %q; the message should name %q", err, tt.format)
			}
			// compress refuses what check refuses, with the same error.
			if _, cerr := compress(tt.format, []byte("x"), "e"); !errors.Is(cerr, tt.want) {
				t.Errorf("compress = %v, want an error wrapping %v", cerr, tt.want)
			}
			// The error wraps cleanly into the delivery stream's own.
			wrapped := errors.Join(errors.New("InvalidArgumentException"), err)
			if !errors.Is(wrapped, tt.want) {
				t.Errorf("wrapped error lost %v", tt.want)
			}
		})
	}
}

func TestCompressionFormatExtension(t *testing.T) {
	t.Parallel()
	tests := map[CompressionFormat]string{
		"":           "",
		Uncompressed: "",
		GZIP:         ".gz",
		ZIP:          ".zip",
		Snappy:       ".snappy",
		HadoopSnappy: ".snappy",
		"bogus":      "",
	}
	for f, want := range tests {
		if got := f.extension(); got != want {
			t.Errorf("%q.extension() = %q, want %q", f, got, want)
		}
	}
}

func identity(_ *testing.T, b []byte) []byte { return b }

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gzip.NewReader: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("reading gzip: %v", err)
	}
	return out
}

func unzipOne(name string) func(t *testing.T, b []byte) []byte {
	return func(t *testing.T, b []byte) []byte {
		t.Helper()
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("zip.NewReader: %v", err)
		}
		if len(zr.File) != 1 || zr.File[0].Name != name {
			t.Fatalf("archive entries = %v, want one named %q", zr.File, name)
		}
		rc, err := zr.File[0].Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		out, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("reading zip entry: %v", err)
		}
		return out
	}
}
