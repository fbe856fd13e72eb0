package mail

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spil/internal/apperr"
)

// The outbox keeps each message as a file a mail program can open.
func TestOutboxWritesEachMessage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	o := Outbox{Dir: dir}
	m := Message{From: Address{Name: "Hendrik van Dijk", Email: "director@demo.example"},
		To: []Address{{Email: "daan@demo.example"}}, Subject: "Actiepunt: offerte", Text: "Graag vóór vrijdag."}
	for range 2 {
		if err := o.Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 2 {
		t.Fatalf("%d files in the outbox, want 2", len(files))
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "To: <daan@demo.example>") || !strings.Contains(string(b), "Subject:") {
		t.Errorf("message file:\n%s", b)
	}
	m.To[0].Email = "daan@"
	if err := o.Send(context.Background(), m); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("invalid message: %v", err)
	}
}
