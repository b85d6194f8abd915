package sfnapi

import "github.com/switchyard/switchyard/awsfake/internal/wire"

// timestamp is a time as the JSON protocols write it. The zero time is
// left out of replies (tag members `json:",omitzero"`).
type timestamp = wire.Timestamp
