//! BC201–BC206: invisible, bidi, look-alike, compatibility, whitespace and broken characters.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn scan(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
