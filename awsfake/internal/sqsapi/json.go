package sqsapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// decodeJSON decodes a JSON 1.0 request body into op's input. An empty
// body is an empty input. A body that is not a JSON object of the input's
// members, or a member of the wrong type, fails with a
// SerializationException and leaves op unusable.
func decodeJSON(body []byte, op operation) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, op); err != nil {
		return wire.ErrSerialization.WithMessage(jsonErrorText(err))
	}
	return nil
}

// jsonErrorText words a decoding error without Go's type names, as a
// service would: which member had the wrong type, or where the JSON broke.
func jsonErrorText(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return "Failed to deserialize the value of member " + typeErr.Field + ": unexpected JSON " + typeErr.Value + "."
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return "The request body is not valid JSON (at byte " + strconv.FormatInt(syntaxErr.Offset, 10) + ")."
	}
	return "The request body could not be deserialized."
}
