//! Character properties the scan asks about again and again, each looked up once per distinct
//! character in a small per-thread cache. The tables behind them are searched by bisection (or,
//! for look-alikes, hashed from a freshly built skeleton), and a long value repeats a handful of
//! characters up to millions of times: without the cache, a megabyte of one pasted look-alike
//! spent most of its time answering the same questions.

use std::cell::Cell;

use unicode_normalization::{IsNormalized, is_nfkc_quick};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::confusable::Alphabet;

/// What the scan wants to know about a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Props {
    pub category: GeneralCategory,
    pub alphabetic: bool,
    /// Its own NFKC by the quick check (no table of decompositions needed).
    pub nfkc_yes: bool,
}

/// Cache slots; a power of two.
const SLOTS: usize = 1024;

/// The slot of `c`: Fibonacci hashing of the code point into `SLOTS`.
fn slot(c: char, salt: u32) -> usize {
    let h = (u32::from(c) ^ salt).wrapping_mul(0x9E37_79B1);
    (h >> (32 - SLOTS.trailing_zeros())) as usize
}

/// A cached look-alike: the character, the alphabet asked about, and the answer.
type Lookalike = (char, Alphabet, Option<char>);

thread_local! {
    static PROPS: [Cell<Option<(char, Props)>>; SLOTS] = const { [const { Cell::new(None) }; SLOTS] };
    static LOOKALIKES: [Cell<Option<Lookalike>>; SLOTS] = const { [const { Cell::new(None) }; SLOTS] };
}

/// The properties of `c`.
pub(crate) fn props(c: char) -> Props {
    let compute = || Props {
        category: c.general_category(),
        alphabetic: c.is_alphabetic(),
        nfkc_yes: is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes,
    };
    PROPS.with(|cache| {
        let cell = &cache[slot(c, 0)];
        match cell.get() {
            Some((key, props)) if key == c => props,
            _ => {
                let props = compute();
                cell.set(Some((c, props)));
                props
            }
        }
    })
}

/// `c.general_category()`, cached.
pub(crate) fn category(c: char) -> GeneralCategory {
    props(c).category
}

/// `c.is_alphabetic()`, cached for non-ASCII characters.
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        props(c).alphabetic
    }
}

/// `compute(c, alphabet)` (the look-alike of `c` in `alphabet`), cached.
pub(crate) fn lookalike(
    c: char,
    alphabet: Alphabet,
    compute: impl FnOnce() -> Option<char>,
) -> Option<char> {
    LOOKALIKES.with(|cache| {
        let cell = &cache[slot(c, alphabet as u32 + 1)];
        match cell.get() {
            Some((key, of, found)) if key == c && of == alphabet => found,
            _ => {
                let found = compute();
                cell.set(Some((c, alphabet, found)));
                found
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code point, asked twice (filled, then from the cache, with collisions between),
    /// gets the answers of the uncached functions.
    #[test]
    fn cached_answers_are_the_tables_answers() {
        for round in 0..2 {
            for c in (0..=0x10FFFF).step_by(7 + round).filter_map(char::from_u32) {
                let p = props(c);
                assert_eq!(p.category, c.general_category(), "{c:?}");
                assert_eq!(p.alphabetic, c.is_alphabetic(), "{c:?}");
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
                let quick = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
                assert_eq!(p.nfkc_yes, quick, "{c:?}");
            }
        }
    }
}
