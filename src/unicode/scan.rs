//! The scanner: every character problem in one value, by kind, and the safe fixes for them.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::GeneralCategory;

use super::confusable::{Alphabet, alphabet_script, dominant_alphabet, lookalike_in};
use super::props::is_alphabetic;
use super::tables::{
    Script, is_bidi_control, is_cjk, is_default_ignorable, is_fullwidth_alphanumeric,
    is_noncharacter, is_normal_in_cjk_text, letter_script,
};
use super::{CharIssue, CharKind, CharPolicy, FixSuggestion, mojibake};

/// Every issue in `value` for a field of `class`, in order of position; each char belongs to at
/// most one issue. FreeText → empty.
pub fn scan(value: &str, class: CharPolicy) -> Vec<CharIssue> {
    scan_impl(value, class, false)
}

/// Like `scan(value, CharPolicy::Identifier)` for an IBAN, which may be written in the paper
/// format: single spaces between groups of four characters are not issues.
pub fn scan_iban(value: &str) -> Vec<CharIssue> {
    scan_impl(value, CharPolicy::Identifier, true)
}

/// Every issue in `value` (as [`scan`], or [`scan_iban`] when `iban`), handed to `visit` one at
/// a time in order of position, so that a value with millions of issues is never held as a
/// list of them.
pub fn scan_each(value: &str, class: CharPolicy, iban: bool, visit: &mut dyn FnMut(CharIssue)) {
    if !is_clean(value, class) {
        full_scan_each(value, class, iban, visit);
    }
}

/// Applies every safe fix to a value: strips invisible, bidi and control characters, folds
/// compatibility forms by NFKC, trims whitespace and collapses inner runs to one ordinary space
/// (identifiers lose all whitespace). Look-alike replacements and mojibake repairs are unsafe
/// and are NOT applied. Idempotent.
pub fn apply_safe_fixes(value: &str, class: CharPolicy) -> String {
    fix_impl(value, class, false)
}

/// [`apply_safe_fixes`] for an IBAN: keeps single spaces between groups of four.
pub fn apply_safe_fixes_iban(value: &str) -> String {
    fix_impl(value, CharPolicy::Identifier, true)
}

/// Printable ASCII words separated by single spaces (none in an identifier), plus, outside
/// identifiers, CJK unified ideographs: nothing any code looks for can be there. Every class of
/// problem needs a control, a space out of place, or a character other than these: the
/// ideographs of this block are assigned letters without a compatibility decomposition, have no
/// look-alike outside an identifier (their script is none of Latin, Cyrillic and Greek, and
/// beside them ASCII letters are the only letters, so no word mixes scripts), and only three of
/// them can start mojibake. Most values are like this (Chinese names and addresses, Latin
/// names, identifiers), so the full scan is skipped for them. A unit test checks every
/// character of the block against the full scan.
fn is_plain(value: &str, identifier: bool) -> bool {
    // ASCII is walked by bytes, which skips decoding; the same test either way.
    if value.is_ascii() {
        is_plain_run(value.bytes().map(char::from), identifier)
    } else {
        is_plain_run(value.chars(), identifier)
    }
}

fn is_plain_run(chars: impl Iterator<Item = char>, identifier: bool) -> bool {
    // One pass: a space is only allowed alone between two other characters.
    let mut after_space = true;
    let mut empty = true;
    for c in chars {
        empty = false;
        if c == ' ' {
            if identifier || after_space {
                return false;
            }
            after_space = true;
        } else if c.is_ascii_graphic() || (!identifier && is_plain_ideograph(c)) {
            after_space = false;
        } else {
            return false;
        }
    }
    !after_space || empty
}

/// A CJK unified ideograph of the main block that cannot start mojibake ("锟斤拷", "烫烫烫",
/// "屯屯屯" start with these three).
fn is_plain_ideograph(c: char) -> bool {
    super::tables::CJK_UNIFIED_IDEOGRAPHS.contains(&c) && !matches!(c, '锟' | '烫' | '屯')
}

fn fix_impl(value: &str, class: CharPolicy, iban: bool) -> String {
    let mut current = value.to_string();
    if is_clean(value, class) {
        return current;
    }
    // A fix can expose another (stripping a zero-width space between two spaces leaves a
    // doubled space), so repeat to a fixpoint; each round only deletes or NFKC-folds, so a
    // few rounds suffice.
    for _ in 0..8 {
        let next = apply_once(&current, class, iban);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// `value` with the safe fixes of one scan applied.
fn apply_once(value: &str, class: CharPolicy, iban: bool) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    // Chars of `value` consumed so far.
    let mut done = 0;
    scan_each(value, class, iban, &mut |issue| {
        if !issue.fix.is_safe() || issue.char_index < done {
            return;
        }
        out.extend(chars.by_ref().take(issue.char_index - done));
        let len = issue.char_len.max(1);
        for _ in chars.by_ref().take(len) {}
        done = issue.char_index + len;
        if let FixSuggestion::Fold(text) = &issue.fix {
            out.push_str(text);
        }
    });
    out.extend(chars);
    out
}

fn issue(
    kind: CharKind,
    char_index: usize,
    char_len: usize,
    ch: char,
    fix: FixSuggestion,
) -> CharIssue {
    let suggestion = match &fix {
        FixSuggestion::Fold(s) | FixSuggestion::Replace(s) => Some(s.clone()),
        FixSuggestion::None | FixSuggestion::Strip => None,
    };
    CharIssue {
        kind,
        char_index,
        char_len,
        ch,
        suggestion,
        fix,
    }
}

fn whitespace_kind(ch: char) -> CharKind {
    match ch {
        '\t' => CharKind::Tab,
        '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => CharKind::LineBreak,
        _ => CharKind::IrregularSpace,
    }
}

/// Context computed once per value.
struct Ctx {
    class: CharPolicy,
    cjk_text: bool,
    /// Per char of a name or address: the alphabet a look-alike at that position is judged
    /// against. Empty when the value's letters are of at most one of the compared scripts, as
    /// then no letter can be a look-alike from a foreign script. Identifiers are always judged
    /// against ASCII.
    judge: Vec<Option<Alphabet>>,
}

/// True when [`scan_impl`] finds nothing, by the cheap test alone (`false` may still be clean).
fn is_clean(value: &str, class: CharPolicy) -> bool {
    class == CharPolicy::FreeText || is_plain(value, class == CharPolicy::Identifier)
}

fn scan_impl(value: &str, class: CharPolicy, iban: bool) -> Vec<CharIssue> {
    let mut issues = Vec::new();
    scan_each(value, class, iban, &mut |issue| issues.push(issue));
    issues
}

/// [`scan_impl`] without the shortcut for plain values.
#[cfg(test)]
fn full_scan(value: &str, class: CharPolicy, iban: bool) -> Vec<CharIssue> {
    let mut issues = Vec::new();
    full_scan_each(value, class, iban, &mut |issue| issues.push(issue));
    issues
}

/// The whole scan, each issue handed to `visit` in order of position.
fn full_scan_each(value: &str, class: CharPolicy, iban: bool, visit: &mut dyn FnMut(CharIssue)) {
    let chars: Vec<char> = value.chars().collect();
    let mut claimed = vec![false; chars.len()];
    let mut mojibake = mojibake::find(&chars);
    mojibake.sort_by_key(|m| m.start);
    for m in &mojibake {
        for slot in claimed.iter_mut().skip(m.start).take(m.len) {
            *slot = true;
        }
    }
    let mut mojibake = mojibake.into_iter().peekable();

    let ctx = Ctx {
        class,
        cjk_text: chars.iter().any(|&c| is_cjk(c)),
        judge: if class != CharPolicy::Identifier && mixes_scripts(&chars) {
            judges(&chars)
        } else {
            Vec::new()
        },
    };
    let free = |i: usize| claimed.get(i).is_some_and(|c| !c);
    let is_ws = |i: usize| free(i) && chars.get(i).is_some_and(|c| c.is_whitespace());

    let mut i = 0;
    while i < chars.len() {
        if let Some(m) = mojibake.next_if(|m| m.start == i) {
            let fix = m
                .intended
                .map_or(FixSuggestion::None, FixSuggestion::Replace);
            let first = chars.get(m.start).copied().unwrap_or('\u{FFFD}');
            visit(issue(CharKind::Mojibake, m.start, m.len, first, fix));
            i += m.len.max(1);
            continue;
        }
        if is_ws(i) {
            let start = i;
            while is_ws(i) {
                i += 1;
            }
            whitespace_run(&chars, start, i, class, iban, visit);
            continue;
        }
        if free(i)
            && let Some(&ch) = chars.get(i)
            && let Some(found) = char_issue(ch, i, &ctx)
        {
            visit(found);
        }
        i += 1;
    }
}

/// Issues for one maximal run `start..end` of whitespace. Inside a name or address one
/// separator is kept per inner run (an ordinary space as is; irregular whitespace folded to
/// one); everything else in the run is stripped.
fn whitespace_run(
    chars: &[char],
    start: usize,
    end: usize,
    class: CharPolicy,
    iban: bool,
    visit: &mut dyn FnMut(CharIssue),
) {
    let leading = start == 0;
    let trailing = end == chars.len();
    let inner = !leading && !trailing;
    let keep_one =
        inner && (class != CharPolicy::Identifier || (iban && iban_group_gap(chars, start, end)));
    let mut k = start;
    while k < end {
        let Some(&ch) = chars.get(k) else { break };
        if keep_one && k == start {
            if ch != ' ' {
                visit(issue(
                    whitespace_kind(ch),
                    k,
                    1,
                    ch,
                    FixSuggestion::Fold(" ".to_string()),
                ));
            }
            k += 1;
            continue;
        }
        if ch != ' ' {
            visit(issue(whitespace_kind(ch), k, 1, ch, FixSuggestion::Strip));
            k += 1;
            continue;
        }
        let run_start = k;
        while k < end && chars.get(k) == Some(&' ') {
            k += 1;
        }
        let kind = if leading {
            CharKind::Leading
        } else if trailing {
            CharKind::Trailing
        } else if keep_one {
            CharKind::Doubled
        } else {
            CharKind::Space
        };
        visit(issue(
            kind,
            run_start,
            k - run_start,
            ' ',
            FixSuggestion::Strip,
        ));
    }
}

/// True when the gap `start..end` in an IBAN follows a group of exactly four characters and
/// precedes a group of one to four: the paper format "DE89 3704 0044 0532 0130 00".
fn iban_group_gap(chars: &[char], start: usize, end: usize) -> bool {
    let before = chars.get(..start).map_or(0, |s| {
        s.iter().rev().take_while(|c| !c.is_whitespace()).count()
    });
    let after = chars
        .get(end..)
        .map_or(0, |s| s.iter().take_while(|c| !c.is_whitespace()).count());
    before == 4 && (1..=4).contains(&after)
}

/// The single most specific issue for a non-whitespace char, if any.
fn char_issue(ch: char, i: usize, ctx: &Ctx) -> Option<CharIssue> {
    // A visible ASCII character is no control, no invisible and no compatibility form: it can
    // only be a look-alike (a Latin letter inside a Cyrillic word).
    if ch.is_ascii_graphic() {
        return confusable(ch, i, ctx).map(|c| {
            issue(
                CharKind::Confusable,
                i,
                1,
                ch,
                FixSuggestion::Replace(c.to_string()),
            )
        });
    }
    if is_bidi_control(ch) {
        return Some(issue(CharKind::BidiControl, i, 1, ch, FixSuggestion::Strip));
    }
    if is_default_ignorable(ch) {
        return Some(issue(
            CharKind::DefaultIgnorable,
            i,
            1,
            ch,
            FixSuggestion::Strip,
        ));
    }
    let gc = super::props::category(ch);
    if gc == GeneralCategory::Format {
        // Visible-ish format characters (Arabic number signs, interlinear annotation) can be
        // meaningful in a name; in an identifier they never are.
        let fix = if ctx.class == CharPolicy::Identifier {
            FixSuggestion::Strip
        } else {
            FixSuggestion::None
        };
        return Some(issue(CharKind::Format, i, 1, ch, fix));
    }
    if gc == GeneralCategory::Control {
        return Some(issue(CharKind::Control, i, 1, ch, FixSuggestion::Strip));
    }
    if ch == '\u{FFFD}' {
        return Some(issue(CharKind::Replacement, i, 1, ch, FixSuggestion::None));
    }
    if gc == GeneralCategory::PrivateUse {
        return Some(issue(CharKind::PrivateUse, i, 1, ch, FixSuggestion::None));
    }
    if is_noncharacter(ch) {
        return Some(issue(
            CharKind::Noncharacter,
            i,
            1,
            ch,
            FixSuggestion::Strip,
        ));
    }
    if gc == GeneralCategory::Unassigned {
        return Some(issue(CharKind::Unassigned, i, 1, ch, FixSuggestion::None));
    }
    if let Some(folded) = compatibility_fold(ch, ctx) {
        return Some(issue(
            CharKind::Compatibility,
            i,
            1,
            ch,
            FixSuggestion::Fold(folded),
        ));
    }
    confusable(ch, i, ctx).map(|c| {
        issue(
            CharKind::Confusable,
            i,
            1,
            ch,
            FixSuggestion::Replace(c.to_string()),
        )
    })
}

/// Whether the letters of `chars` belong to more than one of the scripts look-alikes are judged
/// between (Latin, Cyrillic, Greek).
fn mixes_scripts(chars: &[char]) -> bool {
    let mut seen: Option<Script> = None;
    for &c in chars {
        let script = letter_script(c);
        if script == Script::Other || !is_alphabetic(c) {
            continue;
        }
        match seen {
            Some(s) if s != script => return true,
            _ => seen = Some(script),
        }
    }
    false
}

/// The alphabet each char of a name or address is judged against. A word is judged against its
/// own majority alphabet, so a bilingual name ("ВАСИЛИЙ PETROV") is fine while a mixed word
/// ("Реtrov") is not; a word without a majority falls back to the value's. A whole word in a
/// minority script is judged against the value's alphabet only when every letter of it has a
/// look-alike there ("АСМЕ TRADING" spelled with Cyrillic А, С, М, Е) and no other word shows
/// that script is really used: in "ООО РОМАШКА ROMASHKA LLC" the Cyrillic "ООО" stands beside
/// "РОМАШКА", whose Ш no Latin letter imitates, so it is the Russian legal form, not a disguise.
fn judges(chars: &[char]) -> Vec<Option<Alphabet>> {
    let value_alphabet = dominant_alphabet(chars);
    let mut out = vec![value_alphabet; chars.len()];
    let in_word = |c: &char| {
        is_alphabetic(*c) || super::props::category(*c) == GeneralCategory::NonspacingMark
    };
    // (start, length, own alphabet, every letter has a look-alike in the value's alphabet)
    let mut words = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let Some(rest) = chars.get(start..) else {
            break;
        };
        let len = rest.iter().take_while(|c| in_word(c)).count();
        if len == 0 {
            start += 1;
            continue;
        }
        let word = rest.get(..len).unwrap_or_default();
        let own = dominant_alphabet(word);
        let disguisable = value_alphabet.is_some_and(|value| {
            word.iter()
                .filter(|c| is_alphabetic(**c))
                .all(|&c| lookalike_in(c, value).is_some())
        });
        words.push((start, len, own, disguisable));
        start += len;
    }
    // Alphabets that some word uses in a way no look-alike could imitate.
    let mut genuine: Vec<Alphabet> = Vec::new();
    for (_, _, own, disguisable) in &words {
        if let Some(own) = own
            && Some(*own) != value_alphabet
            && !disguisable
            && !genuine.contains(own)
        {
            genuine.push(*own);
        }
    }
    for (start, len, own, disguisable) in words {
        let judge = match (own, value_alphabet) {
            (Some(own), Some(value)) if own != value && disguisable && !genuine.contains(&own) => {
                Some(value)
            }
            (Some(own), _) => Some(own),
            (None, value) => value,
        };
        for slot in out.iter_mut().skip(start).take(len) {
            *slot = judge;
        }
    }
    out
}

/// NFKC of `ch` when it differs and the difference matters for this field.
fn compatibility_fold(ch: char, ctx: &Ctx) -> Option<String> {
    if ch.is_ascii() {
        return None;
    }
    // Most characters (all of CJK) are their own NFKC: the quick check answers that from one
    // table lookup, without running the normaliser.
    if super::props::props(ch).nfkc_yes {
        return None;
    }
    let folded: String = std::iter::once(ch).nfkc().collect();
    let mut it = folded.chars();
    if it.next() == Some(ch) && it.next().is_none() {
        return None;
    }
    if ctx.class != CharPolicy::Identifier {
        // Ordinal indicators are spelled that way in Portuguese and Spanish addresses ("nº 12").
        if matches!(ch, 'ª' | 'º') {
            return None;
        }
        // Full-width brackets, Roman numerals and enclosed numbers are how Chinese text is
        // typed, and so are full-width digits and letters in a Chinese name. In an address they
        // are the house, floor and building numbers a form compares as typed, and the licence
        // prints them half-width ("９楼９０８" for "9楼908"): reported there.
        let address_number = ctx.class == CharPolicy::Address && is_fullwidth_alphanumeric(ch);
        if ctx.cjk_text && is_normal_in_cjk_text(ch) && !address_number {
            return None;
        }
    }
    Some(folded)
}

/// The intended letter for a look-alike from a foreign script, judged per character against
/// the field's own alphabet.
fn confusable(ch: char, i: usize, ctx: &Ctx) -> Option<char> {
    let alphabet = if ctx.class == CharPolicy::Identifier {
        Alphabet::Ascii
    } else {
        ctx.judge.get(i).copied().flatten()?
    };
    if alphabet == Alphabet::Ascii {
        if ch.is_ascii() {
            return None;
        }
    } else {
        let script = letter_script(ch);
        if !is_alphabetic(ch) || script == Script::Other || script == alphabet_script(alphabet) {
            return None;
        }
    }
    lookalike_in(ch, alphabet)
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
