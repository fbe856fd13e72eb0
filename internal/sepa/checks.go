package sepa

// Checks on creditor references. IBANs and BICs are checked by spil's IBAN
// package (spil/internal/iban).

// mod97 returns the ISO 7064 MOD 97-10 remainder of s, letters counted as
// A=10 … Z=35, as RF references use it. s holds only digits and
// upper-case letters.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// ValidRF reports whether ref is an ISO 11649 creditor reference in
// electronic form: "RF", two check digits and 1 to 21 letters or digits, with
// the mod-97 check passing ("RF18539007547034").
func ValidRF(ref string) bool {
	if len(ref) < 5 || len(ref) > 25 || ref[0] != 'R' || ref[1] != 'F' ||
		!isDigit(ref[2]) || !isDigit(ref[3]) {
		return false
	}
	for i := 4; i < len(ref); i++ {
		if !isUpper(ref[i]) && !isDigit(ref[i]) {
			return false
		}
	}
	return mod97(ref[4:]+ref[:4]) == 1
}

// ValidDutchReference reports whether ref is a Dutch betalingskenmerk as the
// Betaalvereniging specifies it: 7 digits without a check digit; 16 digits of
// which the first is a check digit; or 9 to 14 digits of which the first is a
// check digit and the second a length code (the number of digits that follow
// it, modulo 10). The check digit is a weighted modulus 11 over the digits
// after it, weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the right, repeating;
// 11 − remainder, with 10 → 1 and 11 → 0.
func ValidDutchReference(ref string) bool {
	n := len(ref)
	for i := 0; i < n; i++ {
		if !isDigit(ref[i]) {
			return false
		}
	}
	switch {
	case n == 7:
		return true
	case n == 16:
	case n >= 9 && n <= 14:
		if int(ref[1]-'0') != (n-2)%10 {
			return false
		}
	default:
		return false
	}
	weights := [...]int{2, 4, 8, 5, 10, 9, 7, 3, 6, 1}
	sum := 0
	for i, w := n-1, 0; i >= 1; i, w = i-1, w+1 {
		sum += int(ref[i]-'0') * weights[w%len(weights)]
	}
	c := 11 - sum%11
	switch c {
	case 10:
		c = 1
	case 11:
		c = 0
	}
	return int(ref[0]-'0') == c
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
