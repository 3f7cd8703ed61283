//! Numbered markers at the start of a line: 一、 （一）/(一) ㈠ 1. 1、 1． （1）/(1)
//! 1） ① ⑴ ⒈ 1.1, and the 第一章 / 第一节 / 第一条 / 第一部分 of regulations.
//!
//! Half- and full-width brackets and punctuation are equivalent: `（一)` and
//! `(一）` are the same style as `（一）`, and `1．` is the same style as `1.`.
//!
//! ```
//! use zhengce::layout::markers::{marker_at, Style};
//! let m = marker_at("（三）完善制度").unwrap();
//! assert_eq!((m.style, m.ordinal), (Style::CnParen, 3));
//! assert_eq!(&"（三）完善制度"[m.text_start..], "完善制度");
//! ```

pub use crate::model::facts::Style;
use crate::text::numbers::{cn_digit, digit_value, parse_cn_int, read_digits};

/// A marker found at the start of a line. Offsets are bytes into the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub style: Style,
    /// The ordinal as written (第二十九条 → 29, ③ → 3, 1.2.11 → 11).
    pub ordinal: u32,
    /// For outline markers, every part (1.2.11 → [1, 2, 11]).
    pub parts: Vec<u32>,
    /// End of the marker itself (its closing punctuation included).
    pub end: usize,
    /// Start of the text after the marker and any white space.
    pub text_start: usize,
}

const MAX_ORDINAL: u32 = 999;

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn skip_space(s: &str, mut i: usize) -> usize {
    while let Some(c) = s[i..].chars().next() {
        if is_space(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn take_while(s: &str, i: usize, f: impl Fn(char) -> bool) -> usize {
    let mut j = i;
    for c in s[i..].chars() {
        if f(c) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

/// The value of a run of Arabic digits (the whole of `s`).
fn arabic_value(s: &str) -> Option<u32> {
    read_digits(s, 0).filter(|&(_, end)| end == s.len()).map(|(v, _)| v)
}

fn cn_marker_value(s: &str) -> Option<u32> {
    // 两 is never used to number a list.
    if s.contains('两') || s.is_empty() {
        return None;
    }
    let v = parse_cn_int(s)?;
    (v as u32 <= MAX_ORDINAL && v > 0).then_some(v as u32)
}

fn finish(style: Style, ordinal: u32, parts: Vec<u32>, line: &str, end: usize) -> Option<Marker> {
    if ordinal == 0 || ordinal > MAX_ORDINAL {
        return None;
    }
    Some(Marker { style, ordinal, parts, end, text_start: skip_space(line, end) })
}

/// Recognise a numbered marker at the very start of `line` (which has no
/// leading white space). The first character decides which family of markers
/// (GB/T 9704-2012 §7.3.3 levels 一、 （一） 1. （1）, the 第X章/条 of regulations,
/// enclosed numerals of word processors) the line can start with.
pub fn marker_at(line: &str) -> Option<Marker> {
    let first = line.chars().next()?;
    if let Some(m) = enclosed_marker(line, first) {
        return Some(m);
    }
    match first {
        '第' => chapter_marker(line, first),
        '（' | '(' => bracketed_marker(line, first),
        _ if cn_digit(first).is_some() || first == '十' => cn_comma_marker(line),
        _ if digit_value(first).is_some() => arabic_marker(line),
        _ => None,
    }
}

/// Single-character markers: ① ⑴ ⒈ ㈠ and the circled numbers above 20, as
/// word processors type list numbers.
fn enclosed_marker(line: &str, first: char) -> Option<Marker> {
    let u = first as u32;
    let (style, ordinal) = match u {
        0x2460..=0x2473 => (Style::Circled, u - 0x2460 + 1),
        0x3251..=0x325F => (Style::Circled, u - 0x3251 + 21),
        0x32B1..=0x32BF => (Style::Circled, u - 0x32B1 + 36),
        0x2474..=0x2487 => (Style::ArabicParen, u - 0x2474 + 1),
        0x2488..=0x249B => (Style::ArabicDot, u - 0x2488 + 1),
        0x3220..=0x3229 => (Style::CnParen, u - 0x3220 + 1),
        // Dingbat circled numerals ❶ ➀ ➊ (negative, sans-serif) are typed as ①.
        0x2776..=0x277F => (Style::Circled, u - 0x2776 + 1),
        0x2780..=0x2789 => (Style::Circled, u - 0x2780 + 1),
        0x278A..=0x2793 => (Style::Circled, u - 0x278A + 1),
        _ => return None,
    };
    finish(style, ordinal, vec![], line, first.len_utf8())
}

/// 第X章 / 节 / 条 / 部分 / 篇: the divisions of regulations and long plans.
fn chapter_marker(line: &str, first: char) -> Option<Marker> {
    let i = first.len_utf8();
    let j = take_while(line, i, |c| cn_digit(c).is_some() || matches!(c, '十' | '百') || digit_value(c).is_some());
    if j == i {
        return None;
    }
    let num = &line[i..j];
    let ordinal = if num.chars().all(|c| digit_value(c).is_some()) { arabic_value(num)? } else { cn_marker_value(num)? };
    let rest = &line[j..];
    let (style, len) = if rest.starts_with('章') {
        (Style::Chapter, '章'.len_utf8())
    } else if rest.starts_with('节') {
        (Style::Section, '节'.len_utf8())
    } else if rest.starts_with("部分") {
        (Style::Part, "部分".len())
    } else if rest.starts_with('篇') {
        (Style::Part, '篇'.len_utf8())
    } else if rest.starts_with('条') {
        (Style::Article, '条'.len_utf8())
    } else {
        return None;
    };
    let end = j + len;
    // "第一条规定" in running text is not a heading: an article marker is
    // followed by white space, punctuation or the end of the line.
    let after = line[end..].chars().next();
    let ok = match after {
        None => true,
        Some(c) => is_space(c) || matches!(c, '：' | ':' | '　' | '、' | '.' | '．') || style != Style::Article,
    };
    if !ok {
        return None;
    }
    let end = match after {
        Some(c @ ('：' | ':' | '、' | '.' | '．')) => end + c.len_utf8(),
        _ => end,
    };
    finish(style, ordinal, vec![], line, end)
}

/// Bracketed: （一） (一) （1） (1), brackets of either width, mismatched allowed
/// (exports and OCR mix full- and half-width brackets).
fn bracketed_marker(line: &str, first: char) -> Option<Marker> {
    let i = skip_space(line, first.len_utf8());
    let j = take_while(line, i, |c| cn_digit(c).is_some() || matches!(c, '十' | '百'));
    let k = take_while(line, i, |c| digit_value(c).is_some());
    let (style, end_num) = if j > i {
        (Style::CnParen, j)
    } else if k > i {
        (Style::ArabicParen, k)
    } else {
        return None;
    };
    let num = &line[i..end_num];
    let ordinal = if style == Style::CnParen { cn_marker_value(num)? } else { arabic_value(num)? };
    let close = skip_space(line, end_num);
    let c = line[close..].chars().next()?;
    if c != '）' && c != ')' {
        return None;
    }
    finish(style, ordinal, vec![], line, close + c.len_utf8())
}

/// A Chinese numeral followed by 、 or a dot: 一、 十二、 一． (the first level of GB/T 9704).
fn cn_comma_marker(line: &str) -> Option<Marker> {
    let j = take_while(line, 0, |c| cn_digit(c).is_some() || matches!(c, '十' | '百'));
    let c = line[j..].chars().next()?;
    // 、 and its compatibility forms (﹑ small, ､ half-width), the full stop
    // of either width or its small form (﹒): all are typed after the numeral.
    if !matches!(c, '、' | '﹑' | '､' | '.' | '．' | '﹒') {
        return None;
    }
    let ordinal = cn_marker_value(&line[..j])?;
    finish(Style::CnComma, ordinal, vec![], line, j + c.len_utf8())
}

/// Arabic: 1. 1． 1、 1） 1) and outline numbering 1.1 1.2.3.
fn arabic_marker(line: &str) -> Option<Marker> {
    let j = take_while(line, 0, |c| digit_value(c).is_some());
    let ordinal = arabic_value(&line[..j])?;
    let c = line[j..].chars().next()?;
    match c {
        '、' | '﹑' | '､' => finish(Style::ArabicComma, ordinal, vec![], line, j + c.len_utf8()),
        '﹒' => finish(Style::ArabicDot, ordinal, vec![], line, j + c.len_utf8()),
        '）' | ')' => finish(Style::ArabicHalfParen, ordinal, vec![], line, j + c.len_utf8()),
        '.' | '．' => outline_marker(line, ordinal, j + c.len_utf8()),
        _ => None,
    }
}

/// An Arabic dot marker (1.) or an outline marker 1.2 / 1.2.3: more digit groups separated by dots
/// after the first number (`ordinal`, whose dot ends at `end`).
fn outline_marker(line: &str, ordinal: u32, mut end: usize) -> Option<Marker> {
    let mut parts = vec![ordinal];
    loop {
        let k = take_while(line, end, |c| digit_value(c).is_some());
        if k == end {
            break;
        }
        parts.push(arabic_value(&line[end..k])?);
        end = k;
        match line[end..].chars().next() {
            Some(d @ ('.' | '．')) if line[end + d.len_utf8()..].chars().next().and_then(digit_value).is_some() => {
                end += d.len_utf8();
            }
            Some(d @ ('.' | '．')) => {
                end += d.len_utf8();
                break;
            }
            _ => break,
        }
    }
    if parts.len() == 1 {
        return finish(Style::ArabicDot, ordinal, vec![], line, end);
    }
    // "1.3倍" at a line start is a number, not an outline marker: an
    // outline marker is followed by white space or the line ends there.
    let after = line[end..].chars().next();
    let spaced = after.is_none_or(is_space) || line[..end].ends_with(['.', '．']);
    if !spaced || parts.len() > 6 || parts.iter().any(|&p| p == 0 || p > MAX_ORDINAL) {
        return None;
    }
    let last = *parts.last().unwrap();
    finish(Style::Outline(parts.len() as u8), last, parts, line, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(Style, u32, String)> {
        marker_at(s).map(|m| (m.style, m.ordinal, s[m.text_start..].to_string()))
    }

    #[test]
    fn styles() {
        assert_eq!(m("一、总体要求"), Some((Style::CnComma, 1, "总体要求".into())));
        assert_eq!(m("十二、加强"), Some((Style::CnComma, 12, "加强".into())));
        assert_eq!(m("（一）着力"), Some((Style::CnParen, 1, "着力".into())));
        assert_eq!(m("(二十一)强化"), Some((Style::CnParen, 21, "强化".into())));
        assert_eq!(m("（三)混合"), Some((Style::CnParen, 3, "混合".into())));
        assert_eq!(m("㈢三"), Some((Style::CnParen, 3, "三".into())));
        assert_eq!(m("1.进一步"), Some((Style::ArabicDot, 1, "进一步".into())));
        assert_eq!(m("１２．全角"), Some((Style::ArabicDot, 12, "全角".into())));
        assert_eq!(m("1、切实"), Some((Style::ArabicComma, 1, "切实".into())));
        assert_eq!(m("(1) 开展"), Some((Style::ArabicParen, 1, "开展".into())));
        assert_eq!(m("（12）开展"), Some((Style::ArabicParen, 12, "开展".into())));
        assert_eq!(m("3）开展"), Some((Style::ArabicHalfParen, 3, "开展".into())));
        assert_eq!(m("③落实"), Some((Style::Circled, 3, "落实".into())));
        assert_eq!(m("⑵落实"), Some((Style::ArabicParen, 2, "落实".into())));
        assert_eq!(m("第六章　附则"), Some((Style::Chapter, 6, "附则".into())));
        assert_eq!(m("第二十九条　本办法"), Some((Style::Article, 29, "本办法".into())));
        assert_eq!(m("第一节 一般规定"), Some((Style::Section, 1, "一般规定".into())));
        assert_eq!(m("第二部分 重点任务"), Some((Style::Part, 2, "重点任务".into())));
        assert_eq!(m("1.2 组织"), Some((Style::Outline(2), 2, "组织".into())));
        assert_eq!(m("1.2.11 组织"), Some((Style::Outline(3), 11, "组织".into())));
        // Compatibility and look-alike forms typed for the same markers.
        assert_eq!(m("二﹑健全"), Some((Style::CnComma, 2, "健全".into())));
        assert_eq!(m("三､健全"), Some((Style::CnComma, 3, "健全".into())));
        assert_eq!(m("四﹒健全"), Some((Style::CnComma, 4, "健全".into())));
        assert_eq!(m("5﹑落实"), Some((Style::ArabicComma, 5, "落实".into())));
        assert_eq!(m("6﹒落实"), Some((Style::ArabicDot, 6, "落实".into())));
        assert_eq!(m("７、落实"), Some((Style::ArabicComma, 7, "落实".into())));
        assert_eq!(m("❷落实"), Some((Style::Circled, 2, "落实".into())));
        assert_eq!(m("➂落实"), Some((Style::Circled, 3, "落实".into())));
        assert_eq!(m("（十一）落实"), Some((Style::CnParen, 11, "落实".into())));
    }

    #[test]
    fn not_markers() {
        for s in [
            "2019年全省",
            "1.3倍以上",
            "一是加强",
            "两个目录",
            "第一条规定要求",
            "第一批试点",
            "2020年12月底前",
            "一张网",
            "(此件公开发布)",
            "（责任单位：救助处）",
            "10月15日前",
            "3.5万人",
            "一、",
            "0.5",
        ] {
            let got = marker_at(s);
            // "一、" alone is a marker with empty text; everything else is not a marker.
            if s == "一、" {
                assert!(got.is_some());
            } else {
                assert!(got.is_none(), "{s}: {got:?}");
            }
        }
    }
}
