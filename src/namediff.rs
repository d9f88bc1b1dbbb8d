//! Classifies the differences between two names.
//!
//! Payout channels compare the payee name with the registered name byte for byte, so a seller
//! needs to know *where* and *how* two names differ, not merely that they do.
//!
//! # Method
//!
//! Every character is put in one of four classes: invisible (Default_Ignorable_Code_Point, which
//! includes the bidi controls, ZWSP and BOM), whitespace (Unicode White_Space, so NBSP and U+3000
//! too), punctuation (general category P*) and core (everything else). The core characters of
//! both names are aligned by a longest common subsequence on a comparison key (NFKC, then
//! lower-cased), so `S`, `s` and `Ｓ` line up. Aligned core pairs that are not identical are
//! [`DiffKind::Case`] or [`DiffKind::Width`] (both when it takes both foldings). Between two
//! aligned pairs the remaining characters are walked in step: invisible, whitespace and
//! punctuation characters that are added, dropped or replaced give the matching kind; a letter
//! facing a letter of another alphabet that looks the same (Cyrillic С for Latin C: their UTS
//! #39 skeletons agree) gives [`DiffKind::LookAlike`]; other unaligned core characters give
//! [`DiffKind::Other`].
//!
//! Before that, the legal-form suffixes are looked at: when they are spelt differently within
//! one group (`Co., Ltd.` ↔ `Limited`), or one name lacks its form, the suffix is reported once
//! as [`DiffKind::LegalForm`] and only the parts before it are compared character by character.
//! Spellings equal after the foldings above (`CO., LTD.` ↔ `Co Ltd`) are not a legal-form
//! difference: the character walk reports the punctuation or case instead.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// How two names differ at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiffKind {
    /// Upper/lower case only.
    Case,
    /// Spaces added, dropped, or of another kind (NBSP, U+3000).
    Whitespace,
    /// Zero-width or other default-ignorable characters (ZWSP, BOM, bidi controls).
    Invisible,
    /// Full-width versus half-width forms (anything NFKC makes equal).
    Width,
    /// A letter of another alphabet that looks the same (Cyrillic С for Latin C): UTS #39
    /// confusables, judged letter by letter.
    LookAlike,
    /// Punctuation added, dropped or replaced.
    Punctuation,
    /// The legal-form suffix is spelt differently or missing.
    LegalForm,
    /// Any other difference (different letters or words).
    Other,
}

impl DiffKind {
    /// Stable snake_case name used in reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            DiffKind::Case => "case",
            DiffKind::Whitespace => "whitespace",
            DiffKind::Invisible => "invisible",
            DiffKind::Width => "width",
            DiffKind::LookAlike => "look_alike",
            DiffKind::Punctuation => "punctuation",
            DiffKind::LegalForm => "legal_form",
            DiffKind::Other => "other",
        }
    }
}

/// One place where the names differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What kind of difference this is.
    pub kind: DiffKind,
    /// 0-based char index in the expected name where the differing piece starts (for an
    /// insertion: the index before which the actual name has extra characters).
    pub expected_index: usize,
    /// 0-based char index in the actual name, with the same convention.
    pub actual_index: usize,
    /// The differing piece of the expected name (empty for an insertion).
    pub expected_text: String,
    /// The differing piece of the actual name (empty for a deletion).
    pub actual_text: String,
}

/// The full account of how two names differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameDiff {
    /// Distinct kinds of difference, sorted; never empty.
    pub kinds: Vec<DiffKind>,
    /// Char index in expected and in actual where the names first differ (the length of their
    /// common prefix, so both numbers are equal).
    pub first_divergence: (usize, usize),
    /// Every difference, ordered by position.
    pub differences: Vec<Difference>,
}

/// Equivalent spellings of a legal form, e.g. `[["有限公司","有限责任公司"], ["Co., Ltd.",
/// "Co.,Ltd.","Company Limited","Limited","Ltd.","Ltd"]]`.
///
/// Supplied by the caller because it is rulepack policy, not a fact of this module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegalForms {
    /// Groups of spellings; spellings in one group mean the same legal form.
    pub groups: Vec<Vec<String>>,
}

/// Character classes that decide how a difference is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Invisible,
    Space,
    Punct,
    Core,
}

/// Whether two letters of different alphabets (Latin, Cyrillic, Greek) look the same: their
/// UTS #39 skeletons agree, in either case. Letters only, so 0 and O or 1 and l (whose
/// skeletons agree too) stay a different character.
fn looks_alike(a: char, b: char) -> bool {
    use unicode_security::mixed_script::AugmentedScriptSet;
    let scripts = |c: char| AugmentedScriptSet::for_char(c);
    let skeleton = |c: char| -> String {
        let mut buf = [0u8; 4];
        unicode_security::skeleton(c.encode_utf8(&mut buf)).collect()
    };
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    a.is_alphabetic()
        && b.is_alphabetic()
        && {
            let mut common = scripts(a);
            common.intersect_with(scripts(b));
            common.is_empty()
        }
        && (skeleton(a) == skeleton(b) || skeleton(lower(a)) == skeleton(lower(b)))
}

/// The ASCII letter a Greek or Cyrillic letter looks like (its UTS #39 skeleton), if any.
fn latin_look_alike(c: char) -> Option<char> {
    if !('\u{370}'..='\u{4FF}').contains(&c) || !c.is_alphabetic() {
        return None;
    }
    let mut buf = [0u8; 4];
    let mut skeleton = unicode_security::skeleton(c.encode_utf8(&mut buf));
    match (skeleton.next(), skeleton.next()) {
        (Some(latin), None) if latin.is_ascii_alphabetic() => Some(latin),
        _ => None,
    }
}

/// Default_Ignorable_Code_Point characters (ZWSP, BOM, bidi controls…), which users cannot see.
fn is_invisible(c: char) -> bool {
    crate::unicode::is_default_ignorable(c)
}

fn class(c: char) -> Class {
    // ASCII by hand (checked against the tables in a test): most names are ASCII, and the
    // category table is a search.
    if c.is_ascii() {
        return match c {
            '\t'..='\r' | ' ' => Class::Space,
            '!'..='#'
            | '%'..='*'
            | ','..='/'
            | ':'
            | ';'
            | '?'
            | '@'
            | '['..=']'
            | '_'
            | '{'
            | '}' => Class::Punct,
            _ => Class::Core,
        };
    }
    class_by_tables(c)
}

fn class_by_tables(c: char) -> Class {
    if is_invisible(c) {
        Class::Invisible
    } else if c.is_whitespace() {
        Class::Space
    } else if c.general_category_group() == GeneralCategoryGroup::Punctuation {
        Class::Punct
    } else {
        Class::Core
    }
}

/// Comparison key of one character: NFKC then lower case, so case and width differences
/// compare equal; a Greek or Cyrillic letter that looks like a Latin one keys as that letter,
/// so a look-alike lines up with the letter it imitates (and a legal form written with one is
/// still found). Nearly every key is a single character, kept inline instead of in a `String`
/// of its own; two keys are equal exactly when their texts are.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    One(char),
    /// Any other text (never exactly one character).
    Text(String),
}

impl Key {
    fn chars(&self) -> std::iter::Chain<std::option::IntoIter<char>, std::str::Chars<'_>> {
        match self {
            Key::One(c) => Some(*c).into_iter().chain("".chars()),
            Key::Text(s) => None.into_iter().chain(s.chars()),
        }
    }
}

fn key(c: char) -> Key {
    if c.is_ascii() {
        return Key::One(c.to_ascii_lowercase());
    }
    if let Some(latin) = latin_look_alike(c) {
        return Key::One(latin.to_ascii_lowercase());
    }
    // Most characters are their own NFKC (all of CJK); the quick check says so from one table
    // lookup, without running the normaliser.
    let text: String = if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
        let mut lower = c.to_lowercase();
        let first = lower.next();
        if let (Some(l), None) = (first, lower.next()) {
            return Key::One(l);
        }
        c.to_lowercase().collect()
    } else {
        std::iter::once(c)
            .nfkc()
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut it = text.chars();
    match (it.next(), it.next()) {
        (Some(one), None) => Key::One(one),
        _ => Key::Text(text),
    }
}

fn case_equal(a: char, b: char) -> bool {
    a.to_lowercase().eq(b.to_lowercase())
}

fn width_equal(a: char, b: char) -> bool {
    std::iter::once(a).nfkc().eq(std::iter::once(b).nfkc())
}

/// The core characters of a name with their char indices and keys.
fn skeleton(chars: &[char]) -> Vec<(usize, Key)> {
    chars
        .iter()
        .enumerate()
        .filter(|(_, c)| class(**c) == Class::Core)
        .map(|(i, c)| (i, key(*c)))
        .collect()
}

/// Whether two skeletons spell the same normalised core text, used to decide whether two
/// pieces mean the same. The keys' texts are compared as one run, as joined strings would be.
fn same_text(a: &[(usize, Key)], b: &[(usize, Key)]) -> bool {
    a.iter()
        .flat_map(|(_, k)| k.chars())
        .eq(b.iter().flat_map(|(_, k)| k.chars()))
}

/// The skeleton of every legal-form spelling, with its group: computed once per comparison
/// instead of once per name looked at.
struct Spellings(Vec<(usize, Vec<Key>)>);

impl Spellings {
    fn new(forms: &LegalForms) -> Self {
        let mut out = Vec::new();
        for (g, group) in forms.groups.iter().enumerate() {
            for spelling in group {
                let sp_chars: Vec<char> = spelling.chars().collect();
                let sp = skeleton(&sp_chars).into_iter().map(|(_, k)| k).collect();
                out.push((g, sp));
            }
        }
        Spellings(out)
    }
}

/// Above this many table cells the middle of two names is not aligned; real names are far
/// shorter, and the bound keeps arbitrary input from costing quadratic memory.
const MAX_LCS_CELLS: usize = 250_000;

/// Pairs of matched positions (into `e` and `a`) of a longest common subsequence by key.
fn align(e: &[(usize, Key)], a: &[(usize, Key)]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut lo = 0;
    while lo < e.len() && lo < a.len() && e[lo].1 == a[lo].1 {
        pairs.push((lo, lo));
        lo += 1;
    }
    let (mut he, mut ha) = (e.len(), a.len());
    let mut tail = Vec::new();
    while he > lo && ha > lo && e[he - 1].1 == a[ha - 1].1 {
        he -= 1;
        ha -= 1;
        tail.push((he, ha));
    }
    let (n, m) = (he - lo, ha - lo);
    if n > 0 && m > 0 && (n + 1).saturating_mul(m + 1) <= MAX_LCS_CELLS {
        // table[i][j] = LCS length of e[lo+i..he] and a[lo+j..ha]
        let w = m + 1;
        let mut table = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                table[i * w + j] = if e[lo + i].1 == a[lo + j].1 {
                    table[(i + 1) * w + j + 1] + 1
                } else {
                    table[(i + 1) * w + j].max(table[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if e[lo + i].1 == a[lo + j].1 {
                pairs.push((lo + i, lo + j));
                i += 1;
                j += 1;
            } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.extend(tail.into_iter().rev());
    pairs
}

/// One single-character difference, before merging: a char on either side or both.
struct Single {
    kind: DiffKind,
    ei: usize,
    ai: usize,
    et: Option<char>,
    at: Option<char>,
}

/// Collects single-character differences, later merged into runs. Texts are only built for
/// runs, not for each character.
struct Collector {
    raw: Vec<Single>,
    /// The legal-form suffix, reported whole and never merged.
    legal_form: Option<Difference>,
}

impl Collector {
    fn push(&mut self, kind: DiffKind, ei: usize, ai: usize, et: Option<char>, at: Option<char>) {
        self.raw.push(Single {
            kind,
            ei,
            ai,
            et,
            at,
        });
    }

    /// Names a pair of aligned or facing characters that are not identical.
    fn substitute(&mut self, ei: usize, ai: usize, ec: char, ac: char) {
        // NFKC folds NBSP and U+3000 into a space, but users know them as spacing, not width.
        if class(ec) == Class::Space && class(ac) == Class::Space {
            self.push(DiffKind::Whitespace, ei, ai, Some(ec), Some(ac));
        } else if looks_alike(ec, ac) {
            self.push(DiffKind::LookAlike, ei, ai, Some(ec), Some(ac));
        } else if case_equal(ec, ac) {
            self.push(DiffKind::Case, ei, ai, Some(ec), Some(ac));
        } else if width_equal(ec, ac) {
            self.push(DiffKind::Width, ei, ai, Some(ec), Some(ac));
        } else if key(ec) == key(ac) {
            self.push(DiffKind::Width, ei, ai, Some(ec), Some(ac));
            self.push(DiffKind::Case, ei, ai, Some(ec), Some(ac));
        } else {
            let kind = match (class(ec), class(ac)) {
                (Class::Space, Class::Space) => DiffKind::Whitespace,
                (Class::Punct, Class::Punct) => DiffKind::Punctuation,
                (Class::Core, Class::Core) if looks_alike(ec, ac) => DiffKind::LookAlike,
                _ => DiffKind::Other,
            };
            self.push(kind, ei, ai, Some(ec), Some(ac));
        }
    }

    /// A character present on one side only.
    fn lone(&mut self, ei: usize, ai: usize, c: char, in_expected: bool) {
        let kind = match class(c) {
            Class::Invisible => DiffKind::Invisible,
            Class::Space => DiffKind::Whitespace,
            Class::Punct => DiffKind::Punctuation,
            Class::Core => DiffKind::Other,
        };
        if in_expected {
            self.push(kind, ei, ai, Some(c), None);
        } else {
            self.push(kind, ei, ai, None, Some(c));
        }
    }

    /// Walks the characters between two aligned core pairs in step.
    fn gap(&mut self, e: &[char], ebase: usize, a: &[char], abase: usize) {
        let (mut i, mut j) = (0, 0);
        while let (Some(&ec), Some(&ac)) = (e.get(i), a.get(j)) {
            let (ei, ai) = (ebase + i, abase + j);
            let (ek, ak) = (class(ec), class(ac));
            if ec == ac {
                i += 1;
                j += 1;
            } else if ek == Class::Invisible {
                self.lone(ei, ai, ec, true);
                i += 1;
            } else if ak == Class::Invisible {
                self.lone(ei, ai, ac, false);
                j += 1;
            } else if ek == ak {
                self.substitute(ei, ai, ec, ac);
                i += 1;
                j += 1;
            } else if ek == Class::Punct || (ek == Class::Space && ak != Class::Punct) {
                // A dropped punctuation mark explains more than a space facing it would.
                self.lone(ei, ai, ec, true);
                i += 1;
            } else {
                self.lone(ei, ai, ac, false);
                j += 1;
            }
        }
        for (k, &c) in e.iter().enumerate().skip(i) {
            self.lone(ebase + k, abase + j, c, true);
        }
        for (k, &c) in a.iter().enumerate().skip(j) {
            self.lone(ebase + e.len(), abase + k, c, false);
        }
    }

    /// Merges contiguous differences of one kind into runs, ordered by position.
    fn finish(mut self) -> Vec<Difference> {
        self.raw.sort_by_key(|d| d.kind);
        let mut out: Vec<Difference> = Vec::new();
        // Chars in the texts of the last run: (expected, actual).
        let mut lens = (0, 0);
        for d in self.raw {
            let (elen, alen) = (usize::from(d.et.is_some()), usize::from(d.at.is_some()));
            if let Some(last) = out.last_mut()
                && last.kind == d.kind
                && last.expected_index + lens.0 == d.ei
                && last.actual_index + lens.1 == d.ai
            {
                if let Some(c) = d.et {
                    last.expected_text.push(c);
                }
                if let Some(c) = d.at {
                    last.actual_text.push(c);
                }
                lens = (lens.0 + elen, lens.1 + alen);
                continue;
            }
            out.push(Difference {
                kind: d.kind,
                expected_index: d.ei,
                actual_index: d.ai,
                expected_text: d.et.map(String::from).unwrap_or_default(),
                actual_text: d.at.map(String::from).unwrap_or_default(),
            });
            lens = (elen, alen);
        }
        // Its kind is the only one of its kind, so it joins no run.
        out.extend(self.legal_form);
        out.sort_by_key(|d| (d.expected_index, d.actual_index, d.kind));
        out
    }
}

/// Character-level classification of two whole pieces, given their skeletons.
fn classify(e: &[char], se: &[(usize, Key)], a: &[char], sa: &[(usize, Key)], out: &mut Collector) {
    let (mut pe, mut pa) = (0, 0);
    for (i, j) in align(se, sa) {
        let (Some((oe, _)), Some((oa, _))) = (se.get(i), sa.get(j)) else {
            continue;
        };
        let (oe, oa) = (*oe, *oa);
        out.gap(
            e.get(pe..oe).unwrap_or_default(),
            pe,
            a.get(pa..oa).unwrap_or_default(),
            pa,
        );
        if let (Some(&ec), Some(&ac)) = (e.get(oe), a.get(oa)) {
            if ec != ac {
                out.substitute(oe, oa, ec, ac);
            }
        }
        pe = oe + 1;
        pa = oa + 1;
    }
    out.gap(
        e.get(pe..).unwrap_or_default(),
        pe,
        a.get(pa..).unwrap_or_default(),
        pa,
    );
}

/// Finds the longest legal-form spelling that ends the name, comparing core characters only.
/// Returns (start char index, group index, matched core length).
/// `sk` is the skeleton of `chars`.
fn find_form(chars: &[char], sk: &[(usize, Key)], spellings: &Spellings) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None; // (core length, start, group)
    for &(g, ref sp) in &spellings.0 {
        if sp.is_empty() || sp.len() > sk.len() {
            continue;
        }
        let from = sk.len() - sp.len();
        let Some(tail) = sk.get(from..) else { continue };
        if !tail.iter().map(|(_, k)| k).eq(sp.iter()) {
            continue;
        }
        let Some(&(start, _)) = tail.first() else {
            continue;
        };
        // A Latin spelling must start a word: "UNLIMITED" does not end in "Limited", while
        // "星河科技Ltd" does end in "Ltd".
        let starts_word = sp
            .first()
            .and_then(|k| k.chars().next())
            .is_some_and(|c| c.is_alphanumeric() && c.is_ascii());
        if starts_word
            && start
                .checked_sub(1)
                .and_then(|p| chars.get(p))
                .is_some_and(|c| key(*c).chars().any(|k| k.is_ascii_alphanumeric()))
        {
            continue;
        }
        if best.is_none_or(|(len, _, _)| sp.len() > len) {
            best = Some((sp.len(), start, g));
        }
    }
    best.map(|(_, start, g)| (start, g))
}

/// Where the legal-form suffix of a name starts (char index) and which group of `forms` it
/// belongs to.
///
/// Matching ignores case, width, whitespace, punctuation and invisible characters, so
/// `CO LTD` is found as the group holding `Co., Ltd.`. `None` means the name carries no known
/// legal form, which is how a missing form ("深圳市星河科技" vs "深圳市星河科技有限公司") is
/// recognised.
pub fn legal_form(name: &str, forms: &LegalForms) -> Option<(usize, usize)> {
    let chars: Vec<char> = name.chars().collect();
    find_form(&chars, &skeleton(&chars), &Spellings::new(forms))
}

/// Drops trailing whitespace and separators that only joined the name to a now-missing form.
fn trim_base(chars: &[char]) -> &[char] {
    let mut end = chars.len();
    while end > 0
        && chars
            .get(end - 1)
            .is_some_and(|c| c.is_whitespace() || is_invisible(*c) || matches!(c, ',' | '，'))
    {
        end -= 1;
    }
    chars.get(..end).unwrap_or_default()
}

/// Compares two names that must be byte-identical and says how they differ.
///
/// Returns `None` when they are byte-identical. Positions are char indices into the original
/// strings.
pub fn compare(expected: &str, actual: &str, forms: &LegalForms) -> Option<NameDiff> {
    if expected == actual {
        return None;
    }
    let e: Vec<char> = expected.chars().collect();
    let a: Vec<char> = actual.chars().collect();
    let prefix = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let mut out = Collector {
        raw: Vec::new(),
        legal_form: None,
    };

    let se = skeleton(&e);
    let sa = skeleton(&a);
    let mut split = None;
    if !same_text(&se, &sa) {
        let spellings = Spellings::new(forms);
        match (
            find_form(&e, &se, &spellings),
            find_form(&a, &sa, &spellings),
        ) {
            (Some((es, eg)), Some((as_, ag))) if eg == ag => {
                let ef = e.get(es..).unwrap_or_default();
                let af = a.get(as_..).unwrap_or_default();
                if !same_text(&skeleton(ef), &skeleton(af)) {
                    split = Some((es, as_, es, as_));
                }
            }
            (Some((es, _)), None) => {
                let base = trim_base(e.get(..es).unwrap_or_default()).len();
                split = Some((base, a.len(), es, a.len()));
            }
            (None, Some((as_, _))) => {
                let base = trim_base(a.get(..as_).unwrap_or_default()).len();
                split = Some((e.len(), base, e.len(), as_));
            }
            _ => {}
        }
    }

    match split {
        Some((eb, ab, ef, af)) => {
            // The skeleton of a prefix is the part of the whole skeleton before its end.
            fn before(sk: &[(usize, Key)], end: usize) -> &[(usize, Key)] {
                let n = sk.iter().take_while(|(i, _)| *i < end).count();
                sk.get(..n).unwrap_or_default()
            }
            classify(
                e.get(..eb).unwrap_or_default(),
                before(&se, eb),
                a.get(..ab).unwrap_or_default(),
                before(&sa, ab),
                &mut out,
            );
            out.legal_form = Some(Difference {
                kind: DiffKind::LegalForm,
                expected_index: ef,
                actual_index: af,
                expected_text: e.get(ef..).unwrap_or_default().iter().collect(),
                actual_text: a.get(af..).unwrap_or_default().iter().collect(),
            });
        }
        None => classify(&e, &se, &a, &sa, &mut out),
    }

    let mut differences = out.finish();
    if differences.is_empty() {
        // Unreachable by construction, but a byte difference must never be reported as none.
        differences.push(Difference {
            kind: DiffKind::Other,
            expected_index: prefix,
            actual_index: prefix,
            expected_text: e.get(prefix..).unwrap_or_default().iter().collect(),
            actual_text: a.get(prefix..).unwrap_or_default().iter().collect(),
        });
    }
    let mut kinds: Vec<DiffKind> = differences.iter().map(|d| d.kind).collect();
    kinds.sort();
    kinds.dedup();
    Some(NameDiff {
        kinds,
        first_divergence: (prefix, prefix),
        differences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "SHENZHEN XINGHE TECHNOLOGY CO., LTD.";
    const CN: &str = "深圳市星河科技有限公司";

    fn forms() -> LegalForms {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        LegalForms {
            groups: vec![
                g(&["有限公司", "有限责任公司"]),
                g(&[
                    "Co., Ltd.",
                    "Co.,Ltd.",
                    "Company Limited",
                    "Limited",
                    "Ltd.",
                    "Ltd",
                ]),
            ],
        }
    }

    fn d(kind: DiffKind, ei: usize, ai: usize, et: &str, at: &str) -> Difference {
        Difference {
            kind,
            expected_index: ei,
            actual_index: ai,
            expected_text: et.into(),
            actual_text: at.into(),
        }
    }

    fn diff(e: &str, a: &str) -> NameDiff {
        match compare(e, a, &forms()) {
            Some(x) => x,
            None => panic!("expected a difference between {e:?} and {a:?}"),
        }
    }

    #[test]
    fn identical_is_none() {
        assert_eq!(compare(NAME, NAME, &forms()), None);
        assert_eq!(compare("", "", &forms()), None);
    }

    #[test]
    fn case() {
        let got = diff(NAME, "Shenzhen Xinghe Technology Co., Ltd.");
        assert_eq!(got.kinds, vec![DiffKind::Case]);
        assert_eq!(got.first_divergence, (1, 1));
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Case, 1, 1, "HENZHEN", "henzhen"),
                d(DiffKind::Case, 10, 10, "INGHE", "inghe"),
                d(DiffKind::Case, 17, 17, "ECHNOLOGY", "echnology"),
                d(DiffKind::Case, 28, 28, "O", "o"),
                d(DiffKind::Case, 33, 33, "TD", "td"),
            ]
        );
    }

    #[test]
    fn trailing_whitespace() {
        let got = diff(NAME, "SHENZHEN XINGHE TECHNOLOGY CO., LTD. ");
        assert_eq!(got.kinds, vec![DiffKind::Whitespace]);
        assert_eq!(got.first_divergence, (36, 36));
        assert_eq!(
            got.differences,
            vec![d(DiffKind::Whitespace, 36, 36, "", " ")]
        );
    }

    #[test]
    fn case_and_whitespace_together() {
        let got = diff(NAME, "SHENZHEN  XINGHE TECHNOLOGY Co., LTD.");
        assert_eq!(got.kinds, vec![DiffKind::Case, DiffKind::Whitespace]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Whitespace, 9, 9, "", " "),
                d(DiffKind::Case, 28, 29, "O", "o"),
            ]
        );
    }

    #[test]
    fn nbsp_and_ideographic_space_are_whitespace() {
        let got = diff(NAME, "SHENZHEN\u{A0}XINGHE\u{3000}TECHNOLOGY CO., LTD.");
        assert_eq!(got.kinds, vec![DiffKind::Whitespace]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Whitespace, 8, 8, " ", "\u{A0}"),
                d(DiffKind::Whitespace, 15, 15, " ", "\u{3000}"),
            ]
        );
    }

    #[test]
    fn zero_width_space() {
        let got = diff(NAME, "SHENZHEN XINGHE\u{200B} TECHNOLOGY CO., LTD.");
        assert_eq!(got.kinds, vec![DiffKind::Invisible]);
        assert_eq!(got.first_divergence, (15, 15));
        assert_eq!(
            got.differences,
            vec![d(DiffKind::Invisible, 15, 15, "", "\u{200B}")]
        );
    }

    #[test]
    fn bom_and_bidi_mark_are_invisible() {
        let got = diff(CN, "\u{FEFF}深圳市星河科技\u{200E}有限公司");
        assert_eq!(got.kinds, vec![DiffKind::Invisible]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Invisible, 0, 0, "", "\u{FEFF}"),
                d(DiffKind::Invisible, 7, 8, "", "\u{200E}"),
            ]
        );
    }

    #[test]
    fn full_width_letters() {
        let got = diff(NAME, "ＳＨＥＮＺＨＥＮ XINGHE TECHNOLOGY CO., LTD.");
        assert_eq!(got.kinds, vec![DiffKind::Width]);
        assert_eq!(got.first_divergence, (0, 0));
        assert_eq!(
            got.differences,
            vec![d(DiffKind::Width, 0, 0, "SHENZHEN", "ＳＨＥＮＺＨＥＮ")]
        );
    }

    #[test]
    fn full_width_lower_case_is_width_and_case() {
        let got = diff("AB", "Aｂ");
        assert_eq!(got.kinds, vec![DiffKind::Case, DiffKind::Width]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Case, 1, 1, "B", "ｂ"),
                d(DiffKind::Width, 1, 1, "B", "ｂ"),
            ]
        );
    }

    #[test]
    fn full_width_brackets_are_width() {
        let got = diff(
            "深圳市星河(国际)科技有限公司",
            "深圳市星河（国际）科技有限公司",
        );
        assert_eq!(got.kinds, vec![DiffKind::Width]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Width, 5, 5, "(", "（"),
                d(DiffKind::Width, 8, 8, ")", "）"),
            ]
        );
    }

    #[test]
    fn punctuation_dropped() {
        let got = diff(NAME, "SHENZHEN XINGHE TECHNOLOGY CO LTD");
        assert_eq!(got.kinds, vec![DiffKind::Punctuation]);
        assert_eq!(got.first_divergence, (29, 29));
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Punctuation, 29, 29, ".,", ""),
                d(DiffKind::Punctuation, 35, 33, ".", ""),
            ]
        );
    }

    #[test]
    fn punctuation_replaced() {
        let got = diff("深圳市星河科技有限公司。", "深圳市星河科技有限公司.");
        assert_eq!(got.kinds, vec![DiffKind::Punctuation]);
        assert_eq!(
            got.differences,
            vec![d(DiffKind::Punctuation, 11, 11, "。", ".")]
        );
    }

    #[test]
    fn english_legal_form_spelt_differently() {
        let got = diff(NAME, "SHENZHEN XINGHE TECHNOLOGY LIMITED");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(got.first_divergence, (27, 27));
        assert_eq!(
            got.differences,
            vec![d(DiffKind::LegalForm, 27, 27, "CO., LTD.", "LIMITED")]
        );
    }

    #[test]
    fn legal_form_with_case_elsewhere() {
        let got = diff(NAME, "Shenzhen XINGHE TECHNOLOGY Limited");
        assert_eq!(got.kinds, vec![DiffKind::Case, DiffKind::LegalForm]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Case, 1, 1, "HENZHEN", "henzhen"),
                d(DiffKind::LegalForm, 27, 27, "CO., LTD.", "Limited"),
            ]
        );
    }

    #[test]
    fn english_legal_form_missing() {
        let got = diff(NAME, "SHENZHEN XINGHE TECHNOLOGY");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(
            got.differences,
            vec![d(DiffKind::LegalForm, 27, 26, "CO., LTD.", "")]
        );
    }

    #[test]
    fn chinese_legal_form_spelt_differently() {
        let got = diff(CN, "深圳市星河科技有限责任公司");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(got.first_divergence, (9, 9));
        assert_eq!(
            got.differences,
            vec![d(DiffKind::LegalForm, 7, 7, "有限公司", "有限责任公司")]
        );
    }

    #[test]
    fn chinese_legal_form_missing() {
        let got = diff(CN, "深圳市星河科技");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(got.first_divergence, (7, 7));
        assert_eq!(
            got.differences,
            vec![d(DiffKind::LegalForm, 7, 7, "有限公司", "")]
        );
        let got = diff("深圳市星河科技", CN);
        assert_eq!(
            got.differences,
            vec![d(DiffKind::LegalForm, 7, 7, "", "有限公司")]
        );
    }

    #[test]
    fn different_word_is_other() {
        let got = diff(CN, "深圳市银河科技有限公司");
        assert_eq!(got.kinds, vec![DiffKind::Other]);
        assert_eq!(got.first_divergence, (3, 3));
        assert_eq!(got.differences, vec![d(DiffKind::Other, 3, 3, "星", "银")]);
    }

    #[test]
    fn other_and_missing_legal_form() {
        let got = diff(CN, "深圳市银河科技");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm, DiffKind::Other]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::Other, 3, 3, "星", "银"),
                d(DiffKind::LegalForm, 7, 7, "有限公司", ""),
            ]
        );
    }

    #[test]
    fn forms_of_different_groups_are_other() {
        assert_eq!(legal_form("深圳市星河科技Ltd", &forms()), Some((7, 1)));
        let got = diff(CN, "深圳市星河科技Ltd");
        assert_eq!(got.kinds, vec![DiffKind::Other]);
        assert_eq!(
            got.differences,
            vec![d(DiffKind::Other, 7, 7, "有限公司", "Ltd")]
        );
    }

    #[test]
    fn legal_form_positions() {
        let f = forms();
        assert_eq!(legal_form(NAME, &f), Some((27, 1)));
        assert_eq!(
            legal_form("SHENZHEN XINGHE TECHNOLOGY CO LTD", &f),
            Some((27, 1))
        );
        assert_eq!(legal_form("ABC Company Limited", &f), Some((4, 1)));
        assert_eq!(legal_form(CN, &f), Some((7, 0)));
        assert_eq!(legal_form("深圳市星河科技有限责任公司", &f), Some((7, 0)));
        assert_eq!(legal_form("深圳市星河科技", &f), None);
        assert_eq!(legal_form("XYZ UNLIMITED", &f), None);
        assert_eq!(legal_form("", &f), None);
        assert_eq!(legal_form(NAME, &LegalForms::default()), None);
    }

    /// The inline key spells what NFKC then lower-casing spells, for every character, except
    /// that a Greek or Cyrillic letter that looks like a Latin one keys as that Latin letter.
    #[test]
    fn look_alike_letters_key_as_the_latin_letter() {
        assert_eq!(latin_look_alike('\u{0421}'), Some('C'));
        assert_eq!(latin_look_alike('\u{043E}'), Some('o'));
        assert_eq!(latin_look_alike('\u{0391}'), Some('A'));
        assert_eq!(latin_look_alike('\u{0416}'), None);
        assert_eq!(latin_look_alike('C'), None);
        assert!(looks_alike('C', '\u{0421}'));
        assert!(looks_alike('c', '\u{0421}'));
        assert!(!looks_alike('O', '0'));
        assert!(!looks_alike('l', 'I'));
        let got = compare(
            "SHENZHEN XINGHE TECHNOLOGY CO., LTD.",
            "SHENZHEN XINGHE TE\u{0421}HNOLOGY \u{0421}O., LTD.",
            &forms(),
        )
        .unwrap();
        assert_eq!(got.kinds, vec![DiffKind::LookAlike]);
        assert_eq!(
            got.differences,
            vec![
                d(DiffKind::LookAlike, 18, 18, "C", "\u{0421}"),
                d(DiffKind::LookAlike, 27, 27, "C", "\u{0421}"),
            ]
        );
    }

    #[test]
    fn keys_are_nfkc_lower_case() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let expected: String = match latin_look_alike(c) {
                Some(latin) => latin.to_ascii_lowercase().to_string(),
                None => std::iter::once(c)
                    .nfkc()
                    .flat_map(char::to_lowercase)
                    .collect(),
            };
            let got = key(c);
            assert_eq!(
                got.chars().collect::<String>(),
                expected,
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(matches!(got, Key::One(_)), expected.chars().count() == 1);
        }
    }

    #[test]
    fn ascii_classes_match_the_tables() {
        for c in (0..=0x7F_u8).map(char::from) {
            assert_eq!(class(c), class_by_tables(c), "{c:?}");
        }
    }

    #[test]
    fn kind_names() {
        let all = [
            DiffKind::Case,
            DiffKind::Whitespace,
            DiffKind::Invisible,
            DiffKind::Width,
            DiffKind::Punctuation,
            DiffKind::LegalForm,
            DiffKind::Other,
        ];
        let names: Vec<&str> = all.iter().map(DiffKind::as_str).collect();
        assert_eq!(
            names,
            [
                "case",
                "whitespace",
                "invisible",
                "width",
                "punctuation",
                "legal_form",
                "other"
            ]
        );
    }

    #[test]
    fn long_input_does_not_blow_up() {
        let a = "甲".repeat(5000);
        let b = "乙".repeat(5000);
        let got = diff(&a, &b);
        assert_eq!(got.kinds, vec![DiffKind::Other]);
        assert_eq!(got.differences.len(), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn compare_properties(a in "\\PC{0,30}", b in "[a-cA-C有限公司 .,\u{200B}\u{3000}ａ（(]{0,30}") {
            let f = forms();
            proptest::prop_assert_eq!(compare(&a, &a, &f), None);
            proptest::prop_assert_eq!(compare(&b, &b, &f), None);
            for (x, y) in [(&a, &b), (&b, &a)] {
                let got = compare(x, y, &f);
                proptest::prop_assert_eq!(got.is_some(), x != y);
                if let Some(nd) = got {
                    proptest::prop_assert!(!nd.kinds.is_empty());
                    proptest::prop_assert!(!nd.differences.is_empty());
                    for diff in &nd.differences {
                        proptest::prop_assert!(diff.expected_index <= x.chars().count());
                        proptest::prop_assert!(diff.actual_index <= y.chars().count());
                    }
                }
            }
        }
    }
}
