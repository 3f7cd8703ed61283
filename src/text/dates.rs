//! The one date grammar: 2019年3月11日, 二○一二年一月九日, 2012-10-10,
//! 2012/10/10, 2012.10.10, as written in dates of signature (成文日期, GB/T
//! 9704 §7.3.5.3), metadata headers and the text. Deadlines (`extract::targets`)
//! read their vaguer phrases around these.
//!
//! ```
//! use zhengce::text::dates::find_date;
//! let (d, _, _) = find_date("二○一二年一月九日").unwrap();
//! assert_eq!(d.iso(), "2012-01-09");
//! ```

use crate::model::document::Ymd;
use crate::text::numbers::{cn_digit, digit_value, read_cn_digits as read_cn, read_digits as read_int};

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

/// Read a date starting at byte `i`: 2019年3月11日, 二○一二年一月九日,
/// 2012-10-10, 2012/10/10, 2012.10.10. Returns the date and the end offset.
pub fn date_at(s: &str, i: usize) -> Option<(Ymd, usize)> {
    let c = s[i..].chars().next()?;
    if digit_value(c).is_some() {
        let (y, j) = read_int(s, i)?;
        if !year_ok(y) || s[i..j].chars().count() != 4 {
            return None;
        }
        let k = skip_ws(s, j);
        let sep = s[k..].chars().next()?;
        let (m_start, style) = match sep {
            '年' => (skip_ws(s, k + sep.len_utf8()), '年'),
            '-' | '/' | '.' | '．' => (k + sep.len_utf8(), sep),
            _ => return None,
        };
        let (m, j) = read_int(s, m_start)?;
        let j = skip_ws(s, j);
        let (d, end) = if style == '年' {
            let j = s[j..].strip_prefix('月').map(|_| skip_ws(s, j + '月'.len_utf8()))?;
            let (d, e) = read_int(s, j)?;
            let e = skip_ws(s, e);
            let e = if s[e..].starts_with('日') || s[e..].starts_with('号') { e + '日'.len_utf8() } else { return None };
            (d, e)
        } else {
            let j = s[j..].strip_prefix(style).map(|_| j + style.len_utf8())?;
            read_int(s, j)?
        };
        return Ymd::new(y as i32, m, d).map(|ymd| (ymd, end));
    }
    if cn_digit(c).is_some() {
        // 二○一二年一月九日: the year digit by digit.
        let mut j = i;
        let mut y: u32 = 0;
        let mut n = 0;
        for c in s[i..].chars() {
            match cn_digit(c) {
                Some(d) => {
                    y = y * 10 + d;
                    n += 1;
                    j += c.len_utf8();
                }
                None => break,
            }
            if n > 4 {
                return None;
            }
        }
        if n != 4 || !year_ok(y) || !s[j..].starts_with('年') {
            return None;
        }
        let (m, j) = read_cn(s, j + '年'.len_utf8())?;
        let j = s[j..].strip_prefix('月').map(|_| j + '月'.len_utf8())?;
        let (d, j) = read_cn(s, j)?;
        let end = s[j..].strip_prefix('日').map(|_| j + '日'.len_utf8())?;
        return Ymd::new(y as i32, m, d).map(|ymd| (ymd, end));
    }
    None
}

/// The first date anywhere in `s`: (date, start, end).
pub fn find_date(s: &str) -> Option<(Ymd, usize, usize)> {
    for (i, c) in s.char_indices() {
        if digit_value(c).is_some() || matches!(c, '一' | '二') {
            // Only at the start of a run of digits.
            let prev = s[..i].chars().next_back();
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
