//! BIC (SWIFT code), ISO 9362.
//!
//! 4 letters (business party prefix), 2 letters (country), 2 letters or digits (location),
//! optionally 3 letters or digits (branch): 8 or 11 characters, upper case.

use super::{IdError, country, first_bad};

/// What is allowed in positions 1-6.
pub const ALLOWED_LETTERS: &str =
    "capital letters A-Z (characters 1-4: bank code, 5-6: country code)";
/// What is allowed in positions 7 and after.
pub const ALLOWED_ALNUM: &str =
    "capital letters A-Z and digits 0-9 (characters 7-8: location, 9-11: branch)";

/// Facts about a syntactically valid BIC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BicInfo {
    /// Country code (characters 5-6): ISO 3166 alpha-2, or XK.
    pub country: String,
}

/// Validate a BIC.
///
/// Errors: [`IdError::Empty`]; [`IdError::Character`] for the first character not allowed at
/// its position (lower case included); [`IdError::Length`] (expected 8 or 11);
/// [`IdError::UnknownCountry`] when characters 5-6 are not ISO 3166 alpha-2 (XK accepted).
pub fn validate(s: &str) -> Result<BicInfo, IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if let Some((position, found)) = first_bad(s, |i, c| {
        if i < 6 {
            c.is_ascii_uppercase()
        } else {
            c.is_ascii_uppercase() || c.is_ascii_digit()
        }
    }) {
        let allowed = if position <= 6 {
            ALLOWED_LETTERS
        } else {
            ALLOWED_ALNUM
        };
        return Err(IdError::Character {
            position,
            found,
            allowed,
        });
    }
    // ASCII only from here: byte length is the char count.
    if s.len() != 8 && s.len() != 11 {
        return Err(IdError::Length {
            found: s.len(),
            expected: vec![8, 11],
        });
    }
    let cc = s.get(4..6).unwrap_or_default();
    if !country::is_swift_country(cc) {
        return Err(IdError::UnknownCountry {
            code: cc.to_string(),
        });
    }
    Ok(BicInfo {
        country: cc.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(cc: &str) -> Result<BicInfo, IdError> {
        Ok(BicInfo {
            country: cc.to_string(),
        })
    }

    #[test]
    fn valid_codes() {
        assert_eq!(validate("DEUTDEFF"), ok("DE"));
        assert_eq!(validate("DEUTDEFF500"), ok("DE"));
        assert_eq!(validate("ABOCCNBJ270"), ok("CN"));
        assert_eq!(validate("BKCHHKHH"), ok("HK"));
        // Kosovo: not ISO 3166, but used by SWIFT.
        assert_eq!(validate("RBKOXKPR"), ok("XK"));
        // Location starting with 0 is a test BIC, still well-formed.
        assert_eq!(validate("ABCDLT20"), ok("LT"));
    }

    #[test]
    fn errors_have_exact_fields() {
        assert_eq!(validate(""), Err(IdError::Empty));
        assert_eq!(
            validate("MULTIPLE"),
            Err(IdError::UnknownCountry {
                code: "IP".to_string()
            })
        );
        assert_eq!(
            validate("DEUTDEFF5"),
            Err(IdError::Length {
                found: 9,
                expected: vec![8, 11]
            })
        );
        assert_eq!(
            validate("DEUTDEF"),
            Err(IdError::Length {
                found: 7,
                expected: vec![8, 11]
            })
        );
        assert_eq!(
            validate("DEU1DEFF"),
            Err(IdError::Character {
                position: 4,
                found: '1',
                allowed: ALLOWED_LETTERS
            })
        );
        assert_eq!(
            validate("deutDEFF"),
            Err(IdError::Character {
                position: 1,
                found: 'd',
                allowed: ALLOWED_LETTERS
            })
        );
        assert_eq!(
            validate("DEUTDEF-"),
            Err(IdError::Character {
                position: 8,
                found: '-',
                allowed: ALLOWED_ALNUM
            })
        );
        // Cyrillic Е (U+0415) in the country code.
        assert_eq!(
            validate("DEUTDЕFF"),
            Err(IdError::Character {
                position: 6,
                found: 'Е',
                allowed: ALLOWED_LETTERS
            })
        );
        assert_eq!(
            validate("DEUTUKLL"),
            Err(IdError::UnknownCountry {
                code: "UK".to_string()
            })
        );
    }
}
