package attr

import (
	"strconv"
	"unicode/utf8"
)

// ValidBody reports whether s is valid UTF-8 made only of the characters SQS
// allows in a message body and in String attribute values:
// #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
func ValidBody(s string) bool {
	_, bad := firstInvalid(s)
	return !bad
}

// CheckBody returns nil when body is a valid message body as [ValidBody]
// defines it, and otherwise an error matching [ErrInvalidMessageContents]
// that names the first offending character in AWS's words. It does not check
// that the body is non-empty or within the queue's size limit.
func CheckBody(body string) error {
	r, bad := firstInvalid(body)
	if !bad {
		return nil
	}
	return ErrInvalidMessageContents.Errorf(
		"Invalid binary character '%s' was found in the message body, the set of allowed characters is %s.",
		hexChar(r), allowedChars)
}

// firstInvalid returns the first character of s outside the allowed set, and
// true; or false when every character is allowed. A byte that does not start
// a valid UTF-8 sequence is returned as a rune of its own value.
func firstInvalid(s string) (rune, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return rune(c), true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return rune(c), true
		}
		// DecodeRuneInString never yields surrogates or values above
		// U+10FFFF, so only the two non-characters need excluding.
		if r == 0xFFFE || r == 0xFFFF {
			return r, true
		}
		i += size
	}
	return 0, false
}

// hexChar formats r as AWS names a character in its errors: "#x7", "#xFFFE".
func hexChar(r rune) string {
	var buf [10]byte
	b := append(buf[:0], "#x"...)
	b = strconv.AppendUint(b, uint64(r), 16)
	for i := 2; i < len(b); i++ {
		if 'a' <= b[i] && b[i] <= 'f' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// validNumber reports whether s is a decimal number SQS accepts as a Number
// attribute value: an optional sign, digits with at most one '.', at least
// one digit, and an optional exponent ('e' or 'E', optional sign, digits);
// at most [MaxNumberDigits] significant digits once leading and trailing
// zeros are trimmed; and zero or a magnitude between 10^-128 and 10^126
// inclusive.
func validNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	var (
		digits    int // digits seen in the mantissa
		intDigits int // of which before the '.'
		dot       bool
		firstSig  = -1 // index among the mantissa digits of the first non-zero digit
		lastSig   = -1 // and of the last
	)
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if dot {
				return false
			}
			dot = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		if c != '0' {
			if firstSig < 0 {
				firstSig = digits
			}
			lastSig = digits
		}
		digits++
		if !dot {
			intDigits++
		}
	}
	if digits == 0 {
		return false
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return false
		}
		i++
		neg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return false
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return false
			}
			if exp < 1_000_000 { // far beyond the range; stop growing
				exp = exp*10 + int(c-'0')
			}
		}
		if neg {
			exp = -exp
		}
	}
	if firstSig < 0 {
		return true // zero
	}
	if lastSig-firstSig+1 > MaxNumberDigits {
		return false
	}
	// The most significant digit has weight 10^top.
	top := intDigits - 1 - firstSig + exp
	switch {
	case top < -128 || top > 126:
		return false
	case top == 126:
		// Only 10^126 itself: a single significant digit, and it is 1.
		return firstSig == lastSig && mantissaDigit(s, firstSig) == '1'
	}
	return true
}

// mantissaDigit returns the n-th digit (counting from 0, skipping sign and
// '.') of the number s.
func mantissaDigit(s string, n int) byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if n == 0 {
			return c
		}
		n--
	}
	return 0
}
