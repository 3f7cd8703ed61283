//! A corpus: many documents read in parallel, with the problems met on the way.
//!
//! ```
//! use zhengce::pipeline::corpus::{Corpus, Options};
//! let c = Corpus::from_texts(vec![("jl".into(), "一、总体要求\n全面落实。加强建设。".into())], &Options::default());
//! let tasks: Vec<_> = c.documents[0].records().filter(|(_, b)| b.path == "1").collect();
//! assert_eq!(tasks.len(), 1);
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::error::{Error, Warning, WarningKind};
use crate::extract::meta::{self, Regions};
use crate::input::read::{self, Format, Input};
use crate::layout::structure::{self, Layout};
use crate::model::document::{Document, Meta, Source, Ymd};

/// Everything loaded once per process and shared by all documents and threads:
/// layout patterns, regions, dictionaries.
#[derive(Debug, Clone)]
pub struct Resources {
    pub layout: Layout,
    pub regions: Regions,
    /// Known numbered formulations (data/slogans.txt).
    pub slogans: crate::extract::slogans::Lexicon,
    /// The indicator table targets are tied to (data/indicators.tsv).
    pub indicators: crate::lexicon::indicators::Indicators,
    /// Tokeniser and label dictionaries, built on first use (loading jieba's
    /// dictionary takes a while); see [`Resources::lexicons`].
    pub lexicons: OnceLock<Arc<crate::label::Lexicons>>,
}

impl Default for Resources {
    fn default() -> Self {
        Resources {
            layout: Layout::default(),
            regions: Regions::default(),
            slogans: crate::extract::slogans::Lexicon::default(),
            indicators: crate::lexicon::indicators::Indicators::default(),
            lexicons: OnceLock::new(),
        }
    }
}

impl Resources {
    /// The default resources, built on first use and shared afterwards.
    pub fn shared() -> Arc<Resources> {
        static SHARED: OnceLock<Arc<Resources>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(Resources::default())).clone()
    }

    /// Build the shipped resources and dictionaries on a thread of their own,
    /// so that their loading (about 0.1–0.2 s, most of a first read) overlaps
    /// whatever the caller does next. A read that starts before it is done
    /// waits for the same build, never starts another.
    ///
    /// ```
    /// use zhengce::pipeline::corpus::Resources;
    /// Resources::preload().join().unwrap();
    /// assert!(zhengce::pipeline::corpus::dictionary_loads() >= 1);
    /// ```
    pub fn preload() -> std::thread::JoinHandle<()> {
        std::thread::Builder::new()
            .name("zhengce-preload".into())
            .spawn(|| {
                Resources::shared().lexicons();
            })
            .expect("a thread can be started")
    }

    /// The tokeniser and label dictionaries: the shipped ones unless these
    /// resources were made for a user configuration.
    pub fn lexicons(&self) -> &Arc<crate::label::Lexicons> {
        self.lexicons.get_or_init(crate::label::Lexicons::shared)
    }

    /// Resources for a user configuration of dictionaries (see
    /// [`crate::label::Config`]), built once per configuration and shared;
    /// a malformed file is an [`Error::DataFile`].
    pub fn configured(cfg: &crate::label::Config) -> Result<Arc<Resources>, Error> {
        if cfg.is_default() {
            return Ok(Resources::shared());
        }
        let lex = crate::label::Lexicons::cached(cfg)?;
        // Keyed by the lexicons, which are themselves cached by configuration.
        static CACHE: std::sync::Mutex<Vec<Arc<Resources>>> = std::sync::Mutex::new(Vec::new());
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = cache.iter().find(|r| r.lexicons.get().is_some_and(|l| Arc::ptr_eq(l, &lex))) {
            return Ok(r.clone());
        }
        let r = Resources { indicators: crate::lexicon::indicators::Indicators::load(&cfg.indicators)?, ..Resources::default() };
        r.lexicons.set(lex).ok();
        let r = Arc::new(r);
        if cache.len() >= 4 {
            cache.remove(0);
        }
        cache.push(r.clone());
        Ok(r)
    }
}

pub use crate::lexicon::{dictionary_loads, note_dictionary_load};

/// Metadata a user sets for one document, overriding what was read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaOverride {
    pub province: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub year: Option<i32>,
}

impl MetaOverride {
    /// The fields an override can set (the columns of a manifest besides its key).
    pub const FIELDS: [&'static str; 6] = ["province", "issuer", "doc_number", "title", "date", "year"];

    /// Sets one field from its text (a year must be a number); an unknown
    /// field is an [`Error::Value`] naming the known ones.
    ///
    /// ```
    /// use zhengce::pipeline::corpus::MetaOverride;
    /// let mut o = MetaOverride::default();
    /// o.set("year", "2019").unwrap();
    /// assert_eq!(o.year, Some(2019));
    /// assert!(o.set("colour", "red").is_err());
    /// ```
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), Error> {
        let v = Some(value.to_string());
        match field {
            "province" => self.province = v,
            "issuer" => self.issuer = v,
            "doc_number" => self.doc_number = v,
            "title" => self.title = v,
            "date" => self.date = v,
            "year" => {
                let y = value
                    .trim()
                    .parse()
                    .map_err(|_| Error::Value { field: "year".into(), reason: format!("{value:?} is not a number") })?;
                self.year = Some(y);
            }
            other => {
                return Err(Error::Value {
                    field: field.into(),
                    reason: format!("unknown field {other:?} (use {})", MetaOverride::FIELDS.join(", ")),
                })
            }
        }
        Ok(())
    }
}

/// How to read a corpus.
#[derive(Debug, Clone)]
pub struct Options {
    /// Documents larger than this many bytes are refused with an error.
    pub max_bytes: u64,
    /// Worker threads (None: all cores).
    pub threads: Option<usize>,
    /// Overrides by doc_id, file name or path as given.
    pub overrides: HashMap<String, MetaOverride>,
    pub resources: Arc<Resources>,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: 256 * 1024 * 1024, threads: None, overrides: HashMap::new(), resources: Resources::shared() }
    }
}

/// A problem met while reading: an error that lost a document, or a warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub source: String,
    pub doc_id: Option<String>,
    /// "error" (the document was not read) or "warning".
    pub severity: &'static str,
    pub kind: String,
    pub message: String,
}

impl Problem {
    fn error(e: &Error, source: String) -> Problem {
        Problem { source, doc_id: None, severity: "error", kind: e.kind().to_string(), message: e.to_string() }
    }
}

/// Documents and the problems met reading them.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub errors: Vec<Problem>,
    /// The errors themselves, in the order met (for raising in Python).
    pub failures: Vec<Error>,
}

/// What a file yields before processing.
struct Loaded {
    source: Source,
    text: String,
    warnings: Vec<Warning>,
}

fn load_file(path: &Path, opts: &Options) -> Result<Loaded, Error> {
    let bytes = read::read_bytes(path, opts.max_bytes)?;
    let format = read::sniff(&bytes, path);
    let size = bytes.len() as u64;
    let decoded = match format {
        Format::Text => read::decode(&bytes).map_err(|f| Error::Decode { path: path.to_path_buf(), reason: f.0 })?,
        Format::Html | Format::Docx | Format::Pdf | Format::LegacyWord => {
            crate::input::formats::extract(format, &bytes).map_err(|reason| match reason {
                crate::input::formats::FormatError::Decode(r) => Error::Decode { path: path.to_path_buf(), reason: r },
                crate::input::formats::FormatError::Unsupported(r) => Error::Format { path: path.to_path_buf(), reason: r },
            })?
        }
        Format::Binary => {
            return Err(Error::Format { path: path.to_path_buf(), reason: "binary file (not text, HTML, .docx or PDF)".into() })
        }
    };
    Ok(Loaded {
        source: Source {
            source: path.display().to_string(),
            format: format.name().to_string(),
            encoding: decoded.encoding.to_string(),
            bytes: size,
        },
        text: decoded.text,
        warnings: decoded.warnings,
    })
}

/// Run the whole pipeline on one decoded text.
pub fn process(doc_id: &str, source: Source, raw: &str, warnings: Vec<Warning>, res: &Resources) -> Document {
    let mut doc = prepare(doc_id, source, raw, warnings, res);
    let cuts = crate::label::cut_blocks(&doc, res.lexicons());
    finish_labels(&mut doc, &cuts, res);
    doc
}

/// The labels of a prepared document from its blocks' tokens, the last step of [`process`].
pub fn finish_labels(doc: &mut Document, cuts: &crate::label::BlockCuts, res: &Resources) {
    doc.labels = crate::label::label_cut(doc, res.lexicons(), cuts);
    doc.shrink_to_fit();
}

/// Everything [`process`] does before the blocks are cut and labelled:
/// normalisation, the numbered hierarchy, metadata, targets, deadlines and slogans.
pub fn prepare(doc_id: &str, source: Source, raw: &str, mut warnings: Vec<Warning>, res: &Resources) -> Document {
    let n = res.layout.normalize(raw);
    if n.removed_chars > 0 {
        warnings
            .push(Warning::new(WarningKind::InvisibleChars, format!("{} zero-width or control characters were removed", n.removed_chars)));
    }
    if n.wrap_width.is_some() || n.page_numbers > 0 {
        let how = n
            .wrap_width
            .map_or(String::new(), |w| format!("typeset {w} characters a line: its lines were joined into paragraphs by that width; "));
        warnings.push(Warning::new(WarningKind::TypesetText, format!("{how}{} page-number lines were dropped", n.page_numbers)));
    }
    let blocks = structure::parse(&n.text, &n.lines, &res.layout);
    let meta = meta::extract(&n.text, &blocks, &res.regions);
    let mut doc = Document {
        doc_id: doc_id.to_string(),
        source,
        text: n.text.into(),
        meta,
        blocks,
        targets: Vec::new(),
        deadlines: Vec::new(),
        slogans: Vec::new(),
        warnings,
        labels: Default::default(),
    };
    // One pass per record: numbers inside slogans are not targets.
    let (slogans, targets, deadlines) = crate::extract::targets::extract(&doc, &res.slogans, &res.indicators);
    doc.slogans = slogans;
    doc.targets = targets;
    doc.deadlines = deadlines;
    doc
}

/// A document loaded and decoded, not yet read: what [`in_batches`] needs of it.
struct Unread<'a> {
    id: String,
    source: Source,
    /// The decoded text, kept for the input checks after reading ([`crate::pipeline::messy::finish`]).
    raw: std::borrow::Cow<'a, str>,
    warnings: Vec<Warning>,
    /// The path or name a metadata override may be keyed by.
    key: PathBuf,
}

/// Documents a batch holds at most. jieba-rs's dictionary walk is bound by
/// memory (a 16 MB table probed at random), and the structure and target work
/// of a document evicts what the walk had in cache: cutting the blocks of a
/// batch of documents in one run, between preparing and labelling them all,
/// took 12 % off the per-document time on the bench corpus (32 documents; 9 %
/// at 16, none at 1), the cuts waiting in [`crate::label::BlockCuts`].
const BATCH_DOCS: usize = 32;

/// Read `items` in parallel batches, stage by stage (see [`BATCH_DOCS`]): load
/// and prepare each document of a batch, cut all their blocks, then label and
/// check each. The result is in the order of `items` and does not depend on
/// the batching; a failure or a panic is the error of its own document only.
fn in_batches<'a, I: Sync>(
    items: &[I],
    source: impl Fn(&I) -> String + Sync,
    load: impl Fn(&I) -> Result<Unread<'a>, Error> + Sync,
    opts: &Options,
) -> Vec<Result<Document, Error>> {
    let res = &opts.resources;
    // Small corpora keep every thread busy: at least four batches a thread.
    let size = (items.len() / (4 * rayon::current_num_threads())).clamp(1, BATCH_DOCS);
    items
        .par_chunks(size)
        .flat_map_iter(|batch| {
            type Prepared<'a> = Result<(std::borrow::Cow<'a, str>, PathBuf, Document), Error>;
            let prepared: Vec<(String, Prepared)> = batch
                .iter()
                .map(|item| {
                    let src = source(item);
                    let r = guarded(&src, || {
                        let Unread { id, source, raw, warnings, key } = load(item)?;
                        let doc = prepare(&id, source, &raw, warnings, res);
                        Ok((raw, key, doc))
                    });
                    (src, r)
                })
                .collect();
            let cuts: Vec<Result<crate::label::BlockCuts, Error>> = prepared
                .iter()
                .map(|(src, r)| match r {
                    Ok((_, _, doc)) => guarded(src, || Ok(crate::label::cut_blocks(doc, res.lexicons()))),
                    Err(_) => Ok(Default::default()),
                })
                .collect();
            prepared.into_iter().zip(cuts).map(move |((src, r), cut)| {
                let (raw, key, mut doc) = r?;
                let cut = cut?;
                guarded(&src, || {
                    finish_labels(&mut doc, &cut, res);
                    apply_override(&mut doc, opts, &key)?;
                    crate::pipeline::messy::finish(&raw, doc, &src)
                })
            })
        })
        .collect()
}

/// `f` for one document, a panic in it an [`Error::Internal`] naming the document.
fn guarded<T>(source: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    crate::error::catch_panic(f).unwrap_or_else(|reason| Err(Error::Internal { path: PathBuf::from(source), reason }))
}

fn stem_of(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("document").to_string()
}

/// Each file once, at its first mention: `["docs/a.txt", "docs/", "docs/**/*.txt"]`
/// names `a.txt` three times, and a researcher listing overlapping folders and
/// patterns means the file, not three copies of it. Files are the same when
/// their canonical paths are (`docs/a.txt`, `./docs/a.txt`, an absolute path or
/// a link to it).
fn once_each(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    files.into_iter().filter(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))).collect()
}

/// Make ids unique in order: a repeated id gets `~2`, `~3` …
fn unique_ids(ids: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    ids.into_iter()
        .map(|id| {
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                id
            } else {
                format!("{id}~{n}")
            }
        })
        .collect()
}

impl Corpus {
    /// Read files, folders (recursively) and glob patterns.
    pub fn read(specs: &[String], opts: &Options) -> Corpus {
        let (items, mut corpus) = Corpus::plan(specs);
        corpus.extend(Corpus::read_planned(&items, opts));
        corpus
    }

    /// Expand files, folders and globs into the files to read, each with the
    /// doc_id it gets (unique over the whole list); the returned corpus holds
    /// only the problems met (missing paths, skipped files). Reading the items in
    /// batches or on other machines gives the same documents as one `read`.
    pub fn plan(specs: &[String]) -> (Vec<(PathBuf, String)>, Corpus) {
        let mut corpus = Corpus::default();
        let mut files: Vec<PathBuf> = Vec::new();
        for input in read::expand(specs) {
            match input {
                Input::File(p) => files.push(p),
                Input::Skipped(p, why) => corpus.errors.push(Problem {
                    source: p.display().to_string(),
                    doc_id: None,
                    severity: "warning",
                    kind: "skipped".into(),
                    message: format!("{}: skipped: {why}", p.display()),
                }),
                Input::Missing(e) => {
                    corpus.errors.push(Problem::error(&e, e.path().map(|p| p.display().to_string()).unwrap_or_default()));
                    corpus.failures.push(e);
                }
            }
        }
        let files = once_each(files);
        let ids = unique_ids(files.iter().map(|p| stem_of(p)).collect());
        (files.into_iter().zip(ids).collect(), corpus)
    }

    /// Read files given with their doc_ids (see [`Corpus::plan`]).
    pub fn read_planned(items: &[(PathBuf, String)], opts: &Options) -> Corpus {
        let load = |(path, id): &(PathBuf, String)| {
            let loaded = load_file(path, opts)?;
            Ok(Unread { id: id.clone(), source: loaded.source, raw: loaded.text.into(), warnings: loaded.warnings, key: path.clone() })
        };
        let results = run_in_pool(opts.threads, || in_batches(items, |(p, _)| p.display().to_string(), load, opts));
        let mut corpus = Corpus::default();
        corpus.absorb(results, items.iter().map(|(p, _)| p.display().to_string()).collect());
        corpus
    }

    /// Read in-memory texts given as (name, text) pairs; the name is the doc_id.
    pub fn from_texts(items: Vec<(String, String)>, opts: &Options) -> Corpus {
        Corpus::from_text_pairs(&items, opts)
    }

    fn from_text_pairs<'a>(items: &'a [(String, String)], opts: &Options) -> Corpus {
        let ids = unique_ids(items.iter().map(|(n, _)| n.clone()).collect());
        let named: Vec<(&'a str, &'a str, String)> = items.iter().zip(ids).map(|((n, t), id)| (n.as_str(), t.as_str(), id)).collect();
        let load = |(name, text, id): &(&'a str, &'a str, String)| -> Result<Unread<'a>, Error> {
            let (name, text) = (*name, *text);
            if text.len() as u64 > opts.max_bytes {
                return Err(Error::TooLarge { path: PathBuf::from(name), size: text.len() as u64, limit: opts.max_bytes });
            }
            let source = Source { source: name.to_string(), format: "text".into(), encoding: "utf-8".into(), bytes: text.len() as u64 };
            Ok(Unread { id: id.clone(), source, raw: text.into(), warnings: Vec::new(), key: PathBuf::from(name) })
        };
        let results = run_in_pool(opts.threads, || in_batches(&named, |(n, _, _)| n.to_string(), load, opts));
        let mut corpus = Corpus::default();
        corpus.absorb(results, items.iter().map(|(n, _)| n.clone()).collect());
        corpus
    }

    fn absorb(&mut self, results: Vec<Result<Document, Error>>, sources: Vec<String>) {
        for (r, src) in results.into_iter().zip(sources) {
            match r {
                Ok(doc) => {
                    for w in &doc.warnings {
                        self.errors.push(Problem {
                            source: src.clone(),
                            doc_id: Some(doc.doc_id.clone()),
                            severity: "warning",
                            kind: w.kind.code().into(),
                            message: format!("{src}: {w}"),
                        });
                    }
                    self.documents.push(doc);
                }
                Err(e) => {
                    self.errors.push(Problem::error(&e, src));
                    self.failures.push(e);
                }
            }
        }
    }

    /// A document by id.
    pub fn get(&self, doc_id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.doc_id == doc_id)
    }

    /// Join corpora (documents and problems, in order).
    pub fn extend(&mut self, other: Corpus) {
        self.documents.extend(other.documents);
        self.errors.extend(other.errors);
        self.failures.extend(other.failures);
    }

    /// The documents whose doc_id is in `keep`, in this corpus's order, with the
    /// warnings about them (a selection such as `corpus.filter(province="吉林")`;
    /// files that were not read belong to no selection).
    ///
    /// ```
    /// # use zhengce::pipeline::corpus::{Corpus, Options};
    /// let c = Corpus::from_texts(vec![("a".into(), "一、任务\n落实。".into()), ("b".into(), "一、任务\n加强。".into())], &Options::default());
    /// let keep: std::collections::HashSet<String> = ["b".to_string()].into();
    /// assert_eq!(c.subset(&keep).documents[0].doc_id, "b");
    /// ```
    pub fn subset(&self, keep: &std::collections::HashSet<String>) -> Corpus {
        Corpus {
            documents: self.documents.iter().filter(|d| keep.contains(&d.doc_id)).cloned().collect(),
            errors: self.errors.iter().filter(|e| e.doc_id.as_ref().is_some_and(|d| keep.contains(d))).cloned().collect(),
            failures: Vec::new(),
        }
    }
}

/// Runs `f` on a rayon pool of `threads` threads (None or 0: the global pool).
pub fn run_in_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match threads {
        Some(n) if n > 0 => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(f),
            Err(_) => f(),
        },
        _ => f(),
    }
}

fn apply_override(doc: &mut Document, opts: &Options, path: &Path) -> Result<(), Error> {
    if opts.overrides.is_empty() {
        return Ok(());
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let key_candidates = [doc.doc_id.as_str(), name, doc.source.source.as_str()];
    let Some(o) = key_candidates.iter().find_map(|k| opts.overrides.get(*k)) else { return Ok(()) };
    apply_meta_override(&mut doc.meta, o)
}

/// Set the fields an override gives; the year follows a new date unless given.
pub fn apply_meta_override(meta: &mut Meta, o: &MetaOverride) -> Result<(), Error> {
    if let Some(p) = &o.province {
        meta.province = Some(p.clone());
        meta.province_source = Some("override".into());
    }
    if let Some(v) = &o.issuer {
        meta.issuer = Some(v.clone());
    }
    if let Some(v) = &o.doc_number {
        meta.doc_number = Some(crate::text::lines::normalize_doc_number(v));
    }
    if let Some(v) = &o.title {
        meta.title = Some(v.clone());
    }
    if let Some(v) = &o.date {
        let d =
            parse_iso(v).ok_or_else(|| Error::Value { field: "date".into(), reason: format!("{v:?} is not a date in YYYY-MM-DD form") })?;
        meta.date = Some(d);
        meta.year = Some(d.year);
    }
    if let Some(y) = o.year {
        meta.year = Some(y);
    }
    Ok(())
}

/// Parse `YYYY-MM-DD` (or any date form [`crate::text::dates::find_date`] reads).
pub fn parse_iso(s: &str) -> Option<Ymd> {
    let t = s.trim();
    let p: Vec<&str> = t.split('-').collect();
    if p.len() == 3 {
        if let (Ok(y), Ok(m), Ok(d)) = (p[0].parse(), p[1].parse(), p[2].get(..2).unwrap_or(p[2]).parse()) {
            return Ymd::new(y, m, d);
        }
    }
    crate::text::dates::find_date(t).map(|(d, _, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legacy_word_file_is_read_like_its_text() {
        let dir = std::env::temp_dir().join(format!("zhengce-doc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "关于加强基层民政工作的通知\r一、总体要求\r（一）提高标准。到2020年，城市低保标准不低于当地居民人均可支配收入的20%。（责任单位：省民政厅、省财政厅）\r";
        std::fs::write(dir.join("通知.doc"), crate::input::formats::doc::tests::make_doc(&[(text, false)])).unwrap();
        std::fs::write(dir.join("通知.txt"), text.replace('\r', "\n")).unwrap();
        let c = Corpus::read(&[dir.display().to_string()], &Options::default());
        std::fs::remove_dir_all(&dir).ok();
        assert!(c.errors.iter().all(|e| e.severity != "error"), "{:?}", c.errors);
        let (doc, txt) = (&c.documents[0], &c.documents[1]);
        assert_eq!((doc.source.format.as_str(), txt.source.format.as_str()), ("doc", "text"));
        assert_eq!(doc.text, txt.text);
        let records = |d: &Document| d.records().map(|(_, b)| (b.path.to_string(), b.departments.len())).collect::<Vec<_>>();
        assert_eq!(records(doc), [(String::new(), 0), ("1.1".to_string(), 2)]);
        assert_eq!(records(doc), records(txt));
        assert_eq!(doc.targets.len(), 1);
    }

    #[test]
    fn bad_files_do_not_lose_good_ones() {
        let dir = std::env::temp_dir().join(format!("zhengce-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "一、总体要求\n全面落实。加强建设。").unwrap();
        std::fs::write(dir.join("b.txt"), (0..5000u32).map(|i| (i * 31 % 256) as u8).collect::<Vec<u8>>()).unwrap();
        let c = Corpus::read(&[dir.display().to_string(), dir.join("missing.txt").display().to_string()], &Options::default());
        assert_eq!(c.documents.len(), 1);
        let kinds: Vec<_> = c.errors.iter().filter(|e| e.severity == "error").map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["not_found", "decode"]);
        assert!(c.errors.iter().all(|e| e.message.contains(&*dir.display().to_string())));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_file_named_by_several_patterns_is_read_once() {
        let dir = std::env::temp_dir().join(format!("zhengce-once-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.txt"), "一、总体要求\n全面落实。").unwrap();
        std::fs::write(dir.join("sub").join("b.txt"), "一、总体要求\n加强建设。").unwrap();
        let d = dir.display().to_string();
        let specs = [format!("{d}/a.txt"), format!("{d}/./a.txt"), d.clone(), format!("{d}/**/*.txt")];
        let (items, problems) = Corpus::plan(&specs);
        let ids: Vec<&str> = items.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert!(problems.errors.is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }

    /// Reading in batches (cut all, then label all) must give each document
    /// exactly what reading it alone gives, and a failure stays the failing
    /// document's own.
    #[test]
    fn a_document_read_in_a_batch_is_read_as_alone() {
        let bodies = [
            "一、总体要求\n（一）提高标准。到2025年，城乡低保标准提高10%以上。（责任单位：省民政厅、省财政厅）\n",
            "第一条 为了规范殡葬管理，制定本办法。\n第二条 县级以上人民政府民政部门负责本行政区域内的殡葬管理工作。\n",
            "1．加强养老服务体系建设，新建社区养老服务设施200个。牵头单位：市民政局\n2．完善社会救助制度。\n",
        ];
        let items: Vec<(String, String)> =
            (0..150).map(|i| (format!("d{i}"), format!("关于印发第{i}号方案的通知\n{}", bodies[i % 3].repeat(1 + i % 4)))).collect();
        let mut opts = Options { threads: Some(1), ..Default::default() };
        // One document in the second batch fails; its neighbours must not.
        opts.overrides.insert("d40".into(), MetaOverride { date: Some("soon".into()), ..Default::default() });
        let c = Corpus::from_texts(items.clone(), &opts);
        assert_eq!(c.documents.len(), 149);
        assert_eq!(c.failures.len(), 1);
        assert!(c.errors.iter().any(|e| e.kind == "value" && e.source == "d40"));
        let res = Resources::default();
        for doc in &c.documents {
            let text = &items.iter().find(|(n, _)| *n == doc.doc_id).unwrap().1;
            let alone = process(&doc.doc_id, doc.source.clone(), text, Vec::new(), &res);
            let alone = crate::pipeline::messy::finish(text, alone, &doc.doc_id).unwrap();
            assert_eq!(doc, &alone, "{}", doc.doc_id);
        }
    }

    #[test]
    fn overrides_win() {
        let mut opts = Options::default();
        opts.overrides
            .insert("x".into(), MetaOverride { province: Some("广东".into()), date: Some("2021-05-06".into()), ..Default::default() });
        let c = Corpus::from_texts(vec![("x".into(), "吉林省民政厅关于印发《方案》的通知\n一、总体\n落实。加强。".into())], &opts);
        let m = &c.documents[0].meta;
        assert_eq!((m.province.as_deref(), m.year), (Some("广东"), Some(2021)));
        let mut bad = Options::default();
        bad.overrides.insert("x".into(), MetaOverride { date: Some("soon".into()), ..Default::default() });
        let c = Corpus::from_texts(vec![("x".into(), "一、总体".into())], &bad);
        assert_eq!(c.errors[0].kind, "value");
    }
}
