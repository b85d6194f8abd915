package sdktest

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/switchyard/switchyard/awsfake"
)

// BenchmarkSDKSendReceiveDelete measures one SendMessage, ReceiveMessage
// and DeleteMessage round through the real SDK client, in memory and over
// a loopback socket. req/s counts the three requests of each round.
//
// Profile the in-memory case to see how much of it is the fake (the focus
// names the fake's packages: a bare "switchyard/switchyard/" would also
// match this package's benchRounds, under which every sample sits):
//
//	go test -run x -bench SDKSendReceiveDelete/inmemory -benchtime=5s -cpuprofile /tmp/sdk.prof -o /tmp/sdktest.test
//	go tool pprof -top -cum -focus 'github\.com/switchyard/switchyard/(awsfake|queue|topic|clock|internal)' /tmp/sdktest.test /tmp/sdk.prof
func BenchmarkSDKSendReceiveDelete(b *testing.B) {
	b.Run("inmemory", func(b *testing.B) {
		acct := awsfake.New(awsfake.Config{})
		defer closeBench(b, acct)
		benchRounds(b, newSQS(placeholderEndpoint, acct.HTTPClient()))
	})
	// canned is the baseline of the same run: the same SDK calls, through
	// the same in-memory client, answered by a handler that only writes
	// fixed replies. What inmemory costs beyond it is the fake's work.
	b.Run("canned", func(b *testing.B) {
		benchRounds(b, newSQS(placeholderEndpoint, awsfake.NewHTTPClient(cannedSQS())))
	})
	b.Run("loopback", func(b *testing.B) {
		emu := awsfake.NewEmulator(awsfake.Config{})
		srv := httptest.NewServer(emu.Handler())
		defer srv.Close()
		defer closeBench(b, emu.Account)
		benchRounds(b, newSQS(srv.URL, srv.Client()))
	})
}

func benchRounds(b *testing.B, c *sqs.Client) {
	ctx := context.Background()
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("bench")})
	if err != nil {
		b.Fatal(err)
	}
	url := out.QueueUrl
	body := aws.String(`{"order":12345,"status":"placed","items":3}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: url, MessageBody: body}); err != nil {
			b.Fatal(err)
		}
		r, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: url})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Messages) != 1 {
			b.Fatalf("received %d messages, want 1", len(r.Messages))
		}
		if _, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: r.Messages[0].ReceiptHandle}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(3*float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// cannedSQS answers CreateQueue, SendMessage, ReceiveMessage and
// DeleteMessage with fixed replies that pass the SDK's checksums.
func cannedSQS() http.Handler {
	const body = `{"order":12345,"status":"placed","items":3}`
	sum := md5.Sum([]byte(body))
	digest := hex.EncodeToString(sum[:])
	replies := map[string]string{
		"AmazonSQS.CreateQueue":    `{"QueueUrl":"http://switchyard.test/000000000000/bench"}`,
		"AmazonSQS.SendMessage":    `{"MessageId":"6f1b3c2e-8a4d-4c55-9d0e-1a2b3c4d5e6f","MD5OfMessageBody":"` + digest + `"}`,
		"AmazonSQS.ReceiveMessage": `{"Messages":[{"MessageId":"6f1b3c2e-8a4d-4c55-9d0e-1a2b3c4d5e6f","ReceiptHandle":"handle","MD5OfBody":"` + digest + `","Body":` + strconv.Quote(body) + `}]}`,
		"AmazonSQS.DeleteMessage":  `{}`,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = io.WriteString(w, replies[r.Header.Get("X-Amz-Target")])
	})
}

func closeBench(b *testing.B, a *awsfake.Account) {
	if err := a.Close(context.Background()); err != nil {
		b.Errorf("Close: %v", err)
	}
}

// BenchmarkBaselineChannel is the naive baseline in the same run: one send
// and one receive on a buffered channel, the least an in-process queue
// can cost.
func BenchmarkBaselineChannel(b *testing.B) {
	ch := make(chan string, 1)
	msg := `{"order":12345,"status":"placed","items":3}`
	b.ReportAllocs()
	for b.Loop() {
		ch <- msg
		<-ch
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}
