//! The interview on a terminal, with `cliclack` prompts (on stderr; the diagnosis goes to
//! stdout like `diagnose`'s).
//!
//! cliclack edits by character and redraws each prompt whole, measuring lines by display
//! width, so typing Chinese and deleting it with backspace keeps the line right. Its theme is
//! replaced by one that escapes what is shown of an answer while it is typed: a pasted
//! zero-width space is kept in the answer, and shows as `⟨U+200B⟩` the moment it arrives; no
//! invisible, bidi or control character is ever echoed raw. Every text it draws (questions,
//! reasons, causes, notes, the last words) is wrapped to the terminal's width beside the `│`
//! gutter by the interview itself, so the terminal never breaks a line mid-word outside it.
//!
//! A credential pasted by mistake is never shown: from the first characters that begin one it
//! shows as the secret marker, and the engine refuses it when it is submitted, so the question
//! comes again on an empty line.
//!
//! Keys: Enter on an empty answer is "don't know"; `?` shows why the question is asked; `!`
//! finishes and diagnoses what was answered; Esc or Ctrl-C stops, keeping every answer in the
//! saved profile for the same command to continue.

use super::engine::{Error, Interview, Outcome, PLATFORM_FIELD, Reply, SYMPTOM_FIELD};
use super::{Given, Question, QuestionKind};
use crate::report::words::say;
use crate::report::{ReportCause, words};
use crate::rulepack::{Lang, Severity};
use cliclack::{StringCursor, Theme, ThemeState};
use std::io;

/// How the interview on the terminal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Every question that mattered was answered, or the person finished early.
    Done,
    /// Esc or Ctrl-C: the answers so far are saved.
    Stopped,
}

/// Why the terminal interview could not go on.
#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    /// The interview itself could not go on.
    #[error(transparent)]
    Interview(#[from] Error),
    /// The terminal could not be read or written.
    #[error("cannot use the terminal: {0}")]
    Io(io::Error),
}

/// What the person did at one prompt.
enum Asked {
    Reply(Reply),
    Stop,
}

/// What a select item stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pick {
    Value(String),
    Yes,
    No,
    /// The symptom question: something not in the list.
    Other,
    Skip,
    Why,
    Finish,
}

/// Runs the interview on the terminal.
pub fn run(interview: &mut Interview, lang: Lang) -> Result<End, TerminalError> {
    cliclack::set_theme(Escaping {
        lang,
        credential: Box::new(interview.credential_start()),
    });
    // Ctrl-C at a prompt is read as a key, and the key reader then raises SIGINT, which would
    // end the process at once: the cursor left hidden, and no word about the saved answers.
    // With the signal caught, the prompt ends as Esc ends it, and the interview stops politely.
    let _ = ctrlc::set_handler(|| {});
    let io = TerminalError::Io;
    cliclack::intro(say(lang, "bindcheck interview", "bindcheck 问答诊断")).map_err(io)?;
    cliclack::log::remark(keys(lang, interview.path())).map_err(io)?;
    while let Some(question) = interview.question() {
        let reply = match ask(interview, &question, lang).map_err(io)? {
            Asked::Reply(reply) => reply,
            Asked::Stop => {
                let path = interview.path();
                cliclack::outro_cancel(say(
                    lang,
                    format!(
                        "Stopped. Every answer is kept in {path}: run the same command to continue."
                    ),
                    format!("已停止。所有回答都保存在 {path} 中：再次运行同一命令即可继续。"),
                ))
                .map_err(io)?;
                return Ok(End::Stopped);
            }
        };
        match interview.reply(reply)? {
            Outcome::Accepted {
                causes,
                flags,
                note,
            } => {
                if let Some(note) = note {
                    cliclack::log::info(note).map_err(io)?;
                }
                for flag in flags {
                    cliclack::log::warning(flag).map_err(io)?;
                }
                for cause in causes {
                    show_cause(&cause, lang).map_err(io)?;
                }
            }
            Outcome::Invalid(message) => cliclack::log::error(message).map_err(io)?,
            Outcome::Skipped | Outcome::Finished => {}
        }
    }
    cliclack::outro(say(
        lang,
        format!(
            "{} questions. The diagnosis of {} follows.",
            interview.questions(),
            interview.path()
        ),
        format!(
            "共 {} 个问题。以下是 {} 的诊断。",
            interview.questions(),
            interview.path()
        ),
    ))
    .map_err(io)?;
    Ok(End::Done)
}

fn keys(lang: Lang, path: &str) -> String {
    say(
        lang,
        format!(
            "Each answer is saved to {path} at once.\nEnter with no answer = don't know · ? = why this is asked · ! = finish and diagnose · Esc or Ctrl-C = stop (the same command continues)"
        ),
        format!(
            "每个回答都会立即保存到 {path}。\n直接回车 = 不知道 · ? = 为什么问这个 · ! = 结束并诊断 · Esc 或 Ctrl-C = 暂停（再次运行同一命令即可继续）"
        ),
    )
}

fn ask(interview: &Interview, question: &Question, lang: Lang) -> io::Result<Asked> {
    loop {
        let header = format!("{}\n{}", question.label, question.prompt);
        let picked = match question.kind {
            QuestionKind::Choice | QuestionKind::Bool => select(question, &header, lang)?,
            QuestionKind::Text if !question.choices.is_empty() => select(question, &header, lang)?,
            _ => type_in(interview, &header, lang)?,
        };
        let picked = match picked {
            Some(Pick::Other) => type_in(interview, &header, lang)?,
            other => other,
        };
        let reply = match picked {
            None => return Ok(Asked::Stop),
            Some(Pick::Why) => {
                cliclack::note(
                    say(lang, "Why this is asked", "为什么问这个"),
                    &question.help,
                )?;
                continue;
            }
            Some(Pick::Value(text)) => Reply::Value(Given::Text(text)),
            Some(Pick::Yes) => Reply::Value(Given::Bool(true)),
            Some(Pick::No) => Reply::Value(Given::Bool(false)),
            Some(Pick::Skip) => Reply::Skip,
            Some(Pick::Finish) | Some(Pick::Other) => Reply::Finish,
        };
        return Ok(Asked::Reply(reply));
    }
}

/// A choice from a list; `None` for Esc / Ctrl-C.
fn select(question: &Question, header: &str, lang: Lang) -> io::Result<Option<Pick>> {
    let mut items: Vec<(Pick, String, String)> = Vec::new();
    match question.kind {
        QuestionKind::Bool => {
            items.push((Pick::Yes, say(lang, "Yes", "是"), String::new()));
            items.push((Pick::No, say(lang, "No", "否"), String::new()));
        }
        _ => {
            for (value, label) in question.choices.iter().zip(&question.choice_labels) {
                // A platform or enum value is shown with what it means; a symptom is its words.
                let hint = if label != value && question.field != SYMPTOM_FIELD {
                    value.clone()
                } else {
                    String::new()
                };
                items.push((Pick::Value(value.clone()), label.clone(), hint));
            }
        }
    }
    if question.field == SYMPTOM_FIELD {
        items.push((
            Pick::Other,
            say(
                lang,
                "Something else: type what was shown",
                "其他：输入看到的提示",
            ),
            String::new(),
        ));
    }
    let skip = if question.field == PLATFORM_FIELD {
        say(
            lang,
            "Don't know (LianLian on Ozon)",
            "不知道（按 Ozon 绑定连连处理）",
        )
    } else {
        say(lang, "Don't know", "不知道")
    };
    items.push((Pick::Skip, skip, String::new()));
    items.push((
        Pick::Why,
        say(lang, "Why is this asked?", "为什么问这个？"),
        String::new(),
    ));
    items.push((
        Pick::Finish,
        say(
            lang,
            "Finish: diagnose what was answered",
            "结束：诊断已回答的内容",
        ),
        String::new(),
    ));
    let mut prompt = cliclack::select(header);
    for (pick, label, hint) in items {
        prompt = prompt.item(pick, label, hint);
    }
    stopped_as_none(prompt.interact())
}

/// A typed answer; `None` for Esc / Ctrl-C. The answer is checked as it is submitted, and a
/// wrong one is kept on the line with the reason under it, to be corrected.
fn type_in(interview: &Interview, header: &str, lang: Lang) -> io::Result<Option<Pick>> {
    let check = interview.validator();
    let placeholder = say(
        lang,
        "Enter = don't know · ? = why",
        "回车 = 不知道 · ? = 为什么",
    );
    let typed: Option<String> = stopped_as_none(
        cliclack::input(header)
            .placeholder(&placeholder)
            .required(false)
            .validate(move |text: &String| match text.as_str() {
                "" | "?" | "!" => Ok(()),
                text => check(text),
            })
            .interact(),
    )?;
    Ok(typed.map(|text| match text.as_str() {
        "" => Pick::Skip,
        "?" => Pick::Why,
        "!" => Pick::Finish,
        _ => Pick::Value(text),
    }))
}

/// Esc and Ctrl-C end a cliclack prompt with `Interrupted`.
fn stopped_as_none<T>(result: io::Result<T>) -> io::Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(e) => Err(e),
    }
}

/// A cause as soon as it is established: its title, then its first step.
fn show_cause(cause: &ReportCause, lang: Lang) -> io::Result<()> {
    let heading = say(lang, "Cause found", "发现原因");
    let colon = words::colon(lang);
    let mut text = format!("{heading}{colon}{}", cause.title);
    if let Some(step) = cause.remediation.first() {
        text.push('\n');
        text.push_str(step);
    }
    match cause.severity {
        Severity::Error => cliclack::log::error(text),
        Severity::Warning => cliclack::log::warning(text),
        Severity::Info => cliclack::log::info(text),
    }
}

/// Where a credential starts in a text, if it holds one.
type CredentialStart = dyn Fn(&str) -> Option<usize> + Send + Sync;

/// cliclack's own theme, but what is typed is shown escaped, or as the secret marker while it
/// holds a credential (a pasted token is never on the screen, and the engine refuses it), and
/// the words it adds are in the interview's language.
struct Escaping {
    lang: Lang,
    /// Where a credential starts in what is typed ([`Interview::credential_start`]).
    credential: Box<CredentialStart>,
}

/// The default theme, to draw with.
struct Clack;

impl Theme for Clack {}

/// The columns a prompt's gutter takes (`│  `, `◆  `, `└  `).
const GUTTER: usize = 3;

/// How many columns text has beside the gutter: `COLUMNS`, else the width of the terminal the
/// prompts are drawn on (stderr), as the reports measure theirs.
fn room() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    let terminal = terminal_size::terminal_size_of(io::stderr()).map(|(w, _)| usize::from(w.0));
    crate::report::Terminal::width_for(columns.as_deref(), terminal).saturating_sub(GUTTER)
}

/// `text` wrapped to `width` columns line by line (Chinese between characters, English between
/// words), so that the terminal never breaks a line itself: each line then gets the gutter,
/// and a prompt redrawn erases exactly the lines it drew.
fn fit(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| crate::report::layout::wrap(line, width, "", ""))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Theme for Escaping {
    fn format_header(&self, state: &ThemeState, prompt: &str) -> String {
        Clack.format_header(state, &fit(prompt, room()))
    }

    fn format_log(&self, text: &str, symbol: &str) -> String {
        Clack.format_log(&fit(text, room()), symbol)
    }

    fn format_note(&self, prompt: &str, message: &str) -> String {
        // The note's box takes a border and a space on the right.
        Clack.format_note(prompt, &fit(message, room().saturating_sub(GUTTER)))
    }

    fn format_outro(&self, message: &str) -> String {
        Clack.format_outro(&hanging(message))
    }

    fn format_outro_cancel(&self, message: &str) -> String {
        Clack.format_outro_cancel(&hanging(message))
    }

    fn format_input(&self, state: &ThemeState, cursor: &StringCursor) -> String {
        let text = cursor.to_string();
        match (self.credential)(&text) {
            Some(start) => {
                let mut hidden = StringCursor::default();
                let before = text.get(..start).unwrap_or_default();
                for ch in crate::unicode::escape(before).chars() {
                    hidden.insert(ch);
                }
                for ch in words::secret_marker(self.lang).chars() {
                    hidden.insert(ch);
                }
                Clack.format_input(state, &hidden)
            }
            None => Clack.format_input(state, &escaped(cursor)),
        }
    }

    fn format_footer_with_message(&self, state: &ThemeState, message: &str) -> String {
        match state {
            // The interview's own last words say it stopped, once (`run`).
            ThemeState::Cancel => Clack.format_footer_with_message(&ThemeState::Submit, ""),
            ThemeState::Error(reason) => {
                Clack.format_footer_with_message(&ThemeState::Error(hanging(reason)), message)
            }
            _ => Clack.format_footer_with_message(state, message),
        }
    }
}

/// A last line (`└  …`: an outro, a reason under an answer) wrapped, its next lines indented
/// under its first, where no gutter runs any more.
fn hanging(text: &str) -> String {
    fit(text, room()).replace('\n', &format!("\n{}", " ".repeat(GUTTER)))
}

/// The cursor's text with every character that must not be shown raw escaped, the cursor on
/// the first character of the escape of the character it was on.
fn escaped(cursor: &StringCursor) -> StringCursor {
    let (left, at, right) = cursor.split();
    let mut shown = StringCursor::default();
    // `insert` moves the cursor past what it inserts; `extend` leaves it where it is.
    for ch in crate::unicode::escape(&left).chars() {
        shown.insert(ch);
    }
    // `split` shows a space for a cursor past the end; it is no character of the text.
    if cursor.current().is_some() {
        shown.extend(&crate::unicode::escape(&at));
        shown.extend(&crate::unicode::escape(&right));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is shown of an answer being typed: escapes for what must not be shown raw, and
    /// the cursor where it was.
    #[test]
    fn typed_answers_are_shown_escaped_with_the_cursor_in_place() {
        let mut cursor = StringCursor::default();
        for ch in "A\u{200B}B".chars() {
            cursor.insert(ch);
        }
        let shown = escaped(&cursor);
        assert_eq!(shown.to_string(), "A⟨U+200B⟩B");
        assert_eq!(shown.current(), None);
        cursor.move_left();
        cursor.move_left();
        let shown = escaped(&cursor);
        assert_eq!(shown.to_string(), "A⟨U+200B⟩B");
        assert_eq!(shown.current(), Some('⟨'));
        let (left, at, right) = shown.split();
        assert_eq!(
            (left.as_str(), at.as_str(), right.as_str()),
            ("A", "⟨", "U+200B⟩B")
        );
    }
}
