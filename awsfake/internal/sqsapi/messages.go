package sqsapi

import (
	"strconv"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/queue"
)

// SendMessage, ReceiveMessage, DeleteMessage and ChangeMessageVisibility.

// messageAttributeValue is one message attribute on the wire (the model's
// MessageAttributeValue, also used for message system attributes).
// StringListValues and BinaryListValues are reserved by AWS: accepted and
// ignored.
type messageAttributeValue struct {
	DataType         string   `json:"DataType"`
	StringValue      string   `json:"StringValue,omitempty"`
	BinaryValue      []byte   `json:"BinaryValue,omitempty"`
	StringListValues []string `json:"StringListValues,omitempty"`
	BinaryListValues [][]byte `json:"BinaryListValues,omitempty"`
}

// toAttrs converts wire attributes to the engine's, nil for none.
func (m messageAttributes) toAttrs() map[string]attr.Value {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]attr.Value, len(m))
	for name, v := range m {
		out[name] = attr.Value{DataType: v.DataType, StringValue: v.StringValue, BinaryValue: v.BinaryValue}
	}
	return out
}

// fromAttrs converts the engine's attributes to the wire's, nil for none.
func fromAttrs(m map[string]attr.Value) messageAttributes {
	if len(m) == 0 {
		return nil
	}
	out := make(messageAttributes, len(m))
	for name, v := range m {
		out[name] = messageAttributeValue{DataType: v.DataType, StringValue: v.StringValue, BinaryValue: v.BinaryValue}
	}
	return out
}

// messageInput is one message to send: SendMessage's input without the
// queue, and SendMessageBatch's entry without its id.
type messageInput struct {
	MessageBody             string            `json:"MessageBody"`
	DelaySeconds            *int32            `json:"DelaySeconds"`
	MessageAttributes       messageAttributes `json:"MessageAttributes"`
	MessageSystemAttributes messageAttributes `json:"MessageSystemAttributes"`
	MessageDeduplicationID  string            `json:"MessageDeduplicationId"`
	MessageGroupID          string            `json:"MessageGroupId"`
}

func (m *messageInput) fromQuery(f wire.Form) error {
	var err error
	m.MessageBody = f.Get("MessageBody")
	m.MessageDeduplicationID = f.Get("MessageDeduplicationId")
	m.MessageGroupID = f.Get("MessageGroupId")
	if m.DelaySeconds, err = queryInt32(f, "DelaySeconds"); err != nil {
		return err
	}
	if m.MessageAttributes, err = queryMessageAttributes(f, "MessageAttribute"); err != nil {
		return err
	}
	m.MessageSystemAttributes, err = queryMessageAttributes(f, "MessageSystemAttribute")
	return err
}

// sendInput converts m to the engine's input, checking its system
// attributes (which the engine takes as a trace header only).
func (m *messageInput) sendInput() (queue.SendInput[string], error) {
	in := queue.SendInput[string]{
		Body:            m.MessageBody,
		Attributes:      m.MessageAttributes.toAttrs(),
		GroupID:         m.MessageGroupID,
		DeduplicationID: m.MessageDeduplicationID,
	}
	if m.DelaySeconds != nil {
		d := time.Duration(*m.DelaySeconds) * time.Second
		in.Delay = &d
	}
	for name, v := range m.MessageSystemAttributes {
		if name != "AWSTraceHeader" {
			return in, queue.ErrInvalidParameterValue.Errorf("Message system attribute name '%s' is invalid.", name)
		}
		if v.DataType != "String" || v.StringValue == "" || v.BinaryValue != nil {
			return in, queue.ErrInvalidParameterValue.WithMessage("Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.")
		}
		in.AWSTraceHeader = v.StringValue
	}
	return in, nil
}

// sendResult is what a send answers, alone or as a batch entry.
type sendResult struct {
	MessageID                    string `json:"MessageId" xml:"MessageId"`
	MD5OfMessageBody             string `json:"MD5OfMessageBody"`
	MD5OfMessageAttributes       string `json:"MD5OfMessageAttributes,omitempty" xml:",omitempty"`
	MD5OfMessageSystemAttributes string `json:"MD5OfMessageSystemAttributes,omitempty" xml:",omitempty"`
	SequenceNumber               string `json:"SequenceNumber,omitempty" xml:",omitempty"`
}

// result builds the answer to m's send: the MD5s the SDKs check, over
// what was sent.
func (m *messageInput) result(res queue.SendResult) sendResult {
	return sendResult{
		MessageID:                    res.MessageID.String(),
		MD5OfMessageBody:             attr.BodyMD5(m.MessageBody),
		MD5OfMessageAttributes:       attr.MD5(m.MessageAttributes.toAttrs()),
		MD5OfMessageSystemAttributes: attr.MD5(m.MessageSystemAttributes.toAttrs()),
		SequenceNumber:               res.SequenceNumber.String(),
	}
}

type sendMessageInput struct {
	QueueURL string `json:"QueueUrl"`
	messageInput
}

func (in *sendMessageInput) fromQuery(f wire.Form) error {
	in.QueueURL = f.Get("QueueUrl")
	return in.messageInput.fromQuery(f)
}

func (in *sendMessageInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	send, err := in.sendInput()
	if err != nil {
		return nil, err
	}
	res, err := e.q.Send(send)
	if err != nil {
		return nil, err
	}
	out := in.result(res)
	return &out, nil
}

type receiveMessageInput struct {
	QueueURL                    string   `json:"QueueUrl"`
	AttributeNames              []string `json:"AttributeNames"`
	MessageSystemAttributeNames []string `json:"MessageSystemAttributeNames"`
	MessageAttributeNames       []string `json:"MessageAttributeNames"`
	MaxNumberOfMessages         *int32   `json:"MaxNumberOfMessages"`
	VisibilityTimeout           *int32   `json:"VisibilityTimeout"`
	WaitTimeSeconds             *int32   `json:"WaitTimeSeconds"`
	ReceiveRequestAttemptID     string   `json:"ReceiveRequestAttemptId"`
}

func (in *receiveMessageInput) fromQuery(f wire.Form) error {
	var err error
	in.QueueURL = f.Get("QueueUrl")
	in.AttributeNames = f.Strings("AttributeName")
	in.MessageSystemAttributeNames = f.Strings("MessageSystemAttributeName")
	in.MessageAttributeNames = f.Strings("MessageAttributeName")
	in.ReceiveRequestAttemptID = f.Get("ReceiveRequestAttemptId")
	if in.MaxNumberOfMessages, err = queryInt32(f, "MaxNumberOfMessages"); err != nil {
		return err
	}
	if in.VisibilityTimeout, err = queryInt32(f, "VisibilityTimeout"); err != nil {
		return err
	}
	in.WaitTimeSeconds, err = queryInt32(f, "WaitTimeSeconds")
	return err
}

// message is a received message on the wire.
type message struct {
	MessageID              string            `json:"MessageId" xml:"MessageId"`
	ReceiptHandle          string            `json:"ReceiptHandle"`
	MD5OfBody              string            `json:"MD5OfBody"`
	Body                   string            `json:"Body"`
	Attributes             attributeMap      `json:"Attributes,omitempty" xml:"Attribute,omitempty"`
	MD5OfMessageAttributes string            `json:"MD5OfMessageAttributes,omitempty" xml:",omitempty"`
	MessageAttributes      messageAttributes `json:"MessageAttributes,omitempty" xml:"MessageAttribute,omitempty"`
}

type receiveMessageOutput struct {
	Messages []message `json:"Messages,omitempty" xml:"Message"`
}

func (in *receiveMessageInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	opts := queue.ReceiveOptions{
		WaitTime:                seconds(in.WaitTimeSeconds),
		VisibilityTimeout:       seconds(in.VisibilityTimeout),
		AttributeNames:          in.MessageAttributeNames,
		ReceiveRequestAttemptID: in.ReceiveRequestAttemptID,
	}
	if n := in.MaxNumberOfMessages; n != nil {
		if *n < 1 || *n > 10 {
			return nil, queue.ErrInvalidParameterValue.Errorf("Value %d for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", *n)
		}
		opts.MaxMessages = int(*n)
	}
	// AttributeNames is the deprecated name of MessageSystemAttributeNames;
	// SQS honours both. Its type in the model is the list of queue
	// attribute names, which no message has: those are passed over.
	system := make([]string, 0, len(in.AttributeNames)+len(in.MessageSystemAttributeNames))
	for _, name := range in.AttributeNames {
		if name == "All" || !knownAttribute(name, true) {
			system = append(system, name)
		}
	}
	system = append(system, in.MessageSystemAttributeNames...)
	opts.SystemAttributeNames = system
	msgs, err := e.q.Receive(c.ctx, opts)
	if err != nil {
		return nil, err
	}
	out := &receiveMessageOutput{Messages: make([]message, len(msgs))}
	for i, m := range msgs {
		out.Messages[i] = message{
			MessageID:              m.ID.String(),
			ReceiptHandle:          m.ReceiptHandle.String(),
			MD5OfBody:              attr.BodyMD5(m.Body),
			Body:                   m.Body,
			Attributes:             systemAttributes(system, m.System),
			MD5OfMessageAttributes: attr.MD5(m.Attributes),
			MessageAttributes:      fromAttrs(m.Attributes),
		}
	}
	return out, nil
}

// systemAttributes writes the selected system attributes of a received
// message as SQS does: strings, timestamps in epoch milliseconds, and the
// attributes a message lacks (a group id on a standard queue, a trace
// header never sent) left out.
func systemAttributes(names []string, sys *queue.SystemAttributes) attributeMap {
	if sys == nil || len(names) == 0 {
		return nil
	}
	all := false
	for _, n := range names {
		all = all || n == "All"
	}
	selected := func(name string) bool {
		if all {
			return true
		}
		for _, n := range names {
			if n == name {
				return true
			}
		}
		return false
	}
	out := make(attributeMap)
	set := func(name, value string) {
		if value != "" && selected(name) {
			out[name] = value
		}
	}
	millis := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return strconv.FormatInt(t.UnixMilli(), 10)
	}
	set("SenderId", sys.SenderID)
	set("SentTimestamp", millis(sys.SentTimestamp))
	set("ApproximateReceiveCount", strconv.Itoa(sys.ApproximateReceiveCount))
	set("ApproximateFirstReceiveTimestamp", millis(sys.ApproximateFirstReceiveTimestamp))
	set("SequenceNumber", sys.SequenceNumber.String())
	set("MessageDeduplicationId", sys.MessageDeduplicationID)
	set("MessageGroupId", sys.MessageGroupID)
	set("AWSTraceHeader", sys.AWSTraceHeader)
	set("DeadLetterQueueSourceArn", sys.DeadLetterQueueSourceARN)
	if len(out) == 0 {
		return nil
	}
	return out
}

// seconds converts an optional count of seconds, keeping absent apart
// from zero.
func seconds(n *int32) *time.Duration {
	if n == nil {
		return nil
	}
	d := time.Duration(*n) * time.Second
	return &d
}

type deleteMessageInput struct {
	QueueURL      string `json:"QueueUrl"`
	ReceiptHandle string `json:"ReceiptHandle"`
}

func (in *deleteMessageInput) fromQuery(f wire.Form) error {
	in.QueueURL, in.ReceiptHandle = f.Get("QueueUrl"), f.Get("ReceiptHandle")
	return nil
}

func (in *deleteMessageInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	h, err := receiptHandle(in.ReceiptHandle)
	if err != nil {
		return nil, err
	}
	return nil, e.q.Delete(h)
}

type changeMessageVisibilityInput struct {
	QueueURL          string `json:"QueueUrl"`
	ReceiptHandle     string `json:"ReceiptHandle"`
	VisibilityTimeout *int32 `json:"VisibilityTimeout"`
}

func (in *changeMessageVisibilityInput) fromQuery(f wire.Form) error {
	var err error
	in.QueueURL, in.ReceiptHandle = f.Get("QueueUrl"), f.Get("ReceiptHandle")
	in.VisibilityTimeout, err = queryInt32(f, "VisibilityTimeout")
	return err
}

func (in *changeMessageVisibilityInput) run(c *call) (any, error) {
	e, err := c.queue(in.QueueURL)
	if err != nil {
		return nil, err
	}
	h, err := receiptHandle(in.ReceiptHandle)
	if err != nil {
		return nil, err
	}
	if in.VisibilityTimeout == nil {
		return nil, missing("VisibilityTimeout")
	}
	return nil, e.q.ChangeVisibility(h, *seconds(in.VisibilityTimeout))
}

// receiptHandle parses a receipt handle parameter.
func receiptHandle(s string) (queue.ReceiptHandle, error) {
	if s == "" {
		return queue.ReceiptHandle{}, missing("ReceiptHandle")
	}
	return queue.ParseReceiptHandle(s)
}
