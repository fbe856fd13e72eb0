package suppliers

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

// MaxDocumentSize is the largest contract document spil keeps (10 MB).
const MaxDocumentSize = 10 << 20

// documentTypes are the kinds of file a contract document may be, by
// extension, with the content type stored and how the content must begin.
var documentTypes = map[string]struct {
	contentType string
	magic       []byte
}{
	".pdf":  {"application/pdf", []byte("%PDF-")},
	".png":  {"image/png", []byte("\x89PNG\r\n\x1a\n")},
	".jpg":  {"image/jpeg", []byte("\xff\xd8\xff")},
	".jpeg": {"image/jpeg", []byte("\xff\xd8\xff")},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []byte("PK\x03\x04")},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []byte("PK\x03\x04")},
	".odt":  {"application/vnd.oasis.opendocument.text", []byte("PK\x03\x04")},
}

// AddDocument keeps a file with a contract. The type is decided by the
// file name's extension (PDF, PNG, JPEG, DOCX, XLSX, ODT) and the content
// must really be of that type; the content type the browser sent is
// ignored.
//
// Errors: NotFound as GetContract; Invalid ("file") for an empty, too large
// (over MaxDocumentSize) or unaccepted file, or one whose content does not
// match its extension.
func (s *Service) AddDocument(ctx context.Context, actor *authz.Actor, contractID, filename string, content []byte) (Document, error) {
	if !CanSeeContracts(actor) {
		return Document{}, errNoContract()
	}
	filename = strings.TrimSpace(path.Base(strings.ReplaceAll(filename, `\`, "/")))
	ext := strings.ToLower(path.Ext(filename))
	t, ok := documentTypes[ext]
	var f apperr.Fields
	switch {
	case len(content) == 0:
		f.Add("file", "choose a file")
	case len(content) > MaxDocumentSize:
		f.Add("file", "the file is larger than 10 MB")
	case !ok:
		f.Add("file", "only PDF, PNG, JPEG, DOCX, XLSX and ODT files")
	case !bytes.HasPrefix(content, t.magic):
		f.Add("file", "the file's content does not match its type")
	case !utf8.ValidString(filename) || len(filename) > 200:
		f.Add("file", "the file name is too long")
	}
	if len(f) > 0 {
		return Document{}, f.Err()
	}
	d := Document{ID: newID(), ContractID: contractID, Filename: filename, ContentType: t.contentType,
		Size: int64(len(content)), UploadedAt: s.Clock.Now().UTC(), UploadedBy: actor.PersonID}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.contractTx(ctx, tx, contractID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contract_documents (id, contract_id, filename, content_type, size, content, uploaded_by, uploaded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, d.ID, contractID, d.Filename, d.ContentType, d.Size, content,
			nullStr(actor.PersonID), d.UploadedAt); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "add", ObjectType: "contract_document", ObjectID: d.ID, Label: c.Subject + ": " + filename,
			Summary: fmt.Sprintf("added document %q to contract %q", filename, c.Subject),
			After:   map[string]any{"filename": filename, "size": d.Size},
		})
	})
	return d, err
}

// Document returns a contract document with its content.
//
// Errors: NotFound when it does not exist or the actor may not see
// contracts.
func (s *Service) Document(ctx context.Context, actor *authz.Actor, contractID, id string) (Document, error) {
	if !CanSeeContracts(actor) {
		return Document{}, errNoContract()
	}
	var d Document
	var by sql.NullString
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, contract_id, filename, content_type, size, content, uploaded_by, uploaded_at
		FROM contract_documents WHERE id = $1 AND contract_id = $2`, id, contractID).
		Scan(&d.ID, &d.ContractID, &d.Filename, &d.ContentType, &d.Size, &d.Content, &by, &d.UploadedAt)
	if isNoRows(err) {
		return d, apperr.NotFoundf("document not found")
	}
	d.UploadedBy = by.String
	return d, err
}

func listDocuments(ctx context.Context, q db.Querier, contractID string) ([]Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, filename, content_type, size, COALESCE(uploaded_by, ''), uploaded_at
		FROM contract_documents WHERE contract_id = $1 ORDER BY uploaded_at, id`, contractID)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d := Document{ContractID: contractID}
		if err := rows.Scan(&d.ID, &d.Filename, &d.ContentType, &d.Size, &d.UploadedBy, &d.UploadedAt); err != nil {
			return nil, err
		}
		d.UploadedAt = d.UploadedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}
