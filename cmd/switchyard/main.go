// Command switchyard serves Switchyard's AWS face on one loopback port, for
// code and tests in any language: point an AWS SDK or CLI at
// http://127.0.0.1:4566 (AWS_ENDPOINT_URL=http://127.0.0.1:4566).
//
// Usage:
//
//	switchyard [-addr 127.0.0.1:4566] [-account 000000000000] [-region us-east-1]
//
// Beside the AWS APIs it serves a small admin API, the same for every
// client language:
//
//	GET  /_switchyard/health          the services served
//	POST /_switchyard/reset           every resource gone, as at start
//	POST /_switchyard/clock/advance   {"seconds": N}: jump the clock forward
//
// The clock follows real time; advancing it makes everything due in the
// skipped span happen, in order, before the reply. The server binds the
// loopback interface unless -addr names another.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/switchyard/switchyard/awsfake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "switchyard:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends. It reports the address it listens on to
// listening, when not nil, once the port is bound.
func run(ctx context.Context, args []string, out io.Writer, listening func(addr string)) error {
	flags := flag.NewFlagSet("switchyard", flag.ContinueOnError)
	flags.SetOutput(out)
	addr := flags.String("addr", "127.0.0.1:4566", "address to listen on (host:port); loopback unless you name another interface")
	account := flags.String("account", awsfake.DefaultAccountID, "the 12-digit account id in URLs and ARNs")
	region := flags.String("region", awsfake.DefaultRegion, "the region in URLs and ARNs")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if !validAccount(*account) {
		return fmt.Errorf("-account %q: an account id is 12 digits", *account)
	}

	emu := awsfake.NewEmulator(awsfake.Config{AccountID: *account, Region: *region})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Requests live in ctx, so that stopping ends long polls at once.
	srv := &http.Server{
		Handler:           emu.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	fmt.Fprintf(out, "switchyard: serving %v for account %s in %s on http://%s\n", emu.Services(), emu.ID(), emu.Region(), ln.Addr())
	if listening != nil {
		listening(ln.Addr().String())
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	_ = srv.Close()
	return emu.Close(shutdown)
}

func validAccount(id string) bool {
	if len(id) != 12 {
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
