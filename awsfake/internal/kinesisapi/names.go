package kinesisapi

import (
	"encoding/base64"
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stream"
)

// Which stream a request names: by StreamName, by StreamARN, or by both if
// they agree; by a consumer's ARN, which holds its stream's; or by a token
// the service issued.

// The model's patterns, as AWS quotes them in validation messages.
const (
	namePattern        = `[a-zA-Z0-9_.-]+`
	streamARNPattern   = `arn:aws.*:kinesis:.*:\d{12}:stream/\S+`
	consumerARNPattern = `^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+`
	maxARNLength       = 2048
)

// Compiled once; a Regexp is safe for concurrent use.
var (
	streamARNRegexp   = regexp.MustCompile(`^` + streamARNPattern + `$`)
	consumerARNRegexp = regexp.MustCompile(consumerARNPattern)
)

// streamRef is how a request names its stream.
type streamRef struct {
	StreamName string `json:"StreamName"`
	StreamARN  string `json:"StreamARN"`
}

// checkName records the ways a stream or consumer name breaks the model's
// pattern and length.
func checkName(vs *awserr.Violations, at, name string) {
	if !validName(name) {
		vs.AddString(name, at, awserr.Pattern(namePattern))
	}
	switch {
	case name == "":
		vs.AddString(name, at, awserr.LengthAtLeast(1))
	case len(name) > stream.MaxNameLength:
		vs.AddString(name, at, awserr.LengthAtMost(stream.MaxNameLength))
	}
}

// validName reports whether name matches [a-zA-Z0-9_.-]+.
func validName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return name != ""
}

// checkARN records the ways arn breaks a pattern and the ARN length.
func checkARN(vs *awserr.Violations, at, arn, pattern string, re *regexp.Regexp) {
	if !re.MatchString(arn) {
		vs.AddString(arn, at, awserr.Pattern(pattern))
	}
	switch {
	case arn == "":
		vs.AddString(arn, at, awserr.LengthAtLeast(1))
	case len(arn) > maxARNLength:
		vs.AddString(arn, at, awserr.LengthAtMost(maxARNLength))
	}
}

// check records the ways the reference breaks the model.
func (ref streamRef) check(vs *awserr.Violations) {
	if ref.StreamName != "" {
		checkName(vs, "streamName", ref.StreamName)
	}
	if ref.StreamARN != "" {
		checkARN(vs, "streamARN", ref.StreamARN, streamARNPattern, streamARNRegexp)
	}
}

// nameOf returns the name of the stream the reference names, with AWS's
// errors for a reference that names none or breaks the model.
func (s *Service) nameOf(ref streamRef) (string, error) {
	var vs awserr.Violations
	ref.check(&vs)
	if err := vs.Err(stream.ErrValidation); err != nil {
		return "", err
	}
	switch {
	case ref.StreamName == "" && ref.StreamARN == "":
		return "", errNoStream.Clone()
	case ref.StreamARN == "":
		return ref.StreamName, nil
	}
	name, ok := s.streamNameOfARN(ref.StreamARN)
	if !ok {
		return "", s.streamNotFoundARN(ref.StreamARN)
	}
	if ref.StreamName != "" && ref.StreamName != name {
		return "", errNameAndARNDiffer.Errorf("StreamName %s does not match the stream named by StreamARN %s.", ref.StreamName, ref.StreamARN)
	}
	return name, nil
}

// streamOf returns the stream the reference names.
func (s *Service) streamOf(ref streamRef) (*entry, error) {
	name, err := s.nameOf(ref)
	if err != nil {
		return nil, err
	}
	return s.streamNamed(name)
}

// streamNamed returns the stream called name, or ResourceNotFoundException.
func (s *Service) streamNamed(name string) (*entry, error) {
	e := s.entry(name)
	if e == nil {
		return nil, s.streamNotFound(name)
	}
	return e, nil
}

// streamNameOfARN returns the name in a stream ARN of this account and
// region, and false for any other string.
func (s *Service) streamNameOfARN(arn string) (string, bool) {
	rest, ok := strings.CutPrefix(arn, s.arnPrefix()+"stream/")
	if !ok || !validName(rest) || len(rest) > stream.MaxNameLength {
		return "", false
	}
	return rest, true
}

// streamNameOfConsumerARN returns the name of the stream in a consumer ARN
// of this account and region (…:stream/<name>/consumer/<consumer>:<time>),
// and false for any other string.
func (s *Service) streamNameOfConsumerARN(arn string) (string, bool) {
	rest, ok := strings.CutPrefix(arn, s.arnPrefix()+"stream/")
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, "/consumer/")
	if !ok || !validName(name) || len(name) > stream.MaxNameLength {
		return "", false
	}
	return name, true
}

// arnPrefix is what every Kinesis ARN of the service starts with.
func (s *Service) arnPrefix() string {
	return "arn:aws:kinesis:" + s.region + ":" + s.account + ":"
}

// streamByConsumerARN returns the stream of a consumer ARN, with the
// model's error for a malformed ARN (at the member at) and
// ResourceNotFoundException for one that names no stream of the service.
func (s *Service) streamByConsumerARN(at, arn string) (*entry, error) {
	var vs awserr.Violations
	checkARN(&vs, at, arn, consumerARNPattern, consumerARNRegexp)
	if err := vs.Err(stream.ErrValidation); err != nil {
		return nil, err
	}
	name, ok := s.streamNameOfConsumerARN(arn)
	if !ok {
		return nil, stream.ErrResourceNotFound.Errorf("Consumer %s under account %s not found.", arn, s.account)
	}
	return s.streamNamed(name)
}

// Tokens. The engine's shard iterators and ListShards NextTokens are
// opaque and valid only for the stream that issued them, but GetRecords,
// and ListShards with a NextToken, name no stream: so the service hands
// out the engine's token with the stream's name, base64-encoded as AWS's
// tokens are. A stream name holds no NUL, so the first NUL ends it.

// sealToken returns the token the service hands out for an engine token
// of the stream called name.
func sealToken(name, token string) string {
	b := make([]byte, 0, len(name)+1+len(token))
	b = append(append(append(b, name...), 0), token...)
	return base64.StdEncoding.EncodeToString(b)
}

// openToken returns the stream name and engine token in a token the
// service handed out, and false for any other string.
func openToken(token string) (name, engineToken string, ok bool) {
	b, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return "", "", false
	}
	name, engineToken, ok = strings.Cut(string(b), "\x00")
	if !ok || !validName(name) || engineToken == "" {
		return "", "", false
	}
	return name, engineToken, true
}
