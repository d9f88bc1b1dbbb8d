//! BC101–BC103: names that must match character for character.
//!
//! A finding points at the value that has to change (the payee or holder name typed on the
//! platform) and names, as `related`, the value it must equal. Messages and remediation are
//! picked per platform through the finding's variant (`ozon`, `ogp`, `amazon`), because where to
//! click differs and a template cannot translate an argument.

use super::{Context, Rule};
use crate::finding::{Applicability, Finding, Fix};
use crate::namediff::{self, DiffKind, LegalForms, NameDiff, is_latin_only, non_latin_script};
use crate::profile::{CharStarts, Field};
use crate::rulepack::{PolicyError, RulePack};
use serde_json::json;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// Labels in both languages for stable keys, read from `params.<table>.<key> = {en, zh}` of a
/// rule. A key without a label falls back to the key itself, so a rulepack that drops a label
/// degrades to the machine name instead of failing.
pub(super) fn labels(pack: &RulePack, code: &str, table: &str, keys: &[&str]) -> (String, String) {
    let entries = pack
        .rule(code)
        .and_then(|r| r.params.get(table))
        .and_then(toml::Value::as_table);
    let label = |key: &str, lang: &str| -> String {
        entries
            .and_then(|t| t.get(key))
            .and_then(|v| v.get(lang))
            .and_then(toml::Value::as_str)
            .unwrap_or(key)
            .to_string()
    };
    let en: Vec<String> = keys.iter().map(|k| label(k, "en")).collect();
    let zh: Vec<String> = keys.iter().map(|k| label(k, "zh")).collect();
    (en.join(", "), zh.join("、"))
}

/// The rule whose params hold the legal-form groups (BC102). Every name comparison reads the
/// same list of equivalent spellings, kept where the legal-form rule lives.
const LEGAL_FORMS_RULE: &str = "BC102";
/// The rule whose params hold the labels of the kinds of difference (BC101); every rule that
/// compares names describes differences the same way.
const KIND_LABELS_RULE: &str = "BC101";

/// The rule whose params name the scripts a name can be written in (BC103).
const SCRIPT_LABELS_RULE: &str = "BC103";

/// The variant of a name written in another script than the Latin one expected: its message
/// says so, and its remediation is still the platform's.
fn script_variant(platform: &str) -> &'static str {
    match platform {
        "ozon" => "ozon.script",
        "amazon" => "amazon.script",
        "ogp" => "ogp.script",
        _ => "script",
    }
}

fn legal_forms(pack: &RulePack) -> Result<LegalForms, PolicyError> {
    Ok(LegalForms {
        groups: pack.param_string_groups(LEGAL_FORMS_RULE, "legal_forms")?,
    })
}

/// One comparison made: the expected name, the actual name, and how they differ.
type Compared<'a> = (&'a str, &'a str, Rc<Option<NameDiff>>);

/// What BC101 and BC102 share within one profile: the legal forms, and the comparisons made.
/// Both rules often compare the same two names (the payout name with a legal name that equals
/// the LianLian account name), and a comparison costs more than the rest of either rule.
#[derive(Default)]
pub(super) struct Memo<'a> {
    forms: OnceCell<LegalForms>,
    diffs: RefCell<Vec<Compared<'a>>>,
}

impl<'a> Memo<'a> {
    fn forms(&self, pack: &RulePack) -> Result<&LegalForms, PolicyError> {
        if let Some(forms) = self.forms.get() {
            return Ok(forms);
        }
        let forms = legal_forms(pack)?;
        Ok(self.forms.get_or_init(|| forms))
    }

    /// `namediff::compare(expected, actual, forms)`, computed once per pair of names.
    fn diff(&self, expected: &'a str, actual: &'a str, forms: &LegalForms) -> Rc<Option<NameDiff>> {
        let known = self
            .diffs
            .borrow()
            .iter()
            .find(|(e, a, _)| *e == expected && *a == actual)
            .map(|(_, _, diff)| Rc::clone(diff));
        known.unwrap_or_else(|| {
            let diff = Rc::new(namediff::compare(expected, actual, forms));
            self.diffs
                .borrow_mut()
                .push((expected, actual, Rc::clone(&diff)));
            diff
        })
    }
}

/// A name comparison: `actual` is the value to change, `expected` the one it must equal.
struct Pair<'a> {
    actual: &'a Field,
    expected: &'a Field,
    /// Platform variant: picks where-to-click texts.
    variant: &'static str,
}

/// The pair, when both fields are present and their values differ (most profiles have equal
/// names, and comparing equal names needs no legal-form table).
fn pair<'a>(
    actual: Option<&'a Field>,
    expected: Option<&'a Field>,
    variant: &'static str,
) -> Option<Pair<'a>> {
    let pair = Pair {
        actual: actual?,
        expected: expected?,
        variant,
    };
    (pair.actual.text() != pair.expected.text()).then_some(pair)
}

/// Every difference as evidence: 1-based positions, the differing texts, and where in the source the
/// actual value's differing piece starts (an escape such as `\u200B` is located at its backslash).
fn evidence(ctx: &Context<'_>, starts: &CharStarts<'_>, diff: &NameDiff) -> serde_json::Value {
    let profile = ctx.profile;
    let items = ctx.pack.evidence.cap(diff.differences.iter().map(|d| {
        let at = profile.source.position(starts.start(d.actual_index));
        json!({
            "kind": d.kind.as_str(),
            "expected_index": d.expected_index + 1,
            "actual_index": d.actual_index + 1,
            // Raw here: the report stage escapes every evidence string once
            // (`report::sanitize_json`); escaping here too would escape the escapes.
            "expected_text": d.expected_text,
            "actual_text": d.actual_text,
            "line": at.line,
            "column": at.column,
        })
    }));
    serde_json::Value::Array(items)
}

/// Compares every pair and reports the differing ones as findings of `rule`.
fn compare_pairs<'a>(
    rule: &Rule,
    ctx: &Context<'a>,
    pairs: &[Pair<'a>],
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    // Pairs hold differing names only; without any, the legal-form table is not needed.
    if pairs.is_empty() {
        return Ok(());
    }
    let forms = ctx.names.forms(ctx.pack)?;
    out.extend(
        pairs
            .iter()
            .filter_map(|pair| compare_pair(rule, ctx, pair, forms)),
    );
    Ok(())
}

fn compare_pair<'a>(
    rule: &Rule,
    ctx: &Context<'a>,
    pair: &Pair<'a>,
    forms: &LegalForms,
) -> Option<Finding> {
    let actual = pair.actual.text()?;
    let expected = pair.expected.text()?;
    let diff = ctx.names.diff(expected, actual, forms);
    let diff = diff.as_ref().as_ref()?;
    let kinds: Vec<&str> = diff.kinds.iter().map(DiffKind::as_str).collect();
    let (kinds_en, kinds_zh) = labels(ctx.pack, KIND_LABELS_RULE, "kinds", &kinds);
    let position = diff.first_divergence.1 + 1;
    let starts = ctx.profile.char_starts(pair.actual);
    let first = ctx
        .profile
        .source
        .position(starts.start(diff.first_divergence.1));
    let mut finding = rule.at(pair.actual).variant(pair.variant);
    if diff.kinds == [DiffKind::Script]
        && let Some(script) = namediff::other_script(expected, actual)
    {
        let (script_en, script_zh) = labels(ctx.pack, SCRIPT_LABELS_RULE, "scripts", &[script]);
        finding = finding
            .variant(script_variant(pair.variant))
            .text("script_en", script_en)
            .text("script_zh", script_zh);
    }
    Some(
        finding
            .related(pair.expected)
            .text("kinds", kinds.join(", "))
            .text("kinds_en", kinds_en)
            .text("kinds_zh", kinds_zh)
            .text("actual", actual)
            .text("expected", expected)
            .text("position", position.to_string())
            .evidence("kinds", kinds.clone())
            .evidence(
                "first_difference",
                json!({
                    "index": position,
                    "line": first.line,
                    "column": first.column,
                }),
            )
            .evidence("difference_count", diff.differences.len())
            .evidence("differences", evidence(ctx, &starts, diff))
            // Which of the two names is right is the seller's call (the remediation says how to
            // check), so the replacement is offered but never applied without asking.
            .fix(Fix {
                applicability: Applicability::Unsafe,
                span: pair.actual.span.clone(),
                replacement: expected.to_string(),
                identifier: false,
            }),
    )
}

/// BC101: the payee name typed on a platform vs the LianLian receiving account's name: the
/// name typed into Ozon, and the holder name of every Amazon deposit method LianLian provides.
pub fn account_name_mismatch(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let lianlian = p.field("lianlian.receiving_account.account_name");
    let mut pairs = Vec::new();
    pairs.extend(pair(
        p.field("ozon.payout_account.account_name"),
        lianlian,
        "ozon",
    ));
    for method in p.deposit_methods() {
        if method.provider() == Some("lianlian") {
            pairs.extend(pair(
                method.field("amazon.deposit_method.account_holder_name"),
                lianlian,
                "amazon",
            ));
        }
    }
    compare_pairs(rule, ctx, &pairs, out)
}

/// BC102: a payee or holder name vs the registered legal name it must equal.
pub fn legal_name_mismatch(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let mut pairs = Vec::new();
    // A legal name in Chinese on Ozon is itself wrong (BC103): telling the seller to copy it
    // into the payout form would contradict that finding and BC101, so the pair waits until
    // the legal name is in Latin letters.
    let ozon_legal_name = p
        .field("ozon.legal_name")
        .filter(|f| f.text().is_some_and(is_latin_only));
    pairs.extend(pair(
        p.field("ozon.payout_account.account_name"),
        ozon_legal_name,
        "ozon",
    ));
    pairs.extend(settlement_pair(ctx));
    for method in p.deposit_methods() {
        if method.provider() == Some("bank") {
            pairs.extend(pair(
                method.field("amazon.deposit_method.account_holder_name"),
                p.field("amazon.legal_name"),
                "amazon",
            ));
        }
    }
    compare_pairs(rule, ctx, &pairs, out)
}

/// The Ozon Global Pay settlement account name and the legal name it must equal, in the same
/// script: a Latin name (what a Lithuanian IBAN account carries) is compared with the Latin
/// legal name — the licence's English name, else the one registered on Ozon (BC104 compares
/// those two) — and a Chinese
/// name with the licence's name. A seller is never told to type Chinese into a Latin-only field.
fn settlement_pair<'a>(ctx: &Context<'a>) -> Option<Pair<'a>> {
    let p = ctx.profile;
    let account = p.field("ozon_global_pay.account_name")?;
    let expected = if is_latin_only(account.text()?) {
        ["seller.legal_name_en", "ozon.legal_name"]
            .into_iter()
            .filter_map(|path| p.field(path))
            .find(|f| {
                f.text()
                    .is_some_and(|t| !t.trim().is_empty() && is_latin_only(t))
            })
    } else {
        p.field("seller.legal_name")
    };
    pair(Some(account), expected, "ogp")
}

/// BC104: the legal name registered on Ozon (the real-name check) vs the licence's Latin name.
/// Compared only when both are in Latin letters: a Chinese name on Ozon is BC103's finding.
pub fn ozon_legal_name_differs(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let latin = |path: &str| {
        p.field(path).filter(|f| {
            f.text()
                .is_some_and(|t| !t.trim().is_empty() && is_latin_only(t))
        })
    };
    let pairs: Vec<Pair<'_>> = pair(
        latin("ozon.legal_name"),
        latin("seller.legal_name_en"),
        "ozon",
    )
    .into_iter()
    .collect();
    compare_pairs(rule, ctx, &pairs, out)
}

/// BC103: a name on a Latin-only Ozon form contains letters of another script.
pub fn name_not_latin(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    // The LianLian account name is what the payout must match, so it is the better suggestion
    // for the payout form; the licence's English name is the better one for the legal name.
    let targets: [(&str, &str, [&str; 2]); 2] = [
        (
            "ozon.legal_name",
            "legal_name",
            [
                "seller.legal_name_en",
                "lianlian.receiving_account.account_name",
            ],
        ),
        (
            "ozon.payout_account.account_name",
            "payout",
            [
                "lianlian.receiving_account.account_name",
                "seller.legal_name_en",
            ],
        ),
    ];
    for (path, variant, suggestions) in targets {
        let Some(field) = p.field(path) else { continue };
        let Some(value) = field.text() else { continue };
        if is_latin_only(value) {
            continue;
        }
        let letters: Vec<(usize, char, &str)> = value
            .chars()
            .enumerate()
            .filter_map(|(i, c)| non_latin_script(c).map(|s| (i, c, s)))
            .collect();
        let Some(&(index, ch, script)) = letters.first() else {
            continue;
        };
        let suggestion = suggestions.iter().filter_map(|s| p.field(s)).find(|f| {
            f.text()
                .is_some_and(|t| !t.trim().is_empty() && is_latin_only(t))
        });
        let mut scripts: Vec<&str> = letters.iter().map(|l| l.2).collect();
        scripts.sort_unstable();
        scripts.dedup();
        let (script_en, script_zh) = labels(ctx.pack, SCRIPT_LABELS_RULE, "scripts", &[script]);
        let mut finding = rule
            .finding(path, p.char_span(field, index))
            .fingerprint_value(value)
            .variant(if suggestion.is_some() {
                variant
            } else {
                "no_suggestion"
            })
            .text("character", ch.to_string())
            .text("script", script)
            .text("script_en", script_en)
            .text("script_zh", script_zh)
            .text("position", (index + 1).to_string())
            .text("count", letters.len().to_string())
            .evidence("scripts", scripts)
            .evidence("count", letters.len())
            .evidence(
                "positions",
                ctx.pack.evidence.cap(letters.iter().map(|l| l.0 + 1)),
            )
            .evidence(
                "first",
                json!({"index": index + 1, "code_point": format!("U+{:04X}", u32::from(ch))}),
            );
        if let Some(s) = suggestion {
            let text = s.text().unwrap_or_default();
            finding = finding.related(s).text("suggestion", text).fix(Fix {
                applicability: Applicability::Unsafe,
                span: field.span.clone(),
                replacement: text.to_string(),
                identifier: false,
            });
        }
        out.push(finding);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back_to_the_key() {
        let pack = RulePack::builtin().unwrap();
        assert_eq!(
            labels(&pack, "BC101", "kinds", &["case", "legal_form"]),
            (
                "upper/lower case, legal form".into(),
                "大小写、公司类型写法".into()
            )
        );
        assert_eq!(
            labels(&pack, "BC101", "kinds", &["no_such_kind"]),
            ("no_such_kind".into(), "no_such_kind".into())
        );
        assert_eq!(
            labels(&pack, "BC103", "scripts", &["Tamil"]),
            ("Tamil".into(), "Tamil".into())
        );
    }

    #[test]
    fn every_kind_has_labels_in_both_languages() {
        let pack = RulePack::builtin().unwrap();
        let kinds = [
            DiffKind::Case,
            DiffKind::Whitespace,
            DiffKind::Invisible,
            DiffKind::Width,
            DiffKind::LookAlike,
            DiffKind::Punctuation,
            DiffKind::LegalForm,
            DiffKind::Other,
        ];
        for kind in kinds {
            let (en, zh) = labels(&pack, "BC101", "kinds", &[kind.as_str()]);
            assert_ne!(en, kind.as_str(), "{kind:?}");
            assert_ne!(zh, kind.as_str(), "{kind:?}");
        }
    }
}
