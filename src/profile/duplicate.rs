//! What a "duplicate key" parse error is about: the table or key written twice, and where it
//! was first defined.
//!
//! The parser says only "duplicate key" at the second occurrence's last key part. A seller
//! who pasted a second `[seller]` block needs the table's name and the line of the first one,
//! so the document is walked once more as `toml_parser` events (it reads the structure of a
//! file the span-keeping parser refused) and every key path is recorded with where it is
//! written.

use toml_parser::parser::{Event, EventKind};

/// The definition written twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Its dotted path as a reader writes it (`seller`, `seller.legal_name`).
    pub path: String,
    /// True when the second occurrence is a table header (`[seller]`).
    pub table: bool,
    /// Byte offset of the first definition (its key, or the header's key).
    pub first: usize,
}

/// One key path defined in the document.
struct Definition {
    /// Decoded key parts; an entry of an array of tables adds a part of its own.
    path: Vec<String>,
    /// The span of the path's last key part.
    key: std::ops::Range<usize>,
    header: bool,
}

/// The duplicate whose second occurrence has a key part at byte `offset` of `text`.
pub fn find(text: &str, offset: usize) -> Option<Duplicate> {
    let definitions = definitions(text);
    let second = definitions
        .iter()
        .filter(|d| d.key.contains(&offset))
        .min_by_key(|d| d.path.len())?;
    let before = || definitions.iter().filter(|d| d.key.end <= second.key.start);
    // An explicit earlier definition of the same path, else the first that made it implicitly
    // (`seller.legal_name = …` defines the table `seller`).
    let first = before()
        .find(|d| d.path == second.path)
        .or_else(|| before().find(|d| d.path.starts_with(&second.path)))?;
    Some(Duplicate {
        path: shown_path(&second.path),
        table: second.header,
        first: first.key.start,
    })
}

/// Marks the parts of a path that number the entries of an array of tables.
const ENTRY: char = '\u{0}';

fn shown_path(parts: &[String]) -> String {
    let shown: Vec<String> = parts
        .iter()
        .filter(|p| !p.starts_with(ENTRY))
        .map(|p| {
            let bare = !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if bare { p.clone() } else { format!("{p:?}") }
        })
        .collect();
    shown.join(".")
}

/// Every key path the document defines, in the order written: table headers, and each key of
/// a key/value pair with every prefix of a dotted key, inside inline tables too (a value in an
/// array has no path of its own and is left out).
fn definitions(text: &str) -> Vec<Definition> {
    let source = toml_parser::Source::new(text);
    let tokens: Vec<_> = source.lex().collect();
    let mut events: Vec<Event> = Vec::new();
    toml_parser::parser::parse_document(&tokens, &mut events, &mut ());
    let mut walk = Walk::default();
    for event in &events {
        walk.event(&source, event);
    }
    walk.definitions
}

#[derive(Default)]
struct Walk {
    definitions: Vec<Definition>,
    /// The path of the current `[table]` (or array-of-tables entry).
    table: Vec<String>,
    /// Key parts read since the last header or key/value separator.
    keys: Vec<(String, std::ops::Range<usize>)>,
    /// The path of the value being read (the last key/value pair's full key).
    value: Vec<String>,
    /// For each open inline table, its path; `None` for an open array.
    nested: Vec<Option<Vec<String>>>,
    /// How many entries each array of tables has so far.
    entries: std::collections::HashMap<Vec<String>, usize>,
}

impl Walk {
    fn event(&mut self, source: &toml_parser::Source<'_>, event: &Event) {
        let span = event.span();
        match event.kind() {
            EventKind::StdTableOpen | EventKind::ArrayTableOpen => self.keys.clear(),
            EventKind::SimpleKey => {
                let mut name = String::new();
                if let Some(raw) = source.get(span) {
                    toml_parser::Raw::new_unchecked(raw.as_str(), event.encoding(), span)
                        .decode_key(&mut name, &mut ());
                }
                self.keys.push((name, span.start()..span.end()));
            }
            EventKind::StdTableClose => {
                self.table = self.keys.iter().map(|(k, _)| k.clone()).collect();
                self.define(Vec::new(), true);
                self.keys.clear();
            }
            EventKind::ArrayTableClose => {
                let path: Vec<String> = self.keys.iter().map(|(k, _)| k.clone()).collect();
                self.define(Vec::new(), true);
                let entry = self.entries.entry(path.clone()).or_default();
                *entry += 1;
                self.table = path;
                self.table.push(format!("{ENTRY}{entry}"));
                self.keys.clear();
            }
            EventKind::KeyValSep => {
                let base = match self.nested.last() {
                    None => Some(self.table.clone()),
                    Some(inline) => inline.clone(),
                };
                if let Some(base) = base {
                    self.value = self.define(base, false);
                }
                self.keys.clear();
            }
            EventKind::InlineTableOpen => {
                let path = self.nested.last().is_none_or(Option::is_some);
                self.nested.push(path.then(|| self.value.clone()));
            }
            EventKind::ArrayOpen => self.nested.push(None),
            EventKind::InlineTableClose | EventKind::ArrayClose => {
                self.nested.pop();
            }
            _ => {}
        }
    }

    /// Records `base` + each prefix of the key parts read; returns the full path.
    fn define(&mut self, base: Vec<String>, header: bool) -> Vec<String> {
        let mut path = base;
        let last = self.keys.len().saturating_sub(1);
        for (i, (name, key)) in self.keys.iter().enumerate() {
            path.push(name.clone());
            // A header defines only its whole path; `[a.b]` leaves `[a]` free to be written.
            if !header || i == last {
                self.definitions.push(Definition {
                    path: path.clone(),
                    key: key.clone(),
                    header,
                });
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, offset: usize) -> usize {
        text[..offset].matches('\n').count() + 1
    }

    /// (path, is a table, line of the first definition) of the duplicate the parser reports.
    fn duplicate(text: &str) -> Option<(String, bool, usize)> {
        let error = toml::de::DeTable::parse(text).expect_err("a duplicate");
        let offset = error.span().expect("a place").start;
        find(text, offset).map(|d| (d.path, d.table, line_of(text, d.first)))
    }

    #[test]
    fn names_the_table_or_key_and_its_first_line() {
        let cases = [
            (
                "format = 1\n[seller]\nlegal_name = \"a\"\n[seller]\n",
                ("seller", true, 2),
            ),
            (
                "[seller]\nlegal_name = \"a\"\nlegal_name = \"b\"\n",
                ("seller.legal_name", false, 2),
            ),
            (
                "[seller]\n'legal_name' = 1\n\"legal_name\" = 2\n",
                ("seller.legal_name", false, 2),
            ),
            (
                "seller.legal_name = \"a\"\n\n[seller]\n",
                ("seller", true, 1),
            ),
            (
                "[lianlian]\nreceiving_account = { iban = \"x\" }\n[lianlian.receiving_account]\n",
                ("lianlian.receiving_account", true, 2),
            ),
            (
                "[lianlian.receiving_account]\niban = 1\n[lianlian]\nx = 1\n[lianlian.receiving_account]\n",
                ("lianlian.receiving_account", true, 1),
            ),
            ("[a]\nt = { x = 1, x = 2 }\n", ("a.t.x", false, 2)),
            ("format = 1\n\nformat = 2\n", ("format", false, 1)),
            ("[\"a.b\"]\n[\"a.b\"]\n", ("\"a.b\"", true, 1)),
        ];
        for (text, (path, table, line)) in cases {
            assert_eq!(
                duplicate(text),
                Some((path.to_string(), table, line)),
                "{text}"
            );
        }
    }

    #[test]
    fn entries_of_an_array_of_tables_are_apart() {
        let text = "[[bindcheck.ignore]]\ncode = \"BC1\"\n[[bindcheck.ignore]]\ncode = \"BC2\"\ncode = \"BC3\"\n";
        assert_eq!(
            duplicate(text),
            Some(("bindcheck.ignore.code".into(), false, 4))
        );
    }
}
