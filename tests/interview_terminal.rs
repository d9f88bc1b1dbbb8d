//! `bindcheck interview` on a real pseudo-terminal (expectrl), as a seller types into it: the
//! prompts in English and Chinese, Chinese typed and corrected with backspace, a pasted
//! zero-width space, a wrong answer, Ctrl-C and Esc, and continuing where it stopped.

#![cfg(unix)]

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const BACKSPACE: &str = "\u{7f}";
const DOWN: &str = "\u{1b}[B";
const UP: &str = "\u{1b}[A";
const ESC: &str = "\u{1b}";
const CTRL_C: &str = "\u{3}";

/// The arguments of an interview in `lang` about LianLian on Ozon with `symptom` reported.
fn on_ozon<'a>(lang: &'a str, symptom: &'a str) -> [&'a str; 6] {
    [
        "--lang",
        lang,
        "--platform",
        "ozon-lianlian",
        "--symptom",
        symptom,
    ]
}

/// A running interview and everything it has written so far.
struct Pty {
    session: OsSession,
    seen: Vec<u8>,
}

impl Pty {
    fn start(dir: &Path, args: &[&str]) -> Pty {
        Pty::start_at(dir, args, 100)
    }

    /// On a terminal `columns` wide.
    fn start_at(dir: &Path, args: &[&str], columns: u16) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bindcheck"));
        command
            .args(["interview", "--as-of", "2026-11-21", "--save", "shop.toml"])
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8");
        for variable in ["LC_ALL", "LC_MESSAGES", "NO_COLOR", "COLUMNS", "CLICOLOR"] {
            command.env_remove(variable);
        }
        let mut session = Session::spawn(command).expect("spawns on a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(60)));
        session
            .get_process_mut()
            .set_window_size(columns, 40)
            .expect("resizes the terminal");
        Pty {
            session,
            seen: Vec::new(),
        }
    }

    /// Waits until `text` is on the screen.
    fn wait_for(&mut self, text: &str) {
        let found = self
            .session
            .expect(text)
            .unwrap_or_else(|e| panic!("{text:?} never came ({e}):\n{}", self.screen()));
        self.seen.extend_from_slice(found.before());
        self.seen
            .extend_from_slice(found.get(0).unwrap_or_default());
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("sends keys");
    }

    fn answer(&mut self, text: &str) {
        self.send(text);
        self.send("\r");
    }

    /// Everything up to the end, and the exit status.
    fn finish(mut self) -> (String, i32) {
        let rest = self.session.expect(Eof).expect("runs to the end");
        self.seen.extend_from_slice(rest.get(0).unwrap_or_default());
        let status = self.session.get_process().wait().expect("exits");
        let code = match status {
            WaitStatus::Exited(_, code) => code,
            other => panic!("{other:?}\n{}", self.screen()),
        };
        (self.screen(), code)
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }
}

/// A pasted zero-width space shows as ⟨U+200B⟩ the moment it is pasted and is never echoed
/// raw; Ctrl-C stops and keeps the answers given; the same command continues from them, and
/// the pasted value is saved byte for byte and diagnosed.
#[test]
fn pasted_zero_width_space_ctrl_c_and_continuing() {
    let dir = tempfile::tempdir().unwrap();
    let pasted = "LL2024SZXH\u{200B}0000000000A7K3";

    let mut pty = Pty::start(
        dir.path(),
        &["--lang", "en", "--symptom", "Invalid Merchant ID"],
    );
    pty.wait_for("Which binding is it?");
    pty.wait_for("Finish: diagnose what was answered");
    pty.send("\r");
    pty.wait_for("The Merchant ID LianLian issued (not the login)");
    pty.wait_for("LianLian Global › Account › Account information");
    pty.answer("LL2024SZXH0000000000A7K3");
    pty.wait_for("The LianLian Merchant ID as pasted into Ozon");
    pty.send(pasted);
    pty.wait_for("LL2024SZXH⟨U+200B⟩0000000000A7K3");
    pty.send(CTRL_C);
    pty.wait_for("Stopped. Every answer is kept in shop.toml");
    let (screen, code) = pty.finish();
    assert_eq!(code, 130, "{screen}");
    assert!(!screen.contains('\u{200B}'), "raw U+200B on the terminal");
    let saved = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(
        saved.contains("merchant_id = \"LL2024SZXH0000000000A7K3\""),
        "{saved}"
    );
    assert!(!saved.contains("payout_account"), "{saved}");

    // The same command again: asked whether to continue, then straight to the open question.
    let mut pty = Pty::start(
        dir.path(),
        &["--lang", "en", "--symptom", "Invalid Merchant ID"],
    );
    pty.wait_for("shop.toml already exists. Continue the interview from its answers?");
    pty.wait_for("Quit: leave it as it is");
    pty.send("\r");
    pty.wait_for("The LianLian Merchant ID as pasted into Ozon");
    pty.answer(pasted);
    pty.wait_for("1 invisible character(s)");
    pty.wait_for("Cause found: Merchant ID typed on Ozon differs from LianLian's");
    // What else could explain the symptom is asked next; `!` finishes.
    pty.wait_for("The LianLian login account");
    pty.answer("!");
    pty.wait_for("BC303");
    let (screen, code) = pty.finish();
    assert_eq!(code, 1, "{screen}");
    assert!(!screen.contains("Which binding is it?"), "{screen}");
    assert!(
        !screen.contains("The Merchant ID LianLian issued"),
        "{screen}"
    );
    assert!(!screen.contains('\u{200B}'), "raw U+200B on the terminal");
    assert!(screen.contains("bindcheck ticket shop.toml"), "{screen}");
    let saved = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(
        saved.contains("merchant_id = \"LL2024SZXH\\u200B0000000000A7K3\""),
        "{saved}"
    );
}

/// A wrong answer is refused with the reason and stays on the line to be corrected; `?` says
/// why the question is asked.
#[test]
fn a_wrong_answer_is_asked_again_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(
        dir.path(),
        &on_ozon("en", "Verification (test) payment failed"),
    );
    // Whether Ozon binds LianLian, and the channel's state, decide the channel rules that also
    // explain a failed test payment: LianLian (the first choice), then "active".
    pty.wait_for("Payment method bound on Ozon");
    pty.send("\r");
    pty.wait_for("Status of the Ozon channel in LianLian");
    pty.send(&DOWN.repeat(3));
    pty.send("\r");
    pty.wait_for("Account balance");
    pty.answer("?");
    pty.wait_for("Why this is asked");
    pty.wait_for("Asked because it decides: Balance below the first verification payment");
    pty.wait_for("Account balance");
    pty.answer("99.50");
    pty.wait_for("currency");
    pty.answer(" CNY");
    pty.wait_for("Cause found: Balance below the first verification payment");
    let (screen, code) = pty.finish();
    assert_eq!(code, 1, "{screen}");
    let saved = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(saved.contains("balance = \"99.50 CNY\""), "{saved}");
}

/// In Chinese: the prompts, Chinese typed and corrected with backspace (a CJK character is
/// one keystroke to delete and two columns wide), the platform chosen, then Esc stops.
#[test]
fn chinese_typed_and_corrected_then_esc() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &["--lang", "zh"]);
    pty.wait_for("出了什么问题？");
    pty.wait_for("结束：诊断已回答的内容");
    // Past the last choice, then up to "something else" (finish, why, don't know, other).
    pty.send(&DOWN.repeat(30));
    pty.send(&UP.repeat(3));
    pty.send("\r");
    pty.wait_for("出了什么问题？");
    pty.send("绑定失败了吗");
    pty.wait_for("绑定失败了吗");
    pty.send(&BACKSPACE.repeat(2));
    pty.send("！");
    pty.wait_for("绑定失败！");
    pty.send("\r");
    pty.wait_for("要绑定的是哪一种？");
    pty.wait_for("在 Ozon 店铺绑定连连国际");
    // Esc is read by the prompt after the platform's, whatever it asks.
    pty.send("\r");
    pty.send(ESC);
    pty.wait_for("已停止。所有回答都保存在 shop.toml 中");
    let (screen, code) = pty.finish();
    assert_eq!(code, 130, "{screen}");
    let saved = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(saved.contains("error_message = \"绑定失败！\""), "{saved}");
    assert!(saved.contains("# 显示的错误信息"), "{saved}");
}

/// A pasted token is never on the screen — not even while it arrives, a character at a time:
/// from its first recognisable characters it shows as ‹secret›; submitted, it is refused with
/// BC901's reason and the question comes again on an empty line; it is never saved.
#[test]
fn a_pasted_token_is_hidden_refused_and_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let token = "ghp_IhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpY";
    let mut pty = Pty::start(dir.path(), &on_ozon("en", "Invalid Merchant ID"));
    pty.wait_for("The Merchant ID LianLian issued (not the login)");
    pty.wait_for("LianLian Global › Account › Account information");
    pty.answer(token);
    // The reason, wrapped to the terminal: "… holds a value shaped like an API key, token or
    // private key; bindcheck never prints it. The answer was not saved: …".
    pty.wait_for("not saved");
    pty.wait_for("The Merchant ID LianLian issued (not the login)");
    pty.answer("!");
    let (screen, code) = pty.finish();
    assert!(screen.contains("‹secret›"), "{screen}");
    for piece in ["ghp_", "IhKt", "L7DxtpY"] {
        assert!(!screen.contains(piece), "{piece} on the screen:\n{screen}");
    }
    assert_eq!(code, 0, "{screen}");
    let saved = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(!saved.contains("ghp_"), "{saved}");
}

/// Money typed in Chinese: `￥88` (the yuan's sign and the yen's) is refused under the line with
/// the answers to give, in a question's words (no "quoted string"); `８８ 元` is the same amount
/// in yuan, taken, and what it was taken as is shown.
#[test]
fn chinese_money_gets_the_answer_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(
        dir.path(),
        &on_ozon("zh", "Verification (test) payment failed"),
    );
    pty.wait_for("Ozon 上绑定的收款方式");
    pty.wait_for("结束：诊断已回答的内容");
    pty.send("\r");
    pty.wait_for("连连中 Ozon 渠道的状态");
    pty.wait_for("结束：诊断已回答的内容");
    pty.send(&DOWN.repeat(3));
    pty.send("\r");
    pty.wait_for("账户余额");
    pty.answer("￥88");
    pty.wait_for("该符号可指多种货币：请填写“88 CNY”或“88 JPY”");
    pty.send(&BACKSPACE.repeat(3));
    pty.answer("８８ 元");
    pty.wait_for("“８８ 元”记为“88 CNY”");
    pty.wait_for("BC501");
    let (screen, code) = pty.finish();
    assert_eq!(code, 1, "{screen}");
    assert!(!screen.contains("带引号"), "{screen}");
    let saved = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(saved.contains("balance = \"88 CNY\""), "{saved}");
}

/// What the terminal shows, line by line: the escape sequences (colours, cursor moves, line
/// erasing) taken out.
fn shown_lines(screen: &str) -> Vec<String> {
    let escapes = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap();
    escapes
        .replace_all(screen, "")
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// On a narrow terminal every line is wrapped by the interview itself — between words in
/// English, between characters in Chinese — and keeps the `│` gutter, so the terminal never
/// breaks one mid-word; Esc says "Stopped" once.
#[test]
fn prompts_wrap_to_the_terminal_keeping_the_gutter() {
    for (lang, columns, first, stopped) in [
        (
            "en",
            60,
            "The Merchant ID LianLian issued (not the login)",
            "Stopped",
        ),
        ("zh", 60, "连连发放的商户号（不是登录账号）", "已停止"),
        ("zh", 100, "连连发放的商户号（不是登录账号）", "已停止"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = Pty::start_at(dir.path(), &on_ozon(lang, "Invalid Merchant ID"), columns);
        pty.wait_for(first);
        pty.wait_for("?");
        pty.send(ESC);
        let (screen, code) = pty.finish();
        assert_eq!(code, 130, "{screen}");
        let lines = shown_lines(&screen);
        for line in &lines {
            let width = unicode_width::UnicodeWidthStr::width(line.as_str());
            assert!(
                width <= usize::from(columns),
                "{width} columns: {line:?}\n{screen}"
            );
        }
        // Every line of the question, after its title, runs in the gutter: at 60 columns the
        // prompt takes two or more.
        let title = lines.iter().position(|l| l.contains(first)).unwrap();
        let question: Vec<&String> = lines[title + 1..]
            .iter()
            .take_while(|l| !l.starts_with('└'))
            .collect();
        let wrapped = lang == "en" && columns == 60;
        assert!(question.len() >= if wrapped { 3 } else { 2 }, "{lines:#?}");
        // Every line starts in the gutter, or under the text of a last line (`└  `).
        for line in &lines {
            assert!(
                ["┌", "│", "├", "◆", "■", "◇", "└", "   "]
                    .iter()
                    .any(|start| line.starts_with(start)),
                "{line:?}\n{lines:#?}"
            );
        }
        for line in question {
            assert!(line.starts_with('│'), "{line:?}\n{lines:#?}");
        }
        assert_eq!(screen.matches(stopped).count(), 1, "{screen}");
        // English breaks between words only.
        if lang == "en" {
            assert!(!screen.contains("paste i\n"), "{screen}");
        }
    }
}
