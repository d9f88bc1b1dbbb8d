//! ОГРН (OGRN, 13 digits, legal entities) and ОГРНИП (OGRNIP, 15 digits, individual
//! entrepreneurs), Russian primary state registration numbers.
//!
//! OGRN: last digit = (first 12 digits as a number mod 11) mod 10.
//! OGRNIP: last digit = (first 14 digits as a number mod 13) mod 10. python-stdnum omits the
//! final mod 10 and so rejects every OGRNIP whose remainder is 10, 11 or 12; bindcheck accepts them.
//!
//! Error detection: a substitution in the check digit is always detected. A substitution in a
//! payload digit changes the remainder (10^k is never 0 mod 11 or mod 13), but the final mod 10
//! hides the change when the remainder moves between r and r ± 10: {0, 10} for OGRN; {0, 10},
//! {1, 11}, {2, 12} for OGRNIP.

use super::{IdError, all_digits, digit};

/// Human description of the alphabet.
pub const ALLOWED: &str = "digits 0-9";
/// What a 13-digit OGRN starts with (a zero is never assigned).
pub const ALLOWED_FIRST_OGRN: &str = "a 13-digit OGRN never starts with 0";
/// What a 15-digit OGRNIP starts with (3: OGRNIP, 4: a later record about the entrepreneur).
pub const ALLOWED_FIRST_OGRNIP: &str = "a 15-digit OGRNIP starts with 3 or 4";

/// `digits` read as a decimal number, reduced mod `m` (Horner; no overflow for any length).
pub fn remainder(digits: &[u32], m: u32) -> u32 {
    digits.iter().fold(0, |acc, d| (acc * 10 + d) % m)
}

/// The check digit implied by the first 12 (OGRN) or 14 (OGRNIP) digits; `None` unless `s`
/// is 13 or 15 ASCII digits (the check digit present is ignored).
pub fn check_digit(s: &str) -> Option<u32> {
    let d: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let (payload, _) = d.split_last().map(|(l, p)| (p, l))?;
    match d.len() {
        13 => Some(remainder(payload, 11) % 10),
        15 => Some(remainder(payload, 13) % 10),
        _ => None,
    }
}

/// Validate an OGRN (13 digits) or OGRNIP (15 digits).
///
/// Errors: [`IdError::Empty`]; [`IdError::Character`] for the first non-digit;
/// [`IdError::Length`] (expected 13 or 15); [`IdError::Leading`] for a first digit that is
/// never assigned (0 for OGRN; other than 3 or 4 for OGRNIP); [`IdError::CheckCharacter`] at
/// the last position.
pub fn validate(s: &str) -> Result<(), IdError> {
    let d = all_digits(s, ALLOWED)?;
    let first = s.chars().next().unwrap_or('0');
    let (modulus, first_ok, allowed) = match d.len() {
        13 => (11, first != '0', ALLOWED_FIRST_OGRN),
        15 => (13, matches!(first, '3' | '4'), ALLOWED_FIRST_OGRNIP),
        found => {
            return Err(IdError::Length {
                found,
                expected: vec![13, 15],
            });
        }
    };
    if !first_ok {
        return Err(IdError::Leading {
            found: first.to_string(),
            length: d.len(),
            allowed,
        });
    }
    let Some((last, payload)) = d.split_last() else {
        return Err(IdError::Empty);
    };
    let expected = remainder(payload, modulus) % 10;
    if *last != expected {
        return Err(IdError::CheckCharacter {
            position: d.len(),
            expected: char::from_digit(expected, 10).unwrap_or('?'),
            found: char::from_digit(*last, 10).unwrap_or('?'),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers() {
        assert_eq!(validate("1022500001325"), Ok(()));
        assert_eq!(validate("1027739552642"), Ok(()));
        assert_eq!(validate("385768585948949"), Ok(()));
        assert_eq!(check_digit("1022500001320"), Some(5));
        assert_eq!(check_digit("102250000132"), None);
    }

    #[test]
    fn ogrnip_remainders_ten_to_twelve() {
        // 30000000000000x: 3·10^13 mod 13. 10 ≡ -3 (mod 13), 10^13 ≡ (-3)^13 = -(3^13);
        // 3^3 = 27 ≡ 1, so 3^13 = 3·(3^3)^4 ≡ 3 → 10^13 ≡ -3 ≡ 10; 3·10 = 30 ≡ 4.
        assert_eq!(
            remainder(&[3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 13),
            4
        );
        // 30000000000006: 4 + 6 = 10 → check digit 0 (stdnum expects "10" and rejects).
        assert_eq!(validate("300000000000060"), Ok(()));
        // 30000000000007 → 11 → 1; 30000000000008 → 12 → 2.
        assert_eq!(validate("300000000000071"), Ok(()));
        assert_eq!(validate("300000000000082"), Ok(()));
        assert_eq!(
            validate("3000000000000810"),
            Err(IdError::Length {
                found: 16,
                expected: vec![13, 15]
            })
        );
    }

    #[test]
    fn errors_have_exact_fields() {
        assert_eq!(validate(""), Err(IdError::Empty));
        assert_eq!(
            validate("10277395526422"),
            Err(IdError::Length {
                found: 14,
                expected: vec![13, 15]
            })
        );
        assert_eq!(
            validate("0022500001325"),
            Err(IdError::Leading {
                found: "0".into(),
                length: 13,
                allowed: ALLOWED_FIRST_OGRN
            })
        );
        assert_eq!(
            validate("985768585948944"),
            Err(IdError::Leading {
                found: "9".into(),
                length: 15,
                allowed: ALLOWED_FIRST_OGRNIP
            })
        );
        assert_eq!(
            validate("1022500001328"),
            Err(IdError::CheckCharacter {
                position: 13,
                expected: '5',
                found: '8'
            })
        );
        assert_eq!(
            validate("385768585948948"),
            Err(IdError::CheckCharacter {
                position: 15,
                expected: '9',
                found: '8'
            })
        );
        assert_eq!(
            validate("10225-0001325"),
            Err(IdError::Character {
                position: 6,
                found: '-',
                allowed: ALLOWED
            })
        );
    }
}
