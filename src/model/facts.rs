//! What the stages find in a document, as plain data: numbering styles,
//! targets and deadlines, numbered formulations, and the labels of each block.
//! The stages that find them live in `layout`, `extract` and `label`.

use std::any::Any;
use std::sync::Arc;

pub use compact_str::CompactString;

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
    pub unit: CompactString,
    pub per: Option<CompactString>,
    pub comparator: Comparator,
    pub deadline: Option<CompactString>,
    /// What is measured: the share, standard or count the sentence names (not
    /// the denominator of a share).
    pub indicator: Option<CompactString>,
    pub scope: Option<CompactString>,
    /// What a relative value (%, 倍) is of: 城乡低保标准 for 1.3倍.
    pub base: Option<CompactString>,
    /// The id of the indicator in the indicator table (data/indicators.tsv).
    pub indicator_id: Option<CompactString>,
    /// The condition the target holds under (人口5万人以下), from its sentence.
    pub condition: Option<CompactString>,
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
    pub date: CompactString,
    /// The date phrase as written.
    pub phrase: CompactString,
    /// What is due.
    pub action: CompactString,
}

/// A numbered formulation as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Slogan {
    pub block: usize,
    /// Byte offsets of the formulation in the normalised text (quotation marks excluded).
    pub start: usize,
    pub end: usize,
    /// The formulation without quotation marks.
    pub text: CompactString,
    /// The same formulation wherever written (white space and quotation marks removed).
    pub normalized: CompactString,
}

/// Scores by section index (theme or instrument), sparse.
pub type Scores = Vec<(u32, f32)>;

/// The most sections a dictionary of themes or instruments may have: an
/// [`OfSection`] holds the section in 16 bits (dictionaries with more are
/// refused when they are loaded).
pub const MAX_SECTIONS: usize = 1 << 16;

/// A four-byte value of one section (theme or instrument) of a block, as a
/// document keeps it: six bytes where a pair with a `u32` section took
/// eight. A corpus of 100 MB keeps 2.4 M terms found and 1.4 M scores.
///
/// ```
/// use zhengce::model::facts::{SectionScore, TermHit};
/// let (h, s) = (TermHit::new(27, 70_000), SectionScore::new(3, 2.5));
/// assert_eq!((h.section(), h.term(), s.section(), s.score()), (27, 70_000, 3, 2.5));
/// assert_eq!(std::mem::size_of::<TermHit>(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C, packed(2))]
pub struct OfSection<T: Copy> {
    value: T,
    section: u16,
}

/// A term found for a section: the term's index in the lexicons' matcher.
pub type TermHit = OfSection<u32>;
/// A section's score in a block, heading context included.
pub type SectionScore = OfSection<f32>;

impl<T: Copy> OfSection<T> {
    /// `value` of `section`, which is below [`MAX_SECTIONS`].
    pub fn new(section: u32, value: T) -> Self {
        debug_assert!((section as usize) < MAX_SECTIONS, "section {section} past MAX_SECTIONS");
        OfSection { value, section: section as u16 }
    }
    /// Pairs as the label stage computes them, packed.
    pub fn pack(pairs: &[(u32, T)]) -> Vec<Self> {
        pairs.iter().map(|&(k, v)| OfSection::new(k, v)).collect()
    }
    pub fn section(self) -> u32 {
        u32::from(self.section)
    }
}

impl TermHit {
    pub fn term(self) -> u32 {
        self.value
    }
}

impl SectionScore {
    pub fn score(self) -> f32 {
        self.value
    }
}

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
    /// Byte offsets from the start of the block: a block is matched as one
    /// text with 32-bit offsets, and these take 20 bytes a piece where
    /// offsets into the document took 32 (see [`StrengthTerm::span`]).
    pub start: u32,
    pub end: u32,
}

impl StrengthTerm {
    /// Byte offsets into the document's text, given where the block starts.
    pub fn span(&self, block_start: usize) -> (usize, usize) {
        (block_start + self.start as usize, block_start + self.end as usize)
    }
}

/// The labels of one block, borrowed from its document's [`DocLabels`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BlockLabels<'a> {
    /// Tokens that are not white space.
    pub n_tokens: u32,
    /// Whether the block's kind is labelled (task records, headings, titles,
    /// preambles, notices, attachments); other kinds have no labels.
    pub labelled: bool,
    /// Theme scores with the heading context, by theme index.
    pub theme_scores: &'a [SectionScore],
    /// Assigned themes, best first.
    pub themes: &'a [u32],
    /// (theme, term) found in the block's own text, first occurrence order.
    pub theme_terms: &'a [TermHit],
    pub instrument_scores: &'a [SectionScore],
    /// Instruments used, in dictionary order.
    pub instruments: &'a [u32],
    /// (instrument, term) found in the text.
    pub instrument_terms: &'a [TermHit],
    /// The evidence of the strength score, in text order (targets and
    /// deadlines after the terms).
    pub strength_terms: &'a [StrengthTerm],
    /// Summed weights of binding and soft language (of `strength_terms`).
    pub binding: f32,
    pub soft: f32,
    pub strength: f32,
    pub strength_label: &'static str,
}

/// What a block keeps of its own labels: the numbers, and where its part of
/// each of the document's label arrays ends (it begins where the block
/// before ends).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct BlockEntry {
    n_tokens: u32,
    labelled: bool,
    binding: f32,
    soft: f32,
    strength: f32,
    /// Index of the label in the document's `strength_labels`: a byte where
    /// the string's address and length took sixteen.
    strength_label: u8,
    ends: [u32; 7],
}

/// The labels of a document's blocks (parallel to `Document::blocks`) and the
/// lexicons they were made with (the tokens frame re-tokenises with them).
///
/// Each kind of label is one array for the whole document, and a block holds
/// where its part ends: a block's seven small vectors were seven allocations
/// and 112 bytes of pointers, more than the labels themselves.
///
/// ```
/// use zhengce::model::facts::{BlockLabels, DocLabels, SectionScore};
/// let mut labels = DocLabels::default();
/// let scores = SectionScore::pack(&[(1, 0.5), (3, 2.0)]);
/// labels.push(BlockLabels { labelled: true, themes: &[3, 1], theme_scores: &scores, ..Default::default() });
/// labels.push(BlockLabels::default());
/// assert_eq!(labels.at(0).themes, [3, 1]);
/// assert!(labels.at(1).themes.is_empty() && !labels.at(1).labelled);
/// assert_eq!(labels.len(), 2);
/// ```
#[derive(Clone, Default)]
pub struct DocLabels {
    blocks: Vec<BlockEntry>,
    theme_scores: Vec<SectionScore>,
    themes: Vec<u32>,
    theme_terms: Vec<TermHit>,
    instrument_scores: Vec<SectionScore>,
    instruments: Vec<u32>,
    instrument_terms: Vec<TermHit>,
    strength_terms: Vec<StrengthTerm>,
    /// The distinct strength labels of the blocks, in order first met (a
    /// handful: the label stage's levels).
    strength_labels: Vec<&'static str>,
    pub lexicons: Option<LexiconHandle>,
}

/// The end of an array of labels as stored: a document's labels are
/// bounded by its tokens, far below 2³² however large `max_bytes` is set.
fn end_of<T>(v: &[T]) -> u32 {
    u32::try_from(v.len()).unwrap_or(u32::MAX)
}

impl DocLabels {
    /// Appends the labels of the next block.
    pub fn push(&mut self, l: BlockLabels<'_>) {
        self.theme_scores.extend_from_slice(l.theme_scores);
        self.themes.extend_from_slice(l.themes);
        self.theme_terms.extend_from_slice(l.theme_terms);
        self.instrument_scores.extend_from_slice(l.instrument_scores);
        self.instruments.extend_from_slice(l.instruments);
        self.instrument_terms.extend_from_slice(l.instrument_terms);
        self.strength_terms.extend_from_slice(l.strength_terms);
        let ends = [
            end_of(&self.theme_scores),
            end_of(&self.themes),
            end_of(&self.theme_terms),
            end_of(&self.instrument_scores),
            end_of(&self.instruments),
            end_of(&self.instrument_terms),
            end_of(&self.strength_terms),
        ];
        let strength_label = self.strength_label_index(l.strength_label);
        let (n_tokens, labelled, binding, soft, strength) = (l.n_tokens, l.labelled, l.binding, l.soft, l.strength);
        self.blocks.push(BlockEntry { n_tokens, labelled, binding, soft, strength, strength_label, ends });
    }

    /// The index of `label` among the document's strength labels, added if new.
    fn strength_label_index(&mut self, label: &'static str) -> u8 {
        let at = self.strength_labels.iter().position(|&x| x == label).unwrap_or_else(|| {
            self.strength_labels.push(label);
            self.strength_labels.len() - 1
        });
        // The label stage has a handful of levels; more than 256 is a bug.
        u8::try_from(at).expect("at most 256 distinct strength labels")
    }

    /// Gives back the room the arrays grew into (once the document is labelled).
    pub fn shrink_to_fit(&mut self) {
        self.blocks.shrink_to_fit();
        self.theme_scores.shrink_to_fit();
        self.themes.shrink_to_fit();
        self.theme_terms.shrink_to_fit();
        self.instrument_scores.shrink_to_fit();
        self.instruments.shrink_to_fit();
        self.instrument_terms.shrink_to_fit();
        self.strength_terms.shrink_to_fit();
    }

    /// Blocks labelled (0 when the document was not labelled).
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// Whether the document was not labelled.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The labels of block `i`, if the document was labelled.
    pub fn get(&self, i: usize) -> Option<BlockLabels<'_>> {
        let e = self.blocks.get(i)?;
        let starts = i.checked_sub(1).map_or([0; 7], |p| self.blocks[p].ends);
        let r = |k: usize| starts[k] as usize..e.ends[k] as usize;
        Some(BlockLabels {
            n_tokens: e.n_tokens,
            labelled: e.labelled,
            theme_scores: &self.theme_scores[r(0)],
            themes: &self.themes[r(1)],
            theme_terms: &self.theme_terms[r(2)],
            instrument_scores: &self.instrument_scores[r(3)],
            instruments: &self.instruments[r(4)],
            instrument_terms: &self.instrument_terms[r(5)],
            strength_terms: &self.strength_terms[r(6)],
            binding: e.binding,
            soft: e.soft,
            strength: e.strength,
            strength_label: self.strength_labels[e.strength_label as usize],
        })
    }

    /// The labels of block `i`; panics past the last block, like indexing.
    pub fn at(&self, i: usize) -> BlockLabels<'_> {
        self.get(i).unwrap_or_else(|| panic!("block {i} of {} labelled", self.len()))
    }

    /// The labels of every block, in order.
    pub fn iter(&self) -> impl Iterator<Item = BlockLabels<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Bytes on the heap, part by part (the memory example reports them).
    pub fn heap_parts(&self) -> [(&'static str, usize); 8] {
        use std::mem::size_of_val;
        [
            ("blocks", self.blocks.capacity() * std::mem::size_of::<BlockEntry>()),
            ("theme_scores", size_of_val(self.theme_scores.as_slice())),
            ("themes", size_of_val(self.themes.as_slice())),
            ("theme_terms", size_of_val(self.theme_terms.as_slice())),
            ("instrument_scores", size_of_val(self.instrument_scores.as_slice())),
            ("instruments", size_of_val(self.instruments.as_slice())),
            ("instrument_terms", size_of_val(self.instrument_terms.as_slice())),
            ("strength_terms", size_of_val(self.strength_terms.as_slice())),
        ]
    }
}

impl PartialEq for DocLabels {
    fn eq(&self, other: &Self) -> bool {
        let same_lex = match (&self.lexicons, &other.lexicons) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_lex && self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for DocLabels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocLabels").field("blocks", &self.len()).finish()
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
    /// Every role, in the order of the `role` column's categories.
    pub const ALL: [ActorRole; 5] = [ActorRole::Lead, ActorRole::Joint, ActorRole::Coordinate, ActorRole::Guide, ActorRole::Supervise];

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
