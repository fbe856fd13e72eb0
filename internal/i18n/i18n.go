// Package i18n holds spil's Dutch and English texts and formats dates,
// numbers and money the way each language writes them.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed messages/*.json
var files embed.FS

// Languages lists the languages spil speaks, the default first.
func Languages() []string { return []string{"nl", "en"} }

// Catalog holds the texts of every language.
type Catalog struct {
	msgs map[string]map[string]string
}

// Load reads the embedded catalogs: for each language messages/<lang>.json
// plus any messages/<module>.<lang>.json, so that each module keeps its own
// texts. A key defined twice for one language is an error.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}}
	for _, lang := range Languages() {
		names, err := fs.Glob(files, "messages/*"+lang+".json")
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, name := range names {
			base := strings.TrimPrefix(name, "messages/")
			if base != lang+".json" && !strings.HasSuffix(base, "."+lang+".json") {
				continue
			}
			b, err := files.ReadFile(name)
			if err != nil {
				return nil, err
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("%s: key %q is defined in another %s file too", name, k, lang)
				}
				m[k] = v
			}
		}
		c.msgs[lang] = m
	}
	return c, nil
}

// Keys returns the sorted message keys of lang.
func (c *Catalog) Keys(lang string) []string {
	keys := make([]string, 0, len(c.msgs[lang]))
	for k := range c.msgs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether key exists in lang.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.msgs[lang][key]
	return ok
}

// Supported returns lang when spil speaks it, otherwise "".
func Supported(lang string) string {
	for _, l := range Languages() {
		if l == lang {
			return l
		}
	}
	return ""
}

// Printer renders texts and values in one language and time zone.
type Printer struct {
	Lang string
	Loc  *time.Location
	c    *Catalog
}

// Printer returns a printer for lang (Dutch when unsupported) in loc.
func (c *Catalog) Printer(lang string, loc *time.Location) *Printer {
	if Supported(lang) == "" {
		lang = "nl"
	}
	if loc == nil {
		loc = time.UTC
	}
	return &Printer{Lang: lang, Loc: loc, c: c}
}

// T returns the text for key, formatted with args (fmt verbs). A missing key
// shows as the key itself, so it is seen, never hidden; a test keeps the
// catalogs complete.
func (p *Printer) T(key string, args ...any) string {
	s, ok := p.c.msgs[p.Lang][key]
	if !ok {
		s, ok = p.c.msgs["nl"][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Has reports whether the printer's language has a text for key.
func (p *Printer) Has(key string) bool { return p.c.Has(p.Lang, key) }

// N returns the plural form of key for n: key+".one" when n is 1, else
// key+".other", with n as the first argument.
func (p *Printer) N(key string, n int, args ...any) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	return p.T(key+form, append([]any{n}, args...)...)
}

var monthsNL = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
var daysNL = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}

// Date formats t's calendar date in the printer's zone: "29 november 2026" /
// "29 November 2026".
func (p *Printer) Date(t time.Time) string {
	t = t.In(p.Loc)
	if p.Lang == "nl" {
		return fmt.Sprintf("%d %s %d", t.Day(), monthsNL[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// Weekday names t's day of the week in the printer's language.
func (p *Printer) Weekday(t time.Time) string {
	t = t.In(p.Loc)
	if p.Lang == "nl" {
		return daysNL[t.Weekday()]
	}
	return t.Weekday().String()
}

// ShortDate formats t as 29-11-2026 (nl) or 2026-11-29 (en).
func (p *Printer) ShortDate(t time.Time) string {
	t = t.In(p.Loc)
	if p.Lang == "nl" {
		return t.Format("02-01-2006")
	}
	return t.Format("2006-01-02")
}

// DateTime formats t as a short date with a 24-hour time in the printer's zone.
func (p *Printer) DateTime(t time.Time) string {
	return p.ShortDate(t) + " " + t.In(p.Loc).Format("15:04")
}

// Number formats n with the language's grouping: 1.234.567 (nl), 1,234,567 (en).
func (p *Printer) Number(n int64) string {
	sep := ","
	if p.Lang == "nl" {
		sep = "."
	}
	return group(n, sep)
}

func group(n int64, sep string) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Money formats an amount in cents: "€ 1.234,56" (nl), "€1,234.56" (en).
// Currencies other than EUR show their code.
func (p *Printer) Money(cents int64, currency string) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole, frac := cents/100, cents%100
	var s string
	if p.Lang == "nl" {
		s = fmt.Sprintf("%s,%02d", group(whole, "."), frac)
	} else {
		s = fmt.Sprintf("%s.%02d", group(whole, ","), frac)
	}
	sym := currency + " "
	if currency == "EUR" || currency == "" {
		sym = "€ "
		if p.Lang == "en" {
			sym = "€"
		}
	}
	if neg {
		if p.Lang == "nl" {
			return sym + "-" + s
		}
		return "-" + sym + s
	}
	return sym + s
}

// Msg translates a message that a service wrote in English (a validation or
// conflict message) when the catalog has it under "msg." + the English text;
// otherwise it returns the message unchanged.
func (p *Printer) Msg(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := p.c.msgs[p.Lang]["msg."+s]; ok {
		return t
	}
	return s
}
