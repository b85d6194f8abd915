package awsfake

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
)

// NewHTTPClient returns an [*http.Client] whose requests never leave the
// process: each is served by h, and its reply returned as a real HTTP
// client would return it. Give it to an AWS SDK (aws.Config.HTTPClient)
// with any BaseEndpoint: there is no DNS, no port, no host prefix to
// resolve. Inside a [testing/synctest] bubble it runs in the bubble, so a
// 20-second long poll returns at once in virtual time.
//
// The reply streams. h runs in a goroutine of its own and its reply is
// returned as soon as h flushes ([http.Flusher]) or returns: a reply h
// returns without flushing comes whole, with its ContentLength; one it
// flushes flows through a pipe as h writes it, so that a reply that never
// ends by itself, such as SubscribeToShard's event stream, reaches the
// client message by message. h's request context ends when h returns,
// when the request's own context ends, or when the client closes the
// reply's body; Close returns once h has returned, so nothing is left
// running. A client that drops a streamed reply without closing it leaves
// h blocked on its next write, as it would leave a connection open.
func NewHTTPClient(h http.Handler) *http.Client {
	return &http.Client{Transport: inMemory{h}}
}

// inMemory is a RoundTripper that calls a handler.
type inMemory struct{ h http.Handler }

func (t inMemory) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	r := req.Clone(ctx)
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	r.RequestURI = req.URL.RequestURI()
	r.RemoteAddr = "127.0.0.1:0"
	if r.Body == nil {
		r.Body = http.NoBody
	}
	w := &pipeResponse{
		req:    req,
		ctx:    ctx,
		cancel: cancel,
		header: make(http.Header),
		reply:  make(chan *http.Response, 1),
		done:   make(chan struct{}),
	}
	go func() {
		defer close(w.done)
		defer cancel() // h's context ends when h returns, as net/http's does
		t.h.ServeHTTP(w, r)
		w.finish()
		if req.Body != nil {
			_ = req.Body.Close() // a RoundTripper closes the request body, even on error
		}
	}()
	return <-w.reply, nil
}

// pipeResponse is the ResponseWriter of an in-memory request. Until the
// handler flushes it buffers the reply; the first Flush hands the reply
// over with a pipe as its body, and later writes go into the pipe. Only
// the handler's goroutine uses it.
type pipeResponse struct {
	req    *http.Request      // the client's, for the reply's Request
	ctx    context.Context    // the handler's request context
	cancel context.CancelFunc // ends ctx
	header http.Header        // the handler's, which it may change until it writes
	sent   http.Header        // a copy of header taken when the status is written
	status int
	buf    bytes.Buffer
	pw     *io.PipeWriter // set once the reply is handed over
	stop   func() bool    // stops closing the pipe when the context ends

	reply chan *http.Response // receives the reply, once
	done  chan struct{}       // closed when the handler has returned
}

func (w *pipeResponse) Header() http.Header { return w.header }

func (w *pipeResponse) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
		w.sent = w.header.Clone()
	}
}

func (w *pipeResponse) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if w.pw != nil {
		return w.pw.Write(b)
	}
	return w.buf.Write(b)
}

// Flush hands the reply over, if it has not been, with what was written
// so far at the start of its body. Writes after it reach the client as
// they are made: each blocks until the client has read it.
func (w *pipeResponse) Flush() {
	w.WriteHeader(http.StatusOK)
	if w.pw != nil {
		return
	}
	pr, pw := io.Pipe()
	w.pw = pw
	// A client that stops waiting (its context ends) unblocks the handler
	// and ends the body's reads with the context's error.
	w.stop = context.AfterFunc(w.ctx, func() { pw.CloseWithError(w.ctx.Err()) })
	w.reply <- w.response(&pipeBody{PipeReader: pr, cancel: w.cancel, done: w.done}, -1)
	if w.buf.Len() > 0 {
		_, _ = pw.Write(w.buf.Bytes()) // a failure shows in the handler's next Write
		w.buf = bytes.Buffer{}
	}
}

// finish completes the reply once the handler has returned: the whole of
// it if it was never flushed, the end of the pipe's body if it was.
func (w *pipeResponse) finish() {
	if w.pw != nil {
		w.stop()
		_ = w.pw.Close()
		return
	}
	w.WriteHeader(http.StatusOK)
	w.reply <- w.response(io.NopCloser(bytes.NewReader(w.buf.Bytes())), int64(w.buf.Len()))
}

func (w *pipeResponse) response(body io.ReadCloser, length int64) *http.Response {
	return &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.sent,
		Body:          body,
		ContentLength: length,
		Request:       w.req,
	}
}

// pipeBody is the body of a streamed reply.
type pipeBody struct {
	*io.PipeReader
	cancel context.CancelFunc // ends the handler's context
	done   <-chan struct{}    // closed when the handler has returned
}

// Close ends the handler's context, fails the handler's writes, and waits
// for the handler to return.
func (b *pipeBody) Close() error {
	b.cancel()
	_ = b.PipeReader.Close()
	<-b.done
	return nil
}
