// Package org keeps the organization and its people: the organization's
// settings, people, departments, locations, who manages whom, and which roles
// each person holds.
package org

import (
	"time"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/password"
)

// Service is the organization module. Every method takes the acting person
// and enforces the rules itself; every change is audited in the same
// transaction.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
	Roles *authz.Roles
	// PasswordParams hash the first administrator's password; zero means
	// password.DefaultParams().
	PasswordParams password.Params
}

// Organization is the one organization a spil installation serves.
type Organization struct {
	Name      string    `json:"name"`
	Language  string    `json:"language"`  // "nl" or "en": default for people without a preference
	TimeZone  string    `json:"time_zone"` // IANA name, e.g. Europe/Amsterdam
	CreatedAt time.Time `json:"created_at"`
}

// SetupInput is what the first-run page (and `spil user add` on an empty
// database) asks for.
type SetupInput struct {
	OrganizationName string
	Language         string
	TimeZone         string
	AdminName        string
	AdminEmail       string
	AdminPassword    string
}

// Person is someone in the organization. Only people with a password (or an
// API token) can log in.
type Person struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Email          string    `json:"email"`
	Phone          string    `json:"phone"`
	JobTitle       string    `json:"job_title"`
	DepartmentID   string    `json:"department_id,omitempty"`
	DepartmentName string    `json:"department_name,omitempty"`
	LocationID     string    `json:"location_id,omitempty"`
	LocationName   string    `json:"location_name,omitempty"`
	ManagerID      string    `json:"manager_id,omitempty"`
	ManagerName    string    `json:"manager_name,omitempty"`
	Language       string    `json:"language,omitempty"`
	Active         bool      `json:"active"`
	Roles          []string  `json:"roles"`
	CanLogIn       bool      `json:"can_log_in"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// PersonInput is the editable part of a person. Roles is only applied when
// the actor may assign roles (nil leaves roles unchanged on update; on create
// nil means ["employee"]).
type PersonInput struct {
	Name         string   `json:"name"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone,omitempty"`
	JobTitle     string   `json:"job_title,omitempty"`
	DepartmentID string   `json:"department_id,omitempty"`
	LocationID   string   `json:"location_id,omitempty"`
	ManagerID    string   `json:"manager_id,omitempty"`
	Language     string   `json:"language,omitempty"`
	Active       *bool    `json:"active,omitempty"` // nil: active on create, unchanged on update
	Roles        []string `json:"roles,omitempty"`
}

// PeopleFilter narrows ListPeople.
type PeopleFilter struct {
	Query        string // substring of name, email or job title, case-insensitive
	DepartmentID string
	LocationID   string
	ManagerID    string
	Role         string
	ActiveOnly   bool
	Limit        int // 0 means 50; at most 500
	Offset       int
}

// Department is a part of the organization.
type Department struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	ParentID    string    `json:"parent_id,omitempty"`
	ParentName  string    `json:"parent_name,omitempty"`
	PeopleCount int       `json:"people_count"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// DepartmentInput is the editable part of a department.
type DepartmentInput struct {
	Name     string `json:"name"`
	ParentID string `json:"parent_id,omitempty"`
}

// Location is a place people work or meet: an office, a client's address.
// Coordinates feed travel times.
type Location struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Address   string    `json:"address"`
	Postcode  string    `json:"postcode"`
	City      string    `json:"city"`
	Country   string    `json:"country"` // ISO 3166-1 alpha-2
	Latitude  *float64  `json:"latitude,omitempty"`
	Longitude *float64  `json:"longitude,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// LocationInput is the editable part of a location.
type LocationInput struct {
	Name      string   `json:"name"`
	Address   string   `json:"address,omitempty"`
	Postcode  string   `json:"postcode,omitempty"`
	City      string   `json:"city,omitempty"`
	Country   string   `json:"country,omitempty"` // default NL
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
}

// ImportReport is the outcome of a CSV import of people.
type ImportReport struct {
	Rows               int        `json:"rows"`     // data rows read
	Imported           int        `json:"imported"` // people created
	Errors             []RowError `json:"errors"`   // per-row problems; nothing is imported when present unless ValidOnly
	CreatedDepartments []string   `json:"created_departments,omitempty"`
	People             []Person   `json:"people,omitempty"` // the people created
}

// RowError names a problem in one line of the file (line 1 is the header).
type RowError struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}
