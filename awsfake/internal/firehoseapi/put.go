package firehoseapi

import (
	"context"

	"github.com/switchyard/switchyard/firehose"
)

// PutRecord and PutRecordBatch. The engine checks the data: 1,000 KiB a
// record, 500 records and 4 MiB a batch, and refuses a delivery stream
// that reads a Kinesis stream, each with AWS's error.

type putRecordInput struct {
	DeliveryStreamName *string `json:"DeliveryStreamName"`
	Record             *record `json:"Record"`
}

type putRecordOutput struct {
	RecordID  string `json:"RecordId"`
	Encrypted bool   `json:"Encrypted"`
}

func (s *Service) putRecord(ctx context.Context, in *putRecordInput) (*putRecordOutput, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	if c.present(in.Record != nil, "record") {
		c.present(in.Record.Data != nil, "record.data")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	e, err := s.lookup(*in.DeliveryStreamName)
	if err != nil {
		return nil, err
	}
	var out putRecordOutput
	err = e.put(s, func(ds *firehose.DeliveryStream, encrypted bool) error {
		res, err := ds.Put(in.Record.Data)
		out = putRecordOutput{RecordID: res.RecordID.String(), Encrypted: encrypted}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

type putRecordBatchInput struct {
	DeliveryStreamName *string  `json:"DeliveryStreamName"`
	Records            []record `json:"Records"`
}

type putRecordBatchOutput struct {
	FailedPutCount   int                   `json:"FailedPutCount"`
	Encrypted        bool                  `json:"Encrypted"`
	RequestResponses []putRecordBatchEntry `json:"RequestResponses"`
}

// putRecordBatchEntry is PutRecordBatchResponseEntry: a record id, or the
// error that kept the record out.
type putRecordBatchEntry struct {
	RecordID     string `json:"RecordId,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

func (s *Service) putRecordBatch(ctx context.Context, in *putRecordBatchInput) (*putRecordBatchOutput, error) {
	var c checks
	c.deliveryStreamName(in.DeliveryStreamName, "deliveryStreamName")
	data := make([][]byte, len(in.Records))
	if c.present(in.Records != nil, "records") {
		for i, r := range in.Records {
			c.present(r.Data != nil, member("records", i)+".data")
			data[i] = r.Data
		}
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	e, err := s.lookup(*in.DeliveryStreamName)
	if err != nil {
		return nil, err
	}
	var out putRecordBatchOutput
	err = e.put(s, func(ds *firehose.DeliveryStream, encrypted bool) error {
		res, err := ds.PutBatch(data)
		if err != nil {
			return err
		}
		out = putRecordBatchOutput{FailedPutCount: res.FailedPutCount, Encrypted: encrypted, RequestResponses: make([]putRecordBatchEntry, len(res.RequestResponses))}
		for i, r := range res.RequestResponses {
			if r.ErrorCode != "" {
				out.RequestResponses[i] = putRecordBatchEntry{ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
				continue
			}
			out.RequestResponses[i] = putRecordBatchEntry{RecordID: r.RecordID.String()}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
