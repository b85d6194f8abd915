package sfnapi

import "slices"

// loggingConfiguration is a state machine's CloudWatch Logs settings:
// stored and returned, never acted on.
type loggingConfiguration struct {
	Level                string           `json:"level,omitempty"`
	IncludeExecutionData bool             `json:"includeExecutionData"`
	Destinations         []logDestination `json:"destinations,omitempty"`
}

type logDestination struct {
	CloudWatchLogsLogGroup *logGroup `json:"cloudWatchLogsLogGroup,omitempty"`
}

type logGroup struct {
	LogGroupARN string `json:"logGroupArn,omitempty"`
}

// tracingConfiguration is a state machine's X-Ray setting.
type tracingConfiguration struct {
	Enabled bool `json:"enabled"`
}

// encryptionConfiguration is a state machine's or activity's KMS
// settings: stored and returned, nothing is encrypted.
type encryptionConfiguration struct {
	KMSKeyID                     string `json:"kmsKeyId,omitempty"`
	KMSDataKeyReusePeriodSeconds *int   `json:"kmsDataKeyReusePeriodSeconds,omitempty"`
	Type                         string `json:"type"`
}

// The log levels and encryption types of the model.
var (
	logLevels       = []string{"ALL", "ERROR", "FATAL", "OFF"}
	encryptionTypes = []string{"AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"}
)

// normalized returns the configuration with AWS's defaults (level OFF),
// or the default configuration for nil, after checking it: a level other
// than OFF needs exactly one destination.
func (l *loggingConfiguration) normalized(c *checks) (loggingConfiguration, error) {
	if l == nil {
		return loggingConfiguration{Level: "OFF"}, nil
	}
	out := *l
	if out.Level == "" {
		out.Level = "OFF"
	}
	c.enum(out.Level, "loggingConfiguration.level", logLevels...)
	if err := c.err(); err != nil {
		return out, err
	}
	if len(out.Destinations) > 1 || (out.Level != "OFF" && len(out.Destinations) == 0) {
		return out, errInvalidLogging.WithMessage("Invalid Logging Configuration: Must specify exactly one Log Destination.")
	}
	for _, d := range out.Destinations {
		if d.CloudWatchLogsLogGroup == nil || d.CloudWatchLogsLogGroup.LogGroupARN == "" {
			return out, errInvalidLogging.WithMessage("Invalid Logging Configuration: Log Destination must name a CloudWatch Logs log group ARN.")
		}
	}
	out.Destinations = slices.Clone(out.Destinations)
	return out, nil
}

// equal reports whether two normalized configurations are the same.
func (l loggingConfiguration) equal(o loggingConfiguration) bool {
	return l.Level == o.Level && l.IncludeExecutionData == o.IncludeExecutionData &&
		slices.EqualFunc(l.Destinations, o.Destinations, func(a, b logDestination) bool {
			return *a.CloudWatchLogsLogGroup == *b.CloudWatchLogsLogGroup
		})
}

// checked returns a copy of an encryption configuration after checking
// it, or nil for none.
func (e *encryptionConfiguration) checked(c *checks) (*encryptionConfiguration, error) {
	if e == nil {
		return nil, nil
	}
	c.enum(e.Type, "encryptionConfiguration.type", encryptionTypes...)
	if e.KMSDataKeyReusePeriodSeconds != nil {
		c.intRange(*e.KMSDataKeyReusePeriodSeconds, "encryptionConfiguration.kmsDataKeyReusePeriodSeconds", 60, 900)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if e.Type == "CUSTOMER_MANAGED_KMS_KEY" && e.KMSKeyID == "" {
		return nil, errInvalidEncryption.WithMessage("Invalid Encryption Configuration: a kmsKeyId is required for the type CUSTOMER_MANAGED_KMS_KEY.")
	}
	cp := *e
	return &cp, nil
}

// sameSettings reports whether a CreateStateMachine of an existing
// machine is the same request again, as AWS decides it: the same
// definition, type, logging and tracing (a different role or tags do not
// count).
func sameSettings(a, b machineSettings) bool {
	return a.definition == b.definition && a.logging.equal(b.logging) && a.tracing == b.tracing
}
