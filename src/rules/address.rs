//! BC401–BC404: the registered address.
//!
//! Every check returns before touching [`crate::address`] unless both of its inputs are
//! present; the usual addresses are then read from the region table compiled into the binary,
//! and `cpca`'s parser (milliseconds to build) is built only for unusual ones.
//!
//! An address that cannot be resolved to even a province or city (a typo in the place name)
//! gives no finding: that is not evidence of a different place, and the character rules already
//! report broken text. Guessing there would put a low-confidence rule's false alarm above real
//! causes. One written in English where the licence's is Chinese (or the other way round) is
//! said to be not compared (BC404, info), with how to compare it by hand.

use super::names::labels;
use super::{Context, Rule};
use crate::address::{self, AddressComparison, Place};
use crate::finding::{Applicability, Finding, Fix};
use crate::namediff;
use crate::profile::Field;
use crate::rulepack::PolicyError;
use crate::validators::uscc;
use serde_json::json;

fn place_json(place: &Place) -> serde_json::Value {
    json!({
        "province": place.province,
        "city": place.city,
        "district": place.district,
    })
}

/// The two addresses BC401 and BC402 compare: the one typed on Ozon, then the licence's.
pub(super) const COMPARED: &[&str] = &["ozon.registered_address", "seller.registered_address"];

/// The comparison of the address typed on Ozon with the licence's, made once for BC401 and
/// BC402.
pub(crate) struct Compared<'a> {
    ozon: &'a Field,
    licence: &'a Field,
    result: AddressComparison,
}

impl Compared<'_> {
    /// The licence's wording, as the value to enter on Ozon.
    fn fix(&self) -> Option<Fix> {
        Some(Fix {
            applicability: Applicability::Unsafe,
            span: self.ozon.span.clone(),
            replacement: self.licence.text()?.to_string(),
            identifier: false,
        })
    }
}

fn compared<'c, 'a>(ctx: &'c Context<'a>) -> Option<&'c Compared<'a>> {
    ctx.address
        .get_or_init(|| {
            let p = ctx.profile;
            let (Some(ozon), Some(licence)) = (p.field(COMPARED[0]), p.field(COMPARED[1])) else {
                return None;
            };
            let result = address::compare(licence.text()?, ozon.text()?);
            Some(Compared {
                ozon,
                licence,
                result,
            })
        })
        .as_ref()
}

/// BC401: the address typed on Ozon names the licence's place in other words.
pub fn wording_differs(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(compared) = compared(ctx) else {
        return Ok(());
    };
    let AddressComparison::SamePlaceWorded {
        licence: l,
        other: o,
        wording,
    } = &compared.result
    else {
        return Ok(());
    };
    let kinds: Vec<&str> = wording.iter().map(|w| w.as_str()).collect();
    let (en, zh) = labels(ctx.pack, rule.code, "wording", &kinds);
    let mut finding = rule
        .at(compared.ozon)
        .related(compared.licence)
        .text("wording", kinds.join(", "))
        .text("wording_en", en)
        .text("wording_zh", zh)
        .text("expected", compared.licence.text().unwrap_or_default())
        .evidence("wording", kinds)
        .evidence("licence_place", place_json(l))
        .evidence("other_place", place_json(o));
    if let Some(fix) = compared.fix() {
        finding = finding.fix(fix);
    }
    out.push(finding);
    Ok(())
}

/// BC402: the address typed on Ozon resolves to another province, city or district than the
/// licence's.
pub fn place_differs(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(compared) = compared(ctx) else {
        return Ok(());
    };
    let AddressComparison::DifferentPlace {
        level,
        licence: l,
        other: o,
    } = &compared.result
    else {
        return Ok(());
    };
    let mut finding = rule
        .at(compared.ozon)
        .variant(level)
        .related(compared.licence)
        .text("level", *level)
        .text("licence", l.as_str())
        .text("other", o.as_str())
        .text("expected", compared.licence.text().unwrap_or_default())
        .evidence("level", *level)
        .evidence("licence", l.clone())
        .evidence("other", o.clone());
    if let Some(fix) = compared.fix() {
        finding = finding.fix(fix);
    }
    out.push(finding);
    Ok(())
}

/// The script an address is written in, as far as comparing addresses goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressScript {
    /// Has Chinese characters: resolved by province, city and district.
    Chinese,
    /// Latin letters and no Chinese character: an English (or pinyin) rendering.
    Latin,
}

impl AddressScript {
    fn of(text: &str) -> Option<AddressScript> {
        if text
            .chars()
            .any(|ch| namediff::non_latin_script(ch) == Some("Han"))
        {
            Some(AddressScript::Chinese)
        } else if text.chars().any(char::is_alphabetic) && namediff::is_latin_only(text) {
            Some(AddressScript::Latin)
        } else {
            None
        }
    }

    fn key(self) -> &'static str {
        match self {
            AddressScript::Chinese => "chinese",
            AddressScript::Latin => "latin",
        }
    }
}

/// BC404: the address typed on Ozon and the licence's are written in different scripts (an
/// English rendering of a Chinese licence address): no comparison can tell whether they name
/// the same place, so the seller is told that it was not made and how to make it by hand.
pub fn not_compared(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let (Some(ozon), Some(licence)) = (p.field(COMPARED[0]), p.field(COMPARED[1])) else {
        return Ok(());
    };
    let (Some(ozon_text), Some(licence_text)) = (ozon.text(), licence.text()) else {
        return Ok(());
    };
    let (Some(typed), Some(licensed)) = (
        AddressScript::of(ozon_text),
        AddressScript::of(licence_text),
    ) else {
        return Ok(());
    };
    if typed == licensed {
        return Ok(());
    }
    let (typed_en, typed_zh) = labels(ctx.pack, rule.code, "scripts", &[typed.key()]);
    let (licensed_en, licensed_zh) = labels(ctx.pack, rule.code, "scripts", &[licensed.key()]);
    out.push(
        rule.at(ozon)
            .related(licence)
            .text("script_en", typed_en)
            .text("script_zh", typed_zh)
            .text("licence_script_en", licensed_en)
            .text("licence_script_zh", licensed_zh)
            .evidence("script", typed.key())
            .evidence("licence_script", licensed.key()),
    );
    Ok(())
}

/// BC403: the region code inside a CN licence number vs the province of the licence address.
pub fn license_region(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    if p.seller_country() != "CN" {
        return Ok(());
    }
    let (Some(number), Some(address_field)) = (
        p.field("seller.license_number"),
        p.field("seller.registered_address"),
    ) else {
        return Ok(());
    };
    let (Some(number_text), Some(address_text)) = (number.text(), address_field.text()) else {
        return Ok(());
    };
    let Some(region) = uscc::region_code(number_text) else {
        return Ok(());
    };
    let provinces = ctx
        .pack
        .rule(rule.code)
        .and_then(|r| r.params.get("provinces"))
        .and_then(toml::Value::as_table)
        .ok_or_else(|| PolicyError {
            origin: "in use".into(),
            problem:
                "rules.BC403.params.provinces must be a table of two-digit codes to province names"
                    .into(),
        })?;
    // Codes outside the table (10xxxx for central registrations, a mistyped code) carry no
    // province to compare with; BC304 judges whether the number itself is valid.
    let Some(code_province) = region
        .get(..2)
        .and_then(|prefix| provinces.get(prefix))
        .and_then(toml::Value::as_str)
    else {
        return Ok(());
    };
    // Most licence addresses start with their province, or with another province's full name
    // (which the resolver would give whatever follows): then no resolver is needed at all.
    if starts_with_province(address_text.trim_start(), code_province) {
        return Ok(());
    }
    let address_province = match address::leading_province(address_text) {
        Some(name) => name.to_string(),
        None => match address::resolve(address_text).province {
            Some(name) => name,
            None => return Ok(()),
        },
    };
    if address_province == code_province {
        return Ok(());
    }
    out.push(
        rule.at(number)
            .related(address_field)
            .text("region", region)
            .text("region_place", code_province)
            .text("address_place", address_province.as_str())
            .evidence("region_code", region)
            .evidence("region_province", code_province)
            .evidence("address_province", address_province),
    );
    Ok(())
}

/// Whether `address` begins with the province `name` ("广东省") or its short form ("广东").
fn starts_with_province(address: &str, name: &str) -> bool {
    const SUFFIXES: [&str; 7] = [
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "特别行政区",
        "自治区",
        "省",
        "市",
    ];
    let short = SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name);
    !short.is_empty() && address.starts_with(short)
}

#[cfg(test)]
mod tests {
    use crate::address::Wording;

    #[test]
    fn province_prefixes() {
        use super::starts_with_province;
        assert!(starts_with_province("广东省深圳市", "广东省"));
        assert!(starts_with_province("广东深圳南山", "广东省"));
        assert!(starts_with_province("内蒙古呼和浩特市", "内蒙古自治区"));
        assert!(starts_with_province("北京市朝阳区", "北京市"));
        assert!(!starts_with_province("深圳市南山区", "广东省"));
        assert!(!starts_with_province("浙江省杭州市", "广东省"));
    }
    use crate::rulepack::RulePack;

    #[test]
    fn every_wording_kind_has_labels_in_both_languages() {
        let pack = RulePack::builtin().unwrap();
        let kinds = [
            Wording::ProvinceOmitted,
            Wording::CitySuffixDropped,
            Wording::DistrictSuffixDropped,
            Wording::TownSuffixDropped,
            Wording::TownshipSuffixDropped,
            Wording::SubdistrictSuffixDropped,
            Wording::ProvinceSuffixDropped,
            Wording::AutonomousRegionShortened,
            Wording::ProvinceShortened,
            Wording::PrefectureShortened,
            Wording::CityShortened,
            Wording::LessSpecific {
                missing: "district",
            },
            Wording::LessSpecific { missing: "detail" },
            Wording::LessSpecific { missing: "city" },
            Wording::Added { level: "province" },
            Wording::Added { level: "city" },
            Wording::Added { level: "district" },
            Wording::DetailDiffers,
            Wording::Other,
        ];
        for kind in kinds {
            let (en, zh) = super::labels(&pack, "BC401", "wording", &[kind.as_str()]);
            assert_ne!(en, kind.as_str(), "{kind:?}");
            assert_ne!(zh, kind.as_str(), "{kind:?}");
        }
    }

    #[test]
    fn province_table_has_the_34_province_level_divisions() {
        let pack = RulePack::builtin().unwrap();
        let table = pack.rule("BC403").unwrap().params["provinces"]
            .as_table()
            .unwrap();
        assert_eq!(table.len(), 34);
        assert_eq!(table["44"].as_str(), Some("广东省"));
        assert_eq!(table["65"].as_str(), Some("新疆维吾尔自治区"));
        // Every name is one the address resolver returns for its own short form.
        for name in table.values().filter_map(|v| v.as_str()) {
            assert_eq!(
                crate::address::resolve(&format!("{name}某某路1号"))
                    .province
                    .as_deref(),
                Some(name),
                "{name}"
            );
        }
    }
}
