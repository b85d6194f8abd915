package sdktest

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/switchyard/switchyard/awsfake"
)

// The account every test works in: the zero awsfake.Config's.
const (
	region  = awsfake.DefaultRegion
	account = awsfake.DefaultAccountID
	// placeholderEndpoint is the BaseEndpoint of in-memory clients: any URL
	// does, since no request leaves the process.
	placeholderEndpoint = "http://switchyard.test"
)

// staticCredentials signs every request with the same made-up keys, as a
// test pointed at a fake would; the fake does not check signatures.
var staticCredentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKIDSWITCHYARD", SecretAccessKey: "switchyard-secret", Source: "sdktest"}, nil
})

// newSQS returns an SQS client that sends to base through hc, failing fast:
// one attempt, so that a fake's error reaches the test as it is.
func newSQS(base string, hc sqs.HTTPClient) *sqs.Client {
	return sqs.New(sqs.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	})
}

// newSNS is newSQS for SNS.
func newSNS(base string, hc sns.HTTPClient) *sns.Client {
	return sns.New(sns.Options{
		Region:           region,
		BaseEndpoint:     aws.String(base),
		Credentials:      staticCredentials,
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	})
}

// env is one fake account and the SDK clients pointed at it.
type env struct {
	SQS     *sqs.Client
	SNS     *sns.Client
	Account *awsfake.Account
	// advance moves the fake's clock forward by d: in a bubble by letting
	// the bubble's virtual clock run (time.Sleep there waits for nothing
	// real), on the emulator through its admin API.
	advance func(t *testing.T, d time.Duration)
}

// transport is a way of reaching a fake account.
type transport struct {
	name string
	run  func(t *testing.T, f func(t *testing.T, e *env))
}

// transports are every way the tests reach the fake: the in-memory client
// in a synctest bubble, and a loopback socket to the emulator.
var transports = []transport{
	{"inmemory", inMemory},
	{"loopback", func(t *testing.T, f func(t *testing.T, e *env)) { f(t, loopback(t).env) }},
}

// inMemory runs f in a testing/synctest bubble, against a new account
// reached through its in-memory HTTP client, so that every wait the fake
// makes (long polls, visibility timeouts, delays) passes in virtual time.
// The account is closed when f returns, still inside the bubble.
func inMemory(t *testing.T, f func(t *testing.T, e *env)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		acct := awsfake.New(awsfake.Config{})
		t.Cleanup(func() { closeAccount(t, acct) })
		hc := acct.HTTPClient()
		f(t, &env{
			SQS:     newSQS(placeholderEndpoint, hc),
			SNS:     newSNS(placeholderEndpoint, hc),
			Account: acct,
			advance: func(_ *testing.T, d time.Duration) { time.Sleep(d) },
		})
	})
}

// server is an emulator behind an httptest server on the loopback
// interface, and clients that reach it through a real socket.
type server struct {
	*env
	Emulator *awsfake.Emulator
	URL      string
	client   *http.Client
}

// loopback starts an emulator behind a loopback httptest server for the
// rest of the test.
func loopback(t *testing.T) *server {
	t.Helper()
	emu := awsfake.NewEmulator(awsfake.Config{})
	srv := httptest.NewServer(emu.Handler())
	t.Cleanup(func() {
		srv.Close()
		closeAccount(t, emu.Account)
	})
	s := &server{Emulator: emu, URL: srv.URL, client: srv.Client()}
	s.env = &env{
		SQS:     newSQS(srv.URL, srv.Client()),
		SNS:     newSNS(srv.URL, srv.Client()),
		Account: emu.Account,
		advance: func(t *testing.T, d time.Duration) {
			t.Helper()
			s.admin(t, http.MethodPost, "clock/advance", fmt.Sprintf(`{"seconds":%g}`, d.Seconds()))
		},
	}
	return s
}

// admin calls the emulator's admin API and returns the decoded JSON reply,
// failing the test unless the status is 200.
func (s *server) admin(t *testing.T, method, path, body string) map[string]any {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL+"/_switchyard/"+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s /_switchyard/%s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s /_switchyard/%s = %d %s, want 200", method, path, resp.StatusCode, raw)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s /_switchyard/%s: reply %q is not a JSON object: %v", method, path, raw, err)
	}
	return out
}

func closeAccount(t *testing.T, a *awsfake.Account) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		t.Errorf("Account.Close: %v", err)
	}
}

// wantError reports, without stopping the test, whether err is an API
// error with the given ErrorCode() — the way users match codes — and, when
// msg is not empty, the given ErrorMessage(). what names the call in
// failures.
func wantError(t *testing.T, what string, err error, code, msg string) bool {
	t.Helper()
	if err == nil {
		t.Errorf("%s: err = nil, want API error %s", what, code)
		return false
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Errorf("%s: err = %v (%T), want a smithy.APIError with code %s", what, err, err, code)
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
	if f := ae.ErrorFault(); f == smithy.FaultServer {
		t.Errorf("%s: ErrorFault() = server, want client (err: %v)", what, err)
		ok = false
	}
	return ok
}

// wantAs reports, without stopping the test, whether errors.As finds an E
// in err — a modelled error type such as *types.QueueDoesNotExist.
func wantAs[E error](t *testing.T, what string, err error) bool {
	t.Helper()
	var target E
	if !errors.As(err, &target) {
		t.Errorf("%s: err = %v (%T), want errors.As to find a %T", what, err, err, target)
		return false
	}
	return true
}

// requireCode is wantError for the code alone, stopping the test on a
// mismatch.
func requireCode(t *testing.T, err error, code string) {
	t.Helper()
	if !wantError(t, "call", err, code, "") {
		t.FailNow()
	}
}

// requireAs is wantAs, stopping the test on a mismatch.
func requireAs[E error](t *testing.T, err error) {
	t.Helper()
	if !wantAs[E](t, "call", err) {
		t.FailNow()
	}
}

// requireMessage checks err's ErrorMessage(); a mismatch fails the test
// but lets it go on.
func requireMessage(t *testing.T, err error, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want a smithy.APIError", err, err)
	}
	if ae.ErrorMessage() != msg {
		t.Errorf("ErrorMessage() = %q, want %q", ae.ErrorMessage(), msg)
	}
}

// createQueue creates a queue and returns its URL.
func createQueue(t *testing.T, c *sqs.Client, name string, attrs map[string]string) string {
	t.Helper()
	out, err := c.CreateQueue(t.Context(), &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatalf("CreateQueue %s: %v", name, err)
	}
	return aws.ToString(out.QueueUrl)
}

// queueARN is the ARN of the queue called name in the test account.
func queueARN(name string) string { return "arn:aws:sqs:" + region + ":" + account + ":" + name }

// topicARN is the ARN of the topic called name in the test account.
func topicARN(name string) string { return "arn:aws:sns:" + region + ":" + account + ":" + name }

// queueAttrs returns the queue attributes names asks for.
func queueAttrs(t *testing.T, c *sqs.Client, url string, names ...sqstypes.QueueAttributeName) map[string]string {
	t.Helper()
	out, err := c.GetQueueAttributes(t.Context(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: names})
	if err != nil {
		t.Fatalf("GetQueueAttributes: %v", err)
	}
	return out.Attributes
}

// receive makes one short-poll receive of up to 10 messages with every
// attribute.
func receive(t *testing.T, c *sqs.Client, url string) []sqstypes.Message {
	t.Helper()
	out, err := c.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{
		QueueUrl:                    aws.String(url),
		MaxNumberOfMessages:         10,
		MessageAttributeNames:       []string{"All"},
		MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAll},
	})
	if err != nil {
		t.Fatalf("ReceiveMessage: %v", err)
	}
	return out.Messages
}

// drain receives until a receive returns nothing and returns every
// message, in the order received. Messages stay in flight (30 s by
// default), so nothing is received twice.
func drain(t *testing.T, c *sqs.Client, url string) []sqstypes.Message {
	t.Helper()
	var all []sqstypes.Message
	for {
		ms := receive(t, c, url)
		if len(ms) == 0 {
			return all
		}
		all = append(all, ms...)
	}
}

// drainDelete is drain, deleting each message received.
func drainDelete(t *testing.T, c *sqs.Client, url string) []sqstypes.Message {
	t.Helper()
	ms := drain(t, c, url)
	for _, m := range ms {
		if _, err := c.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle}); err != nil {
			t.Fatalf("DeleteMessage: %v", err)
		}
	}
	return ms
}

// bodies returns the bodies of ms, sorted.
func bodies(ms []sqstypes.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, aws.ToString(m.Body))
	}
	slices.Sort(out)
	return out
}

// md5OfAttributes computes MD5OfMessageAttributes as SQS does (the SDKs of
// other languages check it; the Go SDK does not, so the tests do): for
// each attribute in name order, the length-prefixed name and data type, a
// transport byte (1 for String and Number types, 2 for Binary types) and
// the length-prefixed value. No attributes: "".
func md5OfAttributes(attrs map[string]sqstypes.MessageAttributeValue) string {
	if len(attrs) == 0 {
		return ""
	}
	var buf bytes.Buffer
	put := func(b []byte) {
		_ = binary.Write(&buf, binary.BigEndian, uint32(len(b)))
		buf.Write(b)
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		v := attrs[n]
		put([]byte(n))
		put([]byte(aws.ToString(v.DataType)))
		if strings.HasPrefix(aws.ToString(v.DataType), "Binary") {
			buf.WriteByte(2)
			put(v.BinaryValue)
		} else {
			buf.WriteByte(1)
			put([]byte(aws.ToString(v.StringValue)))
		}
	}
	sum := md5.Sum(buf.Bytes())
	return hex.EncodeToString(sum[:])
}

// TestMD5OfAttributesVectors checks md5OfAttributes against the published
// vectors (npm aws-md5-of-message-attributes), so that a mismatch in a test
// below is the fake's.
func TestMD5OfAttributesVectors(t *testing.T) {
	str := sqstypes.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String("attribValue 1")}
	if got, want := md5OfAttributes(map[string]sqstypes.MessageAttributeValue{"attribName1": str}), "19e27d4e946b072f3f58da80d94fd778"; got != want {
		t.Errorf("String vector: got %s, want %s", got, want)
	}
}
