package ubl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The namespaces of UBL 2.1.
const (
	nsInvoice    = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
	nsCreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
	nsCBC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
	nsCAC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsEXT        = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
	nsXSI        = "http://www.w3.org/2001/XMLSchema-instance"
	nsCII        = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
)

// readError is an apperr-ready description of why a document could not
// be read: where (element path, line) and what.
type readError struct {
	path string
	line int
	msg  string
}

func (e *readError) Error() string {
	var b strings.Builder
	if e.line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.line)
	}
	if e.path != "" {
		b.WriteString(e.path + ": ")
	}
	b.WriteString(e.msg)
	return b.String()
}

// parseTree reads data into a tree, enforcing the limits. It refuses
// DOCTYPE and every other markup declaration, undeclared entities,
// elements nested deeper than lim.MaxDepth and more than lim.MaxElements
// elements.
func parseTree(data []byte, lim Limits) (*node, error) {
	data, err := toUTF8(data)
	if err != nil {
		return nil, &readError{msg: err.Error()}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = charsetReader
	var (
		root, cur *node
		depth     int
		elements  int
		text      strings.Builder
		closed    bool
	)
	where := func() int { line, _ := dec.InputPos(); return line }
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &readError{path: pathOf(cur), line: se.Line, msg: "not well-formed XML: " + se.Msg}
			}
			return nil, &readError{path: pathOf(cur), line: where(), msg: "not well-formed XML: " + err.Error()}
		}
		switch t := tok.(type) {
		case xml.Directive:
			word := strings.Fields(string(t))
			kind := "markup declaration"
			if len(word) > 0 {
				kind = word[0]
			}
			return nil, &readError{line: where(), msg: fmt.Sprintf("%s is not allowed in an e-invoice (no DTDs or entity declarations)", kind)}
		case xml.StartElement:
			if closed {
				return nil, &readError{line: where(), msg: "a second document element <" + t.Name.Local + "> after the first one"}
			}
			depth++
			elements++
			n := &node{name: qualify(t.Name), parent: cur, line: where()}
			if depth > lim.MaxDepth {
				return nil, &readError{path: pathOf(n), line: n.line, msg: fmt.Sprintf("elements are nested deeper than %d levels", lim.MaxDepth)}
			}
			if elements > lim.MaxElements {
				return nil, &readError{path: pathOf(n), line: n.line, msg: fmt.Sprintf("more than %d elements", lim.MaxElements)}
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				name := a.Name.Local
				if a.Name.Space != "" {
					name = "{" + a.Name.Space + "}" + a.Name.Local
				}
				n.attrs = append(n.attrs, attr{name: name, value: a.Value})
			}
			if cur == nil {
				root = n
			} else {
				if text.Len() > 0 && trimXML(text.String()) != "" {
					cur.hasText = true
				}
				cur.kids = append(cur.kids, n)
			}
			text.Reset()
			cur = n
		case xml.EndElement:
			numberKids(cur)
			if len(cur.kids) == 0 {
				cur.text = text.String()
			} else if trimXML(text.String()) != "" {
				cur.hasText = true
			}
			text.Reset()
			depth--
			cur = cur.parent
			if cur == nil {
				closed = true
			}
		case xml.CharData:
			if cur == nil {
				if trimXML(string(t)) != "" {
					return nil, &readError{line: where(), msg: "text outside the document element"}
				}
				continue
			}
			text.Write(t)
		}
	}
	if root == nil {
		return nil, &readError{msg: "no document element: the input is empty or not XML"}
	}
	return root, nil
}

// numberKids sets idx and same of n's children.
func numberKids(n *node) {
	if len(n.kids) <= 8 {
		for _, k := range n.kids {
			for _, o := range n.kids {
				if o.name == k.name {
					k.same++
					if o == k {
						k.idx = k.same
					}
				}
			}
		}
		return
	}
	count := make(map[string]int32, 16)
	for _, k := range n.kids {
		count[k.name]++
		k.idx = count[k.name]
	}
	for _, k := range n.kids {
		k.same = count[k.name]
	}
}

// toUTF8 decodes UTF-16 input (recognised by its byte-order mark) and
// drops a UTF-8 byte-order mark.
func toUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		out, _, err := transform.Bytes(unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder(), data)
		if err != nil {
			return nil, fmt.Errorf("invalid UTF-16: %v", err)
		}
		// The declaration still says UTF-16; the decoder must not re-decode.
		return dropEncodingDecl(out), nil
	}
	return data, nil
}

// dropEncodingDecl removes the encoding pseudo-attribute of the XML
// declaration of already decoded input.
func dropEncodingDecl(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return b
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return b
	}
	decl := string(b[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return b
	}
	rest := decl[i:]
	q := strings.IndexAny(rest, `"'`)
	if q < 0 {
		return b
	}
	closeQ := strings.IndexByte(rest[q+1:], rest[q])
	if closeQ < 0 {
		return b
	}
	cut := i + q + 1 + closeQ + 1
	return append([]byte(decl[:i]+decl[cut:]), b[end:]...)
}

// charsetReader supports the single-byte encodings Dutch and European
// senders still declare besides UTF-8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return charmap.ISO8859_1.NewDecoder().Reader(in), nil
	case "iso-8859-15", "latin-9":
		return charmap.ISO8859_15.NewDecoder().Reader(in), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("unsupported character encoding %q (use UTF-8)", label)
}
