package eventsapi

import "github.com/switchyard/switchyard/eventbus"

// Errors of the API that the engine does not return itself, worded as
// AWS words them.

// errBusNotFound answers a request naming a bus the account does not have.
func errBusNotFound(name string) error {
	return eventbus.ErrResourceNotFound.Errorf("Event bus %s does not exist.", name)
}

// errBusExists answers CreateEventBus for a name already taken.
func errBusExists(name string) error {
	return eventbus.ErrResourceAlreadyExists.Errorf("Event bus %s already exists.", name)
}

// errArchiveNotFound answers a request naming an archive the account does
// not have.
func errArchiveNotFound(name string) error {
	return eventbus.ErrResourceNotFound.Errorf("Archive %s does not exist.", name)
}

// errReplayNotFound answers a request naming a replay the account does
// not have.
func errReplayNotFound(name string) error {
	return eventbus.ErrResourceNotFound.Errorf("Replay %s does not exist.", name)
}

// errLimitExceeded answers a request that would pass one of EventBridge's
// quotas.
func errLimitExceeded() error { return eventbus.ErrLimitExceeded.Clone() }
