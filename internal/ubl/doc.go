// Package ubl reads UBL 2.1 e-invoices — Invoice and CreditNote as sent
// through Peppol (BIS Billing 3.0), by Dutch suppliers (NLCIUS / SI-UBL
// 2.0) or as plain OASIS UBL — into a Document that holds what accounts
// payable needs: supplier and customer (names, KvK/OIN and other legal
// identifiers with their scheme, VAT number, address, contact, electronic
// address), dates, references, payment means (IBAN, BIC, payment
// reference), payment terms, lines, allowances and charges, the VAT
// breakdown, the totals and the embedded attachments with their decoded
// bytes. Amounts are shopspring decimals as written, never floats.
//
// # Reading
//
// Read refuses, with an apperr.Invalid error naming the element path and
// line, input it cannot or will not read: more than 20 MiB, not
// well-formed XML, any DOCTYPE or entity declaration (no DTD is ever
// processed, so entity expansion and external entities cannot happen),
// nesting deeper than 64 elements, more than 200,000 elements, and any
// document element other than a UBL 2.1 Invoice or CreditNote in its
// namespace. UTF-8, UTF-16 (with byte-order mark), ISO-8859-1/15 and
// Windows-1252 are read. Limits can be changed with ReadWith.
//
// Everything else is read as far as it goes and reported by Validate.
//
// # Validating
//
// Validate returns findings — rule, severity, message, element path and
// line — in document order. It checks the UBL 2.1 schema (element names,
// order and cardinality, attributes, the form of numbers, dates, times,
// booleans and base64) from a table generated from the OASIS schemas, and
// for documents that declare EN 16931 in cbc:CustomizationID its core
// business rules, code lists and UBL syntax rules, plus the Dutch rules
// of NLCIUS (BR-NL) or Peppol (NL-R) as the CustomizationID asks. Plain
// UBL documents only get the schema and, as warnings, the totals. See
// Validate for the list and docs/costs/ubl.md for what is not checked.
//
// The package is pure: no I/O besides the reader it is given, no global
// state that changes, safe for concurrent use.
package ubl
