package firehose

import (
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// partitioner takes a record's dynamic partitioning keys.
type partitioner struct {
	names     []string // the query's key names, sorted
	paths     []jqPath // their paths
	queryFunc func([]byte) (map[string]string, error)
	// needQuery and needProcessor are the keys the Prefix reads: a record
	// without one of them cannot be partitioned.
	needQuery, needProcessor []string
}

// route is where a record goes: its partition and keys, or the failure
// that sends it to the error output instead.
type route struct {
	key  string
	keys PartitionKeys
	fail *failure
}

// failure is why a record went to the error output.
type failure struct {
	code, message string
}

var errMetadataExtraction = &failure{
	code:    "DynamicPartitioning.MetadataExtractionFailed",
	message: "Non JSON record provided or partition keys could not be extracted from the record.",
}

// routes returns the routes of records taken by a put call, or nil when
// they are routed later (after the processor) or not at all.
func (s *settings) routes(records [][]byte) []route {
	if s.partitioner == nil || s.processor != nil {
		return nil
	}
	out := make([]route, len(records))
	for i, r := range records {
		out[i] = s.partitioner.route(r, nil)
	}
	return out
}

// route takes a record's keys: from the query (or QueryFunc) and from the
// processor's result, fromProcessor.
func (p *partitioner) route(data []byte, fromProcessor map[string]string) route {
	var keys PartitionKeys
	switch {
	case p.queryFunc != nil:
		q, err := p.queryFunc(data)
		if err != nil {
			return route{fail: &failure{code: errMetadataExtraction.code, message: err.Error()}}
		}
		keys.Query = q
	case len(p.paths) > 0:
		doc, err := jsonvalue.Decode(data)
		if err != nil {
			return route{fail: errMetadataExtraction}
		}
		keys.Query = make(map[string]string, len(p.paths))
		for i, path := range p.paths {
			v, ok := path.lookup(doc)
			if !ok {
				return route{fail: errMetadataExtraction}
			}
			keys.Query[p.names[i]] = v
		}
	}
	keys.Processor = fromProcessor
	if f := missingKey(keys.Query, p.needQuery); f != nil {
		return route{fail: f}
	}
	if f := missingKey(keys.Processor, p.needProcessor); f != nil {
		return route{fail: f}
	}
	return route{key: partitionKey(keys), keys: keys}
}

// missingKey returns the failure of a record whose keys lack one of
// need, or have it empty, or nil.
func missingKey(keys map[string]string, need []string) *failure {
	for _, k := range need {
		if keys[k] == "" {
			return &failure{code: errMetadataExtraction.code, message: "partitionKeys values must not be null or empty: " + k}
		}
	}
	return nil
}

// partitionKey returns the text that tells one partition from another.
func partitionKey(k PartitionKeys) string {
	var b strings.Builder
	for _, m := range []map[string]string{k.Query, k.Processor} {
		for _, name := range slices.Sorted(maps.Keys(m)) {
			b.WriteString(name)
			b.WriteByte(0)
			b.WriteString(m[name])
			b.WriteByte(0)
		}
		b.WriteByte(1)
	}
	return b.String()
}

// routeLocked adds a record to its partition's delivery buffer, or sends
// it to the error output when its keys could not be taken or it would
// open a partition beyond the 500 AWS keeps active.
func (ds *DeliveryStream) routeLocked(p pending, data []byte, r *route) {
	if r == nil {
		ds.appendLocked(ds.bufferLocked(deliveryStage, "", PartitionKeys{}), p, data)
		return
	}
	if r.fail == nil && ds.parts[r.key] == nil && len(ds.parts) >= MaxActivePartitions {
		r.fail = &failure{code: "DynamicPartitioning.ActivePartitionsLimitExceeded", message: "The number of active partitions exceeds the limit of 500."}
	}
	if r.fail != nil {
		ds.failLocked(partitioningFailed, p, data, r.fail, 1)
		return
	}
	ds.appendLocked(ds.bufferLocked(deliveryStage, r.key, r.keys), p, data)
}
