//! The answers as a commented profile on disk (`--save FILE`), written after every answer.
//!
//! The document is edited with `toml_edit`, so a file being continued keeps every comment, key
//! and value it had, byte for byte; each answer is added to its table with the field's meaning
//! as a comment (the words `init` writes), and string values are basic strings in which every
//! invisible, bidi or control character is an escape (`\u200B`), so the file shows what was
//! pasted. A new file is created only where none exists; every later write replaces the file
//! atomically, and only while it still holds what was last written (see
//! [`crate::lint::fix::write_atomic`]).

use crate::lint::fix::{FixError, write_atomic};
use crate::profile::schema;
use crate::rulepack::Lang;
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item, Table, Value};

/// Why the answers could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// A new profile was to be created where a file already is.
    #[error("{0} already exists")]
    Exists(String),
    /// The file to continue cannot be read.
    #[error("cannot read {path}: {reason}")]
    Unreadable {
        /// The file, as the user named it.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// The file to continue is not a profile that can be edited without changing the rest.
    #[error("{0} cannot be continued: it is not a profile bindcheck can edit without changing it")]
    NotEditable(String),
    /// The file changed on disk since the interview last wrote it.
    #[error("{0} was changed by something else since bindcheck wrote it; nothing was overwritten")]
    Changed(String),
    /// Writing failed.
    #[error("cannot write {path}: {reason}")]
    Io {
        /// The file, as the user named it.
        path: String,
        /// What the system said.
        reason: String,
    },
}

/// The profile being written.
#[derive(Debug, Clone)]
pub struct Saved {
    path: PathBuf,
    /// The path as messages show it (escaped).
    shown: String,
    doc: DocumentMut,
    /// The file's bytes as last read or written; `None` until it is created.
    on_disk: Option<Vec<u8>>,
    lang: Lang,
}

impl Saved {
    /// A new profile for `path`, where no file may exist yet. Nothing is written until
    /// [`Saved::write`].
    pub fn create(path: &Path, lang: Lang) -> Result<Self, SaveError> {
        let shown = shown(path);
        if path.symlink_metadata().is_ok() {
            return Err(SaveError::Exists(shown));
        }
        let header = match lang {
            Lang::En => format!(
                "# bindcheck seller profile, written by `bindcheck interview` after every answer.\n\
                 # Continue it: bindcheck interview --save {shown}\n\
                 # Diagnose it: bindcheck diagnose {shown}\n\n"
            ),
            Lang::Zh => format!(
                "# bindcheck 卖家档案，由 `bindcheck interview` 在每次回答后写入。\n\
                 # 继续问答：bindcheck interview --save {shown}\n\
                 # 诊断：bindcheck diagnose {shown}\n\n"
            ),
        };
        let doc = format!("{header}format = 1\n")
            .parse::<DocumentMut>()
            .map_err(|_| SaveError::NotEditable(shown.clone()))?;
        Ok(Saved {
            path: path.to_path_buf(),
            shown,
            doc,
            on_disk: None,
            lang,
        })
    }

    /// The profile at `path`, to be continued: it must be a TOML text that `toml_edit`
    /// reproduces byte for byte, so that adding answers changes nothing else.
    pub fn open(path: &Path, lang: Lang) -> Result<Self, SaveError> {
        let shown = shown(path);
        let bytes = crate::input::read_profile(path).map_err(|e| SaveError::Unreadable {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let text =
            String::from_utf8(bytes.clone()).map_err(|_| SaveError::NotEditable(shown.clone()))?;
        let doc = text
            .parse::<DocumentMut>()
            .ok()
            .filter(|doc| doc.to_string() == text)
            .ok_or_else(|| SaveError::NotEditable(shown.clone()))?;
        Ok(Saved {
            path: path.to_path_buf(),
            shown,
            doc,
            on_disk: Some(bytes),
            lang,
        })
    }

    /// The path, escaped for messages.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The profile's text as it stands (written or not).
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// Puts `value` at `field` (a field of the format), with its meaning as a comment; `false`
    /// when the file has something else where the field's table belongs.
    pub fn set(&mut self, field: &str, value: Value) -> bool {
        set(&mut self.doc, field, value, self.lang)
    }

    /// Adds the table at `section` (empty), unless the profile has it.
    pub fn add_section(&mut self, section: &str) -> bool {
        table(&mut self.doc, section, self.lang).is_some()
    }

    /// Writes the profile: creates the file when it does not exist yet (never replacing one
    /// that appeared meanwhile), else replaces it atomically if it still holds what was last
    /// written. Unchanged text is not written again.
    pub fn write(&mut self) -> Result<(), SaveError> {
        let new = self.doc.to_string().into_bytes();
        if self.on_disk.as_deref() == Some(new.as_slice()) {
            return Ok(());
        }
        let io = |e: &std::io::Error| SaveError::Io {
            path: self.shown.clone(),
            reason: crate::lint::walk::io_message(e),
        };
        let read: &[u8] = match &self.on_disk {
            Some(bytes) => bytes,
            None => {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&self.path)
                    .map_err(|e| match e.kind() {
                        std::io::ErrorKind::AlreadyExists => SaveError::Exists(self.shown.clone()),
                        _ => io(&e),
                    })?;
                b""
            }
        };
        write_atomic(&self.path, read, &new).map_err(|e| match e {
            FixError::Changed => SaveError::Changed(self.shown.clone()),
            other => SaveError::Io {
                path: self.shown.clone(),
                reason: other.to_string(),
            },
        })?;
        self.on_disk = Some(new);
        Ok(())
    }
}

fn shown(path: &Path) -> String {
    crate::unicode::escape(&path.display().to_string()).into_owned()
}

/// Sets `value` at `field` in `doc`, creating its tables; the value carries the field's
/// meaning as a trailing comment, and stands among its table's keys in the format's order.
/// `false` when something other than a table stands where one of them belongs (the file is
/// then left for the seller to correct).
fn set(doc: &mut DocumentMut, field: &str, mut value: Value, lang: Lang) -> bool {
    let key = field.rsplit('.').next().unwrap_or(field);
    let comment = schema::field(field)
        .map(|spec| format!("    # {}", spec.comment(lang)))
        .unwrap_or_default();
    value.decor_mut().set_prefix(" ");
    value.decor_mut().set_suffix(comment);
    let parent = schema::parent_of(field);
    let Some(table) = table(doc, parent, lang) else {
        return false;
    };
    table.insert(key, Item::Value(value));
    in_format_order(table, parent, key);
    true
}

/// Moves the key `new` of `table` (at `section`) after the last other key that the format
/// lists before it, leaving every other key where it was.
fn in_format_order(table: &mut Table, section: &str, new: &str) {
    let index = |key: &str| {
        schema::FIELDS
            .iter()
            .position(|f| f.path == schema::child_path(section, key))
    };
    let Some(own) = index(new) else { return };
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let before = keys
        .iter()
        .filter(|k| k.as_str() != new)
        .enumerate()
        .filter(|(_, k)| index(k).is_some_and(|i| i < own))
        .map(|(at, _)| at as i64)
        .last()
        .unwrap_or(-1);
    let rank = |key: &str| -> i64 {
        if key == new {
            2 * before + 1
        } else {
            let at = keys
                .iter()
                .filter(|k| k.as_str() != new)
                .position(|k| k == key);
            2 * at.map_or(i64::MAX / 4, |at| at as i64)
        }
    };
    table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
}

/// The table at the dotted path `section` (the root for ""), created with its meaning as a
/// comment above its header when missing, and placed among the tables in the format's order.
/// A deposit method's table is the first entry of `[[amazon.deposit_methods]]` when the
/// profile describes its deposit methods that way.
fn table<'d>(doc: &'d mut DocumentMut, section: &str, lang: Lang) -> Option<&'d mut Table> {
    let mut created = Vec::new();
    {
        let mut here: &mut Table = doc.as_table_mut();
        let mut path = String::new();
        for segment in section.split('.').filter(|s| !s.is_empty()) {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(segment);
            if here.get(segment).is_none() {
                let mut new = Table::new();
                // A parent created only to hold a sub-table has no header of its own.
                new.set_implicit(path != section);
                if let Some(spec) = schema::section(&path) {
                    new.decor_mut()
                        .set_prefix(format!("\n# {}\n", spec.about(lang)));
                }
                here.insert(segment, Item::Table(new));
                created.push(path.clone());
            }
            here = next(here, segment)?;
        }
    }
    if !created.is_empty() {
        place(doc, &created);
    }
    let mut here: &mut Table = doc.as_table_mut();
    for segment in section.split('.').filter(|s| !s.is_empty()) {
        here = next(here, segment)?;
    }
    Some(here)
}

/// The table under `key`: a table, or the first entry of an array of tables (an inline table
/// is left alone: `None`).
fn next<'t>(table: &'t mut Table, key: &str) -> Option<&'t mut Table> {
    match table.get_mut(key)? {
        Item::Table(table) => Some(table),
        Item::ArrayOfTables(array) => array.get_mut(0),
        _ => None,
    }
}

/// Orders the tables of `doc` so that each of `created` (new, parents first) comes before the
/// first table the format lists after it; the others keep their order. Tables are written in
/// the order of their positions, so only positions change.
fn place(doc: &mut DocumentMut, created: &[String]) {
    let mut order: Vec<(isize, String)> = Vec::new();
    let mut last = 0;
    displayed(doc.as_table(), "", &mut last, &mut order);
    order.sort_by_key(|(position, _)| *position);
    let mut paths: Vec<String> = order
        .into_iter()
        .map(|(_, path)| path)
        .filter(|path| !created.contains(path))
        .collect();
    let rank = |path: &str| {
        let unindexed: Vec<&str> = path
            .split('.')
            .map(|s| s.split('[').next().unwrap_or(s))
            .collect();
        let unindexed = unindexed.join(".");
        schema::SECTIONS.iter().position(|s| s.path == unindexed)
    };
    for new in created {
        let own = rank(new);
        let at = paths
            .iter()
            .position(|p| matches!((rank(p), own), (Some(theirs), Some(own)) if theirs > own))
            .unwrap_or(paths.len());
        paths.insert(at, new.clone());
    }
    renumber(doc.as_table_mut(), "", &paths);
}

/// The tables under `table` as the document writes them: (position, path), an entry of an
/// array of tables with its index (`amazon.deposit_methods[1]`). A table without a position
/// of its own follows the one before it, as toml_edit writes it.
fn displayed(table: &Table, path: &str, last: &mut isize, out: &mut Vec<(isize, String)>) {
    for (key, item) in table.iter() {
        let child = schema::child_path(path, key);
        match item {
            Item::Table(t) => {
                if !t.is_dotted() {
                    *last = t.position().unwrap_or(*last);
                    out.push((*last, child.clone()));
                }
                displayed(t, &child, last, out);
            }
            Item::ArrayOfTables(array) => {
                for (i, t) in array.iter().enumerate() {
                    let entry = format!("{child}[{i}]");
                    *last = t.position().unwrap_or(*last);
                    out.push((*last, entry.clone()));
                    displayed(t, &entry, last, out);
                }
            }
            _ => {}
        }
    }
}

/// Gives each table of `paths` its index there as its position.
fn renumber(table: &mut Table, path: &str, paths: &[String]) {
    for (key, item) in table.iter_mut() {
        let child = schema::child_path(path, key.get());
        match item {
            Item::Table(t) => {
                if let Some(at) = paths.iter().position(|p| *p == child) {
                    t.set_position(Some(at as isize + 1));
                }
                renumber(t, &child, paths);
            }
            Item::ArrayOfTables(array) => {
                for (i, t) in array.iter_mut().enumerate() {
                    let entry = format!("{child}[{i}]");
                    if let Some(at) = paths.iter().position(|p| *p == entry) {
                        t.set_position(Some(at as isize + 1));
                    }
                    renumber(t, &entry, paths);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::answer::{Given, value};

    fn text(path: &str, given: &str) -> Value {
        value(
            schema::field(path).unwrap(),
            Given::Text(given.into()),
            &crate::rulepack::RulePack::builtin().unwrap(),
            Lang::En,
        )
        .unwrap()
        .value
    }

    /// Whatever is pasted reads back exactly, and the file shows every character that must
    /// not stand raw as an escape.
    #[test]
    fn answers_read_back_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let answers = [
            "LL2024SZXH\u{200B}0000000000A7K3",
            "a \"quoted\" \\ back\\slash",
            "深圳市\u{3000}星河科技有限公司 ",
            "tab\there\nnew line\r",
            "bidi\u{202E}txt\u{2066}",
            "emoji \u{1F600} and \u{FEFF}bom \u{7}bell",
        ];
        for (i, answer) in answers.iter().enumerate() {
            let path = dir.path().join(format!("{i}.toml"));
            let mut saved = Saved::create(&path, Lang::Zh).unwrap();
            assert!(saved.set("seller.legal_name", text("seller.legal_name", answer)));
            saved.write().unwrap();
            let written = std::fs::read_to_string(&path).unwrap();
            let (profile, issues) = crate::profile::load(
                "p.toml",
                written.as_bytes(),
                &crate::profile::credentials::test_policy(),
            )
            .unwrap();
            assert!(issues.is_empty(), "{written}");
            assert_eq!(
                profile.text("seller.legal_name"),
                Some(*answer),
                "{written}"
            );
            assert!(
                !written
                    .chars()
                    .any(|c| c != '\n' && crate::unicode::is_unsafe_to_print(c)),
                "{written:?}"
            );
            assert!(
                written.contains("# 与营业执照完全一致的公司名称"),
                "{written}"
            );
        }
    }

    /// A file being continued keeps every byte it had; answers join their tables in the
    /// format's order, new tables too.
    #[test]
    fn continuing_changes_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        let original = "# my notes\nformat = 1\n\n[lianlian]   # our account\nmerchant_id = 'X1'  # from the screen\nkyc_level=3\n\n[ozon]\nseller_id = \"1\"\n";
        std::fs::write(&path, original).unwrap();
        let mut saved = Saved::open(&path, Lang::En).unwrap();
        assert_eq!(saved.text(), original);
        assert!(saved.set("lianlian.login", text("lianlian.login", "me@example.com")));
        assert!(saved.set("seller.legal_name", text("seller.legal_name", "ACME")));
        saved.write().unwrap();
        let expected = "# my notes\nformat = 1\n\n# The legal entity, as on the business licence\n[seller]\nlegal_name = \"ACME\"    # Legal name exactly as printed on the business licence\n\n[lianlian]   # our account\nmerchant_id = 'X1'  # from the screen\nlogin = \"me@example.com\"    # The LianLian login account\nkyc_level=3\n\n[ozon]\nseller_id = \"1\"\n";
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    }

    /// A new profile never replaces a file, and a profile changed by something else since it
    /// was written is not overwritten.
    #[test]
    fn nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "not mine").unwrap();
        assert!(matches!(
            Saved::create(&path, Lang::En),
            Err(SaveError::Exists(_))
        ));
        assert!(matches!(
            Saved::open(&path, Lang::En),
            Err(SaveError::NotEditable(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not mine");

        let path = dir.path().join("q.toml");
        let mut saved = Saved::create(&path, Lang::En).unwrap();
        saved.write().unwrap();
        std::fs::write(&path, "format = 1\n# edited by hand\n").unwrap();
        saved.set("lianlian.login", text("lianlian.login", "x"));
        assert!(matches!(saved.write(), Err(SaveError::Changed(_))));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "format = 1\n# edited by hand\n"
        );
    }
}
