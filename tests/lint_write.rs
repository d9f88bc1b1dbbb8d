//! What `lint --fix` does to the files it writes and the folders it walks, as a user sees it:
//! a file without a final newline is fixed and keeps that, owner, group, mode and hard links
//! survive, a killed run's temporary file is removed by the next run, and a FIFO named
//! `*.toml` in a folder is reported, not skipped.

mod common;
use common::*;
use std::path::Path;

/// A profile with a zero-width space in the Merchant ID (BC201 has a safe fix for it).
const DIRTY: &str = "format = 1\n[lianlian]\nmerchant_id = \"LL2024SZXH\u{200B}0000000000A7K3\"";
const FIXED: &str = "format = 1\n[lianlian]\nmerchant_id = \"LL2024SZXH0000000000A7K3\"";

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file without a final newline (as many editors save them) is fixed, and still has none;
/// `--diff` shows the change and says the last line has no newline.
#[test]
fn a_file_without_a_final_newline_is_fixed_and_keeps_it() {
    for (dirty, fixed) in [
        (DIRTY.to_string(), FIXED.to_string()),
        (DIRTY.replace('\n', "\r\n"), FIXED.replace('\n', "\r\n")),
        (format!("{DIRTY}  # pasted"), format!("{FIXED}  # pasted")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, &dirty).unwrap();
        let (stdout, _, code) = lint_in(dir.path(), &["p.toml", "--diff"]);
        assert_eq!(code, 1, "{stdout}");
        assert!(stdout.contains("\\ No newline at end of file"), "{stdout}");
        let (_, stderr, code) = lint_in(dir.path(), &["p.toml", "--fix"]);
        assert!(stderr.contains("fixed 1 value in 1 file"), "{stderr}");
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    }
}

/// Owner, group and mode of the fixed file are those of the file it replaces (the tests run as
/// root, who may give a file to anyone).
#[cfg(unix)]
#[test]
fn fix_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, DIRTY).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    let is_root = std::fs::metadata(dir.path()).unwrap().uid() == 0
        && std::os::unix::fs::chown(&path, Some(4242), Some(4343)).is_ok();
    let before = std::fs::metadata(&path).unwrap();
    let (_, stderr, _) = lint_in(dir.path(), &["p.toml", "--fix"]);
    assert!(stderr.contains("fixed 1 value in 1 file"), "{stderr}");
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    assert_ne!(after.ino(), before.ino(), "written through a new file");
    assert_eq!(after.mode() & 0o7777, 0o604);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if is_root {
        assert_eq!((after.uid(), after.gid()), (4242, 4343));
    }
}

/// A file with several hard links is rewritten in place: every name sees the fix.
#[cfg(unix)]
#[test]
fn fix_keeps_hard_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let other = dir.path().join("shared-copy.txt");
    std::fs::write(&path, DIRTY).unwrap();
    std::fs::hard_link(&path, &other).unwrap();
    let before = std::fs::metadata(&path).unwrap();
    let (_, stderr, _) = lint_in(dir.path(), &["p.toml", "--fix"]);
    assert!(stderr.contains("fixed 1 value in 1 file"), "{stderr}");
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!((after.ino(), after.nlink()), (before.ino(), 2));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), FIXED);
    assert_eq!(names_in(dir.path()), ["p.toml", "shared-copy.txt"]);
}

/// A temporary file of a run that was killed (its process is gone) is removed by the next run
/// that writes in that folder; one of a live process, and files merely named alike, are not.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_runs_temporary_file_is_removed_by_the_next_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), DIRTY).unwrap();
    // A process id that is not running: one past the kernel's largest.
    let max: u32 = std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .map_or(4_194_304, |s| s.trim().parse().unwrap_or(4_194_304));
    let dead = format!(".p.toml.bindcheck-{}-0.tmp", max + 1);
    let alive = format!(".p.toml.bindcheck-{}-0.tmp", std::process::id());
    for name in [&dead, &alive, &".p.toml.bindcheck-x-0.tmp".to_string()] {
        std::fs::write(dir.path().join(name), "half a profile").unwrap();
    }
    let (_, stderr, _) = lint_in(dir.path(), &["p.toml", "--fix"]);
    assert!(stderr.contains("fixed 1 value in 1 file"), "{stderr}");
    assert_eq!(
        names_in(dir.path()),
        [alive.as_str(), ".p.toml.bindcheck-x-0.tmp", "p.toml"]
    );
}

/// A FIFO named `*.toml` inside a folder is reported as it is when named: not a regular file,
/// exit 2, and reading it never blocks.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_reported_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    std::fs::write(profiles.join("a.toml"), FIXED).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(profiles.join("b.toml"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    let (stdout, _, code) = lint_in(dir.path(), &["profiles"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fifo = &json["files"][1];
    assert_eq!(fifo["path"], "profiles/b.toml");
    assert_eq!(fifo["status"], "unreadable");
    assert_eq!(fifo["findings"][0]["code"], "BC001");
    assert_eq!(fifo["findings"][0]["message"], "not a regular file");
    assert_eq!(code, 2);
}
