//! Causes, not rule hits (README "How causes are ranked", `causes` in docs/output.md): findings that share one
//! root cause and one fix are one cause, with one title, one severity, one set of steps and one
//! value to enter; every finding keeps its own line and column and names its cause.

mod common;
use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::rulepack::RulePack;
use common::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::path::Path;

const FAILING: &str = "examples/ozon-lianlian-failing.toml";

fn causes(json: &Value) -> &Vec<Value> {
    json["files"][0]["causes"].as_array().expect("causes array")
}

/// Each cause as (rank, its findings as "CODE field line:col").
fn cause_table(json: &Value) -> Vec<(u64, Vec<String>)> {
    let all = findings(json);
    causes(json)
        .iter()
        .map(|c| {
            let members = c["findings"]
                .as_array()
                .expect("finding ranks")
                .iter()
                .map(|rank| {
                    let f = &all[rank.as_u64().unwrap_or(0) as usize - 1];
                    format!(
                        "{} {} {}:{}",
                        f["code"].as_str().unwrap_or_default(),
                        f["field"].as_str().unwrap_or_default(),
                        f["line"],
                        f["column"]
                    )
                })
                .collect();
            (c["rank"].as_u64().unwrap_or(0), members)
        })
        .collect()
}

#[test]
fn the_failing_example_is_six_causes_of_nine_findings() {
    let (json, code) = diagnose_json(&fixture(FAILING), &[]);
    assert_eq!(code, 1);
    let table = cause_table(&json);
    let expected: Vec<(u64, Vec<&str>)> = vec![
        (
            1,
            vec![
                "BC303 ozon.payout_account.merchant_id 43:15",
                "BC201 ozon.payout_account.merchant_id 43:26",
            ],
        ),
        (
            2,
            vec![
                "BC102 ozon.payout_account.account_name 42:16",
                "BC101 ozon.payout_account.account_name 42:16",
                "BC205 ozon.payout_account.account_name 42:53",
            ],
        ),
        (3, vec!["BC602 lianlian.ozon_channel 22:16"]),
        (4, vec!["BC501 lianlian.balance 20:11"]),
        (5, vec!["BC401 ozon.registered_address 35:22"]),
        (6, vec!["BC805 incident.attempts 49:12"]),
    ];
    let expected: Vec<(u64, Vec<String>)> = expected
        .into_iter()
        .map(|(r, m)| (r, m.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(table, expected);
}

#[test]
fn a_merchant_id_and_its_invisible_character_are_one_cause_with_one_safe_value() {
    let (json, _) = diagnose_json(&fixture(FAILING), &[]);
    let cause = &causes(&json)[0];
    assert_eq!(cause["code"], "BC303");
    assert_eq!(
        cause["title"],
        "Merchant ID typed on Ozon differs from LianLian's"
    );
    assert_eq!(cause["severity"], "error");
    assert_eq!(cause["symptom_match"], true);
    // The value is masked here: the fix says so instead of holding a masked string, and the
    // step that shows it says how to see it.
    assert_eq!(
        cause["fix"],
        json!({"applicability": "safe", "masked": true})
    );
    assert_eq!(
        cause["remediation"][1],
        "In Ozon Seller Center › Settings › Payments, replace the Merchant ID with: \
         LL******************A7K3 (the value is masked here: run again with --show-values to see \
         the value to enter)"
    );
    // Both findings offer the same value, so they carry the same label (BC303 alone would be
    // "unsafe"; BC201 makes the very same value safe).
    for f in findings(&json).iter().take(2) {
        assert_eq!(f["cause"], 1);
        assert_eq!(f["fix"], json!({"applicability": "safe", "masked": true}));
    }

    let (json, _) = diagnose_json(&fixture(FAILING), &["--show-values"]);
    let cause = &causes(&json)[0];
    assert_eq!(
        cause["fix"],
        json!({"applicability": "safe", "replacement": "LL2024SZXH0000000000A7K3"})
    );
    assert_eq!(
        cause["remediation"][1],
        "In Ozon Seller Center › Settings › Payments, replace the Merchant ID with: \
         LL2024SZXH0000000000A7K3"
    );
}

#[test]
fn case_and_a_trailing_space_in_the_account_name_are_one_cause() {
    let (json, _) = diagnose_json(&fixture(FAILING), &[]);
    let cause = &causes(&json)[1];
    assert_eq!(cause["findings"], json!([3, 4, 5]));
    // One value to enter: the name both LianLian and Ozon's legal name have. BC205's own fix
    // (only trim the space) would leave the name wrong: the cause's fix supersedes it, so the
    // finding offers none, and its steps are the cause's, not "the clean value is …".
    assert_eq!(
        cause["fix"],
        json!({"applicability": "unsafe", "replacement": "SHENZHEN XINGHE TECHNOLOGY CO., LTD."})
    );
    let bc205 = &findings(&json)[4];
    assert_eq!(bc205["code"], "BC205");
    assert_eq!(bc205["cause"], 2);
    assert_eq!(bc205["fix"], Value::Null);
    assert_eq!(bc205["remediation"], cause["remediation"]);
    assert!(
        cause["remediation"]
            .as_array()
            .expect("steps")
            .iter()
            .any(|s| s
                .as_str()
                .is_some_and(|s| s.contains("\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\""))),
        "{cause:#}"
    );
}

#[test]
fn an_invisible_character_in_lianlians_copy_is_no_mismatch_on_ozon() {
    // Cross-field: the zero-width space is in the profile's copy of the ID LianLian issued;
    // Ozon holds that ID. Nothing on Ozon differs from LianLian (no BC303): the one cause is
    // the copy, fixed in the profile, and its clean value is the one to keep.
    let text = "format = 1
[lianlian]
merchant_id = \"LL2024SZXH\\u200B0000000000A7K3\"
[ozon.payout_account]
merchant_id = \"LL2024SZXH0000000000A7K3\"
";
    let (json, _) = diagnose_text(text, &["--show-values"]);
    assert_eq!(
        cause_table(&json)[0],
        (1, vec!["BC201 lianlian.merchant_id 3:26".to_string()])
    );
    assert!(with_code(&json, "BC303").is_empty());
    assert_eq!(causes(&json)[0]["severity"], "warning");
    assert_eq!(
        causes(&json)[0]["fix"],
        json!({"applicability": "safe", "replacement": "LL2024SZXH0000000000A7K3"})
    );
}

#[test]
fn a_stored_secret_and_the_obsolete_token_are_one_cause() {
    let (json, _) = diagnose_rule_fixture("BC804/fires.toml", &[]);
    let table = cause_table(&json);
    // The obsolete token leads: a credential of a retired API grants no access, so its copy
    // in the file is no leak (a warning), and the steps are the obsolete token's.
    assert_eq!(
        table[0].1,
        vec![
            "BC804 amazon.mws_auth_token 5:18",
            "BC901 amazon.mws_auth_token 5:18"
        ]
    );
    // Both say "delete it": no value to enter.
    assert_eq!(causes(&json)[0]["fix"], Value::Null);
    assert_eq!(causes(&json)[0]["severity"], "warning");
    assert_eq!(causes(&json)[0]["title"], "Obsolete MWS credential");
    let steps = causes(&json)[0]["remediation"].to_string();
    assert!(steps.contains("Selling Partner API"), "{steps}");
    assert!(steps.contains("There is nothing to rotate"), "{steps}");
    assert!(!steps.contains("Rotate the credential"), "{steps}");
    assert_eq!(table.len(), 1, "{table:?}");
}

#[test]
fn a_stored_credential_does_not_outrank_what_holds_the_payout_unless_the_symptom_says_so() {
    // The deposit method changes 2 days before the settlement ends (BC801, which holds the
    // payout); the profile also keeps a retired MWS token (BC804 + BC901).
    let path = fixture("causes/amazon-settlement-window-mws.toml");
    let leads = |json: &Value| -> Vec<String> {
        causes(json)
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c["code"].as_str().unwrap_or_default(),
                    c["severity"].as_str().unwrap_or_default()
                )
            })
            .collect()
    };
    let (json, _) = diagnose_json(&path, &[]);
    assert_eq!(
        leads(&json),
        ["BC801 warning", "BC804 warning", "BC803 info"]
    );
    // A symptom the token explains (LianLian's authorisation refused) puts it first.
    let (json, _) = diagnose_json(&path, &["--symptom", "binding failed"]);
    assert_eq!(leads(&json)[0], "BC804 warning");
    // A live credential stored in the file (an error, so that it fails lint) still comes
    // after what holds the payout: it is about the file, not the binding.
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "[amazon]",
        "[amazon]\napi_key = \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"",
    );
    let (json, code) = diagnose_text(&text, &[]);
    assert_eq!(
        leads(&json),
        [
            "BC801 warning",
            "BC804 warning",
            "BC901 error",
            "BC803 info"
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn json_causes_have_the_spec_shape_and_findings_follow_them() {
    let (json, _) = diagnose_json(&fixture(FAILING), &[]);
    let file = &json["files"][0];
    let keys: Vec<&str> = file
        .as_object()
        .expect("file")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["causes", "findings", "path", "status"]);
    let cause_keys: Vec<&str> = causes(&json)[0]
        .as_object()
        .expect("cause")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        cause_keys,
        [
            "code",
            "findings",
            "fix",
            "fix_before",
            "fix_first",
            "fixes",
            "notes",
            "rank",
            "remediation",
            "ruled_out_by",
            "score",
            "severity",
            "symptom_match",
            "title",
            "unlikely",
        ]
    );
    assert_eq!(causes(&json)[0]["score"], 2.4);
    // Findings are numbered in the order of their causes, and each names its cause.
    let mut expected_rank = 1;
    for cause in causes(&json) {
        for rank in cause["findings"].as_array().expect("ranks") {
            assert_eq!(rank.as_u64(), Some(expected_rank));
            let f = &findings(&json)[expected_rank as usize - 1];
            assert_eq!(f["rank"].as_u64(), Some(expected_rank));
            assert_eq!(f["cause"], cause["rank"]);
            expected_rank += 1;
        }
    }
    assert_eq!(expected_rank as usize - 1, findings(&json).len());
    // The summary still counts findings.
    assert_eq!(
        json["summary"],
        json!({"files": 1, "failed": 1, "errors": 6, "warnings": 3, "infos": 0})
    );
}

/// Human output for the failing example, named by a relative path so that the heading and the
/// location lines wrap the same way wherever the repository is checked out.
fn human(args: &[&str]) -> String {
    let out = bindcheck()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("diagnose")
        .arg(Path::new("fixtures").join(FAILING))
        .args(["--as-of", "2026-11-21"])
        .args(args)
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn human_output_has_one_row_and_one_set_of_steps_per_cause() {
    let out = human(&[]);
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.ends_with("ozon-lianlian-failing.toml: 6 causes (9 findings), most likely first"),
        "{first}"
    );
    // One table row per cause: the first line of a row starts with its rank.
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("│ ") && l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(rows.len(), 6, "{out}");
    assert!(rows[0].contains("BC303 +1"), "{}", rows[0]);
    assert!(rows[1].contains("BC102 +2"), "{}", rows[1]);
    assert_eq!(out.matches("What to do:").count(), 6, "{out}");
    assert_eq!(out.matches("   fix (").count(), 3, "{out}");
    // The first cause shows both its findings, with their own positions, under one marker line.
    let block: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("1. error[BC303]"))
        .take_while(|l| !l.is_empty())
        .collect();
    let expected_head = [
        "1. error[BC303] merchant-id-mismatch: Merchant ID typed on Ozon differs from LianLian's",
        "   --> ",
    ];
    assert!(block[0] == expected_head[0], "{block:#?}");
    assert!(block[1].starts_with(expected_head[1]), "{block:#?}");
    // The location wraps when the path is long; the quote follows it.
    let quote = block
        .iter()
        .position(|l| l.starts_with("   43 | "))
        .expect("the quoted line");
    assert_eq!(block[quote + 1], "      |               ^          ^");
    assert!(
        block[quote + 2].starts_with(
            "   - BC303 merchant-id-mismatch (ozon.payout_account.merchant_id, 43:15):"
        ),
        "{block:#?}"
    );
    assert!(
        block.iter().any(|l| l.starts_with(
            "   - BC201 invisible-character (ozon.payout_account.merchant_id, 43:26):"
        )),
        "{block:#?}"
    );
    assert!(block.contains(
        &"   fix (safe): the value is masked: run again with --show-values to see the value to enter"
    ));

    let out = human(&["--show-values"]);
    assert!(
        out.contains("\n   fix (safe): LL2024SZXH0000000000A7K3\n"),
        "{out}"
    );

    let out = human(&["--lang", "zh"]);
    assert!(
        out.lines()
            .next()
            .unwrap_or_default()
            .ends_with("6 个原因（9 条发现），按可能性从高到低排列"),
        "{out}"
    );
    // Steps wrap with a hanging indent; Chinese breaks between characters, with no space.
    let unwrapped = out.replace("\n        ", "");
    assert!(
        unwrapped.contains("（此处已遮盖：加上 --show-values 重新运行即可看到要填写的完整值）"),
        "{out}"
    );
}

/// `bindcheck lint FILE --format FORMAT` output.
fn lint(format: &str) -> String {
    let out = bindcheck()
        .arg("lint")
        .arg(fixture(FAILING))
        .args(["--format", format, "--as-of", "2026-11-21"])
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn lint_formats_keep_one_result_per_finding_and_carry_the_cause() {
    let concise = lint("concise");
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), 9, "{concise}");
    assert!(
        lines[0].contains(":43:15: BC303 error [cause 1] "),
        "{concise}"
    );
    assert!(
        lines[1].contains(":43:26: BC201 error [cause 1] "),
        "{concise}"
    );
    assert!(
        lines[4].contains(":42:53: BC205 warning [cause 2] "),
        "{concise}"
    );

    let jsonl: Vec<Value> = lint("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let ranks: Vec<(u64, u64)> = jsonl
        .iter()
        .map(|f| {
            (
                f["rank"].as_u64().unwrap_or(0),
                f["cause"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        ranks,
        [
            (1, 1),
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 2),
            (6, 3),
            (7, 4),
            (8, 5),
            (9, 6)
        ]
    );

    let sarif: Value = serde_json::from_str(&lint("sarif")).expect("SARIF");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 9);
    assert_eq!(
        results[1]["properties"],
        json!({"rank": 2, "cause": 1, "score": 2.1, "confidence": "high"})
    );

    let github = lint("github");
    assert!(
        github
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains(",title=BC201 Invisible character (cause 1)::")),
        "{github}"
    );
    let junit = lint("junit");
    assert!(junit.contains(": BC201 error [cause 1] "), "{junit}");
}

#[test]
fn lint_select_keeps_the_rest_of_a_cause_and_reranks() {
    // Without BC303, the invisible character is still a cause of its own: nothing is lost.
    let out = bindcheck()
        .arg("lint")
        .arg(fixture(FAILING))
        .args(["--format", "concise", "--as-of", "2026-11-21"])
        .args(["--ignore", "BC303,BC101,BC102"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains(":43:26: BC201 error [cause 1] "),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(":42:53: BC205 warning [cause ")),
        "{text}"
    );
    assert_eq!(lines.len(), 6, "{text}");
}

/// `cause_table` of a profile under `fixtures/causes/`, without the causes that are BC004.
fn case_table(case: &str, args: &[&str]) -> (Value, Vec<(u64, Vec<String>)>) {
    let (json, _) = diagnose_json(&fixture(&format!("causes/{case}")), args);
    let table = cause_table(&json)
        .into_iter()
        .filter(|(_, members)| !members.iter().all(|m| m.starts_with("BC004 ")))
        .collect();
    (json, table)
}

fn rows(rows: &[(u64, &[&str])]) -> Vec<(u64, Vec<String>)> {
    rows.iter()
        .map(|(rank, members)| (*rank, members.iter().map(|m| m.to_string()).collect()))
        .collect()
}

#[test]
fn the_same_wrong_value_in_several_fields_is_one_cause() {
    // One USCC with a wrong check character, copied into the seller's, LianLian's and Ozon's
    // records: one cause, each finding at its own place.
    let (_, table) = case_table("one-uscc-three-places.toml", &[]);
    assert_eq!(
        table,
        rows(&[
            (
                1,
                &[
                    "BC304 seller.license_number 7:18",
                    "BC304 lianlian.license_number 16:18",
                    "BC304 ozon.license_number 32:18",
                ]
            ),
            (2, &["BC705 seller.license_expires 10:19"]),
        ])
    );
    // A 23-character Merchant ID in both places, and the login typed as Merchant ID in both.
    let (_, table) = case_table("long-merchant-id-both-places.toml", &[]);
    let both = rows(&[(
        1,
        &[
            "BC301 lianlian.merchant_id 13:15",
            "BC301 ozon.payout_account.merchant_id 42:15",
        ],
    )]);
    assert_eq!(table[0], both[0]);
    assert_eq!(table.len(), 3, "{table:#?}");
    let (_, table) = case_table("phone-as-merchant-id.toml", &[]);
    assert_eq!(
        table,
        rows(&[(
            1,
            &[
                "BC302 lianlian.merchant_id 13:15",
                "BC302 ozon.payout_account.merchant_id 42:15",
            ]
        )])
    );
    // The same balance seen on Ozon and as Ozon Global Pay's pending settlement.
    let (_, table) = case_table("ogp-below-minimum.toml", &[]);
    let both = rows(&[(
        4,
        &[
            "BC503 ozon.balance 21:11",
            "BC503 ozon_global_pay.pending_settlement 28:22",
        ],
    )]);
    assert!(table.contains(&both[0]), "{table:#?}");
}

#[test]
fn findings_that_ask_for_one_value_of_one_field_are_one_cause() {
    // Ozon's licence number is the licence's with two characters swapped: it differs from the
    // seller's (BC702) and fails its check character (BC304). Entering the licence's number
    // mends both.
    let (_, table) = case_table("uscc-transposed.toml", &[]);
    assert_eq!(
        table,
        rows(&[(
            1,
            &[
                "BC702 ozon.license_number 31:18",
                "BC304 ozon.license_number 31:18",
            ]
        )])
    );
    // A German IBAN with a Lithuanian BIC (BC311) on Ozon Global Pay, whose IBANs are
    // Lithuanian (BC316): the one right IBAN mends both.
    let (_, table) = case_table("ogp-iban-country.toml", &[]);
    let both = rows(&[(
        2,
        &[
            "BC311 ozon_global_pay.iban 25:8",
            "BC316 ozon_global_pay.iban 25:8",
        ],
    )]);
    assert!(table.contains(&both[0]), "{table:#?}");
    // The fifth is BC708's info: the profile has no INN.
    assert_eq!(table.len(), 5, "{table:#?}");
}

#[test]
fn one_account_copied_wrong_is_one_cause_that_keeps_each_fields_value() {
    let (json, table) = case_table("jp-deposit-method.toml", &["--show-values"]);
    assert_eq!(
        table,
        rows(&[(
            1,
            &[
                "BC312 amazon.deposit_method.bank_code 43:13",
                "BC312 amazon.deposit_method.branch_code 44:15",
                "BC312 amazon.deposit_method.account_type 45:16",
                "BC314 amazon.deposit_method.bank_code 43:13",
                "BC314 amazon.deposit_method.branch_code 44:15",
            ]
        )])
    );
    let fixes: Vec<(String, Value)> = with_code(&json, "BC312")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or_default().to_string(),
                f["fix"].clone(),
            )
        })
        .collect();
    let unsafe_fix = |value: &str| json!({"applicability": "unsafe", "replacement": value});
    assert_eq!(
        fixes,
        vec![
            ("amazon.deposit_method.bank_code".into(), unsafe_fix("0310")),
            (
                "amazon.deposit_method.branch_code".into(),
                unsafe_fix("101")
            ),
            (
                "amazon.deposit_method.account_type".into(),
                unsafe_fix("普通")
            ),
        ]
    );
    assert_eq!(causes(&json)[0]["fix"], unsafe_fix("0310"));
    // The cause carries every value it enters, by field, and a step for each.
    let field_fix = |field: &str, value: &str| json!({"field": field, "applicability": "unsafe", "replacement": value});
    assert_eq!(
        causes(&json)[0]["fixes"],
        json!([
            field_fix("amazon.deposit_method.bank_code", "0310"),
            field_fix("amazon.deposit_method.branch_code", "101"),
            field_fix("amazon.deposit_method.account_type", "普通"),
        ])
    );
    let replace = "In Seller Central › Settings › Deposit Methods, replace the value with: ";
    let steps: Vec<&str> = causes(&json)[0]["remediation"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s.as_str()?.strip_prefix(replace))
        .collect();
    // An account type is named as the form shows it, not only by what it means.
    assert_eq!(steps, ["0310", "101", "普通 (a Japanese ordinary account)"]);
    // In Chinese too the step leads with the word to pick on the form.
    let (zh, _) = case_table("jp-deposit-method.toml", &["--show-values", "--lang", "zh"]);
    let replace_zh = "在卖家平台 › 设置 › 存款方式 中，替换为：";
    let steps_zh: Vec<&str> = causes(&zh)[0]["remediation"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s.as_str()?.strip_prefix(replace_zh))
        .collect();
    assert_eq!(steps_zh, ["0310", "101", "普通（日本的普通存款账户）"]);
    let last = causes(&json)[0]["remediation"]
        .as_array()
        .and_then(|s| s.last())
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    assert!(last.starts_with("Save."), "{last}");
    // Masked, the values are still one per field.
    let (masked, _) = case_table("jp-deposit-method.toml", &[]);
    assert_eq!(
        causes(&masked)[0]["fixes"].as_array().map(Vec::len),
        Some(3)
    );
    // The human report gives every field its value.
    let out = bindcheck()
        .arg("diagnose")
        .arg(fixture("causes/jp-deposit-method.toml"))
        .args(["--as-of", "2026-11-21", "--show-values"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let fix_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("   fix (")).collect();
    assert_eq!(
        fix_lines,
        [
            "   fix (unsafe) `amazon.deposit_method.bank_code`: 0310",
            "   fix (unsafe) `amazon.deposit_method.branch_code`: 101",
            "   fix (unsafe) `amazon.deposit_method.account_type`: 普通",
        ],
        "{text}"
    );
}

#[test]
fn a_cause_leads_with_its_most_severe_finding_and_fixes_its_root() {
    // Ozon's legal name says LIMITED where the licence says LTD. (BC104, a warning); the payout
    // account name, which says LTD., therefore differs from it (BC102, an error). Correcting
    // Ozon's legal name mends both: one error cause, shown by its error.
    let (json, table) = case_table("ozon-legal-form.toml", &["--show-values"]);
    assert_eq!(
        table,
        rows(&[(
            1,
            &[
                "BC102 ozon.payout_account.account_name 41:16",
                "BC104 ozon.legal_name 30:14",
            ]
        )])
    );
    let cause = &causes(&json)[0];
    assert_eq!(cause["code"], "BC102");
    assert_eq!(cause["severity"], "error");
    assert_eq!(
        cause["title"],
        "Payee name differs from the registered legal name"
    );
    // Its fix is BC104's; BC102's own (rename the account to "… LIMITED") is superseded, and
    // its steps are the cause's.
    assert_eq!(
        cause["fix"],
        json!({"applicability": "unsafe", "replacement": "SHENZHEN XINYUANDA TRADING CO., LTD."})
    );
    let bc102 = only(&json, "BC102");
    assert_eq!(bc102["fix"], Value::Null);
    assert_eq!(bc102["remediation"], only(&json, "BC104")["remediation"]);
    assert_eq!(cause["remediation"], bc102["remediation"]);
    assert!(
        !cause["remediation"].to_string().contains("LIMITED"),
        "no step offers the superseded value: {cause:#}"
    );
}

/// `lint --fix` on a copy of a profile under `fixtures/causes/`: the bytes before, after, and
/// the lint output.
fn lint_fix_copy(case: &str) -> (String, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let before = std::fs::read_to_string(fixture(&format!("causes/{case}"))).expect("reads");
    std::fs::write(dir.path().join("p.toml"), &before).expect("writes");
    let (out, err, _) = lint_in(dir.path(), &["p.toml", "--fix"]);
    let after = std::fs::read_to_string(dir.path().join("p.toml")).expect("reads");
    (before, after, format!("{out}{err}"))
}

#[test]
fn fix_applies_the_causes_fix_and_never_a_member_fix_it_supersedes() {
    // The payout account name differs from LianLian's in case and has a trailing space. The
    // cause's fix (enter LianLian's name) is unsafe; trimming the space (BC205's own, safe fix)
    // would leave the name wrong: nothing is written.
    let (before, after, out) = lint_fix_copy("name-case-trailing-space.toml");
    assert_eq!(after, before, "{out}");
    assert!(out.contains("fixed 0 values in 0 files"), "{out}");
    let (json, _) = diagnose_json(&fixture("causes/name-case-trailing-space.toml"), &[]);
    let bc205 = only(&json, "BC205");
    assert_eq!(bc205["fix"], Value::Null);
    assert!(
        !bc205["remediation"]
            .to_string()
            .contains("The clean value is"),
        "{bc205:#}"
    );
    // A no-break space where LianLian's name has a space: the cause's fix is safe, and the
    // one value written is that name.
    let (before, after, out) = lint_fix_copy("name-nbsp.toml");
    let expected = before.replace(
        "account_name = \"SHENZHEN\u{A0}XINYUANDA TRADING CO., LTD.\"",
        "account_name = \"SHENZHEN XINYUANDA TRADING CO., LTD.\"",
    );
    assert_ne!(expected, before);
    assert_eq!(after, expected, "{out}");
    assert!(out.contains("fixed 1 value in 1 file"), "{out}");
}

/// A profile with the mistakes sellers make, each switched on or off.
fn profile(faults: &[bool; 8], zwsp_at: usize) -> String {
    let merchant = "LL2024SZXH0000000000A7K3";
    let mut ozon_merchant = merchant.to_string();
    if faults[1] {
        ozon_merchant.replace_range(22..23, "X");
    }
    if faults[0] {
        ozon_merchant.insert_str(zwsp_at.min(24), "\\u200B");
    }
    let mut name = "SHENZHEN XINGHE TECHNOLOGY CO., LTD.".to_string();
    if faults[2] {
        name = name.to_lowercase();
    }
    if faults[3] {
        name.push(' ');
    }
    let legal = if faults[4] {
        "SHENZHEN XINGHE TECHNOLOGY CO LTD"
    } else {
        "SHENZHEN XINGHE TECHNOLOGY CO., LTD."
    };
    let balance = if faults[5] { "99 CNY" } else { "150 CNY" };
    let channel = if faults[6] { "not_opened" } else { "active" };
    let token = if faults[7] {
        "[amazon]\nmws_auth_token = \"amzn.mws.4ea38b7b-f563-7709-4bae-87aea15c5bd9\"\n"
    } else {
        ""
    };
    format!(
        "format = 1\n[lianlian]\nmerchant_id = \"{merchant}\"\nbalance = \"{balance}\"\nkyc_level = 2\n\
         ozon_channel = \"{channel}\"\n[lianlian.receiving_account]\n\
         account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"\n[ozon]\nlegal_name = \"{legal}\"\n\
         payment_method = \"lianlian\"\n[ozon.payout_account]\naccount_name = \"{name}\"\n\
         merchant_id = \"{ozon_merchant}\"\n[incident]\ntest_payment = \"succeeded\"\n{token}"
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever mistakes a profile holds: every finding belongs to exactly one cause, causes are
    /// ranked 1..n, findings 1..m in the order of their causes, a cause has the highest severity
    /// of its findings and its leading finding first.
    #[test]
    fn every_finding_belongs_to_exactly_one_cause(
        faults in proptest::array::uniform8(any::<bool>()),
        zwsp_at in 0usize..25,
        symptom in proptest::option::of(proptest::sample::select(vec![
            "Invalid Merchant ID", "payouts do not arrive", "test payment failed",
            "name does not match", "ERR_4007",
        ])),
    ) {
        let pack = RulePack::builtin().expect("builtin rulepack");
        let options = AnalyzeOptions {
            as_of: Some(jiff::civil::date(2026, 11, 21)),
            symptom: symptom.map(str::to_string),
        };
        let text = profile(&faults, zwsp_at);
        let analysis = analyze("p.toml", text.as_bytes(), &pack, &options).expect("loads");
        let mut seen = vec![0; analysis.ranked.len()];
        let mut next_finding = 1;
        for (i, cause) in analysis.causes.iter().enumerate() {
            prop_assert_eq!(cause.rank, i + 1);
            prop_assert!(!cause.findings.is_empty());
            let members: Vec<_> = cause.members(&analysis.ranked).collect();
            prop_assert_eq!(members.len(), cause.findings.len());
            for (rank, member) in cause.findings.iter().zip(&members) {
                prop_assert_eq!(*rank, next_finding);
                prop_assert_eq!(member.rank, *rank);
                prop_assert_eq!(member.cause, cause.rank);
                seen[rank - 1] += 1;
                next_finding += 1;
            }
            let highest = members.iter().map(|m| m.severity).min();
            prop_assert_eq!(Some(cause.severity), highest);
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "{:?}", seen);
        prop_assert_eq!(next_finding - 1, analysis.ranked.len());
    }
}

#[test]
fn one_name_entered_in_two_places_has_a_step_for_each() {
    // A Chinese name in Ozon's legal name and payout account name (BC103, BC101): one name to
    // enter in two forms, Company information and Payments; the steps name both.
    let (json, _) = diagnose_json(&fixture("causes/chinese-name-on-ozon.toml"), &[]);
    let cause = &causes(&json)[0];
    let name = "XI'AN QINYUN CULTURE COMMUNICATION CO., LTD.";
    assert_eq!(
        cause["fixes"],
        json!([
            {"field": "ozon.legal_name", "applicability": "unsafe", "replacement": name},
            {"field": "ozon.payout_account.account_name", "applicability": "unsafe", "replacement": name},
        ])
    );
    let steps = cause["remediation"].to_string();
    assert!(steps.contains("Settings › Company information"), "{steps}");
    assert!(
        steps.contains("Settings › Payments › Account name"),
        "{steps}"
    );
    let (json, _) = diagnose_json(
        &fixture("causes/chinese-name-on-ozon.toml"),
        &["--lang", "zh"],
    );
    let steps = causes(&json)[0]["remediation"].to_string();
    assert!(
        steps.contains("公司信息") && steps.contains("付款"),
        "{steps}"
    );
}

#[test]
fn a_hong_kong_company_filed_under_cn_is_one_cause_the_country() {
    // A Hong Kong company's 8-digit number read as a Mainland licence gives "has 8 characters"
    // on every copy of it (BC304); the mistake is the country (BC710), whose fix removes them.
    let (json, table) = case_table("hk-company-country-cn.toml", &[]);
    assert_eq!(
        table,
        rows(&[(
            1,
            &[
                "BC710 seller.country 7:11",
                "BC304 seller.license_number 8:18",
                "BC304 lianlian.license_number 15:18",
                "BC304 ozon.license_number 32:18",
            ]
        )])
    );
    let cause = &causes(&json)[0];
    assert_eq!(
        cause["fix"],
        json!({"applicability": "unsafe", "replacement": "HK"})
    );
    assert_eq!(
        cause["remediation"][0],
        "Set `seller.country = \"HK\"`: the country where the company is registered, as on its \
         registration certificate."
    );
    assert!(
        !cause["remediation"].to_string().contains("18-character"),
        "{cause:#}"
    );
    assert_eq!(
        only(&json, "BC710")["message"],
        "`seller.country` is CN, but `seller.entity_type` is a company registered in Hong Kong: \
         the country of registration is HK"
    );
    // Set right, nothing is left.
    let text = std::fs::read_to_string(fixture("causes/hk-company-country-cn.toml"))
        .expect("read")
        .replace("country = \"CN\"", "country = \"HK\"");
    let (json, _) = diagnose_text(&text, &[]);
    assert!(with_code(&json, "BC710").is_empty() && with_code(&json, "BC304").is_empty());
}
