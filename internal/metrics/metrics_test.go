package metrics_test

import (
	"bytes"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"spil/internal/metrics"
	"spil/internal/testutil"
)

// sample is one line of the exposition.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

// family is what the HELP and TYPE lines declared for a metric name.
type family struct {
	help, typ string
	samples   []sample
}

var (
	sampleRe = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$`)
	nameRe   = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelRe  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

// parse reads the Prometheus text format strictly: each family has one HELP
// and one TYPE line before its samples, and every sample belongs to a
// declared family.
func parse(t *testing.T, text string) map[string]*family {
	t.Helper()
	if !strings.HasSuffix(text, "\n") {
		t.Error("exposition does not end with a newline")
	}
	fams := map[string]*family{}
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		n++
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			kind, rest, _ := strings.Cut(rest, " ")
			name, arg, _ := strings.Cut(rest, " ")
			if !nameRe.MatchString(name) || arg == "" {
				t.Errorf("line %d: bad comment %q", n, line)
				continue
			}
			f := fams[name]
			if f == nil {
				f = &family{}
				fams[name] = f
			}
			if len(f.samples) > 0 {
				t.Errorf("line %d: %s declared after its samples", n, name)
			}
			switch kind {
			case "HELP":
				if f.help != "" {
					t.Errorf("line %d: second HELP for %s", n, name)
				}
				f.help = arg
			case "TYPE":
				if f.typ != "" {
					t.Errorf("line %d: second TYPE for %s", n, name)
				}
				switch arg {
				case "counter", "gauge", "histogram", "summary", "untyped":
				default:
					t.Errorf("line %d: unknown type %q", n, arg)
				}
				f.typ = arg
			default:
				t.Errorf("line %d: unknown comment %q", n, line)
			}
			continue
		}
		m := sampleRe.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %d: not a sample: %q", n, line)
			continue
		}
		s := sample{name: m[1], labels: parseLabels(t, n, m[2])}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Errorf("line %d: value %q: %v", n, m[3], err)
		}
		s.value = v
		f := fams[s.name]
		if f == nil {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				if base, ok := strings.CutSuffix(s.name, suffix); ok && fams[base] != nil && fams[base].typ == "histogram" {
					f = fams[base]
				}
			}
		}
		if f == nil || f.help == "" || f.typ == "" {
			t.Errorf("line %d: sample %s without HELP and TYPE before it", n, s.name)
			continue
		}
		f.samples = append(f.samples, s)
	}
	return fams
}

func parseLabels(t *testing.T, n int, s string) map[string]string {
	t.Helper()
	labels := map[string]string{}
	for s != "" {
		name, rest, ok := strings.Cut(s, `="`)
		if !ok || !labelRe.MatchString(name) {
			t.Errorf("line %d: bad label in %q", n, s)
			return labels
		}
		var v strings.Builder
		i := 0
		for ; i < len(rest) && rest[i] != '"'; i++ {
			if rest[i] == '\\' {
				i++
				switch {
				case i < len(rest) && rest[i] == 'n':
					v.WriteByte('\n')
				case i < len(rest) && (rest[i] == '\\' || rest[i] == '"'):
					v.WriteByte(rest[i])
				default:
					t.Errorf("line %d: escape not allowed in the text format in %q", n, rest)
				}
				continue
			}
			v.WriteByte(rest[i])
		}
		if i == len(rest) {
			t.Errorf("line %d: unterminated label value %q", n, rest)
			return labels
		}
		if _, dup := labels[name]; dup {
			t.Errorf("line %d: label %s twice", n, name)
		}
		labels[name] = v.String()
		s = strings.TrimPrefix(rest[i+1:], ",")
	}
	return labels
}

// find returns the value of the sample name with exactly the given labels.
func find(t *testing.T, f *family, name string, labels ...string) float64 {
	t.Helper()
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	for _, s := range f.samples {
		if s.name != name || len(s.labels) != len(want) {
			continue
		}
		match := true
		for k, v := range want {
			if s.labels[k] != v {
				match = false
			}
		}
		if match {
			return s.value
		}
	}
	t.Errorf("no sample %s%v", name, want)
	return math.NaN()
}

func write(t *testing.T, m *metrics.Registry) map[string]*family {
	t.Helper()
	var b bytes.Buffer
	m.Write(&b)
	return parse(t, b.String())
}

func TestRequestsCounter(t *testing.T) {
	m := metrics.New(time.Now())
	m.Observe("GET", "GET /people", 200, 2*time.Millisecond)
	m.Observe("GET", "GET /people", 201, 3*time.Millisecond)
	m.Observe("GET", "GET /people", 404, time.Millisecond)
	m.Observe("POST", "POST /people", 303, time.Millisecond)
	m.Observe("HEAD", "GET /people", 200, time.Millisecond)
	m.Observe("GET", "unmatched", 500, time.Millisecond)

	fams := write(t, m)
	f := fams["spil_http_requests_total"]
	if f == nil || f.typ != "counter" {
		t.Fatalf("spil_http_requests_total missing or not a counter: %+v", f)
	}
	for _, tc := range []struct {
		method, route, status string
		want                  float64
	}{
		{"GET", "GET /people", "2xx", 2},
		{"GET", "GET /people", "4xx", 1},
		{"POST", "POST /people", "3xx", 1},
		{"HEAD", "GET /people", "2xx", 1},
		{"GET", "unmatched", "5xx", 1},
	} {
		if got := find(t, f, "spil_http_requests_total", "method", tc.method, "route", tc.route, "status", tc.status); got != tc.want {
			t.Errorf("%s %s %s: %v, want %v", tc.method, tc.route, tc.status, got, tc.want)
		}
	}
	if len(f.samples) != 5 {
		t.Errorf("%d request series, want 5", len(f.samples))
	}
}

func TestDurationHistogram(t *testing.T) {
	m := metrics.New(time.Now())
	for _, d := range []time.Duration{
		500 * time.Microsecond, // ≤ 0.001
		5 * time.Millisecond,   // exactly on the 0.005 bound, which is inclusive
		30 * time.Millisecond,  // ≤ 0.05
		2 * time.Second,        // ≤ 2.5
		7 * time.Second,        // above every bound
	} {
		m.Observe("GET", "GET /people", 200, d)
	}
	m.Observe("GET", "GET /{$}", 200, time.Millisecond)

	f := write(t, m)["spil_http_request_duration_seconds"]
	if f == nil || f.typ != "histogram" {
		t.Fatalf("spil_http_request_duration_seconds missing or not a histogram: %+v", f)
	}
	want := map[string]float64{"0.001": 1, "0.0025": 1, "0.005": 2, "0.01": 2, "0.025": 2, "0.05": 3, "0.1": 3,
		"0.25": 3, "0.5": 3, "1": 3, "2.5": 4, "5": 4, "+Inf": 5}
	for le, n := range want {
		if got := find(t, f, "spil_http_request_duration_seconds_bucket", "route", "GET /people", "le", le); got != n {
			t.Errorf("bucket le=%s: %v, want %v", le, got, n)
		}
	}
	if got := find(t, f, "spil_http_request_duration_seconds_count", "route", "GET /people"); got != 5 {
		t.Errorf("count %v, want 5", got)
	}
	if got := find(t, f, "spil_http_request_duration_seconds_sum", "route", "GET /people"); math.Abs(got-9.0355) > 1e-9 {
		t.Errorf("sum %v, want 9.0355", got)
	}
	if got := find(t, f, "spil_http_request_duration_seconds_bucket", "route", "GET /{$}", "le", "+Inf"); got != 1 {
		t.Errorf("second route +Inf %v, want 1", got)
	}

	// Per route: buckets in rising order of le, cumulative, +Inf last and
	// equal to the count.
	for _, route := range []string{"GET /people", "GET /{$}"} {
		prevLE, prev := math.Inf(-1), 0.0
		var inf, count float64
		n := 0
		for _, s := range f.samples {
			if s.labels["route"] != route {
				continue
			}
			switch s.name {
			case "spil_http_request_duration_seconds_bucket":
				n++
				le, err := strconv.ParseFloat(s.labels["le"], 64)
				if err != nil {
					t.Fatalf("le %q: %v", s.labels["le"], err)
				}
				if le <= prevLE {
					t.Errorf("%s: le=%v after le=%v", route, le, prevLE)
				}
				if s.value < prev {
					t.Errorf("%s: bucket le=%v holds %v, less than the one before (%v)", route, le, s.value, prev)
				}
				prevLE, prev = le, s.value
				if math.IsInf(le, 1) {
					inf = s.value
				}
			case "spil_http_request_duration_seconds_count":
				count = s.value
			}
		}
		if !math.IsInf(prevLE, 1) {
			t.Errorf("%s: last bucket is le=%v, want +Inf", route, prevLE)
		}
		if inf != count || n != 13 {
			t.Errorf("%s: +Inf %v, count %v, %d buckets", route, inf, count, n)
		}
	}
}

func TestProcessAndDatabaseFigures(t *testing.T) {
	started := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	m := metrics.New(started)
	d := testutil.NewSQLite(t)
	m.WatchDB("write", d.W)
	m.WatchDB("read", d.R)

	fams := write(t, m)
	for name, typ := range map[string]string{
		"spil_start_time_seconds":      "gauge",
		"go_goroutines":                "gauge",
		"go_memstats_heap_alloc_bytes": "gauge",
		"go_memstats_sys_bytes":        "gauge",
		"spil_db_connections":          "gauge",
		"spil_http_requests_total":     "counter",
	} {
		if f := fams[name]; f == nil || f.typ != typ || f.help == "" {
			t.Errorf("%s: %+v, want a %s with help", name, f, typ)
		}
	}
	if got := find(t, fams["spil_start_time_seconds"], "spil_start_time_seconds"); got != float64(started.Unix()) {
		t.Errorf("start time %v, want %d", got, started.Unix())
	}
	if got := find(t, fams["go_goroutines"], "go_goroutines"); got < 1 {
		t.Errorf("goroutines %v", got)
	}
	for _, pool := range []string{"write", "read"} {
		for _, state := range []string{"in_use", "idle"} {
			if got := find(t, fams["spil_db_connections"], "spil_db_connections", "pool", pool, "state", state); got < 0 {
				t.Errorf("%s %s: %v", pool, state, got)
			}
		}
	}
	// The SQLite writer holds its one connection idle.
	if got := find(t, fams["spil_db_connections"], "spil_db_connections", "pool", "write", "state", "idle"); got != 1 {
		t.Errorf("idle writer connections %v, want 1", got)
	}
}

func TestNothingObservedYet(t *testing.T) {
	fams := write(t, metrics.New(time.Now()))
	if f := fams["spil_http_requests_total"]; f == nil || len(f.samples) != 0 {
		t.Errorf("requests before any request: %+v", f)
	}
	if _, ok := fams["spil_db_connections"]; ok {
		t.Error("database figures without a database")
	}
}

func TestServeHTTP(t *testing.T) {
	m := metrics.New(time.Now())
	m.Observe("GET", "GET /healthz", 200, time.Millisecond)
	w := httptest.NewRecorder()
	m.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if w.Code != http.StatusOK {
		t.Errorf("status %d", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("content type %q, want the Prometheus text format", ct)
	}
	fams := parse(t, w.Body.String())
	if got := find(t, fams["spil_http_requests_total"], "spil_http_requests_total", "method", "GET", "route", "GET /healthz", "status", "2xx"); got != 1 {
		t.Errorf("healthz requests %v, want 1", got)
	}
}

// Requests finish on many goroutines at once; none is lost.
func TestConcurrentObserve(t *testing.T) {
	m := metrics.New(time.Now())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				m.Observe("GET", "GET /people", 200, time.Millisecond)
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			var b bytes.Buffer
			m.Write(&b)
		}
	})
	wg.Wait()
	fams := write(t, m)
	if got := find(t, fams["spil_http_requests_total"], "spil_http_requests_total", "method", "GET", "route", "GET /people", "status", "2xx"); got != 1600 {
		t.Errorf("requests %v, want 1600", got)
	}
	if got := find(t, fams["spil_http_request_duration_seconds"], "spil_http_request_duration_seconds_count", "route", "GET /people"); got != 1600 {
		t.Errorf("count %v, want 1600", got)
	}
}
