package firehose

import "context"

// ObjectStore is a bucket as a delivery stream writes to it: the S3-style
// destination puts each delivered object, and every error output, under
// its key. [DirStore] keeps objects as files a person can open;
// [MemoryStore] keeps them in memory for tests.
type ObjectStore interface {
	// PutObject stores body under key, replacing what was there. The
	// store may keep body: the delivery stream does not reuse it.
	PutObject(ctx context.Context, key string, body []byte) error
}
