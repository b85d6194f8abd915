package wire

import (
	"bytes"
	"encoding/xml"
	"net/http"
)

// XMLProtocol describes one Query service's replies.
type XMLProtocol struct {
	// Namespace is the xmlns of every reply, such as
	// "http://sns.amazonaws.com/doc/2010-03-31/".
	Namespace string
}

// WriteResult writes the reply to action: <ActionResponse> holding
// <ActionResult> with result's fields (omitted when result is nil) and the
// ResponseMetadata with the request id.
func (p XMLProtocol) WriteResult(w http.ResponseWriter, requestID, action string, result any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	resp := xml.StartElement{Name: xml.Name{Local: action + "Response"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: p.Namespace}}}
	err := enc.EncodeToken(resp)
	if err == nil && result != nil {
		err = enc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: action + "Result"}})
	}
	if err == nil {
		err = enc.EncodeElement(responseMetadata{RequestID: requestID}, xml.StartElement{Name: xml.Name{Local: "ResponseMetadata"}})
	}
	if err == nil {
		err = enc.EncodeToken(resp.End())
	}
	if err == nil {
		err = enc.Flush()
	}
	if err != nil {
		p.WriteError(w, requestID, ErrInternalFailure)
		return
	}
	header(w, requestID)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

type responseMetadata struct {
	RequestID string `xml:"RequestId"`
}

// errorResponse is the Query protocols' error document.
type errorResponse struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Namespace string   `xml:"xmlns,attr,omitempty"`
	Error     struct {
		Type    string
		Code    string
		Message string
		Detail  struct{}
	}
	RequestID string `xml:"RequestId"`
}

// WriteError writes err as an ErrorResponse document with its status.
func (p XMLProtocol) WriteError(w http.ResponseWriter, requestID string, err error) {
	ae := AsAWS(err)
	doc := errorResponse{Namespace: p.Namespace, RequestID: requestID}
	doc.Error.Type = ae.Fault.String()
	doc.Error.Code = ae.Code
	doc.Error.Message = ae.Message
	b, _ := xml.Marshal(doc) // plain strings and structs: cannot fail
	header(w, requestID)
	w.WriteHeader(status(ae))
	_, _ = w.Write(append([]byte(xml.Header), b...))
}

func header(w http.ResponseWriter, requestID string) {
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("x-amzn-RequestId", requestID)
}

// Entry is one key/value pair of a map in a Query reply.
type Entry struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}
