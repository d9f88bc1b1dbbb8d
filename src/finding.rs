//! A finding: one cause the rules found, language-neutral.
//!
//! A finding holds a byte span into the profile's source and named arguments; the message is
//! rendered later, in the chosen language, from the rulepack's template. Arguments say what
//! kind of value they carry so the report stage can mask identifiers and never print secrets.

use crate::source::Span;
use serde_json::{Map, Value as Json};

/// A value that fills a `{placeholder}` of a message or remediation step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as is (escaped): names, addresses, codes, counts.
    Text(String),
    /// An identifier (Merchant ID, IBAN, account number): masked unless `--show-values`.
    Ident(String),
    /// A credential: never shown.
    Secret,
    /// Words each language says its own way ("a string", "字符串").
    Term(Term),
    /// A character, named in the reader's language where a name is known: "U+200B ZERO WIDTH
    /// SPACE", "U+200B 零宽空格".
    Char(char),
}

/// The type of a TOML value, as a message names it ("found a string").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    String,
    Integer,
    Float,
    Boolean,
    Date,
    DateTime,
    Array,
    Table,
    /// `[[...]]`.
    ArrayOfTables,
}

/// A language-neutral phrase of a message; the report words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// "a string", "an integer", …
    Type(ValueType),
    /// What the field at this path takes: "an integer from 0 to 3"; for an enum, its allowed
    /// values with their meanings.
    Form(&'static str),
    /// A value of the enum field at `path` (`ozon_global_pay`): said by what it means
    /// ("Ozon Global Pay", "Ozon Global Pay（Ozon 全球支付）") wherever a reader needs words.
    Choice { path: &'static str, value: String },
    /// Items listed in a sentence: "CNY, USD" in English, "CNY、USD" in Chinese.
    List(Vec<String>),
    /// Why a file could not be read; `text` is the system's own (English) wording.
    Io {
        kind: std::io::ErrorKind,
        text: String,
    },
}

/// Whether `--fix` may apply a fix without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Meaning-preserving: strip invisible characters, fold compatibility forms, trim.
    Safe,
    /// A guess (a look-alike replacement): shown, applied only on request.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A replacement for a whole string value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// The span of the value to replace (from its opening quote).
    pub span: Span,
    /// The new value (decoded text, not TOML source).
    pub replacement: String,
    /// The replacement is an identifier: masked in output unless `--show-values`.
    pub identifier: bool,
}

/// Another place that takes part in the finding (the value it was compared with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub field: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    /// Picks the message template, remediation and severity variant in the rulepack.
    pub variant: &'static str,
    /// Dotted key path.
    pub field: String,
    pub span: Span,
    pub related: Vec<Related>,
    pub args: Vec<(&'static str, Arg)>,
    /// Machine-readable detail (positions, kinds, code points); never a raw identifier.
    pub evidence: Map<String, Json>,
    pub fix: Option<Fix>,
    /// What the fingerprint is derived from besides code and path (hashed, never printed).
    pub fingerprint_value: String,
}

impl Finding {
    pub fn new(code: &'static str, field: impl Into<String>, span: Span) -> Self {
        Finding {
            code,
            variant: "default",
            field: field.into(),
            span,
            related: Vec::new(),
            args: Vec::new(),
            evidence: Map::new(),
            fix: None,
            fingerprint_value: String::new(),
        }
    }

    /// A finding about a whole field value, pointing at its opening quote.
    pub fn at(code: &'static str, field: &crate::profile::Field) -> Self {
        let mut finding = Finding::new(code, field.path(), field.span.clone());
        finding.fingerprint_value = match &field.value {
            crate::profile::Value::Text(s) => s.clone(),
            other => format!("{other:?}"),
        };
        finding
    }

    pub fn variant(mut self, variant: &'static str) -> Self {
        self.variant = variant;
        self
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn ident(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Ident(value.into())));
        self
    }

    pub fn term(mut self, name: &'static str, term: Term) -> Self {
        self.args.push((name, Arg::Term(term)));
        self
    }

    /// A value of the enum field at `path` ([`Term::Choice`]).
    pub fn choice(
        mut self,
        name: &'static str,
        path: &'static str,
        value: impl Into<String>,
    ) -> Self {
        self.args.push((
            name,
            Arg::Term(Term::Choice {
                path,
                value: value.into(),
            }),
        ));
        self
    }

    /// Items to list in a sentence ([`Term::List`]).
    pub fn list<S: AsRef<str>>(mut self, name: &'static str, items: &[S]) -> Self {
        let items = items.iter().map(|s| s.as_ref().to_string()).collect();
        self.args.push((name, Arg::Term(Term::List(items))));
        self
    }

    pub fn character(mut self, name: &'static str, ch: char) -> Self {
        self.args.push((name, Arg::Char(ch)));
        self
    }

    pub fn secret(mut self, name: &'static str) -> Self {
        self.args.push((name, Arg::Secret));
        self
    }

    pub fn related(mut self, field: &crate::profile::Field) -> Self {
        self.related.push(Related {
            field: field.path().to_string(),
            span: field.span.clone(),
        });
        self
    }

    pub fn evidence(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.evidence.insert(key.to_string(), value.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn fingerprint_value(mut self, value: impl Into<String>) -> Self {
        self.fingerprint_value = value.into();
        self
    }
}
