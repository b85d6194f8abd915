package sqsapi

import (
	"encoding/base64"
	"encoding/xml"
	"slices"
)

// The Query protocol's replies flatten maps into repeated elements named
// by the member's xmlName — <Attribute><Name>…</Name><Value>…</Value>
// </Attribute>, <Tag><Key>…</Key><Value>…</Value></Tag>,
// <MessageAttribute><Name>…</Name><Value><StringValue>…</StringValue>…
// </Value></MessageAttribute> — which encoding/xml cannot derive from a Go
// map. The map types below encode themselves that way, in key order, each
// entry as one element named by the field's xml tag, so that output
// structs carry one set of fields for both protocols.

// attributeMap is a map of attribute names to values: queue attributes,
// or a received message's system attributes.
type attributeMap map[string]string

// MarshalXML writes one <start><Name/><Value/></start> per attribute.
func (m attributeMap) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return encodePairs(e, start, m, "Name", "Value")
}

// tagMap is a queue's tags.
type tagMap map[string]string

// MarshalXML writes one <start><Key/><Value/></start> per tag.
func (m tagMap) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return encodePairs(e, start, m, "Key", "Value")
}

func encodePairs(e *xml.Encoder, start xml.StartElement, m map[string]string, keyName, valueName string) error {
	for _, k := range sortedKeys(m) {
		if err := e.EncodeToken(start); err != nil {
			return err
		}
		if err := e.EncodeElement(k, xml.StartElement{Name: xml.Name{Local: keyName}}); err != nil {
			return err
		}
		if err := e.EncodeElement(m[k], xml.StartElement{Name: xml.Name{Local: valueName}}); err != nil {
			return err
		}
		if err := e.EncodeToken(start.End()); err != nil {
			return err
		}
	}
	return nil
}

// messageAttributes is a message's attributes, as sent or received.
type messageAttributes map[string]messageAttributeValue

// xmlAttributeValue is a message attribute's value as the Query protocol
// writes it: binary values in base64.
type xmlAttributeValue struct {
	StringValue      string   `xml:",omitempty"`
	BinaryValue      string   `xml:",omitempty"`
	StringListValues []string `xml:"StringListValue,omitempty"`
	BinaryListValues []string `xml:"BinaryListValue,omitempty"`
	DataType         string
}

// MarshalXML writes one <start><Name/><Value>…</Value></start> per
// attribute.
func (m messageAttributes) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	for _, name := range sortedKeys(m) {
		v := m[name]
		x := xmlAttributeValue{StringValue: v.StringValue, StringListValues: v.StringListValues, DataType: v.DataType}
		if v.BinaryValue != nil {
			x.BinaryValue = base64.StdEncoding.EncodeToString(v.BinaryValue)
		}
		for _, b := range v.BinaryListValues {
			x.BinaryListValues = append(x.BinaryListValues, base64.StdEncoding.EncodeToString(b))
		}
		entry := struct {
			Name  string
			Value xmlAttributeValue
		}{name, x}
		if err := e.EncodeElement(entry, start); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
