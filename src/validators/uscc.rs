//! Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters: registration authority (1), organisation category (1), administrative
//! division (6 digits), organisation code (9), check character (1). Unlike python-stdnum,
//! a letter as first character is accepted: GB 32100-2015 lets the authority code be a letter.

use super::{IdError, first_bad};

/// The 31-character code alphabet; a character's value is its index (I O S V Z are excluded).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Human description of [`ALPHABET`] for error messages.
pub const ALLOWED: &str = "digits 0-9 and capital letters A-H J-N P-R T U W-Y (no I, O, S, V, Z)";

/// Length of a USCC in characters.
pub const LEN: usize = 18;

/// Each ASCII character's value, or `u8::MAX` outside [`ALPHABET`]: a table, because every
/// character of every licence number is looked up twice.
const VALUES: [u8; 128] = {
    let mut table = [u8::MAX; 128];
    let alphabet = ALPHABET.as_bytes();
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};

fn value(c: char) -> Option<u32> {
    let v = *VALUES.get(usize::try_from(u32::from(c)).ok()?)?;
    (v != u8::MAX).then_some(u32::from(v))
}

/// The check character for the first 17 characters, or `None` unless `first17` is exactly
/// 17 characters of [`ALPHABET`].
pub fn check_character(first17: &str) -> Option<char> {
    // Weights are 3^i mod 31; keeping them reduced keeps the sum small.
    const WEIGHTS: [u32; LEN - 1] = {
        let mut weights = [1u32; LEN - 1];
        let mut i = 1;
        while i < LEN - 1 {
            weights[i] = weights[i - 1] * 3 % 31;
            i += 1;
        }
        weights
    };
    let mut sum = 0u32;
    let mut count = 0usize;
    for c in first17.chars() {
        let weight = WEIGHTS.get(count)?;
        count += 1;
        sum += value(c)? * weight;
    }
    if count != LEN - 1 {
        return None;
    }
    // 31 - (sum mod 31) lies in 1..=31, and 31 stands for '0'.
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(usize::try_from(check).ok()?)
}

/// Validate a USCC as printed on the licence (upper case, no separators).
///
/// Errors, in order of precedence: [`IdError::Empty`]; [`IdError::Character`] for the first
/// character outside [`ALPHABET`] (lower case included); [`IdError::Length`] (expected 18);
/// [`IdError::CheckCharacter`] at position 18.
pub fn validate(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if let Some((position, found)) = first_bad(s, |_, c| value(c).is_some()) {
        return Err(IdError::Character {
            position,
            found,
            allowed: ALLOWED,
        });
    }
    // All characters are ASCII from here on, so byte length equals char count.
    if s.len() != LEN {
        return Err(IdError::Length {
            found: s.len(),
            expected: vec![LEN],
        });
    }
    let (body, last) = s.split_at(LEN - 1);
    let expected = check_character(body).ok_or(IdError::Empty)?;
    let found = last.chars().next().ok_or(IdError::Empty)?;
    if expected != found {
        return Err(IdError::CheckCharacter {
            position: LEN,
            expected,
            found,
        });
    }
    Ok(())
}

/// Characters 3..=8: the administrative division code (6 digits), if `s` is 18 characters
/// long and those six are ASCII digits. The check character is not verified here.
pub fn region_code(s: &str) -> Option<&str> {
    if s.chars().count() != LEN || !s.get(..2)?.is_ascii() {
        return None;
    }
    let code = s.get(2..8)?;
    code.bytes().all(|b| b.is_ascii_digit()).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes() {
        assert_eq!(validate("91110000600037341L"), Ok(()));
        assert_eq!(validate("91340600MA2PBM9HXD"), Ok(()));
        // Check value 31 → '0' (sum ≡ 0 mod 31).
        assert_eq!(validate("121200004013590816"), Ok(()));
    }

    #[test]
    fn check_character_vectors() {
        assert_eq!(check_character("91110000600037341"), Some('L'));
        assert_eq!(check_character("91340600MA2PBM9HX"), Some('D'));
        assert_eq!(check_character("9111000060003734"), None);
        assert_eq!(check_character("911100006000373411"), None);
        assert_eq!(check_character("9111000060003734I"), None);
        // All zeros: sum 0 → 31 → '0'.
        assert_eq!(check_character("00000000000000000"), Some('0'));
        // Value 1 at weight 1: 31 - 1 = 30 → 'Y'.
        assert_eq!(check_character("10000000000000000"), Some('Y'));
    }

    #[test]
    fn letter_first_is_valid() {
        // A as authority code, hand-computed: value 10 at weight 1; rest as 91110000600037341
        // minus the '9' (value 9): sum changes by +1, so the check moves one step down from L.
        let body = "A1110000600037341";
        let c = check_character(body).unwrap_or('?');
        assert_eq!(c, 'K');
        assert_eq!(validate("A1110000600037341K"), Ok(()));
        assert_eq!(
            validate("A1110000600037341L"),
            Err(IdError::CheckCharacter {
                position: 18,
                expected: 'K',
                found: 'L'
            })
        );
    }

    #[test]
    fn errors_have_exact_fields() {
        assert_eq!(validate(""), Err(IdError::Empty));
        assert_eq!(
            validate("12345"),
            Err(IdError::Length {
                found: 5,
                expected: vec![18]
            })
        );
        assert_eq!(
            validate("91110000600037341L1"),
            Err(IdError::Length {
                found: 19,
                expected: vec![18]
            })
        );
        assert_eq!(
            validate("9111000060003IOZSV"),
            Err(IdError::Character {
                position: 14,
                found: 'I',
                allowed: ALLOWED
            })
        );
        assert_eq!(
            validate("91110000600037341l"),
            Err(IdError::Character {
                position: 18,
                found: 'l',
                allowed: ALLOWED
            })
        );
        // Full-width digit at position 2 (a multi-byte char), then a CJK char.
        assert_eq!(
            validate("9１110000600037341L"),
            Err(IdError::Character {
                position: 2,
                found: '１',
                allowed: ALLOWED
            })
        );
        assert_eq!(
            validate("91110000600037341N"),
            Err(IdError::CheckCharacter {
                position: 18,
                expected: 'L',
                found: 'N'
            })
        );
    }

    #[test]
    fn region_codes() {
        assert_eq!(region_code("91440300MA5FXXXXXX"), Some("440300"));
        assert_eq!(region_code("91110000600037341L"), Some("110000"));
        assert_eq!(region_code("9144030"), None);
        assert_eq!(region_code("91A40300MA5FXXXXXX"), None);
        assert_eq!(region_code("９1440300MA5FXXXXX"), None);
        assert_eq!(region_code("91440300MA5FXXXXXXX"), None);
    }
}
