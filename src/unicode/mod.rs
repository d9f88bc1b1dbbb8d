//! Character classes and safe output. (Placeholder until the unicode branch lands.)
use std::borrow::Cow;
pub fn is_unsafe_to_print(ch: char) -> bool {
    (ch.is_control() && ch != '\n')
        || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe_to_print(c) || c == '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe_to_print(c) || c == '\n' {
                    format!("⟨U+{:04X}⟩", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}
pub fn escape_keep_newlines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_to_print) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe_to_print(c) {
                    format!("⟨U+{:04X}⟩", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}
