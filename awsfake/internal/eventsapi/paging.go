package eventsapi

import (
	"encoding/base64"
	"sort"
	"strings"

	"github.com/switchyard/switchyard/eventbus"
)

// defaultPageSize is how many items a List call returns without a Limit.
const defaultPageSize = 100

// tokenPrefix starts every NextToken the service hands out, so that a
// token of another kind (or none of ours) is told apart from one naming a
// resource.
const tokenPrefix = "switchyard:"

// page returns the part of items, sorted by key, that a List call with
// token and limit answers with, and the NextToken of the rest ("" when
// nothing is left). A token names the last key already returned, so that
// resources created or deleted between calls neither repeat nor hide
// others.
func page[T any](items []T, key func(T) string, token string, limit *int) ([]T, string, error) {
	sort.SliceStable(items, func(i, j int) bool { return key(items[i]) < key(items[j]) })
	start := 0
	if token != "" {
		after, err := decodeToken(token)
		if err != nil {
			return nil, "", err
		}
		start = sort.Search(len(items), func(i int) bool { return key(items[i]) > after })
	}
	n := defaultPageSize
	if limit != nil {
		n = *limit
	}
	end := min(start+n, len(items))
	next := ""
	if end < len(items) {
		next = encodeToken(key(items[end-1]))
	}
	return items[start:end], next, nil
}

func encodeToken(lastKey string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + lastKey))
}

func decodeToken(token string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return "", errInvalidToken()
	}
	key, ok := strings.CutPrefix(string(b), tokenPrefix)
	if !ok {
		return "", errInvalidToken()
	}
	return key, nil
}

// errInvalidToken answers a NextToken the service did not hand out.
func errInvalidToken() error {
	return eventbus.ErrValidation.WithMessage("The NextToken provided is invalid.")
}
