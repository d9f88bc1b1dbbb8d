//! `--fix` and `--diff`: apply safe fixes to a profile without touching anything else.
//!
//! A fix replaces one string value. The document is edited with `toml_edit`, which keeps every
//! comment, blank line and key as written; the new value is a basic string (`"…"`) with any
//! character that must not stay raw written as an escape, so a fix never introduces an
//! invisible character of its own. The file is written atomically (a temporary file in the same
//! folder, then a rename), and only if it still holds the bytes that were checked.

use crate::finding::Applicability;
use crate::rank::Ranked;
use crate::source::Span;
use std::io::Write;
use std::path::{Path, PathBuf};
use toml_edit::{Document, DocumentMut, Item, Value};

/// One safe replacement of a string value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Dotted key path of the value.
    pub field: String,
    /// The value's span in the checked text (from its opening quote).
    pub span: Span,
    /// The new value (decoded text).
    pub replacement: String,
}

/// Why fixes could not be applied or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("the file changed since it was read; run bindcheck again")]
    Changed,
    #[error("not valid TOML for editing: {0}")]
    Parse(String),
    #[error("toml_edit would not reproduce the file byte for byte; fix it by hand")]
    NotRoundTrip,
    #[error("cannot write: {0}")]
    Io(String),
}

/// The safe fixes among `ranked`, one per value (the first wins; fixes of the same value from
/// several rules all hold the whole safe-fixed value).
pub fn safe_edits<'a>(ranked: impl IntoIterator<Item = &'a Ranked>) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for r in ranked {
        let Some(fix) = &r.finding.fix else { continue };
        if fix.applicability != Applicability::Safe || edits.iter().any(|e| e.span == fix.span) {
            continue;
        }
        edits.push(Edit {
            field: r.finding.field.clone(),
            span: fix.span.clone(),
            replacement: fix.replacement.clone(),
        });
    }
    edits
}

/// One step from a table to a value inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Applies `edits` to `text` and returns the new text and how many edits were applied. An edit
/// whose key path does not lead to a string value at exactly its span is skipped, so a fix
/// never lands on another occurrence of the key.
pub fn apply(text: &str, edits: &[Edit]) -> Result<(String, usize), FixError> {
    // toml_edit does not accept a byte-order mark; keep it and edit what follows.
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    // toml_edit writes LF line ends. A profile saved with CRLF (Windows Notepad) is edited as
    // LF and written back with CRLF, so it keeps its line ends.
    let crlf_at: Vec<usize> = body.match_indices("\r\n").map(|(i, _)| i).collect();
    let crlf = !crlf_at.is_empty() && crlf_at.len() == body.matches('\n').count();
    // toml_edit ends what it writes with a line end. A file without one is edited with one
    // added at the very end, where no offset of the file points, and written back without it.
    let unterminated = !body.is_empty() && !body.ends_with('\n');
    let mut work = if crlf {
        body.replace("\r\n", "\n")
    } else {
        body.to_string()
    };
    if unterminated {
        work.push('\n');
    }
    let work = work.as_str();
    // A source offset → the offset in `work`.
    let to_work = |offset: usize| -> Option<usize> {
        let offset = offset.checked_sub(bom.len())?;
        let removed = if crlf {
            crlf_at.partition_point(|&i| i < offset)
        } else {
            0
        };
        offset.checked_sub(removed)
    };
    let parsed = Document::parse(work).map_err(|e| FixError::Parse(one_line(&e.to_string())))?;
    let routes: Vec<(Vec<Step>, &Edit)> = edits
        .iter()
        .filter_map(|edit| {
            let span = to_work(edit.span.start)?..to_work(edit.span.end)?;
            route(parsed.as_item(), &edit.field, &span).map(|r| (r, edit))
        })
        .collect();
    let mut doc: DocumentMut = parsed.into_mut();
    if doc.to_string() != work {
        return Err(FixError::NotRoundTrip);
    }
    let mut applied = 0;
    for (steps, edit) in routes {
        if let Some(value) = value_mut(doc.as_item_mut(), &steps) {
            let encoded = basic_string(&edit.replacement);
            if let Ok(mut new) = encoded.parse::<Value>() {
                *new.decor_mut() = value.decor().clone();
                *value = new;
                applied += 1;
            }
        }
    }
    let mut out = doc.to_string();
    if unterminated && out.ends_with('\n') {
        out.pop();
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    Ok((format!("{bom}{out}"), applied))
}

/// The steps to the string value at `field` whose span is `span`.
fn route(root: &Item, field: &str, span: &Span) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut item = root;
    for key in field.split('.') {
        item = item.get(key)?;
        steps.push(Step::Key(key.to_string()));
    }
    match item {
        Item::Value(Value::String(s)) if s.span().as_ref() == Some(span) => Some(steps),
        Item::Value(Value::Array(array)) => {
            let index = array
                .iter()
                .position(|v| v.is_str() && v.span().as_ref() == Some(span))?;
            steps.push(Step::Index(index));
            Some(steps)
        }
        _ => None,
    }
}

fn value_mut<'a>(root: &'a mut Item, steps: &[Step]) -> Option<&'a mut Value> {
    let mut item = root;
    let mut value: Option<&'a mut Value> = None;
    for step in steps {
        match step {
            Step::Key(key) => item = item.get_mut(key.as_str())?,
            Step::Index(i) => {
                value = item.as_array_mut()?.get_mut(*i);
                return value.filter(|v| v.is_str());
            }
        }
    }
    if let Item::Value(v) = item {
        value = Some(v);
    }
    value.filter(|v| v.is_str())
}

/// `s` as a TOML basic string. Characters TOML requires escaped, and any other character that
/// must never stand raw in a file a person reads (invisible, bidi, control), are escaped.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || crate::unicode::is_unsafe_to_print(c) => {
                let code = u32::from(c);
                if code > 0xFFFF {
                    out.push_str(&format!("\\U{code:08X}"));
                } else {
                    out.push_str(&format!("\\u{code:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces `path` with `new` if it still holds exactly `read`.
///
/// The new text goes to a temporary file next to the target (so the rename stays on one file
/// system) with the target's permissions and, where the system allows, its owner and group;
/// then it is renamed over the target. A symbolic link is resolved first so the link survives.
/// A file with several hard links is rewritten in place instead, so that every name of it
/// sees the fix (a rename would give the fixed text to this name only); the text is complete
/// and checked before the first byte is written. Between the comparison and the write a
/// concurrent writer can still slip in; the window is a few system calls, against the minutes
/// of a person editing.
pub fn write_atomic(path: &Path, read: &[u8], new: &[u8]) -> Result<(), FixError> {
    let io = |e: std::io::Error| FixError::Io(super::walk::io_message(&e));
    let target = std::fs::canonicalize(path).map_err(io)?;
    let current = std::fs::read(&target).map_err(io)?;
    if current != read {
        return Err(FixError::Changed);
    }
    let metadata = std::fs::metadata(&target).map_err(io)?;
    if has_other_links(&metadata) {
        return write_in_place(&target, new).map_err(io);
    }
    let dir = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp_path, mut file) = create_temp(&dir, &name).map_err(io)?;
    let written = file
        .write_all(new)
        .and_then(|_| keep_owner(&file, &metadata))
        .and_then(|_| file.set_permissions(metadata.permissions()))
        .and_then(|_| file.sync_all())
        .and_then(|_| std::fs::rename(&temp_path, &target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp_path);
        return Err(io(e));
    }
    Ok(())
}

#[cfg(unix)]
fn has_other_links(metadata: &std::fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(metadata) > 1
}

#[cfg(not(unix))]
fn has_other_links(_: &std::fs::Metadata) -> bool {
    false
}

/// Gives the new file the owner and group of the one it replaces. Only the superuser may give
/// a file away: for anyone else the new file is theirs already, which is the same owner unless
/// they edit another user's file through a writable folder; the group is kept where allowed.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let (uid, gid) = (metadata.uid(), metadata.gid());
    match std::os::unix::fs::fchown(file, Some(uid), Some(gid)) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            let _ = std::os::unix::fs::fchown(file, None, Some(gid));
            Ok(())
        }
        other => other,
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Overwrites `target` with `new` where it is, keeping its inode (and so its links, owner and
/// mode).
fn write_in_place(target: &Path, new: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(new)?;
    file.set_len(new.len() as u64)?;
    file.sync_all()
}

/// The prefix of bindcheck's temporary files for `name`; the process id and a counter follow.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.bindcheck-")
}

/// Creates a new temporary file for `name` in `dir`, named with bindcheck's prefix, this
/// process's id and a counter. Temporary files of earlier runs that were killed before they
/// could remove theirs are removed first (see [`remove_stale_temps`]).
pub(crate) fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    remove_stale_temps(dir);
    let mut last = None;
    for n in 0..100 {
        let candidate = dir.join(format!(
            "{}{}-{n}.tmp",
            temp_prefix(name),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

/// Removes, once per folder and run, the temporary files bindcheck left in `dir` when it was
/// killed: files named `.NAME.bindcheck-PID-N.tmp` whose process is gone. A file of a run that
/// is still going is left alone, and so is anything not named exactly that way.
fn remove_stale_temps(dir: &Path) {
    static SWEPT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    {
        let Ok(mut swept) = SWEPT.lock() else { return };
        if swept.iter().any(|d| d == dir) {
            return;
        }
        swept.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(stale_temp_pid) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a name of bindcheck's temporary files (`.NAME.bindcheck-PID-N.tmp`).
fn stale_temp_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once(".bindcheck-")?;
    let (pid, counter) = tail.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(counter)).then(|| pid.parse().ok())?
}

/// Whether process `pid` is running. Without `/proc` it cannot be told, and a file that may
/// belong to a running fix is never removed.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// A unified diff (3 lines of context) from `old` to `new`, with `a/PATH` and `b/PATH`
/// headers; empty when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    const CONTEXT: usize = 3;
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut i = 0;
    while i < changed.len() {
        let first = changed[i];
        let mut last = first;
        // Changes closer than twice the context share a hunk.
        while i + 1 < changed.len() && changed[i + 1] - last <= 2 * CONTEXT + 1 {
            i += 1;
            last = changed[i];
        }
        i += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(ops.len());
        let hunk = &ops[start..end];
        let (old_start, new_start) = match ops[start] {
            Op::Same(x, y) => (x, y),
            Op::Del(x) => (x, first_insert_line(&ops[start..], b.len())),
            Op::Ins(y) => (first_delete_line(&ops[start..], a.len()), y),
        };
        let old_len = hunk.iter().filter(|op| !matches!(op, Op::Ins(_))).count();
        let new_len = hunk.iter().filter(|op| !matches!(op, Op::Del(_))).count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(old_start, old_len),
            range(new_start, new_len)
        ));
        for op in hunk {
            let (mark, line) = match *op {
                Op::Same(x, _) => (' ', a[x]),
                Op::Del(x) => ('-', a[x]),
                Op::Ins(y) => ('+', b[y]),
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

fn first_insert_line(ops: &[Op], fallback: usize) -> usize {
    ops.iter()
        .find_map(|op| match op {
            Op::Same(_, y) | Op::Ins(y) => Some(*y),
            Op::Del(_) => None,
        })
        .unwrap_or(fallback)
}

fn first_delete_line(ops: &[Op], fallback: usize) -> usize {
    ops.iter()
        .find_map(|op| match op {
            Op::Same(x, _) | Op::Del(x) => Some(*x),
            Op::Ins(_) => None,
        })
        .unwrap_or(fallback)
}

/// `start,len` of a hunk header (1-based; an empty range names the line before it).
fn range(start: usize, len: usize) -> String {
    if len == 0 {
        format!("{start},0")
    } else if len == 1 {
        format!("{}", start + 1)
    } else {
        format!("{},{len}", start + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
}

/// A line diff: common prefix and suffix, and a longest-common-subsequence table for the part
/// between them. Fixes change a few values, so that part is small; when it is not, it is shown
/// as one replacement rather than spending quadratic memory.
fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    let (n, m) = (a_mid.len(), b_mid.len());
    if n.saturating_mul(m) <= 4_000_000 {
        // lcs[i][j] = length of the LCS of a_mid[i..] and b_mid[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * width + j] = if a_mid[i] == b_mid[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a_mid[i] == b_mid[j] {
                ops.push(Op::Same(prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                // On a tie, delete first: `-` lines read best before their `+` lines.
                ops.push(Op::Del(prefix + i));
                i += 1;
            } else {
                ops.push(Op::Ins(prefix + j));
                j += 1;
            }
        }
    } else {
        ops.extend((0..n).map(|i| Op::Del(prefix + i)));
        ops.extend((0..m).map(|j| Op::Ins(prefix + j)));
    }
    ops.extend((0..suffix).map(|k| Op::Same(a.len() - suffix + k, b.len() - suffix + k)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit_of(text: &str, field: &str, needle: &str, replacement: &str) -> Edit {
        let start = text.find(needle).unwrap();
        Edit {
            field: field.into(),
            span: start..start + needle.len(),
            replacement: replacement.into(),
        }
    }

    #[test]
    fn replaces_only_the_value() {
        let text = "format = 1\n# the seller\n[seller]\nlegal_name = \"A\u{200B}B\"   # keep me\n\
                    country = \"CN\"\n";
        let edit = edit_of(text, "seller.legal_name", "\"A\u{200B}B\"", "AB");
        let (new, n) = apply(text, &[edit]).unwrap();
        assert_eq!(n, 1);
        assert_eq!(
            new,
            "format = 1\n# the seller\n[seller]\nlegal_name = \"AB\"   # keep me\ncountry = \"CN\"\n"
        );
    }

    #[test]
    fn edits_dotted_inline_and_array_values_and_keeps_the_bom() {
        let text = "\u{FEFF}format = 1\nseller.legal_name = 'A '\nozon = { legal_name = \"X\\u00A0Y\" }\n\
                    [amazon]\nlist = [\"a\", \"b\u{200B}\"]\n";
        let edits = [
            edit_of(text, "seller.legal_name", "'A '", "A"),
            edit_of(text, "ozon.legal_name", "\"X\\u00A0Y\"", "X Y"),
            edit_of(text, "amazon.list", "\"b\u{200B}\"", "b"),
        ];
        let (new, n) = apply(text, &edits).unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            new,
            "\u{FEFF}format = 1\nseller.legal_name = \"A\"\nozon = { legal_name = \"X Y\" }\n\
             [amazon]\nlist = [\"a\", \"b\"]\n"
        );
    }

    #[test]
    fn keeps_crlf_line_ends_and_odd_spacing() {
        let text =
            "format = 1\r\n[seller]  \r\n\tlegal_name   =\t\"A\\u200BB\" # c\r\n  [ozon]\r\n";
        let edit = edit_of(text, "seller.legal_name", "\"A\\u200BB\"", "AB");
        assert_eq!(
            apply(text, &[edit]).unwrap(),
            (
                "format = 1\r\n[seller]  \r\n\tlegal_name   =\t\"AB\" # c\r\n  [ozon]\r\n"
                    .to_string(),
                1
            )
        );
    }

    #[test]
    fn refuses_mixed_line_ends_rather_than_rewrite_them() {
        let text = "format = 1\r\n[seller]\nlegal_name = \"A \"\r\n";
        let edit = edit_of(text, "seller.legal_name", "\"A \"", "A");
        assert_eq!(apply(text, &[edit]), Err(FixError::NotRoundTrip));
    }

    #[test]
    fn skips_an_edit_whose_span_is_not_the_value() {
        let text = "format = 1\n[seller]\nlegal_name = \"A\"\n";
        let mut edit = edit_of(text, "seller.legal_name", "\"A\"", "B");
        edit.span = 0..6;
        assert_eq!(apply(text, &[edit]).unwrap(), (text.to_string(), 0));
    }

    #[test]
    fn basic_strings_escape_what_must_not_stay_raw() {
        assert_eq!(basic_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(basic_string("x\u{202E}y\u{1}"), "\"x\\u202Ey\\u0001\"");
        assert_eq!(basic_string("深圳"), "\"深圳\"");
    }

    #[test]
    fn diff_has_context_and_separate_hunks() {
        let old: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let new = old.replace("l2\n", "L2\n").replace("l18\n", "L18\n");
        assert_eq!(
            unified_diff("p.toml", &old, &new),
            "--- a/p.toml\n+++ b/p.toml\n@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n\
             @@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n"
        );
        assert_eq!(unified_diff("p.toml", &old, &old), "");
    }

    #[test]
    fn diff_marks_a_missing_final_newline() {
        assert_eq!(
            unified_diff("p", "a\nb", "a\nc"),
            "--- a/p\n+++ b/p\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
    }
}
