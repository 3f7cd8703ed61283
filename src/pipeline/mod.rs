//! The corpus: per-document processing in parallel, messy input, the promises every document keeps.

pub mod corpus;
pub mod invariants;
pub mod messy;
