package web

import (
	"net/http"
	"strconv"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/org"
)

// LocationForm is the location form as typed, so a rejected form shows
// exactly what was entered.
type LocationForm struct {
	Name, Address, Postcode, City, Country string
	Latitude, Longitude                    string
}

func locationFormOf(l org.Location) LocationForm {
	f := LocationForm{Name: l.Name, Address: l.Address, Postcode: l.Postcode, City: l.City, Country: l.Country}
	if l.Latitude != nil {
		f.Latitude = strconv.FormatFloat(*l.Latitude, 'f', -1, 64)
	}
	if l.Longitude != nil {
		f.Longitude = strconv.FormatFloat(*l.Longitude, 'f', -1, 64)
	}
	return f
}

// input turns the form into a LocationInput; coordinates that are no
// number are reported per field. A decimal comma is accepted.
func (f LocationForm) input() (org.LocationInput, FieldErrors) {
	in := org.LocationInput{Name: f.Name, Address: f.Address, Postcode: f.Postcode, City: f.City, Country: f.Country}
	errs := FieldErrors{}
	coord := func(field, s string) *float64 {
		s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
		if s == "" {
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			errs[field] = "is not a number"
			return nil
		}
		return &v
	}
	in.Latitude = coord("latitude", f.Latitude)
	in.Longitude = coord("longitude", f.Longitude)
	return in, errs
}

func readLocationForm(r *http.Request) LocationForm {
	return LocationForm{
		Name: r.PostFormValue("name"), Address: r.PostFormValue("address"), Postcode: r.PostFormValue("postcode"),
		City: r.PostFormValue("city"), Country: r.PostFormValue("country"),
		Latitude: r.PostFormValue("latitude"), Longitude: r.PostFormValue("longitude"),
	}
}

// LocationRow is one location in the list.
type LocationRow struct {
	org.Location
	Coordinates string // "52.37403, 4.88969", "" when unknown
}

// LocationEditor is what the location form partial shows.
type LocationEditor struct {
	P      *i18n.Printer
	Action string
	Submit string
	Form   LocationForm
	Errors FieldErrors
}

// LocationsPage is the data of the locations page and its create form.
type LocationsPage struct {
	Nav       SubNav
	Locations []LocationRow
	CanManage bool
	Form      LocationForm
	Errors    FieldErrors
	Alert     string // why a deletion failed, in the service's English
}

// Editor is the create form.
func (d LocationsPage) Editor(p *i18n.Printer) LocationEditor {
	return LocationEditor{P: p, Action: "/locations", Submit: p.T("locations.create"), Form: d.Form, Errors: d.Errors}
}

func (s *Server) locations(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderLocations(w, r, a, http.StatusOK, LocationsPage{Form: LocationForm{Country: "NL"}})
}

func (s *Server) renderLocations(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d LocationsPage) error {
	locs, err := s.Org.Locations(r.Context(), a)
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "organization")
	d.Nav = orgSubNav(p.P, "locations")
	for _, l := range locs {
		row := LocationRow{Location: l}
		if l.Latitude != nil && l.Longitude != nil {
			row.Coordinates = strconv.FormatFloat(*l.Latitude, 'f', -1, 64) + ", " + strconv.FormatFloat(*l.Longitude, 'f', -1, 64)
		}
		d.Locations = append(d.Locations, row)
	}
	d.CanManage = a.Can(authz.LocationsManage)
	s.render(w, r, status, "locations", p, d)
	return nil
}

func (s *Server) createLocation(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := readLocationForm(r)
	in, errs := f.input()
	if len(errs) > 0 {
		// Check the rest too, so every message shows at once, without saving.
		in.Latitude, in.Longitude = nil, nil
		in.Name = strings.TrimSpace(in.Name)
		if in.Name == "" {
			errs["name"] = "is required"
		}
		return s.renderLocations(w, r, a, http.StatusUnprocessableEntity, LocationsPage{Form: f, Errors: errs})
	}
	if _, err := s.Org.CreateLocation(r.Context(), a, in); err != nil {
		if fe, ok := invalid(err); ok {
			return s.renderLocations(w, r, a, statusFor(err), LocationsPage{Form: f, Errors: fe})
		}
		return err
	}
	s.done(w, r, "/locations", "location_created")
	return nil
}

// LocationFormPage is the data of the page that changes one location.
type LocationFormPage struct {
	Nav    SubNav
	ID     string
	Name   string // the stored name
	Form   LocationForm
	Errors FieldErrors
}

// Editor is the edit form.
func (d LocationFormPage) Editor(p *i18n.Printer) LocationEditor {
	return LocationEditor{P: p, Action: "/locations/" + d.ID, Submit: p.T("action.save"), Form: d.Form, Errors: d.Errors}
}

func (s *Server) editLocation(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	l, err := s.Org.Location(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderLocationForm(w, r, a, http.StatusOK, LocationFormPage{ID: l.ID, Name: l.Name, Form: locationFormOf(l)})
}

func (s *Server) renderLocationForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d LocationFormPage) error {
	p := s.page(r, a, "organization")
	p.Title = p.P.T("locations.edit_title", d.Name)
	d.Nav = orgSubNav(p.P, "locations")
	s.render(w, r, status, "location_form", p, d)
	return nil
}

func (s *Server) updateLocation(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	before, err := s.Org.Location(r.Context(), a, id)
	if err != nil {
		return err
	}
	f := readLocationForm(r)
	in, errs := f.input()
	if len(errs) == 0 {
		if _, err := s.Org.UpdateLocation(r.Context(), a, id, in); err != nil {
			fe, ok := invalid(err)
			if !ok {
				return err
			}
			return s.renderLocationForm(w, r, a, statusFor(err), LocationFormPage{ID: id, Name: before.Name, Form: f, Errors: fe})
		}
		s.done(w, r, "/locations", "location_saved")
		return nil
	}
	return s.renderLocationForm(w, r, a, http.StatusUnprocessableEntity, LocationFormPage{ID: id, Name: before.Name, Form: f, Errors: errs})
}

func (s *Server) deleteLocation(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Org.DeleteLocation(r.Context(), a, r.PathValue("id")); err != nil {
		if _, ok := invalid(err); ok {
			return s.renderLocations(w, r, a, statusFor(err), LocationsPage{Form: LocationForm{Country: "NL"}, Alert: apperr.MessageOf(err)})
		}
		return err
	}
	s.done(w, r, "/locations", "location_deleted")
	return nil
}

// AlertText is Alert in the reader's language.
func (d LocationsPage) AlertText(p *i18n.Printer) string { return translate(p, d.Alert) }
