package sqsapi_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
)

// The files under testdata/sdk are every request a real aws-sdk-go-v2 SQS
// client sent in one session against this service, with the status it got:
// service/sqs v1.26.0, the last generation that speaks the Query protocol,
// and v1.53.0, which speaks JSON 1.0. The session runs every operation of
// the API, successes and errors (see TestSDKSessions). One line per
// request: X-Amz-Target, path, status, body.

var allOperations = []string{
	"AddPermission", "CancelMessageMoveTask", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "CreateQueue",
	"DeleteMessage", "DeleteMessageBatch", "DeleteQueue", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues",
	"ListMessageMoveTasks", "ListQueueTags", "ListQueues", "PurgeQueue", "ReceiveMessage", "RemovePermission", "SendMessage",
	"SendMessageBatch", "SetQueueAttributes", "StartMessageMoveTask", "TagQueue", "UntagQueue",
}

// sdkRequest is one recorded request.
type sdkRequest struct {
	target, path string
	status       int
	body         string
}

func (r sdkRequest) operation() string {
	if r.target != "" {
		return strings.TrimPrefix(r.target, "AmazonSQS.")
	}
	form, _ := url.ParseQuery(r.body)
	return form.Get("Action")
}

func readSDKSession(t testing.TB, file string) []sdkRequest {
	t.Helper()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []sdkRequest
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 4)
		if len(parts) != 4 {
			t.Fatalf("%s: bad line %q", file, sc.Text())
		}
		status, _ := strconv.Atoi(parts[2])
		out = append(out, sdkRequest{parts[0], parts[1], status, parts[3]})
	}
	return out
}

// handleInRequest finds receipt handles in a request; handleInReply in a
// ReceiveMessage reply, JSON or XML.
var (
	handleInRequest = regexp.MustCompile(`ReceiptHandle(?:":"|=)([A-Za-z0-9_-]{32})`)
	handleInReply   = regexp.MustCompile(`ReceiptHandle(?:":"|>)([A-Za-z0-9_-]{32})`)
)

// TestSDKSessions replays the recorded sessions and checks that each
// request gets the status the SDK got: the real clients' parameter names,
// shapes and replies are the ones this package reads and writes. Receipt
// handles differ from run to run, so the recorded ones are mapped, in the
// order they first appear, to those this run's receives return.
func TestSDKSessions(t *testing.T) {
	for _, file := range []string{"testdata/sdk/query-sqs-v1.26.0.tsv", "testdata/sdk/json-sqs-v1.53.0.tsv"} {
		t.Run(file, func(t *testing.T) {
			session := readSDKSession(t, file)
			var ops []string
			for _, r := range session {
				if op := r.operation(); !slices.Contains(ops, op) {
					ops = append(ops, op)
				}
			}
			slices.Sort(ops)
			if !slices.Equal(ops, allOperations) {
				t.Fatalf("the session covers %v, want all %d operations", ops, len(allOperations))
			}
			synctest.Test(t, func(t *testing.T) {
				f := newFakeOn(t, nil)
				var received []string
				mapped := make(map[string]string)
				for i, rec := range session {
					body := handleInRequest.ReplaceAllStringFunc(rec.body, func(m string) string {
						old := handleInRequest.FindStringSubmatch(m)[1]
						if _, ok := mapped[old]; !ok && len(mapped) < len(received) {
							mapped[old] = received[len(mapped)]
						}
						if h, ok := mapped[old]; ok {
							return strings.Replace(m, old, h, 1)
						}
						return m
					})
					r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:18324"+rec.path, strings.NewReader(body))
					if rec.target != "" {
						r.Header.Set("Content-Type", "application/x-amz-json-1.0")
						r.Header.Set("X-Amz-Target", rec.target)
					} else {
						r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					}
					rep := f.serve(r)
					synctest.Wait() // let a move task take its step, as real time did
					if rep.status != rec.status {
						t.Errorf("request %d (%s): status %d, the SDK got %d\n%s\n%s", i+1, rec.operation(), rep.status, rec.status, body, rep.body)
					}
					if rec.operation() == "ReceiveMessage" {
						for _, m := range handleInReply.FindAllStringSubmatch(string(rep.body), -1) {
							received = append(received, m[1])
						}
					}
				}
			})
		})
	}
}
