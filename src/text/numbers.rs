//! Numbers as written in Chinese policy text: Arabic and full-width digits,
//! decimals, thousands separators, Chinese numerals (二十一, 一百零五, 两千,
//! 二○一二), 万/亿 multipliers on either kind, and percentages (20%, ２０％,
//! 百分之二十).
//!
//! ```
//! use zhengce::text::numbers::{parse_cn_int, read_number};
//! assert_eq!(parse_cn_int("一百零五"), Some(105));
//! let n = read_number("53.9万建档立卡", 0).unwrap();
//! assert_eq!(n.value, 539000.0);
//! assert_eq!(&"53.9万建档立卡"[n.start..n.end], "53.9万");
//! ```

/// Value of an Arabic digit, half- or full-width.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The unsigned integer written in Arabic digits (half- or full-width) at byte
/// `i`, and the byte just after it; None if there is no digit there or it
/// overflows `u32` (years, months, days and document numbers).
pub fn read_digits(s: &str, i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    for c in s[i..].chars() {
        match digit_value(c) {
            Some(d) => {
                v = v.checked_mul(10)?.checked_add(d)?;
                j += c.len_utf8();
            }
            None => break,
        }
    }
    (j > i).then_some((v, j))
}

/// The longest Chinese numeral [`parse_cn_int`] reads (一千二百三十四亿五千六百七十八万… has
/// fewer characters): a longer run of numeral characters is never one number,
/// and reading stops there so that a run of thousands of numerals stays linear.
pub const MAX_CN_NUMERAL: usize = 32;

/// The integer written in Chinese digits and 十 at byte `i` (months, days and
/// years as dates write them: 十二月, 二○一二年), and the byte after it.
///
/// ```
/// use zhengce::text::numbers::read_cn_digits;
/// assert_eq!(read_cn_digits("十二月", 0), Some((12, "十二".len())));
/// assert_eq!(read_cn_digits("月", 0), None);
/// ```
pub fn read_cn_digits(s: &str, i: usize) -> Option<(u32, usize)> {
    // At most MAX_CN_NUMERAL characters: a longer run is never one number.
    let j = i + s[i..].chars().take(MAX_CN_NUMERAL).take_while(|&c| cn_digit(c).is_some() || c == '十').map(char::len_utf8).sum::<usize>();
    if j == i {
        return None;
    }
    Some((u32::try_from(parse_cn_int(&s[i..j])?).ok()?, j))
}

/// The integer at byte `i` in Arabic digits ([`read_digits`]) or else in
/// Chinese digits ([`read_cn_digits`]), and the byte after it: the one reader
/// of the small integers of dates and deadlines.
///
/// ```
/// use zhengce::text::numbers::read_int;
/// assert_eq!(read_int("6月", 0), Some((6, 1)));
/// assert_eq!(read_int("六月", 0), Some((6, "六".len())));
/// ```
pub fn read_int(s: &str, i: usize) -> Option<(u32, usize)> {
    read_digits(s, i).or_else(|| read_cn_digits(s, i))
}

/// Value of a Chinese digit character (including the financial forms and the
/// circle zero used in dates, 二○一二).
#[inline]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | 'Ｏ' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '两' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a Chinese unit character.
#[inline]
pub fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// True for characters that may appear inside a Chinese numeral.
#[inline]
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// Parse a whole Chinese numeral. Positional forms with units (二十一, 一百零五,
/// 三千五百万, 一亿二千万) and digit-by-digit forms without units (二○一二 → 2012)
/// are both read. The colloquial elision 一万二 (= 12000) is read as such.
/// Returns `None` for an empty or malformed numeral.
pub fn parse_cn_int(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    // Numerals are short: keep their characters on the stack.
    let mut buf = ['\0'; MAX_CN_NUMERAL];
    let mut len = 0;
    for c in s.chars() {
        if len == buf.len() || !is_cn_numeral_char(c) {
            return None;
        }
        buf[len] = c;
        len += 1;
    }
    let chars = &buf[..len];
    if chars.iter().all(|&c| cn_unit(c).is_none()) {
        digit_by_digit(chars)
    } else {
        positional(chars)
    }
}

/// 二○一二: a numeral without units read digit by digit; a single digit is
/// itself. Two plain digits (三五) mean "three to five", not 35.
fn digit_by_digit(chars: &[char]) -> Option<u64> {
    let zero = chars.iter().any(|&c| cn_digit(c) == Some(0));
    if chars.len() == 2 && !zero {
        return None;
    }
    let mut v: u64 = 0;
    for &c in chars {
        v = v.checked_mul(10)?.checked_add(cn_digit(c)? as u64)?;
    }
    Some(v)
}

/// A numeral with units (二十一, 一百零五, 三千五百万, 一亿二千万): groups of
/// 十/百/千 below each 万 and 亿, as the positional system counts.
fn positional(chars: &[char]) -> Option<u64> {
    let mut total: u64 = 0; // completed 亿 and 万 groups
    let mut section: u64 = 0; // current group below 万
    let mut number: u64 = 0; // pending digit
    let mut pending = false;
    let mut last_unit: u64 = 0;
    let mut after_zero = false;
    let mut last_small_unit: u64 = 0; // last 十/百/千 in the current section
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if pending && !after_zero && d != 0 {
                // Two digits in a row (三五) are not a positional numeral.
                return None;
            }
            if d == 0 {
                after_zero = true;
                number = 0;
                pending = false;
            } else {
                number = d as u64;
                pending = true;
            }
            continue;
        }
        let unit = cn_unit(c)?;
        if unit < 10_000 {
            // 十 at the start of a group means 一十 (十五, 一万零十).
            let prev_opens_group =
                i == 0 || matches!(chars[i - 1], '零' | '〇' | '○') || cn_unit(chars[i - 1]).is_some_and(|u| u >= 10_000);
            let n = if pending {
                number
            } else if unit == 10 && prev_opens_group {
                1
            } else {
                return None;
            };
            if last_small_unit != 0 && unit >= last_small_unit {
                return None; // 十百, 百百: units must fall within a group
            }
            section = section.checked_add(n.checked_mul(unit)?)?;
            last_small_unit = unit;
        } else {
            let group = section.checked_add(if pending { number } else { 0 })?;
            if unit == 100_000_000 {
                total = total.checked_add(group)?.checked_mul(unit)?;
            } else {
                if group == 0 && total == 0 {
                    return None; // a bare 万
                }
                total = total.checked_add(group.checked_mul(unit)?)?;
            }
            section = 0;
            last_small_unit = 0;
        }
        number = 0;
        pending = false;
        last_unit = unit;
        after_zero = false;
    }
    if pending {
        // Colloquial elision: 一万二 = 12000, 三百五 = 350 (only directly after a unit).
        let prev_is_unit = chars.len() >= 2 && cn_unit(chars[chars.len() - 2]).is_some();
        if prev_is_unit && !after_zero && last_unit >= 100 {
            number *= last_unit / 10;
        }
        section = section.checked_add(number)?;
    }
    total.checked_add(section)
}

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumForm {
    /// Arabic digits (half- or full-width), possibly with a 万/亿 multiplier.
    Arabic,
    /// Chinese numerals.
    Chinese,
}

/// A number read from text. `start`/`end` are byte offsets into the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: f64,
    pub start: usize,
    pub end: usize,
    pub form: NumForm,
    /// Written as a percentage (20%, 百分之二十); `value` is the percent number.
    pub percent: bool,
    /// Written with a decimal point.
    pub decimal: bool,
    /// A 万/亿 multiplier was applied.
    pub multiplied: bool,
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// Read the number that starts at byte `i` of `s`, if any: Arabic digits with
/// optional decimals, thousands separators and 万/亿 multiplier, or a Chinese
/// numeral; a following `%`/`％` or a leading 百分之 makes it a percentage.
pub fn read_number(s: &str, i: usize) -> Option<Num> {
    let c = char_at(s, i)?;
    if s[i..].starts_with("百分之") {
        let inner = read_number(s, i + "百分之".len())?;
        if inner.percent {
            return None;
        }
        return Some(Num { start: i, percent: true, ..inner });
    }
    if digit_value(c).is_some() {
        return read_arabic(s, i);
    }
    if is_cn_numeral_char(c) {
        return read_chinese(s, i);
    }
    None
}

fn read_arabic(s: &str, i: usize) -> Option<Num> {
    let mut j = i;
    let mut int_part: f64 = 0.0;
    let mut digits = 0usize;
    let mut decimal = false;
    let mut frac_scale = 1.0f64;
    let mut frac: f64 = 0.0;
    while let Some(c) = char_at(s, j) {
        if let Some(d) = digit_value(c) {
            if decimal {
                frac_scale /= 10.0;
                frac += d as f64 * frac_scale;
            } else {
                int_part = int_part * 10.0 + d as f64;
                digits += 1;
            }
            j += c.len_utf8();
            continue;
        }
        if (c == '.' || c == '．') && !decimal && digits > 0 {
            // A decimal point needs a digit after it ("1." at a line start is a marker).
            let k = j + c.len_utf8();
            if char_at(s, k).and_then(digit_value).is_some() {
                decimal = true;
                j = k;
                continue;
            }
            break;
        }
        if c == ',' && !decimal && digits > 0 && digits <= 3 + 3 * 5 {
            // Thousands separator: exactly three digits follow, then a non-digit.
            let rest = &s[j + 1..];
            let three: Vec<char> = rest.chars().take(4).collect();
            if three.len() >= 3
                && three[..3].iter().all(|&d| digit_value(d).is_some())
                && three.get(3).is_none_or(|&d| digit_value(d).is_none())
            {
                j += 1;
                continue;
            }
            break;
        }
        break;
    }
    if digits == 0 {
        return None;
    }
    let mut value = int_part + frac;
    let mut multiplied = false;
    let mut end = j;
    if let Some(c) = char_at(s, end) {
        if let Some(u @ (10_000 | 100_000_000)) = cn_unit(c) {
            value *= u as f64;
            multiplied = true;
            end += c.len_utf8();
            // 1.2亿万 does not occur; but 万亿 does.
            if u == 10_000 && char_at(s, end) == Some('亿') {
                value *= 100_000_000.0;
                end += '亿'.len_utf8();
            }
        }
    }
    let mut percent = false;
    if let Some(c) = char_at(s, end) {
        if c == '%' || c == '％' {
            percent = true;
            end += c.len_utf8();
        }
    }
    Some(Num { value: round_dec(value), start: i, end, form: NumForm::Arabic, percent, decimal, multiplied })
}

/// Remove binary noise from decimal arithmetic (53.9 * 10000 = 539000.0000001).
fn round_dec(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if (r - v).abs() < 1e-6 * v.abs().max(1.0) {
        r
    } else {
        v
    }
}

fn read_chinese(s: &str, i: usize) -> Option<Num> {
    // At most MAX_CN_NUMERAL characters: a longer run is several numbers (or
    // none), and trimming back from its far end would make a long run quadratic.
    let mut j = i;
    for c in s[i..].chars().take(MAX_CN_NUMERAL) {
        if is_cn_numeral_char(c) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    // Trim trailing characters until the numeral parses (一百零五个 → 一百零五).
    let mut end = j;
    while end > i {
        let text = &s[i..end];
        if let Some(v) = parse_cn_int(text) {
            // 点 decimal: 三点五
            let mut value = v as f64;
            let mut decimal = false;
            let mut e = end;
            if s[end..].starts_with('点') {
                let k = end + '点'.len_utf8();
                let mut scale = 0.1;
                let mut frac = 0.0;
                let mut m = k;
                while let Some(c) = char_at(s, m) {
                    match cn_digit(c) {
                        Some(d) => {
                            frac += d as f64 * scale;
                            scale /= 10.0;
                            m += c.len_utf8();
                        }
                        None => break,
                    }
                }
                if m > k {
                    value += frac;
                    decimal = true;
                    e = m;
                }
            }
            let mut percent = false;
            if let Some(c) = char_at(s, e) {
                if c == '%' || c == '％' {
                    percent = true;
                    e += c.len_utf8();
                }
            }
            return Some(Num { value: round_dec(value), start: i, end: e, form: NumForm::Chinese, percent, decimal, multiplied: false });
        }
        let last = s[i..end].chars().next_back()?;
        end -= last.len_utf8();
    }
    None
}

/// Write a non-negative integer as a canonical Chinese numeral (一百零五, 十五,
/// 一亿零一十). Used by tests and for the normalised form of slogans.
pub fn to_cn(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    to_cn_inner(n, true)
}

fn to_cn_inner(n: u64, top: bool) -> String {
    const YI: u64 = 100_000_000;
    const WAN: u64 = 10_000;
    let (unit, ch) = if n >= YI {
        (YI, '亿')
    } else if n >= WAN {
        (WAN, '万')
    } else {
        return to_cn_small(n, top);
    };
    let (hi, lo) = (n / unit, n % unit);
    let mut s = to_cn_inner(hi, top);
    s.push(ch);
    if lo > 0 {
        if lo < unit / 10 {
            s.push('零');
        }
        s.push_str(&to_cn_inner(lo, false));
    }
    s
}

fn to_cn_small(n: u64, top: bool) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digits = [(n / 1000) % 10, (n / 100) % 10, (n / 10) % 10, n % 10];
    let units = ['千', '百', '十', ' '];
    let mut s = String::new();
    let mut started = false;
    let mut zero = false;
    for (k, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        if !(k == 2 && d == 1 && !started && top) {
            s.push(D[d as usize]);
        }
        if units[k] != ' ' {
            s.push(units[k]);
        }
        started = true;
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn read_digits_reads_half_and_full_width_and_refuses_overflow() {
        assert_eq!(read_digits("2019年", 0), Some((2019, 4)));
        assert_eq!(read_digits("第１２号", "第".len()), Some((12, "第１２".len())));
        assert_eq!(read_digits("十二月", 0), None);
        assert_eq!(read_digits("99999999999", 0), None);
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_integers() {
        for (s, v) in [
            ("零", 0),
            ("一", 1),
            ("十", 10),
            ("十五", 15),
            ("二十一", 21),
            ("一百零五", 105),
            ("两千", 2000),
            ("三千五百万", 35_000_000),
            ("一亿二千万", 120_000_000),
            ("十万", 100_000),
            ("一万二", 12_000),
            ("三百五", 350),
            ("二○一二", 2012),
            ("二〇二〇", 2020),
            ("一千零一", 1001),
            ("一万零一百", 10_100),
        ] {
            assert_eq!(parse_cn_int(s), Some(v), "{s}");
        }
        for bad in ["", "万", "十百", "三五", "一二三x"] {
            assert_eq!(parse_cn_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn arabic_forms() {
        let n = read_number("1.3倍", 0).unwrap();
        assert_eq!((n.value, &"1.3倍"[n.start..n.end]), (1.3, "1.3"));
        let n = read_number("２０％以上", 0).unwrap();
        assert!(n.percent);
        assert_eq!(n.value, 20.0);
        let n = read_number("1,000名", 0).unwrap();
        assert_eq!(n.value, 1000.0);
        let n = read_number("3541.07万元2.3本项目", 0).unwrap();
        assert_eq!(n.value, 35_410_700.0);
        assert_eq!(&"3541.07万元2.3本项目"[n.start..n.end], "3541.07万");
        // A marker "1." is not a decimal.
        let n = read_number("1.完善", 0).unwrap();
        assert_eq!((n.value, n.end), (1.0, 1));
        // A list "1,2,3" is not a thousands separator.
        let n = read_number("1,2,3", 0).unwrap();
        assert_eq!(n.value, 1.0);
    }

    #[test]
    fn chinese_forms() {
        let n = read_number("百分之五十以上", 0).unwrap();
        assert!(n.percent);
        assert_eq!(n.value, 50.0);
        let n = read_number("一所标准较高", 0).unwrap();
        assert_eq!(n.value, 1.0);
        assert_eq!(n.end, "一".len());
        let n = read_number("三点五倍", 0).unwrap();
        assert_eq!(n.value, 3.5);
    }

    #[test]
    fn canonical_writer() {
        for (n, s) in [
            (105, "一百零五"),
            (10, "十"),
            (15, "十五"),
            (21, "二十一"),
            (1001, "一千零一"),
            (10100, "一万零一百"),
            (100_000_010, "一亿零一十"),
        ] {
            assert_eq!(to_cn(n), s, "{n}");
        }
    }

    proptest! {
        #[test]
        fn roundtrip_chinese(n in 0u64..1_000_000_000_000u64) {
            let s = to_cn(n);
            prop_assert_eq!(parse_cn_int(&s), Some(n), "{}", s);
        }

        #[test]
        fn roundtrip_arabic(n in 0u64..10_000_000_000u64, fw in any::<bool>()) {
            let s: String = n.to_string().chars().map(|c| if fw { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap() } else { c }).collect();
            let got = read_number(&s, 0).unwrap();
            prop_assert_eq!(got.value, n as f64);
            prop_assert_eq!(got.end, s.len());
        }

        #[test]
        fn wan_multiplier(a in 0u32..100_000, b in 0u32..10) {
            let s = format!("{a}.{b}万");
            let got = read_number(&s, 0).unwrap();
            prop_assert!((got.value - (a as f64 * 10_000.0 + b as f64 * 1000.0)).abs() < 1e-6);
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            for (i, _) in s.char_indices() {
                let _ = read_number(&s, i);
            }
            let _ = parse_cn_int(&s);
        }
    }
}
