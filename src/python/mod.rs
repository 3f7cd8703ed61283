//! The Python bindings: one thin layer that converts arguments, releases the
//! GIL while the core works, and hands back polars frames. No policy logic here.

mod errors;
mod options;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

use crate::compare::matrix::{Csr, RecordCounts};
use crate::error::Error;
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
    /// Word counts of the task records, made on first use by the statistics
    /// (with and without the attribution), and their default tf-idf.
    cache: Arc<StatsCache>,
}

#[derive(Default)]
struct StatsCache {
    counts: [OnceLock<Arc<RecordCounts>>; 2],
    tfidf: OnceLock<Arc<Csr>>,
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

    /// Feature counts by group (`compare::features`): `documents` is the
    /// documents frame whose `by` column makes the groups.
    #[pyo3(signature = (documents, by, what, form="long", measure=None))]
    fn compare(
        &self,
        py: Python<'_>,
        documents: PyDataFrame,
        by: &str,
        what: &str,
        form: &str,
        measure: Option<&str>,
    ) -> PyResult<PyDataFrame> {
        use crate::compare::{features, Groups};
        let what = features::What::parse(what).map_err(|e| to_py_err(py, &e))?;
        let (by, form, measure) = (by.to_string(), form.to_string(), measure.unwrap_or("n").to_string());
        self.run(py, "comparing groups", move |c| {
            let g = Groups::from_frame(&documents.0, &by)?;
            match form.as_str() {
                "long" => features::compare(&c.documents, &g, what),
                "wide" => features::compare_wide(&c.documents, &g, what, &measure),
                other => Err(Error::Value { field: "form".into(), reason: format!("{other:?} is not long or wide") }),
            }
        })
        .map(PyDataFrame)
    }

    /// One row per group summing up its documents (`compare::features::overview`).
    fn overview(&self, py: Python<'_>, documents: PyDataFrame, by: &str) -> PyResult<PyDataFrame> {
        let by = by.to_string();
        self.run(py, "summing up groups", move |c| {
            let g = crate::compare::Groups::from_frame(&documents.0, &by)?;
            crate::compare::features::overview(&c.documents, &g)
        })
        .map(PyDataFrame)
    }

    /// Comparable targets across documents (`compare::targets`).
    #[pyo3(signature = (documents, by="province", min_documents=2))]
    fn compare_targets(&self, py: Python<'_>, documents: PyDataFrame, by: &str, min_documents: usize) -> PyResult<PyDataFrame> {
        let by = by.to_string();
        self.run(py, "comparing targets", move |c| {
            let g = crate::compare::Groups::from_frame(&documents.0, &by)?;
            crate::compare::targets::compare_targets(&c.documents, &g, min_documents)
        })
        .map(PyDataFrame)
    }

    /// Keyness of the words of group `target` (`compare::keyness`);
    /// `reference`: None (the rest), a group value, or word counts.
    #[pyo3(signature = (documents, target, by, reference=None, reference_counts=None, measure="chi2", correction=None, exclude_attribution=true))]
    #[allow(clippy::too_many_arguments)]
    fn keyness(
        &self,
        py: Python<'_>,
        documents: PyDataFrame,
        target: &str,
        by: &str,
        reference: Option<String>,
        reference_counts: Option<HashMap<String, f64>>,
        measure: &str,
        correction: Option<&str>,
        exclude_attribution: bool,
    ) -> PyResult<PyDataFrame> {
        use crate::compare::keyness::{self, Correction, Measure, Reference};
        let measure = Measure::parse(measure).map_err(|e| to_py_err(py, &e))?;
        let correction = Correction::parse(correction).map_err(|e| to_py_err(py, &e))?;
        let reference = match (reference, reference_counts) {
            (_, Some(m)) => Reference::Counts(m),
            (Some(g), None) => Reference::Group(g),
            (None, None) => Reference::Rest,
        };
        let (by, target) = (by.to_string(), target.to_string());
        let this = self.clone_ref();
        self.run(py, "computing keyness", move |c| {
            let counts = this.counts(exclude_attribution);
            let g = crate::compare::Groups::from_frame(&documents.0, &by)?;
            keyness::keyness(&c.documents, &counts, &g, &target, &reference, measure, correction)
        })
        .map(PyDataFrame)
    }

    /// Word frequencies by group (`compare::keyness::frequencies`).
    #[pyo3(signature = (documents, by, top=None, exclude_attribution=true))]
    fn frequencies(
        &self,
        py: Python<'_>,
        documents: PyDataFrame,
        by: &str,
        top: Option<usize>,
        exclude_attribution: bool,
    ) -> PyResult<PyDataFrame> {
        let by = by.to_string();
        let this = self.clone_ref();
        self.run(py, "counting frequencies", move |c| {
            let counts = this.counts(exclude_attribution);
            let g = crate::compare::Groups::from_frame(&documents.0, &by)?;
            crate::compare::keyness::frequencies(&c.documents, &counts, &g, top)
        })
        .map(PyDataFrame)
    }

    /// Keyword in context (`compare::kwic`).
    #[pyo3(signature = (pattern, window=10, regex=false))]
    fn kwic(&self, py: Python<'_>, pattern: &str, window: usize, regex: bool) -> PyResult<PyDataFrame> {
        let pattern = pattern.to_string();
        self.run(py, "finding keywords in context", move |c| crate::compare::kwic::kwic(&c.documents, &pattern, window, regex))
            .map(PyDataFrame)
    }

    /// Task alignment (`compare::align`): sides are lists of doc_ids or
    /// group values; `b=None` is every record not on side `a`.
    #[pyo3(signature = (documents, a, b, by, top_k=3, min_similarity=0.2))]
    #[allow(clippy::too_many_arguments)]
    fn align(
        &self,
        py: Python<'_>,
        documents: PyDataFrame,
        a: Vec<String>,
        b: Option<Vec<String>>,
        by: &str,
        top_k: usize,
        min_similarity: f64,
    ) -> PyResult<PyDataFrame> {
        use crate::compare::align::{align, Side};
        let by = by.to_string();
        let this = self.clone_ref();
        self.run(py, "aligning task records", move |c| {
            let counts = this.counts(true);
            let w = this.tfidf();
            let g = crate::compare::Groups::from_frame(&documents.0, &by)?;
            let b = b.map_or(Side::Rest, Side::Named);
            align(&c.documents, &counts, &w, &g, &Side::Named(a), &b, top_k, min_similarity)
        })
        .map(PyDataFrame)
    }

    /// The department network (`compare::network`): (edges, nodes).
    #[pyo3(signature = (documents, by=None))]
    fn department_network(&self, py: Python<'_>, documents: PyDataFrame, by: Option<String>) -> PyResult<(PyDataFrame, PyDataFrame)> {
        self.run(py, "building the department network", move |c| {
            let g = by.map(|by| crate::compare::Groups::from_frame(&documents.0, &by)).transpose()?;
            crate::compare::network::network(&c.documents, g.as_ref())
        })
        .map(|(e, n)| (PyDataFrame(e), PyDataFrame(n)))
    }

    /// A document-feature matrix (`compare::matrix`): CSR parts, the
    /// vocabulary and the rows frame. `by`: record, document or a column of
    /// `documents`; `weight`: count or tfidf.
    #[pyo3(signature = (documents, by="record", weight="count", exclude_attribution=true, smooth_idf=true, sublinear_tf=false, norm=Some("l2")))]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn dfm<'py>(
        &self,
        py: Python<'py>,
        documents: PyDataFrame,
        by: &str,
        weight: &str,
        exclude_attribution: bool,
        smooth_idf: bool,
        sublinear_tf: bool,
        norm: Option<&str>,
    ) -> PyResult<(F64Csr<'py>, Vec<String>, PyDataFrame)> {
        let tfidf = match weight {
            "count" => None,
            "tfidf" => Some(tfidf_options(py, smooth_idf, sublinear_tf, norm)?),
            other => return Err(value_err(py, format!("weight must be \"count\" or \"tfidf\", not {other:?}"))),
        };
        let by = by.to_string();
        let this = self.clone_ref();
        let (m, rows, vocabulary) = self.run(py, "building the document-feature matrix", move |c| {
            let counts = this.counts(exclude_attribution);
            let (m, rows) = crate::compare::matrix::grouped_matrix(&c.documents, &counts, &documents.0, &by)?;
            let m = match tfidf {
                Some(t) => t.apply(&m),
                None => m,
            };
            Ok((m, rows, counts.vocabulary.clone()))
        })?;
        Ok((csr_parts(py, m), vocabulary, PyDataFrame(rows)))
    }

    /// Similar rows of a document-feature matrix (`compare::similarity`):
    /// (pairs frame with row numbers a, b and similarity; rows frame).
    #[pyo3(signature = (documents, by="record", method="cosine", weight="tfidf", min_similarity=None, top_k=None, rows=None, exclude_attribution=true))]
    #[allow(clippy::too_many_arguments)]
    fn similarity(
        &self,
        py: Python<'_>,
        documents: PyDataFrame,
        by: &str,
        method: &str,
        weight: &str,
        min_similarity: Option<f64>,
        top_k: Option<usize>,
        rows: Option<Vec<usize>>,
        exclude_attribution: bool,
    ) -> PyResult<(PyDataFrame, PyDataFrame)> {
        use crate::compare::similarity::{similar, Method, Options};
        let method = Method::parse(method).map_err(|e| to_py_err(py, &e))?;
        let tfidf = match weight {
            "count" => false,
            "tfidf" => true,
            other => return Err(value_err(py, format!("weight must be \"count\" or \"tfidf\", not {other:?}"))),
        };
        let by = by.to_string();
        let this = self.clone_ref();
        self.run(py, "computing similarities", move |c| {
            let counts = this.counts(exclude_attribution);
            // The cached tf-idf of the records is used as it is, not copied.
            let (m, labels) = if by == "record" && tfidf && exclude_attribution {
                (this.tfidf(), crate::compare::matrix::record_labels(&c.documents, &counts)?)
            } else {
                let (m, labels) = crate::compare::matrix::grouped_matrix(&c.documents, &counts, &documents.0, &by)?;
                (Arc::new(if tfidf { crate::compare::matrix::Tfidf::default().apply(&m) } else { m }), labels)
            };
            let all: Vec<usize> = (0..m.n_rows()).collect();
            let queries = match rows {
                Some(r) => {
                    if let Some(bad) = r.iter().find(|&&x| x >= m.n_rows()) {
                        return Err(Error::Value { field: "rows".into(), reason: format!("row {bad} is past the {} rows", m.n_rows()) });
                    }
                    r
                }
                None => all.clone(),
            };
            let pairs = similar(&m, &queries, &all, method, &Options { min_similarity, top_k, keep_self: false })?;
            let pairs = crate::compare::similarity::pairs_frame(&pairs)?;
            Ok((PyDataFrame(pairs), PyDataFrame(labels)))
        })
    }

    /// The normalised text of a document (all offsets point into it).
    fn text(&self, py: Python<'_>, doc_id: &str) -> PyResult<String> {
        self.inner.get(doc_id).map(|d| d.text.to_string()).ok_or_else(|| {
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
        PyCorpus::new(c, self.threads)
    }

    /// A corpus of the documents whose doc_id is listed (in this corpus's order).
    fn subset(&self, doc_ids: Vec<String>) -> PyCorpus {
        let keep: std::collections::HashSet<String> = doc_ids.into_iter().collect();
        PyCorpus::new(self.inner.subset(&keep), self.threads)
    }

    fn __len__(&self) -> usize {
        self.inner.documents.len()
    }
}

type F64Csr<'py> = (Bound<'py, PyArray1<i64>>, Bound<'py, PyArray1<i32>>, Bound<'py, PyArray1<f64>>);

fn csr_parts(py: Python<'_>, m: Csr) -> F64Csr<'_> {
    (PyArray1::from_vec(py, m.indptr), PyArray1::from_vec(py, m.indices), PyArray1::from_vec(py, m.data))
}

fn tfidf_options(py: Python<'_>, smooth_idf: bool, sublinear_tf: bool, norm: Option<&str>) -> PyResult<crate::compare::matrix::Tfidf> {
    use crate::compare::matrix::{Norm, Tfidf};
    let norm = match norm {
        Some("l2") => Norm::L2,
        Some("l1") => Norm::L1,
        None => Norm::None,
        Some(other) => return Err(value_err(py, format!("norm must be \"l2\", \"l1\" or None, not {other:?}"))),
    };
    Ok(Tfidf { smooth_idf, sublinear_tf, norm })
}

impl PyCorpus {
    /// Another handle on the same corpus and caches (for work off the GIL).
    fn clone_ref(&self) -> PyCorpus {
        PyCorpus { inner: self.inner.clone(), threads: self.threads, cache: self.cache.clone() }
    }

    fn new(c: Corpus, threads: Option<usize>) -> PyCorpus {
        PyCorpus { inner: Arc::new(c), threads, cache: Arc::default() }
    }

    /// The word counts of the task records (cached).
    fn counts(&self, exclude_attribution: bool) -> Arc<RecordCounts> {
        let (c, threads) = (self.inner.clone(), self.threads);
        self.cache.counts[exclude_attribution as usize]
            .get_or_init(|| {
                Arc::new(crate::pipeline::corpus::run_in_pool(threads, || {
                    crate::compare::matrix::record_counts(&c.documents, exclude_attribution)
                }))
            })
            .clone()
    }

    /// The default tf-idf of the task records, attribution left out (cached).
    fn tfidf(&self) -> Arc<Csr> {
        let counts = self.counts(true);
        self.cache.tfidf.get_or_init(|| Arc::new(crate::compare::matrix::Tfidf::default().apply(&counts.matrix))).clone()
    }

    /// Run a core computation on this corpus without the GIL, on the
    /// corpus's thread count, with panics and core errors turned into
    /// Python exceptions.
    fn run<T: Send>(&self, py: Python<'_>, what: &str, f: impl FnOnce(&Corpus) -> Result<T, Error> + Send) -> PyResult<T> {
        let c = self.inner.clone();
        let threads = self.threads;
        shielded(py, what, move || crate::pipeline::corpus::run_in_pool(threads, || f(&c)))?.map_err(|e| to_py_err(py, &e))
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
    Ok(PyCorpus::new(c, threads))
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
    Ok((items.into_iter().map(|(p, id)| (p.display().to_string(), id)).collect(), PyCorpus::new(problems, None)))
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
    PyCorpus::new(c, threads)
}

/// How many times this process has loaded the dictionaries.
#[pyfunction]
fn dictionary_loads() -> usize {
    crate::pipeline::corpus::dictionary_loads()
}

/// The thread loading the shipped dictionaries, started by `preload`.
static PRELOAD: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> = std::sync::Mutex::new(None);

/// Start loading the shipped dictionaries on a thread of their own (once a
/// process; `import zhengce` calls it, before polars is imported, so that the
/// two overlap).
#[pyfunction]
fn preload() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        *PRELOAD.lock().unwrap_or_else(|e| e.into_inner()) = Some(crate::pipeline::corpus::Resources::preload());
    });
}

/// Wait until the dictionaries `preload` started loading are loaded (at
/// once if it was not called or has finished). `os.fork` calls it first: a
/// child forked in the middle of the load would wait for a thread it does
/// not have.
#[pyfunction]
fn wait_preloaded(py: Python<'_>) {
    let handle = PRELOAD.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(h) = handle {
        // A panic in the loader is met again, as an error, by the first read.
        let _ = py.detach(|| h.join());
    }
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

/// The text of a shipped data file read by the Python methods (README,
/// "Methods"): the policy-strength table, the PMC scheme, the CAP mapping, and
/// the label dictionaries and theme taxonomy the coding codebook describes.
#[pyfunction]
fn default_data(py: Python<'_>, name: &str) -> PyResult<&'static str> {
    Ok(match name {
        "policy_strength.tsv" => include_str!("../../data/policy_strength.tsv"),
        "pmc_scheme.tsv" => include_str!("../../data/pmc_scheme.tsv"),
        "cap_topics.tsv" => include_str!("../../data/cap_topics.tsv"),
        "themes.md" => include_str!("../../data/themes.md"),
        "themes.tsv" => crate::label::themes::THEMES,
        "instruments.tsv" => crate::label::instruments::INSTRUMENTS,
        "strength.tsv" => crate::label::strength::STRENGTH,
        other => return Err(value_err(py, format!("no shipped data file named {other:?}"))),
    })
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
    m.add_function(wrap_pyfunction!(preload, m)?)?;
    m.add_function(wrap_pyfunction!(wait_preloaded, m)?)?;
    m.add_function(wrap_pyfunction!(concat_all, m)?)?;
    m.add_function(wrap_pyfunction!(read_number, m)?)?;
    m.add_function(wrap_pyfunction!(parse_chinese_numeral, m)?)?;
    m.add_function(wrap_pyfunction!(default_data, m)?)?;
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
