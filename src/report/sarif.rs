//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! One run. `tool.driver.rules` lists the whole catalogue in code order (so `ruleIndex` is
//! stable across runs), each rule with its title, why, and the default remediation steps as
//! help. A result carries the region in Unicode code points (`columnKind`, since our columns
//! count scalar values), the TOML key path as a logical location, the related fields as related
//! locations, and the finding's fingerprint under `partialFingerprints` so alerts survive edits
//! that move lines. Its `properties` carry the finding's `rank`, the rank of its `cause` (the
//! findings of one root cause share it) and its `score`.

use super::github::repo_path;
use super::{Renderer, Report, ReportFinding, RuleInfo};
use crate::rulepack::{Confidence, Lang, Severity};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// The SARIF renderer.
pub struct Sarif;

/// Where the schema of this SARIF version is published (OASIS errata 01).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key under which the finding fingerprint appears in `partialFingerprints`; the `/v1`
/// changes if the fingerprint's derivation ever does, so old alerts are not matched wrongly.
pub const FINGERPRINT_KEY: &str = "bindcheck/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub's `problem.severity` vocabulary for alerts that are not security alerts.
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

/// GitHub's `precision`: how often the rule is right, which our confidence in the rule's
/// source expresses.
fn precision(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// The rule family of a code (the registry's), as a tag GitHub can filter alerts by.
fn family(code: &str) -> &'static str {
    crate::rules::lookup(code).map_or("other", |r| r.family.as_str())
}

fn steps_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "What to do",
        Lang::Zh => "处理步骤",
    }
}

fn numbered(steps: &[String]) -> String {
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` for Markdown: a `<placeholder>` outside a code span would be read as an HTML tag.
fn markdown_text(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                part.replace('<', "&lt;").replace('>', "&gt;")
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

fn rule_descriptor(rule: &RuleInfo, lang: Lang) -> Value {
    // SARIF wants a non-empty text; a rulepack overlay may leave a title out.
    let title = if rule.title.is_empty() {
        rule.name.to_string()
    } else {
        rule.title.clone()
    };
    let why = if rule.why.is_empty() {
        title.clone()
    } else {
        rule.why.clone()
    };
    let (help_text, help_markdown) = if rule.remediation.is_empty() {
        (why.clone(), why.clone())
    } else {
        let steps = numbered(&rule.remediation);
        let label = steps_label(lang);
        (
            format!("{why}\n\n{label}:\n{steps}"),
            format!("{why}\n\n**{label}**\n\n{}", markdown_text(&steps)),
        )
    };
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": why},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "tags": ["bindcheck", family(rule.code)],
            "precision": precision(rule.confidence),
            "problem.severity": problem_severity(rule.severity),
            "confidence": rule.confidence.as_str(),
        }
    })
}

/// Whether a byte stays as it is in a URI path: RFC 3986 unreserved characters and `/`.
fn is_uri_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
}

fn percent_encode(path: &str, out: &mut String) {
    for &b in path.as_bytes() {
        if is_uri_path_byte(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// The `artifactLocation.uri` of a path as the user gave it: a relative reference with forward
/// slashes (GitHub resolves it against the repository root), or a `file:` URI for an absolute
/// path. Every byte outside the unreserved set is percent-encoded, so spaces, `%`, `#`, `?`,
/// a `:` that would read as a scheme, and non-ASCII names all survive.
pub fn artifact_uri(path: &str) -> String {
    let path = repo_path(path);
    let mut out = String::with_capacity(path.len() + 8);
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'/');
    if drive {
        // A Windows absolute path, already turned to forward slashes: file:///C:/dir/x.toml.
        out.push_str("file:///");
        out.push_str(path.get(..2).unwrap_or_default());
        percent_encode(path.get(2..).unwrap_or_default(), &mut out);
    } else if path.starts_with('/') {
        out.push_str("file://");
        percent_encode(&path, &mut out);
    } else {
        percent_encode(&path, &mut out);
    }
    out
}

/// A region that is never empty or reversed, starting at line and column 1 at least.
fn region(f: &ReportFinding) -> Value {
    let start_line = f.line.max(1);
    let start_column = f.column.max(1);
    let (end_line, end_column) = if (f.end_line, f.end_column) > (start_line, start_column) {
        (f.end_line, f.end_column)
    } else {
        (start_line, start_column + 1)
    };
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

/// The result's text: the finding's message, then its own numbered steps (they may carry the
/// exact value to enter, which the rule's help cannot).
fn result_text(f: &ReportFinding, lang: Lang) -> String {
    if f.remediation.is_empty() {
        f.message.clone()
    } else {
        format!(
            "{}\n\n{}:\n{}",
            f.message,
            steps_label(lang),
            numbered(&f.remediation)
        )
    }
}

fn result(f: &ReportFinding, uri: &str, report: &Report) -> Value {
    let lang = report.options.lang;
    let mut location = Map::new();
    location.insert(
        "physicalLocation".into(),
        json!({"artifactLocation": {"uri": uri}, "region": region(f)}),
    );
    if !f.field.is_empty() {
        let name = f.field.rsplit('.').next().unwrap_or(&f.field);
        location.insert(
            "logicalLocations".into(),
            json!([{"name": name, "fullyQualifiedName": f.field, "kind": "member"}]),
        );
    }
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i + 1,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": r.line.max(1), "startColumn": r.column.max(1)},
                },
                "logicalLocations": [{"fullyQualifiedName": r.field, "kind": "member"}],
                "message": {"text": r.field},
            })
        })
        .collect();
    let mut object = Map::new();
    object.insert("ruleId".into(), json!(f.code));
    if let Some(index) = report.rules.iter().position(|r| r.code == f.code) {
        object.insert("ruleIndex".into(), json!(index));
    }
    object.insert("level".into(), json!(level(f.severity)));
    object.insert("message".into(), json!({"text": result_text(f, lang)}));
    object.insert("locations".into(), json!([location]));
    if !related.is_empty() {
        object.insert("relatedLocations".into(), json!(related));
    }
    object.insert(
        "partialFingerprints".into(),
        json!({FINGERPRINT_KEY: f.fingerprint}),
    );
    object.insert(
        "properties".into(),
        json!({"rank": f.rank, "cause": f.cause, "score": f.score, "confidence": f.confidence}),
    );
    Value::Object(object)
}

/// The whole SARIF log as a JSON value.
pub fn to_value(report: &Report) -> Value {
    let lang = report.options.lang;
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|r| rule_descriptor(r, lang))
        .collect();
    let results: Vec<Value> = report
        .files
        .iter()
        .flat_map(|file| {
            let uri = artifact_uri(&file.path);
            file.findings
                .iter()
                .map(move |f| result(f, &uri, report))
                .collect::<Vec<_>>()
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "bindcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "language": lang.as_str(),
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "rulepack": {"id": report.rulepack_id, "version": report.rulepack_version},
            },
        }],
    })
}

impl Renderer for Sarif {
    fn wants_catalogue(&self) -> bool {
        true
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_value(report))?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::sample_report;
    use super::*;

    #[test]
    fn uris_are_relative_or_file_and_percent_encoded() {
        assert_eq!(artifact_uri("shops/a b.toml"), "shops/a%20b.toml");
        assert_eq!(artifact_uri("./p/100%#?.toml"), "p/100%25%23%3F.toml");
        assert_eq!(artifact_uri("c:x.toml"), "c%3Ax.toml");
        assert_eq!(artifact_uri("深圳.toml"), "%E6%B7%B1%E5%9C%B3.toml");
        assert_eq!(artifact_uri("/tmp/a b.toml"), "file:///tmp/a%20b.toml");
    }

    #[test]
    fn results_follow_files_and_ranks_with_rule_indexes() {
        let report = sample_report();
        let sarif = to_value(&report);
        let run = &sarif["runs"][0];
        let results = run["results"].as_array().expect("results");
        let ids: Vec<(&str, u64, &str)> = results
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap_or_default(),
                    r["ruleIndex"].as_u64().unwrap_or(999),
                    r["level"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            ids,
            vec![
                ("BC002", 1, "warning"),
                ("BC003", 2, "error"),
                ("BC004", 3, "note"),
                ("BC001", 0, "error"),
            ]
        );
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap_or(999) as usize;
            assert_eq!(run["tool"]["driver"]["rules"][index]["id"], r["ruleId"]);
        }
        assert_eq!(
            results[1]["relatedLocations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "lianlian.merchant_id"
        );
        assert_eq!(
            results[1]["relatedLocations"][0]["physicalLocation"]["region"],
            json!({"startLine": 3, "startColumn": 15})
        );
    }

    #[test]
    fn unreadable_file_is_a_result_without_logical_location() {
        let sarif = to_value(&sample_report());
        let r = &sarif["runs"][0]["results"][3];
        assert_eq!(
            r["locations"][0],
            json!({"physicalLocation": {
                "artifactLocation": {"uri": "broken.toml"},
                "region": {"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 10},
            }})
        );
        assert_eq!(
            r["message"]["text"].as_str().and_then(|t| t.lines().next()),
            Some("not valid TOML: expected `=`")
        );
    }

    #[test]
    fn empty_or_reversed_regions_become_one_column() {
        let mut f = sample_report().files[0].findings[0].clone();
        (f.line, f.column, f.end_line, f.end_column) = (0, 0, 0, 0);
        assert_eq!(
            region(&f),
            json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2})
        );
        (f.line, f.column, f.end_line, f.end_column) = (5, 7, 5, 7);
        assert_eq!(
            region(&f),
            json!({"startLine": 5, "startColumn": 7, "endLine": 5, "endColumn": 8})
        );
    }
}
