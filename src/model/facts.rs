//! What the stages find in a document, as plain data: numbering styles,
//! targets and deadlines, numbered formulations, and the labels of each block.
//! The stages that find them live in `layout`, `extract` and `label`.

use std::any::Any;
use std::sync::Arc;

/// The numbering style of a marker; the hierarchy of a document is built from
/// the order in which styles first appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 第一部分 / 第一篇
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条 (numbered globally through a regulation)
    Article,
    /// 一、 一． 一.
    CnComma,
    /// （一） (一) ㈠
    CnParen,
    /// 1. 1． ⒈
    ArabicDot,
    /// 1、
    ArabicComma,
    /// （1） (1) ⑴
    ArabicParen,
    /// 1） 1)
    ArabicHalfParen,
    /// ① ② …
    Circled,
    /// 1.1, 1.1.1 (decimal outline numbering; depth = number of parts)
    Outline(u8),
    /// A row of a task table (序号 | 重点任务 | 牵头单位 …), numbered by its 序号 cell.
    Row,
}

impl Style {
    /// A short stable name, used in warnings and the `style` column.
    pub fn name(self) -> String {
        match self {
            Style::Part => "part".into(),
            Style::Chapter => "chapter".into(),
            Style::Section => "section".into(),
            Style::Article => "article".into(),
            Style::CnComma => "cn".into(),
            Style::CnParen => "cn_paren".into(),
            Style::ArabicDot => "arabic_dot".into(),
            Style::ArabicComma => "arabic_comma".into(),
            Style::ArabicParen => "arabic_paren".into(),
            Style::ArabicHalfParen => "arabic_half_paren".into(),
            Style::Circled => "circled".into(),
            Style::Outline(d) => format!("outline{d}"),
            Style::Row => "table_row".into(),
        }
    }
}

/// How a target bounds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Comparator {
    /// The symbol used in the `comparator` column (>=, <=, >, <, =).
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
            Comparator::Eq => "=",
        }
    }
}

/// A quantitative commitment. Offsets are bytes into the text it was read from
/// (the document's normalised text in [`Document::targets`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Index of the block it was found in.
    pub block: usize,
    /// The phrase that carries the number and its comparator.
    pub start: usize,
    pub end: usize,
    /// The number itself.
    pub number_start: usize,
    pub number_end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub per: Option<String>,
    pub comparator: Comparator,
    pub deadline: Option<String>,
    /// What is measured: the share, standard or count the sentence names (not
    /// the denominator of a share).
    pub indicator: Option<String>,
    pub scope: Option<String>,
    /// What a relative value (%, 倍) is of: 城乡低保标准 for 1.3倍.
    pub base: Option<String>,
    /// The id of the indicator in the indicator table (data/indicators.tsv).
    pub indicator_id: Option<String>,
    /// The condition the target holds under (人口5万人以下), from its sentence.
    pub condition: Option<String>,
    /// Hedged by 力争, 争取, 原则上 …
    pub hedged: bool,
    /// Set when one number covers several listed indicators: the group number
    /// (unique in the document), with the items and their ids.
    pub group: Option<u32>,
    pub items: Vec<String>,
    pub item_ids: Vec<Option<String>>,
    /// The rule that read it as a target (count, bounded, share, multiple,
    /// cap, time_limit, duration_bound, publicity_period, frequency …).
    pub rule: &'static str,
}

/// A dated commitment (工作进度安排: 4月25日前 制定工作方案).
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub block: usize,
    /// Byte offsets of the date phrase.
    pub start: usize,
    pub end: usize,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// The date phrase as written.
    pub phrase: String,
    /// What is due.
    pub action: String,
}

/// A numbered formulation as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Slogan {
    pub block: usize,
    /// Byte offsets of the formulation in the normalised text (quotation marks excluded).
    pub start: usize,
    pub end: usize,
    /// The formulation without quotation marks.
    pub text: String,
    /// The same formulation wherever written (white space and quotation marks removed).
    pub normalized: String,
}

/// Scores by section index (theme or instrument), sparse.
pub type Scores = Vec<(u32, f32)>;

/// The lexicons a document was labelled with, opaque to the data model (the
/// `label` stage owns their type and reads them back with
/// `crate::label::lexicons_of`).
pub type LexiconHandle = Arc<dyn Any + Send + Sync>;

/// Where a piece of strength evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrengthSource {
    /// A term of the `binding` or `soft` section found in the text.
    Term,
    /// A quantitative target of the record (`<target>`).
    Target,
    /// A dated commitment of the record (`<deadline>`).
    Deadline,
    /// The imperative verb that opens a task record with no other strength
    /// language: the default obligation of a directive (`[imperative]`).
    Imperative,
}

impl StrengthSource {
    /// The name used in frames.
    pub fn name(self) -> &'static str {
        match self {
            StrengthSource::Term => "term",
            StrengthSource::Target => "target",
            StrengthSource::Deadline => "deadline",
            StrengthSource::Imperative => "imperative",
        }
    }
}

/// One piece of evidence of a block's commitment strength: the block's
/// `binding` and `soft` weights are the sums of these.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StrengthTerm {
    /// The term's index in the lexicons' matcher (`TARGET_TERM` and
    /// `DEADLINE_TERM` of `crate::lexicon::terms` for targets and deadlines).
    pub term: u32,
    /// Binding (true) or soft (false) language.
    pub binding: bool,
    pub source: StrengthSource,
    pub weight: f32,
    /// Byte offsets into the document's text.
    pub start: usize,
    pub end: usize,
}

/// The labels of one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockLabels {
    /// Tokens that are not white space.
    pub n_tokens: u32,
    /// Whether the block's kind is labelled (task records, headings, titles,
    /// preambles, notices, attachments); other kinds have no labels.
    pub labelled: bool,
    /// Theme scores with the heading context, by theme index.
    pub theme_scores: Box<[(u32, f32)]>,
    /// Assigned themes, best first.
    pub themes: Box<[u32]>,
    /// (theme, term) found in the block's own text, first occurrence order.
    pub theme_terms: Box<[(u32, u32)]>,
    pub instrument_scores: Box<[(u32, f32)]>,
    /// Instruments used, in dictionary order.
    pub instruments: Box<[u32]>,
    /// (instrument, term) found in the text.
    pub instrument_terms: Box<[(u32, u32)]>,
    /// The evidence of the strength score, in text order (targets and
    /// deadlines after the terms).
    pub strength_terms: Box<[StrengthTerm]>,
    /// Summed weights of binding and soft language (of `strength_terms`).
    pub binding: f32,
    pub soft: f32,
    pub strength: f32,
    pub strength_label: &'static str,
}

/// The labels of a document's blocks (parallel to `Document::blocks`) and the
/// lexicons they were made with (the tokens frame re-tokenises with them).
#[derive(Clone, Default)]
pub struct DocLabels {
    pub blocks: Vec<BlockLabels>,
    pub lexicons: Option<LexiconHandle>,
}

impl PartialEq for DocLabels {
    fn eq(&self, other: &Self) -> bool {
        let same_lex = match (&self.lexicons, &other.lexicons) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_lex && self.blocks == other.blocks
    }
}

impl std::fmt::Debug for DocLabels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocLabels").field("blocks", &self.blocks.len()).finish()
    }
}

/// How a body takes part in what a record's sentence makes it do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorRole {
    /// The subject of a duty or action, or the agent of 由…负责.
    Lead,
    /// A body joined to the subject by 会同/联合/共同 (or listed with it).
    Joint,
    /// A body joined by 协调/配合/协助, or a subject that only supports.
    Coordinate,
    /// A subject whose verb is 指导 (guidance of others).
    Guide,
    /// A subject whose verb is 监督/督促/督导/检查/考核.
    Supervise,
}

impl ActorRole {
    /// The name used in the `role` column of `actors`.
    pub fn name(self) -> &'static str {
        match self {
            ActorRole::Lead => "lead",
            ActorRole::Joint => "joint",
            ActorRole::Coordinate => "coordinate",
            ActorRole::Guide => "guide",
            ActorRole::Supervise => "supervise",
        }
    }
}

/// A public body that a record's own sentence makes act (not an attribution).
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub block: usize,
    /// The name as written (role words stripped).
    pub name: String,
    /// The verb or construction that makes it act (要, 负责, 会同, 由…负责 …).
    pub verb: String,
    pub role: ActorRole,
    /// Byte offsets of the name in the normalised text.
    pub start: usize,
    pub end: usize,
}
