// Package password hashes and checks passwords with argon2id.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost settings stored with each hash.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams are the OWASP recommendation for argon2id: 19 MiB, 2 passes, 1 lane.
func DefaultParams() Params { return Params{Memory: 19 * 1024, Time: 2, Threads: 1} }

// MinLength is the shortest password spil accepts, in characters.
const MinLength = 10

// Check reports what is wrong with a new password, or "" when it is acceptable.
func Check(pw string) string {
	if utf8.RuneCountInString(pw) < MinLength {
		return fmt.Sprintf("use at least %d characters", MinLength)
	}
	if utf8.RuneCountInString(pw) > 256 {
		return "use at most 256 characters"
	}
	return ""
}

// Hash returns an encoded argon2id hash of pw with a random salt.
func Hash(pw string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// ErrMalformed is returned for a stored hash spil cannot read.
var ErrMalformed = errors.New("malformed password hash")

// Verify reports whether pw matches the encoded hash, in constant time. A
// stored hash spil cannot read, or whose cost settings are out of range (so
// that checking it would fail or exhaust the server), is ErrMalformed.
func Verify(pw, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false, ErrMalformed
	}
	p, ok := parseParams(parts[3])
	if !ok {
		return false, ErrMalformed
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return false, ErrMalformed
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false, ErrMalformed
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// parseParams reads "m=…,t=…,p=…" exactly, within the ranges argon2 accepts
// and a server can afford: at most 1 GiB of memory and 16 passes and lanes.
func parseParams(s string) (Params, bool) {
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return Params{}, false
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(fields[i], name)
		if !ok {
			return Params{}, false
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return Params{}, false
		}
		vals[i] = n
	}
	p := Params{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(min(vals[2], 255))}
	if p.Time < 1 || p.Time > 16 || vals[2] < 1 || vals[2] > 16 || p.Memory < 8*uint32(p.Threads) || p.Memory > 1<<20 {
		return Params{}, false
	}
	return p, true
}
