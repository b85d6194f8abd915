package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestServesHealthOnLoopbackAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-account", "123456789012", "-region", "eu-central-1"}, &out, func(a string) { addrs <- a })
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("run ended before listening: %v", err)
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("listening on %s, want loopback", addr)
	}
	resp, err := http.Get("http://" + addr + "/_switchyard/health")
	if err != nil {
		t.Fatal(err)
	}
	var health struct {
		Status, Account, Region string
		Services                []string
	}
	err = json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || health.Status != "running" || health.Account != "123456789012" || health.Region != "eu-central-1" || len(health.Services) == 0 {
		t.Errorf("health: %d %+v %v", resp.StatusCode, health, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel: %v", err)
	}
	if !strings.Contains(out.String(), "http://"+addr) {
		t.Errorf("the banner does not name the address: %q", out.String())
	}
}

func TestRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-account", "12"}, {"-account", "12345678901x"}, {"-nope"}, {"-addr", "256.0.0.1:bad"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, &out, nil); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
