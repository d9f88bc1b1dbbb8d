//! Source text → [`Profile`].
//!
//! The text is parsed once with `toml`'s span-keeping [`DeTable`] parser, then walked against
//! [`schema`]. What cannot be checked at all (not UTF-8, not TOML, no supported `format`) is a
//! [`LoadError`]; everything else that is wrong with a key or value is a [`LoadIssue`] and the
//! rest of the profile still loads.

use super::credentials::SecretPolicy;
use super::money::{
    MAX_FRACTION_DIGITS, MAX_WHOLE_DIGITS, Money, MoneyError, currency_meant, is_currency,
};
use super::schema::{self, FieldClass, Kind, SUPPORTED_FORMAT};
use super::{Field, ListItem, Profile, Section, Suppression, Value, toml10};
use crate::finding::{Arg, Term, ValueType};
use crate::source::{Position, SourceFile, Span};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A problem that stops the file from being checked at all (exit code 2). Language-neutral:
/// the report words it from the rulepack's message for its code and [`LoadErrorKind::variant`],
/// filled with `args`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    /// "BC001" or "BC005".
    pub code: &'static str,
    /// Named values for the message (escaped, one line each).
    pub args: Vec<(&'static str, Arg)>,
    pub position: Position,
    /// Byte offset where the problem is.
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    NotUtf8,
    NotToml,
    FormatMissing,
    /// `format` is an integer other than [`SUPPORTED_FORMAT`].
    FormatUnsupported,
    /// `format` is not an integer at all.
    FormatNotInteger,
    /// More keys and array elements than any profile has ([`MAX_ENTRIES`]).
    TooManyEntries,
    /// A dotted key or table header of more parts than the parser reads.
    KeyTooLong,
    /// The file could not be read (`lint`: permissions, a folder that cannot be listed).
    Unreadable,
    /// Over the size limit for a profile.
    TooLarge,
    /// Not a regular file.
    NotAFile,
    /// `0x`, `0o` or `0b` with no digits after it.
    NoDigits,
    /// A `\e` or `\xHH` escape (TOML 1.1).
    Toml11Escape,
    /// A time without seconds (TOML 1.1).
    Toml11Time,
    /// A line break or comment inside an inline table (TOML 1.1).
    Toml11InlineLines,
    /// A comma before the `}` of an inline table (TOML 1.1).
    Toml11TrailingComma,
    /// A date whose day its month does not have (`2026-02-30`).
    NoSuchDay,
    /// A date whose month is not 01 to 12.
    NoSuchMonth,
    /// A `[table]` written a second time.
    DuplicateTable,
    /// A key set a second time in the same table.
    DuplicateKey,
    /// A byte-order mark (U+FEFF) past the start of the file, where a key belongs.
    StrayBom,
    /// An invisible character or unusual space outside any quoted value.
    StrayCharacter,
    /// A control character (other than tab), which TOML allows nowhere, quoted or not.
    StrayControl,
    /// `format` written below a table header, so a key of that table.
    FormatInTable,
}

impl LoadErrorKind {
    /// True when the error is about the file as a whole (it could not be read, it is too
    /// large, it is not a file) rather than a place in its text: a reader is shown no line and
    /// column for it.
    pub fn is_whole_file(self) -> bool {
        matches!(
            self,
            LoadErrorKind::Unreadable | LoadErrorKind::TooLarge | LoadErrorKind::NotAFile
        )
    }

    /// The rulepack message variant that words this kind.
    pub fn variant(self) -> &'static str {
        match self {
            LoadErrorKind::NotUtf8 => "not_utf8",
            LoadErrorKind::NotToml => "not_toml",
            LoadErrorKind::FormatMissing => "format_missing",
            LoadErrorKind::FormatUnsupported => "format_unsupported",
            LoadErrorKind::FormatNotInteger => "format_not_integer",
            LoadErrorKind::TooManyEntries => "too_many_entries",
            LoadErrorKind::KeyTooLong => "key_too_long",
            LoadErrorKind::Unreadable => "unreadable",
            LoadErrorKind::TooLarge => "too_large",
            LoadErrorKind::NotAFile => "not_a_file",
            LoadErrorKind::NoDigits => "no_digits",
            LoadErrorKind::Toml11Escape => "toml11_escape",
            LoadErrorKind::Toml11Time => "toml11_time",
            LoadErrorKind::Toml11InlineLines => "toml11_inline_lines",
            LoadErrorKind::Toml11TrailingComma => "toml11_trailing_comma",
            LoadErrorKind::NoSuchDay => "no_such_day",
            LoadErrorKind::NoSuchMonth => "no_such_month",
            LoadErrorKind::DuplicateTable => "duplicate_table",
            LoadErrorKind::DuplicateKey => "duplicate_key",
            LoadErrorKind::StrayBom => "stray_bom",
            LoadErrorKind::StrayCharacter => "stray_character",
            LoadErrorKind::StrayControl => "stray_control",
            LoadErrorKind::FormatInTable => "format_in_table",
        }
    }
}

fn text(value: impl Into<String>) -> Arg {
    Arg::Text(value.into())
}

/// The most keys plus array elements a profile may hold. The format has about a hundred
/// fields, so a file past this is generated or corrupted; without the limit it would produce
/// one finding per unknown key (100 000 keys parse in milliseconds but report for minutes).
pub const MAX_ENTRIES: usize = 10_000;

/// Something wrong with one key or value (BC002 or BC003); the profile still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadIssue {
    pub code: &'static str,
    /// Picks the message template in the rulepack.
    pub variant: &'static str,
    /// Dotted key path as written (unknown keys included).
    pub path: String,
    pub span: Span,
    /// Named values for the message; never a user's identifier or secret.
    pub args: Vec<(&'static str, Arg)>,
}

/// Loads a profile from raw bytes, deciding which parts of it hold a credential as `secrets`
/// describes one.
pub fn load(
    path: &str,
    bytes: &[u8],
    secrets: &SecretPolicy<'_>,
) -> Result<(Profile, Vec<LoadIssue>), LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let offset = e.valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            let position = SourceFile::new(path, valid).position(offset);
            return Err(LoadError {
                kind: LoadErrorKind::NotUtf8,
                code: "BC001",
                args: vec![
                    ("byte", text(format!("0x{:02X}", bytes[offset]))),
                    ("offset", text(offset.to_string())),
                ],
                position,
                offset,
            });
        }
    };
    let mut source = SourceFile::new(path, text);
    // The parser passes over one UTF-8 byte-order mark (TOML itself does not allow it, but
    // editors on Windows write it) and keeps offsets into the whole text; a second one is an
    // error like any other stray character.
    let root = match DeTable::parse(&source.text) {
        Ok(root) => root,
        Err(e) => return Err(syntax_error(&source, &e)),
    };
    let mut walker = Walker {
        entry: None,
        // Room for a typical profile's fields (a few dozen), allocated once per file.
        fields: Vec::with_capacity(64),
        sections: Vec::new(),
        suppressions: Vec::new(),
        issues: Vec::new(),
    };
    check_format(&source, root.get_ref())?;
    check_tree(&source, root.get_ref())?;
    walker.table("", root.get_ref());
    walker.fields.sort_by_key(|f| f.span.start);
    let found = super::credentials::find(&source.text, 0, root.get_ref(), secrets);
    drop(root);
    *source.secrets_mut() = found;
    let profile = Profile::new(source, walker.fields, walker.sections, walker.suppressions);
    Ok((profile, walker.issues))
}

/// What a parse error is, worded: its kind and the values its message names.
type Explained = (LoadErrorKind, Vec<(&'static str, Arg)>);

/// A parse error at the place it names. The parser names no place for a dotted key with too
/// many parts; that key is found here.
fn syntax_error(source: &SourceFile, e: &toml::de::Error) -> LoadError {
    if e.span().is_none()
        && let Some(offset) = long_dotted_key(&source.text)
    {
        return LoadError {
            kind: LoadErrorKind::KeyTooLong,
            code: "BC001",
            args: vec![("parts", text(TOML_KEY_PARTS.to_string()))],
            position: source.position(offset),
            offset,
        };
    }
    let offset = e.span().map_or(0, |s| s.start);
    let specific = no_such_date(&source.text, offset)
        .map(|found| (found, offset))
        .or_else(|| stray_character(&source.text, offset))
        .or_else(|| duplicate(source, e.message(), offset).map(|found| (found, offset)));
    if let Some(((kind, args), offset)) = specific {
        return LoadError {
            kind,
            code: "BC001",
            args,
            position: source.position(offset),
            offset,
        };
    }
    let message = crate::unicode::escape(e.message().trim()).into_owned();
    LoadError {
        kind: LoadErrorKind::NotToml,
        code: "BC001",
        args: vec![("detail", Arg::Text(message.replace('\n', " ")))],
        position: source.position(offset),
        offset,
    }
}

/// An invisible character or unusual space where the parser expected TOML syntax: named,
/// since the parser's words ("invalid unquoted key") point at nothing a reader can see. A
/// byte-order mark gets words of its own: a second one at the start of a file comes from
/// saving it twice with one (the parser passes over the first).
///
/// The parser stops at the character or just after it (a zero-width space before `[` reads as
/// the start of a key); the place returned is the character's.
fn stray_character(text: &str, offset: usize) -> Option<(Explained, usize)> {
    let at = text.get(offset..)?.chars().next().map(|ch| (offset, ch));
    let before = text
        .get(..offset)?
        .chars()
        .next_back()
        .map(|ch| (offset - ch.len_utf8(), ch));
    let stray = |&(_, ch): &(usize, char)| {
        crate::unicode::is_unsafe_to_print(ch) && !matches!(ch, '\t' | '\n' | '\r')
    };
    let (at, ch) = at.filter(stray).or(before.filter(stray))?;
    let found = if ch == '\u{FEFF}' {
        (LoadErrorKind::StrayBom, Vec::new())
    } else if ch <= '\u{1F}' || ch == '\u{7F}' {
        // Inside quotes too: the words must not send the reader looking outside them.
        (
            LoadErrorKind::StrayControl,
            vec![("character", Arg::Char(ch))],
        )
    } else {
        (
            LoadErrorKind::StrayCharacter,
            vec![("character", Arg::Char(ch))],
        )
    };
    Some((found, at))
}

/// A key or table written twice: which, and the line of the first.
fn duplicate(source: &SourceFile, message: &str, offset: usize) -> Option<Explained> {
    if message.trim() != "duplicate key" {
        return None;
    }
    let found = super::duplicate::find(&source.text, offset)?;
    let kind = if found.table {
        LoadErrorKind::DuplicateTable
    } else {
        LoadErrorKind::DuplicateKey
    };
    let first_line = source.position(found.first).line;
    let path = crate::unicode::escape(&found.path).into_owned();
    Some((
        kind,
        vec![
            ("path", text(path)),
            ("first_line", text(first_line.to_string())),
        ],
    ))
}

/// A date the parser refused because it does not exist (`2026-02-30`, month 13), if the token
/// at `offset` is one: the kind of error and the values that say why.
fn no_such_date(source_text: &str, offset: usize) -> Option<Explained> {
    let token = source_text.get(offset..)?.get(..10)?;
    let digits_at = |range: std::ops::Range<usize>| {
        token
            .get(range)
            .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|part| part.parse::<i16>().ok())
    };
    let (year, month, day) = (digits_at(0..4)?, digits_at(5..7)?, digits_at(8..10)?);
    if token.get(4..5) != Some("-") || token.get(7..8) != Some("-") {
        return None;
    }
    let found = ("found", text(token));
    let Ok(month) = i8::try_from(month).map_err(drop).and_then(|m| {
        jiff::civil::Date::new(year, m, 1)
            .map(|first| (m, first.days_in_month()))
            .map_err(drop)
    }) else {
        return Some((LoadErrorKind::NoSuchMonth, vec![found]));
    };
    let (month, days) = month;
    if (1..=i16::from(days)).contains(&day) {
        return None;
    }
    Some((
        LoadErrorKind::NoSuchDay,
        vec![
            found,
            ("year", text(format!("{year:04}"))),
            ("month", text(format!("{month:02}"))),
            ("days", text(days.to_string())),
        ],
    ))
}

/// The most parts of a dotted key `toml` reads (its parser's recursion limit); a unit test
/// checks it against the parser.
const TOML_KEY_PARTS: usize = 80;

/// Where the first key (or table header) of [`TOML_KEY_PARTS`] parts or more starts.
fn long_dotted_key(text: &str) -> Option<usize> {
    use toml_parser::lexer::TokenKind;
    let mut in_key = true;
    let mut start = None;
    let mut dots = 0;
    for token in toml_parser::Source::new(text).lex() {
        match token.kind() {
            TokenKind::Dot if in_key => {
                dots += 1;
                if dots + 1 >= TOML_KEY_PARTS {
                    return start;
                }
            }
            TokenKind::Atom
            | TokenKind::BasicString
            | TokenKind::LiteralString
            | TokenKind::Whitespace
                if in_key =>
            {
                if start.is_none() && token.kind() != TokenKind::Whitespace {
                    start = Some(token.span().start());
                }
            }
            TokenKind::Newline
            | TokenKind::LeftSquareBracket
            | TokenKind::LeftCurlyBracket
            | TokenKind::Comma => {
                in_key = true;
                start = None;
                dots = 0;
            }
            _ => {
                in_key = false;
                start = None;
                dots = 0;
            }
        }
    }
    None
}

fn check_format(source: &SourceFile, root: &DeTable<'_>) -> Result<(), LoadError> {
    let error = |kind, offset: usize, args: Vec<(&'static str, Arg)>| LoadError {
        kind,
        code: "BC005",
        args,
        position: source.position(offset),
        offset,
    };
    let Some((_, value)) = root.iter().find(|(k, _)| k.get_ref() == "format") else {
        // Written below a table header, it is a key of that table: say so where it is.
        let nested = root
            .iter()
            .find_map(|(table, value)| match value.get_ref() {
                DeValue::Table(inner) => inner
                    .iter()
                    .find(|(k, _)| k.get_ref() == "format")
                    .map(|(k, _)| (table.get_ref().to_string(), k.span().start)),
                _ => None,
            });
        if let Some((table, offset)) = nested {
            return Err(error(
                LoadErrorKind::FormatInTable,
                offset,
                vec![
                    ("table", text(crate::unicode::escape(&table).into_owned())),
                    ("supported", text(SUPPORTED_FORMAT.to_string())),
                ],
            ));
        }
        let bom = if source.text.starts_with('\u{FEFF}') {
            '\u{FEFF}'.len_utf8()
        } else {
            0
        };
        return Err(error(
            LoadErrorKind::FormatMissing,
            bom,
            vec![("supported", text(SUPPORTED_FORMAT.to_string()))],
        ));
    };
    let offset = value.span().start;
    match value.get_ref() {
        DeValue::Integer(i) if integer(i) == Some(SUPPORTED_FORMAT) => Ok(()),
        DeValue::Integer(i) => Err(error(
            LoadErrorKind::FormatUnsupported,
            offset,
            vec![
                ("found", text(crate::unicode::escape(i.as_str()))),
                ("supported", text(SUPPORTED_FORMAT.to_string())),
            ],
        )),
        other => Err(error(
            LoadErrorKind::FormatNotInteger,
            offset,
            vec![
                ("found", type_name(other)),
                ("supported", text(SUPPORTED_FORMAT.to_string())),
            ],
        )),
    }
}

/// Refuses a file with more than [`MAX_ENTRIES`] keys and array elements, naming where the
/// limit was crossed, and syntax that is not TOML 1.0 ([`toml10`]). Iterative, so it is safe
/// at any depth the parser accepted; each key and value is looked at once.
fn check_tree(source: &SourceFile, root: &DeTable<'_>) -> Result<(), LoadError> {
    let error = |kind, offset: usize, args| LoadError {
        kind,
        code: "BC001",
        args,
        position: source.position(offset),
        offset,
    };
    let raw = |span: Span| source.text.get(span).unwrap_or("");
    let mut count = 0usize;
    // Tables and arrays still to visit, each with whether it lies inside an inline table
    // (already checked whole with it).
    let mut tables = vec![(root, false)];
    let mut arrays: Vec<(&toml::de::DeArray<'_>, bool)> = Vec::new();
    let mut values: Vec<&Spanned<DeValue<'_>>> = Vec::new();
    loop {
        let inline = if let Some((table, inline)) = tables.pop() {
            for (key, value) in table.iter() {
                count += 1;
                if count > MAX_ENTRIES {
                    let limit = text(MAX_ENTRIES.to_string());
                    let kind = LoadErrorKind::TooManyEntries;
                    return Err(error(kind, key.span().start, vec![("limit", limit)]));
                }
                if let Some(v) = toml10::string(raw(key.span()), key.span().start) {
                    return Err(error(v.kind, v.offset, v.args));
                }
                values.push(value);
            }
            inline
        } else if let Some((array, inline)) = arrays.pop() {
            for item in array.iter() {
                count += 1;
                if count > MAX_ENTRIES {
                    let limit = text(MAX_ENTRIES.to_string());
                    let kind = LoadErrorKind::TooManyEntries;
                    return Err(error(kind, item.span().start, vec![("limit", limit)]));
                }
                values.push(item);
            }
            inline
        } else {
            return Ok(());
        };
        for value in values.drain(..) {
            let span = value.span();
            let at = span.start;
            let violation = match value.get_ref() {
                DeValue::Table(t) => {
                    let written = raw(span);
                    let opens = written.starts_with('{');
                    tables.push((t, inline || opens));
                    if opens && !inline {
                        toml10::inline_table(written, at)
                    } else {
                        None
                    }
                }
                DeValue::Array(a) => {
                    arrays.push((a, inline));
                    None
                }
                DeValue::String(_) => toml10::string(raw(span), at),
                DeValue::Datetime(_) => toml10::datetime(raw(span), at),
                DeValue::Integer(_) => toml10::integer(raw(span), at),
                _ => None,
            };
            if let Some(v) = violation {
                return Err(error(v.kind, v.offset, v.args));
            }
        }
    }
}

fn integer(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

fn value_type(value: &DeValue<'_>) -> ValueType {
    match value {
        DeValue::String(_) => ValueType::String,
        DeValue::Integer(_) => ValueType::Integer,
        DeValue::Float(_) => ValueType::Float,
        DeValue::Boolean(_) => ValueType::Boolean,
        DeValue::Datetime(d) if d.time.is_none() => ValueType::Date,
        DeValue::Datetime(_) => ValueType::DateTime,
        DeValue::Array(_) => ValueType::Array,
        DeValue::Table(_) => ValueType::Table,
    }
}

/// The type of a value, as a message argument ("found a string").
fn type_name(value: &DeValue<'_>) -> Arg {
    Arg::Term(Term::Type(value_type(value)))
}

fn type_term(value_type: ValueType) -> Arg {
    Arg::Term(Term::Type(value_type))
}

struct Walker {
    /// While walking an entry of an array of tables that holds fields
    /// (`[[amazon.deposit_methods]]`): the entry's index.
    entry: Option<usize>,
    fields: Vec<Field>,
    sections: Vec<Section>,
    suppressions: Vec<Suppression>,
    issues: Vec<LoadIssue>,
}

impl Walker {
    fn issue(&mut self, code: &'static str, variant: &'static str, path: String, span: Span) {
        self.issue_with(code, variant, path, span, Vec::new());
    }

    fn issue_with(
        &mut self,
        code: &'static str,
        variant: &'static str,
        path: String,
        span: Span,
        args: Vec<(&'static str, Arg)>,
    ) {
        self.issues.push(LoadIssue {
            code,
            variant,
            path,
            span,
            args,
        });
    }

    fn table(&mut self, parent: &str, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if parent.is_empty() && name == "format" {
                continue;
            }
            // The joined path is built only for an unknown key: a known one is named by its spec.
            // Fields first: most keys are fields, and no path is both (a schema test checks).
            if let Some(spec) = schema::child_field(parent, name) {
                self.field(spec, key, value);
            } else if let Some(section) = schema::child_section(parent, name) {
                self.section(section, key, value);
            } else {
                let path = self.reported(&schema::child_path(parent, name));
                self.unknown_key(parent, name, path, key.span());
            }
        }
    }

    /// `path` as findings name it: inside an entry of `[[amazon.deposit_methods]]`, with the
    /// entry's index (`amazon.deposit_methods[1].provider`).
    fn reported(&self, path: &str) -> String {
        match self.entry {
            Some(entry) => schema::entry_path(path, entry),
            None => path.to_string(),
        }
    }

    fn unknown_key(&mut self, parent: &str, name: &str, path: String, span: Span) {
        let mut args = vec![("key", text(crate::unicode::escape(&path)))];
        if let Some(suggestion) = suggest_key(parent, name).map(|s| self.reported(&s)) {
            args.push(("suggestion", text(suggestion)));
            self.issue_with("BC002", "suggestion", path, span, args);
        } else {
            self.issue_with("BC002", "default", path, span, args);
        }
    }

    fn section(
        &mut self,
        spec: &'static schema::SectionSpec,
        key: &Spanned<toml::de::DeString<'_>>,
        value: &Spanned<DeValue<'_>>,
    ) {
        let header = if value.span().is_empty() {
            key.span()
        } else {
            value.span()
        };
        match (value.get_ref(), spec.array) {
            (DeValue::Table(table), false) => {
                self.sections.push(Section {
                    path: spec.path,
                    span: header,
                    entry: self.entry,
                });
                self.table(spec.path, table);
            }
            (DeValue::Array(items), true) => {
                self.sections.push(Section {
                    path: spec.path,
                    span: header,
                    entry: None,
                });
                for (index, item) in items.iter().enumerate() {
                    match item.get_ref() {
                        DeValue::Table(t) if spec.path == schema::DEPOSIT_METHODS => {
                            self.entry(spec.path, index, item.span(), t);
                        }
                        DeValue::Table(t) => self.suppression(spec.path, item.span(), t),
                        other => {
                            let found = type_name(other);
                            self.issue_with(
                                "BC003",
                                "type",
                                spec.path.to_string(),
                                item.span(),
                                vec![("expected", type_term(ValueType::Table)), ("found", found)],
                            );
                        }
                    }
                }
            }
            (other, array) => {
                let expected = type_term(if array {
                    ValueType::ArrayOfTables
                } else {
                    ValueType::Table
                });
                let found = type_name(other);
                self.issue_with(
                    "BC003",
                    "type",
                    spec.path.to_string(),
                    value.span(),
                    vec![("expected", expected), ("found", found)],
                );
            }
        }
    }

    /// One entry of an array of tables whose entries hold fields, walked like a table with
    /// the entry's index kept on each field.
    fn entry(&mut self, path: &'static str, index: usize, span: Span, table: &DeTable<'_>) {
        self.sections.push(Section {
            path,
            span,
            entry: Some(index),
        });
        let outer = self.entry.replace(index);
        self.table(path, table);
        self.entry = outer;
    }

    fn suppression(&mut self, path: &str, span: Span, table: &DeTable<'_>) {
        let mut entry = Suppression {
            code: None,
            field: None,
            reason: None,
            span: span.clone(),
        };
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let full = format!("{path}.{name}");
            let slot = match name {
                "code" => &mut entry.code,
                "field" => &mut entry.field,
                "reason" => &mut entry.reason,
                _ => {
                    self.unknown_key(path, name, full, key.span());
                    continue;
                }
            };
            match value.get_ref() {
                DeValue::String(s) => *slot = Some(s.to_string()),
                other => {
                    let found = type_name(other);
                    self.issue_with(
                        "BC003",
                        "type",
                        full,
                        value.span(),
                        vec![("expected", type_term(ValueType::String)), ("found", found)],
                    );
                }
            }
        }
        if entry.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            self.issue("BC003", "ignore_reason_missing", path.to_string(), span);
        } else if entry.code.is_none() {
            self.issue("BC003", "ignore_code_missing", path.to_string(), span);
        } else {
            self.suppressions.push(entry);
        }
    }

    fn field(
        &mut self,
        spec: &'static schema::FieldSpec,
        key: &Spanned<toml::de::DeString<'_>>,
        value: &Spanned<DeValue<'_>>,
    ) {
        let span = value.span();
        let converted = match (spec.kind, value.get_ref()) {
            (Kind::List(allowed), DeValue::Array(items)) => convert_list(spec, allowed, items),
            (_, other) => convert(spec, other).map_err(|invalid| vec![invalid]),
        };
        match converted {
            Ok(converted) => {
                let converted = match converted {
                    Value::List(items) => Value::List(
                        items
                            .into_iter()
                            .map(|item| ListItem {
                                text: item.text,
                                span: item.span,
                            })
                            .collect(),
                    ),
                    other => other,
                };
                self.fields.push(Field {
                    spec,
                    entry: self.entry,
                    key_span: key.span(),
                    span,
                    value: converted,
                });
            }
            Err(invalids) => {
                for mut invalid in invalids {
                    let at = invalid.span.take().unwrap_or_else(|| span.clone());
                    let path = self.reported(spec.path);
                    self.issue_with("BC003", invalid.variant, path, at, invalid.args);
                }
            }
        }
    }
}

/// Why a value does not fit its field.
struct Invalid {
    variant: &'static str,
    args: Vec<(&'static str, Arg)>,
    /// A narrower span than the whole value (an array element).
    span: Option<Span>,
}

impl Invalid {
    fn new(variant: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Invalid {
            variant,
            args,
            span: None,
        }
    }

    fn wrong_type(expected: Arg, found: &DeValue<'_>) -> Self {
        Invalid::new(
            "type",
            vec![("expected", expected), ("found", type_name(found))],
        )
    }
}

fn convert(spec: &schema::FieldSpec, value: &DeValue<'_>) -> Result<Value, Invalid> {
    // Worded by the report, in the reader's language, from the field's kind.
    let expected = || Arg::Term(Term::Form(spec.path));
    match (spec.kind, value) {
        (Kind::Text, DeValue::String(s)) => Ok(Value::Text(s.to_string())),
        (Kind::Text, DeValue::Integer(i)) if spec.class == FieldClass::Identifier => {
            // An identifier written as a bare number loses leading zeros; say so.
            Err(Invalid::new(
                "identifier_not_string",
                vec![("digits", text(i.as_str().len().to_string()))],
            ))
        }
        (Kind::Enum(values), DeValue::String(s)) => {
            if values.contains(&s.as_ref()) {
                Ok(Value::Text(s.to_string()))
            } else {
                Err(unknown_value(s, values, expected()))
            }
        }
        (Kind::Integer { min, max }, DeValue::Integer(i)) => match integer(i) {
            Some(n) if (min..=max).contains(&n) => Ok(Value::Integer(n)),
            _ => Err(Invalid::new(
                "out_of_range",
                vec![
                    ("expected", expected()),
                    ("found", text(crate::unicode::escape(i.as_str()))),
                ],
            )),
        },
        (Kind::Boolean, DeValue::Boolean(b)) => Ok(Value::Boolean(*b)),
        (Kind::Boolean, DeValue::String(s)) if matches!(s.as_ref(), "true" | "false") => Err(
            Invalid::new("quoted_boolean", vec![("value", text(s.as_ref()))]),
        ),
        (Kind::Date, DeValue::Datetime(d)) => match (d.date, d.time, d.offset) {
            (Some(date), None, None) => civil_date(date).map(Value::Date),
            _ => Err(Invalid::wrong_type(expected(), value)),
        },
        (Kind::DateTime, DeValue::Datetime(d)) => match (d.date, d.time, d.offset) {
            (Some(date), Some(_), Some(_)) if civil_date(date).is_ok() => {
                Ok(Value::DateTime(d.to_string()))
            }
            // A local time names no moment: support cannot line it up with their logs.
            (Some(date), Some(_), None) if civil_date(date).is_ok() => Err(Invalid::new(
                "datetime_no_offset",
                vec![
                    ("found", text(d.to_string())),
                    ("suggestion", text(format!("{d}+08:00"))),
                ],
            )),
            _ => Err(Invalid::wrong_type(expected(), value)),
        },
        (Kind::Date | Kind::DateTime, DeValue::String(s))
            if s.parse::<jiff::civil::Date>().is_ok() || s.parse::<jiff::Timestamp>().is_ok() =>
        {
            Err(Invalid::new(
                "quoted_date",
                vec![("value", text(crate::unicode::escape(s)))],
            ))
        }
        (Kind::Money, DeValue::String(s)) => match s.parse::<Money>() {
            // Every amount of the format is a balance, threshold or pending sum: none is
            // ever below zero.
            Ok(m) if m.amount.is_sign_negative() && !m.amount.is_zero() => Err(Invalid::new(
                "money_negative",
                vec![
                    ("found", text(crate::unicode::escape(s))),
                    ("amount", text(m.amount.abs().to_string())),
                    ("currency", text(m.currency)),
                ],
            )),
            Ok(m) => Ok(Value::Money(m)),
            Err(e) => Err(money_error(s, &e, expected())),
        },
        (Kind::Money, DeValue::Float(f)) => Err(Invalid::new(
            "money_float",
            vec![("amount", text(f.as_str()))],
        )),
        (Kind::Money, DeValue::Integer(i)) => Err(Invalid::new(
            "money_integer",
            vec![("amount", text(i.as_str()))],
        )),
        (Kind::Country, DeValue::String(s)) => {
            if crate::validators::country::is_iso3166_alpha2(s) {
                Ok(Value::Text(s.to_string()))
            } else {
                Err(Invalid::new(
                    "country",
                    vec![("found", text(crate::unicode::escape(s)))],
                ))
            }
        }
        (Kind::Currency, DeValue::String(s)) => {
            let found = ("found", text(crate::unicode::escape(s)));
            match currency_meant(s) {
                _ if is_currency(s) => Ok(Value::Text(s.to_string())),
                Some(code) => Err(Invalid::new(
                    "currency_suggestion",
                    vec![found, ("suggestion", text(code))],
                )),
                None => Err(Invalid::new("currency", vec![found])),
            }
        }
        (_, DeValue::Table(_)) => Err(Invalid::wrong_type(expected(), value)),
        _ => Err(Invalid::wrong_type(expected(), value)),
    }
}

/// A list field's elements, each judged on its own so that every bad one is reported at its
/// own place.
fn convert_list(
    spec: &schema::FieldSpec,
    allowed: &[&str],
    items: &toml::de::DeArray<'_>,
) -> Result<Value, Vec<Invalid>> {
    let mut list = Vec::with_capacity(items.len());
    let mut invalids = Vec::new();
    for item in items.iter() {
        let mut invalid = match item.get_ref() {
            DeValue::String(s) if allowed.is_empty() || allowed.contains(&s.as_ref()) => {
                list.push(ListItem {
                    text: s.to_string(),
                    span: item.span(),
                });
                continue;
            }
            DeValue::String(s) => unknown_value(s, allowed, Arg::Term(Term::Form(spec.path))),
            other => Invalid::wrong_type(type_term(ValueType::String), other),
        };
        invalid.span = Some(item.span());
        invalids.push(invalid);
    }
    if invalids.is_empty() {
        Ok(Value::List(list))
    } else {
        Err(invalids)
    }
}

/// Why a money string does not load, with what to write instead where that is known.
fn money_error(written: &str, error: &MoneyError, expected: Arg) -> Invalid {
    let escaped = |s: &str| text(crate::unicode::escape(s));
    match error {
        MoneyError::UnknownCurrency(currency) => match currency_meant(currency) {
            Some(code) => Invalid::new(
                "money_currency_suggestion",
                vec![
                    ("currency", escaped(currency)),
                    ("suggestion", text(code)),
                    (
                        "amount",
                        escaped(written.split(' ').next().unwrap_or_default()),
                    ),
                ],
            ),
            None => Invalid::new(
                error.variant(),
                vec![("expected", expected), ("currency", escaped(currency))],
            ),
        },
        MoneyError::CurrencyFirst { amount, currency } => {
            let code = currency_meant(currency).unwrap_or(currency);
            Invalid::new(
                error.variant(),
                vec![("suggestion", escaped(&format!("{amount} {code}")))],
            )
        }
        MoneyError::TooManyDigits => Invalid::new(
            error.variant(),
            vec![
                ("whole", text(MAX_WHOLE_DIGITS.to_string())),
                ("fraction", text(MAX_FRACTION_DIGITS.to_string())),
            ],
        ),
        MoneyError::MissingCurrency | MoneyError::BadAmount | MoneyError::Shape => {
            Invalid::new(error.variant(), vec![("expected", expected)])
        }
    }
}

fn civil_date(date: toml::value::Date) -> Result<jiff::civil::Date, Invalid> {
    jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8).map_err(|_| {
        Invalid::new(
            "date_out_of_range",
            vec![(
                "found",
                text(format!(
                    "{:04}-{:02}-{:02}",
                    date.year, date.month, date.day
                )),
            )],
        )
    })
}

fn unknown_value(found: &str, allowed: &[&str], expected: Arg) -> Invalid {
    let mut args = vec![
        ("found", text(crate::unicode::escape(found))),
        ("expected", expected),
    ];
    // A list of currencies is offered the ISO code meant by a common name ("RMB" for CNY).
    let meant = closest(found, allowed.iter().copied())
        .filter(|best| same_words(found, best))
        .or_else(|| currency_meant(found).filter(|code| allowed.contains(code)));
    match meant {
        Some(best) => {
            args.push(("suggestion", text(best)));
            Invalid::new("enum_suggestion", args)
        }
        None => Invalid::new("enum", args),
    }
}

/// The candidate most like `input`, if any is close enough to be a plausible typo.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let folded = input.to_lowercase().replace('-', "_");
    candidates
        .map(|c| {
            // Candidates in capitals (country and marketplace codes) are matched in any case.
            let lower = c.to_lowercase();
            let score = if lower == folded {
                1.0
            } else {
                strsim::jaro_winkler(&folded, &lower)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The tables that describe one account each: a fact typed into one of them is about that
/// account, and a "did you mean" never moves it into another.
const ACCOUNT_TABLES: [&str; 5] = [
    "lianlian.receiving_account",
    "ozon.payout_account",
    "ozon_global_pay",
    schema::DEPOSIT_METHOD,
    schema::DEPOSIT_METHODS,
];

/// The account table `path` lies in, if any; the single deposit method and the array of them
/// are one kind of account.
fn account_of(path: &str) -> Option<&'static str> {
    ACCOUNT_TABLES
        .iter()
        .find(|table| {
            path.strip_prefix(*table)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .map(|table| match *table {
            schema::DEPOSIT_METHODS => schema::DEPOSIT_METHOD,
            other => other,
        })
}

/// Whether a suggested value differs from `input` by spelling only, not by a whole word:
/// `company` → `hk_company` or `individual` → `individual_business` would change what the
/// value says (a mainland company is not a Hong Kong one), so the allowed values are listed
/// with their meanings instead.
fn same_words(input: &str, candidate: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (typed, meant) = (words(input), words(candidate));
    let contained = |small: &[String], large: &[String]| small.iter().all(|w| large.contains(w));
    typed.len() == meant.len() || !(contained(&typed, &meant) || contained(&meant, &typed))
}

/// "did you mean" for an unknown key: a sibling key with a similar name, or the same name in
/// another section (`merchant_id` written under `[ozon]` instead of `[ozon.payout_account]`).
/// A key inside an account table is only ever pointed at a key of the same account.
fn suggest_key(parent: &str, name: &str) -> Option<String> {
    if let Some(sibling) = closest(name, schema::child_keys(parent)) {
        return Some(if parent.is_empty() {
            sibling.to_string()
        } else {
            format!("{parent}.{sibling}")
        });
    }
    let folded = name.to_lowercase().replace('-', "_");
    let account = account_of(parent);
    let same_leaf = || {
        schema::FIELDS
            .iter()
            .filter(|f| f.path.rsplit('.').next() == Some(folded.as_str()))
            .filter(|f| account.is_none() || account_of(f.path) == account)
    };
    let nested = format!("{parent}.");
    same_leaf()
        .find(|f| !parent.is_empty() && f.path.starts_with(&nested))
        .or_else(|| same_leaf().next())
        .map(|f| f.path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<(Profile, Vec<LoadIssue>), LoadError> {
        load(
            "p.toml",
            text.as_bytes(),
            &crate::profile::credentials::test_policy(),
        )
    }

    #[test]
    fn typed_values_with_spans() {
        let text = "format = 1\n[lianlian]\nbalance = \"100.00 CNY\"\nkyc_level = 3\n";
        let (profile, issues) = load_str(text).unwrap();
        assert!(issues.is_empty(), "{issues:?}");
        let balance = profile.field("lianlian.balance").unwrap();
        assert_eq!(&text[balance.span.clone()], "\"100.00 CNY\"");
        assert_eq!(profile.integer("lianlian.kyc_level"), Some(3));
        assert!(profile.has_section("lianlian"));
        assert!(!profile.has_section("ozon"));
    }

    #[test]
    fn unknown_key_suggests_sibling_and_other_section() {
        let text = "format = 1\n[lianlian]\nmerchant_di = \"x\"\n[ozon]\nmerchant_id = \"y\"\n";
        let (_, issues) = load_str(text).unwrap();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].code, "BC002");
        assert_eq!(issues[0].path, "lianlian.merchant_di");
        assert_eq!(
            issues[0].args[1],
            ("suggestion", Arg::Text("lianlian.merchant_id".into()))
        );
        assert_eq!(
            issues[1].args[1],
            (
                "suggestion",
                Arg::Text("ozon.payout_account.merchant_id".into())
            )
        );
    }

    /// A fact typed into one account's table is never suggested into another account's.
    #[test]
    fn suggestions_stay_within_their_account() {
        let suggestion = |text: &str| {
            let (_, issues) = load_str(text).unwrap();
            issues[0]
                .args
                .iter()
                .find(|(k, _)| *k == "suggestion")
                .map(|(_, v)| match v {
                    Arg::Text(text) => text.clone(),
                    other => panic!("a suggestion is text, not {other:?}"),
                })
        };
        assert_eq!(
            suggestion("format = 1\n[lianlian.receiving_account]\nprovider = \"lianlian\"\n"),
            None
        );
        assert_eq!(
            suggestion("format = 1\n[lianlian.receiving_account]\ndocument_date = 2026-01-01\n"),
            None
        );
        assert_eq!(
            suggestion("format = 1\n[amazon.deposit_method]\nmerchant_id = \"x\"\n"),
            None
        );
        assert_eq!(
            suggestion("format = 1\n[amazon.deposit_method]\nrouting_numbr = \"x\"\n"),
            Some("amazon.deposit_method.routing_number".into())
        );
        assert_eq!(
            suggestion("format = 1\n[[amazon.deposit_methods]]\nrouting_numbr = \"x\"\n"),
            Some("amazon.deposit_methods[0].routing_number".into())
        );
        assert_eq!(
            suggestion("format = 1\n[ozon]\niban = \"x\"\n"),
            Some("ozon.payout_account.iban".into())
        );
    }

    /// Entries of `[[amazon.deposit_methods]]` load as fields with their entry's index, and
    /// problems inside an entry are reported at the indexed path.
    #[test]
    fn deposit_method_entries_keep_their_index() {
        let text = "format = 1\n[amazon]\nmarketplaces = [\"US\", \"DE\"]\n\
                    [[amazon.deposit_methods]]\nmarketplaces = [\"US\"]\nprovider = \"lianlian\"\n\
                    [[amazon.deposit_methods]]\nmarketplaces = [\"DE\"]\nprovider = \"lianlian\"\n\
                    account_type = \"giro\"\n";
        let (profile, issues) = load_str(text).unwrap();
        let methods: Vec<_> = profile.deposit_methods().collect();
        assert_eq!(methods.len(), 2);
        assert_eq!(methods[1].entry(), Some(1));
        assert_eq!(methods[1].path(), "amazon.deposit_methods[1]");
        let provider = methods[1].field("amazon.deposit_method.provider").unwrap();
        assert_eq!(provider.path(), "amazon.deposit_methods[1].provider");
        assert_eq!(
            profile.source.position(provider.span.start),
            Position {
                line: 9,
                column: 12
            }
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].path, "amazon.deposit_methods[1].account_type");
        assert_eq!(issues[0].code, "BC003");
        // The single table and the entries never see each other's fields.
        assert!(profile.field("amazon.deposit_method.provider").is_none());
    }

    #[test]
    fn money_as_float_is_bc003_with_hint() {
        let (_, issues) = load_str("format = 1\n[lianlian]\nbalance = 150.0\n").unwrap();
        assert_eq!(issues[0].code, "BC003");
        assert_eq!(issues[0].variant, "money_float");
    }

    /// The parser refuses a dotted key of [`TOML_KEY_PARTS`] parts without naming a place:
    /// the key is found and named, on whatever line it is; one part fewer loads.
    #[test]
    fn a_dotted_key_with_too_many_parts_is_named_where_it_is() {
        let key = |parts: usize| vec!["a"; parts].join(".");
        let text = format!(
            "format = 1\n# x.y.z\nn = 1.5\n  {} = 1\n",
            key(TOML_KEY_PARTS + 10)
        );
        let e = load_str(&text).unwrap_err();
        assert_eq!((e.code, e.kind), ("BC001", LoadErrorKind::KeyTooLong));
        assert_eq!(e.position, Position { line: 4, column: 3 });
        let header = format!("format = 1\n[\"s\".{}]\n", key(TOML_KEY_PARTS));
        let e = load_str(&header).unwrap_err();
        assert_eq!(e.position, Position { line: 2, column: 2 });
        let fewer = format!("format = 1\n{} = 1\n", key(TOML_KEY_PARTS - 1));
        assert!(load_str(&fewer).is_ok());
    }

    /// TOML 1.0 exactly: what 1.1 added, an integer prefix without digits and a second
    /// byte-order mark are syntax errors at their place.
    #[test]
    fn syntax_outside_toml_1_0_is_refused_where_it_is() {
        let cases: [(&str, LoadErrorKind, Position); 8] = [
            (
                "[incident]\nattempts = 0x\n",
                LoadErrorKind::NoDigits,
                Position {
                    line: 3,
                    column: 12,
                },
            ),
            (
                "[incident]\nattempts = 0b\n",
                LoadErrorKind::NoDigits,
                Position {
                    line: 3,
                    column: 12,
                },
            ),
            (
                "[seller]\nlegal_name = \"A\\eB\"\n",
                LoadErrorKind::Toml11Escape,
                Position {
                    line: 3,
                    column: 16,
                },
            ),
            (
                "[seller]\n\"le\\x67al_name\" = \"A\"\n",
                LoadErrorKind::Toml11Escape,
                Position { line: 3, column: 4 },
            ),
            (
                "[incident]\noccurred_at = 2026-11-20T10:15+08:00\n",
                LoadErrorKind::Toml11Time,
                Position {
                    line: 3,
                    column: 26,
                },
            ),
            (
                "seller = { legal_name = \"A\",\n  country = \"CN\" }\n",
                LoadErrorKind::Toml11InlineLines,
                Position {
                    line: 2,
                    column: 29,
                },
            ),
            (
                "seller = { legal_name = \"A\", }\n",
                LoadErrorKind::Toml11TrailingComma,
                Position {
                    line: 2,
                    column: 28,
                },
            ),
            (
                "x = [{ a = { b = 1, } }]\n",
                LoadErrorKind::Toml11TrailingComma,
                Position {
                    line: 2,
                    column: 19,
                },
            ),
        ];
        for (body, kind, position) in cases {
            let e = load_str(&format!("format = 1\n{body}")).unwrap_err();
            assert_eq!(
                (e.code, e.kind, e.position),
                ("BC001", kind, position),
                "{body}"
            );
        }
        let e = load_str("\u{FEFF}\u{FEFF}format = 1\n").unwrap_err();
        assert_eq!(
            (e.kind, e.position),
            (LoadErrorKind::StrayBom, Position { line: 1, column: 1 })
        );
        let (profile, _) = load_str("\u{FEFF}format = 1\n[seller]\nlegal_name = \"A\"\n").unwrap();
        let name = profile.field("seller.legal_name").unwrap();
        assert_eq!(
            profile.source.position(name.span.start),
            Position {
                line: 3,
                column: 14
            }
        );
    }

    #[test]
    fn fatal_errors_name_line_and_column() {
        let e = load(
            "p.toml",
            b"format = 1\nname = \"\xff\"\n",
            &crate::profile::credentials::test_policy(),
        )
        .unwrap_err();
        assert_eq!((e.code, e.offset), ("BC001", 19));
        assert_eq!(e.position, Position { line: 2, column: 9 });
        let e = load_str("format = 1\n[seller\n").unwrap_err();
        assert_eq!((e.code, e.position.line), ("BC001", 2));
        let e = load_str("[seller]\n").unwrap_err();
        assert_eq!((e.code, e.kind), ("BC005", LoadErrorKind::FormatMissing));
        let e = load_str("format = 2\n").unwrap_err();
        assert_eq!(
            e.position,
            Position {
                line: 1,
                column: 10
            }
        );
    }
}
