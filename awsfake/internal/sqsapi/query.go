package sqsapi

import (
	"encoding/base64"
	"math"
	"strconv"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// The Query protocol names members by the model's xmlName and flattens
// lists and maps: AttributeName.1, Attribute.1.Name / Attribute.1.Value,
// MessageAttribute.1.Name / MessageAttribute.1.Value.DataType,
// SendMessageBatchRequestEntry.1.Id, Tag.1.Key / Tag.1.Value, TagKey.1,
// AWSAccountId.1, ActionName.1. These helpers read those shapes into the
// JSON protocol's Go types, so that each operation has one input type.

// queryInt32 reads the optional integer parameter key: nil when absent.
// A value that is not a 32-bit integer fails as AWS fails it.
func queryInt32(f wire.Form, key string) (*int32, error) {
	s, ok := f.Lookup(key)
	if !ok {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
		return nil, queue.ErrInvalidParameterValue.Errorf("Value %s for parameter %s is invalid. Reason: Must be an integer.", s, key)
	}
	v := int32(n)
	return &v, nil
}

// queryMessageAttributes reads a flattened map of message attributes,
// key.N.Name and key.N.Value.{DataType,StringValue,BinaryValue}, with
// BinaryValue in base64. It returns nil when there are none.
func queryMessageAttributes(f wire.Form, key string) (map[string]messageAttributeValue, error) {
	entries := f.Entries(key)
	if len(entries) == 0 {
		return nil, nil
	}
	m := make(map[string]messageAttributeValue, len(entries))
	for i, e := range entries {
		v := messageAttributeValue{
			DataType:         e.Get("Value.DataType"),
			StringValue:      e.Get("Value.StringValue"),
			StringListValues: e.Strings("Value.StringListValue"),
		}
		if b64, ok := e.Lookup("Value.BinaryValue"); ok {
			b, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				return nil, queue.ErrInvalidParameterValue.Errorf("Value %s for parameter %s.%d.Value.BinaryValue is invalid. Reason: Not valid base64.", b64, key, i+1)
			}
			v.BinaryValue = b
		}
		m[e.Get("Name")] = v
	}
	return m, nil
}

// queryTags reads a flattened tag map, key.N.Key and key.N.Value.
func queryTags(f wire.Form, key string) map[string]string {
	return f.Map(key, "Key", "Value")
}

// queryQueueAttributes reads a flattened queue attribute map,
// key.N.Name and key.N.Value.
func queryQueueAttributes(f wire.Form, key string) map[string]string {
	return f.Map(key, "Name", "Value")
}
