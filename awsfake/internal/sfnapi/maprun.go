package sfnapi

import "context"

// DescribeMapRun, UpdateMapRun and ListMapRuns. Map runs are the child
// workflows of a distributed Map state, which the engine does not run:
// there are never any, and these operations answer as AWS answers when
// there are none.

type mapRunARNInput struct {
	MapRunARN                  *string  `json:"mapRunArn"`
	MaxConcurrency             *int     `json:"maxConcurrency"`
	ToleratedFailureCount      *int64   `json:"toleratedFailureCount"`
	ToleratedFailurePercentage *float64 `json:"toleratedFailurePercentage"`
}

// mapRun answers for a map run ARN: ResourceNotFound, once it parses.
func (s *Service) mapRun(in *mapRunARNInput) error {
	var c checks
	c.reqLength(in.MapRunARN, "mapRunArn", 1, maxLongARN, false)
	if err := c.err(); err != nil {
		return err
	}
	if _, err := parseARN(*in.MapRunARN, kindMapRun); err != nil {
		return err
	}
	return resourceNotFound(*in.MapRunARN)
}

func (s *Service) describeMapRun(_ context.Context, in *mapRunARNInput) (*empty, error) {
	return nil, s.mapRun(in)
}

func (s *Service) updateMapRun(_ context.Context, in *mapRunARNInput) (*empty, error) {
	return nil, s.mapRun(in)
}

type listMapRunsInput struct {
	ExecutionARN *string `json:"executionArn"`
	pageRequest
}

type listMapRunsOutput struct {
	MapRuns []struct{} `json:"mapRuns"`
}

func (s *Service) listMapRuns(_ context.Context, in *listMapRunsInput) (*listMapRunsOutput, error) {
	var c checks
	c.reqLength(in.ExecutionARN, "executionArn", 1, maxARN, false)
	in.check(&c, maxPageToken)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseExecutionARN(*in.ExecutionARN)
	if err != nil {
		return nil, err
	}
	if _, err := s.execution(ref); err != nil {
		return nil, err
	}
	return &listMapRunsOutput{MapRuns: []struct{}{}}, nil
}
