package ubl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
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

// node is one element of the parsed document. Names of UBL elements are
// written with their usual prefix ("cbc:ID", "cac:Party", "ext:UBLExtensions");
// the root has its local name ("Invoice"); elements in other namespaces
// are written "{namespace}local".
type node struct {
	name    string
	attrs   []attr
	text    string // character data of a leaf (elements with children keep none)
	hasText bool   // non-space character data next to child elements
	kids    []*node
	parent  *node
	line    int
	// idx is the node's 1-based position among its siblings of the same
	// name and same their number, set when the parent is closed, so a
	// path is built without scanning siblings.
	idx, same int32
}

type attr struct {
	name  string // local name, or "{namespace}local" for qualified attributes
	value string
}

// qualify gives an element its spil name.
func qualify(n xml.Name) string {
	switch n.Space {
	case nsCBC:
		return "cbc:" + n.Local
	case nsCAC:
		return "cac:" + n.Local
	case nsEXT:
		return "ext:" + n.Local
	case "":
		return n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

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
				if text.Len() > 0 && strings.TrimSpace(text.String()) != "" {
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
			} else if strings.TrimSpace(text.String()) != "" {
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
				if len(bytes.TrimSpace(t)) > 0 {
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

// child returns the first child named name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// children returns the children named name.
func (n *node) children(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// at follows a path of first children, nil when one is missing.
func (n *node) at(path ...string) *node {
	for _, p := range path {
		n = n.child(p)
	}
	return n
}

// all returns every node reached by path, following all matching children.
func (n *node) all(path ...string) []*node {
	cur := []*node{n}
	for _, p := range path {
		var next []*node
		for _, c := range cur {
			next = append(next, c.children(p)...)
		}
		cur = next
	}
	if n == nil {
		return nil
	}
	return cur
}

// str returns the trimmed text of the node at path, "" when absent.
func (n *node) str(path ...string) string {
	if m := n.at(path...); m != nil {
		return strings.TrimSpace(m.text)
	}
	return ""
}

// attr returns the value of the named attribute and whether it is present.
func (n *node) attr(name string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// pathOf names a node's place: the element names from below the root,
// with a 1-based index where the parent has several of the same name
// ("cac:InvoiceLine[2]/cac:Item/cbc:Name"). The root itself is "/".
func pathOf(n *node) string {
	if n == nil {
		return ""
	}
	if n.parent == nil {
		return "/" + n.name
	}
	var parts []string
	for ; n.parent != nil; n = n.parent {
		part := n.name
		same, idx := int(n.same), int(n.idx)
		if same == 0 { // the parent is still open (an error while parsing)
			for _, s := range n.parent.kids {
				if s.name == n.name {
					same++
					if s == n {
						idx = same
					}
				}
			}
		}
		if same > 1 {
			part += "[" + strconv.Itoa(idx) + "]"
		}
		parts = append(parts, part)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "/")
}

// resolve finds the node a path from pathOf (or a path without indexes,
// meaning the first) points at, for line numbers; nil when absent.
func (n *node) resolve(path string) *node {
	if path == "" || strings.HasPrefix(path, "/") {
		return n
	}
	cur := n
	for _, part := range strings.Split(path, "/") {
		name, idx := part, 1
		if i := strings.IndexByte(part, '['); i > 0 && strings.HasSuffix(part, "]") {
			name = part[:i]
			if v, err := strconv.Atoi(part[i+1 : len(part)-1]); err == nil {
				idx = v
			}
		}
		var found *node
		seen := 0
		for _, k := range cur.kids {
			if k.name == name {
				seen++
				if seen == idx {
					found = k
					break
				}
			}
		}
		if found == nil {
			return cur // the deepest existing ancestor still helps
		}
		cur = found
	}
	return cur
}
