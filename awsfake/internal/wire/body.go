package wire

import (
	"io"
	"net/http"
)

// ReadBody reads r's body, refusing one longer than limit bytes with
// [ErrRequestTooLarge] without reading further.
func ReadBody(r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	if r.ContentLength > limit {
		return nil, ErrRequestTooLarge
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, ErrSerialization.WithMessage("The request body could not be read.")
	}
	if int64(len(b)) > limit {
		return nil, ErrRequestTooLarge
	}
	return b, nil
}
