package wire

import (
	"encoding/json"
	"net/http"

	"github.com/switchyard/switchyard/internal/awserr"
)

// JSONProtocol describes one JSON service's dialect of the error shape.
type JSONProtocol struct {
	// ContentType is the reply's content type, such as
	// "application/x-amz-json-1.0".
	ContentType string
	// Namespace, when set, qualifies "__type": "com.amazonaws.sqs#" +
	// shape.
	Namespace string
	// QueryCompatible adds the x-amzn-query-error header ("code;fault")
	// from which the SDKs of a service that moved from Query to JSON (SQS)
	// read the legacy error code.
	QueryCompatible bool
}

// WriteJSON writes v as a 200 reply.
func (p JSONProtocol) WriteJSON(w http.ResponseWriter, requestID string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		p.WriteError(w, requestID, ErrInternalFailure)
		return
	}
	p.header(w, requestID)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// jsonError is the body of a JSON protocol's error reply.
type jsonError struct {
	Type    string `json:"__type"`
	Message string `json:"message,omitempty"`
}

// WriteError writes err as the service's error reply: its status, "__type"
// and message, and for a query-compatible service the legacy code.
func (p JSONProtocol) WriteError(w http.ResponseWriter, requestID string, err error) {
	ae := AsAWS(err)
	p.header(w, requestID)
	if p.QueryCompatible {
		w.Header().Set("x-amzn-query-error", ae.Code+";"+ae.Fault.String())
	}
	b, _ := json.Marshal(jsonError{Type: p.Namespace + ae.ShapeName(), Message: ae.Message})
	w.WriteHeader(status(ae))
	_, _ = w.Write(b)
}

func (p JSONProtocol) header(w http.ResponseWriter, requestID string) {
	h := w.Header()
	h.Set("Content-Type", p.ContentType)
	h.Set("x-amzn-RequestId", requestID)
}

// status is ae's HTTP status, 400 or 500 by fault when it has none.
func status(ae *awserr.Error) int {
	switch {
	case ae.Status != 0:
		return ae.Status
	case ae.Fault == awserr.Receiver:
		return http.StatusInternalServerError
	default:
		return http.StatusBadRequest
	}
}
