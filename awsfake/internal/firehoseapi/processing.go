package firehoseapi

import (
	"strconv"

	"github.com/switchyard/switchyard/firehose"
)

// processing is what a ProcessingConfiguration gives the engine: a Lambda
// processor, the newline delimiter, the partition keys of a
// MetadataExtraction query.
type processing struct {
	lambda          *firehose.Processing
	appendDelimiter bool
	// query maps partition key names to jq paths; nil without a
	// MetadataExtraction processor.
	query map[string]string
}

// The processor types and parameters the engine has.
const (
	lambdaProcessor          = "Lambda"
	metadataExtraction       = "MetadataExtraction"
	appendDelimiterToRecord  = "AppendDelimiterToRecord"
	supportedJSONParsingRule = "JQ-1.6"
)

// processing maps a ProcessingConfiguration, whose model constraints hold,
// to the engine's settings. A configuration that is not enabled processes
// nothing (but is kept, and described, as given).
func (s *Service) processing(p *processingConfiguration) (processing, error) {
	var out processing
	if p == nil || !deref(p.Enabled, false) {
		return out, nil
	}
	for _, proc := range p.Processors {
		params := make(map[string]string, len(proc.Parameters))
		for _, param := range proc.Parameters {
			name := *param.ParameterName
			if _, dup := params[name]; dup {
				return out, invalid("Processor %s has more than one %s parameter.", *proc.Type, name)
			}
			params[name] = *param.ParameterValue
		}
		var err error
		switch typ := *proc.Type; typ {
		case lambdaProcessor:
			if out.lambda != nil {
				return out, notImplemented("more than one Lambda processor")
			}
			out.lambda, err = s.lambdaProcessing(params)
		case metadataExtraction:
			if out.query != nil {
				return out, notImplemented("more than one MetadataExtraction processor")
			}
			out.query, err = metadataQuery(params)
		case appendDelimiterToRecord:
			err = onlyParameters(typ, params)
			out.appendDelimiter = true
		default:
			err = notImplemented("the " + typ + " processor")
		}
		if err != nil {
			return processing{}, err
		}
	}
	return out, nil
}

// onlyParameters refuses any parameter of typ but those allowed.
func onlyParameters(typ string, params map[string]string, allowed ...string) error {
	for name := range params {
		ok := false
		for _, a := range allowed {
			ok = ok || name == a
		}
		if !ok {
			return invalid("Parameter %s is not supported for processor type %s.", name, typ)
		}
	}
	return nil
}

// lambdaProcessing maps a Lambda processor's parameters. The function is
// looked up by its ARN at each invocation, so that it may be registered
// after the delivery stream is made; one that is not there fails the
// invocation as a function error would.
func (s *Service) lambdaProcessing(params map[string]string) (*firehose.Processing, error) {
	if err := onlyParameters(lambdaProcessor, params, "LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"); err != nil {
		return nil, err
	}
	arn, ok := params["LambdaArn"]
	if !ok {
		return nil, invalid("The LambdaArn parameter is required for processor type Lambda.")
	}
	p := &firehose.Processing{Processor: lambdaFunction{arn: arn, resolve: s.function}, LambdaARN: arn}
	if v, ok := params["NumberOfRetries"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, invalid("NumberOfRetries must be an integer between 0 and %d.", firehose.MaxProcessorRetries)
		}
		p.NumberOfRetries = firehose.Retries(n)
	}
	if v, ok := params["BufferSizeInMBs"]; ok {
		mb, err := strconv.ParseFloat(v, 64)
		if err != nil || mb == 0 {
			return nil, invalid("BufferSizeInMBs must be a number between 0.2 and 3.")
		}
		p.BufferSizeInMBs = mb
	}
	if v, ok := params["BufferIntervalInSeconds"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n == 0 {
			return nil, invalid("BufferIntervalInSeconds must be an integer between 60 and 900.")
		}
		p.BufferIntervalInSeconds = n
	}
	return p, nil
}

// metadataQuery maps a MetadataExtraction processor's parameters to
// partition key paths.
func metadataQuery(params map[string]string) (map[string]string, error) {
	if err := onlyParameters(metadataExtraction, params, "MetadataExtractionQuery", "JsonParsingEngine"); err != nil {
		return nil, err
	}
	if engine, ok := params["JsonParsingEngine"]; ok && engine != supportedJSONParsingRule {
		return nil, invalid("JsonParsingEngine must be %s.", supportedJSONParsingRule)
	}
	q, ok := params["MetadataExtractionQuery"]
	if !ok {
		return nil, invalid("The MetadataExtractionQuery parameter is required for processor type MetadataExtraction.")
	}
	return parseQuery(q)
}
