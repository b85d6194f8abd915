package lambdaapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/uuid"
)

// Read-only views of the registered functions: GetFunction,
// GetFunctionConfiguration and ListFunctions. A registered function looks
// like a function of the provided.al2023 runtime with Lambda's default
// settings; it has no code to download.

// functionConfiguration is the model's FunctionConfiguration.
type functionConfiguration struct {
	FunctionName     string           `json:"FunctionName"`
	FunctionArn      string           `json:"FunctionArn"`
	Runtime          string           `json:"Runtime"`
	Role             string           `json:"Role"`
	Handler          string           `json:"Handler"`
	CodeSize         int64            `json:"CodeSize"`
	Description      string           `json:"Description"`
	Timeout          int32            `json:"Timeout"`
	MemorySize       int32            `json:"MemorySize"`
	LastModified     string           `json:"LastModified"`
	CodeSha256       string           `json:"CodeSha256"`
	Version          string           `json:"Version"`
	TracingConfig    tracingConfig    `json:"TracingConfig"`
	RevisionID       string           `json:"RevisionId"`
	State            string           `json:"State"`
	LastUpdateStatus string           `json:"LastUpdateStatus"`
	PackageType      string           `json:"PackageType"`
	Architectures    []string         `json:"Architectures"`
	EphemeralStorage ephemeralStorage `json:"EphemeralStorage"`
	LoggingConfig    loggingConfig    `json:"LoggingConfig"`
	SnapStart        snapStart        `json:"SnapStart"`
}

type tracingConfig struct {
	Mode string `json:"Mode"`
}

type ephemeralStorage struct {
	Size int32 `json:"Size"`
}

type loggingConfig struct {
	LogFormat string `json:"LogFormat"`
	LogGroup  string `json:"LogGroup"`
}

type snapStart struct {
	ApplyOn            string `json:"ApplyOn"`
	OptimizationStatus string `json:"OptimizationStatus"`
}

// lambdaTimeFormat is how FunctionConfiguration writes LastModified.
const lambdaTimeFormat = "2006-01-02T15:04:05.000-0700"

// configuration describes the function f names. Its code hash and
// revision id are derived from the ARN, so that they are stable.
func (s *Service) configuration(f functionRef) functionConfiguration {
	sum := sha256.Sum256([]byte(f.arn))
	hi, lo := uuid.Stamp(binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:16]), 4)
	arn := f.arn
	if f.qualifier != "" {
		arn = f.qualifiedARN()
	}
	return functionConfiguration{
		FunctionName:     f.name,
		FunctionArn:      arn,
		Runtime:          "provided.al2023",
		Role:             s.roleARN(),
		Handler:          "bootstrap",
		Description:      "",
		Timeout:          3,
		MemorySize:       128,
		LastModified:     s.started.UTC().Format(lambdaTimeFormat),
		CodeSha256:       base64.StdEncoding.EncodeToString(sum[:]),
		Version:          "$LATEST",
		TracingConfig:    tracingConfig{Mode: "PassThrough"},
		RevisionID:       uuid.String(hi, lo),
		State:            "Active",
		LastUpdateStatus: "Successful",
		PackageType:      "Zip",
		Architectures:    []string{"x86_64"},
		EphemeralStorage: ephemeralStorage{Size: 512},
		LoggingConfig:    loggingConfig{LogFormat: "Text", LogGroup: "/aws/lambda/" + f.name},
		SnapStart:        snapStart{ApplyOn: "None", OptimizationStatus: "Off"},
	}
}

// roleARN is the execution role every function reports, and the identity
// stream events name as their invoker.
func (s *Service) roleARN() string {
	return "arn:aws:iam::" + s.account + ":role/switchyard-function"
}

// getFunctionOutput is GetFunction's output.
type getFunctionOutput struct {
	Configuration functionConfiguration `json:"Configuration"`
	Code          functionCodeLocation  `json:"Code"`
}

type functionCodeLocation struct {
	RepositoryType string `json:"RepositoryType"`
	Location       string `json:"Location"`
}

// resolveFunction reads a function path parameter and the Qualifier query
// parameter, and checks the function is registered.
func (s *Service) resolveFunction(r *http.Request, name string) (functionRef, error) {
	ref, err := s.parseFunctionName(name, "functionName", maxInvokeFunctionName)
	if err != nil {
		return ref, err
	}
	if ref, err = withQualifier(ref, queryParam(r, "Qualifier")); err != nil {
		return ref, err
	}
	_, err = s.lookup(ref)
	return ref, err
}

// serveGetFunction answers GetFunction.
func (s *Service) serveGetFunction(w http.ResponseWriter, r *http.Request, requestID, name string) {
	ref, err := s.resolveFunction(r, name)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	writeJSON(w, requestID, http.StatusOK, getFunctionOutput{
		Configuration: s.configuration(ref),
		Code: functionCodeLocation{
			RepositoryType: "S3",
			Location:       "https://awslambda-" + s.region + "-tasks.s3." + s.region + ".amazonaws.com/snapshots/" + s.account + "/" + ref.name,
		},
	})
}

// serveGetFunctionConfiguration answers GetFunctionConfiguration.
func (s *Service) serveGetFunctionConfiguration(w http.ResponseWriter, r *http.Request, requestID, name string) {
	ref, err := s.resolveFunction(r, name)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	writeJSON(w, requestID, http.StatusOK, s.configuration(ref))
}

// listFunctionsOutput is ListFunctions' output.
type listFunctionsOutput struct {
	Functions  []functionConfiguration `json:"Functions"`
	NextMarker string                  `json:"NextMarker,omitempty"`
}

// Page sizes of ListFunctions.
const (
	defaultListFunctions = 50
	maxListItems         = 10000
)

// serveListFunctions answers ListFunctions: the registered functions in
// name order, MaxItems at a time; a Marker is the name the page starts
// at.
func (s *Service) serveListFunctions(w http.ResponseWriter, r *http.Request, requestID string) {
	limit, err := maxItems(r, defaultListFunctions)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	if v := queryParam(r, "FunctionVersion"); v != nil && *v != "ALL" {
		var vs awserr.Violations
		vs.AddString(*v, "functionVersion", awserr.Enum("ALL"))
		writeError(w, requestID, vs.Err(ErrValidation))
		return
	}
	var refs []functionRef
	for _, arn := range s.functionARNs() {
		name := arn[strings.LastIndexByte(arn, ':')+1:]
		refs = append(refs, functionRef{name: name, arn: arn})
	}
	slices.SortFunc(refs, func(a, b functionRef) int { return strings.Compare(a.name, b.name) })
	if m := queryParam(r, "Marker"); m != nil {
		i, _ := slices.BinarySearchFunc(refs, *m, func(f functionRef, name string) int { return strings.Compare(f.name, name) })
		refs = refs[i:]
	}
	out := listFunctionsOutput{Functions: []functionConfiguration{}}
	for i, ref := range refs {
		if i == limit {
			out.NextMarker = ref.name
			break
		}
		out.Functions = append(out.Functions, s.configuration(ref))
	}
	writeJSON(w, requestID, http.StatusOK, out)
}

// maxItems reads a MaxItems query parameter: 1–10,000, def when absent.
func maxItems(r *http.Request, def int) (int, error) {
	v := queryParam(r, "MaxItems")
	if v == nil {
		return def, nil
	}
	n, err := strconv.Atoi(*v)
	if err != nil {
		return 0, ErrInvalidRequestContent.Errorf("Could not parse request: MaxItems %q is not an integer.", *v)
	}
	var vs awserr.Violations
	switch {
	case n < 1:
		vs.AddInt(n, "maxItems", awserr.ValueAtLeast(1))
	case n > maxListItems:
		vs.AddInt(n, "maxItems", awserr.ValueAtMost(maxListItems))
	}
	return n, vs.Err(ErrValidation)
}
