//! Which parts of a profile's source hold a credential, decided once when it is loaded.
//!
//! Every key and value of the parsed file is visited, known or not, of any type, including
//! those the loader drops (an unknown key, a value of the wrong type), and every comment:
//!
//! - a value of a field the format declares a credential, of any type (`lianlian.api_key`);
//! - a string with the shape of a known credential (`value_pattern`), anywhere, also inside
//!   free text;
//! - every value below an unknown key whose name says it holds a credential (`key_pattern`):
//!   a string, a number, an array or an inline table;
//! - a key name with a credential's shape (a key pasted as a key, a table or a suppression);
//! - a comment holding a credential's shape.
//!
//! Keys, shapes and comments are matched after folding ([`crate::unicode::fold`]), so neither a
//! zero-width space inside a key nor a key name in full-width letters escapes. The result is a
//! [`Secrets`] kept with the source text, which BC901 reports and every output consults.

use super::schema::{self, FieldClass};
use crate::redact::{SecretItem, SecretReason, Secrets};
use crate::rulepack::{PolicyError, RulePack};
use crate::source::Span;
use crate::unicode::{fold, fold_lines};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The rulepack's description of a credential (BC901's parameters). The patterns are compiled
/// on first use, as most profiles hold nothing that needs them.
#[derive(Clone)]
pub struct SecretPolicy<'p> {
    pack: &'p RulePack,
    hints: &'p aho_corasick::AhoCorasick,
    window: usize,
    min_chars: usize,
}

const CODE: &str = "BC901";

impl<'p> SecretPolicy<'p> {
    /// The policy of `pack`; an error when its BC901 parameters are missing or unusable.
    pub fn new(pack: &'p RulePack) -> Result<Self, PolicyError> {
        let count = |key: &str| -> Result<usize, PolicyError> {
            let n = pack.param_integer(CODE, key)?;
            usize::try_from(n)
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| PolicyError {
                    origin: "in use".into(),
                    problem: format!("rules.{CODE}.params.{key} must be a positive integer"),
                })
        };
        Ok(SecretPolicy {
            pack,
            hints: pack.param_literals(CODE, "value_hints")?,
            window: count("redact_window")?,
            min_chars: count("redact_min_chars")?,
        })
    }

    /// No secret found yet, matched as this policy says.
    pub fn empty(&self) -> Secrets {
        Secrets::new(self.window, self.min_chars)
    }

    /// Where credentials show in `folded` (a folded text). The pattern runs only on a text
    /// holding one of its literal hints. Should the pattern be unusable, a hinted text is
    /// taken as a credential whole: a doubt never prints one.
    pub fn shapes(&self, folded: &str) -> Vec<Range<usize>> {
        if !self.hints.is_match(folded) {
            return Vec::new();
        }
        match self.pack.param_regex(CODE, "value_pattern") {
            Ok(pattern) => pattern.find_iter(folded).map(|m| m.range()).collect(),
            Err(_) => std::iter::once(0..folded.len()).collect(),
        }
    }

    /// Whether a whole text holds one of the hints; when that cannot be told, that it may.
    fn hinted(&self, text: &str) -> bool {
        self.pack
            .holds_literal(CODE, "value_hints", text)
            .unwrap_or(true)
    }

    /// Remembers in `secrets` every credential shown in `text` (a `--symptom`, say); whether
    /// there was one.
    pub fn remember_shapes(&self, text: &str, secrets: &mut Secrets) -> bool {
        let folded = fold(text, false);
        let shapes = self.shapes(&folded);
        for shape in &shapes {
            secrets.remember(folded.get(shape.clone()).unwrap_or_default());
        }
        !shapes.is_empty()
    }

    /// Whether a key name (folded) says the key holds a credential; when the pattern is
    /// unusable, every unknown key is taken to.
    fn names_credential(&self, folded: &str) -> bool {
        self.pack
            .param_regex(CODE, "key_pattern")
            .ok()
            .is_none_or(|pattern| pattern.is_match(folded))
    }
}

/// The built-in rulepack's policy, for tests that load profiles.
#[cfg(test)]
pub fn test_policy() -> SecretPolicy<'static> {
    static PACK: std::sync::OnceLock<RulePack> = std::sync::OnceLock::new();
    let pack = PACK.get_or_init(|| RulePack::builtin().expect("the built-in rulepack loads"));
    SecretPolicy::new(pack).expect("the built-in rulepack describes credentials")
}

/// The secrets of `text`, whose part from byte `base` on parsed as `root`.
pub fn find(text: &str, base: usize, root: &DeTable<'_>, policy: &SecretPolicy<'_>) -> Secrets {
    let body = text.get(base..).unwrap_or_default();
    // Folding is done character by character, so a string, key or comment written without an
    // escape folds to a part of the folded file: when the file holds no hint, none of them
    // holds a credential's shape, and most files are ruled out by one search. Only a
    // multi-line string has a line end inside a value; without one, line ends are kept, and
    // the folded file is the file itself for most files.
    let has = |needle: &str| memchr::memmem::find(body.as_bytes(), needle.as_bytes()).is_some();
    let multi_line = has("\"\"\"") || has("'''");
    let folded = if multi_line {
        fold(body, false)
    } else {
        fold_lines(body)
    };
    let shapes = memchr::memchr(b'\\', body.as_bytes()).is_some() || policy.hinted(&folded);
    let mut finder = Finder {
        text,
        base,
        policy,
        shapes,
        path: Path::default(),
        secrets: policy.empty(),
    };
    finder.table(root, Territory::Known, None);
    if shapes {
        for comment in comments(body) {
            let span = comment.start + base..comment.end + base;
            let written = text.get(span.clone()).unwrap_or_default();
            finder.shaped("", span, written, SecretReason::Comment);
        }
    }
    finder.secrets
}

/// Whether the keys of a table are the format's own (or some of them may be), or all unknown:
/// below an unknown key, or inside a field's value (a field has no keys of its own).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Territory {
    Known,
    Unknown,
}

/// What the format knows of a key path: a field and its class, or a section.
fn known(path: &str) -> Option<Option<FieldClass>> {
    // Looked up for every key of every profile: a fast hash, as the keys are the format's own.
    static INDEX: std::sync::OnceLock<foldhash::HashMap<&'static str, Option<FieldClass>>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            schema::FIELDS
                .iter()
                .map(|f| (f.path, Some(f.class)))
                .chain(schema::SECTIONS.iter().map(|s| (s.path, None)))
                .chain([("format", None)])
                .collect()
        })
        .get(path)
        .copied()
}

/// The key path being walked, as the schema names it (one buffer, extended and cut back as
/// the walk goes), and the index of the `[[amazon.deposit_methods]]` entry it is in, with
/// which findings name it.
#[derive(Default)]
struct Path {
    schema: String,
    entry: Option<usize>,
}

impl Path {
    /// Extends the path by `name`; returns the length to cut it back to.
    fn enter(&mut self, name: &str) -> usize {
        let len = self.schema.len();
        if len > 0 {
            self.schema.push('.');
        }
        self.schema.push_str(name);
        len
    }

    /// The path as findings name it.
    fn reported(&self) -> String {
        match self.entry {
            Some(entry) => schema::entry_path(&self.schema, entry),
            None => self.schema.clone(),
        }
    }
}

struct Finder<'a> {
    text: &'a str,
    base: usize,
    policy: &'a SecretPolicy<'a>,
    /// Whether a credential's shape can be anywhere in the file (see [`find`]).
    shapes: bool,
    path: Path,
    secrets: Secrets,
}

impl Finder<'_> {
    fn span(&self, span: Span) -> Span {
        span.start + self.base..span.end + self.base
    }

    fn written(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or_default()
    }

    /// `inherited`: an enclosing key already made everything below it secret, for this reason.
    fn table(
        &mut self,
        table: &DeTable<'_>,
        territory: Territory,
        inherited: Option<SecretReason>,
    ) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let cut = self.path.enter(name);
            let known = match territory {
                Territory::Known => known(&self.path.schema),
                Territory::Unknown => None,
            };
            if known.is_none() && self.shapes {
                let span = self.span(key.span());
                self.shaped(&self.path.reported(), span, name, SecretReason::KeyName);
            }
            let reason = inherited.or_else(|| match known {
                Some(Some(FieldClass::Secret)) => Some(SecretReason::Declared),
                None if self.policy.names_credential(&fold(name, false)) => {
                    Some(SecretReason::CredentialKey)
                }
                _ => None,
            });
            // Only a section has keys of the format inside it.
            let inside = match known {
                Some(None) => Territory::Known,
                _ => Territory::Unknown,
            };
            self.value(value, inside, reason);
            self.path.schema.truncate(cut);
        }
    }

    fn value(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        territory: Territory,
        reason: Option<SecretReason>,
    ) {
        let span = self.span(value.span());
        let inline = self.inline(value);
        match (value.get_ref(), reason) {
            (DeValue::String(s), _) if s.is_empty() => {}
            (DeValue::String(s), None) => {
                self.shaped_value(span, s);
            }
            // The most specific reason first: a declared credential, then a credential's
            // shape, then the key's name.
            (DeValue::String(s), Some(SecretReason::Declared)) => {
                self.whole(span, SecretReason::Declared, s);
            }
            (DeValue::String(s), Some(reason)) => {
                if !self.shaped_value(span.clone(), s) {
                    self.whole(span, reason, s);
                }
            }
            (DeValue::Table(t), Some(reason)) if inline => {
                if !t.is_empty() {
                    self.whole(span, reason, "");
                    self.remember_leaves(value.get_ref());
                }
            }
            (DeValue::Table(t), reason) => self.table(t, territory, reason),
            (DeValue::Array(items), Some(reason)) if inline => {
                if !items.is_empty() {
                    self.whole(span, reason, "");
                    self.remember_leaves(value.get_ref());
                }
            }
            (DeValue::Array(items), reason) => {
                let entries = self.path.schema == schema::DEPOSIT_METHODS;
                let outer = self.path.entry;
                for (index, item) in items.iter().enumerate() {
                    if entries && matches!(item.get_ref(), DeValue::Table(_)) {
                        self.path.entry = Some(index);
                    }
                    self.value(item, territory, reason);
                    self.path.entry = outer;
                }
            }
            (DeValue::Boolean(_), _) | (_, None) => {}
            (_, Some(reason)) => {
                let written = self.written(&span).to_string();
                self.whole(span, reason, &written);
            }
        }
    }

    /// Whether a value's span is its content: a table written `{…}` or an array written
    /// `[…]`, not a header (`[x]`, `[[x]]`), whose span is the header.
    fn inline(&self, value: &Spanned<DeValue<'_>>) -> bool {
        match value.get_ref() {
            DeValue::Table(_) => self.written(&self.span(value.span())).starts_with('{'),
            DeValue::Array(items) => !items.iter().next().is_some_and(|first| {
                matches!(first.get_ref(), DeValue::Table(_))
                    && self.written(&self.span(first.span())).starts_with("[[")
            }),
            _ => true,
        }
    }

    /// A whole value is secret; `text`, when not empty, is the secret text it holds.
    fn whole(&mut self, span: Span, reason: SecretReason, text: &str) {
        if !text.is_empty() {
            self.secrets.remember(text);
        }
        self.secrets.add(SecretItem {
            path: self.path.reported(),
            span,
            reason,
        });
    }

    /// A string value with a credential's shape in it is secret; whether it had one.
    fn shaped_value(&mut self, span: Span, value: &str) -> bool {
        if !self.shapes {
            return false;
        }
        let shaped = self.policy.remember_shapes(value, &mut self.secrets);
        if shaped {
            self.secrets.add(SecretItem {
                path: self.path.reported(),
                span,
                reason: SecretReason::Shape,
            });
        }
        shaped
    }

    /// A key name or comment written at `span`, reading `text` (a key decoded from its quotes
    /// and escapes), with a credential's shape in it is secret.
    fn shaped(&mut self, path: &str, span: Span, text: &str, reason: SecretReason) {
        if self.policy.remember_shapes(text, &mut self.secrets) {
            self.secrets.add(SecretItem {
                path: path.to_string(),
                span,
                reason,
            });
        }
    }

    /// Remembers every string and number inside a secret array or inline table.
    fn remember_leaves(&mut self, value: &DeValue<'_>) {
        match value {
            DeValue::String(s) => self.secrets.remember(s),
            DeValue::Integer(i) => self.secrets.remember(i.as_str()),
            DeValue::Float(f) => self.secrets.remember(f.as_str()),
            DeValue::Array(items) => items
                .iter()
                .for_each(|item| self.remember_leaves(item.get_ref())),
            DeValue::Table(table) => table
                .iter()
                .for_each(|(_, v)| self.remember_leaves(v.get_ref())),
            DeValue::Boolean(_) | DeValue::Datetime(_) => {}
        }
    }
}

/// The byte ranges of the comments of a TOML text that parsed, each from its `#` to the end of
/// its line. A `#` inside a string or a quoted key is not a comment: strings are skipped by
/// their quotes (the text is known to be valid TOML).
fn comments(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    if memchr::memchr(b'#', bytes).is_none() {
        return found;
    }
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'#' => {
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                let end = if end > at && bytes[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
                found.push(at..end);
                at = end;
            }
            b'"' | b'\'' => at = string_end(bytes, at),
            _ => at += 1,
        }
    }
    found
}

/// Where the string starting with the quote at `start` ends (just past its closing quote).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let basic = quote == b'"';
    let triple = bytes.get(start..start + 3) == Some(&[quote; 3][..]);
    let mut at = start + if triple { 3 } else { 1 };
    while let Some(&byte) = bytes.get(at) {
        if basic && byte == b'\\' {
            at += 2;
        } else if byte == quote && (!triple || bytes.get(at..at + 3) == Some(&[quote; 3][..])) {
            // A multi-line string may end with up to two quotes of its own before its closing
            // three: the whole run of quotes ends it.
            while triple && bytes.get(at) == Some(&quote) {
                at += 1;
            }
            return if triple { at } else { at + 1 };
        } else if byte == b'\n' && !triple {
            return at;
        } else {
            at += 1;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets_of(text: &str) -> Secrets {
        let root = DeTable::parse(text).unwrap();
        find(text, 0, root.get_ref(), &test_policy())
    }

    fn found(text: &str) -> Vec<(String, String, SecretReason)> {
        secrets_of(text)
            .items()
            .iter()
            .map(|i| (i.path.clone(), text[i.span.clone()].to_string(), i.reason))
            .collect()
    }

    const KEY: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    #[test]
    fn values_of_any_type_under_a_credential_key() {
        use SecretReason::*;
        let text = "format = 1\n[lianlian]\napi_key = [\"abc\"]\n[amazon]\nmws_auth_token = 86753090042\n\
                    [ozon]\napi_key = {v = \"xyz\"}\n[x]\npassword = true\ntoken = \"\"\n";
        assert_eq!(
            found(text),
            vec![
                ("lianlian.api_key".into(), "[\"abc\"]".into(), Declared),
                (
                    "amazon.mws_auth_token".into(),
                    "86753090042".into(),
                    Declared
                ),
                ("ozon.api_key".into(), "{v = \"xyz\"}".into(), Declared),
            ]
        );
        assert!(secrets_of(text).is_secret_text("86753090042"));
        assert!(secrets_of(text).is_secret_text("xyz"));
    }

    #[test]
    fn disguised_key_names_and_values_are_recognised() {
        use SecretReason::*;
        let text = format!(
            "format = 1\n[seller]\n\"pass\\u200Bword\" = \"hunter2\"\n\"ｐａｓｓｗｏｒｄ\" = \"x1\"\n\
             [lianlian]\nozon_channel = \"sk_live_4eC39\\u200BHqLyjWDarjtT1zdp7dc\"\n\
             [incident]\nerror_message = \"failed: {KEY} (retry)\"\n"
        );
        let items = found(&text);
        assert_eq!(
            items
                .iter()
                .map(|i| (i.0.as_str(), i.2))
                .collect::<Vec<_>>(),
            vec![
                ("seller.pass\u{200B}word", CredentialKey),
                ("seller.ｐａｓｓｗｏｒｄ", CredentialKey),
                ("lianlian.ozon_channel", Shape),
                ("incident.error_message", Shape),
            ]
        );
        let secrets = secrets_of(&text);
        // Only the credential of a free text is a secret text, not the words around it.
        assert!(secrets.is_secret_text(KEY));
        assert!(!secrets.is_secret_text("failed: "));
        assert_eq!(
            secrets.redact("failed: x (retry)", "‹s›"),
            "failed: x (retry)"
        );
    }

    #[test]
    fn key_names_headers_and_comments_with_a_credential_shape() {
        use SecretReason::*;
        let text = format!(
            "format = 1 # {KEY}\n[lianlian.{KEY}]\nx = 1\n\"sk_live_4eC39\\u200BHqLyjWDarjtT1zdp7dd\" = 2\n\
             [[bindcheck.ignore]]\ncode = \"{KEY}\"\n\
             reason = \"# not a comment {KEY}\"\n[seller]\nlegal_name = \"a # b\" # plain\n"
        );
        let items = found(&text);
        let reasons: Vec<(&str, SecretReason)> =
            items.iter().map(|i| (i.0.as_str(), i.2)).collect();
        assert_eq!(
            reasons,
            vec![
                ("", Comment),
                (format!("lianlian.{KEY}").as_str(), KeyName),
                (
                    format!("lianlian.{KEY}.sk_live_4eC39\u{200B}HqLyjWDarjtT1zdp7dd").as_str(),
                    KeyName,
                ),
                ("bindcheck.ignore.code", Shape),
                ("bindcheck.ignore.reason", Shape),
            ]
        );
        assert_eq!(items[0].1, format!("# {KEY}"));
        assert_eq!(items[1].1, KEY);
    }

    /// One search of the file rules most files out; a credential split by a line end inside a
    /// multi-line string, or spelt with an escape, is still found.
    #[test]
    fn the_file_wide_search_misses_nothing() {
        for text in [
            "format = 1\nx = \"\"\"sk_li\nve_4eC39HqLyjWDarjtT1zdp7dc\"\"\"\n",
            "format = 1\nx = \"\\u0073k_live_4eC39HqLyjWDarjtT1zdp7dc\"\n",
            "format = 1\nx = 1 # sk_live\t_4eC39HqLyjWDarjtT1zdp7dc\n",
            "format = 1\nx = \"ｓｋ_live_4eC39HqLyjWDarjtT1zdp7dc\"\n",
        ] {
            assert_eq!(secrets_of(text).items().len(), 1, "{text}");
        }
        assert!(
            secrets_of("format = 1\n# sk_live_ short\nx = \"深圳\"\n")
                .items()
                .is_empty()
        );
    }

    /// A private key's body is the secret, not only its first line.
    #[test]
    fn a_private_key_is_secret_with_its_body() {
        let text = "format = 1\n[incident]\nerror_message = \"\"\"\n-----BEGIN RSA PRIVATE KEY-----\n\
                    MIIEowIBAAKCAQEAx1y2z3\nw4v5u6t7s8r9q0p1o2\n-----END RSA PRIVATE KEY-----\n\"\"\"\n";
        let secrets = secrets_of(text);
        assert_eq!(secrets.items().len(), 1);
        assert_eq!(
            secrets.redact("body w4v5u6t7s8r9q0p1o2 and MIIEowIBAAKCAQEAx1y2z3", "‹s›"),
            "body ‹s› and ‹s›"
        );
    }

    #[test]
    fn a_header_under_a_credential_key_hides_each_value_not_the_header() {
        let text = "format = 1\n[x.secrets]\na = \"one\"\nb = 2\n[[x.tokens]]\nc = \"three\"\n";
        let items = found(text);
        let values: Vec<&str> = items.iter().map(|i| i.1.as_str()).collect();
        assert_eq!(values, ["\"one\"", "2", "\"three\""]);
    }

    #[test]
    fn comments_are_found_outside_strings_only() {
        let text = "a = \"x # y\" # one\nb = '''\n# in\n''' #two\r\nc = \"\"\"q\"\"\"\"\" # three\n\"k#\" = 1\n";
        let shown: Vec<&str> = comments(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(shown, ["# one", "#two", "# three"]);
        assert!(comments("a = 1\n").is_empty());
    }
}
