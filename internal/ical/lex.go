package ical

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SyntaxError says what is wrong with an iCalendar stream and on which
// (physical, 1-based) line. Parse wraps it in an apperr.Invalid error.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line <= 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// contentLine is one unfolded content line: NAME;PARAM=a,b:VALUE.
type contentLine struct {
	line   int    // physical line where the content line starts
	name   string // upper case
	params map[string][]string
	value  string
	bad    string // non-empty when the line could not be parsed
}

func (c contentLine) param(name string) string {
	if v := c.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// component is a BEGIN/END block.
type component struct {
	name  string
	line  int
	props []contentLine
	subs  []*component
}

func (c *component) first(name string) (contentLine, bool) {
	for _, p := range c.props {
		if p.name == name && p.bad == "" {
			return p, true
		}
	}
	return contentLine{}, false
}

func (c *component) all(name string) []contentLine {
	var out []contentLine
	for _, p := range c.props {
		if p.name == name && p.bad == "" {
			out = append(out, p)
		}
	}
	return out
}

// unfold splits data into logical lines: it drops a UTF-8 byte-order mark,
// accepts CRLF, LF and lone CR line ends, joins lines that begin with a
// space or a TAB to the previous line (RFC 5545 3.1) and replaces invalid
// UTF-8 by U+FFFD. Each logical line carries the number of its first
// physical line.
func unfold(data []byte) []contentLine {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	s := string(data)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []contentLine
	var cur strings.Builder
	start := 0
	flush := func() {
		if start > 0 {
			out = append(out, contentLine{line: start, value: cur.String()})
		}
		cur.Reset()
		start = 0
	}
	for i, l := range strings.Split(s, "\n") {
		if (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && start > 0 {
			cur.WriteString(l[1:])
			continue
		}
		flush()
		if strings.TrimSpace(l) == "" {
			continue
		}
		start = i + 1
		cur.WriteString(l)
	}
	flush()
	return out
}

// parseContentLine splits raw into name, parameters and value. Parameter
// values may be quoted and are decoded per RFC 6868 (^n, ^^, ^').
func parseContentLine(line int, raw string) contentLine {
	cl := contentLine{line: line}
	i := 0
	for i < len(raw) && raw[i] != ';' && raw[i] != ':' {
		i++
	}
	cl.name = strings.ToUpper(strings.TrimSpace(raw[:i]))
	if cl.name == "" {
		cl.bad = "content line without a name"
		return cl
	}
	for i < len(raw) && raw[i] == ';' {
		i++
		j := i
		for j < len(raw) && raw[j] != '=' && raw[j] != ':' && raw[j] != ';' {
			j++
		}
		if j >= len(raw) || raw[j] != '=' {
			cl.bad = fmt.Sprintf("parameter %q of %s has no value", raw[i:j], cl.name)
			return cl
		}
		pname := strings.ToUpper(strings.TrimSpace(raw[i:j]))
		i = j + 1
		var vals []string
		for {
			if i < len(raw) && raw[i] == '"' {
				end := strings.IndexByte(raw[i+1:], '"')
				if end < 0 {
					cl.bad = fmt.Sprintf("unterminated quoted value of parameter %s", pname)
					return cl
				}
				vals = append(vals, decodeParam(raw[i+1:i+1+end]))
				i = i + 1 + end + 1
			} else {
				// Apple writes "\;" inside unquoted values; accept a
				// backslash-escaped ; , or : as part of the value.
				j := i
				var v strings.Builder
				for j < len(raw) && raw[j] != ',' && raw[j] != ';' && raw[j] != ':' {
					if raw[j] == '\\' && j+1 < len(raw) && strings.IndexByte(";,:", raw[j+1]) >= 0 {
						j++
					}
					v.WriteByte(raw[j])
					j++
				}
				vals = append(vals, decodeParam(v.String()))
				i = j
			}
			if i < len(raw) && raw[i] == ',' {
				i++
				continue
			}
			break
		}
		if pname == "TZID" && len(vals) > 1 {
			// TZID has one value; an unquoted "Canberra, Melbourne" is one name.
			vals = []string{strings.Join(vals, ",")}
		}
		if cl.params == nil {
			cl.params = map[string][]string{}
		}
		cl.params[pname] = append(cl.params[pname], vals...)
	}
	if i >= len(raw) || raw[i] != ':' {
		cl.bad = fmt.Sprintf("%s: missing ':' before the value", cl.name)
		return cl
	}
	cl.value = raw[i+1:]
	return cl
}

// decodeParam applies RFC 6868: ^n is a newline, ^^ a caret, ^' a double
// quote; any other ^ is kept as it is.
func decodeParam(s string) string {
	if !strings.Contains(s, "^") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '^' && i+1 < len(s) {
			switch s[i+1] {
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			case '^':
				b.WriteByte('^')
				i++
				continue
			case '\'':
				b.WriteByte('"')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// buildTree turns logical lines into VCALENDAR components. Structure errors
// (no BEGIN:VCALENDAR first, END without matching BEGIN, unclosed
// components at the end) are returned as *SyntaxError. Lines outside any
// VCALENDAR are reported in warns and ignored.
func buildTree(lines []contentLine, warns *[]string) ([]*component, error) {
	if len(lines) == 0 {
		return nil, &SyntaxError{Msg: "empty input: not an iCalendar file"}
	}
	var cals []*component
	var stack []*component
	for k, l := range lines {
		cl := parseContentLine(l.line, l.value)
		if len(stack) == 0 {
			if cl.bad == "" && cl.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(cl.value), "VCALENDAR") {
				c := &component{name: "VCALENDAR", line: cl.line}
				stack = append(stack, c)
				cals = append(cals, c)
				continue
			}
			if k == 0 {
				return nil, &SyntaxError{Line: l.line, Msg: fmt.Sprintf("not an iCalendar file: expected BEGIN:VCALENDAR, found %q", clip(l.value, 40))}
			}
			*warns = append(*warns, fmt.Sprintf("line %d: ignored text after END:VCALENDAR: %q", l.line, clip(l.value, 40)))
			continue
		}
		top := stack[len(stack)-1]
		switch {
		case cl.bad == "" && cl.name == "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(cl.value))
			if name == "" {
				return nil, &SyntaxError{Line: cl.line, Msg: "BEGIN without a component name"}
			}
			if len(stack) >= MaxDepth {
				return nil, &SyntaxError{Line: cl.line, Msg: fmt.Sprintf("components nested more than %d deep (BEGIN:%s)", MaxDepth, clip(name, 40))}
			}
			c := &component{name: name, line: cl.line}
			top.subs = append(top.subs, c)
			stack = append(stack, c)
		case cl.bad == "" && cl.name == "END":
			name := strings.ToUpper(strings.TrimSpace(cl.value))
			if name != top.name {
				return nil, &SyntaxError{Line: cl.line, Msg: fmt.Sprintf("END:%s does not close BEGIN:%s of line %d", clip(name, 40), top.name, top.line)}
			}
			stack = stack[:len(stack)-1]
		default:
			top.props = append(top.props, cl)
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		last := lines[len(lines)-1].line
		return nil, &SyntaxError{Line: last, Msg: fmt.Sprintf("file ends inside BEGIN:%s of line %d (truncated?)", top.name, top.line)}
	}
	return cals, nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
