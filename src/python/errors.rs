//! Errors across the boundary: every core [`Error`] becomes an exception of
//! `zhengce._errors` — all subclasses of `zhengce.ZhengceError` — with the
//! file (`.path`, None when there is none), the stable `.kind`, the values of
//! its message (`.context`) and, for an operating-system error, that error as
//! `__cause__` (an `OSError` with its errno), the way polars-python maps its
//! errors (`From<…> for PyErr`, IO errors as `FileNotFoundError` /
//! `PermissionError`). The classes are defined in Python because some have
//! two bases (`NotFoundError` is a `ReadError` and a `FileNotFoundError`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::Error;

/// A zhengce exception of the class `class` of `zhengce._errors`.
pub fn zc_err(py: Python<'_>, class: &str, message: String, path: Option<String>, kind: Option<&str>, context: &[(&str, String)]) -> PyErr {
    let made = || -> PyResult<PyErr> {
        let cls = py.import("zhengce._errors")?.getattr(class)?;
        let ctx = PyDict::new(py);
        for (k, v) in context {
            ctx.set_item(k, v)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("path", path)?;
        kwargs.set_item("kind", kind)?;
        kwargs.set_item("context", ctx)?;
        Ok(PyErr::from_value(cls.call((message,), Some(&kwargs))?))
    };
    // Only a broken installation (no zhengce._errors) gets here.
    made().unwrap_or_else(|e| e)
}

/// An invalid argument value: `zhengce.InvalidValueError` (also a `ValueError`).
pub fn value_err(py: Python<'_>, message: String) -> PyErr {
    zc_err(py, "InvalidValueError", message, None, Some("value"), &[])
}

/// A bug caught at the boundary: `zhengce.InternalError`.
pub fn internal_err(py: Python<'_>, message: String) -> PyErr {
    zc_err(py, "InternalError", message, None, Some("internal"), &[])
}

/// The class of `zhengce._errors` for a core error.
fn class_of(e: &Error) -> &'static str {
    use std::io::ErrorKind;
    match e {
        Error::NotFound { .. } => "NotFoundError",
        Error::Io { .. } => match e.cause().map(|c| c.io_kind()) {
            Some(ErrorKind::NotFound) => "NotFoundError",
            Some(ErrorKind::PermissionDenied) => "PermissionDeniedError",
            _ => "ReadError",
        },
        Error::Pattern { .. } => "ReadError",
        Error::Decode { .. } => "DecodeError",
        Error::Format { .. } => "FormatError",
        Error::TooLarge { .. } => "DocumentTooLargeError",
        Error::DataFile { .. } => "DataFileError",
        Error::Value { .. } => "InvalidValueError",
        Error::Internal { .. } => "InternalError",
    }
}

/// The Python exception of a core error: the matching `ZhengceError`
/// subclass with `path`, `kind` and `context`, and the operating system's
/// error as `__cause__`.
pub fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let path = e.path().map(|p| p.display().to_string());
    let err = zc_err(py, class_of(e), e.to_string(), path, Some(e.kind()), &e.context());
    if let Some(c) = e.cause() {
        // A fresh io::Error of the same kind and errno: pyo3 maps it to the
        // matching OSError subclass (FileNotFoundError, PermissionError …).
        let os = match c.errno() {
            Some(n) => std::io::Error::from_raw_os_error(n),
            None => std::io::Error::new(c.io_kind(), c.to_string()),
        };
        err.set_cause(py, Some(PyErr::from(os)));
    }
    err
}
