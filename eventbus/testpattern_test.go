package eventbus_test

import (
	"testing"

	"github.com/switchyard/switchyard/eventbus"
)

// ec2Event is the EC2 state-change event of EventBridge's documentation.
const ec2Event = `{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1","resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],"detail":{"instance-id":"i-1234567890abcdef0","state":"terminated","ip":"10.0.0.12","count":5,"nothing":null,"empty":"","tags":["a","b"]}}`

func TestTestEventPattern(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern string
		want    bool
	}{
		{`{"source":["aws.ec2"]}`, true},
		{`{"source":["aws.s3"]}`, false},
		{`{"detail-type":[{"prefix":"EC2 Instance"}],"detail":{"state":["terminated","stopped"]}}`, true},
		{`{"detail":{"state":[{"anything-but":"terminated"}]}}`, false},
		{`{"detail":{"state":[{"anything-but":{"prefix":"run"}}]}}`, true},
		{`{"detail":{"state":[{"suffix":{"equals-ignore-case":"NATED"}}]}}`, true},
		{`{"detail":{"state":[{"wildcard":"ter*ted"}]}}`, true},
		{`{"detail":{"count":[{"numeric":[">",4,"<=",5]}]}}`, true},
		{`{"detail":{"count":[5.0]}}`, true},
		{`{"detail":{"count":["5"]}}`, false},
		{`{"detail":{"ip":[{"cidr":"10.0.0.0/24"}]}}`, true},
		{`{"detail":{"nothing":[null]}}`, true},
		{`{"detail":{"empty":[null]}}`, false},
		{`{"detail":{"empty":[""]}}`, true},
		{`{"detail":{"missing":[null]}}`, false},
		{`{"detail":{"missing":[{"exists":false}]}}`, true},
		{`{"detail":{"nothing":[{"exists":true}]}}`, true},
		{`{"detail":{"tags":["b"]}}`, true},
		{`{"$or":[{"source":["aws.s3"]},{"detail":{"count":[5]}}]}`, true},
		{`{"resources":[{"wildcard":"arn:aws:ec2:*:instance/*"}]}`, true},
	}
	for _, tt := range tests {
		got, err := eventbus.TestEventPattern(tt.pattern, ec2Event)
		if err != nil || got != tt.want {
			t.Errorf("TestEventPattern(%s) = %v, %v; want %v", tt.pattern, got, err, tt.want)
		}
	}
}

func TestTestEventPatternErrors(t *testing.T) {
	t.Parallel()
	_, err := eventbus.TestEventPattern(`{"source":"aws.ec2"}`, ec2Event)
	wantCode(t, err, eventbus.ErrInvalidEventPattern, `Event pattern is not valid. Reason: "source" must be an object or an array`)
	for _, event := range []string{
		`not json`,
		`[]`,
		`{"id":"1","account":"a","source":"s","time":"t","region":"r"}`, // no detail-type
		`{"account":"a","source":"s","time":"t","region":"r","detail-type":"d"}`,
	} {
		_, err := eventbus.TestEventPattern(`{"source":["s"]}`, event)
		wantCode(t, err, eventbus.ErrValidation, "Parameter Event is not valid.")
	}
	// resources is not required.
	if ok, err := eventbus.TestEventPattern(`{"source":["s"]}`, `{"id":"1","account":"a","source":"s","time":"t","region":"r","detail-type":"d"}`); !ok || err != nil {
		t.Errorf("an event without resources: %v, %v", ok, err)
	}
}
