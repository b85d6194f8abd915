package awserr_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/switchyard/switchyard/internal/awserr"
)

func TestIsMatchesByCode(t *testing.T) {
	sentinel := awserr.New("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", 400, "The specified queue does not exist.")
	other := awserr.New("OverLimit", "", 403, "")
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"same value", sentinel, true},
		{"new message", sentinel.WithMessage("something else"), true},
		{"formatted", sentinel.Errorf("queue %q", "q1"), true},
		{"wrapped", fmt.Errorf("sending: %w", sentinel.WithMessage("x")), true},
		{"double wrapped", fmt.Errorf("a: %w", fmt.Errorf("b: %w", sentinel)), true},
		{"other code", other, false},
		{"plain error", errors.New("AWS.SimpleQueueService.NonExistentQueue"), false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, sentinel); got != tt.want {
				t.Errorf("errors.Is(%v, sentinel) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	e := awserr.New("InvalidParameterValue", "InvalidParameterValueException", 400, "bad")
	if got, want := e.Error(), "InvalidParameterValue: bad"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := e.ShapeName(); got != "InvalidParameterValueException" {
		t.Errorf("ShapeName() = %q", got)
	}
	if got := awserr.New("OverLimit", "", 403, "").ShapeName(); got != "OverLimit" {
		t.Errorf("ShapeName() without type = %q, want the code", got)
	}
	if e.Fault.String() != "Sender" || awserr.Receiver.String() != "Receiver" {
		t.Errorf("fault strings: %q %q", e.Fault, awserr.Receiver)
	}
	c := e.WithMessage("other")
	if e.Message != "bad" || c.Message != "other" || c.Status != 400 {
		t.Errorf("WithMessage changed the original or lost fields: %+v %+v", e, c)
	}
	if k := e.Clone(); k == e || *k != *e {
		t.Errorf("Clone = %+v (same pointer: %v), want an equal copy", k, k == e)
	}
	var target *awserr.Error
	if !errors.As(fmt.Errorf("w: %w", c), &target) || target.Status != 400 {
		t.Errorf("errors.As did not find the status")
	}
}
