package lambdaapi

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Partial batch responses (FunctionResponseTypes ReportBatchItemFailures):
// a function that handled some records of a batch returns
// {"batchItemFailures":[{"itemIdentifier":…}]}, naming the records that
// failed — message ids for a queue, sequence numbers for a stream.

// reportBatchItemFailures is the FunctionResponseTypes value that turns
// partial batch responses on.
const reportBatchItemFailures = "ReportBatchItemFailures"

// errInvalidBatchResponse fails a whole batch whose function answered a
// partial batch response Lambda cannot use.
var errInvalidBatchResponse = errors.New("lambdaapi: the function's partial batch response is not valid, so the whole batch failed")

// batchResponse is the part of a function's result Lambda reads.
type batchResponse struct {
	BatchItemFailures []struct {
		ItemIdentifier *string `json:"itemIdentifier"`
	} `json:"batchItemFailures"`
}

// failedItems returns the identifiers a function's result lists as failed.
// As Lambda does, it treats a result that is empty, null, not an object or
// without batchItemFailures as complete success, and fails the whole batch
// (errInvalidBatchResponse) for a result that is not JSON or lists an
// identifier that is null or empty.
func failedItems(result []byte) ([]string, error) {
	result = bytes.TrimSpace(result)
	if len(result) == 0 {
		return nil, nil
	}
	if !json.Valid(result) {
		return nil, errInvalidBatchResponse
	}
	if result[0] != '{' {
		return nil, nil
	}
	var resp batchResponse
	if err := json.Unmarshal(result, &resp); err != nil {
		return nil, errInvalidBatchResponse
	}
	ids := make([]string, 0, len(resp.BatchItemFailures))
	for _, f := range resp.BatchItemFailures {
		if f.ItemIdentifier == nil || *f.ItemIdentifier == "" {
			return nil, errInvalidBatchResponse
		}
		ids = append(ids, *f.ItemIdentifier)
	}
	return ids, nil
}
