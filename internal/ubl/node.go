package ubl

import (
	"encoding/xml"
	"strconv"
	"strings"
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
