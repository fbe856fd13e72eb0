package ubl

import (
	"strings"
)

// ruleXSD names findings of the UBL 2.1 schema check.
const ruleXSD = "UBL-XSD"

// maxStructureFindings caps the schema findings of one document; a
// document that breaks the schema hundreds of times says so once it is
// clear.
const maxStructureFindings = 50

// checkStructure checks the tree against UBL 2.1 as the OASIS schemas
// define it: which elements may appear where, in which order and how
// often; which attributes they may carry; and whether numbers, dates,
// times, booleans and binary objects are written correctly. Content of
// ext:UBLExtensions is not checked (the schema lets it hold anything).
func checkStructure(root *node, fs *findings) {
	s := loadSchema()
	c := structChecker{s: s, fs: fs}
	c.noAttrs(root)
	c.sequence(root, s.roots[root.name])
}

type structChecker struct {
	s     *schema
	fs    *findings
	count int
}

func (c *structChecker) report(path, format string, args ...any) {
	c.count++
	if c.count == maxStructureFindings+1 {
		c.fs.errorf(ruleXSD, path, "more schema problems follow; only the first %d are listed", maxStructureFindings)
	}
	if c.count > maxStructureFindings {
		return
	}
	c.fs.errorf(ruleXSD, path, format, args...)
}

// sequence checks the children of an aggregate against its sequence.
func (c *structChecker) sequence(n *node, seq []particle) {
	if n.hasText {
		c.report(pathOf(n), "%s may only contain elements, not text", n.name)
	}
	i, count := 0, 0 // current particle and how often it occurred
	for ki, k := range n.kids {
		j := i
		for j < len(seq) && seq[j].name != k.name {
			j++
		}
		if j == len(seq) {
			if pos := indexOf(seq[:i], k.name); pos >= 0 {
				c.report(pathOf(k), "%s is out of order: it must come before %s", k.name, seq[i].name)
			} else {
				c.report(pathOf(k), "%s is not allowed in %s", k.name, describe(n))
			}
			continue
		}
		if j != i {
			c.missing(n, seq[i:j], count, k, n.kids[ki+1:])
			i, count = j, 0
		}
		count++
		if seq[i].max >= 0 && count > seq[i].max {
			c.report(pathOf(k), "%s may occur at most %d time(s) in %s", k.name, seq[i].max, describe(n))
		}
		c.element(k)
	}
	if i < len(seq) {
		c.missing(n, seq[i:], count, nil, nil)
	}
}

// missing reports required particles of skipped that did not occur; the
// first one already occurred count times. One that occurs later among
// rest is not missing but misplaced, and reported there.
func (c *structChecker) missing(parent *node, skipped []particle, count int, before *node, rest []*node) {
	for idx, p := range skipped {
		have := 0
		if idx == 0 {
			have = count
		}
		if have >= p.min || containsName(rest, p.name) {
			continue
		}
		where := ""
		if before != nil {
			where = " before " + before.name
		}
		path := pathOf(parent)
		if parent.parent == nil {
			path = p.name
		} else {
			path += "/" + p.name
		}
		c.report(path, "%s is missing%s: %s requires it", p.name, where, describe(parent))
	}
}

// element checks one child: an aggregate recursively, a basic element as
// a value, extensions not at all.
func (c *structChecker) element(k *node) {
	switch {
	case strings.HasPrefix(k.name, "cac:"):
		seq, ok := c.s.typeOf(k.name)
		if !ok {
			c.report(pathOf(k), "%s is not a UBL 2.1 element", k.name)
			return
		}
		c.noAttrs(k)
		c.sequence(k, seq)
	case strings.HasPrefix(k.name, "cbc:"):
		kind, ok := c.s.basic[k.name]
		if !ok {
			c.report(pathOf(k), "%s is not a UBL 2.1 element", k.name)
			return
		}
		c.value(k, kind)
	case k.name == "ext:UBLExtensions":
		// The schema allows any content in extensions.
	default:
		c.report(pathOf(k), "%s is not a UBL 2.1 element", k.name)
	}
}

// schemaHint reports whether an attribute is one of the xsi: hints every
// element may carry (xsi:nil and xsi:type change validation and are
// refused: no UBL element is nillable or has derived types).
func schemaHint(name string) bool {
	return name == "{"+nsXSI+"}schemaLocation" || name == "{"+nsXSI+"}noNamespaceSchemaLocation"
}

// noAttrs reports attributes on an aggregate (only xsi:schemaLocation
// hints are allowed there).
func (c *structChecker) noAttrs(n *node) {
	for _, a := range n.attrs {
		if !schemaHint(a.name) {
			c.report(pathOf(n), "attribute %s is not allowed on %s", attrName(a.name), n.name)
		}
	}
}

// value checks a basic element's attributes and lexical form.
func (c *structChecker) value(n *node, kind dataKind) {
	path := pathOf(n)
	if len(n.kids) > 0 {
		c.report(path, "%s may only contain a value, not elements", n.name)
		return
	}
	for _, a := range n.attrs {
		if schemaHint(a.name) {
			continue
		}
		if !attrAllowed(kind, a.name) {
			c.report(path, "attribute %s is not allowed on %s", attrName(a.name), n.name)
		} else if a.name == "languageID" && !languageLexical(collapse(a.value)) {
			c.report(path, "languageID %q of %s is not a language code such as nl or en-GB", clip(a.value), n.name)
		}
	}
	if req := requiredAttr(kind); req != "" {
		if _, ok := n.attr(req); !ok {
			c.report(path, "%s must have a %s attribute", n.name, req)
		}
	}
	v := n.text
	switch kind {
	case kindAmount, kindQuantity, kindMeasure, kindNumeric, kindPercent, kindRate:
		if !decimalLexical(collapse(v)) {
			c.report(path, "%s must be a decimal number such as 1234.56, not %q", n.name, clip(v))
		}
	case kindDate:
		if _, ok := parseDate(v); !ok {
			c.report(path, "%s must be a date written YYYY-MM-DD, not %q", n.name, clip(v))
		}
	case kindTime:
		if !timeLexical(v) {
			c.report(path, "%s must be a time written hh:mm:ss, not %q", n.name, clip(v))
		}
	case kindIndicator:
		if !booleanLexical(v) {
			c.report(path, "%s must be true or false, not %q", n.name, clip(v))
		}
	case kindBinary:
		if !base64Lexical(v) {
			c.report(path, "%s must be base64-encoded", n.name)
		}
	}
}

// languageLexical reports whether s is an xsd:language, e.g. "nl" or
// "en-GB": letters, then hyphenated groups of letters and digits.
func languageLexical(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 {
			return false
		}
		for _, c := range part {
			letter := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// describe names an element for messages.
func describe(n *node) string {
	if n.parent == nil {
		return "the " + n.name
	}
	return n.name
}

func attrName(name string) string {
	if strings.HasPrefix(name, "{") {
		if i := strings.IndexByte(name, '}'); i > 0 {
			return name[i+1:] + " (namespace " + name[1:i] + ")"
		}
	}
	return name
}

func containsName(nodes []*node, name string) bool {
	for _, n := range nodes {
		if n.name == name {
			return true
		}
	}
	return false
}

func indexOf(seq []particle, name string) int {
	for i, p := range seq {
		if p.name == name {
			return i
		}
	}
	return -1
}

// clip shortens a value for a message.
func clip(s string) string {
	s = collapse(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
