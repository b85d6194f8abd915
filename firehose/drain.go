package firehose

// job is work for the drainer: a sealed buffer to process or deliver, or
// records that failed before they reached a buffer, for the error output.
type job struct {
	buf    *buffer
	failed *failedRecords
}

// records returns how many records the job holds.
func (j job) records() int64 {
	if j.failed != nil {
		return int64(len(j.failed.recs))
	}
	return int64(len(j.buf.recs))
}

// enqueueLocked queues j and starts the drainer if none runs. The
// drainer is the only goroutine that calls the processor, the destination
// and the error output, so it sees jobs in the order they were sealed.
func (ds *DeliveryStream) enqueueLocked(j job) {
	ds.jobs = append(ds.jobs, j)
	ds.queued++
	if !ds.draining {
		ds.draining = true
		ds.idle = make(chan struct{})
		go ds.drain()
	}
}

// drain runs jobs until there are none, then ends: an idle delivery
// stream has no goroutine. Once Close has given up, the jobs left are not
// run: their records count as lost.
func (ds *DeliveryStream) drain() {
	for {
		ds.mu.Lock()
		if len(ds.jobs) == 0 {
			ds.draining = false
			ds.jobs = nil
			close(ds.idle)
			ds.mu.Unlock()
			return
		}
		j := ds.jobs[0]
		ds.jobs[0] = job{}
		ds.jobs = ds.jobs[1:]
		ds.mu.Unlock()
		switch {
		case ds.ctx.Err() != nil:
			n := j.records()
			ds.count(func(s *Stats) { s.FailedRecords += n; s.LostRecords += n })
		case j.failed != nil:
			ds.writeErrors(j.failed)
		case j.buf.stage == processingStage:
			ds.process(j.buf)
		default:
			ds.deliver(j.buf)
		}
		ds.mu.Lock()
		ds.done++
		close(ds.progress)
		ds.progress = make(chan struct{})
		ds.mu.Unlock()
	}
}
