//! The pack's own tests: every built-in file parses, every pattern compiles, overlays merge.

use super::*;

#[test]
fn every_builtin_file_has_the_rulepack_shape() {
    // build.rs only merges; this names the file, line and column of a mistake.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rulepack");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        parse_file(&path.display().to_string(), &text).unwrap();
    }
}

#[test]
fn builtin_pack_loads_and_every_pattern_compiles() {
    let pack = RulePack::builtin().unwrap();
    for ((code, key), _) in &pack.patterns {
        pack.param_regex(code, key).unwrap();
    }
    assert!(pack.patterns.len() >= 5);
    assert_eq!(pack.meta.id, "builtin");
}

#[test]
fn overlay_changes_one_value_and_keeps_the_rest() {
    let overlay = "[rules.BC501.params]\nminimum = \"50 CNY\"\n";
    let pack = RulePack::load(Some(("mine.toml", overlay))).unwrap();
    assert_eq!(
        pack.param_money("BC501", "minimum").unwrap().to_string(),
        "50 CNY"
    );
    assert!(!pack.rule("BC501").unwrap().texts(Lang::Zh).title.is_empty());
}

#[test]
fn builtin_texts_are_complete_in_both_languages() {
    // Start-up leaves the built-in texts unparsed until they are needed; this is their check.
    let pack = RulePack::builtin().unwrap();
    assert!(pack.rules.len() >= 50);
    for (code, rule) in &pack.rules {
        check_texts(code, rule).unwrap();
    }
}

#[test]
fn builtin_field_guides_are_complete() {
    let pack = RulePack::builtin().unwrap();
    pack.validate_field_guides().unwrap();
    assert!(pack.field_guides().len() > 50);
    let overlay = "[fields.\"lianlian.merchant_id\"]\nen = \"Mine\"\n";
    let pack = RulePack::load(Some(("mine.toml", overlay))).unwrap();
    assert_eq!(
        pack.field_guide("lianlian.merchant_id", Lang::En),
        Some("Mine")
    );
    assert!(
        !pack
            .field_guide("lianlian.merchant_id", Lang::Zh)
            .unwrap()
            .is_empty()
    );
    let e =
        RulePack::load(Some(("m.toml", "[fields.\"lianlian.nope\"]\nen = \"x\"\n"))).unwrap_err();
    assert!(e.problem.contains("lianlian.nope"), "{}", e.problem);
}

/// `asked_when`: a field's condition of existence, checked at load; an overlay can set one.
#[test]
fn asked_when_names_a_field_and_a_condition() {
    let pack = RulePack::builtin().unwrap();
    let sort_code = pack.asked_when("amazon.deposit_method.sort_code").unwrap();
    assert_eq!(sort_code.field, "amazon.deposit_method.bank_country");
    assert!(sort_code.allows("GB") && sort_code.allows(" gb") && !sort_code.allows("US"));
    assert!(pack.asked_when("lianlian.receiving_account.iban").is_none());
    assert!(pack.asked_when("lianlian.merchant_id").is_none());
    for (overlay, problem) in [
        (
            "[fields.\"lianlian.merchant_id\"]\nasked_when = { field = \"lianlian.nope\", in = [\"x\"] }\n",
            "`lianlian.nope` is not a field",
        ),
        (
            "[fields.\"lianlian.merchant_id\"]\nasked_when = { field = \"lianlian.login\", in = [] }\n",
            "names no value",
        ),
    ] {
        let e = RulePack::load(Some(("m.toml", overlay))).unwrap_err();
        assert!(e.problem.contains(problem), "{}", e.problem);
    }
}

/// How answers are read is data: `issued`, a field's `words` and `[answers] currencies` load
/// from the built-in pack, an overlay can add to them, and one naming a value the field does
/// not have or a code that is no currency is refused.
#[test]
fn answer_words_are_checked_data() {
    let pack = RulePack::builtin().unwrap();
    assert!(pack.is_issued("lianlian.merchant_id"));
    assert!(!pack.is_issued("ozon.payout_account.merchant_id"));
    assert_eq!(pack.answers.currencies["元"], ["CNY"]);
    let overlay = "[fields.\"ozon.payment_method\"]\nwords = { pingpong = [\"乒乓\"] }\n\
                   [answers.currencies]\n\"円\" = [\"JPY\"]\n";
    let pack = RulePack::load(Some(("m.toml", overlay))).unwrap();
    assert_eq!(
        pack.choice_words("ozon.payment_method").unwrap()["pingpong"],
        ["乒乓"]
    );
    assert_eq!(pack.answers.currencies["円"], ["JPY"]);
    for (overlay, problem) in [
        (
            "[fields.\"ozon.payment_method\"]\nwords = { alipay = [\"支付宝\"] }\n",
            "names `alipay`, which is not a value of `ozon.payment_method`",
        ),
        (
            "[answers.currencies]\n\"块\" = [\"YUAN\"]\n",
            "answers.currencies.\"块\" needs one or more ISO 4217 codes",
        ),
    ] {
        let e = RulePack::load(Some(("m.toml", overlay))).unwrap_err();
        assert!(e.problem.contains(problem), "{}", e.problem);
    }
}

/// Every field a finding can name has a plain label in both languages, the Chinese one in
/// Chinese; an entry of the deposit methods array is named as the deposit method's field,
/// and an overlay that rewords a guide keeps the label.
#[test]
fn every_field_has_a_plain_label() {
    let pack = RulePack::builtin().unwrap();
    for spec in crate::profile::schema::FIELDS {
        if spec.path == "format" || spec.path.starts_with("bindcheck.") {
            continue;
        }
        let en = pack.field_label(spec.path, Lang::En).unwrap_or_default();
        let zh = pack.field_label(spec.path, Lang::Zh).unwrap_or_default();
        assert!(!en.is_empty() && !en.contains('_'), "{}: {en}", spec.path);
        assert!(
            zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{}: {zh}",
            spec.path
        );
    }
    assert_eq!(
        pack.field_label("amazon.deposit_methods[2].routing_number", Lang::En),
        Some("the routing number in Amazon's deposit method")
    );
    let overlay = "[fields.\"lianlian.merchant_id\"]\nen = \"Mine\"\n";
    let pack = RulePack::load(Some(("mine.toml", overlay))).unwrap();
    assert_eq!(
        pack.field_label("lianlian.merchant_id", Lang::En),
        Some("LianLian's Merchant ID")
    );
}

#[test]
fn overlay_texts_are_checked_at_load() {
    let e = RulePack::load(Some(("mine.toml", "[rules.BC501.zh]\ntitel = \"x\"\n"))).unwrap_err();
    assert!(e.problem.contains("titel"), "{}", e.problem);
    assert!(e.problem.contains("line 2, column 1"), "{}", e.problem);
    let e = RulePack::load(Some(("mine.toml", "[rules.BC501.en]\ntitle = \"\"\n"))).unwrap_err();
    assert!(
        e.problem.contains("rules.BC501.en.title is missing"),
        "{}",
        e.problem
    );
    let pack = RulePack::load(Some(("mine.toml", "[rules.BC501.en]\ntitle = \"Mine\"\n"))).unwrap();
    assert_eq!(pack.rule("BC501").unwrap().texts(Lang::En).title, "Mine");
}

#[test]
fn malformed_overlay_names_file_line_and_column() {
    let e =
        RulePack::load(Some(("mine.toml", "[rules.BC501]\nsevrity = \"error\"\n"))).unwrap_err();
    assert_eq!(e.origin, "mine.toml");
    assert!(e.problem.contains("sevrity"), "{}", e.problem);
    assert!(e.problem.contains("line 2, column 1"), "{}", e.problem);

    let e = RulePack::load(Some(("mine.toml", "[rules.BC501\n"))).unwrap_err();
    assert!(e.problem.contains("line 1"), "{}", e.problem);

    let e =
        RulePack::load(Some(("m.toml", "[rules.BC301.params]\npattern = \"[\"\n"))).unwrap_err();
    assert!(
        e.problem.contains("rules.BC301.params.pattern"),
        "{}",
        e.problem
    );
}

#[test]
fn prerequisites_name_other_rules_and_flows() {
    for (overlay, problem) in [
        (
            "[rules.BC602]\nprerequisites = [\"BC602\"]\n",
            "rules.BC602.prerequisites names `BC602`, which is not another rule",
        ),
        (
            "[rules.BC701]\nprerequisite_of = [\"any\"]\n",
            "rules.BC701.prerequisite_of names `any`: name the flows whose rules wait for this one",
        ),
    ] {
        let e = RulePack::load(Some(("m.toml", overlay))).unwrap_err();
        assert_eq!(e.problem, problem);
    }
    let pack = RulePack::load(Some((
        "m.toml",
        "[rules.BC703]\nprerequisite_of = [\"ozon-lianlian\"]\n",
    )))
    .unwrap();
    assert_eq!(
        pack.rule("BC703").unwrap().prerequisite_of,
        [Flow::OzonLianlian]
    );
}

#[test]
fn symptoms_are_read_in_phrase_form_and_fallbacks_give_way() {
    let pack = RulePack::builtin().unwrap();
    assert_eq!(pack.symptoms_in("binding failed"), ["binding-rejected"]);
    assert_eq!(
        pack.symptoms_in("Binding failed again and again"),
        ["binding-rejected", "repeated-failures"]
    );
    for text in [
        "Binding failed: Invalid MerchantID",
        "绑定失败：商户 ID 无效",
        "Ошибка привязки: неверный Merchant ID, снова и снова",
    ] {
        assert_eq!(pack.symptoms_in(text), ["invalid-merchant-id"], "{text}");
    }
    let mut found = vec!["binding-rejected", "name-mismatch"];
    pack.drop_fallbacks(&mut found);
    assert_eq!(found, ["name-mismatch"]);
}

#[test]
fn fill_replaces_known_placeholders_only() {
    let args = [("a", "1".to_string())];
    assert_eq!(fill("x {a} {b} {", &args), "x 1 {b} {");
    assert_eq!(placeholders("{a} and {b}"), ["a", "b"]);
}
