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
    s[from..i].rfind(breaks).map_or(from, |p| from + p + s[from + p..].chars().next().map_or(1, char::len_utf8))
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
    s[i..to].find(breaks).map_or(to, |p| i + p)
}
