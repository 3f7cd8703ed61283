//! The Python bindings: one thin layer that converts arguments, releases the
//! GIL while the core works, and hands back polars frames. No policy logic here.

mod errors;
mod options;

use std::sync::Arc;

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

use crate::frames;
use crate::pipeline::corpus::Corpus;
use errors::{internal_err, to_py_err, value_err, zc_err};
use options::{OnError, ReadOptions};

/// Run core code so that a panic (a bug) becomes `zhengce.InternalError`
/// instead of a `PanicException` that can take a notebook session down.
fn shielded<T>(py: Python<'_>, what: &str, f: impl FnOnce() -> T + Send) -> PyResult<T>
where
    T: Send,
{
    py.detach(|| crate::error::catch_panic(f))
        .map_err(|msg| internal_err(py, format!("internal error while {what} (a bug in zhengce; please report it): {msg}")))
}

/// A read corpus. Frames are built on request.
#[pyclass(name = "NativeCorpus", module = "zhengce._zhengce", frozen)]
pub struct PyCorpus {
    inner: Arc<Corpus>,
    /// The thread count it was read with: frames are built with as many.
    threads: Option<usize>,
}

/// The item of `all` whose name is `name`, or an `InvalidValueError` listing the names.
fn by_name<T: Copy>(py: Python<'_>, what: &str, name: &str, all: &[T], name_of: impl Fn(T) -> &'static str) -> PyResult<T> {
    all.iter().copied().find(|x| name_of(*x) == name).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|x| name_of(*x)).collect();
        value_err(py, format!("no {what} {name:?} (use {})", names.join(", ")))
    })
}

/// CSR parts of token counts: (indptr, indices, data, vocabulary, doc_ids, record_ids).
type CsrParts<'py> =
    (Bound<'py, PyArray1<i64>>, Bound<'py, PyArray1<i32>>, Bound<'py, PyArray1<i32>>, Vec<String>, Vec<String>, Bound<'py, PyArray1<i64>>);

#[pymethods]
impl PyCorpus {
    /// A frame by name (one of `FRAMES`).
    fn frame(&self, py: Python<'_>, name: &str) -> PyResult<PyDataFrame> {
        let frame = *by_name(py, "frame", name, &frames::FRAMES.iter().collect::<Vec<_>>(), |f| f.name)?;
        let (c, threads, build) = (self.inner.clone(), self.threads, frame.build);
        shielded(py, &format!("building the {name} frame"), move || crate::pipeline::corpus::run_in_pool(threads, || build(&c)))?
            .map(PyDataFrame)
            .map_err(|e| internal_err(py, format!("building the {name} frame failed: {e}")))
    }

    /// Token counts of the records as a sparse CSR matrix: (indptr, indices,
    /// data, vocabulary, doc_ids, record_ids). `kinds`: record kinds to count
    /// (None: all records); `tokens`: token kinds counted (word, stop, number, punct).
    #[pyo3(signature = (kinds=None, tokens=vec!["word".to_string()]))]
    fn token_counts<'py>(&self, py: Python<'py>, kinds: Option<Vec<String>>, tokens: Vec<String>) -> PyResult<CsrParts<'py>> {
        use crate::lexicon::tokens::TokenKind;
        use crate::model::document::BlockKind;
        let kinds: Option<Vec<BlockKind>> =
            kinds.map(|ks| ks.iter().map(|k| by_name(py, "record kind", k, &BlockKind::ALL, BlockKind::name)).collect()).transpose()?;
        let count: Vec<TokenKind> =
            tokens.iter().map(|t| by_name(py, "token kind", t, &TokenKind::ALL, TokenKind::name)).collect::<PyResult<_>>()?;
        let c = self.inner.clone();
        let m = shielded(py, "counting tokens", move || crate::label::token_counts(&c.documents, kinds.as_deref(), &count))?;
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
    fn text(&self, py: Python<'_>, doc_id: &str) -> PyResult<String> {
        self.inner.get(doc_id).map(|d| d.text.clone()).ok_or_else(|| {
            zc_err(
                py,
                "UnknownDocumentError",
                format!("no document with doc_id {doc_id:?}"),
                None,
                Some("value"),
                &[("doc_id", doc_id.into())],
            )
        })
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

/// Reads with `options`: the dictionaries loaded, `read` run without the GIL
/// and guarded against panics, and with on_error="raise" the first problem raised.
fn read_with(
    py: Python<'_>,
    options: &ReadOptions,
    read: impl FnOnce(&crate::pipeline::corpus::Options) -> Corpus + Send,
) -> PyResult<PyCorpus> {
    let opts = options.load(py)?;
    let threads = opts.threads;
    let c = shielded(py, "reading", move || read(&opts))?;
    if options.on_error == OnError::Raise {
        if let Some(e) = c.failures.first() {
            return Err(to_py_err(py, e));
        }
    }
    Ok(PyCorpus { inner: Arc::new(c), threads })
}

/// Read files, folders (recursively) and glob patterns.
#[pyfunction]
fn read(py: Python<'_>, paths: Vec<String>, options: PyRef<'_, ReadOptions>) -> PyResult<PyCorpus> {
    read_with(py, &options, move |o| Corpus::read(&paths, o))
}

/// Expand files, folders and globs into (path, doc_id) pairs, and a corpus
/// holding the problems met (missing paths, skipped files).
#[pyfunction]
fn plan(py: Python<'_>, paths: Vec<String>) -> PyResult<(Vec<(String, String)>, PyCorpus)> {
    let (items, problems) = shielded(py, "listing the files", move || Corpus::plan(&paths))?;
    Ok((items.into_iter().map(|(p, id)| (p.display().to_string(), id)).collect(), PyCorpus { inner: Arc::new(problems), threads: None }))
}

/// Read files given with their doc_ids (from `plan`): the same documents a
/// single `read` gives, whatever the batches or machines.
#[pyfunction]
fn read_planned(py: Python<'_>, items: Vec<(String, String)>, options: PyRef<'_, ReadOptions>) -> PyResult<PyCorpus> {
    let items: Vec<(std::path::PathBuf, String)> = items.into_iter().map(|(p, id)| (p.into(), id)).collect();
    read_with(py, &options, move |o| Corpus::read_planned(&items, o))
}

/// Read in-memory texts given as (name, text) pairs.
#[pyfunction]
fn read_texts(py: Python<'_>, items: Vec<(String, String)>, options: PyRef<'_, ReadOptions>) -> PyResult<PyCorpus> {
    read_with(py, &options, move |o| Corpus::from_texts(items, o))
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
    m.add_class::<PyCorpus>()?;
    m.add_class::<ReadOptions>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(read_texts, m)?)?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_function(wrap_pyfunction!(read_planned, m)?)?;
    m.add_function(wrap_pyfunction!(dictionary_loads, m)?)?;
    m.add_function(wrap_pyfunction!(concat_all, m)?)?;
    m.add_function(wrap_pyfunction!(read_number, m)?)?;
    m.add_function(wrap_pyfunction!(parse_chinese_numeral, m)?)?;
    // The one list of frames: (name, doc line, written by default).
    let names: Vec<(&str, &str, bool)> = frames::FRAMES.iter().map(|f| (f.name, f.doc, f.written)).collect();
    m.add("FRAMES", names)?;
    // The one list of dictionary kinds: (name, doc line).
    let dicts: Vec<(&str, &str)> = crate::label::DICTIONARIES.iter().map(|d| (d.name, d.doc)).collect();
    m.add("DICTIONARIES", dicts)?;
    // The error kinds: (kind, meaning).
    m.add("ERROR_KINDS", crate::error::ERROR_KINDS.to_vec())?;
    let warnings: Vec<&str> = crate::error::WarningKind::ALL.iter().map(|k| k.code()).collect();
    m.add("WARNING_KINDS", warnings)?;
    // Kinds the frames and token counts use (the .pyi types them as Literals).
    let blocks: Vec<&str> = crate::model::document::BlockKind::ALL.iter().map(|k| k.name()).collect();
    m.add("BLOCK_KINDS", blocks)?;
    let tokens: Vec<&str> = crate::lexicon::tokens::TokenKind::ALL.iter().map(|k| k.name()).collect();
    m.add("TOKEN_KINDS", tokens)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
