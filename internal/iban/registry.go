package iban

// country is one country's IBAN structure from the SWIFT IBAN registry.
type country struct {
	code   string // ISO 3166-1 alpha-2, the first two characters of the IBAN
	length int    // characters in the IBAN, country code and check digits included
	bban   string // the BBAN format in the registry's notation: 4!a10!n
	sepa   bool   // in the SEPA scheme's geographical scope
}

// countries holds every country in the IBAN registry, sorted by code.
// Transcribed from the SWIFT IBAN registry as mdomke/schwifty publishes it
// (schwifty/iban_registry/generated.json at commit
// 23462330ec05c024fecfb9f275a213709c100e1c, MIT); TestRegistryMatchesCorpus
// compares it with that file when SPIL_CORPUS is set. Read-only.
//
// In the notation, n is a digit, a an upper-case letter, c a letter or
// digit, and "4!a" four of them, exactly.
var countries = [...]country{
	{"AD", 24, "4!n4!n12!c", true},
	{"AE", 23, "3!n16!n", false},
	{"AL", 28, "8!n16!c", false},
	{"AT", 20, "5!n11!n", true},
	{"AZ", 28, "4!a20!c", false},
	{"BA", 20, "3!n3!n8!n2!n", false},
	{"BE", 16, "3!n7!n2!n", true},
	{"BG", 22, "4!a4!n2!n8!c", true},
	{"BH", 22, "4!a14!c", false},
	{"BI", 27, "5!n5!n11!n2!n", false},
	{"BR", 29, "8!n5!n10!n1!a1!c", false},
	{"BY", 28, "4!c4!n16!c", false},
	{"CH", 21, "5!n12!c", true},
	{"CR", 22, "4!n14!n", false},
	{"CY", 28, "3!n5!n16!c", true},
	{"CZ", 24, "4!n6!n10!n", true},
	{"DE", 22, "8!n10!n", true},
	{"DJ", 27, "5!n5!n11!n2!n", false},
	{"DK", 18, "4!n9!n1!n", true},
	{"DO", 28, "4!c20!n", false},
	{"EE", 20, "2!n2!n11!n1!n", true},
	{"EG", 29, "4!n4!n17!n", false},
	{"ES", 24, "4!n4!n1!n1!n10!n", true},
	{"FI", 18, "3!n11!n", true},
	{"FK", 18, "2!a12!n", false},
	{"FO", 18, "4!n9!n1!n", false},
	{"FR", 27, "5!n5!n11!c2!n", true},
	{"GB", 22, "4!a6!n8!n", true},
	{"GE", 22, "2!a16!n", false},
	{"GI", 23, "4!a15!c", true},
	{"GL", 18, "4!n9!n1!n", false},
	{"GR", 27, "3!n4!n16!c", true},
	{"GT", 28, "4!c20!c", false},
	{"HR", 21, "7!n10!n", true},
	{"HU", 28, "3!n4!n1!n15!n1!n", true},
	{"IE", 22, "4!a6!n8!n", true},
	{"IL", 23, "3!n3!n13!n", false},
	{"IQ", 23, "4!a3!n12!n", false},
	{"IS", 26, "4!n2!n6!n10!n", false},
	{"IT", 27, "1!a5!n5!n12!c", true},
	{"JO", 30, "4!a4!n18!c", false},
	{"KW", 30, "4!a22!c", false},
	{"KZ", 20, "3!n13!c", false},
	{"LB", 28, "4!n20!c", false},
	{"LC", 32, "4!a24!c", false},
	{"LI", 21, "5!n12!c", true},
	{"LT", 20, "5!n11!n", true},
	{"LU", 20, "3!n13!c", true},
	{"LV", 21, "4!a13!c", true},
	{"LY", 25, "3!n3!n15!n", false},
	{"MC", 27, "5!n5!n11!c2!n", true},
	{"MD", 24, "2!c18!c", false},
	{"ME", 22, "3!n13!n2!n", false},
	{"MK", 19, "3!n10!c2!n", false},
	{"MN", 20, "4!n12!n", false},
	{"MR", 27, "5!n5!n11!n2!n", false},
	{"MT", 31, "4!a5!n18!c", true},
	{"MU", 30, "4!a2!n2!n12!n3!n3!a", false},
	{"NI", 28, "4!a20!n", false},
	{"NL", 18, "4!a10!n", true},
	{"NO", 15, "4!n6!n1!n", true},
	{"OM", 23, "3!n16!c", false},
	{"PK", 24, "4!a16!c", false},
	{"PL", 28, "8!n16!n", true},
	{"PS", 29, "4!a21!c", false},
	{"PT", 25, "4!n4!n11!n2!n", true},
	{"QA", 29, "4!a21!c", false},
	{"RO", 24, "4!a16!c", true},
	{"RS", 22, "3!n13!n2!n", false},
	{"RU", 33, "9!n5!n15!c", false},
	{"SA", 24, "2!n18!c", false},
	{"SC", 31, "4!a2!n2!n16!n3!a", false},
	{"SD", 18, "2!n12!n", false},
	{"SE", 24, "3!n16!n1!n", true},
	{"SI", 19, "5!n8!n2!n", true},
	{"SK", 24, "4!n6!n10!n", true},
	{"SM", 27, "1!a5!n5!n12!c", true},
	{"SO", 23, "4!n3!n12!n", false},
	{"ST", 25, "4!n4!n11!n2!n", false},
	{"SV", 28, "4!a20!n", false},
	{"TL", 23, "3!n14!n2!n", false},
	{"TN", 24, "2!n3!n13!n2!n", false},
	{"TR", 26, "5!n1!n16!c", false},
	{"UA", 29, "6!n19!c", false},
	{"VA", 22, "3!n15!n", true},
	{"VG", 24, "4!a16!n", false},
	{"XK", 20, "4!n10!n2!n", false},
}

// territories are the registry's entries for places whose accounts carry
// the IBAN of another country: an account on Réunion has an IBAN beginning
// with FR, one on Jersey an IBAN beginning with GB. The registry lists them
// with the other country's format and prefix, so spil refuses an IBAN
// that begins with their own code and names the prefix to use instead.
// Read-only.
var territories = [...][2]string{
	{"AX", "FI"},
	{"BL", "FR"},
	{"GF", "FR"},
	{"GG", "GB"},
	{"GP", "FR"},
	{"IM", "GB"},
	{"JE", "GB"},
	{"MF", "FR"},
	{"MQ", "FR"},
	{"NC", "FR"},
	{"PF", "FR"},
	{"PM", "FR"},
	{"RE", "FR"},
	{"TF", "FR"},
	{"WF", "FR"},
	{"YT", "FR"},
}
