//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the profile's lines in a pull request:
//! `::error file=P,line=L,col=C,endLine=L,endColumn=C,title=T::MESSAGE`.
//! Info findings are `::notice`. The title names the finding's cause (`(cause 2)`), which
//! findings of one root cause share. A command is one line, so its text is percent-escaped the
//! way the Actions runner unescapes it.

use super::{FileReport, Renderer, Report, ReportFinding};
use crate::rulepack::Severity;
use crate::unicode::escape;
use std::borrow::Cow;
use std::io::{self, Write};

/// The GitHub workflow-command renderer.
pub struct Github;

/// Escapes a command's message: `%`, CR and LF, so it stays on one line.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            _ => out.push(ch),
        }
    }
    out
}

/// Escapes a property value (`file=`, `title=`): as [`escape_data`], and also `:` and `,`,
/// which would otherwise end the value or the property list.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            _ => out.push(ch),
        }
    }
    out
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The path as GitHub matches it against the repository: forward slashes, no leading `./`.
pub(super) fn repo_path(path: &str) -> Cow<'_, str> {
    let path = path.strip_prefix("./").unwrap_or(path);
    if std::path::MAIN_SEPARATOR == '\\' {
        let path = path.replace('\\', "/");
        Cow::Owned(path.strip_prefix("./").unwrap_or(&path).to_string())
    } else {
        Cow::Borrowed(path)
    }
}

/// The annotation text: the message, then the numbered steps on the lines below.
fn body(f: &ReportFinding) -> String {
    let mut text = f.message.clone();
    if !f.remediation.is_empty() {
        text.push('\n');
        for (i, step) in f.remediation.iter().enumerate() {
            text.push_str(&format!("\n{}. {step}", i + 1));
        }
    }
    text
}

impl Renderer for Github {
    fn streams(&self) -> bool {
        true
    }

    fn file(&self, report: &Report, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let path = escape_property(&repo_path(&escape(&file.path)));
        let lang = report.options.lang;
        for f in &file.findings {
            let name = if f.title.is_empty() { f.name } else { &f.title };
            let cause = super::words::aside(&super::words::cause_tag(f.cause, lang), lang);
            let title = format!("{} {name}{cause}", f.code);
            writeln!(
                out,
                "::{} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&title),
                escape_data(&body(f)),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{render, sample_report};
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("100% done, a:b\r\nnext"),
            "100%25 done, a:b%0D%0Anext"
        );
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn property_also_escapes_colon_and_comma() {
        assert_eq!(
            escape_property("dir/a,b:c 50%\nx"),
            "dir/a%2Cb%3Ac 50%25%0Ax"
        );
        assert_eq!(escape_property("深圳:市"), "深圳%3A市");
    }

    #[test]
    fn every_finding_is_one_command() {
        let text = render(&Github, &sample_report());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "::warning file=shops/a b.toml,line=3,col=1,endLine=3,endColumn=12,\
                 title=BC002 unknown-field title (cause 1)::unknown field `lianlian.merchant_di`; \
                 100%25, a:b%0A%0A1. First step.%0A2. Second step.",
                "::error file=shops/a b.toml,line=4,col=13,endLine=4,endColumn=20,\
                 title=BC003 invalid-value title (cause 2)::expected an integer, found a string\
                 %0A%0A1. First step.%0A2. Second step.",
                "::notice file=shops/a b.toml,line=4,col=1,endLine=4,endColumn=11,\
                 title=BC004 not-checked title (cause 3)::`lianlian.merchant_id` is missing\
                 %0A%0A1. First step.%0A2. Second step.",
                "::error file=broken.toml,line=2,col=9,endLine=2,endColumn=10,\
                 title=BC001 The file is not valid TOML or not UTF-8 (cause 1)::not valid TOML: \
                 expected `=`%0A%0A1. Open the file in a text editor that shows the line \
                 and column given.%0A2. Save the file as UTF-8 and fix the TOML syntax there \
                 (a missing quote or bracket is the usual cause).%0A3. Run `bindcheck init` \
                 for a template of a valid profile.",
            ]
        );
    }

    #[test]
    fn leading_dot_slash_is_dropped() {
        assert_eq!(repo_path("./profiles/a.toml"), "profiles/a.toml");
        assert_eq!(repo_path("profiles/a.toml"), "profiles/a.toml");
    }
}
