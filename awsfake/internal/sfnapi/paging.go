package sfnapi

import (
	"encoding/base64"
	"strings"
)

// defaultPageSize is what a list returns when maxResults is absent or 0.
const defaultPageSize = 100

// pageRequest is the paging members every list operation has.
type pageRequest struct {
	MaxResults *int    `json:"maxResults"`
	NextToken  *string `json:"nextToken"`
}

// check records the model constraints of the paging members; tokenMax is
// the longest nextToken the operation's model allows.
func (p pageRequest) check(c *checks, tokenMax int) {
	if p.MaxResults != nil {
		c.intRange(*p.MaxResults, "maxResults", 0, maxPageSize)
	}
	c.optLength(p.NextToken, "nextToken", 1, tokenMax, false)
}

// size is the page size asked for.
func (p pageRequest) size() int {
	if p.MaxResults == nil || *p.MaxResults <= 0 {
		return defaultPageSize
	}
	return *p.MaxResults
}

// page returns the page of keys a request asks for: from the key its
// nextToken names (the first key when there is none) for up to its size,
// and the token of the next page ("" on the last). A token is the base64
// of the list's scope and the key it resumes at, so that a token of
// another list, or one the service did not give, fails with InvalidToken.
// keys are in the list's order.
func (p pageRequest) page(scope string, keys []string) (from, to int, next string, err error) {
	if p.NextToken != nil {
		raw, decodeErr := base64.RawURLEncoding.DecodeString(*p.NextToken)
		// Keys hold no NUL; scopes may.
		cut := strings.LastIndexByte(string(raw), 0)
		if decodeErr != nil || cut < 0 || string(raw[:cut]) != scope {
			return 0, 0, "", errInvalidPageToken()
		}
		from = -1
		for i, k := range keys {
			if k == string(raw[cut+1:]) {
				from = i
				break
			}
		}
		if from < 0 {
			return 0, 0, "", errInvalidPageToken()
		}
	}
	to = min(len(keys), from+p.size())
	if to < len(keys) {
		next = base64.RawURLEncoding.EncodeToString([]byte(scope + "\x00" + keys[to]))
	}
	return from, to, next, nil
}
