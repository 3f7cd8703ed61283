//! The data model of one document: its blocks (task records, headings, front
//! and back matter), metadata and everything extracted from it. The frames
//! handed to Python are flat views of these types (see `frames`).

pub use crate::model::facts::CompactString;
use crate::model::facts::{Deadline, DocLabels, Slogan, Style, Target};

/// What a block of the normalised text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// A paragraph under a numbered heading, or a numbered line that carries body text.
    Task,
    /// A numbered line that is only a title.
    Heading,
    /// The title of the document or of the transmitted text.
    Title,
    /// The line with the document number (发文字号).
    DocNumber,
    /// Metadata header of a web page or database export (索引号, 发文机关 …).
    Metadata,
    /// Web page furniture (扫一扫在手机打开当前页, Produced By …, 字体:[ ]).
    Boilerplate,
    /// The addressees of a notice (各市（州）民政局……：).
    Addressee,
    /// The body of a cover notice that transmits another text.
    Notice,
    /// Text before the first numbered heading of the substantive text.
    Preamble,
    /// The issuing body under the text.
    Signature,
    /// A date line (signature date).
    Date,
    /// Notes such as （此件公开发布）.
    Note,
    /// The list of attachments (附件：1. … 2. …).
    AttachmentList,
    /// A label line such as 附件1 that introduces an attachment.
    AttachmentLabel,
    /// Attached forms and appendices after the body.
    Attachment,
    /// Contact lines (联系人, 联系电话, 传真, 通讯地址, 邮箱).
    Contact,
    /// Distribution lines (抄送, 印发).
    Distribution,
    /// The header row of a task table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限).
    TableHeader,
    /// A table of contents (目录 and the chapter titles it lists).
    Contents,
}

impl BlockKind {
    /// The name used in the `kind` column.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Task => "task",
            BlockKind::Heading => "heading",
            BlockKind::Title => "title",
            BlockKind::DocNumber => "doc_number",
            BlockKind::Metadata => "metadata",
            BlockKind::Boilerplate => "boilerplate",
            BlockKind::Addressee => "addressee",
            BlockKind::Notice => "notice",
            BlockKind::Preamble => "preamble",
            BlockKind::Signature => "signature",
            BlockKind::Date => "date",
            BlockKind::Note => "note",
            BlockKind::AttachmentList => "attachment_list",
            BlockKind::AttachmentLabel => "attachment_label",
            BlockKind::Attachment => "attachment",
            BlockKind::Contact => "contact",
            BlockKind::Distribution => "distribution",
            BlockKind::TableHeader => "table_header",
            BlockKind::Contents => "contents",
        }
    }

    /// Every kind, in a stable order (for documentation and tests).
    pub const ALL: [BlockKind; 19] = [
        BlockKind::Task,
        BlockKind::Heading,
        BlockKind::Title,
        BlockKind::DocNumber,
        BlockKind::Metadata,
        BlockKind::Boilerplate,
        BlockKind::Addressee,
        BlockKind::Notice,
        BlockKind::Preamble,
        BlockKind::Signature,
        BlockKind::Date,
        BlockKind::Note,
        BlockKind::AttachmentList,
        BlockKind::AttachmentLabel,
        BlockKind::Attachment,
        BlockKind::Contact,
        BlockKind::Distribution,
        BlockKind::TableHeader,
        BlockKind::Contents,
    ];

    /// Blocks that are records (everything but headings and web boilerplate).
    pub fn is_record(self) -> bool {
        !matches!(self, BlockKind::Heading | BlockKind::Boilerplate)
    }
}

/// How a department is made responsible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Lead,
    Co,
}

impl Role {
    /// The name used in the `role` column (lead, co).
    pub fn name(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Co => "co",
        }
    }
}

/// A department named as responsible for a block, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub name: CompactString,
    pub role: Role,
    /// The role comes from a label (牵头/配合) rather than from list order.
    pub labelled: bool,
    /// Byte offsets of the name in the normalised text.
    pub start: usize,
    pub end: usize,
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01 (the polars `Date` representation).
    pub fn days_since_epoch(self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 { self.year - 1 } else { self.year } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) as i32
    }

    /// ISO form, `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days in a month of a year (0 for a month out of range).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// One block of a document: a record, a heading, or front/back matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Dotted ordinals of the numbered markers above and at this block ("2.1.1"), "" before the first.
    pub path: CompactString,
    /// Depth in the numbered hierarchy (0 outside it).
    pub level: u32,
    /// The marker as written ("（一）", "1.", "第三条"), "" when the block has none.
    pub marker: CompactString,
    pub style: Option<Style>,
    /// Byte offsets into the normalised text: the whole block, marker included.
    pub start: usize,
    pub end: usize,
    /// Byte offset where the text after the marker (and its white space) starts.
    pub text_start: usize,
    /// Byte offsets of the first sentence or the title (see [`Block::heading`]):
    /// a slice of the text, so a block holds no copy of it.
    pub heading_start: usize,
    pub heading_end: usize,
    /// The nearest numbered heading above this block (its index among the
    /// document's blocks); that heading's own `section` continues the chain
    /// (see [`Block::section_titles`]). 32 bits, as every block of a
    /// corpus keeps it: a document has far fewer than 2³² blocks.
    pub section: Option<u32>,
    /// Explicitly attributed departments, in order (a boxed slice: most
    /// blocks have none, and a vector's capacity is eight bytes more).
    pub departments: Box<[Department]>,
}

impl Block {
    /// The block's text after its marker.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.text_start..self.end]
    }

    /// The first sentence of a record, or the title of a heading.
    pub fn heading<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.heading_start..self.heading_end]
    }

    /// Titles of the headings above this block, outermost first. `blocks` are
    /// the blocks of its document.
    pub fn section_titles<'a>(&self, blocks: &[Block], doc_text: &'a str) -> Vec<&'a str> {
        let mut titles: Vec<&str> = self.sections_up(blocks).map(|h| blocks[h].heading(doc_text)).collect();
        titles.reverse();
        titles
    }

    /// The indices of the headings above this block, innermost first.
    pub fn sections_up<'b>(&self, blocks: &'b [Block]) -> impl Iterator<Item = usize> + 'b {
        let up = |s: Option<u32>| s.map(|h| h as usize);
        std::iter::successors(up(self.section), move |&h| up(blocks[h].section))
    }
}

/// Document-level metadata. Every field may be absent; `*_source` say where a
/// value came from ("header", "title", "signature", "doc_number", "text", "override").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub province: Option<String>,
    pub province_source: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub title: Option<String>,
    pub date: Option<Ymd>,
    pub year: Option<i32>,
    /// The publication date of a web page (发布日期), when given.
    pub published: Option<Ymd>,
    /// The level of the issuer: national, provincial, city or county.
    pub level: Option<String>,
    /// The city or county of a city- or county-level issuer (丽水市, 辉南县).
    pub region: Option<String>,
    /// The type of the substantive text, read from its title (意见, 通知, 方案, 办法, 条例 …).
    pub doc_type: Option<String>,
    /// The raw key/value pairs of a web metadata header.
    pub header: Vec<(String, String)>,
}

/// Where a document came from and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The path read, or the name given to an in-memory text.
    pub source: String,
    /// "text", "html", "docx", "pdf".
    pub format: String,
    /// The detected character encoding ("utf-8", "gb18030", "utf-16le" …).
    pub encoding: String,
    /// Size of the input in bytes.
    pub bytes: u64,
}

/// A document after the whole pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Unique in its corpus: the file stem or the name given to a text.
    pub doc_id: String,
    pub source: Source,
    /// The normalised text; all offsets point into it. Shared, so that frame
    /// columns that are slices of it (record text, headings) point into this
    /// one copy rather than copying it again.
    pub text: std::sync::Arc<str>,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    pub targets: Vec<Target>,
    pub deadlines: Vec<Deadline>,
    pub slogans: Vec<Slogan>,
    /// Problems that did not stop reading (decoding repairs, removed characters …).
    pub warnings: Vec<crate::error::Warning>,
    /// Themes, instruments, strength and token counts of each block (see [`crate::label`]).
    pub labels: DocLabels,
}

impl Document {
    /// Gives back the room its vectors grew into while it was read: a
    /// corpus holds its documents for as long as it is used, and a vector
    /// grown by doubling holds up to twice what it needs.
    pub fn shrink_to_fit(&mut self) {
        self.blocks.shrink_to_fit();
        self.targets.shrink_to_fit();
        self.deadlines.shrink_to_fit();
        self.slogans.shrink_to_fit();
        self.warnings.shrink_to_fit();
    }

    /// The records: blocks other than headings and web boilerplate.
    pub fn records(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks.iter().enumerate().filter(|(_, b)| b.kind.is_record())
    }
}
