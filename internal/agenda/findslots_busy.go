package agenda

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/google/uuid"

	"spil/internal/slots"
)

// busyItem is an occurrence that takes time (not cancelled, not all-day),
// with what the slot finder and free/busy need of it. It is small: a search
// over twenty agendas and three months handles some ten thousand.
type busyItem struct {
	key   string // the appointment's ID as idKey gives it
	Title string
	// attendees are the internal attendees' person IDs, as idKey gives
	// them (shared with the other items decoded from one month).
	attendees []string
	// place is shared between the items at one place; nil for none.
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

// idKey is an appointment ID as the busy cache keeps it: a UUID in its 16
// bytes (after a zero byte, which no text ID starts with), else as is.
func idKey(id string) string {
	if u, err := uuid.Parse(id); err == nil && len(id) == 36 && u.String() == id {
		return "\x00" + string(u[:])
	}
	return id
}

func newBusyItem(o Occurrence) busyItem {
	b := busyItem{key: idKey(o.ID), Title: o.Title, at: o.At.Unix(), until: o.Until.Unix(), occ: o.OccurrenceStart.Unix(),
		priority: uint8(o.Priority), visibility: visibilityCode(o.Visibility), tentative: o.Status == Tentative}
	if o.Place != (Place{}) {
		p := o.Place
		b.place = &p
	}
	for _, a := range o.Attendees {
		if a.PersonID != "" {
			b.attendees = append(b.attendees, idKey(a.PersonID))
		}
	}
	return b
}

func (b *busyItem) At() time.Time    { return time.Unix(b.at, 0).UTC() }
func (b *busyItem) Until() time.Time { return time.Unix(b.until, 0).UTC() }

// attends reports whether the person whose idKey is key is one of the
// item's attendees.
func (b *busyItem) attends(key string) bool {
	return key != "" && slices.Contains(b.attendees, key)
}

// is reports whether b is the occurrence o.
func (b *busyItem) is(o Occurrence) bool {
	return b.occ == o.OccurrenceStart.Unix() && b.key == idKey(o.ID)
}

// slot is b for the slot finder as the actor (idKey actorKey, with access
// acc to the agenda) may see it: private, without title or place name,
// unless the actor sees the item in full. Places come from places, so equal
// places share a pointer (and a travel estimate in the slot finder).
func (b *busyItem) slot(acc Access, actorKey string, places slotPlaces) slots.Appointment {
	a := slots.Appointment{Start: b.At(), End: b.Until(), Priority: int(b.priority)}
	a.Private = !acc.SeesItem(visibilityName[b.visibility]) && !b.attends(actorKey)
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

// The busy cache stores a month of one person's busy items, sorted by
// start, in a compact binary form: a format byte; the number of items; a
// table of strings (length, bytes); a table of places (name and location
// ID as string indexes, a flag, an address's coordinates); then per item
// the start, length and original start in seconds, a byte of priority,
// visibility and status, the indexes of its ID, title and place (0 for
// none), and the number and indexes of its attendees.
const (
	busyFormat    = 3
	flagTentative = 1 << 5
	flagCoords    = 1
)

var errBusyFormat = errors.New("busy cache: damaged data")

func encodeBusy(items []busyItem) []byte {
	strIndex := map[string]uint64{"": 0}
	strs := []string{""}
	str := func(s string) uint64 {
		if i, ok := strIndex[s]; ok {
			return i
		}
		strIndex[s] = uint64(len(strs))
		strs = append(strs, s)
		return strIndex[s]
	}
	type placeKey struct {
		name, loc string
		lat, lon  float64
		coords    bool
	}
	placeIndex := map[placeKey]uint64{}
	var places []byte
	place := func(p *Place) uint64 {
		if p == nil {
			return 0
		}
		k := placeKey{name: p.Name, loc: p.LocationID}
		if p.LocationID == "" && p.HasCoordinates() {
			k.lat, k.lon, k.coords = *p.Lat, *p.Lon, true
		}
		if i, ok := placeIndex[k]; ok {
			return i
		}
		places = binary.AppendUvarint(places, str(k.name))
		places = binary.AppendUvarint(places, str(k.loc))
		if k.coords {
			places = append(places, flagCoords)
			places = binary.LittleEndian.AppendUint64(places, math.Float64bits(k.lat))
			places = binary.LittleEndian.AppendUint64(places, math.Float64bits(k.lon))
		} else {
			places = append(places, 0)
		}
		placeIndex[k] = uint64(len(placeIndex) + 1)
		return placeIndex[k]
	}
	var body []byte
	for _, b := range items {
		body = binary.AppendVarint(body, b.at)
		body = binary.AppendUvarint(body, uint64(b.until-b.at))
		body = binary.AppendVarint(body, b.occ-b.at)
		flags := b.priority&7 | b.visibility<<3
		if b.tentative {
			flags |= flagTentative
		}
		body = append(body, flags)
		body = binary.AppendUvarint(body, str(b.key))
		body = binary.AppendUvarint(body, str(b.Title))
		body = binary.AppendUvarint(body, place(b.place))
		body = binary.AppendUvarint(body, uint64(len(b.attendees)))
		for _, a := range b.attendees {
			body = binary.AppendUvarint(body, str(a))
		}
	}
	out := []byte{busyFormat}
	out = binary.AppendUvarint(out, uint64(len(items)))
	out = binary.AppendUvarint(out, uint64(len(strs)))
	for _, s := range strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = binary.AppendUvarint(out, uint64(len(placeIndex)))
	out = append(out, places...)
	return append(out, body...)
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

// decodeBusy appends the items of data to into, leaving out those that
// start before skipBefore (Unix seconds; they are in the previous month's
// data) and those that do not overlap [from, to). A place at one of the
// organization's locations is taken from locs, as the location is now.
func decodeBusy(data []byte, into []busyItem, skipBefore, from, to int64, locs map[string]*Place) ([]busyItem, error) {
	d := busyDecoder{data: data}
	if len(data) == 0 || data[0] != busyFormat {
		return into, errBusyFormat
	}
	d.pos = 1
	n := d.uvarint()
	count := d.uvarint()
	if d.bad || n > uint64(len(data)) || count > uint64(len(data)) {
		return into, errBusyFormat
	}
	// The strings are cut from one copy of the table (one allocation).
	bounds := make([][2]int, count)
	first := d.pos
	for i := range bounds {
		k := d.uvarint()
		if d.bad || k > uint64(len(data)-d.pos) {
			return into, errBusyFormat
		}
		bounds[i] = [2]int{d.pos - first, d.pos - first + int(k)}
		d.pos += int(k)
	}
	table := string(data[first:d.pos])
	strs := make([]string, count)
	for i, b := range bounds {
		strs[i] = table[b[0]:b[1]]
	}
	str := func() string {
		i := d.uvarint()
		if i >= count {
			d.bad = true
			return ""
		}
		return strs[i]
	}
	np := d.uvarint()
	if d.bad || np > uint64(len(data)) {
		return into, errBusyFormat
	}
	places := make([]*Place, np+1)
	var addresses []Place
	var coords []float64
	var atts []string // the attendees of all items, each item's a stretch
	for i := range np {
		name, loc := str(), str()
		p := Place{Name: name}
		if d.byte()&flagCoords != 0 {
			if coords == nil {
				coords = make([]float64, 0, 2*np) // sized once: pointers into it stay put
			}
			coords = append(coords, d.float(), d.float())
			p.Lat, p.Lon = &coords[len(coords)-2], &coords[len(coords)-1]
		}
		if loc != "" {
			places[i+1] = locs[loc] // the location as it is now
			continue
		}
		if addresses == nil {
			addresses = make([]Place, 0, np)
		}
		addresses = append(addresses, p)
		places[i+1] = &addresses[len(addresses)-1]
	}
	for range n {
		at := d.varint()
		until := at + int64(d.uvarint())
		occ := at + d.varint()
		flags := d.byte()
		key, title := str(), str()
		pi := d.uvarint()
		na := d.uvarint()
		if d.bad || pi > np || na > uint64(len(data)-d.pos) {
			return into, errBusyFormat
		}
		first := len(atts)
		for range na {
			atts = append(atts, str())
		}
		if d.bad {
			return into, errBusyFormat
		}
		if at >= to {
			break // items are sorted by start
		}
		if at < skipBefore || until <= from {
			continue
		}
		b := busyItem{key: key, Title: title, attendees: atts[first:len(atts):len(atts)], place: places[pi], at: at, until: until, occ: occ,
			priority: flags & 7, tentative: flags&flagTentative != 0}
		if v := flags >> 3 & 3; int(v) < len(visibilityName) {
			b.visibility = v
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
