// Command load sends requests to one URL at a constant rate from its own
// process and reports throughput and latency percentiles. Latency is measured
// from each request's scheduled start, so a slow server cannot hide queueing
// (no coordinated omission).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

type headers []string

func (h *headers) String() string     { return strings.Join(*h, ", ") }
func (h *headers) Set(v string) error { *h = append(*h, v); return nil }

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	rate := fs.Int("rate", 200, "requests per second")
	dur := fs.Duration("duration", 20*time.Second, "how long to send")
	warm := fs.Duration("warmup", 2*time.Second, "requests sent before measuring")
	name := fs.String("name", "", "label for the report")
	var hs headers
	fs.Var(&hs, "H", "header 'Name: value', repeatable")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("give one URL")
	}
	target := fs.Arg(0)
	tr := &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(ctx context.Context) (int, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		for _, h := range hs {
			k, v, _ := strings.Cut(h, ":")
			req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	ctx := context.Background()
	// Warm up connections and caches.
	wend := time.Now().Add(*warm)
	for time.Now().Before(wend) {
		if code, err := send(ctx); err != nil || code != 200 {
			return fmt.Errorf("warm-up request: status %d, %v", code, err)
		}
	}
	interval := time.Second / time.Duration(*rate)
	n := int(dur.Seconds() * float64(*rate))
	lat := make([]time.Duration, n)
	var bad atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := send(ctx)
			lat[i] = time.Since(at)
			if err != nil || code != 200 {
				bad.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Fprintf(out, "%-12s rate=%d/s sent=%d in %.1fs achieved=%.0f/s non-200=%d p50=%s p90=%s p99=%s max=%s\n",
		*name, *rate, n, elapsed.Seconds(), float64(n)/elapsed.Seconds(), bad.Load(),
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	if bad.Load() > 0 {
		return fmt.Errorf("%d requests failed", bad.Load())
	}
	return nil
}
