package awsfake

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// NewHTTPClient returns an [*http.Client] whose requests never leave the
// process: each is served by h in the calling goroutine and its reply
// returned once h is done. Give it to an AWS SDK (aws.Config.HTTPClient)
// with any BaseEndpoint: there is no DNS, no port, no host prefix to
// resolve. Inside a [testing/synctest] bubble it runs in the bubble, so a
// 20-second long poll returns at once in virtual time.
func NewHTTPClient(h http.Handler) *http.Client {
	return &http.Client{Transport: inMemory{h}}
}

// inMemory is a RoundTripper that calls a handler.
type inMemory struct{ h http.Handler }

func (t inMemory) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	r.RequestURI = req.URL.RequestURI()
	r.RemoteAddr = "127.0.0.1:0"
	if r.Body == nil {
		r.Body = http.NoBody
	}
	w := &bufferedResponse{header: make(http.Header)}
	t.h.ServeHTTP(w, r)
	if req.Body != nil {
		_ = req.Body.Close() // a RoundTripper closes the request body, even on error
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          io.NopCloser(bytes.NewReader(w.body.Bytes())),
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
}

// bufferedResponse is the ResponseWriter of an in-memory request.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *bufferedResponse) Header() http.Header { return w.header }

func (w *bufferedResponse) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *bufferedResponse) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}
