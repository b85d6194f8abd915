package firehose_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/firehose"
)

func okProc() firehose.Processor {
	return firehose.ProcessorFunc(func(_ context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
		var out firehose.ProcessorOutput
		for _, r := range in.Records {
			out.Records = append(out.Records, firehose.ProcessedRecord{RecordID: r.RecordID, Result: firehose.Ok, Data: append([]byte("P"), r.Data...),
				PartitionKeys: map[string]string{"w": strings.SplitN(string(r.Data), "-", 2)[0]}})
		}
		time.Sleep(50 * time.Millisecond)
		return out, nil
	})
}

// Many producers, concurrent Flushes, then Close: every accepted record is
// delivered exactly once, and in order per producer (one partition / the
// producer's partition), when the destination never fails.
func TestConcurrentExactlyOnce(t *testing.T) {
	for _, mode := range []string{"plain", "processor", "zero", "dp", "dp+processor"} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := firehose.Config{Name: "stress", Buffering: hints(1, 5), AppendDelimiter: true}
				dest := &rec{}
				store := &firehose.MemoryStore{}
				ordered := logStore(store)
				switch mode {
				case "plain":
					cfg.Destination = dest
				case "processor":
					cfg.Destination = dest
					cfg.Processing = &firehose.Processing{Processor: okProc(), BufferSizeInMBs: 0.2}
				case "zero":
					cfg.Destination = dest
					cfg.Buffering = hints(1, 0)
				case "dp":
					cfg.Buffering = hints(64, 60)
					cfg.DynamicPartitioning = &firehose.DynamicPartitioning{QueryFunc: func(d []byte) (map[string]string, error) {
						return map[string]string{"w": strings.SplitN(string(d), "-", 2)[0]}, nil
					}}
					cfg.S3 = &firehose.S3Destination{Store: ordered, Prefix: "w=!{partitionKeyFromQuery:w}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/", CompressionFormat: firehose.GZIP}
				case "dp+processor":
					cfg.Buffering = hints(64, 60)
					cfg.Processing = &firehose.Processing{Processor: okProc(), BufferSizeInMBs: 0.2}
					cfg.DynamicPartitioning = &firehose.DynamicPartitioning{}
					cfg.S3 = &firehose.S3Destination{Store: ordered, Prefix: "w=!{partitionKeyFromLambda:w}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/"}
				}
				ds, err := firehose.New(cfg, firehose.WithSeed(3))
				if err != nil {
					t.Fatal(err)
				}
				const workers, per = 8, 300
				pad := strings.Repeat("x", 3000)
				var wg sync.WaitGroup
				var mu sync.Mutex
				accepted := map[string]bool{}
				for w := range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := 0; i < per; {
							if i%3 == 0 {
								d := fmt.Sprintf("w%d-%d-%s", w, i, pad)
								if _, err := ds.Put([]byte(d)); err != nil {
									t.Error(err)
								}
								mu.Lock()
								accepted[d] = true
								mu.Unlock()
								i++
							} else {
								var b [][]byte
								for j := 0; j < 7 && i < per; j++ {
									b = append(b, []byte(fmt.Sprintf("w%d-%d-%s", w, i, pad)))
									i++
								}
								if _, err := ds.PutBatch(b); err != nil {
									t.Error(err)
								}
								mu.Lock()
								for _, d := range b {
									accepted[string(d)] = true
								}
								mu.Unlock()
							}
							if i%50 == 0 {
								// records put before this Flush are delivered once it returns
								probe := fmt.Sprintf("w%d-%d-%s", w, i-1, pad)
								if err := ds.Flush(context.Background()); err != nil {
									t.Error(err)
								}
								if !delivered(t, mode, dest, store, probe) {
									t.Errorf("record %q.. put before Flush not delivered when Flush returned", probe[:12])
								}
							}
							time.Sleep(time.Duration(w+1) * 7 * time.Millisecond)
						}
					}()
				}
				wg.Wait()
				if err := ds.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				got := collect(t, mode, dest, store)
				count := map[string]int{}
				last := map[string]int{}
				for _, d := range got {
					count[d]++
					parts := strings.SplitN(d, "-", 3)
					n, _ := strconv.Atoi(parts[1])
					if p, ok := last[parts[0]]; ok && n <= p {
						t.Errorf("order: %s-%d after %d", parts[0], n, p)
					}
					last[parts[0]] = n
				}
				for d := range accepted {
					if count[d] != 1 {
						t.Errorf("record %s delivered %d times", d[:10], count[d])
					}
				}
				if len(got) != len(accepted) {
					t.Errorf("delivered %d, accepted %d", len(got), len(accepted))
				}
				s := ds.Stats()
				if s.IncomingRecords != int64(len(accepted)) || s.DeliveredRecords != int64(len(accepted)) || s.FailedRecords != 0 || s.LostRecords != 0 {
					t.Errorf("stats %+v", s)
				}
			})
		})
	}
}

func collect(t *testing.T, mode string, dest *rec, store *firehose.MemoryStore) []string {
	var lines []string
	if strings.HasPrefix(mode, "dp") {
		// one key per partition; order across objects of a partition follows the
		// object name's timestamp, but here we rely on store insertion being per
		// partition in delivery order, so sort keys stably by name.
		for _, k := range orderedKeys(store) {
			body, _ := store.Get(k)
			if strings.HasSuffix(k, ".gz") {
				body = gunzipBytes(t, body)
			}
			for _, l := range strings.Split(strings.TrimSuffix(string(body), "\n"), "\n") {
				lines = append(lines, strings.TrimPrefix(l, "P"))
			}
		}
		return lines
	}
	for _, r := range dest.records() {
		lines = append(lines, strings.TrimPrefix(strings.TrimSuffix(r, "\n"), "P"))
	}
	return lines
}

func delivered(t *testing.T, mode string, dest *rec, store *firehose.MemoryStore, probe string) bool {
	for _, d := range collect(t, mode, dest, store) {
		if d == probe {
			return true
		}
	}
	return false
}

var (
	orderMu sync.Mutex
	orders  = map[*firehose.MemoryStore][]string{}
)

// logStore wraps a MemoryStore and remembers the order of its puts.
func logStore(m *firehose.MemoryStore) firehose.ObjectStore {
	return storeFunc(func(ctx context.Context, key string, body []byte) error {
		if err := m.PutObject(ctx, key, body); err != nil {
			return err
		}
		orderMu.Lock()
		orders[m] = append(orders[m], key)
		orderMu.Unlock()
		return nil
	})
}

func orderedKeys(m *firehose.MemoryStore) []string {
	orderMu.Lock()
	defer orderMu.Unlock()
	return append([]string(nil), orders[m]...)
}
