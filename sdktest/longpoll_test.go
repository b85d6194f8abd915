package sdktest

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Long polling through the in-memory client in a synctest bubble: the
// fake's wait runs on the bubble's virtual clock, so a 20-second poll
// returns at once in real time with exactly 20 s of virtual time gone.

func TestSQSLongPollEmptyQueue(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "idle", nil)
		start := time.Now()
		out, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 20})
		if err != nil {
			t.Fatalf("ReceiveMessage(WaitTimeSeconds 20): %v", err)
		}
		if len(out.Messages) != 0 {
			t.Errorf("received %d messages from an empty queue", len(out.Messages))
		}
		if got := time.Since(start); got != 20*time.Second {
			t.Errorf("the long poll took %v of virtual time, want exactly 20s", got)
		}
	})
}

func TestSQSLongPollWokenBySend(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "wakeup", nil)
		start := time.Now()
		sent := make(chan error, 1)
		go func() {
			time.Sleep(7 * time.Second) // virtual: the receive below is already waiting
			_, err := e.SQS.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("wake up")})
			sent <- err
		}()
		out, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 20, MaxNumberOfMessages: 10})
		if err != nil {
			t.Fatalf("ReceiveMessage: %v", err)
		}
		if err := <-sent; err != nil {
			t.Fatalf("SendMessage: %v", err)
		}
		if len(out.Messages) != 1 || aws.ToString(out.Messages[0].Body) != "wake up" {
			t.Fatalf("received %q, want [wake up]", bodies(out.Messages))
		}
		// A long poll returns as soon as a message is there, without
		// waiting to fill MaxNumberOfMessages (§1.5).
		if got := time.Since(start); got != 7*time.Second {
			t.Errorf("the receive returned after %v of virtual time, want 7s (when the message was sent)", got)
		}
	})
}

// TestSQSLongPollQueueDefault checks that a receive without WaitTimeSeconds
// uses the queue's ReceiveMessageWaitTimeSeconds (§1.5: absent is not 0).
func TestSQSLongPollQueueDefault(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "patient", map[string]string{"ReceiveMessageWaitTimeSeconds": "12"})
		start := time.Now()
		if _, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatal(err)
		}
		if got := time.Since(start); got != 12*time.Second {
			t.Errorf("a receive without WaitTimeSeconds waited %v, want the queue's 12s", got)
		}
		// An explicit WaitTimeSeconds overrides it.
		start = time.Now()
		if _, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 3}); err != nil {
			t.Fatal(err)
		}
		if got := time.Since(start); got != 3*time.Second {
			t.Errorf("a receive with WaitTimeSeconds 3 waited %v, want 3s", got)
		}
		_, err := e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 21})
		wantError(t, "ReceiveMessage(WaitTimeSeconds 21)", err, "InvalidParameterValue", "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.") // §1.5 rec
		_, err = e.SQS.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 11})
		wantError(t, "ReceiveMessage(MaxNumberOfMessages 11)", err, "InvalidParameterValue", "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.") // §1.5 rec
	})
}

// TestSQSLongPollCancelled checks that a waiting receive ends when its
// context does, and that the wait leaves no goroutine behind (the bubble
// would report it).
func TestSQSLongPollCancelled(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		url := createQueue(t, e.SQS, "cancelled", nil)
		ctx, cancel := context.WithTimeout(t.Context(), 4*time.Second)
		defer cancel()
		start := time.Now()
		_, err := e.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 20})
		if err == nil {
			t.Fatal("ReceiveMessage with a 4 s deadline returned no error")
		}
		if got := time.Since(start); got != 4*time.Second {
			t.Errorf("the cancelled receive returned after %v, want 4s", got)
		}
		synctest.Wait()
	})
}
