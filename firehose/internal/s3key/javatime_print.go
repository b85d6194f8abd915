package s3key

import (
	"strconv"
	"time"
)

// This file prints a compiled pattern the way DateTimeFormatter does for
// a ZonedDateTime in the English locale.

// appendTo appends t, printed by the pattern, to b.
func (f tsFormat) appendTo(b []byte, t time.Time) []byte {
	for _, it := range f {
		b = it.appendTo(b, t)
	}
	return b
}

func (it tsItem) appendTo(b []byte, t time.Time) []byte {
	n := it.count
	switch it.kind {
	case tsLiteral:
		return append(b, it.text...)
	case tsEra:
		era := [3]string{"AD", "Anno Domini", "A"}
		if t.Year() <= 0 {
			era = [3]string{"BC", "Before Christ", "B"}
		}
		return append(b, textByCount(n, era)...)
	case tsYearOfEra:
		y := t.Year()
		if y <= 0 {
			y = 1 - y
		}
		return appendYear(b, y, n)
	case tsYear:
		return appendYear(b, t.Year(), n)
	case tsQuarter:
		q := (int(t.Month())-1)/3 + 1
		switch n {
		case 1, 5:
			return strconv.AppendInt(b, int64(q), 10)
		case 2:
			return appendPadded(b, q, 2)
		case 3:
			return strconv.AppendInt(append(b, 'Q'), int64(q), 10)
		}
		return append(b, [...]string{"1st", "2nd", "3rd", "4th"}[q-1]+" quarter"...)
	case tsMonth:
		if n <= 2 {
			return appendPadded(b, int(t.Month()), n)
		}
		name := t.Month().String()
		return append(b, textByCount(n, [3]string{name[:3], name, name[:1]})...)
	case tsDay:
		return appendPadded(b, t.Day(), n)
	case tsDayOfYear:
		return appendPadded(b, t.YearDay(), n)
	case tsWeekday:
		name := t.Weekday().String()
		return append(b, textByCount(n, [3]string{name[:3], name, name[:1]})...)
	case tsAmPm:
		if t.Hour() < 12 {
			return append(b, "AM"...)
		}
		return append(b, "PM"...)
	case tsHour:
		return appendPadded(b, t.Hour(), n)
	case tsClockHourDay:
		return appendPadded(b, (t.Hour()+23)%24+1, n)
	case tsHourAmPm:
		return appendPadded(b, t.Hour()%12, n)
	case tsClockHourAmPm:
		return appendPadded(b, (t.Hour()+11)%12+1, n)
	case tsMinute:
		return appendPadded(b, t.Minute(), n)
	case tsSecond:
		return appendPadded(b, t.Second(), n)
	case tsFraction:
		// The first n digits of the nanoseconds, cut rather than rounded.
		frac := t.Nanosecond()
		for range 9 - n {
			frac /= 10
		}
		return appendPadded(b, frac, n)
	}
	_, off := t.Zone()
	switch it.kind {
	case tsOffsetZ:
		switch n {
		case 4:
			return appendGMTOffset(b, off, true)
		case 5:
			return appendOffsetID(b, off, offHHMMColonSecs, "Z")
		}
		return appendOffsetID(b, off, offHHMM, "+0000")
	case tsOffsetX, tsOffsetx:
		style := [...]offsetStyle{offHHOptMM, offHHMM, offHHColonMM, offHHMMOptSecs, offHHMMColonSecs}[n-1]
		zero := "Z"
		if it.kind == tsOffsetx {
			zero = [...]string{"+00", "+0000", "+00:00", "+0000", "+00:00"}[n-1]
		}
		return appendOffsetID(b, off, style, zero)
	case tsOffsetO:
		return appendGMTOffset(b, off, n == 4)
	}
	return b
}

// textByCount picks the short (1–3 letters), full (4) or narrow (5) text.
func textByCount(n int, text [3]string) string {
	switch n {
	case 4:
		return text[1]
	case 5:
		return text[2]
	}
	return text[0]
}

// appendYear prints a year as y/u do: two letters keep the last two digits;
// one to three print at least that many digits; four or more pad to the
// count and add a sign when the year is wider than the padding.
func appendYear(b []byte, y, n int) []byte {
	switch {
	case n == 2:
		return appendPadded(b, (y%100+100)%100, 2)
	case n >= 4 && y > 0 && len(strconv.Itoa(y)) > n:
		b = append(b, '+')
	}
	return appendPadded(b, y, n)
}

// appendPadded prints v with at least width digits, zeros first.
func appendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	s := strconv.Itoa(v)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// offsetStyle is one of Java's offset-id patterns, in the order of
// DateTimeFormatterBuilder.appendOffset's list: the minutes print when
// the style has them or (for the optional ones) when they are not zero,
// likewise the seconds; the even styles put colons between.
type offsetStyle int

const (
	offHH            offsetStyle = iota // +HH
	offHHOptMM                          // +HHmm
	offHHColonOptMM                     // +HH:mm
	offHHMM                             // +HHMM
	offHHColonMM                        // +HH:MM
	offHHMMOptSecs                      // +HHMMss
	offHHMMColonSecs                    // +HH:MM:ss
)

// appendOffsetID prints an offset in seconds; an offset that prints as
// nothing but zeros prints as zero instead.
func appendOffsetID(b []byte, off int, style offsetStyle, zero string) []byte {
	h, m, s := abs(off/3600%100), abs(off/60%60), abs(off%60)
	start := len(b)
	sign := byte('+')
	if off < 0 {
		sign = '-'
	}
	b = appendPadded(append(b, sign), h, 2)
	sum := h
	colon := style%2 == 0
	if style >= offHHMM || style >= offHHOptMM && m > 0 {
		if colon {
			b = append(b, ':')
		}
		b = appendPadded(b, m, 2)
		sum += m
		if style >= offHHMMOptSecs && s > 0 {
			if colon {
				b = append(b, ':')
			}
			b = appendPadded(b, s, 2)
			sum += s
		}
	}
	if sum == 0 {
		return append(b[:start], zero...)
	}
	return b
}

// appendGMTOffset prints a localized offset: "GMT" for zero, else
// GMT+08:00 (full) or GMT+8, GMT+5:30 (short).
func appendGMTOffset(b []byte, off int, full bool) []byte {
	b = append(b, "GMT"...)
	if off == 0 {
		return b
	}
	h, m, s := abs(off/3600), abs(off/60%60), abs(off%60)
	if off < 0 {
		b = append(b, '-')
	} else {
		b = append(b, '+')
	}
	if full {
		b = appendPadded(b, h, 2)
		b = appendPadded(append(b, ':'), m, 2)
	} else {
		b = strconv.AppendInt(b, int64(h), 10)
		if m != 0 || s != 0 {
			b = appendPadded(append(b, ':'), m, 2)
		}
	}
	if s != 0 {
		b = appendPadded(append(b, ':'), s, 2)
	}
	return b
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
