package sfnapi

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// MaxRequestBody is the body limit of a Step Functions request: the
// largest valid request is a 1 MiB definition (CreateStateMachine,
// UpdateStateMachine, ValidateStateMachineDefinition, TestState) with its
// other members, which JSON's escapes can make up to six times as long
// (\uXXXX for every character); 8 MiB admits that and refuses a runaway
// body before anything is decoded.
const MaxRequestBody = 8 << 20

// The dialects of Step Functions' error replies: the service's own
// errors are in its model's namespace, the model's ValidationException
// in the validation framework's; the protocol layer's own errors
// (SerializationException, UnknownOperationException) carry none.
var (
	serviceProtocol    = wire.JSONProtocol{ContentType: "application/x-amz-json-1.0", Namespace: "com.amazonaws.swf.service.v2.model#"}
	validationProtocol = wire.JSONProtocol{ContentType: "application/x-amz-json-1.0", Namespace: "com.amazon.coral.validate#"}
	bareProtocol       = wire.JSONProtocol{ContentType: "application/x-amz-json-1.0"}
)

// protocolFor picks the dialect err is written in.
func protocolFor(err error) wire.JSONProtocol {
	switch wire.AsAWS(err).Code {
	case "ValidationException":
		return validationProtocol
	case wire.ErrSerialization.Code, wire.ErrUnknownOperation.Code, wire.ErrRequestTooLarge.Code, wire.ErrInternalFailure.Code:
		return bareProtocol
	}
	return serviceProtocol
}

// empty is the reply of an operation with no output members.
type empty struct{}

// operations returns the service's operations by name.
func (s *Service) operations() map[string]wire.Operation {
	return map[string]wire.Operation{
		"CreateActivity":                   wire.Op(s.createActivity),
		"CreateStateMachine":               wire.Op(s.createStateMachine),
		"CreateStateMachineAlias":          wire.Op(s.createStateMachineAlias),
		"DeleteActivity":                   wire.Op(s.deleteActivity),
		"DeleteStateMachine":               wire.Op(s.deleteStateMachine),
		"DeleteStateMachineAlias":          wire.Op(s.deleteStateMachineAlias),
		"DeleteStateMachineVersion":        wire.Op(s.deleteStateMachineVersion),
		"DescribeActivity":                 wire.Op(s.describeActivity),
		"DescribeExecution":                wire.Op(s.describeExecution),
		"DescribeMapRun":                   wire.Op(s.describeMapRun),
		"DescribeStateMachine":             wire.Op(s.describeStateMachine),
		"DescribeStateMachineAlias":        wire.Op(s.describeStateMachineAlias),
		"DescribeStateMachineForExecution": wire.Op(s.describeStateMachineForExecution),
		"GetActivityTask":                  wire.Op(s.getActivityTask),
		"GetExecutionHistory":              wire.Op(s.getExecutionHistory),
		"ListActivities":                   wire.Op(s.listActivities),
		"ListExecutions":                   wire.Op(s.listExecutions),
		"ListMapRuns":                      wire.Op(s.listMapRuns),
		"ListStateMachineAliases":          wire.Op(s.listStateMachineAliases),
		"ListStateMachineVersions":         wire.Op(s.listStateMachineVersions),
		"ListStateMachines":                wire.Op(s.listStateMachines),
		"ListTagsForResource":              wire.Op(s.listTagsForResource),
		"PublishStateMachineVersion":       wire.Op(s.publishStateMachineVersion),
		"RedriveExecution":                 wire.Op(s.redriveExecution),
		"SendTaskFailure":                  wire.Op(s.sendTaskFailure),
		"SendTaskHeartbeat":                wire.Op(s.sendTaskHeartbeat),
		"SendTaskSuccess":                  wire.Op(s.sendTaskSuccess),
		"StartExecution":                   wire.Op(s.startExecution),
		"StartSyncExecution":               wire.Op(s.startSyncExecution),
		"StopExecution":                    wire.Op(s.stopExecution),
		"TagResource":                      wire.Op(s.tagResource),
		"TestState":                        wire.Op(s.testState),
		"UntagResource":                    wire.Op(s.untagResource),
		"UpdateMapRun":                     wire.Op(s.updateMapRun),
		"UpdateStateMachine":               wire.Op(s.updateStateMachine),
		"UpdateStateMachineAlias":          wire.Op(s.updateStateMachineAlias),
		"ValidateStateMachineDefinition":   wire.Op(s.validateStateMachineDefinition),
	}
}

// run decodes a body for operation and runs it.
func (s *Service) run(ctx context.Context, operation string, body []byte) (any, error) {
	op, ok := s.ops[operation]
	if !ok {
		return nil, wire.ErrUnknownOperation
	}
	return op(ctx, body)
}

// ServeJSON answers one request for operation (the part of its
// X-Amz-Target after "AWSStepFunctions."), whose body has been read.
func (s *Service) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	requestID := wire.RequestID()
	out, err := s.run(r.Context(), operation, body)
	if err != nil {
		s.WriteJSONError(w, requestID, err)
		return
	}
	serviceProtocol.WriteJSON(w, requestID, out)
}

// WriteJSONError answers a request with err, for errors found before the
// request reaches [Service.ServeJSON] (such as a body over
// [MaxRequestBody]).
func (s *Service) WriteJSONError(w http.ResponseWriter, requestID string, err error) {
	protocolFor(err).WriteError(w, requestID, err)
}

// Call runs operation in process on input, a JSON 1.0 request body, and
// returns the reply's body, for the account's other services. Its errors
// are those ServeJSON would answer with.
func (s *Service) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	out, err := s.run(ctx, operation, input)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, wire.ErrInternalFailure
	}
	return b, nil
}
