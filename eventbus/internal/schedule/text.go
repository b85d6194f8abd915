package schedule

import "strings"

// tooLarge stands for every number above any value, step or rate this
// package accepts, so that number never overflows.
const tooLarge = 1 << 30

// number parses a non-empty run of ASCII digits; leading zeros are allowed,
// as Quartz allows them. A number above tooLarge comes back as tooLarge.
func number(text string) (int, bool) {
	if text == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = min(n*10+int(c-'0'), tooLarge)
	}
	return n, true
}

// upperASCII returns text in upper case, or false if text holds anything
// but ASCII. Cron names are case-insensitive in Quartz, and so on AWS; the
// check keeps Unicode case folding (ſ to S, for one) from making names of
// things that are not.
func upperASCII(text string) (string, bool) {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return "", false
		}
	}
	return strings.ToUpper(text), true
}

// cronFields splits the inside of "cron(...)" into its fields, separated
// by runs of spaces and tabs (Quartz's separators), or returns false if
// white space pads the inside of the parentheses.
func cronFields(body string) ([]string, bool) {
	if body == "" || isBlank(rune(body[0])) || isBlank(rune(body[len(body)-1])) {
		return nil, false
	}
	return strings.FieldsFunc(body, isBlank), true
}

func isBlank(r rune) bool { return r == ' ' || r == '\t' }

// withoutEmptyItems drops the empty items of a comma-separated list:
// PutRule accepts "cron(0/5, 9-18, ?, *, MON-FRI, *)" (aws/aws-sdk#161), as
// Quartz's tokenizer skips empty tokens.
func withoutEmptyItems(list string) string {
	if !strings.Contains(list, ",") {
		return list
	}
	items := strings.Split(list, ",")
	kept := items[:0]
	for _, item := range items {
		if item != "" {
			kept = append(kept, item)
		}
	}
	return strings.Join(kept, ",")
}
