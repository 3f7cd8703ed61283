//! # zhengce — read and compare Chinese policy documents
//!
//! The core is plain Rust. The folders of `src/` are the pipeline, each
//! depending only on the folders above it in this table (a test,
//! `tests/layering.rs`, fails on an upward `use crate::`):
//!
//! | stage | module |
//! |---|---|
//! | the data model: documents, blocks, extracted facts | [`model`], [`error`] |
//! | shared primitives: numbers, dates, characters, line predicates | [`text`] |
//! | tokens, term dictionaries, department names made comparable | [`lexicon`] |
//! | bytes to text: paths, sniffing, decoding, HTML, .docx, PDF | [`input`] |
//! | text to blocks: normalisation, markers, attribution, hierarchy | [`layout`] |
//! | blocks to facts: metadata, targets, deadlines, numbered formulations | [`extract`] |
//! | per-record labels: themes, instruments, strength | [`label`] |
//! | the corpus in parallel, messy input, invariants | [`pipeline`] |
//! | polars frames (the data model as tables) | [`frames`] |
//! | comparisons across groups: feature frames, matrices, similarity, keyness | [`compare`] |
//!
//! The Python bindings live in `python` (feature `python`) and only convert.
//!
//! ```
//! use zhengce::{Corpus, Options};
//! let text = "一、主要任务\n1.提高标准。城市低保标准不低于当地上年度人均可支配收入的20%。（责任单位：救助处）";
//! let corpus = Corpus::from_texts(vec![("demo".into(), text.into())], &Options::default());
//! let doc = &corpus.documents[0];
//! let task = doc.records().map(|(_, b)| b).find(|b| b.path == "1.1").unwrap();
//! assert_eq!(task.departments[0].name, "救助处");
//! ```

pub mod error;
pub mod model;
pub mod text;

pub mod lexicon;

pub mod input;

pub mod layout;

pub mod extract;

pub mod label;

pub mod pipeline;

pub mod frames;

pub mod compare;

pub mod invariants;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, Result};
pub use model::document::Document;
pub use pipeline::corpus::{Corpus, Options};
