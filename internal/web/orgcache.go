package web

import (
	"context"
	"sync"
	"time"

	"spil/internal/org"
)

// orgCacheTTL is how long a page may show organization settings that another
// instance has just changed.
const orgCacheTTL = 5 * time.Second

// orgCache keeps the organization's settings, which every page shows and
// which rarely change. Once set up, an organization stays set up.
type orgCache struct {
	mu    sync.Mutex
	setUp bool
	org   org.Organization
	at    time.Time
}

// isSetUp reports whether the first-run setup is done.
func (s *Server) isSetUp(ctx context.Context) (bool, error) {
	s.cache.mu.Lock()
	done := s.cache.setUp
	s.cache.mu.Unlock()
	if done {
		return true, nil
	}
	ok, err := s.Org.IsSetUp(ctx)
	if ok {
		s.cache.mu.Lock()
		s.cache.setUp = true
		s.cache.mu.Unlock()
	}
	return ok, err
}

// organization returns the organization's settings, at most orgCacheTTL old;
// the zero value before setup.
func (s *Server) organization(ctx context.Context) org.Organization {
	now := time.Now()
	s.cache.mu.Lock()
	if s.cache.org.Name != "" && now.Sub(s.cache.at) < orgCacheTTL {
		o := s.cache.org
		s.cache.mu.Unlock()
		return o
	}
	s.cache.mu.Unlock()
	o, err := s.Org.Organization(ctx)
	if err != nil {
		return org.Organization{}
	}
	s.cache.mu.Lock()
	s.cache.org, s.cache.at = o, now
	s.cache.mu.Unlock()
	return o
}

// forgetOrganization drops the cached settings after this instance changed them.
func (s *Server) forgetOrganization() {
	s.cache.mu.Lock()
	s.cache.org = org.Organization{}
	s.cache.mu.Unlock()
}
