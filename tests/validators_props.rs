//! Property tests for the identifier validators.
//!
//! Check digits are recomputed here independently of the library. What each algorithm
//! guarantees for a single substituted character:
//! - USCC (mod 31, prime, weights 3^i never 0 mod 31): every substitution by another alphabet
//!   character is detected.
//! - IBAN (mod 97-10, prime): every substitution of a digit by a digit or a letter by a letter
//!   is detected (the change is δ·10^k with 0 < |δ| < 97).
//! - INN / OGRN (mod 11) and OGRNIP (mod 13): a substitution always changes the remainder, but
//!   the final "mod 10" hides changes between r and r + 10. A substitution is therefore caught
//!   exactly when some affected check digit changes; it is always caught when it hits a check
//!   digit, or when every affected remainder r lies in 1..=9 (mod 11) / 3..=9 (mod 13).

use bindcheck::validators::{IdError, aba, bank_code, bic, country, iban, inn, ogrn, uscc};
use proptest::prelude::*;

const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

fn uscc_value(c: char) -> u32 {
    USCC_ALPHABET.find(c).map_or(u32::MAX, |p| p as u32)
}

fn uscc_check(body: &str) -> char {
    let sum: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| uscc_value(c) * (3u32.pow(i as u32) % 31))
        .sum();
    let v = (31 - sum % 31) % 31;
    USCC_ALPHABET.chars().nth(v as usize).unwrap_or('?')
}

fn weighted_mod11(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 11
}

const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// Remainders of a 10- or 12-digit INN (check digits taken as they stand).
fn inn_remainders(d: &[u32]) -> Vec<u32> {
    if d.len() == 10 {
        vec![weighted_mod11(d, &W10)]
    } else {
        vec![weighted_mod11(d, &W11), weighted_mod11(d, &W12)]
    }
}

fn number_mod(d: &[u32], m: u64) -> u32 {
    d.iter().fold(0u64, |a, &x| (a * 10 + u64::from(x)) % m) as u32
}

fn replace_at(s: &str, pos: usize, c: char) -> String {
    s.chars()
        .enumerate()
        .map(|(i, o)| if i == pos { c } else { o })
        .collect()
}

fn with_iban_check(cc: &str, bban: &str) -> String {
    let r = format!("{bban}{cc}00").chars().fold(0u32, |acc, c| {
        let v = c.to_digit(36).unwrap_or(0);
        if v < 10 {
            (acc * 10 + v) % 97
        } else {
            (acc * 100 + v) % 97
        }
    });
    format!("{cc}{:02}{bban}", 98 - r)
}

/// BBAN kinds per position ('n', 'a', 'c') from a registry format such as "4a6n8n".
fn kinds(format: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut n = 0usize;
    for c in format.chars() {
        match c.to_digit(10) {
            Some(d) => n = n * 10 + d as usize,
            None => {
                out.extend(std::iter::repeat_n(c, n));
                n = 0;
            }
        }
    }
    out
}

fn uscc_body() -> impl Strategy<Value = String> {
    proptest::collection::vec(0usize..31, 17).prop_map(|v| {
        v.into_iter()
            .filter_map(|i| USCC_ALPHABET.chars().nth(i))
            .collect()
    })
}

/// (country code, BBAN) for a registered country, with a BBAN built from seeds.
fn iban_parts() -> impl Strategy<Value = (String, String)> {
    (
        0usize..iban::REGISTRY.len(),
        proptest::collection::vec(0u32..36, 30),
    )
        .prop_map(|(i, seeds)| {
            let (cc, format) = iban::REGISTRY.get(i).copied().unwrap_or(("DE", "8n10n"));
            let bban = kinds(format)
                .into_iter()
                .zip(seeds)
                .map(|(k, s)| match k {
                    'n' => char::from_digit(s % 10, 10),
                    'a' => char::from_digit(10 + s % 26, 36).map(|c| c.to_ascii_uppercase()),
                    _ => char::from_digit(s, 36).map(|c| c.to_ascii_uppercase()),
                })
                .map(|c| c.unwrap_or('0'))
                .collect();
            (cc.to_string(), bban)
        })
}

/// A replacement of the same class (digit for digit, letter for letter), different from `c`.
fn same_class(c: char, seed: u32) -> char {
    if let Some(d) = c.to_digit(10) {
        char::from_digit((d + 1 + seed % 9) % 10, 10).unwrap_or('0')
    } else {
        let v = (u32::from(c) - u32::from('A') + 1 + seed % 25) % 26;
        char::from_u32(u32::from('A') + v).unwrap_or('A')
    }
}

/// Whatever a validator says, positions and lengths must describe the input truthfully.
fn check_error_is_truthful(s: &str, r: Result<(), IdError>) {
    match r {
        Err(IdError::Character {
            position, found, ..
        }) => {
            assert!(position >= 1);
            assert_eq!(s.chars().nth(position - 1), Some(found));
        }
        Err(IdError::CheckCharacter {
            position, found, ..
        }) => assert_eq!(s.chars().nth(position - 1), Some(found)),
        Err(IdError::Length { found, expected }) => {
            // IBANs leave out their grouping spaces; sort codes and BSBs their hyphens.
            let without_spaces = s.chars().filter(|c| *c != ' ').count();
            let digits_only = s.chars().filter(|c| *c != ' ' && *c != '-').count();
            assert!(
                found == without_spaces || found == digits_only,
                "{s:?}: {found}"
            );
            assert!(!expected.contains(&found));
        }
        Err(IdError::Leading { found, .. }) => assert!(s.starts_with(&found)),
        Err(IdError::Empty) => assert!(s.is_empty()),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn uscc_valid_and_single_substitution(body in uscc_body(), pos in 0usize..18, k in 1usize..31) {
        let check = uscc_check(&body);
        let code = format!("{body}{check}");
        prop_assert_eq!(uscc::validate(&code), Ok(()));
        prop_assert_eq!(uscc::check_character(&body), Some(check));
        let old = code.chars().nth(pos).unwrap_or('0');
        let idx = (uscc_value(old) as usize + k) % 31;
        let new = USCC_ALPHABET.chars().nth(idx).unwrap_or('0');
        prop_assert_ne!(old, new);
        let bad = replace_at(&code, pos, new);
        let (expected, found) = if pos == 17 { (check, new) } else { (uscc_check(&bad[..17]), check) };
        prop_assert_eq!(uscc::validate(&bad), Err(IdError::CheckCharacter { position: 18, expected, found }));
        prop_assert_ne!(expected, found);
    }

    #[test]
    fn uscc_excluded_letters_are_reported(body in uscc_body(), pos in 0usize..18, bad in prop::sample::select(vec!['I', 'O', 'S', 'V', 'Z', 'a', '-', ' ', 'Ｏ'])) {
        let code = format!("{body}{}", uscc_check(&body));
        let mutated = replace_at(&code, pos, bad);
        prop_assert_eq!(uscc::validate(&mutated), Err(IdError::Character { position: pos + 1, found: bad, allowed: uscc::ALLOWED }));
    }

    #[test]
    fn inn10_substitution(payload in proptest::collection::vec(0u32..10, 9), pos in 0usize..10, k in 1u32..10) {
        let mut d = payload.clone();
        d.push(weighted_mod11(&payload, &W10) % 10);
        let s: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        prop_assert_eq!(inn::validate(&s), Ok(()));
        let mut m = d.clone();
        let slot = m.get_mut(pos).expect("in range");
        *slot = (*slot + k) % 10;
        let bad: String = m.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        let before = inn_remainders(&d);
        let after = inn_remainders(&m);
        let result = inn::validate(&bad);
        if pos == 9 {
            prop_assert_eq!(check_position(&result), Some(10));
        } else {
            prop_assert_ne!(&before, &after);
            let hidden = before[0] % 10 == after[0] % 10;
            prop_assert_eq!(result.is_ok(), hidden);
            if (1..=9).contains(&before[0]) {
                prop_assert!(result.is_err());
            }
        }
    }

    #[test]
    fn inn12_substitution(payload in proptest::collection::vec(0u32..10, 10), pos in 0usize..12, k in 1u32..10) {
        let mut d = payload.clone();
        d.push(weighted_mod11(&d, &W11) % 10);
        d.push(weighted_mod11(&d, &W12) % 10);
        let s: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        prop_assert_eq!(inn::validate(&s), Ok(()));
        let mut m = d.clone();
        let slot = m.get_mut(pos).expect("in range");
        *slot = (*slot + k) % 10;
        let bad: String = m.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        let result = inn::validate(&bad);
        match pos {
            10 => prop_assert_eq!(check_position(&result), Some(11)),
            11 => prop_assert_eq!(check_position(&result), Some(12)),
            _ => {
                // Undetected exactly when both check digits, recomputed over the mutated digits, still fit.
                let c11 = weighted_mod11(&m, &W11) % 10;
                let hidden = c11 == d[10] && weighted_mod11(&m, &W12) % 10 == d[11];
                prop_assert_eq!(result.is_ok(), hidden);
                // The first check digit alone guarantees detection when its remainder is 1..=9.
                if (1..=9).contains(&weighted_mod11(&d, &W11)) {
                    prop_assert!(result.is_err());
                }
            }
        }
    }

    #[test]
    fn ogrn_substitution(first in 1u32..10, rest in proptest::collection::vec(0u32..10, 11), pos in 1usize..13, k in 1u32..10) {
        let mut d = vec![first];
        d.extend(rest);
        let r = number_mod(&d, 11);
        d.push(r % 10);
        let s: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        prop_assert_eq!(ogrn::validate(&s), Ok(()));
        let mut m = d.clone();
        let slot = m.get_mut(pos).expect("in range");
        *slot = (*slot + k) % 10;
        let bad: String = m.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        let result = ogrn::validate(&bad);
        if pos == 12 {
            prop_assert_eq!(check_position(&result), Some(13));
        } else {
            let r2 = number_mod(&m[..12], 11);
            prop_assert_ne!(r, r2);
            prop_assert_eq!(result.is_ok(), r % 10 == r2 % 10);
            if (1..=9).contains(&r) {
                prop_assert!(result.is_err());
            }
        }
    }

    #[test]
    fn ogrnip_substitution(first in prop::sample::select(vec![3u32, 4]), rest in proptest::collection::vec(0u32..10, 13), pos in 1usize..15, k in 1u32..10) {
        let mut d = vec![first];
        d.extend(rest);
        let r = number_mod(&d, 13);
        d.push(r % 10);
        let s: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        prop_assert_eq!(ogrn::validate(&s), Ok(()));
        let mut m = d.clone();
        let slot = m.get_mut(pos).expect("in range");
        *slot = (*slot + k) % 10;
        let bad: String = m.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        let result = ogrn::validate(&bad);
        if pos == 14 {
            prop_assert_eq!(check_position(&result), Some(15));
        } else {
            let r2 = number_mod(&m[..14], 13);
            prop_assert_ne!(r, r2);
            prop_assert_eq!(result.is_ok(), r % 10 == r2 % 10);
            if (3..=9).contains(&r) {
                prop_assert!(result.is_err());
            }
        }
    }

    #[test]
    fn ogrn_first_digit(d in proptest::collection::vec(0u32..10, 12)) {
        // A leading zero is reported as a leading-digit error even when the check digit fits.
        let mut z = vec![0];
        z.extend(&d[1..]);
        z.push(number_mod(&z, 11) % 10);
        let s: String = z.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        prop_assert_eq!(ogrn::validate(&s), Err(IdError::Leading { found: "0".into(), length: 13, allowed: ogrn::ALLOWED_FIRST_OGRN }));
    }

    #[test]
    fn iban_valid_and_single_substitution((cc, bban) in iban_parts(), pos_seed in 0usize..1000, seed in 0u32..1000) {
        let code = with_iban_check(&cc, &bban);
        let info = iban::validate(&code);
        prop_assert_eq!(info, Ok(iban::IbanInfo { country: cc.clone() }));
        // Paper form: groups of four separated by single spaces.
        let paper: Vec<String> = code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        prop_assert!(iban::validate(&paper.join(" ")).is_ok());
        // Same-class substitution after the country code: mod 97 always detects it.
        let pos = 2 + pos_seed % (code.len() - 2);
        let old = code.chars().nth(pos).unwrap_or('0');
        let new = same_class(old, seed);
        prop_assert_ne!(old, new);
        let bad = replace_at(&code, pos, new);
        prop_assert_eq!(iban::validate(&bad), Err(IdError::Checksum));
        // A substituted country letter is caught too (other country, length, structure or sum).
        let cpos = pos_seed % 2;
        let cbad = replace_at(&code, cpos, same_class(code.chars().nth(cpos).unwrap_or('A'), seed));
        prop_assert!(iban::validate(&cbad).is_err());
    }

    /// ABA (weights 3, 7, 1; all coprime to 10): every single-digit substitution is detected,
    /// in the check digit or in the payload.
    #[test]
    fn aba_valid_and_single_substitution(
        district in prop_oneof![0u32..=12, 21u32..=32, 61u32..=72, Just(80)],
        rest in proptest::collection::vec(0u32..10, 6),
        pos in 2usize..9,
        delta in 1u32..10,
    ) {
        let mut d = vec![district / 10, district % 10];
        d.extend(&rest);
        let sum: u32 = d.iter().zip([3, 7, 1, 3, 7, 1, 3, 7]).map(|(a, w)| a * w).sum();
        d.push((10 - sum % 10) % 10);
        let s: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        prop_assert_eq!(aba::validate(&s), Ok(()));
        let old = d[pos];
        let new = (old + delta) % 10;
        let bad = replace_at(&s, pos, char::from_digit(new, 10).unwrap_or('0'));
        prop_assert!(matches!(aba::validate(&bad), Err(IdError::CheckCharacter { position: 9, .. })), "{bad}");
    }

    /// Six digits pass as a sort code and a BSB, compact or in their groups; any other length
    /// is a length error.
    #[test]
    fn six_digit_codes(d in proptest::collection::vec(0u32..10, 0..10)) {
        let s: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
        if d.len() == 6 {
            prop_assert_eq!(bank_code::sort_code(&s), Ok(()));
            prop_assert_eq!(bank_code::bsb(&s), Ok(()));
            prop_assert_eq!(bank_code::sort_code(&format!("{}-{}-{}", &s[..2], &s[2..4], &s[4..])), Ok(()));
            prop_assert_eq!(bank_code::bsb(&format!("{}-{}", &s[..3], &s[3..])), Ok(()));
        } else if d.is_empty() {
            prop_assert_eq!(bank_code::sort_code(&s), Err(IdError::Empty));
        } else {
            prop_assert_eq!(bank_code::sort_code(&s), Err(IdError::Length { found: d.len(), expected: vec![6] }));
            prop_assert_eq!(bank_code::bsb(&s), Err(IdError::Length { found: d.len(), expected: vec![6] }));
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        exercise(&s);
    }

    #[test]
    fn near_miss_strings_never_panic(s in "[0-9A-Z a-z\\-\u{200B}Ｏ]{0,40}") {
        exercise(&s);
    }

    #[test]
    fn huge_strings_never_panic(c in any::<char>(), n in 0usize..5000, prefix in "[A-Z0-9]{0,6}") {
        let s: String = prefix.chars().chain(std::iter::repeat_n(c, n)).collect();
        exercise(&s);
    }
}

/// Position of a check-character error, if that is the error.
fn check_position(r: &Result<(), IdError>) -> Option<usize> {
    match r {
        Err(IdError::CheckCharacter { position, .. }) => Some(*position),
        _ => None,
    }
}

fn exercise(s: &str) {
    for r in [
        uscc::validate(s),
        inn::validate(s),
        ogrn::validate(s),
        iban::validate(s).map(|_| ()),
        bic::validate(s).map(|_| ()),
        aba::validate(s),
        bank_code::sort_code(s),
        bank_code::bsb(s),
        bank_code::jp_bank_code(s),
        bank_code::jp_branch_code(s),
        bank_code::jp_account_number(s),
    ] {
        if let Err(e) = &r {
            let _ = (e.variant(), e.args(), e.to_string());
        }
        check_error_is_truthful(s, r);
    }
    let _ = uscc::check_character(s);
    let _ = uscc::region_code(s);
    let _ = iban::country_uses_iban(s);
    let _ = country::is_iso3166_alpha2(s);
    let _ = country::is_swift_country(s);
}

#[test]
fn edge_inputs_never_panic() {
    let long = "9".repeat(1_000_000);
    for s in [
        "",
        " ",
        "\u{0}",
        "é",
        "9１",
        "ＤＥ89",
        "DE89 ",
        " DE89",
        "DE",
        "D",
        "DE8",
        "DE89",
        "\u{FEFF}91110000600037341L",
        long.as_str(),
    ] {
        exercise(s);
    }
}
