package s3key_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone rules on every machine

	"github.com/switchyard/switchyard/firehose/internal/s3key"
)

func mustParse(t *testing.T, prefix, errorPrefix string, dynamic bool) *s3key.Prefixes {
	t.Helper()
	p, err := s3key.Parse(prefix, errorPrefix, dynamic)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestTimeZones(t *testing.T) {
	la := mustLoad(t, "America/Los_Angeles")
	tokyo := mustLoad(t, "Asia/Tokyo")
	tests := []struct {
		name                string
		prefix, errorPrefix string
		at                  time.Time
		loc                 *time.Location
		wantObject          string
		wantError           string
	}{
		{"default is UTC", "", "", at1030, nil, "2018/08/27/10/", "processing-failed/2018/08/239/10/"},
		{"Tokyo crosses midnight", "", "", time.Date(2018, 8, 27, 20, 30, 0, 0, time.UTC), tokyo,
			"2018/08/28/05/", "processing-failed/2018/08/240/05/"},
		{"Los Angeles, daylight time", "t=!{timestamp:yyyy-MM-dd'T'HH:mmXXX}/", "e/!{firehose:error-output-type}/!{timestamp:HH}",
			at1030, la, "t=2018-08-27T03:30-07:00/", "e/processing-failed/03"},
		{"Los Angeles, standard time", "t=!{timestamp:yyyy-MM-dd'T'HH:mmXXX}/", "e/!{firehose:error-output-type}/!{timestamp:HH}",
			time.Date(2018, 12, 1, 10, 30, 0, 0, time.UTC), la, "t=2018-12-01T02:30-08:00/", "e/processing-failed/02"},
		{"year changes with the zone", "!{timestamp:yyyy/DDD}/", "!{firehose:error-output-type}",
			time.Date(2020, 12, 31, 16, 0, 0, 0, time.UTC), tokyo, "2021/001/", "processing-failed"},
		{"leap day of year", "!{timestamp:yyyy/DDD}/", "!{firehose:error-output-type}",
			time.Date(2020, 12, 31, 12, 0, 0, 0, time.UTC), nil, "2020/366/", "processing-failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.prefix, tt.errorPrefix, false)
			v := s3key.Values{At: tt.at, Location: tt.loc}
			if got, err := p.Object(v); err != nil || got != tt.wantObject {
				t.Errorf("Object = %q, %v; want %q", got, err, tt.wantObject)
			}
			if got, err := p.Error(v, "processing-failed"); err != nil || got != tt.wantError {
				t.Errorf("Error = %q, %v; want %q", got, err, tt.wantError)
			}
		})
	}
}

// Every timestamp of a prefix prints the one instant, to the nanosecond.
func TestTimestampsShareTheInstant(t *testing.T) {
	p := mustParse(t, "!{timestamp:HH:mm:ss.SSSSSSSSS}|!{timestamp:HH:mm:ss.SSSSSSSSS}", "!{firehose:error-output-type}", false)
	got, err := p.Object(s3key.Values{At: time.Date(2018, 8, 27, 10, 30, 59, 999999999, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "10:30:59.999999999|10:30:59.999999999"; got != want {
		t.Errorf("Object = %q, want %q", got, want)
	}
}

func TestRandomString(t *testing.T) {
	p := mustParse(t, "!{firehose:random-string}/!{firehose:random-string}/!{timestamp:yyyy}", "!{firehose:error-output-type}/!{firehose:random-string}", false)
	shape := regexp.MustCompile(`^([0-9a-f]{11})/([0-9a-f]{11})/2018$`)
	seen := map[string]bool{}
	r := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		got, err := p.Object(s3key.Values{At: at1030, Rand: r})
		if err != nil {
			t.Fatal(err)
		}
		m := shape.FindStringSubmatch(got)
		if m == nil {
			t.Fatalf("Object = %q, want two 11-digit hex strings", got)
		}
		if m[1] == m[2] {
			t.Errorf("two uses in one prefix gave the same string %q", m[1])
		}
		for _, s := range m[1:] {
			if seen[s] {
				t.Errorf("random string %q drawn twice", s)
			}
			seen[s] = true
		}
	}
	// Every hex digit turns up in every position.
	for pos := range 11 {
		digits := map[byte]bool{}
		for s := range seen {
			digits[s[pos]] = true
		}
		if len(digits) != 16 {
			t.Errorf("position %d saw %d of the 16 digits", pos, len(digits))
		}
	}
	// The same source gives the same strings.
	a, _ := p.Object(s3key.Values{At: at1030, Rand: rand.New(rand.NewPCG(1, 1))})
	b, _ := p.Object(s3key.Values{At: at1030, Rand: rand.New(rand.NewPCG(1, 1))})
	if a != b {
		t.Errorf("seeded sources disagree: %q and %q", a, b)
	}
	// The error prefix draws too; a nil source uses the top-level one.
	got, err := p.Error(s3key.Values{At: at1030}, "splunk-failed")
	if err != nil || !regexp.MustCompile(`^splunk-failed/[0-9a-f]{11}$`).MatchString(got) {
		t.Errorf("Error = %q, %v", got, err)
	}
}

func TestPartitionKeys(t *testing.T) {
	p := mustParse(t, "q=!{partitionKeyFromQuery:id}/l=!{partitionKeyFromLambda:id}/", "e/!{firehose:error-output-type}/", true)
	tests := []struct {
		name             string
		query, processor map[string]string
		want, wantErr    string
	}{
		{"both", map[string]string{"id": "1"}, map[string]string{"id": "2"}, "q=1/l=2/", ""},
		{"empty values", map[string]string{"id": ""}, map[string]string{"id": ""}, "q=/l=/", ""},
		{"values kept as they are", map[string]string{"id": "a/b c"}, map[string]string{"id": "é"}, "q=a/b c/l=é/", ""},
		{"query key missing", nil, map[string]string{"id": "2"}, "",
			`s3key: Prefix reads partition key "id", which the record's query keys lack`},
		{"processor key missing", map[string]string{"id": "1"}, map[string]string{"other": "2"}, "",
			`s3key: Prefix reads partition key "id", which the record's processor keys lack`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Object(s3key.Values{At: at1030, Query: tt.query, Processor: tt.processor})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("Object = %q, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Object = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	// The error prefix reads no keys: a record without them still has
	// somewhere to go.
	if got, err := p.Error(s3key.Values{At: at1030}, "processing-failed"); err != nil || got != "e/processing-failed/" {
		t.Errorf("Error = %q, %v", got, err)
	}
}

func TestEvaluatedLength(t *testing.T) {
	p := mustParse(t, strings.Repeat("a", 500)+"!{partitionKeyFromLambda:k}", "!{firehose:error-output-type}/"+strings.Repeat("b", 480), true)
	for _, tt := range []struct {
		value   string
		wantErr string
	}{
		{strings.Repeat("c", 12), ""},
		{strings.Repeat("é", 12), ""}, // characters, not bytes
		{strings.Repeat("c", 13), "s3key: Prefix evaluates to 513 characters, more than 512"},
	} {
		got, err := p.Object(s3key.Values{Processor: map[string]string{"k": tt.value}})
		switch {
		case tt.wantErr == "" && (err != nil || len([]rune(got)) != 512):
			t.Errorf("Object with %d-character key = %d characters, %v", len([]rune(tt.value)), len([]rune(got)), err)
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("Object = %v, want error %q", err, tt.wantErr)
		}
	}
	// "processing-failed" + "/" + 480: 498 characters, within the limit.
	if got, err := p.Error(s3key.Values{}, "processing-failed"); err != nil || len(got) != 498 {
		t.Errorf("Error = %d characters, %v", len(got), err)
	}
	if _, err := p.Error(s3key.Values{}, "AmazonOpenSearchService-failed-and-then-some-more"); err == nil ||
		err.Error() != "s3key: ErrorOutputPrefix evaluates to 530 characters, more than 512" {
		t.Errorf("Error with a 530-character result = %v", err)
	}
	if _, err := p.Error(s3key.Values{}, ""); err == nil {
		t.Error("Error accepted an empty error-output-type")
	}
}

func TestPrefixPartitionKeys(t *testing.T) {
	p := mustParse(t, "a=!{partitionKeyFromQuery:a}/b=!{partitionKeyFromLambda:b}/a2=!{partitionKeyFromQuery:a}/c=!{partitionKeyFromQuery:c}/", "e/!{firehose:error-output-type}/", true)
	q, l := p.PartitionKeys()
	if strings.Join(q, ",") != "a,c" || strings.Join(l, ",") != "b" {
		t.Fatalf("PartitionKeys() = %q, %q", q, l)
	}
}
