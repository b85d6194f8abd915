package firehoseapi

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
)

// UpdateDestination.

type updateDestinationInput struct {
	DeliveryStreamName             *string                        `json:"DeliveryStreamName"`
	CurrentDeliveryStreamVersionID *string                        `json:"CurrentDeliveryStreamVersionId"`
	DestinationID                  *string                        `json:"DestinationId"`
	S3DestinationUpdate            *s3Fields                      `json:"S3DestinationUpdate"`
	ExtendedS3DestinationUpdate    *extendedS3Update              `json:"ExtendedS3DestinationUpdate"`
	HTTPEndpointDestinationUpdate  *httpEndpointDestinationUpdate `json:"HttpEndpointDestinationUpdate"`

	// The destinations there is no engine for.
	RedshiftDestinationUpdate                   json.RawMessage `json:"RedshiftDestinationUpdate"`
	ElasticsearchDestinationUpdate              json.RawMessage `json:"ElasticsearchDestinationUpdate"`
	AmazonopensearchserviceDestinationUpdate    json.RawMessage `json:"AmazonopensearchserviceDestinationUpdate"`
	AmazonOpenSearchServerlessDestinationUpdate json.RawMessage `json:"AmazonOpenSearchServerlessDestinationUpdate"`
	SplunkDestinationUpdate                     json.RawMessage `json:"SplunkDestinationUpdate"`
	SnowflakeDestinationUpdate                  json.RawMessage `json:"SnowflakeDestinationUpdate"`
	IcebergDestinationUpdate                    json.RawMessage `json:"IcebergDestinationUpdate"`
}

func (in *updateDestinationInput) check() error {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	c.required(in.CurrentDeliveryStreamVersionID, "currentDeliveryStreamVersionId", 1, 50, versionIDPattern, versionIDRE, false)
	c.required(in.DestinationID, "destinationId", 1, 100, destinationIDPattern, destinationIDRE, false)
	c.s3Fields(in.S3DestinationUpdate, "s3DestinationUpdate", false)
	if u := in.ExtendedS3DestinationUpdate; u != nil {
		c.extendedFields(&u.extendedFields, "extendedS3DestinationUpdate", false)
		c.s3Fields(u.S3BackupUpdate, "extendedS3DestinationUpdate.s3BackupUpdate", false)
	}
	if u := in.HTTPEndpointDestinationUpdate; u != nil {
		c.httpFields(&u.httpFields, "httpEndpointDestinationUpdate", false)
		c.s3Fields(u.S3Update, "httpEndpointDestinationUpdate.s3Update", false)
	}
	return c.err()
}

// oneUpdate checks that the request updates exactly one destination that
// the engine has.
func (in *updateDestinationInput) oneUpdate() error {
	n := 0
	for _, set := range []bool{in.S3DestinationUpdate != nil, in.ExtendedS3DestinationUpdate != nil, in.HTTPEndpointDestinationUpdate != nil} {
		if set {
			n++
		}
	}
	unsupported := []struct {
		name string
		raw  json.RawMessage
	}{
		{"RedshiftDestinationUpdate", in.RedshiftDestinationUpdate},
		{"ElasticsearchDestinationUpdate", in.ElasticsearchDestinationUpdate},
		{"AmazonopensearchserviceDestinationUpdate", in.AmazonopensearchserviceDestinationUpdate},
		{"AmazonOpenSearchServerlessDestinationUpdate", in.AmazonOpenSearchServerlessDestinationUpdate},
		{"SplunkDestinationUpdate", in.SplunkDestinationUpdate},
		{"SnowflakeDestinationUpdate", in.SnowflakeDestinationUpdate},
		{"IcebergDestinationUpdate", in.IcebergDestinationUpdate},
	}
	other := ""
	for _, u := range unsupported {
		if given(u.raw) {
			n++
			other = u.name
		}
	}
	switch {
	case n != 1:
		return invalid("Exactly one destination update must be specified; %d were given.", n)
	case other != "":
		return notImplemented(other)
	}
	return nil
}

// updateDestination merges the update into the destination, as AWS does
// for an update of the same type (S3 and extended S3 are one type), or
// replaces it with the update, which must then be complete, for another
// type. The engine's delivery stream is replaced by one with the new
// destination and version: the old one delivers what it holds first, and
// puts go on meanwhile, to the old one until the new one takes over.
func (s *Service) updateDestination(ctx context.Context, in *updateDestinationInput) (*empty, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	if err := in.oneUpdate(); err != nil {
		return nil, err
	}
	e, err := s.lookup(*in.DeliveryStreamName)
	if err != nil {
		return nil, err
	}
	e.admin.Lock()
	defer e.admin.Unlock()

	e.mu.RLock()
	deleted, version, cur := e.deleted, e.version, e.dest
	e.mu.RUnlock()
	switch {
	case deleted:
		return nil, s.notFound(e.name)
	case *in.CurrentDeliveryStreamVersionID != strconv.Itoa(version):
		return nil, errConcurrentModification.Errorf(
			"Cannot update firehose: %s since the current version id: %d and specified version id: %s do not match",
			e.name, version, *in.CurrentDeliveryStreamVersionID)
	case *in.DestinationID != destinationID:
		return nil, invalid("Destination Id %s not found for Firehose %s.", *in.DestinationID, e.name)
	}
	next, err := in.apply(cur)
	if err != nil {
		return nil, err
	}
	ds, err := s.newEngine(e.name, version+1, next, e.source)
	if err != nil {
		return nil, err
	}

	e.mu.RLock()
	old := e.ds
	e.mu.RUnlock()
	if err := old.Flush(ctx); err != nil {
		// The client gave up: nothing has changed.
		_ = ds.Close(context.Background())
		return nil, err
	}
	e.mu.Lock()
	e.ds, e.dest, e.version, e.updated = ds, next, version+1, s.clock.Now()
	e.mu.Unlock()
	_ = old.Close(ctx) // the few records put since the flush
	return &empty{}, nil
}

// apply returns cur with the request's update applied, checked as AWS
// checks an update.
func (in *updateDestinationInput) apply(cur destination) (destination, error) {
	switch {
	case in.HTTPEndpointDestinationUpdate != nil:
		u := in.HTTPEndpointDestinationUpdate
		if cur.http == nil {
			if err := in.completeHTTP(); err != nil {
				return destination{}, err
			}
			return destination{http: &httpDestination{cfg: u.httpFields, backup: *u.S3Update}}, nil
		}
		next := *cur.http
		merge(&next.cfg, &u.httpFields)
		if cur.http.cfg.EndpointConfiguration != nil && u.EndpointConfiguration != nil {
			ep := *cur.http.cfg.EndpointConfiguration
			merge(&ep, u.EndpointConfiguration)
			next.cfg.EndpointConfiguration = &ep
		}
		if u.S3Update != nil {
			merge(&next.backup, u.S3Update)
		}
		return destination{http: &next}, nil
	case in.S3DestinationUpdate != nil:
		if cur.s3 == nil {
			return in.completeS3(&extendedFields{s3Fields: *in.S3DestinationUpdate}, nil, "s3DestinationUpdate")
		}
		next := *cur.s3
		merge(&next.cfg.s3Fields, in.S3DestinationUpdate)
		return destination{s3: &next}, nil
	default:
		u := in.ExtendedS3DestinationUpdate
		if cur.s3 == nil {
			return in.completeS3(&u.extendedFields, u.S3BackupUpdate, "extendedS3DestinationUpdate")
		}
		next := *cur.s3
		if err := checkFixedS3(cur.s3, u); err != nil {
			return destination{}, err
		}
		merge(&next.cfg, &u.extendedFields)
		if u.S3BackupUpdate != nil {
			backup := s3Fields{}
			if cur.s3.backup != nil {
				backup = *cur.s3.backup
			}
			merge(&backup, u.S3BackupUpdate)
			var c checks
			c.s3Fields(&backup, "extendedS3DestinationUpdate.s3BackupUpdate", true)
			if err := c.err(); err != nil {
				return destination{}, err
			}
			next.backup = &backup
		}
		return destination{s3: &next}, nil
	}
}

// checkFixedS3 refuses the changes AWS does not allow after creation:
// dynamic partitioning on or off, and S3 backup off once on.
func checkFixedS3(cur *s3Destination, u *extendedS3Update) error {
	if dp := u.DynamicPartitioningConfiguration; dp != nil && dp.Enabled != nil {
		was := cur.cfg.DynamicPartitioningConfiguration != nil && deref(cur.cfg.DynamicPartitioningConfiguration.Enabled, false)
		if *dp.Enabled != was {
			return invalid("Dynamic partitioning can be enabled only when a Firehose stream is created, and cannot be disabled.")
		}
	}
	if deref(cur.cfg.S3BackupMode, "") == "Enabled" && deref(u.S3BackupMode, "Enabled") == "Disabled" {
		return invalid("S3 backup cannot be disabled once it is enabled.")
	}
	return nil
}

// completeS3 makes the S3 destination that replaces an HTTP endpoint: the
// update is all there is, so it must hold what a create would.
func (in *updateDestinationInput) completeS3(f *extendedFields, backup *s3Fields, at string) (destination, error) {
	var c checks
	c.extendedFields(f, at, true)
	c.s3Fields(backup, at+".s3BackupUpdate", true)
	if err := c.err(); err != nil {
		return destination{}, err
	}
	return destination{s3: &s3Destination{cfg: *f, backup: backup}}, nil
}

// completeHTTP refuses an HTTP endpoint update that replaces an S3
// destination when it lacks what a create needs.
func (in *updateDestinationInput) completeHTTP() error {
	u := in.HTTPEndpointDestinationUpdate
	var c checks
	const at = "httpEndpointDestinationUpdate"
	c.httpFields(&u.httpFields, at, true)
	if c.present(u.S3Update != nil, at+".s3Update") {
		c.s3Fields(u.S3Update, at+".s3Update", true)
	}
	return c.err()
}

// merge sets each member of dst that src sets (non-nil pointers, slices
// and raw JSON), looking into embedded structs: what an update leaves out
// keeps its value. dst and src point to the same struct type. Members
// are replaced whole, never written through, so that descriptions made
// earlier keep what they hold.
func merge[T any](dst, src *T) {
	mergeValue(reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem())
}

func mergeValue(dst, src reflect.Value) {
	for i := range dst.NumField() {
		d, s := dst.Field(i), src.Field(i)
		switch {
		case dst.Type().Field(i).Anonymous:
			mergeValue(d, s)
		case (s.Kind() == reflect.Pointer || s.Kind() == reflect.Slice) && !s.IsNil():
			d.Set(s)
		}
	}
}
