package stepfn

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// checkPath reports whether s is a path the engine can evaluate.
func checkPath(s string) error {
	_, err := jsonpath.Parse(s)
	return err
}

// validVariableName reports whether name is a workflow variable name:
// Unicode ID_Start then ID_Continue characters (approximated by letters,
// digits, marks and '_'), at most 80 of them, and not "states".
func validVariableName(name string) bool {
	if name == "" || name == "states" || utf8.RuneCountInString(name) > 80 {
		return false
	}
	for i, r := range name {
		switch {
		case unicode.IsLetter(r), r == '_', r == '$' && i > 0:
		case i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r)):
		default:
			return false
		}
	}
	return true
}

var errTimestamp = errors.New("not an ISO-8601 extended offset date-time")

// parseTimestamp parses a Wait or Choice timestamp: RFC 3339 with an
// uppercase T, and Z or an offset; fractional seconds to nanoseconds.
func parseTimestamp(s string) (time.Time, error) {
	if strings.ContainsAny(s, "tz ") {
		return time.Time{}, errTimestamp
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, errTimestamp
	}
	return t, nil
}
