//! Task alignment: for each task record of one side (a group such as a
//! province, or one document such as a central opinion), the most similar
//! task records of the other side, by cosine similarity of their tf-idf
//! rows (idf over every task record of the corpus, attribution left out);
//! and the records with no counterpart above the threshold — what one side
//! commits to that the other does not.
//!
//! ```
//! use zhengce::{compare::{align::{align, Side}, matrix::{record_counts, Tfidf}, Groups}, frames, Corpus, Options};
//! let a = "一、任务\n1.提高城乡低保标准。\n2.建设殡仪馆。";
//! let b = "一、任务\n1.逐步提高城乡低保标准。\n2.发展养老服务。";
//! let c = Corpus::from_texts(vec![("a".into(), a.into()), ("b".into(), b.into())], &Options::default());
//! let g = Groups::from_frame(&frames::documents(&c).unwrap(), "doc_id").unwrap();
//! let counts = record_counts(&c.documents, true);
//! let w = Tfidf::default().apply(&counts.matrix);
//! let out = align(&c.documents, &counts, &w, &g, &Side::new("a"), &Side::new("b"), 3, 0.2).unwrap();
//! let matched = out.column("matched").unwrap().bool().unwrap();
//! assert_eq!((matched.get(0), matched.get(1)), (Some(true), Some(false)));
//! ```

use polars::prelude::*;

use super::matrix::{Csr, RecordCounts};
use super::similarity::{similar, Method, Options};
use super::{col, frame, value_error, Groups};
use crate::error::Error;
use crate::model::document::Document;

/// One side of an alignment: doc_ids or group values (a doc_id is tried
/// first), or every record not on the other side.
#[derive(Debug, Clone, PartialEq)]
pub enum Side {
    /// Documents or groups named by these values.
    Named(Vec<String>),
    /// Every task record not on the other side.
    Rest,
}

impl Side {
    /// One doc_id or group value.
    pub fn new(name: &str) -> Side {
        Side::Named(vec![name.to_string()])
    }
}

/// The rows of the record matrix on a side.
fn rows_of(side: &Side, docs: &[Document], counts: &RecordCounts, groups: &Groups, field: &str) -> Result<Vec<usize>, Error> {
    let Side::Named(names) = side else { return Ok(Vec::new()) };
    let mut want_docs = vec![false; docs.len()];
    for name in names {
        if let Some(k) = docs.iter().position(|d| d.doc_id == *name) {
            want_docs[k] = true;
        } else if let Some(g) = groups.find(name) {
            for (k, d) in docs.iter().enumerate() {
                if groups.of(&d.doc_id) == Some(g) {
                    want_docs[k] = true;
                }
            }
        } else {
            return Err(value_error(field, format!("{name:?} is neither a doc_id nor a value of column {:?}", groups.by)));
        }
    }
    Ok(counts.rows.iter().enumerate().filter(|(_, (d, _))| want_docs[*d as usize]).map(|(r, _)| r).collect())
}

/// Align the task records of side `a` with those of side `b` (weighted rows
/// `weights` of `counts`, e.g. tf-idf): for each record of `a` its `top_k`
/// most similar records of `b` with similarity ≥ `min_similarity`, or one row
/// with `matched = false` and no `b` when none reaches it. Columns:
/// doc_id_a, record_id_a, path_a, text_a, doc_id_b, record_id_b, path_b,
/// text_b, similarity, rank (1 = most similar), matched. In the order of the
/// records of `a`.
#[allow(clippy::too_many_arguments)]
pub fn align(
    docs: &[Document],
    counts: &RecordCounts,
    weights: &Csr,
    groups: &Groups,
    a: &Side,
    b: &Side,
    top_k: usize,
    min_similarity: f64,
) -> Result<DataFrame, Error> {
    let qa = rows_of(a, docs, counts, groups, "a")?;
    if qa.is_empty() {
        return Err(value_error("a", "side a has no task records"));
    }
    let tb = match b {
        Side::Rest => {
            let mut on_a = vec![false; counts.rows.len()];
            qa.iter().for_each(|&r| on_a[r] = true);
            (0..counts.rows.len()).filter(|&r| !on_a[r]).collect()
        }
        named => rows_of(named, docs, counts, groups, "b")?,
    };
    let opts = Options { min_similarity: Some(min_similarity), top_k: Some(top_k.max(1)), keep_self: false };
    let pairs = similar(weights, &qa, &tb, Method::Cosine, &opts)?;
    // (row of a, its counterpart: (row of b, similarity, rank) or none).
    type Aligned = (usize, Option<(usize, f64, i64)>);
    let mut rows: Vec<Aligned> = Vec::with_capacity(pairs.len() + qa.len());
    let mut p = pairs.iter().peekable();
    for &q in &qa {
        let mut rank = 0;
        while let Some(&&(pq, t, s)) = p.peek() {
            if pq != q {
                break;
            }
            rank += 1;
            rows.push((q, Some((t, s, rank))));
            p.next();
        }
        if rank == 0 {
            rows.push((q, None));
        }
    }
    let rec = |r: usize| {
        let (d, i) = counts.rows[r];
        let d = &docs[d as usize];
        let b = &d.blocks[i as usize];
        (d.doc_id.as_str(), i as i64, b.path.as_str(), b.text(&d.text))
    };
    let side_a: Vec<_> = rows.iter().map(|(q, _)| rec(*q)).collect();
    let side_b: Vec<Option<_>> = rows.iter().map(|(_, m)| m.map(|(t, _, _)| rec(t))).collect();
    frame(
        rows.len(),
        vec![
            col("doc_id_a", side_a.iter().map(|x| x.0).collect::<Vec<_>>()),
            col("record_id_a", side_a.iter().map(|x| x.1).collect::<Vec<_>>()),
            col("path_a", side_a.iter().map(|x| x.2).collect::<Vec<_>>()),
            col("text_a", side_a.iter().map(|x| x.3).collect::<Vec<_>>()),
            col("doc_id_b", side_b.iter().map(|x| x.map(|x| x.0)).collect::<Vec<_>>()),
            col("record_id_b", side_b.iter().map(|x| x.map(|x| x.1)).collect::<Vec<_>>()),
            col("path_b", side_b.iter().map(|x| x.map(|x| x.2)).collect::<Vec<_>>()),
            col("text_b", side_b.iter().map(|x| x.map(|x| x.3)).collect::<Vec<_>>()),
            col("similarity", rows.iter().map(|(_, m)| m.map(|x| x.1)).collect::<Vec<_>>()),
            col("rank", rows.iter().map(|(_, m)| m.map(|x| x.2)).collect::<Vec<_>>()),
            col("matched", rows.iter().map(|(_, m)| m.is_some()).collect::<Vec<_>>()),
        ],
    )
}
