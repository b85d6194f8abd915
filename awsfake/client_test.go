package awsfake_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/awsfake"
)

// The in-memory client runs inside a synctest bubble: a long poll waits in
// virtual time, so a 20-second wait on an empty queue returns at once.
func TestHTTPClientLongPollInVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := awsfake.New(awsfake.Config{}).HTTPClient()
		r := sqsJSON(t, client, "CreateQueue", `{"QueueName":"idle"}`)
		url := r.jsonOf(t)["QueueUrl"].(string)
		start := time.Now()
		r = sqsJSON(t, client, "ReceiveMessage", `{"QueueUrl":"`+url+`","WaitTimeSeconds":20}`)
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		if msgs := r.jsonOf(t)["Messages"]; msgs != nil {
			t.Errorf("messages from an empty queue: %v", msgs)
		}
		if waited := time.Since(start); waited != 20*time.Second {
			t.Errorf("waited %v of virtual time, want 20s", waited)
		}
	})
}

// A send from another goroutine wakes a waiting receive.
func TestHTTPClientLongPollWokenBySend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := awsfake.New(awsfake.Config{}).HTTPClient()
		url := sqsJSON(t, client, "CreateQueue", `{"QueueName":"work"}`).jsonOf(t)["QueueUrl"].(string)
		start := time.Now()
		got := make(chan reply, 1)
		go func() { got <- sqsJSON(t, client, "ReceiveMessage", `{"QueueUrl":"`+url+`","WaitTimeSeconds":20}`) }()
		synctest.Wait() // the receive is waiting
		sqsJSON(t, client, "SendMessage", `{"QueueUrl":"`+url+`","MessageBody":"wake"}`)
		r := <-got
		if waited := time.Since(start); waited != 0 {
			t.Errorf("the receive waited %v after the send", waited)
		}
		msgs, _ := r.jsonOf(t)["Messages"].([]any)
		if len(msgs) != 1 || msgs[0].(map[string]any)["Body"] != "wake" {
			t.Errorf("receive: %s", r.body)
		}
	})
}

// A reply the handler does not flush comes whole, with its length, the
// status and the headers as they were when the status was written.
func TestHTTPClientBufferedReply(t *testing.T) {
	client := awsfake.NewHTTPClient(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "fake.test" || r.RequestURI != "/path?q=1" {
			t.Errorf("request Host %q, RequestURI %q", r.Host, r.RequestURI)
		}
		w.Header().Set("X-Kept", "yes")
		w.WriteHeader(http.StatusTeapot)
		w.Header().Set("X-Late", "ignored")
		_, _ = io.WriteString(w, "hello, ")
		_, _ = io.WriteString(w, "world")
	}))
	resp, err := client.Get("http://fake.test/path?q=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusTeapot || resp.ContentLength != 12 || string(body) != "hello, world" {
		t.Errorf("reply %d, length %d, body %q", resp.StatusCode, resp.ContentLength, body)
	}
	if resp.Header.Get("X-Kept") != "yes" || resp.Header.Get("X-Late") != "" {
		t.Errorf("headers %v: want those set before WriteHeader only", resp.Header)
	}
}

// A handler that returns without writing answers 200 with an empty body,
// and the request body is closed.
func TestHTTPClientEmptyReply(t *testing.T) {
	body := &closeRecorder{Reader: strings.NewReader("request")}
	client := awsfake.NewHTTPClient(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	resp, err := client.Post("http://fake.test/", "text/plain", body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength != 0 || !body.closed.Load() {
		t.Errorf("reply %d, length %d, request body closed: %v", resp.StatusCode, resp.ContentLength, body.closed.Load())
	}
}

type closeRecorder struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeRecorder) Close() error {
	c.closed.Store(true)
	return nil
}

// A flushed reply streams: the client reads each part as the handler
// flushes it, while the handler still runs.
func TestHTTPClientStreamsFlushedReply(t *testing.T) {
	next := make(chan struct{})
	client := awsfake.NewHTTPClient(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := range 3 {
			_, _ = fmt.Fprintf(w, "part %d;", i)
			w.(http.Flusher).Flush()
			<-next
		}
	}))
	resp, err := client.Get("http://fake.test/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != -1 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Errorf("streamed reply: length %d, headers %v", resp.ContentLength, resp.Header)
	}
	buf := make([]byte, 64)
	for i := range 3 {
		n, err := resp.Body.Read(buf)
		if want := fmt.Sprintf("part %d;", i); err != nil || string(buf[:n]) != want {
			t.Fatalf("read %q, %v; want %q", buf[:n], err, want)
		}
		next <- struct{}{}
	}
	if n, err := resp.Body.Read(buf); n != 0 || err != io.EOF {
		t.Errorf("after the handler returned: %q, %v; want EOF", buf[:n], err)
	}
}

// Closing a streamed reply's body ends the handler's context, and Close
// returns once the handler has returned.
func TestHTTPClientCloseEndsHandler(t *testing.T) {
	returned := make(chan struct{})
	client := awsfake.NewHTTPClient(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(returned)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	resp, err := client.Get("http://fake.test/")
	if err != nil {
		t.Fatal(err)
	}
	if err := resp.Body.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-returned:
	default:
		t.Error("Close returned before the handler did")
	}
}

// A handler blocked writing to a client that no longer reads is released
// when the request's context ends, and the body's reads fail with the
// context's error.
func TestHTTPClientRequestContextEndsStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		writeErr := make(chan error, 1)
		client := awsfake.NewHTTPClient(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.(http.Flusher).Flush()
			for {
				if _, err := io.WriteString(w, "tick"); err != nil {
					writeErr <- err
					return
				}
				time.Sleep(time.Second)
			}
		}))
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://fake.test/", nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		buf := make([]byte, 4)
		if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != "tick" {
			t.Fatalf("read %q, %v", buf, err)
		}
		synctest.Wait() // the handler is blocked writing the next tick
		cancel()
		if err := <-writeErr; err == nil {
			t.Error("the handler's write succeeded after the context ended")
		}
		if _, err := resp.Body.Read(buf); !errors.Is(err, context.Canceled) {
			t.Errorf("read after the context ended: %v, want context.Canceled", err)
		}
	})
}

// In a synctest bubble a streamed reply runs in virtual time, and once the
// body is closed nothing of it is left running (synctest.Test would
// report a goroutine left blocked).
func TestHTTPClientStreamInVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := awsfake.NewHTTPClient(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for {
				_, _ = io.WriteString(w, time.Now().UTC().Format(time.TimeOnly)+"\n")
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(time.Minute):
				}
			}
		}))
		start := time.Now()
		resp, err := client.Get("http://fake.test/")
		if err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(resp.Body)
		var got []string
		for len(got) < 3 && lines.Scan() {
			got = append(got, lines.Text())
		}
		if strings.Join(got, " ") != "00:00:00 00:01:00 00:02:00" || time.Since(start) != 2*time.Minute {
			t.Errorf("lines %v after %v", got, time.Since(start))
		}
		if err := resp.Body.Close(); err != nil {
			t.Fatal(err)
		}
	})
}
