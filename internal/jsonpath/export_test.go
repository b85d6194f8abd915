package jsonpath

// MustParseForTest parses expr or panics; for tests only.
func MustParseForTest(expr string) *Path {
	p, err := Parse(expr)
	if err != nil {
		panic(err)
	}
	return p
}
