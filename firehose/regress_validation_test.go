package firehose_test

import (
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/firehose"
)

// New must refuse a configuration it cannot run, rather than panic later
// in the drainer goroutine (where the panic kills the process and cannot be
// recovered by the caller). A nil ProcessorFunc / DestinationFunc is a
// non-nil interface holding a nil func: New accepts it.
func TestNilFuncsRefusedByNew(t *testing.T) {
	cases := map[string]firehose.Config{
		"nil ProcessorFunc": {Name: "p", Destination: &rec{},
			Processing: &firehose.Processing{Processor: firehose.ProcessorFunc(nil)}},
		"nil DestinationFunc": {Name: "d", Destination: firehose.DestinationFunc(nil)},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ds, err := firehose.New(cfg)
				if err != nil {
					return // refused: good
				}
				t.Errorf("New accepted %s", name)
				// What happens next: the drainer goroutine calls the nil func.
				// Run it in a recovered wrapper so the test binary survives.
				_ = ds
			})
		})
	}
}
