package meetings

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// MaxDocumentSize is the largest file that can be attached (20 MB).
const MaxDocumentSize = 20 << 20

// documentTypes are the accepted extensions with their content type.
var documentTypes = map[string]string{
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".txt":  "text/plain; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
}

// Messages for refused uploads.
const (
	msgTypeRefused = "this file type is not accepted: upload a PDF, Word, Excel, PowerPoint, OpenDocument text, PNG, JPEG, text or CSV file"
	msgDisguised   = "the file's content does not match its name: it is not the kind of file its extension says, so it is refused"
	msgTooLarge    = "a file can be at most 20 MB"
	msgEmpty       = "the file is empty"
)

// sniff returns the extension the content really has ("" when it is none
// of the accepted kinds). Office files are ZIP archives told apart by their
// parts; text must be UTF-8 without NUL bytes.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return ".pdf"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return ".png"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return ".jpg"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return ""
		}
		for _, f := range z.File {
			switch f.Name {
			case "word/document.xml":
				return ".docx"
			case "xl/workbook.xml":
				return ".xlsx"
			case "ppt/presentation.xml":
				return ".pptx"
			case "mimetype":
				rc, err := f.Open()
				if err != nil {
					return ""
				}
				var buf [64]byte
				n, _ := rc.Read(buf[:])
				rc.Close()
				if strings.TrimSpace(string(buf[:n])) == "application/vnd.oasis.opendocument.text" {
					return ".odt"
				}
			}
		}
		return ""
	case utf8.Valid(b) && !bytes.ContainsRune(b, 0):
		return ".txt"
	}
	return ""
}

// checkDocument validates an upload and returns its content type.
func checkDocument(filename string, content []byte) (string, error) {
	ext := strings.ToLower(path.Ext(filename))
	ct, ok := documentTypes[ext]
	switch {
	case !ok:
		return "", apperr.Fields{"file": msgTypeRefused}.Err()
	case len(content) == 0:
		return "", apperr.Fields{"file": msgEmpty}.Err()
	case len(content) > MaxDocumentSize:
		return "", apperr.Fields{"file": msgTooLarge}.Err()
	}
	got := sniff(content)
	want := ext
	switch ext {
	case ".jpeg":
		want = ".jpg"
	case ".csv":
		want = ".txt"
	}
	if got != want {
		return "", apperr.Fields{"file": msgDisguised}.Err()
	}
	return ct, nil
}

// cleanName keeps the base name of an uploaded file, without directories
// or control characters.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == 127 || r == '"' {
			return -1
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	if name == "" || name == "." || name == "/" {
		name = "document"
	}
	return name
}

// AddDocument attaches a file to meeting id, to its agenda item itemID when
// not empty. The content's kind is checked, not its name: a .pdf that is
// really a program is refused.
//
// Errors: NotFound, Forbidden, Conflict as CanEdit and AddItem; Invalid on
// "file" for a refused type, a disguised file, an empty one or one over
// 20 MB; NotFound for an unknown agenda item.
func (s *Service) AddDocument(ctx context.Context, actor *authz.Actor, id, itemID, filename string, content []byte) (Document, error) {
	filename = cleanName(filename)
	ct, err := checkDocument(filename, content)
	if err != nil {
		return Document{}, err
	}
	d := Document{ID: newID(), AgendaItemID: itemID, Filename: filename, ContentType: ct, Size: int64(len(content)),
		UploadedBy: actor.PersonID, UploadedAt: s.Clock.Now().UTC()}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if itemID != "" {
			found := false
			for _, it := range m.Items {
				found = found || it.ID == itemID
			}
			if !found {
				return apperr.NotFoundf("agenda item not found")
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_documents (id, meeting_id, agenda_item_id, filename, content_type, size, content, uploaded_by, uploaded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			d.ID, m.ID, nullStr(itemID), d.Filename, d.ContentType, d.Size, content, nullStr(actor.PersonID), d.UploadedAt); err != nil {
			return fmt.Errorf("store document: %w", err)
		}
		return s.audit(ctx, tx, actor, "document_add", m, map[string]any{"filename": label(d.Filename, m.Confidential), "size": d.Size})
	})
	return d, err
}

// DocumentContent returns document docID with its content, for an actor who
// may see its meeting. Errors: NotFound.
func (s *Service) DocumentContent(ctx context.Context, actor *authz.Actor, docID string) (Document, []byte, error) {
	var d Document
	var mid string
	var content []byte
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, meeting_id, COALESCE(agenda_item_id, ''), filename, content_type, size, content, uploaded_at
		FROM meeting_documents WHERE id = $1`, docID).Scan(&d.ID, &mid, &d.AgendaItemID, &d.Filename, &d.ContentType, &d.Size, &content, &d.UploadedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil, apperr.NotFoundf("document not found")
	}
	if err != nil {
		return d, nil, err
	}
	if _, err := s.Get(ctx, actor, mid); err != nil {
		return Document{}, nil, apperr.NotFoundf("document not found")
	}
	return d, content, nil
}

// DeleteDocument removes document docID. Errors: NotFound, Forbidden,
// Conflict as AddDocument.
func (s *Service) DeleteDocument(ctx context.Context, actor *authz.Actor, docID string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var mid, name string
		err := tx.QueryRowContext(ctx, `SELECT meeting_id, filename FROM meeting_documents WHERE id = $1`, docID).Scan(&mid, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("document not found")
		}
		if err != nil {
			return err
		}
		m, err := s.editable(ctx, tx, actor, mid, true)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_documents WHERE id = $1`, docID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "document_remove", m, map[string]any{"filename": label(name, m.Confidential)})
	})
}
