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
//!
//! An ellipsis `…` in a phrase stands for any words within one clause: "名称…不一致" occurs in
//! "账户名称与营业执照不一致" and "наименование … не совпадает" in "Наименование получателя не
//! совпадает", but neither across a comma, colon, full stop or other clause mark ("名称正确，
//! 地址不一致" does not name a name mismatch). Messages wrap a name between the words that say
//! it differs, so one phrase with a gap reads every such message.

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

/// The phrase form of the ellipsis that marks a gap in a phrase (NFKC writes `…` as three
/// full stops).
const GAP: &str = "...";

/// Whether `phrase` occurs in `text`, both in phrase form, each gap of the phrase optional and
/// each ellipsis standing for any words within one clause.
pub fn phrase_occurs(text: &str, phrase: &str) -> bool {
    let parts: Vec<&str> = phrase
        .split(GAP)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    ends_of(text, first).any(|end| rest_in_clause(&text[end..], rest))
}

/// Whether `parts` occur in order in `tail` before its clause ends.
fn rest_in_clause(tail: &str, parts: &[&str]) -> bool {
    let Some((next, rest)) = parts.split_first() else {
        return true;
    };
    let clause = &tail[..tail.find(ends_clause).unwrap_or(tail.len())];
    ends_of(clause, next).any(|end| rest_in_clause(&clause[end..], rest))
}

/// A mark that ends a clause, in phrase form (full-width marks are folded to ASCII).
fn ends_clause(ch: char) -> bool {
    matches!(ch, ',' | '.' | ';' | ':' | '!' | '?' | '。' | '、' | '|')
}

/// Where each occurrence of `words` in `text` ends, each gap of `words` optional.
fn ends_of<'a>(text: &'a str, words: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut split = words.split(' ');
    let first = split.next().unwrap_or_default();
    let rest: Vec<&str> = split.collect();
    text.match_indices(first)
        .filter(move |_| !first.is_empty())
        .filter_map(move |(at, _)| {
            let mut tail = &text[at + first.len()..];
            for word in &rest {
                let after_gap = tail.strip_prefix(' ').unwrap_or(tail);
                tail = tail
                    .strip_prefix(word)
                    .or_else(|| after_gap.strip_prefix(word))?;
            }
            Some(text.len() - tail.len())
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

    #[test]
    fn an_ellipsis_is_any_words_within_one_clause() {
        for (text, phrase) in [
            ("结算账户审核被拒：账户名称与营业执照不一致", "名称…不一致"),
            ("账户名称与连连收款账户不一致", "名称…不一致"),
            ("名称不一致", "名称…不一致"),
            (
                "Наименование получателя не совпадает с юридическим наименованием",
                "наименование … не совпадает",
            ),
            (
                "The account NAME on file does not match",
                "name … not match",
            ),
        ] {
            assert!(occurs(text, phrase), "{phrase} in {text}");
        }
        for (text, phrase) in [
            ("名称正确，地址不一致", "名称…不一致"),
            ("名称: ok. 地址不一致", "名称…不一致"),
            ("不一致的名称", "名称…不一致"),
            ("anything", "…"),
        ] {
            assert!(!occurs(text, phrase), "{phrase} in {text}");
        }
    }
}
