//! Word .docx files (Office Open XML): a zip archive of XML parts, read with
//! the `zip` crate (deflate only) and `quick-xml`.
//!
//! * paragraphs of the main document part in order, runs joined (deleted
//!   revisions, hidden text and field codes left out; the text of text boxes
//!   kept once);
//! * **automatic numbering** — Word list numbering that is not in the text —
//!   is turned back into the marker it displays: a paragraph's `w:numPr`
//!   (directly or through its paragraph style) is resolved through
//!   `word/numbering.xml` (abstract numbering levels with their `numFmt` —
//!   decimal, chineseCounting, ideographTraditional, decimalEnclosedCircle … —
//!   and `lvlText` such as `%1、`, `（%1）`, `%1.`), counted per list and level
//!   the way Word counts (lists that share an abstract definition share the
//!   count; a deeper level restarts after a shallower one; `startOverride`
//!   restarts a list), and written before the paragraph's text;
//! * tables, one line per row with cells separated by a tab (a one-column
//!   table is layout and read as paragraphs);
//! * core properties: the title (when the text itself carries it) and the
//!   keywords become `标题：`/`关键词：` lines. The author (`dc:creator`) and
//!   the file dates are not used: they describe the file, usually a clerk and
//!   the day it was typed, not the issuer and the date of the document.
//!
//! ```
//! // Documents are built in the tests with the zip crate; see `tests::minimal_docx`.
//! use zhengce::input::formats::docx::number_text;
//! assert_eq!(number_text(12, "chineseCounting"), "十二");
//! assert_eq!(number_text(3, "decimalEnclosedCircle"), "③");
//! ```

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{header_line, join_lines, FormatError};
use crate::error::{Warning, WarningKind};
use crate::input::read::Decoded;

/// Largest XML part read (uncompressed): a guard against zip bombs.
const MAX_PART: u64 = 256 * 1024 * 1024;

/// A simplified XML event: local names only (namespace prefixes dropped).
#[derive(Debug)]
enum Ev {
    Start(String, Vec<(String, String)>),
    End(String),
    Text(String),
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.rfind(':') {
        Some(i) => s[i + 1..].to_string(),
        None => s.into_owned(),
    }
}

/// Parse an XML part into simplified events.
fn events(xml: &str, part: &str) -> Result<Vec<Ev>, FormatError> {
    let mut r = Reader::from_str(xml);
    r.config_mut().expand_empty_elements = true;
    let bad = |e: String| FormatError::Unsupported(format!("damaged .docx: {part} is not well-formed XML ({e})"));
    let mut out = Vec::new();
    loop {
        match r.read_event().map_err(|e| bad(format!("{e} at byte {}", r.buffer_position())))? {
            Event::Start(e) => {
                let mut attrs = Vec::new();
                for a in e.attributes().with_checks(false) {
                    let a = a.map_err(|e| bad(e.to_string()))?;
                    let v = a.unescape_value().map(|v| v.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
                    attrs.push((local(a.key.as_ref()), v));
                }
                out.push(Ev::Start(local(e.name().as_ref()), attrs));
            }
            Event::End(e) => out.push(Ev::End(local(e.name().as_ref()))),
            Event::Text(t) => out.push(Ev::Text(t.decode().map_err(|e| bad(e.to_string()))?.into_owned())),
            Event::CData(t) => out.push(Ev::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match g.decode().map_err(|e| bad(e.to_string()))?.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    out.push(Ev::Text(c.to_string()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
fn on(attrs: &[(String, String)]) -> bool {
    !matches!(attr(attrs, "val"), Some("0" | "false" | "off"))
}

/// The parts of the archive.
struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
}

impl Package {
    fn part(&mut self, name: &str) -> Result<Option<String>, FormatError> {
        let mut f = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(FormatError::Unsupported(format!("damaged .docx: cannot open {name} ({e})"))),
        };
        let mut buf = Vec::new();
        (&mut f)
            .take(MAX_PART + 1)
            .read_to_end(&mut buf)
            .map_err(|e| FormatError::Unsupported(format!("damaged .docx: cannot read {name} ({e})")))?;
        if buf.len() as u64 > MAX_PART {
            return Err(FormatError::Unsupported(format!("{name} is larger than {MAX_PART} bytes uncompressed")));
        }
        let text = if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
            crate::input::read::decode(&buf).map_err(|f| FormatError::Decode(format!("{name}: {}", f.0)))?.text
        } else {
            let b = buf.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&buf);
            String::from_utf8(b.to_vec())
                .map_err(|e| FormatError::Decode(format!("{name} is not UTF-8 XML (first bad byte at {})", e.utf8_error().valid_up_to())))?
        };
        Ok(Some(text))
    }

    /// The main document part: the target of the officeDocument relationship.
    fn main_part(&mut self) -> Result<String, FormatError> {
        if let Some(rels) = self.part("_rels/.rels")? {
            for ev in events(&rels, "_rels/.rels")? {
                if let Ev::Start(n, a) = ev {
                    if n == "Relationship" && attr(&a, "Type").is_some_and(|t| t.ends_with("/officeDocument")) {
                        if let Some(t) = attr(&a, "Target") {
                            return Ok(t.trim_start_matches('/').to_string());
                        }
                    }
                }
            }
        }
        Ok("word/document.xml".into())
    }
}

// --- numbering ----------------------------------------------------------------

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    fmt: Option<String>,
    text: Option<String>,
    /// lvlRestart: 0 never restarts; n restarts after a level above n (1-based).
    restart: Option<u32>,
    legal: bool,
    suffix: Option<String>,
}

impl Level {
    fn merged(&self, over: &Level) -> Level {
        Level {
            start: over.start.or(self.start),
            fmt: over.fmt.clone().or_else(|| self.fmt.clone()),
            text: over.text.clone().or_else(|| self.text.clone()),
            restart: over.restart.or(self.restart),
            legal: over.legal || self.legal,
            suffix: over.suffix.clone().or_else(|| self.suffix.clone()),
        }
    }
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: HashMap<u8, Level>,
    /// numStyleLink: the levels live in the list style of this name.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// lvlOverride per level: a start value, and/or a whole level.
    start_override: HashMap<u8, u32>,
    level_override: HashMap<u8, Level>,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

fn parse_level(evs: &[Ev], i: &mut usize) -> Level {
    // At Start("lvl"); read to its End.
    let mut l = Level::default();
    let mut depth = 0;
    while *i < evs.len() {
        match &evs[*i] {
            Ev::Start(n, a) => {
                depth += 1;
                if depth == 2 {
                    match n.as_str() {
                        "start" => l.start = attr(a, "val").and_then(|v| v.parse().ok()),
                        "numFmt" => l.fmt = attr(a, "val").map(str::to_string),
                        "lvlText" => l.text = Some(attr(a, "val").unwrap_or("").to_string()),
                        "lvlRestart" => l.restart = attr(a, "val").and_then(|v| v.parse().ok()),
                        "isLgl" => l.legal = on(a),
                        "suff" => l.suffix = attr(a, "val").map(str::to_string),
                        _ => {}
                    }
                }
            }
            Ev::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return l;
                }
            }
            Ev::Text(_) => {}
        }
        *i += 1;
    }
    l
}

fn parse_numbering(xml: &str) -> Result<Numbering, FormatError> {
    let evs = events(xml, "word/numbering.xml")?;
    let mut n = Numbering::default();
    let mut i = 0;
    let mut cur_abs: Option<String> = None;
    let mut cur_num: Option<String> = None;
    let mut cur_override: Option<u8> = None;
    while i < evs.len() {
        match &evs[i] {
            Ev::Start(name, a) => match name.as_str() {
                "abstractNum" => {
                    let id = attr(a, "abstractNumId").unwrap_or("").to_string();
                    n.abstracts.insert(id.clone(), AbstractNum::default());
                    cur_abs = Some(id);
                }
                "num" => {
                    let id = attr(a, "numId").unwrap_or("").to_string();
                    n.nums.insert(id.clone(), Num::default());
                    cur_num = Some(id);
                }
                "abstractNumId" => {
                    if let Some(num) = cur_num.as_ref().and_then(|id| n.nums.get_mut(id)) {
                        num.abstract_id = attr(a, "val").unwrap_or("").to_string();
                    }
                }
                "numStyleLink" => {
                    if let Some(ab) = cur_abs.as_ref().and_then(|id| n.abstracts.get_mut(id)) {
                        ab.style_link = attr(a, "val").map(str::to_string);
                    }
                }
                "lvlOverride" => cur_override = attr(a, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some(num), Some(lv)) = (cur_num.as_ref().and_then(|id| n.nums.get_mut(id)), cur_override) {
                        if let Some(v) = attr(a, "val").and_then(|v| v.parse().ok()) {
                            num.start_override.insert(lv, v);
                        }
                    }
                }
                "lvl" => {
                    let ilvl: u8 = attr(a, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let level = parse_level(&evs, &mut i);
                    if let (Some(num), Some(lv)) = (cur_num.as_ref().and_then(|id| n.nums.get_mut(id)), cur_override) {
                        num.level_override.insert(lv, level);
                    } else if let Some(ab) = cur_abs.as_ref().and_then(|id| n.abstracts.get_mut(id)) {
                        ab.levels.insert(ilvl.min(8), level);
                    }
                }
                _ => {}
            },
            Ev::End(name) => match name.as_str() {
                "abstractNum" => cur_abs = None,
                "num" => cur_num = None,
                "lvlOverride" => cur_override = None,
                _ => {}
            },
            Ev::Text(_) => {}
        }
        i += 1;
    }
    Ok(n)
}

/// A paragraph style's (numId, ilvl, basedOn).
type StyleNumbering = (Option<String>, Option<u8>, Option<String>);

/// Paragraph styles: their numbering and the style they are based on.
#[derive(Debug, Default)]
struct Styles {
    /// styleId → its numbering and parent.
    styles: HashMap<String, StyleNumbering>,
}

fn parse_styles(xml: &str) -> Result<Styles, FormatError> {
    let evs = events(xml, "word/styles.xml")?;
    let mut s = Styles::default();
    let mut cur: Option<String> = None;
    let mut in_ppr = false;
    for ev in &evs {
        match ev {
            Ev::Start(n, a) => match n.as_str() {
                "style" => {
                    let id = attr(a, "styleId").unwrap_or("").to_string();
                    s.styles.insert(id.clone(), (None, None, None));
                    cur = Some(id);
                }
                "basedOn" => {
                    if let Some(e) = cur.as_ref().and_then(|c| s.styles.get_mut(c)) {
                        e.2 = attr(a, "val").map(str::to_string);
                    }
                }
                "pPr" => in_ppr = true,
                "numId" if in_ppr => {
                    if let Some(e) = cur.as_ref().and_then(|c| s.styles.get_mut(c)) {
                        e.0 = attr(a, "val").map(str::to_string);
                    }
                }
                "ilvl" if in_ppr => {
                    if let Some(e) = cur.as_ref().and_then(|c| s.styles.get_mut(c)) {
                        e.1 = attr(a, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Ev::End(n) => match n.as_str() {
                "style" => cur = None,
                "pPr" => in_ppr = false,
                _ => {}
            },
            Ev::Text(_) => {}
        }
    }
    Ok(s)
}

impl Styles {
    /// The numbering a style gives its paragraphs (following basedOn).
    fn numbering(&self, style: &str) -> (Option<String>, Option<u8>) {
        let mut id = style.to_string();
        let (mut num, mut lvl) = (None, None);
        for _ in 0..16 {
            let Some((n, l, based)) = self.styles.get(&id) else { break };
            num = num.or_else(|| n.clone());
            lvl = lvl.or(*l);
            match based {
                Some(b) => id = b.clone(),
                None => break,
            }
        }
        (num, lvl)
    }
}

/// Counts list items the way Word does and writes their markers.
struct Counter<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// Per abstract numbering: the current value of each level.
    counts: HashMap<String, [Option<u32>; 9]>,
    /// (numId, level) whose startOverride has been applied.
    started: HashSet<(String, u8)>,
}

impl<'a> Counter<'a> {
    fn abstract_of(&self, num: &Num) -> Option<(String, &'a AbstractNum)> {
        let mut id = num.abstract_id.clone();
        for _ in 0..4 {
            let ab = self.numbering.abstracts.get(&id)?;
            // A list-style reference: the style's num points to the real definition.
            match &ab.style_link {
                Some(link) if ab.levels.is_empty() => {
                    let (num_id, _) = self.styles.numbering(link);
                    id = self.numbering.nums.get(&num_id?)?.abstract_id.clone();
                }
                _ => return Some((id, ab)),
            }
        }
        None
    }

    fn level(&self, num: &Num, ab: &AbstractNum, ilvl: u8) -> Level {
        let base = ab.levels.get(&ilvl).cloned().unwrap_or_default();
        match num.level_override.get(&ilvl) {
            Some(o) => base.merged(o),
            None => base,
        }
    }

    /// The marker (with its suffix) of a paragraph in list `num_id` at `ilvl`.
    fn marker(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let num = self.numbering.nums.get(num_id)?;
        let (abs_id, ab) = self.abstract_of(num)?;
        let ilvl = ilvl.min(8);
        let levels: Vec<Level> = (0..9).map(|l| self.level(num, ab, l)).collect();
        let lvl = &levels[ilvl as usize];
        let counts = self.counts.entry(abs_id).or_insert([None; 9]);
        let key = (num_id.to_string(), ilvl);
        let value = match num.start_override.get(&ilvl) {
            Some(&s) if !self.started.contains(&key) => {
                self.started.insert(key);
                s
            }
            _ => counts[ilvl as usize].map_or(lvl.start.unwrap_or(1), |c| c + 1),
        };
        counts[ilvl as usize] = Some(value);
        // Deeper levels restart after this one, unless lvlRestart says otherwise.
        for d in (ilvl as usize + 1)..9 {
            let restart = match levels[d].restart {
                Some(0) => false,
                Some(r) => (ilvl as u32) < r,
                None => true,
            };
            if restart {
                counts[d] = None;
            }
        }
        let fmt = lvl.fmt.as_deref().unwrap_or("decimal");
        if fmt == "bullet" {
            // Bullets are decoration, not numbering; their glyphs are symbol-font codes.
            return None;
        }
        let template = lvl.text.clone().unwrap_or_else(|| format!("%{}.", ilvl + 1));
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                    chars.next();
                    let l = (d - 1) as usize;
                    let v = counts[l].unwrap_or(levels[l].start.unwrap_or(1));
                    let f = if lvl.legal { "decimal" } else { levels[l].fmt.as_deref().unwrap_or("decimal") };
                    out.push_str(&number_text(v, f));
                    continue;
                }
            }
            out.push(c);
        }
        if out.is_empty() {
            return None;
        }
        match lvl.suffix.as_deref() {
            Some("nothing") => {}
            _ => out.push(' '),
        }
        Some(out)
    }
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn letters(n: u32) -> String {
    // Word repeats the letter: 27 → aa, 28 → bb.
    if n == 0 {
        return String::new();
    }
    let c = (b'a' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect()
}

fn from_table(n: u32, table: &[char]) -> Option<String> {
    (n >= 1 && n as usize <= table.len()).then(|| table[n as usize - 1].to_string())
}

/// A number written in one of Word's number formats (`w:numFmt`).
pub fn number_text(n: u32, fmt: &str) -> String {
    const CIRCLED: [char; 20] = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪', '⑫', '⑬', '⑭', '⑮', '⑯', '⑰', '⑱', '⑲', '⑳'];
    const PAREN: [char; 20] = ['⑴', '⑵', '⑶', '⑷', '⑸', '⑹', '⑺', '⑻', '⑼', '⑽', '⑾', '⑿', '⒀', '⒁', '⒂', '⒃', '⒄', '⒅', '⒆', '⒇'];
    const FULLSTOP: [char; 20] = ['⒈', '⒉', '⒊', '⒋', '⒌', '⒍', '⒎', '⒏', '⒐', '⒑', '⒒', '⒓', '⒔', '⒕', '⒖', '⒗', '⒘', '⒙', '⒚', '⒛'];
    const CN_PAREN: [char; 10] = ['㈠', '㈡', '㈢', '㈣', '㈤', '㈥', '㈦', '㈧', '㈨', '㈩'];
    const TIANGAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const DIZHI: [char; 12] = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];
    let decimal = n.to_string();
    match fmt {
        "decimalZero" => format!("{n:02}"),
        "upperRoman" => roman(n).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => from_table(n, &CIRCLED).unwrap_or(decimal),
        "decimalEnclosedParen" => from_table(n, &PAREN).unwrap_or(decimal),
        "decimalEnclosedFullstop" => from_table(n, &FULLSTOP).unwrap_or(decimal),
        "ideographEnclosedCircle" => from_table(n, &CN_PAREN).unwrap_or(decimal),
        "decimalFullWidth" | "decimalFullWidth2" => {
            decimal.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographLegalTraditional" => crate::text::numbers::to_cn(n as u64),
        "chineseLegalSimplified" => {
            // Financial numerals write the leading one: 壹拾贰, not 拾贰.
            let cn = crate::text::numbers::to_cn(n as u64);
            let cn = if cn.starts_with('十') { format!("一{cn}") } else { cn };
            cn.chars()
                .map(|c| match c {
                    '一' => '壹',
                    '二' => '贰',
                    '三' => '叁',
                    '四' => '肆',
                    '五' => '伍',
                    '六' => '陆',
                    '七' => '柒',
                    '八' => '捌',
                    '九' => '玖',
                    '十' => '拾',
                    '百' => '佰',
                    '千' => '仟',
                    '零' => '零',
                    c => c,
                })
                .collect()
        }
        "ideographDigital" | "japaneseDigitalTenThousand" | "taiwaneseDigital" => decimal
            .chars()
            .map(|c| ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'][c.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" => TIANGAN[((n.max(1) - 1) % 10) as usize].to_string(),
        "ideographZodiac" => DIZHI[((n.max(1) - 1) % 12) as usize].to_string(),
        "none" => String::new(),
        _ => decimal,
    }
}

// --- the document ---------------------------------------------------------------

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
}

/// A table being read: rows of cells, each cell a list of paragraph lines.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

impl Table {
    fn lines(self) -> Vec<String> {
        let single_column = self.rows.iter().all(|r| r.len() <= 1);
        let mut out = Vec::new();
        for row in self.rows {
            if single_column {
                out.extend(row.into_iter().flatten());
                continue;
            }
            let mut cells: Vec<String> =
                row.into_iter().map(|c| c.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")).collect();
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            if cells.iter().any(|c| !c.is_empty()) {
                out.push(cells.join("\t"));
            }
        }
        out
    }
}

/// Read the paragraphs and tables of the main document part into lines.
///
/// Longer than most functions (about 140 lines) for a reason: it is one
/// streaming pass over the XML events, and every branch reads and changes
/// the same state — the element stack, the depth inside hidden parts, the
/// run's hidden flag, the paragraph and the table cell being built. Split
/// into functions, each would take all of that state; the branches are
/// commented one by one instead.
fn body_lines(xml: &str, part: &str, counter: &mut Counter) -> Result<Vec<String>, FormatError> {
    let evs = events(xml, part)?;
    let mut out: Vec<String> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    // Depth inside parts whose text is not shown (deleted runs, field codes, fallbacks …).
    let mut hidden_depth: Option<usize> = None;
    let mut run_hidden = false;
    let push_line = |line: String, tables: &mut Vec<Table>, out: &mut Vec<String>| match tables
        .last_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|r| r.last_mut())
    {
        Some(cell) => cell.push(line),
        None => out.push(line),
    };
    for ev in evs {
        match ev {
            Ev::Start(name, a) => {
                stack.push(name.clone());
                if hidden_depth.is_some() {
                    continue;
                }
                let parent = stack.len().checked_sub(2).map(|i| stack[i].as_str()).unwrap_or("");
                match name.as_str() {
                    "del" | "moveFrom" | "delText" | "instrText" | "Fallback" | "pPrChange" | "rPrChange" | "sectPrChange"
                    | "tblPrChange" | "trPrChange" | "tcPrChange" | "numberingChange" | "footnoteReference" | "endnoteReference"
                    | "commentReference" => {
                        hidden_depth = Some(stack.len());
                    }
                    "p" => paras.push(Para::default()),
                    "pStyle" if parent == "pPr" => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(&a, "val").map(str::to_string);
                        }
                    }
                    "numId" if parent == "numPr" => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = attr(&a, "val").map(str::to_string);
                        }
                    }
                    "ilvl" if parent == "numPr" => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = attr(&a, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "r" => run_hidden = false,
                    "vanish" if parent == "rPr" => run_hidden = on(&a),
                    "tab" if parent == "r" && !run_hidden => {
                        if let Some(p) = paras.last_mut() {
                            p.text.push('\t');
                        }
                    }
                    "br" | "cr"
                        if parent == "r" && !run_hidden
                        // A page break is layout; a line break starts a new line.
                        && attr(&a, "type") != Some("page") && attr(&a, "type") != Some("column") =>
                    {
                        if let Some(p) = paras.last_mut() {
                            p.text.push('\n');
                        }
                    }
                    "noBreakHyphen" if parent == "r" => {
                        if let Some(p) = paras.last_mut() {
                            p.text.push('-');
                        }
                    }
                    "sym" if parent == "r" && !run_hidden => {
                        // Symbol-font characters live in the private use area: keep only real ones.
                        if let Some(c) = attr(&a, "char").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                            if !('\u{E000}'..='\u{F8FF}').contains(&c) {
                                if let Some(p) = paras.last_mut() {
                                    p.text.push(c);
                                }
                            }
                        }
                    }
                    "tbl" => tables.push(Table::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "tc" => {
                        if let Some(r) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            r.push(Vec::new());
                        }
                    }
                    _ => {}
                }
            }
            Ev::Text(t) => {
                if hidden_depth.is_none() && !run_hidden && stack.last().map(String::as_str) == Some("t") {
                    if let Some(p) = paras.last_mut() {
                        p.text.push_str(&t);
                    }
                }
            }
            Ev::End(name) => {
                if hidden_depth == Some(stack.len()) {
                    hidden_depth = None;
                }
                stack.pop();
                if hidden_depth.is_some() {
                    continue;
                }
                match name.as_str() {
                    "p" => {
                        let Some(p) = paras.pop() else { continue };
                        let (style_num, style_lvl) = p.style.as_deref().map(|s| counter.styles.numbering(s)).unwrap_or((None, None));
                        let num_id = p.num_id.clone().or(style_num);
                        let ilvl = p.ilvl.or(style_lvl).unwrap_or(0);
                        // An empty paragraph is not shown with a number by Word either.
                        let has_text = !p.text.trim().is_empty();
                        let marker = match num_id.as_deref() {
                            Some(id) if id != "0" && has_text => counter.marker(id, ilvl),
                            _ => None,
                        };
                        let text = match marker {
                            Some(m) => format!("{m}{}", p.text.trim_start()),
                            None => p.text,
                        };
                        for line in text.split('\n') {
                            push_line(line.replace('\t', " "), &mut tables, &mut out);
                        }
                    }
                    "tbl" => {
                        if let Some(t) = tables.pop() {
                            for line in t.lines() {
                                push_line(line, &mut tables, &mut out);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(out)
}

/// Title and keywords from docProps/core.xml.
fn core_properties(xml: &str) -> Result<HashMap<String, String>, FormatError> {
    let mut props = HashMap::new();
    let mut cur: Option<String> = None;
    for ev in events(xml, "docProps/core.xml")? {
        match ev {
            Ev::Start(n, _) => cur = Some(n),
            Ev::Text(t) => {
                if let Some(n) = &cur {
                    props.entry(n.clone()).or_insert_with(String::new).push_str(&t);
                }
            }
            Ev::End(_) => cur = None,
        }
    }
    Ok(props)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// Whether a Word title property is the title of this text: Word fills it
/// with file names and template leftovers, so it is used only when the text
/// near the top says the same.
fn title_is_the_documents(title: &str, lines: &[String]) -> bool {
    let t = squash(title);
    if t.chars().count() < 4
        || !t.chars().any(crate::text::chars::is_cjk)
        || t.to_ascii_lowercase().ends_with(".doc")
        || t.to_ascii_lowercase().ends_with(".docx")
        || t.starts_with("Microsoft")
    {
        return false;
    }
    let top: String = lines.iter().take(30).map(|l| squash(l)).collect();
    top.contains(&t)
}

/// Extract the text of a .docx file (see the module documentation).
pub fn extract(bytes: &[u8]) -> Result<Decoded, FormatError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec()))
        .map_err(|e| FormatError::Unsupported(format!("damaged .docx: not a readable zip archive ({e})")))?;
    let mut pkg = Package { zip };
    let main = pkg.main_part()?;
    let Some(document) = pkg.part(&main)? else {
        return Err(FormatError::Unsupported(format!("not a Word document: the archive has no {main}")));
    };
    let mut warnings = Vec::new();
    let numbering = match pkg.part("word/numbering.xml")? {
        Some(x) => parse_numbering(&x)?,
        None => Numbering::default(),
    };
    let styles = match pkg.part("word/styles.xml")? {
        Some(x) => parse_styles(&x)?,
        None => Styles::default(),
    };
    let mut counter = Counter { numbering: &numbering, styles: &styles, counts: HashMap::new(), started: HashSet::new() };
    let lines = body_lines(&document, &main, &mut counter)?;
    let mut head = Vec::new();
    if let Some(core) = pkg.part("docProps/core.xml")? {
        // A damaged core part loses only the properties.
        match core_properties(&core) {
            Ok(props) => {
                if let Some(t) = props.get("title").map(|t| t.trim()).filter(|t| !t.is_empty()) {
                    if title_is_the_documents(t, &lines) {
                        head.push(header_line("标题", t));
                    }
                }
                if let Some(k) = props.get("keywords").map(|k| k.trim()).filter(|k| !k.is_empty()) {
                    head.push(header_line("关键词", k));
                }
            }
            Err(e) => warnings.push(Warning::new(WarningKind::DocxProperties, format!("the document properties could not be read: {e}"))),
        }
    }
    let text = join_lines(head.into_iter().chain(lines));
    if text.is_empty() {
        return Err(FormatError::Unsupported("the Word document has no text".into()));
    }
    Ok(Decoded { text, encoding: "utf-8", warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn docx(parts: &[(&str, String)]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for (name, body) in parts {
                z.start_file(*name, opts).unwrap();
                z.write_all(body.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn para(text: &str, num: Option<(u32, u32)>) -> String {
        let ppr = num
            .map(|(id, l)| format!("<w:pPr><w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>"))
            .unwrap_or_default();
        format!("<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn level(ilvl: u32, fmt: &str, text: &str) -> String {
        format!("<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:suff w:val=\"nothing\"/><w:lvlText w:val=\"{text}\"/></w:lvl>")
    }

    /// A three-level Chinese outline list (一、 （一） 1.) and a circled list.
    fn numbering() -> String {
        format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">{}{}{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"1\">{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"7\"/></w:lvlOverride></w:num></w:numbering>",
            level(0, "chineseCounting", "%1、"),
            level(1, "chineseCounting", "（%2）"),
            level(2, "decimal", "%3."),
            level(0, "decimalEnclosedCircle", "%1"),
        )
    }

    fn minimal_docx(body: &str) -> Vec<u8> {
        docx(&[
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".into()),
            ("word/document.xml", format!("<w:document {W}><w:body>{body}</w:body></w:document>")),
            ("word/numbering.xml", numbering()),
            (
                "docProps/core.xml",
                "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>民政工作要点</dc:title><dc:creator>张三</dc:creator></cp:coreProperties>".into(),
            ),
        ])
    }

    #[test]
    fn automatic_numbering_becomes_markers() {
        let body = [
            para("民政工作要点", None),
            para("总体要求", Some((1, 0))),
            para("指导思想", Some((1, 1))),
            para("提高标准。", Some((1, 2))),
            para("落实资金。", Some((1, 2))),
            para("主要任务", Some((1, 0))),
            para("加强保障", Some((1, 1))),
            para("第一项。", Some((1, 2))),
            para("接着编号。", Some((3, 2))),
            para("再下一项。", Some((3, 2))),
            para("", Some((1, 1))),
            para("圆圈一", Some((2, 0))),
            para("圆圈二", Some((2, 0))),
        ]
        .concat();
        let x = extract(&minimal_docx(&body)).unwrap();
        assert_eq!(
            x.text,
            "标题：民政工作要点\n民政工作要点\n一、总体要求\n（一）指导思想\n1.提高标准。\n2.落实资金。\n二、主要任务\n（一）加强保障\n1.第一项。\n7.接着编号。\n8.再下一项。\n①圆圈一\n②圆圈二"
        );
        // The author is a clerk, not the issuer.
        assert!(!x.text.contains("张三"));
    }

    #[test]
    fn tables_revisions_and_breaks() {
        let body = format!(
            "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>总体</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>要求</w:t></w:r></w:ins></w:p>\
             <w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            para("任务", None),
            para("责任单位", None),
            para("编制", None),
            para("目录", None),
            para("救助处", None)
        );
        let x = extract(&minimal_docx(&body)).unwrap();
        assert_eq!(x.text, "一、总体要求\n第一行\n第二行\n任务\t责任单位\n编制 目录\t救助处");
        // The title property is not in this text: not used.
        assert!(!x.text.contains("标题"));
    }

    #[test]
    fn numbering_through_paragraph_styles() {
        let styles = format!(
            "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:basedOn w:val=\"H1\"/><w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>"
        );
        let body = "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr><w:r><w:t>指导思想</w:t></w:r></w:p>";
        let bytes = docx(&[
            ("word/document.xml", format!("<w:document {W}><w:body>{body}</w:body></w:document>")),
            ("word/numbering.xml", numbering()),
            ("word/styles.xml", styles),
        ]);
        assert_eq!(extract(&bytes).unwrap().text, "一、总体要求\n（一）指导思想");
    }

    #[test]
    fn number_formats() {
        assert_eq!(number_text(10, "chineseCounting"), "十");
        assert_eq!(number_text(21, "chineseCountingThousand"), "二十一");
        assert_eq!(number_text(2, "ideographTraditional"), "乙");
        assert_eq!(number_text(4, "upperRoman"), "IV");
        assert_eq!(number_text(28, "lowerLetter"), "bb");
        assert_eq!(number_text(3, "decimalFullWidth"), "３");
        assert_eq!(number_text(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(number_text(25, "decimalEnclosedCircle"), "25");
    }

    #[test]
    fn damaged_files_give_clear_errors() {
        let e = extract(b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(matches!(&e, FormatError::Unsupported(m) if m.contains("zip")), "{e:?}");
        let no_doc = docx(&[("word/styles.xml", format!("<w:styles {W}/>"))]);
        assert!(matches!(extract(&no_doc).unwrap_err(), FormatError::Unsupported(m) if m.contains("word/document.xml")));
        let bad_xml = docx(&[("word/document.xml", format!("<w:document {W}><w:body><w:p><w:r><w:t>一</w:t></w:body>"))]);
        assert!(matches!(extract(&bad_xml).unwrap_err(), FormatError::Unsupported(m) if m.contains("well-formed")));
    }
}
