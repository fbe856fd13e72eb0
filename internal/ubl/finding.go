package ubl

import (
	"fmt"
	"sort"

	"spil/internal/apperr"
)

// Severity of a finding: an Error breaks a rule the document must keep
// (schema, EN 16931, the national rules); a Warning breaks a
// recommendation and does not make the document wrong.
type Severity int

// Severities.
const (
	Warning Severity = iota + 1
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Finding is one broken rule.
type Finding struct {
	// Rule is the rule's ID as its specification names it: "UBL-XSD" for
	// the UBL 2.1 schema, "BR-16", "BR-CO-15", "BR-S-08", "BR-DEC-12",
	// "UBL-SR-09" (EN 16931), "BR-NL-1" (NLCIUS / SI-UBL 2.0), "NL-R-003"
	// (Peppol BIS for Dutch suppliers), "SPIL-…" (spil's own checks).
	Rule     string
	Severity Severity
	// Message says what is wrong in words for the person handling the
	// invoice, with the values involved.
	Message string
	// Path is the element at fault below the document element, e.g.
	// "cac:LegalMonetaryTotal/cbc:PayableAmount" or
	// "cac:InvoiceLine[2]/cac:Item/cbc:Name" ("/Invoice" for the document
	// itself). A missing element is named where it should have been.
	Path string
	// Line is the line of the element in the document (of its nearest
	// existing ancestor when it is missing), 0 when unknown.
	Line int
}

// String formats a finding as "error BR-CO-15 (line 12, path): message".
func (f Finding) String() string {
	return fmt.Sprintf("%s %s (line %d, %s): %s", f.Severity, f.Rule, f.Line, f.Path, f.Message)
}

// Outcome summarises findings the way validators do.
type Outcome string

// Outcomes: no findings, only warnings, at least one error.
const (
	OutcomeOK      Outcome = "ok"
	OutcomeWarning Outcome = "warning"
	OutcomeError   Outcome = "error"
)

// OutcomeOf returns the outcome of a list of findings.
func OutcomeOf(fs []Finding) Outcome {
	out := OutcomeOK
	for _, f := range fs {
		if f.Severity == Error {
			return OutcomeError
		}
		out = OutcomeWarning
	}
	return out
}

// Err returns an apperr.Invalid error whose Fields map the path of each
// error finding to "RULE: message" (the first per path), or nil when
// there are no errors. Warnings never make an error.
func Err(fs []Finding) error {
	var fields apperr.Fields
	n := 0
	for _, f := range fs {
		if f.Severity != Error {
			continue
		}
		n++
		path := f.Path
		if path == "" {
			path = "document"
		}
		fields.Add(path, f.Rule+": "+f.Message)
	}
	if n == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Message: fmt.Sprintf("the e-invoice breaks %d rule(s)", n), Fields: fields}
}

// MaxFindings is the most findings Validate lists; a final SPIL-MAX
// finding says when more were left out.
const MaxFindings = 1000

// findings collects findings while validating.
type findings struct {
	list    []Finding
	dropped int
	worst   Severity // of the dropped ones
}

func (fs *findings) add(sev Severity, rule, path, format string, args ...any) {
	if len(fs.list) >= MaxFindings {
		fs.dropped++
		fs.worst = max(fs.worst, sev)
		return
	}
	fs.list = append(fs.list, Finding{Rule: rule, Severity: sev, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (fs *findings) errorf(rule, path, format string, args ...any) {
	fs.add(Error, rule, path, format, args...)
}

func (fs *findings) warnf(rule, path, format string, args ...any) {
	fs.add(Warning, rule, path, format, args...)
}

// sorted returns the findings in document order (by line, errors first).
func (fs *findings) sorted(root *node) []Finding {
	for i := range fs.list {
		if fs.list[i].Line == 0 {
			if n := root.resolve(fs.list[i].Path); n != nil {
				fs.list[i].Line = n.line
			}
		}
	}
	sort.SliceStable(fs.list, func(i, j int) bool {
		a, b := fs.list[i], fs.list[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Severity > b.Severity
	})
	if fs.dropped > 0 {
		fs.list = append(fs.list, Finding{Rule: "SPIL-MAX", Severity: fs.worst, Path: "/" + root.name, Line: root.line,
			Message: fmt.Sprintf("%d more findings are not listed", fs.dropped)})
	}
	return fs.list
}
