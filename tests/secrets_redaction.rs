//! Issue 11: every class of output that printed a credential BC901 itself recognised, and
//! every gap in recognising one, each with the exact output a user now sees.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

const KEY: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

/// BC901's message about a value, after the field's name.
const SHAPED: &str =
    "holds a value shaped like an API key, token or private key; bindcheck never prints it";

/// `(code, field, line, column, message)` of every finding but BC004.
fn messages(json: &Value) -> Vec<(String, String, u64, u64, String)> {
    findings(json)
        .iter()
        .filter(|f| f["code"] != "BC004")
        .map(|f| {
            let (field, line, column) = place(f);
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (text("code"), field, line, column, text("message"))
        })
        .collect()
}

fn run_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = bindcheck().current_dir(dir).args(args).output().unwrap();
    (
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        out.status.code().unwrap_or(-1),
    )
}

fn profile_dir(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), text).unwrap();
    dir
}

/// The repro: a key pasted as an enum value, a Merchant ID and an error code, shown
/// with `--show-values`. Each rule still fires where the value is, and none quotes it.
#[test]
fn rules_on_a_secret_value_fire_without_quoting_it() {
    let text = format!(
        "format = 1\n\n[lianlian]\nozon_channel = \"{KEY}\"\nmerchant_id = \"{KEY}\"\n\n\
         [incident]\nerror_code = \"{KEY}\"\n"
    );
    let (json, code) = diagnose_text(&text, &["--show-values"]);
    assert_eq!(code, 1);
    assert_eq!(
        messages(&json),
        vec![
            ("BC901".into(), "lianlian.merchant_id".into(), 5, 15, format!("`lianlian.merchant_id` {SHAPED}")),
            ("BC301".into(), "lianlian.merchant_id".into(), 5, 15, "`lianlian.merchant_id` (‹secret›, 32 characters) does not have the expected form of a Merchant ID: exactly 24 ASCII letters and digits".into()),
            ("BC901".into(), "incident.error_code".into(), 8, 14, format!("`incident.error_code` {SHAPED}")),
            ("BC806".into(), "incident.error_code".into(), 8, 14, "the error code `‹secret›` has no documented meaning; include it in the support ticket".into()),
            ("BC901".into(), "lianlian.ozon_channel".into(), 4, 16, format!("`lianlian.ozon_channel` {SHAPED}")),
            ("BC003".into(), "lianlian.ozon_channel".into(), 4, 16, "`‹secret›` is not allowed here; expected one of: `not_opened` — not opened yet; `pending_review` — under review; `unauthorized` — opened but not authorised (未授权); `active` — opened and working; `suspended` — suspended by LianLian".into()),
        ]
    );
    // BC901 is the cause that explains them: removing the key removes them too.
    let causes = json["files"][0]["causes"].as_array().unwrap();
    assert!(
        causes.iter().take(3).all(|c| c["code"] == "BC901"),
        "{causes:#?}"
    );
    // Chinese says it in Chinese.
    let (json, _) = diagnose_text(&text, &["--show-values", "--lang", "zh"]);
    assert_eq!(
        only(&json, "BC806")["message"],
        "错误代码 `‹凭证已隐藏›` 没有公开的含义；请在客服工单中注明"
    );
}

/// A key pasted as an account name: BC101's message and evidence and the ticket compare the
/// name with it without showing any piece of it.
#[test]
fn an_account_name_comparison_shows_no_piece_of_the_secret() {
    let text = format!(
        "format = 1\n\n[lianlian.receiving_account]\naccount_name = \"{KEY}\"\n\n\
         [ozon.payout_account]\naccount_name = \"Shenzhen Xinghe Technology Co., Ltd.\"\n"
    );
    let (json, _) = diagnose_text(&text, &["--show-values"]);
    let bc101 = only(&json, "BC101");
    assert_eq!(
        bc101["message"],
        "`ozon.payout_account.account_name` differs from `lianlian.receiving_account.account_name` (upper/lower case, spaces, punctuation marks, legal form, different letters or words): \"Shenzhen Xinghe Technology Co., Ltd.\" vs \"‹secret›\"; first difference at character 1"
    );
    // The differences keep their places, but no text in them is a piece of the key.
    let differences = bc101["evidence"]["differences"].as_array().unwrap();
    assert!(!differences.is_empty());
    for difference in differences {
        let expected = difference["expected_text"].as_str().unwrap();
        assert!(
            expected.is_empty() || expected == "‹secret›",
            "{difference}"
        );
    }
    let dir = profile_dir(&text);
    let (ticket, code) = run_in(dir.path(), &["ticket", "p.toml", "--show-values"]);
    assert_eq!(code, 0);
    assert!(
        !ticket.contains("zdp7dc") && !ticket.contains("sk_live"),
        "{ticket}"
    );
    assert!(
        ticket.contains(
            "       Found with it: Account name differs from the LianLian receiving account.\n"
        ),
        "{ticket}"
    );
}

/// The human excerpt and `lint --diff` quote source lines: a credential in an inline table,
/// in a comment, as a key or table name is replaced there, and line numbers stay.
#[test]
fn source_lines_are_quoted_without_the_secret() {
    let text = format!(
        "format = 1\n[seller]\nlegal_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD. \"\n\
         [lianlian]\nsecret_box = {{ v = \"{KEY}\" }}\nnote = 1 # pasted {KEY}\n\
         [lianlian.{KEY}]\nx = 1\n"
    );
    let dir = profile_dir(&text);
    let (human, _) = run_in(dir.path(), &["diagnose", "p.toml", "--show-values"]);
    for line in [
        "   5 | secret_box = ‹secret›",
        "   6 | note = 1 ‹secret›",
        "   7 | [lianlian.‹secret›]",
        "   a comment holds a value shaped like an API key, token or private key; bindcheck never prints it",
        "   the key `lianlian.‹secret›` is named with a value shaped like an API key, token or private key;",
    ] {
        assert!(human.lines().any(|l| l == line), "no {line:?} in:\n{human}");
    }
    assert!(!human.contains("zdp7dc"), "{human}");
    let (diff, code) = run_in(dir.path(), &["lint", "p.toml", "--diff"]);
    assert_eq!(code, 1);
    assert!(
        diff.contains(
            "@@ -1,6 +1,6 @@\n format = 1\n [seller]\n-legal_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD. \"\n\
             +legal_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"\n [lianlian]\n secret_box = ‹secret›\n\
             \x20note = 1 ‹secret›\n"
        ),
        "{diff}"
    );
}

/// A key used as a key name, a table name and a suppression code is printed nowhere, and a
/// baseline names the key path with the marker.
#[test]
fn a_secret_key_table_or_suppression_name_is_not_printed_or_written() {
    let text = format!(
        "format = 1\n[lianlian.{KEY}]\nx = 1\n[[bindcheck.ignore]]\ncode = \"{KEY}\"\nreason = \"later\"\n"
    );
    let dir = profile_dir(&text);
    let (json, _) = diagnose_json(&dir.path().join("p.toml"), &["--show-values"]);
    assert_eq!(
        messages(&json),
        vec![
            ("BC901".into(), "lianlian.‹secret›".into(), 2, 11, "the key `lianlian.‹secret›` is named with a value shaped like an API key, token or private key; bindcheck never prints it".into()),
            ("BC901".into(), "bindcheck.ignore.code".into(), 5, 8, "`bindcheck.ignore.code` holds a value shaped like an API key, token or private key; bindcheck never prints it".into()),
            ("BC002".into(), "lianlian.‹secret›".into(), 2, 11, "unknown field `lianlian.‹secret›`".into()),
            ("BC006".into(), "bindcheck.ignore".into(), 4, 1, "the suppression for `‹secret›` matches no finding".into()),
        ]
    );
    let (_, code) = run_in(
        dir.path(),
        &["lint", "p.toml", "--write-baseline", "base.json"],
    );
    assert_eq!(code, 0);
    let baseline = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(!baseline.contains("zdp7dc"), "{baseline}");
    assert_eq!(
        baseline.matches("\"field\": \"lianlian.‹secret›\"").count(),
        2,
        "{baseline}"
    );
}

/// Credentials of the wrong type, under keys spelt with invisible or full-width characters,
/// and with an invisible character inside are all recognised.
#[test]
fn detection_has_no_gaps_for_type_spelling_or_invisible_characters() {
    let text = "format = 1\n[lianlian]\napi_key = [\"c2VjcmV0LWtleQ\"]\n[ozon]\napi_key = {v = \"c2VjcmV0\"}\n\
                [amazon]\nmws_auth_token = 86753090042\n[seller]\n\"pass\\u200Bword\" = \"hunter2-x\"\n\
                \"ｐａｓｓｗｏｒｄ\" = \"hunter3-y\"\n[incident]\n\
                error_message = \"failed: sk_live_4eC39\\u200BHqLyjWDarjtT1zdp7dc\"\n";
    let (json, _) = diagnose_text(text, &["--show-values"]);
    let mut found: Vec<(String, u64, u64, String)> = with_code(&json, "BC901")
        .into_iter()
        .map(|f| {
            let (field, line, column) = place(f);
            (
                field,
                line,
                column,
                f["evidence"]["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort_by_key(|f| f.1);
    assert_eq!(
        found,
        vec![
            ("lianlian.api_key".into(), 3, 11, "secret_field".into()),
            ("ozon.api_key".into(), 5, 11, "secret_field".into()),
            ("amazon.mws_auth_token".into(), 7, 18, "secret_field".into()),
            (
                "seller.pass⟨U+200B⟩word".into(),
                9,
                20,
                "credential_key".into()
            ),
            (
                "seller.ｐａｓｓｗｏｒｄ".into(),
                10,
                14,
                "credential_key".into()
            ),
            (
                "incident.error_message".into(),
                12,
                17,
                "credential_shape".into()
            ),
        ]
    );
    let all = json.to_string();
    for secret in ["c2VjcmV0", "86753090042", "hunter2", "hunter3", "zdp7dc"] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
}

/// A fix never rewrites a secret value: `--fix` leaves a key with an invisible character in
/// it as it is (its remedy is deletion), and fingerprints do not depend on the key.
#[test]
fn secrets_are_not_fixed_and_not_fingerprinted() {
    let with = |key: &str| {
        format!(
            "format = 1\n[lianlian]\nozon_channel = \"{key}\"\nmerchant_id = \"sk_live_4eC39\\u200BHqLyjWDarjtT1zdp7dc\"\n"
        )
    };
    let text = with(KEY);
    let dir = profile_dir(&text);
    let (json, _) = diagnose_json(&dir.path().join("p.toml"), &["--show-values"]);
    assert!(
        findings(&json)
            .iter()
            .all(|f| f.get("fix").is_none_or(Value::is_null)),
        "{json:#}"
    );
    let (out, _) = run_in(dir.path(), &["lint", "p.toml", "--fix"]);
    assert!(!out.contains("zdp7dc"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.toml")).unwrap(),
        text
    );
    let fingerprint = |text: &str| {
        std::fs::write(dir.path().join("p.toml"), text).unwrap();
        let (json, _) = diagnose_json(&dir.path().join("p.toml"), &[]);
        only(&json, "BC003")["fingerprint"].clone()
    };
    assert_eq!(
        fingerprint(&with(KEY)),
        fingerprint(&with("sk_live_0000000000000000000000XY"))
    );
}

/// A secret whose text is ordinary words — a PEM header's "PRIVATE KEY", a password that is a
/// provider's name — is replaced where bindcheck quotes the profile, never in bindcheck's own
/// words: the messages, steps and ticket keep their words and spaces, the values do not show.
#[test]
fn a_secret_made_of_ordinary_words_does_not_blank_bindchecks_words() {
    let pem = "-----BEGIN RSA PRIVATE KEY-----\\ns8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4\\n-----END RSA PRIVATE KEY-----";
    let text = format!(
        "format = 1\n\n[lianlian]\nmerchant_id = \"LL2024AB12CD34EF56GH78IJ\"\npassword = \"LianLian Global\"\n\
         ozon_channel = \"unauthorized\"\n\n[ozon]\nseller_id = \"1234567\"\npayment_method = \"lianlian\"\n\n\
         [incident]\nerror_message = \"{pem}\"\n"
    );
    let dir = profile_dir(&text);
    let (json, code) = diagnose_json(&dir.path().join("p.toml"), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        messages(&json),
        vec![
            ("BC603".into(), "lianlian.ozon_channel".into(), 6, 16, "`lianlian.ozon_channel` is opened but not authorised (未授权): the authorisation of LianLian on Ozon was not completed".into()),
            ("BC901".into(), "lianlian.password".into(), 5, 12, "`lianlian.password` is not part of the format and its name says it holds a credential; bindcheck never prints it".into()),
            ("BC002".into(), "lianlian.password".into(), 5, 1, "unknown field `lianlian.password`".into()),
            ("BC901".into(), "incident.error_message".into(), 13, 17, format!("`incident.error_message` {SHAPED}")),
        ]
    );
    let steps = &with_code(&json, "BC603")[0]["remediation"];
    assert_eq!(
        steps[0],
        "In Ozon Seller Center › Settings › Contract, click \"Go to LianLian Payment\" and complete the authorization."
    );
    let (human, _) = run_in(dir.path(), &["diagnose", "p.toml", "--lang", "en"]);
    for line in [
        "   5 | password = ‹secret›",
        "   13 | error_message = ‹secret›",
    ] {
        assert!(human.lines().any(|l| l == line), "no {line:?} in:\n{human}");
    }
    let (ticket, _) = run_in(dir.path(), &["ticket", "p.toml"]);
    for line in [
        "  Payment method selected on Ozon: LianLian Global",
        "  Error message: \"‹secret›\"",
        "       The status of the Ozon channel in LianLian is opened but not authorised (未授权): the authorisation of LianLian on Ozon was not completed",
        "  - cause 3 [error] BC901 secret-in-profile at incident.error_message (13:17)",
    ] {
        assert!(
            ticket.lines().any(|l| l == line),
            "no {line:?} in:\n{ticket}"
        );
    }
    for output in [&human, &ticket, &json.to_string()] {
        assert!(!output.contains("9FHz5r1pY4"), "{output}");
        assert!(!output.contains("s8Stqcbnr3"), "{output}");
    }
}
