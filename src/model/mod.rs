//! The data model: pure data, depending on nothing but std (and the error type).

pub mod document;
pub mod facts;
