//! On a terminal: output fits its width (display columns: a CJK character counts two) and is
//! coloured; piped, `NO_COLOR` or `--color never`, it is not. Run on a real pseudo-terminal
//! (expectrl), as a seller's terminal would.

#![cfg(unix)]

mod common;
use common::*;
use expectrl::Expect;
use std::os::unix::process::CommandExt;
use std::process::Command;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// Set in the helper's environment: the terminal width to wait for, then bindcheck's
/// arguments, one a line.
const HELPER: &str = "BINDCHECK_PTY_HELPER";
/// Printed by the helper just before it becomes bindcheck: what comes after is bindcheck's.
const MARKER: &str = "-- bindcheck output --";

/// Not a test of its own. Started on the pseudo-terminal by [`on_terminal`], it waits until
/// the terminal has the width the parent gave it (a pseudo-terminal starts 80 columns wide and
/// is resized only after the child exists), then becomes bindcheck, which so sees that width
/// from its first instruction.
#[test]
#[ignore = "a helper that the terminal tests start on a pseudo-terminal, not a test"]
fn pty_helper() {
    let Ok(spec) = std::env::var(HELPER) else {
        return;
    };
    let mut parts = spec.split('\n');
    let width: u16 = parts.next().unwrap().parse().unwrap();
    let args: Vec<&str> = parts.collect();
    let deadline = Instant::now() + Duration::from_secs(10);
    while terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0) != Some(width) {
        assert!(Instant::now() < deadline, "the terminal was never resized");
        std::thread::sleep(Duration::from_millis(5));
    }
    println!("{MARKER}");
    let error = Command::new(env!("CARGO_BIN_EXE_bindcheck"))
        .args(&args)
        .env_remove(HELPER)
        .exec();
    panic!("cannot start bindcheck: {error}");
}

/// What bindcheck writes to a `width`-column terminal, with `env` set (and no variable of the
/// test's own environment that changes width, colour or language).
fn on_terminal(width: u16, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut spec = width.to_string();
    for arg in args {
        spec.push('\n');
        spec.push_str(arg);
    }
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "pty_helper",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(HELPER, spec)
        .env("TERM", "xterm-256color")
        .env("LANG", "C");
    for variable in [
        "COLUMNS",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "LC_ALL",
        "LC_MESSAGES",
    ] {
        command.env_remove(variable);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let mut session = expectrl::Session::spawn(command).expect("spawns on a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    session
        .get_process_mut()
        .set_window_size(width, 40)
        .expect("resizes the terminal");
    let captured = session.expect(expectrl::Eof).expect("runs to the end");
    let text = String::from_utf8_lossy(captured.get(0).unwrap_or_default()).replace('\r', "");
    match text.split_once(&format!("{MARKER}\n")) {
        Some((_, output)) => output.to_string(),
        None => panic!("the helper did not start bindcheck: {text}"),
    }
}

/// `text` without its SGR colour sequences.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find('m').map_or(after.len(), |m| m + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn widest(text: &str) -> usize {
    plain(text)
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

const FAILING: &str = "fixtures/examples/ozon-lianlian-failing.toml";

#[test]
fn a_100_column_terminal_never_gets_a_wider_line() {
    let commands: &[&[&str]] = &[
        &["diagnose", FAILING, "--as-of", "2026-11-21"],
        &[
            "diagnose",
            FAILING,
            "--as-of",
            "2026-11-21",
            "--lang",
            "zh",
            "--explain-rank",
        ],
        &["rules"],
        &["rules", "--lang", "zh"],
        &["explain", "BC101", "--lang", "zh"],
        &["explain", "BC701"],
        &["lint", "fixtures/lint", "--statistics", "--lang", "zh"],
    ];
    for args in commands {
        let output = on_terminal(100, args, &[]);
        assert!(output.lines().count() > 3, "{args:?}: {output}");
        let widest = widest(&output);
        assert!(
            widest <= 100,
            "{args:?}: a line of {widest} columns\n{output}"
        );
    }
    // The diagnosis uses the whole width: its table is exactly as wide as the terminal.
    let output = on_terminal(100, &["diagnose", FAILING, "--as-of", "2026-11-21"], &[]);
    assert_eq!(widest(&output), 100, "{output}");
    // And a narrower terminal gets a narrower table, the cause column wrapped.
    let output = on_terminal(72, &["diagnose", FAILING, "--lang", "zh"], &[]);
    assert!(widest(&output) <= 72, "{output}");
    assert!(plain(&output).contains("│ 1 ┆ 错误"), "{output}");
}

#[test]
fn piped_output_keeps_a_stable_width() {
    let out = bindcheck()
        .args([
            "diagnose",
            &fixture("examples/ozon-lianlian-failing.toml")
                .display()
                .to_string(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(widest(&text), 100, "{text}");
    let out = bindcheck()
        .env("COLUMNS", "120")
        .args(["rules"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(widest(&text) <= 120 && widest(&text) > 100, "{text}");
}

/// Error red, warning yellow, as rustc and ruff colour them (text, and table cells).
const RED: &str = "\u{1b}[31m";
const YELLOW: &str = "\u{1b}[33m";
const RED_CELL: &str = "\u{1b}[38;5;1m";

#[test]
fn colour_on_a_terminal_only() {
    let args = ["diagnose", FAILING, "--as-of", "2026-11-21"];
    let coloured = on_terminal(100, &args, &[]);
    assert!(
        coloured.contains(RED) && coloured.contains(YELLOW),
        "{coloured}"
    );
    // The marker under the position is in the severity's colour.
    assert!(coloured.contains(&format!("{RED}^")), "{coloured}");
    assert!(coloured.contains(RED_CELL), "{coloured}");
    let rules = on_terminal(100, &["rules"], &[]);
    assert!(rules.contains(RED_CELL), "{rules}");

    let no_color = on_terminal(100, &args, &[("NO_COLOR", "1")]);
    assert!(!no_color.contains('\u{1b}'), "{no_color}");
    assert_eq!(plain(&coloured), no_color, "colour changes nothing else");
    let never = on_terminal(
        100,
        &[
            "diagnose",
            FAILING,
            "--as-of",
            "2026-11-21",
            "--color",
            "never",
        ],
        &[],
    );
    assert!(!never.contains('\u{1b}'), "{never}");

    let piped = bindcheck()
        .args([
            "diagnose",
            &fixture("examples/ozon-lianlian-failing.toml")
                .display()
                .to_string(),
        ])
        .output()
        .unwrap();
    assert!(!piped.stdout.contains(&0x1b));
    let forced = bindcheck()
        .args([
            "diagnose",
            &fixture("examples/ozon-lianlian-failing.toml")
                .display()
                .to_string(),
            "--color",
            "always",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains(RED));
}

#[test]
fn colour_lets_no_raw_control_character_through() {
    // A profile whose value holds an escape sequence: only the palette's own SGR codes reach
    // the terminal, the file's are shown escaped.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(
        &path,
        "format = 1\n[lianlian]\nmerchant_id = \"LL\\u001B[2J\\u001B]0;x\\u0007AB1234567890123456\"\n",
    )
    .unwrap();
    let output = on_terminal(100, &["diagnose", path.to_str().unwrap()], &[]);
    assert!(output.contains(RED), "{output}");
    assert!(
        !output.contains("\u{1b}[2J") && !output.contains('\u{7}'),
        "{output}"
    );
    assert!(output.contains("control character U+001B"), "{output}");
}
