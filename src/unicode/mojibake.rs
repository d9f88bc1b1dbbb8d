//! Mojibake: text that was decoded with the wrong encoding somewhere upstream.

/// A mojibake run found in a value: its char span and, where recoverable, the intended text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mojibake {
    pub start: usize,
    pub len: usize,
    pub intended: Option<String>,
}

/// Windows-1252 bytes 0x80–0x9F that decode to characters outside Latin-1.
const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The byte a char came from if it was produced by decoding with Windows-1252 (or Latin-1,
/// whose C1 controls fill the five holes in Windows-1252). Only bytes ≥ 0x80 matter here.
fn cp1252_byte(ch: char) -> Option<u8> {
    let cp = u32::from(ch);
    if (0x80..=0xFF).contains(&cp) {
        return u8::try_from(cp).ok();
    }
    CP1252_HIGH.iter().find(|&&(c, _)| c == ch).map(|&(_, b)| b)
}

/// Number of UTF-8 bytes announced by a lead byte; None for anything but a multi-byte lead.
fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// If `chars[i..]` starts with the Windows-1252 rendering of one UTF-8 encoded character,
/// the number of chars it spans and the character it meant. A lone "Ã" or "São" never matches:
/// the lead must be followed by the right number of continuation bytes that form valid UTF-8.
fn double_decoded_at(chars: &[char], i: usize) -> Option<(usize, char)> {
    let lead = cp1252_byte(*chars.get(i)?)?;
    let n = utf8_len(lead)?;
    let mut bytes = [0u8; 4];
    for (k, slot) in bytes.iter_mut().enumerate().take(n) {
        let b = cp1252_byte(*chars.get(i + k)?)?;
        if k > 0 && !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
    }
    let decoded = std::str::from_utf8(bytes.get(..n)?).ok()?;
    let mut it = decoded.chars();
    let ch = it.next()?;
    // A sequence that decodes to a C1 control is more likely genuine Latin-1 text than mojibake.
    if it.next().is_some() || ('\u{80}'..='\u{9F}').contains(&ch) {
        return None;
    }
    Some((n, ch))
}

/// GBK/GB18030 mojibake signatures: "锟斤拷" is U+FFFD U+FFFD encoded in UTF-8 and read as
/// GBK; runs of "烫" and "屯" are MSVC debug fill bytes 0xCC / 0xCD read as GBK.
fn signature_at(chars: &[char], i: usize) -> Option<usize> {
    let rest = chars.get(i..)?;
    if rest.starts_with(&['锟', '斤', '拷']) {
        let mut len = 3;
        while rest
            .get(len..)
            .is_some_and(|r| r.starts_with(&['锟', '斤', '拷']))
        {
            len += 3;
        }
        return Some(len);
    }
    for fill in ['烫', '屯'] {
        let run = rest.iter().take_while(|&&c| c == fill).count();
        if run >= 3 {
            return Some(run);
        }
    }
    None
}

/// Every mojibake run in `chars`, in order. Adjacent double-decoded characters form one run
/// whose intended text is the whole decoded string (e.g. "Ã©Ã¨" → "éè").
pub(crate) fn find(chars: &[char]) -> Vec<Mojibake> {
    let mut out: Vec<Mojibake> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = signature_at(chars, i) {
            out.push(Mojibake {
                start: i,
                len,
                intended: None,
            });
            i += len;
            continue;
        }
        if let Some((n, ch)) = double_decoded_at(chars, i) {
            match out.last_mut() {
                Some(last) if last.start + last.len == i && last.intended.is_some() => {
                    last.len += n;
                    if let Some(text) = last.intended.as_mut() {
                        text.push(ch);
                    }
                }
                _ => out.push(Mojibake {
                    start: i,
                    len: n,
                    intended: Some(ch.to_string()),
                }),
            }
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<Mojibake> {
        find(&s.chars().collect::<Vec<_>>())
    }

    fn one(start: usize, len: usize, intended: Option<&str>) -> Vec<Mojibake> {
        vec![Mojibake {
            start,
            len,
            intended: intended.map(str::to_string),
        }]
    }

    #[test]
    fn latin1_double_decoding() {
        assert_eq!(run("CafÃ©"), one(3, 2, Some("é")));
        assert_eq!(run("Donâ€™t"), one(3, 3, Some("’")));
        assert_eq!(run("MÃ¤rz"), one(1, 2, Some("ä")));
        assert_eq!(run("Ã©Ã¨x"), one(0, 4, Some("éè")));
        assert_eq!(run("ÐžÐžÐž"), one(0, 6, Some("ООО")));
        assert_eq!(
            run("\u{E4}\u{B8}\u{AD}\u{E6}\u{2013}\u{87}"),
            one(0, 6, Some("中文"))
        );
        assert_eq!(run("a\u{C2}\u{A0}b"), one(1, 2, Some("\u{A0}")));
    }

    #[test]
    fn gbk_signatures() {
        assert_eq!(run("锟斤拷锟斤拷公司"), one(0, 6, None));
        assert_eq!(run("A烫烫烫烫"), one(1, 4, None));
        assert_eq!(run("屯屯屯"), one(0, 3, None));
    }

    #[test]
    fn genuine_text_is_not_mojibake() {
        for s in [
            "São Paulo Comércio Ltda",
            "Ã",
            "JOÃO",
            "Ã ",
            "Müller GmbH",
            "烫发店",
            "烫烫",
            "锟斤",
            "Crème brûlée",
            "Ærø",
            "深圳市星河科技有限公司",
            "阿卜杜·热合曼",
        ] {
            assert_eq!(run(s), vec![], "{s}");
        }
    }
}
