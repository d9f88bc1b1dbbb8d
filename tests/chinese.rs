//! Under `--lang zh` everything a seller reads is Chinese: every rule's findings (every fixture,
//! so every variant the fixtures reach), every loading and reading error, and every command's
//! output. A detector fails on English prose: a word of ASCII letters outside codes, field
//! paths, quoted or back-ticked text, values taken from the profile, upper-case abbreviations
//! (IBAN, USCC, CNY) and the names of products and platform screens.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// Product, provider and platform-screen names that stay as they are in Chinese text.
const NAMES: &[&str] = &[
    "LianLian",
    "Ozon",
    "Amazon",
    "Seller",
    "Central",
    "Global",
    "Pay",
    "Manager",
    "Admin",
    "Merchant",
    "Token",
    "Selling",
    "Partner",
    "Cookie",
    "bindcheck",
    "Payoneer",
    "PingPong",
    "WorldFirst",
    "Airwallex",
    "Wallet",
    // The US Federal Reserve's wire system, named so on every bank page.
    "Fedwire",
    // The payments bodies and specifications sources are named after.
    "AusPayNet",
    "OpenAPI",
    "true",
    "false",
    // Notation and standards.
    "mod",
    "Unicode",
];

/// The English words of `text` that are prose, one entry per offending line. `values` is the
/// profile the text was made from: words taken from it are values, not prose.
fn english_prose(text: &str, values: &str) -> Vec<String> {
    let quoted = regex::Regex::new(r#"`[^`]*`|"[^"]{0,400}"|“[^”]*”|⟨[^⟩]*⟩|<[a-z_]+>"#).unwrap();
    // Codes, paths, field names, code points, numbers with units, masked values.
    let token = regex::Regex::new(r"\S*[._/\\+*@:#=\[\]-]\S*|\b0x[0-9A-Fa-f]+\b").unwrap();
    let key = regex::Regex::new(r"^\s*[\w.-]+ = ").unwrap();
    let word = regex::Regex::new(r"[A-Za-z]+").unwrap();
    // A quoted source line is the seller's own file; a quotation may be wrapped over lines.
    let prose: String = text
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with('|')
                || line
                    .split_once(" | ")
                    .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())))
        })
        .map(|line| key.replace(line, "").into_owned() + "\n")
        .collect();
    let prose = quoted.replace_all(&prose, " ");
    let mut found = Vec::new();
    for line in prose.lines() {
        let cleaned = token.replace_all(line, " ");
        let prose: Vec<&str> = word
            .find_iter(&cleaned)
            .map(|m| m.as_str())
            .filter(|w| w.len() > 1)
            .filter(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
            .filter(|w| !NAMES.contains(w))
            .filter(|w| !values.contains(w))
            .collect();
        if !prose.is_empty() {
            found.push(format!("{prose:?} in: {line}"));
        }
    }
    found
}

/// `text` with Cyrillic letters that look Latin written as the Latin ones.
fn latin_look_alikes(text: &str) -> String {
    let pairs = [
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
    ];
    text.chars()
        .map(|c| {
            pairs
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

fn zh(args: &[&str], dir: &Path) -> (String, String) {
    let out = bindcheck()
        .current_dir(dir)
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn assert_chinese(what: &str, text: &str, values: &str, problems: &mut Vec<String>) {
    for line in english_prose(text, values) {
        problems.push(format!("{what}: {line}"));
    }
}

fn finish(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "English prose under --lang zh:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_detector_finds_english_prose_and_nothing_else() {
    assert_eq!(english_prose("严重程度: error · 置信度: low", "").len(), 1);
    assert_eq!(
        english_prose("不是有效的 TOML: invalid basic string", "").len(),
        1
    );
    assert_eq!(
        english_prose("第 3 个字符 U+200B ZERO WIDTH SPACE", "").len(),
        0
    );
    assert_eq!(
        english_prose("第 3 个字符 U+200B zero width space", "").len(),
        1
    );
    assert!(
        english_prose(
            "`seller.entity_type` 为 enterprise；BC701 entity-not-eligible",
            "entity_type = \"enterprise\""
        )
        .is_empty()
    );
    assert!(english_prose("不是有效的 TOML（解析器提示：“invalid basic string”）", "").is_empty());
    assert!(english_prose("在 Ozon 卖家中心 › 设置 中，用 Manager 身份登录", "").is_empty());
}

#[test]
fn every_rule_fixture_diagnoses_in_chinese() {
    let mut problems = Vec::new();
    let mut count = 0;
    for dir in std::fs::read_dir(root().join("fixtures/rules")).unwrap() {
        let dir = dir.unwrap().path();
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".toml") || name.ends_with(".rules.toml") {
                continue;
            }
            count += 1;
            // A value with look-alike letters replaced (a fix's replacement) is a value too.
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let values = format!("{source}\n{}", latin_look_alikes(&source));
            let path = file.to_str().unwrap();
            for extra in [
                &[][..],
                &[
                    "--explain-rank",
                    "--show-values",
                    "--symptom",
                    "Invalid Merchant ID",
                ][..],
            ] {
                let mut args = vec!["diagnose", path, "--as-of", "2026-11-21"];
                args.extend_from_slice(extra);
                let (stdout, stderr) = zh(&args, &root());
                assert_chinese(&name, &stdout, &values, &mut problems);
                assert_chinese(&name, &stderr, &values, &mut problems);
            }
        }
    }
    assert!(count > 80, "{count} fixtures");
    finish(problems);
}

/// Profiles that reach every loading problem: each BC002 / BC003 variant, BC001, BC005.
const BROKEN: &[&str] = &[
    "format = 1\n[lianlian]\nmerchant_di = \"x\"\nnonsense_key = 1\n",
    "format = 1\n[lianlian]\nkyc_level = \"3\"\nbalance = 150.0\nauto_withdraw_threshold = 5000\nozon_channel = \"actve\"\n",
    "format = 1\n[seller]\nentity_type = \"company\"\nlicense_expires = \"2031-06-30\"\nimport_export_rights = \"true\"\ncountry = \"China\"\n",
    "format = 1\n[lianlian]\nkyc_level = 9\nmerchant_id = 123456\nbalance = \"150\"\n[ozon]\ncontract_currency = \"usd\"\nbalance = \"1,000 USD\"\nmanual_review_categories = [1]\n",
    "format = 1\n[ozon_global_pay]\npending_settlement = \"320 XYZ\"\n[amazon]\nmarketplaces = [\"XX\"]\nsettlement_period_end = 2026-02-30\n",
    "format = 1\nseller = 5\n[[bindcheck.ignore]]\ncode = \"BC502\"\n[[bindcheck.ignore]]\nreason = \"why\"\n",
    "format = 1\n[incident]\noccurred_at = 2026-11-20\n[lianlian.receiving_account]\ncurrency = \"dollars\"\nbank_country = \"ZZ\"\n",
    "format = 1\n[lianlian]\nbalance = \"lots\"\n",
    "format = 1\n[lianlian]\nbalance = \"-50 CNY\"\nauto_withdraw_threshold = \"123456789012345678901 CNY\"\n[ozon]\nbalance = \"USD 800\"\n[ozon_global_pay]\npending_settlement = \"800 RMB\"\n[incident]\noccurred_at = 2026-11-20T10:15:00\n",
    "format = 1\n[amazon]\nsettlement_period_end = 2026-13-01\n",
    "format = 1\n[seller\n",
    "format = 2\n",
    "format = \"1\"\n",
    "[seller]\nlegal_name = \"x\"\n",
];

#[test]
fn every_loading_and_reading_error_is_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = BROKEN
        .iter()
        .enumerate()
        .map(|(i, text)| (format!("p{i}.toml"), text.as_bytes().to_vec()))
        .collect();
    files.push(("utf8.toml".into(), b"format = 1\nx = \"\xff\"\n".to_vec()));
    let many: String = (0..10_001).map(|i| format!("k{i} = 1\n")).collect();
    files.push((
        "many.toml".into(),
        format!("format = 1\n{many}").into_bytes(),
    ));
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    // Over the size limit, without writing megabytes.
    let large = std::fs::File::create(dir.path().join("large.toml")).unwrap();
    large
        .set_len(bindcheck::input::MAX_PROFILE_BYTES + 1)
        .unwrap();
    std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
    let mut names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    names.extend(["large.toml", "folder.toml", "missing.toml"].map(String::from));
    for name in &names {
        let values = String::from_utf8_lossy(
            &files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| b.clone())
                .unwrap_or_default(),
        )
        .into_owned();
        for command in ["diagnose", "lint"] {
            let (stdout, stderr) = zh(&[command, name, "--as-of", "2026-11-21"], dir.path());
            assert!(!stdout.is_empty() || !stderr.is_empty(), "{command} {name}");
            assert_chinese(
                &format!("{command} {name}"),
                &stdout,
                &values,
                &mut problems,
            );
            assert_chinese(
                &format!("{command} {name}"),
                &stderr,
                &values,
                &mut problems,
            );
        }
    }
    finish(problems);
}

#[test]
fn every_command_speaks_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["rules".into()],
        vec![
            "lint".into(),
            "fixtures/lint".into(),
            "--as-of".into(),
            "2026-11-21".into(),
        ],
        vec!["lint".into(), "fixtures/lint".into(), "--statistics".into()],
        vec!["lint".into(), "fixtures/lint".into(), "--show-info".into()],
        vec![
            "lint".into(),
            "fixtures/lint".into(),
            "--format".into(),
            "sarif".into(),
            "--statistics".into(),
        ],
        vec![
            "lint".into(),
            "fixtures/lint".into(),
            "--output-file".into(),
            dir.path().join("out.txt").display().to_string(),
        ],
        vec!["lint".into(), "fixtures/lint".into(), "--diff".into()],
        vec!["diagnose".into(), "--frmat".into(), "x".into()],
        vec!["explain".into(), "BC999".into()],
    ];
    for platform in ["ozon-lianlian", "ozon-global-pay", "amazon-lianlian"] {
        runs.push(vec!["init".into(), "--platform".into(), platform.into()]);
    }
    for rule in bindcheck::rules::RULES {
        runs.push(vec!["explain".into(), rule.code.into()]);
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (stdout, stderr) = zh(&args, &root());
        assert_chinese(&args.join(" "), &stdout, "", &mut problems);
        // clap's own usage text stays English under a Chinese summary line.
        if args.get(1) != Some(&"--frmat") {
            assert_chinese(&args.join(" "), &stderr, "", &mut problems);
        } else {
            assert!(stderr.starts_with("错误：命令行参数有误"), "{stderr}");
        }
    }
    // Configuration errors.
    for config in [
        "fail_on = \"warning\"\n",
        "[[per-path]]\nglob = \"a/**\"\nignore = [\"BC4\"]\nselect = [\"BC1\"]\n",
        "ignore = [\"BC99\"]\n",
        "fail-on = \"loud\"\n",
        "select = [\n",
    ] {
        std::fs::write(dir.path().join("bindcheck.toml"), config).unwrap();
        let (stdout, stderr) = zh(&["lint", "."], dir.path());
        assert!(stderr.contains("bindcheck.toml:"), "{stderr}");
        assert_chinese(config, &format!("{stdout}{stderr}"), "", &mut problems);
    }
    finish(problems);
}

/// Every message and remediation variant of every rule, as the rulepack words it in Chinese
/// (placeholders as values): the variants no fixture reaches are Chinese too.
#[test]
fn every_rulepack_variant_is_written_in_chinese() {
    use bindcheck::rulepack::{Lang, RulePack, Variants, fill, placeholders};
    let pack = RulePack::builtin().unwrap();
    let filled = |template: &str| {
        let args: Vec<(&str, String)> = placeholders(template)
            .into_iter()
            .map(|p| (p, "`x`".to_string()))
            .collect();
        fill(template, &args)
    };
    let mut problems = Vec::new();
    for (code, policy) in &pack.rules {
        let texts = policy.texts(Lang::Zh);
        let mut all = vec![texts.title.clone(), texts.why.clone(), texts.note.clone()];
        match &texts.message {
            Variants::One(m) => all.push(filled(m)),
            Variants::Many(map) => all.extend(map.values().map(|m| filled(m))),
        }
        match &texts.remediation {
            Variants::One(steps) => all.extend(steps.iter().map(|s| filled(s))),
            Variants::Many(map) => all.extend(map.values().flatten().map(|s| filled(s))),
        }
        for text in all {
            assert_chinese(code, &text, "", &mut problems);
        }
    }
    for (id, symptom) in &pack.symptoms {
        assert_chinese(id, &symptom.zh, "", &mut problems);
    }
    for (id, source) in &pack.sources {
        assert_chinese(id, source.title(Lang::Zh), "", &mut problems);
        assert_chinese(id, source.claims(Lang::Zh), "", &mut problems);
    }
    finish(problems);
}

/// The ASCII commas and semicolons of Chinese prose, one entry per offence: a `,` or `;` with
/// a Chinese character on either side, or between the items of a list ("CNY, USD"). Code
/// spans, placeholders and quotations keep their own punctuation.
fn ascii_punctuation(text: &str) -> Vec<String> {
    let kept = regex::Regex::new(r#"`[^`]*`|\{[a-z_]+\}|"[^"]*"|“[^”]*”|‹[^›]*›|⟨[^⟩]*⟩"#).unwrap();
    let prose = kept.replace_all(text, "\u{2060}");
    let han = r"[\u{3000}-\u{303F}\u{4E00}-\u{9FFF}\u{FF00}-\u{FFEF}]";
    let offence = regex::Regex::new(&format!(
        r"{han}\s*[,;]|[,;]\s*{han}|[A-Za-z0-9)]\s*[,;] [A-Za-z0-9(]"
    ))
    .unwrap();
    offence
        .find_iter(&prose)
        .map(|m| format!("{:?} in {text}", m.as_str()))
        .collect()
}

#[test]
fn the_punctuation_detector_finds_ascii_commas_in_chinese_prose() {
    assert_eq!(ascii_punctuation("仅支持 CNY, USD").len(), 1);
    assert_eq!(ascii_punctuation("已开通,可正常使用").len(), 1);
    assert_eq!(ascii_punctuation("为 `12, 34`；或“CO., LTD.”").len(), 0);
    assert_eq!(ascii_punctuation("仅支持 CNY、USD；{countries}").len(), 0);
}

/// Every Chinese rule text (title, why, note, every message and step variant), every field's
/// guide and label and every allowed value's meaning punctuate as Chinese does: `，`, `；`, `、`.
#[test]
fn chinese_rule_texts_use_chinese_commas() {
    use bindcheck::rulepack::{Lang, RulePack, Variants};
    let pack = RulePack::builtin().unwrap();
    let mut problems = Vec::new();
    for (code, policy) in &pack.rules {
        let texts = policy.texts(Lang::Zh);
        let mut all = vec![texts.title.clone(), texts.why.clone(), texts.note.clone()];
        match &texts.message {
            Variants::One(m) => all.push(m.clone()),
            Variants::Many(map) => all.extend(map.values().cloned()),
        }
        match &texts.remediation {
            Variants::One(steps) => all.extend(steps.iter().cloned()),
            Variants::Many(map) => all.extend(map.values().flatten().cloned()),
        }
        for text in all {
            problems.extend(
                ascii_punctuation(&text)
                    .into_iter()
                    .map(|p| format!("{code}: {p}")),
            );
        }
    }
    for (path, guide) in pack.field_guides() {
        let label = guide
            .label
            .as_ref()
            .map(|l| l.zh.as_str())
            .unwrap_or_default();
        for text in [guide.zh.as_str(), label] {
            problems.extend(
                ascii_punctuation(text)
                    .into_iter()
                    .map(|p| format!("{path}: {p}")),
            );
        }
    }
    for spec in bindcheck::profile::schema::FIELDS {
        if let bindcheck::profile::schema::Kind::Enum(values) = spec.kind {
            for value in values.iter() {
                let meaning = bindcheck::profile::values::meaning(spec.path, value, Lang::Zh);
                problems.extend(ascii_punctuation(meaning.unwrap_or_default()));
            }
        }
    }
    finish(problems);
}

/// What every fixture's Chinese diagnosis says, message and steps, outside code spans.
fn chinese_prose_of_fixtures() -> Vec<(String, String)> {
    use bindcheck::rulepack::{Lang, RulePack};
    let pack = RulePack::builtin().unwrap();
    let code = regex::Regex::new(r"`[^`]*`").unwrap();
    let mut out = Vec::new();
    for folder in ["fixtures/rules", "fixtures/tickets", "fixtures/examples"] {
        let mut stack = vec![root().join(folder)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let name = path.display().to_string();
                if !name.ends_with(".toml") || name.ends_with(".rules.toml") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let file = bindcheck::docs::file_report(&name, &bytes, &pack, Lang::Zh).unwrap();
                for f in &file.findings {
                    for text in std::iter::once(&f.message).chain(&f.remediation) {
                        let prose = code.replace_all(text, "").into_owned();
                        out.push((format!("{name} {}", f.code), prose));
                    }
                }
            }
        }
    }
    out
}

/// A choice (an enum value) is said in Chinese prose by what it means — “连连国际”, not
/// `lianlian` — wherever the schema writes a Chinese meaning down: no value spelled as the
/// profile spells it (lower-case ASCII, `not_opened`) is left outside a code span. Lists are
/// separated with `、`.
#[test]
fn chinese_diagnoses_say_choices_in_words_and_list_with_enumeration_commas() {
    use bindcheck::profile::schema::{FIELDS, Kind};
    use bindcheck::rulepack::Lang;
    let mut tokens: Vec<&str> = Vec::new();
    for spec in FIELDS {
        if let Kind::Enum(values) = spec.kind {
            for value in values.iter() {
                let meaning = bindcheck::profile::values::meaning(spec.path, value, Lang::Zh);
                let spelled = value.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                if spelled && meaning.is_some_and(|m| m != *value) && !tokens.contains(value) {
                    tokens.push(value);
                }
            }
        }
    }
    assert!(tokens.contains(&"lianlian") && tokens.contains(&"not_opened"));
    // Rule names (`bank-country-mismatch`) are words of their own.
    let word = regex::Regex::new(r"[A-Za-z_-]+").unwrap();
    let mut problems = Vec::new();
    let prose = chinese_prose_of_fixtures();
    assert!(prose.len() > 300, "{}", prose.len());
    for (what, text) in &prose {
        for w in word.find_iter(text) {
            if tokens.contains(&w.as_str()) {
                problems.push(format!("{what}: `{}` in {text}", w.as_str()));
            }
        }
        problems.extend(
            ascii_punctuation(text)
                .into_iter()
                .map(|p| format!("{what}: {p}")),
        );
    }
    finish(problems);
}
