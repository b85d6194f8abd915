package stream_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// consumerARN is the ARN RegisterStreamConsumer gives a consumer of the
// test stream "s" registered at epoch+offset.
func consumerARN(name string, offset time.Duration) string {
	return "arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/" + name + ":" + strconv.FormatInt(epoch.Add(offset).Unix(), 10)
}

func mustRegister(t testing.TB, s *stream.Stream[string], name string) stream.Consumer {
	t.Helper()
	c, err := s.RegisterStreamConsumer(name)
	if err != nil {
		t.Fatalf("RegisterStreamConsumer(%q): %v", name, err)
	}
	return c
}

// sameConsumer reports whether a and b describe the same consumer the
// same way (times compared with Equal).
func sameConsumer(a, b stream.Consumer) bool {
	return a.ConsumerName == b.ConsumerName && a.ConsumerARN == b.ConsumerARN && a.ConsumerStatus == b.ConsumerStatus &&
		a.ConsumerCreationTimestamp.Equal(b.ConsumerCreationTimestamp) && a.StreamARN == b.StreamARN
}

func TestRegisterStreamConsumer(t *testing.T) {
	s, _ := newStream(t, 1)
	c := mustRegister(t, s, "app-1")
	want := stream.Consumer{
		ConsumerName:              "app-1",
		ConsumerARN:               consumerARN("app-1", 0),
		ConsumerStatus:            stream.ConsumerActive,
		ConsumerCreationTimestamp: epoch,
		StreamARN:                 s.ARN(),
	}
	if !sameConsumer(c, want) {
		t.Fatalf("RegisterStreamConsumer = %+v\nwant %+v", c, want)
	}
	for _, in := range []stream.ConsumerInput{{ConsumerName: "app-1"}, {ConsumerARN: c.ConsumerARN}, {ConsumerName: "app-1", ConsumerARN: c.ConsumerARN}} {
		got, err := s.DescribeStreamConsumer(in)
		if err != nil || !sameConsumer(got, want) {
			t.Fatalf("DescribeStreamConsumer(%+v) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	if sum, _ := s.Describe(); sum.ConsumerCount != 1 {
		t.Fatalf("ConsumerCount = %d, want 1", sum.ConsumerCount)
	}
}

func TestRegisterStreamConsumerErrors(t *testing.T) {
	const pat = "[a-zA-Z0-9_.-]+"
	long := strings.Repeat("a", 129)
	tests := []struct {
		name    string
		setup   func(t *testing.T) *stream.Stream[string]
		arg     string
		wantErr error
		msg     string
	}{
		{
			name: "empty name", arg: "", wantErr: stream.ErrValidation,
			msg: "2 validation errors detected: Value '' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pat +
				"; Value '' at 'consumerName' failed to satisfy constraint: Member must have length greater than or equal to 1",
		},
		{
			name: "bad character", arg: "my app", wantErr: stream.ErrValidation,
			msg: "1 validation error detected: Value 'my app' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pat,
		},
		{
			name: "too long", arg: long, wantErr: stream.ErrValidation,
			msg: "1 validation error detected: Value '" + long + "' at 'consumerName' failed to satisfy constraint: Member must have length less than or equal to 128",
		},
		{
			name: "name taken",
			setup: func(t *testing.T) *stream.Stream[string] {
				s, _ := newStream(t, 1)
				mustRegister(t, s, "app")
				return s
			},
			arg: "app", wantErr: stream.ErrResourceInUse,
			msg: "Consumer " + consumerARN("app", 0) + " under stream s under account 000000000000 already exists.",
		},
		{
			name: "20 consumers already",
			setup: func(t *testing.T) *stream.Stream[string] {
				s, _ := newStream(t, 1)
				for i := range stream.MaxStreamConsumers {
					mustRegister(t, s, fmt.Sprintf("app-%d", i))
				}
				return s
			},
			arg: "one-more", wantErr: stream.ErrLimitExceeded,
			msg: "Only 20 consumers can be registered to a stream at once. Stream s under account 000000000000 has 20.",
		},
		{
			name: "5 consumers creating",
			setup: func(t *testing.T) *stream.Stream[string] {
				s, clk := newStream(t, 1, stream.WithTransitionDelay(time.Second))
				clk.Advance(time.Second) // the stream is ACTIVE
				for i := range stream.MaxCreatingConsumers {
					mustRegister(t, s, fmt.Sprintf("app-%d", i))
				}
				return s
			},
			arg: "sixth", wantErr: stream.ErrLimitExceeded,
			msg: "Only 5 consumers can be in CREATING status at once. Stream s under account 000000000000 has 5.",
		},
		{
			name: "stream creating",
			setup: func(t *testing.T) *stream.Stream[string] {
				s, _ := newStream(t, 1, stream.WithTransitionDelay(time.Second))
				return s
			},
			arg: "app", wantErr: stream.ErrResourceInUse,
			msg: "Stream s under account 000000000000 not ACTIVE, instead in state CREATING",
		},
		{
			name: "stream deleted",
			setup: func(t *testing.T) *stream.Stream[string] {
				s, _ := newStream(t, 1)
				if err := s.Delete(); err != nil {
					t.Fatal(err)
				}
				return s
			},
			arg: "app", wantErr: stream.ErrResourceNotFound,
			msg: "Stream s under account 000000000000 not found.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s *stream.Stream[string]
			if tt.setup != nil {
				s = tt.setup(t)
			} else {
				s, _ = newStream(t, 1)
			}
			before, _ := s.ListStreamConsumers(stream.ListStreamConsumersInput{})
			_, err := s.RegisterStreamConsumer(tt.arg)
			wantErr(t, err, tt.wantErr, tt.msg)
			after, _ := s.ListStreamConsumers(stream.ListStreamConsumersInput{})
			if len(after.Consumers) != len(before.Consumers) {
				t.Fatalf("a failed registration changed the consumers: %d before, %d after", len(before.Consumers), len(after.Consumers))
			}
		})
	}
}

func TestDescribeStreamConsumerErrors(t *testing.T) {
	s, _ := newStream(t, 1)
	c := mustRegister(t, s, "app")
	mustRegister(t, s, "other")
	arnPattern := `^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+`
	tests := []struct {
		name    string
		in      stream.ConsumerInput
		wantErr error
		msg     string
	}{
		{"neither", stream.ConsumerInput{}, stream.ErrInvalidArgument, "ConsumerARN or both ConsumerName and StreamARN are required for this request."},
		{"malformed ARN", stream.ConsumerInput{ConsumerARN: "arn:aws:kinesis:stream/s"}, stream.ErrValidation,
			"1 validation error detected: Value 'arn:aws:kinesis:stream/s' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern: " + arnPattern},
		{"malformed name", stream.ConsumerInput{ConsumerName: "a/b"}, stream.ErrValidation, "1 validation error detected: Value 'a/b' at 'consumerName'…"},
		{"unknown name", stream.ConsumerInput{ConsumerName: "nope"}, stream.ErrResourceNotFound, "Consumer nope under stream s under account 000000000000 not found."},
		{"unknown ARN", stream.ConsumerInput{ConsumerARN: consumerARN("app", time.Second)}, stream.ErrResourceNotFound,
			"Consumer " + consumerARN("app", time.Second) + " under stream s under account 000000000000 not found."},
		{"name and ARN disagree", stream.ConsumerInput{ConsumerName: "other", ConsumerARN: c.ConsumerARN}, stream.ErrInvalidArgument,
			"ConsumerName other does not match the consumer named by ConsumerARN " + c.ConsumerARN + "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.DescribeStreamConsumer(tt.in)
			wantErr(t, err, tt.wantErr, tt.msg)
			wantErr(t, s.DeregisterStreamConsumer(tt.in), tt.wantErr, tt.msg)
		})
	}
	if got, _ := s.ListStreamConsumers(stream.ListStreamConsumersInput{}); len(got.Consumers) != 2 {
		t.Fatalf("failed deregistrations removed consumers: %d left", len(got.Consumers))
	}
}

func TestConsumerStatusTransitions(t *testing.T) {
	const delay = 2 * time.Second
	s, clk := newStream(t, 1, stream.WithTransitionDelay(delay))
	clk.Advance(delay) // the stream is ACTIVE
	status := func() (stream.ConsumerStatus, error) {
		c, err := s.DescribeStreamConsumer(stream.ConsumerInput{ConsumerName: "app"})
		return c.ConsumerStatus, err
	}
	c := mustRegister(t, s, "app")
	if c.ConsumerStatus != stream.ConsumerCreating {
		t.Fatalf("new consumer is %s, want CREATING", c.ConsumerStatus)
	}
	clk.Advance(delay - 1)
	if st, _ := status(); st != stream.ConsumerCreating {
		t.Fatalf("before the delay: %s, want CREATING", st)
	}
	clk.Advance(1)
	if st, _ := status(); st != stream.ConsumerActive {
		t.Fatalf("after the delay: %s, want ACTIVE", st)
	}
	if err := s.DeregisterStreamConsumer(stream.ConsumerInput{ConsumerARN: c.ConsumerARN}); err != nil {
		t.Fatal(err)
	}
	if st, _ := status(); st != stream.ConsumerDeleting {
		t.Fatalf("deregistered: %s, want DELETING", st)
	}
	wantErr(t, s.DeregisterStreamConsumer(stream.ConsumerInput{ConsumerName: "app"}), stream.ErrResourceInUse, "")
	_, err := s.RegisterStreamConsumer("app")
	wantErr(t, err, stream.ErrResourceInUse, "") // the name is still taken while DELETING
	if sum, _ := s.Describe(); sum.ConsumerCount != 1 {
		t.Fatalf("ConsumerCount while DELETING = %d, want 1", sum.ConsumerCount)
	}
	clk.Advance(delay)
	_, err = status()
	wantErr(t, err, stream.ErrResourceNotFound, "")
	again := mustRegister(t, s, "app")
	if again.ConsumerARN == c.ConsumerARN || again.ConsumerARN != consumerARN("app", 3*delay) {
		t.Fatalf("registered again: ARN %s (first was %s)", again.ConsumerARN, c.ConsumerARN)
	}
}

func TestConsumerARNIsNewEachRegistration(t *testing.T) {
	// Without a delay, registering, deregistering and registering again all
	// happen in one second; the second ARN still differs from the first.
	s, _ := newStream(t, 1)
	first := mustRegister(t, s, "app")
	if err := s.DeregisterStreamConsumer(stream.ConsumerInput{ConsumerName: "app"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DescribeStreamConsumer(stream.ConsumerInput{ConsumerARN: first.ConsumerARN}); err == nil {
		t.Fatal("a deregistered consumer is still described")
	}
	second := mustRegister(t, s, "app")
	if second.ConsumerARN != consumerARN("app", time.Second) {
		t.Fatalf("second ARN %s, want %s", second.ConsumerARN, consumerARN("app", time.Second))
	}
	_, err := s.DescribeStreamConsumer(stream.ConsumerInput{ConsumerARN: first.ConsumerARN})
	wantErr(t, err, stream.ErrResourceNotFound, "")
}

func TestListStreamConsumers(t *testing.T) {
	s, clk := newStream(t, 1)
	var names []string
	for i := range 5 {
		names = append(names, mustRegister(t, s, fmt.Sprintf("app-%d", i)).ConsumerName)
	}
	var got []string
	in := stream.ListStreamConsumersInput{MaxResults: 2}
	pages := 0
	for {
		out, err := s.ListStreamConsumers(in)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, c := range out.Consumers {
			got = append(got, c.ConsumerName)
		}
		if out.NextToken == "" {
			break
		}
		in = stream.ListStreamConsumersInput{NextToken: out.NextToken, MaxResults: 2}
	}
	if fmt.Sprint(got) != fmt.Sprint(names) || pages != 3 {
		t.Fatalf("listed %v in %d pages, want %v in 3", got, pages, names)
	}

	first, _ := s.ListStreamConsumers(stream.ListStreamConsumersInput{MaxResults: 1})
	sum, _ := s.Describe()
	tests := []struct {
		name    string
		in      stream.ListStreamConsumersInput
		wantErr error
		msg     string
	}{
		{"max results 0 is the default", stream.ListStreamConsumersInput{}, nil, ""},
		{"max results negative", stream.ListStreamConsumersInput{MaxResults: -1}, stream.ErrValidation,
			"1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"max results too big", stream.ListStreamConsumersInput{MaxResults: 10001}, stream.ErrValidation,
			"1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"garbled token", stream.ListStreamConsumersInput{NextToken: "nope"}, stream.ErrInvalidArgument, "Invalid NextToken."},
		{"token with timestamp", stream.ListStreamConsumersInput{NextToken: first.NextToken, StreamCreationTimestamp: epoch}, stream.ErrInvalidArgument,
			"NextToken cannot be combined with StreamCreationTimestamp."},
		{"the stream's creation time", stream.ListStreamConsumersInput{StreamCreationTimestamp: sum.StreamCreationTimestamp}, nil, ""},
		{"another creation time", stream.ListStreamConsumersInput{StreamCreationTimestamp: epoch.Add(-time.Hour)}, stream.ErrResourceNotFound,
			"Stream s under account 000000000000 not found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := s.ListStreamConsumers(tt.in)
			if tt.wantErr == nil {
				if err != nil || len(out.Consumers) != 5 {
					t.Fatalf("ListStreamConsumers(%+v) = %d consumers, %v; want 5", tt.in, len(out.Consumers), err)
				}
				return
			}
			wantErr(t, err, tt.wantErr, tt.msg)
		})
	}

	clk.Advance(stream.ListStreamConsumersTokenLifetime + 1)
	_, err := s.ListStreamConsumers(stream.ListStreamConsumersInput{NextToken: first.NextToken})
	wantErr(t, err, stream.ErrExpiredNextToken, "The NextToken has expired: it was issued more than 300 seconds ago.")

	// A token of another stream is not valid here.
	other, _ := newStream(t, 1)
	_, err = other.ListStreamConsumers(stream.ListStreamConsumersInput{NextToken: first.NextToken})
	wantErr(t, err, stream.ErrInvalidArgument, "Invalid NextToken.")
}

func TestListStreamConsumersSkipsDeregistered(t *testing.T) {
	// A consumer deregistered between pages does not upset the listing.
	s, _ := newStream(t, 1)
	for _, n := range []string{"a", "b", "c", "d"} {
		mustRegister(t, s, n)
	}
	page1, err := s.ListStreamConsumers(stream.ListStreamConsumersInput{MaxResults: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"b", "c"} {
		if err := s.DeregisterStreamConsumer(stream.ConsumerInput{ConsumerName: n}); err != nil {
			t.Fatal(err)
		}
	}
	page2, err := s.ListStreamConsumers(stream.ListStreamConsumersInput{NextToken: page1.NextToken})
	if err != nil {
		t.Fatal(err)
	}
	if len(page2.Consumers) != 1 || page2.Consumers[0].ConsumerName != "d" || page2.NextToken != "" {
		t.Fatalf("second page %+v, want only d", page2)
	}
}

func TestDeleteWithConsumers(t *testing.T) {
	// DeleteStream without EnforceConsumerDeletion refuses a stream with
	// registered consumers and changes nothing; with it, it deletes both.
	s, _ := newStream(t, 1)
	mustRegister(t, s, "app")
	wantErr(t, s.Delete(), stream.ErrResourceInUse,
		"Stream s under account 000000000000 has 1 registered consumers. Deregister them, or delete the stream with EnforceConsumerDeletion.")
	mustPut(t, s, "k", "still here")
	if sum, err := s.Describe(); err != nil || sum.ConsumerCount != 1 {
		t.Fatalf("after the refused Delete: %+v, %v", sum, err)
	}
	if err := s.DeleteWithConsumers(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Describe()
	wantErr(t, err, stream.ErrResourceNotFound, "")
	wantErr(t, s.DeleteWithConsumers(), stream.ErrResourceNotFound, "")

	// Once its consumers are deregistered, Delete deletes the stream.
	s2, _ := newStream(t, 1)
	mustRegister(t, s2, "app")
	if err := s2.DeregisterStreamConsumer(stream.ConsumerInput{ConsumerName: "app"}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Delete(); err != nil {
		t.Fatal(err)
	}
}
