package intrinsic

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
)

// intArgs rounds integer arguments already accepted by isInteger.
func intArgs(args []any) []int64 {
	out := make([]int64, len(args))
	for i, a := range args {
		n, _ := toNumber(a)
		out[i], _ = javaRound(n)
	}
	return out
}

// States.MathAdd(a, b) adds two integers, rounding non-integers first.
func evalMathAdd(c *Call, args []any, _ Env) (any, error) {
	v := intArgs(args)
	a, b := v[0], v[1]
	if b > 0 && a > math.MaxInt64-b || b < 0 && a < math.MinInt64-b {
		return nil, failf(c.fn.name, "the sum of %d and %d overflows a 64-bit integer", a, b)
	}
	return json.Number(strconv.FormatInt(a+b, 10)), nil
}

// source is what MathRandom draws from.
type source interface {
	Uint64() uint64
	Uint64N(n uint64) uint64
}

// globalSource is math/rand/v2's global generator.
type globalSource struct{}

func (globalSource) Uint64() uint64          { return rand.Uint64() }
func (globalSource) Uint64N(n uint64) uint64 { return rand.Uint64N(n) }

// seedStream separates the seeded MathRandom stream from other uses of PCG.
const seedStream = 0x53746174657352 // "StatesR"

// States.MathRandom(start, end[, seed]) returns a random integer from start
// to end, both included. The same seed gives the same number.
func evalMathRandom(c *Call, args []any, env Env) (any, error) {
	v := intArgs(args)
	start, end := v[0], v[1]
	if start > end {
		return nil, failf(c.fn.name, "the start %d is greater than the end %d", start, end)
	}
	var src source = globalSource{}
	switch {
	case len(v) == 3:
		src = rand.New(rand.NewPCG(uint64(v[2]), seedStream))
	case env.Rand != nil:
		src = env.Rand
	}
	span := uint64(end) - uint64(start) // end-start, which may not fit in an int64
	var r uint64
	if span == math.MaxUint64 {
		r = src.Uint64()
	} else {
		r = src.Uint64N(span + 1)
	}
	return json.Number(strconv.FormatInt(start+int64(r), 10)), nil
}
