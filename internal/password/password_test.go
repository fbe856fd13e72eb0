package password

import (
	"errors"
	"strings"
	"testing"
)

// cheap keeps the tests fast; real hashes use DefaultParams.
var cheap = Params{Memory: 1024, Time: 1, Threads: 1}

func mustHash(t *testing.T, pw string, p Params) string {
	t.Helper()
	h, err := Hash(pw, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func verify(t *testing.T, pw, encoded string) bool {
	t.Helper()
	ok, err := Verify(pw, encoded)
	if err != nil {
		t.Fatalf("verify against %q: %v", encoded, err)
	}
	return ok
}

func TestHashAndVerify(t *testing.T) {
	for _, pw := range []string{"correct horse battery staple", "wachtwoord-met-ë-en-€", strings.Repeat("x", 256)} {
		h := mustHash(t, pw, cheap)
		if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
			t.Errorf("hash %q does not state argon2id and its cost", h)
		}
		if strings.Contains(h, pw) {
			t.Errorf("hash %q contains the password", h)
		}
		if !verify(t, pw, h) {
			t.Errorf("%q does not match its own hash", pw)
		}
	}
}

func TestWrongPassword(t *testing.T) {
	h := mustHash(t, "correct horse battery staple", cheap)
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple ", "correct horse battery staple\x00"} {
		if verify(t, wrong, h) {
			t.Errorf("%q accepted", wrong)
		}
	}
}

func TestSamePasswordHashesDiffer(t *testing.T) {
	a := mustHash(t, "correct horse battery staple", cheap)
	b := mustHash(t, "correct horse battery staple", cheap)
	if a == b {
		t.Fatalf("two hashes of one password are equal: %s", a)
	}
	// Only the salt and the key differ.
	saltA, saltB := strings.Split(a, "$")[4], strings.Split(b, "$")[4]
	if saltA == saltB {
		t.Errorf("same salt %s", saltA)
	}
	if !verify(t, "correct horse battery staple", a) || !verify(t, "correct horse battery staple", b) {
		t.Error("a hash does not verify")
	}
}

// A hash keeps its own cost settings, so raising DefaultParams does not lock
// out anyone whose password was hashed before.
func TestVerifyUsesTheStoredCost(t *testing.T) {
	h := mustHash(t, "correct horse battery staple", Params{Memory: 2048, Time: 2, Threads: 2})
	if !strings.Contains(h, "$m=2048,t=2,p=2$") {
		t.Errorf("hash %q does not record its cost", h)
	}
	if !verify(t, "correct horse battery staple", h) {
		t.Error("hash made with other settings does not verify")
	}
}

func TestDefaultParams(t *testing.T) {
	// OWASP's minimum for argon2id.
	if p := DefaultParams(); p.Memory < 19*1024 || p.Time < 2 || p.Threads < 1 {
		t.Errorf("default cost %+v is below m=19456, t=2, p=1", p)
	}
}

func TestMalformedHashes(t *testing.T) {
	good := mustHash(t, "correct horse battery staple", cheap)
	parts := strings.Split(good, "$")
	with := func(i int, s string) string {
		p := append([]string(nil), parts...)
		p[i] = s
		return strings.Join(p, "$")
	}
	for name, h := range map[string]string{
		"empty":            "",
		"plain text":       "correct horse battery staple",
		"bcrypt":           "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":          with(1, "argon2i"),
		"other version":    with(2, "v=16"),
		"no version":       with(2, "19"),
		"no cost":          with(3, ""),
		"cost not numbers": with(3, "m=a,t=b,p=c"),
		"threads too many": with(3, "m=1024,t=1,p=300"),
		"salt not base64":  with(4, "!!!!"),
		"key not base64":   with(5, "!!!!"),
		"no key":           with(5, ""),
		"part missing":     strings.Join(parts[:5], "$"),
		"part too many":    good + "$extra",
	} {
		ok, err := Verify("correct horse battery staple", h)
		if !errors.Is(err, ErrMalformed) || ok {
			t.Errorf("%s (%q): %v, %v; want false, ErrMalformed", name, h, ok, err)
		}
	}
}

// A stored hash that claims zero passes or zero threads must be refused, not
// crash the login.
func TestMalformedZeroCost(t *testing.T) {
	good := mustHash(t, "correct horse battery staple", cheap)
	for _, cost := range []string{"m=1024,t=0,p=1", "m=1024,t=1,p=0", "m=4294967295,t=1,p=1", "m=1024,t=1,p=1x", "m=1024,t=1,p=1,x=2"} {
		h := strings.Replace(good, "m=1024,t=1,p=1", cost, 1)
		if ok, err := Verify("correct horse battery staple", h); !errors.Is(err, ErrMalformed) || ok {
			t.Errorf("%s: %v, %v; want false, ErrMalformed", cost, ok, err)
		}
	}
}

// Length is counted in characters, as a person counts, not in bytes.
func TestCheckLength(t *testing.T) {
	if MinLength != 10 {
		t.Fatalf("MinLength %d, want 10", MinLength)
	}
	for _, tc := range []struct {
		pw   string
		want string // "" accepted; else a part of the message
	}{
		{"", "at least 10"},
		{"123456789", "at least 10"},
		{"ééééééééé", "at least 10"}, // 9 characters in 18 bytes
		{"🔑🔑🔑🔑🔑🔑🔑🔑🔑", "at least 10"}, // 9 characters in 36 bytes
		{"1234567890", ""},
		{"éééééééééé", ""},
		{"correct horse battery staple", ""},
		{strings.Repeat("a", 256), ""},
		{strings.Repeat("é", 256), ""}, // 512 bytes, 256 characters
		{strings.Repeat("a", 257), "at most 256"},
		{strings.Repeat("é", 257), "at most 256"},
	} {
		got := Check(tc.pw)
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%q (%d bytes) refused: %s", tc.pw, len(tc.pw), got)
		case tc.want != "" && !strings.Contains(got, tc.want):
			t.Errorf("%q (%d bytes): %q, want a message with %q", tc.pw, len(tc.pw), got, tc.want)
		}
	}
}
