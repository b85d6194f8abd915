// Package jsonvalue provides the small helpers the engines share for JSON
// values: decoding one value ([Decode]), writing one compactly ([Compact]),
// and measuring and ordering strings as Java does, by UTF-16 code unit
// ([UTF16Len], [CompareUTF16]).
//
// Values are what encoding/json decodes with UseNumber: nil, bool, string,
// [encoding/json.Number] (a number keeps its text), []any and
// map[string]any.
package jsonvalue
