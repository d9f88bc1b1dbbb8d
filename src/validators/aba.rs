//! US ABA routing transit numbers, the number the ACH and Fedwire networks route by.
//!
//! Nine digits. The first two name a Federal Reserve district: 01–12 for banks, 21–32 for
//! thrifts (since 1985 any institution), 61–72 for electronic transactions, 00 for the US
//! government and 80 for traveller's cheques; no routing number starts otherwise. The ninth
//! digit is a check digit: with weights 3, 7, 1 repeated, the weighted sum of all nine digits
//! is a multiple of 10. The check catches every single-digit error and most transpositions.

use super::{IdError, all_digits};

/// Human description of the alphabet.
pub const ALLOWED: &str = "digits 0-9";
/// What a routing number may start with.
pub const ALLOWED_LEADING: &str =
    "an ABA routing number starts with 00-12, 21-32, 61-72 or 80 (its Federal Reserve district)";

/// The weights of the nine digits, in order.
const WEIGHTS: [u32; 9] = [3, 7, 1, 3, 7, 1, 3, 7, 1];

/// Whether the first two digits `prefix` name a district that routing numbers are issued in.
fn issued_prefix(prefix: u32) -> bool {
    matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80)
}

/// The check digit the first eight digits imply; `None` unless `digits` has at least eight.
pub fn check_digit(digits: &[u32]) -> Option<u32> {
    let payload = digits.get(..8)?;
    let sum: u32 = payload.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    Some((10 - sum % 10) % 10)
}

/// Validates a 9-digit ABA routing number.
///
/// Errors: [`IdError::Empty`]; [`IdError::Character`] for the first non-digit;
/// [`IdError::Length`] (expected 9); [`IdError::Leading`] for a district prefix no routing
/// number has; [`IdError::CheckCharacter`] at position 9.
pub fn validate(s: &str) -> Result<(), IdError> {
    let d = all_digits(s, ALLOWED)?;
    if d.len() != 9 {
        return Err(IdError::Length {
            found: d.len(),
            expected: vec![9],
        });
    }
    if !issued_prefix(d[0] * 10 + d[1]) {
        return Err(IdError::Leading {
            found: s.chars().take(2).collect(),
            length: 9,
            allowed: ALLOWED_LEADING,
        });
    }
    let expected = check_digit(&d).unwrap_or(0);
    if d[8] != expected {
        return Err(IdError::CheckCharacter {
            position: 9,
            expected: char::from_digit(expected, 10).unwrap_or('?'),
            found: char::from_digit(d[8], 10).unwrap_or('?'),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_routing_numbers_are_valid() {
        // JPMorgan Chase (NY), Bank of America (NY ACH; VA), Community Federal Savings Bank's
        // ACH and wire numbers, Wells Fargo (CA), a thrift-range and an electronic-range number.
        for n in [
            "021000021",
            "026009593",
            "111000025",
            "026073150",
            "026073008",
            "121000248",
            "322271627",
            "011000015",
        ] {
            assert_eq!(validate(n), Ok(()), "{n}");
        }
    }

    #[test]
    fn errors_have_exact_fields() {
        assert_eq!(validate(""), Err(IdError::Empty));
        assert_eq!(
            validate("02100002"),
            Err(IdError::Length {
                found: 8,
                expected: vec![9]
            })
        );
        assert_eq!(
            validate("021-000-021"),
            Err(IdError::Character {
                position: 4,
                found: '-',
                allowed: ALLOWED
            })
        );
        assert_eq!(
            validate("021000022"),
            Err(IdError::CheckCharacter {
                position: 9,
                expected: '1',
                found: '2'
            })
        );
        // 45 is no Federal Reserve district, even with a fitting check digit.
        let mut digits = vec![4, 5, 0, 0, 0, 0, 0, 0];
        digits.push(check_digit(&digits).unwrap());
        let number: String = digits.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            validate(&number),
            Err(IdError::Leading {
                found: "45".into(),
                length: 9,
                allowed: ALLOWED_LEADING
            })
        );
    }

    #[test]
    fn check_digit_of_the_payload() {
        assert_eq!(check_digit(&[0, 2, 1, 0, 0, 0, 0, 2]), Some(1));
        assert_eq!(check_digit(&[0, 2, 6, 0, 7, 3, 1, 5]), Some(0));
        assert_eq!(check_digit(&[1, 2]), None);
    }
}
