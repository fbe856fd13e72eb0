package ubl

import (
	"strings"
)

// Profile is the specification a document declares in cbc:CustomizationID,
// which decides the rules it is held to.
type Profile int

// Profiles.
const (
	// ProfileUBL is plain UBL 2.1: no EN 16931 claim (the OASIS samples,
	// the old Dutch UBL-OHNL). Only the schema is checked; the totals
	// arithmetic is reported as warnings.
	ProfileUBL Profile = iota
	// ProfileEN16931 is EN 16931 itself or a specialisation spil has no
	// national rules for.
	ProfileEN16931
	// ProfilePeppol is Peppol BIS Billing 3.0: EN 16931 plus the Dutch
	// rules NL-R-001…009 for suppliers in the Netherlands.
	ProfilePeppol
	// ProfileNLCIUS is NLCIUS / SI-UBL 2.0: EN 16931 plus BR-NL-1…35.
	ProfileNLCIUS
)

// String names the profile.
func (p Profile) String() string {
	switch p {
	case ProfileEN16931:
		return "EN 16931"
	case ProfilePeppol:
		return "Peppol BIS Billing 3.0"
	case ProfileNLCIUS:
		return "NLCIUS (SI-UBL 2.0)"
	}
	return "UBL 2.1"
}

// Profile returns the specification the document declares. A CustomizationID
// starting with urn:cen.eu:en16931:2017 declares EN 16931; within it the
// NLCIUS (#compliant#urn:fdc:nen.nl:nlcius:v1.0, also its g-account
// extension) and Peppol BIS 3 (urn:fdc:peppol.eu:2017:poacc:billing:3.0)
// specialisations are recognised. A document without CustomizationID but
// with a Peppol business process in cbc:ProfileID (urn:fdc:peppol.eu:…) is
// a Peppol document that lost its CustomizationID and is held to EN 16931,
// so BR-01 reports the omission.
func (d *Document) Profile() Profile {
	c := d.CustomizationID
	switch {
	case strings.HasPrefix(c, "urn:cen.eu:en16931:2017"):
		switch {
		case strings.Contains(c, "#compliant#urn:fdc:nen.nl:nlcius:v1.0"), strings.Contains(c, "#conformant#urn:fdc:nen.nl:gaccount:v1.0"):
			return ProfileNLCIUS
		case strings.Contains(c, "urn:fdc:peppol.eu:2017:poacc:billing:3.0"):
			return ProfilePeppol
		}
		return ProfileEN16931
	case c == "" && strings.Contains(d.ProfileID, "peppol.eu:"):
		return ProfileEN16931
	}
	return ProfileUBL
}

// Validate checks the document and returns its findings in document
// order; none means the document keeps every rule spil checks. It checks
//   - the UBL 2.1 schema (rule UBL-XSD): elements, order, cardinality,
//     attributes, and the form of numbers, dates and binary objects;
//   - for EN 16931 documents the core business rules: mandatory elements
//     (BR-01…BR-16 and the line, allowance, VAT breakdown and payment
//     rules), the arithmetic of the totals (BR-CO-10…16, BR-CO-25), the
//     VAT categories S, Z, E, AE and O (BR-S/Z/E/AE/O), decimals
//     (BR-DEC), code lists (BR-CL: currencies, countries, VAT categories,
//     payment means, type codes, MIME types) and the UBL cardinality
//     rules (UBL-SR);
//   - for NLCIUS the Dutch rules BR-NL-1…35 and SI-UBL-2 (empty
//     elements); for Peppol BIS 3 the Dutch rules NL-R-001…009;
//   - attachments over the size limit (SPIL-ATT-01) and, for plain UBL,
//     that no EN 16931 conformance was declared (SPIL-UBL-01).
//
// Validate never fails; a document Read accepted can always be checked.
func (d *Document) Validate() []Finding {
	var fs findings
	checkStructure(d.root, &fs)
	c := &ruleCtx{d: d, r: d.root, fs: &fs, sev: Error}
	switch p := d.Profile(); p {
	case ProfileUBL:
		fs.warnf("SPIL-UBL-01", "cbc:CustomizationID", "the document does not declare EN 16931 (cbc:CustomizationID is %q), so only the UBL 2.1 schema and the totals were checked", d.CustomizationID)
		c.sev = Warning
		c.totals()
	default:
		c.mandatory()
		c.lineRules()
		c.syntaxRules()
		c.codeLists()
		c.totals()
		c.decimals()
		c.vatRules()
		switch p {
		case ProfileNLCIUS:
			c.nlcius()
		case ProfilePeppol:
			c.peppolNL()
		}
	}
	c.attachments()
	return fs.sorted(d.root)
}

// ruleCtx is what the rules work on.
type ruleCtx struct {
	d  *Document
	r  *node
	fs *findings
	// sev is the severity of the arithmetic rules: Error for EN 16931
	// documents, Warning for plain UBL.
	sev Severity
}

// lines returns the line elements.
func (c *ruleCtx) lines() []*node { return c.r.children(c.d.lineName()) }

// attachments reports embedded objects too large to keep.
func (c *ruleCtx) attachments() {
	refs := c.r.children("cac:AdditionalDocumentReference")
	for i, a := range c.d.Attachments {
		obj := refs[i].at("cac:Attachment", "cbc:EmbeddedDocumentBinaryObject")
		if !a.Embedded || a.Data != nil || !base64Lexical(textOf(obj)) {
			continue
		}
		c.fs.warnf("SPIL-ATT-01", pathOf(obj), "attachment %q (%s) is %d bytes, more than the %d bytes spil keeps; it was not stored", a.Filename, a.MimeCode, a.Size, c.d.lim.MaxAttachmentBytes)
	}
}
