//! The Python bindings: one thin layer that converts arguments, releases the
//! GIL while the core works, and hands back polars frames. No policy logic here.

use std::collections::HashMap;
use std::sync::Arc;

use numpy::PyArray1;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

use crate::error::Error;
use crate::frames;
use crate::pipeline::corpus::{Corpus, MetaOverride, Options};

create_exception!(_zhengce, ZhengceError, PyException, "Base class of every error zhengce raises.");
create_exception!(_zhengce, ReadError, ZhengceError, "A file could not be read (missing, unreadable, bad glob pattern).");
create_exception!(_zhengce, DecodeError, ZhengceError, "A file's bytes are not text in a recognised encoding.");
create_exception!(_zhengce, FormatError, ZhengceError, "A file's format cannot be read (binary, legacy Word, scanned PDF ...).");
create_exception!(_zhengce, DocumentTooLargeError, ZhengceError, "A document is larger than the configured `max_bytes`.");
create_exception!(_zhengce, DataFileError, ZhengceError, "A dictionary, taxonomy or manifest file is malformed.");
create_exception!(_zhengce, InternalError, ZhengceError, "A bug in zhengce, caught and reported instead of crashing.");

/// Convert a core error into the matching Python exception.
pub fn to_py(e: &Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::Io { .. } | Error::NotFound { .. } | Error::Pattern { .. } => ReadError::new_err(msg),
        Error::Decode { .. } => DecodeError::new_err(msg),
        Error::Format { .. } => FormatError::new_err(msg),
        Error::TooLarge { .. } => DocumentTooLargeError::new_err(msg),
        Error::DataFile { .. } => DataFileError::new_err(msg),
        Error::Value { .. } => PyValueError::new_err(msg),
        Error::Internal { .. } => InternalError::new_err(msg),
    }
}

fn polars_err(e: polars::prelude::PolarsError) -> PyErr {
    InternalError::new_err(format!("building a frame failed: {e}"))
}

/// The Python exception of a core error, with the file (`path`, `None` when
/// the error concerns no file) and the `kind` of `corpus.errors` as attributes.
pub fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let err = to_py(e);
    let value = err.value(py);
    let _ = value.setattr("path", e.path().map(|p| p.display().to_string()));
    let _ = value.setattr("kind", e.kind());
    err
}

/// Run core code so that a panic (a bug) becomes `zhengce.InternalError`
/// instead of a `PanicException` that can take a notebook session down.
fn shielded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error while {what} (a bug in zhengce; please report it): {msg}")
    })
}

/// A read corpus. Frames are built on request.
#[pyclass(name = "NativeCorpus", module = "zhengce._zhengce", frozen)]
pub struct PyCorpus {
    inner: Arc<Corpus>,
    /// The thread count it was read with: frames are built with as many.
    threads: Option<usize>,
}

#[pymethods]
impl PyCorpus {
    /// A frame by name: documents, records, headings, blocks, departments,
    /// targets, slogans, deadlines or errors.
    fn frame(&self, py: Python<'_>, name: &str) -> PyResult<PyDataFrame> {
        let build: fn(&Corpus) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> = match name {
            "documents" => frames::documents,
            "records" => frames::records,
            "headings" => frames::headings,
            "blocks" => frames::blocks,
            "departments" => frames::departments,
            "targets" => frames::targets,
            "slogans" => frames::slogans,
            "deadlines" => frames::deadlines,
            "errors" => frames::errors,
            "themes" => frames::themes,
            "instruments" => frames::instruments,
            "tokens" => frames::tokens,
            other => return Err(PyValueError::new_err(format!("no frame named {other:?}"))),
        };
        let c = self.inner.clone();
        let what = format!("building the {name} frame");
        let threads = self.threads;
        py.detach(move || shielded(&what, || crate::pipeline::corpus::run_in_pool(threads, || build(&c))))
            .map_err(InternalError::new_err)?
            .map(PyDataFrame)
            .map_err(polars_err)
    }

    /// Token counts of the records as a sparse CSR matrix: (indptr, indices,
    /// data, vocabulary, doc_ids, record_ids). `kinds`: record kinds to count
    /// (None: all records); `tokens`: token kinds counted (word, stop, number, punct).
    #[pyo3(signature = (kinds=None, tokens=vec!["word".to_string()]))]
    #[allow(clippy::type_complexity)]
    fn token_counts<'py>(
        &self,
        py: Python<'py>,
        kinds: Option<Vec<String>>,
        tokens: Vec<String>,
    ) -> PyResult<(
        Bound<'py, PyArray1<i64>>,
        Bound<'py, PyArray1<i32>>,
        Bound<'py, PyArray1<i32>>,
        Vec<String>,
        Vec<String>,
        Bound<'py, PyArray1<i64>>,
    )> {
        use crate::lexicon::tokens::TokenKind;
        use crate::model::document::BlockKind;
        let kinds: Option<Vec<BlockKind>> = kinds
            .map(|ks| {
                ks.iter()
                    .map(|k| {
                        BlockKind::ALL
                            .iter()
                            .copied()
                            .find(|b| b.name() == k)
                            .ok_or_else(|| PyValueError::new_err(format!("no record kind {k:?}")))
                    })
                    .collect::<PyResult<_>>()
            })
            .transpose()?;
        let all = [TokenKind::Word, TokenKind::Stop, TokenKind::Number, TokenKind::Punct];
        let count: Vec<TokenKind> = tokens
            .iter()
            .map(|t| {
                all.iter()
                    .copied()
                    .find(|k| k.name() == t)
                    .ok_or_else(|| PyValueError::new_err(format!("no token kind {t:?} (use word, stop, number, punct)")))
            })
            .collect::<PyResult<_>>()?;
        let c = self.inner.clone();
        let m = py
            .detach(move || shielded("counting tokens", || crate::label::token_counts(&c.documents, kinds.as_deref(), &count)))
            .map_err(InternalError::new_err)?;
        Ok((
            PyArray1::from_vec(py, m.indptr),
            PyArray1::from_vec(py, m.indices),
            PyArray1::from_vec(py, m.data),
            m.vocabulary,
            m.doc_ids,
            PyArray1::from_vec(py, m.record_ids),
        ))
    }

    /// The normalised text of a document (all offsets point into it).
    fn text(&self, doc_id: &str) -> PyResult<String> {
        self.inner
            .get(doc_id)
            .map(|d| d.text.clone())
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(format!("no document with doc_id {doc_id:?}")))
    }

    /// The doc_ids, in reading order.
    fn doc_ids(&self) -> Vec<String> {
        self.inner.documents.iter().map(|d| d.doc_id.clone()).collect()
    }

    /// A corpus holding this one's documents followed by the other's.
    fn concat(&self, other: &PyCorpus) -> PyCorpus {
        let mut c = (*self.inner).clone();
        c.extend((*other.inner).clone());
        PyCorpus { inner: Arc::new(c), threads: self.threads }
    }

    /// A corpus of the documents whose doc_id is listed (in this corpus's order).
    fn subset(&self, doc_ids: Vec<String>) -> PyCorpus {
        let keep: std::collections::HashSet<String> = doc_ids.into_iter().collect();
        PyCorpus { inner: Arc::new(self.inner.subset(&keep)), threads: self.threads }
    }

    fn __len__(&self) -> usize {
        self.inner.documents.len()
    }
}

fn options(
    threads: Option<usize>,
    max_bytes: Option<u64>,
    overrides: Option<HashMap<String, HashMap<String, Option<String>>>>,
) -> PyResult<Options> {
    let mut opts = Options::default();
    opts.threads = threads;
    if let Some(m) = max_bytes {
        opts.max_bytes = m;
    }
    for (key, fields) in overrides.unwrap_or_default() {
        let mut o = MetaOverride::default();
        for (k, v) in fields {
            let Some(v) = v.filter(|s| !s.trim().is_empty()) else { continue };
            match k.as_str() {
                "province" => o.province = Some(v),
                "issuer" => o.issuer = Some(v),
                "doc_number" => o.doc_number = Some(v),
                "title" => o.title = Some(v),
                "date" => o.date = Some(v),
                "year" => {
                    o.year = Some(
                        v.trim().parse().map_err(|_| PyValueError::new_err(format!("override for {key:?}: year {v:?} is not a number")))?,
                    )
                }
                other => {
                    return Err(PyValueError::new_err(format!(
                        "override for {key:?}: unknown field {other:?} (use province, issuer, doc_number, title, date, year)"
                    )))
                }
            }
        }
        opts.overrides.insert(key, o);
    }
    Ok(opts)
}

/// The dictionaries of a read: a map of user_dict, stopwords, themes,
/// instruments, strength, departments to lists of paths ("<default>" is the
/// shipped file), and jieba's HMM switch.
fn configure(py: Python<'_>, opts: &mut Options, dictionaries: Option<HashMap<String, Vec<String>>>, hmm: bool) -> PyResult<()> {
    use crate::lexicon::tokens::Source;
    let mut cfg = crate::label::Config { hmm, ..Default::default() };
    for (key, paths) in dictionaries.unwrap_or_default() {
        let sources: Vec<Source> =
            paths.into_iter().map(|p| if p == "<default>" { Source::Default } else { Source::File(p.into()) }).collect();
        match key.as_str() {
            "user_dict" => cfg.user_dicts = sources,
            "stopwords" => cfg.stopwords = sources,
            "themes" => cfg.themes = Some(sources),
            "instruments" => cfg.instruments = Some(sources),
            "strength" => cfg.strength = Some(sources),
            "departments" => cfg.departments = sources,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown dictionary {other:?} (use user_dict, stopwords, themes, instruments, strength, departments)"
                )))
            }
        }
    }
    // Building a configuration loads jieba's dictionary: without the GIL.
    opts.resources = py
        .detach(move || shielded("loading the dictionaries", || crate::pipeline::corpus::Resources::configured(&cfg)))
        .map_err(InternalError::new_err)?
        .map_err(|e| to_py(&e))?;
    Ok(())
}

/// `on_error` is checked before anything is read.
fn check_on_error(on_error: &str) -> PyResult<()> {
    match on_error {
        "collect" | "raise" => Ok(()),
        other => Err(PyValueError::new_err(format!("on_error must be \"collect\" or \"raise\", not {other:?}"))),
    }
}

fn finish(py: Python<'_>, c: Result<Corpus, String>, on_error: &str, threads: Option<usize>) -> PyResult<PyCorpus> {
    let c = c.map_err(InternalError::new_err)?;
    if on_error == "raise" {
        if let Some(e) = c.failures.first() {
            return Err(to_py_err(py, e));
        }
    }
    Ok(PyCorpus { inner: Arc::new(c), threads })
}

/// Read files, folders (recursively) and glob patterns.
#[pyfunction]
#[pyo3(signature = (paths, *, threads=None, max_bytes=None, overrides=None, on_error="collect", dictionaries=None, hmm=false))]
#[allow(clippy::too_many_arguments)]
fn read(
    py: Python<'_>,
    paths: Vec<String>,
    threads: Option<usize>,
    max_bytes: Option<u64>,
    overrides: Option<HashMap<String, HashMap<String, Option<String>>>>,
    on_error: &str,
    dictionaries: Option<HashMap<String, Vec<String>>>,
    hmm: bool,
) -> PyResult<PyCorpus> {
    check_on_error(on_error)?;
    let mut opts = options(threads, max_bytes, overrides)?;
    configure(py, &mut opts, dictionaries, hmm)?;
    let c = py.detach(move || shielded("reading", || Corpus::read(&paths, &opts)));
    finish(py, c, on_error, threads)
}

/// Expand files, folders and globs into (path, doc_id) pairs, and a corpus
/// holding the problems met (missing paths, skipped files).
#[pyfunction]
fn plan(py: Python<'_>, paths: Vec<String>) -> PyResult<(Vec<(String, String)>, PyCorpus)> {
    let (items, problems) = py.detach(move || shielded("listing the files", || Corpus::plan(&paths))).map_err(InternalError::new_err)?;
    Ok((items.into_iter().map(|(p, id)| (p.display().to_string(), id)).collect(), PyCorpus { inner: Arc::new(problems), threads: None }))
}

/// Read files given with their doc_ids (from `plan`): the same documents a
/// single `read` gives, whatever the batches or machines.
#[pyfunction]
#[pyo3(signature = (items, *, threads=None, max_bytes=None, overrides=None, on_error="collect", dictionaries=None, hmm=false))]
#[allow(clippy::too_many_arguments)]
fn read_planned(
    py: Python<'_>,
    items: Vec<(String, String)>,
    threads: Option<usize>,
    max_bytes: Option<u64>,
    overrides: Option<HashMap<String, HashMap<String, Option<String>>>>,
    on_error: &str,
    dictionaries: Option<HashMap<String, Vec<String>>>,
    hmm: bool,
) -> PyResult<PyCorpus> {
    check_on_error(on_error)?;
    let mut opts = options(threads, max_bytes, overrides)?;
    configure(py, &mut opts, dictionaries, hmm)?;
    let items: Vec<(std::path::PathBuf, String)> = items.into_iter().map(|(p, id)| (p.into(), id)).collect();
    let c = py.detach(move || shielded("reading", || Corpus::read_planned(&items, &opts)));
    finish(py, c, on_error, threads)
}

/// The corpora one after the other, each copied once (reading in batches to
/// show progress, then joining the batches).
#[pyfunction]
fn concat_all(parts: Vec<PyRef<'_, PyCorpus>>) -> PyCorpus {
    let mut c = Corpus::default();
    let threads = parts.first().and_then(|p| p.threads);
    for p in &parts {
        c.extend((*p.inner).clone());
    }
    PyCorpus { inner: Arc::new(c), threads }
}

/// How many times this process has loaded the dictionaries.
#[pyfunction]
fn dictionary_loads() -> usize {
    crate::pipeline::corpus::dictionary_loads()
}

/// Read in-memory texts given as (name, text) pairs.
#[pyfunction]
#[pyo3(signature = (items, *, threads=None, max_bytes=None, overrides=None, on_error="collect", dictionaries=None, hmm=false))]
#[allow(clippy::too_many_arguments)]
fn read_texts(
    py: Python<'_>,
    items: Vec<(String, String)>,
    threads: Option<usize>,
    max_bytes: Option<u64>,
    overrides: Option<HashMap<String, HashMap<String, Option<String>>>>,
    on_error: &str,
    dictionaries: Option<HashMap<String, Vec<String>>>,
    hmm: bool,
) -> PyResult<PyCorpus> {
    check_on_error(on_error)?;
    let mut opts = options(threads, max_bytes, overrides)?;
    configure(py, &mut opts, dictionaries, hmm)?;
    let c = py.detach(move || shielded("reading", || Corpus::from_texts(items, &opts)));
    finish(py, c, on_error, threads)
}

/// Read the number at the start of `text` (Arabic or Chinese numerals, 万/亿,
/// percentages): (value, end, percent) with `end` a character offset, or None.
#[pyfunction]
fn read_number(text: &str) -> Option<(f64, usize, bool)> {
    let n = crate::text::numbers::read_number(text, 0)?;
    Some((n.value, text[..n.end].chars().count(), n.percent))
}

/// The value of a whole Chinese numeral (一百零五 → 105), or None.
#[pyfunction]
fn parse_chinese_numeral(text: &str) -> Option<u64> {
    crate::text::numbers::parse_cn_int(text)
}

#[pymodule]
fn _zhengce(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyCorpus>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(read_texts, m)?)?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_function(wrap_pyfunction!(read_planned, m)?)?;
    m.add_function(wrap_pyfunction!(dictionary_loads, m)?)?;
    m.add_function(wrap_pyfunction!(concat_all, m)?)?;
    m.add_function(wrap_pyfunction!(read_number, m)?)?;
    m.add_function(wrap_pyfunction!(parse_chinese_numeral, m)?)?;
    m.add("ZhengceError", py.get_type::<ZhengceError>())?;
    m.add("ReadError", py.get_type::<ReadError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    m.add("DocumentTooLargeError", py.get_type::<DocumentTooLargeError>())?;
    m.add("DataFileError", py.get_type::<DataFileError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
