//! ИНН (INN), the Russian taxpayer identification number.
//!
//! 10 digits for organisations (one check digit), 12 for individuals and individual
//! entrepreneurs (two check digits). Each check digit is the weighted sum of the preceding
//! digits mod 11 mod 10.
//!
//! Error detection: a substitution in a check digit is always detected. A substitution in any
//! other digit always changes the weighted sum mod 11 (every weight is non-zero mod 11), but
//! the final "mod 10" maps remainders 0 and 10 onto the same digit 0, so a substitution that
//! moves the remainder between 0 and 10 (for every check digit it affects) goes unnoticed.

use super::{IdError, all_digits, digit};

/// Human description of the alphabet.
pub const ALLOWED: &str = "digits 0-9";

/// Weights for the check digit of a 10-digit INN (over digits 1-9).
const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
/// Weights for digit 11 of a 12-digit INN (over digits 1-10).
const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
/// Weights for digit 12 of a 12-digit INN (over digits 1-11).
const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// Weighted sum of `digits` mod 11 (the remainder before the final mod 10).
pub fn remainder(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11
}

/// The check digit(s) implied by the payload: for 10 digits the 10th; for 12 digits the 11th
/// and 12th. `None` unless `s` is 10 or 12 ASCII digits (the check digits present are ignored).
pub fn check_digits(s: &str) -> Option<Vec<u32>> {
    let d: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    match d.len() {
        10 => Some(vec![remainder(&d, &W10) % 10]),
        12 => {
            let c11 = remainder(&d, &W11) % 10;
            let mut with11 = d.get(..10)?.to_vec();
            with11.push(c11);
            Some(vec![c11, remainder(&with11, &W12) % 10])
        }
        _ => None,
    }
}

/// Validate an INN: 10 or 12 ASCII digits with correct check digits.
///
/// Errors: [`IdError::Empty`]; [`IdError::Character`] for the first non-digit;
/// [`IdError::Length`] (expected 10 or 12); [`IdError::CheckCharacter`] for the first wrong
/// check digit (position 10, or 11 then 12). Digit 12 is computed from the digit 11 the
/// user typed, so that a lone wrong digit 12 is reported as such.
pub fn validate(s: &str) -> Result<(), IdError> {
    let d = all_digits(s, ALLOWED)?;
    let checks: Vec<(usize, u32)> = match d.len() {
        10 => vec![(10, remainder(&d, &W10) % 10)],
        12 => vec![
            (11, remainder(&d, &W11) % 10),
            (12, remainder(&d, &W12) % 10),
        ],
        found => {
            return Err(IdError::Length {
                found,
                expected: vec![10, 12],
            });
        }
    };
    for (position, expected) in checks {
        let found = d.get(position - 1).copied().unwrap_or(u32::MAX);
        if found != expected {
            return Err(IdError::CheckCharacter {
                position,
                expected: char::from_digit(expected, 10).unwrap_or('?'),
                found: char::from_digit(found, 10).unwrap_or('?'),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers() {
        // Hand-checked: 7830002293 → 7*2+8*4+3*10+0*3+0*5+0*9+2*4+2*6+9*8 = 168; 168 mod 11 = 3.
        assert_eq!(validate("7830002293"), Ok(()));
        assert_eq!(validate("500100732259"), Ok(()));
        assert_eq!(check_digits("7830002290"), Some(vec![3]));
        assert_eq!(check_digits("500100732200"), Some(vec![5, 9]));
        assert_eq!(check_digits("12345"), None);
    }

    #[test]
    fn errors_have_exact_fields() {
        assert_eq!(validate(""), Err(IdError::Empty));
        assert_eq!(
            validate("783000229"),
            Err(IdError::Length {
                found: 9,
                expected: vec![10, 12]
            })
        );
        assert_eq!(
            validate("78300022931"),
            Err(IdError::Length {
                found: 11,
                expected: vec![10, 12]
            })
        );
        assert_eq!(
            validate("78300O2293"),
            Err(IdError::Character {
                position: 6,
                found: 'O',
                allowed: ALLOWED
            })
        );
        assert_eq!(
            validate("7830002294"),
            Err(IdError::CheckCharacter {
                position: 10,
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(
            validate("500100732269"),
            Err(IdError::CheckCharacter {
                position: 11,
                expected: '5',
                found: '6'
            })
        );
        assert_eq!(
            validate("500100732258"),
            Err(IdError::CheckCharacter {
                position: 12,
                expected: '9',
                found: '8'
            })
        );
    }

    #[test]
    fn remainder_ten_gives_zero() {
        // 1000000001 → 1*2 = 2, not 10; 5000000000: 5*2 = 10 → check 0.
        assert_eq!(remainder(&[5, 0, 0, 0, 0, 0, 0, 0, 0], &W10), 10);
        assert_eq!(validate("5000000000"), Ok(()));
        // Remainder 0 also gives 0: substituting 5 → 0 in position 1 is undetectable.
        assert_eq!(validate("0000000000"), Ok(()));
    }
}
