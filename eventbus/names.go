package eventbus

import (
	"maps"
	"slices"
	"strings"
)

// describable is a rule, archive or replay, which List calls report.
type describable[D any] interface{ describe() D }

// describeByName describes the resources of m whose names start with
// prefix, in name order, as the List calls return them.
func describeByName[V describable[D], D any](m map[string]V, prefix string) []D {
	var out []D
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if strings.HasPrefix(name, prefix) {
			out = append(out, m[name].describe())
		}
	}
	return out
}
