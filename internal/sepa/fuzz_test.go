package sepa

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/holiday"
)

// FuzzRead feeds Read arbitrary bytes. Read must not panic, must refuse with
// apperr.Invalid and no batch, or return a batch that — when it passes the
// rules — Write turns into a file that reads back as the same batch and is
// written again byte for byte.
func FuzzRead(f *testing.F) {
	for _, v := range []Version{V09, V03} {
		doc, err := Marshal(sampleBatch(), v, today)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(doc)
	}
	if root := os.Getenv("SPIL_CORPUS"); root != "" {
		files, _ := filepath.Glob(filepath.Join(root, "sepa", "examples", "*.xml"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><GrpHdr><MsgId>a</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>`))
	earliest := holiday.NewDate(0, time.January, 1)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, v, err := Read(bytes.NewReader(data))
		if err != nil {
			if b != nil || apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("refusal with batch %v, kind %v: %v", b != nil, apperr.KindOf(err), err)
			}
			return
		}
		if v != V03 && v != V09 {
			t.Fatalf("version %q", v)
		}
		out, err := Marshal(b, v, earliest)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("Marshal: %v", err)
			}
			return
		}
		again, v2, err := Read(bytes.NewReader(out))
		if err != nil || v2 != v {
			t.Fatalf("own output does not read back (%s): %v\n%s", v2, err, out)
		}
		out2, err := Marshal(again, v, earliest)
		if err != nil {
			t.Fatalf("the batch read back is refused: %v", err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("writing twice differs:\n%s\n---\n%s", out, out2)
		}
		n1, s1 := b.Totals()
		n2, s2 := again.Totals()
		if n1 != n2 || !s1.Equal(s2) {
			t.Fatalf("totals %d %s became %d %s", n1, s1, n2, s2)
		}
		// Identifiers are checked, never converted: they come back as read.
		if again.MessageID != b.MessageID || again.Payments[0].ID != b.Payments[0].ID ||
			again.Payments[0].Transfers[0].EndToEndID != b.Payments[0].Transfers[0].EndToEndID {
			t.Fatalf("identifiers changed: %q → %q", b.MessageID, again.MessageID)
		}
	})
}
