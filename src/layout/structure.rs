//! The numbered hierarchy of a document and the blocks it is made of.
//!
//! Every paragraph of the normalised text becomes one [`Block`]: a task record,
//! a numbered heading, or front/back matter (title, document number, web
//! metadata and boilerplate, addressees, cover notice, preamble, signature,
//! date, notes, attachment list, attachments, contact and distribution lines).
//!
//! The hierarchy is built from the order in which marker styles appear, so any
//! order of styles works: a style seen before is a sibling of its earlier
//! occurrence (everything below it closes); a new style opens a level below the
//! current one.
//!
//! ```
//! use zhengce::layout::structure::{parse, Layout};
//! let n = Layout::default().normalize("一、主要任务\n（一）加强保障\n1.提高标准。落实资金。（责任单位：救助处）");
//! let blocks = parse(&n.text, &n.lines, &Layout::default());
//! let task = blocks.iter().find(|b| b.path == "1.1.1").unwrap();
//! assert_eq!(task.heading(&n.text), "提高标准");
//! assert_eq!(task.section_titles(&blocks, &n.text), ["主要任务", "加强保障"]);
//! assert_eq!(task.departments[0].name, "救助处");
//! ```

use crate::layout::departments;
use crate::layout::markers::{marker_at, Marker, Style};
use crate::layout::normalize::{is_terminal, Line};
use crate::model::document::{Block, BlockKind, CompactString};
use crate::text::affix::{any_prefix, any_suffix};
use crate::text::boilerplate::Boilerplate;
use crate::text::{dates, lines};
use std::fmt::Write as _;

/// Layout knowledge that is data rather than code: the substrings that mark
/// web boilerplate lines (see [`Boilerplate`]).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    boilerplate: Boilerplate,
}

impl Layout {
    /// A layout with the given boilerplate substrings (lines starting with `#` are comments).
    pub fn from_patterns(patterns: Vec<String>) -> Layout {
        Layout { boilerplate: Boilerplate::from_patterns(patterns) }
    }

    /// The boilerplate substrings in use.
    pub fn patterns(&self) -> &[String] {
        self.boilerplate.patterns()
    }

    /// Normalise a text, keeping web boilerplate and metadata lines apart.
    pub fn normalize(&self, raw: &str) -> crate::layout::normalize::Normalized {
        crate::layout::normalize::normalize_with(raw, &|s: &str| self.is_boilerplate(s) || lines::is_metadata_line(s))
    }

    /// Whether a line is web boilerplate.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        self.boilerplate.is_match(line)
    }
}

/// What a line is, before its place in the document is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Boilerplate,
    Metadata,
    DocNumber,
    Date,
    Note,
    AttachmentHead,
    AttachmentList,
    Contact,
    Distribution,
    DeptLine,
    TableHeader,
    Contents,
}

struct Info {
    start: usize,
    end: usize,
    marker: Option<Marker>,
    special: Option<Special>,
    row: Option<Row>,
}

/// What a column of a task table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Ordinal,
    Task,
    Lead,
    Co,
    Responsible,
    Deadline,
    Other,
}

/// A row of a task table: its cells (byte ranges into the line) and what each holds.
#[derive(Debug, Clone)]
struct Row {
    cells: Vec<(usize, usize)>,
    columns: Vec<Column>,
    ordinal: Option<u32>,
}

fn column_of(name: &str) -> Column {
    let n = name.trim();
    if matches!(n, "序号" | "编号" | "序" | "号") {
        return Column::Ordinal;
    }
    if n.contains("牵头") || n.contains("主责") {
        return Column::Lead;
    }
    if n.contains("配合") || n.contains("协办") || n.contains("参与") || n.contains("协助") {
        return Column::Co;
    }
    if n.contains("责任") || n.contains("负责") || n.contains("实施单位") || n.contains("承办") {
        return Column::Responsible;
    }
    if n.contains("时限") || n.contains("时间") || n.contains("时间节点") || n.contains("进度") {
        return Column::Deadline;
    }
    if n.contains("任务") || n.contains("工作内容") || n.contains("措施") || n.contains("事项") || n.contains("内容") || n.contains("目标")
    {
        return Column::Task;
    }
    Column::Other
}

fn cells_of(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '\t' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, line.len()));
    out
}

/// A header row: tab-separated, naming a task column and a department or deadline column.
fn table_header(line: &str) -> Option<Vec<Column>> {
    if !line.contains('\t') {
        return None;
    }
    let cols: Vec<Column> = cells_of(line).iter().map(|&(a, b)| column_of(&line[a..b])).collect();
    let has_task = cols.contains(&Column::Task);
    let has_who = cols.iter().any(|c| matches!(c, Column::Lead | Column::Co | Column::Responsible | Column::Deadline));
    (cols.len() >= 2 && has_task && has_who).then_some(cols)
}

const CONTACT_KEYS: [&str; 12] =
    ["联系人", "联系电话", "联系方式", "联 系 人", "电话：", "电话:", "传真", "通讯地址", "通信地址", "邮箱", "电子邮箱", "邮政编码"];

fn is_note(s: &str) -> bool {
    let open = s.starts_with(['（', '(', '〔', '【', '[']);
    let close = s.ends_with(['）', ')', '〕', '】', ']']);
    // Counted only for a bracketed line (most lines are not).
    let n = if open && close { s.chars().count() } else { 0 };
    if !(open && close) || n > 400 {
        return is_adoption_line(s);
    }
    // （此件公开发布）, or an adoption note: （2020年11月26日……第二十五次会议通过）;
    // a note that records amendments too runs longer and names the meetings.
    // The date is looked for last: most bracketed lines are attributions,
    // which name no act of adoption.
    (n <= 40 && (s.contains("此件") || s.contains("此页") || s.contains("公开") || s.contains("无正文")))
        || ((n <= 100 || s.contains("会议") || s.contains("常委会") || s.contains("常务委员会"))
            && LEGISLATIVE_ACTS.iter().any(|w| s.contains(w))
            && dates::find_date(s).is_some())
}

/// What an adoption note of a regulation records (立法法: 通过, 批准, 公布,
/// 修正, 修订), and 施行 (entry into force).
pub const LEGISLATIVE_ACTS: [&str; 7] = ["通过", "公布", "发布", "施行", "修正", "修订", "批准"];

/// An adoption note printed without brackets, one act per line, as law
/// databases export regulations: `2012年11月29日 河南省第十一届人民代表大会
/// 常务委员会第三十次会议…第三次修正`. It opens with the date, names the
/// meeting and ends with the act.
fn is_adoption_line(s: &str) -> bool {
    let t = s.trim_end_matches(['。', '）', ')']);
    // The date at the start first: it rejects nearly every line at once.
    dates::date_at(s, 0).is_some()
        && s.chars().count() <= 200
        && (s.contains("会议") || s.contains("常务委员会"))
        && any_suffix(t, &["通过", "批准", "修正", "修订", "公布"])
}

fn attachment_head(s: &str) -> Option<Special> {
    let rest = s.strip_prefix("附件")?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let after_num = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || crate::text::numbers::cn_digit(c).is_some() || c == '十'
    });
    let after_num = after_num.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if after_num.is_empty() || after_num == "：" || after_num == ":" {
        return Some(Special::AttachmentHead);
    }
    if after_num.starts_with(['：', ':']) {
        return Some(Special::AttachmentList);
    }
    None
}

fn is_distribution(s: &str) -> bool {
    s.starts_with("抄送") || s.starts_with("抄报") || (s.ends_with("印发") && s.chars().count() < 50 && dates::find_date(s).is_some())
}

fn classify(layout: &Layout, s: &str) -> Option<Special> {
    let first = s.chars().next()?;
    if lines::is_metadata_line(s) {
        return Some(Special::Metadata);
    }
    if layout.is_boilerplate(s) || lines::is_markup_line(s) {
        return Some(Special::Boilerplate);
    }
    if lines::order_number(s).is_some() {
        return Some(Special::DocNumber);
    }
    match first {
        '附' => {
            if let Some(sp) = attachment_head(s) {
                return Some(sp);
            }
        }
        '（' | '(' | '〔' | '【' | '[' => {
            if is_note(s) {
                return Some(Special::Note);
            }
            if departments::is_attribution_line(s) {
                return Some(Special::DeptLine);
            }
        }
        '抄' | '主' if is_distribution(s) => {
            return Some(Special::Distribution);
        }
        _ => {}
    }
    if departments::is_attribution_line(s) {
        return Some(Special::DeptLine);
    }
    if any_prefix(s, &CONTACT_KEYS) {
        return Some(Special::Contact);
    }
    if dates::is_date_line(s) {
        return Some(Special::Date);
    }
    if is_adoption_line(s) {
        return Some(Special::Note);
    }
    if lines::doc_number_line(s).is_some() {
        return Some(Special::DocNumber);
    }
    if is_distribution(s) {
        return Some(Special::Distribution);
    }
    None
}

/// A short line that names an organisation (a signature).
fn looks_like_org(s: &str) -> bool {
    let n = s.chars().count();
    if n == 0 || n > 40 || s.chars().any(|c| matches!(c, '，' | '。' | '；' | '：' | ',' | ':' | '《')) {
        return false;
    }
    let s = s.trim_end_matches(|c: char| c == '）' || c == ')' || c.is_whitespace());
    departments::ends_with_org_suffix(s) || s.ends_with("（印）") || s.ends_with("(印)")
}

/// A line that reads as a title: no sentence punctuation, not ending in a colon.
fn is_titleish(s: &str) -> bool {
    let n = s.chars().count();
    if n == 0 || n > 100 {
        return false;
    }
    if s.chars().any(|c| matches!(c, '。' | '；' | '！' | '？' | ';')) || s.ends_with(['：', ':']) {
        return false;
    }
    let has_comma = s.chars().any(|c| matches!(c, '，' | ','));
    !has_comma || n <= 60 && ends_with_doc_type(s)
}

fn ends_with_doc_type(s: &str) -> bool {
    lines::doc_type_of(s).is_some()
}

/// The addressees of a notice: ends with a colon, names units, holds no sentence.
fn is_addressee(s: &str) -> bool {
    if !s.ends_with(['：', ':']) || s.chars().count() > 200 || s.contains('。') {
        return false;
    }
    s.starts_with('各') || s.contains("各") || departments::ORG_SUFFIXES.iter().any(|suf| s.contains(suf))
}

/// Split off the text of a title: trailing sentence punctuation removed.
pub fn title_text(s: &str) -> &str {
    s.trim_end_matches(|c: char| is_terminal(c) || c.is_whitespace() || c == '*')
}

/// The first sentence of a text (without its terminal punctuation).
pub fn first_sentence(s: &str) -> &str {
    let mut depth = 0i32;
    // Brackets, quotes and sentence ends only: Han characters are stepped over.
    for (i, c) in crate::text::chars::non_han_chars(s) {
        match c {
            '（' | '(' | '《' | '“' => depth += 1,
            '）' | ')' | '》' | '”' => depth -= 1,
            '。' | '！' | '？' | '!' | '?' if depth <= 0 => return s[..i].trim(),
            _ => {}
        }
    }
    s.trim_end_matches(|c: char| is_terminal(c) || c.is_whitespace())
}

/// Byte offsets in `text` of `part`, a slice of it.
fn span_in(text: &str, part: &str) -> (usize, usize) {
    let start = part.as_ptr() as usize - text.as_ptr() as usize;
    debug_assert!(start + part.len() <= text.len());
    (start, start + part.len())
}

/// Whether the text after a marker is only a title: at most one sentence.
fn is_title_only(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    // "民政部门负责：" introduces a list; it is body text, not a title.
    if text.trim_end().ends_with(['：', ':']) {
        return false;
    }
    let core = text.trim_end_matches(|c: char| is_terminal(c) || c.is_whitespace() || c == '”' || c == '）' || c == ')');
    !core.chars().any(|c| matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?'))
}

struct Level {
    style: Style,
    ordinal: u32,
    block: usize,
    /// The items of this level were introduced by a line ending in a colon
    /// (负责下列事项：（一）…（二）…): they are a list, not sections.
    listed: bool,
}

/// Parse the paragraphs of a normalised text into blocks.
///
/// The reading runs in passes, each one rule of the genre:
/// 1. [`read_lines`]: what each line is on its own — a numbered marker (the
///    levels 一、（一）1.（1） of GB/T 9704-2012 §7.3.3 and their look-alikes, the
///    第X章/第X条 of regulations) or a piece of front and back matter
///    (metadata, document number, date, notes, attachments …);
/// 2. [`mark_task_tables`], [`mark_attachment_lists`], [`mark_contents`] and
///    [`mark_export_header`]: runs of lines that only make sense together;
/// 3. [`Builder::front`] and [`Builder::body`]: every line's place in the
///    numbered hierarchy;
/// 4. [`mark_headings`]: numbered lines that are only titles;
/// 5. [`fill_titles`]: headings, section titles and attributions.
pub fn parse(text: &str, lines: &[Line], layout: &Layout) -> Vec<Block> {
    let mut infos = read_lines(text, lines, layout);
    mark_task_tables(text, &mut infos);
    mark_attachment_lists(text, &mut infos);
    mark_contents(text, &mut infos);
    let body_start = infos.iter().position(|x| x.marker.is_some() || x.row.is_some()).unwrap_or(infos.len());
    mark_export_header(text, &mut infos[..body_start]);
    let mut b = Builder { text, blocks: Vec::with_capacity(infos.len()), ancestors: Vec::with_capacity(infos.len()), listed: Vec::new() };
    b.front(&infos[..body_start]);
    b.body(&infos[body_start..]);
    let Builder { mut blocks, ancestors, listed, .. } = b;
    let split = attributions(text, &blocks);
    mark_headings(text, &mut blocks, &ancestors, &listed, &split);
    fill_titles(text, &mut blocks, &ancestors, &split);
    blocks
}

/// Pass 1: each line on its own. A line that is front or back matter is not
/// read for a marker; a marker may follow the `#`s of a Markdown export's
/// heading (`## 第一章  总则`), which are layout like an indent.
fn read_lines(text: &str, lines: &[Line], layout: &Layout) -> Vec<Info> {
    lines
        .iter()
        .map(|l| {
            let s = &text[l.start..l.end];
            let special = classify(layout, s);
            let marker = if special.is_none() { marker_after_markup(s) } else { None };
            Info { start: l.start, end: l.end, marker, special, row: None }
        })
        .collect()
}

/// The marker of a line, after the Markdown markup that may open it.
fn marker_after_markup(s: &str) -> Option<Marker> {
    let lead = lines::markup_lead(s);
    let mut m = marker_at(&s[lead..])?;
    m.end += lead;
    m.text_start += lead;
    Some(m)
}

/// Pass 2a: task tables written as tab-separated rows (责任分解表, as .docx and
/// HTML tables are flattened): a header naming the columns, then one task per
/// row until a line without cells.
fn mark_task_tables(text: &str, infos: &mut [Info]) {
    let mut i = 0;
    while i < infos.len() {
        let line = &text[infos[i].start..infos[i].end];
        let Some(columns) = table_header(line) else {
            i += 1;
            continue;
        };
        infos[i].special = Some(Special::TableHeader);
        infos[i].marker = None;
        let mut j = i + 1;
        while j < infos.len() {
            let row_line = &text[infos[j].start..infos[j].end];
            if !row_line.contains('\t') || table_header(row_line).is_some() {
                break;
            }
            let cells = cells_of(row_line);
            let ordinal = columns
                .iter()
                .zip(&cells)
                .find(|(c, _)| **c == Column::Ordinal)
                .and_then(|(_, &(a, b))| row_line[a..b].trim().parse::<u32>().ok());
            infos[j].special = None;
            infos[j].marker = None;
            infos[j].row = Some(Row { cells, columns: columns.clone(), ordinal });
            j += 1;
        }
        i = j;
    }
}

/// Pass 2b: the items of an attachment list continue its numbering
/// (附件：1. …  2. …  3. …, GB/T 9704 §7.3.5 附件说明); they are not the body.
fn mark_attachment_lists(text: &str, infos: &mut [Info]) {
    let mut i = 0;
    while i < infos.len() {
        if infos[i].special != Some(Special::AttachmentList) {
            i += 1;
            continue;
        }
        let s = &text[infos[i].start..infos[i].end];
        let inline = s
            .find(['：', ':'])
            .map(|p| &s[p + s[p..].chars().next().map_or(1, char::len_utf8)..])
            .map(|r| r.trim_start())
            .and_then(marker_at);
        let mut expect = inline.map(|m| m.ordinal + 1).unwrap_or(1);
        let mut j = i + 1;
        while j < infos.len() {
            let t = &text[infos[j].start..infos[j].end];
            let item = infos[j].marker.as_ref().is_some_and(|m| m.ordinal == expect) && t.chars().count() <= 80 && !t.contains('。');
            if !item {
                break;
            }
            infos[j].special = Some(Special::AttachmentList);
            infos[j].marker = None;
            expect += 1;
            j += 1;
        }
        i = j;
    }
}

/// Pass 2c: a table of contents (目录, as regulations and long plans print
/// one before the body) lists the chapter titles; its lines are not the body.
/// It runs from the 目录 line over numbered title-only lines until a marker
/// repeats one it listed (the body begins) or a line is not a title.
fn mark_contents(text: &str, infos: &mut [Info]) {
    // Compared without its white space (目　录), and without building a copy
    // of every line of the document to find the one that says so.
    let squeezed = |x: &Info| text[x.start..x.end].chars().filter(|c| !c.is_whitespace());
    let Some(at) = infos.iter().position(|x| x.marker.is_none() && (squeezed(x).eq("目录".chars()) || squeezed(x).eq("目次".chars())))
    else {
        return;
    };
    let mut listed: Vec<(Style, u32)> = Vec::new();
    let mut j = at + 1;
    while j < infos.len() {
        let Some(m) = &infos[j].marker else { break };
        let s = &text[infos[j].start..infos[j].end];
        if listed.contains(&(m.style, m.ordinal)) || !is_title_only(&s[m.text_start..]) || s.chars().count() > 60 {
            break;
        }
        listed.push((m.style, m.ordinal));
        j += 1;
    }
    if listed.len() < 2 {
        return;
    }
    for info in &mut infos[at..j] {
        info.special = Some(Special::Contents);
        info.marker = None;
    }
}

/// Pass 2d: a database export that writes each key and its value on lines of
/// their own (`Title` / `吉林市文明祭祀管理条例`): a key line and the value
/// under it are metadata, not the title of the document. A key whose next
/// line is not followed by another key (`Content`, then the text) has no
/// value line.
fn mark_export_header(text: &str, front: &mut [Info]) {
    let is_key = |x: &Info| x.special.is_none() && lines::is_export_key(&text[x.start..x.end]);
    let mut i = 0;
    while i < front.len() {
        if !is_key(&front[i]) {
            i += 1;
            continue;
        }
        front[i].special = Some(Special::Metadata);
        let value_follows = i + 2 < front.len() && !is_key(&front[i + 1]) && is_key(&front[i + 2]);
        if value_follows {
            front[i + 1].special = Some(Special::Metadata);
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Builds the blocks in document order, with each block's numbered ancestors.
struct Builder<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    ancestors: Vec<Vec<usize>>,
    /// Per block: a numbered item of a list introduced by a colon.
    listed: Vec<bool>,
}

/// Where the reading of the body stands.
#[derive(Default)]
struct BodyState {
    stack: Vec<Level>,
    /// After an attachment label (附件1): attached forms and lists, not tasks.
    appendix: bool,
    /// After a signature date: back matter until the next marker.
    tail: bool,
    rows_seen: u32,
}

fn plain(kind: BlockKind, info: &Info) -> Block {
    Block {
        kind,
        path: CompactString::default(),
        level: 0,
        marker: CompactString::default(),
        style: None,
        start: info.start,
        end: info.end,
        text_start: info.start,
        heading_start: info.start,
        heading_end: info.start,
        section: None,
        departments: Box::default(),
    }
}

impl Builder<'_> {
    fn push(&mut self, block: Block, ancestors: Vec<usize>) {
        self.blocks.push(block);
        self.ancestors.push(ancestors);
        self.listed.resize(self.blocks.len(), false);
    }

    /// Pass 3a: front matter, everything before the first numbered marker
    /// (GB/T 9704 版头: 发文字号, 标题, 主送机关; a cover notice and its
    /// signature; a preamble).
    fn front(&mut self, infos: &[Info]) {
        for info in infos {
            let s = &self.text[info.start..info.end];
            let kind = match info.special {
                Some(sp) => special_kind(sp),
                None if is_addressee(s) => BlockKind::Addressee,
                None if is_titleish(lines::strip_markup(s)) => BlockKind::Title,
                None => BlockKind::Preamble,
            };
            self.push(plain(kind, info), Vec::new());
            if kind == BlockKind::Date {
                mark_signatures(self.text, &mut self.blocks);
            }
        }
        // Prose followed later in the front by a title is a cover notice.
        if let Some(last_title) = self.blocks.iter().rposition(|b| b.kind == BlockKind::Title) {
            for b in &mut self.blocks[..last_title] {
                if b.kind == BlockKind::Preamble {
                    b.kind = BlockKind::Notice;
                }
            }
        }
    }

    /// Pass 3b: the body, line by line.
    fn body(&mut self, infos: &[Info]) {
        let mut st = BodyState::default();
        for info in infos {
            if let Some(sp) = info.special {
                self.special_line(&mut st, sp, info);
            } else if st.appendix {
                self.push(plain(BlockKind::Attachment, info), Vec::new());
            } else if let Some(row) = &info.row {
                self.table_row(&mut st, row, info);
            } else if let Some(m) = &info.marker {
                self.numbered(&mut st, m, info);
            } else {
                self.unnumbered(&mut st, info);
            }
        }
    }

    /// Front and back matter met in the body: a standalone 责任单位：… line
    /// belongs to the block above it; an attachment label opens the
    /// attachments; a date line ends the text (what follows is back matter).
    fn special_line(&mut self, st: &mut BodyState, sp: Special, info: &Info) {
        if sp == Special::DeptLine && !st.appendix && !st.tail {
            if let Some(b) = self.blocks.last_mut() {
                if matches!(b.kind, BlockKind::Task | BlockKind::Heading | BlockKind::Preamble) {
                    extend_over(b, info);
                    return;
                }
            }
        }
        match sp {
            Special::AttachmentHead => st.appendix = true,
            Special::Date => st.tail = true,
            _ => {}
        }
        let kind = if st.appendix && sp != Special::AttachmentHead && sp != Special::Boilerplate {
            BlockKind::Attachment
        } else {
            special_kind(sp)
        };
        self.push(plain(kind, info), Vec::new());
        if sp == Special::Date {
            mark_signatures(self.text, &mut self.blocks);
        }
    }

    fn table_row(&mut self, st: &mut BodyState, row: &Row, info: &Info) {
        st.tail = false;
        st.rows_seen += 1;
        let ordinal = row.ordinal.unwrap_or(st.rows_seen);
        let m = Marker { style: Style::Row, ordinal, parts: vec![], end: 0, text_start: 0 };
        let style = place(&mut st.stack, &m);
        let idx = self.blocks.len();
        let ancestors = st.stack.iter().map(|l| l.block).collect();
        st.stack.push(Level { style, ordinal, block: idx, listed: false });
        let block = table_row(self.text, info, row, path_of(&st.stack), st.stack.len() as u32);
        self.push(block, ancestors);
    }

    fn numbered(&mut self, st: &mut BodyState, m: &Marker, info: &Info) {
        st.tail = false;
        let s = &self.text[info.start..info.end];
        let before: Vec<bool> = st.stack.iter().map(|l| l.listed).collect();
        let style = place(&mut st.stack, m);
        // A sibling keeps what its level is; a new level is a list when the
        // line just above it ends in a colon.
        let listed = if st.stack.len() < before.len() {
            before[st.stack.len()]
        } else {
            self.blocks.last().is_some_and(|b| matches!(b.kind, BlockKind::Task | BlockKind::Heading) && ends_with_colon(self.text, b))
        };
        let idx = self.blocks.len();
        let ancestors = st.stack.iter().map(|l| l.block).collect();
        st.stack.push(Level { style, ordinal: m.ordinal, block: idx, listed });
        let block = Block {
            kind: BlockKind::Task,
            path: path_of(&st.stack),
            level: st.stack.len() as u32,
            marker: s[..m.end].into(),
            style: Some(m.style),
            text_start: info.start + m.text_start,
            ..plain(BlockKind::Task, info)
        };
        self.push(block, ancestors);
        self.listed[idx] = listed;
    }

    /// An unnumbered paragraph in the body: the title of a second text, the
    /// title of a box, back matter after the signature, or a paragraph of the
    /// numbered item above it.
    fn unnumbered(&mut self, st: &mut BodyState, info: &Info) {
        let s = &self.text[info.start..info.end];
        if starts_second_text(s) {
            // A file that carries a second text (a 说明 after the regulation it
            // explains, the second plan a cover notice transmits): its title
            // closes the numbering of the first, and its own numbering starts
            // again; until then its lines are its front matter.
            st.stack.clear();
            st.tail = false;
            self.push(plain(BlockKind::Title, info), Vec::new());
            return;
        }
        if !st.stack.is_empty() && !st.tail && is_box_title(s) {
            // A box (专栏) inside a section: its title is a heading, its
            // paragraphs are records of the item the box follows.
            let block = Block { path: path_of(&st.stack), level: st.stack.len() as u32, ..plain(BlockKind::Heading, info) };
            self.push(block, st.stack.iter().map(|l| l.block).collect());
            return;
        }
        if st.tail || st.stack.is_empty() {
            let kind = match (st.tail, looks_like_org(s)) {
                (true, true) => BlockKind::Signature,
                (true, false) => BlockKind::Attachment,
                (false, _) => BlockKind::Preamble,
            };
            self.push(plain(kind, info), Vec::new());
            return;
        }
        if self.continues_list_item(st, s) {
            // A list item broken across lines in mid-sentence: items of a
            // list end in ；or 。, so a line that ends one is its rest.
            extend_over(self.blocks.last_mut().expect("the item above"), info);
            return;
        }
        // After the items of a list introduced by a colon ("负责：（一）…（二）…"),
        // an unnumbered paragraph belongs to the line that introduced it (the
        // several paragraphs of one article).
        if st.stack.len() >= 2 && st.stack.last().is_some_and(|l| l.listed) {
            st.stack.pop();
        }
        let block = Block { path: path_of(&st.stack), level: st.stack.len() as u32, ..plain(BlockKind::Task, info) };
        self.push(block, st.stack.iter().map(|l| l.block).collect());
    }
}

/// Extends a block over the line `info`. A bare marker line ("一、", "（一）")
/// has no text of its own: its text starts at that line, not at the line
/// break before it.
fn extend_over(b: &mut Block, info: &Info) {
    if b.text_start == b.end {
        b.text_start = info.start;
    }
    b.end = info.end;
}

impl Builder<'_> {
    /// Whether `s` carries on the list item just above it: the item is the
    /// last block, has no closing punctuation, and `s` is short and ends one.
    fn continues_list_item(&self, st: &BodyState, s: &str) -> bool {
        let Some(last) = self.blocks.last() else { return false };
        let item = st.stack.last().is_some_and(|l| l.listed && l.block == self.blocks.len() - 1);
        let open =
            !self.text[last.text_start..last.end].trim_end().ends_with(|c: char| is_terminal(c) || matches!(c, '）' | ')' | '”' | '。'));
        item && open && !last.marker.is_empty() && s.chars().count() <= 80 && s.ends_with(['；', '。', ';'])
    }
}

/// The title of a second text standing alone in the body: a title line (no
/// sentence punctuation) that names its subject with 关于 or a 《title》 and
/// ends in a document type (关于《…条例》的说明, 关于…的审议意见的报告,
/// 关于印发…的通知), as GB/T 9704 §7.3.2 composes titles.
fn starts_second_text(s: &str) -> bool {
    let s = lines::strip_markup(s);
    let n = s.chars().count();
    (6..=80).contains(&n)
        && (s.starts_with("关于") || s.contains('《'))
        && !s.chars().any(|c| matches!(c, '。' | '；' | '，' | '：' | '！' | '？' | ';' | ':'))
        && ends_with_doc_type(s)
}

/// The title line of a box inside a section: 专栏1 …, 专栏一：…, 【专栏2】…
fn is_box_title(s: &str) -> bool {
    let t = s.trim_start_matches(['【', '[', '（', '(']);
    t.starts_with("专栏") && s.chars().count() <= 60 && !s.contains('。')
}

/// The attribution at the end of each block, found once: (length of the text
/// before it, its offset).
fn attributions(text: &str, blocks: &[Block]) -> Vec<(usize, Option<usize>)> {
    blocks
        .iter()
        .map(|b| {
            let (core, at) = departments::split_attribution(&text[b.text_start..b.end]);
            (core.len(), at)
        })
        .collect()
}

/// Pass 4: a numbered line that is only a title and has content below it is
/// a heading (GB/T 9704 §7.3.3 structural levels). An article of a
/// regulation and an item of a list introduced by a colon are body text,
/// except an article line that holds only its bracketed title
/// (第一条（目的和依据）, as government rules print them). A chapter, section
/// or part title is a heading even with nothing under it.
fn mark_headings(text: &str, blocks: &mut [Block], ancestors: &[Vec<usize>], listed: &[bool], split: &[(usize, Option<usize>)]) {
    let n = blocks.len();
    for k in 0..n {
        if blocks[k].marker.is_empty() || blocks[k].kind != BlockKind::Task {
            continue;
        }
        let next = (k + 1..n).find(|&j| blocks[j].kind != BlockKind::Boilerplate);
        let below = next.is_some_and(|j| {
            let b = &blocks[j];
            b.kind == BlockKind::Task && (b.level > blocks[k].level || (b.marker.is_empty() && b.path == blocks[k].path))
        });
        let core = text[blocks[k].text_start..blocks[k].text_start + split[k].0].trim();
        let core = core.trim_end_matches('*').trim_end();
        let list_item = listed[k]
            || ancestors[k].last().is_some_and(|&p| ends_with_colon(text, &blocks[p]))
            || matches!(blocks[k].style, Some(Style::Article | Style::Row));
        let bracketed_title = blocks[k].style == Some(Style::Article) && is_bracketed_title(core);
        let division = matches!(blocks[k].style, Some(Style::Chapter | Style::Section | Style::Part)) && is_title_only(core);
        let title = below && (!list_item || bracketed_title) && is_title_only(core);
        if title || division || core.is_empty() {
            blocks[k].kind = BlockKind::Heading;
        }
    }
}

/// A text that is only a bracketed title: （目的和依据）.
fn is_bracketed_title(s: &str) -> bool {
    let n = s.chars().count();
    (3..=30).contains(&n)
        && s.starts_with(['（', '('])
        && s.ends_with(['）', ')'])
        && s.chars().filter(|c| matches!(c, '（' | '(')).count() == 1
        && !s.chars().any(|c| matches!(c, '。' | '；' | '，'))
}

/// Pass 5: each block's heading (its title or first sentence), the titles of
/// the headings above it, and the departments of its attribution.
fn fill_titles(text: &str, blocks: &mut [Block], ancestors: &[Vec<usize>], split: &[(usize, Option<usize>)]) {
    for k in 0..blocks.len() {
        // The ancestors are a stack, so the nearest heading's own chain is
        // the rest of this block's section titles.
        blocks[k].section = ancestors[k].iter().rev().copied().find(|&a| blocks[a].kind == BlockKind::Heading).map(|h| h as u32);
        if blocks[k].style == Some(Style::Row) {
            continue;
        }
        let (start, end) = (blocks[k].text_start, blocks[k].end);
        let body = &text[start..end];
        let (core, attribution) = (&body[..split[k].0], split[k].1);
        if matches!(blocks[k].kind, BlockKind::Task | BlockKind::Heading) {
            blocks[k].departments = departments::record_departments(body, split[k].0, attribution, start).into_boxed_slice();
        }
        let heading = match blocks[k].kind {
            BlockKind::Heading | BlockKind::Title => title_text(lines::strip_markup(core)),
            _ => first_sentence(core),
        };
        (blocks[k].heading_start, blocks[k].heading_end) = span_in(text, heading);
    }
}
/// The block of a table row: its text starts at the first cell after the 序号
/// cell; departments come from the columns that name them, with their roles.
fn table_row(text: &str, info: &Info, row: &Row, path: CompactString, level: u32) -> Block {
    let line = &text[info.start..info.end];
    let first = row.columns.iter().zip(&row.cells).find(|(c, _)| **c != Column::Ordinal).map_or(0, |(_, &(a, _))| a);
    let ordinal_cell =
        row.columns.iter().zip(&row.cells).find(|(c, _)| **c == Column::Ordinal).map(|(_, &(a, b))| line[a..b].trim().to_string());
    let mut depts = Vec::new();
    let mut heading = "";
    for (col, &(a, b)) in row.columns.iter().zip(&row.cells) {
        let cell = &line[a..b];
        match col {
            Column::Lead | Column::Co | Column::Responsible => {
                let role = match col {
                    Column::Lead => Some(crate::model::document::Role::Lead),
                    Column::Co => Some(crate::model::document::Role::Co),
                    _ => None,
                };
                for mut d in departments::parse_attribution(cell, info.start + a) {
                    if let Some(r) = role {
                        d.role = r;
                        d.labelled = true;
                    }
                    depts.push(d);
                }
            }
            Column::Task if heading.is_empty() => heading = first_sentence(cell.trim()),
            _ => {}
        }
    }
    // Without labelled roles the first named is the lead.
    if !depts.iter().any(|d| d.labelled) {
        for (n, d) in depts.iter_mut().enumerate() {
            d.role = if n == 0 { crate::model::document::Role::Lead } else { crate::model::document::Role::Co };
        }
    }
    let heading = if heading.is_empty() { (info.start + first, info.start + first) } else { span_in(text, heading) };
    Block {
        kind: BlockKind::Task,
        path,
        level,
        marker: ordinal_cell.unwrap_or_default().into(),
        style: Some(Style::Row),
        start: info.start,
        end: info.end,
        text_start: info.start + first,
        heading_start: heading.0,
        heading_end: heading.1,
        section: None,
        departments: depts.into(),
    }
}

/// Whether a block's text ends with a colon (it introduces a list).
fn ends_with_colon(text: &str, b: &Block) -> bool {
    text[b.text_start..b.end].trim_end().ends_with(['：', ':'])
}

fn special_kind(sp: Special) -> BlockKind {
    match sp {
        Special::Boilerplate => BlockKind::Boilerplate,
        Special::Metadata => BlockKind::Metadata,
        Special::DocNumber => BlockKind::DocNumber,
        Special::Date => BlockKind::Date,
        Special::Note => BlockKind::Note,
        Special::AttachmentHead => BlockKind::AttachmentLabel,
        Special::AttachmentList => BlockKind::AttachmentList,
        Special::Contact => BlockKind::Contact,
        Special::Distribution => BlockKind::Distribution,
        Special::DeptLine => BlockKind::Preamble,
        Special::TableHeader => BlockKind::TableHeader,
        Special::Contents => BlockKind::Contents,
    }
}

/// Lines naming an organisation directly above a date line are a signature.
fn mark_signatures(text: &str, blocks: &mut [Block]) {
    let Some(last) = blocks.len().checked_sub(1) else { return };
    if blocks[last].kind != BlockKind::Date {
        return;
    }
    let mut k = last;
    let mut taken = 0;
    while k > 0 && taken < 4 {
        k -= 1;
        let b = &blocks[k];
        if !b.marker.is_empty() || !matches!(b.kind, BlockKind::Title | BlockKind::Task | BlockKind::Preamble | BlockKind::Signature) {
            break;
        }
        if !looks_like_org(&text[b.start..b.end]) {
            break;
        }
        blocks[k].kind = BlockKind::Signature;
        blocks[k].path.clear();
        blocks[k].level = 0;
        taken += 1;
    }
}

/// Find the level of a marker: a style already open is a sibling of that
/// level; a new style opens a level below the current one.
fn place(stack: &mut Vec<Level>, m: &Marker) -> Style {
    if let Some(pos) = stack.iter().position(|l| l.style == m.style) {
        stack.truncate(pos);
        return m.style;
    }
    // 1. and 1、 used interchangeably for one level: a new Arabic style that
    // continues the numbering of the other one is the same level.
    let twin = match m.style {
        Style::ArabicDot => Some(Style::ArabicComma),
        Style::ArabicComma => Some(Style::ArabicDot),
        Style::ArabicParen => Some(Style::ArabicHalfParen),
        Style::ArabicHalfParen => Some(Style::ArabicParen),
        _ => None,
    };
    if let Some(t) = twin {
        if let Some(pos) = stack.iter().position(|l| l.style == t) {
            if stack[pos].ordinal + 1 == m.ordinal {
                let style = stack[pos].style;
                stack.truncate(pos);
                return style;
            }
        }
    }
    // Regulations: an article under a section/chapter, a section under a chapter.
    m.style
}

fn path_of(stack: &[Level]) -> CompactString {
    let mut p = CompactString::default();
    for (i, l) in stack.iter().enumerate() {
        if i > 0 {
            p.push('.');
        }
        write!(p, "{}", l.ordinal).ok();
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(s: &str) -> (String, Vec<Block>) {
        let layout = Layout::default();
        let n = layout.normalize(s);
        let b = parse(&n.text, &n.lines, &layout);
        (n.text, b)
    }

    fn tasks(s: &str) -> Vec<(String, String)> {
        let (t, b) = blocks(s);
        b.iter().filter(|b| b.kind == BlockKind::Task && !b.path.is_empty()).map(|b| (b.path.to_string(), b.text(&t).to_string())).collect()
    }

    #[test]
    fn hierarchy_in_any_order_of_styles() {
        let got = tasks("（一）甲类\n1、第一项。内容。\n2、第二项。内容。\n（二）乙类\n1、第三项。内容。");
        assert_eq!(got.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["1.1", "1.2", "2.1"]);
        let got = tasks("一、总体\n①甲。乙。\n②丙。丁。\n二、其他\n(1)戊。己。");
        assert_eq!(got.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["1.1", "1.2", "2.1"]);
    }

    #[test]
    fn headings_and_paragraphs() {
        let (t, b) = blocks("一、总体要求\n全面落实要求。加强建设。\n坚持需求导向。围绕群众。\n二、主要任务\n（一）制定工作方案（4月25日前）。结合实际制定方案。");
        let rec: Vec<_> = b.iter().filter(|b| b.kind == BlockKind::Task).map(|b| (b.path.as_str(), b.heading(&t))).collect();
        assert_eq!(rec, [("1", "全面落实要求"), ("1", "坚持需求导向"), ("2.1", "制定工作方案（4月25日前）")]);
        let h: Vec<_> = b.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.text(&t)).collect();
        assert_eq!(h, ["总体要求", "主要任务"]);
    }

    /// Found by the property test: a bare marker line continued by a line
    /// that carries on a list item gave its block text starting with the line
    /// break (the frames' text then differed from the document's slice).
    #[test]
    fn a_bare_marker_continued_by_a_line_has_its_text_from_that_line() {
        let (t, b) = blocks("一、\n：\n（一）\n牵头单位：省民政厅；配合单位：省财政厅\n加强抄送：民政部。\n");
        for x in &b {
            assert!(!x.text(&t).starts_with(char::is_whitespace), "{:?} {:?}", x.marker, x.text(&t));
        }
        assert!(b.iter().any(|x| x.marker == "（一）" && x.text(&t).starts_with("牵头单位")));
    }

    #[test]
    fn regulations() {
        let got = tasks("第一章　总则\n第一条　为了规范管理，制定本办法。\n第二条　本办法适用于全省。\n第二章　职责\n第三条　民政部门负责：\n（一）登记；\n（二）监督。\n本条另有规定的除外。");
        let paths: Vec<_> = got.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(paths, ["1.1", "1.2", "2.3", "2.3.1", "2.3.2", "2.3"]);
    }

    #[test]
    fn front_and_back_matter() {
        let doc = "吉林省民政厅关于印发《2019年实施方案》的通知\n吉民发〔2019〕15号\n各市（州）民政局：\n现将方案印发给你们，请认真抓好落实。\n吉林省民政厅\n2019年3月11日\n（此件公开发布）\n2019年实施方案\n为落实意见，制定本方案。\n一、总体要求\n全面落实，加强建设。\n附件：月进展情况报表\n联系人：张三，电话：0431-88888888\n扫一扫在手机打开当前页";
        let (_, b) = blocks(doc);
        let kinds: Vec<_> = b.iter().map(|b| b.kind.name()).collect();
        assert_eq!(
            kinds,
            [
                "title",
                "doc_number",
                "addressee",
                "notice",
                "signature",
                "date",
                "note",
                "title",
                "preamble",
                "heading",
                "task",
                "attachment_list",
                "contact",
                "boilerplate"
            ]
        );
    }

    #[test]
    fn attachment_list_is_not_numbered_body() {
        let doc = "关于印发工作方案的通知\n附件：1. 工作方案\n2. 标准目录\n3. 服务目录\n吉林省民政厅\n2020年4月21日\n附件 1\n工作方案\n一、总体要求\n（一）指导思想\n以思想为指导，全面贯彻。";
        let (_, b) = blocks(doc);
        let kinds: Vec<_> = b.iter().map(|b| (b.kind.name(), b.path.as_str())).collect();
        assert_eq!(
            kinds,
            [
                ("title", ""),
                ("attachment_list", ""),
                ("attachment_list", ""),
                ("attachment_list", ""),
                ("signature", ""),
                ("date", ""),
                ("attachment_label", ""),
                ("title", ""),
                ("heading", "1"),
                ("heading", "1.1"),
                ("task", "1.1")
            ]
        );
    }

    #[test]
    fn task_tables() {
        let doc = "一、社会救助\n序号\t重点任务\t牵头处室\t配合处室\t完成时限\n1\t提高城乡低保标准\t社会救助处\t规划财务处、社会事务处\t2020年6月底前\n2\t开展专项治理\t社会救助处\t\t2020年全年\n二、养老服务\n（一）加强保障。落实资金。";
        let (t, b) = blocks(doc);
        let rows: Vec<_> = b.iter().filter(|b| b.style == Some(Style::Row)).collect();
        assert_eq!(
            rows.iter().map(|r| (r.path.as_str(), r.heading(&t))).collect::<Vec<_>>(),
            [("1.1", "提高城乡低保标准"), ("1.2", "开展专项治理")]
        );
        let d: Vec<_> = rows[0].departments.iter().map(|d| (d.name.as_str(), d.role.name(), &t[d.start..d.end])).collect();
        assert_eq!(d, [("社会救助处", "lead", "社会救助处"), ("规划财务处", "co", "规划财务处"), ("社会事务处", "co", "社会事务处")]);
        assert!(rows[0].text(&t).starts_with("提高城乡低保标准"));
        assert_eq!(b.iter().filter(|b| b.kind == BlockKind::TableHeader).count(), 1);
        assert_eq!(b.last().unwrap().path, "2.1");
    }

    #[test]
    fn articles_and_adoption_notes() {
        let (_, b) = blocks("江西省社会救助条例\n（2020年11月26日江西省第十三届人民代表大会常务委员会第二十五次会议通过）\n第一章　总则\n第二条　本条例适用于全省。\n社会救助坚持托底线。");
        let kinds: Vec<_> = b.iter().map(|b| (b.kind.name(), b.path.as_str())).collect();
        assert_eq!(kinds, [("title", ""), ("note", ""), ("heading", "1"), ("task", "1.2"), ("task", "1.2")]);
    }

    #[test]
    fn standalone_bracketed_attribution_joins_its_record() {
        let (_, b) =
            blocks("一、任务\n1.实施专项行动。力争全省养老床位达到38万张。\n（省发展改革委牵头，省民政厅配合）\n2.加强管理。完善制度。");
        let r: Vec<_> = b.iter().filter(|b| b.kind == BlockKind::Task).collect();
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].departments.iter().map(|d| (d.name.as_str(), d.role.name())).collect::<Vec<_>>(),
            [("省发展改革委", "lead"), ("省民政厅", "co")]
        );
    }

    #[test]
    fn standalone_department_line_joins_its_record() {
        let (t, b) = blocks("一、任务\n1.提高标准。落实资金。\n责任单位：省民政厅、省财政厅\n2.加强管理。完善制度。");
        let r: Vec<_> = b.iter().filter(|b| b.kind == BlockKind::Task).collect();
        assert_eq!(r.len(), 2);
        assert!(r[0].text(&t).ends_with("省财政厅"));
        assert_eq!(r[0].departments.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["省民政厅", "省财政厅"]);
    }
}

#[cfg(test)]
mod genre_tests {
    //! The conventions of real documents from other sources (database
    //! exports, law databases, filings), each on a small generated case.
    use super::*;

    fn kinds(s: &str) -> Vec<(&'static str, String)> {
        let layout = Layout::default();
        let n = layout.normalize(s);
        parse(&n.text, &n.lines, &layout).iter().map(|b| (b.kind.name(), b.path.to_string())).collect()
    }

    fn task_paths(s: &str) -> Vec<String> {
        kinds(s).into_iter().filter(|(k, _)| *k == "task").map(|(_, p)| p).filter(|p| !p.is_empty()).collect()
    }

    #[test]
    fn markdown_law_database_export() {
        let doc = "# 某省殡葬管理办法\n\n1999年7月30日 某省第九届人民代表大会常务委员会第十次会议通过\n\n2012年11月29日 某省第十一届人民代表大会常务委员会第三十次会议第三次修正\n\n<!-- INFO END -->\n\n## 第一章  总则\n\n第一条 为加强殡葬管理，制定本办法。\n\n第二条 本办法适用于本省。\n\n## 第二章  附则\n\n第三条 本办法自公布之日起施行。";
        let want = [
            ("title", ""),
            ("note", ""),
            ("note", ""),
            ("boilerplate", ""),
            ("heading", "1"),
            ("task", "1.1"),
            ("task", "1.2"),
            ("heading", "2"),
            ("task", "2.3"),
        ];
        assert_eq!(kinds(doc), want.map(|(k, p)| (k, p.to_string())));
    }

    #[test]
    fn table_of_contents_is_not_the_body() {
        let doc = "某市文明行为促进条例\n目    录\n第一章　总则\n第二章　附则\n第一章　总则\n第一条　为了促进文明行为，制定本条例。\n第二章　附则\n第二条　本条例自2020年10月1日起施行。";
        let k = kinds(doc);
        assert_eq!(k.iter().filter(|(k, _)| *k == "contents").count(), 3);
        assert_eq!(task_paths(doc), ["1.1", "2.2"]);
        assert_eq!(k.iter().filter(|(k, _)| *k == "heading").count(), 2);
    }

    #[test]
    fn article_lines_with_only_a_bracketed_title_are_headings() {
        let doc = "第一章　总则\n第一条　（目的和依据）\n为了推进新片区建设，制定本办法。\n第二条　（适用范围）\n本办法适用于新片区。\n新片区的范围另行公布。";
        let k = kinds(doc);
        assert_eq!(k.iter().filter(|(k, _)| *k == "heading").map(|(_, p)| p.as_str()).collect::<Vec<_>>(), ["1", "1.1", "1.2"]);
        assert_eq!(task_paths(doc), ["1.1", "1.2", "1.2"]);
    }

    #[test]
    fn a_second_text_restarts_the_numbering() {
        let doc = "某市文明行为条例\n第一条　为了促进文明行为，制定本条例。\n第二条　本条例自2019年12月1日起施行。\n关于《某市文明行为条例》的说明\n主任、各位副主任、各位委员：\n现就《条例》作如下说明。\n一、立法的必要性\n理顺管理体制是前提。\n二、主要内容\n条例共二章。\n以上说明连同《条例》，请予审议。\n关于《某市文明行为条例》审议意见的报告\n该条例同宪法、法律不抵触。";
        assert_eq!(task_paths(doc), ["1", "2", "1", "2", "2"]);
        let k = kinds(doc);
        assert_eq!(k.iter().filter(|(k, _)| *k == "title").count(), 3);
    }

    #[test]
    fn a_box_inside_a_section() {
        let doc = "一、主要任务\n（一）加强保障。落实资金。\n专栏1　重点工程\n建设100个农村养老服务中心。\n（二）完善制度。健全机制。";
        let k = kinds(doc);
        assert!(k.contains(&("heading", "1.1".to_string())), "{k:?}");
        assert_eq!(task_paths(doc), ["1.1", "1.1", "1.2"]);
    }

    #[test]
    fn database_export_header_on_lines_of_their_own() {
        let doc = "Id\nZmY4MDgx%3D\nTitle\n某市文明祭祀管理条例\nOffice\n某市人民代表大会常务委员会\nPublish\n2022-12-19 00:00:00\nContent\n某市文明祭祀管理条例\n第一条　为了规范祭祀活动，制定本条例。";
        let k = kinds(doc);
        assert_eq!(k.iter().filter(|(k, _)| *k == "metadata").count(), 9, "{k:?}");
        assert_eq!(k[9].0, "title");
        assert_eq!(task_paths(doc), ["1"]);
    }

    #[test]
    fn citation_database_header_and_order_number() {
        let doc = "    【法宝引证码】 CLI.11.1535062\n原文链接：https://www.pkulaw.com/lar/abc.html\n某市管理办法\n某市人民政府令\n（第19号）\n《某市管理办法》已经市政府常务会议通过，现予公布。\n市长　某某\n2019年8月12日\n某市管理办法\n第一章　总则\n第一条　为了规范管理，制定本办法。";
        let k = kinds(doc);
        assert_eq!(&k[..2], [("metadata", String::new()), ("metadata", String::new())]);
        assert_eq!(k[4].0, "doc_number");
        assert_eq!(task_paths(doc), ["1.1"]);
    }

    #[test]
    fn crawler_markdown_header() {
        let doc = "# 某市人民政府办公厅关于印发《某市行动方案》的通知\n\n**发布日期**: 2025-10-31\n**发布机构**: 某市科学技术委员会\n\n---\n\n**某市行动方案**\n\n一、主要目标\n\n到2027年，建设产业集聚区3个。";
        let k = kinds(doc);
        assert_eq!(
            k.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
            ["title", "metadata", "metadata", "boilerplate", "title", "heading", "task"]
        );
    }

    #[test]
    fn enumerations_inside_a_paragraph_are_not_markers() {
        // 一是/二是 enumerate inside one paragraph; they never open a level.
        let doc = "一、主要任务\n（一）加强保障。一是提高标准；二是落实资金；三是强化监督。";
        assert_eq!(task_paths(doc), ["1.1"]);
    }
}
