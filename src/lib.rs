//! bindcheck: explains why binding a cross-border payout channel fails.
//!
//! Data flows one way: source text ([`source`]) → [`profile`] (typed, with spans) →
//! [`rules`] (findings) → [`cause`] (which findings share one root cause) → [`rank`] →
//! [`report`]. Each stage knows nothing of the stages after it. [`pipeline`] runs the stages
//! before the report for one profile; [`cli`] wires the commands.

pub mod address;
pub mod cause;
pub mod cli;
pub mod finding;
pub mod lint;
pub mod namediff;
pub mod pipeline;
pub mod profile;
pub mod rank;
pub mod redact;
pub mod report;
pub mod rulepack;
pub mod rules;
pub mod source;
pub mod ticket;
pub mod unicode;
pub mod validators;
