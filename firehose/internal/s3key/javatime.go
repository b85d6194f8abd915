package s3key

import (
	"errors"
	"fmt"
	"strings"
)

// This file compiles the PATTERN of !{timestamp:PATTERN}: Firehose hands
// it to Java's java.time.format.DateTimeFormatter.ofPattern, so a pattern
// means what it means there (English locale). The rules below are those of
// the DateTimeFormatter javadoc, "Patterns for Formatting and Parsing".
//
// Letters whose output depends on locale week rules (Y, w, W, e, c, F),
// on zone-name or stand-alone text data (z, v, V, L, q), or that make
// Java throw while formatting once a value outgrows their width (n, N, A),
// are refused rather than guessed; so are the padding letter p, the
// letters of later Java versions (B, g) and letters Java does not know.
// Every refusal happens here, when the prefix is parsed, as Java's
// ofPattern refuses a bad pattern before any date is formatted.

// tsKind is one field a pattern prints.
type tsKind uint8

const (
	tsLiteral       tsKind = iota
	tsEra                  // G
	tsYearOfEra            // y
	tsYear                 // u (proleptic)
	tsQuarter              // Q
	tsMonth                // M
	tsDay                  // d
	tsDayOfYear            // D
	tsWeekday              // E
	tsAmPm                 // a
	tsHour                 // H, 0-23
	tsClockHourDay         // k, 1-24
	tsHourAmPm             // K, 0-11
	tsClockHourAmPm        // h, 1-12
	tsMinute               // m
	tsSecond               // s
	tsFraction             // S
	tsOffsetZ              // Z
	tsOffsetX              // X: "Z" for zero
	tsOffsetx              // x: digits for zero
	tsOffsetO              // O: localized, GMT+8
)

// tsItem is one field with its letter count, or literal text.
type tsItem struct {
	kind  tsKind
	count int
	text  string
}

// tsFormat is a compiled pattern.
type tsFormat []tsItem

// letterRule is what one pattern letter prints and how many times it may
// repeat.
type letterRule struct {
	kind tsKind
	max  int
}

// ruleFor returns the rule of a supported pattern letter. The maxima are
// Java's: past them ofPattern throws "Too many pattern letters".
func ruleFor(c byte) (letterRule, bool) {
	switch c {
	case 'G':
		return letterRule{tsEra, 5}, true
	case 'y':
		return letterRule{tsYearOfEra, 19}, true
	case 'u':
		return letterRule{tsYear, 19}, true
	case 'Q':
		return letterRule{tsQuarter, 5}, true
	case 'M':
		return letterRule{tsMonth, 5}, true
	case 'd':
		return letterRule{tsDay, 2}, true
	case 'D':
		return letterRule{tsDayOfYear, 3}, true
	case 'E':
		return letterRule{tsWeekday, 5}, true
	case 'a':
		return letterRule{tsAmPm, 1}, true
	case 'H':
		return letterRule{tsHour, 2}, true
	case 'k':
		return letterRule{tsClockHourDay, 2}, true
	case 'K':
		return letterRule{tsHourAmPm, 2}, true
	case 'h':
		return letterRule{tsClockHourAmPm, 2}, true
	case 'm':
		return letterRule{tsMinute, 2}, true
	case 's':
		return letterRule{tsSecond, 2}, true
	case 'S':
		return letterRule{tsFraction, 9}, true
	case 'Z':
		return letterRule{tsOffsetZ, 5}, true
	case 'X':
		return letterRule{tsOffsetX, 5}, true
	case 'x':
		return letterRule{tsOffsetx, 5}, true
	case 'O':
		return letterRule{tsOffsetO, 4}, true
	}
	return letterRule{}, false
}

// compileTimestamp compiles a DateTimeFormatter pattern. The error text
// follows Java's IllegalArgumentException messages.
func compileTimestamp(p string) (tsFormat, error) {
	var f tsFormat
	depth := 0 // open optional sections
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			item, err := letterItem(c, j-i)
			if err != nil {
				return nil, err
			}
			f = append(f, item)
			i = j
		case c == '\'':
			text, next, err := quoted(p, i)
			if err != nil {
				return nil, err
			}
			f = f.appendLiteral(text)
			i = next
		case c == '[':
			// An optional section prints when its fields are available;
			// a date-time in a zone has them all, so only the brackets go.
			depth++
			i++
		case c == ']':
			if depth == 0 {
				return nil, errors.New("Pattern invalid as it contains ] without previous [")
			}
			depth--
			i++
		case c == '{' || c == '}' || c == '#':
			return nil, fmt.Errorf("Pattern includes reserved character: '%c'", c)
		default:
			f = f.appendLiteral(p[i : i+1])
			i++
		}
	}
	return f, nil
}

// letterItem checks a run of one pattern letter.
func letterItem(c byte, count int) (tsItem, error) {
	r, ok := ruleFor(c)
	if !ok {
		return tsItem{}, fmt.Errorf("Unknown pattern letter: %c (or not supported here)", c)
	}
	if c == 'O' && count != 1 && count != 4 {
		return tsItem{}, errors.New("Pattern letter count must be 1 or 4: O")
	}
	if count > r.max {
		return tsItem{}, fmt.Errorf("Too many pattern letters: %c", c)
	}
	return tsItem{kind: r.kind, count: count}, nil
}

// quoted reads the literal that starts with the quote at p[i]: text up to
// the next lone quote, "”" standing for one quote inside it, and an empty
// literal (” on its own) meaning a quote. It returns the text and the
// index after the closing quote.
//
// A quoted "{" is refused, though Java would print it: a timestamp that
// cannot print "{" cannot form a "!{" that opens no expression (see
// template.checkJoins).
func quoted(p string, i int) (string, int, error) {
	var b strings.Builder
	j := i + 1
	for {
		if j >= len(p) {
			return "", 0, fmt.Errorf("Pattern ends with an incomplete string literal: %s", p)
		}
		if p[j] == '\'' {
			if j+1 < len(p) && p[j+1] == '\'' {
				b.WriteByte('\'')
				j += 2
				continue
			}
			break
		}
		b.WriteByte(p[j])
		j++
	}
	text := b.String()
	if text == "" {
		text = "'"
	}
	if strings.Contains(text, "{") {
		return "", 0, errors.New("Pattern includes reserved character: '{'")
	}
	return text, j + 1, nil
}

// appendLiteral adds literal text, joining it to a literal before it.
func (f tsFormat) appendLiteral(s string) tsFormat {
	if n := len(f); n > 0 && f[n-1].kind == tsLiteral {
		f[n-1].text += s
		return f
	}
	return append(f, tsItem{kind: tsLiteral, text: s})
}

// endsWithBang reports whether every time the pattern prints ends in "!".
func (f tsFormat) endsWithBang() bool {
	n := len(f)
	return n > 0 && f[n-1].kind == tsLiteral && strings.HasSuffix(f[n-1].text, "!")
}
