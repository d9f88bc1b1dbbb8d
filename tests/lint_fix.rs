//! `--fix` and `--diff`: exact bytes, comments kept, idempotent, atomic, refuses stale files.

mod common;
use bindcheck::lint::fix::{self, Edit, FixError};
use common::*;
use std::path::Path;

/// A profile with comments everywhere and a zero-width space inside the Merchant ID.
const DIRTY: &str = "# agency copy, do not reorder\nformat = 1\n\n[lianlian]   # account\n\
merchant_id = \"LL2024SZXH\u{200B}0000000000A7K3\"    # pasted from the portal\n\
kyc_level = 3\nbalance = \"150.00 CNY\"\n";
const FIXED: &str = "# agency copy, do not reorder\nformat = 1\n\n[lianlian]   # account\n\
merchant_id = \"LL2024SZXH0000000000A7K3\"    # pasted from the portal\n\
kyc_level = 3\nbalance = \"150.00 CNY\"\n";

fn merchant_id_edit(text: &str) -> Edit {
    let start = text.find("\"LL2024").unwrap();
    let end = start + text[start + 1..].find('"').unwrap() + 2;
    Edit {
        field: "lianlian.merchant_id".into(),
        span: start..end,
        replacement: "LL2024SZXH0000000000A7K3".into(),
    }
}

#[test]
fn apply_changes_the_value_and_no_other_byte() {
    let (new, applied) = fix::apply(DIRTY, &[merchant_id_edit(DIRTY)]).unwrap();
    assert_eq!(applied, 1);
    assert_eq!(new, FIXED);
}

#[test]
fn apply_keeps_escapes_visible_and_quotes_basic() {
    let text = "format = 1\n[seller]\nlegal_name = 'A\u{2067}B'  # literal\n";
    let start = text.find('\'').unwrap();
    let end = text.rfind('\'').unwrap() + 1;
    let edit = Edit {
        field: "seller.legal_name".into(),
        span: start..end,
        replacement: "A\"B\u{200E}".into(),
    };
    let (new, _) = fix::apply(text, &[edit]).unwrap();
    assert_eq!(
        new,
        "format = 1\n[seller]\nlegal_name = \"A\\\"B\\u200E\"  # literal\n"
    );
}

#[test]
fn write_refuses_a_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, DIRTY).unwrap();
    let stale = DIRTY.replace("kyc_level = 3", "kyc_level = 2");
    assert_eq!(
        fix::write_atomic(&path, stale.as_bytes(), FIXED.as_bytes()),
        Err(FixError::Changed)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DIRTY);
    fix::write_atomic(&path, DIRTY.as_bytes(), FIXED.as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    // Nothing is left behind: the temporary file was renamed over the profile.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["p.toml"]);
}

#[cfg(unix)]
#[test]
fn write_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, DIRTY).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    fix::write_atomic(&path, DIRTY.as_bytes(), FIXED.as_bytes()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn diff_of_the_fix() {
    assert_eq!(
        fix::unified_diff("p.toml", DIRTY, FIXED),
        "--- a/p.toml\n+++ b/p.toml\n@@ -2,6 +2,6 @@\n format = 1\n \n [lianlian]   # account\n\
         -merchant_id = \"LL2024SZXH\u{200B}0000000000A7K3\"    # pasted from the portal\n\
         +merchant_id = \"LL2024SZXH0000000000A7K3\"    # pasted from the portal\n kyc_level = 3\n\
         \x20balance = \"150.00 CNY\"\n"
    );
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = bindcheck()
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .args(["--format", "json", "--as-of", "2026-11-21"])
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn fix_and_diff_leave_files_without_safe_fixes_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let faulty = std::fs::read(fixture("lint/faulty.toml")).unwrap();
    std::fs::write(dir.path().join("p.toml"), &faulty).unwrap();
    let (stdout, _, code) = run(dir.path(), &["p.toml", "--diff"]);
    assert_eq!(stdout, "");
    assert_eq!(code, 0, "--diff exits 1 only when a file would change");
    let (stdout, stderr, code) = run(dir.path(), &["p.toml", "--fix"]);
    assert!(stderr.contains("fixed 0 values in 0 files"), "{stderr}");
    assert!(stdout.contains("\"code\": \"BC003\""), "{stdout}");
    assert_eq!(code, 1);
    assert_eq!(std::fs::read(dir.path().join("p.toml")).unwrap(), faulty);
}

#[test]
fn fix_and_diff_together_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr, code) = run(dir.path(), &["p.toml", "--fix", "--diff"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

/// End to end through the character rules (BC201 gives a safe fix for a zero-width space in
/// an identifier).
#[test]
fn fix_end_to_end_exact_bytes_idempotent_and_diff_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, DIRTY).unwrap();

    let (stdout, _, code) = run(dir.path(), &["p.toml", "--diff"]);
    // The diff is shown like every output: the invisible character it removes is escaped, and
    // a first line says that this display does not apply as it is.
    let diff = fix::unified_diff("p.toml", DIRTY, FIXED);
    assert_eq!(
        stdout,
        format!(
            "# bindcheck: a display diff: invisible, control and unusual whitespace characters are shown escaped (⟨U+200B⟩, ⟨U+00A0⟩), so the hunks that show them, in this file and any below, do not apply as they are; --output-file FILE writes a patch for `git apply`\n{}",
            bindcheck::unicode::escape_keep_newlines(&diff)
        )
    );
    assert!(!stdout.contains('\u{200B}'));
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        DIRTY,
        "--diff writes nothing"
    );

    let (stdout, stderr, _) = run(dir.path(), &["p.toml", "--fix"]);
    assert!(stderr.contains("fixed 1 value in 1 file"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    assert!(
        !stdout.contains("BC201"),
        "what remains is reported: {stdout}"
    );

    let (_, stderr, _) = run(dir.path(), &["p.toml", "--fix"]);
    assert!(stderr.contains("fixed 0 values in 0 files"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
}

/// A file with CRLF line endings: the displayed diff keeps each line's CRLF ending (it is the
/// file's own, not a character to point out), escapes only what the fix changes, and the
/// patch written with --output-file is the file's bytes, CRLF included, and is what --fix does.
#[test]
fn diff_of_a_crlf_file_keeps_its_line_endings() {
    let dirty = DIRTY.replace('\n', "\r\n");
    let fixed = FIXED.replace('\n', "\r\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), &dirty).unwrap();

    let (stdout, _, code) = run(dir.path(), &["p.toml", "--diff"]);
    assert_eq!(code, 1);
    let diff = fix::unified_diff("p.toml", &dirty, &fixed);
    assert!(diff.contains("\"LL2024SZXH0000000000A7K3\"    # pasted from the portal\r\n"));
    let shown = diff.replace('\u{200B}', "⟨U+200B⟩");
    assert_eq!(
        stdout,
        format!(
            "# bindcheck: a display diff: invisible, control and unusual whitespace characters are shown escaped (⟨U+200B⟩, ⟨U+00A0⟩), so the hunks that show them, in this file and any below, do not apply as they are; --output-file FILE writes a patch for `git apply`\n{shown}"
        )
    );
    assert!(!stdout.contains("U+000D"), "{stdout}");

    let (_, _, code) = run(
        dir.path(),
        &["p.toml", "--diff", "--output-file", "fix.patch"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("fix.patch")).unwrap(),
        diff
    );
    run(dir.path(), &["p.toml", "--fix"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.toml")).unwrap(),
        fixed
    );
}
