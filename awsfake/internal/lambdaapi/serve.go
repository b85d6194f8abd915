package lambdaapi

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// pathPrefix begins every path this service answers.
const pathPrefix = "/2015-03-31/"

// maxMappingRequest is the body limit of the mapping operations, whose
// largest valid body (five 4 KB filter patterns and the rest) is far
// smaller.
const maxMappingRequest = 256 << 10

// ServeHTTP answers one REST request (a path under /2015-03-31/): Invoke,
// GetFunction, GetFunctionConfiguration, ListFunctions and the event
// source mapping operations. Any other operation of Lambda's API answers
// 404 UnknownOperationException naming it.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := wire.RequestID()
	segs, ok := pathSegments(r.URL.EscapedPath())
	if !ok {
		writeError(w, requestID, unknownOperation(r, ""))
		return
	}
	m := r.Method
	switch {
	case len(segs) == 1 && segs[0] == "functions" && m == http.MethodGet:
		s.serveListFunctions(w, r, requestID)
	case len(segs) == 2 && segs[0] == "functions" && m == http.MethodGet:
		s.serveGetFunction(w, r, requestID, segs[1])
	case len(segs) == 3 && segs[0] == "functions" && segs[2] == "configuration" && m == http.MethodGet:
		s.serveGetFunctionConfiguration(w, r, requestID, segs[1])
	case len(segs) == 3 && segs[0] == "functions" && segs[2] == "invocations" && m == http.MethodPost:
		s.serveInvoke(w, r, requestID, segs[1])
	case len(segs) == 1 && segs[0] == "event-source-mappings" && m == http.MethodGet:
		out, err := s.listMappings(r)
		reply(w, requestID, http.StatusOK, out, err)
	case len(segs) == 1 && segs[0] == "event-source-mappings" && m == http.MethodPost:
		body, err := readMappingBody(r)
		if err != nil {
			writeError(w, requestID, err)
			return
		}
		out, err := s.createMapping(body)
		reply(w, requestID, http.StatusAccepted, out, err)
	case len(segs) == 2 && segs[0] == "event-source-mappings" && m == http.MethodGet:
		out, err := s.getMapping(segs[1])
		reply(w, requestID, http.StatusOK, out, err)
	case len(segs) == 2 && segs[0] == "event-source-mappings" && m == http.MethodPut:
		body, err := readMappingBody(r)
		if err != nil {
			writeError(w, requestID, err)
			return
		}
		out, err := s.updateMapping(segs[1], body)
		reply(w, requestID, http.StatusAccepted, out, err)
	case len(segs) == 2 && segs[0] == "event-source-mappings" && m == http.MethodDelete:
		out, err := s.deleteMapping(segs[1])
		reply(w, requestID, http.StatusAccepted, out, err)
	default:
		writeError(w, requestID, unknownOperation(r, operationName(m, segs)))
	}
}

// reply writes out with status, or err when there is one.
func reply(w http.ResponseWriter, requestID string, status int, out any, err error) {
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	writeJSON(w, requestID, status, out)
}

// readMappingBody reads the body of a mapping operation.
func readMappingBody(r *http.Request) ([]byte, error) {
	body, err := wire.ReadBody(r, maxMappingRequest)
	if errors.Is(err, wire.ErrRequestTooLarge) {
		return nil, ErrRequestTooLarge.Errorf("Request must be smaller than %d bytes for the event source mapping operations", maxMappingRequest)
	}
	if err != nil {
		return nil, ErrInvalidRequestContent.WithMessage("Could not parse request body into json: the request body could not be read.")
	}
	return body, nil
}

// pathSegments splits a path under /2015-03-31/ into its unescaped
// segments, dropping one trailing slash; it reports false for a path
// outside it or with an empty or undecodable segment.
func pathSegments(escaped string) ([]string, bool) {
	rest, ok := strings.CutPrefix(escaped, pathPrefix)
	if !ok {
		return nil, false
	}
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return nil, false
	}
	segs := strings.Split(rest, "/")
	for i, seg := range segs {
		v, err := url.PathUnescape(seg)
		if err != nil || v == "" {
			return nil, false
		}
		segs[i] = v
	}
	return segs, true
}

// operationName names the operation of Lambda's API (2015-03-31 paths)
// that a method and path stand for, or "" for none.
func operationName(method string, segs []string) string {
	var shape string
	switch {
	case len(segs) == 0:
	case segs[0] == "functions":
		shape = "functions"
		if len(segs) > 1 {
			shape += "/{}"
		}
		if len(segs) > 2 {
			shape += "/" + segs[2]
		}
		if len(segs) > 3 {
			shape += "/{}"
		}
		if len(segs) > 4 {
			return ""
		}
	case segs[0] == "event-source-mappings" && len(segs) <= 2:
		shape = "event-source-mappings"
		if len(segs) == 2 {
			shape += "/{}"
		}
	}
	return lambdaOperations[method+" "+shape]
}

// lambdaOperations names the operations of Lambda's API under
// /2015-03-31/ by method and path shape ({} for a parameter).
var lambdaOperations = map[string]string{
	"POST functions":                  "CreateFunction",
	"GET functions":                   "ListFunctions",
	"GET functions/{}":                "GetFunction",
	"DELETE functions/{}":             "DeleteFunction",
	"GET functions/{}/configuration":  "GetFunctionConfiguration",
	"PUT functions/{}/configuration":  "UpdateFunctionConfiguration",
	"PUT functions/{}/code":           "UpdateFunctionCode",
	"POST functions/{}/invocations":   "Invoke",
	"POST functions/{}/policy":        "AddPermission",
	"GET functions/{}/policy":         "GetPolicy",
	"DELETE functions/{}/policy/{}":   "RemovePermission",
	"POST functions/{}/aliases":       "CreateAlias",
	"GET functions/{}/aliases":        "ListAliases",
	"GET functions/{}/aliases/{}":     "GetAlias",
	"PUT functions/{}/aliases/{}":     "UpdateAlias",
	"DELETE functions/{}/aliases/{}":  "DeleteAlias",
	"GET functions/{}/versions":       "ListVersionsByFunction",
	"POST functions/{}/versions":      "PublishVersion",
	"POST event-source-mappings":      "CreateEventSourceMapping",
	"GET event-source-mappings":       "ListEventSourceMappings",
	"GET event-source-mappings/{}":    "GetEventSourceMapping",
	"PUT event-source-mappings/{}":    "UpdateEventSourceMapping",
	"DELETE event-source-mappings/{}": "DeleteEventSourceMapping",
}

// unknownOperation is the error for a request this service does not
// serve, naming the operation when it is one of Lambda's.
func unknownOperation(r *http.Request, op string) error {
	const served = "it serves Invoke, GetFunction, GetFunctionConfiguration, ListFunctions and the event source mapping operations"
	switch op {
	case "":
		return ErrUnknownOperation.Errorf("No Lambda operation is %s %s; %s.", r.Method, r.URL.Path, served)
	case "CreateFunction", "UpdateFunctionCode", "UpdateFunctionConfiguration", "DeleteFunction":
		return ErrUnknownOperation.Errorf("Switchyard does not implement %s: functions are Go code registered with Account.RegisterFunction; %s.", op, served)
	}
	return ErrUnknownOperation.Errorf("Switchyard does not implement %s (%s %s); %s.", op, r.Method, r.URL.Path, served)
}
