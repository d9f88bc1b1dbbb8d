//! Property tests: the loader and the whole analysis never panic, and every position they
//! report lies inside the file.

use bindcheck::pipeline::{AnalyzeError, AnalyzeOptions, analyze};
use bindcheck::profile::{SecretPolicy, load};
use bindcheck::rulepack::RulePack;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| RulePack::load(None).expect("built-in rulepack loads"))
}

fn secrets() -> SecretPolicy<'static> {
    SecretPolicy::new(pack()).expect("the built-in rulepack describes credentials")
}

const VALID: &str = include_str!("../fixtures/examples/ozon-lianlian-clean.toml");

/// Pieces of TOML syntax and troublesome text spliced into a valid profile.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "\\",
    "\\u200B",
    "\\U0001F600",
    "\\x",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ".",
    ",",
    "#",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{0}",
    "é",
    "深",
    "\u{1F600}",
    "format = 1\n",
    "format = 2\n",
    "[seller]\n",
    "[[bindcheck.ignore]]\n",
    "code = \"BC101\"\n",
    "reason = \"r\"\n",
    "legal_name = \"x\"\n",
    "kyc_level = 99\n",
    "balance = 1.5\n",
    "license_expires = 2031-02-30\n",
    "license_expires = 2031-06-30\n",
    "x = 1979-05-27T07:32:00Z\n",
    "a.b.c = 1\n",
    "0x7f",
    "1e999",
    "-0",
    "9999999999999999999999",
    "true",
    "nan",
    "inf",
    "[seller.deeper]\n",
    "ozon = {}\n",
    "[ozon.payout_account]\naccount_name = \"Y\"\n",
];

fn options() -> AnalyzeOptions {
    AnalyzeOptions {
        as_of: Some(jiff::civil::date(2026, 11, 21)),
        symptom: Some("Invalid Merchant ID".into()),
    }
}

/// Loads and analyses `bytes`; checks every reported position against the text.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match load("p.toml", bytes, &secrets()) {
        Ok((profile, issues)) => {
            let len = profile.source.text.len();
            for issue in &issues {
                prop_assert!(issue.span.start <= issue.span.end && issue.span.end <= len);
            }
            for field in &profile.fields {
                prop_assert!(field.span.end <= len && field.key_span.end <= len);
            }
        }
        Err(error) => {
            prop_assert!(error.offset <= bytes.len());
            prop_assert!(error.position.line >= 1 && error.position.column >= 1);
            for lang in [bindcheck::rulepack::Lang::En, bindcheck::rulepack::Lang::Zh] {
                let message = bindcheck::report::load_error_message(&error, pack(), lang);
                prop_assert!(!message.contains('\n'));
            }
        }
    }
    match analyze("p.toml", bytes, pack(), &options()) {
        Ok(analysis) => {
            let source = &analysis.profile.source;
            let lines = source.text.split('\n').count();
            for ranked in &analysis.ranked {
                let span = &ranked.finding.span;
                prop_assert!(
                    span.start <= span.end && span.end <= source.text.len(),
                    "{} span {:?} outside {} bytes",
                    ranked.finding.code,
                    span,
                    source.text.len()
                );
                for related in &ranked.finding.related {
                    prop_assert!(related.span.end <= source.text.len());
                }
                let position = source.position(span.start);
                prop_assert!(position.line >= 1 && position.line <= lines);
                let line_chars = source.line_text(position.line).chars().count();
                prop_assert!(position.column >= 1 && position.column <= line_chars + 1);
            }
        }
        Err(AnalyzeError::Load(_)) => {}
        Err(AnalyzeError::Policy(e)) => prop_assert!(false, "policy error: {e}"),
    }
    Ok(())
}

/// The char boundary at or before `at` in `text`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), proptest::sample::select(TOKENS)).prop_map(|(at, t)| Edit::Insert(at, t)),
        1 => (any::<usize>(), 0usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (any::<usize>(), 0usize..80).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = text.to_string();
    for edit in edits {
        let len = out.len().max(1);
        match *edit {
            Edit::Insert(at, token) => {
                let at = boundary(&out, at % len);
                out.insert_str(at, token);
            }
            Edit::Delete(at, n) => {
                let start = boundary(&out, at % len);
                let end = boundary(&out, start + n);
                out.replace_range(start..end, "");
            }
            Edit::Duplicate(at, n) => {
                let start = boundary(&out, at % len);
                let end = boundary(&out, start + n);
                let copy = out[start..end].to_string();
                out.insert_str(end, &copy);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_after_a_valid_header(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut all = b"format = 1\n".to_vec();
        all.extend(bytes);
        check(&all)?;
    }

    #[test]
    fn arbitrary_strings(text in "\\PC{0,300}") {
        check(text.as_bytes())?;
        check(format!("format = 1\n{text}").as_bytes())?;
    }

    #[test]
    fn toml_shaped_strings(text in "(format = 1\n)?(\\[[a-z_.]{1,30}\\]\n)?([a-z_]{1,24} = (\"[^\"\\\\]{0,20}\"|[0-9]{1,4}|true|\\[\\]|2031-06-30)\n){0,8}") {
        check(text.as_bytes())?;
    }

    #[test]
    fn mutations_of_a_valid_profile(edits in proptest::collection::vec(edit(), 1..8)) {
        check(apply(VALID, &edits).as_bytes())?;
    }

    #[test]
    fn mutated_values_in_every_field(value in "\\PC{0,40}", index in any::<prop::sample::Index>()) {
        // Replace one string value of the valid profile with arbitrary text, escaped as TOML.
        let quoted: Vec<(usize, usize)> = VALID
            .match_indices(" = \"")
            .filter_map(|(i, m)| {
                let start = i + m.len();
                VALID[start..].find('"').map(|end| (start, start + end))
            })
            .collect();
        let (start, end) = quoted[index.index(quoted.len())];
        let escaped: String = value
            .chars()
            .map(|c| match c {
                '"' => "\\\"".to_string(),
                '\\' => "\\\\".to_string(),
                c if c.is_control() => format!("\\u{:04X}", c as u32),
                c => c.to_string(),
            })
            .collect();
        let text = format!("{}{}{}", &VALID[..start], escaped, &VALID[end..]);
        check(text.as_bytes())?;
    }
}

/// The mutation tests start from a profile that loads, so they exercise the rules and not only
/// the parser's error path.
#[test]
fn the_unmutated_profile_loads_and_passes_the_check() {
    let (profile, issues) = load("p.toml", VALID.as_bytes(), &secrets()).expect("loads");
    assert_eq!(issues, Vec::new());
    assert_eq!(profile.text("lianlian.kyc_level"), None);
    assert_eq!(profile.integer("lianlian.kyc_level"), Some(3));
    check(VALID.as_bytes()).expect("positions inside the file");
    assert_eq!(apply(VALID, &[Edit::Insert(0, "#")]), format!("#{VALID}"));
}
