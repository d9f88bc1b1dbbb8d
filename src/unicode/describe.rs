//! Human-readable names of characters, for messages and evidence.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::tables::is_noncharacter;

/// "U+200B ZERO WIDTH SPACE"; where Unicode gives no name, a label in angle brackets:
/// "U+0085 <control>", "U+E000 <private-use>", "U+0378 <unassigned>", "U+FDD0 <noncharacter>".
pub fn describe(ch: char) -> String {
    let cp = u32::from(ch);
    let label = match ch.general_category() {
        GeneralCategory::Control => "<control>".to_string(),
        GeneralCategory::PrivateUse => "<private-use>".to_string(),
        _ if is_noncharacter(ch) => "<noncharacter>".to_string(),
        GeneralCategory::Unassigned => "<unassigned>".to_string(),
        // Names come from Unicode 16.0; characters assigned later still need a label.
        _ => unicode_names2::name(ch).map_or_else(|| "<unnamed>".to_string(), |n| n.to_string()),
    };
    format!("U+{cp:04X} {label}")
}

/// Chinese names of the characters sellers meet in pasted values. Others are named by their
/// script where it is one sellers know (Cyrillic, Greek, full-width forms), else by code point
/// alone: an English name in the middle of a Chinese sentence helps nobody.
const ZH_NAMES: &[(char, &str)] = &[
    ('\u{0}', "空字符"),
    ('\t', "制表符"),
    ('\n', "换行符"),
    ('\r', "回车符"),
    ('\u{A0}', "不换行空格"),
    ('\u{AD}', "软连字符"),
    ('\u{34F}', "组合用字形连接符"),
    ('\u{61C}', "阿拉伯文字母标记"),
    ('\u{180E}', "蒙古文元音分隔符"),
    ('\u{2002}', "半身空格"),
    ('\u{2003}', "全身空格"),
    ('\u{2009}', "窄空格"),
    ('\u{200A}', "极窄空格"),
    ('\u{200B}', "零宽空格"),
    ('\u{200C}', "零宽非连接符"),
    ('\u{200D}', "零宽连接符"),
    ('\u{200E}', "从左到右标记"),
    ('\u{200F}', "从右到左标记"),
    ('\u{2028}', "行分隔符"),
    ('\u{2029}', "段落分隔符"),
    ('\u{202A}', "从左到右嵌入"),
    ('\u{202B}', "从右到左嵌入"),
    ('\u{202C}', "弹出方向格式"),
    ('\u{202D}', "从左到右覆盖"),
    ('\u{202E}', "从右到左覆盖"),
    ('\u{202F}', "窄不换行空格"),
    ('\u{205F}', "中等数学空格"),
    ('\u{2060}', "词连接符"),
    ('\u{2066}', "从左到右隔离"),
    ('\u{2067}', "从右到左隔离"),
    ('\u{2068}', "首强隔离"),
    ('\u{2069}', "弹出方向隔离"),
    ('\u{3000}', "全角空格"),
    ('\u{3164}', "韩文填充符"),
    ('\u{FEFF}', "字节顺序标记（BOM）"),
    ('\u{FFFD}', "替换字符"),
];

/// `describe` in Chinese: "U+200B 零宽空格", "U+0410 西里尔文大写字母 А", "U+FF11 全角字符 １";
/// a character without a Chinese name is its code point alone ("U+2061").
pub fn describe_zh(ch: char) -> String {
    let cp = u32::from(ch);
    if let Some((_, name)) = ZH_NAMES.iter().find(|(c, _)| *c == ch) {
        return format!("U+{cp:04X} {name}");
    }
    let label = match ch.general_category() {
        GeneralCategory::Control => Some("控制字符".to_string()),
        GeneralCategory::PrivateUse => Some("私用区字符".to_string()),
        _ if is_noncharacter(ch) => Some("非字符码位".to_string()),
        GeneralCategory::Unassigned => Some("未分配的码位".to_string()),
        _ if ('\u{FE00}'..='\u{FE0F}').contains(&ch)
            || ('\u{E0100}'..='\u{E01EF}').contains(&ch) =>
        {
            Some("变体选择符".to_string())
        }
        _ if ('\u{E0000}'..='\u{E007F}').contains(&ch) => Some("标签字符".to_string()),
        _ => script_name(ch).map(|script| format!("{script} {ch}")),
    };
    match label {
        Some(label) => format!("U+{cp:04X} {label}"),
        None => format!("U+{cp:04X}"),
    }
}

/// The script of a visible letter, in Chinese, for the scripts look-alikes come from.
fn script_name(ch: char) -> Option<&'static str> {
    let name = unicode_names2::name(ch)?.to_string();
    let case = if name.contains("CAPITAL") {
        "大写字母"
    } else if name.contains("SMALL") {
        "小写字母"
    } else {
        "字符"
    };
    let script = if name.starts_with("CYRILLIC") {
        "西里尔文"
    } else if name.starts_with("GREEK") {
        "希腊文"
    } else if name.starts_with("ARMENIAN") {
        "亚美尼亚文"
    } else if name.starts_with("FULLWIDTH") {
        return Some("全角字符");
    } else if name.starts_with("HALFWIDTH") {
        return Some("半角字符");
    } else if name.starts_with("LATIN") {
        "拉丁文"
    } else {
        return None;
    };
    Some(match (script, case) {
        ("西里尔文", "大写字母") => "西里尔文大写字母",
        ("西里尔文", "小写字母") => "西里尔文小写字母",
        ("希腊文", "大写字母") => "希腊文大写字母",
        ("希腊文", "小写字母") => "希腊文小写字母",
        ("拉丁文", "大写字母") => "拉丁文大写字母",
        ("拉丁文", "小写字母") => "拉丁文小写字母",
        (script, _) => script,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_or_the_code_point_alone() {
        assert_eq!(describe_zh('\u{200B}'), "U+200B 零宽空格");
        assert_eq!(describe_zh('\u{A0}'), "U+00A0 不换行空格");
        assert_eq!(describe_zh('\u{3000}'), "U+3000 全角空格");
        assert_eq!(describe_zh('\u{FEFF}'), "U+FEFF 字节顺序标记（BOM）");
        assert_eq!(describe_zh('\u{AD}'), "U+00AD 软连字符");
        assert_eq!(describe_zh('\u{410}'), "U+0410 西里尔文大写字母 \u{410}");
        assert_eq!(describe_zh('\u{FF11}'), "U+FF11 全角字符 \u{FF11}");
        assert_eq!(describe_zh('\u{85}'), "U+0085 控制字符");
        assert_eq!(describe_zh('\u{E000}'), "U+E000 私用区字符");
        assert_eq!(describe_zh('\u{FE0F}'), "U+FE0F 变体选择符");
        assert_eq!(describe_zh('\u{2061}'), "U+2061");
    }

    #[test]
    fn names_and_fallback_labels() {
        assert_eq!(describe('\u{200B}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(describe('\u{410}'), "U+0410 CYRILLIC CAPITAL LETTER A");
        assert_eq!(describe('\u{85}'), "U+0085 <control>");
        assert_eq!(describe('\0'), "U+0000 <control>");
        assert_eq!(describe('\u{E000}'), "U+E000 <private-use>");
        assert_eq!(describe('\u{378}'), "U+0378 <unassigned>");
        assert_eq!(describe('\u{FDD0}'), "U+FDD0 <noncharacter>");
        assert_eq!(describe('\u{10FFFF}'), "U+10FFFF <noncharacter>");
        assert_eq!(describe('\u{4E2D}'), "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D");
        assert_eq!(describe('\u{1F980}'), "U+1F980 CRAB");
    }
}
