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
use crate::text::affix::any_prefix;

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
    /// Page-number lines dropped from a paginated text (see [`wrap_width`]).
    pub page_numbers: usize,
    /// The width the text was typeset at, when its lines were joined by it.
    pub wrap_width: Option<usize>,
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
/// or a removable character after a lead byte C2, E2 or EF (see
/// [`removable_at`]).
#[inline]
fn may_hold_removable(b: &[u8]) -> bool {
    b.iter().any(|&x| x < 0x20 && x != b'\t' || x == 0x7f) || multibyte_removable(b)
}

/// Whether `b` holds U+0080–U+009F or U+00AD (lead byte C2), U+200B–U+200F,
/// U+2028–U+2029 or U+2060–U+2064 (E2), U+FEFF or U+FFFE (EF). Only the
/// bytes after a lead are compared: a middle dot (C2 B7) or the common
/// full-width punctuation (EF BC …) does not send a whole text down the slow
/// path.
fn multibyte_removable(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(|i| removable_at(b, i))
}

/// Whether a removable multi-byte character starts at byte `i`.
fn removable_at(b: &[u8], i: usize) -> bool {
    matches!(
        (b[i], b.get(i + 1), b.get(i + 2)),
        (0xc2, Some(0x80..=0x9f | 0xad), _)
            | (0xe2, Some(0x80), Some(0x8b..=0x8f | 0xa8 | 0xa9))
            | (0xe2, Some(0x81), Some(0xa0..=0xa4))
            | (0xef, Some(0xbb), Some(0xbf))
            | (0xef, Some(0xbf), Some(0xbe))
    )
}

/// Whether a whole text may hold a character [`is_removable`] drops. One quick
/// pass over the whole text spares the per-line check of the usual clean text:
/// a branch-free fold over the bytes for control bytes and DEL, then the
/// multi-byte characters after their lead bytes.
fn text_may_hold_removable(raw: &str) -> bool {
    let simple = raw
        .as_bytes()
        .chunks(64)
        .any(|c| c.iter().fold(false, |a, &x| a | (x < 0x20 && x != b'\t' && x != b'\n' && x != b'\r') | (x == 0x7f)));
    simple || multibyte_removable(raw.as_bytes())
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
    /// The kind of bracket a character opens (+1) or closes (−1).
    fn kind(c: char) -> Option<(usize, i32)> {
        match c {
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
        }
    }

    fn step(&mut self, i: usize, d: i32) {
        self.0[i] = (self.0[i] + d).max(0);
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
    /// Takes in the characters `added` to the paragraph `para`. Every
    /// character it looks for is ASCII or begins with byte E2, E3 or EF, so
    /// one walk over the bytes steps over each Han character (lead byte
    /// E4–E9) at once and skips the continuation bytes of all others without
    /// decoding them.
    fn append(&mut self, para: &str, added: &str) {
        let b = added.as_bytes();
        // Characters are counted up to 20 only: the first bytes suffice.
        self.chars += b.iter().filter(|&&x| x & 0xC0 != 0x80).take(20 - self.chars.min(20)).count();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                // A Han character: three bytes, none of them looked for.
                0xE4..=0xE9 => i += 2,
                b'\t' => self.tab = true,
                b',' => self.comma = true,
                b'(' => self.depth.step(1, 1),
                b')' => self.depth.step(1, -1),
                0xE2 | 0xE3 | 0xEF if i + 2 < b.len() => {
                    self.take(&b[i..i + 3]);
                    i += 2;
                }
                _ => {}
            }
            i += 1;
        }
        if para.len() <= MARKER_RESCAN || para.len() == added.len() {
            self.marker = marker_at(para);
        }
    }

    /// A three-byte character the paragraph state depends on.
    fn take(&mut self, c: &[u8]) {
        match c {
            [0xE3, 0x80, 0x82] => {
                // 。
                self.sentence = true;
                self.full_stop = true;
            }
            [0xEF, 0xBC, 0x81 | 0x9F | 0x9B] => self.sentence = true, // ！？；
            [0xEF, 0xBC, 0x8C] => self.comma = true,                  // ，
            _ => {
                if let Some((k, d)) = std::str::from_utf8(c).ok().and_then(|s| s.chars().next()).and_then(Depth::kind) {
                    self.depth.step(k, d);
                }
            }
        }
    }

    fn view<'a>(&'a self, text: &'a str) -> Para<'a> {
        Para { text, state: self }
    }
}

/// Lines that start something of their own and are never the continuation of
/// the previous paragraph.
fn starts_own_block(s: &str) -> bool {
    starts_structure(s) || starts_with_label(s)
}

/// A numbered heading or item, an attachment or distribution note, a date line.
fn starts_structure(s: &str) -> bool {
    marker_at(s).is_some() || s.starts_with("附件") || s.starts_with("抄送") || crate::text::dates::is_date_line(s)
}

/// A label line (责任单位：…, 联系人：…). In a typeset text the same words can
/// start a continuation line (各 / 责任单位对…), which the indentation tells.
fn starts_with_label(s: &str) -> bool {
    any_prefix(s, &["联系人", "联系电话", "责任单位", "牵头单位", "配合单位", "责任部门"])
}

/// Whether paragraph `prev` is cut in the middle and `next` carries it on.
///
/// `wrap`: what a hard-wrapped text (see [`wrap_width`]) says about the break.
fn continues(prev: &Para, next: &str, wrap: WrapBreak, own_block: &dyn Fn(&str) -> bool) -> bool {
    let prev_full = wrap.full;
    let Some(last) = prev.text.chars().next_back() else { return false };
    let Some(first) = next.chars().next() else { return false };
    // The common case first: a paragraph that ends a sentence ends, unless the
    // next line starts with punctuation that carries a sentence on.
    let carries_on = matches!(first, '，' | '、' | '。' | '；' | '）' | ')' | '》' | '”' | '：');
    // A colon that fills a hard-wrapped line (（责任单位： / 市民政局）) runs on;
    // one that opens a list is followed by a marker, a block of its own.
    // So does a semicolon: it parts the clauses of one paragraph, and items
    // that end in one each start with a marker of their own.
    // An indented line after a full one starts a paragraph; an unindented one
    // carries it on, even after a sentence's end. Where a text indents
    // nothing, a sentence that ends a full line is taken to end its
    // paragraph: on the development set, 条例 that start a second 款 there
    // were more common than paragraphs running on.
    let new_para = prev_full && wrap.next_indented == Some(true);
    let clause_runs_on = prev_full && !new_para && matches!(last, '：' | ':' | '；' | ';');
    let sentence_runs_on = prev_full && wrap.next_indented == Some(false);
    let runs_on = carries_on || clause_runs_on || sentence_runs_on && is_terminal(last);
    if !runs_on
        && (is_terminal(last)
            || matches!(last, '）' | ')' | '”' | '》' | '】' | '」') && prev.text.chars().rev().nth(1).is_some_and(is_terminal))
    {
        return false;
    }
    // A typeset continuation (full line, next not indented) is read on even
    // where it starts like a label line (各 / 责任单位对…); a heading (第四章,
    // 一、) flush with the margin is still one.
    if sentence_runs_on && !next.contains('\t') && !own_block(next) && !starts_structure(next) {
        return true;
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
    // A hard-wrapped text breaks its lines at the width, not at a paragraph's
    // end: a full line that does not end a sentence runs on (a numbered line
    // included: 第三条 … cut after 28 characters is not a heading).
    if prev_full && !new_para && (!is_terminal(last) || clause_runs_on || sentence_runs_on) {
        return true;
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

/// The width (in characters) a text was hard-wrapped at, if it was: text
/// copied out of a PDF or a typeset page keeps the typesetter's line breaks
/// (GB/T 9704-2012 §5.2.2 sets 28 characters a line; other layouts other
/// widths). Such a text has most of its long lines at one length L, give or
/// take the two characters of a first-line indent and the one that 避头尾
/// (no closing punctuation at a line start) pushes or pulls, and almost none
/// longer; a text of whole paragraphs has lines of every length.
///
/// ```
/// use zhengce::layout::normalize::wrap_width;
/// let para = "社会救助制度坚持托底线、救急难、可持续，与其他社会保障制度相衔接，社会救助水平与经济社会发展水平相适应。";
/// let wrapped: Vec<String> = para.repeat(8).chars().collect::<Vec<_>>().chunks(28).map(|c| c.iter().collect()).collect();
/// assert_eq!(wrap_width(&wrapped.join("\n")), Some(28));
/// // Whole paragraphs: lines of every length.
/// let paras: Vec<String> = (0..12).map(|k| para.chars().take(20 + 3 * k).collect()).collect();
/// assert_eq!(wrap_width(&paras.join("\n")), None);
/// ```
pub fn wrap_width(raw: &str) -> Option<usize> {
    const MIN_LINES: usize = 12;
    let mut counts = [0usize; 64];
    let (mut long, mut overlong) = (0usize, 0usize);
    for line in raw.lines() {
        // An indent is part of the width the line fills.
        let n = line.trim_end_matches(is_space).chars().count();
        if n >= 12 {
            long += 1;
            if n < counts.len() {
                counts[n] += 1;
            } else {
                overlong += 1;
            }
        }
    }
    if long < MIN_LINES {
        return None;
    }
    // The most common long length (the larger on a tie), from 16 characters.
    let width = (16..counts.len()).rev().max_by_key(|&n| counts[n])?;
    let near: usize = counts[width - 2..=width].iter().sum();
    let beyond = overlong + counts[(width + 2).min(counts.len())..].iter().sum::<usize>();
    (near * 2 >= long && beyond * 30 <= long).then_some(width)
}

/// What a hard-wrapped text says about one line break.
#[derive(Debug, Clone, Copy, Default)]
struct WrapBreak {
    /// The line before the break filled the width.
    full: bool,
    /// Whether the line after it is indented, in a text that indents the
    /// first lines of its paragraphs (GB/T 9704: 首行缩进2字) and only them;
    /// `None` where the text indents nothing (or everything).
    next_indented: Option<bool>,
}

/// Whether the text indents the first lines of its paragraphs: from one long
/// line in ten to nine in ten start with white space (all of them is a margin).
fn indents_paragraphs(raw: &str) -> bool {
    let (mut long, mut indented) = (0usize, 0usize);
    for line in raw.lines() {
        let t = line.trim_end_matches(is_space);
        if t.chars().count() >= 12 {
            long += 1;
            indented += usize::from(t.starts_with(is_space));
        }
    }
    indented > 0 && indented * 10 >= long && indented * 10 < long * 9
}

/// A line that is only a page number in a hard-wrapped text, or in the form
/// GB/T 9704-2012 §7.5 prints under every page (— 3 —) anywhere.
fn page_number_line(content: &str, wrapped: bool) -> bool {
    let dashed = content.starts_with(['—', '-', '－', '–']) && content.ends_with(['—', '-', '－', '–']);
    (wrapped || dashed) && crate::text::lines::is_page_number(content)
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
    let wrap = wrap_width(raw);
    out.wrap_width = wrap;
    let indents = wrap.is_some() && indents_paragraphs(raw);
    let mut prev_full = false;
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
        // A page number between two halves of a paragraph is layout: dropped
        // (counted), and the paragraph runs on across the page break.
        if page_number_line(content, wrap.is_some()) {
            out.page_numbers += 1;
            pos = next;
            continue;
        }
        let indent = clean[..lead].chars().map(|c| if c == '\u{3000}' || c == '\t' { 2 } else { 1 }).sum::<u32>();
        let brk = WrapBreak { full: prev_full, next_indented: indents.then_some(lead > 0) };
        let join = out.lines.last().is_some_and(|l| continues(&para.view(&out.text[l.start..l.end]), content, brk, own_block));
        let was_full = std::mem::replace(&mut prev_full, wrap.is_some_and(|w| clean[..content_end].chars().count() + 2 >= w));
        // Where this line's characters (and a joining space) start in the text.
        let mut from = out.text.len();
        if join {
            let prev_last = out.text.chars().next_back().unwrap_or(' ');
            // Latin words wrap at a space, which a join puts back; a hard wrap
            // cuts a number anywhere (最高5 / 00万元), so digits join as they are.
            let digits = prev_last.is_ascii_digit() && content.starts_with(|c: char| c.is_ascii_digit()) && was_full;
            if prev_last.is_ascii_alphanumeric() && content.starts_with(|c: char| c.is_ascii_alphanumeric()) && !digits {
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

    /// The paragraph state as it was read character by character before
    /// `ParaState::append` walked the bytes.
    fn by_chars(added: &str) -> (Depth, bool, bool, bool, bool, usize) {
        let (mut depth, mut sentence, mut full_stop, mut comma, mut tab, mut chars) = (Depth::default(), false, false, false, false, 0);
        for c in added.chars() {
            if let Some((i, d)) = Depth::kind(c) {
                depth.step(i, d);
            }
            match c {
                '。' => {
                    sentence = true;
                    full_stop = true;
                }
                '！' | '？' | '；' => sentence = true,
                '，' | ',' => comma = true,
                '\t' => tab = true,
                _ => {}
            }
            chars = (chars + 1).min(20);
        }
        (depth, sentence, full_stop, comma, tab, chars)
    }

    #[test]
    fn paragraph_state_by_bytes_equals_by_characters() {
        // Every character the state looks for, its neighbours in UTF-8
        // (、… — ： share lead bytes), Han, ASCII and a four-byte character.
        let alphabet: Vec<char> = "。！？；，,\t《》（）()“”〔〕【】、…—：！＂政策a1 𠀀".chars().collect();
        let mut seed = 7u64;
        for _ in 0..3_000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for k in 0..(seed >> 59) as usize + 1 {
                let r = (seed >> (k % 48)) as usize;
                text.push(alphabet[r % alphabet.len()]);
            }
            let mut st = ParaState::default();
            st.append(&text, &text);
            assert_eq!((st.depth, st.sentence, st.full_stop, st.comma, st.tab, st.chars), by_chars(&text), "{text:?}");
        }
    }

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
    fn the_byte_checks_are_exact_for_every_character() {
        // A false positive sends a whole text down the slow path (a middle
        // dot · or a no-break space once did); a false negative keeps a
        // character that breaks matching.
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| !matches!(c, '\n' | '\r')) {
            let line = format!("甲{c}乙");
            assert_eq!(may_hold_removable(line.as_bytes()), is_removable(c), "{c:?}");
            assert_eq!(text_may_hold_removable(&line), is_removable(c), "{c:?}");
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
    /// Paragraphs typeset 28 characters a line (GB/T 9704-2012 §5.2.2), first
    /// lines indented two characters, a page number under every page, as a
    /// PDF copied into a text file gives them.
    fn typeset(paras: &[&str], indent: &str, page_every: usize) -> String {
        let mut lines: Vec<String> = Vec::new();
        for p in paras {
            let chars: Vec<char> = format!("{indent}{p}").chars().collect();
            for chunk in chars.chunks(28) {
                lines.push(chunk.iter().collect());
                if lines.len() % (page_every + 1) == page_every {
                    lines.push(format!("— {} —", lines.len() / page_every));
                }
            }
        }
        lines.join("\n")
    }

    const ARTICLES: [&str; 6] = [
        "第一条 为了规范社会救助，保障公民的基本生活，促进社会公平，维护社会和谐稳定，根据有关法律、行政法规，结合本省实际，制定本条例。",
        "第二条 县级以上人民政府民政部门负责本行政区域内社会救助的统筹协调工作，应急管理、卫生健康、教育、住房城乡建设、人力资源社会保障等部门按照各自职责做好相应的社会救助工作。",
        "乡镇人民政府、街道办事处负责社会救助申请的受理、调查审核等具体工作。",
        "第三条 对最低生活保障家庭中的老年人、未成年人、重度残疾人和重病患者，县级以上人民政府应当采取必要措施给予生活保障；对其他困难家庭给予最高5000元的临时救助。",
        "第四条 社会救助经费列入财政预算，实行专项管理，专款专用。（责任单位：省财政厅、省民政厅、省审计厅、省人力资源社会保障厅）",
        "第五条 本条例自2021年1月1日起施行。",
    ];

    #[test]
    fn a_text_typeset_28_characters_a_line_is_read_as_its_paragraphs() {
        let flat = normalize(&ARTICLES.join("\n"));
        for indent in ["\u{3000}\u{3000}", ""] {
            let raw = typeset(&ARTICLES, indent, 5);
            assert_eq!(wrap_width(&raw), Some(28), "{raw}");
            let n = normalize(&raw);
            assert_eq!(n.text, flat.text, "indent {indent:?}:\n{raw}");
            assert!(n.page_numbers >= 2);
        }
        // The number cut by the wrap (最高5 / 000元) is read whole, and every
        // character still maps back to its place in the source.
        let raw = typeset(&ARTICLES, "", 5);
        let n = normalize(&raw);
        let at = n.text.find("5000元").unwrap();
        assert_eq!(&raw[n.source_offset(at)..n.source_offset(at) + 1], "5");
    }

    #[test]
    fn a_sentence_ending_a_full_line_ends_its_paragraph_only_where_the_next_is_indented() {
        // 28 characters ending in 。, then a second 款 (indented) or more of
        // the same paragraph (not indented).
        let first = "　　社会救助工作遵循公开、公平、公正、及时、分层的原则。";
        assert_eq!(first.chars().count(), 28);
        let filler = "　　县级以上人民政府应当将社会救助纳入国民经济和社会发展规划，建立健全政府领导、民政部门牵头、有关部门配合、社会力量参与的社会救助工作协调机制。";
        let body = typeset(&[filler.trim_start_matches('\u{3000}'); 4], "\u{3000}\u{3000}", 100);
        let with = |next: &str| format!("{body}\n{first}\n{next}\n{body}");
        let n = normalize(&with("　　救助对象应当如实申报家庭收入。"));
        assert!(n.text.contains("原则。\n救助对象"), "an indented line starts a paragraph");
        let n = normalize(&with("救助对象应当如实申报家庭收入。"));
        assert!(n.text.contains("原则。救助对象"), "an unindented line runs on");
    }

    #[test]
    fn text_of_whole_paragraphs_is_not_taken_for_a_typeset_one() {
        // Lines of every length: no wrap width, and a bare number stays.
        let raw = ARTICLES.join("\n") + "\n12\n" + &ARTICLES.join("\n");
        assert_eq!(wrap_width(&raw), None);
        assert!(normalize(&raw).text.contains("\n12\n"));
        // The dashed page number of GB/T 9704 is layout in any text.
        assert!(!normalize(&format!("{}\n— 3 —\n{}", ARTICLES[0], ARTICLES[1])).text.contains('—'));
    }
}
