//! bindcheck: explains why binding a cross-border payout channel fails.
//!
//! Data flows one way: source text → [`profile`] (typed, with spans) → [`rules`] (findings)
//! → [`rank`] → [`report`]. Each stage knows nothing of the stages after it.

pub mod address;
pub mod namediff;
pub mod unicode;
pub mod validators;
