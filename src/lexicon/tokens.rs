//! Tokens: jieba-rs segmentation with jieba's default dictionary, the
//! civil-affairs dictionary shipped in `data/civil_affairs.dict` (so 特困人员,
//! 建档立卡, 彩票公益金, 三社联动 … stay whole), any user dictionaries, and a
//! stop-word list (`data/stopwords.txt` plus user lists).
//!
//! User dictionaries use jieba's `load_userdict` format, one entry a line:
//! `word [freq] [tag]`. A word without a frequency gets the frequency that
//! keeps it whole (jieba's `suggest_freq`): jieba-rs itself would give it 0,
//! which silently never cuts it — the most reported jieba complaint.
//!
//! HMM new-word discovery is off by default: it invents words across term
//! boundaries (将安监, 对市) and so hides dictionary terms inside them; domain
//! words come from the dictionaries instead.
//!
//! ```
//! use zhengce::lexicon::tokens::Tokenizer;
//! let t = Tokenizer::default();
//! let words: Vec<&str> = t.cut("提高城乡特困人员基本生活标准").iter().map(|x| x.word).collect();
//! assert!(words.contains(&"特困人员"));
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jieba_rs::Jieba;

use crate::error::Error;

/// One token of a text; offsets are bytes into the text that was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
}

/// What a token is, for counting: a word, a stop word, a number, or punctuation
/// and symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Stop,
    Number,
    Punct,
}

impl TokenKind {
    /// Every kind, in the order of the README.
    pub const ALL: [TokenKind; 4] = [TokenKind::Word, TokenKind::Stop, TokenKind::Number, TokenKind::Punct];

    /// The name used in the `kind` column of the tokens frame.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Stop => "stop",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
        }
    }
}

/// A dictionary or word list: the shipped one, a file, or text in memory
/// (tests, and users who build lists in code).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The file shipped with zhengce for this purpose.
    Default,
    File(PathBuf),
    /// (name used in error messages, contents)
    Text(String, String),
}

impl Source {
    /// The name errors give for this source.
    pub fn name(&self, default: &str) -> PathBuf {
        match self {
            Source::Default => PathBuf::from(default),
            Source::File(p) => p.clone(),
            Source::Text(n, _) => PathBuf::from(n),
        }
    }

    /// Read the contents (a UTF-8 file, a BOM allowed), with `default` as the
    /// shipped contents.
    pub fn read(&self, default: &'static str, default_name: &str) -> Result<(PathBuf, String), Error> {
        match self {
            Source::Default => Ok((PathBuf::from(default_name), default.to_string())),
            Source::Text(n, t) => Ok((PathBuf::from(n), t.clone())),
            Source::File(p) => Ok((p.clone(), read_data_file(p)?)),
        }
    }
}

/// Read a user data file as UTF-8 text; a file that is not UTF-8 is a
/// `DataFile` error naming the line of the first bad byte.
pub fn read_data_file(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.to_path_buf() },
        _ => Error::io(path, e),
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::DataFile { path: path.to_path_buf(), line, reason: "not UTF-8 text (save the file as UTF-8)".into() }
    })
}

pub const CIVIL_AFFAIRS_DICT: &str = include_str!("../../data/civil_affairs.dict");
pub const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

/// A parsed dictionary entry: word, frequency (None: keep it whole), tag.
#[derive(Debug, Clone, PartialEq)]
pub struct DictEntry {
    pub word: String,
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

/// Parse a dictionary in jieba's user-dictionary format (`word [freq] [tag]`;
/// `#` starts a comment line).
pub fn parse_dict(text: &str, path: &Path) -> Result<Vec<DictEntry>, Error> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| Error::DataFile { path: path.to_path_buf(), line: n + 1, reason };
        let mut f = line.split_whitespace();
        let word = f.next().unwrap_or_default().to_string();
        let mut freq = None;
        let mut tag = None;
        for x in f {
            if freq.is_none() && tag.is_none() && x.chars().all(|c| c.is_ascii_digit()) {
                freq = Some(x.parse::<usize>().map_err(|e| bad(format!("frequency {x:?}: {e}")))?);
            } else if tag.is_none() && x.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                tag = Some(x.to_string());
            } else {
                return Err(bad(format!(
                    "expected `word [freq] [tag]`, found {x:?} (the frequency is a whole number, the tag letters like n or nz)"
                )));
            }
        }
        out.push(DictEntry { word, freq, tag });
    }
    Ok(out)
}

/// Parse a stop-word list: one word a line, `#` comments.
pub fn parse_stopwords(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The segmenter and stop words of one configuration.
#[derive(Clone)]
pub struct Tokenizer {
    jieba: Jieba,
    stop: HashSet<String>,
    hmm: bool,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer").field("stopwords", &self.stop.len()).field("hmm", &self.hmm).finish()
    }
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new(&[Source::Default], &[Source::Default], false).expect("the bundled dictionaries are valid")
    }
}

impl Tokenizer {
    /// jieba's default dictionary plus `dicts` in order (later entries win)
    /// and the stop words of `stopwords`.
    pub fn new(dicts: &[Source], stopwords: &[Source], hmm: bool) -> Result<Tokenizer, Error> {
        let mut jieba = Jieba::new();
        for d in dicts {
            let (path, text) = d.read(CIVIL_AFFAIRS_DICT, "data/civil_affairs.dict")?;
            for e in parse_dict(&text, &path)? {
                let freq = e.freq.unwrap_or_else(|| jieba.suggest_freq(&e.word));
                jieba.add_word(&e.word, Some(freq), e.tag.as_deref());
            }
        }
        let mut stop = HashSet::new();
        for s in stopwords {
            let (_, text) = s.read(STOPWORDS, "data/stopwords.txt")?;
            stop.extend(parse_stopwords(&text).map(str::to_string));
        }
        Ok(Tokenizer { jieba, stop, hmm })
    }

    /// Cut a text into tokens (white space included, as jieba gives it).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba.cut(text, self.hmm).into_iter().map(|t| Token { word: t.word, start: t.byte_start, end: t.byte_end }).collect()
    }

    /// Cut a text into `out` as byte spans (as [`Tokenizer::cut`] gives them),
    /// returning how many tokens are not white space: what labelling keeps of
    /// a cut, without a token of 32 bytes for each.
    pub fn cut_spans(&self, text: &str, out: &mut Vec<(u32, u32)>) -> u32 {
        let mut words = 0;
        out.extend(self.jieba.cut(text, self.hmm).into_iter().map(|t| {
            words += u32::from(!Tokenizer::is_space(t.word));
            (t.byte_start as u32, t.byte_end as u32)
        }));
        words
    }

    /// Whether the dictionary holds a word.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Whether a word is on the stop-word lists.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// What a token is; `None` for white space.
    pub fn kind(&self, word: &str) -> Option<TokenKind> {
        let mut letters = false;
        let mut digits = false;
        let mut other = false;
        for c in word.chars() {
            // Han characters and ASCII first: Unicode property tables are slow.
            if ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_ascii_alphabetic() {
                letters = true;
            } else if c.is_ascii_digit() {
                digits = true;
            } else if c.is_whitespace() || c == '\u{3000}' {
                continue;
            } else if c.is_numeric() {
                digits = true;
            } else if matches!(c, '.' | '．' | '%' | '％') {
                other = true;
            } else if c.is_alphabetic() {
                letters = true;
            } else {
                other = true;
            }
        }
        Some(match (letters, digits, other) {
            (false, false, false) => return None,
            (true, _, _) if self.stop.contains(word) => TokenKind::Stop,
            (true, _, _) => TokenKind::Word,
            (false, true, _) => TokenKind::Number,
            (false, false, true) => TokenKind::Punct,
        })
    }

    /// Whether a token is white space (jieba gives a run of white space as
    /// a token of its own, so its first character tells).
    pub fn is_space(word: &str) -> bool {
        match word.as_bytes() {
            [] => true,
            [b, ..] if *b < 0x80 => b.is_ascii_whitespace(),
            // Han characters and most punctuation (lead bytes E3–E9 but the
            // ideographic space E3 80 80) are not white space: no table lookup.
            [0xe3, 0x80, 0x80, ..] => true,
            [0xe3..=0xe9, ..] => false,
            _ => word.chars().next().is_none_or(|c| c.is_whitespace()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokenizer, s: &str) -> Vec<String> {
        t.cut(s).into_iter().map(|x| x.word.to_string()).collect()
    }

    #[test]
    fn domain_terms_stay_whole() {
        let t = Tokenizer::default();
        for (s, term) in [
            ("做好建档立卡工作", "建档立卡"),
            ("开展农村低保对象与建档立卡贫困人口比对工作", "建档立卡贫困人口"),
            ("城乡特困人员基本生活标准不低于当地上年度城乡低保标准的1.3倍", "特困人员"),
            ("制定《省本级彩票公益金使用管理办法》", "彩票公益金"),
            ("推进社区、社会组织、社会工作三社联动", "三社联动"),
            ("开展居家和社区养老服务改革试点", "居家和社区养老"),
            ("深入推进医养结合", "医养结合"),
            ("优化行政区划设置", "行政区划"),
            ("（省民政厅、省人力资源社会保障厅）", "人力资源社会保障厅"),
        ] {
            let w = words(&t, s);
            assert!(w.iter().any(|x| x == term), "{term} not whole in {w:?}");
        }
        // Every word of the shipped dictionary is one token on its own.
        for e in parse_dict(CIVIL_AFFAIRS_DICT, Path::new("civil_affairs.dict")).unwrap() {
            assert_eq!(words(&t, &e.word), std::slice::from_ref(&e.word));
        }
    }

    #[test]
    fn offsets_slice_the_text() {
        let t = Tokenizer::default();
        let s = "加强“三社联动”，full-width １２３ and 2020年";
        let toks = t.cut(s);
        assert_eq!(toks.iter().map(|x| x.word).collect::<String>(), s);
        for x in toks {
            assert_eq!(&s[x.start..x.end], x.word);
        }
    }

    #[test]
    fn a_user_dictionary_changes_tokenisation() {
        let base = Tokenizer::default();
        assert!(!words(&base, "推进长护险试点").contains(&"长护险".to_string()));
        let user = Source::Text("mine.dict".into(), "# 长期护理保险\n长护险\n".into());
        let t = Tokenizer::new(&[Source::Default, user], &[Source::Default], false).unwrap();
        assert!(words(&t, "推进长护险试点").contains(&"长护险".to_string()));
    }

    #[test]
    fn malformed_dictionary_lines_name_file_and_line() {
        let bad = Source::Text("bad.dict".into(), "低保 3 n\n特困 lots of\n".into());
        match Tokenizer::new(&[bad], &[], false) {
            Err(Error::DataFile { path, line, .. }) => assert_eq!((path, line), (PathBuf::from("bad.dict"), 2)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn token_kinds() {
        let t = Tokenizer::default();
        assert_eq!(t.kind("的"), Some(TokenKind::Stop));
        assert_eq!(t.kind("低保"), Some(TokenKind::Word));
        assert_eq!(t.kind("2020"), Some(TokenKind::Number));
        assert_eq!(t.kind("1.3"), Some(TokenKind::Number));
        assert_eq!(t.kind("，"), Some(TokenKind::Punct));
        assert_eq!(t.kind(" "), None);
    }
}
