//! Document-feature matrices: word counts of task records (or of documents,
//! or of any grouping), in compressed sparse row form, and their tf-idf
//! weighting as scikit-learn's `TfidfVectorizer` documents it.
//!
//! The attribution of a record — `（责任单位：省民政厅、省财政厅）`, a trailing
//! `牵头单位：…` segment, and department names named in the text with a role
//! word — is left out by default, as the themes leave it out: it says who
//! acts, not what the record is about, and would make 财政厅 a "distinctive
//! word" of the province that attributes most.
//!
//! tf-idf, for a term `t` in row `d` of `n` rows, with `df(t)` the rows that
//! contain `t`:
//! `tf = count` (or `1 + ln(count)` with `sublinear_tf`),
//! `idf = ln((1 + n) / (1 + df)) + 1` with `smooth_idf` (else `ln(n / df) + 1`),
//! `w = tf · idf`, then each row divided by its L2 norm (`norm = "l2"`), by
//! the sum of absolute values (`"l1"`) or left as is (`None`).
//!
//! ```
//! use zhengce::{compare::matrix::{record_counts, Tfidf}, Corpus, Options};
//! let c = Corpus::from_texts(vec![("d".into(), "一、任务\n1.建设养老机构。（责任单位：省财政厅）\n2.建设养老院。".into())], &Options::default());
//! let m = record_counts(&c.documents, true);
//! assert!(!m.vocabulary.iter().any(|w| w.contains("财政厅")), "attribution left out");
//! let w = Tfidf::default().apply(&m.matrix);
//! let norm: f64 = w.row(0).1.iter().map(|x| x * x).sum();
//! assert!((norm - 1.0).abs() < 1e-12);
//! ```

use std::collections::HashMap;

use polars::prelude::DataFrame;
use rayon::prelude::*;

use super::{col, frame, Groups};
use crate::error::Error;
use crate::layout::departments::split_attribution;
use crate::lexicon::tokens::TokenKind;
use crate::model::document::{Block, BlockKind, Document};

/// A sparse matrix in compressed sparse row form: row `r` holds
/// `data[indptr[r]..indptr[r + 1]]` at columns `indices[..]` (ascending).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Csr {
    pub indptr: Vec<i64>,
    pub indices: Vec<i32>,
    pub data: Vec<f64>,
    pub n_cols: usize,
}

impl Csr {
    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    /// The columns and values of row `r`.
    pub fn row(&self, r: usize) -> (&[i32], &[f64]) {
        let (a, b) = (self.indptr[r] as usize, self.indptr[r + 1] as usize);
        (&self.indices[a..b], &self.data[a..b])
    }

    /// An empty matrix with `n_cols` columns, to push rows onto.
    pub fn with_cols(n_cols: usize) -> Csr {
        Csr { indptr: vec![0], indices: Vec::new(), data: Vec::new(), n_cols }
    }

    /// Append a row of (column, value) cells, columns ascending.
    pub fn push_row(&mut self, cells: impl IntoIterator<Item = (i32, f64)>) {
        for (c, v) in cells {
            self.indices.push(c);
            self.data.push(v);
        }
        self.indptr.push(self.indices.len() as i64);
    }

    /// The sum of the rows of each group: `group_of[r]` is row `r`'s group
    /// (None: left out); the result has one row per group.
    pub fn sum_rows(&self, group_of: &[Option<u32>], n_groups: usize) -> Csr {
        let mut sums: Vec<HashMap<i32, f64>> = vec![HashMap::new(); n_groups];
        for (r, g) in group_of.iter().enumerate() {
            let Some(g) = g else { continue };
            let (cols, vals) = self.row(r);
            let s = &mut sums[*g as usize];
            for (&c, &v) in cols.iter().zip(vals) {
                *s.entry(c).or_insert(0.0) += v;
            }
        }
        let mut out = Csr::with_cols(self.n_cols);
        for s in sums {
            let mut cells: Vec<(i32, f64)> = s.into_iter().collect();
            cells.sort_unstable_by_key(|x| x.0);
            out.push_row(cells);
        }
        out
    }

    /// Column sums (dense).
    pub fn col_sums(&self) -> Vec<f64> {
        let mut s = vec![0.0; self.n_cols];
        for (&c, &v) in self.indices.iter().zip(&self.data) {
            s[c as usize] += v;
        }
        s
    }
}

/// Word counts of the task records of a corpus.
#[derive(Debug, Clone, Default)]
pub struct RecordCounts {
    /// One row per task record, in document order.
    pub matrix: Csr,
    /// The words of the columns, in code-point order.
    pub vocabulary: Vec<String>,
    /// Index (into the corpus's documents) and record index of each row.
    pub rows: Vec<(u32, u32)>,
    /// Column sums over every row (the corpus's word totals), kept so that a
    /// comparison of one group with the rest sums only the group's rows.
    pub totals: Vec<f64>,
}

/// Byte spans of a record's text (relative to the text) that attribute it:
/// the trailing attribution and every department name.
fn attribution_spans(b: &Block, text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = b
        .departments
        .iter()
        .filter(|d| d.start >= b.text_start && d.end <= b.end)
        .map(|d| (d.start - b.text_start, d.end - b.text_start))
        .collect();
    if let (_, Some(at)) = split_attribution(text) {
        spans.push((at, text.len()));
    }
    spans
}

/// Word tokens of each task record of one document (stop words, numbers and
/// punctuation left out): (record index, words).
pub fn record_words(d: &Document, exclude_attribution: bool) -> Vec<(usize, Vec<&str>)> {
    let lex = crate::label::lexicons_of(&d.labels);
    d.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Task)
        .map(|(i, b)| {
            let text = b.text(&d.text);
            let masked = if exclude_attribution { attribution_spans(b, text) } else { Vec::new() };
            let words = lex
                .tokenizer
                .cut(text)
                .into_iter()
                .filter(|t| lex.tokenizer.kind(t.word) == Some(TokenKind::Word))
                .filter(|t| !masked.iter().any(|&(s, e)| t.start < e && t.end > s))
                .map(|t| t.word)
                .collect();
            (i, words)
        })
        .collect()
}

/// Count the words of every task record (in parallel; the result does not
/// depend on the thread count).
pub fn record_counts(docs: &[Document], exclude_attribution: bool) -> RecordCounts {
    struct Local<'a> {
        words: Vec<&'a str>,
        rows: Vec<(usize, Vec<(u32, f64)>)>,
    }
    let locals: Vec<Local> = docs
        .par_iter()
        .map(|d| {
            let mut ids: HashMap<&str, u32> = HashMap::new();
            let mut words: Vec<&str> = Vec::new();
            let mut rows = Vec::new();
            for (i, ws) in record_words(d, exclude_attribution) {
                let mut row: HashMap<u32, f64> = HashMap::new();
                for w in ws {
                    let id = *ids.entry(w).or_insert_with(|| {
                        words.push(w);
                        (words.len() - 1) as u32
                    });
                    *row.entry(id).or_insert(0.0) += 1.0;
                }
                rows.push((i, row.into_iter().collect()));
            }
            Local { words, rows }
        })
        .collect();
    let mut vocabulary: Vec<&str> = locals.iter().flat_map(|l| l.words.iter().copied()).collect();
    vocabulary.par_sort_unstable();
    vocabulary.dedup();
    let column: HashMap<&str, i32> = vocabulary.iter().enumerate().map(|(i, w)| (*w, i as i32)).collect();
    let mut out = RecordCounts {
        matrix: Csr::with_cols(vocabulary.len()),
        vocabulary: vocabulary.iter().map(|w| w.to_string()).collect(),
        rows: Vec::new(),
        totals: Vec::new(),
    };
    for (k, l) in locals.iter().enumerate() {
        let to_global: Vec<i32> = l.words.iter().map(|w| column[w]).collect();
        for (i, row) in &l.rows {
            let mut cells: Vec<(i32, f64)> = row.iter().map(|&(c, n)| (to_global[c as usize], n)).collect();
            cells.sort_unstable_by_key(|x| x.0);
            out.matrix.push_row(cells);
            out.rows.push((k as u32, *i as u32));
        }
    }
    out.totals = out.matrix.col_sums();
    out
}

/// The labels of the rows of the record matrix: doc_id, record_id, path.
pub fn record_labels(docs: &[Document], counts: &RecordCounts) -> Result<DataFrame, Error> {
    let ids: Vec<&str> = counts.rows.iter().map(|(d, _)| docs[*d as usize].doc_id.as_str()).collect();
    let rid: Vec<i64> = counts.rows.iter().map(|(_, i)| *i as i64).collect();
    let path: Vec<&str> = counts.rows.iter().map(|(d, i)| docs[*d as usize].blocks[*i as usize].path.as_str()).collect();
    frame(ids.len(), vec![col("doc_id", ids), col("record_id", rid), col("path", path)])
}

/// The count matrix of task records (`by = "record"`: rows doc_id,
/// record_id, path), of documents (`"document"`: rows doc_id) or of the
/// groups of a column of `documents` (rows: that column, in group order;
/// documents missing from the frame are left out).
pub fn grouped_matrix(docs: &[Document], counts: &RecordCounts, documents: &DataFrame, by: &str) -> Result<(Csr, DataFrame), Error> {
    if by == "record" {
        return Ok((counts.matrix.clone(), record_labels(docs, counts)?));
    }
    let column = if by == "document" { "doc_id" } else { by };
    let groups = Groups::from_frame(documents, column)?;
    let group_of: Vec<Option<u32>> = counts.rows.iter().map(|(d, _)| groups.of(&docs[*d as usize].doc_id)).collect();
    let m = counts.matrix.sum_rows(&group_of, groups.len());
    let all: Vec<u32> = (0..groups.len() as u32).collect();
    let rows = frame(groups.len(), vec![groups.column(&all)?])?;
    Ok((m, rows))
}

/// Row normalisation of tf-idf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    L1,
    L2,
    None,
}

/// tf-idf weighting with scikit-learn's options and defaults (smooth idf,
/// raw tf, L2 rows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tfidf {
    pub smooth_idf: bool,
    pub sublinear_tf: bool,
    pub norm: Norm,
}

impl Default for Tfidf {
    fn default() -> Self {
        Tfidf { smooth_idf: true, sublinear_tf: false, norm: Norm::L2 }
    }
}

impl Tfidf {
    /// The idf of each column of a count matrix.
    pub fn idf(&self, counts: &Csr) -> Vec<f64> {
        let mut df = vec![0usize; counts.n_cols];
        for &c in &counts.indices {
            df[c as usize] += 1;
        }
        let (n, s) = (counts.n_rows() as f64, if self.smooth_idf { 1.0 } else { 0.0 });
        df.iter().map(|&d| ((n + s) / (d as f64 + s)).ln() + 1.0).collect()
    }

    /// The weighted matrix (same shape and sparsity).
    pub fn apply(&self, counts: &Csr) -> Csr {
        let idf = self.idf(counts);
        let mut out = counts.clone();
        out.data.par_chunks_mut(1 << 16).zip(out.indices.par_chunks(1 << 16)).for_each(|(vals, cols)| {
            for (v, &c) in vals.iter_mut().zip(cols) {
                let tf = if self.sublinear_tf { 1.0 + v.ln() } else { *v };
                *v = tf * idf[c as usize];
            }
        });
        normalize_rows(&mut out, self.norm);
        out
    }
}

/// Divide each row by its norm (rows of norm 0 stay zero).
pub fn normalize_rows(m: &mut Csr, norm: Norm) {
    if norm == Norm::None {
        return;
    }
    for r in 0..m.n_rows() {
        let (a, b) = (m.indptr[r] as usize, m.indptr[r + 1] as usize);
        let row = &mut m.data[a..b];
        let n = match norm {
            Norm::L1 => row.iter().map(|x| x.abs()).sum::<f64>(),
            _ => row.iter().map(|x| x * x).sum::<f64>().sqrt(),
        };
        if n > 0.0 {
            row.iter_mut().for_each(|x| *x /= n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::corpus::{Corpus, Options};

    #[test]
    fn idf_and_sublinear_tf_follow_the_formulas() {
        // Rows: {0: 2, 1: 1}, {1: 1}, {2: 4}.
        let mut m = Csr::with_cols(3);
        m.push_row([(0, 2.0), (1, 1.0)]);
        m.push_row([(1, 1.0)]);
        m.push_row([(2, 4.0)]);
        let t = Tfidf { smooth_idf: false, sublinear_tf: true, norm: Norm::None };
        let w = t.apply(&m);
        // idf(col 0) = ln(3/1) + 1; tf = 1 + ln 2.
        assert!((w.data[0] - (1.0 + 2f64.ln()) * (3f64.ln() + 1.0)).abs() < 1e-12);
        // idf(col 1) = ln(3/2) + 1, smoothed: ln(4/3) + 1.
        assert!((Tfidf::default().idf(&m)[1] - ((4.0f64 / 3.0).ln() + 1.0)).abs() < 1e-12);
        let g = m.sum_rows(&[Some(0), Some(0), None], 1);
        assert_eq!(g.row(0), (&[0, 1][..], &[2.0, 2.0][..]));
    }

    #[test]
    fn attribution_and_role_named_departments_are_left_out() {
        let text = "一、任务\n1.加强养老服务。（省民政厅牵头，省卫生健康委配合）\n2.提高低保标准。（责任单位：省民政厅、省财政厅）";
        let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
        let with = record_counts(&c.documents, false);
        let without = record_counts(&c.documents, true);
        assert!(with.vocabulary.iter().any(|w| w.contains("财政厅")), "{:?}", with.vocabulary);
        assert!(
            !without.vocabulary.iter().any(|w| w.contains("财政厅")
                || w.contains("民政厅")
                || w.contains("卫生健康委")
                || w == "牵头"
                || w == "责任"),
            "{:?}",
            without.vocabulary
        );
        assert!(without.vocabulary.contains(&"低保标准".to_string()) || without.vocabulary.contains(&"低保".to_string()));
    }
}
