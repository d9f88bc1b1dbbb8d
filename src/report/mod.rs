//! Ranked causes and findings → output.
//!
//! [`build_file`] turns one profile's ranked causes and findings into [`ReportCause`]s and
//! [`ReportFinding`]s: messages filled in the chosen language, identifiers masked, secrets
//! replaced (see [`crate::redact`]), every string escaped. Every output format renders from
//! these same structs, one renderer per format, side by side in this folder.

mod concise;
mod github;
mod human;
mod json;
mod jsonl;
mod junit;
pub mod layout;
mod sarif;
pub mod style;
#[cfg(test)]
mod test_support;
pub mod words;

pub use concise::Concise;
pub use github::Github;
pub use human::Human;
pub use json::{Json, KEYS as JSON_KEYS};
pub use jsonl::Jsonl;
pub use junit::Junit;
pub use sarif::Sarif;
pub use style::Terminal;

use crate::finding::{Applicability, Arg, Finding, Term};
use crate::profile::flow::{Flows, Platform};
use crate::profile::{LoadError, Profile};
use crate::rank::{Cause, Ranked, round};
use crate::redact::Secrets;
use crate::rulepack::{Confidence, Lang, RulePack, Severity, fill};
use crate::rules;
use crate::source::{SourceFile, Span};
use crate::unicode::{escape, escape_owned};
use serde::Serialize;
use serde_json::{Map, Value as JsonValue};
use sha2::{Digest, Sha256};
use std::io::{self, Write};

/// How findings are worded.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub lang: Lang,
    /// Print identifiers in full (secrets are never printed).
    pub show_values: bool,
    /// Show the ranking formula of each finding.
    pub explain_rank: bool,
}

impl RenderOptions {
    /// How the reports word a finding: fields by their key paths.
    pub fn wording(self) -> Wording {
        Wording {
            lang: self.lang,
            show_values: self.show_values,
            naming: Naming::Paths,
        }
    }
}

/// How a message names the fields it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The reports, read next to the profile: a field by its key path in code quotes
    /// (`` `ozon.payout_account.iban` ``).
    Paths,
    /// A support e-mail, read by someone who never saw the profile: a field by its plain label
    /// ("the IBAN typed into Ozon"), no code quotes.
    Plain,
}

/// How a finding's message is worded.
#[derive(Debug, Clone, Copy)]
pub struct Wording {
    pub lang: Lang,
    /// Print identifiers in full (secrets are never printed).
    pub show_values: bool,
    pub naming: Naming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Failed,
    Unreadable,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedPosition {
    pub field: String,
    pub line: usize,
    pub column: usize,
}

/// A fix as the formats show it (`docs/output.md`): the value to enter, never masked. When values are
/// masked the replacement is left out and `masked` says that `--show-values` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixOut {
    pub applicability: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub masked: bool,
}

impl FixOut {
    /// The fix as shown; none for a fix of a secret value or one that would enter a secret
    /// (the analysis drops those: this keeps any other from being shown).
    fn new(
        fix: &crate::finding::Fix,
        applicability: Applicability,
        show_values: bool,
        secrets: &Secrets,
    ) -> Option<Self> {
        if secrets.touches(fix) {
            return None;
        }
        let masked = fix.identifier && !show_values;
        Some(FixOut {
            applicability: applicability.as_str(),
            replacement: (!masked).then(|| escape(&fix.replacement).into_owned()),
            masked,
        })
    }
}

/// A value a cause enters, and the field it goes in.
#[derive(Debug, Clone, Serialize)]
pub struct CauseFix {
    pub field: String,
    #[serde(flatten)]
    pub fix: FixOut,
}

/// One cause as every format shows it (`causes` in `docs/output.md`): the findings it explains (by their
/// `rank`), one title, one severity, one set of steps with one value to enter.
#[derive(Debug, Clone, Serialize)]
pub struct ReportCause {
    pub rank: usize,
    /// The code of its leading finding.
    pub code: &'static str,
    pub title: String,
    pub severity: Severity,
    pub score: f64,
    pub symptom_match: bool,
    pub findings: Vec<usize>,
    pub remediation: Vec<String>,
    pub fix: Option<FixOut>,
    /// Every value the cause enters, one per field, `fix` first: one action may enter values
    /// in several fields (an account copied wrong; one name for the legal name and the payee).
    pub fixes: Vec<CauseFix>,
    /// The rank of the finding that offers `fix`: its other findings may offer values of
    /// their own for other fields (one account copied wrong: a value for each field).
    #[serde(skip)]
    pub fix_from: Option<usize>,
    /// "unlikely: the test payment succeeded" when the reported facts rule it out.
    pub unlikely: Option<String>,
    /// The ids of those facts (`[facts]` of the rulepack).
    pub ruled_out_by: Vec<String>,
    /// Ranks of the causes to fix before this one, and of those that wait for it.
    pub fix_first: Vec<usize>,
    pub fix_before: Vec<usize>,
    /// The order of fixing, said in words.
    pub notes: Vec<String>,
    #[serde(skip)]
    pub score_explanation: String,
}

/// One finding as every format shows it (`findings` in `docs/output.md`).
#[derive(Debug, Clone, Serialize)]
pub struct ReportFinding {
    pub rank: usize,
    /// The rank of its cause.
    pub cause: usize,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub confidence: &'static str,
    pub score: f64,
    pub symptom_match: bool,
    pub field: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub related: Vec<RelatedPosition>,
    pub title: String,
    pub message: String,
    pub remediation: Vec<String>,
    pub evidence: Map<String, JsonValue>,
    pub fix: Option<FixOut>,
    pub fingerprint: String,
    #[serde(skip)]
    pub score_explanation: String,
    /// Byte span in the source, for renderers that show the line.
    #[serde(skip)]
    pub span: Span,
}

/// One file's result.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub status: Status,
    /// In rank order.
    pub causes: Vec<ReportCause>,
    /// In the order of their causes.
    pub findings: Vec<ReportFinding>,
    /// The source (with its secrets), and the spans of identifiers to mask, for renderers that
    /// quote source lines.
    pub source: Option<SourceFile>,
    pub masked: Vec<Span>,
    /// The profile held no value for any rule to check (`format = 1` alone): "no problems
    /// found" would claim more than was done.
    pub nothing_checked: bool,
    /// `--fail-on`: findings at or above it fail the file (none with `--fail-on never`).
    pub fail_on: Option<Severity>,
}

impl FileReport {
    /// Whether a finding of `severity` fails the file, as its [`Status`] counts it.
    pub fn fails(&self, severity: Severity) -> bool {
        self.fail_on.is_some_and(|level| severity <= level)
    }
}

/// Everything one run produced.
#[derive(Debug, Clone)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub rulepack_id: String,
    pub rulepack_version: String,
    pub options: RenderOptions,
    /// The whole catalogue in code order, worded in the report's language, for formats that
    /// describe rules apart from their findings (SARIF `tool.driver.rules`); see
    /// [`Report::with_catalogue`].
    pub rules: Vec<RuleInfo>,
    /// Width and colour of the terminal the human format is written to.
    pub terminal: Terminal,
}

/// One rule of the catalogue as the rulepack words it, escaped for output.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub title: String,
    pub why: String,
    /// The steps of the rule's default variant, filled with the rule's parameters.
    /// Placeholders that only a finding can fill are shown as `<field>`, as `explain` shows them.
    pub remediation: Vec<String>,
    pub severity: Severity,
    pub confidence: Confidence,
}

impl RuleInfo {
    fn new(rule: &rules::Rule, pack: &RulePack, lang: Lang) -> Self {
        let policy = pack.rule(rule.code);
        let texts = policy.map(|p| p.texts(lang));
        RuleInfo {
            code: rule.code,
            name: rule.name,
            title: texts.map_or_else(String::new, |t| escape(&t.title).into_owned()),
            why: texts.map_or_else(String::new, |t| escape(&t.why).into_owned()),
            remediation: policy
                .zip(texts)
                .and_then(|(p, t)| Some((p, t.remediation.get("default")?)))
                .map(|(p, steps)| {
                    steps
                        .iter()
                        .map(|s| escape_owned(crate::rulepack::generic(s, &p.params)))
                        .collect()
                })
                .unwrap_or_default(),
            severity: policy.map_or(Severity::Warning, |p| p.severity_for("default")),
            confidence: policy.map_or(Confidence::Low, |p| p.confidence()),
        }
    }
}

impl Report {
    pub fn new(pack: &RulePack, options: RenderOptions) -> Self {
        Report {
            files: Vec::new(),
            rulepack_id: pack.meta.id.clone(),
            rulepack_version: pack.meta.version.clone(),
            options,
            rules: Vec::new(),
            terminal: Terminal::PLAIN,
        }
    }

    /// For the human format on a terminal: its width and whether to colour.
    pub fn with_terminal(mut self, terminal: Terminal) -> Self {
        self.terminal = terminal;
        self
    }

    /// Adds the rule catalogue when `renderer` describes rules apart from their findings
    /// ([`Renderer::wants_catalogue`]). Left out otherwise: rendering every rule's texts costs
    /// more than a `diagnose` of one profile.
    pub fn with_catalogue(mut self, pack: &RulePack, renderer: &dyn Renderer) -> Self {
        if renderer.wants_catalogue() {
            self.rules = rules::RULES
                .iter()
                .map(|rule| RuleInfo::new(rule, pack, self.options.lang))
                .collect();
        }
        self
    }

    /// The totals over every file of the report.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for file in &self.files {
            summary.add(file);
        }
        summary
    }
}

/// Totals over the files of a run (`summary` in `docs/output.md`), kept as files stream past.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        self.failed += usize::from(file.status != Status::Passed);
        for finding in &file.findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// An output format.
///
/// A format that [`streams`](Renderer::streams) is written file by file — `begin`, then `file`
/// for each file in order with `separator` between two files, then `end` — so `lint` over any
/// number of profiles holds one batch of reports at a time, and can render each file on the
/// worker thread that checked it. `report` then carries the run's metadata and no files.
pub trait Renderer: Send + Sync {
    /// Whether it quotes source lines: the report then carries each file's source
    /// ([`FileReport::with_source`]).
    fn wants_source(&self) -> bool {
        false
    }

    /// Whether it describes the whole rule catalogue ([`Report::with_catalogue`]).
    fn wants_catalogue(&self) -> bool {
        false
    }

    /// Whether it lays text out for a terminal's width and colours ([`Report::with_terminal`]).
    fn wants_terminal(&self) -> bool {
        false
    }

    /// The whole report at once. Formats that stream need not write it: by default it is
    /// `begin`, every file, `end`.
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        render_streaming(self, report, out)
    }

    /// Whether `begin` / `file` / `end` produce the same bytes as `render`.
    fn streams(&self) -> bool {
        false
    }

    fn begin(&self, _report: &Report, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// What goes between the output of two files (JSON's comma).
    fn separator(&self) -> &'static str {
        ""
    }

    /// One file, independent of the files before it.
    fn file(&self, _report: &Report, _file: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn end(&self, _report: &Report, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// `render` for a streaming format: `begin`, every file, `end`.
pub fn render_streaming<R: Renderer + ?Sized>(
    renderer: &R,
    report: &Report,
    out: &mut dyn Write,
) -> io::Result<()> {
    renderer.begin(report, out)?;
    for (i, file) in report.files.iter().enumerate() {
        if i > 0 {
            out.write_all(renderer.separator().as_bytes())?;
        }
        renderer.file(report, file, out)?;
    }
    renderer.end(report, &report.summary(), out)
}

/// Masks an identifier: first 2 and last 4 characters kept; short values fully.
pub fn mask(value: &str) -> String {
    let n = value.chars().count();
    if n <= 6 {
        return "*".repeat(n);
    }
    // Slices of the value at char boundaries: no per-char copy of the identifier.
    let at = |index: usize| {
        value
            .char_indices()
            .nth(index)
            .map_or(value.len(), |(i, _)| i)
    };
    let head = value.get(..at(2)).unwrap_or_default();
    let tail = value.get(at(n - 4)..).unwrap_or_default();
    let mut masked = String::with_capacity(head.len() + (n - 6) + tail.len());
    masked.push_str(head);
    masked.extend(std::iter::repeat_n('*', n - 6));
    masked.push_str(tail);
    masked
}

/// The most characters of one value a message quotes. A value pasted a million times over
/// would otherwise be quoted whole in every message about it; the fix's replacement and the
/// evidence keep what they must in full.
pub const MESSAGE_VALUE_CHARS: usize = 200;

/// `value` as a message quotes it: whole up to [`MESSAGE_VALUE_CHARS`], else its start and end
/// around "…" and how many characters it has.
pub fn shorten(value: &str, lang: Lang) -> String {
    let count = value.chars().count();
    if count <= MESSAGE_VALUE_CHARS {
        return value.to_string();
    }
    let tail = MESSAGE_VALUE_CHARS / 5;
    let head: String = value.chars().take(MESSAGE_VALUE_CHARS - tail).collect();
    let end = value
        .char_indices()
        .nth(count - tail)
        .map_or(value.len(), |(i, _)| i);
    let rest = value.get(end..).unwrap_or("");
    words::say(
        lang,
        format!("{head}…{rest} ({count} characters)"),
        format!("{head}…{rest}（共 {count} 个字符）"),
    )
}

/// A message argument as `wording` shows it: escaped, identifiers masked unless
/// `show_values`, secrets never (an argument that holds one has been through
/// [`Secrets::redact_arg`]), a choice by what it means ("Ozon Global Pay", not
/// `ozon_global_pay`).
pub fn render_arg(arg: &Arg, wording: Wording) -> String {
    let lang = wording.lang;
    match arg {
        Arg::Text(s) => escape_owned(shorten(s, lang)),
        Arg::Ident(s) if wording.show_values => escape_owned(shorten(s, lang)),
        Arg::Ident(s) => escape_owned(shorten(&mask(s), lang)),
        Arg::Secret => words::secret_marker(lang).to_string(),
        Arg::Term(Term::Choice { path, value }) => {
            let meaning = crate::profile::values::meaning(path, value, lang);
            escape_owned(meaning.map_or_else(|| shorten(value, lang), str::to_string))
        }
        Arg::Term(term) => escape_owned(words::term(term, lang)),
        Arg::Char(ch) => escape_owned(words::character(*ch, lang)),
    }
}

/// How `wording` names the field at `path`: its key path, or its plain label (the key's
/// words where the rulepack has none). Escaped, with no secret in it; the rulepack's label and
/// the format's keys are bindcheck's words and stay whole ([`Secrets::redact_path`]).
fn field_name(path: &str, secrets: &Secrets, pack: &RulePack, wording: Wording) -> String {
    if wording.naming == Naming::Plain
        && let Some(label) = pack.field_label(path, wording.lang)
    {
        return escape(label).into_owned();
    }
    let path = secrets.redact_path(path, words::secret_marker(wording.lang));
    match wording.naming {
        Naming::Paths => escape_owned(path.into_owned()),
        Naming::Plain => escape_owned(path.replace(['.', '_'], " ")),
    }
}

/// The arguments that name a key path: the format's keys in them are bindcheck's words, only
/// the keys it does not know are the profile's ([`Secrets::redact_path`]).
const PATH_ARGS: [&str; 3] = ["field", "other_field", "key"];

/// A finding's arguments as `wording` shows them, with no secret of `secrets` in them, and
/// the fields it is about as `field` and `other_field`: the one way a finding's values reach
/// its message and steps, in every format and in a ticket.
pub fn finding_args(
    finding: &Finding,
    secrets: &Secrets,
    pack: &RulePack,
    wording: Wording,
) -> Vec<(&'static str, String)> {
    let marker = words::secret_marker(wording.lang);
    let mut args: Vec<(&'static str, String)> = finding
        .args
        .iter()
        .map(|(k, v)| match v {
            Arg::Text(path) if PATH_ARGS.contains(k) => {
                let path = secrets.redact_path(path, marker).into_owned();
                (*k, render_arg(&Arg::Text(path), wording))
            }
            _ => (*k, render_arg(&secrets.redact_arg(v, marker), wording)),
        })
        .collect();
    if !wording.show_values {
        mask_apart(finding, secrets, &mut args, wording.lang);
    }
    args.push(("field", field_name(&finding.field, secrets, pack, wording)));
    if let Some(other) = finding.related.first() {
        args.push((
            "other_field",
            field_name(&other.field, secrets, pack, wording),
        ));
    }
    args
}

/// Two masked identifiers of one finding that differ but would be masked alike (`91****0Q2H`
/// twice, for licence numbers differing in the middle) each show their first differing
/// character, so a reader sees that and where they differ. One character of a value is not a
/// secret; a value the profile's secrets hold stays redacted.
fn mask_apart(
    finding: &Finding,
    secrets: &Secrets,
    args: &mut [(&'static str, String)],
    lang: Lang,
) {
    let marker = words::secret_marker(lang);
    let idents: Vec<(usize, &str)> = finding
        .args
        .iter()
        .enumerate()
        .filter_map(|(i, (_, v))| match (v, &*secrets.redact_arg(v, marker)) {
            (Arg::Ident(raw), Arg::Ident(_)) => Some((i, raw.as_str())),
            _ => None,
        })
        .collect();
    for (n, &(i, a)) in idents.iter().enumerate() {
        for &(j, b) in &idents[n + 1..] {
            if a == b || mask(a) != mask(b) {
                continue;
            }
            let Some(at) = a.chars().zip(b.chars()).position(|(x, y)| x != y) else {
                continue;
            };
            for (slot, value) in [(i, a), (j, b)] {
                if let Some(arg) = args.get_mut(slot) {
                    arg.1 = escape_owned(shorten(&mask_showing(value, at), lang));
                }
            }
        }
    }
}

/// [`mask`], with the character at index `at` shown.
fn mask_showing(value: &str, at: usize) -> String {
    mask(value)
        .chars()
        .zip(value.chars())
        .enumerate()
        .map(|(i, (masked, plain))| if i == at { plain } else { masked })
        .collect()
}

/// A finding's arguments as its steps show them: a choice whose values are the words of the
/// form (a Japanese account type) is named by the value to pick as well as by its meaning, so
/// a step never asks to enter a description.
fn step_args(
    finding: &Finding,
    mut args: Vec<(&'static str, String)>,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    for (name, arg) in &finding.args {
        let Arg::Term(Term::Choice { path, value }) = arg else {
            continue;
        };
        if let (Some(words), Some(slot)) = (
            crate::profile::values::as_on_form(path, value, lang),
            args.iter_mut().find(|(k, _)| k == name),
        ) {
            slot.1 = escape_owned(words);
        }
    }
    args
}

/// A finding's message, worded as `wording` says, from its arguments ([`finding_args`]); a
/// plain message leaves out the code quotes the rulepack puts around key paths. Escaped, with
/// no secret in it.
pub fn finding_message(
    finding: &Finding,
    args: &[(&str, String)],
    secrets: &Secrets,
    pack: &RulePack,
    wording: Wording,
) -> String {
    let Some(template) = pack
        .rule(finding.code)
        .map(|p| p.texts(wording.lang))
        .and_then(|t| t.message.get(finding.variant))
    else {
        return finding.code.to_string();
    };
    let filled = match wording.naming {
        Naming::Paths => fill_redacted(template, args, secrets, wording.lang),
        Naming::Plain => fill_redacted(&template.replace('`', ""), args, secrets, wording.lang),
    };
    escape_owned(filled)
}

/// `template` filled from `args` ([`finding_args`]), with no secret of `secrets` in what the
/// values put in: the one last pass over every worded text. It leaves the template's own words
/// alone ([`Secrets::redact_inserted`]), and the key paths ([`PATH_ARGS`]), already made of
/// bindcheck's words and the redacted keys the format does not know.
fn fill_redacted(template: &str, args: &[(&str, String)], secrets: &Secrets, lang: Lang) -> String {
    let (text, inserted) = crate::rulepack::fill_marked(template, args);
    let values: Vec<Span> = inserted
        .into_iter()
        .filter(|(name, _)| !PATH_ARGS.contains(name))
        .map(|(_, range)| range)
        .collect();
    match secrets.redact_inserted(&text, &values, words::secret_marker(lang)) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// Why a file cannot be checked, in `lang`: its rulepack message filled with its arguments.
pub fn load_error_message(error: &LoadError, pack: &RulePack, lang: Lang) -> String {
    let args: Vec<(&str, String)> = error
        .args
        .iter()
        .map(|(k, v)| {
            let wording = Wording {
                lang,
                show_values: false,
                naming: Naming::Paths,
            };
            let shown = render_arg(v, wording);
            match (*k, lang) {
                ("detail", Lang::Zh) => (*k, parser_words_zh(&shown).unwrap_or(shown)),
                _ => (*k, shown),
            }
        })
        .collect();
    let message = pack
        .rule(error.code)
        .map(|p| p.texts(lang))
        .and_then(|t| t.message.get(error.kind.variant()))
        .map(|template| fill(template, &args))
        .unwrap_or_else(|| error.code.to_string());
    escape_owned(message)
}

/// The TOML parser's message (`"<what>, expected <a>, <b>"`) in Chinese, from
/// [`words::PARSER_WORDS_ZH`]: `None` when a phrase is not there (the message is then quoted
/// as the parser wrote it). Quoted tokens (`` `=` ``) stay as they are.
fn parser_words_zh(detail: &str) -> Option<String> {
    let word = |phrase: &str| -> Option<String> {
        if phrase.starts_with('`') {
            return Some(phrase.to_string());
        }
        words::PARSER_WORDS_ZH
            .iter()
            .find(|(en, _)| *en == phrase)
            .map(|(_, zh)| zh.to_string())
    };
    let (what, expected) = match detail.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (detail, None),
    };
    let mut out = word(what)?;
    if let Some(expected) = expected {
        let items: Vec<String> = expected
            .split(", ")
            .map(word)
            .collect::<Option<Vec<String>>>()?
            .into_iter()
            .filter(|item| !item.is_empty())
            .collect();
        if !items.is_empty() {
            out.push_str("，此处应为 ");
            out.push_str(&items.join("、"));
        }
    }
    Some(out)
}

/// The stable fingerprint of a finding: code, file, key path and value — not line numbers. A
/// secret in the key path or value is hashed as a marker, so the fingerprint does not depend
/// on it.
pub fn fingerprint(path: &str, finding: &Finding, secrets: &Secrets) -> String {
    // `./a.toml`, `a.toml` and `.\\a.toml` are one file to a baseline or a SARIF alert.
    let path = if path.contains('\\') {
        std::borrow::Cow::Owned(path.replace('\\', "/"))
    } else {
        std::borrow::Cow::Borrowed(path)
    };
    let path = path.trim_start_matches("./");
    let mut hasher = Sha256::new();
    for part in [
        finding.code,
        path,
        &secrets.redact_for_hash(&finding.field, false),
        &secrets.redact_for_hash(&finding.fingerprint_value, secrets.hides(&finding.span)),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    digest[..8]
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

fn sanitize_json(value: &mut JsonValue) {
    match value {
        JsonValue::String(s) => {
            if let std::borrow::Cow::Owned(clean) = escape(s) {
                *s = clean;
            }
        }
        JsonValue::Array(items) => items.iter_mut().for_each(sanitize_json),
        JsonValue::Object(map) => map.values_mut().for_each(sanitize_json),
        _ => {}
    }
}

/// The ranking formula with this finding's numbers (`--explain-rank`), in `lang`: the rank
/// stage keeps the numbers, the words are the report's.
fn score_explanation(ranked: &Ranked, pack: &RulePack, lang: Lang) -> String {
    let policy = pack.rule(ranked.finding.code);
    let weight = pack.ranking.weight(ranked.confidence);
    let prior = policy.map_or(0.5, |p| p.prior());
    let confidence = words::confidence(ranked.confidence, lang);
    let symptoms = |ids: &[String]| -> String {
        match lang {
            Lang::En => ids.join(", "),
            Lang::Zh => ids
                .iter()
                .map(|id| pack.symptoms.get(id).map_or(id.as_str(), |s| s.zh.as_str()))
                .collect::<Vec<_>>()
                .join("；"),
        }
    };
    let mut text = match lang {
        Lang::En => format!("{weight} ({confidence}) × {prior} (prior)"),
        Lang::Zh => format!("{weight}（置信度{confidence}）× {prior}（先验概率）"),
    };
    if ranked.explains() {
        let boost = pack.ranking.symptom_boost;
        let explained = symptoms(&ranked.matched_symptoms);
        text.push_str(&match lang {
            Lang::En => format!(" × {boost} (explains {explained})"),
            Lang::Zh => format!(" × {boost}（可解释：{explained}）"),
        });
    }
    text.push_str(&format!(" = {}", round(ranked.score)));
    if !ranked.ruled_out.is_empty() {
        let facts: Vec<&str> = ranked
            .ruled_out
            .iter()
            .map(|id| {
                pack.facts
                    .get(id)
                    .map(|fact| fact.text(lang))
                    .filter(|t| !t.is_empty())
                    .unwrap_or(id)
            })
            .collect();
        let not_boosted = !ranked.matched_symptoms.is_empty();
        text.push_str(&match (lang, not_boosted) {
            (Lang::En, false) => format!(" (ruled out: {})", facts.join("; ")),
            (Lang::En, true) => format!(
                " (ruled out: {}; so not boosted for {})",
                facts.join("; "),
                symptoms(&ranked.matched_symptoms)
            ),
            (Lang::Zh, false) => format!("（已排除：{}）", facts.join("；")),
            (Lang::Zh, true) => format!(
                "（已排除：{}；因此不因“{}”加权）",
                facts.join("；"),
                symptoms(&ranked.matched_symptoms)
            ),
        });
    }
    escape_owned(text)
}

/// A cause's formula: that of its highest-scoring finding, named when it has several.
fn cause_score_explanation(cause: &Cause, findings: &[ReportFinding]) -> String {
    let Some(best) = findings.get(cause.best.wrapping_sub(1)) else {
        return String::new();
    };
    if cause.findings.len() > 1 {
        format!("{}: {}", best.code, best.score_explanation)
    } else {
        best.score_explanation.clone()
    }
}

/// Builds one finding's report form. Every text that comes from the profile (arguments, key
/// paths, evidence, the fix) goes through the source's [`Secrets`], and the worded message and
/// steps once more, so no secret reaches any format, whatever a rule copied. The steps are
/// those for the platform whose page holds the finding's field, else for `platform`, the one
/// the profile is about (a licence or an incident belongs to no page of its own).
fn report_finding(
    ranked: &Ranked,
    source: &SourceFile,
    pack: &RulePack,
    options: RenderOptions,
    platform: Option<Platform>,
) -> ReportFinding {
    let finding = &ranked.finding;
    let secrets = source.secrets();
    let marker = words::secret_marker(options.lang);
    let shown_path = |path: &str| escape_owned(secrets.redact_path(path, marker).into_owned());
    let rule = rules::lookup(finding.code);
    let policy = pack.rule(finding.code);
    let texts = policy.map(|p| p.texts(options.lang));
    let wording = options.wording();
    let args = finding_args(finding, secrets, pack, wording);
    let message = finding_message(finding, &args, secrets, pack, wording);
    // A step that would show a masked identifier says how to see the value to enter.
    let masks =
        !options.show_values && finding.args.iter().any(|(_, v)| matches!(v, Arg::Ident(_)));
    let shows_masked = |step: &str| {
        masks
            && crate::rulepack::placeholders(step).iter().any(|name| {
                finding
                    .args
                    .iter()
                    .any(|(k, v)| k == name && matches!(v, Arg::Ident(_)))
            })
    };
    let place = Platform::of_field(&finding.field)
        .or(platform)
        .map(Platform::key);
    let args = step_args(finding, args, options.lang);
    let remediation: Vec<String> = texts
        .and_then(|t| t.remediation.get_for(finding.variant, place))
        .map(|steps| {
            steps
                .iter()
                .map(|s| {
                    let mut step = fill_redacted(s, &args, secrets, options.lang);
                    if shows_masked(s) {
                        step.push_str(words::causes(options.lang).masked_step);
                    }
                    escape_owned(step)
                })
                .collect()
        })
        .unwrap_or_default();
    let start = source.position(finding.span.start);
    let end = source.position(finding.span.end.max(finding.span.start + 1));
    let related = finding
        .related
        .iter()
        .map(|r| {
            let p = source.position(r.span.start);
            RelatedPosition {
                field: shown_path(&r.field),
                line: p.line,
                column: p.column,
            }
        })
        .collect();
    let mut evidence = JsonValue::Object(finding.evidence.clone());
    let about_secret =
        secrets.hides(&finding.span) || finding.related.iter().any(|r| secrets.hides(&r.span));
    secrets.redact_json(&mut evidence, marker, about_secret);
    sanitize_json(&mut evidence);
    let evidence = match evidence {
        JsonValue::Object(map) => map,
        _ => Map::new(),
    };
    let fix = finding
        .fix
        .as_ref()
        .and_then(|fix| FixOut::new(fix, fix.applicability, options.show_values, secrets));
    ReportFinding {
        rank: ranked.rank,
        cause: ranked.cause,
        code: finding.code,
        name: rule.map_or("", |r| r.name),
        severity: ranked.severity,
        confidence: ranked.confidence.as_str(),
        score: round(ranked.score),
        symptom_match: !ranked.matched_symptoms.is_empty(),
        field: shown_path(&finding.field),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        related,
        title: texts.map_or_else(String::new, |t| {
            escape(t.title_for(finding.variant)).into_owned()
        }),
        message,
        remediation,
        evidence,
        fix,
        fingerprint: fingerprint(&source.path, finding, secrets),
        score_explanation: score_explanation(ranked, pack, options.lang),
        span: finding.span.clone(),
    }
}

/// The report of one loaded and checked profile, without its source: formats that quote
/// source lines need [`FileReport::with_source`] too. `ranked` and `causes` are one ranking
/// (`pipeline::Analysis`, or lint's narrowed one).
pub fn build_file(
    profile: &Profile,
    ranked: &[Ranked],
    causes: &[Cause],
    pack: &RulePack,
    options: RenderOptions,
    fail_on: Option<Severity>,
) -> FileReport {
    let platform = Platform::of_flows(Flows::of(profile));
    let mut findings: Vec<ReportFinding> = ranked
        .iter()
        .map(|r| report_finding(r, &profile.source, pack, options, platform))
        .collect();
    // One cause, one fix: a finding whose fix the cause's supersedes shows the steps of the
    // finding whose fix does, not its own (which would offer the superseded value).
    for (i, r) in ranked.iter().enumerate() {
        if let Some(steps) = r
            .superseded_by
            .and_then(|by| findings.get(by.wrapping_sub(1)))
            .map(|by| by.remediation.clone())
        {
            findings[i].remediation = steps;
        }
    }
    let mut reported: Vec<ReportCause> = causes
        .iter()
        .map(|c| {
            report_cause(
                c,
                &findings,
                causes,
                pack,
                options,
                profile.source.secrets(),
            )
        })
        .collect();
    // A value a cause tells the seller to enter carries one label, whichever finding offers it.
    for (cause, shown) in causes.iter().zip(&reported) {
        let (Some(fix), Some(from)) = (&shown.fix, cause.fix_from) else {
            continue;
        };
        for rank in &cause.findings {
            let Some(finding) = findings.get_mut(rank.wrapping_sub(1)) else {
                continue;
            };
            if let Some(own) = finding.fix.as_mut().filter(|own| {
                own.replacement == fix.replacement
                    && own.masked == fix.masked
                    && same_fix_value(ranked, *rank, from)
            }) {
                own.applicability = fix.applicability;
            }
        }
    }
    for shown in &mut reported {
        shown.fixes = cause_fixes(shown, &findings);
    }
    let failed = fail_on.is_some_and(|level| findings.iter().any(|f| f.severity <= level));
    FileReport {
        fail_on,
        path: profile.source.path.clone(),
        status: if failed {
            Status::Failed
        } else {
            Status::Passed
        },
        causes: reported,
        findings,
        source: None,
        masked: Vec::new(),
        nothing_checked: profile.fields.is_empty(),
    }
}

/// The values `cause` enters, one per field: its own fix first, then each field's first fix
/// among its findings (a superseded fix is none: the finding offers no value of its own).
fn cause_fixes(cause: &ReportCause, findings: &[ReportFinding]) -> Vec<CauseFix> {
    let finding = |rank: usize| findings.get(rank.wrapping_sub(1));
    let mut fixes: Vec<CauseFix> = Vec::new();
    if let (Some(fix), Some(from)) = (&cause.fix, cause.fix_from.and_then(finding)) {
        fixes.push(CauseFix {
            field: from.field.clone(),
            fix: fix.clone(),
        });
    }
    for f in cause.findings.iter().filter_map(|&rank| finding(rank)) {
        if let Some(fix) = &f.fix
            && !fixes.iter().any(|known| known.field == f.field)
        {
            fixes.push(CauseFix {
                field: f.field.clone(),
                fix: fix.clone(),
            });
        }
    }
    fixes
}

/// A cause's steps: its leading finding's, then the steps of each finding that enters a value
/// in another field, so that no value the cause enters is left out. Steps both lists end with
/// ("Save and retry") stay last, and a step already listed is not repeated.
fn cause_steps(cause: &Cause, findings: &[ReportFinding]) -> Vec<String> {
    let members: Vec<&ReportFinding> = cause
        .findings
        .iter()
        .filter_map(|rank| findings.get(rank.wrapping_sub(1)))
        .collect();
    let Some(lead) = members.first() else {
        return Vec::new();
    };
    let mut steps = lead.remediation.clone();
    let mut fields: Vec<&str> = vec![&lead.field];
    for f in &members[1..] {
        if f.fix.is_none() || fields.contains(&f.field.as_str()) {
            continue;
        }
        fields.push(&f.field);
        let shared_tail = steps
            .iter()
            .rev()
            .zip(f.remediation.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let at = steps.len() - shared_tail;
        let new: Vec<String> = f.remediation[..f.remediation.len() - shared_tail]
            .iter()
            .filter(|step| !steps.contains(step))
            .cloned()
            .collect();
        steps.splice(at..at, new);
    }
    steps
}

/// Whether the findings ranked `a` and `b` fix their value to the same replacement (compared
/// unmasked: two masked values may look alike and differ).
fn same_fix_value(ranked: &[Ranked], a: usize, b: usize) -> bool {
    let fix = |rank: usize| {
        ranked
            .get(rank.wrapping_sub(1))
            .and_then(|r| r.finding.fix.as_ref())
            .map(|f| (&f.span, &f.replacement))
    };
    fix(a).is_some() && fix(a) == fix(b)
}

/// One cause's report form: its leading finding's title and steps, its one value to enter, why
/// it is unlikely, and what to fix before or after it.
fn report_cause(
    cause: &Cause,
    findings: &[ReportFinding],
    causes: &[Cause],
    pack: &RulePack,
    options: RenderOptions,
    secrets: &Secrets,
) -> ReportCause {
    let lead = cause
        .findings
        .first()
        .and_then(|rank| findings.get(rank - 1));
    let w = words::causes(options.lang);
    let title_of = |rank: usize| {
        causes
            .get(rank.wrapping_sub(1))
            .and_then(|c| c.findings.first())
            .and_then(|f| findings.get(f.wrapping_sub(1)))
            .map_or_else(String::new, |f| f.title.clone())
    };
    let say = |template: &str, rank: usize| {
        fill(
            template,
            &[("rank", rank.to_string()), ("title", title_of(rank))],
        )
    };
    let notes = cause
        .fix_first
        .iter()
        .map(|&rank| say(w.fix_first, rank))
        .chain(cause.fix_before.iter().map(|&rank| say(w.fix_before, rank)))
        .collect();
    let reasons: Vec<String> = cause
        .ruled_out
        .iter()
        .map(|id| {
            pack.facts
                .get(id)
                .map(|fact| fact.text(options.lang))
                .filter(|text| !text.is_empty())
                .map_or_else(|| escape(id).into_owned(), |t| escape(t).into_owned())
        })
        .collect();
    let unlikely = (!reasons.is_empty()).then(|| format!("{}{}", w.unlikely, reasons.join(w.and)));
    ReportCause {
        rank: cause.rank,
        code: lead.map_or("", |f| f.code),
        title: lead.map_or_else(String::new, |f| f.title.clone()),
        severity: cause.severity,
        score: round(cause.score),
        symptom_match: cause.symptom_match,
        findings: cause.findings.clone(),
        remediation: cause_steps(cause, findings),
        fix: cause
            .fix
            .as_ref()
            .and_then(|fix| FixOut::new(fix, fix.applicability, options.show_values, secrets)),
        fixes: Vec::new(),
        fix_from: cause.fix_from,
        unlikely,
        ruled_out_by: cause.ruled_out.clone(),
        fix_first: cause.fix_first.clone(),
        fix_before: cause.fix_before.clone(),
        notes,
        score_explanation: cause_score_explanation(cause, findings),
    }
}

impl FileReport {
    /// Adds the profile's source, with its secrets, and the identifier spans to mask when a
    /// renderer quotes it. Only the human format quotes source lines; leaving the source out
    /// elsewhere saves a copy of every file.
    pub fn with_source(mut self, profile: &Profile, options: RenderOptions) -> Self {
        self.masked = if options.show_values {
            Vec::new()
        } else {
            profile
                .fields
                .iter()
                .filter(|f| f.spec.is_masked())
                .map(|f| f.span.clone())
                .collect()
        };
        self.source = Some(profile.source.clone());
        self
    }
}

/// The report of a file that could not be loaded: one BC001 / BC005 finding.
pub fn build_unreadable(
    path: &str,
    error: &LoadError,
    pack: &RulePack,
    options: RenderOptions,
) -> FileReport {
    let message = load_error_message(error, pack, options.lang);
    // Fingerprints do not change with the language.
    let finding = Finding::new(error.code, "", error.offset..error.offset + 1)
        .fingerprint_value(load_error_message(error, pack, Lang::En));
    let policy = pack.rule(error.code);
    let texts = policy.map(|p| p.texts(options.lang));
    let remediation = texts
        .and_then(|t| t.remediation.get("default"))
        .cloned()
        .unwrap_or_default();
    let report_finding = ReportFinding {
        rank: 1,
        cause: 1,
        code: error.code,
        name: rules::lookup(error.code).map_or("", |r| r.name),
        severity: Severity::Error,
        confidence: "high",
        score: 1.0,
        symptom_match: false,
        field: String::new(),
        line: error.position.line,
        column: error.position.column,
        end_line: error.position.line,
        end_column: error.position.column + 1,
        related: Vec::new(),
        title: texts.map_or_else(String::new, |t| escape(&t.title).into_owned()),
        message,
        remediation: remediation.iter().map(|s| escape(s).into_owned()).collect(),
        evidence: Map::new(),
        fix: None,
        fingerprint: fingerprint(path, &finding, &Secrets::default()),
        score_explanation: String::new(),
        span: finding.span.clone(),
    };
    let cause = ReportCause {
        rank: 1,
        code: report_finding.code,
        title: report_finding.title.clone(),
        severity: Severity::Error,
        score: report_finding.score,
        symptom_match: false,
        findings: vec![1],
        remediation: report_finding.remediation.clone(),
        fix: None,
        fixes: Vec::new(),
        fix_from: None,
        unlikely: None,
        ruled_out_by: Vec::new(),
        fix_first: Vec::new(),
        fix_before: Vec::new(),
        notes: Vec::new(),
        score_explanation: String::new(),
    };
    FileReport {
        path: path.to_string(),
        status: Status::Unreadable,
        causes: vec![cause],
        findings: vec![report_finding],
        source: None,
        masked: Vec::new(),
        nothing_checked: false,
        fail_on: Some(Severity::Error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long value is quoted by its start and end and its length, in the reader's language;
    /// a short one whole.
    #[test]
    fn messages_quote_long_values_shortened() {
        assert_eq!(shorten("深圳 ABC", Lang::Zh), "深圳 ABC");
        let long = format!("{}{}", "a".repeat(1000), "Z".repeat(40));
        let en = shorten(&long, Lang::En);
        assert_eq!(
            en,
            format!("{}…{} (1040 characters)", "a".repeat(160), "Z".repeat(40))
        );
        assert!(shorten(&long, Lang::Zh).ends_with("（共 1040 个字符）"));
        let wording = Wording {
            lang: Lang::En,
            show_values: false,
            naming: Naming::Paths,
        };
        let shown = render_arg(&Arg::Text("\u{200B}".repeat(1_000_000)), wording);
        assert!(
            shown.ends_with(" (1000000 characters)") && shown.len() < 4000,
            "{}",
            shown.len()
        );
    }

    #[test]
    fn masks_keep_two_and_four() {
        assert_eq!(mask("LL1234567890ABCDEFGH5678"), "LL******************5678");
        assert_eq!(mask("123456"), "******");
        assert_eq!(mask("1234567"), "12*4567");
        assert_eq!(mask(""), "");
        assert_eq!(mask("深圳市星河科技有限公司"), "深圳*****有限公司");
        assert_eq!(mask("a\u{301}bcdéf"), "a\u{301}*cdéf");
    }
}

/// Every output format. Each command that writes a report accepts some of them
/// ([`Format::accepted_by`]); its `--format` flag offers exactly those.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Concise,
    Jsonl,
    Junit,
}

/// A command that writes a report in one of several [`Format`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportCommand {
    /// `bindcheck diagnose`: one profile, for a person or a CI step.
    Diagnose,
    /// `bindcheck lint`: many profiles, for CI.
    Lint,
}

impl ReportCommand {
    /// Every command that writes reports.
    pub const ALL: [ReportCommand; 2] = [ReportCommand::Diagnose, ReportCommand::Lint];

    /// The subcommand's name.
    pub fn name(self) -> &'static str {
        match self {
            ReportCommand::Diagnose => "diagnose",
            ReportCommand::Lint => "lint",
        }
    }
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Concise => "concise",
            Format::Jsonl => "jsonl",
            Format::Junit => "junit",
        }
    }

    /// The format named `name`, as [`Format::name`] spells it: every format is one a command
    /// writes.
    pub fn from_name(name: &str) -> Option<Format> {
        ReportCommand::ALL
            .iter()
            .flat_map(|command| Format::accepted_by(*command))
            .copied()
            .find(|f| f.name() == name)
    }

    /// The formats `command` writes, its default first. `diagnose` describes one profile for a
    /// reader (the human report) or one CI step; `lint` many profiles, one line or record each.
    pub fn accepted_by(command: ReportCommand) -> &'static [Format] {
        match command {
            ReportCommand::Diagnose => {
                &[Format::Human, Format::Json, Format::Sarif, Format::Github]
            }
            ReportCommand::Lint => &[
                Format::Concise,
                Format::Json,
                Format::Jsonl,
                Format::Sarif,
                Format::Github,
                Format::Junit,
            ],
        }
    }

    /// The renderer that writes this format.
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Human => Box::new(Human),
            Format::Json => Box::new(Json),
            Format::Sarif => Box::new(Sarif),
            Format::Github => Box::new(Github),
            Format::Concise => Box::new(Concise),
            Format::Jsonl => Box::new(Jsonl),
            Format::Junit => Box::new(Junit),
        }
    }
}
