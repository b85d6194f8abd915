package firehose

// Stats counts what a delivery stream did with its records, as its
// CloudWatch metrics do. Every record taken ends up delivered, dropped
// or failed (or is still buffered); a failed record is kept in the error
// output unless it is also counted lost.
type Stats struct {
	// IncomingRecords and IncomingBytes count the records taken.
	IncomingRecords int64
	IncomingBytes   int64
	// DeliveredRecords and DeliveredBytes count what the destination
	// took (bytes before compression, with delimiters); Deliveries counts
	// its successful calls: objects written, requests answered.
	DeliveredRecords int64
	DeliveredBytes   int64
	Deliveries       int64
	// Retries counts destination calls that failed and were tried again.
	Retries int64
	// DroppedRecords counts records the processor dropped.
	DroppedRecords int64
	// FailedRecords counts records sent to the error output: failed
	// processing or partitioning, or not delivered within the retry
	// duration.
	FailedRecords int64
	// LostRecords counts failed records that were not kept either: no
	// error output, the error output failed too, or Close gave up.
	LostRecords int64
	// BackedUpRecords counts source records written to the backup.
	BackedUpRecords int64
}

// Stats returns the delivery stream's counters.
func (ds *DeliveryStream) Stats() Stats {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	return ds.stats
}
