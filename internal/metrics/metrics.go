// Package metrics counts HTTP traffic and exposes it, with runtime and
// database figures, in the Prometheus text format.
package metrics

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
)

// buckets are the upper bounds, in seconds, of the request-duration histogram.
func buckets() []float64 {
	return []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}
}

type series struct {
	count   uint64
	sum     float64
	buckets []uint64
}

// Registry collects request figures. Its zero value is not usable; call New.
type Registry struct {
	mu      sync.Mutex
	started time.Time
	bounds  []float64
	reqs    map[[3]string]uint64 // method, route, status class
	dur     map[string]*series   // by route
	dbs     map[string]*sql.DB
}

// New returns an empty registry.
func New(started time.Time) *Registry {
	return &Registry{started: started, bounds: buckets(), reqs: map[[3]string]uint64{}, dur: map[string]*series{}, dbs: map[string]*sql.DB{}}
}

// WatchDB adds the pool statistics of d under the given name.
func (m *Registry) WatchDB(name string, d *sql.DB) {
	m.mu.Lock()
	m.dbs[name] = d
	m.mu.Unlock()
}

// Observe records one finished request. route is the matched pattern, not the
// raw path, so the number of series stays bounded.
func (m *Registry) Observe(method, route string, status int, d time.Duration) {
	class := strconv.Itoa(status/100) + "xx"
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs[[3]string{method, route, class}]++
	s := m.dur[route]
	if s == nil {
		s = &series{buckets: make([]uint64, len(m.bounds))}
		m.dur[route] = s
	}
	s.count++
	s.sum += sec
	for i, b := range m.bounds {
		if sec <= b {
			s.buckets[i]++
		}
	}
}

// ServeHTTP writes the metrics in the Prometheus text format.
func (m *Registry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.Write(w)
}

// Write writes the metrics in the Prometheus text format.
func (m *Registry) Write(w io.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP spil_http_requests_total HTTP requests by method, route and status class.")
	fmt.Fprintln(w, "# TYPE spil_http_requests_total counter")
	keys := make([][3]string, 0, len(m.reqs))
	for k := range m.reqs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][1]+keys[i][0]+keys[i][2] < keys[j][1]+keys[j][0]+keys[j][2]
	})
	for _, k := range keys {
		fmt.Fprintf(w, "spil_http_requests_total{method=%q,route=%q,status=%q} %d\n", k[0], k[1], k[2], m.reqs[k])
	}
	fmt.Fprintln(w, "# HELP spil_http_request_duration_seconds Time to answer HTTP requests, by route.")
	fmt.Fprintln(w, "# TYPE spil_http_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.dur))
	for r := range m.dur {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		s := m.dur[r]
		for i, b := range m.bounds {
			fmt.Fprintf(w, "spil_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", r, strconv.FormatFloat(b, 'g', -1, 64), s.buckets[i])
		}
		fmt.Fprintf(w, "spil_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", r, s.count)
		fmt.Fprintf(w, "spil_http_request_duration_seconds_sum{route=%q} %g\n", r, s.sum)
		fmt.Fprintf(w, "spil_http_request_duration_seconds_count{route=%q} %d\n", r, s.count)
	}
	fmt.Fprintln(w, "# HELP spil_start_time_seconds When this process started, in Unix seconds.")
	fmt.Fprintln(w, "# TYPE spil_start_time_seconds gauge")
	fmt.Fprintf(w, "spil_start_time_seconds %d\n", m.started.Unix())
	fmt.Fprintln(w, "# HELP go_goroutines Number of goroutines.")
	fmt.Fprintln(w, "# TYPE go_goroutines gauge")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintln(w, "# HELP go_memstats_heap_alloc_bytes Bytes of allocated heap objects.")
	fmt.Fprintln(w, "# TYPE go_memstats_heap_alloc_bytes gauge")
	fmt.Fprintf(w, "go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	fmt.Fprintln(w, "# HELP go_memstats_sys_bytes Bytes obtained from the system.")
	fmt.Fprintln(w, "# TYPE go_memstats_sys_bytes gauge")
	fmt.Fprintf(w, "go_memstats_sys_bytes %d\n", ms.Sys)
	names := make([]string, 0, len(m.dbs))
	for n := range m.dbs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 0 {
		fmt.Fprintln(w, "# HELP spil_db_connections Database connections by pool and state.")
		fmt.Fprintln(w, "# TYPE spil_db_connections gauge")
		for _, n := range names {
			st := m.dbs[n].Stats()
			fmt.Fprintf(w, "spil_db_connections{pool=%q,state=\"in_use\"} %d\n", n, st.InUse)
			fmt.Fprintf(w, "spil_db_connections{pool=%q,state=\"idle\"} %d\n", n, st.Idle)
		}
	}
}
