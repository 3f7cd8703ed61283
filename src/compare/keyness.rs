//! Keyness: which words are distinctive of one group against a reference
//! (the rest of the corpus, another group, or frequencies a user supplies),
//! and word frequencies by group.
//!
//! For a word with count `a` in the target and `b` in the reference, whose
//! word totals are `Nt` and `Nr`, the 2×2 table is `O = [[a, b], [Nt − a,
//! Nr − b]]`, `N = Nt + Nr`, and the expected counts are
//! `E_ij = row_i · col_j / N`. Then, as `scipy.stats.chi2_contingency` and
//! quanteda's `textstat_keyness` compute them:
//!
//! * `chi2 = Σ (|O − E| − c)² / E` with `c = 0` (no correction) or, with the
//!   Yates correction, `c = min(0.5, |O − E|)`;
//! * `g2 = 2 Σ O' ln(O' / E)` (log-likelihood; `0 ln 0 = 0`), with `O' = O`,
//!   or `O` moved by `c` towards `E` under the Yates correction;
//! * the Williams correction divides either statistic by
//!   `q = 1 + (N/r1 + N/r2 − 1)(N/c1 + N/c2 − 1) / (6N)`;
//! * `p` is the chi-squared (1 degree of freedom) upper tail of the measure:
//!   `erfc(√(x/2))`;
//! * `chi2` and `g2` are signed: negative when `a < E_11` (the word is rarer in
//!   the target than expected), as quanteda reports them;
//! * `pmi = ln(a / E_11)` (null when `a = 0`);
//! * `log_ratio = log2((a / Nt) / (b / Nr))`, a zero count replaced by 0.5
//!   (Hardie's effect size).
//!
//! ```
//! use zhengce::compare::keyness::{table_stats, Correction};
//! let s = table_stats(10.0, 20.0, 100.0, 400.0, Correction::None);
//! // E = [[6, 24], [94, 376]]: chi2 = 16 (1/6 + 1/24 + 1/94 + 1/376).
//! assert!((s.chi2 - 3.5461).abs() < 1e-4);
//! ```

use std::collections::HashMap;

use polars::prelude::*;

use super::matrix::RecordCounts;
use super::{col, frame, value_error, Groups};
use crate::error::Error;
use crate::model::document::Document;

/// A continuity correction of the 2×2 statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correction {
    None,
    Yates,
    Williams,
}

impl Correction {
    /// The correction named `name`: none, yates or williams.
    pub fn parse(name: Option<&str>) -> Result<Correction, Error> {
        match name {
            None | Some("none") => Ok(Correction::None),
            Some("yates") => Ok(Correction::Yates),
            Some("williams") => Ok(Correction::Williams),
            Some(other) => Err(value_error("correction", format!("{other:?} is not yates, williams or None"))),
        }
    }
}

/// The statistics of one word's 2×2 table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub chi2: f64,
    pub g2: f64,
    pub p_chi2: f64,
    pub p_g2: f64,
    pub pmi: Option<f64>,
    pub log_ratio: f64,
}

/// Upper tail of the chi-squared distribution with one degree of freedom.
pub fn chi2_sf_1(x: f64) -> f64 {
    libm::erfc((x.max(0.0) / 2.0).sqrt())
}

/// The statistics of a word with `a` occurrences among `nt` target words and
/// `b` among `nr` reference words (see the module documentation).
pub fn table_stats(a: f64, b: f64, nt: f64, nr: f64, correction: Correction) -> Stats {
    let n = nt + nr;
    let obs = [a, b, nt - a, nr - b];
    let (r1, r2, c1, c2) = (a + b, n - a - b, nt, nr);
    let exp = [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n];
    let (mut chi2, mut g2) = (0.0, 0.0);
    for (o, e) in obs.iter().zip(exp) {
        if e <= 0.0 {
            continue;
        }
        let d = o - e;
        let c = if correction == Correction::Yates { d.abs().min(0.5) } else { 0.0 };
        chi2 += (d.abs() - c).powi(2) / e;
        let o2 = o - d.signum() * c;
        if o2 > 0.0 {
            g2 += 2.0 * o2 * (o2 / e).ln();
        }
    }
    if correction == Correction::Williams && r1 > 0.0 && r2 > 0.0 && c1 > 0.0 && c2 > 0.0 {
        let q = 1.0 + (n / r1 + n / r2 - 1.0) * (n / c1 + n / c2 - 1.0) / (6.0 * n);
        chi2 /= q;
        g2 /= q;
    }
    let sign = if a < exp[0] { -1.0 } else { 1.0 };
    let (p_chi2, p_g2) = (chi2_sf_1(chi2), chi2_sf_1(g2));
    let pmi = (a > 0.0 && exp[0] > 0.0).then(|| (a / exp[0]).ln());
    let rel = |x: f64, tot: f64| if x > 0.0 { x / tot } else { 0.5 / tot };
    let log_ratio = (rel(a, nt) / rel(b, nr)).log2();
    Stats { chi2: sign * chi2, g2: sign * g2, p_chi2, p_g2, pmi, log_ratio }
}

/// How keyness ranks words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Chi2,
    G2,
    Pmi,
    LogRatio,
}

impl Measure {
    /// The measure named `name`: chi2, g2 (also lr), pmi or log_ratio.
    pub fn parse(name: &str) -> Result<Measure, Error> {
        match name {
            "chi2" => Ok(Measure::Chi2),
            "g2" | "lr" => Ok(Measure::G2),
            "pmi" => Ok(Measure::Pmi),
            "log_ratio" => Ok(Measure::LogRatio),
            other => Err(value_error("measure", format!("{other:?} is not chi2, g2, pmi or log_ratio"))),
        }
    }
}

/// What the target is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    /// Every other group.
    Rest,
    /// One named group.
    Group(String),
    /// Word counts a user supplies (a reference corpus).
    Counts(HashMap<String, f64>),
}

/// Word counts of each group (task records, attribution left out when the
/// counts were made so): one map column → count per group.
pub fn group_counts(docs: &[Document], counts: &RecordCounts, groups: &Groups) -> Vec<Vec<f64>> {
    let mut out = vec![vec![0.0; counts.matrix.n_cols]; groups.len()];
    let group_of = doc_groups(docs, groups);
    for (r, (d, _)) in counts.rows.iter().enumerate() {
        let Some(g) = group_of[*d as usize] else { continue };
        let (cols, vals) = counts.matrix.row(r);
        let s = &mut out[g as usize];
        for (&c, &v) in cols.iter().zip(vals) {
            s[c as usize] += v;
        }
    }
    out
}

/// The group of each document (looked up once per document, not per row).
fn doc_groups(docs: &[Document], groups: &Groups) -> Vec<Option<u32>> {
    docs.iter().map(|d| groups.of(&d.doc_id)).collect()
}

/// Column sums of the rows whose document's group passes `keep`.
fn sum_rows(counts: &RecordCounts, group_of: &[Option<u32>], keep: impl Fn(u32) -> bool) -> Vec<f64> {
    let mut out = vec![0.0; counts.matrix.n_cols];
    for (r, (d, _)) in counts.rows.iter().enumerate() {
        if group_of[*d as usize].is_some_and(&keep) {
            let (cols, vals) = counts.matrix.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                out[c as usize] += v;
            }
        }
    }
    out
}

/// Keyness of the words of group `target` against `reference`, ranked by
/// `measure` (most distinctive of the target first; ties by word). Columns:
/// term, n_target, n_reference, chi2, g2, p (of the measure; of g2 for pmi
/// and log_ratio), pmi, log_ratio. Words absent from both are left out.
pub fn keyness(
    docs: &[Document],
    counts: &RecordCounts,
    groups: &Groups,
    target: &str,
    reference: &Reference,
    measure: Measure,
    correction: Correction,
) -> Result<DataFrame, Error> {
    let t = groups
        .find(target)
        .ok_or_else(|| value_error("target", format!("no group {target:?} in column {:?} (groups: {})", groups.by, labels(groups))))?;
    // Only the rows of the groups asked for are summed (the rest is every
    // grouped row minus the target's), not a dense vector per group.
    let group_of = doc_groups(docs, groups);
    let tv = sum_rows(counts, &group_of, |g| g == t);
    let rv: Vec<f64> = match reference {
        // The rest is the corpus minus the target, unless some documents are
        // in no group (missing from the documents frame): then it is summed.
        Reference::Rest if group_of.iter().all(Option::is_some) => counts.totals.iter().zip(&tv).map(|(n, a)| n - a).collect(),
        Reference::Rest => sum_rows(counts, &group_of, |g| g != t),
        Reference::Group(name) => {
            let g = groups.find(name).ok_or_else(|| value_error("reference", format!("no group {name:?} (groups: {})", labels(groups))))?;
            sum_rows(counts, &group_of, |x| x == g)
        }
        Reference::Counts(_) => Vec::new(),
    };
    let mut terms: Vec<&str> = counts.vocabulary.iter().map(String::as_str).collect();
    let mut a: Vec<f64> = tv;
    let mut b: Vec<f64> = rv;
    if let Reference::Counts(m) = reference {
        // The user's words join the vocabulary; theirs are the reference counts.
        let index: HashMap<&str, usize> = terms.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        b = vec![0.0; terms.len()];
        let mut extra: Vec<(&str, f64)> = Vec::new();
        for (w, &n) in m {
            match index.get(w.as_str()) {
                Some(&i) => b[i] = n,
                None => extra.push((w, n)),
            }
        }
        extra.sort_by(|x, y| x.0.cmp(y.0));
        for (w, n) in extra {
            terms.push(w);
            a.push(0.0);
            b.push(n);
        }
    }
    let (nt, nr): (f64, f64) = (a.iter().sum(), b.iter().sum());
    if nt <= 0.0 || nr <= 0.0 {
        return Err(value_error("reference", format!("the target ({nt} words) and the reference ({nr} words) must both have words")));
    }
    let mut rows: Vec<(usize, Stats)> =
        (0..terms.len()).filter(|&i| a[i] + b[i] > 0.0).map(|i| (i, table_stats(a[i], b[i], nt, nr, correction))).collect();
    let key = |s: &Stats| match measure {
        Measure::Chi2 => s.chi2,
        Measure::G2 => s.g2,
        Measure::Pmi => s.pmi.unwrap_or(f64::NEG_INFINITY),
        Measure::LogRatio => s.log_ratio,
    };
    rows.sort_by(|x, y| key(&y.1).total_cmp(&key(&x.1)).then_with(|| terms[x.0].cmp(terms[y.0])));
    let p = |s: &Stats| if measure == Measure::Chi2 { s.p_chi2 } else { s.p_g2 };
    let h = rows.len();
    frame(
        h,
        vec![
            col("term", rows.iter().map(|r| terms[r.0]).collect::<Vec<_>>()),
            col("n_target", rows.iter().map(|r| a[r.0] as i64).collect::<Vec<_>>()),
            col("n_reference", rows.iter().map(|r| b[r.0]).collect::<Vec<_>>()),
            col("chi2", rows.iter().map(|r| r.1.chi2).collect::<Vec<_>>()),
            col("g2", rows.iter().map(|r| r.1.g2).collect::<Vec<_>>()),
            col("p", rows.iter().map(|r| p(&r.1)).collect::<Vec<_>>()),
            col("pmi", rows.iter().map(|r| r.1.pmi).collect::<Vec<_>>()),
            col("log_ratio", rows.iter().map(|r| r.1.log_ratio).collect::<Vec<_>>()),
        ],
    )
}

fn labels(groups: &Groups) -> String {
    groups.labels.iter().map(|l| l.as_deref().unwrap_or("null")).collect::<Vec<_>>().join(", ")
}

/// Word frequencies by group: the `by` column, term, n (occurrences in the
/// group's task records), n_records (task records containing it), share (n
/// over the group's words); groups in group order, most frequent first, ties
/// by word. `top` keeps the first `top` words of each group.
pub fn frequencies(docs: &[Document], counts: &RecordCounts, groups: &Groups, top: Option<usize>) -> Result<DataFrame, Error> {
    let mut n = vec![HashMap::<i32, (f64, i64)>::new(); groups.len()];
    for (r, (d, _)) in counts.rows.iter().enumerate() {
        let Some(g) = groups.of(&docs[*d as usize].doc_id) else { continue };
        let (cols, vals) = counts.matrix.row(r);
        for (&c, &v) in cols.iter().zip(vals) {
            let e = n[g as usize].entry(c).or_default();
            e.0 += v;
            e.1 += 1;
        }
    }
    let (mut g_rows, mut term, mut cnt, mut recs, mut share) = (vec![], vec![], vec![], vec![], vec![]);
    for (g, m) in n.iter().enumerate() {
        let total: f64 = m.values().map(|x| x.0).sum();
        let mut rows: Vec<(&i32, &(f64, i64))> = m.iter().collect();
        rows.sort_by(|x, y| y.1 .0.total_cmp(&x.1 .0).then_with(|| x.0.cmp(y.0)));
        for (c, (k, r)) in rows.into_iter().take(top.unwrap_or(usize::MAX)) {
            g_rows.push(g as u32);
            term.push(counts.vocabulary[*c as usize].as_str());
            cnt.push(*k as i64);
            recs.push(*r);
            share.push(k / total);
        }
    }
    let h = g_rows.len();
    frame(h, vec![groups.column(&g_rows)?, col("term", term), col("n", cnt), col("n_records", recs), col("share", share)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 2×2 table [[10, 20], [90, 380]] worked by hand.
    /// N = 500, row sums 30 / 470, column sums 100 / 400;
    /// E = [[6, 24], [94, 376]]; O − E = ±4 in every cell.
    #[test]
    fn a_two_by_two_table_by_hand() {
        let inv = 1.0 / 6.0 + 1.0 / 24.0 + 1.0 / 94.0 + 1.0 / 376.0;
        let s = table_stats(10.0, 20.0, 100.0, 400.0, Correction::None);
        assert!((s.chi2 - 16.0 * inv).abs() < 1e-12, "{}", s.chi2);
        let g2 = 2.0
            * (10.0 * (10.0f64 / 6.0).ln() + 20.0 * (20.0f64 / 24.0).ln() + 90.0 * (90.0f64 / 94.0).ln() + 380.0 * (380.0f64 / 376.0).ln());
        assert!((s.g2 - g2).abs() < 1e-12);
        // Yates: |O − E| − 0.5 = 3.5 in every cell.
        let y = table_stats(10.0, 20.0, 100.0, 400.0, Correction::Yates);
        assert!((y.chi2 - 12.25 * inv).abs() < 1e-12);
        // Williams: q = 1 + (500/30 + 500/470 − 1)(500/100 + 500/400 − 1) / 3000.
        let q = 1.0 + (500.0 / 30.0 + 500.0 / 470.0 - 1.0) * (5.0 + 1.25 - 1.0) / 3000.0;
        let w = table_stats(10.0, 20.0, 100.0, 400.0, Correction::Williams);
        assert!((w.chi2 - 16.0 * inv / q).abs() < 1e-12 && (w.g2 - g2 / q).abs() < 1e-12);
        // pmi = ln(10 / 6); log ratio = log2((10/100) / (20/400)) = 1.
        assert!((s.pmi.unwrap() - (10.0f64 / 6.0).ln()).abs() < 1e-12);
        assert!((s.log_ratio - 1.0).abs() < 1e-12);
        // Rarer than expected: negative.
        assert!(table_stats(1.0, 40.0, 100.0, 400.0, Correction::None).chi2 < 0.0);
        // p of chi2 = 3.841 (the 5 % point of one degree of freedom) is 0.05.
        assert!((chi2_sf_1(3.841_458_820_694_124) - 0.05).abs() < 1e-12);
    }
}
