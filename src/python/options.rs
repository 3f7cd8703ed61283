//! The options of a read — one set for `read`, `read_texts` and
//! `read_planned`. Python's `zhengce.ReadOptions` (python/zhengce/_options.py)
//! types the same options for users and turns manifests and path-likes into
//! what this constructor takes.

use std::collections::HashMap;

use pyo3::prelude::*;

use super::errors::{internal_err, to_py_err, value_err};
use crate::error::Error;
use crate::lexicon::tokens::Source;
use crate::pipeline::corpus::{MetaOverride, Options};

/// Metadata overrides as Python gives them: doc_id, file name or path → field → value.
type Meta = HashMap<String, HashMap<String, Option<String>>>;

/// What to do with a file that cannot be read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OnError {
    /// List it in `corpus.errors` and read the others.
    Collect,
    /// Raise the first problem as its exception.
    Raise,
}

/// The options of one read, checked when made: everything but the
/// dictionaries, which are loaded (without the GIL) when the read starts.
#[pyclass(name = "ReadOptions", module = "zhengce._zhengce", frozen)]
pub struct ReadOptions {
    pub(crate) options: Options,
    pub(crate) config: crate::label::Config,
    pub(crate) on_error: OnError,
}

#[pymethods]
impl ReadOptions {
    /// `meta`: overrides by doc_id, file name or path; `dictionaries`: a kind
    /// of `DICTIONARIES` → paths (`"<default>"` is the shipped file).
    #[new]
    #[pyo3(signature = (*, threads=None, max_bytes=None, meta=None, on_error="collect", dictionaries=None, hmm=false))]
    fn new(
        py: Python<'_>,
        threads: Option<usize>,
        max_bytes: Option<u64>,
        meta: Option<Meta>,
        on_error: &str,
        dictionaries: Option<HashMap<String, Vec<String>>>,
        hmm: bool,
    ) -> PyResult<ReadOptions> {
        let on_error = match on_error {
            "collect" => OnError::Collect,
            "raise" => OnError::Raise,
            other => return Err(value_err(py, format!("on_error must be \"collect\" or \"raise\", not {other:?}"))),
        };
        let mut options = Options { threads, ..Options::default() };
        if let Some(m) = max_bytes {
            options.max_bytes = m;
        }
        options.overrides = overrides(meta.unwrap_or_default()).map_err(|e| to_py_err(py, &e))?;
        let mut config = crate::label::Config { hmm, ..Default::default() };
        for (kind, paths) in dictionaries.unwrap_or_default() {
            let sources = paths.into_iter().map(|p| if p == "<default>" { Source::Default } else { Source::File(p.into()) }).collect();
            config.set(&kind, sources).map_err(|e| to_py_err(py, &e))?;
        }
        Ok(ReadOptions { options, config, on_error })
    }

    /// "collect" or "raise".
    #[getter]
    fn on_error(&self) -> &'static str {
        match self.on_error {
            OnError::Collect => "collect",
            OnError::Raise => "raise",
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "ReadOptions(threads={:?}, max_bytes={}, overrides={}, on_error={:?}, custom_dictionaries={})",
            self.options.threads,
            self.options.max_bytes,
            self.options.overrides.len(),
            self.on_error(),
            !self.config.is_default()
        )
    }
}

impl ReadOptions {
    /// The core's options with the dictionaries loaded (once per
    /// configuration and process; loading jieba's dictionary takes a while,
    /// so it runs without the GIL).
    pub fn load(&self, py: Python<'_>) -> PyResult<Options> {
        let cfg = self.config.clone();
        let resources = py
            .detach(move || crate::error::catch_panic(|| crate::pipeline::corpus::Resources::configured(&cfg)))
            .map_err(|m| {
                internal_err(py, format!("internal error while loading the dictionaries (a bug in zhengce; please report it): {m}"))
            })?
            .map_err(|e| to_py_err(py, &e))?;
        Ok(Options { resources, ..self.options.clone() })
    }
}

/// The overrides of `meta`, each field checked; a field left empty is not set.
fn overrides(meta: Meta) -> Result<HashMap<String, MetaOverride>, Error> {
    let mut out = HashMap::new();
    for (key, fields) in meta {
        let mut o = MetaOverride::default();
        for (field, value) in fields {
            let Some(v) = value.filter(|s| !s.trim().is_empty()) else { continue };
            o.set(&field, &v).map_err(|e| match e {
                Error::Value { field, reason } => Error::Value { field: format!("the override for {key:?}: {field}"), reason },
                other => other,
            })?;
        }
        out.insert(key, o);
    }
    Ok(out)
}
