//! Flat polars frames of a corpus: the data model handed to Python. Every
//! frame and column is documented in the README's "Data model" section, and a
//! test checks that the two agree.
//!
//! Offsets in frames are *character* offsets into the document's normalised
//! text (what Python's `str` indexing uses), converted from the byte offsets
//! the core works with.
//!
//! ```
//! use zhengce::{frames, Corpus, Options};
//! let c = Corpus::from_texts(vec![("d".into(), "一、任务\n提高标准。（责任单位：救助处）".into())], &Options::default());
//! let recs = frames::records(&c).unwrap();
//! assert_eq!(recs.height(), 1);
//! ```

pub mod views;
pub mod vocab;

use polars::prelude::*;

use crate::lexicon::agencies::Agency;
use crate::model::document::{Block, BlockKind, Document, Role, Ymd};
use crate::pipeline::corpus::Corpus;

/// Converts byte offsets of one text to character offsets, walking the text
/// once for ascending offsets. An offset behind the last one starts from the
/// nearest checkpoint before it (checkpoints every [`CHECKPOINT`] bytes, made
/// on the first step back), so extractions listed out of order cost no more
/// than a few kilobytes of walking each, not a walk from the text's start.
pub struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between checkpoints of a [`CharCursor`].
pub const CHECKPOINT: usize = 4096;

impl<'a> CharCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        CharCursor { text, byte: 0, chars: 0, checkpoints: Vec::new() }
    }

    /// Character offset of byte offset `b` (which must be a char boundary).
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            if self.checkpoints.is_empty() {
                let mut next = 0;
                for (n, (i, _)) in self.text.char_indices().enumerate() {
                    if i >= next {
                        self.checkpoints.push((i, n));
                        next = i + CHECKPOINT;
                    }
                }
                if self.checkpoints.is_empty() {
                    self.checkpoints.push((0, 0));
                }
            }
            let k = self.checkpoints.partition_point(|&(cb, _)| cb <= b).max(1) - 1;
            (self.byte, self.chars) = self.checkpoints[k];
        }
        self.chars += self.text[self.byte..b].chars().count();
        self.byte = b;
        self.chars
    }
}

/// Columns under construction; all of one height.
#[derive(Default)]
struct Cols {
    cols: Vec<Column>,
    height: usize,
    /// The first column that could not be built.
    error: Option<PolarsError>,
}

impl Cols {
    fn new(height: usize) -> Self {
        Cols { cols: Vec::new(), height, error: None }
    }
    fn push(&mut self, s: Series) {
        self.cols.push(s.into());
    }
    fn push_built(&mut self, s: PolarsResult<Series>) {
        match s {
            Ok(s) => self.push(s),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }
    /// A string column, each distinct value stored once (see [`views`]).
    fn str<S: AsRef<str>>(&mut self, name: &str, v: Vec<S>) {
        let mut b = views::Views::default();
        v.iter().for_each(|s| b.push(s.as_ref()));
        self.push_built(b.finish(name));
    }
    /// A string column built value by value.
    fn views(&mut self, name: &str, v: views::Views) {
        self.push_built(v.finish(name));
    }
    fn opt_str(&mut self, name: &str, v: Vec<Option<String>>) {
        self.push(Series::new(name.into(), v));
    }
    fn opt_strs(&mut self, name: &str, v: Vec<Option<&str>>) {
        self.push(Series::new(name.into(), v));
    }
    // `from_vec` takes the vector over; `Series::new` would copy it and
    // free the original, memory the C allocator keeps (a large frame's peak).
    fn i64(&mut self, name: &str, v: Vec<i64>) {
        self.push(Series::from_vec(name.into(), v));
    }
    fn opt_i32(&mut self, name: &str, v: Vec<Option<i32>>) {
        self.push(Series::new(name.into(), v));
    }
    fn f64(&mut self, name: &str, v: Vec<f64>) {
        self.push(Series::from_vec(name.into(), v));
    }
    fn opt_f64(&mut self, name: &str, v: Vec<Option<f64>>) {
        self.push(Series::new(name.into(), v));
    }
    fn opt_i64(&mut self, name: &str, v: Vec<Option<i64>>) {
        self.push(Series::new(name.into(), v));
    }
    fn bool(&mut self, name: &str, v: Vec<bool>) {
        self.push(Series::new(name.into(), v));
    }
    fn date(&mut self, name: &str, v: Vec<Option<Ymd>>) {
        let days: Vec<Option<i32>> = v.into_iter().map(|d| d.map(Ymd::days_since_epoch)).collect();
        self.push(Series::new(name.into(), days).into_date());
    }
    fn lists(&mut self, name: &str, v: views::Lists) {
        self.push_built(v.finish(name));
    }
    fn list_str(&mut self, name: &str, v: Vec<Vec<&str>>) {
        self.push_built(views::list_column(name, v));
    }
    fn finish(self) -> PolarsResult<DataFrame> {
        match self.error {
            Some(e) => Err(e),
            None => DataFrame::new(self.height, self.cols),
        }
    }
}

/// Builds a frame over chunks of the documents in parallel (on the current
/// rayon pool) and stacks them in document order: the same rows as one pass,
/// so that building frames does not hold a second core idle.
fn by_chunks<F>(c: &Corpus, build: F) -> PolarsResult<DataFrame>
where
    F: Fn(&[Document]) -> PolarsResult<DataFrame> + Sync,
{
    use rayon::prelude::*;
    let threads = rayon::current_num_threads();
    if threads <= 1 || c.documents.len() < 2 * threads {
        return build(&c.documents);
    }
    // A few chunks per thread balance documents of uneven size.
    let size = c.documents.len().div_ceil(threads * 4);
    let parts: Vec<DataFrame> = c.documents.par_chunks(size).map(&build).collect::<PolarsResult<_>>()?;
    let mut parts = parts.into_iter();
    let mut out = parts.next().expect("at least one chunk");
    for p in parts {
        out.vstack_mut_owned(p)?;
    }
    vocab::join_code_lists(&mut out)?;
    Ok(out)
}

/// A frame of the data model: its name (the attribute of a Python corpus, the
/// file or folder `zhengce read --out` and `zc.extract` write), one line on
/// what a row is, and how it is built. [`FRAMES`] is the one list of frames:
/// the bindings, the command line, streaming and the invariants all read it.
#[derive(Clone, Copy)]
pub struct Frame {
    pub name: &'static str,
    /// What a row is (the docstring of the Python attribute).
    pub doc: &'static str,
    pub build: fn(&Corpus) -> PolarsResult<DataFrame>,
    /// Written by default by `zhengce read --out` and `zc.extract`: every
    /// frame except those that repeat others (`blocks` is records, headings
    /// and boilerplate) or are made on request and large (`tokens`).
    pub written: bool,
}

/// Every frame, in the order of the README's "Data model".
///
/// ```
/// let names: Vec<&str> = zhengce::frames::FRAMES.iter().map(|f| f.name).collect();
/// assert_eq!(&names[..2], ["documents", "records"]);
/// ```
pub const FRAMES: &[Frame] = &[
    Frame {
        name: "documents",
        doc: "One row per document: doc_id, source, province, issuer, doc_number, title, date, year …",
        build: documents,
        written: true,
    },
    Frame {
        name: "records",
        doc: "One row per record: task records (path like \"2.1.1\") and front/back matter (path \"\").",
        build: records,
        written: true,
    },
    Frame { name: "headings", doc: "One row per numbered heading that is only a title.", build: headings, written: true },
    Frame { name: "blocks", doc: "Every block of every document: records, headings and web boilerplate.", build: blocks, written: false },
    Frame {
        name: "departments",
        doc: "One row per (record, responsible department), with its role (lead/co).",
        build: departments,
        written: true,
    },
    Frame {
        name: "actors",
        doc: "One row per (record, actor): the public bodies a record's sentences make act (各级民政部门要…, 由…负责, 会同…), with verb and role (lead/joint/coordinate/guide/supervise); kept apart from the attribution in departments.",
        build: actors,
        written: true,
    },
    Frame {
        name: "targets",
        doc: "One row per quantitative target: value, unit, comparator, deadline, indicator.",
        build: targets,
        written: true,
    },
    Frame {
        name: "target_items",
        doc: "One row per item of a target whose one number covers a list (…、…覆盖率均达到100%): the item and its indicator id, tied to its target by group.",
        build: target_items,
        written: true,
    },
    Frame {
        name: "slogans", doc: "One row per numbered formulation (数字提法) such as 两不愁、三保障.", build: slogans, written: true
    },
    Frame { name: "deadlines", doc: "One row per dated commitment (4月25日前 制定工作方案).", build: deadlines, written: true },
    Frame {
        name: "themes",
        doc: "One row per (record, theme with a score): score, assigned, the terms found.",
        build: themes,
        written: true,
    },
    Frame {
        name: "instruments",
        doc: "One row per (record, policy instrument with a score): type (supply/environment/demand), assigned, terms.",
        build: instruments,
        written: true,
    },
    Frame {
        name: "strength_terms",
        doc: "One row per piece of strength evidence of a record: term, kind (binding/soft), source, weight, offsets.",
        build: strength_terms,
        written: true,
    },
    Frame {
        name: "tokens",
        doc: "One row per token of every record (re-tokenised on request): token, start, end, kind.",
        build: tokens,
        written: false,
    },
    Frame {
        name: "errors",
        doc: "Problems met while reading: errors that lost a document, and warnings (with stable kinds).",
        build: errors,
        written: true,
    },
];

/// The frame of that name, if there is one.
///
/// ```
/// assert!(zhengce::frames::frame("targets").is_some());
/// assert!(zhengce::frames::frame("nope").is_none());
/// ```
pub fn frame(name: &str) -> Option<&'static Frame> {
    FRAMES.iter().find(|f| f.name == name)
}

/// The columns every per-record frame begins with — `doc_id`, `record_id`
/// and (unless left out) `path` — and the character offsets `start`/`end`,
/// gathered row by row so that a frame states only its own columns.
struct Keys<'a> {
    // Built as views directly: a Vec<&str> first would hold 16 bytes a row
    // beside the views, at the largest frames' peak.
    doc_id: views::Views<'a>,
    record_id: Vec<i64>,
    path: Option<views::Views<'a>>,
    start: Vec<i64>,
    end: Vec<i64>,
}

impl<'a> Keys<'a> {
    /// Keys with a `path` column.
    fn new() -> Self {
        Keys::with_capacity(0)
    }
    /// Keys with a `path` column, room made for `n` rows.
    fn with_capacity(n: usize) -> Self {
        Keys::sized(n, true, true)
    }
    /// Keys with room for `n` rows, with a `path` column or not, and with
    /// `start` and `end` or not. The frames with many rows to a record
    /// (tokens, themes, instruments) leave the record's path to the records
    /// frame: 16 bytes a row they would repeat.
    fn sized(n: usize, path: bool, spans: bool) -> Self {
        let m = if spans { n } else { 0 };
        Keys {
            doc_id: views::Views::with_capacity(n),
            record_id: Vec::with_capacity(n),
            path: path.then(|| views::Views::with_capacity(n)),
            start: Vec::with_capacity(m),
            end: Vec::with_capacity(m),
        }
    }
    /// A row of record `block` of `d`.
    fn row(&mut self, d: &'a Document, block: usize) {
        self.doc_id.push(d.doc_id.as_str());
        self.record_id.push(block as i64);
        if let Some(p) = &mut self.path {
            p.push(path_of(d, block));
        }
    }
    /// A row of record `block` of `d` for the byte span `start..end`.
    fn span(&mut self, d: &'a Document, block: usize, cur: &mut CharCursor, start: usize, end: usize) {
        self.row(d, block);
        self.start.push(cur.at(start) as i64);
        self.end.push(cur.at(end) as i64);
    }
    fn len(&self) -> usize {
        self.doc_id.len()
    }
    /// Columns for the rows gathered, the key columns written.
    fn columns(&mut self) -> Cols {
        let mut f = Cols::new(self.len());
        f.views("doc_id", std::mem::take(&mut self.doc_id));
        f.i64("record_id", std::mem::take(&mut self.record_id));
        if let Some(p) = self.path.take() {
            f.views("path", p);
        }
        f
    }
    /// Writes `start` and `end`.
    fn offsets(&mut self, f: &mut Cols) {
        f.i64("start", std::mem::take(&mut self.start));
        f.i64("end", std::mem::take(&mut self.end));
    }
}

/// One row per document.
pub fn documents(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, documents_of)
}

fn documents_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let d = docs;
    let mut f = Cols::new(d.len());
    f.str("doc_id", d.iter().map(|x| x.doc_id.as_str()).collect());
    f.str("source", d.iter().map(|x| x.source.source.as_str()).collect());
    f.opt_str("province", d.iter().map(|x| x.meta.province.clone()).collect());
    f.opt_str("issuer", d.iter().map(|x| x.meta.issuer.clone()).collect());
    f.opt_str("doc_number", d.iter().map(|x| x.meta.doc_number.clone()).collect());
    f.opt_str("title", d.iter().map(|x| x.meta.title.clone()).collect());
    f.date("date", d.iter().map(|x| x.meta.date).collect());
    f.opt_i32("year", d.iter().map(|x| x.meta.year).collect());
    f.date("published", d.iter().map(|x| x.meta.published).collect());
    f.opt_str("province_source", d.iter().map(|x| x.meta.province_source.clone()).collect());
    f.opt_str("level", d.iter().map(|x| x.meta.level.clone()).collect());
    f.opt_str("region", d.iter().map(|x| x.meta.region.clone()).collect());
    f.opt_str("doc_type", d.iter().map(|x| x.meta.doc_type.clone()).collect());
    f.str("format", d.iter().map(|x| x.source.format.as_str()).collect());
    f.str("encoding", d.iter().map(|x| x.source.encoding.as_str()).collect());
    f.i64("n_chars", d.iter().map(|x| x.text.chars().count() as i64).collect());
    f.i64("n_records", d.iter().map(|x| x.blocks.iter().filter(|b| b.kind == BlockKind::Task).count() as i64).collect());
    f.i64("n_targets", d.iter().map(|x| x.targets.len() as i64).collect());
    f.i64("n_warnings", d.iter().map(|x| x.warnings.len() as i64).collect());
    f.i64(
        "n_unthemed",
        d.iter()
            .map(|x| {
                x.records().filter(|(i, b)| b.kind == BlockKind::Task && x.labels.get(*i).is_none_or(|l| l.themes.is_empty())).count()
                    as i64
            })
            .collect(),
    );
    f.finish()
}

/// An `f32` as the `f64` of its shortest decimal form: the labels are computed
/// in `f32`, and `2.0f32 / 3.0 as f64` would show as 0.6666666865348816 — noise
/// that is not in the computation — where the `f32` itself reads 0.6666667.
fn decimal_f64(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(x as f64)
}

/// [`decimal_f64`] remembered by value: the long frames hold a score a row,
/// and scores are sums of a few weights that recur, where formatting and
/// parsing each was a tenth of the frames' time.
#[derive(Default)]
struct Decimals(std::collections::HashMap<u32, f64, foldhash::fast::RandomState>);

impl Decimals {
    fn of(&mut self, x: f32) -> f64 {
        *self.0.entry(x.to_bits()).or_insert_with(|| decimal_f64(x))
    }
}

/// The labels columns of one block: theme and instrument ids, strength and
/// its label (empty and null for a block that is not labelled).
struct LabelCols<'a> {
    vocab: &'a Vocabularies,
    themes: vocab::CodeLists,
    instruments: vocab::CodeLists,
    strength: Vec<Option<f64>>,
    decimals: Decimals,
    strength_label: vocab::Codes,
    n_tokens: Vec<i64>,
}

impl<'a> LabelCols<'a> {
    fn with_capacity(vocab: &'a Vocabularies, n: usize) -> PolarsResult<Self> {
        Ok(LabelCols {
            vocab,
            themes: vocab::CodeLists::new(&vocab.themes.dtype, n)?,
            instruments: vocab::CodeLists::new(&vocab.instruments.dtype, n)?,
            strength: Vec::with_capacity(n),
            decimals: Decimals::default(),
            strength_label: vocab.strength_label.column(n)?,
            n_tokens: Vec::with_capacity(n),
        })
    }
    fn push(&mut self, d: &'a Document, i: usize, lex: Option<&'a crate::label::Lexicons>) {
        match (d.labels.get(i).filter(|l| l.labelled), lex) {
            (Some(l), Some(lex)) => {
                let owner = lex as *const crate::label::Lexicons as usize;
                let (themes, instruments) = (self.vocab.themes.of(owner), self.vocab.instruments.of(owner));
                self.themes.push_row(l.themes.iter().map(|&t| themes.code(t)));
                self.instruments.push_row(l.instruments.iter().map(|&t| instruments.code(t)));
                self.strength.push(Some(self.decimals.of(l.strength)));
                self.strength_label.push(self.vocab.strength_label.code(l.strength_label));
            }
            _ => {
                self.themes.push_row([]);
                self.instruments.push_row([]);
                self.strength.push(None);
                self.strength_label.push_opt(None);
            }
        }
        self.n_tokens.push(d.labels.get(i).map_or(0, |l| l.n_tokens as i64));
    }
    fn write(self, f: &mut Cols) {
        f.push_built(self.themes.finish("themes"));
        f.push_built(self.instruments.finish("instruments"));
        f.opt_f64("strength", self.strength);
        f.push_built(self.strength_label.finish("strength_label"));
        f.i64("n_tokens", self.n_tokens);
    }
}

fn blocks_where(docs: &[Document], vocab: &Vocabularies, keep: impl Fn(&Block) -> bool) -> PolarsResult<DataFrame> {
    // Counted first, so that every column is allocated once at its size.
    let n = docs.iter().map(|d| d.blocks.iter().filter(|b| keep(b)).count()).sum();
    let mut keys = Keys::with_capacity(n);
    let mut level = Vec::with_capacity(n);
    let views = || views::Views::with_capacity(n);
    let (mut marker, mut heading, mut text) = (views(), views(), views());
    let mut kind = vocab.kind.column(n)?;
    let (mut sections, mut depts) = (views::Lists::with_capacity(n), views::Lists::with_capacity(n));
    let mut labels = LabelCols::with_capacity(vocab, n)?;
    let lexicons: Vec<_> = docs.iter().map(|d| d.labels.lexicons.as_ref().map(|_| crate::label::lexicons_of(&d.labels))).collect();
    for (d, lex) in docs.iter().zip(&lexicons) {
        let mut cur = CharCursor::new(&d.text);
        for (i, b) in d.blocks.iter().enumerate().filter(|(_, b)| keep(b)) {
            keys.span(d, i, &mut cur, b.start, b.end);
            labels.push(d, i, lex.as_deref());
            level.push(b.level as i64);
            kind.push(vocab.kind.code(b.kind.name()));
            marker.push(b.marker.as_str());
            heading.push_in(&d.text, b.heading(&d.text));
            sections.push_row(b.section_titles(&d.blocks, &d.text));
            text.push_in(&d.text, b.text(&d.text));
            depts.push_row(b.departments.iter().map(|x| x.name.as_str()));
        }
    }
    let mut f = keys.columns();
    f.i64("level", level);
    f.push_built(kind.finish("kind"));
    f.views("marker", marker);
    f.views("heading", heading);
    f.lists("section_titles", sections);
    f.views("text", text);
    keys.offsets(&mut f);
    f.lists("departments", depts);
    labels.write(&mut f);
    f.finish()
}

/// One row per record: task records and the front and back matter (path "").
pub fn records(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    by_chunks(c, |docs| blocks_where(docs, &vocab, |b| b.kind.is_record()))
}

/// One row per numbered heading that is only a title.
pub fn headings(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    by_chunks(c, |docs| blocks_where(docs, &vocab, |b| b.kind == BlockKind::Heading))
}

/// Every block of every document (records, headings and boilerplate): the
/// complete layout; together the blocks cover every paragraph of the text.
pub fn blocks(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    by_chunks(c, |docs| blocks_where(docs, &vocab, |_| true))
}

/// One row per (record, department).
pub fn departments(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    by_chunks(c, |docs| departments_of(docs, &vocab))
}

fn departments_of(docs: &[Document], vocab: &Vocabularies) -> PolarsResult<DataFrame> {
    let n = docs.iter().flat_map(|d| d.blocks.iter().filter(|b| b.kind.is_record())).map(|b| b.departments.len()).sum();
    let mut keys = Keys::with_capacity(n);
    // Names resolved per row are copied into their columns once each, not
    // collected as a String per row first.
    let views = || views::Views::with_capacity(n);
    let (mut name, mut canonical, mut successor) = (views(), views(), views());
    let (mut role, mut basis) = (vocab.role.column(n)?, vocab.lead_basis.column(n)?);
    let (mut category, mut level) = (vocab.category.column(n)?, vocab.level.column(n)?);
    let (mut labelled, mut position, mut known) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    let lexicons: Vec<_> = docs.iter().map(|d| crate::label::lexicons_of(&d.labels)).collect();
    let mut names = Names::default();
    for (d, lex) in docs.iter().zip(&lexicons) {
        let mut cur = CharCursor::new(&d.text);
        let issuer = d.meta.issuer.as_deref().map(|i| names.resolve(lex, i).agency.canonical.clone());
        for (i, b) in d.blocks.iter().enumerate().filter(|(_, b)| b.kind.is_record()) {
            b.departments.iter().for_each(|x| _ = names.resolve(lex, &x.name));
            let resolved: Vec<&Agency> = b.departments.iter().map(|x| &names.get(lex, &x.name).agency).collect();
            let (roles, why) = lead_of(b, &resolved, issuer.as_deref());
            for (k, x) in b.departments.iter().enumerate() {
                let r = names.get(lex, &x.name);
                successor.push_copy(&r.successor);
                canonical.push_copy(&r.agency.canonical);
                category.push_opt(r.agency.category.map(|c| vocab.category.code(c)));
                level.push(vocab.level.code(r.agency.level));
                known.push(r.agency.known);
                keys.span(d, i, &mut cur, x.start, x.end);
                name.push(x.name.as_str());
                role.push(vocab.role.code(roles[k].name()));
                labelled.push(x.labelled);
                basis.push_opt(why.map(|w| vocab.lead_basis.code(w)));
                position.push(k as i64);
            }
        }
    }
    let mut f = keys.columns();
    f.views("department", name);
    f.push_built(role.finish("role"));
    f.bool("labelled", labelled);
    f.push_built(basis.finish("lead_basis"));
    f.i64("position", position);
    keys.offsets(&mut f);
    f.views("canonical", canonical);
    f.views("successor", successor);
    f.push_built(category.finish("category"));
    f.push_built(level.finish("level"));
    f.bool("known", known);
    f.finish()
}

/// A name resolved, and the name its body now goes by.
struct Resolved<'a> {
    agency: Agency<'a>,
    successor: String,
}

/// Names resolved once per frame: a corpus names the same bodies in
/// document after document (省民政厅 in every one of a province), and
/// resolving a name walks its prefixes and allocates. Keyed by the lexicons
/// too, as documents read with other dictionaries resolve differently.
#[derive(Default)]
struct Names<'a> {
    memo: crate::lexicon::terms::FxMap<(*const Lexicons, &'a str), Resolved<'a>>,
}

impl<'a> Names<'a> {
    /// A name resolved before with [`Names::resolve`].
    fn get(&self, lex: &'a Lexicons, name: &'a str) -> &Resolved<'a> {
        &self.memo[&(lex as *const Lexicons, name)]
    }

    fn resolve(&mut self, lex: &'a Lexicons, name: &'a str) -> &Resolved<'a> {
        self.memo.entry((lex as *const Lexicons, name)).or_insert_with(|| {
            let agency = lex.agencies.resolve(name);
            let successor = lex.agencies.successor(&agency.canonical).0;
            Resolved { agency, successor }
        })
    }
}

/// Categories of bodies that 党政机关公文 lists put first by protocol (party
/// organs, congresses, courts and procuratorates, discipline bodies), whatever
/// their part in the task.
const PROTOCOL_FIRST: [&str; 4] = ["party", "legislature", "judiciary", "discipline_supervision"];

/// The roles of a record's departments and what the lead rests on: `label`
/// (牵头 / 牵头单位), `issuer` (an unlabelled list in protocol order that names
/// the issuing body: the issuer leads), `position` (the first of an
/// unlabelled list), or none (a protocol-order list without the issuer: no
/// lead is read from position alone).
fn lead_of(b: &Block, resolved: &[&Agency], issuer: Option<&str>) -> (Vec<Role>, Option<&'static str>) {
    let written: Vec<Role> = b.departments.iter().map(|x| x.role).collect();
    if b.departments.is_empty() {
        return (written, None);
    }
    if b.departments.iter().any(|x| x.labelled) {
        return (written, Some("label"));
    }
    let protocol = resolved.first().is_some_and(|a| a.category.is_some_and(|c| PROTOCOL_FIRST.contains(&c)));
    if !protocol {
        return (written, Some("position"));
    }
    match issuer.and_then(|i| resolved.iter().position(|a| a.canonical == i)) {
        Some(k) => ((0..written.len()).map(|j| if j == k { Role::Lead } else { Role::Co }).collect(), Some("issuer")),
        None => (vec![Role::Co; written.len()], None),
    }
}

/// One row per (record, actor): the bodies the record's sentences make act
/// (see `extract::actors`), with the same name resolution as departments.
/// Actors are read here, when the frame is first asked for, not by `read`:
/// most comparisons never use them, and reading them costs as much as
/// cutting the text into words.
pub fn actors(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    by_chunks(c, |docs| actors_of(docs, &vocab))
}

fn actors_of(docs: &[Document], vocab: &Vocabularies) -> PolarsResult<DataFrame> {
    let mut keys = Keys::new();
    let (mut name, mut verb) = (Vec::new(), Vec::new());
    let (mut canonical, mut successor, mut known) = (Vec::new(), Vec::new(), Vec::new());
    let (mut role, mut category, mut level) = (vocab.actor_role.column(0)?, vocab.category.column(0)?, vocab.level.column(0)?);
    let found: Vec<_> = docs.iter().map(crate::extract::actors::extract).collect();
    let lexicons: Vec<_> = docs.iter().map(|d| crate::label::lexicons_of(&d.labels)).collect();
    let mut names = Names::default();
    for ((d, actors), lex) in docs.iter().zip(&found).zip(&lexicons) {
        let mut cur = CharCursor::new(&d.text);
        for x in actors {
            let r = names.resolve(lex, &x.name);
            successor.push(r.successor.clone());
            canonical.push(r.agency.canonical.clone());
            category.push_opt(r.agency.category.map(|c| vocab.category.code(c)));
            level.push(vocab.level.code(r.agency.level));
            known.push(r.agency.known);
            keys.span(d, x.block, &mut cur, x.start, x.end);
            name.push(x.name.as_str());
            verb.push(x.verb.as_str());
            role.push(vocab.actor_role.code(x.role.name()));
        }
    }
    let mut f = keys.columns();
    f.str("actor", name);
    f.str("verb", verb);
    f.push_built(role.finish("role"));
    keys.offsets(&mut f);
    f.str("canonical", canonical);
    f.str("successor", successor);
    f.push_built(category.finish("category"));
    f.push_built(level.finish("level"));
    f.bool("known", known);
    f.finish()
}

fn path_of(d: &Document, block: usize) -> &str {
    d.blocks.get(block).map_or("", |b| b.path.as_str())
}

/// One row per quantitative target.
pub fn targets(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, targets_of)
}

fn targets_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let mut keys = Keys::new();
    let (mut span, mut value, mut value_max, mut unit, mut per) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut comparator, mut deadline, mut indicator, mut scope) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut base, mut indicator_id, mut condition, mut hedged) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut group, mut items, mut item_ids, mut rule) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for d in docs {
        let mut cur = CharCursor::new(&d.text);
        for t in &d.targets {
            keys.span(d, t.block, &mut cur, t.start, t.end);
            base.push(t.base.as_deref());
            indicator_id.push(t.indicator_id.as_deref());
            condition.push(t.condition.as_deref());
            hedged.push(t.hedged);
            group.push(t.group.map(i64::from));
            items.push(t.items.iter().map(String::as_str).collect::<Vec<_>>());
            item_ids.push(t.item_ids.iter().map(|x| x.as_deref().unwrap_or("")).collect::<Vec<_>>());
            rule.push(t.rule);
            span.push(&d.text[t.start..t.end]);
            value.push(t.value);
            value_max.push(t.value_max);
            unit.push(t.unit.as_str());
            per.push(t.per.as_deref());
            comparator.push(t.comparator.symbol());
            deadline.push(t.deadline.as_deref());
            indicator.push(t.indicator.as_deref());
            scope.push(t.scope.as_deref());
        }
    }
    let mut f = keys.columns();
    f.str("span", span);
    keys.offsets(&mut f);
    f.f64("value", value);
    f.opt_f64("value_max", value_max);
    f.str("unit", unit);
    f.opt_strs("per", per);
    f.str("comparator", comparator);
    f.opt_strs("deadline", deadline);
    f.opt_strs("indicator", indicator);
    f.opt_strs("scope", scope);
    f.opt_strs("base", base);
    f.opt_strs("indicator_id", indicator_id);
    f.opt_strs("condition", condition);
    f.bool("hedged", hedged);
    f.opt_i64("group", group);
    f.list_str("items", items);
    f.list_str("item_ids", item_ids);
    f.str("rule", rule);
    f.finish()
}

/// One row per listed item of a target that one number covers for several
/// indicators (街道综合养老服务机构、社区日间照料中心、农村养老服务设施覆盖率均达到100%
/// → three rows), tied to its target by `group`; targets of one indicator
/// have no rows here.
///
/// ```
/// use zhengce::{frames, Corpus, Options};
/// let t = "一、任务\n1.到2025年，街道综合养老服务机构、社区日间照料中心覆盖率均达到100%。";
/// let c = Corpus::from_texts(vec![("d".into(), t.into())], &Options::default());
/// let items = frames::target_items(&c).unwrap();
/// assert_eq!(items.height(), 2);
/// assert_eq!(items.column("item").unwrap().str().unwrap().get(1), Some("社区日间照料中心覆盖率"));
/// ```
pub fn target_items(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, target_items_of)
}

fn target_items_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let mut keys = Keys::new();
    let (mut group, mut item, mut item_id) = (Vec::new(), Vec::new(), Vec::new());
    let (mut value, mut unit, mut comparator, mut deadline, mut span) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for d in docs {
        let mut cur = CharCursor::new(&d.text);
        for t in d.targets.iter().filter(|t| !t.items.is_empty()) {
            for (k, it) in t.items.iter().enumerate() {
                keys.span(d, t.block, &mut cur, t.start, t.end);
                group.push(t.group.map(i64::from));
                item.push(it.as_str());
                item_id.push(t.item_ids.get(k).and_then(|x| x.as_deref()));
                value.push(t.value);
                unit.push(t.unit.as_str());
                comparator.push(t.comparator.symbol());
                deadline.push(t.deadline.as_deref());
                span.push(&d.text[t.start..t.end]);
            }
        }
    }
    let mut f = keys.columns();
    f.opt_i64("group", group);
    f.str("item", item);
    f.opt_strs("item_id", item_id);
    f.f64("value", value);
    f.str("unit", unit);
    f.str("comparator", comparator);
    f.opt_strs("deadline", deadline);
    f.str("span", span);
    keys.offsets(&mut f);
    f.finish()
}

/// One row per numbered formulation.
pub fn slogans(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, slogans_of)
}

fn slogans_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let mut keys = Keys::new();
    let (mut text, mut normalized) = (Vec::new(), Vec::new());
    for d in docs {
        let mut cur = CharCursor::new(&d.text);
        for s in &d.slogans {
            keys.span(d, s.block, &mut cur, s.start, s.end);
            text.push(s.text.as_str());
            normalized.push(s.normalized.as_str());
        }
    }
    let mut f = keys.columns();
    f.str("text", text);
    f.str("normalized", normalized);
    keys.offsets(&mut f);
    f.finish()
}

/// One row per dated commitment.
pub fn deadlines(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, deadlines_of)
}

fn deadlines_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let mut keys = Keys::new();
    let (mut date, mut phrase, mut action) = (Vec::new(), Vec::new(), Vec::new());
    for d in docs {
        let mut cur = CharCursor::new(&d.text);
        for x in &d.deadlines {
            keys.span(d, x.block, &mut cur, x.start, x.end);
            date.push(x.date.as_str());
            phrase.push(x.phrase.as_str());
            action.push(x.action.as_str());
        }
    }
    let mut f = keys.columns();
    f.str("date", date);
    f.str("phrase", phrase);
    f.str("action", action);
    keys.offsets(&mut f);
    f.finish()
}

/// One row per (record, theme) with a score: every theme a record's terms or
/// headings point to, whether it was assigned, and the terms found in the
/// record's own text.
pub fn themes(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    let cols = LongCols { label: ("theme", &vocab.themes), name: &vocab.theme_names, kind: None, terms: &vocab.terms };
    by_chunks(c, |docs| labelled_long(docs, |l| (l.theme_scores, l.themes, l.theme_terms), &cols))
}

/// One row per (record, policy instrument) with a score: the instrument,
/// its type (supply, environment, demand), whether the record uses it, and
/// the terms found.
pub fn instruments(c: &Corpus) -> PolarsResult<DataFrame> {
    let vocab = Vocabularies::of(&c.documents)?;
    let cols = LongCols {
        label: ("instrument", &vocab.instruments),
        name: &vocab.instrument_names,
        kind: Some(&vocab.instrument_types),
        terms: &vocab.terms,
    };
    by_chunks(c, |docs| labelled_long(docs, |l| (l.instrument_scores, l.instruments, l.instrument_terms), &cols))
}

/// One row per piece of evidence of a block's commitment strength (records
/// and headings): the
/// term (or the target or deadline span), its kind (binding or soft), where it
/// comes from (term, target, deadline, imperative) and its weight, with
/// character offsets. A record's `binding` and `soft` weights are the sums of
/// its rows, so its `strength` is `(B − S) / (B + S + 1)` of this frame alone.
pub fn strength_terms(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, strength_terms_of)
}

fn strength_terms_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let mut keys = Keys::new();
    let (mut term, mut kind, mut source, mut weight) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for d in docs {
        let mut cur = CharCursor::new(&d.text);
        // Every labelled block: records and headings both carry a strength.
        for (i, l) in d.labels.iter().enumerate().filter(|(_, l)| l.labelled) {
            let block_start = d.blocks[i].start;
            for e in l.strength_terms {
                let (start, end) = e.span(block_start);
                keys.span(d, i, &mut cur, start, end);
                term.push(&d.text[start..end]);
                kind.push(if e.binding { "binding" } else { "soft" });
                source.push(e.source.name());
                weight.push(e.weight as f64);
            }
        }
    }
    let mut f = keys.columns();
    f.str("term", term);
    f.str("kind", kind);
    f.str("source", source);
    f.f64("weight", weight);
    keys.offsets(&mut f);
    f.finish()
}

type LongOf = for<'a> fn(crate::label::BlockLabels<'a>) -> (&'a [crate::label::SectionScore], &'a [u32], &'a [crate::label::TermHit]);

/// The `Enum` columns of a long frame of labels: the label's own column
/// (name and codes), its name, the instrument's type, the terms.
struct LongCols<'a> {
    label: (&'static str, &'a vocab::Tables),
    name: &'a vocab::Tables,
    kind: Option<&'a vocab::Tables>,
    terms: &'a vocab::Tables,
}

/// The long frames of themes and instruments (records only).
fn labelled_long(docs: &[Document], of: LongOf, cols: &LongCols) -> PolarsResult<DataFrame> {
    let positive = |l: crate::label::BlockLabels| of(l).0.iter().filter(|x| x.score() > 0.0).count();
    let n = docs.iter().flat_map(|d| d.records().filter_map(|(i, _)| d.labels.get(i).filter(|l| l.labelled))).map(positive).sum();
    let mut keys = Keys::sized(n, false, false);
    let (mut id, mut name) = (vocab::Codes::new(&cols.label.1.dtype, n)?, vocab::Codes::new(&cols.name.dtype, n)?);
    let mut kind = cols.kind.map(|k| vocab::Codes::new(&k.dtype, n)).transpose()?;
    let (mut score, mut assigned, mut decimals) = (Vec::with_capacity(n), Vec::with_capacity(n), Decimals::default());
    let mut terms = vocab::CodeLists::new(&cols.terms.dtype, n)?;
    for d in docs {
        let owner = Arc::as_ptr(&crate::label::lexicons_of(&d.labels)) as usize;
        let (t_id, t_name, t_terms) = (cols.label.1.of(owner), cols.name.of(owner), cols.terms.of(owner));
        let t_kind = cols.kind.map(|k| k.of(owner));
        for (i, _) in d.records() {
            let Some(l) = d.labels.get(i).filter(|l| l.labelled) else { continue };
            let (scores, chosen, found) = of(l);
            let mut rows: Vec<(u32, f32)> = scores.iter().map(|x| (x.section(), x.score())).filter(|x| x.1 > 0.0).collect();
            rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for (t, s) in rows {
                keys.row(d, i);
                id.push(t_id.code(t));
                name.push(t_name.code(t));
                if let (Some(k), Some(c)) = (t_kind, kind.as_mut()) {
                    c.push(k.code(t));
                }
                score.push(decimals.of(s));
                assigned.push(chosen.contains(&t));
                terms.push_row(found.iter().filter(|x| x.section() == t).map(|x| t_terms.code(x.term())));
            }
        }
    }
    let mut f = keys.columns();
    f.push_built(id.finish(cols.label.0));
    f.push_built(name.finish("name"));
    if let Some(k) = kind {
        f.push_built(k.finish("type"));
    }
    f.f64("score", score);
    f.bool("assigned", assigned);
    f.push_built(terms.finish("terms"));
    f.finish()
}

/// The vocabularies of the `Enum` columns. Those drawn from the dictionaries
/// the documents of a corpus were read with (themes, instruments, their names
/// and types, the terms found, departments' categories) are over all of them,
/// in the dictionaries' order; the others are zhengce's own closed lists.
struct Vocabularies {
    themes: vocab::Tables,
    theme_names: vocab::Tables,
    instruments: vocab::Tables,
    instrument_names: vocab::Tables,
    instrument_types: vocab::Tables,
    terms: vocab::Tables,
    /// A block's kind, in `BlockKind::ALL`'s order.
    kind: vocab::Closed,
    strength_label: vocab::Closed,
    /// A department's role (lead, co) and what the lead rests on.
    role: vocab::Closed,
    lead_basis: vocab::Closed,
    actor_role: vocab::Closed,
    /// Levels and categories of resolved names (departments and actors).
    level: vocab::Closed,
    category: vocab::Closed,
}

/// What a record's lead rests on (see `lead_of`).
const LEAD_BASES: [&str; 3] = ["label", "position", "issuer"];

type Lexicons = crate::label::Lexicons;

impl Vocabularies {
    /// The vocabularies of the dictionaries `docs` were read with, made once
    /// for a set of dictionaries and kept while they live: a corpus's frames
    /// are built one by one, each needs them, and the terms alone are a few
    /// thousand categories.
    fn of(docs: &[Document]) -> PolarsResult<Arc<Self>> {
        type Last = Option<(Vec<std::sync::Weak<Lexicons>>, Arc<Vocabularies>)>;
        static LAST: std::sync::Mutex<Last> = std::sync::Mutex::new(None);
        let mut lexicons: Vec<Arc<Lexicons>> = Vec::new();
        for d in docs {
            let lex = crate::label::lexicons_of(&d.labels);
            if !lexicons.iter().any(|l| Arc::ptr_eq(l, &lex)) {
                lexicons.push(lex);
            }
        }
        // An empty corpus still has its columns' types: the shipped dictionaries'.
        if lexicons.is_empty() {
            lexicons.push(Lexicons::shared());
        }
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        // The same dictionaries, alive: a weak reference does not keep old
        // ones in memory, and cannot match new ones at a reused address.
        let same = |keys: &[std::sync::Weak<Lexicons>]| {
            keys.len() == lexicons.len() && keys.iter().zip(&lexicons).all(|(k, l)| k.upgrade().is_some_and(|k| Arc::ptr_eq(&k, l)))
        };
        if let Some((_, v)) = last.as_ref().filter(|(keys, _)| same(keys)) {
            return Ok(v.clone());
        }
        let v = Arc::new(Self::build(&lexicons)?);
        *last = Some((lexicons.iter().map(Arc::downgrade).collect(), v.clone()));
        Ok(v)
    }

    fn build(lexicons: &[Arc<Lexicons>]) -> PolarsResult<Self> {
        let mut categories: Vec<&str> = lexicons.iter().flat_map(|l| l.agencies.categories()).collect();
        categories.sort_unstable();
        categories.dedup();
        let table = |values: &dyn Fn(&crate::label::Lexicons, &mut vocab::Vocab) -> vocab::Table| {
            let mut v = vocab::Vocab::default();
            let owners = lexicons.iter().map(|l| (Arc::as_ptr(l) as usize, values(l, &mut v))).collect();
            vocab::Tables::new(owners, &v)
        };
        use crate::lexicon::terms::{DEADLINE_TERM, TARGET_TERM};
        fn sections(lex: &crate::label::Lexicons, instruments: bool) -> &[crate::lexicon::terms::Section] {
            if instruments {
                &lex.instruments.dict.sections
            } else {
                &lex.themes.dict.sections
            }
        }
        Ok(Vocabularies {
            themes: table(&|l, v| vocab::Table::new(v, sections(l, false).iter().map(|s| s.id.as_str()), &[]))?,
            theme_names: table(&|l, v| vocab::Table::new(v, sections(l, false).iter().map(|s| s.name.as_str()), &[]))?,
            instruments: table(&|l, v| vocab::Table::new(v, sections(l, true).iter().map(|s| s.id.as_str()), &[]))?,
            instrument_names: table(&|l, v| vocab::Table::new(v, sections(l, true).iter().map(|s| s.name.as_str()), &[]))?,
            instrument_types: table(&|l, v| {
                vocab::Table::new(v, sections(l, true).iter().map(|s| crate::label::instruments::type_of(&s.id)), &[])
            })?,
            terms: table(&|l, v| {
                let m = &l.matcher;
                let extra = [(TARGET_TERM, m.term(TARGET_TERM)), (DEADLINE_TERM, m.term(DEADLINE_TERM))];
                vocab::Table::new(v, (0..m.len() as u32).map(|i| m.term(i)), &extra)
            })?,
            kind: vocab::Closed::new(BlockKind::ALL.map(BlockKind::name))?,
            strength_label: vocab::Closed::new(crate::label::strength::Strength::LABELS)?,
            role: vocab::Closed::new([Role::Lead.name(), Role::Co.name()])?,
            lead_basis: vocab::Closed::new(LEAD_BASES)?,
            actor_role: vocab::Closed::new(crate::model::facts::ActorRole::ALL.map(|r| r.name()))?,
            level: vocab::Closed::new(crate::lexicon::agencies::LEVELS)?,
            category: vocab::Closed::new(categories)?,
        })
    }
}

/// One row per token of every record (white space left out), re-tokenised with
/// the dictionaries the document was read with: doc_id, record_id, token,
/// start, end (character offsets into the document's text) and kind (word,
/// stop, number, punct).
pub fn tokens(c: &Corpus) -> PolarsResult<DataFrame> {
    by_chunks(c, tokens_of)
}

fn tokens_of(docs: &[Document]) -> PolarsResult<DataFrame> {
    let mut keys = Keys::sized(0, false, true);
    let (mut token, mut kind) = (Vec::new(), Vec::new());
    for d in docs {
        let lex = crate::label::lexicons_of(&d.labels);
        let mut cur = CharCursor::new(&d.text);
        for (i, b) in d.records() {
            let text = b.text(&d.text);
            for t in lex.tokenizer.cut(text) {
                let Some(k) = lex.tokenizer.kind(t.word) else { continue };
                let (s, e) = (b.text_start + t.start, b.text_start + t.end);
                keys.span(d, i, &mut cur, s, e);
                token.push(&d.text[s..e]);
                kind.push(k.name());
            }
        }
    }
    let mut f = keys.columns();
    f.str("token", token);
    keys.offsets(&mut f);
    f.str("kind", kind);
    f.finish()
}

/// One row per problem met while reading (errors that lost a document, warnings).
pub fn errors(c: &Corpus) -> PolarsResult<DataFrame> {
    let e = &c.errors;
    let mut f = Cols::new(e.len());
    f.str("source", e.iter().map(|x| x.source.as_str()).collect());
    f.opt_str("doc_id", e.iter().map(|x| x.doc_id.clone()).collect());
    f.str("severity", e.iter().map(|x| x.severity).collect());
    f.str("kind", e.iter().map(|x| x.kind.as_str()).collect());
    f.str("message", e.iter().map(|x| x.message.as_str()).collect());
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::corpus::Options;

    #[test]
    fn f32_scores_reach_python_without_binary_noise() {
        assert_eq!(decimal_f64(2.0f32 / 3.0), 0.6666667);
        assert_eq!(decimal_f64(-0.25), -0.25);
        assert_eq!(decimal_f64(0.1f32), 0.1);
    }

    #[test]
    fn remembered_decimals_are_the_decimals() {
        let mut d = Decimals::default();
        // Scores as the labels make them: sums of weights, recurring.
        for i in 0..5_000u32 {
            let x = (i % 70) as f32 * 0.35 + (i % 13) as f32 / 3.0;
            assert_eq!(d.of(x).to_bits(), decimal_f64(x).to_bits(), "{x}");
        }
        assert!(d.0.len() < 5_000);
    }

    #[test]
    fn cursor_goes_back_and_forth() {
        let text: String = (0..20_000).map(|i| if i % 3 == 0 { 'a' } else { '政' }).collect();
        let mut cur = CharCursor::new(&text);
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &k in &[19_999usize, 5, 12_000, 0, 12_001, 7_000, 19_998, 1] {
            assert_eq!(cur.at(bytes[k]), k);
        }
        assert_eq!(cur.at(text.len()), 20_000);
    }

    #[test]
    fn char_offsets_slice_the_text() {
        let c = Corpus::from_texts(
            vec![("d".into(), "关于印发方案的通知\n一、任务\n1.提高标准。落实资金。（责任单位：救助处、财务处）".into())],
            &Options::default(),
        );
        let doc = &c.documents[0];
        let chars: Vec<char> = doc.text.chars().collect();
        let r = records(&c).unwrap();
        let starts = r.column("start").unwrap().i64().unwrap().clone();
        let ends = r.column("end").unwrap().i64().unwrap().clone();
        let texts = r.column("text").unwrap().str().unwrap().clone();
        let markers = r.column("marker").unwrap().str().unwrap().clone();
        for i in 0..r.height() {
            let slice: String = chars[starts.get(i).unwrap() as usize..ends.get(i).unwrap() as usize].iter().collect();
            let rest = slice.strip_prefix(markers.get(i).unwrap()).unwrap().trim_start();
            assert_eq!(rest, texts.get(i).unwrap());
        }
        let d = departments(&c).unwrap();
        assert_eq!(d.height(), 2);
        let s = d.column("start").unwrap().i64().unwrap().get(1).unwrap() as usize;
        let e = d.column("end").unwrap().i64().unwrap().get(1).unwrap() as usize;
        assert_eq!(chars[s..e].iter().collect::<String>(), "财务处");
    }

    /// A string or `Enum` column's values.
    fn strs(f: &DataFrame, col: &str) -> Vec<Option<String>> {
        let c = f.column(col).unwrap().cast(&DataType::String).unwrap();
        c.str().unwrap().iter().map(|x| x.map(str::to_string)).collect()
    }

    #[test]
    fn protocol_order_lists_are_not_led_by_position() {
        // 党政机关公文 lists name courts and party organs first by protocol.
        let text = "江苏省民政厅关于印发方案的通知\n一、任务\n1.建立协作机制。(省法院、省民政厅、省财政厅)\n2.完善制度。(省民政厅、省财政厅)\n3.落实资金。（牵头单位：省财政厅；配合单位：省民政厅）\n江苏省民政厅\n2012年3月1日";
        let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
        let d = departments(&c).unwrap();
        let rows: Vec<_> = strs(&d, "department").into_iter().zip(strs(&d, "role")).zip(strs(&d, "lead_basis")).collect();
        let got: Vec<(String, String, Option<String>)> = rows.into_iter().map(|((n, r), b)| (n.unwrap(), r.unwrap(), b)).collect();
        // The issuer (from the signature) is named in the list: it leads.
        assert_eq!(c.documents[0].meta.issuer.as_deref(), Some("江苏省民政厅"));
        assert_eq!(got[0], ("省法院".into(), "co".into(), Some("issuer".into())));
        assert_eq!(got[1], ("省民政厅".into(), "lead".into(), Some("issuer".into())));
        assert_eq!(got[3], ("省民政厅".into(), "lead".into(), Some("position".into())));
        assert_eq!(got[5], ("省财政厅".into(), "lead".into(), Some("label".into())));
    }

    #[test]
    fn actors_frame_rows_point_at_their_names() {
        let text = "一、任务\n（一）各级民政部门要会同财政部门落实资金，指导各地做好工作。（责任单位：省民政厅）";
        let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
        let a = actors(&c).unwrap();
        assert_eq!(strs(&a, "actor"), [Some("各级民政部门".to_string()), Some("财政部门".to_string())]);
        assert_eq!(strs(&a, "role"), [Some("lead".to_string()), Some("joint".to_string())]);
        assert_eq!(strs(&a, "category"), [Some("civil_affairs".to_string()), Some("finance".to_string())]);
        let chars: Vec<char> = c.documents[0].text.chars().collect();
        let s = a.column("start").unwrap().i64().unwrap().get(1).unwrap() as usize;
        let e = a.column("end").unwrap().i64().unwrap().get(1).unwrap() as usize;
        assert_eq!(chars[s..e].iter().collect::<String>(), "财政部门");
    }

    /// A frame with its `Enum` columns (and lists of them) cast to strings.
    fn as_strings(df: &DataFrame) -> DataFrame {
        let cols = df.columns().iter().map(|c| match c.dtype() {
            DataType::Enum(..) => c.cast(&DataType::String).unwrap(),
            DataType::List(inner) if inner.is_enum() => c.cast(&DataType::List(Box::new(DataType::String))).unwrap(),
            _ => c.clone(),
        });
        DataFrame::new(df.height(), cols.collect()).unwrap()
    }

    /// Theme and term indices are the lexicons': a corpus joined from two
    /// reads with different taxonomies must not give one document the other
    /// taxonomy's names for its indices.
    #[test]
    fn joined_corpora_with_other_taxonomies_keep_their_names() {
        use crate::label::Config;
        use crate::lexicon::tokens::Source;
        let text = "吉林省民政厅关于印发方案的通知\n一、任务\n1.提高城乡低保标准，加强养老机构建设，完善殡葬服务。\n";
        let mine = "[funeral_first] 殡葬\n殡葬\t3\n[care_second] 养老\n养老机构\t3\n低保\t2\n";
        let cfg = Config { themes: Some(vec![Source::Text("mine.tsv".into(), mine.into())]), ..Config::default() };
        let own = Options { resources: crate::pipeline::corpus::Resources::configured(&cfg).unwrap(), ..Options::default() };
        let a = Corpus::from_texts(vec![("a".into(), text.into())], &Options::default());
        let b = Corpus::from_texts(vec![("b".into(), text.into())], &own);
        let mut joined = a.clone();
        joined.extend(b.clone());
        for f in [themes, records] {
            let both = crate::pipeline::corpus::run_in_pool(Some(1), || f(&joined)).unwrap();
            // Each read's frame has its own taxonomy's Enum; the joined one has
            // both. Compared as strings, each document keeps its own names.
            let alone = as_strings(&f(&a).unwrap()).vstack(&as_strings(&f(&b).unwrap())).unwrap();
            assert!(as_strings(&both).equals_missing(&alone), "{both}\n{alone}");
        }
        let names = strs(&themes(&joined).unwrap(), "theme");
        assert!(names.contains(&Some("care_second".to_string())) && names.contains(&Some("elderly_care".to_string())), "{names:?}");
    }

    #[test]
    fn frames_built_in_chunks_equal_one_pass() {
        // Documents of uneven size, more than a few per thread, so that chunks differ.
        let texts: Vec<(String, String)> = (0..23)
            .map(|i| {
                let body: String = (0..(i % 7 + 1))
                    .map(|k| {
                        format!(
                            "{}.到2025年，养老机构床位数达到{}张以上，街道综合养老服务机构、社区日间照料中心覆盖率均达到100%，各地要落实“三无”人员救助。（责任单位：省民政厅、省财政厅）\n",
                            k + 1,
                            10 * i + k
                        )
                    })
                    .collect();
                (format!("d{i}"), format!("吉林省民政厅关于印发方案的通知\n一、任务\n{body}二、保障\n加强组织领导。"))
            })
            .collect();
        let c = Corpus::from_texts(texts, &Options::default());
        // Every frame of the registry but errors (none here: it would be empty).
        for f in FRAMES.iter().filter(|f| f.name != "errors") {
            let one = crate::pipeline::corpus::run_in_pool(Some(1), || (f.build)(&c)).unwrap();
            let three = crate::pipeline::corpus::run_in_pool(Some(3), || (f.build)(&c)).unwrap();
            assert!(one.height() > 0, "frame {} is empty", f.name);
            assert!(one.equals_missing(&three), "frame {} differs when built in chunks", f.name);
        }
    }
}
