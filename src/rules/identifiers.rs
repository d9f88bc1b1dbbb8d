//! BC304–BC311: checksummed identifiers and bank details.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn uscc(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn inn(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn ogrn(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn iban(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn bic(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn bank_details_mismatch(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn amazon_seller_id(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn bank_country_mismatch(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}
