package stream

// IncreaseStreamRetentionPeriod raises how long records stay readable, to
// hours (24–8760), as IncreaseStreamRetentionPeriod does. Records already
// past the old period stay gone. A period out of range, or shorter than
// the current one, fails with [ErrInvalidArgument]; a stream that is not
// ACTIVE with [ErrResourceInUse]. On error nothing changes.
func (s *Stream[T]) IncreaseStreamRetentionPeriod(hours int) error {
	return s.setRetention(hours, true)
}

// DecreaseStreamRetentionPeriod lowers how long records stay readable, to
// hours (24–8760), as DecreaseStreamRetentionPeriod does: records older
// than the new period become unreadable at once. A period out of range, or
// longer than the current one, fails with [ErrInvalidArgument]; a stream
// that is not ACTIVE with [ErrResourceInUse]. On error nothing changes.
func (s *Stream[T]) DecreaseStreamRetentionPeriod(hours int) error {
	return s.setRetention(hours, false)
}

func (s *Stream[T]) setRetention(hours int, increase bool) error {
	if err := checkRetention(hours); err != nil {
		return err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.activeLocked(now); err != nil {
		return err
	}
	cur := s.retentionHours
	switch {
	case increase && hours < cur:
		return ErrInvalidArgument.Errorf("Requested retention period (%d hours) for stream %s can not be shorter than existing retention period (%d hours). Use DecreaseRetentionPeriod API.", hours, s.name, cur)
	case !increase && hours > cur:
		return ErrInvalidArgument.Errorf("Requested retention period (%d hours) for stream %s can not be longer than existing retention period (%d hours). Use IncreaseRetentionPeriod API.", hours, s.name, cur)
	}
	if increase {
		// Expire under the old period first: a longer one must not bring
		// back records that were already past the old one.
		s.expireAllLocked(now)
	}
	s.retentionHours = hours
	s.expireAllLocked(now)
	return nil
}

// expireAllLocked brings every shard up to date with retention at now.
func (s *Stream[T]) expireAllLocked(now int64) {
	for _, sh := range s.shards {
		s.expireLocked(sh, now)
	}
}
