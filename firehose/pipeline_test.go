package firehose_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/stream"
)

// A delivery stream delivers to an HTTP endpoint in Firehose's format, no
// more than 10,000 records a request, and what the endpoint keeps
// refusing goes to the backup's error output.
func TestHTTPEndpointDelivery(t *testing.T) {
	var mu sync.Mutex
	var counts []int
	refuse := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			RequestID string `json:"requestId"`
			Records   []struct {
				Data []byte `json:"data"`
			} `json:"records"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		defer mu.Unlock()
		if refuse {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		counts = append(counts, len(body.Records))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"requestId":%q,"timestamp":%d}`, body.RequestID, time.Now().UnixMilli())
	}))
	defer srv.Close()
	backup := &firehose.MemoryStore{}
	ds := newStream(t, firehose.Config{
		Name:          "http",
		HTTPEndpoint:  &firehose.HTTPEndpoint{URL: srv.URL},
		Backup:        &firehose.S3Destination{Store: backup, ErrorOutputPrefix: "failed/!{firehose:error-output-type}/", Prefix: "b/"},
		RetryDuration: firehose.Duration(0),
	})
	for i := 0; i < 10001; i += 500 {
		batch := make([][]byte, min(500, 10001-i))
		for j := range batch {
			batch[j] = []byte(strconv.Itoa(i + j))
		}
		if _, err := ds.PutBatch(batch); err != nil {
			t.Fatal(err)
		}
	}
	if err := ds.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(counts) != 2 || counts[0] != 10000 || counts[1] != 1 {
		t.Fatalf("requests held %v records", counts)
	}
	refuse = true
	mu.Unlock()
	ds.Put([]byte("refused"))
	ds.Flush(context.Background())
	lines := errorLines(t, backup, "failed/http-endpoint-failed/")
	if len(lines) != 1 || rawData(t, lines[0]) != "refused" || lines[0]["errorCode"] != "HttpEndpoint.DestinationException" {
		t.Fatalf("error output %v", lines)
	}
}

// A delivery stream that reads a stream takes what is put to the stream
// after it was made — not before — with the stream's arrival times, and
// refuses puts of its own.
func TestStreamSource(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, err := stream.New[[]byte](stream.Config{Name: "clicks", ShardCount: 2})
		if err != nil {
			t.Fatal(err)
		}
		s.Put(stream.PutInput[[]byte]{PartitionKey: "early", Data: []byte("before")})
		time.Sleep(time.Millisecond)
		dest := &recorder{}
		ds, err := firehose.New(firehose.Config{Name: "from-stream", Source: firehose.FromStream(s, nil), Destination: dest, AppendDelimiter: true})
		if err != nil {
			t.Fatal(err)
		}
		if d := ds.Describe(); d.DeliveryStreamType != "KinesisStreamAsSource" || d.SourceStreamARN != s.ARN() {
			t.Fatalf("description %+v", d)
		}
		if _, err := ds.Put([]byte("x")); !errors.Is(err, firehose.ErrInvalidArgument) {
			t.Fatalf("Put: %v", err)
		}
		want := map[string]bool{}
		for i := range 20 {
			v := "after-" + strconv.Itoa(i)
			want[v+"\n"] = true
			s.Put(stream.PutInput[[]byte]{PartitionKey: strconv.Itoa(i), Data: []byte(v)})
		}
		synctest.Wait()
		if err := ds.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, batch := range dest.records {
			for _, r := range batch {
				got[string(r.Data)] = true
			}
		}
		if len(got) != len(want) {
			t.Fatalf("delivered %v, want %v", got, want)
		}
		for v := range want {
			if !got[v] {
				t.Fatalf("%q not delivered; got %v", v, got)
			}
		}
	})
}

// Many producers putting at once, with small buffers sealing all the
// time: every record taken is delivered once, and each producer's records
// arrive in the order it put them.
func TestConcurrentPutsLoseNothing(t *testing.T) {
	dest := &recorder{}
	ds := newStream(t, firehose.Config{Name: "stress", Buffering: hints(1, 1), AppendDelimiter: true, Destination: dest})
	const producers, each = 8, 2000
	var wg sync.WaitGroup
	for p := range producers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i += 10 {
				batch := make([][]byte, 10)
				for j := range batch {
					batch[j] = fmt.Appendf(nil, "%d:%d:%0200d", p, i+j, 0)
				}
				if _, err := ds.PutBatch(batch); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := ds.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	next := make([]int, producers)
	seen := 0
	for _, batch := range dest.records {
		for _, r := range batch {
			var p, i int
			fmt.Sscanf(string(r.Data), "%d:%d:", &p, &i)
			if i != next[p] {
				t.Fatalf("producer %d: record %d delivered after %d", p, i, next[p]-1)
			}
			next[p]++
			seen++
		}
	}
	if seen != producers*each {
		t.Fatalf("delivered %d records, want %d", seen, producers*each)
	}
	if s := ds.Stats(); s.DeliveredRecords != producers*each || s.IncomingRecords != producers*each {
		t.Fatalf("stats %+v", s)
	}
}
