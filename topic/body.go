package topic

import "encoding/json"

// encodeMessage returns the SNS Message string for a body of type T: the
// string itself, the bytes as a string, or any other value's JSON encoding
// — what the message would be on the wire, and what its size is counted on.
func encodeMessage[T any](body *T) (string, error) {
	switch b := any(body).(type) {
	case *string:
		return *b, nil
	case *[]byte:
		return string(*b), nil
	}
	data, err := json.Marshal(*body)
	if err != nil {
		return "", invalid("Message Reason: the message cannot be encoded as JSON: " + err.Error())
	}
	return string(data), nil
}

// decodeMessage turns an SNS Message string back into a T, the inverse of
// [encodeMessage]. Handlers need it only for messages published with
// MessageStructure "json", whose per-protocol message is a string.
func decodeMessage[T any](s string) (T, error) {
	var body T
	switch b := any(&body).(type) {
	case *string:
		*b = s
	case *[]byte:
		*b = []byte(s)
	default:
		if err := json.Unmarshal([]byte(s), &body); err != nil {
			return body, err
		}
	}
	return body, nil
}
