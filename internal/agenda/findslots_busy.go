package agenda

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"time"

	"spil/internal/slots"
)

// busyItem is an occurrence that takes time (not cancelled, not all-day),
// with what the slot finder and free/busy need of it. It is small: a search
// over twenty agendas and three months handles some ten thousand.
type busyItem struct {
	ID    string
	Title string
	// attendees are the internal attendees' person IDs, comma-separated.
	attendees string
	// place is shared between items at the same location; nil for none.
	place          *Place
	at, until, occ int64 // Unix seconds: start, end, original start
	priority       uint8
	visibility     uint8 // index in visibilityName
	tentative      bool
}

var visibilityName = [...]string{Normal, Private, Confidential}

func visibilityCode(v string) uint8 {
	switch v {
	case Private:
		return 1
	case Confidential:
		return 2
	}
	return 0
}

func newBusyItem(o Occurrence) busyItem {
	b := busyItem{ID: o.ID, Title: o.Title, at: o.At.Unix(), until: o.Until.Unix(), occ: o.OccurrenceStart.Unix(),
		priority: uint8(o.Priority), visibility: visibilityCode(o.Visibility), tentative: o.Status == Tentative}
	if o.Place != (Place{}) {
		p := o.Place
		b.place = &p
	}
	var ids []string
	for _, a := range o.Attendees {
		if a.PersonID != "" {
			ids = append(ids, a.PersonID)
		}
	}
	b.attendees = strings.Join(ids, ",")
	return b
}

func (b busyItem) At() time.Time    { return time.Unix(b.at, 0).UTC() }
func (b busyItem) Until() time.Time { return time.Unix(b.until, 0).UTC() }

func (b busyItem) status() string {
	if b.tentative {
		return Tentative
	}
	return Confirmed
}

// attends reports whether personID is one of the item's attendees.
func (b busyItem) attends(personID string) bool {
	if personID == "" || b.attendees == "" {
		return false
	}
	for id := range strings.SplitSeq(b.attendees, ",") {
		if id == personID {
			return true
		}
	}
	return false
}

// is reports whether b is the occurrence o.
func (b busyItem) is(o Occurrence) bool { return b.ID == o.ID && b.occ == o.OccurrenceStart.Unix() }

// slot is b for the slot finder as actor (with access acc to the agenda)
// may see it: private, without title or place name, unless actor sees the
// item in full. Places come from places, so equal places share a pointer
// (and a travel estimate in the slot finder).
func (b busyItem) slot(acc Access, actorID string, places slotPlaces) slots.Appointment {
	a := slots.Appointment{Start: b.At(), End: b.Until(), Priority: int(b.priority)}
	a.Private = !acc.SeesItem(visibilityName[b.visibility]) && !b.attends(actorID)
	if !a.Private {
		a.Title = b.Title
	}
	if b.place != nil {
		a.Location = places.get(b.place, a.Private)
	}
	return a
}

// slotPlaces hands out one slots.Place per place and visibility.
type slotPlaces map[*Place]*[2]*slots.Place

func (ps slotPlaces) get(p *Place, hidden bool) *slots.Place {
	if !p.HasCoordinates() {
		return nil
	}
	pair := ps[p]
	if pair == nil {
		pair = &[2]*slots.Place{}
		ps[p] = pair
	}
	i := 0
	if hidden {
		i = 1
	}
	if pair[i] == nil {
		pair[i] = &slots.Place{Name: p.Name, Place: p.Travel()}
		if hidden {
			pair[i].Name = ""
		}
	}
	return pair[i]
}

// The busy cache stores a month of one person's busy items in a compact
// binary form: a format byte, the number of items, a table of strings,
// then per item the times
// (Unix seconds), one byte of flags, string indexes (ID, title, place
// name, location ID, attendees) and, for an address, its coordinates.
const (
	busyFormat    = 1
	flagTentative = 1 << 5
	flagCoords    = 1 << 6
)

var errBusyFormat = errors.New("busy cache: damaged data")

func encodeBusy(items []busyItem) []byte {
	index := map[string]uint64{"": 0}
	strs := []string{""}
	ref := func(s string) uint64 {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = uint64(len(strs))
		strs = append(strs, s)
		return index[s]
	}
	var body []byte
	for _, b := range items {
		body = binary.AppendVarint(body, b.at)
		body = binary.AppendUvarint(body, uint64(b.until-b.at))
		body = binary.AppendVarint(body, b.occ-b.at)
		var p Place
		if b.place != nil {
			p = *b.place
		}
		flags := b.priority&7 | b.visibility<<3
		if b.tentative {
			flags |= flagTentative
		}
		coords := p.LocationID == "" && p.HasCoordinates()
		if coords {
			flags |= flagCoords
		}
		body = append(body, flags)
		for _, s := range [...]string{b.ID, b.Title, p.Name, p.LocationID, b.attendees} {
			body = binary.AppendUvarint(body, ref(s))
		}
		if coords {
			body = binary.LittleEndian.AppendUint64(body, math.Float64bits(*p.Lat))
			body = binary.LittleEndian.AppendUint64(body, math.Float64bits(*p.Lon))
		}
	}
	out := []byte{busyFormat}
	out = binary.AppendUvarint(out, uint64(len(items)))
	out = binary.AppendUvarint(out, uint64(len(strs)))
	for _, s := range strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, body...)
}

// decodeBusy appends the items of data to into, leaving out those that
// start before skipBefore (Unix seconds; they are in the previous month's
// data) and those that do not overlap [from, to). A place at one of the
// organization's locations is taken from locs, as the location is now.
func decodeBusy(data []byte, into []busyItem, skipBefore, from, to int64, locs map[string]*Place) ([]busyItem, error) {
	d := busyDecoder{data: data}
	if len(data) == 0 || data[0] != busyFormat {
		return into, errBusyFormat
	}
	if into == nil {
		into = make([]busyItem, 0, busyCount(data))
	}
	d.pos = 1
	n := d.uvarint()
	count := d.uvarint()
	if d.bad || count > uint64(len(data)) {
		return into, errBusyFormat
	}
	// The strings are cut from one copy of the table (one allocation).
	type span struct{ from, to int }
	spans := make([]span, count)
	first := d.pos
	for i := range spans {
		n := d.uvarint()
		if d.bad || n > uint64(len(data)-d.pos) {
			return into, errBusyFormat
		}
		spans[i] = span{d.pos - first, d.pos - first + int(n)}
		d.pos += int(n)
	}
	table := string(data[first:d.pos])
	strs := make([]string, count)
	for i, sp := range spans {
		strs[i] = table[sp.from:sp.to]
	}
	if n > uint64(len(data)) {
		return into, errBusyFormat
	}
	var addresses []Place
	var slab []float64
	var idx [5]uint64
	for range n {
		at := d.varint()
		until := at + int64(d.uvarint())
		occ := at + d.varint()
		flags := d.byte()
		for i := range idx {
			if idx[i] = d.uvarint(); idx[i] >= count {
				d.bad = true
			}
		}
		var lat, lon float64
		if flags&flagCoords != 0 {
			lat, lon = d.float(), d.float()
		}
		if d.bad {
			return into, errBusyFormat
		}
		if at < skipBefore || at >= to || until <= from {
			continue
		}
		b := busyItem{ID: strs[idx[0]], Title: strs[idx[1]], attendees: strs[idx[4]], at: at, until: until, occ: occ,
			priority: flags & 7, tentative: flags&flagTentative != 0}
		if v := flags >> 3 & 3; int(v) < len(visibilityName) {
			b.visibility = v
		}
		if id := strs[idx[3]]; id != "" {
			b.place = locs[id]
		} else if flags&flagCoords != 0 || strs[idx[2]] != "" {
			// Places of addresses are handed out from chunks, so
			// pointers into a chunk stay put.
			if len(addresses) == cap(addresses) {
				addresses, slab = make([]Place, 0, 64), make([]float64, 0, 128)
			}
			p := Place{Name: strs[idx[2]]}
			if flags&flagCoords != 0 {
				slab = append(slab, lat, lon)
				p.Lat, p.Lon = &slab[len(slab)-2], &slab[len(slab)-1]
			}
			addresses = append(addresses, p)
			b.place = &addresses[len(addresses)-1]
		}
		into = append(into, b)
	}
	return into, nil
}

type busyDecoder struct {
	data []byte
	pos  int
	bad  bool
}

func (d *busyDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.data[d.pos:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.pos += n
	return v
}

func (d *busyDecoder) varint() int64 {
	v, n := binary.Varint(d.data[d.pos:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.pos += n
	return v
}

func (d *busyDecoder) byte() byte {
	if d.pos >= len(d.data) {
		d.bad = true
		return 0
	}
	d.pos++
	return d.data[d.pos-1]
}

func (d *busyDecoder) float() float64 {
	if len(d.data)-d.pos < 8 {
		d.bad = true
		return 0
	}
	d.pos += 8
	return math.Float64frombits(binary.LittleEndian.Uint64(d.data[d.pos-8:]))
}

// busyCount returns how many items data holds (0 when damaged).
func busyCount(data []byte) int {
	if len(data) < 2 || data[0] != busyFormat {
		return 0
	}
	n, k := binary.Uvarint(data[1:])
	if k <= 0 || n > uint64(len(data)) {
		return 0
	}
	return int(n)
}
