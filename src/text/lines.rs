//! Line predicates shared by the layout and the extraction: metadata headers of
//! web pages and database exports, document numbers (发文字号, GB/T 9704
//! §7.2.4: issuer code, year in 〔〕, serial number, 号).
//!
//! ```
//! use zhengce::text::lines::normalize_doc_number;
//! assert_eq!(normalize_doc_number("吉民发[2019]15号"), "吉民发〔2019〕15号");
//! ```

use crate::text::dates::year_ok;
use crate::text::numbers::read_digits as read_int;

/// Keys of the metadata headers of government web pages and database exports.
pub const HEADER_KEYS: [&str; 44] = [
    "索引号",
    "信息索引号",
    "分类",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "公文种类",
    "发文机关",
    "发文单位",
    "发布机构",
    "制发机关",
    "所属机构",
    "成文日期",
    "印发日期",
    "标题",
    "名称",
    "发文字号",
    "文号",
    "文件编号",
    "编号",
    "统一编号",
    "发布日期",
    "发布时间",
    "公开日期",
    "主题词",
    "主题",
    "有效性",
    "时效性",
    "时效",
    "效力状态",
    "文件状态",
    "生效日期",
    "实施日期",
    "废止日期",
    "信息来源",
    "来源",
    "公开方式",
    "公开范围",
    "内容概述",
    "字体",
    "浏览次数",
    "责任编辑",
    "关键词",
];

fn header_key_at(s: &str) -> Option<(&'static str, usize)> {
    // Most lines start with a character no key starts with.
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut v: Vec<char> = HEADER_KEYS.iter().filter_map(|k| k.chars().next()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    if s.chars().next().is_none_or(|c| first.binary_search(&c).is_err()) {
        return None;
    }
    // Longest key first (信息索引号 before 索引号 is handled by trying all).
    let mut best: Option<(&'static str, usize)> = None;
    for k in HEADER_KEYS {
        if let Some(rest) = s.strip_prefix(k) {
            let rest_t = rest.trim_start_matches([' ', '\t', '\u{3000}']);
            if rest_t.starts_with(['：', ':']) {
                let colon = rest_t.chars().next().unwrap().len_utf8();
                let len = s.len() - rest_t.len() + colon;
                if best.is_none_or(|(b, _)| k.len() > b.len()) {
                    best = Some((k, len));
                }
            }
        }
    }
    best
}

/// A line of a web metadata header: `索引号:\t1122…\t分类:\t…`.
pub fn is_metadata_line(s: &str) -> bool {
    s.len() < 600 && header_key_at(s).is_some_and(|(k, _)| k != "字体" && k != "主题" && k != "编号" || s.matches(['：', ':']).count() >= 2)
}

/// Split a metadata line into key/value pairs.
pub fn parse_header_line(s: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    let mut cur: Option<(&str, usize)> = None; // key, value start
    while i < s.len() {
        let at_boundary = i == 0 || s[..i].ends_with(['\t', ' ', '\u{3000}']);
        if at_boundary {
            if let Some((k, len)) = header_key_at(&s[i..]) {
                if let Some((key, vs)) = cur.take() {
                    out.push((key.to_string(), s[vs..i].trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_string()));
                }
                cur = Some((k, i + len));
                i += len;
                continue;
            }
        }
        i += s[i..].chars().next().map_or(1, |c| c.len_utf8());
    }
    if let Some((key, vs)) = cur {
        out.push((key.to_string(), s[vs..].trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_string()));
    }
    out.retain(|(k, _)| k != "字体" && k != "浏览次数");
    out
}

/// Find a document number (吉民发〔2019〕15号) anywhere in `s`: byte range.
pub fn find_doc_numbers(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !s.contains('号') {
        return out;
    }
    for i in crate::text::scan::number_brackets().positions(s) {
        let c = s[i..].chars().next().unwrap_or(' ');
        let j = i + c.len_utf8();
        let Some((y, k)) = read_int(s, j) else { continue };
        if !year_ok(y) || s[j..k].chars().count() != 4 {
            continue;
        }
        let Some(close) = s[k..].chars().next() else { continue };
        if !matches!(close, '〕' | ']' | '］' | ')' | '）' | '】' | '﹞') {
            continue;
        }
        let mut e = k + close.len_utf8();
        if s[e..].starts_with('第') {
            e += '第'.len_utf8();
        }
        let Some((_, e2)) = read_int(s, e) else { continue };
        if !s[e2..].starts_with('号') {
            continue;
        }
        let end = e2 + '号'.len_utf8();
        // The prefix: up to 12 CJK characters (or letters) before the bracket.
        let mut start = i;
        for (p, ch) in s[..i].char_indices().rev() {
            if (ch as u32) >= 0x4E00 && (ch as u32) <= 0x9FFF || ch.is_ascii_alphabetic() {
                if s[p..i].chars().count() > 12 {
                    break;
                }
                start = p;
            } else {
                break;
            }
        }
        if start < i {
            out.push((start, end));
        }
    }
    out
}

/// A line that starts with a document number; returns its byte range.
pub fn doc_number_line(s: &str) -> Option<(usize, usize)> {
    // A short line (document numbers stand alone or with a date) that has a 号.
    if s.len() > 240 || !s.contains('号') {
        return None;
    }
    let first = find_doc_numbers(s).into_iter().next()?;
    (first.0 == 0 && s.chars().count() < 60).then_some(first)
}

/// Brackets of a document number normalised to 〔〕, white space removed.
pub fn normalize_doc_number(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '[' | '［' | '(' | '（' | '【' | '﹝' => '〔',
            ']' | '］' | ')' | '）' | '】' | '﹞' => '〕',
            c => c,
        })
        .collect()
}
