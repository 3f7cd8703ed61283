//! Quantitative targets and deadlines.
//!
//! A target is a number in a task record that states what the policy commits
//! to reach, keep above or below, provide, build, cover, remove or finish by a
//! date: `不低于当地上年度人均可支配收入的20%`, `到2015年养老机构床位数达到每千名老年人30张以上`,
//! `至少建有一所`, `1个平台、1个中心`. Numbers are read by [`crate::text::numbers`]; this
//! module decides which numbers are commitments and reads their unit,
//! comparator, range, denominator, deadline, indicator and scope.
//!
//! Not targets: document numbers and cited titles, years and dates, plan periods
//! (十三五, 2016—2020年), party congresses and plenums, anniversaries, telephone and
//! hotline numbers, ordinals (第二批), level counts (两级), durations (三年), numbered
//! formulations (slogans), numbers that only set a condition (人口在5万人以下的乡镇), and
//! 一 in words (统一, 一体化, 一张网).
//!
//! ```
//! use zhengce::extract::targets::find_targets;
//! let t = find_targets("到2015年,养老机构床位数达到每千名老年人30张以上;城市低保标准不低于上年度人均可支配收入的20%。", Some(2012), &Default::default());
//! assert_eq!(t.len(), 2);
//! assert_eq!((t[0].value, t[0].unit.as_str(), t[0].per.as_deref(), t[0].comparator.symbol(), t[0].deadline.as_deref()), (30.0, "张", Some("千名老年人"), ">=", Some("2015")));
//! assert_eq!(t[1].indicator.as_deref(), Some("城市低保标准"));
//! ```

use crate::extract::slogans;
use crate::model::document::{BlockKind, Document};
pub use crate::model::facts::{Comparator, Deadline, Target};
use crate::text::chars::is_han;
use crate::text::numbers::{cn_digit, digit_value, read_int, read_number, Num, NumForm};

// ---------------------------------------------------------------------------
// Words

/// Comparators written before the number, longest first.
const BEFORE: [(&str, Comparator); 17] = [
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("至少", Comparator::Ge),
    ("达到", Comparator::Ge),
    ("不高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("超过", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("大于", Comparator::Gt),
    ("低于", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("达", Comparator::Ge),
];

/// Comparators written after the unit.
const AFTER: [(&str, Comparator); 7] = [
    ("及以上", Comparator::Ge),
    ("以上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
    ("之内", Comparator::Le),
    ("左右", Comparator::Eq),
];

/// Measure words after Arabic numbers, longest first.
const MEASURES: [&str; 52] = [
    "平方公里",
    "平方米",
    "人次",
    "户次",
    "万元",
    "亿元",
    "公里",
    "千米",
    "公顷",
    "元",
    "个",
    "所",
    "名",
    "项",
    "张",
    "件",
    "家",
    "处",
    "座",
    "间",
    "台",
    "辆",
    "次",
    "人",
    "户",
    "床",
    "套",
    "类",
    "批",
    "支",
    "条",
    "块",
    "部",
    "种",
    "份",
    "册",
    "位",
    "米",
    "亩",
    "吨",
    "岁",
    "场",
    "期",
    "轮",
    "篇",
    "株",
    "棵",
    "班",
    "栋",
    "层",
    "村",
    "站",
];

/// Measure words that make a Chinese numeral a count.
const CN_MEASURES: [&str; 17] = ["个", "所", "名", "项", "张", "件", "家", "处", "座", "间", "户", "套", "条", "种", "份", "位", "床"];

/// Verbs that commit to making or providing something (for a bare 一).
const MAKE_VERBS: [&str; 20] = [
    "建有", "建成", "建立", "设立", "设有", "确定", "配备", "配齐", "明确", "新建", "设置", "配置", "培育", "打造", "选派", "建设", "扶持",
    "支持", "建", "有",
];

/// Verbs that govern a count without committing to it (指导…4个联系点, 分4个阶段).
const NON_COMMIT: [&str; 12] = ["指导", "依托", "围绕", "针对", "参照", "对照", "借鉴", "总结", "分为", "分", "包括", "涉及"];

/// Verbs that commit (used to find the governing verb of a count).
const COMMIT: [&str; 26] = [
    "推进", "实施", "完成", "建成", "建设", "建立", "实现", "支持", "新建", "改造", "培育", "打造", "设立", "取消", "组织", "举办", "开展",
    "纳入", "达到", "确保", "力争", "争取", "落实", "提供", "覆盖", "做实",
];

/// Nouns after a count that describe the plan itself, not a commitment.
const PLAN_NOUNS: [&str; 8] = ["阶段", "方面", "环节", "时期", "步骤", "部分", "层次", "维度"];

/// Nouns after "…以上的" that keep a number a target (the rest make it a condition).
const KEEP_AFTER_DE: [&str; 8] = ["要求", "目标", "标准", "比例", "水平", "幅度", "比重", "增长"];

const CLAUSE_BREAKS: [char; 10] = ['，', ',', '；', ';', '。', '：', ':', '！', '？', '\n'];
const SENTENCE_BREAKS: [char; 5] = ['。', '！', '？', '\n', '!'];

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The start of the clause or sentence holding byte `i`, looked for at most
/// `window` bytes back (clauses and sentences of policy text are far shorter):
/// a table flattened into one sentence can hold thousands of numbers, and an
/// unbounded scan back from each would be quadratic.
fn start_within(s: &str, i: usize, breaks: &[char], window: usize) -> usize {
    let from = s.floor_char_boundary(i.saturating_sub(window));
    s[from..i].rfind(breaks).map_or(from, |p| from + p + s[from + p..].chars().next().unwrap().len_utf8())
}

/// Byte ranges sorted by start, with the furthest end reached so far, to ask
/// "is `i` inside any of them" by binary search (they may overlap).
struct Spans {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Spans {
    fn new(mut v: Vec<(usize, usize)>) -> Spans {
        v.sort_unstable();
        let mut reach = Vec::with_capacity(v.len());
        let mut far = 0;
        for &(_, b) in &v {
            far = far.max(b);
            reach.push(far);
        }
        Spans { starts: v.into_iter().map(|(a, _)| a).collect(), reach }
    }

    fn contains(&self, i: usize) -> bool {
        let k = self.starts.partition_point(|&a| a <= i);
        k > 0 && self.reach[k - 1] > i
    }
}

fn starts_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().filter(|w| s.starts_with(w)).max_by_key(|w| w.len())
}

// ---------------------------------------------------------------------------
// Dates and deadlines

/// A deadline phrase: byte range in the text and the date.
#[derive(Debug, Clone, PartialEq)]
pub struct DatePhrase {
    pub start: usize,
    pub end: usize,
    pub date: String,
}

/// Plan periods: 十二五 → 2015 … (the last year of the five-year plan).
fn plan_period_end(s: &str) -> Option<(u32, usize)> {
    let t = s.trim_start_matches(['“', '"', '「']);
    let skip = s.len() - t.len();
    let mut cs = t.chars();
    let (a, b, c) = (cs.next()?, cs.next()?, cs.next()?);
    if a != '十' || c != '五' {
        return None;
    }
    let n = cn_digit(b)?;
    let end_year = 2015 + (n as i64 - 2) * 5; // 十二五 ends in 2015
    let len = skip + a.len_utf8() + b.len_utf8() + c.len_utf8();
    let len = len + (t[len - skip..].len() - t[len - skip..].trim_start_matches(['”', '"', '」']).len());
    Some((end_year as u32, len))
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// Find the deadline phrases of a text. `year` (the document's year) resolves
/// dates written without one (6月15日前, 年底前).
pub fn date_phrases(s: &str, year: Option<i32>) -> Vec<DatePhrase> {
    date_phrases_at(s, year, &crate::text::scan::date_starts().positions(s))
}

/// [`date_phrases`] with the positions where one can start already known.
fn date_phrases_at(s: &str, year: Option<i32>, starts: &[usize]) -> Vec<DatePhrase> {
    let mut out: Vec<DatePhrase> = Vec::new();
    let mut i = 0;
    // Only the characters that can start a date phrase are visited.
    for &pos in starts {
        if pos < i {
            continue;
        }
        i = pos;
        let Some(c) = s[i..].chars().next() else { break };
        // Characters that only start a vague form need the right second one.
        if !(digit_value(c).is_some() || matches!(c, '截' | '到' | '至' | '于')) {
            let second = s[i + c.len_utf8()..].chars().next();
            let possible = match c {
                '一' | '二' | '三' | '四' => second == Some('季'),
                '上' | '下' => second == Some('半'),
                '年' => matches!(second, Some('内' | '底' | '末')),
                '今' | '明' => second == Some('年'),
                '十' => second == Some('二'),
                _ => false,
            };
            if !possible {
                continue;
            }
        }
        // 到/至/截至 …
        let lead = ["截至", "截止", "到", "至", "于"].iter().find(|w| s[i..].starts_with(**w)).copied();
        let j = i + lead.map_or(0, str::len);
        let prev = prev_char(s, i);
        let at_digit = s[j..].chars().next().is_some_and(|c| digit_value(c).is_some());
        if lead.is_some() && !at_digit {
            // 到“十四五”末
            if let Some((y, len)) = plan_period_end(&s[j..]) {
                let k = j + len;
                if s[k..].starts_with('末') || s[k..].starts_with("期末") || s[k..].starts_with("时期末") {
                    let end = k + s[k..].find('末').unwrap() + '末'.len_utf8();
                    out.push(DatePhrase { start: i, end, date: y.to_string() });
                    i = end;
                    continue;
                }
            }
        }
        if lead.is_some() || (digit_value(c).is_some() && !prev.is_some_and(|p| digit_value(p).is_some() || p == '.' || p == '-')) {
            if let Some(found) = explicit_date(s, i, j, lead.is_some(), year) {
                i = found.end;
                out.push(found);
                continue;
            }
        }
        // Vague forms resolved against the document's year.
        if let (Some(y), true) = (year, matches!(c, '今' | '年' | '十' | '上' | '下' | '一' | '二' | '三' | '四' | '明')) {
            // (word, year offset, month: 0 for the year alone)
            const VAGUE: [(&str, i32, u32); 13] = [
                ("今年年底前", 0, 12),
                ("今年底前", 0, 12),
                ("年底前", 0, 12),
                ("年末前", 0, 12),
                ("十二月月底", 0, 12),
                ("年内", 0, 0),
                ("上半年", 0, 6),
                ("下半年", 0, 12),
                ("一季度", 0, 3),
                ("二季度", 0, 6),
                ("三季度", 0, 9),
                ("四季度", 0, 12),
                ("明年", 1, 0),
            ];
            if let Some((w, dy, m)) = VAGUE.iter().find(|(w, _, _)| s[i..].starts_with(w)) {
                // 每年 / 当年内 are not a date of this document.
                if !matches!(prev, Some('每' | '当' | '本')) {
                    let date = if *m == 0 { (y + dy).to_string() } else { ym(y + dy, *m) };
                    out.push(DatePhrase { start: i, end: i + w.len(), date });
                    i += w.len();
                    continue;
                }
            }
        }
    }
    out
}

/// Dates with numbers: 到2015年, 2020年12月底前, 6月15日前, 3月1日-15日, 到2022年底.
fn explicit_date(s: &str, start: usize, j: usize, led: bool, year: Option<i32>) -> Option<DatePhrase> {
    let (a, k) = read_int(s, j)?;
    let after_a = &s[k..];
    let (y, m, d, mut end);
    if after_a.starts_with('年') && (1949..=2100).contains(&a) {
        y = a as i32;
        end = k + '年'.len_utf8();
        // 2016—2020年 / 2018年-2020年: a plan period, not a deadline.
        if let Some(c) = prev_char(s, start) {
            if matches!(c, '—' | '-' | '－' | '~' | '～' | '至') {
                return None;
            }
        }
        let rest = &s[end..];
        if rest.starts_with(['—', '-', '－', '~', '～']) {
            return None;
        }
        let mut month = None;
        let mut day = None;
        if let Some((mo, k2)) = read_int(s, end) {
            if s[k2..].starts_with('月') && (1..=12).contains(&mo) {
                month = Some(mo);
                end = k2 + '月'.len_utf8();
                if let Some((da, k3)) = read_int(s, end) {
                    if (s[k3..].starts_with('日') || s[k3..].starts_with('号')) && (1..=31).contains(&da) {
                        day = Some(da);
                        end = k3 + '日'.len_utf8();
                    }
                }
            }
        }
        let tail = &s[end..];
        let (end_of_period, tail_len) = if tail.starts_with("年底") || tail.starts_with("年末") {
            (true, "年底".len())
        } else if tail.starts_with("底") || tail.starts_with("末") {
            (true, "底".len())
        } else {
            (false, 0)
        };
        end += tail_len;
        let before = s[end..].starts_with('前') || s[end..].starts_with("以前") || s[end..].starts_with("之前");
        if before {
            end += if s[end..].starts_with('前') { '前'.len_utf8() } else { "以前".len() };
        }
        // A bare year is a deadline only when led by 到 or closed by 前/底, or when it
        // opens a clause and something follows (2023年，基本建成 …).
        let opens_clause = prev_char(s, start).is_none_or(|c| CLAUSE_BREAKS.contains(&c) || c == '（' || c == '(');
        let follows = s[end..].chars().next();
        let bare_ok = opens_clause
            && month.is_none()
            && !end_of_period
            && !before
            && follows.is_some_and(|c| {
                c == '，'
                    || c == ','
                    || (is_han(c)
                        && !s[end..].starts_with("以来")
                        && !s[end..].starts_with('度')
                        && !s[end..].starts_with('的')
                        && !s[end..].starts_with("起"))
            });
        // (`month.is_some() && before` was once a fourth term; `before` alone covers it.)
        if !(led || before || end_of_period || bare_ok) {
            return None;
        }
        if month.is_some() && !led && !before && !end_of_period {
            return None; // 2019年3月11日 on its own is a date, not a deadline
        }
        m = month.or(if end_of_period && month.is_none() { Some(12) } else { None });
        d = day;
        let date = match (m, d) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => ym(y, m),
            _ => y.to_string(),
        };
        return Some(DatePhrase { start, end, date });
    }
    // A month without a year: 6月15日前, 12月底前, 3月1日-15日.
    if after_a.starts_with('月') && (1..=12).contains(&a) {
        let y = year?;
        let mut end = k + '月'.len_utf8();
        let mut day = None;
        if let Some((da, k3)) = read_int(s, end) {
            if (s[k3..].starts_with('日') || s[k3..].starts_with('号')) && (1..=31).contains(&da) {
                day = Some(da);
                end = k3 + '日'.len_utf8();
            }
        }
        let mut month = a;
        let mut eom = false;
        if s[end..].starts_with('底') || s[end..].starts_with('末') {
            end += '底'.len_utf8();
            eom = true;
        }
        // A period: 3月1日-15日 / 3月16日-10月31日 (the end is the deadline).
        let mut period = false;
        if day.is_some() {
            if let Some(dash) = ['-', '—', '－', '~', '～', '至'].iter().find(|c| s[end..].starts_with(**c)) {
                let p = end + dash.len_utf8();
                if let Some((x, k4)) = read_int(s, p) {
                    if s[k4..].starts_with('月') {
                        if let Some((dd, k5)) = read_int(s, k4 + '月'.len_utf8()) {
                            if s[k5..].starts_with('日') && (1..=12).contains(&x) {
                                month = x;
                                day = Some(dd);
                                end = k5 + '日'.len_utf8();
                                period = true;
                            }
                        }
                    } else if s[k4..].starts_with('日') && (1..=31).contains(&x) {
                        day = Some(x);
                        end = k4 + '日'.len_utf8();
                        period = true;
                    }
                }
            }
        }
        let before = s[end..].starts_with('前');
        if before {
            end += '前'.len_utf8();
        }
        if !(before || period || led || eom) {
            return None;
        }
        if matches!(prev_char(s, start), Some('每')) {
            return None; // 每月底前: recurring
        }
        let date = match day {
            Some(d) if crate::model::document::Ymd::new(y, month, d).is_some() => format!("{y:04}-{month:02}-{d:02}"),
            _ => ym(y, month),
        };
        return Some(DatePhrase { start, end, date });
    }
    None
}

/// Byte ranges a target may not be read from: document numbers, 《cited titles》,
/// quoted numbers (hotlines, codes) and slogans.
fn exclusions(s: &str, found: &[slogans::Found], numbers: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut ex: Vec<(usize, usize)> = numbers.to_vec();
    let mut depth = 0;
    let mut open = 0;
    for (i, c) in s.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    ex.push((open, i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    let mut i = 0;
    while let Some(o) = s[i..].find('“') {
        let a = i + o + '“'.len_utf8();
        let Some(cl) = s[a..].find('”') else { break };
        let inner = &s[a..a + cl];
        if !inner.is_empty() && inner.chars().all(|c| c.is_ascii() || ('０'..='９').contains(&c)) {
            ex.push((a, a + cl));
        }
        i = a + cl;
    }
    ex.extend(found.iter().map(|f| f.covers));
    ex
}

fn inside(ex: &[(usize, usize)], i: usize) -> bool {
    ex.iter().any(|&(a, b)| i >= a && i < b)
}

/// Read a unit after a number; returns (unit, byte length).
fn unit_after(s: &str, num: &Num) -> Option<(String, usize)> {
    if num.percent {
        return Some(("%".into(), 0));
    }
    let rest = &s[num.end..];
    if rest.starts_with('倍') {
        return Some(("倍".into(), '倍'.len_utf8()));
    }
    if rest.starts_with('‰') {
        return Some(("‰".into(), '‰'.len_utf8()));
    }
    let list: &[&str] = if num.form == NumForm::Chinese { &CN_MEASURES } else { &MEASURES };
    if let Some(w) = starts_with_any(rest, list) {
        return Some((w.to_string(), w.len()));
    }
    if num.multiplied {
        return Some((String::new(), 0));
    }
    None
}

fn comparator_before(s: &str, cstart: usize, num_start: usize) -> Option<(Comparator, usize)> {
    // The nearest comparator in the clause before the number.
    let seg = &s[cstart..num_start];
    let mut best: Option<(Comparator, usize, usize)> = None; // (cmp, start, end)
    for (w, cmp) in BEFORE {
        let mut from = 0;
        while let Some(p) = seg[from..].find(w) {
            let at = from + p;
            let end = at + w.len();
            // 达 inside 达标/到达/下达 is not a comparator.
            let ok = w != "达"
                || (!seg[end..].starts_with('标')
                    && !seg[end..].starts_with('成')
                    && !seg[..at].ends_with('下')
                    && !seg[..at].ends_with('到')
                    && !seg[..at].ends_with('传'));
            if ok && best.is_none_or(|(_, bs, be)| end > be || (end == be && at < bs)) {
                best = Some((cmp, at, end));
            }
            from = at + w.len();
        }
    }
    let (cmp, at, end) = best?;
    // Another number between the comparator and this one belongs to that comparator.
    if seg[end..].chars().any(|c| digit_value(c).is_some()) {
        return None;
    }
    Some((cmp, cstart + at))
}

fn governing_verb_blocks(s: &str, sstart: usize, num_start: usize) -> bool {
    // A verb governs a number near it: looking back at most ~200 characters
    // keeps a sentence with thousands of numbers linear.
    let sstart = sstart.max(s.floor_char_boundary(num_start.saturating_sub(600)));
    let seg = &s[sstart..num_start];
    // The last verb before the number decides; most sentences have no
    // non-committing verb at all, so look for those first.
    let last_non = NON_COMMIT
        .iter()
        .filter_map(|w| {
            let p = seg.rfind(w)?;
            // 分 only as a verb of division (分4个阶段, 分三步), not inside words.
            let inside_word = *w == "分" && (p + w.len() != seg.len() || seg[..p].ends_with(['部', '充', '十', '区', '省']));
            (!inside_word).then_some(p + w.len())
        })
        .max();
    let Some(after) = last_non else { return false };
    !COMMIT.iter().any(|w| seg[after..].contains(w))
}

fn indicator_after(s: &str, from: usize) -> Option<String> {
    let stops = ["开展", "推动", "推进", "用于", "纳入", "达到", "改善", "建设", "实施", "提供", "进行", "基础架构"];
    let mut end = from;
    let mut n = 0;
    while n < 16 {
        let rest = &s[end..];
        let Some(c) = rest.chars().next() else { break };
        if !(is_han(c) || matches!(c, '“' | '”' | '（' | '）' | '(' | ')'))
            || matches!(c, '、' | '和' | '或' | '及' | '与')
            || stops.iter().any(|w| rest.starts_with(w))
        {
            break;
        }
        if matches!(c, '（' | '(') && n > 0 {
            break;
        }
        end += c.len_utf8();
        n += 1;
    }
    let mut phrase = &s[from..end];
    // 一所标准较高、功能完善的失能特困人员专业照护服务设施: modifiers listed with 、,
    // then 的 and the noun counted.
    if s[end..].starts_with('、') && !phrase.contains('的') {
        let seg_end = s[end..].find(['，', '。', '；', ',', ';']).map_or(s.len(), |p| end + p);
        let seg = &s[from..seg_end];
        if let Some(p) = seg.rfind('的') {
            let noun = &seg[p + '的'.len_utf8()..];
            let n = noun.chars().count();
            if (2..=16).contains(&n) && !noun.contains('、') && !noun.chars().any(|c| digit_value(c).is_some()) {
                phrase = noun;
            }
        }
    }
    // 功能设施齐全的社会福利院 keeps its short modifier; 贫困对象的数据比对工作 stops at 的.
    if let Some(p) = phrase.find('的') {
        if phrase[..p].chars().count() > 6 {
            phrase = &phrase[..p];
        }
    }
    let ind: String = phrase.chars().filter(|c| !matches!(c, '“' | '”')).collect();
    let ind = ind.trim_end_matches('的').to_string();
    (ind.chars().count() >= 2).then_some(ind)
}

/// Words that open a clause but are not part of what is measured.
const LEADING: [&str; 22] = [
    "按照",
    "根据",
    "确保",
    "力争",
    "争取",
    "努力",
    "实现",
    "推动",
    "使",
    "将",
    "把",
    "全面",
    "基本",
    "逐步",
    "进一步",
    "要",
    "应",
    "并",
    "且",
    "其中",
    "采取",
    "全省",
];

fn indicator_before(s: &str, cstart: usize, upto: usize) -> Option<String> {
    let mut seg = s[cstart..upto].trim();
    // The phrase after the last list separator or quote.
    if let Some(p) = seg.rfind(['、', '“', '”', '（', '(']) {
        let q = p + seg[p..].chars().next().unwrap().len_utf8();
        if seg[q..].chars().count() >= 2 {
            seg = &seg[q..];
        }
    }
    // Drop a leading deadline phrase (到2015年) and clause-opening words.
    loop {
        let before = seg.len();
        for d in date_phrases(seg, None) {
            if d.start == 0 {
                seg = seg[d.end..].trim_start_matches(['，', ',']);
            }
        }
        if let Some(w) = starts_with_any(seg, &LEADING) {
            seg = &seg[w.len()..];
        }
        if seg.len() == before {
            break;
        }
    }
    let seg = seg.trim_end_matches("分别").trim_end_matches("平均").trim_end_matches(['均', '的', '要', '应', '都']);
    (seg.chars().count() >= 2 && seg.chars().count() <= 30).then(|| seg.to_string())
}

fn scope_of(s: &str, cstart: usize, num_start: usize) -> Option<String> {
    let mut seg = &s[cstart..num_start];
    for d in date_phrases(seg, None) {
        if d.start == 0 {
            seg = seg[d.end..].trim_start_matches(['，', ',']);
        }
    }
    if !["每个", "每", "各", "全省", "全市", "所有"].iter().any(|w| seg.starts_with(w))
        || seg.starts_with("每千")
        || seg.starts_with("每万")
        || seg.starts_with("每百")
    {
        return None;
    }
    let stops = ["至少", "分别", "建", "要", "应", "都", "均", "全部", "基本", "达到", "不低于", "不少于", "达", "实现", "设", "配"];
    let cut = stops.iter().filter_map(|w| seg.find(w)).filter(|&p| p > 0).min().unwrap_or(seg.len());
    let scope = &seg[..cut];
    (scope.chars().count() >= 2 && scope.chars().count() <= 16).then(|| scope.to_string())
}

fn per_of(s: &str, cstart: usize, num_start: usize) -> Option<String> {
    let seg = &s[cstart..num_start];
    let mut p = seg.rfind('每')?;
    // 每人每月: the denominator starts at the first 每 of the chain.
    while let Some(q) = seg[..p].rfind('每') {
        if seg[q..p].chars().count() <= 3 && !seg[q..p].contains(['，', '、', '；']) {
            p = q;
        } else {
            break;
        }
    }
    let mut per = &seg[p + '每'.len_utf8()..];
    for tail in ["拥有", "配备", "达到", "有", "达"] {
        if let Some(x) = per.strip_suffix(tail) {
            per = x;
            break;
        }
    }
    let n = per.chars().count();
    if n == 0 || n > 10 || per.starts_with('个') || ["至少", "建", "要", "应", "均", "都", "分别"].iter().any(|w| per.contains(w))
    {
        return None;
    }
    Some(per.to_string())
}

/// Find the targets of one text. `year` resolves deadlines written without a year.
pub fn find_targets(s: &str, year: Option<i32>, lex: &slogans::Lexicon) -> Vec<Target> {
    let t = crate::text::scan::triggers(s);
    let found = slogans::find_at(s, lex, &t.cn_numerals);
    let dates = date_phrases_at(s, year, &t.date_starts);
    targets_in(s, &found, &dates, &crate::text::lines::find_doc_numbers(s), &t.numerals)
}

/// The targets of a text whose slogans and date phrases are already known.
fn targets_in(s: &str, found: &[slogans::Found], dates: &[DatePhrase], numbers: &[(usize, usize)], numerals: &[usize]) -> Vec<Target> {
    let ex = Spans::new(exclusions(s, found, numbers));
    let date_spans = Spans::new(dates.iter().map(|d| (d.start, d.end)).collect());
    let mut out = Vec::new();
    let mut next_free = 0; // numbers already read end here
    for &i in numerals {
        if i < next_free {
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        if matches!(c, '百' | '千') && !s[i..].starts_with("百分之") {
            continue;
        }
        let prev = prev_char(s, i);
        let continues_number = prev.is_some_and(|p| {
            digit_value(p).is_some()
                || p == '.'
                || p == '．'
                || (cn_digit(p).is_some() && cn_digit(c).is_some())
                || p == '十'
                || p == '百'
                || p == '千'
        });
        if continues_number || ex.contains(i) || date_spans.contains(i) {
            continue;
        }
        // A Chinese numeral counts only with a measure word, 倍 or % after its run:
        // check that cheaply before reading it (most are inside words: 进一步, 统一).
        if cn_digit(c).is_some() || c == '十' {
            let run_end = s[i..]
                .char_indices()
                .find(|&(_, x)| !(cn_digit(x).is_some() || matches!(x, '十' | '百' | '千' | '万' | '亿')))
                .map_or(s.len(), |(k, _)| i + k);
            let next = s[run_end..].chars().next();
            if !next.is_some_and(|n| matches!(n, '倍' | '%' | '％' | '点') || CN_MEASURES.iter().any(|m| m.starts_with(n))) {
                next_free = run_end;
                continue;
            }
        }
        let Some(num) = read_number(s, i) else { continue };
        // Most Chinese numerals are inside words (进一步, 统一): a count needs a
        // measure word, 倍 or % right after it.
        if num.form == NumForm::Chinese && !num.percent {
            let next = s[num.end..].chars().next();
            if !next.is_some_and(|n| n == '倍' || CN_MEASURES.iter().any(|m| m.starts_with(n))) {
                next_free = num.end;
                continue;
            }
        }
        match judge(s, &num, dates) {
            Some(t) => {
                next_free = t.end.max(num.end);
                out.push(t);
            }
            None => next_free = num.end,
        }
    }
    out
}

fn judge(s: &str, num: &Num, dates: &[DatePhrase]) -> Option<Target> {
    let prev = prev_char(s, num.start);
    let rest = &s[num.end..];
    // Ordinals, identifiers, codes and telephone numbers.
    if matches!(prev, Some('第' | '-' | '—' | '－' | '/' | '+' | '#' | '～' | '~')) || prev.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    if rest.starts_with(|c: char| {
        c.is_ascii_alphabetic()
            || c == '+'
            || c == '-' && num.form == NumForm::Arabic && !rest[1..].starts_with(|d: char| digit_value(d).is_some())
    }) {
        return None;
    }
    if num.form == NumForm::Arabic && !num.decimal && !num.multiplied && num.value >= 1_000_000.0 && !num.percent {
        return None; // hotlines and telephone numbers
    }
    // Years, dates, anniversaries, congresses, durations, levels.
    for w in [
        "年",
        "月",
        "日",
        "号",
        "周年",
        "届",
        "次全会",
        "中全会",
        "次党代会",
        "次代表大会",
        "大",
        "级",
        "天",
        "小时",
        "周",
        "季度",
        "期间",
        "批次",
    ] {
        if rest.starts_with(w) {
            return None;
        }
    }
    if num.form == NumForm::Chinese
        && prev.is_some_and(|p| matches!(p, '统' | '进' | '唯' | '同' | '逐' | '单' | '万' | '某' | '之' | '专' | '如'))
    {
        return None;
    }
    // The unit, and ranges: 1至2个, 3—5年, 10%-15%, 1-2个 (the unit follows the second number).
    let dashes = ["至", "到", "—", "－", "-", "~", "～"];
    let direct = unit_after(s, num);
    let mut value_max = None;
    let (unit, end);
    let range_from = match &direct {
        Some((_, l)) if num.percent => Some(num.end + l),
        Some(_) => None,
        None => Some(num.end),
    };
    let range = range_from.and_then(|at| {
        let d = dashes.iter().find(|d| s[at..].starts_with(**d))?;
        let n2 = read_number(s, at + d.len())?;
        let (u2, l2) = unit_after(s, &n2)?;
        (n2.value > num.value && n2.form == num.form).then(|| (n2.value, u2, n2.end + l2))
    });
    match (range, direct) {
        (Some((max, u2, e2)), _) => {
            value_max = Some(max);
            unit = u2;
            end = e2;
        }
        (None, Some((u, l))) => {
            unit = u;
            end = num.end + l;
        }
        (None, None) => return None,
    }
    // Time units after a range (3—5年) are durations, not targets.
    if ["年", "月", "日", "天"].contains(&unit.as_str()) {
        return None;
    }
    let after_unit = &s[end..];
    let (mut comparator, mut span_start) = (Comparator::Eq, num.start);
    // An indicator, scope or denominator is near its number: a clause without
    // punctuation (a flattened table) is read back at most ~200 characters.
    let cstart = start_within(s, num.start, &CLAUSE_BREAKS, 600);
    if let Some((cmp, at)) = comparator_before(s, cstart, num.start) {
        comparator = cmp;
        span_start = at;
    }
    let mut after_cmp_len = 0;
    if let Some((w, cmp)) = AFTER.iter().find(|(w, _)| after_unit.starts_with(w)) {
        if comparator == Comparator::Eq || *cmp != Comparator::Eq {
            comparator = *cmp;
        }
        after_cmp_len = w.len();
    }
    let tail = &s[end + after_cmp_len..];
    // A number that only sets a condition: 人口在5万人以下的乡镇, 多于5万人的.
    if tail.starts_with('的') && (after_cmp_len > 0 || matches!(comparator, Comparator::Gt | Comparator::Lt)) {
        let noun = &tail['的'.len_utf8()..];
        if !KEEP_AFTER_DE.iter().any(|w| noun.starts_with(w)) {
            return None;
        }
    }
    if s[cstart..num.start].ends_with('在') && !s[cstart..num.start].ends_with("控制在") && after_cmp_len > 0 {
        return None;
    }
    // 一 counts only when bounded or made (至少建有一所, 确定一名工作协调员).
    if num.form == NumForm::Chinese && num.value == 1.0 {
        let made = MAKE_VERBS.iter().any(|v| s[cstart..num.start].ends_with(v));
        let strong_unit = ["所", "名", "个", "家", "处", "座", "间", "套", "张", "位"].contains(&unit.as_str());
        if !(comparator != Comparator::Eq || made) || !strong_unit {
            return None;
        }
        if s[end..].starts_with("时期") {
            return None;
        }
    }
    // Counts that describe the plan (分4个阶段) or are governed by a verb that does not commit.
    if PLAN_NOUNS.iter().any(|w| after_unit.starts_with(w)) {
        return None;
    }
    let sstart = start_within(s, num.start, &SENTENCE_BREAKS, 1500);
    if comparator == Comparator::Eq && !num.percent && unit != "倍" && governing_verb_blocks(s, sstart, num.start) {
        return None;
    }
    let end_with_cmp = end + after_cmp_len;
    // Indicator and span.
    let count_like = !matches!(unit.as_str(), "%" | "倍" | "‰") && comparator == Comparator::Eq || (unit.is_empty() && num.multiplied);
    let mut span_end = end_with_cmp;
    let measured = !matches!(unit.as_str(), "%" | "倍" | "‰" | "");
    let indicator = if count_like || (measured && indicator_after(s, end_with_cmp).is_some()) {
        let ind = indicator_after(s, end_with_cmp);
        if let (Some(ind), true) = (&ind, count_like) {
            // The span runs over the noun counted.
            let mut e = end_with_cmp;
            let mut got = String::new();
            for c in s[end_with_cmp..].chars() {
                if got.chars().filter(|c| !matches!(c, '“' | '”')).count() >= ind.chars().count() {
                    break;
                }
                got.push(c);
                e += c.len_utf8();
            }
            if s[e..].starts_with('”') {
                e += '”'.len_utf8();
            }
            span_end = e;
        }
        ind.or_else(|| indicator_before(s, cstart, span_start))
    } else {
        indicator_before(s, cstart, span_start)
    };
    // The last date phrase of the sentence before the number (dates are in text order).
    let from = dates.partition_point(|d| d.start < sstart);
    let upto = dates.partition_point(|d| d.start < num.start);
    let deadline = dates[from..upto].iter().rfind(|d| d.end <= num.start).map(|d| d.date.clone());
    let per = per_of(s, cstart, num.start);
    let scope = scope_of(s, cstart, num.start);
    Some(Target {
        block: 0,
        start: span_start,
        end: span_end,
        number_start: num.start,
        number_end: num.end,
        value: num.value,
        value_max,
        unit,
        per,
        comparator,
        deadline,
        indicator,
        scope,
    })
}

/// What is due by a deadline: the rest of its sentence, or for a date in
/// brackets after a title (制定工作方案（4月25日前）), the title.
fn action_of(s: &str, d: &DatePhrase) -> String {
    let before = s[..d.start].trim_end();
    let opened_bracket = before.ends_with(['（', '(']);
    if opened_bracket {
        // A title is short: look back a bounded way (many dates in one sentence stay linear).
        let title_start = start_within(s, d.start, &SENTENCE_BREAKS, 600);
        let t = before.trim_end_matches(['（', '(']);
        return t[title_start.min(t.len())..].trim().to_string();
    }
    let from = d.end;
    let rest = s[from..].trim_start_matches(['，', ',', '：', ':', '）', ')', '。', ' ']);
    let start = s.len() - rest.len();
    let action: String = s[start..].chars().take_while(|c| !SENTENCE_BREAKS.contains(c)).take(80).collect();
    action.trim_end_matches(['，', '；', ',', ';']).to_string()
}

/// What a document commits to: its numbered formulations, quantitative targets
/// and deadlines, read from its task records in one pass per record (the
/// slogans and date phrases of a record are found once and shared).
pub fn extract(doc: &Document, lex: &slogans::Lexicon) -> (Vec<slogans::Slogan>, Vec<Target>, Vec<Deadline>) {
    let (mut sl, mut tg, mut dl) = (Vec::new(), Vec::new(), Vec::new());
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind != BlockKind::Task {
            continue;
        }
        let text = b.text(&doc.text);
        let triggers = crate::text::scan::triggers(text);
        let found = slogans::find_at(text, lex, &triggers.cn_numerals);
        let dates = date_phrases_at(text, doc.meta.year, &triggers.date_starts);
        let numbers = crate::text::lines::find_doc_numbers(text);
        // In a table row the deadline is a column after the task: it dates the row.
        let row_deadline = (b.style == Some(crate::layout::markers::Style::Row)).then(|| dates.last().map(|d| d.date.clone())).flatten();
        for t in targets_in(text, &found, &dates, &numbers, &triggers.numerals) {
            let o = b.text_start;
            let deadline = t.deadline.clone().or_else(|| row_deadline.clone());
            tg.push(Target {
                block: i,
                start: t.start + o,
                end: t.end + o,
                number_start: t.number_start + o,
                number_end: t.number_end + o,
                deadline,
                ..t
            });
        }
        for d in &dates {
            if inside(&numbers, d.start) {
                continue;
            }
            dl.push(Deadline {
                block: i,
                start: b.text_start + d.start,
                end: b.text_start + d.end,
                date: d.date.clone(),
                phrase: text[d.start..d.end].to_string(),
                action: action_of(text, d),
            });
        }
        sl.extend(slogans::once_per_record(i, b.text_start, found));
    }
    (sl, tg, dl)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, value_max, unit, comparator, deadline)
    type Row = (f64, Option<f64>, String, &'static str, Option<String>);

    fn t(s: &str) -> Vec<Row> {
        find_targets(s, Some(2020), &slogans::Lexicon::default())
            .into_iter()
            .map(|t| (t.value, t.value_max, t.unit, t.comparator.symbol(), t.deadline))
            .collect()
    }

    fn values(s: &str) -> Vec<f64> {
        t(s).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn reads_commitments() {
        assert_eq!(t("城乡特困人员基本生活标准不低于当地上年度城乡低保标准的1.3倍"), [(1.3, None, "倍".into(), ">=", None)]);
        assert_eq!(values("落实省政府“支持100个农村社会福利服务中心、50个农村养老服务大院或互助养老场所改善服务条件”"), [100.0, 50.0]);
        assert_eq!(t("争取将1至2个地区纳入全国第二批试点"), [(1.0, Some(2.0), "个".into(), "=", None)]);
        assert_eq!(t("到2022年底每个县(区)至少建有一所标准较高的照护服务设施"), [(1.0, None, "所".into(), ">=", Some("2022-12".into()))]);
        assert_eq!(t("做实做细全省53.9万建档立卡贫困对象的数据比对工作"), [(539000.0, None, "".into(), "=", None)]);
        assert_eq!(
            t("力争完成1个平台、1个中心、3个基础库和4个综合系统基础架构建设"),
            [1.0, 1.0, 3.0, 4.0].iter().map(|&v| (v, None, "个".to_string(), "=", None)).collect::<Vec<_>>()
        );
        assert_eq!(t("省本级彩票公益金55%以上用于发展养老服务事业"), [(55.0, None, "%".into(), ">=", None)]);
        assert_eq!(t("民政管理服务人员不少于3名"), [(3.0, None, "名".into(), ">=", None)]);
        assert_eq!(t("覆盖率控制在百分之十五以内"), [(15.0, None, "%".into(), "<=", None)]);
        assert_eq!(t("城乡社区服务设施达标率达９５％以上"), [(95.0, None, "%".into(), ">=", None)]);
        assert_eq!(t("救助比例提高到10%-15%"), [(10.0, Some(15.0), "%".into(), "=", None)]);
    }

    #[test]
    fn per_scope_indicator() {
        let x = &find_targets("到2015年,养老机构床位数达到每千名老年人30张以上", Some(2012), &Default::default())[0];
        assert_eq!(
            (x.per.as_deref(), x.indicator.as_deref(), x.deadline.as_deref()),
            (Some("千名老年人"), Some("养老机构床位数"), Some("2015"))
        );
        let x = &find_targets("各省辖市分别建有1所功能设施齐全的社会福利院", None, &Default::default())[0];
        assert_eq!((x.scope.as_deref(), x.indicator.as_deref()), (Some("各省辖市"), Some("功能设施齐全的社会福利院")));
    }

    #[test]
    fn exclusions() {
        for s in [
            "贯彻《关于加强养老服务的意见》（吉发〔2016〕20号）",
            "持续推进2018年-2020年整合改造计划",
            "落实《法治宣传教育第七个五年规划（2016—2020年）》",
            "全面贯彻党的十九大和十九届二中、三中、四中全会精神，省委十届八次全会",
            "开展建军90周年系列庆祝活动",
            "充分挖掘“95105151”“12349”呼叫平台作用，联系电话：0431-88906188",
            "纳入全国第二批试点，开展第三方评估",
            "强化“四个意识”，创建“六型机关”",
            "人口在5万人以下的乡镇(街道)，人口多于5万人的乡镇",
            "加快推进市县两级救灾物资储备库建设，省、市、县三级民政部门",
            "开展培育发展社区社会组织三年专项行动",
            "推进全国两会精神学习，加强村“两委”建设，推动一张表单受理，进一步统一标准",
            "启动阶段(3月1日-15日）",
            "按照《实施方案》要求，分4个阶段目标推进",
            "指导长春市朝阳区、宽城区，辉南县4个省级联系点，在城乡社区协商方面加强探索",
            "顺应5G、人工智能发展趋势，形成1+N制度体系框架",
            "作为当前和今后一个时期首要的政治任务",
            "…3541.07万元2.3本项目",
            "“十三五”时期民政事业发展规划，“十四五”规划",
            "一是加强组织领导，二是完善制度，三是强化督查",
            "本方案于2019年3月11日印发，自2019年4月1日起施行",
        ] {
            let got = t(s);
            let allowed = if s.starts_with('…') { 1 } else { 0 };
            assert!(got.len() == allowed, "{s}: {got:?}");
        }
        // The 2. marker after 万元 does not merge into the number.
        assert_eq!(values("总投资3541.07万元2.3本项目"), [35_410_700.0]);
    }

    #[test]
    fn deadlines() {
        let d = |s: &str| date_phrases(s, Some(2020)).into_iter().map(|d| d.date).collect::<Vec<_>>();
        assert_eq!(d("到2015年基本实现全覆盖"), ["2015"]);
        assert_eq!(d("到2022年底每个县"), ["2022-12"]);
        assert_eq!(d("2020年12月底前，全省基层"), ["2020-12"]);
        assert_eq!(d("编制发布公开事项（6月15日前）"), ["2020-06-15"]);
        assert_eq!(d("确保到“十四五”末，全省民政服务设施达到国家统一标准"), ["2025"]);
        assert_eq!(d("年内完成，年底前验收，上半年启动，明年推广"), ["2020", "2020-12", "2020-06", "2021"]);
        assert_eq!(d("落实阶段(3月16日-10月31日)"), ["2020-10-31"]);
        assert_eq!(d("2023年，基本建成全省统一的体系"), ["2023"]);
        assert!(d("2016年以来的非正常访，2019年3月11日印发，每月底前报送").is_empty());
    }
}
