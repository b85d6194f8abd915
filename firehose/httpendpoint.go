package firehose

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/switchyard/switchyard/clock"
)

// ContentEncoding is how an [HTTPEndpoint] encodes its request bodies,
// spelled as AWS's HttpEndpointRequestConfiguration spells it. The empty
// value means [ContentEncodingNone], AWS's default.
type ContentEncoding string

// The content encodings AWS offers.
const (
	ContentEncodingNone ContentEncoding = "NONE"
	ContentEncodingGZIP ContentEncoding = "GZIP"
)

// HTTPEndpoint is a [Destination] that POSTs each batch to an HTTP
// endpoint in Firehose's HTTP endpoint delivery protocol, version 1.0, as
// AWS does for an HTTP endpoint destination: one JSON document holding the
// records in base64, with the X-Amz-Firehose-* headers.
//
// Each call of Deliver is one attempt; the delivery stream retries. Only a
// 200 response with a well-formed JSON body naming the batch's request id
// is a success. Every failure is a [*DeliveryError] carrying AWS's error
// code (such as "HttpEndpoint.DestinationException"); a 413 response is a
// permanent one. Redirects are not followed.
//
// An HTTPEndpoint is safe for concurrent use as long as its fields are not
// changed after its first use. It may be copied before then.
type HTTPEndpoint struct {
	// URL is where batches are sent, as it is, query and all; at most
	// 1,000 characters. AWS accepts only https URLs, on port 443; this
	// type also accepts http and any port, so that tests and local
	// endpoints need no certificate.
	URL string
	// Name names the endpoint, as HttpEndpointConfiguration's Name does;
	// it is not sent. Optional; at most 256 characters, not all white
	// space.
	Name string
	// AccessKey, when set, is sent as it is in X-Amz-Firehose-Access-Key;
	// at most 4,096 bytes.
	AccessKey string
	// CommonAttributes are sent in X-Amz-Firehose-Common-Attributes as
	// {"commonAttributes":{name:value,…}}, which is {"commonAttributes":{}}
	// when there are none. At most 50; names of 1 to 256 characters, not
	// all white space; values of at most 1,024 characters.
	CommonAttributes map[string]string
	// ContentEncoding GZIP compresses each request body and says so with
	// Content-Encoding: gzip; NONE or empty sends bodies as they are.
	ContentEncoding ContentEncoding
	// Client sends the requests; nil means [http.DefaultClient]. Deliver
	// sends through a copy that does not follow redirects; Client itself
	// is not changed.
	Client *http.Client
	// ResponseTimeout is how long the endpoint has to answer, from sending
	// the request to the end of the response body; zero means AWS's 3
	// minutes. It is measured on the delivery stream's clock.
	ResponseTimeout time.Duration

	// clock gives request timestamps and times responses out; nil means
	// clock.System. The delivery stream sets it, through withClock.
	clock clock.Clock
}

var _ Destination = (*HTTPEndpoint)(nil)

// Limits of the protocol and of the API's HttpEndpoint shapes.
const (
	maxURLChars            = 1000
	maxNameChars           = 256
	maxAccessKeyBytes      = 4096
	maxCommonAttributes    = 50
	maxAttributeNameChars  = 256
	maxAttributeValueChars = 1024
	defaultResponseTimeout = 3 * time.Minute
	maxResponseBytes       = 1 << 20 // status line and headers included
	maxErrorMessageChars   = 8192    // the response schema's errorMessage
	maxExcerptBytes        = 1024    // of a response body quoted in an error
)

// The error codes AWS reports for HTTP endpoint deliveries.
const (
	codeDestinationException = "HttpEndpoint.DestinationException"
	codeInvalidResponse      = "HttpEndpoint.InvalidResponseFromDestination"
	codeRequestTimeout       = "HttpEndpoint.RequestTimeout"
	codeResponseTooLarge     = "HttpEndpoint.ResponseTooLarge"
	codeConnectionFailed     = "HttpEndpoint.ConnectionFailed"
	codeConnectionReset      = "HttpEndpoint.ConnectionReset"
	codeSSLHandshakeFailure  = "HttpEndpoint.SSLHandshakeFailure"
)

// userAgent is what AWS's delivery agent calls itself.
const userAgent = "Amazon Kinesis Data Firehose Agent/1.0"

var (
	errResponseTimeout  = errors.New("response timeout")
	errResponseTooLarge = errors.New("response too large")
)

// withClock returns a copy of e that reads time from c, so that the
// delivery stream can give an endpoint its clock without changing the
// caller's value.
func (e *HTTPEndpoint) withClock(c clock.Clock) *HTTPEndpoint {
	cp := *e
	cp.clock = c
	return &cp
}

// Deliver sends b to the endpoint once. It returns nil when the endpoint
// answered 200 with a valid response, a [*DeliveryError] when the attempt
// failed, and ctx's error, without a DeliveryError, when ctx ended first.
// A batch without records is not sent.
func (e *HTTPEndpoint) Deliver(ctx context.Context, b *Batch) error {
	if len(b.Records) == 0 {
		return nil
	}
	clk := clock.Or(e.clock)
	body := requestBody(b.RequestID, clk.Now(), b.Records)
	if e.ContentEncoding == ContentEncodingGZIP {
		var err error
		if body, err = compress(GZIP, body, ""); err != nil {
			return err
		}
	}

	// The timer cancels the request with a cause of its own, so that a
	// timeout can be told from the caller's ctx ending.
	timeout := cmp.Or(e.ResponseTimeout, defaultResponseTimeout)
	reqCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := clk.AfterFunc(timeout, func() { cancel(errResponseTimeout) })
	defer timer.Stop()

	req, err := http.NewRequestWithContext(reqCtx, http.MethodPost, e.URL, bytes.NewReader(body))
	if err != nil {
		return &DeliveryError{Code: codeConnectionFailed, Message: "The endpoint URL cannot be used: " + innerError(err).Error()}
	}
	h := req.Header
	h.Set("X-Amz-Firehose-Protocol-Version", "1.0")
	h.Set("X-Amz-Firehose-Request-Id", b.RequestID)
	h.Set("X-Amz-Firehose-Source-Arn", b.DeliveryStreamARN)
	if e.AccessKey != "" {
		h.Set("X-Amz-Firehose-Access-Key", e.AccessKey)
	}
	h.Set("X-Amz-Firehose-Common-Attributes", commonAttributesHeader(e.CommonAttributes))
	h.Set("Content-Type", "application/json")
	if e.ContentEncoding == ContentEncodingGZIP {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("User-Agent", userAgent)
	// Asking for identity stops net/http from asking for gzip and quietly
	// decoding it: the protocol forbids an encoded response.
	h.Set("Accept-Encoding", "identity")

	resp, err := e.client().Do(req)
	if err != nil {
		return attemptError(ctx, reqCtx, timeout, err)
	}
	defer resp.Body.Close()
	raw, err := readResponse(resp)
	if err != nil {
		return attemptError(ctx, reqCtx, timeout, err)
	}
	return judgeResponse(b.RequestID, resp, raw)
}

// client returns a copy of the endpoint's client that hands redirects back
// instead of following them.
func (e *HTTPEndpoint) client() *http.Client {
	c := *cmp.Or(e.Client, http.DefaultClient)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// requestBody writes the protocol's request document. It is built by hand
// because the records' data goes straight into base64 in the output,
// without a copy per record.
func requestBody(requestID string, now time.Time, records []Record) []byte {
	n := len(`{"requestId":,"timestamp":,"records":[]}`) + len(requestID) + 24
	for _, r := range records {
		n += len(`{"data":""},`) + base64.StdEncoding.EncodedLen(len(r.Data))
	}
	buf := make([]byte, 0, n)
	buf = append(buf, `{"requestId":`...)
	buf = appendJSON(buf, requestID)
	buf = append(buf, `,"timestamp":`...)
	buf = strconv.AppendInt(buf, now.UnixMilli(), 10)
	buf = append(buf, `,"records":[`...)
	for i, r := range records {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"data":"`...)
		buf = base64.StdEncoding.AppendEncode(buf, r.Data)
		buf = append(buf, `"}`...)
	}
	return append(buf, "]}"...)
}

// commonAttributesHeader returns the X-Amz-Firehose-Common-Attributes
// value, with names in sorted order.
func commonAttributesHeader(attrs map[string]string) string {
	if attrs == nil {
		attrs = map[string]string{}
	}
	return string(appendJSON(nil, struct {
		CommonAttributes map[string]string `json:"commonAttributes"`
	}{attrs}))
}

// appendJSON appends v as JSON without escaping <, > and &, as AWS writes
// them. v is a string or a map of strings, which always encode.
func appendJSON(dst []byte, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// readResponse reads the response body, refusing a response of more than
// 1 MiB with its headers.
func readResponse(resp *http.Response) ([]byte, error) {
	limit := int64(maxResponseBytes - headerBytes(resp))
	if limit < 0 || resp.ContentLength > limit {
		return nil, errResponseTooLarge
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > limit {
		return nil, errResponseTooLarge
	}
	return raw, nil
}

// headerBytes estimates the size of the response's status line and
// headers as HTTP/1.1 writes them.
func headerBytes(resp *http.Response) int {
	n := len(resp.Proto) + 1 + len(resp.Status) + 2 + 2
	for k, vs := range resp.Header {
		for _, v := range vs {
			n += len(k) + 2 + len(v) + 2
		}
	}
	return n
}

// attemptError turns a failure to get a whole response into the error
// Deliver returns.
func attemptError(ctx, reqCtx context.Context, timeout time.Duration, err error) error {
	switch {
	case errors.Is(err, errResponseTooLarge):
		return &DeliveryError{Code: codeResponseTooLarge, Message: "The response received from the endpoint is too large: it must be at most 1 MiB, headers included."}
	case errors.Is(context.Cause(reqCtx), errResponseTimeout):
		return &DeliveryError{Code: codeRequestTimeout, Message: fmt.Sprintf("The endpoint did not respond within %v.", timeout)}
	case ctx.Err() != nil:
		return context.Cause(ctx)
	}
	return transportError(err)
}

// transportError classifies an error of the HTTP client. The URL is left
// out of the message: it may hold a secret in its query.
func transportError(err error) *DeliveryError {
	inner := innerError(err)
	var (
		certErr   *tls.CertificateVerificationError
		recordErr tls.RecordHeaderError
		alertErr  tls.AlertError
		opErr     *net.OpError
		netErr    net.Error
	)
	switch {
	case errors.As(err, &certErr), errors.As(err, &recordErr), errors.As(err, &alertErr),
		// Most of crypto/tls's own handshake errors have no type.
		strings.Contains(inner.Error(), "tls: "):
		return &DeliveryError{Code: codeSSLHandshakeFailure, Message: "The SSL handshake with the endpoint failed: " + inner.Error()}
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return &DeliveryError{Code: codeConnectionFailed, Message: "A connection to the endpoint could not be established: " + inner.Error()}
	case errors.As(err, &netErr) && netErr.Timeout():
		// The caller's Client.Timeout or its transport's own timeouts.
		return &DeliveryError{Code: codeRequestTimeout, Message: "The endpoint did not respond in time: " + inner.Error()}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &DeliveryError{Code: codeConnectionReset, Message: "The connection was reset or closed by the endpoint: " + inner.Error()}
	}
	return &DeliveryError{Code: codeConnectionFailed, Message: "The request to the endpoint failed: " + inner.Error()}
}

// innerError returns the error a *url.Error wraps, whose message has no URL.
func innerError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// judgeResponse applies the protocol's response rules to a whole response.
func judgeResponse(requestID string, resp *http.Response, raw []byte) error {
	if resp.StatusCode != http.StatusOK {
		return destinationError(resp.StatusCode, raw)
	}
	if reason := invalidResponse(requestID, resp.Header, raw); reason != "" {
		return &DeliveryError{Code: codeInvalidResponse, Message: fmt.Sprintf(
			"The response received from the specified endpoint is invalid. Contact the owner of the endpoint to resolve the issue. Response for request %s %s. Raw response received: %d %s",
			requestID, reason, resp.StatusCode, excerpt(raw))}
	}
	return nil
}

// destinationError describes a response other than 200. Its message is the
// endpoint's errorMessage when the body has one, since AWS copies that
// into the error output; otherwise it quotes the response.
func destinationError(status int, raw []byte) *DeliveryError {
	var body struct {
		ErrorMessage string `json:"errorMessage"`
	}
	msg := fmt.Sprintf("The following response was received from the endpoint destination. %d: %s", status, excerpt(raw))
	if json.Unmarshal(raw, &body) == nil && body.ErrorMessage != "" {
		msg = truncateChars(body.ErrorMessage, maxErrorMessageChars)
	}
	return &DeliveryError{
		Code:    codeDestinationException,
		Message: msg,
		// 413 says the batch can never fit: AWS stops retrying it.
		Permanent: status == http.StatusRequestEntityTooLarge,
	}
}

// invalidResponse returns why a 200 response breaks the protocol, or "".
// The rules follow AWS's: an unencoded application/json body holding
// exactly the fields requestId (a string equal to the request's),
// timestamp (an integer) and, optionally, errorMessage. Field names are
// matched exactly, which encoding/json alone would not do.
func invalidResponse(requestID string, h http.Header, raw []byte) string {
	if ce := h.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return fmt.Sprintf("has Content-Encoding %q; the body must not be encoded", ce)
	}
	ct := h.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return fmt.Sprintf("has Content-Type %q; only application/json is accepted", ct)
	}
	const notJSON = "is not recognized as valid JSON or has unexpected fields"
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return notJSON
	}
	for name := range fields {
		if name != "requestId" && name != "timestamp" && name != "errorMessage" {
			return notJSON
		}
	}
	var (
		id  string
		ts  int64
		msg *string
	)
	if v, ok := fields["errorMessage"]; ok && json.Unmarshal(v, &msg) != nil {
		return notJSON
	}
	v, ok := fields["requestId"]
	if !ok || isNull(v) {
		return "has no requestId"
	}
	if json.Unmarshal(v, &id) != nil {
		return notJSON
	}
	if id != requestID {
		return fmt.Sprintf("has requestId %q, which does not match", id)
	}
	// A timestamp in quotes is refused too: AWS wants a number.
	v, ok = fields["timestamp"]
	if !ok || isNull(v) || json.Unmarshal(v, &ts) != nil {
		return "has no timestamp that is an integer"
	}
	return ""
}

func isNull(v json.RawMessage) bool { return string(v) == "null" }

// excerpt quotes the start of a response body in an error message.
func excerpt(raw []byte) string {
	if len(raw) <= maxExcerptBytes {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return strings.ToValidUTF8(string(raw[:maxExcerptBytes]), "\uFFFD") + "…"
}

// truncateChars cuts s to at most n characters.
func truncateChars(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// check reports whether the endpoint's settings are ones AWS would accept,
// but for the URL's scheme and port (see [HTTPEndpoint.URL]).
func (e *HTTPEndpoint) check() error {
	if e.URL == "" {
		return errors.New("HTTP endpoint URL is empty")
	}
	if n := utf8.RuneCountInString(e.URL); n > maxURLChars {
		return fmt.Errorf("HTTP endpoint URL is %d characters long; it can be at most %d", n, maxURLChars)
	}
	u, err := url.Parse(e.URL)
	if err != nil {
		return fmt.Errorf("HTTP endpoint URL %q: %w", e.URL, innerError(err))
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return fmt.Errorf("HTTP endpoint URL %q: the scheme must be https (or http, which AWS refuses but local endpoints need)", e.URL)
	}
	if u.Host == "" {
		return fmt.Errorf("HTTP endpoint URL %q has no host", e.URL)
	}
	if e.Name != "" {
		if err := checkText("HTTP endpoint name", e.Name, maxNameChars, true); err != nil {
			return err
		}
	}
	if n := len(e.AccessKey); n > maxAccessKeyBytes {
		return fmt.Errorf("HTTP endpoint access key is %d bytes long; it can be at most %d", n, maxAccessKeyBytes)
	}
	if badChar(e.AccessKey) {
		return errors.New("HTTP endpoint access key must not contain line breaks or control characters")
	}
	if n := len(e.CommonAttributes); n > maxCommonAttributes {
		return fmt.Errorf("HTTP endpoint has %d common attributes; it can have at most %d", n, maxCommonAttributes)
	}
	for name, value := range e.CommonAttributes {
		if err := checkText("common attribute name", name, maxAttributeNameChars, true); err != nil {
			return err
		}
		if err := checkText(fmt.Sprintf("common attribute %q value", name), value, maxAttributeValueChars, false); err != nil {
			return err
		}
	}
	switch e.ContentEncoding {
	case "", ContentEncodingNone, ContentEncodingGZIP:
	default:
		return fmt.Errorf("HTTP endpoint content encoding %q: want %s or %s", string(e.ContentEncoding), ContentEncodingNone, ContentEncodingGZIP)
	}
	if e.ResponseTimeout < 0 {
		return fmt.Errorf("HTTP endpoint response timeout %v is negative", e.ResponseTimeout)
	}
	return nil
}

// checkText checks a name or value against the API's length limit and its
// pattern: AWS's "." matches no line break, and a name must not be blank.
// Control characters are refused too, as HTTP header values cannot carry
// them.
func checkText(what, s string, maxChars int, name bool) error {
	if n := utf8.RuneCountInString(s); n > maxChars {
		return fmt.Errorf("%s is %d characters long; it can be at most %d", what, n, maxChars)
	}
	if name && strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s %q is empty or blank", what, s)
	}
	if badChar(s) {
		return fmt.Errorf("%s %q must not contain line breaks or control characters", what, s)
	}
	return nil
}

// badChar reports whether s holds a character AWS's patterns or HTTP
// headers refuse: a control character other than tab, or a Unicode line
// break.
func badChar(s string) bool {
	for _, r := range s {
		switch {
		case r == '\t':
		case r < 0x20, r == 0x7f, r == 0x85, r == 0x2028, r == 0x2029:
			return true
		}
	}
	return false
}
