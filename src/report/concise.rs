//! `--format concise`: one line per finding, `path:line:col: CODE severity [cause K] message`,
//! the shape editors and CI logs already know from compilers and ruff (whose marker for a
//! fixable finding sits in the same place). Findings of one cause share its rank `K`.

use super::{FileReport, Renderer, Report, ReportFinding};
use crate::rulepack::Lang;
use crate::unicode::escape;
use std::io::{self, Write};

/// One finding on one line: `path:line:col: CODE severity [cause K] message`, in `lang`
/// (JUnit's failure text starts with the same line).
pub(super) fn line(path: &str, f: &ReportFinding, lang: Lang) -> String {
    format!(
        "{path}:{}:{}: {} {} [{}] {}",
        f.line,
        f.column,
        f.code,
        super::words::severity(f.severity, lang),
        super::words::cause_tag(f.cause, lang),
        f.message
    )
}

/// The concise renderer.
pub struct Concise;

impl Renderer for Concise {
    fn streams(&self) -> bool {
        true
    }

    fn file(&self, report: &Report, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let path = escape(&file.path);
        let lang = report.options.lang;
        for f in &file.findings {
            // Messages are escaped when built, so none spans two lines.
            writeln!(out, "{}", line(&path, f, lang))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean_file, render, sample_report};
    use super::*;

    #[test]
    fn one_line_per_finding_including_unreadable_files() {
        let mut report = sample_report();
        report.files.push(clean_file("ok.toml"));
        assert_eq!(
            render(&Concise, &report),
            "shops/a b.toml:3:1: BC002 warning [cause 1] unknown field `lianlian.merchant_di`; 100%, a:b\n\
             shops/a b.toml:4:13: BC003 error [cause 2] expected an integer, found a string\n\
             shops/a b.toml:4:1: BC004 info [cause 3] `lianlian.merchant_id` is missing\n\
             broken.toml:2:9: BC001 error [cause 1] not valid TOML: expected `=`\n"
        );
    }
}
