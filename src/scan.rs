//! Fast jumps to the few characters a stage looks at. Policy text is mostly
//! characters no rule starts on; a bitset test per character (no automaton,
//! no per-character string comparisons) keeps the stages linear with a small
//! constant.

use std::sync::OnceLock;

/// A set of characters of the Basic Multilingual Plane.
pub(crate) struct CharSet(Box<[u64; 1024]>);

impl CharSet {
    fn new(chars: &[char]) -> CharSet {
        let mut bits = Box::new([0u64; 1024]);
        for &c in chars {
            let u = c as u32;
            assert!(u < 0x10000, "CharSet holds BMP characters");
            bits[(u >> 6) as usize] |= 1 << (u & 63);
        }
        CharSet(bits)
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let u = c as u32;
        u < 0x10000 && self.0[(u >> 6) as usize] & (1 << (u & 63)) != 0
    }

    /// Byte offsets of the characters of the set in `s`, in order.
    pub(crate) fn positions<'a>(&'a self, s: &'a str) -> impl Iterator<Item = usize> + 'a {
        s.char_indices().filter(move |&(_, c)| self.contains(c)).map(|(i, _)| i)
    }
}

const DIGITS: [char; 20] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９'];
const CN_NUMERALS: [char; 16] = ['一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '零', '〇', '○'];

/// Digits and Chinese numerals: where a number can start.
pub(crate) fn numerals() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| CharSet::new(&[&DIGITS[..], &CN_NUMERALS[..]].concat()))
}

/// Chinese numerals only (slogans are never written in Arabic digits).
pub(crate) fn cn_numerals() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| CharSet::new(&CN_NUMERALS))
}

/// Where a date phrase can start: digits, 到/至/截至, and the first characters
/// of the vague forms (今年, 年内, 上半年, 一季度, 明年, 十二月 …).
pub(crate) fn date_starts() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| CharSet::new(&[&DIGITS[..], &['截', '到', '至', '于', '今', '年', '十', '上', '下', '一', '二', '三', '四', '明']].concat()))
}

/// Opening brackets of a document number's year (吉民发〔2019〕15号).
pub(crate) fn number_brackets() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| CharSet::new(&['〔', '[', '［', '(', '（', '【', '﹝']))
}

#[cfg(test)]
mod tests {
    #[test]
    fn positions_are_char_starts() {
        let s = "到2015年，一所";
        let got: Vec<usize> = super::date_starts().positions(s).collect();
        assert!(got.iter().all(|&p| s.is_char_boundary(p)));
        assert_eq!(&s[got[0]..got[0] + 3], "到");
    }
}
