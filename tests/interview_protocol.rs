//! `bindcheck interview --protocol jsonl`, driven as a help-desk form would drive it:
//! one JSON object per line each way, the real binary, no terminal.

mod common;
use common::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// What one interview wrote, and how it ended.
struct Run {
    messages: Vec<Value>,
    /// stdout as written (to check what was escaped).
    raw: String,
    stderr: String,
    code: i32,
}

impl Run {
    fn of_type(&self, kind: &str) -> Vec<&Value> {
        self.messages.iter().filter(|m| m["type"] == kind).collect()
    }

    fn questions(&self) -> Vec<&str> {
        self.of_type("question")
            .iter()
            .map(|q| q["field"].as_str().unwrap())
            .collect()
    }

    /// The messages of the `taken` lines, with the id of the question each answers.
    fn taken(&self) -> Vec<(u64, &str)> {
        self.of_type("taken")
            .iter()
            .map(|m| (m["id"].as_u64().unwrap(), m["message"].as_str().unwrap()))
            .collect()
    }

    /// The message of the one `invalid` line.
    fn refusal(&self) -> &str {
        let invalid = self.of_type("invalid");
        assert_eq!(invalid.len(), 1, "{:#?}", self.messages);
        invalid[0]["message"].as_str().unwrap()
    }

    fn done(&self) -> &Value {
        let done = self.of_type("done");
        assert_eq!(done.len(), 1, "{:#?}\n{}", self.messages, self.stderr);
        done[0]
    }
}

/// Runs an interview saving to `save`, answering each question with `answer(question)` (a
/// line to send; `None` closes the input).
fn converse(save: &Path, args: &[&str], mut answer: impl FnMut(&Value) -> Option<String>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bindcheck"))
        .args(["interview", "--protocol", "jsonl", "--as-of", "2026-11-21"])
        .arg("--save")
        .arg(save)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut stdin = Some(child.stdin.take().unwrap());
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut messages = Vec::new();
    let mut raw = String::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        raw.push_str(&line);
        raw.push('\n');
        let message: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
        if message["type"] == "question" {
            match (answer(&message), stdin.as_mut()) {
                (Some(reply), Some(input)) => writeln!(input, "{reply}").unwrap(),
                _ => drop(stdin.take()),
            }
        }
        messages.push(message);
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    Run {
        messages,
        raw,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// A temporary folder (kept while the value lives) and a path in it to save to.
fn fresh(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join(name);
    (dir, save)
}

/// The saved profile, which must hold `line`.
fn saved_with(save: &Path, line: &str) -> String {
    let written = std::fs::read_to_string(save).unwrap();
    assert!(written.contains(line), "no {line:?} in:\n{written}");
    written
}

/// The arguments of an interview about LianLian on Ozon with `symptom` reported.
fn on_ozon(symptom: &str) -> [&str; 4] {
    ["--symptom", symptom, "--platform", "ozon-lianlian"]
}

fn skip() -> Option<String> {
    Some(json!({"skip": true}).to_string())
}

fn value(v: impl Into<Value>) -> Option<String> {
    Some(json!({ "value": v.into() }).to_string())
}

/// Questions, a line that is no reply, an answer of the wrong form (each answered by
/// `invalid` and the same question again), the cause an answer establishes, and `done` with
/// the diagnosis of the saved profile — `diagnose`'s own.
#[test]
fn every_message_type() {
    let (_dir, save) = fresh("p.toml");
    let mut balance_asked = 0;
    let run = converse(
        &save,
        &on_ozon("Verification (test) payment failed"),
        |q| match q["field"].as_str().unwrap() {
            "lianlian.balance" => {
                balance_asked += 1;
                match balance_asked {
                    1 => Some("balance is 99".into()),
                    // Money without a currency: the loader's reason, then the question again.
                    2 => value("99.50"),
                    _ => skip(),
                }
            }
            _ => skip(),
        },
    );
    let questions = run.of_type("question");
    assert_eq!(questions[0]["id"], 1);
    // Whether Ozon binds LianLian at all decides the channel rules that also explain a failed
    // test payment; the balance follows.
    let balance = questions
        .iter()
        .find(|q| q["field"] == "lianlian.balance")
        .expect("the balance is asked");
    assert_eq!(balance["kind"], "money");
    assert_eq!(balance["choices"], json!([]));
    assert!(
        balance["prompt"]
            .as_str()
            .unwrap()
            .starts_with("LianLian Global › Account"),
        "{}",
        balance
    );
    assert!(
        balance["help"]
            .as_str()
            .unwrap()
            .contains("Balance below the first verification payment"),
        "{}",
        balance
    );
    let invalid = run.of_type("invalid");
    assert!(invalid.len() >= 2, "{:#?}", run.messages);
    assert_eq!(invalid[0]["id"], balance["id"]);
    assert!(
        invalid[0]["message"]
            .as_str()
            .unwrap()
            .contains("one JSON object"),
        "{}",
        invalid[0]
    );
    assert!(
        invalid[1]["message"].as_str().unwrap().contains("currency"),
        "{}",
        invalid[1]
    );
    // Each `invalid` is followed by the same question.
    for (i, message) in run.messages.iter().enumerate() {
        if message["type"] == "invalid" {
            assert_eq!(run.messages[i + 1]["type"], "question");
            assert_eq!(run.messages[i + 1]["id"], message["id"]);
        }
    }
    let done = run.done();
    assert!(done["questions"].as_u64().unwrap() >= 1);
    // Nothing found: support is the way on.
    assert!(
        done["next"][0]
            .as_str()
            .unwrap()
            .contains("bindcheck ticket"),
        "{}",
        done["next"]
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let _ = std::fs::remove_file(&save);

    // Now an answer that establishes a cause.
    let run = converse(
        &save,
        &on_ozon("Verification (test) payment failed"),
        |q| match q["field"].as_str().unwrap() {
            "ozon.payment_method" => value("lianlian"),
            "lianlian.ozon_channel" => value("active"),
            "lianlian.balance" => value("99.50 CNY"),
            _ => skip(),
        },
    );
    let causes = run.of_type("cause");
    assert_eq!(causes.len(), 1, "{:#?}", run.messages);
    assert_eq!(causes[0]["cause"]["code"], "BC501");
    assert_eq!(causes[0]["cause"]["symptom_match"], true);
    let done = run.done();
    assert_eq!(
        done["questions"], 3,
        "the method, the channel and the balance decide it"
    );
    assert_eq!(done["report"]["files"][0]["causes"][0]["code"], "BC501");
    assert_eq!(run.code, 1);
    // `done` carries exactly what `diagnose` says of the saved profile.
    let (diagnosed, code) = diagnose_json(&save, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        done["report"]["files"][0]["causes"],
        diagnosed["files"][0]["causes"]
    );
    assert_eq!(
        done["report"]["files"][0]["findings"],
        diagnosed["files"][0]["findings"]
    );
}

/// A pasted value is kept byte for byte — a zero-width space included — written to the file as
/// an escape, and flagged at once; nothing raw reaches the output.
#[test]
fn a_pasted_zero_width_space_is_kept_and_flagged() {
    let (_dir, save) = fresh("p.toml");
    let pasted = "LL2024SZXH\u{200B}0000000000A7K3";
    let run = converse(&save, &on_ozon("Invalid Merchant ID"), |q| match q["field"]
        .as_str()
        .unwrap()
    {
        "lianlian.merchant_id" => value("LL2024SZXH0000000000A7K3"),
        "ozon.payout_account.merchant_id" => value(pasted),
        _ => skip(),
    });
    // The Merchant IDs first; then what the other rules that could explain the symptom read
    // (only Merchant ID causes explain it: the channel is not asked).
    assert_eq!(
        run.questions(),
        [
            "lianlian.merchant_id",
            "ozon.payout_account.merchant_id",
            "lianlian.login"
        ]
    );
    let causes = run.of_type("cause");
    assert_eq!(causes.len(), 1, "{:#?}", run.messages);
    assert_eq!(causes[0]["cause"]["code"], "BC303");
    let lead = causes[0]["cause"]["findings"].as_array().unwrap().len();
    assert_eq!(lead, 2, "BC303 and BC201, one cause");
    assert!(!run.raw.contains('\u{200B}'), "{}", run.raw);
    assert!(run.raw.contains("U+200B"), "{}", run.raw);
    let written = std::fs::read_to_string(&save).unwrap();
    assert!(
        written.contains("merchant_id = \"LL2024SZXH\\u200B0000000000A7K3\""),
        "{written}"
    );
    let parsed: toml::Table = written.parse().unwrap();
    assert_eq!(
        parsed["ozon"]["payout_account"]["merchant_id"].as_str(),
        Some(pasted)
    );
    assert_eq!(run.code, 1);
}

/// Without a symptom or platform, both are asked first; "don't know" skips; `finish` ends with
/// the diagnosis of what was answered; so does the end of the input.
#[test]
fn skip_finish_and_end_of_input() {
    let (_dir, save) = fresh("p.toml");
    let mut asked = 0;
    let run = converse(&save, &[], |q| {
        asked += 1;
        match (asked, q["field"].as_str().unwrap()) {
            (1, "incident.error_message") => {
                assert_eq!(q["kind"], "text");
                let choices = q["choices"].as_array().unwrap();
                assert!(choices.contains(&json!("\"Invalid Merchant ID\" when binding LianLian")));
                skip()
            }
            (2, "--platform") => {
                assert_eq!(q["kind"], "choice");
                assert_eq!(
                    q["choices"],
                    json!(["ozon-lianlian", "ozon-global-pay", "amazon-lianlian"])
                );
                value("amazon-lianlian")
            }
            (3, field) => {
                assert!(!field.starts_with("ozon"), "{field}");
                skip()
            }
            (4, _) => Some(json!({"finish": true}).to_string()),
            other => panic!("{other:?}"),
        }
    });
    assert_eq!(run.done()["questions"], 4);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(&save).unwrap();
    assert!(
        written.contains("[amazon]") && written.contains("[lianlian]"),
        "{written}"
    );
    assert!(!written.contains("error_message"), "{written}");

    let _ = std::fs::remove_file(&save);
    let run = converse(&save, &["--symptom", "Invalid Merchant ID"], |_| None);
    assert_eq!(run.of_type("question").len(), 1);
    assert_eq!(run.done()["questions"], 1);
    assert_eq!(run.code, 0);
}

/// The saved profile is an ordinary profile: `diagnose`, `ticket` and `lint` take it as it is;
/// `interview --save` on it continues from its answers, asking nothing twice.
#[test]
fn the_saved_profile_is_read_by_every_command_and_continued() {
    let (_dir, save) = fresh("shop.toml");
    let run = converse(&save, &on_ozon("Invalid Merchant ID"), |q| match q["field"]
        .as_str()
        .unwrap()
    {
        "lianlian.merchant_id" => value("seller@example.com"),
        _ => Some(json!({"finish": true}).to_string()),
    });
    // The login in the Merchant ID field is a cause; whether Ozon's copy differs could rank
    // above it, so that is asked next (and the interview finished there).
    assert_eq!(
        run.questions(),
        ["lianlian.merchant_id", "ozon.payout_account.merchant_id"]
    );
    assert_eq!(run.of_type("cause")[0]["cause"]["code"], "BC302");
    let ticket = bindcheck().arg("ticket").arg(&save).output().unwrap();
    assert_eq!(ticket.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ticket.stdout).contains("Subject: "));
    let lint = bindcheck().arg("lint").arg(&save).output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
    let before = std::fs::read_to_string(&save).unwrap();

    // Continued: neither the symptom nor the platform nor the Merchant ID is asked again.
    let run = converse(&save, &[], |q| match q["field"].as_str().unwrap() {
        "ozon.payout_account.merchant_id" => value("LL2024SZXH0000000000A7K3"),
        _ => skip(),
    });
    let asked = run.questions();
    assert_eq!(asked[0], "ozon.payout_account.merchant_id", "{asked:?}");
    assert!(!asked.contains(&"lianlian.merchant_id"));
    assert!(!asked.contains(&"incident.error_message") && !asked.contains(&"--platform"));
    let after = std::fs::read_to_string(&save).unwrap();
    for line in before.lines() {
        assert!(after.contains(line), "{line} lost:\n{after}");
    }
    assert!(after.contains("[ozon.payout_account]\nmerchant_id = \"LL2024SZXH0000000000A7K3\""));
}

/// A file that exists and is not a profile bindcheck can continue is left as it is.
#[test]
fn an_existing_file_is_never_overwritten() {
    let (_dir, save) = fresh("notes.toml");
    std::fs::write(&save, "shopping list: milk\n").unwrap();
    let run = converse(&save, &["--symptom", "x"], |_| skip());
    assert_eq!(run.code, 2);
    assert!(run.messages.is_empty());
    assert!(run.stderr.contains("cannot be continued"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&save).unwrap(),
        "shopping list: milk\n"
    );

    // Without --save the answers go to profile.toml in the working folder; a program that
    // does not name it does not continue one left there (by another seller, maybe).
    let dir = tempfile::tempdir().unwrap();
    let run = |dir: &Path| {
        bindcheck()
            .args([
                "interview",
                "--protocol",
                "jsonl",
                "--symptom",
                "Invalid Merchant ID",
            ])
            .current_dir(dir)
            .write_stdin("{\"finish\": true}\n")
            .output()
            .unwrap()
    };
    let first = run(dir.path());
    assert_eq!(first.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("profile.toml")).unwrap();
    assert!(
        written.contains("error_message = \"Invalid Merchant ID\""),
        "{written}"
    );
    let second = run(dir.path());
    assert_eq!(second.status.code(), Some(2));
    assert!(second.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("name it with --save"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("profile.toml")).unwrap(),
        written
    );
}

/// Questions, reasons and the saved comments in Chinese.
#[test]
fn in_chinese() {
    let (_dir, save) = fresh("p.toml");
    let mut tries = 0;
    let run = converse(
        &save,
        &[
            &["--lang", "zh"][..],
            &on_ozon("绑定连连时提示“商户号无效”"),
        ]
        .concat(),
        |q| {
            tries += 1;
            match (tries, q["field"].as_str().unwrap()) {
                (1, "lianlian.merchant_id") => value(true),
                _ => Some(json!({"finish": true}).to_string()),
            }
        },
    );
    let question = run.of_type("question")[0];
    assert_eq!(question["label"], "连连发放的商户号（不是登录账号）");
    assert!(
        question["prompt"]
            .as_str()
            .unwrap()
            .starts_with("连连国际 › 账户")
    );
    assert!(question["help"].as_str().unwrap().starts_with("询问原因"));
    assert_eq!(run.of_type("invalid")[0]["message"], "此问题需要填写字符串");
    let written = std::fs::read_to_string(&save).unwrap();
    assert!(
        written.contains("# 卖家看到的情况（用于分诊）"),
        "{written}"
    );
}

/// An answer with the shape of a credential — a token pasted by mistake, to any question, the
/// symptom included — is refused with BC901's reason and the same question: it is never
/// saved, nor echoed in any message. The answers after it are taken as usual.
#[test]
fn a_pasted_credential_is_refused_and_never_saved_or_echoed() {
    let tokens = [
        "ghp_IhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpY",
        "sk_live_u8jz\u{200B}Pde0IgxLd6GncfBAepfJ",
        "xoxb-265020146201-684934072247-aqx9vJupc94tnwlavyfErGPm",
        "the page said sk_live_Bd0Kh8oOOL8dKLzdocJ2isAj",
    ];
    let (_dir, save) = fresh("p.toml");
    let mut pasted = tokens.iter();
    let run = converse(&save, &["--platform", "ozon-lianlian"], |q| {
        let field = q["field"].as_str().unwrap();
        if let Some(token) = pasted.next() {
            return value(*token);
        }
        match field {
            "incident.error_message" => value("Invalid Merchant ID"),
            "lianlian.merchant_id" => value("LL2024SZXH0000000000A7K3"),
            "ozon.payout_account.merchant_id" => value("LL2024SZXH0000000000A7K4"),
            _ => skip(),
        }
    });
    let invalid = run.of_type("invalid");
    assert_eq!(invalid.len(), 4, "{:#?}", run.messages);
    let reason = "`incident.error_message` holds a value shaped like an API key, token or private key; bindcheck never prints it. The answer was not saved: enter the value asked for (no key or token is ever needed).";
    for refused in &invalid {
        assert_eq!(refused["id"], 1);
        assert_eq!(refused["message"], reason);
    }
    // The symptom was asked five times, then the Merchant IDs.
    assert_eq!(
        run.questions()[..7],
        [
            "incident.error_message",
            "incident.error_message",
            "incident.error_message",
            "incident.error_message",
            "incident.error_message",
            "lianlian.merchant_id",
            "ozon.payout_account.merchant_id",
        ]
    );
    for token in tokens {
        let tail: String = token
            .chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(!run.raw.contains(&tail), "{}", run.raw);
    }
    let written = saved_with(&save, "error_message = \"Invalid Merchant ID\"");
    assert!(
        !written.contains("ghp_") && !written.contains("sk_live") && !written.contains("xoxb"),
        "{written}"
    );
    let causes = run.of_type("cause");
    assert_eq!(causes.len(), 1, "{:#?}", run.messages);
    assert_eq!(causes[0]["cause"]["code"], "BC303");
}

/// A refused credential to a field question: BC901's reason names that field; the question
/// comes again and a right answer is saved.
#[test]
fn a_credential_answer_to_a_field_is_refused_with_its_field() {
    let (_dir, save) = fresh("p.toml");
    let mut tries = 0;
    let run = converse(&save, &on_ozon("Invalid Merchant ID"), |q| match q["field"]
        .as_str()
        .unwrap()
    {
        "lianlian.merchant_id" => {
            tries += 1;
            if tries == 1 {
                value("ghp_IhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpY")
            } else {
                value("LL2024SZXH0000000000A7K3")
            }
        }
        _ => skip(),
    });
    assert_eq!(
        run.refusal(),
        "`lianlian.merchant_id` holds a value shaped like an API key, token or private key; bindcheck never prints it. The answer was not saved: enter the value asked for (no key or token is ever needed)."
    );
    assert_eq!(
        run.questions()[..2],
        ["lianlian.merchant_id", "lianlian.merchant_id"]
    );
    assert!(!run.raw.contains("L7DxtpY"), "{}", run.raw);
    saved_with(&save, "merchant_id = \"LL2024SZXH0000000000A7K3\"");
}

/// Continuing a file that already stores a credential: a cause an answer establishes is
/// reported even when the credential's finding leads it (the same field), and the credential
/// found before the interview is no news.
#[test]
fn a_cause_led_by_a_stored_credential_is_still_reported() {
    let (_dir, save) = fresh("p.toml");
    std::fs::write(
        &save,
        "format = 1\n[lianlian]\nmerchant_id = \"ghp_IhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpY\"\n\
         [incident]\nerror_message = \"Invalid Merchant ID\"\n",
    )
    .unwrap();
    let run = converse(
        &save,
        &["--platform", "ozon-lianlian"],
        |q| match q["field"].as_str().unwrap() {
            "ozon.payout_account.merchant_id" => value("LL2024SZXH0000000000A7K3"),
            _ => skip(),
        },
    );
    let causes = run.of_type("cause");
    let codes: Vec<&Value> = causes.iter().map(|c| &c["cause"]["code"]).collect();
    assert!(!codes.is_empty(), "{:#?}", run.messages);
    assert!(
        causes.iter().any(|c| {
            let findings = &run.done()["report"]["files"][0]["findings"];
            c["cause"]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|rank| findings[rank.as_u64().unwrap() as usize - 1]["code"] == "BC303")
        }),
        "{:#?}",
        run.messages
    );
    assert!(!run.raw.contains("L7DxtpY"), "{}", run.raw);
}

/// A bank in the US has no sort code, BSB or Japanese bank and branch code: once its country
/// is answered they are not asked (trial p04 asked all four after "US"); the country comes
/// before the codes that depend on it, and the routing number is still asked.
#[test]
fn codes_of_another_country_s_banks_are_not_asked() {
    let (_dir, save) = fresh("p.toml");
    let run = converse(
        &save,
        &[
            "--platform",
            "amazon-lianlian",
            "--symptom",
            "The deposit method was rejected",
        ],
        |q| match q["field"].as_str().unwrap() {
            "amazon.deposit_method.provider" => value("lianlian"),
            "amazon.deposit_method.bank_country" | "lianlian.receiving_account.bank_country" => {
                value("US")
            }
            "amazon.deposit_method.currency" | "lianlian.receiving_account.currency" => {
                value("USD")
            }
            "amazon.deposit_method.routing_number" => value("026073008"),
            "lianlian.receiving_account.routing_number" => value("026073150"),
            _ => skip(),
        },
    );
    let asked = run.questions();
    for code in ["sort_code", "bsb", "bank_code", "branch_code"] {
        assert!(
            !asked.iter().any(|f| f.ends_with(&format!(".{code}"))),
            "{code} asked: {asked:?}"
        );
    }
    let at = |field: &str| asked.iter().position(|f| *f == field).expect(field);
    assert!(
        at("amazon.deposit_method.bank_country") < at("amazon.deposit_method.routing_number"),
        "{asked:?}"
    );
    assert_eq!(
        run.of_type("cause")[0]["cause"]["code"],
        "BC312",
        "{asked:?}"
    );
}

/// Answers as a seller pastes or types them (trial 3, iv2 and iv7): a choice with a space
/// after it, in its Chinese name or the name sellers use (连连); money in full-width digits
/// with 元; a date with slashes. Each is saved as the value it means, said in a `taken`
/// message before the causes it establishes; nothing is asked twice.
#[test]
fn answers_in_a_seller_s_words_are_taken_as_meant() {
    let (_dir, save) = fresh("p.toml");
    let run = converse(
        &save,
        &[
            "--lang",
            "zh",
            "--symptom",
            "绑定连连时提示：余额不足，无法完成验证",
            "--platform",
            "ozon-lianlian",
        ],
        |q| match q["field"].as_str().unwrap() {
            "ozon.payment_method" => value("连连"),
            "lianlian.ozon_channel" => value("active "),
            "lianlian.balance" => value("８０ 元"),
            _ => skip(),
        },
    );
    assert!(run.of_type("invalid").is_empty(), "{:#?}", run.messages);
    assert_eq!(
        run.questions(),
        [
            "ozon.payment_method",
            "lianlian.ozon_channel",
            "lianlian.balance"
        ]
    );
    let taken = run.taken();
    // `active ` differs from `active` only by the space around it: nothing to say.
    assert_eq!(
        taken,
        [
            (1, "“连连”记为“lianlian”（连连国际）"),
            (3, "“８０ 元”记为“80 CNY”"),
        ]
    );
    let kinds: Vec<&str> = run
        .messages
        .iter()
        .map(|m| m["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "question", "taken", "question", "question", "taken", "cause", "done"
        ]
    );
    assert_eq!(run.of_type("cause")[0]["cause"]["code"], "BC501");
    let path = save.display();
    assert_eq!(
        std::fs::read_to_string(&save).unwrap(),
        format!(
            "# bindcheck 卖家档案，由 `bindcheck interview` 在每次回答后写入。\n\
         # 继续问答：bindcheck interview --save {path}\n\
         # 诊断：bindcheck diagnose {path}\n\
         \n\
         format = 1\n\
         \n\
         # 连连国际商户账户\n\
         [lianlian]\n\
         balance = \"80 CNY\"    # 账户余额\n\
         ozon_channel = \"active\"    # 连连中 Ozon 渠道的状态；可选值：`not_opened`、`pending_review`、`unauthorized`、`active`、`suspended`\n\
         \n\
         # Ozon 卖家账户\n\
         [ozon]\n\
         payment_method = \"lianlian\"    # Ozon 上绑定的收款方式；可选值：`lianlian`、`bank_transfer_swift`、`ozon_global_pay`、`pingpong`、`other`\n\
         \n\
         # 卖家看到的情况（用于分诊）\n\
         [incident]\n\
         error_message = \"绑定连连时提示：余额不足，无法完成验证\"    # 显示的错误信息\n"
        )
    );
}

/// A date written with slashes or in Chinese is that date, saved in ISO form and said so; a
/// day-first date is refused (which part is the day would be a guess), then a right one taken.
#[test]
fn dates_in_a_seller_s_words() {
    let (_dir, save) = fresh("p.toml");
    let mut tries = 0;
    let run = converse(
        &save,
        &[
            "--symptom",
            "Disbursement on hold",
            "--platform",
            "amazon-lianlian",
        ],
        |q| match q["field"].as_str().unwrap() {
            "amazon.settlement_period_end" => {
                tries += 1;
                value(if tries == 1 {
                    "14/12/2026"
                } else {
                    "2026/12/14"
                })
            }
            "amazon.deposit_change_date" => value("２０２６年１２月１２日"),
            _ => skip(),
        },
    );
    assert_eq!(run.refusal(), "`14/12/2026` is not a date like 2026-11-20");
    let taken: Vec<&str> = run.taken().into_iter().map(|(_, m)| m).collect();
    assert_eq!(
        taken,
        [
            "`２０２６年１２月１２日` is taken as `2026-12-12`",
            "`2026/12/14` is taken as `2026-12-14`",
        ],
        "{:#?}",
        run.messages
    );
    saved_with(&save, "settlement_period_end = 2026-12-14    #");
    saved_with(&save, "deposit_change_date = 2026-12-12    #");
    assert_eq!(
        run.of_type("cause")[0]["cause"]["code"],
        "BC801",
        "{:#?}",
        run.messages
    );
}

/// The Merchant ID LianLian issued is copied from its page: a space pasted after it is the
/// page's, left out (and said), so the step that says what to type on Ozon shows the clean
/// value. The Merchant ID typed on Ozon is what Ozon received: its trailing space is kept, and
/// it is the cause (trial 3, iv1).
#[test]
fn an_issued_value_loses_the_page_s_spaces_and_a_typed_one_keeps_them() {
    let (_dir, save) = fresh("p.toml");
    let run = converse(
        &save,
        &[
            "--symptom",
            "Invalid Merchant ID",
            "--platform",
            "ozon-lianlian",
            "--show-values",
        ],
        |q| match q["field"].as_str().unwrap() {
            "lianlian.merchant_id" => value("LL2024SZXH0000000000A7K3 \n"),
            "ozon.payout_account.merchant_id" => value("LL2024SZXH0000000000A7K3 "),
            _ => Some(json!({"finish": true}).to_string()),
        },
    );
    assert_eq!(
        run.taken(),
        [(
            1,
            "The spaces or invisible characters pasted around the answer were left out: they come from the page, not from LianLian's Merchant ID"
        )]
    );
    let causes = run.of_type("cause");
    assert_eq!(causes.len(), 1, "{:#?}", run.messages);
    let cause = &causes[0]["cause"];
    assert_eq!(cause["code"], "BC303");
    assert_eq!(
        cause["remediation"][1],
        "In Ozon Seller Center › Settings › Payments, replace the Merchant ID with: LL2024SZXH0000000000A7K3"
    );
    let written = std::fs::read_to_string(&save).unwrap();
    assert!(
        written.contains("\nmerchant_id = \"LL2024SZXH0000000000A7K3\"    # The Merchant ID LianLian issued (not the login)\n"),
        "{written}"
    );
    assert!(
        written.contains("\nmerchant_id = \"LL2024SZXH0000000000A7K3 \"    # The LianLian Merchant ID as pasted into Ozon\n"),
        "{written}"
    );
    let report = &run.done()["report"]["files"][0];
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["field"] != "lianlian.merchant_id" || f["code"] == "BC303"),
        "{report:#}"
    );
}

/// Codes as a seller types them: a deposit method's provider by its Chinese name, a country
/// code in lower case or full-width letters. Each is saved as the code, said in a `taken` line.
#[test]
fn codes_in_a_seller_s_words_are_taken_as_meant() {
    let (_dir, save) = fresh("p.toml");
    let run = converse(
        &save,
        &[
            "--symptom",
            "Deposit method rejected",
            "--platform",
            "amazon-lianlian",
        ],
        |q| match q["field"].as_str().unwrap() {
            "amazon.deposit_method.provider" => value("连连"),
            "amazon.deposit_method.bank_country" => value("de"),
            "lianlian.receiving_account.bank_country" => value("ＤＥ"),
            "lianlian.receiving_account.iban" => Some(json!({"finish": true}).to_string()),
            _ => skip(),
        },
    );
    assert!(run.of_type("invalid").is_empty(), "{:#?}", run.messages);
    let taken: Vec<&str> = run.taken().into_iter().map(|(_, m)| m).collect();
    assert_eq!(
        taken,
        [
            "`连连` is taken as `lianlian` (LianLian Global)",
            "`de` is taken as `DE`",
            "`ＤＥ` is taken as `DE`",
        ],
        "{:#?}",
        run.messages
    );
    saved_with(
        &save,
        "\nprovider = \"lianlian\"    # Deposit method provider;",
    );
    saved_with(&save, "\nbank_country = \"DE\"    # Bank location\n");
    saved_with(
        &save,
        "\nbank_country = \"DE\"    # Country of the receiving bank\n",
    );
}
