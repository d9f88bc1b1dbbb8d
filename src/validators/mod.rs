//! Checksummed identifier validators.
//!
//! Pure functions over `&str`: no allocation of the user's value into errors, no I/O, no panics.
//! Every failure is an [`IdError`] precise enough for a user-facing message (exact lengths,
//! 1-based character positions, the expected check character), yet never carrying the whole
//! user value — identifiers are treated as secret-ish and masked elsewhere in the output.

use std::fmt;

pub mod aba;
pub mod bank_code;
pub mod bic;
pub mod country;
pub mod iban;
pub mod inn;
pub mod ogrn;
pub mod uscc;

/// Why an identifier is invalid, precisely enough for a user-facing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// The value is the empty string.
    Empty,
    /// found = number of characters; expected = the allowed lengths, e.g. [10, 12]
    Length {
        /// Number of characters found (for IBANs: without the grouping spaces).
        found: usize,
        /// The allowed lengths, ascending.
        expected: Vec<usize>,
    },
    /// position is 1-based, counted in chars; allowed describes the alphabet for humans,
    /// e.g. "digits 0-9 and letters A-H J-N P-R T U W-Y"
    Character {
        /// 1-based position, counted in chars of the value as given.
        position: usize,
        /// The offending character (a single character is not a secret).
        found: char,
        /// What is allowed at this position, in plain English.
        allowed: &'static str,
    },
    /// "check character should be D, found E"
    CheckCharacter {
        /// 1-based position of the check character.
        position: usize,
        /// The check character the rest of the value implies.
        expected: char,
        /// The check character actually present.
        found: char,
    },
    /// The value is all of the right characters but starts with what no such identifier
    /// starts with ("an OGRNIP starts with 3 or 4").
    Leading {
        /// The leading characters that no such identifier has (one or two digits: not a secret).
        found: String,
        /// The number of characters of the value, which says which kind of identifier it is.
        length: usize,
        /// What it may start with, in plain English.
        allowed: &'static str,
    },
    /// IBAN: mod 97-10 fails (no single expected char can be named)
    Checksum,
    /// an ISO 3166 country code that does not exist, or has no IBAN where one is given
    UnknownCountry {
        /// The two characters found where the country code belongs.
        code: String,
    },
    /// IBAN country structure (BBAN format) violated; detail in plain English, no user value in it
    Structure {
        /// The IBAN's country code.
        country: String,
        /// What the registry requires and where it is violated (positions only, no user value).
        detail: String,
    },
}

impl IdError {
    /// A stable snake_case variant name ("length", "character", "check_character", "checksum",
    /// "unknown_country", "structure", "empty") used to pick a message template in the rulepack.
    pub fn variant(&self) -> &'static str {
        match self {
            IdError::Empty => "empty",
            IdError::Length { .. } => "length",
            IdError::Character { .. } => "character",
            IdError::CheckCharacter { .. } => "check_character",
            IdError::Leading { .. } => "leading",
            IdError::Checksum => "checksum",
            IdError::UnknownCountry { .. } => "unknown_country",
            IdError::Structure { .. } => "structure",
        }
    }

    /// Named arguments for message templates, e.g. [("found_length","17"),("expected_length","18")],
    /// [("position","5"),("found","O"),("found_codepoint","U+004F"),("allowed", ...)],
    /// [("position","18"),("expected","D"),("found","E")].
    ///
    /// `found_codepoint` accompanies every `found` character so that templates can show
    /// invisible or control characters without writing them raw.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            IdError::Empty | IdError::Checksum => Vec::new(),
            IdError::Length { found, expected } => vec![
                ("found_length", found.to_string()),
                ("expected_length", join_lengths(expected)),
            ],
            IdError::Character {
                position,
                found,
                allowed,
            } => vec![
                ("position", position.to_string()),
                ("found", found.to_string()),
                ("found_codepoint", codepoint(*found)),
                ("allowed", (*allowed).to_string()),
            ],
            IdError::CheckCharacter {
                position,
                expected,
                found,
            } => vec![
                ("position", position.to_string()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
                ("found_codepoint", codepoint(*found)),
            ],
            IdError::Leading {
                found,
                length,
                allowed,
            } => vec![
                ("found", found.clone()),
                ("found_length", length.to_string()),
                ("allowed", (*allowed).to_string()),
            ],
            IdError::UnknownCountry { code } => vec![("country", code.clone())],
            IdError::Structure { country, detail } => {
                vec![("country", country.clone()), ("detail", detail.clone())]
            }
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("the value is empty"),
            IdError::Length { found, expected } => write!(
                f,
                "has {found} characters; expected {}",
                join_lengths(expected)
            ),
            IdError::Character {
                position,
                found,
                allowed,
            } => write!(
                f,
                "character {position} ({}) is not allowed; allowed: {allowed}",
                codepoint(*found)
            ),
            IdError::CheckCharacter {
                position,
                expected,
                found,
            } => write!(
                f,
                "check character {position} should be {expected}, found {found}"
            ),
            IdError::Leading { found, allowed, .. } => {
                write!(f, "starts with {}; {allowed}", codepoint_str(found))
            }
            IdError::Checksum => f.write_str("the check digits do not match (mod 97-10)"),
            IdError::UnknownCountry { code } => {
                write!(
                    f,
                    "{} is not a country code that issues this identifier",
                    codepoint_str(code)
                )
            }
            IdError::Structure { country, detail } => {
                write!(f, "does not follow the {country} format: {detail}")
            }
        }
    }
}

impl std::error::Error for IdError {}

/// "18", "10 or 12", "8, 11 or 13".
fn join_lengths(lengths: &[usize]) -> String {
    match lengths.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => {
            let head: Vec<String> = rest.iter().map(usize::to_string).collect();
            format!("{} or {last}", head.join(", "))
        }
    }
}

/// "U+004F" — unambiguous even for invisible characters.
fn codepoint(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Country codes come from user input; show them raw only when they are plain ASCII letters.
fn codepoint_str(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric()) {
        s.to_string()
    } else {
        s.chars().map(codepoint).collect::<Vec<_>>().join(" ")
    }
}

/// 1-based position of the first char of `s` not accepted by `ok`, with that char.
fn first_bad(s: &str, ok: impl Fn(usize, char) -> bool) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|&(i, c)| !ok(i, c))
        .map(|(i, c)| (i + 1, c))
}

/// The digits of an all-digit identifier, or why it is not one (empty, or the first other
/// character with its position). Shared by the Russian numbers, which are digits only.
fn all_digits(s: &str, allowed: &'static str) -> Result<Vec<u32>, IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if let Some((position, found)) = first_bad(s, |_, c| c.is_ascii_digit()) {
        return Err(IdError::Character {
            position,
            found,
            allowed,
        });
    }
    Ok(s.chars().filter_map(digit).collect())
}

/// Digit value of an ASCII digit.
fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_are_stable() {
        let cases = [
            (IdError::Empty, "empty"),
            (
                IdError::Length {
                    found: 1,
                    expected: vec![2],
                },
                "length",
            ),
            (
                IdError::Character {
                    position: 1,
                    found: 'x',
                    allowed: "digits 0-9",
                },
                "character",
            ),
            (
                IdError::CheckCharacter {
                    position: 1,
                    expected: '1',
                    found: '2',
                },
                "check_character",
            ),
            (IdError::Checksum, "checksum"),
            (
                IdError::Leading {
                    found: "9".into(),
                    length: 15,
                    allowed: "x",
                },
                "leading",
            ),
            (
                IdError::UnknownCountry { code: "QQ".into() },
                "unknown_country",
            ),
            (
                IdError::Structure {
                    country: "DE".into(),
                    detail: "d".into(),
                },
                "structure",
            ),
        ];
        for (e, name) in cases {
            assert_eq!(e.variant(), name);
        }
    }

    #[test]
    fn args_have_exact_values() {
        assert_eq!(
            IdError::Length {
                found: 11,
                expected: vec![10, 12]
            }
            .args(),
            vec![
                ("found_length", "11".to_string()),
                ("expected_length", "10 or 12".to_string())
            ]
        );
        assert_eq!(
            IdError::Character {
                position: 5,
                found: 'O',
                allowed: "digits 0-9"
            }
            .args(),
            vec![
                ("position", "5".to_string()),
                ("found", "O".to_string()),
                ("found_codepoint", "U+004F".to_string()),
                ("allowed", "digits 0-9".to_string())
            ]
        );
        assert_eq!(
            IdError::CheckCharacter {
                position: 18,
                expected: 'D',
                found: 'E'
            }
            .args(),
            vec![
                ("position", "18".to_string()),
                ("expected", "D".to_string()),
                ("found", "E".to_string()),
                ("found_codepoint", "U+0045".to_string())
            ]
        );
        assert_eq!(IdError::Checksum.args(), vec![]);
        assert_eq!(IdError::Empty.args(), vec![]);
    }

    #[test]
    fn display_messages() {
        assert_eq!(
            IdError::CheckCharacter {
                position: 18,
                expected: 'D',
                found: 'E'
            }
            .to_string(),
            "check character 18 should be D, found E"
        );
        assert_eq!(
            IdError::Length {
                found: 9,
                expected: vec![8, 11]
            }
            .to_string(),
            "has 9 characters; expected 8 or 11"
        );
        assert_eq!(join_lengths(&[8, 11, 13]), "8, 11 or 13");
        assert_eq!(
            IdError::Character {
                position: 3,
                found: '\u{200B}',
                allowed: "digits 0-9"
            }
            .to_string(),
            "character 3 (U+200B) is not allowed; allowed: digits 0-9"
        );
    }
}
