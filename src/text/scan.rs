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

    /// Byte offsets of the characters of the set in `s`, in order (one tight
    /// loop, no closure call per character).
    pub(crate) fn positions(&self, s: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, c) in s.char_indices() {
            let u = c as u32;
            if u < 0x10000 && self.0[(u >> 6) as usize] & (1 << (u & 63)) != 0 {
                out.push(i);
            }
        }
        out
    }
}

/// The positions of the three kinds of trigger characters of a text, found in
/// one pass (decoding the text once instead of once per kind).
pub(crate) struct Triggers {
    /// Digits and Chinese numerals (targets).
    pub numerals: Vec<usize>,
    /// Chinese numerals (slogans).
    pub cn_numerals: Vec<usize>,
    /// Where a date phrase can start (deadlines).
    pub date_starts: Vec<usize>,
}

/// One flag byte per BMP character: 1 numeral, 2 Chinese numeral, 4 date start.
fn flags() -> &'static [u8; 65536] {
    static F: OnceLock<Box<[u8; 65536]>> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Box::new([0u8; 65536]);
        for (set, bit) in [(numerals(), 1u8), (cn_numerals(), 2), (date_starts(), 4)] {
            for u in 0..65536u32 {
                if char::from_u32(u).is_some_and(|c| set.contains(c)) {
                    f[u as usize] |= bit;
                }
            }
        }
        f
    })
}

/// Per page of 64 BMP characters (a three-byte character's first two
/// bytes), whether it holds a trigger of [`flags`].
fn trigger_pages() -> &'static [u8; 1024] {
    static P: OnceLock<Box<[u8; 1024]>> = OnceLock::new();
    P.get_or_init(|| {
        let f = flags();
        let mut p = Box::new([0u8; 1024]);
        for (u, &x) in f.iter().enumerate() {
            p[u >> 6] |= x;
        }
        p
    })
}

/// The trigger positions of `s`, in one pass. The characters are read from
/// the bytes with the three-byte case (Han characters, CJK punctuation)
/// first: this runs over every task's text.
pub(crate) fn triggers(s: &str) -> Triggers {
    let f = flags();
    // About one character in twenty of a task's text is a trigger: a guess
    // that spares most of the growing.
    let guess = s.len() / 60;
    let mut t = Triggers { numerals: Vec::with_capacity(guess), cn_numerals: Vec::new(), date_starts: Vec::with_capacity(guess) };
    let b = s.as_bytes();
    let pages = trigger_pages();
    let mut i = 0;
    while i < b.len() {
        // A three-byte character whose page of 64 (its first two bytes)
        // holds no trigger is stepped over undecoded: most Han characters.
        if let [l @ 0xe0..=0xef, m, _, ..] = b[i..] {
            if pages[((l as usize & 0x0f) << 6) | (m as usize & 0x3f)] == 0 {
                i += 3;
                continue;
            }
        }
        let b0 = b[i] as u32;
        // The code point (below 0x10000: the flags cover the BMP) and width.
        let (u, w) = match b0 {
            0xe0..=0xef => ((b0 & 0x0f) << 12 | (b[i + 1] as u32 & 0x3f) << 6 | (b[i + 2] as u32 & 0x3f), 3),
            0..=0x7f => (b0, 1),
            0xc0..=0xdf => ((b0 & 0x1f) << 6 | (b[i + 1] as u32 & 0x3f), 2),
            _ => (0x10000, 4),
        };
        let x = if u < 0x10000 { f[u as usize] } else { 0 };
        if x != 0 {
            if x & 1 != 0 {
                t.numerals.push(i);
            }
            if x & 2 != 0 {
                t.cn_numerals.push(i);
            }
            if x & 4 != 0 {
                t.date_starts.push(i);
            }
        }
        i += w;
    }
    t
}

const DIGITS: [char; 20] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９'];
const CN_NUMERALS: [char; 16] = ['一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '零', '〇', '○'];

/// Byte offset of the first `c` in `s`. `str::find(char)` jumps with
/// `memchr` to the last byte of the character's encoding, which for CJK
/// punctuation (“ 。 （ …) is a continuation byte that nearly every Chinese
/// character also holds, so it stops every few bytes. Here the jump is to the
/// lead byte: E2, E3 and EF lead general punctuation, CJK punctuation and
/// full-width forms, while Chinese characters lead with E4–E9.
pub(crate) fn find_char(s: &str, c: char) -> Option<usize> {
    let mut buf = [0; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    let b = s.as_bytes();
    memchr::memchr_iter(enc[0], b).find(|&i| b[i..].starts_with(enc))
}

/// Byte offset of the last `c` in `s` (see [`find_char`]).
pub(crate) fn rfind_char(s: &str, c: char) -> Option<usize> {
    let mut buf = [0; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    let b = s.as_bytes();
    memchr::memrchr_iter(enc[0], b).find(|&i| b[i..].starts_with(enc))
}

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
    S.get_or_init(|| {
        CharSet::new(&[&DIGITS[..], &['截', '到', '至', '于', '今', '年', '十', '上', '下', '一', '二', '三', '四', '明']].concat())
    })
}

/// Opening brackets of a document number's year (吉民发〔2019〕15号).
pub(crate) fn number_brackets() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| CharSet::new(&['〔', '[', '［', '(', '（', '【', '﹝']))
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_pass_agrees_with_each_set() {
        // Characters of every UTF-8 width: é (2), 𠮷 (4, outside the flags' BMP).
        for s in ["到2015年，一所“三社联动”，上半年完成十二个１０％", "é3𠮷二é𠮷5年", ""] {
            let t = super::triggers(s);
            assert_eq!(t.numerals, super::numerals().positions(s));
            assert_eq!(t.cn_numerals, super::cn_numerals().positions(s));
            assert_eq!(t.date_starts, super::date_starts().positions(s));
        }
    }

    /// Every character of the BMP, so that the pages stepped over undecoded
    /// hold no trigger of any kind.
    #[test]
    fn skipped_pages_hide_no_trigger() {
        let s: String = (0..0x10000u32).filter_map(char::from_u32).collect();
        let t = super::triggers(&s);
        assert_eq!(t.numerals, super::numerals().positions(&s));
        assert_eq!(t.cn_numerals, super::cn_numerals().positions(&s));
        assert_eq!(t.date_starts, super::date_starts().positions(&s));
    }

    #[test]
    fn whole_character_search_agrees_with_str_find() {
        let texts = ["", "。", "省民政厅（牵头）。完成“三社联动”。", "a(b)c。", "东东东。东“", "“”“”"];
        for s in texts {
            for c in ['。', '“', '（', '(', '东', '省', 'x'] {
                assert_eq!(super::find_char(s, c), s.find(c), "{s} {c}");
                assert_eq!(super::rfind_char(s, c), s.rfind(c), "{s} {c}");
            }
        }
    }

    #[test]
    fn positions_are_char_starts() {
        let s = "到2015年，一所";
        let got: Vec<usize> = super::date_starts().positions(s);
        assert!(got.iter().all(|&p| s.is_char_boundary(p)));
        assert_eq!(&s[got[0]..got[0] + 3], "到");
    }
}
