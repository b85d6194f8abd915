#!/bin/sh
# test.sh runs every test of the repository: the root module, then the
# nested modules that hold the real AWS SDK clients (sdktest, and
# sdktest/sqsquery with the last Query-speaking SQS client), which
# `go test ./...` at the root does not enter. Every module runs even when
# one fails; the exit status is non-zero if any did. Extra arguments go to
# every `go test`, e.g. ./test.sh -run SQS -v
set -eu
cd "$(dirname "$0")"
status=0

# The root module.
go test -race -count=1 "$@" ./... || status=1

# Each nested module: vet (its tests are its only code), then test.
for dir in sdktest sdktest/sqsquery; do
	echo "== $dir"
	go -C "$dir" vet ./... || status=1
	go -C "$dir" test -race -count=1 "$@" ./... || status=1
done
exit "$status"
