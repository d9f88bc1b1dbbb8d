//! National bank and branch codes that have a fixed shape: the UK sort code and Australian BSB
//! (six digits, written in pairs or threes), and the Japanese Zengin bank code (four digits),
//! branch code (three digits) and account number (at most seven digits). None of them carries
//! a check digit, so only the shape can be judged.

use super::{IdError, first_bad};

/// Human description of the alphabet.
pub const ALLOWED: &str = "digits 0-9";
/// How a sort code may be written.
pub const ALLOWED_SORT_CODE: &str = "digits 0-9, written 123456 or 12-34-56";
/// How a BSB may be written.
pub const ALLOWED_BSB: &str = "digits 0-9, written 123456 or 123-456";

/// A six-digit code written either compact or as `groups` of digits joined by hyphens.
fn grouped_digits(s: &str, groups: &[usize], allowed: &'static str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    let hyphens: Vec<usize> = groups
        .iter()
        .scan(0, |at, len| {
            *at += len;
            Some(*at)
        })
        .take(groups.len() - 1)
        .enumerate()
        .map(|(i, at)| at + i)
        .collect();
    let hyphenated = s.contains('-');
    if let Some((position, found)) = first_bad(s, |i, c| {
        c.is_ascii_digit() || (hyphenated && c == '-' && hyphens.contains(&i))
    }) {
        return Err(IdError::Character {
            position,
            found,
            allowed,
        });
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let expected: usize = groups.iter().sum();
    if digits != expected {
        return Err(IdError::Length {
            found: digits,
            expected: vec![expected],
        });
    }
    if hyphenated && s.chars().filter(|&c| c == '-').count() != hyphens.len() {
        // A hyphen at one of its places but not at the others: "12-3456".
        let position = hyphens
            .iter()
            .find(|&&at| s.chars().nth(at) != Some('-'))
            .map_or(1, |at| at + 1);
        let found = s.chars().nth(position - 1).unwrap_or('?');
        return Err(IdError::Character {
            position,
            found,
            allowed,
        });
    }
    Ok(())
}

/// Exactly `len` digits.
fn fixed_digits(s: &str, len: usize) -> Result<(), IdError> {
    let digits = super::all_digits(s, ALLOWED)?;
    if digits.len() != len {
        return Err(IdError::Length {
            found: digits.len(),
            expected: vec![len],
        });
    }
    Ok(())
}

/// A UK sort code: six digits, `123456` or `12-34-56`.
pub fn sort_code(s: &str) -> Result<(), IdError> {
    grouped_digits(s, &[2, 2, 2], ALLOWED_SORT_CODE)
}

/// An Australian BSB: six digits, `123456` or `123-456`.
pub fn bsb(s: &str) -> Result<(), IdError> {
    grouped_digits(s, &[3, 3], ALLOWED_BSB)
}

/// A Japanese (Zengin) bank code: four digits.
pub fn jp_bank_code(s: &str) -> Result<(), IdError> {
    fixed_digits(s, 4)
}

/// A Japanese branch code: three digits.
pub fn jp_branch_code(s: &str) -> Result<(), IdError> {
    fixed_digits(s, 3)
}

/// A Japanese account number: one to seven digits (Amazon pads a shorter one with zeros).
pub fn jp_account_number(s: &str) -> Result<(), IdError> {
    let digits = super::all_digits(s, ALLOWED)?;
    if digits.len() > 7 {
        return Err(IdError::Length {
            found: digits.len(),
            expected: vec![7],
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_codes() {
        assert_eq!(sort_code("040075"), Ok(()));
        assert_eq!(sort_code("04-00-75"), Ok(()));
        assert_eq!(
            sort_code("04-0075"),
            Err(IdError::Character {
                position: 6,
                found: '7',
                allowed: ALLOWED_SORT_CODE
            })
        );
        assert_eq!(
            sort_code("040-075"),
            Err(IdError::Character {
                position: 4,
                found: '-',
                allowed: ALLOWED_SORT_CODE
            })
        );
        assert_eq!(
            sort_code("04007"),
            Err(IdError::Length {
                found: 5,
                expected: vec![6]
            })
        );
        assert_eq!(
            sort_code("04 00 75"),
            Err(IdError::Character {
                position: 3,
                found: ' ',
                allowed: ALLOWED_SORT_CODE
            })
        );
        assert_eq!(sort_code(""), Err(IdError::Empty));
    }

    #[test]
    fn bsbs() {
        assert_eq!(bsb("062000"), Ok(()));
        assert_eq!(bsb("062-000"), Ok(()));
        assert_eq!(
            bsb("06-2000"),
            Err(IdError::Character {
                position: 3,
                found: '-',
                allowed: ALLOWED_BSB
            })
        );
        assert_eq!(
            bsb("0620001"),
            Err(IdError::Length {
                found: 7,
                expected: vec![6]
            })
        );
    }

    #[test]
    fn japanese_codes() {
        assert_eq!(jp_bank_code("0009"), Ok(()));
        assert_eq!(
            jp_bank_code("009"),
            Err(IdError::Length {
                found: 3,
                expected: vec![4]
            })
        );
        assert_eq!(
            jp_bank_code("SMBC"),
            Err(IdError::Character {
                position: 1,
                found: 'S',
                allowed: ALLOWED
            })
        );
        assert_eq!(jp_branch_code("123"), Ok(()));
        assert_eq!(
            jp_branch_code("1234"),
            Err(IdError::Length {
                found: 4,
                expected: vec![3]
            })
        );
        assert_eq!(jp_account_number("0009876"), Ok(()));
        assert_eq!(jp_account_number("9876"), Ok(()));
        assert_eq!(
            jp_account_number("12345678"),
            Err(IdError::Length {
                found: 8,
                expected: vec![7]
            })
        );
    }
}
