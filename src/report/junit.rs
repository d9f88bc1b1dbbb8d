//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).
//!
//! Shape (decided here): one `<testsuite>` per profile, named by its path, one `<testcase>`
//! per finding. A finding at or above `--fail-on` is a `<failure>` (the profile fails that
//! check, as the exit status and the JSON `status` say); any other finding — info, or a warning
//! with the default `--fail-on error` — passes and carries its text, severity included, in
//! `<system-out>`, so a JUnit report never fails a run that bindcheck passed. A file that cannot be
//! loaded is an `<error>` — the check could not run, which JUnit distinguishes from a failure.
//! A profile without findings is one passing testcase, so every file shows in the report.
//! Testcase names stay stable from run to run (CI keeps a history by them), so the rank of a
//! finding's cause is in the body, where `concise` has it: `[cause 2]`.

use super::{FileReport, Renderer, Report, ReportFinding, Status};
use crate::rulepack::Lang;
use crate::unicode::escape;
use std::io::{self, Write};

/// The JUnit XML renderer.
pub struct Junit;

/// Escapes text for XML 1.0 content or a double- or single-quoted attribute. Characters XML
/// 1.0 cannot carry at all (C0 controls, U+FFFE, U+FFFF) are shown as `⟨U+0001⟩`; in
/// attributes, tab and line breaks become character references so parsers do not normalise
/// them to spaces.
pub fn xml_escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' if attribute => out.push_str(&format!("&#{};", u32::from(ch))),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    xml_escape(s, true)
}

fn text(s: &str) -> String {
    xml_escape(s, false)
}

fn testcase_name(f: &ReportFinding) -> String {
    if f.field.is_empty() {
        format!("{} {} ({}:{})", f.code, f.name, f.line, f.column)
    } else {
        format!(
            "{} {} at {} ({}:{})",
            f.code, f.name, f.field, f.line, f.column
        )
    }
}

/// The body of a failure: where, what, and the numbered steps.
fn details(path: &str, f: &ReportFinding, lang: Lang) -> String {
    let mut body = super::concise::line(path, f, lang);
    for (i, step) in f.remediation.iter().enumerate() {
        body.push_str(&format!("\n{}. {step}", i + 1));
    }
    body
}

fn counts(file: &FileReport) -> (usize, usize, usize) {
    let tests = file.findings.len().max(1);
    if file.status == Status::Unreadable {
        return (tests, 0, file.findings.len());
    }
    let failures = file
        .findings
        .iter()
        .filter(|f| file.fails(f.severity))
        .count();
    (tests, failures, 0)
}

fn write_suite(out: &mut dyn Write, file: &FileReport, lang: Lang) -> io::Result<()> {
    let path = escape(&file.path);
    let (tests, failures, errors) = counts(file);
    writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">",
        attr(&path)
    )?;
    if file.findings.is_empty() {
        writeln!(
            out,
            "    <testcase classname=\"{}\" name=\"bindcheck\"/>",
            attr(&path)
        )?;
    }
    for f in &file.findings {
        writeln!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\">",
            attr(&path),
            attr(&testcase_name(f))
        )?;
        let body = text(&details(&path, f, lang));
        let element = if file.status == Status::Unreadable {
            Some("error")
        } else if file.fails(f.severity) {
            Some("failure")
        } else {
            None
        };
        match element {
            Some(element) => writeln!(
                out,
                "      <{element} type=\"{}\" message=\"{}\">{body}</{element}>",
                f.code,
                attr(&f.message)
            )?,
            None => writeln!(out, "      <system-out>{body}</system-out>")?,
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

impl Renderer for Junit {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let (mut tests, mut failures, mut errors) = (0, 0, 0);
        for file in &report.files {
            let (t, f, e) = counts(file);
            tests += t;
            failures += f;
            errors += e;
        }
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"bindcheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        for file in &report.files {
            write_suite(out, file, report.options.lang)?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean_file, render, sample_report};
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            xml_escape("a<b>&\"c\"'d'\te\u{1}", false),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\te⟨U+0001⟩"
        );
        assert_eq!(xml_escape("x\ny\t\u{FFFF}", true), "x&#10;y&#9;⟨U+FFFF⟩");
    }

    #[test]
    fn suites_per_file_failures_errors_and_advice() {
        let mut report = sample_report();
        report.files.push(clean_file("ok & fine.toml"));
        let xml = render(&Junit, &report);
        let expected = "\
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<testsuites name=\"bindcheck\" tests=\"5\" failures=\"2\" errors=\"1\">
  <testsuite name=\"shops/a b.toml\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\">
    <testcase classname=\"shops/a b.toml\" name=\"BC002 unknown-field at lianlian.merchant_di (3:1)\">
      <failure type=\"BC002\" message=\"unknown field `lianlian.merchant_di`; 100%, a:b\">shops/a b.toml:3:1: BC002 warning [cause 1] unknown field `lianlian.merchant_di`; 100%, a:b
1. First step.
2. Second step.</failure>
    </testcase>
    <testcase classname=\"shops/a b.toml\" name=\"BC003 invalid-value at lianlian.kyc_level (4:13)\">
      <failure type=\"BC003\" message=\"expected an integer, found a string\">shops/a b.toml:4:13: BC003 error [cause 2] expected an integer, found a string
1. First step.
2. Second step.</failure>
    </testcase>
    <testcase classname=\"shops/a b.toml\" name=\"BC004 not-checked at lianlian.merchant_id (4:1)\">
      <system-out>shops/a b.toml:4:1: BC004 info [cause 3] `lianlian.merchant_id` is missing
1. First step.
2. Second step.</system-out>
    </testcase>
  </testsuite>
";
        assert!(xml.starts_with(expected), "{xml}");
        assert!(xml.contains(
            "    <testcase classname=\"broken.toml\" name=\"BC001 invalid-toml (2:9)\">\n      \
             <error type=\"BC001\" message=\"not valid TOML: expected `=`\">"
        ));
        assert!(xml.ends_with(
            "  <testsuite name=\"ok &amp; fine.toml\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    \
             <testcase classname=\"ok &amp; fine.toml\" name=\"bindcheck\"/>\n  </testsuite>\n</testsuites>\n"
        ));
    }
}
