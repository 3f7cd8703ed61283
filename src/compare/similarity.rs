//! Similarity between the rows of a document-feature matrix, with the
//! methods of quanteda's `textstat_simil`, kept sparse by a minimum
//! similarity and/or the `top_k` most similar rows of each query row.
//!
//! For rows `x` and `y` over `n` columns:
//! * cosine: `x·y / (‖x‖ ‖y‖)`;
//! * correlation (Pearson): `(n Σxy − Σx Σy) / √((n Σx² − (Σx)²)(n Σy² − (Σy)²))`;
//! * Jaccard (on presence): `|X ∩ Y| / |X ∪ Y|`;
//! * Dice (on presence): `2 |X ∩ Y| / (|X| + |Y|)`.
//!
//! Products are accumulated over the columns each query row shares with the
//! others (an inverted index), so rows that share nothing cost nothing; they
//! have cosine, Jaccard and Dice 0 and are not listed. Correlation is not 0
//! for rows that share nothing (it is −Σx Σy / …, slightly negative), so it
//! is computed for every pair.
//!
//! ```
//! use zhengce::compare::{matrix::Csr, similarity::{similar, Method, Options}};
//! let mut m = Csr::with_cols(3);
//! m.push_row([(0, 1.0), (1, 1.0)]);
//! m.push_row([(0, 1.0)]);
//! m.push_row([(2, 1.0)]);
//! let pairs = similar(&m, &[0], &[0, 1, 2], Method::Jaccard, &Options::default()).unwrap();
//! assert_eq!(pairs, [(0, 1, 0.5)]);
//! ```

use rayon::prelude::*;

use super::matrix::Csr;
use super::value_error;
use crate::error::Error;

/// A similarity measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Cosine,
    Correlation,
    Jaccard,
    Dice,
}

impl Method {
    /// The method named `name`.
    pub fn parse(name: &str) -> Result<Method, Error> {
        match name {
            "cosine" => Ok(Method::Cosine),
            "correlation" => Ok(Method::Correlation),
            "jaccard" => Ok(Method::Jaccard),
            "dice" => Ok(Method::Dice),
            other => Err(value_error("method", format!("{other:?} is not cosine, correlation, jaccard or dice"))),
        }
    }
}

/// What to keep.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Options {
    /// Keep pairs at least this similar.
    pub min_similarity: Option<f64>,
    /// Keep the `top_k` most similar rows of each query row.
    pub top_k: Option<usize>,
    /// Keep a row paired with itself (it is left out by default).
    pub keep_self: bool,
}

/// Most pairs a call may return without `min_similarity` or `top_k`.
pub const MAX_DENSE_PAIRS: usize = 50_000_000;

/// Per-row sums the methods need: (Σx, Σx², number of non-zero cells).
fn row_sums(m: &Csr, r: usize) -> (f64, f64, f64) {
    let (_, v) = m.row(r);
    (v.iter().sum(), v.iter().map(|x| x * x).sum(), v.len() as f64)
}

/// The similarity of two rows from their shared product `dot` (Σxy, or the
/// number of shared columns for the presence measures).
fn score(method: Method, dot: f64, x: (f64, f64, f64), y: (f64, f64, f64), n: f64) -> f64 {
    match method {
        Method::Cosine => {
            let d = (x.1 * y.1).sqrt();
            if d > 0.0 {
                dot / d
            } else {
                0.0
            }
        }
        Method::Correlation => {
            let d = ((n * x.1 - x.0 * x.0) * (n * y.1 - y.0 * y.0)).sqrt();
            if d > 0.0 {
                (n * dot - x.0 * y.0) / d
            } else {
                0.0
            }
        }
        Method::Jaccard => {
            let u = x.2 + y.2 - dot;
            if u > 0.0 {
                dot / u
            } else {
                0.0
            }
        }
        Method::Dice => {
            let u = x.2 + y.2;
            if u > 0.0 {
                2.0 * dot / u
            } else {
                0.0
            }
        }
    }
}

/// The columns of the target rows: for each column, (position in `targets`, value).
fn inverted(m: &Csr, targets: &[usize]) -> Vec<Vec<(u32, f64)>> {
    let mut cols: Vec<Vec<(u32, f64)>> = vec![Vec::new(); m.n_cols];
    for (k, &r) in targets.iter().enumerate() {
        let (c, v) = m.row(r);
        for (&c, &v) in c.iter().zip(v) {
            cols[c as usize].push((k as u32, v));
        }
    }
    cols
}

/// Similar pairs between `queries` and `targets` (row numbers of `m`): (query
/// row, target row, similarity), by query row in the order given, then most
/// similar first, ties by target row. Zero similarities are left out (see the
/// module documentation for correlation).
pub fn similar(m: &Csr, queries: &[usize], targets: &[usize], method: Method, opts: &Options) -> Result<Vec<(usize, usize, f64)>, Error> {
    if opts.min_similarity.is_none() && opts.top_k.is_none() && queries.len().saturating_mul(targets.len()) > MAX_DENSE_PAIRS {
        return Err(value_error(
            "top_k",
            format!("{} × {} pairs is too many to return; give top_k or min_similarity", queries.len(), targets.len()),
        ));
    }
    let presence = matches!(method, Method::Jaccard | Method::Dice);
    let index = inverted(m, targets);
    let t_sums: Vec<(f64, f64, f64)> = targets.iter().map(|&r| row_sums(m, r)).collect();
    // Cosine divides by both norms: each target's square root is taken once,
    // not once per pair.
    let t_norms: Vec<f64> = t_sums.iter().map(|s| s.1.sqrt()).collect();
    let n = m.n_cols as f64;
    let every_pair = method == Method::Correlation;
    let per_query: Vec<Vec<(usize, usize, f64)>> = queries
        .par_iter()
        .map_init(
            || (vec![0.0f64; targets.len()], Vec::<u32>::new()),
            |(acc, touched), &q| {
                let (qc, qv) = m.row(q);
                for (&c, &v) in qc.iter().zip(qv) {
                    for &(k, w) in &index[c as usize] {
                        if acc[k as usize] == 0.0 {
                            touched.push(k);
                        }
                        acc[k as usize] += if presence { 1.0 } else { v * w };
                    }
                }
                let xs = row_sums(m, q);
                let x_norm = xs.1.sqrt();
                let mut best = Best::new(opts.top_k);
                let mut keep = |k: usize, dot: f64| {
                    let t = targets[k];
                    if t == q && !opts.keep_self {
                        return;
                    }
                    let s = match method {
                        Method::Cosine if x_norm > 0.0 && t_norms[k] > 0.0 => dot / (x_norm * t_norms[k]),
                        _ => score(method, dot, xs, t_sums[k], n),
                    };
                    if s != 0.0 && opts.min_similarity.is_none_or(|min| s >= min) {
                        best.offer(t, s);
                    }
                };
                if every_pair {
                    for (k, &dot) in acc.iter().enumerate() {
                        keep(k, dot);
                    }
                } else {
                    for &k in touched.iter() {
                        keep(k as usize, acc[k as usize]);
                    }
                }
                for &k in touched.iter() {
                    acc[k as usize] = 0.0;
                }
                touched.clear();
                best.into_sorted().into_iter().map(|(t, s)| (q, t, s)).collect()
            },
        )
        .collect();
    Ok(per_query.into_iter().flatten().collect())
}

/// A candidate target: (similarity, target row). Ordered so that the *worse*
/// candidate is the greater (lower similarity, then higher row): the top of a
/// max-heap is the first to drop.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate(f64, usize);

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

/// The best candidates of one query: all of them, or with `top_k` only the k
/// best, kept in a heap of k as they come, so that a query sharing a word
/// with most of the corpus neither stores nor sorts every pair.
struct Best {
    k: Option<usize>,
    heap: std::collections::BinaryHeap<Candidate>,
}

impl Best {
    fn new(k: Option<usize>) -> Best {
        Best { k, heap: std::collections::BinaryHeap::with_capacity(k.unwrap_or(0).min(1024)) }
    }

    fn offer(&mut self, target: usize, s: f64) {
        let c = Candidate(s, target);
        match self.k {
            Some(0) => {}
            Some(k) if self.heap.len() >= k => {
                if self.heap.peek().is_some_and(|worst| c < *worst) {
                    self.heap.pop();
                    self.heap.push(c);
                }
            }
            _ => self.heap.push(c),
        }
    }

    /// (target row, similarity), most similar first, ties by target row.
    fn into_sorted(self) -> Vec<(usize, f64)> {
        self.heap.into_sorted_vec().into_iter().map(|Candidate(s, t)| (t, s)).collect()
    }
}

/// The pairs as a frame: a, b (row numbers), similarity.
pub fn pairs_frame(pairs: &[(usize, usize, f64)]) -> Result<polars::prelude::DataFrame, Error> {
    super::frame(
        pairs.len(),
        vec![
            super::col("a", pairs.iter().map(|p| p.0 as i64).collect::<Vec<_>>()),
            super::col("b", pairs.iter().map(|p| p.1 as i64).collect::<Vec<_>>()),
            super::col("similarity", pairs.iter().map(|p| p.2).collect::<Vec<_>>()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Csr {
        let mut m = Csr::with_cols(4);
        m.push_row([(0, 2.0), (1, 1.0)]);
        m.push_row([(0, 1.0), (2, 3.0)]);
        m.push_row([(3, 1.0)]);
        m
    }

    #[test]
    fn cosine_by_hand_and_top_k() {
        let p = similar(&m(), &[0, 1, 2], &[0, 1, 2], Method::Cosine, &Options::default()).unwrap();
        // rows 0 and 1: 2·1 / (√5 · √10).
        let want = 2.0 / (5f64.sqrt() * 10f64.sqrt());
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| (x.2 - want).abs() < 1e-15 && x.0 != x.1));
        let top = similar(&m(), &[0], &[0, 1, 2], Method::Correlation, &Options { top_k: Some(1), ..Default::default() }).unwrap();
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].1, 1);
    }

    #[test]
    fn correlation_of_rows_sharing_nothing_is_negative() {
        let p = similar(&m(), &[0], &[2], Method::Correlation, &Options::default()).unwrap();
        // x = (2,1,0,0), y = (0,0,0,1): n Σxy − Σx Σy = −3.
        let d = ((4.0 * 5.0 - 9.0) * (4.0 * 1.0 - 1.0f64)).sqrt();
        assert!((p[0].2 - (-3.0 / d)).abs() < 1e-15);
    }

    proptest::proptest! {
        /// The bounded heap keeps exactly what a full sort and a cut keep,
        /// ties (many equal similarities) included.
        #[test]
        fn top_k_selection_equals_sorting_everything(
            sims in proptest::collection::vec(1u8..6, 0..60),
            k in proptest::option::of(0usize..12),
        ) {
            let pairs: Vec<(usize, f64)> = sims.iter().enumerate().map(|(t, &x)| (t, f64::from(x) / 5.0)).collect();
            let mut full = pairs.clone();
            full.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            if let Some(k) = k {
                full.truncate(k);
            }
            let mut best = Best::new(k);
            for (t, s) in pairs {
                best.offer(t, s);
            }
            proptest::prop_assert_eq!(best.into_sorted(), full);
        }
    }
}
