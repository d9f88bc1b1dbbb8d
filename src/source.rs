//! Source text and positions.
//!
//! Every position bindcheck reports is computed here from the bytes of the file: lines are
//! 1-based, columns are 1-based and counted in Unicode scalar values (`docs/output.md`). A string value
//! may spell a character with an escape (`\u200B`); [`string_char_offsets`] maps each decoded
//! character back to where it is written, so a finding points at the escape itself.

use crate::redact::Secrets;
use std::ops::Range;

/// A byte range into the source text.
pub type Span = Range<usize>;

/// A 1-based line and column (column in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// One loaded file: its display path, its text, an index of line starts, and which parts of
/// the text hold a credential (decided when it is loaded; empty until then), which no output
/// shows.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it, for messages.
    pub path: String,
    /// The whole text.
    pub text: String,
    line_starts: Vec<usize>,
    secrets: Secrets,
    /// For each block of [`BLOCK`] bytes, how many characters start before it: a column is
    /// then counted from the nearest block instead of from its line start, so locating many
    /// places on one long line stays linear. Empty for a text of one block.
    chars_before_block: Vec<usize>,
}

/// The byte-order mark some editors write at the start of a UTF-8 file.
const BOM: char = '\u{FEFF}';

/// The stride of [`SourceFile::chars_before_block`], in bytes.
const BLOCK: usize = 4096;

/// How many characters start in `bytes` (any slice: a UTF-8 continuation byte starts none).
fn char_starts_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    /// Indexes the line starts of `text`.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        // Sized for lines of about 32 bytes, so a typical profile's starts need no regrowth.
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 2);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars_before_block = Vec::new();
        if text.len() > BLOCK {
            let mut count = 0;
            for block in text.as_bytes().chunks(BLOCK) {
                chars_before_block.push(count);
                count += char_starts_in(block);
            }
        }
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            secrets: Secrets::default(),
            chars_before_block,
        }
    }

    /// How many characters start before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let block = offset / BLOCK;
        match self.chars_before_block.get(block) {
            Some(&before) => before + char_starts_in(&bytes[block * BLOCK..offset]),
            None => char_starts_in(&bytes[..offset]),
        }
    }

    /// The parts of the text that hold a credential.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// The same, to record more (a loader, or a credential found in a `--symptom`).
    pub fn secrets_mut(&mut self) -> &mut Secrets {
        &mut self.secrets
    }

    /// The position of a byte offset. Offsets past the end, or inside a multi-byte character,
    /// are clamped to the nearest preceding character boundary. A CRLF line ending is one
    /// terminator: its `\n` has the column of its `\r`, so a place at the end of a line (an
    /// unterminated string, a missing bracket) has the same column whichever ending the file
    /// uses.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let bytes = self.text.as_bytes();
        if offset > 0 && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r' {
            offset -= 1;
        }
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = if offset - line_start <= BLOCK {
            self.text[line_start..offset].chars().count() + 1
        } else {
            self.chars_before(offset) - self.chars_before(line_start) + 1
        };
        // A byte-order mark opening the file is no character of its first line to a reader
        // (editors hide it and count columns after it).
        let hidden_bom = line_index == 0 && offset > 0 && self.text.starts_with(BOM);
        Position {
            line: line_index + 1,
            column: column - usize::from(hidden_bom),
        }
    }

    /// The byte offset where the text of a 1-based line starts: after a byte-order mark that
    /// opens the file, which is no character of the line (see [`SourceFile::position`]).
    pub fn line_start(&self, line: usize) -> Option<usize> {
        let start = self.line_starts.get(line.wrapping_sub(1)).copied()?;
        if start == 0 && self.text.starts_with(BOM) {
            Some(BOM.len_utf8())
        } else {
            Some(start)
        }
    }

    /// The text of a 1-based line, from [`SourceFile::line_start`], without its line
    /// terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or_default()
            .trim_end_matches(['\n', '\r'])
    }

    /// The source text of a span, clamped to valid boundaries.
    pub fn slice(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

/// For a TOML string literal written at `span` in `source`, the byte offset in `source` where
/// each decoded character of its value is written (an escape maps to its backslash).
///
/// Handles basic (`"…"`), literal (`'…'`) and their multi-line forms, including the trimmed
/// first newline and line-ending backslashes. Returns `None` when `span` does not hold a string
/// literal; the caller then falls back to the value's opening quote.
pub fn string_char_offsets(source: &str, span: &Span) -> Option<Vec<usize>> {
    let raw = source.get(span.clone())?;
    let (quote, multiline) = if raw.starts_with("\"\"\"") {
        ('"', true)
    } else if raw.starts_with("'''") {
        ('\'', true)
    } else if raw.starts_with('"') {
        ('"', false)
    } else if raw.starts_with('\'') {
        ('\'', false)
    } else {
        return None;
    };
    let delimiter = if multiline { 3 } else { 1 };
    if raw.len() < 2 * delimiter {
        return None;
    }
    let body_start = span.start + delimiter;
    let body = &raw[delimiter..raw.len() - delimiter];
    let mut offsets = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();

    // A newline immediately after the opening delimiter of a multi-line string is trimmed.
    if multiline {
        if body.starts_with("\r\n") {
            chars.next();
            chars.next();
        } else if body.starts_with('\n') {
            chars.next();
        }
    }

    while let Some((i, c)) = chars.next() {
        if quote == '\'' || c != '\\' {
            offsets.push(body_start + i);
            continue;
        }
        let Some(&(_, escaped)) = chars.peek() else {
            break;
        };
        match escaped {
            'u' | 'U' | 'x' => {
                let digits = match escaped {
                    'u' => 4,
                    'U' => 8,
                    _ => 2,
                };
                chars.next();
                for _ in 0..digits {
                    chars.next();
                }
                offsets.push(body_start + i);
            }
            ' ' | '\t' | '\r' | '\n' if multiline => {
                // Line-ending backslash: it and all following whitespace and newlines vanish.
                chars.next();
                while let Some(&(_, w)) = chars.peek() {
                    if matches!(w, ' ' | '\t' | '\r' | '\n') {
                        chars.next();
                    } else {
                        break;
                    }
                }
            }
            _ => {
                chars.next();
                offsets.push(body_start + i);
            }
        }
    }
    Some(offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_unicode_scalars_not_bytes() {
        let src = SourceFile::new("p.toml", "a = 1\nname = \"深圳X\"\n".to_string());
        let x = src.text.find('X').unwrap();
        assert_eq!(
            src.position(x),
            Position {
                line: 2,
                column: 11
            }
        );
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        assert_eq!(src.line_text(2), "name = \"深圳X\"");
        assert_eq!(src.line_text(9), "");
    }

    /// On lines far longer than a block, columns are counted from block marks; every offset,
    /// on a character boundary or inside one, gets the column a plain count gives.
    #[test]
    fn long_lines_count_columns_like_a_plain_count() {
        let line: String = "a深\u{200B}😀 ".repeat(1500);
        let text = format!("x = 1\n{line}\n{line}");
        let src = SourceFile::new("p.toml", text.clone());
        let second = text.len() - line.len();
        for offset in (0..text.len())
            .step_by(7)
            .chain([text.len(), second, second + 4096])
        {
            let mut at = offset;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let expected = Position {
                line: text[..at].matches('\n').count() + 1,
                column: text[line_start..at].chars().count() + 1,
            };
            assert_eq!(src.position(offset), expected, "offset {offset}");
        }
    }

    /// Every place on a line, its end included, has the same column in a CRLF file as in
    /// the same file with LF endings.
    #[test]
    fn crlf_and_lf_files_give_the_same_columns() {
        let lf = "format = 1\n[seller]\nlegal_name = \"深x\n\n";
        let crlf = lf.replace('\n', "\r\n");
        let (lf_src, crlf_src) = (
            SourceFile::new("p.toml", lf.to_string()),
            SourceFile::new("p.toml", crlf.clone()),
        );
        let lf_places: Vec<Position> = (0..=lf.len()).map(|o| lf_src.position(o)).collect();
        let crlf_places: Vec<Position> = (0..=crlf.len())
            .filter(|&o| crlf.as_bytes().get(o) != Some(&b'\r'))
            .map(|o| crlf_src.position(o))
            .collect();
        assert_eq!(crlf_places, lf_places);
        let end_of_line_3 = crlf.find("x\r\n").unwrap() + 2;
        assert_eq!(
            crlf_src.position(end_of_line_3),
            Position {
                line: 3,
                column: 17
            }
        );
    }

    /// A byte-order mark at the start of the file is not counted: columns on the first line
    /// are those an editor shows, and the line's text does not hold it.
    #[test]
    fn a_leading_byte_order_mark_is_not_a_column() {
        let src = SourceFile::new("p.toml", "\u{FEFF}ab = 1\nc\u{FEFF} = 2".to_string());
        let at = |s: &str| src.text.find(s).unwrap();
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        assert_eq!(src.position(at("ab")), Position { line: 1, column: 1 });
        assert_eq!(src.position(at("= 1")), Position { line: 1, column: 4 });
        assert_eq!(src.position(at("= 2")), Position { line: 2, column: 4 });
        assert_eq!(src.line_text(1), "ab = 1");
        assert_eq!(src.line_start(1), Some(3));
        assert_eq!(src.line_text(2), "c\u{FEFF} = 2");
    }

    #[test]
    fn escapes_map_to_their_backslash() {
        let text = r#"id = "AB\u200BC\tD""#;
        let start = text.find('"').unwrap();
        let offsets = string_char_offsets(text, &(start..text.len())).unwrap();
        let shown: Vec<&str> = offsets.iter().map(|&o| &text[o..o + 1]).collect();
        assert_eq!(shown, ["A", "B", "\\", "C", "\\", "D"]);
        assert_eq!(offsets[2], text.find('\\').unwrap());
    }

    #[test]
    fn literal_and_multiline_strings() {
        let text = "a = '''\nx\\y'''";
        let start = text.find('\'').unwrap();
        let offsets = string_char_offsets(text, &(start..text.len())).unwrap();
        assert_eq!(offsets.len(), 3);
        assert_eq!(&text[offsets[0]..offsets[0] + 1], "x");

        let text = "a = \"\"\"\nab \\\n   cd\"\"\"";
        let start = text.find('"').unwrap();
        let offsets = string_char_offsets(text, &(start..text.len())).unwrap();
        let decoded: String = offsets.iter().map(|&o| &text[o..o + 1]).collect();
        assert_eq!(decoded, "ab cd");
    }

    #[test]
    fn non_strings_give_none() {
        assert_eq!(string_char_offsets("a = 12", &(4..6)), None);
        assert_eq!(string_char_offsets("\"", &(0..1)), None);
    }
}
