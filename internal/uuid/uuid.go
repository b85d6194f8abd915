// Package uuid writes UUIDs kept as two 64-bit words (bytes 0–7 and 8–15,
// big-endian), the form message ids take inside the engines.
package uuid

// Stamp sets the version nibble (the top of byte 6) and the RFC 4122
// variant bits (the top of byte 8) on two random words.
func Stamp(hi, lo uint64, version byte) (uint64, uint64) {
	return hi&^(0xf0<<8) | uint64(version)<<12, lo&^(0xc0<<56) | 0x80<<56
}

// String writes the UUID in its text form,
// xxxxxxxx-xxxx-Vxxx-yxxx-xxxxxxxxxxxx.
func String(hi, lo uint64) string {
	const digits = "0123456789abcdef"
	var out [36]byte
	j := 0
	for i := range 16 {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		word := hi
		if i >= 8 {
			word = lo
		}
		b := byte(word >> (56 - 8*(i%8)))
		out[j], out[j+1] = digits[b>>4], digits[b&0x0f]
		j += 2
	}
	return string(out[:])
}
