package holiday

import "time"

// Easter returns Easter Sunday of the Gregorian calendar in year y, by the
// Anonymous Gregorian algorithm (Meeus/Jones/Butcher). The result is
// meaningful for Gregorian years (1583 and later); the arithmetic is not
// checked against other years, so callers validate the year first.
func Easter(y int) Date {
	a := y % 19
	b := y / 100
	c := y % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{Year: y, Month: time.Month(month), Day: day}
}
