//! One interview: the question to ask, the answers taken, the profile they make, its diagnosis.
//!
//! The engine knows no front end. It asks first what was reported (the symptom, unless given)
//! and which binding it is (the platform, unless given), then whatever [`Situation`] says can
//! still change the diagnosis. Every accepted answer is written to the saved profile at once,
//! and the profile is analysed again exactly as `diagnose` analyses a file, so the causes it
//! reports as established and the diagnosis it ends with are `diagnose`'s on that file.

use super::answer::{self, Given, QuestionKind};
use super::plan::Situation;
use super::save::{SaveError, Saved};
use crate::pipeline::{Analysis, AnalyzeError, AnalyzeOptions, analyze};
use crate::profile::schema::{self, FieldSpec};
use crate::profile::{Flow, values};
use crate::report::words::say;
use crate::report::{self, FileReport, RenderOptions, ReportCause};
use crate::rulepack::{Lang, PolicyError, RulePack, Severity};
use crate::rules::{Family, RULES, lookup};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Where the reported symptom is saved: `diagnose` reads it from there.
pub const SYMPTOM_FIELD: &str = "incident.error_message";
/// Where an error code in the reported symptom is saved.
const ERROR_CODE_FIELD: &str = "incident.error_code";
/// The question about the platform is about no field of the profile.
pub const PLATFORM_FIELD: &str = "--platform";
/// The platforms an interview is about, as `--platform` names them.
pub const PLATFORMS: [Flow; 3] = [
    Flow::OzonLianlian,
    Flow::OzonGlobalPay,
    Flow::AmazonLianlian,
];

/// What the command line says about the interview.
#[derive(Debug, Clone)]
pub struct Options {
    /// The language of questions, flags and causes.
    pub lang: Lang,
    /// "Today" for date rules (`--as-of`).
    pub as_of: Option<jiff::civil::Date>,
    /// `--symptom TEXT`: not asked, and used like `diagnose --symptom`.
    pub symptom: Option<String>,
    /// `--platform`: not asked.
    pub platform: Option<Flow>,
    /// Identifiers in full in the causes' messages.
    pub show_values: bool,
}

/// One question, as every front end shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Its number in this interview, from 1.
    pub id: usize,
    /// The profile field the answer is saved to (`--platform` for the platform).
    pub field: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// For a choice, the values; for a list, the allowed items (empty: any); for the
    /// symptom, the wordings of the known symptoms (any other text is taken too).
    pub choices: Vec<String>,
    /// What the field is.
    pub label: String,
    /// Where its value is found, and what to do with it.
    pub prompt: String,
    /// Why it is asked: the checks its answer decides.
    pub help: String,
    /// What each choice means, in the same order (for front ends that describe them).
    #[serde(skip)]
    pub choice_labels: Vec<String>,
}

/// What the person answering did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An answer.
    Value(Given),
    /// "Don't know".
    Skip,
    /// Stop asking and diagnose what was answered.
    Finish,
}

/// What became of a reply.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The answer was kept and saved.
    Accepted {
        /// The causes it established (as the JSON report's `causes`, ranked in the profile as it
        /// now is).
        causes: Vec<ReportCause>,
        /// What the character checks found in the answer itself (invisible characters and the
        /// like), worded and escaped.
        flags: Vec<String>,
        /// What was made of the answer when the value saved differs from it ("`2026/12/14` is
        /// taken as `2026-12-14`"), escaped.
        note: Option<String>,
    },
    /// Not an answer to this question, and why; the same question is asked again.
    Invalid(String),
    /// "Don't know": nothing saved.
    Skipped,
    /// The interview ends here.
    Finished,
}

/// Why the interview cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The profile could not be saved.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The rulepack's policy is unusable.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The saved profile does not load (a file being continued that is not a profile).
    #[error("{0}")]
    Load(String),
}

/// What a pending question is about.
#[derive(Debug, Clone, Copy)]
enum Target {
    Symptom,
    Platform,
    Field(&'static FieldSpec),
}

/// An interview in progress.
pub struct Interview {
    pack: Arc<RulePack>,
    options: Options,
    saved: Saved,
    analysis: Analysis,
    /// Fields asked and not answered.
    skipped: BTreeSet<String>,
    symptom_skipped: bool,
    platform_chosen: bool,
    pending: Option<(Question, Target)>,
    asked: usize,
    /// The findings already reported with their causes, by code and field.
    announced: BTreeSet<(String, String)>,
    finished: bool,
}

impl Interview {
    /// Starts (or, for a file that exists, continues) an interview. What the command line
    /// already says (the symptom, the platform) is saved at once.
    pub fn new(pack: Arc<RulePack>, mut saved: Saved, options: Options) -> Result<Self, Error> {
        let analysis = analyze_text(&pack, &saved, &options)?;
        if let Some(symptom) = &options.symptom
            && analysis.profile.field(SYMPTOM_FIELD).is_none()
            && !holds_credential(&pack, &Given::Text(symptom.clone()))
        {
            save_symptom(&mut saved, &pack, &analysis, symptom, options.lang);
        }
        if let Some(flow) = options.platform {
            mark_platform(&mut saved, &analysis, flow);
        }
        saved.write()?;
        let analysis = analyze_text(&pack, &saved, &options)?;
        let mut interview = Interview {
            pack,
            options,
            saved,
            analysis,
            skipped: BTreeSet::new(),
            symptom_skipped: false,
            platform_chosen: false,
            pending: None,
            asked: 0,
            announced: BTreeSet::new(),
            finished: false,
        };
        // What a file being continued already shows is not news.
        interview.new_causes();
        Ok(interview)
    }

    /// The question to answer now: the same one until it is answered, skipped or the
    /// interview finished; `None` when the answers decide the diagnosis.
    pub fn question(&mut self) -> Option<Question> {
        if self.finished {
            return None;
        }
        if let Some((question, _)) = &self.pending {
            return Some(question.clone());
        }
        let target = if self.symptom_unknown() {
            Target::Symptom
        } else if self.platform_unknown() {
            Target::Platform
        } else {
            let situation = Situation::new(RULES, &self.pack, &self.analysis, &self.skipped);
            match situation.next_field().and_then(schema::field) {
                Some(spec) => Target::Field(spec),
                None => {
                    self.finished = true;
                    return None;
                }
            }
        };
        self.asked += 1;
        let question = self.build(target);
        self.pending = Some((question.clone(), target));
        Some(question)
    }

    /// Takes the reply to the pending question.
    pub fn reply(&mut self, reply: Reply) -> Result<Outcome, Error> {
        let Some((_, target)) = self.pending.clone() else {
            return Ok(Outcome::Finished);
        };
        let value = match reply {
            Reply::Finish => {
                self.pending = None;
                self.finished = true;
                return Ok(Outcome::Finished);
            }
            Reply::Skip => {
                match target {
                    Target::Symptom => self.symptom_skipped = true,
                    Target::Platform => self.platform_chosen = true,
                    Target::Field(spec) => {
                        self.skipped.insert(spec.path.to_string());
                    }
                }
                self.pending = None;
                return Ok(Outcome::Skipped);
            }
            Reply::Value(value) => value,
        };
        let lang = self.options.lang;
        let field = match target {
            Target::Symptom => SYMPTOM_FIELD,
            Target::Platform => PLATFORM_FIELD,
            Target::Field(spec) => spec.path,
        };
        if holds_credential(&self.pack, &value) {
            return Ok(Outcome::Invalid(credential_refused(
                &self.pack, field, lang,
            )));
        }
        let mut note = None;
        match target {
            Target::Symptom => match value {
                Given::Text(text) => {
                    save_symptom(&mut self.saved, &self.pack, &self.analysis, &text, lang)
                }
                _ => return Ok(Outcome::Invalid(not_text(lang))),
            },
            Target::Platform => match platform(&value) {
                Some(flow) => {
                    mark_platform(&mut self.saved, &self.analysis, flow);
                    self.platform_chosen = true;
                }
                None => return Ok(Outcome::Invalid(platform_choices(lang))),
            },
            Target::Field(spec) => match self.check(spec, value) {
                Ok(taken) => {
                    self.saved.set(spec.path, taken.value);
                    note = taken.note;
                }
                Err(reason) => return Ok(Outcome::Invalid(reason)),
            },
        }
        self.pending = None;
        self.saved.write()?;
        self.analysis = analyze_text(&self.pack, &self.saved, &self.options)?;
        let flags = match target {
            Target::Field(spec) => self.flags(spec.path),
            _ => Vec::new(),
        };
        Ok(Outcome::Accepted {
            causes: self.new_causes(),
            flags,
            note: note.map(crate::unicode::escape_owned),
        })
    }

    /// Why `text`, typed as the answer to the pending question, would not be taken; `Ok` for
    /// an answer that would (a front end checks while the person can still edit it). A
    /// credential passes: [`Interview::reply`] refuses it, so that the front end clears it
    /// instead of keeping it on the line to be corrected.
    pub fn validator(&self) -> impl Fn(&str) -> Result<(), String> + Send + Sync + 'static {
        let target = self.pending.as_ref().map(|(_, target)| *target);
        let check = Check {
            pack: Arc::clone(&self.pack),
            saved: self.saved.clone(),
            options: self.options.clone(),
        };
        move |text: &str| match target {
            Some(Target::Field(spec)) => {
                let given = Given::Text(text.to_string());
                if holds_credential(&check.pack, &given) {
                    return Ok(());
                }
                check.value(spec, given).map(|_| ())
            }
            _ => Ok(()),
        }
    }

    /// For a front end that must not show a credential being typed or pasted: where in a text
    /// (a byte offset) a credential, or the beginning of one, starts — the first of BC901's
    /// `value_hints` ("ghp_"), or the text's start for a disguised one ([`holds_credential`]).
    /// A paste arrives a character at a time: the part that is not yet a whole credential is
    /// hidden too.
    pub fn credential_start(&self) -> impl Fn(&str) -> Option<usize> + Send + Sync + 'static {
        let pack = Arc::clone(&self.pack);
        move |text: &str| {
            let hint = pack
                .param_literals("BC901", "value_hints")
                .ok()
                .and_then(|hints| hints.find(text))
                .map(|found| found.start());
            hint.or_else(|| holds_credential(&pack, &Given::Text(text.to_string())).then_some(0))
        }
    }

    /// How many questions were asked.
    pub fn questions(&self) -> usize {
        self.asked
    }

    /// The profile as answered, analysed as `diagnose` analyses it.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The saved profile's path, escaped for messages.
    pub fn path(&self) -> &str {
        self.saved.shown()
    }

    /// The rulepack the interview asks and diagnoses with.
    pub fn pack(&self) -> &RulePack {
        &self.pack
    }

    /// The analysis as a report in the interview's language.
    pub fn report(&self) -> FileReport {
        file_report(&self.pack, &self.analysis, &self.options)
    }

    fn symptom_unknown(&self) -> bool {
        self.options.symptom.is_none()
            && !self.symptom_skipped
            && self.analysis.profile.field(SYMPTOM_FIELD).is_none()
    }

    /// Whether nothing yet says which binding the profile is about: no platform given or
    /// chosen, and no section but `[incident]` (the symptom's) in the profile.
    fn platform_unknown(&self) -> bool {
        self.options.platform.is_none()
            && !self.platform_chosen
            && self.analysis.profile.sections.iter().all(|s| {
                let top = s.path.split('.').next().unwrap_or_default();
                top == "incident" || top == "bindcheck"
            })
    }

    fn check(&self, spec: &'static FieldSpec, value: Given) -> Result<answer::Taken, String> {
        Check {
            pack: Arc::clone(&self.pack),
            saved: self.saved.clone(),
            options: self.options.clone(),
        }
        .value(spec, value)
    }

    fn build(&self, target: Target) -> Question {
        let lang = self.options.lang;
        let id = self.asked;
        match target {
            Target::Symptom => {
                let symptoms: Vec<String> = self
                    .symptoms_by_likelihood()
                    .into_iter()
                    .map(|s| {
                        crate::unicode::escape(if lang == Lang::En { &s.en } else { &s.zh })
                            .into_owned()
                    })
                    .collect();
                Question {
                    id,
                    field: SYMPTOM_FIELD.to_string(),
                    kind: QuestionKind::Text,
                    choice_labels: symptoms.clone(),
                    choices: symptoms,
                    label: say(lang, "What went wrong?", "出了什么问题？"),
                    prompt: self.guide(SYMPTOM_FIELD),
                    help: say(
                        lang,
                        "What was seen decides which checks come first: the causes that explain it are asked about before any other.",
                        "看到的现象决定先检查什么：能解释它的原因会最先询问。",
                    ),
                }
            }
            Target::Platform => Question {
                id,
                field: PLATFORM_FIELD.to_string(),
                kind: QuestionKind::Choice,
                choices: PLATFORMS.iter().map(|f| f.as_str().to_string()).collect(),
                choice_labels: PLATFORMS
                    .iter()
                    .map(|f| {
                        let (en, zh) = f.describe();
                        capitalized(&say(lang, en, zh))
                    })
                    .collect(),
                label: say(lang, "Which binding is it?", "要绑定的是哪一种？"),
                prompt: say(
                    lang,
                    "Choose the payout channel being bound",
                    "选择正在绑定的收款渠道",
                ),
                help: say(
                    lang,
                    "Each platform has its own checks: only the ones for this binding are asked about.",
                    "每个平台有各自的检查：只询问与这次绑定有关的问题。",
                ),
            },
            Target::Field(spec) => self.field_question(id, spec),
        }
    }

    fn field_question(&self, id: usize, spec: &'static FieldSpec) -> Question {
        let lang = self.options.lang;
        let (kind, choices) = QuestionKind::of(spec.kind);
        let meanings = values::meanings(choices);
        let choice_labels = choices
            .iter()
            .map(|value| {
                meanings
                    .and_then(|all| all.iter().find(|m| m.value == *value))
                    .map_or_else(|| value.to_string(), |m| say(lang, m.en, m.zh))
            })
            .collect();
        let situation = Situation::new(RULES, &self.pack, &self.analysis, &self.skipped);
        let titles: Vec<String> = situation
            .readers(spec.path)
            .iter()
            .filter_map(|rule| self.pack.rule(rule.code))
            .map(|policy| policy.texts(lang).title.clone())
            .collect();
        let help = match lang {
            Lang::En => format!("Asked because it decides: {}", titles.join("; ")),
            Lang::Zh => format!("询问原因：它决定以下检查——{}", titles.join("；")),
        };
        Question {
            id,
            field: spec.path.to_string(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            choice_labels,
            label: spec.about(lang).to_string(),
            prompt: self.guide(spec.path),
            help: crate::unicode::escape(&help).into_owned(),
        }
    }

    /// The rulepack's symptoms, the one its rules explain most (by confidence × prior) first:
    /// the order a seller is offered them in.
    fn symptoms_by_likelihood(&self) -> Vec<&crate::rulepack::Symptom> {
        let pack = &self.pack;
        let likelihood = |id: &str| -> f64 {
            pack.rules
                .values()
                .filter(|p| {
                    p.symptoms.iter().any(|s| s == id)
                        || p.symptoms_by_field.values().flatten().any(|s| s == id)
                })
                .map(|p| pack.ranking.weight(p.confidence()) * p.prior())
                .sum()
        };
        let mut symptoms: Vec<(f64, &crate::rulepack::Symptom)> = pack
            .symptoms
            .iter()
            .map(|(id, symptom)| (likelihood(id), symptom))
            .collect();
        symptoms.sort_by(|a, b| b.0.total_cmp(&a.0));
        symptoms.into_iter().map(|(_, symptom)| symptom).collect()
    }

    /// Where the value of `path` is found, in the interview's language.
    fn guide(&self, path: &str) -> String {
        let lang = self.options.lang;
        let text = self
            .pack
            .field_guide(path, lang)
            .map(str::to_string)
            .or_else(|| schema::field(path).map(|spec| spec.about(lang).to_string()))
            .unwrap_or_default();
        crate::unicode::escape(&text).into_owned()
    }

    /// The causes that hold a finding not reported before, as the report words them; their
    /// findings are reported from now on. A finding about the file rather than the seller's
    /// accounts (a field not checked yet, a credential stored) is no news while the interview
    /// is filling the file, but the cause it leads is when it holds another finding.
    fn new_causes(&mut self) -> Vec<ReportCause> {
        let report = self.report();
        let mut new = Vec::new();
        for cause in report.causes {
            let mut news = false;
            for finding in cause
                .findings
                .iter()
                .filter_map(|rank| report.findings.get(rank.wrapping_sub(1)))
                .filter(|f| !lookup(f.code).is_some_and(|r| r.family.is_about_the_file()))
            {
                news |= self
                    .announced
                    .insert((finding.code.to_string(), finding.field.clone()));
            }
            if news {
                new.push(cause);
            }
        }
        new
    }

    /// What the character checks say about the value at `field`.
    fn flags(&self, field: &str) -> Vec<String> {
        self.report()
            .findings
            .into_iter()
            .filter(|f| {
                f.field == field && lookup(f.code).is_some_and(|r| r.family == Family::Characters)
            })
            .map(|f| f.message)
            .collect()
    }
}

/// What an answer is checked against: the profile it would be saved into.
struct Check {
    pack: Arc<RulePack>,
    saved: Saved,
    options: Options,
}

impl Check {
    /// The value to save for `given` at `spec`, or why it cannot be saved: the loader's own
    /// finding about it (a value not in the list, money without a currency, a number out of
    /// range), in the interview's language.
    fn value(&self, spec: &'static FieldSpec, given: Given) -> Result<answer::Taken, String> {
        let lang = self.options.lang;
        let taken = answer::value(spec, given, &self.pack, lang)?;
        let mut with = self.saved.clone();
        if !with.set(spec.path, taken.value.clone()) {
            return Err(misplaced(spec.path, lang));
        }
        let analysis = analyze_bytes(&self.pack, with.shown(), &with.text(), &self.options)
            .map_err(|e| e.to_string())?;
        let report = file_report(&self.pack, &analysis, &self.options);
        let objection = report.findings.iter().find(|f| {
            lookup(f.code).is_some_and(|r| r.family == Family::Loading)
                && f.severity == Severity::Error
                && same_field(&f.field, spec.path)
        });
        match objection {
            Some(finding) => Err(finding.message.clone()),
            None => Ok(taken),
        }
    }
}

/// Whether a finding's field (`amazon.deposit_methods[0].provider` for an entry) is `path`.
fn same_field(found: &str, path: &str) -> bool {
    if found == path {
        return true;
    }
    let unindexed: String = {
        let mut out = String::with_capacity(found.len());
        let mut in_index = false;
        for ch in found.chars() {
            match ch {
                '[' => in_index = true,
                ']' => in_index = false,
                c if !in_index => out.push(c),
                _ => {}
            }
        }
        out
    };
    schema::deposit_method_path(&unindexed) == Some(path)
}

fn analyze_text(pack: &RulePack, saved: &Saved, options: &Options) -> Result<Analysis, Error> {
    analyze_bytes(pack, saved.shown(), &saved.text(), options)
}

fn analyze_bytes(
    pack: &RulePack,
    path: &str,
    text: &str,
    options: &Options,
) -> Result<Analysis, Error> {
    let analyze_options = AnalyzeOptions {
        as_of: options.as_of,
        symptom: options.symptom.clone(),
    };
    analyze(path, text.as_bytes(), pack, &analyze_options).map_err(|e| match e {
        AnalyzeError::Policy(e) => Error::Policy(e),
        AnalyzeError::Load(failure) => Error::Load(report::load_error_message(
            &failure.error,
            pack,
            options.lang,
        )),
    })
}

fn file_report(pack: &RulePack, analysis: &Analysis, options: &Options) -> FileReport {
    let render = RenderOptions {
        lang: options.lang,
        show_values: options.show_values,
        explain_rank: false,
    };
    report::build_file(
        &analysis.profile,
        &analysis.ranked,
        &analysis.causes,
        pack,
        render,
        Some(Severity::Error),
    )
}

/// Saves the reported symptom as `diagnose` reads it: its text as the error message, and an
/// error code in it (shaped as the rulepack says one is) as the error code.
fn save_symptom(saved: &mut Saved, pack: &RulePack, analysis: &Analysis, text: &str, lang: Lang) {
    let Some(message) = schema::field(SYMPTOM_FIELD) else {
        return;
    };
    if let Ok(taken) = answer::value(message, Given::Text(text.to_string()), pack, lang) {
        saved.set(SYMPTOM_FIELD, taken.value);
    }
    let code = pack.error_code_pattern().and_then(|shape| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .find(|word| shape.is_match(word))
    });
    if let (Some(code), Some(spec)) = (code, schema::field(ERROR_CODE_FIELD))
        && analysis.profile.field(ERROR_CODE_FIELD).is_none()
        && let Ok(taken) = answer::value(spec, Given::Text(code.to_string()), pack, lang)
    {
        saved.set(ERROR_CODE_FIELD, taken.value);
    }
}

/// Makes the profile describe `flow` before any answer does, with no value in it: an empty
/// profile is read as LianLian on Ozon already; an Ozon Global Pay account is its section; a
/// LianLian account used on Amazon is an Amazon store and a LianLian account (the provider
/// of its deposit method is asked like any field).
fn mark_platform(saved: &mut Saved, analysis: &Analysis, flow: Flow) {
    if crate::profile::Flows::of(&analysis.profile).contains(flow) {
        return;
    }
    let sections: &[&str] = match flow {
        Flow::OzonGlobalPay => &["ozon_global_pay"],
        Flow::AmazonLianlian => &["amazon", "lianlian"],
        _ => &[],
    };
    for section in sections {
        saved.add_section(section);
    }
}

/// `text` with its first letter upper-case (a description used as a label).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn platform(value: &Given) -> Option<Flow> {
    match value {
        Given::Text(name) => Flow::parse(name.trim()).filter(|f| PLATFORMS.contains(f)),
        _ => None,
    }
}

fn platform_choices(lang: Lang) -> String {
    let names: Vec<&str> = PLATFORMS.iter().map(|f| f.as_str()).collect();
    say(
        lang,
        format!("choose one of: {}", names.join(", ")),
        format!("请选择以下之一：{}", names.join("、")),
    )
}

/// Whether an answer holds text with the shape of a credential (BC901's `value_pattern`): such
/// an answer is never saved nor echoed. When the pattern cannot be used, a text holding one of
/// its hints is taken for one.
pub fn holds_credential(pack: &RulePack, given: &Given) -> bool {
    let Ok(policy) = crate::profile::credentials::SecretPolicy::new(pack) else {
        return false;
    };
    let shaped = |text: &str| !policy.shapes(&crate::unicode::fold(text, false)).is_empty();
    match given {
        Given::Text(text) => shaped(text),
        Given::List(items) => items.iter().any(|item| shaped(item)),
        Given::Bool(_) | Given::Integer(_) => false,
    }
}

/// Why an answer holding a credential is refused: BC901's words about the field it would have
/// been saved to, and that it was not saved.
fn credential_refused(pack: &RulePack, field: &str, lang: Lang) -> String {
    let reason = pack
        .rule("BC901")
        .and_then(|policy| policy.texts(lang).message.get("value"))
        .map(|template| crate::rulepack::fill(template, &[("field", field.to_string())]))
        .unwrap_or_default();
    say(
        lang,
        format!(
            "{reason}. The answer was not saved: enter the value asked for (no key or token is ever needed)."
        ),
        format!("{reason}。此回答未保存：请填写所问的值（从不需要任何密钥或令牌）。"),
    )
}

fn not_text(lang: Lang) -> String {
    say(
        lang,
        "describe what was seen in words (a JSON string)",
        "请用文字描述看到的情况（JSON 字符串）",
    )
}

fn misplaced(path: &str, lang: Lang) -> String {
    let section = schema::parent_of(path);
    say(
        lang,
        format!(
            "the file holds something else where [{section}] belongs: correct it by hand first"
        ),
        format!("文件中 [{section}] 的位置被其他内容占用：请先手动修改"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn interview(dir: &std::path::Path, platform: Flow, symptom: Option<&str>) -> Interview {
        let saved = Saved::create(&dir.join("p.toml"), Lang::En).unwrap();
        let options = Options {
            lang: Lang::En,
            as_of: Some(jiff::civil::date(2026, 11, 21)),
            symptom: symptom.map(str::to_string),
            platform: Some(platform),
            show_values: false,
        };
        Interview::new(Arc::new(RulePack::builtin().unwrap()), saved, options).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever is typed as the answers, nothing panics; an answer taken is saved exactly
        /// as typed (a text; one copied from its issuer's page without what surrounds it) and the saved profile loads with no loader finding; one refused
        /// leaves the question pending with a reason.
        #[test]
        fn any_answers_are_kept_or_refused(
            answers in proptest::collection::vec("\\PC{0,16}|[ \\u{200B}\\u{202E}\\t\"\\\\]{0,4}", 1..8),
            platform in proptest::sample::select(PLATFORMS.to_vec()),
            symptom in proptest::option::of("\\PC{0,20}"),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut interview = interview(dir.path(), platform, symptom.as_deref());
            for answer in answers {
                let Some(question) = interview.question() else { break };
                let outcome = interview.reply(Reply::Value(Given::Text(answer.clone()))).unwrap();
                match outcome {
                    Outcome::Accepted { .. } => {
                        let profile = &interview.analysis().profile;
                        prop_assert!(!interview.analysis().ranked.iter().any(|r| r.finding.code == "BC003"));
                        let free_text = schema::field(&question.field).is_some_and(|f| f.kind == schema::Kind::Text);
                        if free_text {
                            let saved = match schema::deposit_method_path(&question.field) {
                                Some(path) => profile.deposit_methods().next().and_then(|m| m.text(path)),
                                None => profile.text(&question.field),
                            };
                            // A value copied from its issuer's page loses what surrounds it.
                            let page = |c: char| c.is_whitespace() || crate::unicode::is_hidden(c);
                            let expected = match answer.trim_matches(page) {
                                inner if interview.pack().is_issued(&question.field) && !inner.is_empty() => inner,
                                _ => answer.as_str(),
                            };
                            prop_assert_eq!(saved, Some(expected));
                        }
                    }
                    Outcome::Invalid(reason) => {
                        prop_assert!(!reason.is_empty());
                        prop_assert_eq!(interview.question(), Some(question));
                        interview.reply(Reply::Skip).unwrap();
                    }
                    Outcome::Skipped | Outcome::Finished => prop_assert!(false, "{outcome:?}"),
                }
            }
            let written = std::fs::read_to_string(dir.path().join("p.toml")).unwrap();
            prop_assert_eq!(written, interview.saved.text());
        }
    }

    /// Skipping every question ends the interview: each field is asked once at most.
    #[test]
    fn skipping_everything_ends() {
        let dir = tempfile::tempdir().unwrap();
        let mut interview = interview(dir.path(), Flow::OzonLianlian, None);
        let mut fields = BTreeSet::new();
        while let Some(question) = interview.question() {
            assert!(
                fields.insert(question.field.clone()),
                "{} twice",
                question.field
            );
            assert!(matches!(
                interview.reply(Reply::Skip).unwrap(),
                Outcome::Skipped
            ));
        }
        // The symptom was asked (none given), the platform not (given).
        assert!(fields.contains(SYMPTOM_FIELD));
        assert!(!fields.contains(PLATFORM_FIELD));
        assert_eq!(interview.questions(), fields.len());
        assert!(interview.question().is_none());
    }
}
