package ubl

import (
	"encoding/base64"
	"strings"
)

// attachmentOf reads one cac:AdditionalDocumentReference. An embedded
// object is decoded when it is valid base64 and at most max bytes once
// decoded; otherwise Data stays nil and Size says how large it is.
func attachmentOf(a *node, max int) Attachment {
	att := Attachment{
		ID:               a.str("cbc:ID"),
		DocumentTypeCode: a.str("cbc:DocumentTypeCode"),
		Description:      a.str("cbc:DocumentDescription"),
		URI:              a.str("cac:Attachment", "cac:ExternalReference", "cbc:URI"),
	}
	obj := a.at("cac:Attachment", "cbc:EmbeddedDocumentBinaryObject")
	if obj == nil {
		return att
	}
	att.Embedded = true
	att.MimeCode, _ = obj.attr("mimeCode")
	att.MimeCode = strings.TrimSpace(att.MimeCode)
	att.Filename, _ = obj.attr("filename")
	att.Filename = strings.TrimSpace(att.Filename)
	b64 := stripSpace(obj.text)
	att.Size = base64.StdEncoding.DecodedLen(len(b64))
	if strings.HasSuffix(b64, "==") {
		att.Size -= 2
	} else if strings.HasSuffix(b64, "=") {
		att.Size--
	}
	if att.Size > max {
		return att
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return att
	}
	att.Data, att.Size = data, len(data)
	return att
}

// stripSpace removes the whitespace base64 text may be wrapped with.
func stripSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// base64Lexical reports whether s is xsd:base64Binary: base64 characters,
// correctly padded, whitespace allowed anywhere.
func base64Lexical(s string) bool {
	t := stripSpace(s)
	if len(t)%4 != 0 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
		case c == '=':
			// Padding only at the end, after a character whose unused
			// low bits are zero (as XML Schema's canonical alphabet asks).
			rest := t[i:]
			if i == 0 {
				return false
			}
			switch rest {
			case "=":
				return strings.IndexByte("AEIMQUYcgkosw048", t[i-1]) >= 0
			case "==":
				return strings.IndexByte("AQgw", t[i-1]) >= 0
			}
			return false
		default:
			return false
		}
	}
	return true
}
