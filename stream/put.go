package stream

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/awserr"
)

// PutInput is one record for [Stream.Put], as PutRecord takes it.
type PutInput[T any] struct {
	// PartitionKey is 1–256 characters. Its MD5 picks the shard, unless
	// ExplicitHashKey is set. The stream stores a copy of it, never the
	// caller's string, so that a key cut from a larger string does not
	// keep that string alive.
	PartitionKey string
	// Data is the record's data. It is stored as it is, not copied: do not
	// modify a []byte after putting it.
	Data T
	// ExplicitHashKey, when not empty, is the decimal hash key to route by
	// instead of the partition key's MD5.
	ExplicitHashKey string
	// SequenceNumberForOrdering, when not empty, must be a sequence number
	// the stream could have issued. The stream keeps every shard in put
	// order anyway, so beyond that check it changes nothing.
	SequenceNumberForOrdering string
}

// PutResult says where [Stream.Put] stored a record.
type PutResult struct {
	ShardID        string
	SequenceNumber SequenceNumber
}

// PutEntry is one record of a [Stream.PutBatch], as PutRecords takes it.
// Its fields are those of [PutInput].
type PutEntry[T any] struct {
	PartitionKey    string
	Data            T
	ExplicitHashKey string
}

// PutBatchResult is [Stream.PutBatch]'s answer: one entry per record, in
// the order of the request.
type PutBatchResult struct {
	// FailedRecordCount is the number of entries with an ErrorCode.
	FailedRecordCount int
	Records           []PutBatchEntryResult
}

// PutBatchEntryResult is the fate of one record of a batch: stored
// (ShardID and SequenceNumber) or refused (ErrorCode and ErrorMessage).
// The only code is "ProvisionedThroughputExceededException", and only with
// [WithThroughputLimits].
type PutBatchEntryResult struct {
	ShardID        string
	SequenceNumber SequenceNumber
	ErrorCode      string
	ErrorMessage   string
}

// prepared is what a record needs to be stored, worked out before the
// stream's lock is taken.
type prepared struct {
	key          HashKey
	partitionKey string // the copy of the key to store (see keyCache)
	size         int
	explicit     bool // key is the record's explicit hash key
	// outOfRange marks an explicit hash key that matches the model's
	// pattern but is above 2^128−1, which the service rejects after the
	// model's checks.
	outOfRange bool
}

// Put stores one record, as PutRecord does, in the open shard whose hash
// key range holds the record's hash key, and returns the shard and the
// record's sequence number.
//
// An invalid record fails with [ErrValidation] (partition key length, data
// size against MaxRecordSizeInKiB, hash key or sequence number syntax) or,
// only when those checks pass, with [ErrInvalidArgument] (data that JSON
// cannot encode to size it, hash key out of range, sequence number not
// one the stream could issue); a shard over its write rate fails with
// [ErrProvisionedThroughputExceeded]. On any error nothing is stored.
func (s *Stream[T]) Put(in PutInput[T]) (PutResult, error) {
	var vs violations
	p, sizeErr := s.prepare(&vs, -1, in.PartitionKey, &in.Data, in.ExplicitHashKey)
	if in.SequenceNumberForOrdering != "" && !isDecimal(in.SequenceNumberForOrdering, maxSeqDigits) {
		vs.AddString(in.SequenceNumberForOrdering, "sequenceNumberForOrdering", awserr.Pattern(seqPattern))
	}
	// The model's violations come first, as on AWS; then what the service
	// itself refuses.
	if err := vs.Err(ErrValidation); err != nil {
		return PutResult{}, err
	}
	if sizeErr != nil {
		return PutResult{}, sizeErr
	}
	if p.outOfRange {
		return PutResult{}, hashKeyOutOfRange(in.ExplicitHashKey)
	}
	if in.SequenceNumberForOrdering != "" {
		if _, _, valid := parseSequenceNumber(in.SequenceNumberForOrdering); !valid {
			return PutResult{}, ErrInvalidArgument.Errorf("ExclusiveMinimumSequenceNumber %s used in PutRecord on stream %s under account %s is invalid.",
				in.SequenceNumberForOrdering, s.name, s.opts.account)
		}
	}
	one := [1]prepared{p}
	s.keys.hashKeys(one[:], func(int) string { return in.PartitionKey })
	p = one[0]
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return PutResult{}, err
	}
	sh := s.routeLocked(p.key)
	if err := s.refuseLocked("PutRecord", sh, &p, 0, now); err != nil {
		return PutResult{}, err
	}
	return PutResult{ShardID: sh.id, SequenceNumber: s.appendLocked(sh, in.Data, p.partitionKey, p.size, now)}, nil
}

// PutBatch stores records, as PutRecords does: each in the open shard
// whose hash key range holds its hash key. The answer has one entry per
// record, in request order; records bound for the same shard are stored in
// request order, and that is the only order PutRecords promises.
//
// A request that breaks a rule fails as a whole and stores nothing: no
// records or more than 500 ([WithPutBatchLimits]), or an invalid record,
// give [ErrValidation]; then, data that JSON cannot encode to size it,
// more than 10 MiB in all, or an explicit hash key out of range give
// [ErrInvalidArgument]. With [WithThroughputLimits], a
// record over its shard's write rate is not stored and its entry carries
// ProvisionedThroughputExceededException; the others are stored. So is a
// record that a [WithFaults] hook fails.
func (s *Stream[T]) PutBatch(entries []PutEntry[T]) (PutBatchResult, error) {
	return s.AppendPutBatch(nil, entries)
}

// AppendPutBatch is [Stream.PutBatch] that appends the per-record results
// to dst: the answer's Records is dst extended by one entry per record. On
// an error it returns dst unchanged. A producer that passes the same slice
// each time, dst[:0], makes no garbage beyond the records it stores.
func (s *Stream[T]) AppendPutBatch(dst []PutBatchEntryResult, entries []PutEntry[T]) (PutBatchResult, error) {
	// A full-size batch is prepared on the stack.
	var buf [DefaultPutBatchRecords]prepared
	preps := buf[:0]
	if len(entries) > len(buf) {
		preps = make([]prepared, 0, len(entries))
	}
	preps, err := s.prepareBatch(entries, preps)
	if err != nil {
		return PutBatchResult{Records: dst}, err
	}
	out := PutBatchResult{Records: slices.Grow(dst, len(entries))[:len(dst)+len(entries)]}
	results := out.Records[len(dst):]
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return PutBatchResult{Records: dst}, err
	}
	for i := range entries {
		p, r := &preps[i], &results[i]
		sh := s.routeLocked(p.key)
		if err := s.refuseLocked("PutRecords", sh, p, i, now); err != nil {
			*r = PutBatchEntryResult{ErrorCode: err.Code, ErrorMessage: err.Message}
			out.FailedRecordCount++
			continue
		}
		*r = PutBatchEntryResult{ShardID: sh.id, SequenceNumber: s.appendLocked(sh, entries[i].Data, p.partitionKey, p.size, now)}
	}
	return out, nil
}

// prepareBatch validates a PutRecords request and appends each record's
// hash key and size to preps.
func (s *Stream[T]) prepareBatch(entries []PutEntry[T], preps []prepared) ([]prepared, error) {
	var vs violations
	switch {
	case len(entries) == 0:
		vs.AddString("[]", "records", awserr.LengthAtLeast(1))
	case len(entries) > s.opts.putRecords:
		vs.Add("", "records", awserr.LengthAtMost(s.opts.putRecords))
	}
	total := 0
	var sizeErr error // the first record whose data could not be sized
	for i := range entries {
		e := &entries[i]
		p, err := s.prepare(&vs, i, e.PartitionKey, &e.Data, e.ExplicitHashKey)
		if err != nil && sizeErr == nil {
			sizeErr = err
		}
		preps = append(preps, p)
		total += p.size // at most a record over the limit each: no overflow
	}
	// The model's violations come first, as on AWS; then what the service
	// itself refuses.
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	if sizeErr != nil {
		return nil, sizeErr
	}
	if total > s.opts.putBytes {
		return nil, ErrInvalidArgument.Errorf("Records size exceeds %s limit", byteSize(s.opts.putBytes))
	}
	for i := range preps {
		if preps[i].outOfRange {
			return nil, hashKeyOutOfRange(entries[i].ExplicitHashKey)
		}
	}
	s.keys.hashKeys(preps, func(i int) string { return entries[i].PartitionKey })
	return preps, nil
}

// byteSize writes a request size limit as AWS's message does, "10 MB"
// for 10 MiB, in the largest unit that divides it exactly.
func byteSize(n int) string {
	switch {
	case n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MB"
	case n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KB"
	}
	return strconv.Itoa(n) + " bytes"
}

// prepare checks one record against the model's constraints, recording
// what it breaks in vs, and works out its size and any explicit hash key.
// entry is the record's place in a PutRecords request, or -1 for
// PutRecord. Only sizing data that JSON cannot encode returns an error;
// the caller reports it after the violations in vs, and the record's size
// is then zero.
//
// A size a sizer gives is clamped before the partition key is added: a
// negative one counts as zero, and one above the stream's record limit
// as one byte over it, so that the record is refused as too large, as
// data of that size would be, and no sum overflows.
func (s *Stream[T]) prepare(vs *violations, entry int, partitionKey string, data *T, explicit string) (prepared, error) {
	var p prepared
	if n := len(partitionKey); n < 1 || n > MaxPartitionKeyLength && utf8.RuneCountInString(partitionKey) > MaxPartitionKeyLength {
		c := awserr.LengthAtLeast(1)
		if n > 0 {
			c = awserr.LengthAtMost(MaxPartitionKeyLength)
		}
		vs.AddString(partitionKey, memberPath(entry, "partitionKey"), c)
	}
	if explicit != "" {
		// Copied, as the key cache copies the keys it hashes (keycache.go).
		p.explicit, p.partitionKey = true, strings.Clone(partitionKey)
		if isDecimal(explicit, maxHashKeyDigits) {
			var ok bool
			p.key, ok = ParseHashKey(explicit)
			p.outOfRange = !ok // rejected after the model's checks
		} else {
			vs.AddString(explicit, memberPath(entry, "explicitHashKey"), awserr.Pattern(hashKeyPattern))
		}
	} // otherwise hashed once the request is known to be valid
	size, err := s.sizer.size(data)
	if err != nil {
		return p, err
	}
	p.size = min(max(size, 0), s.maxRecordSize+1) + len(partitionKey)
	if p.size > s.maxRecordSize {
		// AWS names the data in the message, though the limit counts the
		// partition key too.
		vs.Add("", memberPath(entry, "data"), awserr.LengthAtMost(s.maxRecordSize))
	}
	return p, nil
}

// memberPath names a record's field in a validation message: "data" in
// PutRecord, "records.3.member.data" for the third record of PutRecords.
func memberPath(entry int, field string) string {
	if entry < 0 {
		return field
	}
	return "records." + strconv.Itoa(entry+1) + ".member." + field
}

func hashKeyOutOfRange(explicit string) error {
	return ErrInvalidArgument.Errorf("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was %s", explicit)
}

// routeLocked returns the open shard whose range holds k. The open shards
// tile the hash key space, sorted by starting hash key, so it is the last
// one starting at or before k.
func (s *Stream[T]) routeLocked(k HashKey) *shard[T] {
	lo, hi := 0, len(s.open)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if s.open[mid].start.Compare(k) <= 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return s.open[lo]
}

// refuseLocked returns why shard sh does not take record p (the index-th
// of an op call) at now: the fault a [WithFaults] hook injects, then its
// write rate limit, if it has one. Nil means it takes the record; only
// then is the rate spent.
func (s *Stream[T]) refuseLocked(op string, sh *shard[T], p *prepared, index int, now int64) *Error {
	if err := s.faultLocked(op, sh, p.partitionKey, index); err != nil {
		return err
	}
	if sh.limits != nil && !sh.limits.write.admit(p.size, now) {
		return s.throttled(sh)
	}
	return nil
}

// appendLocked stores a record in sh, wakes the shard's waiting readers,
// and returns the record's sequence number. Arrival times never go back
// within a shard, even if the clock does. Every chunk of records, it also
// frees what has expired.
func (s *Stream[T]) appendLocked(sh *shard[T], data T, key string, size int, now int64) SequenceNumber {
	arrival := max(now/1e6-s.epochMs, sh.arrived)
	sh.arrived = arrival
	if sh.log.n%chunkSize == 0 {
		// A new chunk: free what has expired, here and elsewhere.
		s.expireLocked(sh, now)
		s.sweepLocked(now)
	}
	i := sh.log.n
	sh.log.append(newEntry(data, key, arrival, size))
	sh.notify()
	return sh.sequenceNumber(i, arrival, s.epochMs)
}

// throttled is the error of a call or record over sh's rate limit.
func (s *Stream[T]) throttled(sh *shard[T]) *Error {
	return ErrProvisionedThroughputExceeded.WithMessage("Rate exceeded for shard " + sh.id + " in stream " + s.name + " under account " + s.opts.account + ".")
}
