//! # zhengce — read and compare Chinese policy documents
//!
//! The core is plain Rust, one module per stage of the pipeline:
//!
//! | stage | module |
//! |---|---|
//! | read files, detect formats, decode | [`read`], [`formats`] |
//! | normalise, keeping offsets | [`normalize`] |
//! | numbered markers and the hierarchy | [`markers`], [`structure`] |
//! | document metadata | [`meta`] |
//! | responsible departments | [`departments`] |
//! | numbers, targets, deadlines | [`numbers`], [`targets`] |
//! | numbered formulations | [`slogans`] |
//! | tokens (jieba-rs, civil-affairs dictionary, stop words) | [`tokens`] |
//! | term dictionaries and whole-token matching | [`terms`] |
//! | per-record labels: themes, instruments, strength | [`labels`], [`themes`], [`instruments`], [`strength`] |
//! | departments made comparable (canonical name, category, level) | [`agencies`] |
//! | the corpus, in parallel | [`corpus`] |
//! | polars frames (the data model) | [`frames`] |
//!
//! The Python bindings live in `python` (feature `python`) and only convert.
//!
//! ```
//! use zhengce::corpus::{Corpus, Options};
//! let text = "一、主要任务\n1.提高标准。城市低保标准不低于当地上年度人均可支配收入的20%。（责任单位：救助处）";
//! let corpus = Corpus::from_texts(vec![("demo".into(), text.into())], &Options::default());
//! let doc = &corpus.documents[0];
//! let task = doc.records().map(|(_, b)| b).find(|b| b.path == "1.1").unwrap();
//! assert_eq!(task.departments[0].name, "救助处");
//! ```

pub mod agencies;
pub mod corpus;
pub mod departments;
pub mod document;
pub mod error;
pub mod formats;
pub mod instruments;
pub mod invariants;
pub mod labels;
pub mod markers;
pub mod meta;
pub mod messy;
pub mod normalize;
pub mod numbers;
pub mod read;
mod scan;
pub mod slogans;
pub mod strength;
pub mod structure;
pub mod targets;
pub mod terms;
pub mod themes;
pub mod tokens;

pub use corpus::{Corpus, Options};
pub use document::Document;
pub use error::{Error, Result};
pub mod frames;

#[cfg(feature = "python")]
mod python;
