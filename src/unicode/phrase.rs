//! Finding a known phrase in what a seller wrote ("Binding failed: invalid MerchantID").
//!
//! Sellers and support agents type the same words many ways: in any case, with full-width
//! letters pasted from a Chinese page, with or without the space in "Merchant ID", with a space
//! between Chinese and Latin words ("商户 ID 无效") or none. Both the phrase and the text are
//! brought to one *phrase form* before they are compared:
//!
//! - folded as credentials are ([`super::fold`]): NFKC, lower-cased, invisible characters dropped;
//! - every run of whitespace (of any kind, line breaks included) is one gap; a gap is kept, as
//!   one space, only between two letters or digits of alphabets that separate words by spaces
//!   (Latin, Cyrillic…), and dropped next to Chinese or Japanese text and next to punctuation.
//!
//! A phrase then occurs in a text when its words appear there in order, each gap of the phrase
//! being either there or not: "merchant id" matches "MerchantID" and "Merchant ID". A gap the
//! phrase does not have is never skipped, so a short phrase is not found across two words
//! ("aml" is not in "I am logged out").

use super::fold::fold;
use super::tables::is_cjk;

/// `text` in phrase form (see the module documentation).
pub fn phrase_form(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let folded = fold(&spaced, true);
    let mut out = String::with_capacity(folded.len());
    let mut gap = false;
    for ch in folded.chars() {
        if ch.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && out.chars().next_back().is_some_and(separates_words) && separates_words(ch) {
            out.push(' ');
        }
        gap = false;
        out.push(ch);
    }
    out
}

/// A letter or digit of an alphabet whose words are separated by spaces.
fn separates_words(ch: char) -> bool {
    ch.is_alphanumeric() && !is_cjk(ch)
}

/// Whether `phrase` occurs in `text`, both in phrase form, each gap of the phrase optional.
pub fn phrase_occurs(text: &str, phrase: &str) -> bool {
    let mut words = phrase.split(' ');
    let Some(first) = words.next().filter(|w| !w.is_empty()) else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    text.match_indices(first).any(|(at, _)| {
        let mut tail = &text[at + first.len()..];
        rest.iter().all(|word| {
            let after_gap = tail.strip_prefix(' ').unwrap_or(tail);
            match tail
                .strip_prefix(word)
                .or_else(|| after_gap.strip_prefix(word))
            {
                Some(next) => {
                    tail = next;
                    true
                }
                None => false,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occurs(text: &str, phrase: &str) -> bool {
        phrase_occurs(&phrase_form(text), &phrase_form(phrase))
    }

    #[test]
    fn spacing_case_and_width_do_not_matter() {
        for text in [
            "Invalid Merchant ID",
            "invalid MerchantID",
            "INVALID  merchant\u{3000}id",
            "ｉｎｖａｌｉｄ Ｍｅｒｃｈａｎｔ ＩＤ",
            "Binding failed: invalid merchant\u{200B} ID",
        ] {
            assert!(occurs(text, "invalid merchant id"), "{text}");
        }
        for text in [
            "商户 ID 无效",
            "商户ID无效",
            "商户 ＩＤ 无效",
            "绑定失败：商户 id 无效",
        ] {
            assert!(occurs(text, "商户id无效"), "{text}");
            assert!(occurs(text, "商户 id 无效"), "{text}");
        }
        assert!(occurs(
            "Ошибка привязки: неверный Merchant ID",
            "неверный merchant id"
        ));
    }

    #[test]
    fn a_gap_the_phrase_lacks_is_not_skipped() {
        assert!(!occurs("I am logged out", "aml"));
        assert!(occurs("AML check", "aml"));
        assert!(!occurs("invalid merchant", "invalid merchant id"));
        assert!(!occurs("anything", ""));
        assert_eq!(phrase_form(" a \t b\n商户 ID ，x"), "a b商户id,x");
    }
}
