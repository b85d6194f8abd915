package sqsapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/sqsapi"
	"github.com/switchyard/switchyard/queue"
)

// BenchmarkSendReceiveDeleteJSON measures the fake's own cost of one
// message's round (SendMessage, ReceiveMessage, DeleteMessage), calling
// ServeJSON directly with recorded replies: request decoding, the engine,
// MD5s and reply encoding, without a network or an SDK. The engine-only
// round beside it is the baseline the wire adds to.
func BenchmarkSendReceiveDeleteJSON(b *testing.B) {
	svc := sqsapi.New(sqsapi.Config{Region: region, Account: account})
	b.Cleanup(svc.Reset)
	// ServeJSON takes the body already read, so one request serves every
	// call: the loop measures the fake, not the building of requests.
	r := httptest.NewRequest(http.MethodPost, "http://"+host+"/", nil)
	serve := func(op, body string) []byte {
		rec := httptest.NewRecorder()
		svc.ServeJSON(rec, r, op, []byte(body))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", op, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	serve("CreateQueue", `{"QueueName":"bench"}`)
	u := baseURL + "bench"
	send := `{"QueueUrl":"` + u + `","MessageBody":"a message of some 40 bytes, give or take","MessageAttributes":{"kind":{"DataType":"String","StringValue":"order"}}}`
	receive := `{"QueueUrl":"` + u + `","MaxNumberOfMessages":1,"WaitTimeSeconds":0,"MessageAttributeNames":["All"]}`
	b.ReportAllocs()
	for b.Loop() {
		serve("SendMessage", send)
		var out struct {
			Messages []struct{ ReceiptHandle string }
		}
		if err := json.Unmarshal(serve("ReceiveMessage", receive), &out); err != nil || len(out.Messages) != 1 {
			b.Fatalf("receive: %v %+v", err, out)
		}
		serve("DeleteMessage", `{"QueueUrl":"`+u+`","ReceiptHandle":"`+out.Messages[0].ReceiptHandle+`"}`)
	}
}

// BenchmarkSendReceiveDeleteEngine is the same round on the engine alone.
func BenchmarkSendReceiveDeleteEngine(b *testing.B) {
	q, err := queue.New(queue.Config[string]{Name: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	in := queue.SendInput[string]{Body: "a message of some 40 bytes, give or take", Attributes: map[string]queue.Attribute{"kind": {DataType: "String", StringValue: "order"}}}
	opts := queue.ReceiveOptions{MaxMessages: 1, WaitTime: queue.Seconds(0), AttributeNames: []string{"All"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Send(in); err != nil {
			b.Fatal(err)
		}
		msgs, err := q.Receive(b.Context(), opts)
		if err != nil || len(msgs) != 1 {
			b.Fatal(err)
		}
		if err := q.Delete(msgs[0].ReceiptHandle); err != nil {
			b.Fatal(err)
		}
	}
}
