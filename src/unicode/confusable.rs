//! Look-alike characters (UTS #39 confusables), judged per character against the alphabet the
//! field is written in — never by comparing whole skeletons, which equate 0/O and 1/l/I.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::tables::{Script, letter_script};

/// The alphabets a look-alike suggestion may be drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alphabet {
    /// Printable ASCII: what identifiers are written in.
    Ascii,
    /// Latin letters: ASCII and Latin-1 / Latin Extended-A letters.
    Latin,
    /// The modern Russian-era Cyrillic block U+0400–045F.
    Cyrillic,
    /// Basic Greek capitals and small letters.
    Greek,
}

fn skeleton(ch: char) -> String {
    let mut buf = [0u8; 4];
    unicode_security::skeleton(ch.encode_utf8(&mut buf)).collect()
}

fn members(alphabet: Alphabet) -> Vec<char> {
    let range = |lo: u32, hi: u32| (lo..=hi).filter_map(char::from_u32);
    match alphabet {
        Alphabet::Ascii => range(0x21, 0x7E).collect(),
        Alphabet::Latin => range(0x41, 0x5A)
            .chain(range(0x61, 0x7A))
            .chain(range(0xC0, 0x17F))
            .filter(|c| c.is_alphabetic())
            .collect(),
        Alphabet::Cyrillic => range(0x400, 0x45F).collect(),
        Alphabet::Greek => range(0x391, 0x3A9)
            .chain(range(0x3B1, 0x3C9))
            .filter(|c| c.is_alphabetic())
            .collect(),
    }
}

type SkeletonIndex = HashMap<String, Vec<char>>;

fn index(alphabet: Alphabet) -> &'static SkeletonIndex {
    static INDEXES: [OnceLock<SkeletonIndex>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let slot = match alphabet {
        Alphabet::Ascii => &INDEXES[0],
        Alphabet::Latin => &INDEXES[1],
        Alphabet::Cyrillic => &INDEXES[2],
        Alphabet::Greek => &INDEXES[3],
    };
    slot.get_or_init(|| {
        let mut map: SkeletonIndex = HashMap::new();
        for c in members(alphabet) {
            map.entry(skeleton(c)).or_default().push(c);
        }
        map
    })
}

/// The member of `alphabet` that `ch` is visually confusable with, if any. Among several
/// candidates (the skeleton of 'l', 'I', '1' and '|' is the same) the one of the same kind is
/// chosen: an uppercase letter for an uppercase letter, a digit for a digit.
pub(crate) fn lookalike_in(ch: char, alphabet: Alphabet) -> Option<char> {
    super::props::lookalike(ch, alphabet, || lookalike_uncached(ch, alphabet))
}

fn lookalike_uncached(ch: char, alphabet: Alphabet) -> Option<char> {
    let candidates = index(alphabet).get(&skeleton(ch))?;
    let same_kind = |c: &&char| {
        if ch.is_uppercase() {
            c.is_uppercase()
        } else if ch.is_lowercase() {
            c.is_lowercase()
        } else if ch.is_numeric() {
            c.is_ascii_digit()
        } else {
            !c.is_alphanumeric()
        }
    };
    candidates
        .iter()
        .find(same_kind)
        .or_else(|| candidates.iter().find(|c| c.is_alphabetic()))
        .or_else(|| candidates.first())
        .copied()
        .filter(|&c| c != ch)
}

/// The alphabet most letters of `chars` are written in, when one of Latin, Cyrillic and Greek
/// holds a strict majority of the letters of those three scripts.
pub(crate) fn dominant_alphabet(chars: &[char]) -> Option<Alphabet> {
    let (mut latin, mut cyrillic, mut greek) = (0usize, 0usize, 0usize);
    // The script is a range match, `is_alphabetic` a table search: ask the cheap question first.
    for &c in chars {
        let count = match letter_script(c) {
            Script::Latin => &mut latin,
            Script::Cyrillic => &mut cyrillic,
            Script::Greek => &mut greek,
            Script::Other => continue,
        };
        if super::props::is_alphabetic(c) {
            *count += 1;
        }
    }
    let total = latin + cyrillic + greek;
    [
        (latin, Alphabet::Latin),
        (cyrillic, Alphabet::Cyrillic),
        (greek, Alphabet::Greek),
    ]
    .into_iter()
    .find(|&(n, _)| n * 2 > total)
    .map(|(_, a)| a)
}

/// The script an alphabet belongs to.
pub(crate) fn alphabet_script(alphabet: Alphabet) -> Script {
    match alphabet {
        Alphabet::Ascii | Alphabet::Latin => Script::Latin,
        Alphabet::Cyrillic => Script::Cyrillic,
        Alphabet::Greek => Script::Greek,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lookalikes_keep_kind() {
        assert_eq!(lookalike_in('\u{410}', Alphabet::Ascii), Some('A'));
        assert_eq!(lookalike_in('\u{39F}', Alphabet::Ascii), Some('O'));
        assert_eq!(lookalike_in('\u{43E}', Alphabet::Ascii), Some('o'));
        assert_eq!(lookalike_in('\u{406}', Alphabet::Ascii), Some('I'));
        assert_eq!(lookalike_in('\u{456}', Alphabet::Ascii), Some('i'));
        assert_eq!(lookalike_in('\u{421}', Alphabet::Ascii), Some('C'));
        assert_eq!(lookalike_in('A', Alphabet::Ascii), None);
        assert_eq!(lookalike_in('Ж', Alphabet::Ascii), None);
    }

    #[test]
    fn cross_alphabet() {
        assert_eq!(lookalike_in('A', Alphabet::Cyrillic), Some('\u{410}'));
        assert_eq!(lookalike_in('\u{451}', Alphabet::Latin), Some('ë'));
        assert_eq!(lookalike_in('\u{397}', Alphabet::Latin), Some('H'));
    }

    #[test]
    fn dominance() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            dominant_alphabet(&chars("SHENZHEN ХINGHE")),
            Some(Alphabet::Latin)
        );
        assert_eq!(
            dominant_alphabet(&chars("ООО Ромашка")),
            Some(Alphabet::Cyrillic)
        );
        assert_eq!(dominant_alphabet(&chars("深圳科技")), None);
        assert_eq!(dominant_alphabet(&chars("АB")), None);
    }
}
