// Package secret makes and stores bearer secrets (session cookies, API
// tokens, subscription links): random values that are shown once and kept
// only as a hash, so a copy of the database does not let anyone in.
package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// Random returns n random bytes. It never fails: crypto/rand panics on an
// unusable source.
func Random(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// New returns 32 random bytes in unpadded base64url, safe in URLs and cookies.
func New() string { return base64.RawURLEncoding.EncodeToString(Random(32)) }

// Hash is how a secret is stored and looked up: its SHA-256 in hex.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
