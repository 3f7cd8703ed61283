//! Character classes of Chinese text, in one place: which characters are Han
//! ideographs (what a slogan's noun or a target's indicator is made of) and
//! which belong to CJK typesetting (where a line break in a web page or PDF
//! is not a space).

/// A Han ideograph of the CJK Unified Ideographs block (U+4E00–U+9FFF), the
/// characters of ordinary modern Chinese text (GB 2312 and GBK lie inside it):
/// the words of an indicator or a slogan.
///
/// ```
/// use zhengce::text::chars::is_han;
/// assert!(is_han('政') && !is_han('，') && !is_han('a'));
/// ```
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A character of CJK typesetting — ideographs of every block, CJK and
/// full-width punctuation, enclosed numbers, Chinese quotation marks and
/// dashes — between which a line break of the source is not a space (CJK text
/// is set without spaces between words).
///
/// ```
/// use zhengce::text::chars::is_cjk;
/// assert!(is_cjk('政') && is_cjk('，') && is_cjk('①') && is_cjk('“') && !is_cjk('a'));
/// ```
pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    (0x4E00..=0x9FFF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x3000..=0x303F).contains(&u)
        || (0xFF00..=0xFFEF).contains(&u)
        || (0x2460..=0x24FF).contains(&u)
        || (0x2E80..=0x2FDF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x20000..=0x2FFFF).contains(&u)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Punctuation that ends a clause (GB/T 15834 标点符号用法: comma, semicolon,
/// colon and the sentence ends), and a line end.
pub const CLAUSE_BREAKS: [char; 10] = ['，', ',', '；', ';', '。', '：', ':', '！', '？', '\n'];

/// Punctuation that ends a sentence, and a line end.
pub const SENTENCE_BREAKS: [char; 5] = ['。', '！', '？', '\n', '!'];

/// The character before byte `i` of `s`.
///
/// ```
/// use zhengce::text::chars::prev_char;
/// assert_eq!(prev_char("到2015年", "到".len()), Some('到'));
/// ```
#[inline]
pub fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The start of the clause or sentence holding byte `i`, looked for at most
/// `window` bytes back (clauses and sentences of policy text are far shorter):
/// a table flattened into one sentence can hold thousands of numbers, and an
/// unbounded scan back from each would be quadratic.
///
/// ```
/// use zhengce::text::chars::{start_within, CLAUSE_BREAKS};
/// let s = "加强建设，到2015年建成";
/// assert_eq!(&s[start_within(s, s.len(), &CLAUSE_BREAKS, 600)..], "到2015年建成");
/// ```
pub fn start_within(s: &str, i: usize, breaks: &[char], window: usize) -> usize {
    let from = s.floor_char_boundary(i.saturating_sub(window));
    rfind_break(&s[from..i], breaks).map_or(from, |p| from + p + s[from + p..].chars().next().map_or(1, char::len_utf8))
}

/// The UTF-8 lead bytes of U+4000–U+9FFF (nearly all Han characters), each
/// three bytes long: scans for punctuation step over them undecoded.
const HAN_LEADS: std::ops::RangeInclusive<u8> = 0xE4..=0xE9;

/// Whether no character of `breaks` is one that [`HAN_LEADS`] begins: then a
/// scan for them can step over every such character without decoding it.
fn breaks_outside_han(breaks: &[char]) -> bool {
    breaks.iter().all(|&c| !('\u{4000}'..='\u{9FFF}').contains(&c))
}

/// `s.rfind(breaks)`, stepping over Han characters by their lead byte.
fn rfind_break(s: &str, breaks: &[char]) -> Option<usize> {
    if !breaks_outside_han(breaks) {
        return s.rfind(breaks);
    }
    let b = s.as_bytes();
    // `end` is a character boundary: a Han lead byte three bytes before it
    // begins the character that ends there, stepped over whole.
    let mut end = b.len();
    while end > 0 {
        if end >= 3 && HAN_LEADS.contains(&b[end - 3]) {
            end -= 3;
            continue;
        }
        let c = s[..end].chars().next_back()?;
        end -= c.len_utf8();
        if breaks.contains(&c) {
            return Some(end);
        }
    }
    None
}

/// `s.find(breaks)`, stepping over Han characters by their lead byte.
fn find_break(s: &str, breaks: &[char]) -> Option<usize> {
    if !breaks_outside_han(breaks) {
        return s.find(breaks);
    }
    non_han_chars(s).find(|(_, c)| breaks.contains(c)).map(|(p, _)| p)
}

/// The characters of `s` and their byte offsets, but for those of
/// U+4000–U+9FFF (lead byte E4–E9: nearly all Han characters), which are
/// stepped over without being decoded. For scans that look only for
/// punctuation, brackets and Latin letters or digits.
///
/// ```
/// use zhengce::text::chars::non_han_chars;
/// let got: Vec<(usize, char)> = non_han_chars("加强（a）。").collect();
/// assert_eq!(got, [(6, '（'), (9, 'a'), (10, '）'), (13, '。')]);
/// ```
pub fn non_han_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = s.as_bytes();
    let mut p = 0;
    std::iter::from_fn(move || {
        while p < b.len() && HAN_LEADS.contains(&b[p]) {
            p += 3;
        }
        let c = s.get(p..)?.chars().next()?;
        p += c.len_utf8();
        Some((p - c.len_utf8(), c))
    })
}

/// The end of the clause or sentence holding byte `i` (the byte of its break,
/// or the end of the text), looked for at most `window` bytes on.
///
/// ```
/// use zhengce::text::chars::{end_within, CLAUSE_BREAKS};
/// let s = "到2015年建成，加强建设";
/// assert_eq!(&s[..end_within(s, 0, &CLAUSE_BREAKS, 600)], "到2015年建成");
/// ```
pub fn end_within(s: &str, i: usize, breaks: &[char], window: usize) -> usize {
    let to = s.floor_char_boundary((i + window).min(s.len()));
    find_break(&s[i..to], breaks).map_or(to, |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scans agree with `str::find` and `rfind` on every suffix and
    /// prefix of texts mixing Han characters, CJK and ASCII punctuation,
    /// characters of every width, and with break sets that hold a Han
    /// character (searched the plain way).
    #[test]
    fn break_scans_agree_with_str_find() {
        let texts = ["加强建设，到2015年建成；完成。", "a,b：c\n𠮷é“一”！x", "，", "", "年年年。年"];
        let sets: [&[char]; 4] = [&CLAUSE_BREAKS, &SENTENCE_BREAKS, &['年', '。'], &['𠮷', 'é']];
        for t in texts {
            for breaks in sets {
                for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                    assert_eq!(rfind_break(&t[..i], breaks), t[..i].rfind(breaks), "{t:?} ..{i} {breaks:?}");
                    assert_eq!(find_break(&t[i..], breaks), t[i..].find(breaks), "{t:?} {i}.. {breaks:?}");
                    let all: Vec<(usize, char)> = t[i..].char_indices().filter(|&(_, c)| !('\u{4000}'..='\u{9FFF}').contains(&c)).collect();
                    assert_eq!(non_han_chars(&t[i..]).collect::<Vec<_>>(), all);
                }
            }
        }
    }
}
