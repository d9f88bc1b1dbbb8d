//! `bindcheck interview` (SPEC §5): a seller without a profile, or support staff on a call,
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
