//! Normalisation that loses nothing but layout.
//!
//! The normalised text of a document is one paragraph per line: line ends
//! become `\n`, white space at the edges of lines and blank lines are dropped,
//! zero-width and control characters are removed (and counted in a warning),
//! and a paragraph broken across lines in the middle of a sentence (or of a
//! 《title》) is joined back. Every other character is kept as written:
//! full-width digits, brackets and punctuation are *read* as their half-width
//! equivalents by the later stages, never rewritten, so a number in a report
//! can always be found again in the text.
//!
//! ```
//! use zhengce::layout::normalize::normalize;
//! let n = normalize("一、总体要求\r\n\u{3000}\u{3000}全面落实省委、省政府要求，对标全国先进经验，加强\r\n\r\n建设。\r\n");
//! assert_eq!(n.text, "一、总体要求\n全面落实省委、省政府要求，对标全国先进经验，加强建设。");
//! assert_eq!(n.lines.len(), 2);
//! ```

use crate::layout::markers::marker_at;

/// One paragraph of the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Byte offsets into the normalised text (the `\n` excluded).
    pub start: usize,
    pub end: usize,
    /// Width of the white space that indented the first source line (characters).
    pub indent: u32,
    /// Whether one or more blank lines preceded it in the source.
    pub blank_before: bool,
    /// How many source lines were joined into it.
    pub joined: u32,
}

/// The normalised text with its paragraphs and a map back to the source.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub lines: Vec<Line>,
    /// Pairs (normalised byte offset, source byte offset) at the start of every
    /// copied run: a normalised offset maps to the source by the last anchor
    /// at or before it.
    pub anchors: Vec<(usize, usize)>,
    /// Zero-width and control characters removed.
    pub removed_chars: usize,
}

impl Normalized {
    /// Byte offset in the decoded source text of a byte offset in the normalised text.
    pub fn source_offset(&self, pos: usize) -> usize {
        let i = self.anchors.partition_point(|&(n, _)| n <= pos);
        if i == 0 {
            return pos;
        }
        let (n, s) = self.anchors[i - 1];
        s + (pos - n)
    }
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{00a0}'
}

/// Characters that carry nothing and break matching: zero-width marks, BOMs,
/// soft hyphens, C0/C1 controls other than tab.
#[inline]
pub fn is_removable(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{fffe}')
        || (c.is_control() && c != '\t' && c != '\n')
}

/// Whether a line may hold a character [`is_removable`] drops: a control byte,
/// U+0080–U+009F or U+00AD (lead byte C2), U+200B–U+200F, U+2028–U+2029,
/// U+2060–U+2064, U+FEFF, U+FFFE.
/// (False positives only cost the slow path.)
#[inline]
fn may_hold_removable(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x20 && x != b'\t' || x == 0x7f || x == 0xc2 {
            return true;
        }
        if x == 0xe2 {
            match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x8b..=0x8f | 0xa8 | 0xa9)) | (Some(0x81), Some(0xa0..=0xa4)) => return true,
                _ => {}
            }
        }
        if x == 0xef && matches!((b.get(i + 1), b.get(i + 2)), (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe))) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether a whole text may hold a character [`is_removable`] drops. One quick
/// pass over the whole text spares the per-line check of the usual clean text:
/// a branch-free fold over the bytes for control bytes, DEL and the C2 lead
/// byte, and a multi-pattern search for the three-byte invisible characters.
fn text_may_hold_removable(raw: &str) -> bool {
    let simple = raw
        .as_bytes()
        .chunks(64)
        .any(|c| c.iter().fold(false, |a, &x| a | (x < 0x20 && x != b'\t' && x != b'\n' && x != b'\r') | (x == 0x7f) | (x == 0xc2)));
    simple || {
        static SEQ: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let seq = SEQ.get_or_init(|| {
            let chars = [
                '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{2060}', '\u{2061}', '\u{2062}',
                '\u{2063}', '\u{2064}', '\u{feff}', '\u{fffe}',
            ];
            aho_corasick::AhoCorasick::new(chars.iter().map(|c| c.to_string())).expect("plain strings")
        });
        seq.is_match(raw)
    }
}

/// Punctuation that closes a sentence (or a clause that can end a paragraph).
#[inline]
pub fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…')
}

/// Nesting depth of each kind of bracket or quotation: 《》, round brackets of
/// either width (which pair with each other), “”, 〔〕, 【】. A closer without
/// an opener is ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Depth([i32; 5]);

impl Depth {
    fn feed(&mut self, s: &str) {
        for c in s.chars() {
            let k = match c {
                '《' => Some((0, 1)),
                '》' => Some((0, -1)),
                '（' | '(' => Some((1, 1)),
                '）' | ')' => Some((1, -1)),
                '“' => Some((2, 1)),
                '”' => Some((2, -1)),
                '〔' => Some((3, 1)),
                '〕' => Some((3, -1)),
                '【' => Some((4, 1)),
                '】' => Some((4, -1)),
                _ => None,
            };
            if let Some((i, d)) = k {
                self.0[i] = (self.0[i] + d).max(0);
            }
        }
    }

    fn unclosed(&self) -> bool {
        self.0.iter().any(|&d| d > 0)
    }
}

/// What [`continues`] needs to know about the paragraph built so far, kept up
/// to date as lines are appended, so that joining a paragraph broken into many
/// lines costs time in proportion to its length (rescanning the paragraph at
/// every join made it quadratic).
struct Para<'a> {
    /// The paragraph so far.
    text: &'a str,
    state: &'a ParaState,
}

impl std::ops::Deref for Para<'_> {
    type Target = ParaState;
    fn deref(&self) -> &ParaState {
        self.state
    }
}

/// The running summary of the current paragraph (see [`Para`]).
#[derive(Default)]
struct ParaState {
    depth: Depth,
    /// It holds 。！？；.
    sentence: bool,
    /// It holds 。.
    full_stop: bool,
    /// It holds ， or ,.
    comma: bool,
    /// It holds a tab (a row of a table).
    tab: bool,
    /// Its length in characters, counted up to 20 (all that is asked).
    chars: usize,
    /// The marker at its start.
    marker: Option<crate::layout::markers::Marker>,
}

/// A paragraph longer than this (bytes) keeps the marker read when it was
/// shorter: a marker is a few characters at the start, so only a paragraph
/// that began with a bare or partial marker ("一" + "、…") can change it.
const MARKER_RESCAN: usize = 256;

impl ParaState {
    fn append(&mut self, para: &str, added: &str) {
        self.depth.feed(added);
        for c in added.chars() {
            match c {
                '。' => {
                    self.sentence = true;
                    self.full_stop = true;
                }
                '！' | '？' | '；' => self.sentence = true,
                '，' | ',' => self.comma = true,
                '\t' => self.tab = true,
                _ => {}
            }
            if self.chars < 20 {
                self.chars += 1;
            }
        }
        if para.len() <= MARKER_RESCAN || para.len() == added.len() {
            self.marker = marker_at(para);
        }
    }

    fn view<'a>(&'a self, text: &'a str) -> Para<'a> {
        Para { text, state: self }
    }
}

/// Lines that start something of their own and are never the continuation of
/// the previous paragraph.
fn starts_own_block(s: &str) -> bool {
    marker_at(s).is_some()
        || s.starts_with("附件")
        || s.starts_with("联系人")
        || s.starts_with("联系电话")
        || s.starts_with("抄送")
        || s.starts_with("责任单位")
        || s.starts_with("牵头单位")
        || s.starts_with("配合单位")
        || s.starts_with("责任部门")
        || crate::text::dates::is_date_line(s)
}

/// Whether paragraph `prev` is cut in the middle and `next` carries it on.
fn continues(prev: &Para, next: &str, own_block: &dyn Fn(&str) -> bool) -> bool {
    let Some(last) = prev.text.chars().next_back() else { return false };
    let Some(first) = next.chars().next() else { return false };
    // The common case first: a paragraph that ends a sentence ends, unless the
    // next line starts with punctuation that carries a sentence on.
    let carries_on = matches!(first, '，' | '、' | '。' | '；' | '）' | ')' | '》' | '”' | '：');
    if !carries_on
        && (is_terminal(last)
            || matches!(last, '）' | ')' | '”' | '》' | '】' | '」') && prev.text.chars().rev().nth(1).is_some_and(is_terminal))
    {
        return false;
    }
    if starts_own_block(next) || own_block(next) {
        return false;
    }
    // Rows of a table (tab-separated cells) are lines of their own.
    if prev.tab || next.contains('\t') {
        return false;
    }
    // Contact and date lines end where they end.
    if prev.text.starts_with("联系") || prev.text.starts_with("电话") || crate::text::dates::is_date_line(prev.text) {
        return false;
    }
    // A line that is only a marker ("一、") takes the next line as its text.
    if let Some(m) = &prev.marker {
        if m.text_start == prev.text.len() {
            return true;
        }
    }
    // Continuation punctuation at the start of the next line.
    if matches!(first, '，' | '、' | '。' | '；' | '）' | ')' | '》' | '”' | '：') {
        return true;
    }
    if is_terminal(last) || matches!(last, '）' | ')' | '”' | '》' | '】' | '」') && prev.text.chars().rev().nth(1).is_some_and(is_terminal)
    {
        return false;
    }
    // A closed bracket group after a full sentence: a trailing attribution.
    if matches!(last, '）' | ')') && !prev.depth.unclosed() && prev.full_stop {
        return false;
    }
    // An unclosed 《title》 or bracket.
    if prev.depth.unclosed() && !has_unclosed_close_first(next) {
        return true;
    }
    if matches!(last, '，' | '、' | ',') {
        return true;
    }
    if prev.marker.is_some() {
        // A numbered heading may contain commas; only a line that already holds a
        // full sentence is prose cut in the middle.
        return prev.sentence && !is_terminal(last);
    }
    // Unnumbered prose: it has clause punctuation and stops mid-clause.
    (prev.sentence || prev.comma) && prev.chars >= 20
}

fn has_unclosed_close_first(next: &str) -> bool {
    // The next line opens something it never closes: it is a title of its own.
    next.starts_with('《') && !next.contains('》')
}

/// Normalise decoded text. See the module documentation for what changes.
pub fn normalize(raw: &str) -> Normalized {
    normalize_with(raw, &|_| false)
}

/// Normalise, never joining a line for which `own_block` holds to the one
/// above it (web boilerplate and metadata lines, which the caller knows).
///
/// Long (about 90 lines) because it is one pass over the lines with the
/// paragraph being joined and the map back to source offsets as its state;
/// the decisions themselves (whether a line continues the paragraph above)
/// are the named predicates above.
pub fn normalize_with(raw: &str, own_block: &dyn Fn(&str) -> bool) -> Normalized {
    let mut out = Normalized::default();
    out.text.reserve(raw.len());
    let mut blank = false;
    let mut pos = 0usize; // byte offset of the current source line
    let bytes = raw.as_bytes();
    // A line with characters to remove is cleaned into `buf`, with, per kept
    // run, (line offset, source offset); a clean line is used where it lies.
    let mut buf = String::new();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut para = ParaState::default();
    let check_lines = text_may_hold_removable(raw);
    while pos <= raw.len() {
        // The end of this source line (\n, \r\n or \r).
        let end = memchr::memchr2(b'\n', b'\r', &bytes[pos.min(bytes.len())..]).map_or(bytes.len(), |k| pos + k);
        let next = if end >= bytes.len() {
            raw.len() + 1
        } else if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        runs.clear();
        let line = &raw[pos.min(raw.len())..end];
        let clean: &str = if !check_lines || !may_hold_removable(line.as_bytes()) {
            // The common case: nothing to remove, one run.
            runs.push((0, pos));
            line
        } else {
            buf.clear();
            let mut contiguous = false;
            for (i, c) in line.char_indices() {
                if is_removable(c) {
                    out.removed_chars += 1;
                    contiguous = false;
                    continue;
                }
                if !contiguous {
                    runs.push((buf.len(), pos + i));
                    contiguous = true;
                }
                buf.push(c);
            }
            if runs.is_empty() {
                runs.push((0, pos));
            }
            &buf
        };
        let lead = clean.len() - clean.trim_start_matches(is_space).len();
        let content_end = clean.trim_end_matches(is_space).len();
        if lead >= content_end {
            blank = true;
            pos = next;
            continue;
        }
        let content = &clean[lead..content_end];
        let indent = clean[..lead].chars().map(|c| if c == '\u{3000}' || c == '\t' { 2 } else { 1 }).sum::<u32>();
        let join = out.lines.last().is_some_and(|l| continues(&para.view(&out.text[l.start..l.end]), content, own_block));
        // Where this line's characters (and a joining space) start in the text.
        let mut from = out.text.len();
        if join {
            let prev_last = out.text.chars().next_back().unwrap_or(' ');
            if prev_last.is_ascii_alphanumeric() && content.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                out.text.push(' ');
            }
        } else {
            if !out.lines.is_empty() {
                out.text.push('\n');
            }
            let at = out.text.len();
            out.lines.push(Line { start: at, end: at, indent, blank_before: blank, joined: 0 });
            para = ParaState::default();
            from = at;
        }
        // Anchors: where each kept run of source characters lands.
        let base = out.text.len();
        let first_run = runs.partition_point(|&(b, _)| b <= lead).max(1) - 1;
        out.anchors.push((base, runs[first_run].1 + (lead - runs[first_run].0)));
        for &(b, s) in &runs[first_run + 1..] {
            if b >= content_end {
                break;
            }
            out.anchors.push((base + (b - lead), s));
        }
        out.text.push_str(content);
        let l = out.lines.last_mut().unwrap();
        l.end = out.text.len();
        para.append(&out.text[l.start..l.end], &out.text[from..]);
        l.joined += 1;
        blank = false;
        pos = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_blank_lines() {
        let n = normalize("甲。\r\n\r\n乙。\r丙。\n");
        assert_eq!(n.text, "甲。\n乙。\n丙。");
        assert!(n.lines[1].blank_before);
        assert!(!n.lines[2].blank_before);
    }

    #[test]
    fn joins_broken_sentence_and_title() {
        let n = normalize("（五）推进公开。基层民政部门要统一归类、整合到同类的事项\n\n中，推动一张表单受理。\n（六）完善机制。");
        assert_eq!(n.lines.len(), 2);
        assert!(n.text.contains("事项中，推动"));
        let n = normalize("省委办公厅印发《关于进一步加强\n新时期民政工作责任分解方案》的通知\n苏办〔2012〕85号");
        assert_eq!(n.text, "省委办公厅印发《关于进一步加强新时期民政工作责任分解方案》的通知\n苏办〔2012〕85号");
    }

    #[test]
    fn keeps_headings_apart() {
        let n = normalize("一、继续深入学习贯彻党的十八届六中全会精神\n\n推动全省民政系统广泛深入学习。\n二、强化民政工作政治属性,切实把学习贯彻作为首要的政治任务\n1、切实增强。");
        assert_eq!(n.lines.len(), 4);
    }

    #[test]
    fn boilerplate_and_attributions_end_a_paragraph() {
        let n = normalize_with("80.充分发挥作用。(省双拥办、省民政厅)\n扫一扫在手机打开当前页", &|s| {
            s.contains("扫一扫")
        });
        assert_eq!(n.lines.len(), 2);
        let n = normalize("1.加强保障。(省民政厅、省财政厅)\n各地要落实");
        assert_eq!(n.lines.len(), 2);
    }

    #[test]
    fn marker_only_line_takes_next() {
        let n = normalize("一、\n总体要求\n（一）\n指导思想");
        assert_eq!(n.text, "一、总体要求\n（一）指导思想");
    }

    #[test]
    fn whole_text_check_finds_every_removable_character() {
        for c in ['\u{200b}', '\u{200f}', '\u{2028}', '\u{2064}', '\u{feff}', '\u{00ad}', '\u{0085}', '\u{0007}', '\u{fffe}', '\u{007f}'] {
            let text = format!("甲，“乙”—丙\n丁{c}戊");
            assert!(text_may_hold_removable(&text), "{c:?}");
            assert_eq!(normalize(&text).text, "甲，“乙”—丙\n丁戊");
        }
        assert!(!text_may_hold_removable("一、总体要求\r\n\t全面落实，“两不愁”…（全角）"));
    }

    #[test]
    fn fast_path_agrees_with_the_slow_one() {
        for c in ['\u{200b}', '\u{200d}', '\u{2028}', '\u{2060}', '\u{feff}', '\u{00ad}', '\u{0085}', '\u{0007}', '\u{fffe}'] {
            let line = format!("甲{c}乙");
            assert!(may_hold_removable(line.as_bytes()), "{c:?}");
            assert_eq!(normalize(&line).text, "甲乙");
        }
        for ok in ["“引号”—破折号…", "（全角）：，。", "ａｂｃ１２３"] {
            assert!(!may_hold_removable(ok.as_bytes()), "{ok}");
        }
    }

    #[test]
    fn removes_invisible_characters_and_maps_back() {
        let raw = "\u{feff}第一行\u{200b}文字\n\u{3000}\u{3000}第二行";
        let n = normalize(raw);
        assert_eq!(n.text, "第一行文字\n第二行");
        assert_eq!(n.removed_chars, 2);
        for (i, _) in n.text.char_indices() {
            let s = n.source_offset(i);
            let c = n.text[i..].chars().next().unwrap();
            if c != '\n' {
                assert_eq!(raw[s..].chars().next(), Some(c), "at {i}");
            }
        }
    }
}
