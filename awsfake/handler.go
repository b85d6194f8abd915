package awsfake

import (
	"net/http"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/awsfake/internal/firehoseapi"
	"github.com/switchyard/switchyard/awsfake/internal/kinesisapi"
	"github.com/switchyard/switchyard/awsfake/internal/sfnapi"
	"github.com/switchyard/switchyard/awsfake/internal/sqsapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// maxSNSRequest is the body limit of an SNS request: its 256 KiB message,
// or batch, with room for form escaping (up to three bytes a byte).
const maxSNSRequest = 1 << 20

// The JSON protocol's reply to a target no service of ours has.
var unknownJSON = wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}

// The Query protocol's reply to a request no service of ours claims.
var unknownQuery = wire.XMLProtocol{}

// Handler returns the account's wire face: one [http.Handler] for every
// service, routed as AWS's endpoints would be — JSON requests by their
// X-Amz-Target header, Query requests by their Version, then by the
// signing scope of their Authorization header, then by path (old SQS
// clients post to the queue's URL).
func (a *Account) Handler() http.Handler { return http.HandlerFunc(a.serve) }

func (a *Account) serve(w http.ResponseWriter, r *http.Request) {
	requestID := wire.RequestID()
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		prefix, operation, _ := strings.Cut(target, ".")
		s, limit := a.jsonService(prefix)
		if s == nil {
			unknownJSON.WriteError(w, requestID, wire.ErrUnknownOperation)
			return
		}
		body, err := wire.ReadBody(r, limit)
		if err != nil {
			s.WriteJSONError(w, requestID, err)
			return
		}
		s.ServeJSON(w, r, operation, body)
		return
	}
	if strings.HasPrefix(r.URL.Path, lambdaPathPrefix) {
		a.lambda.ServeHTTP(w, r)
		return
	}
	body, err := wire.ReadBody(r, sqsapi.MaxRequestBody)
	if err != nil {
		unknownQuery.WriteError(w, requestID, err)
		return
	}
	form, err := wire.ParseForm(string(body))
	if err != nil {
		unknownQuery.WriteError(w, requestID, err)
		return
	}
	form = form.Merge(r.URL.Query())
	switch queryService(r, form) {
	case "sqs":
		a.sqs.ServeQuery(w, r, form)
	case "sns":
		if len(body) > maxSNSRequest {
			unknownQuery.WriteError(w, requestID, wire.ErrRequestTooLarge)
			return
		}
		a.sns.ServeQuery(w, r, form)
	default:
		if form.Get("Action") == "" {
			unknownQuery.WriteError(w, requestID, wire.ErrMissingAction)
			return
		}
		unknownQuery.WriteError(w, requestID, wire.ErrInvalidAction.Errorf("The action %s is not valid for this web service.", form.Get("Action")))
	}
}

// lambdaPathPrefix begins the paths of Lambda's REST API.
const lambdaPathPrefix = "/2015-03-31/"

// jsonService is a service of the JSON protocols.
type jsonService interface {
	ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte)
	WriteJSONError(w http.ResponseWriter, requestID string, err error)
}

// jsonService returns the service an X-Amz-Target prefix names and the
// body limit of its requests, or nil for a prefix no service has.
func (a *Account) jsonService(prefix string) (jsonService, int64) {
	switch prefix {
	case "AmazonSQS":
		return a.sqs, sqsapi.MaxRequestBody
	case "Kinesis_20131202":
		return a.kinesis, kinesisapi.MaxRequestBody
	case "Firehose_20150804":
		return a.firehose, firehoseapi.MaxRequestBody
	case "AWSStepFunctions":
		return a.sfn, sfnapi.MaxRequestBody
	case "AWSEvents":
		return a.events, eventsapi.MaxRequestBody
	}
	return nil, 0
}

// queryService names the service a Query request is for: by its API
// version, by the service in its SigV4 credential scope, or, for a request
// posted to a queue URL's path, SQS.
func queryService(r *http.Request, form wire.Form) string {
	switch form.Get("Version") {
	case "2012-11-05":
		return "sqs"
	case "2010-03-31":
		return "sns"
	}
	if service := signingService(r.Header.Get("Authorization")); service != "" {
		return service
	}
	if strings.Count(strings.Trim(r.URL.Path, "/"), "/") == 1 {
		return "sqs"
	}
	return ""
}

// signingService returns the service of a SigV4 Authorization header's
// credential scope (Credential=AKID/date/region/service/aws4_request).
func signingService(authorization string) string {
	_, scope, ok := strings.Cut(authorization, "Credential=")
	if !ok {
		return ""
	}
	scope, _, _ = strings.Cut(scope, ",")
	parts := strings.Split(scope, "/")
	if len(parts) != 5 {
		return ""
	}
	return parts[3]
}
