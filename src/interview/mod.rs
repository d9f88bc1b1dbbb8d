//! `bindcheck interview`: a seller without a profile, or support staff on a call,
//! answers one question at a time, and the diagnosis comes out as soon as the answers decide it.
//!
//! - [`plan`] computes what to ask from the rule registry and the rulepack: the fields the
//!   rules that could still change the diagnosis read, most likely cause first.
//! - [`engine`] keeps the answers: it checks each against the profile format, saves it
//!   ([`save`]) and analyses the profile again as `diagnose` would.
//! - [`protocol`] (`--protocol jsonl`, for programs) and [`terminal`] (prompts) are the two
//!   front ends; both drive the same [`Interview`].
//! - [`answer`] turns what was typed, pasted or sent into the value saved.

pub mod answer;
pub mod engine;
pub mod plan;
pub mod protocol;
pub mod save;
pub mod terminal;

pub use answer::{Given, QuestionKind};
pub use engine::{Error, Interview, Options, Outcome, Question, Reply};
pub use save::{SaveError, Saved};

#[cfg(test)]
mod tests {
    use crate::profile::schema::{self, FieldClass};
    use crate::rulepack::{Lang, RulePack};

    /// Every question says where its answer is found, in both languages: every field a rule
    /// reads (but credentials, which are never asked) and the reported symptom.
    #[test]
    fn every_field_a_rule_reads_says_where_it_is_found() {
        let pack = RulePack::builtin().unwrap();
        let fields = crate::rules::RULES
            .iter()
            .flat_map(|r| r.inputs.iter().copied())
            .chain([super::engine::SYMPTOM_FIELD]);
        for field in fields {
            if schema::field(field).unwrap().class == FieldClass::Secret {
                continue;
            }
            for lang in [Lang::En, Lang::Zh] {
                let guide = pack.field_guide(field, lang).unwrap_or_default();
                assert!(
                    !guide.trim().is_empty(),
                    "{field} has no [fields] entry in {lang:?}"
                );
            }
            let zh = pack.field_guide(field, Lang::Zh).unwrap();
            assert!(
                zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{field}: {zh}"
            );
        }
    }

    /// The symptom question offers the rulepack's wordings and saves the one chosen as the
    /// error message: each must then read as its own symptom.
    #[test]
    fn each_symptom_s_wording_reads_as_that_symptom() {
        let pack = RulePack::builtin().unwrap();
        for (id, symptom) in &pack.symptoms {
            for words in [&symptom.en, &symptom.zh] {
                assert!(
                    pack.symptoms_in(words).contains(&id.as_str()),
                    "{id}: {words}"
                );
            }
        }
    }
}
