//! The one date grammar. Exact dates as written in dates of signature (成文日期,
//! GB/T 9704-2012 §7.3.5.3), metadata headers and the text — 2019年3月11日,
//! 二○一二年一月九日, 2012-10-10, 2012/10/10, 2012.10.10 — and the deadline
//! phrases of plans built on the same calendar reader: 到2015年, 2020年12月底前,
//! 6月15日前, 3月1日-15日, 到“十四五”末, and the vague forms resolved against the
//! document's year (年内, 年底前, 上半年, 一季度, 明年).
//!
//! ```
//! use zhengce::text::dates::{date_phrases, find_date};
//! let (d, _, _) = find_date("二○一二年一月九日").unwrap();
//! assert_eq!(d.iso(), "2012-01-09");
//! let p = date_phrases("到2022年底每个县建有一所", Some(2020));
//! assert_eq!(p[0].date, "2022-12");
//! ```

use crate::model::document::Ymd;
use crate::text::affix::any_prefix;
use crate::text::chars::{is_han, prev_char, CLAUSE_BREAKS};
use crate::text::numbers::{cn_digit, digit_value, read_digits, read_int};

fn skip_ws(s: &str, mut i: usize) -> usize {
    while let Some(c) = s[i..].chars().next() {
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// A plausible year of a policy document (the People's Republic on).
pub fn year_ok(y: u32) -> bool {
    (1949..=2100).contains(&y)
}

/// A year written with four digits, Arabic (2019) or Chinese digit by digit
/// (二○一二), at byte `i`.
fn year_at(s: &str, i: usize) -> Option<(u32, usize)> {
    let c = s[i..].chars().next()?;
    let (y, j) = if digit_value(c).is_some() {
        let (y, j) = read_digits(s, i)?;
        (s[i..j].chars().count() == 4).then_some((y, j))?
    } else {
        let mut j = i;
        let mut y: u32 = 0;
        for c in s[i..].chars().take(5) {
            let Some(d) = cn_digit(c) else { break };
            y = y * 10 + d;
            j += c.len_utf8();
        }
        (s[i..j].chars().count() == 4).then_some((y, j))?
    };
    year_ok(y).then_some((y, j))
}

/// A calendar date as far as it is written: a year with 年, then optionally a
/// month with 月 and a day with 日/号 (white space allowed between the parts, as
/// signatures are set). `end` is after the last part read.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Written {
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
    end: usize,
}

/// A month with 月 and optionally a day with 日/号 at byte `i`: (month, day, end).
fn month_day_at(s: &str, i: usize) -> Option<(u32, Option<u32>, usize)> {
    let (m, j) = read_int(s, i)?;
    let j = skip_ws(s, j);
    if !s[j..].starts_with('月') || !(1..=12).contains(&m) {
        return None;
    }
    let end = j + '月'.len_utf8();
    let day = read_int(s, skip_ws(s, end)).and_then(|(d, k)| {
        let k = skip_ws(s, k);
        ((s[k..].starts_with('日') || s[k..].starts_with('号')) && (1..=31).contains(&d)).then(|| (d, k + '日'.len_utf8()))
    });
    Some(match day {
        Some((d, e)) => (m, Some(d), e),
        None => (m, None, end),
    })
}

fn written_at(s: &str, i: usize) -> Option<Written> {
    let (year, j) = year_at(s, i)?;
    let j = skip_ws(s, j);
    if !s[j..].starts_with('年') {
        return None;
    }
    let end = j + '年'.len_utf8();
    Some(match month_day_at(s, skip_ws(s, end)) {
        Some((m, d, e)) => Written { year, month: Some(m), day: d, end: e },
        None => Written { year, month: None, day: None, end },
    })
}

/// Read a date starting at byte `i`: 2019年3月11日, 二○一二年一月九日,
/// 2012-10-10, 2012/10/10, 2012.10.10. Returns the date and the end offset.
pub fn date_at(s: &str, i: usize) -> Option<(Ymd, usize)> {
    if let Some(w) = written_at(s, i) {
        return Ymd::new(w.year as i32, w.month?, w.day?).map(|ymd| (ymd, w.end));
    }
    // Numeric forms: 2012-10-10, 2012/10/10, 2012.10.10 (Arabic digits only).
    let (y, j) = year_at(s, i).filter(|_| s[i..].starts_with(|c: char| digit_value(c).is_some()))?;
    let k = skip_ws(s, j);
    let sep = s[k..].chars().next().filter(|c| matches!(c, '-' | '/' | '.' | '．'))?;
    let (m, j) = read_digits(s, k + sep.len_utf8())?;
    let j = skip_ws(s, j);
    let j = s[j..].strip_prefix(sep).map(|_| j + sep.len_utf8())?;
    let (d, end) = read_digits(s, j)?;
    Ymd::new(y as i32, m, d).map(|ymd| (ymd, end))
}

/// The first date anywhere in `s`: (date, start, end).
pub fn find_date(s: &str) -> Option<(Ymd, usize, usize)> {
    for (i, c) in s.char_indices() {
        if digit_value(c).is_some() || matches!(c, '一' | '二') {
            // Only at the start of a run of digits.
            let prev = prev_char(s, i);
            if prev.is_some_and(|p| digit_value(p).is_some() || cn_digit(p).is_some()) {
                continue;
            }
            if let Some((d, end)) = date_at(s, i) {
                return Some((d, i, end));
            }
        }
    }
    None
}

/// A line that is only a date (the date of a signature).
pub fn is_date_line(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let t = t.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    match date_at(t, 0) {
        Some((_, end)) => t[end..].trim().is_empty(),
        None => false,
    }
}

// ---------------------------------------------------------------------------
// Deadline phrases

/// A deadline phrase: byte range in the text and the date (`YYYY`, `YYYY-MM`
/// or `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq)]
pub struct DatePhrase {
    pub start: usize,
    pub end: usize,
    pub date: String,
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn iso_parts(y: i32, m: Option<u32>, d: Option<u32>) -> String {
    match (m, d) {
        (Some(m), Some(d)) if Ymd::new(y, m, d).is_some() => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), _) => ym(y, m),
        _ => y.to_string(),
    }
}

/// Plan periods: 十二五 → 2015 … (the last year of the five-year plan, 国民经济和
/// 社会发展五年规划: the 12th runs 2011–2015).
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

/// Words that lead a deadline (到2015年, 截至2020年底).
const LEADS: [&str; 5] = ["截至", "截止", "到", "至", "于"];

/// The vague forms, resolved against the document's year:
/// (word, year offset, month; 0 for the year alone).
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

/// Find the deadline phrases of a text. `year` (the document's year) resolves
/// dates written without one (6月15日前, 年底前).
pub fn date_phrases(s: &str, year: Option<i32>) -> Vec<DatePhrase> {
    date_phrases_at(s, year, &crate::text::scan::date_starts().positions(s))
}

/// A character that starts only a vague form (一季度, 上半年, 年内 …) opens one
/// only with the right second character; most occurrences are inside words.
fn may_open_vague(s: &str, i: usize, c: char) -> bool {
    let second = s[i + c.len_utf8()..].chars().next();
    match c {
        '一' | '二' | '三' | '四' => second == Some('季'),
        '上' | '下' => second == Some('半'),
        '年' => matches!(second, Some('内' | '底' | '末')),
        '今' | '明' => second == Some('年'),
        '十' => second == Some('二'),
        _ => false,
    }
}

/// [`date_phrases`] with the positions where one can start already known.
pub(crate) fn date_phrases_at(s: &str, year: Option<i32>, starts: &[usize]) -> Vec<DatePhrase> {
    let mut out: Vec<DatePhrase> = Vec::new();
    let mut next_free = 0;
    // Only the characters that can start a date phrase are visited.
    for &i in starts {
        if i < next_free {
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        let led_or_digit = digit_value(c).is_some() || matches!(c, '截' | '到' | '至' | '于');
        if !led_or_digit && !may_open_vague(s, i, c) {
            continue;
        }
        let found = plan_period_deadline(s, i).or_else(|| numeric_deadline(s, i, year)).or_else(|| vague_deadline(s, i, c, year));
        if let Some(p) = found {
            next_free = p.end;
            out.push(p);
        }
    }
    out
}

/// 到“十四五”末 / 到十四五期末: the last year of the plan period.
fn plan_period_deadline(s: &str, i: usize) -> Option<DatePhrase> {
    let lead = LEADS.iter().find(|w| s[i..].starts_with(**w))?;
    let j = i + lead.len();
    if s[j..].starts_with(|c: char| digit_value(c).is_some()) {
        return None;
    }
    let (y, len) = plan_period_end(&s[j..])?;
    let k = j + len;
    let tail = ["末", "期末", "时期末"].iter().find(|w| s[k..].starts_with(**w))?;
    Some(DatePhrase { start: i, end: k + tail.len(), date: y.to_string() })
}

/// A deadline with numbers, led by 到/至/截至 or starting at the first digit of
/// a number (not inside one: 1.2020年 is not a year).
fn numeric_deadline(s: &str, i: usize, year: Option<i32>) -> Option<DatePhrase> {
    let lead = LEADS.iter().find(|w| s[i..].starts_with(**w)).copied();
    let at_number = s[i..].starts_with(|c: char| digit_value(c).is_some())
        && !prev_char(s, i).is_some_and(|p| digit_value(p).is_some() || p == '.' || p == '-');
    if lead.is_none() && !at_number {
        return None;
    }
    let j = i + lead.map_or(0, str::len);
    explicit_date(s, i, j, lead.is_some(), year)
}

/// 年内, 年底前, 上半年, 一季度, 明年 … in the document's year; not 每年/当年内/本年
/// (recurring or another year).
fn vague_deadline(s: &str, i: usize, c: char, year: Option<i32>) -> Option<DatePhrase> {
    let y = year?;
    if !matches!(c, '今' | '年' | '十' | '上' | '下' | '一' | '二' | '三' | '四' | '明') {
        return None;
    }
    let (w, dy, m) = VAGUE.iter().find(|(w, _, _)| s[i..].starts_with(w))?;
    if matches!(prev_char(s, i), Some('每' | '当' | '本')) {
        return None;
    }
    let date = if *m == 0 { (y + dy).to_string() } else { ym(y + dy, *m) };
    Some(DatePhrase { start: i, end: i + w.len(), date })
}

/// Dates with numbers: 到2015年, 2020年12月底前, 6月15日前, 3月1日-15日, 到2022年底.
fn explicit_date(s: &str, start: usize, j: usize, led: bool, year: Option<i32>) -> Option<DatePhrase> {
    if let Some(w) = written_at(s, j) {
        return dated_year(s, start, w, led);
    }
    let (m, day, end) = month_day_at(s, j)?;
    month_deadline(s, start, (m, day, end), led, year?)
}

/// A period between two years (2016—2020年, 2018年-2020年) is a plan period.
fn in_year_range(s: &str, start: usize, end: usize) -> bool {
    prev_char(s, start).is_some_and(|c| matches!(c, '—' | '-' | '－' | '~' | '～' | '至'))
        || s[end..].starts_with(['—', '-', '－', '~', '～'])
}

/// A year, with its month and day where written, as a deadline.
fn dated_year(s: &str, start: usize, w: Written, led: bool) -> Option<DatePhrase> {
    // Only the year itself counts for the range test: 2018年-2020年.
    let year_end = s[start..].find('年').map_or(w.end, |p| start + p + '年'.len_utf8());
    if in_year_range(s, start, year_end) {
        return None;
    }
    let mut end = w.end;
    let end_of_period = ["年底", "年末", "底", "末"].iter().find(|t| s[end..].starts_with(**t)).copied();
    end += end_of_period.map_or(0, str::len);
    let before = ["以前", "之前", "前"].iter().find(|t| s[end..].starts_with(**t)).copied();
    end += before.map_or(0, str::len);
    let (eop, before) = (end_of_period.is_some(), before.is_some());
    // A bare year is a deadline only when led by 到, closed by 前/底, or when it
    // opens a clause and something follows (2023年，基本建成 …); a full date on its
    // own (2019年3月11日印发) is a date, not a deadline.
    let bare_ok = w.month.is_none() && !eop && !before && opens_clause(s, start) && year_goes_on(&s[end..]);
    if !(led || before || eop || bare_ok) || (w.month.is_some() && !led && !before && !eop) {
        return None;
    }
    let month = w.month.or(eop.then_some(12));
    Some(DatePhrase { start, end, date: iso_parts(w.year as i32, month, w.day) })
}

fn opens_clause(s: &str, start: usize) -> bool {
    prev_char(s, start).is_none_or(|c| CLAUSE_BREAKS.contains(&c) || c == '（' || c == '(')
}

/// What follows a bare year that opens a clause makes it a deadline
/// (2023年，… / 2023年基本建成), not a reference to the year (2016年以来, 2019年度).
fn year_goes_on(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| c == '，' || c == ',' || (is_han(c) && !any_prefix(rest, &["以来", "度", "的", "起"])))
}

/// A month without a year: 6月15日前, 12月底前, 3月1日-15日 (the end of a
/// period is the deadline). Not 每月底前 (recurring).
fn month_deadline(s: &str, start: usize, (m, day, end): (u32, Option<u32>, usize), led: bool, y: i32) -> Option<DatePhrase> {
    let mut end = end;
    let (mut month, mut day) = (m, day);
    let eom = s[end..].starts_with(['底', '末']);
    if eom {
        end += '底'.len_utf8();
    }
    let mut period = false;
    if day.is_some() {
        if let Some((m2, d2, e2)) = period_end(s, end) {
            month = m2.unwrap_or(month);
            day = Some(d2);
            end = e2;
            period = true;
        }
    }
    let before = s[end..].starts_with('前');
    if before {
        end += '前'.len_utf8();
    }
    if !(before || period || led || eom) || matches!(prev_char(s, start), Some('每')) {
        return None;
    }
    Some(DatePhrase { start, end, date: iso_parts(y, Some(month), day) })
}

/// The end of a period after a dash: -15日 or -10月31日 → (month, day, end).
fn period_end(s: &str, at: usize) -> Option<(Option<u32>, u32, usize)> {
    let dash = ['-', '—', '－', '~', '～', '至'].into_iter().find(|c| s[at..].starts_with(*c))?;
    let p = at + dash.len_utf8();
    if let Some((m, Some(d), e)) = month_day_at(s, p) {
        return Some((Some(m), d, e));
    }
    let (x, k) = read_int(s, p)?;
    (s[k..].starts_with('日') && (1..=31).contains(&x)).then(|| (None, x, k + '日'.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_dates() {
        for (s, iso) in [
            ("2019年3月11日", "2019-03-11"),
            ("二○一二年一月九日", "2012-01-09"),
            ("2012-10-10", "2012-10-10"),
            ("2012/10/10", "2012-10-10"),
            ("2012.10.10", "2012-10-10"),
            ("2019年 3月 11日", "2019-03-11"),
            ("二〇二二年十一月三十日", "2022-11-30"),
        ] {
            assert_eq!(date_at(s, 0).map(|d| d.0.iso()).as_deref(), Some(iso), "{s}");
        }
        assert!(date_at("2019年2月30日", 0).is_none());
        assert!(date_at("2019年3月", 0).is_none());
        assert!(is_date_line("（2019年3月11日）"));
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
        assert_eq!(d("启动阶段(3月1日-15日）"), ["2020-03-15"]);
        assert_eq!(d("2023年，基本建成全省统一的体系"), ["2023"]);
        assert_eq!(d("到二〇二五年，建成"), ["2025"]);
        assert_eq!(d("十二月月底前完成"), ["2020-12"]);
        assert!(d("2016年以来的非正常访，2019年3月11日印发，每月底前报送").is_empty());
        assert!(d("持续推进2018年-2020年整合改造计划，2016—2020年").is_empty());
    }
}
