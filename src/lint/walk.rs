//! PATH arguments → the profile files to check, sorted by path.
//!
//! Folders are walked with the `ignore` crate, so `.gitignore`, `.ignore` and hidden files are
//! honoured the way `git` and `ripgrep` users expect, even outside a git repository. Symbolic
//! links are followed (a folder of profiles is often a link into a shared drive); a link that
//! loops back to one of its ancestors is skipped with a warning, since every file under it is
//! reached another way.
//!
//! Inside a folder only `*.toml` files are candidates (a FIFO or device of that name too, so
//! that it is reported as not a regular file rather than skipped in silence), `bindcheck.toml`
//! (the configuration) is never one, and a candidate is checked only if it looks like a profile
//! ([`looks_like_profile`]): a folder of profiles often also holds other TOML (tool settings,
//! templates), and reporting each as "format is missing" would drown the real findings, while
//! an empty or comment-only file is a profile that lost its content and is reported. A file
//! named explicitly on the command line is always checked.

use crate::profile::schema;
use std::path::{Path, PathBuf};

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    /// Named on the command line (checked even if it does not look like a profile).
    pub explicit: bool,
}

impl Target {
    /// The path as shown in reports and used in fingerprints.
    pub fn display(&self) -> String {
        display(&self.path)
    }
}

/// A path shown in reports: as given, with `/` separators on every platform so reports and
/// baselines written on Windows match those written on Linux.
pub fn display(path: &Path) -> String {
    let shown = path.display().to_string();
    if std::path::MAIN_SEPARATOR == '\\' {
        shown.replace('\\', "/")
    } else {
        shown
    }
}

/// A path that could not be walked or read before checking started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkFailure {
    pub path: PathBuf,
    /// `NotFound` for a PATH argument that does not exist.
    pub kind: std::io::ErrorKind,
    /// The system's words for it.
    pub text: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Sorted by path, without duplicates.
    pub targets: Vec<Target>,
    /// Paths that do not exist or could not be listed: reported like unreadable files.
    pub failures: Vec<WalkFailure>,
    /// Symbolic links that loop back to a folder above them (the link, the folder), skipped
    /// since every file under them is reached already; said on stderr.
    pub link_loops: Vec<(PathBuf, PathBuf)>,
}

/// Expands PATH arguments into the files to check.
pub fn collect(paths: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    let mut followed_link = false;
    for root in paths {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => followed_link |= walk_dir(root, &mut walked),
            Ok(_) => walked.targets.push(Target {
                path: root.clone(),
                explicit: true,
            }),
            Err(e) => walked.failures.push(WalkFailure {
                path: root.clone(),
                kind: e.kind(),
                text: io_message(&e),
            }),
        }
    }
    walked
        .targets
        .sort_by(|a, b| a.path.cmp(&b.path).then(b.explicit.cmp(&a.explicit)));
    // The same file reached twice (named and inside a named folder) is checked once; the
    // explicit entry sorts first and wins.
    walked
        .targets
        .dedup_by(|later, first| later.path == first.path);
    if followed_link || paths.len() > 1 {
        // A link into another part of the tree, or a second path (`dir ./dir`, `dir
        // dir/../dir/a.toml`), reaches the same file under a second name; check it once,
        // under the name that sorts first. Only paid for when a link or a second path was
        // seen: one folder walked without links names each file once.
        let mut seen = std::collections::HashSet::new();
        walked.targets.retain(|t| seen.insert(same_file(&t.path)));
    }
    walked.failures.sort_by(|a, b| a.path.cmp(&b.path));
    walked.failures.dedup();
    walked
}

/// Walks one folder; returns whether a symbolic link was followed.
fn walk_dir(root: &Path, walked: &mut Walked) -> bool {
    let mut followed_link = false;
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        // Honour .gitignore in a folder that is not (yet) a git repository too.
        .require_git(false)
        // Siblings' paths are their folder's path plus their name, so comparing the whole
        // paths as bytes orders them by name without re-parsing either into components.
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                followed_link |= entry.path_is_symlink();
                // Anything but a folder: a FIFO or a device named `*.toml` is reported as not
                // a regular file when it is read, as it is when named on the command line.
                let not_folder = entry.file_type().is_some_and(|t| !t.is_dir());
                let path = entry.path();
                let is_toml = path.extension().is_some_and(|e| e == "toml");
                let is_config = path
                    .file_name()
                    .is_some_and(|n| n == super::config::CONFIG_NAME);
                if not_folder && is_toml && !is_config {
                    walked.targets.push(Target {
                        path: path.to_path_buf(),
                        explicit: false,
                    });
                }
            }
            Err(error) => match find_loop(&error) {
                Some((ancestor, child)) => walked
                    .link_loops
                    .push((child.to_path_buf(), ancestor.to_path_buf())),
                None => walked.failures.push(WalkFailure {
                    path: error_path(&error).unwrap_or(root).to_path_buf(),
                    kind: error
                        .io_error()
                        .map_or(std::io::ErrorKind::Other, std::io::Error::kind),
                    text: walk_message(&error),
                }),
            },
        }
    }
    followed_link
}

fn find_loop(error: &ignore::Error) -> Option<(&Path, &Path)> {
    match error {
        ignore::Error::Loop { ancestor, child } => Some((ancestor, child)),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => find_loop(err),
        ignore::Error::Partial(errors) => errors.iter().find_map(find_loop),
        _ => None,
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn walk_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_message(err),
        ignore::Error::Io(e) => io_message(e),
        other => other.to_string(),
    }
}

/// A key under which two spellings of one file are equal (`a.toml`, `./a.toml`,
/// `dir/../a.toml`, an absolute path, a symbolic link): the canonical path when the file
/// exists, else its folder's canonical path and its name (an output not written yet).
pub fn same_file(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let folder = super::baseline::folder_of(path);
    match (std::fs::canonicalize(&folder), path.file_name()) {
        (Ok(real), Some(name)) => real.join(name),
        _ => path.to_path_buf(),
    }
}

/// An I/O error without the "(os error N)" suffix, which means nothing to a seller.
pub fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Whether a TOML file found in a folder is to be checked as a seller profile: it has a
/// top-level `format` key or a table of the profile format (`[seller]`, `[lianlian]`,
/// `ozon.legal_name = …`, …), or it has no key at all. An empty, blank or comment-only file is
/// a profile that lost its content (a truncated save, a failed export), and is reported as one
/// (BC005) rather than passing in silence; a file whose keys are all foreign (`[package]`,
/// `[tool.…]`, `title = …`) belongs to another tool and is skipped.
///
/// This is a line scan, not a parse: it must be cheap (every file is parsed once more by the
/// loader anyway) and it must also accept a profile that is broken TOML, so that the breakage
/// is reported instead of the file being silently skipped. Bytes that are not UTF-8 count as a
/// profile for the same reason.
pub fn looks_like_profile(bytes: &[u8]) -> bool {
    let mut at_root = true;
    // Whether a key or table of another format was seen; a profile's own key still wins.
    let mut foreign = false;
    let mut seen_line = false;
    // Line by line, each checked as UTF-8 only when reached: a profile usually answers on its
    // first line, so most of the file is never validated. A newline byte is never inside a
    // multi-byte character, so the file is UTF-8 exactly when every line is, and any answer
    // before a bad line is the one a whole-file check would give (a file that is not UTF-8
    // counts as a profile either way).
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let Ok(line) = std::str::from_utf8(line) else {
            return true;
        };
        // What `str::lines` yields: without the "\n" or "\r\n" ending.
        let line = line
            .strip_suffix('\n')
            .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        // Invisible characters, unusual spaces and controls before a key (a second
        // byte-order mark, a NUL from a broken export) break the file but do not make it
        // another tool's: the key after them decides, and the loader reports them.
        let line = line.trim_start_matches(|c: char| {
            c.is_whitespace() || crate::unicode::is_unsafe_to_print(c)
        });
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // The first line of any TOML file is a table header or a key: a file that starts
        // with anything else (JSON, prose, a PEM block) is no other tool's TOML but a broken
        // file, and is reported.
        if !seen_line && !line.starts_with('[') && !starts_with_key(line) {
            return true;
        }
        seen_line = true;
        if let Some(header) = line.strip_prefix('[') {
            at_root = false;
            let header = header.strip_prefix('[').unwrap_or(header);
            if is_profile_section(first_key(header)) {
                return true;
            }
            foreign = true;
        } else if at_root {
            let key = first_key(line);
            if key == "format" || is_profile_section(key) {
                return true;
            }
            foreign = true;
        }
    }
    !foreign
}

/// The first segment of a (possibly dotted, possibly quoted) key at the start of `text`.
fn first_key(text: &str) -> &str {
    split_key(text.trim_start()).0
}

/// Whether `line` starts with a key followed by `=` or a dot (a key/value line of TOML).
fn starts_with_key(line: &str) -> bool {
    split_key(line)
        .1
        .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']))
}

/// The first key segment at the start of `text` and what follows it: no rest when a quoted
/// key is not closed or a bare key is empty.
fn split_key(text: &str) -> (&str, Option<&str>) {
    for quote in ['"', '\''] {
        if let Some(rest) = text.strip_prefix(quote) {
            return match rest.find(quote) {
                Some(end) => (&rest[..end], Some(&rest[end + 1..])),
                None => (rest, None),
            };
        }
    }
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    (&text[..end], (end > 0).then(|| &text[end..]))
}

fn is_profile_section(name: &str) -> bool {
    !name.is_empty()
        && schema::SECTIONS
            .iter()
            .any(|s| !s.path.contains('.') && s.path == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_profiles_by_format_or_section() {
        assert!(looks_like_profile(b"format = 1\n"));
        assert!(looks_like_profile(b"# comment\n  format=1"));
        assert!(looks_like_profile(b"[seller]\nlegal_name = 'x'\n"));
        assert!(looks_like_profile(b"[ seller . x ]\n"));
        assert!(looks_like_profile(b"[[bindcheck.ignore]]\ncode = 'BC1'\n"));
        assert!(looks_like_profile(b"ozon.legal_name = \"x\"\n"));
        assert!(looks_like_profile(b"\"lianlian\".merchant_id = \"x\"\n"));
        assert!(looks_like_profile(b"format = 1\n[broken\n"));
        assert!(looks_like_profile(b"\xff\xfe"));
        // Not UTF-8 further down still counts, as does a byte-order mark or CRLF endings.
        assert!(looks_like_profile(
            b"title = \"x\"\n[tool]\nname = \"\xff\"\n"
        ));
        assert!(looks_like_profile(b"\xef\xbb\xbfformat = 1\r\n"));
        // A file that is not TOML at all is reported, whatever it holds.
        assert!(looks_like_profile(b"{\"format\": 1, \"seller\": {}}\n"));
        assert!(looks_like_profile(
            b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
        ));
        assert!(looks_like_profile(b"just some notes\ntitle = \"x\"\n"));
        // Another tool's TOML, whose later lines are not keys (a multi-line string), is not.
        assert!(!looks_like_profile(
            b"title = \"x\"\ndescription = \"\"\"\nfree text\n\"\"\"\n"
        ));
        assert!(!looks_like_profile(b"\"quoted key\" = 1\n"));
        assert!(!looks_like_profile(b"tool.black.line-length = 88\n"));
        assert!(looks_like_profile(b"# x\r\n\"seller\"\r\n"));
        // Broken by invisible or control characters before the first key: still a profile.
        assert!(looks_like_profile(b"\xef\xbb\xbf\xef\xbb\xbfformat = 1\n"));
        assert!(looks_like_profile(b"\x00\x01format = 1\n"));
        assert!(looks_like_profile(b"\xe2\x80\x8b[seller]\n"));
        assert!(!looks_like_profile(b"\xef\xbb\xbf\xef\xbb\xbf[package]\n"));
    }

    #[test]
    fn a_file_without_keys_is_a_profile_that_lost_its_content() {
        assert!(looks_like_profile(b""));
        assert!(looks_like_profile(b"\n\n  \r\n"));
        assert!(looks_like_profile(
            b"# seller profile, to be filled in\n\n# [seller]\n"
        ));
        assert!(looks_like_profile(b"\xef\xbb\xbf"));
    }

    #[test]
    fn other_toml_is_not_a_profile() {
        assert!(!looks_like_profile(b"# Cargo\n[package]\nname = \"x\"\n"));
        assert!(!looks_like_profile(
            b"[project]\nname = \"x\"\n[tool.black]\n"
        ));
        assert!(!looks_like_profile(b"title = \"x\"\n"));
        assert!(!looks_like_profile(
            b"[package]\nname = \"x\"\nformat = 1\n[dependencies]\n"
        ));
        assert!(!looks_like_profile(b"formats = 2\n[sellers]\n"));
        assert!(!looks_like_profile(b"title = \"x\"\n[tool.seller]\n"));
    }

    #[test]
    fn first_key_reads_bare_and_quoted_keys() {
        assert_eq!(first_key("seller.name = 1"), "seller");
        assert_eq!(first_key("\"a.b\".c = 1"), "a.b");
        assert_eq!(first_key("'x'"), "x");
        assert_eq!(first_key("= 1"), "");
        assert_eq!(first_key("深圳 = 1"), "");
    }
}
