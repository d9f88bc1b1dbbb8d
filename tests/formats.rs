//! Output formats end to end: SARIF (validated against the 2.1.0 schema), GitHub workflow
//! commands, and — rendered in-process from real analyses, since `diagnose` does not offer them —
//! concise, jsonl and JUnit (parsed as XML).

mod common;
use common::*;

use bindcheck::pipeline::{AnalyzeError, AnalyzeOptions, analyze};
use bindcheck::report::{self, Format, RenderOptions, Report};
use bindcheck::rulepack::{Lang, RulePack};
use serde_json::{Value, json};
use std::path::Path;

const UNKNOWN_AND_BAD: &str = "fixtures/formats/unknown-and-bad.toml";

/// Runs `bindcheck ARGS` in `dir`: stdout and exit code.
fn run_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = bindcheck()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        output.status.code().unwrap_or(-1),
    )
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `diagnose --format FORMAT` of a path relative to the crate root, so paths stay relative.
fn diagnose_as(format: &str, relative: &str, extra: &[&str]) -> (String, i32) {
    let mut args = vec![
        "diagnose",
        relative,
        "--format",
        format,
        "--as-of",
        "2026-11-21",
    ];
    args.extend_from_slice(extra);
    run_in(manifest_dir(), &args)
}

fn sarif_of(dir: &Path, relative: &str, extra: &[&str]) -> (Value, i32) {
    let mut args = vec![
        "diagnose",
        relative,
        "--format",
        "sarif",
        "--as-of",
        "2026-11-21",
    ];
    args.extend_from_slice(extra);
    let (out, code) = run_in(dir, &args);
    let value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
    (value, code)
}

/// The errors of validating against `tests/data/sarif-schema-2.1.0.json`, formats (`uri`, …)
/// included.
fn sarif_errors(sarif: &Value) -> Vec<String> {
    let schema_text =
        std::fs::read_to_string(manifest_dir().join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema copy");
    let mut schema: Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    // The published schema's `language` patterns (of `run` and `toolComponent`) have a stray
    // `]`, which the draft-07 metaschema's `regex` format (strict ECMA-262) rejects, so the
    // schema would not compile. Escaping it keeps each pattern's meaning (a lone `]` is a
    // literal) and changes nothing else.
    let mut patched = 0;
    for definition in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        if *pattern == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
            *pattern = json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the schema copy changed");
    // This copy keeps the log's own constraints (version, runs, …) under `definitions.Root`
    // rather than at the top as the OASIS original does; without a root `$ref` every document
    // would pass. `the_schema_check_rejects_broken_sarif` proves the check bites.
    assert_eq!(schema.get("properties"), None, "the schema copy changed");
    assert_eq!(
        schema["definitions"]["Root"]["required"],
        json!(["version", "runs"])
    );
    schema["$ref"] = json!("#/definitions/Root");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid_sarif(sarif: &Value) {
    assert_eq!(sarif_errors(sarif), Vec::<String>::new(), "{sarif:#}");
}

#[test]
fn the_schema_check_rejects_broken_sarif() {
    let (sarif, _) = sarif_of(manifest_dir(), UNKNOWN_AND_BAD, &[]);
    let mut wrong_version = sarif.clone();
    wrong_version["version"] = json!("2.0.0");
    assert_eq!(sarif_errors(&wrong_version).len(), 1);
    let mut bytes_columns = sarif.clone();
    bytes_columns["runs"][0]["columnKind"] = json!("bytes");
    assert_eq!(sarif_errors(&bytes_columns).len(), 1);
    let mut raw_space = sarif.clone();
    raw_space["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        json!("a b.toml");
    assert_eq!(sarif_errors(&raw_space).len(), 1);
    let mut column_zero = sarif;
    column_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        json!(0);
    assert_eq!(sarif_errors(&column_zero).len(), 1);
}

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().expect("results")
}

fn result_for<'a>(sarif: &'a Value, rule: &str) -> &'a Value {
    let found: Vec<&Value> = results(sarif)
        .iter()
        .filter(|r| r["ruleId"] == rule)
        .collect();
    assert_eq!(found.len(), 1, "one {rule}: {sarif:#}");
    found[0]
}

#[test]
fn sarif_of_diagnose_is_valid_sarif_2_1_0_with_the_whole_catalogue() {
    let (sarif, code) = sarif_of(manifest_dir(), UNKNOWN_AND_BAD, &[]);
    assert_eq!(code, 1);
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["$schema"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "bindcheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    let codes: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let catalogue: Vec<&str> = bindcheck::rules::RULES.iter().map(|r| r.code).collect();
    assert_eq!(codes, catalogue);
    assert_eq!(
        rules[1],
        json!({
            "id": "BC002",
            "name": "unknown-field",
            "shortDescription": {"text": "Unknown field"},
            "fullDescription": {"text": "A key the profile format does not define is ignored, so the value it holds is never checked. It is usually a typo or a field placed in the wrong section."},
            "help": {
                "text": "A key the profile format does not define is ignored, so the value it holds is never checked. It is usually a typo or a field placed in the wrong section.\n\nWhat to do:\n1. Remove the key, or rename it to a field listed by `bindcheck schema`.",
                "markdown": "A key the profile format does not define is ignored, so the value it holds is never checked. It is usually a typo or a field placed in the wrong section.\n\n**What to do**\n\n1. Remove the key, or rename it to a field listed by `bindcheck schema`.",
            },
            "defaultConfiguration": {"level": "warning"},
            "properties": {
                "tags": ["bindcheck", "loading"],
                "precision": "high",
                "problem.severity": "warning",
                "confidence": "high",
            },
        })
    );
    for rule in rules {
        assert_ne!(rule["shortDescription"]["text"], "", "{rule}");
        assert_ne!(rule["help"]["markdown"], "", "{rule}");
    }
    for result in results(&sarif) {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_results_carry_region_key_path_and_the_json_fingerprint() {
    let (sarif, _) = sarif_of(manifest_dir(), UNKNOWN_AND_BAD, &[]);
    // The fingerprint covers the path as given, so JSON is run on the same relative path.
    let (json_text, _) = diagnose_as("json", UNKNOWN_AND_BAD, &[]);
    let json_report: Value = serde_json::from_str(&json_text).expect("JSON");
    let bad = result_for(&sarif, "BC003");
    assert_eq!(bad["ruleIndex"], 2);
    assert_eq!(bad["level"], "error");
    assert_eq!(
        bad["locations"],
        json!([{
            "physicalLocation": {
                "artifactLocation": {"uri": "fixtures/formats/unknown-and-bad.toml"},
                "region": {"startLine": 7, "startColumn": 16, "endLine": 7, "endColumn": 31},
            },
            "logicalLocations": [{
                "name": "ozon_channel",
                "fullyQualifiedName": "lianlian.ozon_channel",
                "kind": "member",
            }],
        }])
    );
    assert_eq!(
        bad["message"]["text"],
        "`act,ive: 100%` is not allowed here; did you mean `active`?\n\nWhat to do:\n1. Replace `act,ive: 100%` with `active`."
    );
    assert_eq!(
        bad["partialFingerprints"],
        json!({"bindcheck/v1": only(&json_report, "BC003")["fingerprint"]})
    );
    assert_eq!(
        bad["properties"],
        json!({"rank": 1, "cause": 1, "score": 0.5, "confidence": "high"})
    );

    let unknown = result_for(&sarif, "BC002");
    assert_eq!(unknown["ruleIndex"], 1);
    assert_eq!(unknown["level"], "warning");
    assert_eq!(
        unknown["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 12})
    );
    assert_eq!(
        unknown["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "lianlian.merchant_di"
    );
    assert_eq!(
        unknown["partialFingerprints"]["bindcheck/v1"],
        only(&json_report, "BC002")["fingerprint"]
    );
    // Infos are notes.
    assert!(
        results(&sarif)
            .iter()
            .filter(|r| r["ruleId"] == "BC004")
            .all(|r| r["level"] == "note")
    );
}

#[test]
fn sarif_columns_count_unicode_scalars_not_bytes() {
    let (sarif, _) = sarif_of(
        manifest_dir(),
        "fixtures/formats/wide-before-value.toml",
        &[],
    );
    assert_valid_sarif(&sarif);
    // `lianlian = { login = "深圳深圳", ozon_channel = "bad" }`: the quote of "bad" is the
    // 45th scalar value on the line (the 53rd byte).
    assert_eq!(
        result_for(&sarif, "BC003")["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 2, "startColumn": 45, "endLine": 2, "endColumn": 50})
    );
}

#[test]
fn sarif_uri_of_an_awkward_relative_path_is_percent_encoded() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("a b")).expect("mkdir");
    std::fs::write(
        dir.path().join("a b/深圳 100%#.toml"),
        "format = 1\n[seller]\nlegal_nmae = \"x\"\n",
    )
    .expect("write");
    let (sarif, code) = sarif_of(dir.path(), "./a b/深圳 100%#.toml", &[]);
    assert_eq!(code, 0);
    assert_valid_sarif(&sarif);
    assert_eq!(
        result_for(&sarif, "BC002")["locations"][0]["physicalLocation"]["artifactLocation"],
        json!({"uri": "a%20b/%E6%B7%B1%E5%9C%B3%20100%25%23.toml"})
    );
}

#[test]
fn sarif_of_an_unreadable_file_is_valid_and_reports_bc001() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("broken.toml"), "format = 1\n[seller\n").expect("write");
    let (sarif, code) = sarif_of(dir.path(), "broken.toml", &[]);
    assert_eq!(code, 2);
    assert_valid_sarif(&sarif);
    let r = result_for(&sarif, "BC001");
    assert_eq!(r["ruleIndex"], 0);
    assert_eq!(r["level"], "error");
    let location = &r["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        "broken.toml"
    );
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(location.get("logicalLocations"), None);
}

#[test]
fn sarif_in_chinese_is_valid_and_worded_in_chinese() {
    let (sarif, _) = sarif_of(manifest_dir(), UNKNOWN_AND_BAD, &["--lang", "zh"]);
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["language"], "zh");
    let rule = &sarif["runs"][0]["tool"]["driver"]["rules"][1];
    assert_eq!(rule["shortDescription"]["text"], "未知字段");
    assert_eq!(
        rule["help"]["markdown"],
        "档案格式未定义的键会被忽略，其中的值不会被检查。通常是拼写错误或字段放错了分区。\n\n**处理步骤**\n\n1. 删除该键，或改成 `bindcheck schema` 列出的字段名。"
    );
}

#[test]
fn github_annotations_escape_message_and_properties() {
    let (out, code) = diagnose_as("github", UNKNOWN_AND_BAD, &[]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(
        lines[0],
        "::error file=fixtures/formats/unknown-and-bad.toml,line=7,col=16,endLine=7,endColumn=31,\
         title=BC003 Invalid value (cause 1)::`act,ive: 100%25` is not allowed here; did you mean `active`?\
         %0A%0A1. Replace `act,ive: 100%25` with `active`."
    );
    assert_eq!(
        lines[1],
        "::warning file=fixtures/formats/unknown-and-bad.toml,line=6,col=1,endLine=6,endColumn=12,\
         title=BC002 Unknown field (cause 2)::unknown field `lianlian.merchant_di`; did you mean \
         `lianlian.merchant_id`?%0A%0A1. Rename `lianlian.merchant_di` to `lianlian.merchant_id`.\
         %0A2. Check with `bindcheck schema` that the key sits in the right section."
    );
    // A `:` in a property value (the title) is escaped; infos are notices.
    assert!(
        lines[2].starts_with(
            "::notice file=fixtures/formats/unknown-and-bad.toml,line=5,col=1,endLine=5,\
             endColumn=11,title=BC004 Not checked%3A a field is missing (cause 3)::"
        ),
        "{}",
        lines[2]
    );
}

#[test]
fn github_file_property_escapes_comma_and_colon_in_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a,b:c.toml"),
        "format = 1\n[seller]\nlegal_nmae = \"x\"\n",
    )
    .expect("write");
    let (out, code) = run_in(
        dir.path(),
        &["diagnose", "a,b:c.toml", "--format", "github"],
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("::warning file=a%2Cb%3Ac.toml,line=3,col=1,"),
        "{out}"
    );
}

/// A report built the way `lint` builds one: each path analysed, unreadable ones as BC001.
fn report_of(paths: &[(&str, &[u8])]) -> Report {
    let pack = RulePack::builtin().expect("builtin rulepack");
    let options = RenderOptions {
        lang: Lang::En,
        show_values: false,
        explain_rank: false,
    };
    let analyze_options = AnalyzeOptions {
        as_of: Some("2026-11-21".parse().expect("date")),
        symptom: None,
    };
    let mut report = Report::new(&pack, options);
    for (path, bytes) in paths {
        let file = match analyze(path, bytes, &pack, &analyze_options) {
            Ok(a) => report::build_file(
                &a.profile,
                &a.ranked,
                &a.causes,
                &pack,
                options,
                Some(bindcheck::rulepack::Severity::Error),
            )
            .with_source(&a.profile, options),
            Err(AnalyzeError::Load(failure)) => {
                report::build_unreadable(path, &failure.error, &pack, options)
            }
            Err(e) => panic!("{e}"),
        };
        report.files.push(file);
    }
    report
}

fn render(format: Format, report: &Report) -> String {
    let renderer = format.renderer();
    let mut out = Vec::new();
    renderer.render(report, &mut out).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

fn sample_batch() -> Report {
    let text = std::fs::read(fixture("formats/unknown-and-bad.toml")).expect("fixture");
    report_of(&[
        ("profiles/shop-1.toml", &text),
        ("profiles/<&\"shop's\">.toml", b"format = 1\n[seller\n"),
        ("profiles/clean.toml", b"format = 1\n"),
    ])
}

#[test]
fn concise_is_one_line_per_finding() {
    let out = render(Format::Concise, &sample_batch());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert_eq!(
        lines[0],
        "profiles/shop-1.toml:7:16: BC003 error [cause 1] `act,ive: 100%` is not allowed here; did you mean `active`?"
    );
    assert_eq!(
        lines[1],
        "profiles/shop-1.toml:6:1: BC002 warning [cause 2] unknown field `lianlian.merchant_di`; did you mean `lianlian.merchant_id`?"
    );
    assert!(lines[2].starts_with("profiles/shop-1.toml:5:1: BC004 info [cause 3] "));
    assert!(
        lines[5].starts_with("profiles/<&\"shop's\">.toml:2:8: BC001 error [cause 1] "),
        "{}",
        lines[5]
    );
}

#[test]
fn jsonl_lines_are_the_json_findings_plus_path() {
    let report = sample_batch();
    let whole: Value = serde_json::from_str(&render(Format::Json, &report)).expect("JSON");
    let out = render(Format::Jsonl, &report);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 6);
    let mut expected = Vec::new();
    for file in whole["files"].as_array().expect("files") {
        for finding in file["findings"].as_array().expect("findings") {
            let mut f = finding.clone();
            f["path"] = file["path"].clone();
            expected.push(f);
        }
    }
    assert_eq!(lines, expected);
    assert_eq!(lines[5]["path"], "profiles/<&\"shop's\">.toml");
    assert_eq!(lines[5]["code"], "BC001");
    assert_eq!(
        (lines[5]["line"].as_u64(), lines[5]["column"].as_u64()),
        (Some(2), Some(8))
    );
}

#[test]
fn junit_parses_as_xml_with_a_suite_per_file() {
    let out = render(Format::Junit, &sample_batch());
    let root = xml::parse(&out).unwrap_or_else(|e| panic!("not XML: {e}\n{out}"));
    assert_eq!(root.name, "testsuites");
    assert_eq!(
        (
            root.attr("tests"),
            root.attr("failures"),
            root.attr("errors")
        ),
        // With `--fail-on error`, the warning of shop-1 passes: only its error fails.
        (Some("7"), Some("1"), Some("1"))
    );
    let suites: Vec<(&str, &str, &str, &str)> = root
        .children
        .iter()
        .map(|s| {
            (
                s.attr("name").unwrap_or_default(),
                s.attr("tests").unwrap_or_default(),
                s.attr("failures").unwrap_or_default(),
                s.attr("errors").unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        suites,
        vec![
            ("profiles/shop-1.toml", "5", "1", "0"),
            ("profiles/<&\"shop's\">.toml", "1", "0", "1"),
            ("profiles/clean.toml", "1", "0", "0"),
        ]
    );
    let first = &root.children[0].children[0];
    assert_eq!(
        first.attr("name"),
        Some("BC003 invalid-value at lianlian.ozon_channel (7:16)")
    );
    let failure = &first.children[0];
    assert_eq!(failure.name, "failure");
    assert_eq!(failure.attr("type"), Some("BC003"));
    assert_eq!(
        failure.attr("message"),
        Some("`act,ive: 100%` is not allowed here; did you mean `active`?")
    );
    assert_eq!(
        failure.text,
        "profiles/shop-1.toml:7:16: BC003 error [cause 1] `act,ive: 100%` is not allowed here; did you mean `active`?\n1. Replace `act,ive: 100%` with `active`."
    );
    let info = &root.children[0].children[2].children[0];
    assert_eq!(info.name, "system-out");
    let error = &root.children[1].children[0].children[0];
    assert_eq!(
        (error.name.as_str(), error.attr("type")),
        ("error", Some("BC001"))
    );
    assert_eq!(root.children[2].children[0].attr("name"), Some("bindcheck"));
}

/// A small XML reader: enough to prove well-formedness of our JUnit output (one root, balanced
/// tags, quoted attributes, only predefined or numeric entities, no raw `<` or `&` in text) and
/// to read it back.
mod xml {
    #[derive(Debug)]
    pub struct Element {
        pub name: String,
        pub attrs: Vec<(String, String)>,
        pub children: Vec<Element>,
        pub text: String,
    }

    impl Element {
        pub fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        }
    }

    fn unescape(s: &str, attribute: bool) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(['&', '<']) {
            out.push_str(&rest[..i]);
            if rest[i..].starts_with('<') {
                return Err(format!("raw < in {s:?}"));
            }
            let end = rest[i..]
                .find(';')
                .ok_or_else(|| format!("open entity in {s:?}"))?;
            let entity = &rest[i + 1..i + end];
            let ch = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => entity
                    .strip_prefix('#')
                    .and_then(|n| n.parse::<u32>().ok())
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("bad entity &{entity};"))?,
            };
            out.push(ch);
            rest = &rest[i + end + 1..];
        }
        out.push_str(rest);
        if out.chars().any(|c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
        }) {
            return Err(format!("character not allowed in XML in {s:?}"));
        }
        if attribute && s.contains(['\n', '\t', '\r']) {
            return Err(format!("raw whitespace would be normalised in {s:?}"));
        }
        Ok(out)
    }

    fn is_name(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    }

    fn parse_tag(tag: &str) -> Result<(String, Vec<(String, String)>), String> {
        let tag = tag.trim();
        let (name, mut rest) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        if !is_name(name) {
            return Err(format!("bad element name {name:?}"));
        }
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let eq = rest
                .find('=')
                .ok_or_else(|| format!("attribute without = in {tag:?}"))?;
            let key = rest[..eq].trim();
            if !is_name(key) || attrs.iter().any(|(k, _)| k == key) {
                return Err(format!("bad or repeated attribute {key:?}"));
            }
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''));
            let quote = quote.ok_or_else(|| format!("unquoted attribute {key:?}"))?;
            let close = after[1..]
                .find(quote)
                .ok_or_else(|| format!("unclosed attribute {key:?}"))?;
            let value = unescape(&after[1..1 + close], true)?;
            attrs.push((key.to_string(), value));
            rest = &after[close + 2..];
        }
        Ok((name.to_string(), attrs))
    }

    pub fn parse(doc: &str) -> Result<Element, String> {
        let mut rest = doc;
        if let Some(after) = rest.strip_prefix("<?xml") {
            let end = after.find("?>").ok_or("unclosed declaration")?;
            rest = &after[end + 2..];
        }
        let mut stack: Vec<Element> = Vec::new();
        let mut root = None;
        loop {
            let open = rest.find('<');
            let text = &rest[..open.unwrap_or(rest.len())];
            let text = unescape(text, false)?;
            match stack.last_mut() {
                Some(top) => top.text.push_str(&text),
                None if text.trim().is_empty() => {}
                None => return Err(format!("text outside the root: {text:?}")),
            }
            let Some(open) = open else { break };
            let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let element = stack.pop().ok_or("close without open")?;
                if element.name != name.trim() {
                    return Err(format!("</{name}> closes <{}>", element.name));
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None if root.is_none() => root = Some(element),
                    None => return Err("two roots".into()),
                }
            } else {
                let (tag, empty) = match tag.strip_suffix('/') {
                    Some(t) => (t, true),
                    None => (tag, false),
                };
                let (name, attrs) = parse_tag(tag)?;
                let element = Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    text: String::new(),
                };
                if stack.is_empty() && root.is_some() {
                    return Err("two roots".into());
                }
                if empty {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(element),
                        None => root = Some(element),
                    }
                } else {
                    stack.push(element);
                }
            }
        }
        if let Some(open) = stack.last() {
            return Err(format!("<{}> never closed", open.name));
        }
        root.ok_or_else(|| "no root element".into())
    }

    #[test]
    fn the_reader_rejects_what_is_not_xml() {
        for bad in [
            "<a><b></a></b>",
            "<a x=1/>",
            "<a>&nbsp;</a>",
            "<a>1 < 2</a>",
            "<a/><b/>",
            "<a>",
            "<a x=\"1\" x=\"2\"/>",
            "<a>\u{1}</a>",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let ok = parse("<?xml version=\"1.0\"?>\n<a x='1 &amp; 2'><b/>t&#10;</a>\n").expect("ok");
        assert_eq!((ok.attr("x"), ok.text.as_str()), (Some("1 & 2"), "t\n"));
    }
}

#[test]
fn sarif_of_an_absolute_path_is_a_file_uri() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x y.toml");
    std::fs::write(&path, "format = 1\n[seller]\nlegal_nmae = \"x\"\n").expect("write");
    let absolute = path.to_str().expect("UTF-8 temp path");
    let (sarif, _) = sarif_of(dir.path(), absolute, &[]);
    assert_valid_sarif(&sarif);
    let expected = format!("file://{}", absolute.replace(' ', "%20"));
    assert_eq!(
        result_for(&sarif, "BC002")["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        expected
    );
}

/// A warning (BC505) fails a JUnit testcase only when `--fail-on` reaches warnings: the JUnit
/// report, the exit status and the JSON status agree. SARIF levels and GitHub annotation kinds
/// say the severity whatever `--fail-on` is.
/// `bindcheck lint shop.toml ARGS` where `shop.toml` is a copy of the BC505 fixture, whose one
/// finding is a warning: stdout and exit code.
fn lint_one_warning(args: &[&str]) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("rules/BC505/fires.toml"),
        dir.path().join("shop.toml"),
    )
    .unwrap();
    let mut all = vec!["lint", "shop.toml", "--as-of", "2026-11-21"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all)
}

#[test]
fn junit_fails_a_testcase_only_at_or_above_fail_on() {
    let lint =
        |format: &str, fail_on: &str| lint_one_warning(&["--format", format, "--fail-on", fail_on]);
    for (fail_on, failures, code, status) in [
        ("never", "0", 0, "passed"),
        ("error", "0", 0, "passed"),
        ("warning", "1", 1, "failed"),
    ] {
        let (out, exit) = lint("junit", fail_on);
        assert_eq!(exit, code, "--fail-on {fail_on}: {out}");
        let root = xml::parse(&out).unwrap_or_else(|e| panic!("not XML: {e}\n{out}"));
        assert_eq!(root.attr("failures"), Some(failures), "--fail-on {fail_on}");
        let case = &root.children[0].children[0];
        assert_eq!(
            case.attr("name"),
            Some("BC505 deposit-currency-differs at lianlian.receiving_account.currency (6:12)")
        );
        let element = if failures == "1" {
            "failure"
        } else {
            "system-out"
        };
        assert_eq!(case.children[0].name, element, "--fail-on {fail_on}");
        assert!(
            case.children[0].text.contains(": BC505 warning [cause 1] "),
            "{}",
            case.children[0].text
        );
        let (json, _) = lint("json", fail_on);
        let json: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["files"][0]["status"], status, "--fail-on {fail_on}");
        let (sarif, _) = lint("sarif", fail_on);
        let sarif: Value = serde_json::from_str(&sarif).unwrap();
        assert_eq!(sarif["runs"][0]["results"][0]["level"], "warning");
        let (github, _) = lint("github", fail_on);
        assert!(
            github.starts_with("::warning file=shop.toml,line=6,"),
            "{github}"
        );
    }
}

/// Under `--lang zh` the one-line formats tag a finding's cause in Chinese, as they do its
/// severity: `[原因 1]`, not `[cause 1]`.
#[test]
fn the_cause_tag_follows_the_language() {
    let lint = |format: &str, lang: &str| lint_one_warning(&["--format", format, "--lang", lang]).0;
    let concise = lint("concise", "zh");
    assert!(
        concise.starts_with("shop.toml:6:12: BC505 警告 [原因 1] "),
        "{concise}"
    );
    assert!(!concise.contains("cause"), "{concise}");
    let github = lint("github", "zh");
    assert!(github.contains("（原因 1）::"), "{github}");
    let junit = lint("junit", "zh");
    assert!(junit.contains(": BC505 警告 [原因 1] "), "{junit}");
    assert!(lint("concise", "en").starts_with("shop.toml:6:12: BC505 warning [cause 1] "));
}
