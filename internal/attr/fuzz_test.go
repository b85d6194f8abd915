package attr_test

import (
	"errors"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/awserr"
)

// The predicates below restate AWS's rules as plainly as possible, without
// sharing code with the package, so the fuzzers check one against the other.

// nameOK is the documented name rule.
func nameOK(name string) bool {
	if name == "" || len(name) > 256 {
		return false
	}
	if !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		ascii := strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.", r)
		if !ascii && (r < 0x80 || !unicode.IsLetter(r) && !unicode.IsDigit(r)) {
			return false
		}
	}
	lower := strings.ToLower(name)
	return !strings.HasPrefix(lower, "aws.") && !strings.HasPrefix(lower, "amazon.") &&
		!strings.HasPrefix(name, ".") && !strings.HasSuffix(name, ".") && !strings.Contains(name, "..")
}

// textOK is the documented character set of bodies and String values.
func textOK(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		ok := r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
			(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
		if !ok {
			return false
		}
	}
	return true
}

var numberSyntax = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?([0-9]+))?$`)

var (
	minNumber, _, _ = big.ParseFloat("1e-128", 10, 1024, big.ToNearestEven)
	maxNumber, _, _ = big.ParseFloat("1e126", 10, 1024, big.ToNearestEven)
)

// numberOK is the documented Number rule: a decimal number of at most 38
// significant digits, zero or of magnitude between 10^-128 and 10^126.
func numberOK(s string) bool {
	m := numberSyntax.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	mantissa := strings.TrimLeft(s, "+-")
	if i := strings.IndexAny(mantissa, "eE"); i >= 0 {
		mantissa = mantissa[:i]
	}
	digits := strings.Trim(strings.Replace(mantissa, ".", "", 1), "0")
	if digits == "" {
		return true // zero, whatever the exponent
	}
	if len(digits) > 38 {
		return false
	}
	if exp := strings.TrimLeft(m[3], "0"); len(exp) > 6 {
		return false // |exponent| ≥ 10^6 with a non-zero mantissa of ≤ 38 digits
	}
	f, _, err := big.ParseFloat(s, 10, 1024, big.ToNearestEven)
	if err != nil {
		return false
	}
	f.Abs(f)
	return f.Cmp(minNumber) >= 0 && f.Cmp(maxNumber) <= 0
}

// valueOK is the documented rule for one attribute's type and value.
func valueOK(v attr.Value) bool {
	if len(v.DataType) > 256 || !textOK(v.DataType) {
		return false
	}
	base, suffix, custom := strings.Cut(v.DataType, ".")
	if custom && suffix == "" {
		return false
	}
	switch base {
	case "Binary":
		return len(v.BinaryValue) > 0 && v.StringValue == ""
	case "String":
		return v.StringValue != "" && len(v.BinaryValue) == 0 && textOK(v.StringValue)
	case "Number":
		return v.StringValue != "" && len(v.BinaryValue) == 0 && numberOK(v.StringValue)
	}
	return false
}

func FuzzValidateName(f *testing.F) {
	for _, s := range []string{"a", "AWS.x", "aws-x", "a..b", ".a", "a.", strings.Repeat("n", 256), "é", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		err := attr.ValidateName(name)
		if want := nameOK(name); (err == nil) != want {
			t.Fatalf("ValidateName(%q) = %v, rule says valid=%v", name, err, want)
		}
		if err != nil {
			checkAWSError(t, err)
		}
	})
}

func FuzzValidate(f *testing.F) {
	f.Add("attribName1", "String", "attribValue 1", []byte(nil), uint8(0))
	f.Add("n", "Number.float", "4563442423554324324264524243.32543234", []byte(nil), uint8(3))
	f.Add("b", "Binary", "", []byte("Hello binary world!"), uint8(9))
	f.Add("x", "Number", "1e126", []byte(nil), uint8(10))
	f.Fuzz(func(t *testing.T, name, dataType, stringValue string, binaryValue []byte, extra uint8) {
		attrs := map[string]attr.Value{name: {DataType: dataType, StringValue: stringValue, BinaryValue: binaryValue}}
		// Up to 11 further valid attributes, to exercise the count limit.
		for i := range int(extra % 12) {
			attrs["extra"+strconv.Itoa(i)] = attr.Value{DataType: "String", StringValue: "v"}
		}

		err := attr.Validate(attrs)
		want := len(attrs) <= 10
		for n, v := range attrs {
			want = want && nameOK(n) && valueOK(v)
		}
		if (err == nil) != want {
			t.Fatalf("Validate(%q) = %v, rules say valid=%v", attrs, err, want)
		}
		if err != nil {
			checkAWSError(t, err)
		}

		// The other functions accept anything without panicking, and the
		// digest follows the reference transcription.
		if got, ref := attr.MD5(attrs), referenceMD5(attrs); got != ref {
			t.Fatalf("MD5 = %s, reference %s", got, ref)
		}
		size := 0
		for n, v := range attrs {
			size += len(n) + len(v.DataType) + len(v.StringValue) + len(v.BinaryValue)
		}
		if got := attr.Size(attrs); got != size {
			t.Fatalf("Size = %d, want %d", got, size)
		}
		if sel := attr.Select(attrs, []string{name, dataType, stringValue + ".*"}); sel != nil {
			for n := range sel {
				if _, ok := attrs[n]; !ok {
					t.Fatalf("Select returned %q, which is not an attribute", n)
				}
			}
		}
		if attr.ValidBody(stringValue) != textOK(stringValue) {
			t.Fatalf("ValidBody(%q) = %v", stringValue, attr.ValidBody(stringValue))
		}
		if (attr.CheckBody(stringValue) == nil) != textOK(stringValue) {
			t.Fatalf("CheckBody(%q) disagrees with ValidBody", stringValue)
		}
	})
}

// checkAWSError fails unless err is one of the package's client errors.
func checkAWSError(t *testing.T, err error) {
	t.Helper()
	var e *awserr.Error
	if !errors.As(err, &e) || !errors.Is(err, attr.ErrInvalidParameterValue) || e.Message == "" ||
		e.Status != 400 || e.Fault != awserr.Sender {
		t.Fatalf("unexpected error %#v", err)
	}
}
