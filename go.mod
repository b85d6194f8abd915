module github.com/switchyard/switchyard

go 1.25.0

require golang.org/x/sync v0.20.0
