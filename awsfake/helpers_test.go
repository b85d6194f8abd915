package awsfake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// reply is a response read in full.
type reply struct {
	status int
	header http.Header
	body   string
}

// jsonOf decodes a JSON reply's body.
func (r reply) jsonOf(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("reply %d is not JSON: %v\n%s", r.status, err, r.body)
	}
	return m
}

// do sends one request through h and reads the reply.
func do(t *testing.T, client *http.Client, req *http.Request) reply {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

// sqsJSON sends an SQS JSON 1.0 request.
func sqsJSON(t *testing.T, client *http.Client, op, body string) reply {
	t.Helper()
	req := httptest.NewRequest("POST", "http://switchyard.test/", strings.NewReader(body))
	req.RequestURI = ""
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "AmazonSQS."+op)
	return do(t, client, req)
}

// query sends a Query (form) request to path.
func query(t *testing.T, client *http.Client, path string, form url.Values, header http.Header) reply {
	t.Helper()
	req := httptest.NewRequest("POST", "http://switchyard.test"+path, strings.NewReader(form.Encode()))
	req.RequestURI = ""
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	return do(t, client, req)
}
