//! `--protocol jsonl`: the interview for programs — a help-desk form, a chat bot,
//! tests. No prompt reaches a terminal; every message is one JSON object on one line.
//!
//! bindcheck writes:
//! - `{"type": "question", "id": 3, "field": "…", "kind": "text|choice|bool|integer|money|date|list",
//!   "choices": […], "label": "…", "prompt": "…", "help": "…"}`;
//! - `{"type": "cause", "cause": {…}}` for each cause an answer establishes (a cause of the
//!   JSON report, ranked in the profile as it then stands);
//! - `{"type": "taken", "id": 3, "message": "…"}` when an answer is saved as a value other
//!   than the one given ("`2026/12/14` is taken as `2026-12-14`", spaces pasted around a
//!   Merchant ID left out), before the causes it establishes;
//! - `{"type": "invalid", "id": 3, "message": "…"}` for a line it cannot take, then the same
//!   question again — also for an answer with the shape of a credential, which is never saved
//!   nor echoed;
//! - `{"type": "done", "questions": 7, "report": {…}, "next": ["…"]}` at the end, where
//!   `report` is the JSON report of the saved profile, as `diagnose --format json` writes it.
//!
//! It reads one line per question: `{"value": V}` (a string exactly as pasted, money as
//! `"150.00 CNY"`, a date as `"2026-11-20"`, `true` / `false`, a number, a list as an array of
//! strings), `{"skip": true}` ("don't know") or `{"finish": true}`. End of input means finish.
//! Blank lines are ignored.
//!
//! Every line written goes through the escaper, like every other output: a character that
//! must not be written raw appears as `⟨U+200B⟩` inside the JSON string.

use super::engine::{Error, Interview, Outcome, Reply};
use super::{Given, Question};
use crate::report::ReportCause;
use crate::report::words::say;
use crate::rulepack::Lang;
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, Write};

/// Why the protocol stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    /// The interview itself could not go on.
    #[error(transparent)]
    Interview(#[from] Error),
    /// Reading an answer or writing a message failed.
    #[error("cannot read or write the protocol: {0}")]
    Io(#[from] io::Error),
}

/// One message, `type` first.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Message<'a> {
    Question(&'a Question),
    Cause {
        cause: &'a ReportCause,
    },
    Invalid {
        id: usize,
        message: &'a str,
    },
    Taken {
        id: usize,
        message: &'a str,
    },
    Done {
        questions: usize,
        report: &'a Value,
        next: &'a [String],
    },
}

/// Runs `interview` with replies read from `input` and messages written to `output`, up to
/// and including the `done` message, whose `report` is `report` (the JSON report of the
/// saved profile) and `next` the steps to take.
pub fn run(
    interview: &mut Interview,
    lang: Lang,
    mut input: impl BufRead,
    output: &mut dyn Write,
    done: impl FnOnce(&Interview) -> (Value, Vec<String>),
) -> Result<(), ProtocolError> {
    while let Some(question) = interview.question() {
        send(output, &Message::Question(&question))?;
        let reply = loop {
            let mut line = Vec::new();
            if input.read_until(b'\n', &mut line)? == 0 {
                break Reply::Finish;
            }
            match parse(&line, lang) {
                Ok(Some(reply)) => break reply,
                Ok(None) => continue,
                Err(message) => {
                    invalid(output, question.id, &message)?;
                    send(output, &Message::Question(&question))?;
                }
            }
        };
        match interview.reply(reply)? {
            Outcome::Accepted { causes, note, .. } => {
                if let Some(message) = &note {
                    send(
                        output,
                        &Message::Taken {
                            id: question.id,
                            message,
                        },
                    )?;
                }
                for cause in &causes {
                    send(output, &Message::Cause { cause })?;
                }
            }
            Outcome::Invalid(message) => invalid(output, question.id, &message)?,
            Outcome::Skipped => {}
            Outcome::Finished => break,
        }
    }
    let (report, next) = done(interview);
    let questions = interview.questions();
    send(
        output,
        &Message::Done {
            questions,
            report: &report,
            next: &next,
        },
    )?;
    Ok(())
}

fn invalid(output: &mut dyn Write, id: usize, message: &str) -> io::Result<()> {
    send(output, &Message::Invalid { id, message })
}

/// One message on one line, escaped.
fn send(output: &mut dyn Write, message: &Message<'_>) -> io::Result<()> {
    let line = crate::unicode::escape_owned(serde_json::to_string(message)?);
    output.write_all(line.as_bytes())?;
    output.write_all(b"\n")?;
    output.flush()
}

/// The reply on one line; `None` for a blank line; why it is no reply otherwise.
fn parse(line: &[u8], lang: Lang) -> Result<Option<Reply>, String> {
    let shape = || {
        say(
            lang,
            r#"each line is one JSON object: {"value": …}, {"skip": true} or {"finish": true}"#,
            r#"每行一个 JSON 对象：{"value": …}、{"skip": true} 或 {"finish": true}"#,
        )
    };
    let text = std::str::from_utf8(line).map_err(|_| shape())?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let object: serde_json::Map<String, Value> = serde_json::from_str(text).map_err(|_| shape())?;
    if object.get("finish") == Some(&Value::Bool(true)) {
        return Ok(Some(Reply::Finish));
    }
    if object.get("skip") == Some(&Value::Bool(true)) {
        return Ok(Some(Reply::Skip));
    }
    let given = match object.get("value") {
        Some(Value::String(text)) => Given::Text(text.clone()),
        Some(Value::Bool(b)) => Given::Bool(*b),
        Some(Value::Number(n)) => Given::Integer(n.as_i64().ok_or_else(|| value_shape(lang))?),
        Some(Value::Array(items)) => Given::List(
            items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| value_shape(lang))?,
        ),
        Some(_) => return Err(value_shape(lang)),
        None => return Err(shape()),
    };
    Ok(Some(Reply::Value(given)))
}

fn value_shape(lang: Lang) -> String {
    say(
        lang,
        "a value is a string, a whole number, true or false, or an array of strings",
        "value 须为字符串、整数、true 或 false，或字符串数组",
    )
}
