package s3key

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/awserr"
)

// The API model's constraints on FileExtension.
const (
	maxFileExtensionLength = 128
	fileExtensionPattern   = `^$|\.[0-9a-z!\-_.*'()]+$`
)

// ObjectName returns the part of an object's key after the evaluated
// prefix, which AWS does not let a delivery stream change:
// name-version-yyyy-MM-dd-HH-mm-ss-uuid followed by extension. The time
// is at in loc (nil means UTC): the guide's "Configure Amazon S3 object
// name format" page says the CustomTimeZone applies to the prefix and to
// this suffix alike. AWS does not say which instant the name shows; a
// caller that passes the [Values.At] of the prefix keeps name and prefix
// in agreement.
//
// extension is the delivery stream's FileExtension when set; else the
// compression format's (.gz for GZIP, .zip for ZIP, .snappy for Snappy
// and HADOOP_SNAPPY), or "" when uncompressed. A FileExtension replaces
// the compression's extension rather than adding to it ("specified file
// extension will override default file extensions appended by Data
// Format Conversion or S3 compression", create-destination page).
func ObjectName(deliveryStreamName string, version int, at time.Time, loc *time.Location, uuid, extension string) string {
	if loc == nil {
		loc = time.UTC
	}
	b := make([]byte, 0, len(deliveryStreamName)+len(uuid)+len(extension)+32)
	b = append(b, deliveryStreamName...)
	b = strconv.AppendInt(append(b, '-'), int64(version), 10)
	b = at.In(loc).AppendFormat(append(b, '-'), "2006-01-02-15-04-05")
	b = append(append(b, '-'), uuid...)
	return string(append(b, extension...))
}

// CheckFileExtension checks a FileExtension against the API model: at
// most 128 characters, and either empty or a "." followed by one or more
// of 0-9 a-z ! - _ . * ' ( ). The model's pattern is
// ^$|\.[0-9a-z!\-_.*'()]+$; we match it against the whole value, as the
// guide's wording ("must start with a period") requires. A refused
// extension returns an [*Error] whose Constraint is set.
func CheckFileExtension(ext string) error {
	if utf8.RuneCountInString(ext) > maxFileExtensionLength {
		return modelError(fieldFileExtension, ext, awserr.LengthAtMost(maxFileExtensionLength))
	}
	if ext == "" {
		return nil
	}
	ok := len(ext) >= 2 && ext[0] == '.'
	for i := 1; ok && i < len(ext); i++ {
		ok = fileExtensionByte(ext[i])
	}
	if !ok {
		return modelError(fieldFileExtension, ext, awserr.Pattern(fileExtensionPattern))
	}
	return nil
}

// fileExtensionByte reports whether c may follow the leading "." of a
// FileExtension.
func fileExtensionByte(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z':
		return true
	}
	switch c {
	case '!', '-', '_', '.', '*', '\'', '(', ')':
		return true
	}
	return false
}
