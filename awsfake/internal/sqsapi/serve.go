package sqsapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/queue"
)

// MaxRequestBody is the body limit to read SQS requests with
// ([wire.ReadBody]). The largest valid request is a batch carrying 1 MiB
// of messages (bodies and attributes), and encoding makes it longer:
// base64 makes binary attribute values 4/3 as long, and both protocols can
// spend three bytes of request on one byte of message — JSON clients that
// write non-ASCII text as \uXXXX (boto3 does), Query forms that
// percent-encode it as %XX. So a valid batch takes up to about 3 MiB (4 MiB
// for binary values made mostly of "+" and "/" in a form) plus its member
// names; 5 MiB admits every valid request in either protocol and still
// refuses a runaway body before anything is decoded.
const MaxRequestBody = 5 << 20

// The wire dialects of SQS.
var (
	jsonProtocol = wire.JSONProtocol{ContentType: "application/x-amz-json-1.0", Namespace: "com.amazonaws.sqs#", QueryCompatible: true}
	xmlProtocol  = wire.XMLProtocol{Namespace: "http://queue.amazonaws.com/doc/2012-11-05/"}
)

// operation is one API call: its input, decoded from either protocol, and
// its implementation. Each operation's type is a pointer to its input
// struct, whose json tags are the JSON protocol's member names.
type operation interface {
	// fromQuery reads the input from a Query form.
	fromQuery(f wire.Form) error
	// run performs the call and returns its output, a struct that encodes
	// to JSON and to the Query protocol's XML, or nil when the operation
	// has no output.
	run(c *call) (any, error)
}

// newOperation returns an empty input for the named operation, or nil
// when SQS has no operation of that name.
func newOperation(name string) operation {
	switch name {
	case "AddPermission":
		return new(addPermissionInput)
	case "CancelMessageMoveTask":
		return new(cancelMessageMoveTaskInput)
	case "ChangeMessageVisibility":
		return new(changeMessageVisibilityInput)
	case "ChangeMessageVisibilityBatch":
		return new(changeMessageVisibilityBatchInput)
	case "CreateQueue":
		return new(createQueueInput)
	case "DeleteMessage":
		return new(deleteMessageInput)
	case "DeleteMessageBatch":
		return new(deleteMessageBatchInput)
	case "DeleteQueue":
		return new(deleteQueueInput)
	case "GetQueueAttributes":
		return new(getQueueAttributesInput)
	case "GetQueueUrl":
		return new(getQueueURLInput)
	case "ListDeadLetterSourceQueues":
		return new(listDeadLetterSourceQueuesInput)
	case "ListMessageMoveTasks":
		return new(listMessageMoveTasksInput)
	case "ListQueueTags":
		return new(listQueueTagsInput)
	case "ListQueues":
		return new(listQueuesInput)
	case "PurgeQueue":
		return new(purgeQueueInput)
	case "ReceiveMessage":
		return new(receiveMessageInput)
	case "RemovePermission":
		return new(removePermissionInput)
	case "SendMessage":
		return new(sendMessageInput)
	case "SendMessageBatch":
		return new(sendMessageBatchInput)
	case "SetQueueAttributes":
		return new(setQueueAttributesInput)
	case "StartMessageMoveTask":
		return new(startMessageMoveTaskInput)
	case "TagQueue":
		return new(tagQueueInput)
	case "UntagQueue":
		return new(untagQueueInput)
	}
	return nil
}

// call is what an operation runs with besides its input.
type call struct {
	s    *Service
	ctx  context.Context // the request's: a long poll ends with it
	base string          // scheme://host of the queue URLs to answer with
}

func (s *Service) newCall(r *http.Request) *call {
	return &call{s: s, ctx: r.Context(), base: s.baseURL(r)}
}

// ServeJSON answers one JSON 1.0 request for operation (the part of its
// X-Amz-Target after "AmazonSQS."), whose body has been read.
func (s *Service) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	requestID := wire.RequestID()
	out, err := s.runJSON(s.newCall(r), operation, body)
	if err != nil {
		jsonProtocol.WriteError(w, requestID, err)
		return
	}
	jsonProtocol.WriteJSON(w, requestID, out)
}

// runJSON decodes a JSON input for operation and runs it.
func (s *Service) runJSON(c *call, operation string, body []byte) (any, error) {
	op := newOperation(operation)
	if op == nil {
		return nil, wire.ErrUnknownOperation
	}
	if err := wire.DecodeJSON(body, op); err != nil {
		return nil, err
	}
	out, err := op.run(c)
	if err == nil && out == nil {
		out = struct{}{}
	}
	return out, err
}

// Call runs operation in process on input, a JSON 1.0 request body, and
// returns the reply's body, for the account's other services (a state
// machine's task sending a message). Queue URLs in its outputs name AWS's
// endpoint for the region.
func (s *Service) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	out, err := s.runJSON(&call{s: s, ctx: ctx, base: s.baseURL(nil)}, operation, input)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, wire.ErrInternalFailure
	}
	return b, nil
}

// ServeQuery answers one Query request, whose form (body and URL query)
// has been parsed. The queue URL is read from QueueUrl or, for the old
// clients that post to the queue's URL, from the request's path.
func (s *Service) ServeQuery(w http.ResponseWriter, r *http.Request, form wire.Form) {
	requestID := wire.RequestID()
	action := form.Get("Action")
	if action == "" {
		s.WriteQueryError(w, requestID, wire.ErrMissingAction)
		return
	}
	op := newOperation(action)
	if op == nil {
		s.WriteQueryError(w, requestID, wire.ErrInvalidAction.Errorf("The action %s is not valid for this web service.", action))
		return
	}
	if _, ok := form.Lookup("QueueUrl"); !ok && r.URL != nil {
		if _, ok := s.nameOfURL(r.URL.Path); ok {
			form = form.Merge(map[string][]string{"QueueUrl": {s.baseURL(r) + r.URL.Path}})
		}
	}
	if err := op.fromQuery(form); err != nil {
		s.WriteQueryError(w, requestID, err)
		return
	}
	out, err := op.run(s.newCall(r))
	if err != nil {
		s.WriteQueryError(w, requestID, err)
		return
	}
	xmlProtocol.WriteResult(w, requestID, action, out)
}

// WriteJSONError answers a JSON request with err, for errors found before
// the request reaches [Service.ServeJSON] (such as a body over
// [MaxRequestBody]).
func (s *Service) WriteJSONError(w http.ResponseWriter, requestID string, err error) {
	jsonProtocol.WriteError(w, requestID, err)
}

// WriteQueryError answers a Query request with err as an ErrorResponse.
// A missing queue is worded as AWS words it in this protocol.
func (s *Service) WriteQueryError(w http.ResponseWriter, requestID string, err error) {
	if errors.Is(err, queue.ErrQueueDoesNotExist) {
		err = queue.ErrQueueDoesNotExist.WithMessage("The specified queue does not exist for this wsdl version.")
	}
	xmlProtocol.WriteError(w, requestID, err)
}
