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
//!
//! A name written wholly in another script than the Latin name it must equal (the Chinese name
//! where the romanised one is expected) is one [`DiffKind::Script`] difference spanning both
//! names: no letter of the one stands for a letter of the other.

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
    /// The whole name is written in another script (Chinese) where a Latin (romanised) name is
    /// expected: a different spelling of the name, not a typing slip.
    Script,
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
            DiffKind::Script => "script",
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

/// The Unicode script of a letter that is not Latin, by its full name ("Han", "Cyrillic");
/// `None` for Latin letters and for characters that are not letters or belong to no one script
/// (digits, punctuation, spaces, combining marks).
pub fn non_latin_script(ch: char) -> Option<&'static str> {
    // ASCII letters are Latin; the script tables are only needed beyond ASCII.
    if ch.is_ascii() || !ch.is_alphabetic() {
        return None;
    }
    let scripts = unicode_security::mixed_script::AugmentedScriptSet::for_char(ch).base;
    if scripts.is_common() || scripts.is_inherited() {
        return None;
    }
    let names: Vec<(&'static str, &'static str)> = scripts
        .iter()
        .map(|s| (s.short_name(), s.full_name()))
        .collect();
    if names.iter().any(|(short, _)| *short == "Latn") {
        return None;
    }
    names.first().map(|(_, full)| *full)
}

/// Whether every letter of `text` is Latin (a text without letters is too).
pub fn is_latin_only(text: &str) -> bool {
    // ASCII letters are Latin, and nothing else in ASCII is a letter.
    text.is_ascii() || text.chars().all(|ch| non_latin_script(ch).is_none())
}

/// The script of a name written wholly in another script than the Latin name it must equal
/// ("宁波甬港家居用品有限公司" for "NINGBO YONGGANG HOUSEHOLD PRODUCTS CO., LTD."): the actual
/// name's letters are all of non-Latin scripts (the first one's is returned), the expected
/// name's all Latin, and each has letters.
pub fn other_script(expected: &str, actual: &str) -> Option<&'static str> {
    let has_letters = |text: &str| text.chars().any(char::is_alphabetic);
    if !has_letters(expected) || !is_latin_only(expected) {
        return None;
    }
    let mut first = None;
    for ch in actual.chars().filter(|ch| ch.is_alphabetic()) {
        match non_latin_script(ch) {
            Some(script) => first = first.or(Some(script)),
            None => return None,
        }
    }
    first
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
fn looks_alike(first: char, second: char) -> bool {
    use unicode_security::mixed_script::AugmentedScriptSet;
    let scripts = |ch: char| AugmentedScriptSet::for_char(ch);
    let skeleton = |ch: char| -> String {
        let mut buf = [0u8; 4];
        unicode_security::skeleton(ch.encode_utf8(&mut buf)).collect()
    };
    let lower = |ch: char| ch.to_lowercase().next().unwrap_or(ch);
    first.is_alphabetic()
        && second.is_alphabetic()
        && {
            let mut common = scripts(first);
            common.intersect_with(scripts(second));
            common.is_empty()
        }
        && (skeleton(first) == skeleton(second)
            || skeleton(lower(first)) == skeleton(lower(second)))
}

/// The ASCII letter a Greek or Cyrillic letter looks like (its UTS #39 skeleton), if any.
fn latin_look_alike(letter: char) -> Option<char> {
    if !('\u{370}'..='\u{4FF}').contains(&letter) || !letter.is_alphabetic() {
        return None;
    }
    let mut buf = [0u8; 4];
    let mut skeleton = unicode_security::skeleton(letter.encode_utf8(&mut buf));
    match (skeleton.next(), skeleton.next()) {
        (Some(latin), None) if latin.is_ascii_alphabetic() => Some(latin),
        _ => None,
    }
}

/// Default_Ignorable_Code_Point characters (ZWSP, BOM, bidi controls…), which users cannot see.
fn is_invisible(ch: char) -> bool {
    crate::unicode::is_default_ignorable(ch)
}

fn class(ch: char) -> Class {
    // ASCII by hand (checked against the tables in a test): most names are ASCII, and the
    // category table is a search.
    if ch.is_ascii() {
        return match ch {
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
    class_by_tables(ch)
}

fn class_by_tables(ch: char) -> Class {
    if is_invisible(ch) {
        Class::Invisible
    } else if ch.is_whitespace() {
        Class::Space
    } else if ch.general_category_group() == GeneralCategoryGroup::Punctuation {
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
            Key::One(ch) => Some(*ch).into_iter().chain("".chars()),
            Key::Text(text) => None.into_iter().chain(text.chars()),
        }
    }
}

fn key(ch: char) -> Key {
    if ch.is_ascii() {
        return Key::One(ch.to_ascii_lowercase());
    }
    if let Some(latin) = latin_look_alike(ch) {
        return Key::One(latin.to_ascii_lowercase());
    }
    // Most characters are their own NFKC (all of CJK); the quick check says so from one table
    // lookup, without running the normaliser.
    let text: String = if is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Yes {
        let mut lower = ch.to_lowercase();
        let first = lower.next();
        if let (Some(only), None) = (first, lower.next()) {
            return Key::One(only);
        }
        ch.to_lowercase().collect()
    } else {
        std::iter::once(ch)
            .nfkc()
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(only), None) => Key::One(only),
        _ => Key::Text(text),
    }
}

fn case_equal(first: char, second: char) -> bool {
    first.to_lowercase().eq(second.to_lowercase())
}

fn width_equal(first: char, second: char) -> bool {
    std::iter::once(first)
        .nfkc()
        .eq(std::iter::once(second).nfkc())
}

/// The core characters of a name with their char indices and keys.
fn skeleton(chars: &[char]) -> Vec<(usize, Key)> {
    chars
        .iter()
        .enumerate()
        .filter(|(_, ch)| class(**ch) == Class::Core)
        .map(|(index, ch)| (index, key(*ch)))
        .collect()
}

/// Whether two skeletons spell the same normalised core text, used to decide whether two
/// pieces mean the same. The keys' texts are compared as one run, as joined strings would be.
fn same_text(first: &[(usize, Key)], second: &[(usize, Key)]) -> bool {
    first
        .iter()
        .flat_map(|(_, key)| key.chars())
        .eq(second.iter().flat_map(|(_, key)| key.chars()))
}

/// The skeleton of every legal-form spelling, with its group: computed once per comparison
/// instead of once per name looked at.
struct Spellings(Vec<(usize, Vec<Key>)>);

impl Spellings {
    fn new(forms: &LegalForms) -> Self {
        let mut out = Vec::new();
        for (group_index, group) in forms.groups.iter().enumerate() {
            for spelling in group {
                let chars: Vec<char> = spelling.chars().collect();
                let keys = skeleton(&chars).into_iter().map(|(_, key)| key).collect();
                out.push((group_index, keys));
            }
        }
        Spellings(out)
    }
}

/// Above this many table cells the middle of two names is not aligned; real names are far
/// shorter, and the bound keeps arbitrary input from costing quadratic memory.
const MAX_LCS_CELLS: usize = 250_000;

/// Pairs of matched positions (into `expected` and `actual`) of a longest common subsequence
/// by key.
fn align(expected: &[(usize, Key)], actual: &[(usize, Key)]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    // The common prefix and suffix are matched as they are; only the middle needs the table.
    let mut start = 0;
    while start < expected.len() && start < actual.len() && expected[start].1 == actual[start].1 {
        pairs.push((start, start));
        start += 1;
    }
    let (mut expected_end, mut actual_end) = (expected.len(), actual.len());
    let mut tail = Vec::new();
    while expected_end > start
        && actual_end > start
        && expected[expected_end - 1].1 == actual[actual_end - 1].1
    {
        expected_end -= 1;
        actual_end -= 1;
        tail.push((expected_end, actual_end));
    }
    let (rows, columns) = (expected_end - start, actual_end - start);
    if rows > 0 && columns > 0 && (rows + 1).saturating_mul(columns + 1) <= MAX_LCS_CELLS {
        let same = |row: usize, column: usize| expected[start + row].1 == actual[start + column].1;
        // table[row][column] = LCS length of expected[start+row..expected_end] and
        // actual[start+column..actual_end]
        let width = columns + 1;
        let mut table = vec![0u32; (rows + 1) * width];
        for row in (0..rows).rev() {
            for column in (0..columns).rev() {
                table[row * width + column] = if same(row, column) {
                    table[(row + 1) * width + column + 1] + 1
                } else {
                    table[(row + 1) * width + column].max(table[row * width + column + 1])
                };
            }
        }
        let (mut row, mut column) = (0, 0);
        while row < rows && column < columns {
            if same(row, column) {
                pairs.push((start + row, start + column));
                row += 1;
                column += 1;
            } else if table[(row + 1) * width + column] >= table[row * width + column + 1] {
                row += 1;
            } else {
                column += 1;
            }
        }
    }
    pairs.extend(tail.into_iter().rev());
    pairs
}

/// One single-character difference, before merging: a char on either side or both.
struct Single {
    kind: DiffKind,
    expected_index: usize,
    actual_index: usize,
    expected_char: Option<char>,
    actual_char: Option<char>,
}

/// Collects single-character differences, later merged into runs. Texts are only built for
/// runs, not for each character.
struct Collector {
    raw: Vec<Single>,
    /// The legal-form suffix, reported whole and never merged.
    legal_form: Option<Difference>,
}

impl Collector {
    fn push(
        &mut self,
        kind: DiffKind,
        (expected_index, actual_index): (usize, usize),
        expected_char: Option<char>,
        actual_char: Option<char>,
    ) {
        self.raw.push(Single {
            kind,
            expected_index,
            actual_index,
            expected_char,
            actual_char,
        });
    }

    /// Names a pair of aligned or facing characters that are not identical.
    fn substitute(&mut self, at: (usize, usize), expected: char, actual: char) {
        let (expected_some, actual_some) = (Some(expected), Some(actual));
        // NFKC folds NBSP and U+3000 into a space, but users know them as spacing, not width.
        if class(expected) == Class::Space && class(actual) == Class::Space {
            self.push(DiffKind::Whitespace, at, expected_some, actual_some);
        } else if looks_alike(expected, actual) {
            self.push(DiffKind::LookAlike, at, expected_some, actual_some);
        } else if case_equal(expected, actual) {
            self.push(DiffKind::Case, at, expected_some, actual_some);
        } else if width_equal(expected, actual) {
            self.push(DiffKind::Width, at, expected_some, actual_some);
        } else if key(expected) == key(actual) {
            self.push(DiffKind::Width, at, expected_some, actual_some);
            self.push(DiffKind::Case, at, expected_some, actual_some);
        } else {
            let kind = match (class(expected), class(actual)) {
                (Class::Space, Class::Space) => DiffKind::Whitespace,
                (Class::Punct, Class::Punct) => DiffKind::Punctuation,
                (Class::Core, Class::Core) if looks_alike(expected, actual) => DiffKind::LookAlike,
                _ => DiffKind::Other,
            };
            self.push(kind, at, expected_some, actual_some);
        }
    }

    /// A character present on one side only.
    fn lone(&mut self, at: (usize, usize), ch: char, in_expected: bool) {
        let kind = match class(ch) {
            Class::Invisible => DiffKind::Invisible,
            Class::Space => DiffKind::Whitespace,
            Class::Punct => DiffKind::Punctuation,
            Class::Core => DiffKind::Other,
        };
        if in_expected {
            self.push(kind, at, Some(ch), None);
        } else {
            self.push(kind, at, None, Some(ch));
        }
    }

    /// Walks the characters between two aligned core pairs in step; the pieces start at
    /// `expected_base` and `actual_base` of their names.
    fn gap(
        &mut self,
        expected: &[char],
        expected_base: usize,
        actual: &[char],
        actual_base: usize,
    ) {
        let (mut in_expected, mut in_actual) = (0, 0);
        while let (Some(&expected_char), Some(&actual_char)) =
            (expected.get(in_expected), actual.get(in_actual))
        {
            let at = (expected_base + in_expected, actual_base + in_actual);
            let (expected_class, actual_class) = (class(expected_char), class(actual_char));
            if expected_char == actual_char {
                in_expected += 1;
                in_actual += 1;
            } else if expected_class == Class::Invisible {
                self.lone(at, expected_char, true);
                in_expected += 1;
            } else if actual_class == Class::Invisible {
                self.lone(at, actual_char, false);
                in_actual += 1;
            } else if expected_class == actual_class {
                self.substitute(at, expected_char, actual_char);
                in_expected += 1;
                in_actual += 1;
            } else if expected_class == Class::Punct
                || (expected_class == Class::Space && actual_class != Class::Punct)
            {
                // A dropped punctuation mark explains more than a space facing it would.
                self.lone(at, expected_char, true);
                in_expected += 1;
            } else {
                self.lone(at, actual_char, false);
                in_actual += 1;
            }
        }
        for (offset, &ch) in expected.iter().enumerate().skip(in_expected) {
            self.lone((expected_base + offset, actual_base + in_actual), ch, true);
        }
        for (offset, &ch) in actual.iter().enumerate().skip(in_actual) {
            self.lone(
                (expected_base + expected.len(), actual_base + offset),
                ch,
                false,
            );
        }
    }

    /// Merges contiguous differences of one kind into runs, ordered by position.
    fn finish(mut self) -> Vec<Difference> {
        self.raw.sort_by_key(|single| single.kind);
        let mut out: Vec<Difference> = Vec::new();
        // Chars in the texts of the last run: (expected, actual).
        let mut run_lengths = (0, 0);
        for single in self.raw {
            let lengths = (
                usize::from(single.expected_char.is_some()),
                usize::from(single.actual_char.is_some()),
            );
            if let Some(last) = out.last_mut()
                && last.kind == single.kind
                && last.expected_index + run_lengths.0 == single.expected_index
                && last.actual_index + run_lengths.1 == single.actual_index
            {
                last.expected_text.extend(single.expected_char);
                last.actual_text.extend(single.actual_char);
                run_lengths = (run_lengths.0 + lengths.0, run_lengths.1 + lengths.1);
                continue;
            }
            out.push(Difference {
                kind: single.kind,
                expected_index: single.expected_index,
                actual_index: single.actual_index,
                expected_text: single.expected_char.map(String::from).unwrap_or_default(),
                actual_text: single.actual_char.map(String::from).unwrap_or_default(),
            });
            run_lengths = lengths;
        }
        // Its kind is the only one of its kind, so it joins no run.
        out.extend(self.legal_form);
        out.sort_by_key(|diff| (diff.expected_index, diff.actual_index, diff.kind));
        out
    }
}

/// Character-level classification of two whole pieces, given their skeletons.
fn classify(
    expected: &[char],
    expected_core: &[(usize, Key)],
    actual: &[char],
    actual_core: &[(usize, Key)],
    out: &mut Collector,
) {
    // Chars of each piece walked so far.
    let (mut expected_done, mut actual_done) = (0, 0);
    for (expected_pair, actual_pair) in align(expected_core, actual_core) {
        let (Some(&(expected_at, _)), Some(&(actual_at, _))) = (
            expected_core.get(expected_pair),
            actual_core.get(actual_pair),
        ) else {
            continue;
        };
        out.gap(
            expected.get(expected_done..expected_at).unwrap_or_default(),
            expected_done,
            actual.get(actual_done..actual_at).unwrap_or_default(),
            actual_done,
        );
        if let (Some(&expected_char), Some(&actual_char)) =
            (expected.get(expected_at), actual.get(actual_at))
            && expected_char != actual_char
        {
            out.substitute((expected_at, actual_at), expected_char, actual_char);
        }
        expected_done = expected_at + 1;
        actual_done = actual_at + 1;
    }
    out.gap(
        expected.get(expected_done..).unwrap_or_default(),
        expected_done,
        actual.get(actual_done..).unwrap_or_default(),
        actual_done,
    );
}

/// Finds the longest legal-form spelling that ends the name, comparing core characters only.
/// Returns (start char index, group index); `core` is the skeleton of `chars`.
fn find_form(
    chars: &[char],
    core: &[(usize, Key)],
    spellings: &Spellings,
) -> Option<(usize, usize)> {
    // (core length, start, group) of the longest spelling found so far.
    let mut best: Option<(usize, usize, usize)> = None;
    for &(group, ref spelling) in &spellings.0 {
        if spelling.is_empty() || spelling.len() > core.len() {
            continue;
        }
        let Some(tail) = core.get(core.len() - spelling.len()..) else {
            continue;
        };
        if !tail.iter().map(|(_, key)| key).eq(spelling.iter()) {
            continue;
        }
        let Some(&(start, _)) = tail.first() else {
            continue;
        };
        // A Latin spelling must start a word: "UNLIMITED" does not end in "Limited", while
        // "星河科技Ltd" does end in "Ltd".
        let starts_word = spelling
            .first()
            .and_then(|key| key.chars().next())
            .is_some_and(|ch| ch.is_alphanumeric() && ch.is_ascii());
        if starts_word
            && start
                .checked_sub(1)
                .and_then(|before| chars.get(before))
                .is_some_and(|ch| key(*ch).chars().any(|k| k.is_ascii_alphanumeric()))
        {
            continue;
        }
        if best.is_none_or(|(len, _, _)| spelling.len() > len) {
            best = Some((spelling.len(), start, group));
        }
    }
    best.map(|(_, start, group)| (start, group))
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
            .is_some_and(|ch| ch.is_whitespace() || is_invisible(*ch) || matches!(ch, ',' | '，'))
    {
        end -= 1;
    }
    chars.get(..end).unwrap_or_default()
}

/// Where two names are split into the part compared character by character and the legal-form
/// suffix compared whole: char indices in the expected and the actual name.
struct FormSplit {
    /// End of the compared part of each name (before the separators of a missing form).
    base_end: (usize, usize),
    /// Start of each name's legal form (its length when it has none).
    form_start: (usize, usize),
}

/// The split of two names whose legal forms differ (spelt differently within one group, or
/// one name lacking its form); `None` when the forms do not differ that way.
fn form_split(
    expected: &[char],
    expected_core: &[(usize, Key)],
    actual: &[char],
    actual_core: &[(usize, Key)],
    forms: &LegalForms,
) -> Option<FormSplit> {
    if same_text(expected_core, actual_core) {
        return None;
    }
    let spellings = Spellings::new(forms);
    match (
        find_form(expected, expected_core, &spellings),
        find_form(actual, actual_core, &spellings),
    ) {
        (Some((expected_form, expected_group)), Some((actual_form, actual_group)))
            if expected_group == actual_group =>
        {
            let expected_suffix = expected.get(expected_form..).unwrap_or_default();
            let actual_suffix = actual.get(actual_form..).unwrap_or_default();
            (!same_text(&skeleton(expected_suffix), &skeleton(actual_suffix))).then_some(
                FormSplit {
                    base_end: (expected_form, actual_form),
                    form_start: (expected_form, actual_form),
                },
            )
        }
        (Some((expected_form, _)), None) => Some(FormSplit {
            base_end: (
                trim_base(expected.get(..expected_form).unwrap_or_default()).len(),
                actual.len(),
            ),
            form_start: (expected_form, actual.len()),
        }),
        (None, Some((actual_form, _))) => Some(FormSplit {
            base_end: (
                expected.len(),
                trim_base(actual.get(..actual_form).unwrap_or_default()).len(),
            ),
            form_start: (expected.len(), actual_form),
        }),
        _ => None,
    }
}

/// The part of a skeleton before char index `end`: the skeleton of that prefix.
fn core_before(core: &[(usize, Key)], end: usize) -> &[(usize, Key)] {
    let len = core.iter().take_while(|(index, _)| *index < end).count();
    core.get(..len).unwrap_or_default()
}

/// Compares two names that must be byte-identical and says how they differ.
///
/// Returns `None` when they are byte-identical. Positions are char indices into the original
/// strings.
pub fn compare(expected: &str, actual: &str, forms: &LegalForms) -> Option<NameDiff> {
    if expected == actual {
        return None;
    }
    let expected_chars: Vec<char> = expected.chars().collect();
    let actual_chars: Vec<char> = actual.chars().collect();
    let prefix = expected_chars
        .iter()
        .zip(&actual_chars)
        .take_while(|(x, y)| x == y)
        .count();
    if other_script(expected, actual).is_some() {
        // Aligning a Chinese name with its romanisation letter by letter explains nothing.
        return Some(NameDiff {
            kinds: vec![DiffKind::Script],
            first_divergence: (prefix, prefix),
            differences: vec![Difference {
                kind: DiffKind::Script,
                expected_index: 0,
                actual_index: 0,
                expected_text: expected.to_string(),
                actual_text: actual.to_string(),
            }],
        });
    }
    let mut out = Collector {
        raw: Vec::new(),
        legal_form: None,
    };

    let expected_core = skeleton(&expected_chars);
    let actual_core = skeleton(&actual_chars);
    match form_split(
        &expected_chars,
        &expected_core,
        &actual_chars,
        &actual_core,
        forms,
    ) {
        Some(FormSplit {
            base_end: (expected_end, actual_end),
            form_start: (expected_form, actual_form),
        }) => {
            classify(
                expected_chars.get(..expected_end).unwrap_or_default(),
                core_before(&expected_core, expected_end),
                actual_chars.get(..actual_end).unwrap_or_default(),
                core_before(&actual_core, actual_end),
                &mut out,
            );
            out.legal_form = Some(Difference {
                kind: DiffKind::LegalForm,
                expected_index: expected_form,
                actual_index: actual_form,
                expected_text: expected_chars
                    .get(expected_form..)
                    .unwrap_or_default()
                    .iter()
                    .collect(),
                actual_text: actual_chars
                    .get(actual_form..)
                    .unwrap_or_default()
                    .iter()
                    .collect(),
            });
        }
        None => classify(
            &expected_chars,
            &expected_core,
            &actual_chars,
            &actual_core,
            &mut out,
        ),
    }

    let mut differences = out.finish();
    if differences.is_empty() {
        // Unreachable by construction, but a byte difference must never be reported as none.
        differences.push(Difference {
            kind: DiffKind::Other,
            expected_index: prefix,
            actual_index: prefix,
            expected_text: expected_chars
                .get(prefix..)
                .unwrap_or_default()
                .iter()
                .collect(),
            actual_text: actual_chars
                .get(prefix..)
                .unwrap_or_default()
                .iter()
                .collect(),
        });
    }
    let mut kinds: Vec<DiffKind> = differences.iter().map(|diff| diff.kind).collect();
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
        let group = |spellings: &[&str]| spellings.iter().map(|s| s.to_string()).collect();
        LegalForms {
            groups: vec![
                group(&["有限公司", "有限责任公司"]),
                group(&[
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

    fn piece(
        kind: DiffKind,
        expected_index: usize,
        actual_index: usize,
        expected_text: &str,
        actual_text: &str,
    ) -> Difference {
        Difference {
            kind,
            expected_index,
            actual_index,
            expected_text: expected_text.into(),
            actual_text: actual_text.into(),
        }
    }

    fn diff(expected: &str, actual: &str) -> NameDiff {
        match compare(expected, actual, &forms()) {
            Some(found) => found,
            None => panic!("expected a difference between {expected:?} and {actual:?}"),
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
                piece(DiffKind::Case, 1, 1, "HENZHEN", "henzhen"),
                piece(DiffKind::Case, 10, 10, "INGHE", "inghe"),
                piece(DiffKind::Case, 17, 17, "ECHNOLOGY", "echnology"),
                piece(DiffKind::Case, 28, 28, "O", "o"),
                piece(DiffKind::Case, 33, 33, "TD", "td"),
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
            vec![piece(DiffKind::Whitespace, 36, 36, "", " ")]
        );
    }

    #[test]
    fn case_and_whitespace_together() {
        let got = diff(NAME, "SHENZHEN  XINGHE TECHNOLOGY Co., LTD.");
        assert_eq!(got.kinds, vec![DiffKind::Case, DiffKind::Whitespace]);
        assert_eq!(
            got.differences,
            vec![
                piece(DiffKind::Whitespace, 9, 9, "", " "),
                piece(DiffKind::Case, 28, 29, "O", "o"),
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
                piece(DiffKind::Whitespace, 8, 8, " ", "\u{A0}"),
                piece(DiffKind::Whitespace, 15, 15, " ", "\u{3000}"),
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
            vec![piece(DiffKind::Invisible, 15, 15, "", "\u{200B}")]
        );
    }

    #[test]
    fn bom_and_bidi_mark_are_invisible() {
        let got = diff(CN, "\u{FEFF}深圳市星河科技\u{200E}有限公司");
        assert_eq!(got.kinds, vec![DiffKind::Invisible]);
        assert_eq!(
            got.differences,
            vec![
                piece(DiffKind::Invisible, 0, 0, "", "\u{FEFF}"),
                piece(DiffKind::Invisible, 7, 8, "", "\u{200E}"),
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
            vec![piece(DiffKind::Width, 0, 0, "SHENZHEN", "ＳＨＥＮＺＨＥＮ")]
        );
    }

    #[test]
    fn full_width_lower_case_is_width_and_case() {
        let got = diff("AB", "Aｂ");
        assert_eq!(got.kinds, vec![DiffKind::Case, DiffKind::Width]);
        assert_eq!(
            got.differences,
            vec![
                piece(DiffKind::Case, 1, 1, "B", "ｂ"),
                piece(DiffKind::Width, 1, 1, "B", "ｂ"),
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
                piece(DiffKind::Width, 5, 5, "(", "（"),
                piece(DiffKind::Width, 8, 8, ")", "）"),
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
                piece(DiffKind::Punctuation, 29, 29, ".,", ""),
                piece(DiffKind::Punctuation, 35, 33, ".", ""),
            ]
        );
    }

    #[test]
    fn punctuation_replaced() {
        let got = diff("深圳市星河科技有限公司。", "深圳市星河科技有限公司.");
        assert_eq!(got.kinds, vec![DiffKind::Punctuation]);
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::Punctuation, 11, 11, "。", ".")]
        );
    }

    #[test]
    fn english_legal_form_spelt_differently() {
        let got = diff(NAME, "SHENZHEN XINGHE TECHNOLOGY LIMITED");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(got.first_divergence, (27, 27));
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::LegalForm, 27, 27, "CO., LTD.", "LIMITED")]
        );
    }

    #[test]
    fn legal_form_with_case_elsewhere() {
        let got = diff(NAME, "Shenzhen XINGHE TECHNOLOGY Limited");
        assert_eq!(got.kinds, vec![DiffKind::Case, DiffKind::LegalForm]);
        assert_eq!(
            got.differences,
            vec![
                piece(DiffKind::Case, 1, 1, "HENZHEN", "henzhen"),
                piece(DiffKind::LegalForm, 27, 27, "CO., LTD.", "Limited"),
            ]
        );
    }

    #[test]
    fn english_legal_form_missing() {
        let got = diff(NAME, "SHENZHEN XINGHE TECHNOLOGY");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::LegalForm, 27, 26, "CO., LTD.", "")]
        );
    }

    #[test]
    fn chinese_legal_form_spelt_differently() {
        let got = diff(CN, "深圳市星河科技有限责任公司");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(got.first_divergence, (9, 9));
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::LegalForm, 7, 7, "有限公司", "有限责任公司")]
        );
    }

    #[test]
    fn chinese_legal_form_missing() {
        let got = diff(CN, "深圳市星河科技");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm]);
        assert_eq!(got.first_divergence, (7, 7));
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::LegalForm, 7, 7, "有限公司", "")]
        );
        let got = diff("深圳市星河科技", CN);
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::LegalForm, 7, 7, "", "有限公司")]
        );
    }

    #[test]
    fn different_word_is_other() {
        let got = diff(CN, "深圳市银河科技有限公司");
        assert_eq!(got.kinds, vec![DiffKind::Other]);
        assert_eq!(got.first_divergence, (3, 3));
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::Other, 3, 3, "星", "银")]
        );
    }

    #[test]
    fn other_and_missing_legal_form() {
        let got = diff(CN, "深圳市银河科技");
        assert_eq!(got.kinds, vec![DiffKind::LegalForm, DiffKind::Other]);
        assert_eq!(
            got.differences,
            vec![
                piece(DiffKind::Other, 3, 3, "星", "银"),
                piece(DiffKind::LegalForm, 7, 7, "有限公司", ""),
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
            vec![piece(DiffKind::Other, 7, 7, "有限公司", "Ltd")]
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

    #[test]
    fn non_latin_letters_are_named_by_script() {
        assert_eq!(non_latin_script('深'), Some("Han"));
        assert_eq!(non_latin_script('О'), Some("Cyrillic"));
        assert_eq!(non_latin_script('α'), Some("Greek"));
        assert_eq!(non_latin_script('カ'), Some("Katakana"));
    }

    #[test]
    fn latin_digits_punctuation_and_marks_pass() {
        // Accented and full-width Latin letters are Latin (BC204 judges the width); digits,
        // punctuation, spaces, CJK punctuation and combining marks are no letters of a script.
        for ch in [
            'A', 'é', 'Ø', 'ß', 'Ａ', '1', '.', ',', ' ', '、', '\u{0301}', '\u{200B}',
        ] {
            assert_eq!(non_latin_script(ch), None, "{ch:?}");
        }
        assert!(is_latin_only("Café Économique S.A.R.L. 2"));
        assert!(!is_latin_only("Shenzhen 星河"));
    }

    #[test]
    fn chinese_name_for_the_romanised_one_is_script() {
        let got = diff(NAME, CN);
        assert_eq!(got.kinds, vec![DiffKind::Script]);
        assert_eq!(
            got.differences,
            vec![piece(DiffKind::Script, 0, 0, NAME, CN)]
        );
        assert_eq!(other_script(NAME, CN), Some("Han"));
        assert_eq!(other_script(NAME, "ООО РОМАШКА"), Some("Cyrillic"));
        // Mixed, reversed or letterless names are compared character by character.
        assert_eq!(other_script(NAME, "深圳市星河 TECHNOLOGY"), None);
        assert_eq!(other_script(CN, NAME), None);
        assert_eq!(other_script("123", CN), None);
        assert_eq!(other_script(NAME, "123"), None);
        assert_ne!(diff(CN, NAME).kinds, vec![DiffKind::Script]);
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
                piece(DiffKind::LookAlike, 18, 18, "C", "\u{0421}"),
                piece(DiffKind::LookAlike, 27, 27, "C", "\u{0421}"),
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
            DiffKind::Script,
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
                "script",
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
