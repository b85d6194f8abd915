package input

import (
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// PutTargets' model limits (the events 2015-10-07 API model: TargetInput,
// TargetInputPath, TransformerPaths, InputTransformerPathKey,
// TransformerInput).
const (
	maxInputLen        = 8192
	maxPathLen         = 256
	maxPathsMapEntries = 100
	maxPathKeyLen      = 256
	minTemplateLen     = 1
	maxTemplateLen     = 8192
	pathKeyPattern     = `[A-Za-z0-9\_\-]+`
)

// modelViolations returns the model constraints spec breaks, in the order
// of the model's members.
func modelViolations(spec *Spec) []Violation {
	var vs []Violation
	if javaLen(spec.Input) > maxInputLen {
		vs = append(vs, violation(quote(spec.Input), "input", awserr.LengthAtMost(maxInputLen)))
	}
	if javaLen(spec.InputPath) > maxPathLen {
		vs = append(vs, violation(quote(spec.InputPath), "inputPath", awserr.LengthAtMost(maxPathLen)))
	}
	if tr := spec.Transformer; tr != nil {
		vs = append(vs, pathsMapViolations(tr.PathsMap)...)
		if n := javaLen(tr.Template); n < minTemplateLen || n > maxTemplateLen {
			constraint := awserr.LengthAtMost(maxTemplateLen)
			if n < minTemplateLen {
				constraint = awserr.LengthAtLeast(minTemplateLen)
			}
			vs = append(vs, violation(quote(tr.Template), "inputTransformer.inputTemplate", constraint))
		}
	}
	return vs
}

// pathsMapViolations checks InputPathsMap as the model does: the map's
// size, then every key, then every value, each reported once for the map
// with the constraints some entry breaks.
func pathsMapViolations(m map[string]string) []Violation {
	const at = "inputTransformer.inputPathsMap"
	var vs []Violation
	if len(m) > maxPathsMapEntries {
		vs = append(vs, violation(quote(javaMapString(m)), at, awserr.LengthAtMost(maxPathsMapEntries)))
	}
	var keyTooLong, keyEmpty, keyPattern, valueTooLong bool
	for k, v := range m {
		n := javaLen(k)
		keyTooLong = keyTooLong || n > maxPathKeyLen
		keyEmpty = keyEmpty || n == 0
		keyPattern = keyPattern || !isPathKey(k)
		valueTooLong = valueTooLong || javaLen(v) > maxPathLen
	}
	var broken []string
	if keyTooLong {
		broken = append(broken, awserr.LengthAtMost(maxPathKeyLen))
	}
	if keyEmpty {
		broken = append(broken, awserr.LengthAtLeast(1))
	}
	if keyPattern {
		broken = append(broken, awserr.Pattern(pathKeyPattern))
	}
	if len(broken) > 0 {
		vs = append(vs, violation(quote(javaMapString(m)), at,
			"Map keys must satisfy constraint: ["+strings.Join(broken, ", ")+"]"))
	}
	if valueTooLong {
		vs = append(vs, violation(quote(javaMapString(m)), at,
			"Map value must satisfy constraint: ["+awserr.LengthAtMost(maxPathLen)+"]"))
	}
	return vs
}

// isPathKey reports whether k matches [A-Za-z0-9\_\-]+ as a whole.
func isPathKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !isAlnum(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// javaLen is a string's length as the model counts it: in UTF-16 units.
func javaLen(s string) int { return jsonvalue.UTF16Len(s) }

// quote writes a value as AWS's model messages do: between single quotes.
func quote(s string) string { return "'" + s + "'" }

// javaMapString writes m as Java's Map.toString does, with its keys sorted
// (Java's order is its hash order).
func javaMapString(m map[string]string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(m[k])
	}
	b.WriteByte('}')
	return b.String()
}

// violation is one broken constraint, at a member of the target.
func violation(value, at, constraint string) Violation {
	return Violation{Value: value, At: at, Constraint: constraint}
}
