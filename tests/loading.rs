//! The loading rules (BC001–BC006) and bad inputs of the profile format, end to end.

mod common;
use common::*;

#[test]
fn clean_examples_have_no_error_or_warning() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, code) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        assert_eq!(errors_and_warnings(&json), Vec::<String>::new(), "{name}");
        assert_eq!(code, 0, "{name}");
    }
}

#[test]
fn unknown_field_is_bc002_with_suggestion() {
    let (json, code) = diagnose_text("format = 1\n[lianlian]\nmerchant_di = \"x\"\n", &[]);
    let f = only(&json, "BC002");
    assert_eq!(place(f), ("lianlian.merchant_di".into(), 3, 1));
    assert_eq!(
        f["message"],
        "unknown field `lianlian.merchant_di`; did you mean `lianlian.merchant_id`?"
    );
    assert_eq!(f["severity"], "warning");
    assert_eq!(code, 0);
}

#[test]
fn money_as_float_is_bc003_naming_the_form() {
    let (json, code) = diagnose_text("format = 1\n[lianlian]\nbalance = 150.5\n", &[]);
    let f = only(&json, "BC003");
    assert_eq!(place(f), ("lianlian.balance".into(), 3, 11));
    assert!(
        f["message"].as_str().unwrap().contains("\"150.5 CNY\""),
        "{f}"
    );
    assert_eq!(code, 1);
}

#[test]
fn not_utf8_exits_2_with_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        b"format = 1\n[seller]\nlegal_name = \"\xe6\xb7\xb1\xff\"\n",
    )
    .unwrap();
    let out = bindcheck().arg("diagnose").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml:3:16"), "{stderr}");
    assert!(stderr.contains("byte offset 37"), "{stderr}");
}

/// (field, line, column, message, first remediation step) of each BC003.
fn invalid_values(text: &str) -> Vec<(String, u64, u64, String, String)> {
    let (json, code) = diagnose_text(text, &[]);
    assert_eq!(code, 1, "{json:#}");
    with_code(&json, "BC003")
        .into_iter()
        .map(|f| {
            let (field, line, column) = place(f);
            let said = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            (
                field,
                line,
                column,
                said(&f["message"]),
                said(&f["remediation"][0]),
            )
        })
        .collect()
}

#[test]
fn money_that_cannot_be_says_what_to_write() {
    let found = invalid_values(
        "format = 1\n[lianlian]\nbalance = \"-50 CNY\"\nauto_withdraw_threshold = \"123456789012345678901 CNY\"\n\
         [ozon]\nbalance = \"150 usd\"\ncontract_currency = \"rmb\"\n\
         [ozon_global_pay]\npending_settlement = \"USD 800\"\n[lianlian.receiving_account]\ncurrency = \"RMB\"\n",
    );
    let expected: Vec<(&str, u64, u64, &str, &str)> = vec![
        (
            "lianlian.balance",
            3,
            11,
            "`-50 CNY` is negative: a balance, threshold or pending settlement is never below zero",
            "Write the amount as the platform shows it, without a minus sign (\"50 CNY\"), or 0 CNY when nothing is available.",
        ),
        (
            "lianlian.auto_withdraw_threshold",
            4,
            27,
            "the amount has too many digits: at most 20 before the decimal point and 8 after it",
            "Correct the value to the form given in the message.",
        ),
        (
            "ozon.balance",
            6,
            11,
            "`usd` is not an ISO 4217 currency code; did you mean `USD`?",
            "Replace `usd` with `USD`: \"150 USD\".",
        ),
        (
            "ozon.contract_currency",
            7,
            21,
            "`rmb` is not allowed here; did you mean `CNY`?",
            "Replace `rmb` with `CNY`.",
        ),
        (
            "ozon_global_pay.pending_settlement",
            9,
            22,
            "the currency comes after the amount: write \"800 USD\"",
            "Write the amount, a space, then the ISO 4217 currency: \"800 USD\".",
        ),
        (
            "lianlian.receiving_account.currency",
            11,
            12,
            "`RMB` is not an ISO 4217 currency code; did you mean `CNY`?",
            "Replace `RMB` with `CNY`.",
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(f, l, c, m, r)| (f.to_string(), l, c, m.to_string(), r.to_string()))
        .collect();
    let mut found = found;
    found.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn every_bad_list_entry_is_reported_at_its_own_place() {
    let found =
        invalid_values("format = 1\n[amazon]\nmarketplaces = [\"uk\", \"DE\", \"De\", \"JA\"]\n");
    let places: Vec<(u64, &str)> = found.iter().map(|f| (f.2, f.3.as_str())).collect();
    assert_eq!(
        places,
        vec![
            (17, "`uk` is not allowed here; did you mean `UK`?"),
            (29, "`De` is not allowed here; did you mean `DE`?"),
            (
                35,
                "`JA` is not allowed here; expected an array of: US, CA, MX, BR, UK, GB, DE, FR, IT, ES, NL, SE, PL, BE, IE, TR, AE, SA, EG, IN, JP, AU, SG, ZA"
            ),
        ]
    );
    assert!(
        found
            .iter()
            .all(|f| f.0 == "amazon.marketplaces" && f.1 == 3)
    );
}

#[test]
fn a_local_time_without_offset_is_bc003_with_the_offset_to_add() {
    let found = invalid_values("format = 1\n[incident]\noccurred_at = 2026-11-20T10:15:00\n");
    assert_eq!(
        found,
        vec![(
            "incident.occurred_at".to_string(),
            3,
            15,
            "`2026-11-20T10:15:00` has no time zone, so it names no moment support can find; add the UTC offset of where it happened, e.g. 2026-11-20T10:15:00+08:00 for China".to_string(),
            "Write the time with its offset, without quotes: 2026-11-20T10:15:00+08:00 (China is UTC+08:00; use the offset of the place where it happened).".to_string(),
        )]
    );
    let (json, _) = diagnose_text(
        "format = 1\n[incident]\noccurred_at = 2026-11-20T10:15:00+08:00\n",
        &[],
    );
    assert!(with_code(&json, "BC003").is_empty(), "{json:#}");
}

#[test]
fn a_date_that_does_not_exist_is_bc001_saying_so_at_the_date() {
    for (text, column, said) in [
        (
            "format = 1\n[amazon]\nsettlement_period_end = 2026-02-30\n",
            25,
            "not valid TOML: the date 2026-02-30 does not exist (month 02 of 2026 has 28 days)",
        ),
        (
            "format = 1\n[incident]\noccurred_at = 2028-02-30T10:00:00+08:00\n",
            15,
            "not valid TOML: the date 2028-02-30 does not exist (month 02 of 2028 has 29 days)",
        ),
        (
            "format = 1\n[amazon]\nsettlement_period_end = 2026-13-01\n",
            25,
            "not valid TOML: the date 2026-13-01 does not exist (months run from 01 to 12)",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, text).unwrap();
        let out = bindcheck().arg("diagnose").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "error[BC001]: {}:3:{column}: {said}",
                path.display()
            )),
            "{stderr}"
        );
    }
}

/// `diagnose PATH` of `text` written to `name` in a fresh folder: (stderr, exit code).
fn diagnose_stderr(name: &str, text: &[u8]) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = bindcheck()
        .current_dir(dir.path())
        .arg("diagnose")
        .arg(name)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// A place at the end of a line (an unterminated string, a missing bracket) and places inside
/// a line have the same line and column whether the file ends its lines with LF or CRLF.
#[test]
fn crlf_files_report_the_columns_of_lf_files() {
    for (text, said) in [
        (
            "format = 1\n[seller]\nlegal_name = \"x\n",
            "error[BC001]: p.toml:3:16: not valid TOML: invalid basic string, expected `\"`\n",
        ),
        (
            "format = 1\n[seller]\nlegal_name = \"深圳\" junk\n",
            "error[BC001]: p.toml:3:19: not valid TOML: unexpected key or value, expected newline, `#`\n",
        ),
        (
            "format = 1\n[seller\nlegal_name = \"x\"\n",
            "error[BC001]: p.toml:2:8: not valid TOML: unclosed table, expected `]`\n",
        ),
    ] {
        let crlf = text.replace('\n', "\r\n");
        for written in [text, crlf.as_str()] {
            assert_eq!(
                diagnose_stderr("p.toml", written.as_bytes()),
                (said.to_string(), 2),
                "{written:?}"
            );
        }
    }
    let profile =
        "format = 1\n[lianlian]\nmerchant_di = \"x\"\n[seller]\nlegal_name = \"深圳\u{200B}\"\n";
    let places = |text: &str| -> Vec<(String, String, u64, u64, u64, u64)> {
        let (json, _) = diagnose_text(text, &[]);
        findings(&json)
            .iter()
            .map(|f| {
                let n = |k: &str| f[k].as_u64().unwrap();
                let code = f["code"].as_str().unwrap().to_string();
                let field = f["field"].as_str().unwrap().to_string();
                (
                    code,
                    field,
                    n("line"),
                    n("column"),
                    n("end_line"),
                    n("end_column"),
                )
            })
            .collect()
    };
    let lf = places(profile);
    assert!(lf.iter().any(|p| p.0 == "BC002" && p.2 == 3), "{lf:?}");
    assert_eq!(places(&profile.replace('\n', "\r\n")), lf);
}

/// A table or key written twice names itself and the line of its first definition; a stray
/// byte-order mark or invisible character outside quotes is named and pointed at.
#[test]
fn duplicates_and_stray_characters_are_named_where_they_are() {
    for (text, lang, said) in [
        (
            "format = 1\n[seller]\nlegal_name = \"a\"\n[seller]\ncountry = \"CN\"\n",
            "en",
            "error[BC001]: p.toml:4:2: not valid TOML: the table [seller] is written twice, first on line 2; move the keys of this one under the first and delete this header\n",
        ),
        (
            "format = 1\n[seller]\nlegal_name = \"a\"\n[seller]\n",
            "zh",
            "错误[BC001]：p.toml:4:2：不是有效的 TOML：表 [seller] 写了两次，第一次在第 2 行；请把这里的键移到第一个表下，并删除这个表头\n",
        ),
        (
            "format = 1\nseller.country = \"CN\"\n\n[seller]\n",
            "en",
            "error[BC001]: p.toml:4:2: not valid TOML: the table [seller] is written twice, first on line 2; move the keys of this one under the first and delete this header\n",
        ),
        (
            "format = 1\n[lianlian]\nmerchant_id = \"a\"\nkyc_level = 3\nmerchant_id = \"b\"\n",
            "en",
            "error[BC001]: p.toml:5:1: not valid TOML: `lianlian.merchant_id` is set twice, first on line 3; keep the right value and delete the other line\n",
        ),
        (
            "\u{FEFF}\u{FEFF}format = 1\n",
            "en",
            "error[BC001]: p.toml:1:1: not valid TOML: a byte-order mark (U+FEFF, invisible) where a key belongs, left by saving the file twice with a BOM or by joining files that each had one; delete it, or save the file as UTF-8 without BOM\n",
        ),
        (
            "format = 1\n\u{200B}[seller]\n",
            "en",
            "error[BC001]: p.toml:2:1: not valid TOML: an invisible character or unusual space U+200B ZERO WIDTH SPACE outside any quoted value; delete it (or type an ordinary space)\n",
        ),
        (
            "format = 1\n[seller]\nlegal_name = \"AB\u{0}C\"\n",
            "en",
            "error[BC001]: p.toml:3:17: not valid TOML: a control character U+0000 <control>, which TOML allows nowhere, not even inside quotes; delete it (inside a quoted value, write it as an escape such as \\u0001 if it is really meant)\n",
        ),
        (
            "format = 1\n[seller]\nlegal_name = \"\"\"A\u{1}\"\"\"\n",
            "zh",
            "错误[BC001]：p.toml:3:18：不是有效的 TOML：U+0001 控制字符 在 TOML 中任何位置都不允许出现，引号内也不行；请删除它（如果引号内确实需要，请写成转义形式，例如 \\u0001）\n",
        ),
        (
            "[seller]\nlegal_name = \"x\"\nformat = 1\n",
            "en",
            "error[BC005]: p.toml:3:1: `format` is written under [seller], so it is a key of that table; it belongs at the top of the file: move `format = 1` to the first line, before any [table]\n",
        ),
        (
            "[seller]\nlegal_name = \"x\"\nformat = 1\n",
            "zh",
            "错误[BC005]：p.toml:3:1：`format` 写在了 [seller] 下面，因此成了该表的键；它应位于文件开头：请把 `format = 1` 移到第一行，放在所有 [表] 之前\n",
        ),
        (
            "format = 1\n[seller]\nlegal_name\u{A0}= \"a\"\n",
            "zh",
            "错误[BC001]：p.toml:3:11：不是有效的 TOML：引号外有不可见字符或特殊空格 U+00A0 不换行空格；请删除它（或改为普通空格）\n",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.toml"), text).unwrap();
        let out = bindcheck()
            .current_dir(dir.path())
            .args(["diagnose", "p.toml", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), said, "{text:?}");
        assert_eq!(out.status.code(), Some(2));
    }
}
