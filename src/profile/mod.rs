//! A seller's profile: typed values with the spans they were read from.
//!
//! [`load`] turns source text into a [`Profile`] plus the loading findings (BC002–BC004 are
//! produced later from what it records). Rules read fields by their dotted path through the
//! typed accessors; a path not in [`schema::FIELDS`] is a programming error caught in tests.

pub mod credentials;
mod duplicate;
pub mod flow;
pub mod json_schema;
pub mod load;
pub mod money;
pub mod schema;
mod toml10;
pub mod values;

use crate::source::{SourceFile, Span, string_char_offsets};
pub use credentials::SecretPolicy;
pub use flow::{Flow, Flows};
pub use load::{LoadError, LoadErrorKind, LoadIssue, load};
pub use money::Money;
use schema::FieldSpec;
use std::borrow::Cow;

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
    /// For a field of an entry of `[[amazon.deposit_methods]]`: the entry's 0-based index.
    pub entry: Option<usize>,
    /// The span of the key (the last segment of its path as written).
    pub key_span: Span,
    /// The span of the value, from its opening quote.
    pub span: Span,
    pub value: Value,
}

impl Field {
    /// The dotted path findings name: the schema's path, or for a field of an array entry
    /// the path with the entry's index (`amazon.deposit_methods[1].provider`).
    pub fn path(&self) -> Cow<'static, str> {
        match self.entry {
            None => Cow::Borrowed(self.spec.path),
            Some(entry) => Cow::Owned(schema::entry_path(self.spec.path, entry)),
        }
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
    /// For an entry of an array of tables that holds fields: the entry's 0-based index.
    pub entry: Option<usize>,
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
    /// For each field of the format (by its position in `schema::FIELDS`), the index in
    /// `fields` of its value outside arrays of tables, or [`ABSENT`].
    top_level: Vec<u32>,
    /// (entry, position in `schema::FIELDS`, index in `fields`) of the fields of array-of-tables
    /// entries, sorted: a lookup is a bisection, so a profile with a thousand deposit methods
    /// is not read field by field for each of them.
    in_entries: Vec<(usize, usize, u32)>,
}

/// No value for that field in [`Profile::top_level`].
const ABSENT: u32 = u32::MAX;

impl Profile {
    /// A profile of `fields` (in source order) and the rest.
    pub(crate) fn new(
        source: SourceFile,
        fields: Vec<Field>,
        sections: Vec<Section>,
        suppressions: Vec<Suppression>,
    ) -> Self {
        let mut top_level = vec![ABSENT; schema::FIELDS.len()];
        let mut in_entries = Vec::new();
        for (i, field) in fields.iter().enumerate() {
            let Some(at) = schema::field_index(field.spec.path) else {
                continue;
            };
            match field.entry {
                None => top_level[at] = i as u32,
                Some(entry) => in_entries.push((entry, at, i as u32)),
            }
        }
        in_entries.sort_unstable();
        Profile {
            source,
            fields,
            sections,
            suppressions,
            top_level,
            in_entries,
        }
    }

    /// The field of `entry` (`None`: outside arrays of tables) at schema path `path`.
    fn field_of(&self, entry: Option<usize>, path: &str) -> Option<&Field> {
        let at = schema::field_index(path)?;
        let index = match entry {
            None => *self.top_level.get(at)?,
            Some(entry) => {
                let found = self
                    .in_entries
                    .binary_search_by(|&(e, a, _)| (e, a).cmp(&(entry, at)))
                    .ok()?;
                self.in_entries.get(found)?.2
            }
        };
        self.fields.get(index as usize)
    }

    /// The field at `path`, if present and well-typed. Fields of `[[amazon.deposit_methods]]`
    /// entries are read through [`Profile::deposit_methods`].
    pub fn field(&self, path: &str) -> Option<&Field> {
        debug_assert!(schema::field(path).is_some(), "unknown field path {path}");
        reads::record(path);
        self.field_of(None, path)
    }

    /// The fields of the given classes, for checks that look at every field of a kind (the
    /// character scan, the credential search).
    pub fn fields_of_class<'a>(
        &'a self,
        classes: &'a [schema::FieldClass],
    ) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields
            .iter()
            .filter(|f| classes.contains(&f.spec.class))
            .inspect(|f| reads::record(f.spec.path))
    }

    /// Every deposit method the profile describes: `[amazon.deposit_method]`, then each entry of
    /// `[[amazon.deposit_methods]]` in file order.
    pub fn deposit_methods(&self) -> impl Iterator<Item = DepositMethod<'_>> {
        self.sections
            .iter()
            .filter(|s| {
                (s.path == schema::DEPOSIT_METHOD && s.entry.is_none())
                    || (s.path == schema::DEPOSIT_METHODS && s.entry.is_some())
            })
            .map(|section| DepositMethod {
                profile: self,
                section,
            })
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

    /// The seller's country of registration (`docs/profile.md`: default CN).
    pub fn seller_country(&self) -> &str {
        self.text("seller.country").unwrap_or("CN")
    }

    /// The span of the `index`-th character (0-based, in chars) of a text field's value, as
    /// written in the source: an escape maps to its backslash. Falls back to the value's span
    /// start when the character cannot be located.
    pub fn char_span(&self, field: &Field, index: usize) -> Span {
        self.char_starts(field).span(index)
    }

    /// Where each character of a text field's value is written in the source, decoded once
    /// for rules that locate many characters of one value.
    pub fn char_starts<'a>(&'a self, field: &'a Field) -> CharStarts<'a> {
        CharStarts {
            text: &self.source.text,
            field,
            offsets: string_char_offsets(&self.source.text, &field.span),
        }
    }
}

/// One Amazon deposit method: `[amazon.deposit_method]` or one entry of
/// `[[amazon.deposit_methods]]`. Its fields are named by their `amazon.deposit_method.` path
/// whichever table holds them, so a rule reads every deposit method the same way.
#[derive(Debug, Clone, Copy)]
pub struct DepositMethod<'a> {
    profile: &'a Profile,
    /// The table (or array entry) it was read from.
    pub section: &'a Section,
}

impl<'a> DepositMethod<'a> {
    /// The 0-based index of its `[[amazon.deposit_methods]]` entry; `None` for the single table.
    pub fn entry(&self) -> Option<usize> {
        self.section.entry
    }

    /// Its field at `path`, an `amazon.deposit_method.` path (`amazon.deposit_method.provider`).
    pub fn field(&self, path: &str) -> Option<&'a Field> {
        debug_assert!(
            path.starts_with(schema::DEPOSIT_METHOD) && schema::field(path).is_some(),
            "not a deposit method field: {path}"
        );
        reads::record(path);
        let wanted = self.schema_path(path);
        self.profile.field_of(self.section.entry, &wanted)
    }

    /// The schema path of its field at `path` (an `amazon.deposit_method.` path): the same for
    /// the single table, `amazon.deposit_methods.…` for an entry.
    fn schema_path<'p>(&self, path: &'p str) -> Cow<'p, str> {
        match self.section.entry {
            None => Cow::Borrowed(path),
            Some(_) => Cow::Owned(format!(
                "{}{}",
                schema::DEPOSIT_METHODS,
                path.get(schema::DEPOSIT_METHOD.len()..).unwrap_or_default()
            )),
        }
    }

    /// How findings name its field at `path` (an `amazon.deposit_method.` path), present or
    /// not: `amazon.deposit_methods[1].routing_number` for a field of an entry.
    pub fn field_path(&self, path: &str) -> String {
        match self.section.entry {
            None => path.to_string(),
            Some(entry) => schema::entry_path(&self.schema_path(path), entry),
        }
    }

    pub fn text(&self, path: &str) -> Option<&'a str> {
        self.field(path).and_then(Field::text)
    }

    pub fn date(&self, path: &str) -> Option<jiff::civil::Date> {
        match self.field(path)?.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    /// The provider (`lianlian`, `payoneer`, …, `bank`), when given.
    pub fn provider(&self) -> Option<&'a str> {
        self.text("amazon.deposit_method.provider")
    }

    /// The path findings name for the deposit method as a whole: `amazon.deposit_method`, or
    /// `amazon.deposit_methods[1]` for an entry.
    pub fn path(&self) -> String {
        match self.section.entry {
            None => schema::DEPOSIT_METHOD.to_string(),
            Some(entry) => schema::entry_path(schema::DEPOSIT_METHODS, entry),
        }
    }
}

/// Which profile fields a rule reads while it runs, recorded in tests only: a test runs every
/// rule over every fixture and fails when a rule reads a field its registry entry does not
/// declare. Outside tests the recorder is compiled out.
pub mod reads {
    #[cfg(test)]
    thread_local! {
        static READS: std::cell::RefCell<Option<Vec<&'static str>>> =
            const { std::cell::RefCell::new(None) };
    }

    /// Notes that `path` was read, when recording.
    #[inline(always)]
    pub fn record(path: &str) {
        #[cfg(test)]
        READS.with(|reads| {
            if let Some(reads) = reads.borrow_mut().as_mut() {
                let spec = super::schema::field(path).map_or("?", |f| f.path);
                let path = super::schema::deposit_method_path(spec).unwrap_or(spec);
                if !reads.contains(&path) {
                    reads.push(path);
                }
            }
        });
        #[cfg(not(test))]
        let _ = path;
    }

    /// The fields `run` reads.
    #[cfg(test)]
    pub fn during(run: impl FnOnce()) -> Vec<&'static str> {
        READS.with(|reads| *reads.borrow_mut() = Some(Vec::new()));
        run();
        READS.with(|reads| reads.borrow_mut().take().unwrap_or_default())
    }
}

/// The source offsets of the characters of one text field's value (see
/// [`Profile::char_starts`]).
pub struct CharStarts<'a> {
    text: &'a str,
    field: &'a Field,
    offsets: Option<Vec<usize>>,
}

impl CharStarts<'_> {
    /// [`Profile::char_span`] of the `index`-th character (0-based).
    /// A character written as an escape (`\u200B`) spans the whole escape.
    pub fn span(&self, index: usize) -> Span {
        match self.offsets.as_deref().and_then(|o| o.get(index)) {
            Some(&start) => {
                let rest = self.text.get(start..).unwrap_or_default();
                let literal = self
                    .text
                    .get(self.field.span.start..)
                    .is_some_and(|v| v.starts_with('\''));
                let len = match rest.as_bytes() {
                    [b'\\', kind, ..] if !literal => match kind {
                        b'u' => 6,
                        b'U' => 10,
                        b'x' => 4,
                        _ => 2,
                    },
                    _ => rest.chars().next().map_or(1, char::len_utf8),
                };
                start..start + len.min(rest.len().max(1))
            }
            None => self.field.span.start..self.field.span.start + 1,
        }
    }

    /// The byte offset of the `index`-th character (0-based), falling back to the value's
    /// start as [`Profile::char_span`] does.
    pub fn start(&self, index: usize) -> usize {
        self.span(index).start
    }
}

#[cfg(test)]
mod tests {
    /// Characters are located where they are written: an escape at its backslash, a
    /// line-ending backslash skipped, a literal string as it stands; a character past the end
    /// falls back to the start of the value.
    #[test]
    fn char_spans_follow_the_source() {
        let text = "format = 1\n[seller]\nlegal_name = \"A\\u200BB\\tC \u{6DF1}\"\n\
                    legal_name_en = \"\"\"\nX\\\n  Y\"\"\"\nregistered_address = '\u{6DF1}\u{5733} 1'\n";
        let (profile, _) = super::load(
            "t.toml",
            text.as_bytes(),
            &super::credentials::test_policy(),
        )
        .unwrap();
        let spans = |path: &str, count: usize| {
            let field = profile.field(path).unwrap();
            let starts = profile.char_starts(field);
            (0..count)
                .map(|i| {
                    assert_eq!(starts.start(i), starts.span(i).start);
                    profile.char_span(field, i)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans("seller.legal_name", 8),
            [
                34..35,
                35..41,
                41..42,
                42..44,
                44..45,
                45..46,
                46..49,
                33..34
            ]
        );
        assert_eq!(spans("seller.legal_name_en", 3), [71..72, 76..77, 67..68]);
        assert_eq!(
            spans("seller.registered_address", 5),
            [103..106, 106..109, 109..110, 110..111, 102..103]
        );
    }
}
