package wire

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/awserr"
)

type echoInput struct {
	Name string `json:"Name"`
}

type echoOutput struct {
	Greeting string `json:"Greeting"`
}

var errNoName = awserr.New("InvalidArgumentException", "InvalidArgumentException", 400, "Name is required.")

func echoService() JSONService {
	return JSONService{
		Protocol: JSONProtocol{ContentType: "application/x-amz-json-1.1"},
		Operations: map[string]Operation{
			"Echo": Op(func(_ context.Context, in *echoInput) (echoOutput, error) {
				if in.Name == "" {
					return echoOutput{}, errNoName
				}
				return echoOutput{Greeting: "hello " + in.Name}, nil
			}),
		},
	}
}

func TestJSONServiceServesAndCallsTheSameOperations(t *testing.T) {
	s := echoService()
	tests := []struct {
		name, operation, body string
		status                int
		reply                 string
	}{
		{"output", "Echo", `{"Name":"ann"}`, 200, `{"Greeting":"hello ann"}`},
		{"empty body is an empty input", "Echo", ``, 400, `{"__type":"InvalidArgumentException","message":"Name is required."}`},
		{"wrong member type", "Echo", `{"Name":1}`, 400, `{"__type":"SerializationException","message":"Failed to deserialize the value of member Name: unexpected JSON number."}`},
		{"broken JSON", "Echo", `{"Name"`, 400, `{"__type":"SerializationException","message":"The request body is not valid JSON (at byte 7)."}`},
		{"unknown operation", "Nope", `{}`, 400, `{"__type":"UnknownOperationException"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			s.ServeJSON(w, httptest.NewRequest("POST", "/", strings.NewReader(tt.body)), tt.operation, []byte(tt.body))
			if w.Code != tt.status || w.Body.String() != tt.reply {
				t.Fatalf("ServeJSON = %d %s, want %d %s", w.Code, w.Body, tt.status, tt.reply)
			}
			out, err := s.Call(context.Background(), tt.operation, []byte(tt.body))
			if tt.status == 200 {
				if err != nil || string(out) != tt.reply {
					t.Fatalf("Call = %s, %v; want %s", out, err, tt.reply)
				}
				return
			}
			var ae *awserr.Error
			if !errors.As(err, &ae) || !strings.Contains(tt.reply, `"`+ae.ShapeName()+`"`) {
				t.Fatalf("Call error = %v, want the error of %s", err, tt.reply)
			}
		})
	}
}
