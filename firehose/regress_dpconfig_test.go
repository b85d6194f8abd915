package firehose_test

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/firehose"
)

// A Prefix that reads a key no record can ever have — a Lambda key with no
// processor, or a query key the Query does not define — is accepted by New,
// and then every record is silently lost (counted FailedRecords and
// LostRecords, nothing written, not even to the error prefix).
func TestPrefixKeysNoRecordCanHave(t *testing.T) {
	cases := map[string]firehose.Config{
		"lambda key, no processor": {Name: "a", Buffering: hints(64, 60),
			DynamicPartitioning: &firehose.DynamicPartitioning{Query: map[string]string{"k": ".k"}},
			S3:                  &firehose.S3Destination{Prefix: "x=!{partitionKeyFromLambda:k}/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"}},
		"query key not in Query": {Name: "b", Buffering: hints(64, 60),
			DynamicPartitioning: &firehose.DynamicPartitioning{Query: map[string]string{"k": ".k"}},
			S3:                  &firehose.S3Destination{Prefix: "x=!{partitionKeyFromQuery:other}/", ErrorOutputPrefix: "err/!{firehose:error-output-type}/"}},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := &firehose.MemoryStore{}
				cfg.S3.Store = store
				ds, err := firehose.New(cfg)
				if err != nil {
					return // refused at creation: fine
				}
				ds.Put([]byte(`{"k":"v"}`))
				ds.Close(context.Background())
				if s := ds.Stats(); s.DeliveredRecords == 0 && len(errorRaw(t, store, "err/")) == 0 {
					t.Errorf("New accepted the config, and the record vanished: keys %q, stats %+v", store.Keys(), s)
				}
			})
		})
	}
}
