package topic_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// checkErr fails unless err matches want under errors.Is and has message msg.
func checkErr(t *testing.T, err error, want error, msg string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want code of %v", err, want)
	}
	var e *topic.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *topic.Error", err, err)
	}
	if e.Message != msg {
		t.Fatalf("message = %q\n          want %q", e.Message, msg)
	}
}

func TestNewValidation(t *testing.T) {
	t.Parallel()
	const fifoName = "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
	cases := []struct {
		name string
		cfg  topic.Config
		msg  string // "" means valid
	}{
		{"simple", topic.Config{Name: "orders"}, ""},
		{"all characters", topic.Config{Name: "aZ09_-"}, ""},
		{"256 characters", topic.Config{Name: strings.Repeat("a", 256)}, ""},
		{"fifo", topic.Config{Name: "orders.fifo", FIFO: true, ContentBasedDeduplication: true}, ""},
		{"fifo group scope", topic.Config{Name: "o.fifo", FIFO: true, ThroughputScope: topic.ThroughputPerMessageGroup}, ""},
		{"empty", topic.Config{}, "Invalid parameter: Topic Name"},
		{"257 characters", topic.Config{Name: strings.Repeat("a", 257)}, "Invalid parameter: Topic Name"},
		{"dot", topic.Config{Name: "a.b"}, "Invalid parameter: Topic Name"},
		{"space", topic.Config{Name: "a b"}, "Invalid parameter: Topic Name"},
		{"fifo suffix on standard", topic.Config{Name: "a.fifo"}, "Invalid parameter: Topic Name"},
		{"fifo without suffix", topic.Config{Name: "a", FIFO: true}, fifoName},
		{"fifo suffix only", topic.Config{Name: ".fifo", FIFO: true}, fifoName},
		{"fifo 257 characters", topic.Config{Name: strings.Repeat("a", 252) + ".fifo", FIFO: true}, fifoName},
		{"content dedup on standard", topic.Config{Name: "a", ContentBasedDeduplication: true},
			"Invalid parameter: Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics"},
		{"scope on standard", topic.Config{Name: "a", ThroughputScope: topic.ThroughputPerTopic},
			"Invalid parameter: Attributes Reason: FifoThroughputScope is only valid for FIFO topics"},
		{"bad scope", topic.Config{Name: "a.fifo", FIFO: true, ThroughputScope: "Queue"},
			"Invalid parameter: Attributes Reason: FifoThroughputScope: Invalid value [Queue]. Please use either Topic or MessageGroup"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tp, err := topic.New[string](c.cfg, topic.WithAccount("eu-west-1", "123456789012"))
			if c.msg != "" {
				checkErr(t, err, topic.ErrInvalidParameter, c.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := "arn:aws:sns:eu-west-1:123456789012:" + c.cfg.Name; tp.ARN() != want {
				t.Errorf("ARN = %q, want %q", tp.ARN(), want)
			}
		})
	}
}

func TestPublishValidation(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", topic.MaxMessageSize)
	cases := []struct {
		name string
		fifo bool
		in   topic.PublishInput[string]
		want error // nil means valid
		msg  string
	}{
		{"valid", false, topic.PublishInput[string]{Message: "hi"}, nil, ""},
		{"exactly 256 KiB", false, topic.PublishInput[string]{Message: long}, nil, ""},
		{"256 KiB with attributes", false, topic.PublishInput[string]{Message: long[:topic.MaxMessageSize-10], Attributes: map[string]topic.Attribute{"a": str("abc")}}, nil, ""},
		{"too long", false, topic.PublishInput[string]{Message: long + "x"}, topic.ErrInvalidParameter, "Invalid parameter: Message too long"},
		{"too long with attributes", false, topic.PublishInput[string]{Message: long[:topic.MaxMessageSize-9], Attributes: map[string]topic.Attribute{"a": str("abc")}},
			topic.ErrInvalidParameter, "Invalid parameter: Message too long"},
		{"empty", false, topic.PublishInput[string]{}, topic.ErrInvalidParameter, "Invalid parameter: Empty message"},
		{"not UTF-8", false, topic.PublishInput[string]{Message: "a\xffb"}, topic.ErrInvalidParameter, "Invalid parameter: Message"},
		{"subject 99", false, topic.PublishInput[string]{Message: "m", Subject: strings.Repeat("s", 99)}, nil, ""},
		{"subject 99 runes", false, topic.PublishInput[string]{Message: "m", Subject: strings.Repeat("é", 99)}, nil, ""},
		{"subject 100", false, topic.PublishInput[string]{Message: "m", Subject: strings.Repeat("s", 100)}, topic.ErrInvalidParameter, "Invalid parameter: Subject"},
		{"subject newline", false, topic.PublishInput[string]{Message: "m", Subject: "a\nb"}, topic.ErrInvalidParameter, "Invalid parameter: Subject"},
		{"subject tab", false, topic.PublishInput[string]{Message: "m", Subject: "a\tb"}, topic.ErrInvalidParameter, "Invalid parameter: Subject"},
		{"structure", false, topic.PublishInput[string]{Message: `{"default":"d","sqs":"q","http":1}`, MessageStructure: "json"}, nil, ""},
		{"structure no default", false, topic.PublishInput[string]{Message: `{"sqs":"q"}`, MessageStructure: "json"},
			topic.ErrInvalidParameter, "Invalid parameter: Message Structure - No default entry in JSON message body"},
		{"structure default not a string", false, topic.PublishInput[string]{Message: `{"default":1}`, MessageStructure: "json"},
			topic.ErrInvalidParameter, "Invalid parameter: Message Structure - No default entry in JSON message body"},
		{"structure not json", false, topic.PublishInput[string]{Message: `default`, MessageStructure: "json"},
			topic.ErrInvalidParameter, "Invalid parameter: Message Structure - JSON message body failed to parse"},
		{"structure array", false, topic.PublishInput[string]{Message: `["default"]`, MessageStructure: "json"},
			topic.ErrInvalidParameter, "Invalid parameter: Message Structure - JSON message body failed to parse"},
		{"dedup id on standard", false, topic.PublishInput[string]{Message: "m", DeduplicationID: "d"},
			topic.ErrInvalidParameter, "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type"},
		{"group id on standard", false, topic.PublishInput[string]{Message: "m", GroupID: "g"}, nil, ""},
		{"fifo", true, topic.PublishInput[string]{Message: "m", GroupID: "g", DeduplicationID: "d"}, nil, ""},
		{"fifo without group", true, topic.PublishInput[string]{Message: "m", DeduplicationID: "d"},
			topic.ErrInvalidParameter, "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"},
		{"fifo without dedup", true, topic.PublishInput[string]{Message: "m", GroupID: "g"},
			topic.ErrInvalidParameter, "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"},
		{"group id too long", true, topic.PublishInput[string]{Message: "m", GroupID: strings.Repeat("g", 129), DeduplicationID: "d"},
			topic.ErrInvalidParameter, "Invalid parameter: MessageGroupId Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg := topic.Config{Name: "t"}
			if c.fifo {
				cfg = topic.Config{Name: "t.fifo", FIFO: true}
			}
			tp := newTopic[string](t, cfg)
			q := newQueue(t, queue.Config[string]{Name: "q"})
			subscribe(t, tp, q, topic.SubscriptionConfig{})
			_, err := tp.Publish(c.in)
			got := len(drain(t, q))
			if c.want == nil {
				if err != nil || got != 1 {
					t.Fatalf("Publish: %v, %d delivered; want success", err, got)
				}
				return
			}
			checkErr(t, err, c.want, c.msg)
			if got != 0 {
				t.Errorf("a rejected message was delivered")
			}
		})
	}
}

func TestAttributeValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		attrs map[string]topic.Attribute
		want  error
		msg   string
	}{
		{"string", map[string]topic.Attribute{"a": str("x")}, nil, ""},
		{"custom suffix", map[string]topic.Attribute{"a": {DataType: "Number.float", StringValue: "1.5"}}, nil, ""},
		{"string array", map[string]topic.Attribute{"a": {DataType: "String.Array", StringValue: `["a", 1, true, null]`}}, nil, ""},
		{"binary", map[string]topic.Attribute{"a": {DataType: "Binary", BinaryValue: []byte{0, 1}}}, nil, ""},
		{"eleven attributes", elevenAttributes(), nil, ""},
		{"no data type", map[string]topic.Attribute{"attr1": {StringValue: "x"}}, topic.ErrValidation,
			"1 validation error detected: Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"},
		{"bad type", map[string]topic.Attribute{"attr1": {DataType: "Integer", StringValue: "1"}}, topic.ErrParameterValueInvalid,
			"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."},
		{"empty suffix", map[string]topic.Attribute{"attr1": {DataType: "String.", StringValue: "1"}}, topic.ErrParameterValueInvalid,
			"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."},
		{"lower-case type", map[string]topic.Attribute{"attr1": {DataType: "string", StringValue: "1"}}, topic.ErrParameterValueInvalid,
			"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."},
		{"empty string", map[string]topic.Attribute{"a": {DataType: "String"}}, topic.ErrParameterValueInvalid,
			"The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'."},
		{"empty number", map[string]topic.Attribute{"a": {DataType: "Number.int"}}, topic.ErrParameterValueInvalid,
			"The message attribute 'a' must contain non-empty message attribute value for message attribute type 'Number.int'."},
		{"binary in string", map[string]topic.Attribute{"a": {DataType: "String", BinaryValue: []byte{1}}}, topic.ErrParameterValueInvalid,
			"The message attribute 'a' with type 'String' must use field 'String'."},
		{"string in binary", map[string]topic.Attribute{"a": {DataType: "Binary.gif", StringValue: "x"}}, topic.ErrParameterValueInvalid,
			"The message attribute 'a' with type 'Binary.gif' must use field 'Binary'."},
		{"bad number", map[string]topic.Attribute{"a": {DataType: "Number", StringValue: "one"}}, topic.ErrParameterValueInvalid,
			"Can't cast the value of message (user) attribute 'a' to a number."},
		{"bad string array", map[string]topic.Attribute{"a": {DataType: "String.Array", StringValue: `"a"`}}, topic.ErrParameterValueInvalid,
			"The message attribute 'a' with type 'String.Array' must contain a JSON array."},
		{"name too long", map[string]topic.Attribute{strings.Repeat("n", 257): str("x")}, topic.ErrParameterValueInvalid,
			"Length of message attribute name must be less than 256 bytes."},
		{"name character", map[string]topic.Attribute{"a^b": str("x")}, topic.ErrParameterValueInvalid,
			"Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."},
		{"name non-ascii", map[string]topic.Attribute{"aé": str("x")}, topic.ErrParameterValueInvalid,
			"Invalid non-alphanumeric character '#xE9' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."},
		{"name leading dot", map[string]topic.Attribute{".a": str("x")}, topic.ErrParameterValueInvalid,
			"Invalid message attribute name starting with character '.' was found."},
		{"name trailing dot", map[string]topic.Attribute{"a.": str("x")}, topic.ErrParameterValueInvalid,
			"Invalid message attribute name ending with character '.' was found."},
		{"name double dot", map[string]topic.Attribute{"a..b": str("x")}, topic.ErrParameterValueInvalid,
			"Message attribute name can not have successive '.' character."},
		{"reserved name", map[string]topic.Attribute{"AWS.x": str("x")}, topic.ErrParameterValueInvalid,
			"You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'."},
		{"first bad name in order", map[string]topic.Attribute{"b.": str("x"), "a.": str("x")}, topic.ErrParameterValueInvalid,
			"Invalid message attribute name ending with character '.' was found."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tp := newTopic[string](t, topic.Config{Name: "t"})
			_, err := tp.Publish(topic.PublishInput[string]{Message: "m", Attributes: c.attrs})
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkErr(t, err, c.want, c.msg)
		})
	}
}

func elevenAttributes() map[string]topic.Attribute {
	m := map[string]topic.Attribute{}
	for _, k := range strings.Split("a b c d e f g h i j k", " ") {
		m[k] = str(k)
	}
	return m
}

func TestPublishBatchValidation(t *testing.T) {
	t.Parallel()
	entry := func(id string) topic.PublishBatchEntry[string] {
		return topic.PublishBatchEntry[string]{ID: id, PublishInput: topic.PublishInput[string]{Message: "m"}}
	}
	entries := func(n int) []topic.PublishBatchEntry[string] {
		var es []topic.PublishBatchEntry[string]
		for i := range n {
			es = append(es, entry(string(rune('a'+i))))
		}
		return es
	}
	big := func(id string, n int) topic.PublishBatchEntry[string] {
		return topic.PublishBatchEntry[string]{ID: id, PublishInput: topic.PublishInput[string]{Message: strings.Repeat("x", n)}}
	}
	badAttr := entry("b")
	badAttr.Attributes = map[string]topic.Attribute{"attr1": {StringValue: "x"}}
	cases := []struct {
		name    string
		entries []topic.PublishBatchEntry[string]
		want    error
		msg     string
	}{
		{"ten", entries(10), nil, ""},
		{"exactly 256 KiB in all", []topic.PublishBatchEntry[string]{big("a", 131072), big("b", 131072)}, nil, ""},
		{"none", nil, topic.ErrEmptyBatchRequest, "The batch request doesn't contain any entries."},
		{"eleven", entries(11), topic.ErrTooManyEntriesInBatchRequest, "The batch request contains more entries than permissible."},
		{"repeated id", []topic.PublishBatchEntry[string]{entry("a"), entry("b"), entry("a")}, topic.ErrBatchEntryIdsNotDistinct,
			"Two or more batch entries in the request have the same Id."},
		{"bad id", []topic.PublishBatchEntry[string]{entry("a"), entry("b.c")}, topic.ErrInvalidBatchEntryID,
			"The Id of a batch entry in the batch request contains an impermissible character: b.c"},
		{"empty id", []topic.PublishBatchEntry[string]{entry("")}, topic.ErrInvalidBatchEntryID,
			"The Id of a batch entry in the batch request contains an impermissible character: "},
		{"long id", []topic.PublishBatchEntry[string]{entry(strings.Repeat("i", 81))}, topic.ErrInvalidBatchEntryID,
			"The Id of a batch entry in the batch request is too long: " + strings.Repeat("i", 81)},
		{"too long in all", []topic.PublishBatchEntry[string]{big("a", 131072), big("b", 131073)}, topic.ErrBatchRequestTooLong,
			"The length of all the messages put together is more than the limit."},
		{"one entry too long", []topic.PublishBatchEntry[string]{big("a", topic.MaxMessageSize+1)}, topic.ErrBatchRequestTooLong,
			"The length of all the messages put together is more than the limit."},
		{"bad entry fails the batch", []topic.PublishBatchEntry[string]{entry("a"), badAttr}, topic.ErrValidation,
			"1 validation error detected: Value null at 'publishBatchRequestEntries.2.member.messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tp := newTopic[string](t, topic.Config{Name: "t"})
			q := newQueue(t, queue.Config[string]{Name: "q"})
			subscribe(t, tp, q, topic.SubscriptionConfig{RawMessageDelivery: true})
			res, err := tp.PublishBatch(c.entries)
			got := len(drain(t, q))
			if c.want == nil {
				if err != nil || len(res) != len(c.entries) || got != len(c.entries) {
					t.Fatalf("PublishBatch: %v, %d results, %d delivered", err, len(res), got)
				}
				for i, r := range res {
					if r.ID != c.entries[i].ID || r.MessageID == "" {
						t.Errorf("result %d = %+v", i, r)
					}
				}
				return
			}
			checkErr(t, err, c.want, c.msg)
			if got != 0 {
				t.Errorf("a rejected batch delivered %d messages", got)
			}
		})
	}
}

func TestSubscribeValidation(t *testing.T) {
	t.Parallel()
	std := newQueue(t, queue.Config[string]{Name: "std"})
	fifo := newQueue(t, queue.Config[string]{Name: "f.fifo", FIFO: true})
	handler := topic.HandlerFunc[string](func(context.Context, topic.Notification[string]) error { return nil })
	cases := []struct {
		name      string
		fifoTopic bool
		endpoint  any // a *queue.Queue[string] or a topic.Handler[string]
		cfg       topic.SubscriptionConfig
		msg       string
	}{
		{"queue", false, std, topic.SubscriptionConfig{}, ""},
		{"fifo queue to fifo topic", true, fifo, topic.SubscriptionConfig{}, ""},
		{"standard queue to fifo topic", true, std, topic.SubscriptionConfig{}, ""},
		{"fifo queue to standard topic", false, fifo, topic.SubscriptionConfig{},
			"Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"},
		{"filter", false, std, topic.SubscriptionConfig{FilterPolicy: `{"a":["b"]}`}, ""},
		{"bad filter", false, std, topic.SubscriptionConfig{FilterPolicy: `{"a":[]}`},
			"Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed"},
		{"nested filter on attributes", false, std, topic.SubscriptionConfig{FilterPolicy: `{"a":{"b":["c"]}}`}, "nested"},
		{"nested filter on body", false, std, topic.SubscriptionConfig{FilterPolicy: `{"a":{"b":["c"]}}`, FilterPolicyScope: topic.ScopeMessageBody}, ""},
		{"bad scope", false, std, topic.SubscriptionConfig{FilterPolicyScope: "Body"},
			"Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Body]. Please use either MessageBody or MessageAttributes"},
		{"handler", false, handler, topic.SubscriptionConfig{}, ""},
		{"handler on fifo topic", true, handler, topic.SubscriptionConfig{}, ""},
		{"raw on handler", false, handler, topic.SubscriptionConfig{RawMessageDelivery: true},
			"Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [true]. Raw message delivery is not supported for the lambda protocol."},
		{"standard dlq for fifo subscription", true, fifo, topic.SubscriptionConfig{DeadLetterQueue: std},
			"Invalid parameter: Attributes Reason: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic."},
		{"fifo dlq on standard topic", false, std, topic.SubscriptionConfig{DeadLetterQueue: fifo},
			"Invalid parameter: Attributes Reason: RedrivePolicy: must use a standard queue as DLQ for a standard Subscription."},
		{"no queue", false, (*queue.Queue[string])(nil), topic.SubscriptionConfig{}, "Invalid parameter: SQS endpoint ARN"},
		{"nil handler func", false, topic.HandlerFunc[string](nil), topic.SubscriptionConfig{}, "Invalid parameter: Endpoint"},
		{"handler with concurrency", false, handler, topic.SubscriptionConfig{Concurrency: 3}, ""},
		{"queue with concurrency", false, std, topic.SubscriptionConfig{Concurrency: 3},
			"Invalid parameter: Attributes Reason: Concurrency: applies to handler subscriptions only."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg := topic.Config{Name: "t"}
			if c.fifoTopic {
				cfg = topic.Config{Name: "t.fifo", FIFO: true}
			}
			tp := newTopic[string](t, cfg)
			var err error
			switch e := c.endpoint.(type) {
			case *queue.Queue[string]:
				_, err = tp.SubscribeQueue(e, c.cfg)
			case topic.Handler[string]:
				_, err = tp.SubscribeHandler(e, c.cfg)
			}
			switch c.msg {
			case "":
				if err != nil {
					t.Fatal(err)
				}
			case "nested": // the reason is the pattern package's; only the prefix is ours
				if !errors.Is(err, topic.ErrInvalidParameter) || !strings.HasPrefix(err.(*topic.Error).Message, "Invalid parameter: Attributes Reason: ") {
					t.Fatalf("error = %v", err)
				}
			default:
				checkErr(t, err, topic.ErrInvalidParameter, c.msg)
			}
			if c.msg != "" && len(tp.Subscriptions()) != 0 {
				t.Errorf("a rejected subscription was added")
			}
		})
	}
}

func TestSubscriptionLifecycle(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	q := newQueue(t, queue.Config[string]{Name: "q"})
	s := subscribe(t, tp, q, topic.SubscriptionConfig{FilterPolicy: `{"a":["b"]}`})
	if !strings.HasPrefix(s.ARN(), tp.ARN()+":") || len(s.ARN()) != len(tp.ARN())+37 {
		t.Errorf("subscription ARN %q is not the topic ARN, ':' and a UUID", s.ARN())
	}
	again, err := tp.SubscribeQueue(q, topic.SubscriptionConfig{FilterPolicy: `{"a":["b"]}`, FilterPolicyScope: topic.ScopeMessageAttributes})
	if err != nil || again != s {
		t.Fatalf("subscribing again with the same attributes = %v, %v; want the same subscription", again, err)
	}
	_, err = tp.SubscribeQueue(q, topic.SubscriptionConfig{})
	checkErr(t, err, topic.ErrInvalidParameter, "Invalid parameter: Attributes Reason: Subscription already exists with different attributes")
	if got, err := tp.Subscription(s.ARN()); err != nil || got != s {
		t.Fatalf("Subscription(arn) = %v, %v", got, err)
	}
	// A bad change is rejected with SetSubscriptionAttributes' prefix and
	// changes nothing.
	err = s.SetFilterPolicy(`{"a":[]}`)
	checkErr(t, err, topic.ErrInvalidParameter, "Invalid parameter: FilterPolicy: Empty arrays are not allowed")
	if got := s.Config().FilterPolicy; got != `{"a":["b"]}` {
		t.Errorf("filter policy after a rejected change = %q", got)
	}
	if err := s.SetFilterPolicyScope(topic.ScopeMessageBody); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRawMessageDelivery(true); err != nil {
		t.Fatal(err)
	}
	// Now the policy looks at the body, and what passes arrives raw.
	publish(t, tp, topic.PublishInput[string]{Message: "x", Attributes: map[string]topic.Attribute{"a": str("b")}})
	publish(t, tp, topic.PublishInput[string]{Message: `{"a":"b"}`})
	if got := bodies(drain(t, q)); len(got) != 1 || got[0] != `{"a":"b"}` {
		t.Errorf("after the changes the queue got %q, want the body that matches, raw", got)
	}
	cfg := s.Config()
	cfg.Concurrency = 2
	checkErr(t, s.SetConfig(cfg), topic.ErrInvalidParameter, "Invalid parameter: Concurrency: cannot be changed once subscribed.")
	if err := tp.Unsubscribe(s.ARN()); err != nil {
		t.Fatal(err)
	}
	checkErr(t, s.Unsubscribe(), topic.ErrNotFound, "Subscription does not exist")
	checkErr(t, s.SetFilterPolicy(""), topic.ErrNotFound, "Subscription does not exist")
	_, err = tp.Subscription(s.ARN())
	checkErr(t, err, topic.ErrNotFound, "Subscription does not exist")
	if n := len(tp.Subscriptions()); n != 0 {
		t.Errorf("%d subscriptions after unsubscribing", n)
	}
}

func TestClosedTopic(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	q := newQueue(t, queue.Config[string]{Name: "q"})
	subscribe(t, tp, q, topic.SubscriptionConfig{})
	if err := tp.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, err := tp.Publish(topic.PublishInput[string]{Message: "m"})
	checkErr(t, err, topic.ErrNotFound, "Topic does not exist")
	_, err = tp.PublishBatch([]topic.PublishBatchEntry[string]{{ID: "a", PublishInput: topic.PublishInput[string]{Message: "m"}}})
	checkErr(t, err, topic.ErrNotFound, "Topic does not exist")
	_, err = tp.SubscribeQueue(q, topic.SubscriptionConfig{})
	checkErr(t, err, topic.ErrNotFound, "Topic does not exist")
	if len(drain(t, q)) != 0 || len(tp.Subscriptions()) != 0 {
		t.Error("a closed topic delivered or kept its subscriptions")
	}
}

// Wrapped errors still match their sentinel.
func TestErrorsWrap(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	_, err := tp.Publish(topic.PublishInput[string]{})
	wrapped := errors.Join(errors.New("publishing"), err)
	if !errors.Is(wrapped, topic.ErrInvalidParameter) || errors.Is(wrapped, topic.ErrNotFound) {
		t.Errorf("wrapped %v does not classify", err)
	}
}
