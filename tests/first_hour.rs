//! What a new user meets in the first hour: suggestions that never steer to a worse choice,
//! configuration errors with the same help as profiles, templates that name every choice, an
//! empty profile said to be empty, and shell completions and a man page from the real flags.

mod common;
use common::*;

fn diagnose_human(text: &str, args: &[&str]) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, text).unwrap();
    let out = bindcheck()
        .arg("diagnose")
        .arg(&path)
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace(&path.display().to_string(), "p.toml");
    (text, out.status.code().unwrap_or(-1))
}

#[test]
fn an_unknown_value_close_only_in_spelling_lists_the_values_with_their_meaning() {
    let (json, _) = diagnose_text("format = 1\n[seller]\nentity_type = \"company\"\n", &[]);
    let finding = &findings(&json)[0];
    assert_eq!(finding["code"], "BC003");
    assert_eq!(
        finding["message"],
        "`company` is not allowed here; expected one of: `enterprise` — a company registered in mainland China (有限公司, 股份有限公司); `individual_business` — an individual business (个体工商户); `hk_company` — a company registered in Hong Kong; `offshore_company` — an offshore company (in the BVI or the Cayman Islands, say)"
    );
    assert!(finding["fix"].is_null());
    let (json, _) = diagnose_text(
        "format = 1\n[seller]\nentity_type = \"company\"\n",
        &["--lang", "zh"],
    );
    assert_eq!(
        findings(&json)[0]["message"],
        "此处不允许 `company`；应为以下之一：`enterprise`——在中国大陆注册的公司（有限公司、股份有限公司）；`individual_business`——个体工商户；`hk_company`——在香港注册的公司；`offshore_company`——离岸公司（如英属维尔京群岛、开曼群岛公司）"
    );
    // A misspelling still gets its suggestion.
    let (json, _) = diagnose_text("format = 1\n[seller]\nentity_type = \"enterprize\"\n", &[]);
    assert_eq!(
        findings(&json)[0]["message"],
        "`enterprize` is not allowed here; did you mean `enterprise`?"
    );
    let (json, _) = diagnose_text("format = 1\n[seller]\nentity_type = \"individual\"\n", &[]);
    assert!(
        findings(&json)[0]["message"]
            .as_str()
            .unwrap()
            .contains("expected one of: `enterprise`"),
        "adding a word is not a spelling mistake"
    );
}

#[test]
fn a_config_key_in_the_wrong_table_or_misspelt_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("lint/clean.toml"), dir.path().join("p.toml")).unwrap();
    for (config, message) in [
        (
            "fail_on = \"warning\"\n",
            "error: bindcheck.toml:1:1: unknown key `fail_on`; did you mean `fail-on`?\n",
        ),
        (
            "ignore = [\"BC004\"]\n\n[[per-path]]\nglob = \"legacy/**\"\nignore = [\"BC4\"]\nfail-on = \"warning\"\n",
            "error: bindcheck.toml:6:1: `fail-on` belongs at the top of the file, but it follows the `[[per-path]]` table that starts on line 3, so it is read as part of that table; move `fail-on` above the first table\n",
        ),
    ] {
        std::fs::write(dir.path().join("bindcheck.toml"), config).unwrap();
        let out = bindcheck()
            .current_dir(dir.path())
            .args(["lint", "p.toml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&out.stderr), message);
    }
}

#[test]
fn templates_name_every_enum_value_in_their_language() {
    let out = bindcheck().args(["init"]).output().unwrap();
    let en = String::from_utf8(out.stdout).unwrap();
    assert!(en.contains("entity_type = \"enterprise\"    # Kind of legal entity; one of: enterprise, individual_business, hk_company, offshore_company\n"), "{en}");
    assert!(en.contains("; one of: not_opened, pending_review, unauthorized, active, suspended\n"));
    let out = bindcheck().args(["init", "--lang", "zh"]).output().unwrap();
    let zh = String::from_utf8(out.stdout).unwrap();
    assert!(zh.contains("entity_type = \"enterprise\"    # 主体类型；可选值：`enterprise`、`individual_business`、`hk_company`、`offshore_company`\n"), "{zh}");
    // Every enum field of every template names its values.
    for platform in ["ozon-lianlian", "ozon-global-pay", "amazon-lianlian"] {
        let out = bindcheck()
            .args(["init", "--platform", platform])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            let key = line.split(" = ").next().unwrap_or_default();
            let is_enum = bindcheck::profile::schema::FIELDS.iter().any(|f| {
                f.path.ends_with(&format!(".{key}"))
                    && matches!(f.kind, bindcheck::profile::schema::Kind::Enum(_))
            });
            if is_enum && !key.is_empty() {
                assert!(line.contains("; one of: "), "{platform}: {line}");
            }
        }
    }
}

#[test]
fn a_profile_with_nothing_to_check_says_so() {
    let (text, code) = diagnose_human("format = 1\n", &[]);
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        "p.toml: nothing could be checked: the profile holds no values yet (`bindcheck init` writes a template to fill in)"
    );
    assert_eq!(code, 0, "nothing failed");
    let (text, _) = diagnose_human("format = 1\n", &["--lang", "zh"]);
    assert!(text.starts_with("p.toml：没有可检查的内容"), "{text}");
    let (text, _) = diagnose_human(
        &std::fs::read_to_string(fixture("examples/ozon-lianlian-clean.toml")).unwrap(),
        &["--as-of", "2026-11-21"],
    );
    assert!(text.starts_with("p.toml: no problems found"), "{text}");
}

#[test]
fn completions_and_man_page_come_from_the_flags() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = bindcheck().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in [
            "diagnose",
            "explain",
            "show-info",
            "output-file",
            "exit-zero",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let out = bindcheck().args(["man"]).output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH bindcheck 1"), "{page}");
    assert!(page.contains("diagnose"), "{page}");
    let out = bindcheck().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn read_errors_name_the_file_in_the_reader_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = bindcheck()
        .current_dir(dir.path())
        .args(["diagnose", "missing.toml", "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "错误：无法读取 missing.toml：文件或文件夹不存在\n"
    );
    let out = bindcheck()
        .current_dir(dir.path())
        .args(["diagnose", "."])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: . is not a regular file (a folder? `bindcheck lint` checks folders)\n"
    );
    std::fs::write(dir.path().join("b.toml"), "format = 1\nname = \"a\n").unwrap();
    let out = bindcheck()
        .current_dir(dir.path())
        .args(["diagnose", "b.toml", "--lang", "zh"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("错误[BC001]：b.toml:2:"), "{stderr}");
    // The parser's words in Chinese (rulepack `parser_words_zh`), its tokens as written.
    assert!(
        stderr.contains("不是有效的 TOML（解析器提示：“无效的双引号字符串，此处应为 `\"`”）"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("c.toml"),
        "format = 1\n[seller]\nlegal_name\n",
    )
    .unwrap();
    let out = bindcheck()
        .current_dir(dir.path())
        .args(["diagnose", "c.toml", "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "错误[BC001]：c.toml:3:11：不是有效的 TOML（解析器提示：“键没有值，此处应为 `=`”）\n"
    );
    let out = bindcheck()
        .args(["diagnose", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("错误：命令行参数有误"));
    assert_eq!(out.status.code(), Some(2));
}
