//! A credential planted anywhere in a profile — a value of any field, inside free text, a key
//! name, a table name, a comment, a suppression code, an array, an inline table, disguised
//! with an invisible character — never appears, nor its last eight characters, in the output
//! of any command in any format or language (with `--show-values` too), nor in any file
//! bindcheck writes. The profile may be valid, invalid for the format, or not TOML at all.
//!
//! Each case runs the real binary about fifteen times; the default number of cases keeps the
//! test well under a minute in a debug build. `PROPTEST_CASES=500` runs more.

mod common;
use common::*;
use proptest::prelude::*;
use std::path::Path;

const DEFAULT_CASES: u32 = 16;

/// The shapes of credentials the built-in rulepack recognises, with random bodies.
fn secret() -> impl Strategy<Value = String> {
    prop_oneof![
        "amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "Atz[ra]\\|[A-Za-z0-9_.-]{20,40}",
        "xox[bp]-[0-9]{12}-[0-9]{13}-[A-Za-z0-9]{24}",
        "AIza[0-9A-Za-z_-]{35}",
        "eyJ[A-Za-z0-9_-]{10,20}\\.eyJ[A-Za-z0-9_-]{10,30}\\.[A-Za-z0-9_-]{20,43}",
        "AKIA[0-9A-Z]{16}",
        "sk_(live|test)_[0-9A-Za-z]{16,32}",
        "gh[pousr]_[0-9A-Za-z]{36,40}",
        "-----BEGIN (RSA |EC )?PRIVATE KEY-----[A-Za-z0-9+/]{24,48}-----END PRIVATE KEY-----",
    ]
}

/// How the credential is disguised where it is written.
#[derive(Debug, Clone)]
enum Disguise {
    None,
    /// This invisible character inserted raw at this character index.
    Raw(usize, char),
    /// The same, written as a TOML escape (`\u200B`) where the place allows one.
    Escaped(usize, char),
}

fn disguise() -> impl Strategy<Value = Disguise> {
    let invisible = prop_oneof![
        Just('\u{200B}'),
        Just('\u{2060}'),
        Just('\u{00AD}'),
        Just('\u{FEFF}')
    ];
    prop_oneof![
        2 => Just(Disguise::None),
        1 => (1usize..30, invisible.clone()).prop_map(|(i, c)| Disguise::Raw(i, c)),
        1 => (1usize..30, invisible).prop_map(|(i, c)| Disguise::Escaped(i, c)),
    ]
}

/// A credential and where it is planted: one of a known shape anywhere, or any text or number
/// under a key whose name says it holds a credential (nothing else tells it is one).
fn planted() -> impl Strategy<Value = (String, Place)> {
    prop_oneof![
        4 => (secret(), place()),
        1 => ("[A-Za-z0-9!@%^*_-]{10,24}", under_key(&["string", "array", "table"])),
        1 => ("[1-9][0-9]{9,15}", under_key(&["number", "array"])),
    ]
}

/// Under a declared or credential-named key (spelt with an invisible or full-width character
/// too), after the n-th line, as one of `kinds` of value.
fn under_key(kinds: &[&'static str]) -> impl Strategy<Value = Place> {
    let keys = vec![
        "api_key",
        "password",
        "mws_auth_token",
        "pass\\u200Bword",
        "ｔｏｋｅｎ",
    ];
    (
        0usize..60,
        prop::sample::select(keys),
        prop::sample::select(kinds.to_vec()),
    )
        .prop_map(|(n, key, kind)| Place::UnderKey(n, key, kind))
}

/// Where the credential is planted.
#[derive(Debug, Clone)]
enum Place {
    /// As the value of the n-th `key = value` line of the profile.
    Value(usize),
    /// Inside the string value of the n-th such line, with words around it.
    InsideValue(usize),
    /// As a key name, after the n-th line.
    KeyName(usize),
    /// As the name of a table.
    Table,
    /// In a comment at the end of the n-th line.
    Comment(usize),
    /// As a suppression's code.
    Suppression,
    /// Under a credential key, as this kind of value, after the n-th line.
    UnderKey(usize, &'static str, &'static str),
    /// As an element of an array of an unknown key, after the n-th line.
    ArrayItem(usize),
}

fn place() -> impl Strategy<Value = Place> {
    let n = 0usize..60;
    prop_oneof![
        3 => n.clone().prop_map(Place::Value),
        2 => n.clone().prop_map(Place::InsideValue),
        1 => n.clone().prop_map(Place::KeyName),
        1 => Just(Place::Table),
        2 => n.clone().prop_map(Place::Comment),
        1 => Just(Place::Suppression),
        2 => under_key(&["string", "array", "table"]),
        1 => n.prop_map(Place::ArrayItem),
    ]
}

/// The credential as written at a place that takes a TOML basic string's contents.
fn in_string(secret: &str, disguise: &Disguise) -> String {
    let (at, ch, escaped) = match disguise {
        Disguise::None => return escape_toml(secret),
        Disguise::Raw(at, ch) => (*at, *ch, false),
        Disguise::Escaped(at, ch) => (*at, *ch, true),
    };
    let at = at.min(secret.chars().count() - 1);
    let (head, tail): (String, String) = (
        secret.chars().take(at).collect(),
        secret.chars().skip(at).collect(),
    );
    let middle = if escaped {
        format!("\\u{:04X}", u32::from(ch))
    } else {
        ch.to_string()
    };
    format!("{}{middle}{}", escape_toml(&head), escape_toml(&tail))
}

/// The credential as written in a comment: escapes mean nothing there, so raw only.
fn in_comment(secret: &str, disguise: &Disguise) -> String {
    match disguise {
        Disguise::None => secret.to_string(),
        Disguise::Raw(at, ch) | Disguise::Escaped(at, ch) => {
            let at = (*at).min(secret.chars().count() - 1);
            let mut out: String = secret.chars().take(at).collect();
            out.push(*ch);
            out.extend(secret.chars().skip(at));
            out
        }
    }
}

fn escape_toml(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The base profile with the credential planted; `broken` makes it not TOML at all.
fn plant(base: &str, secret: &str, disguise: &Disguise, place: &Place, broken: bool) -> String {
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    let values: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let line = lines[i].trim_start();
            !line.starts_with('#') && !line.starts_with('[') && line.contains(" = ")
        })
        .collect();
    let pick = |n: usize| values[n % values.len()];
    let quoted = format!("\"{}\"", in_string(secret, disguise));
    match place {
        Place::Value(n) => {
            let i = pick(*n);
            let key = lines[i].split(" = ").next().unwrap_or_default().to_string();
            lines[i] = format!("{key} = {quoted}");
        }
        Place::InsideValue(n) => {
            let i = pick(*n);
            let line = lines[i].clone();
            lines[i] = match line.find(" = \"") {
                Some(at) => format!(
                    "{} = \"copied: {} (retry){}",
                    &line[..at],
                    in_string(secret, disguise),
                    &line[at + 4..]
                ),
                None => format!(
                    "{} = \"copied: {}\"",
                    line.split(" = ").next().unwrap_or_default(),
                    in_string(secret, disguise)
                ),
            };
        }
        Place::KeyName(n) => lines.insert(pick(*n) + 1, format!("{quoted} = \"x\"")),
        Place::Table => lines.push(format!(
            "[lianlian.{quoted}]\nnote = 1\n[{quoted}.inner]\nx = 2"
        )),
        Place::Comment(n) => {
            let i = n % lines.len();
            let comment = format!(" # pasted {}", in_comment(secret, disguise));
            if lines[i].contains('#') {
                lines.insert(i + 1, comment.trim_start().to_string());
            } else {
                lines[i].push_str(&comment);
            }
        }
        Place::Suppression => lines.push(format!(
            "[[bindcheck.ignore]]\ncode = {quoted}\nreason = \"accepted for now\""
        )),
        Place::UnderKey(n, key, kind) => {
            let value = match *kind {
                "array" => format!("[{quoted}]"),
                "table" => format!("{{ v = {quoted} }}"),
                "number" => secret.to_string(),
                _ => quoted.clone(),
            };
            lines.insert(pick(*n) + 1, format!("\"{key}\" = {value}"));
        }
        Place::ArrayItem(n) => {
            lines.insert(pick(*n) + 1, format!("extra_list = [\"US\", {quoted}]"));
        }
    }
    if broken {
        let at = lines.len() / 2;
        lines.insert(at, "[unclosed".to_string());
    }
    lines.join("\n") + "\n"
}

/// What must never be seen: the credential and its last eight characters, raw or folded (an
/// invisible character in the middle, an escape, another case).
struct Forbidden {
    pieces: Vec<String>,
    folded: Vec<String>,
}

impl Forbidden {
    fn new(secret: &str) -> Self {
        let last8: String = {
            let chars: Vec<char> = secret.chars().collect();
            chars[chars.len() - 8..].iter().collect()
        };
        let pieces = vec![secret.to_string(), last8];
        let folded = pieces
            .iter()
            .map(|p| bindcheck::unicode::Folded::new(p).text)
            .collect();
        Forbidden { pieces, folded }
    }

    fn check(&self, what: &str, output: &str) -> Result<(), TestCaseError> {
        let folded = bindcheck::unicode::Folded::new(output).text;
        for (piece, folded_piece) in self.pieces.iter().zip(&self.folded) {
            prop_assert!(
                !output.contains(piece.as_str()) && !folded.contains(folded_piece.as_str()),
                "{what} shows {piece:?}:\n{output}"
            );
        }
        Ok(())
    }
}

/// Runs bindcheck with `args` in `dir`; stdout and stderr together.
fn run(dir: &Path, args: &[String]) -> String {
    let out = bindcheck()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("bindcheck runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// Every command that reads the profile, each format once, in one of the two languages.
fn commands(zh: bool, show_values: bool, symptom: Option<&str>) -> Vec<Vec<String>> {
    let lang = if zh { "zh" } else { "en" };
    let mut commands = Vec::new();
    for format in ["human", "json", "sarif", "github"] {
        let mut args = strings(&["diagnose", "p.toml", "--format", format, "--lang", lang]);
        if show_values {
            args.push("--show-values".into());
        }
        if let Some(symptom) = symptom {
            args.extend(strings(&["--symptom", symptom]));
        }
        commands.push(args);
    }
    let mut ticket = strings(&["ticket", "p.toml"]);
    if show_values {
        ticket.push("--show-values".into());
    }
    if let Some(symptom) = symptom {
        ticket.extend(strings(&["--symptom", symptom]));
    }
    commands.push(ticket);
    for format in ["concise", "json", "jsonl", "sarif", "github", "junit"] {
        commands.push(strings(&[
            "lint", "p.toml", "--format", format, "--lang", lang,
        ]));
    }
    commands.push(strings(&["lint", "p.toml", "--diff", "--lang", lang]));
    commands.push(strings(&["lint", "p.toml", "--statistics", "--lang", lang]));
    commands
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

const BASES: &[&str] = &[
    include_str!("../fixtures/examples/ozon-lianlian-failing.toml"),
    include_str!("../fixtures/examples/amazon-lianlian-clean.toml"),
    include_str!("../fixtures/examples/ozon-global-pay-clean.toml"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_planted_secret_is_never_printed_or_written(
        base in 0..BASES.len(),
        (secret, place) in planted(),
        disguise in disguise(),
        broken in prop::bool::weighted(0.15),
        zh: bool,
        show_values: bool,
        symptom in prop::bool::weighted(0.2),
    ) {
        let text = plant(BASES[base], &secret, &disguise, &place, broken);
        let forbidden = Forbidden::new(&secret);
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("p.toml");
        std::fs::write(&profile, &text).unwrap();
        let symptom = symptom.then(|| format!("failed after I pasted {secret}"));
        let commands = commands(zh, show_values, symptom.as_deref());
        // The commands only read the profile: run them side by side.
        let outputs: Vec<(String, String)> = std::thread::scope(|scope| {
            let handles: Vec<_> = commands
                .iter()
                .map(|args| scope.spawn(|| (args.join(" "), run(dir.path(), args))))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (what, output) in &outputs {
            forbidden.check(what, output)?;
        }

        // Files bindcheck writes: a baseline, a report file, and the fixed profile.
        let lang = if zh { "zh" } else { "en" };
        run(dir.path(), &strings(&["lint", "p.toml", "--write-baseline", "base.json", "--lang", lang]));
        run(dir.path(), &strings(&["lint", "p.toml", "--format", "json", "--output-file", "report.json"]));
        for written in ["base.json", "report.json"] {
            let content = std::fs::read_to_string(dir.path().join(written)).unwrap_or_default();
            forbidden.check(written, &content)?;
        }
        run(dir.path(), &strings(&["lint", "p.toml", "--fix"]));
        let fixed = std::fs::read_to_string(&profile).unwrap();
        // The profile keeps the credential where its owner wrote it (deleting it is theirs to
        // do), and nowhere else: a fix never copies it, nor takes its disguise off.
        for piece in &forbidden.pieces {
            prop_assert!(
                fixed.matches(piece.as_str()).count() <= text.matches(piece.as_str()).count(),
                "--fix wrote {piece:?} into:\n{fixed}"
            );
        }
    }
}
