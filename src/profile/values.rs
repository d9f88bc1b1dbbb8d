//! What each allowed value of an enum field means, in both languages: shown when a value is
//! not allowed (so the seller can pick the right one instead of the nearest spelling), in the
//! comments of `bindcheck init` templates, and in place of the value wherever a message names
//! one (`` `ozon.payment_method` is Ozon Global Pay ``). A meaning therefore reads both after
//! the value in a list and after "is" in a sentence.

use super::schema;

/// One allowed value and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meaning {
    pub value: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn m(value: &'static str, en: &'static str, zh: &'static str) -> Meaning {
    Meaning { value, en, zh }
}

const ENTITY_TYPES: &[Meaning] = &[
    m(
        "enterprise",
        "a company registered in mainland China (有限公司, 股份有限公司)",
        "在中国大陆注册的公司（有限公司、股份有限公司）",
    ),
    m(
        "individual_business",
        "an individual business (个体工商户)",
        "个体工商户",
    ),
    m(
        "hk_company",
        "a company registered in Hong Kong",
        "在香港注册的公司",
    ),
    m(
        "offshore_company",
        "an offshore company (in the BVI or the Cayman Islands, say)",
        "离岸公司（如英属维尔京群岛、开曼群岛公司）",
    ),
];

const CHANNEL_STATUSES: &[Meaning] = &[
    m("not_opened", "not opened yet", "尚未开通"),
    m("pending_review", "under review", "审核中"),
    m(
        "unauthorized",
        "opened but not authorised (未授权)",
        "已开通但未授权",
    ),
    m("active", "opened and working", "已开通，可正常使用"),
    m("suspended", "suspended by LianLian", "已被连连暂停"),
];

const PAYMENT_METHODS: &[Meaning] = &[
    m("lianlian", "LianLian Global", "连连国际"),
    m(
        "bank_transfer_swift",
        "bank transfer (SWIFT)",
        "银行电汇（SWIFT）",
    ),
    m("ozon_global_pay", "Ozon Global Pay", "Ozon Global Pay"),
    m("pingpong", "PingPong", "PingPong"),
    m("other", "another method", "其他方式"),
];

const CONTRACT_CURRENCIES: &[Meaning] = &[
    m("CNY", "Chinese yuan", "人民币"),
    m("USD", "US dollar", "美元"),
    m("EUR", "euro", "欧元"),
    m("RUB", "Russian rouble", "卢布"),
];

const OPERATOR_ROLES: &[Meaning] = &[
    m("manager", "the Manager role", "经理（Manager）角色"),
    m("admin", "the Admin role", "管理员（Admin）角色"),
    m("other", "another role", "其他角色"),
];

const OGP_STATUSES: &[Meaning] = &[
    m("pending", "pending review", "审核中"),
    m("active", "approved and working", "已通过，可正常使用"),
    m("rejected", "rejected", "被拒绝"),
];

const DEPOSIT_PROVIDERS: &[Meaning] = &[
    m("lianlian", "LianLian Global", "连连国际"),
    m("payoneer", "Payoneer", "Payoneer（派安盈）"),
    m("pingpong", "PingPong", "PingPong"),
    m("worldfirst", "WorldFirst", "WorldFirst（万里汇）"),
    m("airwallex", "Airwallex", "Airwallex（空中云汇）"),
    m(
        "bank",
        "a bank account in the company's name",
        "公司名下的银行账户",
    ),
];

const TEST_PAYMENT_RESULTS: &[Meaning] = &[
    m("succeeded", "arrived", "已到账"),
    m("failed", "failed", "失败"),
    m("not_attempted", "not attempted yet", "尚未进行"),
];

const ACCOUNT_TYPES: &[Meaning] = &[
    m("普通", "a Japanese ordinary account", "日本的普通存款账户"),
    m(
        "当座",
        "a Japanese current account",
        "日本的活期支票账户（当座）",
    ),
    m(
        "checking",
        "a US checking account",
        "美国支票账户（checking）",
    ),
    m("savings", "a US savings account", "美国储蓄账户（savings）"),
];

/// The meanings of an enum's values, in the schema's order, if they are written down (country
/// and marketplace codes speak for themselves).
pub fn meanings(values: &[&str]) -> Option<&'static [Meaning]> {
    let table: &[(&[&str], &'static [Meaning])] = &[
        (schema::ENTITY_TYPES, ENTITY_TYPES),
        (schema::CHANNEL_STATUSES, CHANNEL_STATUSES),
        (schema::PAYMENT_METHODS, PAYMENT_METHODS),
        (schema::CONTRACT_CURRENCIES, CONTRACT_CURRENCIES),
        (schema::OPERATOR_ROLES, OPERATOR_ROLES),
        (schema::OGP_STATUSES, OGP_STATUSES),
        (schema::DEPOSIT_PROVIDERS, DEPOSIT_PROVIDERS),
        (schema::TEST_PAYMENT_RESULTS, TEST_PAYMENT_RESULTS),
        (schema::ACCOUNT_TYPES, ACCOUNT_TYPES),
    ];
    table
        .iter()
        .find(|(list, _)| *list == values)
        .map(|(_, meanings)| *meanings)
}

/// Enums whose values are the very words their forms offer (a Japanese bank form's 普通 and
/// 当座; US checking and savings), unlike values that only name a setting (`lianlian`).
const FORM_WORDS: &[&[&str]] = &[schema::ACCOUNT_TYPES];

/// How a step names `value` of the enum field at `path` when the form shows the value itself:
/// the value, then its meaning, so that what the step says to choose can be found on the form
/// ("普通 (a Japanese ordinary account)"). `None` for a value that names a setting, not a word
/// of the form, or one whose meaning is not written down: a step names it by its meaning.
pub fn as_on_form(path: &str, value: &str, lang: crate::rulepack::Lang) -> Option<String> {
    let meaning = meaning(path, value, lang)?;
    let path = schema::without_entry(path);
    let path = schema::deposit_method_path(&path).unwrap_or(&path);
    let schema::Kind::Enum(values) = schema::field(path)?.kind else {
        return None;
    };
    if !FORM_WORDS.contains(&values) {
        return None;
    }
    // The value to pick comes first in every language, so it can be pasted or found on the
    // form; a meaning that ends by naming the value ("日本的活期支票账户（当座）") is not
    // followed by it a second time.
    Some(match lang {
        crate::rulepack::Lang::En => {
            let meaning = meaning
                .strip_suffix(&format!(" ({value})"))
                .unwrap_or(meaning);
            format!("{value} ({meaning})")
        }
        crate::rulepack::Lang::Zh => {
            let meaning = meaning
                .strip_suffix(&format!("（{value}）"))
                .unwrap_or(meaning);
            format!("{value}（{meaning}）")
        }
    })
}

/// What `value` of the enum field at `path` means, in `lang`; `None` for a value or field
/// whose meaning is not written down.
pub fn meaning(path: &str, value: &str, lang: crate::rulepack::Lang) -> Option<&'static str> {
    let path = schema::without_entry(path);
    let path = schema::deposit_method_path(&path).unwrap_or(&path);
    let schema::Kind::Enum(values) = schema::field(path)?.kind else {
        return None;
    };
    let found = meanings(values)?.iter().find(|m| m.value == value)?;
    Some(match lang {
        crate::rulepack::Lang::En => found.en,
        crate::rulepack::Lang::Zh => found.zh,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use schema::Kind;

    /// Every enum field's values have meanings, one per value, in the schema's order.
    #[test]
    fn every_enum_value_has_a_meaning() {
        for field in schema::FIELDS {
            if let Kind::Enum(values) = field.kind {
                let meanings = meanings(values).unwrap_or_else(|| panic!("{}", field.path));
                let listed: Vec<&str> = meanings.iter().map(|m| m.value).collect();
                assert_eq!(listed, values, "{}", field.path);
                assert!(
                    meanings
                        .iter()
                        .all(|m| !m.en.is_empty() && !m.zh.is_empty())
                );
            }
        }
    }
}
