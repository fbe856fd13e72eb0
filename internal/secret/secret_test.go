package secret

import "testing"

func TestNewSecretsDifferAndHashStably(t *testing.T) {
	a, b := New(), New()
	if a == b || len(a) != 43 {
		t.Fatalf("secrets %q and %q: want two different 43-character values", a, b)
	}
	if Hash(a) != Hash(a) || Hash(a) == Hash(b) || len(Hash(a)) != 64 {
		t.Fatalf("hash of a secret must be stable, distinct and 64 hex characters")
	}
	if Hash(a) == a {
		t.Fatal("the hash must not be the secret itself")
	}
}
