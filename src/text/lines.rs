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

/// Keys of the metadata headers of government web pages and database exports
/// (北大法宝 exports open with 【法宝引证码】 and 原文链接 lines).
pub const HEADER_KEYS: [&str; 49] = [
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
    "法宝引证码",
    "引证码",
    "原文链接",
    "原文地址",
    "来源链接",
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

/// A line of a web metadata header: `索引号:\t1122…\t分类:\t…`; also the
/// key lines of exports, whatever their key: `**发布日期**: 2025-10-31`
/// (a crawler's Markdown) and `【法宝引证码】 CLI.11.1535062` (北大法宝).
pub fn is_metadata_line(s: &str) -> bool {
    if s.len() >= 600 {
        return false;
    }
    if export_key_value(s).is_some() {
        return true;
    }
    header_key_at(s).is_some_and(|(k, _)| k != "字体" && k != "主题" && k != "编号" || s.matches(['：', ':']).count() >= 2)
}

/// A key set off as a key by markup, then its value: `**发布机构**: 上海市…`
/// (Markdown emphasis and a colon) or `【法宝引证码】 CLI.11.…` (lenticular
/// brackets). The key is short and holds no punctuation, so a bracketed
/// heading such as 【专栏】 followed by prose is not one.
pub fn export_key_value(s: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(r) = s.strip_prefix("**") {
        let close = r.find("**")?;
        let rest = r[close + 2..].trim_start_matches([' ', '\t', '\u{3000}']);
        (&r[..close], rest.strip_prefix([':', '：'])?)
    } else if let Some(r) = s.strip_prefix('【') {
        let close = r.find('】')?;
        let key = &r[..close];
        // 【法宝引证码】 and other keys that are header keys; a 【…】 box title is not.
        HEADER_KEYS.iter().find(|k| **k == key)?;
        (key, &r[close + '】'.len_utf8()..])
    } else {
        return None;
    };
    let n = key.chars().count();
    let plain = key.chars().all(|c| !c.is_ascii_punctuation() && !matches!(c, '，' | '。' | '；' | '：' | '、'));
    ((1..=12).contains(&n) && plain).then(|| (key.trim(), rest.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')))
}

/// Bytes of markup at the start of a line of a Markdown export that is layout,
/// not text: a heading's `#`s (`## 第一章  总则`) or emphasis `**`, and the
/// white space after them.
///
/// ```
/// use zhengce::text::lines::markup_lead;
/// assert_eq!(&"## 第一章 总则"[markup_lead("## 第一章 总则")..], "第一章 总则");
/// assert_eq!(markup_lead("#1 not a heading"), 0);
/// ```
pub fn markup_lead(s: &str) -> usize {
    let hashes = s.len() - s.trim_start_matches('#').len();
    let after = if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\u{3000}', '\t']) {
        hashes
    } else if s.starts_with("**") && s[2..].contains("**") {
        2
    } else {
        return 0;
    };
    s.len() - s[after..].trim_start_matches([' ', '\u{3000}', '\t']).len()
}

/// A line without the markup of a Markdown export around it (`# 标题`,
/// `**标题**`).
pub fn strip_markup(s: &str) -> &str {
    let s = &s[markup_lead(s)..];
    match s.strip_suffix("**") {
        Some(t) if !t.contains("**") => t.trim_end(),
        _ => s,
    }
}

/// A line that is only markup: a Markdown or HTML comment (`<!-- INFO END -->`)
/// or a horizontal rule (`---`, `***`).
pub fn is_markup_line(s: &str) -> bool {
    let link = s.trim_start_matches(['-', '*', ' ']);
    // A Markdown link standing alone (`- [附件.pdf](/cmsres/….pdf)`): a download list.
    let md_link = link.starts_with('[') && link.contains("](") && link.trim_end().ends_with(')');
    md_link
        || (s.starts_with("<!--") && s.ends_with("-->"))
        // The rule of characters first: it stops at a paragraph's first
        // character, where counting would read the whole paragraph.
        || (s.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' ')) && s.chars().count() >= 3 && s.chars().any(|c| c != ' '))
}

/// A key line of a database export that writes key and value on lines of
/// their own (`Title` / `吉林市文明祭祀管理条例`, `Publish` / `2022-12-19 …`):
/// one identifier of ASCII letters, digits and underscores, starting with a
/// capital letter, at most 24 characters.
pub fn is_export_key(s: &str) -> bool {
    s.len() <= 24 && s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Split a metadata line into key/value pairs.
pub fn parse_header_line(s: &str) -> Vec<(String, String)> {
    if let Some((k, v)) = export_key_value(s) {
        return vec![(k.to_string(), v.to_string())];
    }
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
        // White space typed for alignment inside the number (苏常备〔2019〕  43号).
        let mut e = k + close.len_utf8();
        e = s.len() - s[e..].trim_start_matches([' ', '\u{3000}']).len();
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

/// The types of document a title ends with: the 15 types of the 党政机关公文处理
/// 工作条例 (2012) §8 (决议, 决定, 命令/令, 公报, 公告, 通告, 意见, 通知, 通报, 报告,
/// 请示, 批复, 议案, 函, 纪要), then the texts they issue or transmit (方案, 要点,
/// 计划, 规划, 措施, 办法, 细则, 条例, 规定, 规则 …). Longer names come first so
/// that 若干措施 is read before 措施; each maps to the type it is.
const DOC_TYPES: [(&str, &str); 38] = [
    ("实施意见", "意见"),
    ("指导意见", "意见"),
    ("若干措施", "措施"),
    ("行动计划", "计划"),
    ("实施细则", "细则"),
    ("决议", "决议"),
    ("决定", "决定"),
    ("命令", "令"),
    ("公报", "公报"),
    ("公告", "公告"),
    ("通告", "通告"),
    ("意见", "意见"),
    ("通知", "通知"),
    ("通报", "通报"),
    ("报告", "报告"),
    ("请示", "请示"),
    ("批复", "批复"),
    ("议案", "议案"),
    ("函", "函"),
    ("纪要", "纪要"),
    ("方案", "方案"),
    ("要点", "要点"),
    ("计划", "计划"),
    ("规划", "规划"),
    ("纲要", "纲要"),
    ("措施", "措施"),
    ("办法", "办法"),
    ("细则", "细则"),
    ("条例", "条例"),
    ("规定", "规定"),
    ("规则", "规则"),
    ("指引", "指引"),
    ("指南", "指南"),
    ("清单", "清单"),
    ("说明", "说明"),
    ("安排", "安排"),
    ("目录", "目录"),
    ("标准", "标准"),
];

/// The type of a document from its title: the document type its title ends
/// with, （试行）/（暂行） and closing quotes set aside.
///
/// ```
/// use zhengce::text::lines::doc_type_of;
/// assert_eq!(doc_type_of("上海市促进高端医疗器械产业全链条发展行动方案"), Some("方案"));
/// assert_eq!(doc_type_of("关于印发《工作方案》的通知"), Some("通知"));
/// assert_eq!(doc_type_of("江西省社会救助条例（试行）"), Some("条例"));
/// assert_eq!(doc_type_of("主要任务"), None);
/// ```
pub fn doc_type_of(title: &str) -> Option<&'static str> {
    let mut s = strip_markup(title.trim()).trim_end_matches(['》', '”', '"', '*', ' ', '\u{3000}']);
    for suffix in ["（试行）", "(试行)", "（暂行）", "(暂行)", "（草案）", "(草案)", "（修订）", "(修订)"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    DOC_TYPES.iter().find(|(t, _)| s.ends_with(t)).map(|&(_, ty)| ty)
}

/// The number of an order (令) on its own line under the issuer's 令
/// (GB/T 9704 §10.2 命令格式): `（第19号）` or `第19号` → `第19号`.
///
/// ```
/// use zhengce::text::lines::order_number;
/// assert_eq!(order_number("（第19号）"), Some("第19号"));
/// assert_eq!(order_number("第一批"), None);
/// ```
pub fn order_number(s: &str) -> Option<&str> {
    let t = s.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let num = t.strip_prefix('第')?.strip_suffix('号')?;
    let ok = !num.is_empty()
        && num.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || crate::text::numbers::cn_digit(c).is_some() || matches!(c, '十' | '百')
        });
    ok.then_some(t)
}

/// A line that is only a page number: a bare number of up to four digits,
/// the GB/T 9704-2012 §7.5 form between dashes (— 3 —), or 第3页共12页 / 3/12.
///
/// ```
/// use zhengce::text::lines::is_page_number;
/// assert!(is_page_number("— 3 —") && is_page_number("第 3 页 共 12 页"));
/// assert!(!is_page_number("3.加强保障"));
/// ```
pub fn is_page_number(line: &str) -> bool {
    // The longest forms (第9999页共9999页, page9999of9999) have 14 characters
    // besides white space and dashes: a longer line is text, without a copy.
    if line.chars().filter(|c| !c.is_whitespace()).nth(24).is_some() {
        return false;
    }
    let s: String = line.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect::<String>().to_lowercase();
    let s = s.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '_' | '|' | '[' | ']' | '(' | ')' | '（' | '）'));
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits(s) {
        return s.chars().count() <= 4;
    }
    // 第3页, 第3页共12页, 共12页第3页, 3/12, page3, page3of12
    let t = s.replace("page", "").replace("of", "/").replace("共", "/").replace("第", "").replace('页', "");
    let parts: Vec<&str> = t.split('/').filter(|p| !p.is_empty()).collect();
    (s.contains('页') || s.contains('/') || s.starts_with("page"))
        && !parts.is_empty()
        && parts.len() <= 2
        && parts.iter().all(|p| digits(p) && p.chars().count() <= 4)
}
