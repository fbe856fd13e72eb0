package ubl

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir returns $SPIL_CORPUS/ubl or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		t.Skip("SPIL_CORPUS is not set; skipping the UBL corpus (set it to /work/shared/corpus)")
	}
	return filepath.Join(root, "ubl")
}
