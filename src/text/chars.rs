//! Character classes and clause boundaries of Chinese running text, shared by
//! the date grammar, targets and slogans.
//!
//! ```
//! use zhengce::text::chars::{is_han, prev_char};
//! assert!(is_han('政') && !is_han('，'));
//! assert_eq!(prev_char("到2015年", "到".len()), Some('到'));
//! ```

/// Punctuation that ends a clause (GB/T 15834 标点符号用法: comma, semicolon,
/// colon and the sentence ends), and a line end.
pub const CLAUSE_BREAKS: [char; 10] = ['，', ',', '；', ';', '。', '：', ':', '！', '？', '\n'];

/// Punctuation that ends a sentence, and a line end.
pub const SENTENCE_BREAKS: [char; 5] = ['。', '！', '？', '\n', '!'];

/// A CJK unified ideograph of the basic block (the characters of running
/// Chinese text; punctuation is not one).
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The character before byte `i` of `s`.
#[inline]
pub fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The start of the clause or sentence holding byte `i`, looked for at most
/// `window` bytes back (clauses and sentences of policy text are far shorter):
/// a table flattened into one sentence can hold thousands of numbers, and an
/// unbounded scan back from each would be quadratic.
pub fn start_within(s: &str, i: usize, breaks: &[char], window: usize) -> usize {
    let from = s.floor_char_boundary(i.saturating_sub(window));
    s[from..i].rfind(breaks).map_or(from, |p| from + p + s[from + p..].chars().next().map_or(1, char::len_utf8))
}

/// The end of the clause or sentence holding byte `i` (the byte of its break,
/// or the end of the text), looked for at most `window` bytes on.
pub fn end_within(s: &str, i: usize, breaks: &[char], window: usize) -> usize {
    let to = s.floor_char_boundary((i + window).min(s.len()));
    s[i..to].find(breaks).map_or(to, |p| i + p)
}
