package firehose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DirStore is an [ObjectStore] that keeps each object as a file under a
// root directory, the way a person would browse a bucket: the object
// "2024/01/02/03/s-1-…" is the file root/2024/01/02/03/s-1-…, and the
// slashes of a key make directories.
//
// Each object is written to a temporary file in its final directory (named
// ".<name>.tmp-<random>") and then renamed into place, so a reader sees
// either the old object or the whole new one, never part of one. Writes are
// not synced to disk: a machine crash can lose recent objects.
//
// Keys that cannot be a path under the root are refused with an error:
// empty keys, absolute ones, and keys with an empty, "." or ".." segment,
// a backslash or a NUL byte (refused on every platform, so that a key means
// the same file everywhere). S3 allows such keys; Firehose's own keys never
// need them.
//
// A DirStore is safe for concurrent use, also by several processes; of two
// writes to one key, the later rename wins.
type DirStore struct {
	root string
}

var _ ObjectStore = (*DirStore)(nil)

// NewDirStore returns a store keeping objects under root, which it creates
// (with its parents) if it does not exist. A relative root is made absolute
// now, so that a later change of working directory does not move the store.
func NewDirStore(root string) (*DirStore, error) {
	if root == "" {
		return nil, fmt.Errorf("directory store: root is empty")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("directory store: %w", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("directory store: %w", err)
	}
	return &DirStore{root: abs}, nil
}

// Root returns the absolute path of the store's root directory.
func (s *DirStore) Root() string { return s.root }

// PutObject writes body to the file for key, creating its directories and
// replacing an existing object. It fails, leaving no file behind, when key
// is refused (see [DirStore]), when ctx is already done, or when the file
// system fails.
func (s *DirStore) PutObject(ctx context.Context, key string, body []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkKeyPath(key); err != nil {
		return err
	}
	path := filepath.Join(s.root, filepath.FromSlash(key))
	dir, name := filepath.Split(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("object %q: %w", key, err)
	}
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("object %q: %w", key, err)
	}
	tmpName := tmp.Name()
	_, err = tmp.Write(body)
	if err == nil {
		// CreateTemp makes the file 0600; objects are plain files others read.
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmpName, path)
	}
	if err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("object %q: %w", key, err)
	}
	return nil
}

// checkKeyPath refuses a key that would not name a file inside the root.
func checkKeyPath(key string) error {
	if key == "" {
		return fmt.Errorf("object key is empty")
	}
	if strings.ContainsAny(key, "\\\x00") {
		return fmt.Errorf("object key %q: a directory store refuses backslashes and NUL bytes", key)
	}
	for seg := range strings.SplitSeq(key, "/") {
		switch seg {
		case "", ".", "..":
			return fmt.Errorf("object key %q: a directory store refuses empty, \".\" and \"..\" segments and leading or trailing slashes", key)
		}
	}
	// What is left can still be a drive or a reserved name on Windows.
	if !filepath.IsLocal(filepath.FromSlash(key)) {
		return fmt.Errorf("object key %q is not a path inside the store", key)
	}
	return nil
}
