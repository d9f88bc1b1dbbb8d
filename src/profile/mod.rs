//! A seller's profile: typed values with the spans they were read from.
//!
//! [`load`] turns source text into a [`Profile`] plus the loading findings (BC002–BC004 are
//! produced later from what it records). Rules read fields by their dotted path through the
//! typed accessors; a path not in [`schema::FIELDS`] is a programming error caught in tests.

pub mod json_schema;
pub mod load;
pub mod money;
pub mod schema;

use crate::source::{SourceFile, Span, string_char_offsets};
pub use load::{LoadError, LoadErrorKind, LoadIssue, load};
pub use money::Money;
use schema::FieldSpec;

/// A typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Free text, a name, an identifier or an enum value (already checked against its list).
    Text(String),
    Integer(i64),
    Boolean(bool),
    Date(jiff::civil::Date),
    /// An offset date-time, kept as written (RFC 3339).
    DateTime(String),
    Money(Money),
    List(Vec<ListItem>),
}

/// One element of an array of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub text: String,
    pub span: Span,
}

/// A field that was present and well-typed.
#[derive(Debug, Clone)]
pub struct Field {
    pub spec: &'static FieldSpec,
    /// The span of the key (the last segment of its path as written).
    pub key_span: Span,
    /// The span of the value, from its opening quote.
    pub span: Span,
    pub value: Value,
}

impl Field {
    pub fn path(&self) -> &'static str {
        self.spec.path
    }

    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// A section (table) that was present in the file.
#[derive(Debug, Clone)]
pub struct Section {
    pub path: &'static str,
    /// The span of its header or of its first key.
    pub span: Span,
}

/// One `[[bindcheck.ignore]]` entry.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// A rule code, name or code prefix as written.
    pub code: Option<String>,
    /// Only suppress findings at this field path.
    pub field: Option<String>,
    pub reason: Option<String>,
    pub span: Span,
}

/// A loaded profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub source: SourceFile,
    pub fields: Vec<Field>,
    pub sections: Vec<Section>,
    pub suppressions: Vec<Suppression>,
    /// The loader dropped something (an unknown key, a value of the wrong type): rules that
    /// must see every value of the file (BC901) then read the raw table.
    pub has_load_issues: bool,
}

impl Profile {
    /// The field at `path`, if present and well-typed.
    pub fn field(&self, path: &str) -> Option<&Field> {
        debug_assert!(schema::field(path).is_some(), "unknown field path {path}");
        self.fields.iter().find(|f| f.spec.path == path)
    }

    /// A text or enum field's value.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.field(path).and_then(Field::text)
    }

    pub fn money(&self, path: &str) -> Option<&Money> {
        match &self.field(path)?.value {
            Value::Money(m) => Some(m),
            _ => None,
        }
    }

    pub fn date(&self, path: &str) -> Option<jiff::civil::Date> {
        match self.field(path)?.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn integer(&self, path: &str) -> Option<i64> {
        match self.field(path)?.value {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    pub fn boolean(&self, path: &str) -> Option<bool> {
        match self.field(path)?.value {
            Value::Boolean(b) => Some(b),
            _ => None,
        }
    }

    pub fn list(&self, path: &str) -> Option<&[ListItem]> {
        match &self.field(path)?.value {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// Whether the table at `path` is present (an empty table counts).
    pub fn has_section(&self, path: &str) -> bool {
        debug_assert!(schema::section(path).is_some(), "unknown section {path}");
        self.sections.iter().any(|s| s.path == path)
    }

    pub fn section(&self, path: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.path == path)
    }

    /// The seller's country of registration (SPEC §1: default CN).
    pub fn seller_country(&self) -> &str {
        self.text("seller.country").unwrap_or("CN")
    }

    /// The span of the `index`-th character (0-based, in chars) of a text field's value, as
    /// written in the source: an escape maps to its backslash. Falls back to the value's span
    /// start when the character cannot be located.
    pub fn char_span(&self, field: &Field, index: usize) -> Span {
        let offsets = string_char_offsets(&self.source.text, &field.span);
        match offsets.as_deref().and_then(|o| o.get(index)) {
            Some(&start) => {
                let len = self.source.text[start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                start..start + len
            }
            None => field.span.start..field.span.start + 1,
        }
    }
}
