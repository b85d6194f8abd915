package eventbus_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

func TestArchiveAndReplay(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{Name: "orders"}, eventbus.WithClock(clk))
	var live, other recorder
	arn := putRule(t, b, eventbus.RuleConfig{Name: "placed", EventPattern: `{"detail-type":["Order Placed"]}`}, eventbus.Target{ID: "t", Destination: live.dest()})
	putRule(t, b, eventbus.RuleConfig{Name: "other", EventPattern: `{"source":["com.example.orders"]}`}, eventbus.Target{ID: "t", Destination: other.dest()})
	archiveARN, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "placed-orders", EventPattern: `{"detail":{"keep":[true]}}`})
	if err != nil {
		t.Fatal(err)
	}
	if archiveARN != "arn:aws:events:us-east-1:123456789012:archive/placed-orders" {
		t.Errorf("archive ARN %s", archiveARN)
	}
	for i := range 6 {
		put(t, b, order(fmt.Sprintf(`{"n":%d,"keep":%t}`, i, i%3 != 2)))
		clk.Advance(time.Minute)
	}
	flush(t, b)
	d, err := b.DescribeArchive("placed-orders")
	if err != nil {
		t.Fatal(err)
	}
	if d.EventCount != 4 || d.SizeBytes == 0 || d.EventSourceARN != b.ARN() || d.State != eventbus.ArchiveEnabled {
		t.Fatalf("archive = %+v, want the 4 events the pattern keeps", d)
	}

	// Replay minutes 1 to 4 (events 1, 3) to the "placed" rule only.
	replayARN, err := b.StartReplay(eventbus.ReplayConfig{Name: "again", Archive: archiveARN,
		EventStartTime: start.Add(time.Minute), EventEndTime: start.Add(4 * time.Minute), FilterRules: []string{arn}})
	if err != nil {
		t.Fatal(err)
	}
	flush(t, b)
	rd, err := b.DescribeReplay("again")
	if err != nil {
		t.Fatal(err)
	}
	if rd.ARN != replayARN || rd.State != eventbus.ReplayCompleted || !rd.EventLastReplayedTime.Equal(start.Add(3*time.Minute)) || rd.ReplayEndTime.IsZero() {
		t.Errorf("replay = %+v", rd)
	}
	got := live.deliveries()[6:]
	if len(got) != 2 {
		t.Fatalf("the rule got %d replayed events, want 2", len(got))
	}
	for i, n := range []int{1, 3} {
		if got[i].Event.ReplayName != "again" || !strings.Contains(string(got[i].Input), fmt.Sprintf(`"detail":{"n":%d,"keep":true},"replay-name":"again"}`, n)) {
			t.Errorf("replayed %s", got[i].Input)
		}
	}
	if n := len(other.deliveries()); n != 6 {
		t.Errorf("the filtered-out rule got %d events, want only the 6 live ones", n)
	}
	if d, _ := b.DescribeArchive("placed-orders"); d.EventCount != 4 {
		t.Errorf("replayed events were archived again: %d events", d.EventCount)
	}
}

func TestArchiveRetention(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "a", RetentionDays: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "forever"}); err != nil {
		t.Fatal(err)
	}
	put(t, b, order(`{}`))
	clk.Advance(36 * time.Hour)
	put(t, b, order(`{}`))
	clk.Advance(13 * time.Hour) // the first is 49 hours old
	if d, _ := b.DescribeArchive("a"); d.EventCount != 1 {
		t.Errorf("2-day archive holds %d events, want 1", d.EventCount)
	}
	if d, _ := b.DescribeArchive("forever"); d.EventCount != 2 {
		t.Errorf("archive without retention holds %d events, want 2", d.EventCount)
	}
	names := []string{}
	for _, a := range b.ListArchives("") {
		names = append(names, a.Name)
	}
	if fmt.Sprint(names) != "[a forever]" {
		t.Errorf("ListArchives = %v", names)
	}
	if err := b.UpdateArchive(eventbus.ArchiveConfig{Name: "a", EventPattern: `{"source":["nobody"]}`}); err != nil {
		t.Fatal(err)
	}
	put(t, b, order(`{}`)) // the new pattern refuses it
	clk.Advance(30 * 24 * time.Hour)
	if d, _ := b.DescribeArchive("a"); d.EventCount != 1 || d.RetentionDays != 0 {
		t.Errorf("after update archive = %+v", d)
	}
	if err := b.DeleteArchive("a"); err != nil {
		t.Fatal(err)
	}
	_, err := b.DescribeArchive("a")
	wantCode(t, err, eventbus.ErrResourceNotFound, "Archive a does not exist.")
}

func TestArchiveAndReplayValidation(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	_, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "bad name"})
	wantCode(t, err, eventbus.ErrValidation, "at 'archiveName' failed to satisfy constraint")
	_, err = b.CreateArchive(eventbus.ArchiveConfig{Name: "a", RetentionDays: -1})
	wantCode(t, err, eventbus.ErrValidation, "Member must have value greater than or equal to 0")
	_, err = b.CreateArchive(eventbus.ArchiveConfig{Name: "a", EventPattern: `[]`})
	wantCode(t, err, eventbus.ErrInvalidEventPattern, "Event pattern is not valid. Reason: ")
	if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	_, err = b.CreateArchive(eventbus.ArchiveConfig{Name: "a"})
	wantCode(t, err, eventbus.ErrResourceAlreadyExists, "Archive a already exists.")

	clk.Advance(time.Hour)
	ok := eventbus.ReplayConfig{Name: "r", Archive: "a", EventStartTime: start, EventEndTime: start.Add(time.Minute)}
	for _, tt := range []struct {
		edit     func(*eventbus.ReplayConfig)
		sentinel *eventbus.Error
		msg      string
	}{
		{func(c *eventbus.ReplayConfig) { c.Archive = "missing" }, eventbus.ErrValidation, "Parameter EventSourceArn is not valid. Reason: Archive missing does not exist."},
		{func(c *eventbus.ReplayConfig) { c.EventEndTime = c.EventStartTime }, eventbus.ErrValidation, "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime."},
		{func(c *eventbus.ReplayConfig) { c.EventEndTime = start.Add(2 * time.Hour) }, eventbus.ErrValidation, "Parameter EventEndTime is not valid. Reason: EventEndTime cannot be in the future."},
		{func(c *eventbus.ReplayConfig) { c.Name = "" }, eventbus.ErrValidation, "at 'replayName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
	} {
		cfg := ok
		tt.edit(&cfg)
		_, err := b.StartReplay(cfg)
		wantCode(t, err, tt.sentinel, tt.msg)
	}
	if _, err := b.StartReplay(ok); err != nil {
		t.Fatal(err)
	}
	_, err = b.StartReplay(ok)
	wantCode(t, err, eventbus.ErrResourceAlreadyExists, "Replay r already exists.")
	flush(t, b)
	wantCode(t, b.CancelReplay("r"), eventbus.ErrIllegalStatus, "")
	wantCode(t, b.CancelReplay("nope"), eventbus.ErrResourceNotFound, "Replay nope does not exist.")
}

// TestCancelReplay cancels a replay while its first event is with a
// target: no later event is replayed.
func TestCancelReplay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBus(t, eventbus.Config{})
		if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "a"}); err != nil {
			t.Fatal(err)
		}
		release := make(chan struct{})
		var rec recorder
		gate := eventbus.Func(func(ctx context.Context, d eventbus.Delivery) error {
			if d.Event.ReplayName != "" {
				<-release
			}
			return rec.dest()(ctx, d)
		})
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`}, eventbus.Target{ID: "t", Destination: gate})
		from := time.Now()
		for i := range 5 {
			put(t, b, order(fmt.Sprintf(`{"n":%d}`, i)))
		}
		time.Sleep(time.Second)
		if _, err := b.StartReplay(eventbus.ReplayConfig{Name: "rp", Archive: "a", EventStartTime: from, EventEndTime: time.Now()}); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if d, _ := b.DescribeReplay("rp"); d.State != eventbus.ReplayRunning {
			t.Fatalf("state %s while an event is with the target, want RUNNING", d.State)
		}
		if err := b.CancelReplay("rp"); err != nil {
			t.Fatal(err)
		}
		if d, _ := b.DescribeReplay("rp"); d.State != eventbus.ReplayCancelling {
			t.Errorf("state %s after CancelReplay, want CANCELLING", d.State)
		}
		close(release)
		flush(t, b)
		if d, _ := b.DescribeReplay("rp"); d.State != eventbus.ReplayCancelled {
			t.Errorf("state %s, want CANCELLED", d.State)
		}
		replayed := 0
		for _, d := range rec.deliveries() {
			if d.Event.ReplayName == "rp" {
				replayed++
			}
		}
		if replayed != 1 {
			t.Errorf("%d events replayed, want only the one under way", replayed)
		}
	})
}
