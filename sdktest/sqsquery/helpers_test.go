package sqsquery

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/switchyard/switchyard/awsfake"
)

const (
	region              = awsfake.DefaultRegion
	account             = awsfake.DefaultAccountID
	placeholderEndpoint = "http://switchyard.test"
)

var staticCredentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKIDSWITCHYARD", SecretAccessKey: "switchyard-secret", Source: "sqsquery"}, nil
})

// recorder is an SDK HTTP client that notes the protocol of every request
// it passes on, so that the tests can tell the client really spoke Query.
type recorder struct {
	next sqs.HTTPClient
	mu   sync.Mutex
	bad  []string // requests that were not Query requests
	n    int
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.n++
	if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") || req.Header.Get("X-Amz-Target") != "" {
		r.bad = append(r.bad, fmt.Sprintf("Content-Type %q X-Amz-Target %q", ct, req.Header.Get("X-Amz-Target")))
	}
	r.mu.Unlock()
	return r.next.Do(req)
}

// check fails the test unless every request was a Query request.
func (r *recorder) check(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n == 0 {
		t.Error("no request went through the client")
	}
	if len(r.bad) > 0 {
		t.Errorf("%d of %d requests were not Query (form) requests, e.g. %s", len(r.bad), r.n, r.bad[0])
	}
}

// env is a fake account, a Query-speaking SQS client pointed at it, and a
// way to move the fake's clock.
type env struct {
	SQS     *sqs.Client
	advance func(t *testing.T, d time.Duration)
}

func newClient(t *testing.T, base string, hc sqs.HTTPClient) *sqs.Client {
	rec := &recorder{next: hc}
	t.Cleanup(func() { rec.check(t) })
	return sqs.New(sqs.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       rec,
		RetryMaxAttempts: 1,
	})
}

// transports run a test against a new account in memory, in a synctest
// bubble, and over a loopback socket to the emulator.
var transports = []struct {
	name string
	run  func(t *testing.T, f func(t *testing.T, e *env))
}{
	{"inmemory", func(t *testing.T, f func(t *testing.T, e *env)) {
		synctest.Test(t, func(t *testing.T) {
			acct := awsfake.New(awsfake.Config{})
			t.Cleanup(func() { closeAccount(t, acct) })
			f(t, &env{
				SQS:     newClient(t, placeholderEndpoint, acct.HTTPClient()),
				advance: func(_ *testing.T, d time.Duration) { time.Sleep(d) }, // virtual time
			})
		})
	}},
	{"loopback", func(t *testing.T, f func(t *testing.T, e *env)) {
		emu := awsfake.NewEmulator(awsfake.Config{})
		srv := httptest.NewServer(emu.Handler())
		t.Cleanup(func() {
			srv.Close()
			closeAccount(t, emu.Account)
		})
		f(t, &env{
			SQS: newClient(t, srv.URL, srv.Client()),
			advance: func(t *testing.T, d time.Duration) {
				t.Helper()
				resp, err := srv.Client().Post(srv.URL+"/_switchyard/clock/advance", "application/json",
					strings.NewReader(fmt.Sprintf(`{"seconds":%g}`, d.Seconds())))
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("clock/advance = %d %s", resp.StatusCode, body)
				}
			},
		})
	}},
}

// eachTransport runs f as a subtest per transport.
func eachTransport(t *testing.T, f func(t *testing.T, e *env)) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) { tr.run(t, f) })
	}
}

func closeAccount(t *testing.T, a *awsfake.Account) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		t.Errorf("Account.Close: %v", err)
	}
}

// wantError reports, without stopping the test, whether err is an API
// error with the given code and, when msg is not empty, message.
func wantError(t *testing.T, what string, err error, code, msg string) bool {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Errorf("%s: err = %v (%T), want an API error %s", what, err, err, code)
		return false
	}
	ok := true
	if ae.ErrorCode() != code {
		t.Errorf("%s: ErrorCode() = %q, want %q (err: %v)", what, ae.ErrorCode(), code, err)
		ok = false
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Errorf("%s: ErrorMessage() = %q, want %q", what, ae.ErrorMessage(), msg)
		ok = false
	}
	return ok
}

// wantAs reports, without stopping the test, whether errors.As finds an E
// in err.
func wantAs[E error](t *testing.T, what string, err error) bool {
	t.Helper()
	var target E
	if !errors.As(err, &target) {
		t.Errorf("%s: err = %v (%T), want errors.As to find a %T", what, err, err, target)
		return false
	}
	return true
}

func queueARN(name string) string { return "arn:aws:sqs:" + region + ":" + account + ":" + name }

func createQueue(t *testing.T, c *sqs.Client, name string, attrs map[string]string) string {
	t.Helper()
	out, err := c.CreateQueue(t.Context(), &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatalf("CreateQueue %s: %v", name, err)
	}
	return aws.ToString(out.QueueUrl)
}

func queueAttrs(t *testing.T, c *sqs.Client, url string, names ...types.QueueAttributeName) map[string]string {
	t.Helper()
	out, err := c.GetQueueAttributes(t.Context(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: names})
	if err != nil {
		t.Fatalf("GetQueueAttributes: %v", err)
	}
	return out.Attributes
}

// receive makes one short-poll receive of up to 10 messages with every
// attribute.
func receive(t *testing.T, c *sqs.Client, url string) []types.Message {
	t.Helper()
	out, err := c.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{
		QueueUrl:              aws.String(url),
		MaxNumberOfMessages:   10,
		MessageAttributeNames: []string{"All"},
		AttributeNames:        []types.QueueAttributeName{"All"},
	})
	if err != nil {
		t.Fatalf("ReceiveMessage: %v", err)
	}
	return out.Messages
}

func bodies(ms []types.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, aws.ToString(m.Body))
	}
	slices.Sort(out)
	return out
}

func sameAttributes(got, want map[string]types.MessageAttributeValue) bool {
	if len(got) != len(want) {
		return false
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok || aws.ToString(g.DataType) != aws.ToString(w.DataType) ||
			aws.ToString(g.StringValue) != aws.ToString(w.StringValue) || !bytes.Equal(g.BinaryValue, w.BinaryValue) {
			return false
		}
	}
	return true
}
