package ubl

import "strings"

// Code lists of EN 16931 (CEN/TC 434 validation artefacts 1.3), written
// as space-separated constants so no table can be changed at run time.
// Currencies are not here: they are the ones internal/money knows, so an
// invoice this package accepts can always be turned into money.Amounts.
const (
	// ISO 3166-1 alpha-2 country codes, with 1A (Kosovo) and XI (Northern
	// Ireland) as EN 16931 allows.
	iso3166 = "1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT " +
		"BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET " +
		"FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN " +
		"IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF " +
		"MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH " +
		"PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
		"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW"
	// VAT identifier prefixes (BR-CO-09): the country codes plus EL (Greece).
	vatPrefixes = iso3166 + " EL"
	// UNCL 5305 VAT category codes used by EN 16931.
	uncl5305 = "AE E S Z G O K L M B"
	// UNCL 4461 payment means codes.
	uncl4461 = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 " +
		"37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 70 74 75 76 " +
		"77 78 91 92 93 94 95 96 97 98 ZZZ"
	// UNCL 1001 document type codes EN 16931 accepts for invoices and
	// credit notes.
	uncl1001 = "71 80 81 82 83 84 102 130 202 203 204 211 218 219 261 262 295 296 308 325 326 331 380 381 382 383 384 " +
		"385 386 387 388 389 390 393 394 395 396 420 456 457 527 532 553 575 623 633 751 780 817 870 875 876 877 935"
	// MIME codes of attachments EN 16931 accepts.
	mimeCodes = "application/pdf image/png image/jpeg text/csv " +
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet application/vnd.oasis.opendocument.spreadsheet"
)

// inList reports whether code is one of the space-separated list.
func inList(list, code string) bool {
	if code == "" || strings.ContainsRune(code, ' ') {
		return false
	}
	for i := 0; i < len(list); {
		j := strings.Index(list[i:], code)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(code)
		if (j == 0 || list[j-1] == ' ') && (end == len(list) || list[end] == ' ') {
			return true
		}
		i = j + 1
	}
	return false
}
