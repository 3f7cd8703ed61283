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
