//! Which parts of a profile hold a credential, and the one redaction every output goes through.
//!
//! The loader decides once, for the whole source text, what is secret
//! ([`crate::profile::credentials`]): the byte ranges never to be shown (values of any type, key
//! names, comments) and the secret texts themselves, folded ([`crate::unicode::fold`]). Every
//! path that turns source text into output asks the [`Secrets`] kept with the source: messages,
//! evidence, fixes and fingerprints in [`crate::report`], the source lines the human format
//! quotes, `lint --diff`, baselines and tickets. `--show-values` does not lift it.
//!
//! Text is matched by windows: no run of `window` folded characters of a secret survives in an
//! output, so neither the whole secret, nor a part of it that a rule copied, nor its end is
//! printed, however it is spelt (with an invisible character, in full-width letters, escaped as
//! `⟨U+200B⟩`). A secret shorter than a window is replaced where it occurs whole, down to
//! `min_chars` characters; a shorter one only where an argument or evidence value is exactly
//! it, and in the source by its range.

use crate::finding::{Arg, Fix};
use crate::source::Span;
use crate::unicode::{Folded, fold};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// Why a part of the source is secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretReason {
    /// A field the format declares a credential (`lianlian.api_key`).
    Declared,
    /// A value with the shape of a known credential.
    Shape,
    /// A value under a key whose name says it holds a credential (`password`).
    CredentialKey,
    /// A key name with the shape of a credential.
    KeyName,
    /// A comment holding a credential's shape.
    Comment,
}

/// One secret part of the source, as BC901 reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretItem {
    /// The dotted key path: of the value, or of the key for a key name; empty for a comment.
    pub path: String,
    /// Where it is written: the value (from its opening quote), the key, or the comment.
    pub span: Span,
    /// Why it is secret.
    pub reason: SecretReason,
}

/// The secrets of one source text (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    items: Vec<SecretItem>,
    /// Byte ranges of the source never shown: sorted, not overlapping.
    hidden: Vec<Span>,
    /// Every secret text, folded and lower-cased, with its length in characters.
    texts: Vec<(String, usize)>,
    /// Every run of `window` characters of the texts at least that long.
    windows: HashSet<String>,
    window: usize,
    min_chars: usize,
}

/// What a fingerprint hashes in place of a secret: never shown, the same in every language.
const HASHED_MARKER: &str = "\u{0}secret\u{0}";

impl Secrets {
    /// No secret yet; texts are matched by runs of `window` characters, and a shorter text
    /// down to `min_chars` (both at least 1).
    pub fn new(window: usize, min_chars: usize) -> Self {
        let window = window.max(1);
        Secrets {
            window,
            min_chars: min_chars.clamp(1, window),
            ..Secrets::default()
        }
    }

    /// Records a secret part of the source: reported, and its range never shown.
    pub fn add(&mut self, item: SecretItem) {
        self.hide(item.span.clone());
        let at = self
            .items
            .partition_point(|i| i.span.start <= item.span.start);
        self.items.insert(at, item);
    }

    /// Hides a byte range of the source.
    pub fn hide(&mut self, span: Span) {
        if span.is_empty() {
            return;
        }
        let at = self.hidden.partition_point(|h| h.start <= span.start);
        self.hidden.insert(at, span);
        let mut merged: Vec<Span> = Vec::with_capacity(self.hidden.len());
        for span in self.hidden.drain(..) {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        self.hidden = merged;
    }

    /// Records a secret text, wherever it may be copied to.
    pub fn remember(&mut self, text: &str) {
        let folded = fold(text, true).into_owned();
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        if chars.is_empty() || self.texts.iter().any(|(t, _)| *t == folded) {
            return;
        }
        if chars.len() >= self.window {
            for start in 0..=chars.len() - self.window {
                let from = chars[start].0;
                let to = chars.get(start + self.window).map_or(folded.len(), |c| c.0);
                self.windows.insert(folded[from..to].to_string());
            }
        }
        self.texts.push((folded, chars.len()));
    }

    /// The secret parts of the source, in source order.
    pub fn items(&self) -> &[SecretItem] {
        &self.items
    }

    /// Whether the source holds no secret at all.
    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty() && self.texts.is_empty()
    }

    /// Whether `span` overlaps a hidden range of the source (an empty span never does).
    pub fn hides(&self, span: &Span) -> bool {
        self.hidden_in(span.clone()).next().is_some()
    }

    /// The hidden ranges that overlap `range`.
    pub fn hidden_in(&self, range: Range<usize>) -> impl Iterator<Item = &Span> + '_ {
        let first = self.hidden.partition_point(|h| h.end <= range.start);
        self.hidden[first..]
            .iter()
            .take_while(move |h| h.start < range.end)
    }

    /// Whether a fix would rewrite a secret value, or enter one.
    pub fn touches(&self, fix: &Fix) -> bool {
        self.hides(&fix.span)
            || self.is_secret_text(&fix.replacement)
            || !self.find_in(&fix.replacement).is_empty()
    }

    /// Whether `text` is, folded, exactly one of the secret texts.
    pub fn is_secret_text(&self, text: &str) -> bool {
        if self.texts.is_empty() {
            return false;
        }
        let folded = fold(text, true);
        self.texts.iter().any(|(t, _)| *t == folded)
    }

    /// The byte ranges of `text` where a secret text shows (see the module documentation),
    /// sorted and merged.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        self.find_with(text, self.min_chars)
    }

    fn find_with(&self, text: &str, min_chars: usize) -> Vec<Range<usize>> {
        self.find_where(text, min_chars, |_| true)
    }

    /// The byte ranges of `text` where a secret text shows, of those occurrences whose own
    /// byte range `keep` accepts, sorted and merged.
    fn find_where(
        &self,
        text: &str,
        min_chars: usize,
        keep: impl Fn(&Range<usize>) -> bool,
    ) -> Vec<Range<usize>> {
        if self.texts.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let folded = Folded::new(text);
        let mut found: Vec<Range<usize>> = Vec::new();
        let n = folded.len();
        if !self.windows.is_empty() && n >= self.window {
            for start in 0..=n - self.window {
                if self
                    .windows
                    .contains(folded.slice(start..start + self.window))
                {
                    found.push(start..start + self.window);
                }
            }
        }
        for (secret, chars) in &self.texts {
            if *chars < min_chars || *chars >= self.window {
                continue;
            }
            for (offset, _) in folded.text.match_indices(secret.as_str()) {
                if let Some(start) = folded.char_at(offset) {
                    found.push(start..start + chars);
                }
            }
        }
        found.sort_by_key(|r| r.start);
        let mut ranges: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for chars in found {
            let bytes = folded.origin(chars);
            if !keep(&bytes) {
                continue;
            }
            match ranges.last_mut() {
                Some(last) if bytes.start <= last.end => last.end = last.end.max(bytes.end),
                _ => ranges.push(bytes),
            }
        }
        ranges
    }

    /// `text` with every secret in it replaced by `marker`.
    pub fn redact<'a>(&self, text: &'a str, marker: &str) -> Cow<'a, str> {
        replace(text, &self.find_in(text), marker)
    }

    /// `text` (a template filled in) with every secret replaced by `marker` inside the
    /// `inserted` byte ranges (sorted, not overlapping: what the template was filled with),
    /// also where it shows across the edge of one. The template's own words are bindcheck's,
    /// not the profile's: a secret that happens to spell some of them ("PRIVATE KEY" in a PEM
    /// header) does not blank them.
    pub fn redact_inserted<'a>(
        &self,
        text: &'a str,
        inserted: &[Range<usize>],
        marker: &str,
    ) -> Cow<'a, str> {
        if inserted.is_empty() {
            return Cow::Borrowed(text);
        }
        let overlaps = |found: &Range<usize>| {
            inserted
                .iter()
                .any(|value| value.start < found.end && found.start < value.end)
        };
        let found = self.find_where(text, self.min_chars, overlaps);
        let inside: Vec<Range<usize>> = found
            .iter()
            .flat_map(|found| {
                inserted.iter().filter_map(|value| {
                    let (start, end) = (found.start.max(value.start), found.end.min(value.end));
                    (start < end).then_some(start..end)
                })
            })
            .collect();
        replace(text, &inside, marker)
    }

    /// A key path with every secret replaced by `marker` in the keys the format does not
    /// know. The keys of the format (`lianlian`, `password` of a known table) are bindcheck's
    /// words: a secret that spells one ("LianLian Global") does not blank it.
    pub fn redact_path<'a>(&self, path: &'a str, marker: &str) -> Cow<'a, str> {
        let known = known_prefix(path);
        self.redact_inserted(path, std::slice::from_ref(&(known..path.len())), marker)
    }

    /// [`Secrets::redact`] of an owned text: the same string back when it holds no secret.
    pub fn redact_owned(&self, text: String, marker: &str) -> String {
        match self.redact(&text, marker) {
            Cow::Borrowed(_) => text,
            Cow::Owned(clean) => clean,
        }
    }

    /// What a fingerprint hashes for `text`: every secret replaced by a marker that does not
    /// depend on the language; when `about_secret` (the finding is on a secret), however short
    /// the secret.
    pub fn redact_for_hash<'a>(&self, text: &'a str, about_secret: bool) -> Cow<'a, str> {
        let min_chars = if about_secret { 1 } else { self.min_chars };
        replace(text, &self.find_with(text, min_chars), HASHED_MARKER)
    }

    /// A message argument with no secret in it: one that is a secret, or an identifier that
    /// holds one, becomes [`Arg::Secret`]; a text has the secrets in it replaced by `marker`.
    pub fn redact_arg<'a>(&self, arg: &'a Arg, marker: &str) -> Cow<'a, Arg> {
        match arg {
            Arg::Text(s) | Arg::Ident(s) if self.is_secret_text(s) => Cow::Owned(Arg::Secret),
            Arg::Text(s) => match self.redact(s, marker) {
                Cow::Borrowed(_) => Cow::Borrowed(arg),
                Cow::Owned(clean) => Cow::Owned(Arg::Text(clean)),
            },
            Arg::Ident(s) if matches!(self.redact(s, marker), Cow::Owned(_)) => {
                Cow::Owned(Arg::Secret)
            }
            _ => Cow::Borrowed(arg),
        }
    }

    /// Redacts every string of a JSON value in place, as [`Secrets::redact_arg`] does texts.
    /// `about_secret`: the evidence is about a secret value (it compares one with another
    /// value, say), so a string that is any part of a secret is replaced too: pieces and their
    /// places would spell it out.
    pub fn redact_json(&self, value: &mut Json, marker: &str, about_secret: bool) {
        if self.texts.is_empty() {
            return;
        }
        match value {
            Json::String(s) if self.is_secret_text(s) || (about_secret && self.is_part(s)) => {
                *s = marker.to_string()
            }
            Json::String(s) => {
                if let Cow::Owned(clean) = self.redact(s, marker) {
                    *s = clean;
                }
            }
            Json::Array(items) => items
                .iter_mut()
                .for_each(|v| self.redact_json(v, marker, about_secret)),
            Json::Object(map) => map
                .values_mut()
                .for_each(|v| self.redact_json(v, marker, about_secret)),
            _ => {}
        }
    }

    /// Whether `text` is, folded, a part of a secret text (an empty text is not).
    fn is_part(&self, text: &str) -> bool {
        let folded = fold(text, true);
        !folded.is_empty() && self.texts.iter().any(|(t, _)| t.contains(folded.as_ref()))
    }

    /// The source text (or a part of it starting at byte `offset` of the source) as it may be
    /// shown: every hidden range and every secret text replaced by `marker`, line ends kept so
    /// that line numbers stay right.
    pub fn redact_source<'a>(&self, text: &'a str, offset: usize, marker: &str) -> Cow<'a, str> {
        replace(text, &self.ranges_in_source(text, offset), marker)
    }

    /// The byte ranges of `text` (a part of the source starting at `offset`) not to be shown:
    /// the hidden ranges and where a secret text shows, sorted and merged.
    pub fn ranges_in_source(&self, text: &str, offset: usize) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = self
            .hidden_in(offset..offset + text.len())
            .map(|h| h.start.saturating_sub(offset)..(h.end - offset).min(text.len()))
            .collect();
        ranges.extend(self.find_in(text));
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

/// The length in bytes of the longest start of `path`, ending between two keys, that is a
/// field or table of the format.
fn known_prefix(path: &str) -> usize {
    use crate::profile::schema;
    let known = |prefix: &str| {
        let prefix = schema::without_entry(prefix);
        schema::field(&prefix).is_some()
            || schema::section(&prefix).is_some()
            || schema::deposit_method_path(&prefix).is_some()
    };
    std::iter::once(path.len())
        .chain(path.rmatch_indices('.').map(|(at, _)| at))
        .find(|&end| known(&path[..end]))
        .unwrap_or(0)
}

/// `text` with each of `ranges` (sorted, not overlapping, on character boundaries) replaced by
/// `marker`; a range over several lines becomes one marker per line, so the lines stay.
fn replace<'a>(text: &'a str, ranges: &[Range<usize>], marker: &str) -> Cow<'a, str> {
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(inside)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        for (i, line) in inside.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let (line, cr) = match line.strip_suffix('\r') {
                Some(line) => (line, "\r"),
                None => (line, ""),
            };
            if !line.is_empty() {
                out.push_str(marker);
            }
            out.push_str(cr);
        }
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    fn secrets() -> Secrets {
        let mut secrets = Secrets::new(8, 4);
        secrets.remember(KEY);
        secrets.remember("hunter");
        secrets.remember("ab");
        secrets
    }

    #[test]
    fn a_secret_is_replaced_however_it_is_spelt_or_cut() {
        let s = secrets();
        assert_eq!(s.redact(&format!("key {KEY}."), "‹s›"), "key ‹s›.");
        let disguised = "sk_live_4eC39\u{200B}HqLyjWＤarjtT1zdp7dc";
        assert_eq!(s.redact(disguised, "‹s›"), "‹s›");
        assert_eq!(s.redact("x sk_live_4eC39⟨U+200B⟩HqLy y", "‹s›"), "x ‹s› y");
        // Its last eight characters, or any eight in a row.
        assert_eq!(
            s.redact("…Tzdp7dc and jtT1zdp7dc", "‹s›"),
            "…Tzdp7dc and ‹s›"
        );
        assert_eq!(s.redact("SK_LIVE_4EC39", "‹s›"), "‹s›");
        // Shorter secrets where they occur whole; very short ones only as a whole value.
        assert_eq!(s.redact("the hunter2 x", "‹s›"), "the ‹s›2 x");
        assert_eq!(s.redact("ab cd", "‹s›"), "ab cd");
        assert!(s.is_secret_text("AB"));
        assert!(matches!(s.redact("nothing here", "‹s›"), Cow::Borrowed(_)));
        assert_eq!(s.redact_for_hash("ab cd", true), "\u{0}secret\u{0} cd");
        assert_eq!(s.redact_for_hash("ab cd", false), "ab cd");
    }

    #[test]
    fn bindcheck_words_stay_whole_where_a_secret_spells_them() {
        let mut s = Secrets::new(8, 4);
        s.remember("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----");
        s.remember("LianLian Global");
        let text = "a token or private key; quoted: PRIVATE KEY-----";
        let quoted = text.find("PRIVATE").unwrap()..text.len();
        assert_eq!(
            s.redact_inserted(text, std::slice::from_ref(&quoted), "‹s›"),
            "a token or private key; quoted: ‹s›"
        );
        assert_eq!(s.redact(text, "‹s›"), "a token or‹s›; quoted:‹s›");
        // A value that runs into the template's words is replaced whole.
        let text = "in LianLian Global now";
        assert_eq!(
            s.redact_inserted(text, std::slice::from_ref(&(3..11)), "‹s›"),
            "in ‹s› Global now"
        );
        assert!(matches!(
            s.redact_inserted(text, &[], "‹s›"),
            Cow::Borrowed(_)
        ));
        // Key paths: the format's keys stay, the others are the profile's.
        for (path, shown) in [
            ("lianlian.password", "lianlian.password"),
            ("lianlian.merchant_id", "lianlian.merchant_id"),
            ("seller.LianLian Global", "seller.‹s›"),
            ("LianLian Global.x", "‹s›.x"),
            ("lianlian.LianLian Global", "lianlian.‹s›"),
            (
                "amazon.deposit_methods[1].LianLian Global",
                "amazon.deposit_methods[1].‹s›",
            ),
        ] {
            assert_eq!(s.redact_path(path, "‹s›"), shown);
        }
    }

    #[test]
    fn arguments_and_evidence_never_carry_a_secret() {
        let s = secrets();
        let text = Arg::Text(format!("found {KEY}"));
        assert_eq!(
            s.redact_arg(&text, "‹s›").into_owned(),
            Arg::Text("found ‹s›".into())
        );
        let ident = Arg::Ident(format!("LL{KEY}"));
        assert_eq!(s.redact_arg(&ident, "‹s›").into_owned(), Arg::Secret);
        assert_eq!(
            s.redact_arg(&Arg::Text("ab".into()), "‹s›").into_owned(),
            Arg::Secret
        );
        let plain = Arg::Ident("LL2024".into());
        assert!(matches!(s.redact_arg(&plain, "‹s›"), Cow::Borrowed(_)));
        let mut evidence = serde_json::json!({"a": [KEY, 3, {"b": "ab"}], "c": "fine", "d": "39"});
        s.redact_json(&mut evidence, "‹s›", false);
        assert_eq!(
            evidence,
            serde_json::json!({"a": ["‹s›", 3, {"b": "‹s›"}], "c": "fine", "d": "39"})
        );
        // Evidence about a secret value: no piece of it either.
        s.redact_json(&mut evidence, "‹s›", true);
        assert_eq!(evidence["d"], "‹s›");
        assert_eq!(evidence["c"], "fine");
    }

    #[test]
    fn source_ranges_are_hidden_line_by_line() {
        let text = "a = \"x\"\nb = \"\"\"\nline one\nline two\"\"\"\nc = 1 # hunter\r\n";
        let mut s = Secrets::new(8, 4);
        s.remember("hunter");
        let start = text.find("\"\"\"").unwrap();
        let end = text.find("two\"\"\"").unwrap() + 6;
        s.add(SecretItem {
            path: "b".into(),
            span: start..end,
            reason: SecretReason::CredentialKey,
        });
        assert!(s.hides(&(start + 2..start + 3)));
        assert!(!s.hides(&(0..3)));
        assert!(!s.hides(&(start..start)));
        assert_eq!(
            s.redact_source(text, 0, "‹s›"),
            "a = \"x\"\nb = ‹s›\n‹s›\n‹s›\nc = 1 # ‹s›\r\n"
        );
        let line = "line two\"\"\"";
        let offset = text.find(line).unwrap();
        assert_eq!(s.redact_source(line, offset, "‹s›"), "‹s›");
        assert_eq!(s.items().len(), 1);
    }

    #[test]
    fn hidden_ranges_merge() {
        let mut s = Secrets::new(8, 4);
        s.hide(10..20);
        s.hide(0..5);
        s.hide(15..30);
        s.hide(5..6);
        assert_eq!(s.hidden, vec![0..6, 10..30]);
        assert_eq!(s.hidden_in(6..10).count(), 0);
        assert_eq!(s.hidden_in(0..11).count(), 2);
    }
}
